"""The clean text and its map back to the original, artefact by artefact."""
from __future__ import annotations

import pytest

from lint.normalise import normalise


def check_map(original: str, clean):
    """Every clean character maps inside the original, monotonically, and plain characters map to themselves."""
    assert len(clean.omap) == len(clean.text)
    previous = -1
    for i, ch in enumerate(clean.text):
        j = clean.omap[i]
        assert 0 <= j < len(original)
        assert j >= previous
        previous = j
    return [(clean.text[i], original[clean.omap[i]]) for i in range(len(clean.text))]


@pytest.mark.parametrize("original,expected", [
    ("收入总预算 1623.16 万元", "收入总预算1623.16万元"),
    ("填报日期：2023 年 6 月 28 日", "填报日期:2023年6月28日"),
    ("共１５３４３户，占５４．３７％", "共15343户,占54.37%"),
    ("（一）部门职能", "(一)部门职能"),
    ("**一是持续打造品牌。**扩大覆盖", "一是持续打造品牌。扩大覆盖"),
    ("<p>完成公务员公招</p>", "完成公务员公招"),
    ("满意度 $\\geq 95\\%$ 。", "满意度≥95%。"),
    ("湛开财[2024]319 号", "湛开财[2024]319号"),
    ("合计\t2506.72\t160.09", "合计\t2506.72\t160.09"),
    ("数值 2506.72 160.09", "数值2506.72 160.09"),
    ("第一行\r\n第二行", "第一行\n第二行"),
    ("备注<!-- jxlint-disable-next-line C001 -->", "备注"),
    ("价格 $5 和 $6", "价格$5和$6"),
])
def test_artefacts(original, expected):
    clean = normalise(original)
    assert clean.text == expected
    check_map(original, clean)


def test_map_points_at_original_characters():
    original = "共登记 15343 户，其中，单位 7136 户"
    clean = normalise(original)
    pairs = check_map(original, clean)
    for c, o in pairs:
        assert c == o or (c, o) in {(",", "，")}
    i = clean.text.index("7136")
    assert original[clean.omap[i]:clean.omap[i + 3] + 1] == "7136"


def test_latex_maps_to_its_source():
    original = "满意度 $\\geq 95\\%$ 。"
    clean = normalise(original)
    i = clean.text.index("≥")
    assert original[clean.omap[i]:clean.omap[i] + 4] == "\\geq"
    j = clean.text.index("9")
    assert original[clean.omap[j]] == "9"


def test_page_break_is_rejoined():
    original = "充分利用平台资源开展线上培训，共统筹举办线上培训班25\n\n期，累计教育培训干部超4.6万人次。"
    clean = normalise(original)
    assert "线上培训班25期" in clean.text
    k = clean.text.index("期")
    assert original[clean.omap[k]] == "期"
    assert original[:clean.omap[k]].endswith("25\n\n")


@pytest.mark.parametrize("original", [
    "一、部门基本情况\n\n(一) 部门职能",
    "附件 3\n\n部门整体支出绩效自评报告",
    "我单位按有关规定按时公开预决算信息。\n\n(2) 绩效目标。",
    "2022 年部门整体支出基本情况\n\n单位：万元",
    "合计\t1\t2\n\n小计\t3\t4",
    "(3) 结转结余率。决算数总额 5986.7 万元，\n\n(4) 国库集中支付结转结余存量资金效率性。",
])
def test_real_paragraph_breaks_are_kept(original):
    assert "\n\n" in normalise(original).text


def test_cut_word_is_rejoined_after_comma():
    clean = normalise("组织开展区行风建设评议活动，广\n\n泛听取人民群众对参评单位的意见。")
    assert "活动,广泛听取" in clean.text


def test_normalising_twice_is_stable():
    original = "收入总预算 １６２３.16 万元，**其中**一般公共预算 1525.16 万元\n\n"
    once = normalise(original).text
    assert normalise(once).text == once


def test_empty_and_odd_input():
    for text in ("", "\n", "\r", "$", "<p", "**", "\n\n\n", "$$", "&nbsp;"):
        clean = normalise(text)
        check_map(text, clean) if clean.text else None


def test_a_number_never_fuses_with_the_number_after_a_blank_line():
    clean = normalise("联系电话：0710-5551234\n\n2024年4月2日\n").text
    assert "0710-5551234\n" in clean and "\n2024年4月2日" in clean
