from decimal import Decimal
from types import SimpleNamespace

from conftest import seed

from lint.facts import Facts
from lint.rules import all_rules, REGISTRY
from lint.source import Source, read_path


def facts_of(text: str, config=None) -> Facts:
    return Facts(Source("t.md", text), config=config)


def run(code: str, facts: Facts):
    all_rules()
    return list(REGISTRY[code].check(facts))


def line_of(facts, diag) -> int:
    return facts.line_of(diag.span[0])


PROSE = """（一）自评结论

经自评，本单位整体支出绩效得分为 {total} 分，绩效等级为“优”。

（二）绩效指标分析

1. 预算编制

（1）预算编制科学性

个别项目测算依据不够细。该指标分值 10 分，自评得分 9.5 分。

（2）绩效目标合理性

该指标分值 10 分，自评得分 10 分。

2. 预算执行

（1）预算执行率

全年预算执行率为 97.6%。该指标分值 40 分，自评得分 38 分。

（2）资金使用合规性

该指标分值 10 分，自评得分 10 分。

3. 预算使用效益

（1）重点工作完成情况

该指标分值 30 分，自评得分 28 分。

（2）服务对象满意度

{satisfaction}
"""


def test_prose_items_labels_numbers_sections():
    f = facts_of(PROSE.format(total=95.5, satisfaction="该指标分值 10 分，自评得分 0 分。"))
    items = f.scores.items
    assert [i.label for i in items][:2] == ["预算编制科学性", "绩效目标合理性"]
    first = items[0]
    assert first.number == "(1)" and first.section == "预算编制"
    assert (first.maximum.value, first.score.value, first.score.decimals) == (Decimal(10), Decimal("9.5"), 1)
    assert f.snippet(first.span) == "自评得分9.5分"
    assert items[2].rate.value == Decimal("97.6")
    [total] = f.scores.totals
    assert total.value.value == Decimal("95.5") and total.label == "绩效得分"
    [grade] = f.scores.grades
    assert (grade.grade, grade.text) == ("优", "优")


def test_unscored_indicator_is_an_item_without_scores():
    f = facts_of(PROSE.format(total=95.5, satisfaction="满意度 96%。"))
    last = f.scores.items[-1]
    assert last.label == "服务对象满意度" and last.number == "(2)"
    assert last.maximum is None and last.score is None and not last.not_applicable


def test_bonus_and_not_applicable_items():
    f = facts_of(PROSE.format(total=100, satisfaction="该指标分值 10 分，自评得分 9 分。")
                 + "\n（3）工作表现加减分指标\n\n获评先进单位。自评得分 5 分。\n\n（4）成本指标\n\n本年度未设置该指标。\n")
    bonus = [i for i in f.scores.items if i.bonus]
    assert len(bonus) == 1 and bonus[0].score.value == 5 and bonus[0].maximum is None
    na = [i for i in f.scores.items if i.not_applicable]
    assert [i.label for i in na] == ["成本指标"]


def test_total_forms():
    cases = {
        "2021 年部门整体支出绩效自评 91.28 分。": Decimal("91.28"),
        "本单位自评分数为 99 分，评价等级为优。": Decimal(99),
        "综合评价，项目总得分 87.5 分。": Decimal("87.5"),
    }
    for text, value in cases.items():
        assert [t.value.value for t in facts_of("（一）自评结论\n\n" + text).scores.totals] == [value], text
    # "满分 100 分" and "总分 100 分，得分 95 分" name the maximum
    f = facts_of("（一）自评结论\n\n本项目满分 100 分。总分 100 分，自评得分 95 分。")
    assert [t.value.value for t in f.scores.totals] == [Decimal(95)]


def test_grades_and_not_grades():
    grades = lambda text: [(g.grade, g.text) for g in facts_of(text).scores.grades]
    assert grades("评价等级为优。") == [("优", "优")]
    assert grades("绩效等级为“良好”。") == [("良", "良好")]
    assert grades("绩效自评为良，自评得分为90.84分。") == [("良", "良")]
    assert grades("自评等级：中。") == [("中", "中")]
    for text in ("整体支出绩效情况良好。", "荣获优秀组织奖。", "单位绩效考评“优秀”。", "年度考核为优秀等次。",
                 "评价结果为优秀党员。", "绩效评价为良好的开端。"):
        assert grades(text) == [], text


