"""Dates, document numbers, deadlines and the D rules."""
from __future__ import annotations

import pytest
from conftest import seed

from lint.facts import Facts
from lint.facts.dates import first_day, is_self_evaluation_notice, iso, last_day, scan_dates, scan_docnumbers
from lint.rules import REGISTRY, all_rules
from lint.source import Source, read_path


def facts_of(text: str, year=None) -> Facts:
    return Facts(Source("t.md", text), config=None, year=year)


def one(text: str, default_year=2023):
    found = scan_dates(text, default_year=default_year)
    assert len(found) == 1, [(d.text, iso(d)) for d in found]
    return found[0]


def run(code: str, text: str, year=None):
    all_rules()
    return list(REGISTRY[code].check(facts_of(text, year)))


# --- extraction -------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("2023年6月28日", "2023-06-28"),
    ("2023 年 6 月 28 日", "2023-06-28"),
    ("2023-06-28", "2023-06-28"),
    ("2023.6.28", "2023-06-28"),
    ("2023/6/28", "2023-06-28"),
    ("2024年10月", "2024-10"),
    ("2023年度", "2023"),
    ("二〇二三年八月二日", "2023-08-02"),
    ("二〇二三年十二月三十一日", "2023-12-31"),
    ("6月2号", "2023-06-02"),
])
def test_forms(text, expected):
    assert iso(one(text)) == expected


def test_full_width_digits_through_the_normaliser():
    f = facts_of("截至２０２３年１１月１日止，共登记１５３４３户。")
    (d,) = f.dates
    assert (d.year, d.month, d.day, d.role) == (2023, 11, 1, "as_of")


def test_year_from_the_nearest_explicit_year_in_the_paragraph():
    found = scan_dates("2022年11月5日立项，于2023年6月2日已下拨；截至11月2日总投资76万元。", default_year=2030)
    assert [iso(d) for d in found] == ["2022-11-05", "2023-06-02", "2023-11-02"]
    assert found[2].year_explicit is False and found[2].role == "as_of"


def test_year_from_evaluation_year_in_a_new_paragraph():
    found = scan_dates("2021年开展工作。\n截至11月2日总投资76万元。", default_year=2023)
    assert iso(found[1]) == "2023-11-02"
    assert found[1].year_explicit is False


def test_year_end_forms():
    assert (one("2023年末固定资产").month, one("2023年末固定资产").day) == (12, 31)
    assert one("2023年末固定资产").role == "as_of"
    bare = one("年末结转结余0万元", default_year=2022)
    assert (bare.year, bare.year_explicit, bare.role) == (2022, False, "as_of")
    assert one("上年末结余", default_year=2022).year == 2021
    assert scan_dates("每年年底开展考核", default_year=2022) == []


@pytest.mark.parametrize("text,end", [
    ("基地（2024年10月-2027年10月）", "2027-10"),
    ("2022年1月至3月", "2022-03"),
    ("2021-2022年优秀案例", "2022"),
    ("2022年12月至次年3月", "2023-03"),
    ("2023年4月1日至5日", "2023-04-05"),
])
def test_ranges(text, end):
    d = one(text)
    assert d.range_end is not None and iso(d.range_end) == end
    assert d.role == "period"


@pytest.mark.parametrize("text,role", [
    ("截至2023年11月1日止，共登记", "as_of"),
    ("截止2023年12月31日，固定资产原值", "as_of"),
    ("截止到2023年12月31日，固定资产原值", "as_of"),
    ("于2023年6月2日，第一批债券已下拨", "event"),
    ("2023年9月10日收到区财政局批复", "event"),
    ("2023年3月召开专题会议", "event"),
    ("为2026年换届储备干部", "plan"),
    ("计划2024年6月完成二期工程", "plan"),
    ("拟于2024年7月召开总结会", "plan"),
    ("预计2026年3月完成验收", "plan"),
    ("力争2025年底全部投入使用", "plan"),
    ("2024年6月前完成", "plan"),
    ("下一步，我单位于2024年5月开展培训", "plan"),
    ("2023年度预算执行率", ""),
    ("《关于开展2024年3月专项检查的通知》", ""),
])
def test_roles(text, role):
    assert one(text).role == role


