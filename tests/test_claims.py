"""The C family: contradictory claims — extractor units, rules on small texts, and the seed reports."""
from __future__ import annotations

import gc
import time

import pytest
from conftest import seed

from lint.facts import Facts
from lint.facts.claims import ClaimFacts, claims
from lint.rules import REGISTRY, Severity, all_rules
from lint.source import Source, read_path


def facts_of(text: str) -> Facts:
    return Facts(Source("t.md", text))


def run(code: str, text: str):
    all_rules()
    f = facts_of(text)
    return f, list(REGISTRY[code].check(f))


def lines_flagged(f: Facts, diags) -> list[int]:
    return sorted(f.line_of(d.span[0]) for d in diags)


# --- extractor -----------------------------------------------------------------------------------


def test_empty_and_garbage_do_not_crash():
    for text in ("", "\n\n", "((((、、、", "无" * 5000, "1+2+3" * 200, "“1+7+55+N”", "共15个，分别是" + "、" * 300):
        cf = claims(facts_of(text))
        assert isinstance(cf, ClaimFacts)


def test_frames_mask_numbers_and_keep_units():
    f = facts_of("举办送课下基层活动 8 场。\n\n举办送课下基层活动4场。\n")
    cf = f.claims
    frames = [cf.frames[i].frame for ids in cf.by_frame.values() for i in ids]
    assert frames == ["举办送课下基层活动#场", "举办送课下基层活动#场"]


def test_counted_list_counts_items_at_depth_zero():
    f = facts_of("本单位内设工作组 4 个，分别是综合组、监督组（纪检、审计）、信息组及编制组，另有下属单位 1 个。\n")
    (cl,) = f.claims.counted_lists
    assert cl.count == 4
    assert cl.items == ["综合组", "监督组（纪检、审计）".replace("（", "(").replace("）", ")"), "信息组及编制组"]
    assert cl.extra == 1


def test_negation_compounds_are_not_denials():
    f = facts_of("无证个体 4064 户，无偿献血 3 次，维护未成年人权益。本年度未收到投诉，零差评零投诉。\n")
    nouns = [n.noun for n in f.claims.negations]
    assert "投诉" in nouns and "差评" in nouns
    assert not any(n.startswith(("证", "偿", "成年")) for n in nouns)


def test_period_and_scope_enter_the_subject_key():
    f = facts_of("# 2023年度自评报告\n\n上半年共受理来信来访事项 41 宗。\n\n全年共受理来信来访事项 96 宗。\n")
    keys = [s.subject_key for s in f.claims.statements if s.subject_key]
    assert len(keys) == 2 and keys[0] != keys[1]
    assert {k[4] for k in keys} == {"H1", "Y"}


# --- C001 / C005 ----------------------------------------------------------------------------------


def test_c001_lone_restatement_is_a_warning():
    f, diags = run("C001", "组织送学上门活动 9 场。\n\n其他内容不少于几个字。\n\n组织送学上门活动5场。\n")
    assert len(diags) == 1 and diags[0].severity == Severity.WARNING


def test_c001_lone_long_sentence_is_a_warning():
    text = "依托远程教育平台组织线上专题学习班 12 期。\n\n其他内容。\n\n依托远程教育平台组织线上专题学习班 14 期。\n"
    f, diags = run("C001", text)
    assert len(diags) == 1 and diags[0].severity == Severity.WARNING


def test_c001_copied_passage_other_number_is_an_error():
    text = ("累计培训党员干部 4 万人次；组织送学上门活动 9 场。\n\n其他内容不少于几个字。\n\n"
            "累计培训党员干部4万人次；组织送学上门活动5场。\n")
    f, diags = run("C001", text)
    assert len(diags) == 1
    d = diags[0]
    assert f.snippet(d.span) == "5场" and d.severity is None
    assert "9场" in d.message and "5场" in d.message and "differs by 4" in d.message
    assert f.snippet(d.related[0].span) == "9场"


def test_c001_repetition_with_equal_numbers_is_silent():
    text = "打造机关党建品牌，6 个作品分别获得省市比赛 15 个奖项。\n\n打造机关党建品牌，6 个作品分别获得省市比赛 15\n\n个奖项。\n"
    assert run("C001", text)[1] == []


def test_c001_different_things_and_templates_are_silent():
    text = ("2022年共举办线下培训班 15 期，另举办线上培训班 25 期，覆盖干部超过 4 万人次。\n\n"
            "（1）该指标分值 5 分，自评得分 4.5 分。\n（2）该指标分值 6 分，自评得分 5.5 分。\n（3）该指标分值 3 分，自评得分 3 分。\n")
    assert run("C001", text)[1] == []


