from decimal import Decimal

import pytest

from conftest import seed
from lint.facts import Facts
from lint.facts.numbers import base_value, breakdowns, unit_scale
from lint.source import Source, read_path


def facts_of(text: str) -> Facts:
    return Facts(Source("t.md", text))


def qs(text: str):
    return facts_of(text).quantities


def brief(text: str):
    return [(q.text, q.value, q.unit) for q in qs(text)]


def test_amounts_counts_percentages():
    found = qs("本部门收入总预算 1623.16 万元,增长 6.82%,共登记 15343 户。")
    assert [(q.value, q.decimals, q.unit) for q in found] == [
        (Decimal("1623.16"), 2, "万元"), (Decimal("6.82"), 2, "%"), (Decimal("15343"), 0, "户")]
    assert found[0].text == "1623.16万元"


def test_label_is_the_words_before_the_number():
    found = qs("截至 2023 年 11 月 1 日止，我街道共登记录入清查对象 15343 户，其中，单位 7136 户，有证个体 4153 户。")
    assert [q.label for q in found] == ["共登记录入清查对象", "单位", "有证个体"]


def test_label_after_colon_and_without_dates():
    found = qs("支出按支出性质分类：基本支出：642.19 万元；2023年，本部门收入总预算 1623.16 万元")
    assert [q.label for q in found] == ["基本支出", "收入总预算"]


def test_years_dates_and_document_numbers_are_not_quantities():
    assert brief("2023年11月1日，根据湛开财[2024]319号和粤财评2024)87号文") == []
    assert brief("(惠仲委人才〔2024〕1号)") == []


def test_phone_heading_policy_and_names_are_not_quantities():
    assert brief("联系电话:0752-2609417") == []
    assert brief("1. 预算情况\n(3) 结转结余率\n2、重点工作") == []
    assert brief("拟制了“4+1”人才政策,“5+1”现代产业体系,“1+7+55+N”网络") == []
    assert brief("12345 市长热线服务平台") == []
    assert brief("任务1\t内容\n全市“616”名企进校园") == []


def test_ranges_and_ordinals_are_not_quantities():
    assert brief("选树1-3家示范点,第一批,第五次全国经济普查,第2名") == []


def test_chinese_numerals_only_before_a_classifier():
    assert brief("共召开了十二次工作推进会") == [("十二次", Decimal(12), "次")]
    assert brief("把街道机关八大办公室分为两组") == [("八大", Decimal(8), "大"), ("两组", Decimal(2), "组")]
    assert brief("一岗双责,一是安全生产,五经普,十九大和二十大精神,第十三次党代会") == []
    q = qs("动员两万人参加")[0]
    assert (q.value, q.unit, q.chinese) == (Decimal(20000), "人", True)


def test_hedges_before_and_after():
    found = qs("超 4.6 万人次;近270万元;480余名;40 多人;90分以上;约 16674 人次;不到 5 个;100 人左右")
    assert [(q.hedge, q.unit) for q in found] == [
        ("超", "万人次"), ("近", "万元"), ("余", "名"), ("多", "人"), ("以上", "分"), ("约", "人次"),
        ("不到", "个"), ("左右", "人")]
    assert found[0].value == Decimal("4.6")


def test_full_width_digits_and_spaces_inside_numbers():
    q = qs("执行数 ７１４．０７ 万元，完成预算的 ８０．２％")
    assert [(x.value, x.decimals, x.unit) for x in q] == [(Decimal("714.07"), 2, "万元"), (Decimal("80.2"), 1, "%")]


def test_unit_words_that_are_not_units():
    # 3个月 is a duration, 2项目 and 5人员 are words
    assert brief("为期3个月") == []
    assert [u for _, _, u in brief("支出 20 万元,3 人员")] == ["万元"]


def test_thousands_separator_and_unitless_table_cells():
    assert brief("合计 1,623.16 万元") == [("1,623.16万元", Decimal("1623.16"), "万元")]
    cells = brief("项目\t年初预算数\t决算数\n一、基本支出\t1438.40\t1636.67\n")
    assert [v for _, v, _ in cells] == [Decimal("1438.40"), Decimal("1636.67")]


def test_unit_scale():
    assert unit_scale("万元") == (Decimal(10000), "元")
    assert unit_scale("万人次") == (Decimal(10000), "人次")
    assert unit_scale("%") == (Decimal(1), "%")
    assert base_value(qs("2.28万人次")[0]) == Decimal("22800.00")


def test_survives_garbage():
    for text in ("", "〔〔〔(((", "1" * 10000, "。" * 5000, "1.2.3.4", "$$%%", "万元" * 100, "一二三四五六七八九十" * 50):
        facts_of(text).quantities
        breakdowns(facts_of(text))


def test_breakdown_total_then_parts():
    b = breakdowns(facts_of("共登记录入清查对象 15343 户，其中，单位 7136 户，有证个体 4153 户，无证个体 4064 户。"))
    assert len(b) == 1
    assert b[0].total.value == 15343 and [p.value for p in b[0].parts] == [7136, 4153, 4064]


def test_breakdown_skips_growth_figures():
    b = breakdowns(facts_of("收入总预算 1623.16 万元，比上年度增加 103.61 万元，增长 6.82%，其中一般公共预算拨款收入"
                            " 1525.16 万元，政府性基金预算收入 98 万元。"))
    assert b[0].total.value == Decimal("1623.16") and len(b[0].parts) == 2


def test_breakdown_parts_then_total():
    b = breakdowns(facts_of("系列微党课课件5个，情景党课课件1个，微电影课件1个，共7个精品课件。"))
    assert [(x.total.value, len(x.parts), x.kind) for x in b] == [(7, 3, "共")]


def test_breakdown_qizhong_opening_a_sentence_looks_back():
    b = breakdowns(facts_of("共收到信访事项 102 宗，办结 102 宗，办结率 100%。其中初件 92 宗，重件 10 宗。"))
    assert b[0].total.value == 102 and [p.value for p in b[0].parts] == [92, 10]


def test_seed_001_quantities():
    facts = Facts(read_path(seed("001")))
    found = {(facts.line_of(q.span[0]), q.text) for q in facts.quantities}
    assert (109, "15343户") in found and (105, "十二次") in found and (107, "八大") in found
    assert not any(q.text.startswith("2024") or q.text == "319" for q in facts.quantities)
    assert not any("12345" in q.text for q in facts.quantities)
    assert not any(facts.line_of(q.span[0]) == 95 and q.text.startswith("一") for q in facts.quantities)


def test_seed_000_policy_names():
    facts = Facts(read_path(seed("000")))
    on_129 = [q.text for q in facts.quantities if facts.line_of(q.span[0]) == 129]
    assert "4" not in on_129 and "1" not in on_129
