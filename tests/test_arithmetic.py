from decimal import Decimal

import pytest

from conftest import seed
from checks.arithmetic import interval, pct_interval, sum_verdict
from lint.facts import Facts
from lint.model import Quantity
from lint.rules import REGISTRY, Severity, all_rules
from lint.source import Source, read_path

all_rules()
A_CODES = sorted(code for code in REGISTRY if code.startswith("A"))


def run_facts(facts: Facts, codes=None):
    out = []
    for code in codes or A_CODES:
        rule = REGISTRY[code]
        for diag in rule.check(facts):
            severity = diag.severity or rule.severity
            related = {facts.line_of(r.span[0]) for r in diag.related}
            out.append((facts.line_of(diag.span[0]), code, severity, diag.message, related))
    return out


def run(text: str, codes=None):
    return run_facts(Facts(Source("t.md", text)), codes)


def codes_of(text: str):
    return [(code, severity) for _, code, severity, _, _ in run(text)]


def q(value: str, unit: str = "万元", hedge: str = "") -> Quantity:
    decimals = len(value.split(".")[1]) if "." in value else 0
    return Quantity(Decimal(value), decimals, unit, (0, 0), hedge=hedge)


# --- intervals ------------------------------------------------------------------------------------


def test_interval_from_written_precision():
    assert interval(q("80.2", "%")) == (Decimal("80.15"), Decimal("80.25"))
    assert interval(q("15343", "户")) == (Decimal(15343), Decimal(15343))       # counts are exact
    lo, hi = interval(q("98"))                                                 # 98 万元 ± 0.5 万元
    assert (lo, hi) == (Decimal("975000.0"), Decimal("985000.0"))


def test_hedges_widen_in_their_direction():
    assert interval(q("460", "人次", "近"))[0] == 0 and interval(q("460", "人次", "近"))[1] == Decimal("460.5")
    assert interval(q("400", "人次", "超"))[1] == Decimal("Infinity")
    lo, hi = pct_interval(q("93", "%", "约为"))
    assert lo < Decimal("93") < Decimal("93.8") < hi


def test_sum_tolerance_is_the_sum_of_half_units():
    # 523.39 + 142.46 + 5.01 + 43.22 = 714.08 against 714.07: inside five half-units of 0.005
    assert sum_verdict(q("714.07"), [q("523.39"), q("142.46"), q("5.01"), q("43.22")])[0] == "ok"
    assert sum_verdict(q("714.04"), [q("523.39"), q("142.46"), q("5.01"), q("43.22")])[0] == "error"


def test_fewer_decimals_than_peers_is_read_at_peer_precision_first():
    assert sum_verdict(q("1623.16"), [q("1525.16"), q("98")])[0] == "ok"
    assert sum_verdict(q("1623.46"), [q("1525.16"), q("98")])[0] == "warning"
    assert sum_verdict(q("1624.16"), [q("1525.16"), q("98")])[0] == "error"
    assert sum_verdict(q("6008.3"), [q("1906.48"), q("4077.60"), q("2.63"), q("21.59")])[0] == "ok"


# --- A001 -----------------------------------------------------------------------------------------


def test_a001_message_shows_the_computation():
    found = run("截至年末,共登记录入清查对象 15343 户,其中,单位 7136 户,有证个体 4153 户,无证个体 4064 户。")
    assert len(found) == 1
    line, code, severity, message, related = found[0]
    assert code == "A001" and severity == Severity.ERROR
    assert "单位 7136 户 + 有证个体 4153 户 + 无证个体 4064 户 = 15353 户" in message
    assert "15343" in message and "off by 10" in message and "rounding allows 0" in message


def test_a001_one_part_or_a_subset_is_not_a_sum():
    assert codes_of("全年组织培训 40 期,其中线上培训 25 期。") == []
    assert codes_of("全年共有志愿者 300 名,其中党员 120 名、团员 80 名等。") == []


def test_a001_just_outside_and_just_inside_tolerance():
    assert codes_of("合计 100.00 万元,其中甲 60.00 万元,乙 25.00 万元,丙 15.03 万元。") == [("A001", Severity.ERROR)]
    assert codes_of("合计 100.00 万元,其中甲 60.00 万元,乙 25.00 万元,丙 15.02 万元。") == []


def test_a001_parts_before_a_bare_total_may_be_a_subset():
    assert codes_of("举办摄影展 1 场、志愿服务活动 3 场,共开展实境课堂活动 10 场。") == []
    assert codes_of("举办读书会 4 场、报告会 3 场,合计 8 场。") == [("A001", Severity.ERROR)]
    assert codes_of("举办读书会 4 场、报告会 5 场,共 8 场。") == [("A001", Severity.ERROR)]