def test_c001_other_year_is_another_period():
    text = "本部 2021 年财政拨款收入决算数 3100.20 万元。\n\n本部 2022 年财政拨款收入决算数 3350.60 万元。\n"
    assert run("C001", text)[1] == []


def test_c001_same_subject_reworded_is_a_warning():
    text = "# 2022年度报告\n\n2022年共举办青年创业沙龙活动 12 场，覆盖青年 600 余人次。\n\n全年共举办青年创业沙龙活动 14 场。\n"
    f, diags = run("C001", text)
    assert len(diags) == 1 and diags[0].severity == Severity.WARNING


def test_c001_hedged_figures_that_may_agree_are_silent():
    text = "累计教育培训干部约 4.6 万人次，成效明显。\n\n累计教育培训干部约 4.7 万人次，成效明显。\n"
    assert run("C001", text)[1] == []


def test_c005_numeral_against_digits():
    text = "本局内设科室五个，负责日常业务工作。\n\n本局内设科室 6 个，负责日常业务工作。\n"
    f, diags = run("C005", text)
    assert len(diags) == 1 and "五个" in diags[0].message and "6个" in diags[0].message
    assert run("C001", text)[1] == []          # reported once, as C005


def test_c005_same_value_or_different_nouns_are_silent():
    text = "设立 8 个党政机构。把街道机关八大办公室分为两组。\n\n本局内设科室五个。本局内设科室 5 个。\n"
    assert run("C005", text)[1] == []


# --- C002 -----------------------------------------------------------------------------------------


def test_c002_expected_claim_against_low_execution_rate():
    text = ("本部门预算数 650.40 万元，执行数 520.10 万元，完成预算的 80.0%。\n\n"
            "本部门预算编制、执行及使用效益情况均达到了预期的绩效目标。\n")
    f, diags = run("C002", text)
    assert len(diags) == 1 and "80.0%" in diags[0].message
    assert f.line_of(diags[0].span[0]) == 3 and f.line_of(diags[0].related[0].span[0]) == 1


def test_c002_initial_budget_claim():
    text = ("我单位年初预算数 980.00 万元。\n\n支出决算 2310.45 万元，比上年增加 100 万元。\n\n"
            "我单位严格按照年初预算进行支出。\n")
    f, diags = run("C002", text)
    assert len(diags) == 1 and "980.00万元" in diags[0].message and "2310.45万元" in diags[0].message


def test_c002_initial_budget_close_enough_is_silent():
    text = "我单位年初预算数 980.00 万元，支出决算 955.30 万元。\n\n我单位严格按照年初预算进行支出。\n"
    assert run("C002", text)[1] == []


def test_c002_problem_statement_against_full_rate():
    text = "支出完成率为 100%。政府采购执行率 94.4%。\n\n存在问题：预算资金执行率有待进一步提高。\n"
    f, diags = run("C002", text)
    assert len(diags) == 1 and f.line_of(diags[0].span[0]) == 3


def test_c002_problem_statement_with_a_low_rate_is_silent():
    assert run("C002", "资金支出率为 91.26%。\n\n预算资金执行率有待进一步提高。\n")[1] == []


def test_c002_negated_or_partial_claims_are_not_claims():
    text = "本部门完成预算的 80.0%。\n\n预算执行未全部完成，基本完成了预算执行目标。\n"
    assert run("C002", text)[1] == []


# --- C003 -----------------------------------------------------------------------------------------


def test_c003_list_shorter_than_count():
    f, diags = run("C003", "内设科室 3 个，分别是办公室、组织宣教科。\n")
    assert len(diags) == 1 and "(3)" in diags[0].message and "2 items" in diags[0].message


def test_c003_and_joining_last_two_is_accepted_both_ways():
    assert run("C003", "内设科室 3 个，分别是办公室、组织科和宣教科。\n")[1] == []
    assert run("C003", "内设科室 2 个，分别是办公室、组织科和宣教科。\n")[1] == []


def test_c003_open_ended_list():
    assert run("C003", "开设兴趣班 10 类，包括象棋、书画、舞蹈等。\n")[1] == []
    assert len(run("C003", "开设兴趣班 2 类，包括象棋、书画、舞蹈等。\n")[1]) == 1


def test_c003_twenty_items():
    items = "、".join(f"第{n}服务站" for n in range(1, 21))
    assert run("C003", f"全区设立服务站 20 个，分别是{items}。\n")[1] == []
    assert len(run("C003", f"全区设立服务站 21 个，分别是{items}。\n")[1]) == 1