@pytest.mark.parametrize("text", ["2023年2月30日", "2023年13月", "2023年6月0日", "2023年2月29日", "2023.2.30"])
def test_impossible_dates_are_kept(text):
    assert one(text).valid is False


def test_leap_day_is_valid_in_a_leap_year():
    assert one("2024年2月29日").valid is True


@pytest.mark.parametrize("text", ["12个月内完成", "共2000人次", "电话0752-2609417", "1623.16万元", "十三五规划", "统一月报"])
def test_not_dates(text):
    assert scan_dates(text, default_year=2023) == []


def test_first_and_last_day():
    d = one("2023年11月")
    assert first_day(d) == (2023, 11, 1) and last_day(d) == (2023, 11, 30)
    assert last_day(one("2024年2月")) == (2024, 2, 29)


@pytest.mark.parametrize("text,issuer,year,number", [
    ("(湛开财[2024]319号)", "湛开财", 2024, "319"),
    ("湛开财 [2024] 319 号", "湛开财", 2024, "319"),
    ("惠湾财绩〔2023〕1号", "惠湾财绩", 2023, "1"),
    ("财预（2020）10号", "财预", 2020, "10"),
    ("区财预［2025］3号", "区财预", 2025, "3"),
    ("粤财绩【2023】5号", "粤财绩", 2023, "5"),
    ("按照中发〔201834号要求", "中发", 2018, "34"),
    ("粤财评2024)87号", "粤财评", 2024, "87"),
    ("印发了湛开办[2020]73号文件", "湛开办", 2020, "73"),
])
def test_docnumbers(text, issuer, year, number):
    f = facts_of(text)
    (doc,) = f.docnumbers
    assert (doc.issuer, doc.year, doc.number) == (issuer, year, number)


@pytest.mark.parametrize("text", ["电话(0752)2609号", "第(2023)号", "房间[12345]号"])
def test_not_docnumbers(text):
    assert scan_docnumbers(text) == []


def test_docnumber_title_and_notice():
    (doc,) = scan_docnumbers("根据《关于开展2024年区级财政资金绩效自评工作的通知》（湛开财[2024]319号）要求")
    assert doc.title == "关于开展2024年区级财政资金绩效自评工作的通知"
    assert is_self_evaluation_notice(doc)
    (other,) = scan_docnumbers("关于印发《人员编制规定》的通知（湛开办[2020]73号）")
    assert other.title == "人员编制规定" and not is_self_evaluation_notice(other)


def test_deadlines():
    f = facts_of("本部2022年1月30日收到批复的部门预算，于20日内（2022年2月18日）向社会公开。"
                 "2022年3月1日收到整改通知，于5个工作日内（2022年3月8日）完成整改。")
    first, second = f.deadlines
    assert (iso(first.start), first.days, first.working_days, iso(first.stated)) == ("2022-01-30", 20, False, "2022-02-18")
    assert (iso(second.start), second.days, second.working_days, iso(second.stated)) == ("2022-03-01", 5, True, "2022-03-08")


def test_deadline_needs_a_start_in_the_same_sentence():
    f = facts_of("2022年1月30日收到批复。各单位应于20日内（2022年2月18日）公开。")
    assert f.deadlines == []


@pytest.mark.parametrize("text", ["", "\n\n\n", "年" * 5000, "2023年" * 2000, "〔2024" * 1000, "《" * 3000 + "2023年5月1日",
                                  "截至" * 1000, "(((([[[[〔〔〔"])
def test_garbage_does_not_crash(text):
    f = facts_of(text)
    f.dates, f.docnumbers, f.deadlines, f.header
    all_rules()
    for code in ("D001", "D002", "D003", "D004", "D005", "D006", "D007", "D008"):
        list(REGISTRY[code].check(f))


# --- rules ------------------------------------------------------------------------------------

HEAD = "# 部门整体支出绩效自评报告\n\n评价年度：2023年度\n\n填报日期：{filed}\n\n"