def test_table_items_total_and_target_columns():
    f = facts_of("一级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
                 "产出指标\t培训人次\t≥800人次\t860人次\t60\t58\n"
                 "\t合格率\t≥90%\t95%\t40\t40\n"
                 "总分\t\t\t\t100\t98\n")
    items = f.scores.items
    assert [(i.label, i.section, i.maximum.value, i.score.value) for i in items] == [
        ("培训人次", "产出指标", 60, 58), ("合格率", "产出指标", 40, 40)]
    assert items[0].target == "≥800人次" and items[0].actual == "860人次" and items[0].source == "table"
    [total] = f.scores.totals
    assert total.value.value == 98 and total.group == items[0].group


def test_coefficient_column():
    f = facts_of("指标\t权重\t得分系数(%)\n甲\t40\t95\n乙\t60\t100\n合计\t100\t\n")
    items = f.scores.items
    assert [i.score.value for i in items] == [Decimal(38), Decimal(60)] and all(i.computed for i in items)


# --- rules --------------------------------------------------------------------------------------


def test_s001_score_above_max_and_negative():
    f = facts_of("（1）甲\n\n该指标分值 3 分，自评得分 3.5 分。\n\n（2）乙\n\n该指标分值 3 分，自评得分 -1 分。\n\n"
                 "（3）丙\n\n该指标分值 3 分，自评得分 3 分。\n")
    diags = run("S001", f)
    assert [line_of(f, d) for d in diags] == [3, 7]
    assert "3.5 is above its 分值 3 (by 0.5)" in diags[0].message
    assert "negative" in diags[1].message


def test_s002_total_with_bonus_and_unscored_indicator():
    base = PROSE.format(total=102, satisfaction="满意度 96%。")
    bonus = "\n（3）工作表现加减分指标\n\n自评得分8分。\n"
    f = facts_of(base + bonus)
    [d] = run("S002", f)
    assert d.message.startswith("itemised 103.5 (19.5 + 48 + 28 + bonus 8) vs stated 102 (off by 1.5; rounding allows 0.5)")
    # 103.5 written as 103: the rounding of a whole-number total
    assert run("S002", facts_of(PROSE.format(total=103, satisfaction="满意度 96%。") + bonus)) == []
    f = facts_of(PROSE.format(total=103.5, satisfaction="满意度 96%。") + bonus)
    assert run("S002", f) == []
    f = facts_of(PROSE.format(total=105, satisfaction="满意度 96%。") + bonus)
    [d] = run("S002", f)
    assert "indicator (2) 服务对象满意度 has no score" in d.message
    assert any("服务对象满意度" in r.message for r in d.related)


def test_s002_integer_scores_have_no_rounding_slack():
    f = facts_of("（一）自评结论\n\n绩效得分为 91 分。\n\n1. 甲\n\n该指标分值 50 分，自评得分 50 分。\n\n"
                 "2. 乙\n\n该指标分值 50 分，自评得分 40 分。\n")
    [d] = run("S002", f)
    assert d.message == "itemised 90 (50 + 40) vs stated 91 (off by 1)"


def test_s002_partial_list_of_indicators_is_not_judged():
    # two indicators worth 40 of the framework's 100 points: the rest is simply not described
    f = facts_of("（一）自评结论\n\n绩效得分为 91 分。\n\n1. 甲\n\n该指标分值 20 分，自评得分 20 分。\n\n"
                 "2. 乙\n\n该指标分值 20 分，自评得分 10 分。\n")
    assert run("S002", f) == []
    # unless they already exceed the total
    f = facts_of("（一）自评结论\n\n绩效得分为 25 分。\n\n1. 甲\n\n该指标分值 20 分，自评得分 20 分。\n\n"
                 "2. 乙\n\n该指标分值 20 分，自评得分 10 分。\n")
    assert [d.message for d in run("S002", f)] == ["itemised 30 (20 + 10) vs stated 25 (off by 5)"]