def test_c003_formula_against_stated_counts():
    f, diags = run("C003", "打造 1 个区级、7 个镇街、54 个村党群服务站，以“1+7+55+N”的网络体系推动联动。\n")
    assert len(diags) == 1 and diags[0].severity == Severity.WARNING and len(diags[0].related) == 3
    assert run("C003", "拟制了“4+1”人才政策（“4”即甲、乙、丙、丁4个政策；“1”即伯乐奖）。\n")[1] == []


def test_c003_table_rows():
    table = "序号\t年度重点工作任务\t完成情况\n1\t甲\t完成\n2\t乙\t完成\n3\t丙\t完成\n\n"
    assert run("C003", table + "本部年度重点工作任务 3 项，完成 3 项。\n")[1] == []
    f, diags = run("C003", table + "本部年度重点工作任务 4 项，完成 4 项。\n")
    assert len(diags) == 1 and "3 numbered rows" in diags[0].message


# --- C004 -----------------------------------------------------------------------------------------


def test_c004_denial_beside_a_figure():
    f, diags = run("C004", "本项目全年未收到投诉。\n\n全年收到群众投诉 3 件，已全部办结。\n")
    assert len(diags) == 1 and "3件" in diags[0].message


def test_c004_zero_other_period_or_compound_is_silent():
    text = ("全年未收到投诉。全年收到群众投诉 0 件。\n\n上半年未发生安全事故。下半年发生一般安全事故 1 起。\n\n"
            "有证个体 4153 户，无证个体 4064 户。\n")
    assert run("C004", text)[1] == []


# --- seeds ----------------------------------------------------------------------------------------


def seed_findings(prefix: str):
    all_rules()
    f = Facts(read_path(seed(prefix)))
    out = []
    for code in ("C001", "C002", "C003", "C004", "C005"):
        for d in REGISTRY[code].check(f):
            sev = d.severity or REGISTRY[code].severity
            out.append((code, f.line_of(d.span[0]), sorted({f.line_of(r.span[0]) for r in d.related}), sev))
    return out


def test_seed_003_activity_given_twice():
    found = seed_findings("003")
    assert ("C001", 214, [31], Severity.ERROR) in found
    assert not any(line == 29 for _, line, _, _ in found)       # 15期 vs 25期 are two things


def test_seed_001_claims():
    found = seed_findings("001")
    lines = {(c, l) for c, l, _, _ in found}
    assert ("C002", 154) in lines and ("C002", 232) in lines
    assert not any(l in (107, 216) for _, l, _, _ in found)


def test_seed_002_claim_and_traps():
    found = seed_findings("002")
    assert any(c == "C002" and l == 91 and 51 in rel for c, l, rel, _ in found)
    assert not any(l in (85, 87) for _, l, _, _ in found)


def test_seed_000_lists_counted_right():
    f = Facts(read_path(seed("000")))
    lists = [cl for cl in f.claims.counted_lists if cl.count == 15]
    assert len(lists) == 1 and len(lists[0].items) == 15
    found = seed_findings("000")
    assert not any(l in (15, 129) for _, l, _, _ in found)


def test_seed_004_silent():
    assert seed_findings("004") == []


def test_extractor_is_linear():
    path = seed("001")
    text = path.read_text(encoding="utf-8")

    def timed(t: str) -> float:
        # CPU time, collector off: a short run that the wall clock catches descheduled once looks superlinear
        best = float("inf")
        for _ in range(5):
            f = facts_of(t)
            f.quantities, f.sentences  # noqa: B018 - extract the inputs outside the timing
            gc.disable()
            try:
                start = time.process_time()
                claims(f)
                best = min(best, time.process_time() - start)
            finally:
                gc.enable()
        return best

    one, ten = timed(text), timed(text * 10)
    # linear work takes about 10x; the bound leaves room for a loaded machine, not for quadratic work (100x)
    assert ten / one < 25, f"10x text took {ten / one:.1f}x as long"


# --- the rules' own examples ----------------------------------------------------------------------


def doc_examples():
    all_rules()
    for code in ("C001", "C002", "C003", "C004", "C005"):
        doc = REGISTRY[code].doc
        for line in doc.split("## Example", 1)[1].splitlines():
            if "→" not in line:
                continue
            text, verdict = line.rsplit("→", 1)
            yield pytest.param(code, text.strip(), verdict.split()[0], id=f"{code}-{verdict.split()[0]}")


@pytest.mark.parametrize("code,text,verdict", list(doc_examples()))
def test_docstring_examples(code, text, verdict):
    report = "\n\n".join(part.strip() for part in text.split("…")) + "\n"
    _, diags = run(code, report)
    if verdict == "silent":
        assert diags == [], [d.message for d in diags]
    else:
        assert verdict == code and len(diags) == 1, [d.message for d in diags]