def test_a001_table_outline_and_total_row():
    table = ("单位:万元\n\n项目\t年初预算数\t决算数\n一、基本支出\t1438.40\t1636.67\n人员经费\t1340.04\t1550.67\n"
             "日常公用经费\t98.36\t86.00\n二、项目支出\t2817.22\t2067.18\n本年支出合计\t4255.62\t3703.85\n")
    assert codes_of(table) == []
    broken = table.replace("本年支出合计\t4255.62", "本年支出合计\t4265.62")
    found = run(broken)
    assert [(line, code) for line, code, *_ in found] == [(8, "A001")]
    assert "一、基本支出 1438.40 + 二、项目支出 2817.22 = 4255.62" in found[0][3]


def test_a001_total_row_first_with_one_part_is_not_a_sum():
    table = "资金来源\t年初预算数\t实际支出数\n合计\t2506.72\t2013.02\n一般公共预算\t2506.72\t2013.02\n"
    assert codes_of(table) == []


# --- A002 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "本部门预算数 890.33 万元,执行数 714.07 万元,完成预算的 80.2%。",
    "项目全年预算数 25 万元,执行数是 24.99 万元,完成预算的 100.0%。",
    "年初预算数 2506.72 万元,预算调整数 160.09 万元,实际支出 2013.02 万元,预算执行率 75.48%。",
    "年初预算数 2000.00 万元,调整后预算数 2400.00 万元,实际支出 1800.00 万元,预算执行率 90.00%。",
    "年初预算数 2000.00 万元,调整后预算数 2400.00 万元,实际支出 1800.00 万元,预算执行率 75.00%。",
    "实际采购 8.95 万元,计划采购 9.12 万元,政府采购执行率 98.1%。",
    "服务 2683 人次,其评价满意以上人数 2516,满意度约为 93%。",
    "重点工作任务 8 项,完成 8 项,重点工作完成率 100%。",
])
def test_a002_silent_on_right_rates(text):
    assert codes_of(text) == []


def test_a002_named_base_is_the_only_base():
    text = "年初预算数 2000.00 万元,调整后预算数 2400.00 万元,实际支出 1800.00 万元,完成年初预算的 75.00%。"
    assert codes_of(text) == [("A002", Severity.ERROR)]


def test_a002_no_base_fits_is_a_warning_naming_every_base():
    found = run("年初预算数 2000.00 万元,调整后预算数 2400.00 万元,实际支出 1800.00 万元,预算执行率 85.00%。")
    assert [(c, s) for _, c, s, _, _ in found] == [("A002", Severity.WARNING)]
    assert "90.00%" in found[0][3] and "75.00%" in found[0][3]


def test_a002_counts():
    found = run("受理 102 宗,办结 98 宗,办结率 100%。")
    assert [(c, s) for _, c, s, _, _ in found] == [("A002", Severity.ERROR)]
    assert "办结 98 宗 ÷ 受理 102 宗 = 96.08%" in found[0][3]


def test_a002_share_of_a_total():
    assert codes_of("支出 200.00 万元,其中基本支出 150.00 万元,占 75.00%,项目支出 50.00 万元,占 25.00%。") == []
    assert codes_of("支出 200.00 万元,其中基本支出 150.00 万元,占 70.00%,项目支出 50.00 万元,占 25.00%。") == [
        ("A002", Severity.ERROR)]


# --- A003 / A004 / A005 ---------------------------------------------------------------------------


def test_a003_growth_and_decrease():
    assert codes_of("收入总预算 1623.16 万元,比上年度增加 103.61 万元,增长 6.82%。") == []
    assert codes_of("收入总预算 1623.16 万元,比上年度增加 103.61 万元,增长 7.82%。") == [("A003", Severity.ERROR)]
    assert codes_of("经费支出 12.40 万元,比上年减少 3.10 万元,下降 20.00%。") == []
    assert codes_of("经费支出 12.40 万元,比上年减少 3.10 万元,下降 25.00%。") == [("A003", Severity.ERROR)]


def test_a004_comparison():
    ok = "“三公”经费预算数 6.26 万元,实际支出 2.5 万元,“三公”经费实际支出数小于预算数。"
    assert codes_of(ok) == []
    found = run(ok.replace("2.5", "7.5"))
    assert [c for _, c, *_ in found] == ["A004"] and "7.5 万元 exceeds 6.26 万元" in found[0][3]


def test_a005_unit_slip_between_mentions():
    found = run("项目年初预算数 35.6 万元。\n项目年初预算数 35.6 元。")
    assert [(line, c) for line, c, *_ in found] == [(2, "A005")]


def test_rules_survive_garbage():
    for text in ("", "其中其中其中", "共" * 3000, "合计\t" * 500, "\t1\t2\n合计\t3\t4\n" * 50,
                 "增长 %,比上年增加 万元", "其中 0 户,0 户,共 0 户", "预算数 0 万元,执行数 0 万元,执行率 0%"):
        run(text)


# --- seeds ----------------------------------------------------------------------------------------


def test_seed_001_flags_line_109_with_every_part_related():
    found = run_facts(Facts(read_path(seed("001"))))
    hits = [f for f in found if f[0] == 109 and f[1] == "A001"]
    assert len(hits) == 1 and hits[0][2] == Severity.ERROR
    assert "15343" in hits[0][3] and "15353" in hits[0][3]