def test_framework_maximum_then_total():
    f = facts_of("本项目总分值 100 分，自评得分 95 分。")
    assert [t.value.value for t in f.scores.totals] == [Decimal(95)] and f.scores.items == []


def test_s004_bands_default_and_configured():
    text = "（一）自评结论\n\n绩效自评为良，自评得分为{}分。"
    assert run("S004", facts_of(text.format("89.99"))) == []
    [d] = run("S004", facts_of(text.format("90")))
    assert d.message == "90 is in 优 (≥ 90), the report says 良"
    [d] = run("S004", facts_of(text.format("90.84")))
    assert d.message == "90.84 is in 优 (≥ 90), the report says 良"
    [d] = run("S004", facts_of("评价等级为优，自评得分为85分。"))
    assert d.message == "85 is in 良 (≥ 80 and < 90), the report says 优"
    # a region whose 优 starts at 95: 92 is 良 there, and 良 is right
    config = SimpleNamespace(grade_bands={"优秀": 95, "良好": 85, "中": 60, "差": 0})
    assert run("S004", facts_of(text.format("92"), config=config)) == []
    [d] = run("S004", facts_of(text.format("96"), config=config))
    assert d.message.startswith("96 is in 优 (≥ 95)")
    assert len(run("S004", facts_of(text.format("92")))) == 1     # the national bands say 优


def test_s006_only_without_bonus():
    assert len(run("S006", facts_of("（一）自评结论\n\n绩效得分为 103 分。"))) == 1
    assert run("S006", facts_of("（一）自评结论\n\n绩效得分为 103 分，其中加分项 5 分。")) == []
    assert run("S006", facts_of("（一）自评结论\n\n绩效得分为 100 分。")) == []


def test_s007_cut_off_and_reasoned_deduction_are_silent():
    f = facts_of("\t资金来源\t年初预算数\t执行数\t预算完成率\t分值\t得分\n部门资金\t合计\t2506.72\t2013.02\t75.48%\t20\t0\n")
    assert run("S007", f) == []
    f = facts_of("（1）预算编制合理性\n\n存在预算项目调减情况，该指标分值 5 分，自评得分 4.5 分。\n\n"
                 "（2）资金支出率\n\n资金支出率为 95.87%。该指标分值 6 分，自评得分 5.5 分。\n")
    assert run("S007", f) == [] and run("S001", f) == []


def test_s007_full_execution_but_deducted():
    f = facts_of("（1）预算执行率\n\n预算执行率为 100%。该指标分值 10 分，自评得分 8 分。\n\n"
                 "（2）甲\n\n该指标分值 10 分，自评得分 8 分。\n")
    [d] = run("S007", f)
    assert "100% meets the target in full, but 得分 is 8 of 分值 10" in d.message


def test_rules_survive_garbage():
    all_rules()
    for text in ("", "分值", "该指标分值 5 分", "(1)\n(1)\n(1)", "总分\t\n", "评价等级为", "得分" * 5000,
                 "（1）甲\n\n自评得分 999 分。" * 200):
        f = facts_of(text)
        for code in ("S001", "S002", "S003", "S004", "S005", "S006", "S007"):
            list(REGISTRY[code].check(f))


# --- seeds --------------------------------------------------------------------------------------


def test_seed_000_grade_mismatch():
    f = Facts(read_path(seed("000")))
    [d] = run("S004", f)
    assert f.line_of(d.span[0]) == 85 and "90.84 is in 优" in d.message


def test_seed_003_total_and_unscored_indicator():
    f = Facts(read_path(seed("003")))
    [d] = run("S002", f)
    assert f.line_of(d.span[0]) == 80
    assert "itemised 99 (19.5 + 41.5 + 30 + bonus 8) vs stated 103" in d.message
    assert "(7) 公众或服务对象满意度 has no score" in d.message
    assert 228 in {f.line_of(r.span[0]) for r in d.related}
    [d] = run("S005", f)
    assert f.line_of(d.span[0]) == 228
    for code in ("S001", "S003", "S004", "S006", "S007"):
        assert run(code, f) == [], code