def test_d001_fires_on_the_last_day_and_not_the_next():
    assert [d.code for d in run("D001", HEAD.format(filed="2023年12月31日"))] == ["D001"]
    assert run("D001", HEAD.format(filed="2024年1月1日")) == []


def test_d001_names_the_likely_date():
    text = HEAD.format(filed="2023年6月28日") + "根据（湛开财[2024]319号）要求。截止2023年12月31日，固定资产原值249.7万元。"
    (diag,) = run("D001", text)
    assert "2023-06-28" in diag.message and "2023-12-31" in diag.message
    assert "probably meant 2024-06-28" in diag.message and "湛开财[2024]319号" in diag.message
    assert diag.related and "2023" in diag.related[0].message


def test_d001_uses_the_year_override():
    text = "# 自评报告\n\n填报日期：2023年6月28日\n\n工作开展情况良好。"
    assert run("D001", text) == []
    assert [d.code for d in run("D001", text, year=2023)] == ["D001"]


def test_no_filing_date_keeps_d001_to_d003_and_d008_silent():
    text = ("# 某区2023年部门整体支出绩效自评报告\n\n根据（区财绩〔2025〕3号）要求。截至2026年5月1日，"
            "固定资产原值80万元。\n")
    for code in ("D001", "D002", "D003", "D008"):
        assert run(code, text) == [], code


def test_publication_date_is_not_a_filing_date():
    text = "# 部门整体支出绩效自评报告\n\n评价年度：2023年度\n\n发布日期：2023年6月28日\n"
    assert run("D001", text) == []


def test_d002_error_and_notice_warning():
    text = HEAD.format(filed="2024年5月20日") + (
        "依据（区财预［2025］3号）执行。根据《关于开展2023年部门整体支出绩效自评工作的通知》（市财绩〔2023〕15号）要求。")
    diags = run("D002", text)
    assert [(d.severity, "2025" in d.message) for d in diags] == [(None, True), (2, False)]


def test_d003_severity_follows_the_year_source():
    text = HEAD.format(filed="2023年9月15日") + "2023年开展工作，截至10月20日共1500人次。\n截至2023年11月1日止共登记。\n"
    diags = run("D003", text)
    assert [(d.severity, d.message.split(" (")[0]) for d in diags] == [(2, "截至10月20日"), (None, "截至2023年11月1日")]
    assert all("2023-09-15" in d.message for d in diags)


def test_d003_leaves_plans_and_periods_alone():
    text = HEAD.format(filed="2024年5月30日") + (
        "为2026年换届储备干部。获批实践基地（2024年10月-2027年10月）。计划于2024年9月前完成二期工程。"
        "预计2025年3月完成验收。2025年工作目标：举办培训班20期。\n")
    assert run("D003", text) == []


def test_d004_context_leap_day_is_a_warning():
    text = HEAD.format(filed="2024年5月30日") + "2023年开展工作，2月29日召开会议。\n"
    (diag,) = run("D004", text)
    assert diag.severity == 2 and "28 days" in diag.message


def test_d005():
    assert [d.code for d in run("D005", "合作期限为2025年10月至2023年10月。")] == ["D005"]
    assert run("D005", "实践基地（2024年10月-2027年10月），2023年11月至次年3月。") == []


def test_d006_calendar_and_working_days():
    ok = "2022年9月12日收到决算批复，于20日内（2022年9月26日）向社会公开。"
    late = "2022年1月30日收到批复，于20日内（2022年2月25日）公开。"
    assert run("D006", ok) == []
    (diag,) = run("D006", late)
    assert "2022-01-30 + 20 days = 2022-02-19" in diag.message and "2022-02-25" in diag.message
    # 2022-09-30 (Fri) + 5 working days passes the National Day holiday: allowed
    assert run("D006", "2022年9月30日收到通知，于5个工作日内（2022年10月14日）办结。") == []
    assert len(run("D006", "2022年3月1日收到通知，于5个工作日内（2022年3月15日）办结。")) == 1