def test_seed_003_spending_rate_against_the_table_is_a_warning():
    found = run_facts(Facts(read_path(seed("003"))))
    hits = [f for f in found if f[0] == 110]
    assert [(f[1], f[2]) for f in hits] == [("A002", Severity.WARNING)]
    assert 72 in hits[0][4] and "87.03%" in hits[0][3] and "100.00%" in hits[0][3]


@pytest.mark.parametrize("name,lines", [
    ("000", [129]), ("001", [95, 132, 134, 184]), ("002", [51, 53, 55, 81]),
    ("003", [68, 72, 186, 208, 230]), ("004", [17, 39]),
])
def test_seed_traps_stay_silent(name, lines):
    """No A warning or error anchored on a trap line (a related pointer to it is allowed, as in seedcheck)."""
    found = run_facts(Facts(read_path(seed(name))))
    for line, code, severity, message, related in found:
        if severity >= Severity.WARNING:
            assert line not in lines, (line, code, message)


@pytest.mark.parametrize("name,old,new,line,code", [
    ("001", "增长 6.82%，其中一般", "增长 7.82%，其中一般", 132, "A003"),
    ("001", "增 184.44%", "增 184.54%", 134, "A003"),
    ("001", "其他收入 21.59 万元", "其他收入 21.69 万元", 134, "A001"),
    ("001", "政府采购执行率 98.1%", "政府采购执行率 97.9%", 184, "A002"),
    ("001", "其中初件 92 宗", "其中初件 93 宗", 95, "A001"),
    ("001", "实际支出 2.5 万元", "实际支出 7.5 万元", 216, "A004"),
    ("002", "完成预算的 80.2%", "完成预算的 80.3%", 51, "A002"),
    ("002", "完成预算的 100.0%", "完成预算的 99.0%", 81, "A002"),
    ("003", "1340.04\t1550.67", "1340.54\t1550.67", 68, "A001"),
    ("003", "满意度约为 93%", "满意度约为 90%", 230, "A002"),
    ("003", "完成 8 项", "完成 7 项", 186, "A002"),
    ("003", "收入决算数 3706.87", "收入决算数 3606.87", 94, "A004"),
    ("004", "75.48%\t20", "75.58%\t20", 17, "A002"),
])
def test_seed_traps_are_checked_not_skipped(name, old, new, line, code):
    """Each trap stays silent because its figures agree: change one figure and the rule fires."""
    text = read_path(seed(name)).text
    assert old in text
    found = run(text.replace(old, new, 1))
    assert any(f[0] == line and f[1] == code for f in found), found


def test_a001_shortfall_is_a_warning_for_money_and_silent_for_counts():
    assert codes_of("支出决算 1000.00 万元,其中基本支出 700.00 万元,项目支出 280.00 万元。") == [
        ("A001", Severity.WARNING)]
    assert codes_of("共有党员 120 名,其中女党员 40 名,青年党员 30 名。") == []
    assert codes_of("共有党员 120 名,其中女党员 80 名,男党员 50 名。") == [("A001", Severity.ERROR)]


def test_a001_nested_totals_and_detail_rows_are_not_parts():
    assert codes_of("项目总投资 500 万元,其中本年完成投资 200 万元,累计完成投资 450 万元。") == []
    assert codes_of("基本支出\t100.00\n其中:人员经费\t80.00\n项目支出\t50.00\n合计\t150.00\n") == []
    assert codes_of("基本支出\t100.00\n其中:人员经费\t80.00\n项目支出\t50.00\n合计\t160.00\n") == [
        ("A001", Severity.ERROR)]


def test_a002_qualified_rates_and_satisfaction_grades_are_not_guessed():
    assert codes_of("全年收到信访事项 56 件,其中按期办结 50 件,按期办结率 100%。") == []
    assert codes_of("问卷共发放 200 份,其中非常满意 120 份,满意 60 份,满意度 90.0%。") == []
    assert codes_of("资金到位 100.00 万元,预算 100.00 万元,实际支出 80.00 万元,资金到位率 100.00%。") == []


def test_percent_label_may_follow_the_number():
    found = Facts(Source("t.md", "我街道以 81.95% 的单位累计上报率和 83.11% 的个体累计上报率名列第三。")).quantities
    assert [q.label for q in found] == ["单位累计上报率", "个体累计上报率"]


@pytest.mark.parametrize("code", A_CODES)
def test_docstring_examples_behave_as_documented(code):
    """`jxlint explain` shows one failing and one passing example: both must be true."""
    doc = REGISTRY[code].doc
    examples = [line.strip() for line in doc.split("## Example", 1)[1].splitlines() if "→" in line]
    assert len(examples) >= 2
    for line in examples:
        text, verdict = (part.strip() for part in line.rsplit("→", 1))
        found = [c for c, _ in codes_of(text.replace(" … ", "。\n"))]
        if verdict == "silent":
            assert code not in found, line
        else:
            assert verdict in found, line