def test_seed_004_table_total_is_silent():
    f = Facts(read_path(seed("004")))
    totals = f.scores.totals
    assert [(f.line_of(t.span[0]), t.value.value) for t in totals] == [(43, 80)]
    assert sum(i.maximum.value for i in f.scores.items) == 100
    for code in ("S001", "S002", "S003", "S004", "S005", "S006", "S007"):
        assert run(code, f) == [], code


def test_seed_001_002_silent():
    for name in ("001", "002"):
        f = Facts(read_path(seed(name)))
        for code in ("S001", "S002", "S003", "S004", "S005", "S006", "S007"):
            assert run(code, f) == [], (name, code)


def test_deduction_bonus_counts_negative():
    text = PROSE.format(total="{total}", satisfaction="该指标分值 10 分，自评得分 9 分。") + "\n（3）减分项\n\n因信息公开不及时扣2分。\n"
    f = facts_of(text.format(total="102.5"))
    [bonus] = [i for i in f.scores.items if i.bonus]
    assert bonus.score.value == -2 and bonus.label == "减分项"
    assert run("S002", f) == []              # 9.5 + 10 + 38 + 10 + 28 + 9 − 2 = 102.5
    [d] = run("S002", facts_of(text.format(total="104.5")))
    assert d.message.startswith("itemised 102.5 (19.5 + 48 + 37 + bonus -2) vs stated 104.5 (off by 2")


def test_table_subtotal_rows():
    f = facts_of("一级指标\t二级指标\t分值\t得分\n决策\t立项\t10\t9\n\t目标\t10\t10\n\t小计\t20\t18\n"
                 "过程\t管理\t80\t70\n总分\t\t100\t89\n")
    [d] = run("S002", f)
    assert d.message == "section 决策 小计: itemised 19 (9 + 10) vs stated 18 (off by 1)"


def test_table_dash_marks_not_applicable():
    f = facts_of("一级指标\t三级指标\t分值\t得分\n产出\t数量\t50\t50\n\t质量\t30\t—\n效益\t效果\t50\t45\n总分\t\t100\t95\n")
    na = [i for i in f.scores.items if i.not_applicable]
    assert [i.label for i in na] == ["质量"]
    for code in ("S002", "S005"):
        assert run(code, f) == [], code


def test_s007_prose_target_and_actual():
    text = ("（1）培训覆盖率\n\n目标值≥95%，实际完成值{actual}。该指标分值 10 分，自评得分 {score} 分。\n\n"
            "（2）甲\n\n该指标分值 10 分，自评得分 10 分。\n")
    [d] = run("S007", facts_of(text.format(actual="100%", score=8)))
    assert d.message == "(1) 培训覆盖率: the target ≥ 95% is met (100%), but 得分 is 8 of 分值 10 (2 deducted)"
    [d] = run("S007", facts_of(text.format(actual="90%", score=10)))
    assert "is missed (90%), but 得分 is the full 分值 10" in d.message
    assert run("S007", facts_of(text.format(actual="90%", score=8))) == []
    assert run("S007", facts_of(text.format(actual="100%", score=10))) == []


def test_table_section_rows_are_subtotals():
    text = ("一级指标\t二级指标\t分值\t得分\n产出指标\t\t50\t{sub}\n\t数量指标\t25\t23\n\t质量指标\t25\t22\n"
            "效益指标\t\t50\t48\n\t社会效益\t50\t48\n总分\t\t100\t93\n")
    f = facts_of(text.format(sub=45))
    subs = [i for i in f.scores.items if i.subtotal]
    assert [(i.label, i.score.value) for i in subs] == [("产出指标", 45), ("效益指标", 48)]
    assert run("S002", f) == []
    [d] = run("S002", facts_of(text.format(sub=46)))
    assert d.message == "section 产出指标: itemised 45 (23 + 22) vs stated 46 (off by 1)"