def test_d007_and_d008():
    mismatch = HEAD.format(filed="2024年6月28日") + "2022年，本单位整体支出绩效情况良好，绩效自评为良。\n"
    (diag,) = run("D007", mismatch)
    assert "2022" in diag.message and "2023" in diag.message
    same = HEAD.format(filed="2024年6月28日") + "2023年，本单位整体支出绩效情况良好，绩效自评为良，比2022年提高。\n"
    assert run("D007", same) == []
    (late,) = run("D008", HEAD.format(filed="2025年3月1日"))
    assert "2025-03-01" in late.message and "2024-12-31" in late.message
    assert run("D008", HEAD.format(filed="2024年12月31日")) == []


# --- seeds ------------------------------------------------------------------------------------

def _seed_facts(prefix: str) -> Facts:
    return Facts(read_path(seed(prefix)), config=None, year=None)


def test_seed_001_dates_and_docnumbers():
    f = _seed_facts("001")
    by_line = {(f.line_of(d.span[0]), iso(d)) for d in f.dates}
    assert (109, "2023-11-01") in by_line and (194, "2023-12-31") in by_line
    docs = [(d.text.replace(" ", ""), d.year) for d in f.docnumbers]
    assert ("湛开财[2024]319号", 2024) in docs


def _lines(f: Facts, code: str) -> dict[int, int]:
    all_rules()
    return {f.line_of(d.span[0]): int(d.severity or REGISTRY[code].severity) for d in REGISTRY[code].check(f)}


def test_seed_001_flags():
    f = _seed_facts("001")
    assert 11 in _lines(f, "D001")
    assert 13 in _lines(f, "D002")
    d003 = _lines(f, "D003")
    assert d003.get(109) == 3 and d003.get(194) == 3 and d003.get(89) == 2


def test_seed_003_deadlines_are_met():
    f = _seed_facts("003")
    assert len(f.deadlines) == 2
    assert _lines(f, "D006") == {}
    for code in ("D001", "D002", "D003", "D004", "D005", "D007"):
        assert _lines(f, code) == {}, code


def test_seed_000_plans_and_periods_are_silent():
    f = _seed_facts("000")
    for code in ("D001", "D002", "D003", "D004", "D005", "D006", "D007"):
        assert _lines(f, code) == {}, code


@pytest.mark.parametrize("prefix", ["002", "004"])
def test_seeds_without_filing_date_are_silent(prefix):
    f = _seed_facts(prefix)
    for code in ("D001", "D002", "D003", "D004", "D005", "D006", "D007", "D008"):
        assert _lines(f, code) == {}, code


def test_dates_under_a_plan_heading_are_plans():
    text = "三、下一步工作计划\n\n2024年9月，开展第二轮督导检查。\n\n四、其他情况\n\n2024年9月，开展了第二轮督导检查。\n"
    first, second = scan_dates(text, default_year=2023)
    assert (first.role, second.role) == ("plan", "event")


def test_a_day_of_month_is_not_a_deadline():
    f = facts_of("2022年3月1日收到通知，要求于3月20日内完成整改（2022年3月18日）。")
    assert f.deadlines == []


def test_publication_labels_are_not_statements():
    assert one("发布时间：2024-07-15 10:30").role == ""
    assert one("公开日期：2024年7月16日 已公开").role == ""


def test_month_end():
    d = one("截至2024年3月底，项目资金已全部拨付")
    assert (iso(d), d.role, d.text) == ("2024-03-31", "as_of", "2024年3月底")
    assert one("2023年12月底前完成").role == "plan"
    assert iso(one("截至2024年2月末")) == "2024-02-29"


def test_plan_word_after_the_date():
    assert one("2024年4月，区审计局将对项目开展专项审计").role == "plan"
    assert one("2024年4月，区审计局对项目开展了专项审计").role == "event"


def test_d001_title_year_against_the_conclusion_is_a_warning():
    text = ("# 某局2024年部门整体支出绩效自评报告\n\n填报日期：2024年5月10日\n\n"
            "2023年，本单位整体支出绩效情况良好，绩效自评为良。\n")
    (diag,) = run("D001", text)
    assert diag.severity == 2 and "2023" in diag.message
