"""The headings extractor: markers, what is not a heading, and the tree with its repeats and skips."""
from __future__ import annotations

import pytest
from conftest import seed

from lint.facts import Facts
from lint.facts.headings import match_heading
from lint.source import Source, read_path


def heads(text: str):
    facts = Facts(Source("t.md", text))
    return facts, facts.headings


def by_marker(facts, hs):
    return [(facts.line_of(h.span[0]), h.marker, h.level, h.issue) for h in hs]


@pytest.mark.parametrize(
    "line,style,number",
    [
        ("一、部门基本情况", "一、", 1),
        ("十一、其他事项", "一、", 11),
        ("(三)部门整体支出绩效目标", "(一)", 3),
        ("( 四 ) 绩效管理情况", "(一)", 4),
        ("1.年度总体工作", "1.", 1),
        ("12、协同有关部门做好选举工作", "1.", 12),
        ("(10)做好国防教育工作", "(1)", 10),
        ("3)统筹负责综合治理工作", "(1)", 3),
        ("②完成人才引进", "①", 2),
        ("d.满意度指标", "a.", 4),
        ("B.效益指标情况分析", "A.", 2),
        ("- (1)完成基层组织保障经费项目;", "(1)", 1),
        ("## 二、绩效自评情况", "一、", 2),
        ("(三) 2024年计划服务群众满意度≥95%。", "(一)", 3),
    ],
)
def test_markers(line, style, number):
    found = match_heading(line)
    assert found is not None and found[0] == style and found[1] == number


@pytest.mark.parametrize(
    "line",
    [
        "一是加强理论学习。二是强化监督。",
        "2023年,本单位完成各项工作任务。",
        "1\t贯彻落实党中央关于党建工作的方针政策。",
        "一、基本支出\t1438.40\t1636.67",
        "| 1 | 培训人数 | 10 |",
        "1.5万元用于购置办公设备。",
        "1、2月份完成全部清查工作。",
        "A.B.C三类项目",
        "(三)",
        "",
        "e.g. an English note",
    ],
)
def test_not_headings(line):
    assert match_heading(line) is None


def test_markdown_title_is_a_heading_of_style_hash():
    found = match_heading("# 荔湾区部门整体支出绩效自评表")
    assert found is not None and found[0] == "#"


def test_nested_restart_and_resumption_are_not_issues():
    facts, hs = heads(
        "一、基本情况\n\n(一)部门职能\n\n(二)年度工作\n\n1.年度总体工作\n\n(一)强化党建\n\n(二)建设队伍\n\n"
        "(三)引进人才\n\n2.重点工作任务\n\n- (1)完成项目A;\n- (2)完成项目B;\n\n(三)绩效目标\n\n二、绩效自评\n"
    )
    rows = by_marker(facts, hs)
    assert [r[3] for r in rows] == [""] * len(rows)
    levels = {(line, m): level for line, m, level, _ in rows}
    assert levels[(9, "(一)")] == 4          # nested under "1." which sits under (二)
    assert levels[(20, "(三)")] == 2         # resumes the outer list
    outer = hs[[r[0] for r in rows].index(20)]
    assert hs[outer.previous].marker == "(二)" and facts.line_of(hs[outer.previous].span[0]) == 5
    assert hs[outer.parent].marker == "一、"


def test_repeat_after_nested_items():
    facts, hs = heads(
        "二、自评情况\n\n(一)自评结论\n\n(二)指标分析\n\nA.产出\n\na.数量\n\nb.质量\n\nd.满意度\n\n"
        "(三)满意度达到95%。\n\n(三)存在问题\n\n三、其他\n"
    )
    issues = [(facts.line_of(h.span[0]), h.marker, h.issue) for h in hs if h.issue]
    assert issues == [(13, "d.", "skip"), (17, "(三)", "repeat")]
    repeat = next(h for h in hs if h.issue == "repeat")
    assert facts.line_of(hs[repeat.previous].span[0]) == 15


def test_full_and_half_width_brackets_are_one_style():
    facts, hs = heads("（一）甲\n\n(二) 乙\n\n（ 三 ）丙\n\n(三)丁\n")
    assert [h.style for h in hs] == ["(一)"] * 4
    assert [h.issue for h in hs] == ["", "", "", "repeat"]


def test_inline_items_open_a_nested_list():
    facts, hs = heads(
        "(一)总体\n\n(二)分析\n\na.社会效益\n\n党建方面。(一)抓基础,成效明显。\n\n(二)抓重点,推进项目。\n\n"
        "(三)抓品牌,打造示范点。\n\nb.满意度\n\n(三)存在问题\n"
    )
    assert all(h.issue == "" for h in hs)
    inner = next(h for h in hs if h.marker == "(二)" and h.level > 2)
    assert hs[inner.parent].marker == "a."


def test_a_repeat_after_an_inline_item_is_not_judged():
    facts, hs = heads("(一)甲\n\n(二)乙。(三)丙也在此处提及。\n\n(三)丁\n")
    assert all(h.issue == "" for h in hs)
    facts, hs = heads("(一)甲。(二)乙也在此处提及。\n\n(二)乙\n\n(三)丙\n")
    assert all(h.issue == "" for h in hs) and [h.level for h in hs] == [1, 1, 1]


def test_gap_in_an_outer_list_with_nested_items_between_is_not_a_skip():
    # (四) after nested items: an unseen nested list may explain it; only 一、 lists are judged across nesting
    facts, hs = heads("(一)甲\n\n(二)乙\n\n1.子项\n\n2.子项\n\n(四)丁\n")
    assert all(h.issue == "" for h in hs)
    facts, hs = heads("一、甲\n\n(一)子项\n\n(二)子项\n\n三、丙\n")
    assert [h.issue for h in hs] == ["", "", "", "skip"]


def test_a_list_first_seen_mid_way_is_not_judged_for_skips():
    facts, hs = heads("(二)工作成效\n\n本年完成培训6期。\n\n(四)主要成效\n")
    assert all(h.issue == "" for h in hs)


def test_large_jump_is_not_reported():
    facts, hs = heads("1.甲\n\n2.乙\n\n9.丙\n")
    assert all(h.issue == "" for h in hs)


def test_restart_at_one_nests():
    facts, hs = heads("1.甲\n\n2.乙\n\n1.丙\n\n2.丁\n\n3.戊\n")
    assert all(h.issue == "" for h in hs)
    assert hs[2].level == 2 and hs[hs[2].parent].marker == "2."


def test_heading_text_and_spans():
    facts, hs = heads("   (3)结转结余率。我单位2023年末结余0万元。\n")
    h = hs[0]
    assert h.text == "结转结余率"
    assert facts.snippet(h.span) == "(3)"
    assert facts.snippet(h.line_span).startswith("(3)结转结余率")


@pytest.mark.parametrize(
    "text",
    ["", "\n\n\n", "(" * 5000, "一、" * 3000, "(一" + "\n" * 10, "1." * 10000 + "\n" + "x" * 100000,
     "\t\t\t\n|||\n# \n#\n- \n①②③\n"],
)
def test_garbage_does_not_crash(text):
    facts, hs = heads(text)
    assert isinstance(hs, list)


def test_seed_000_tree():
    facts = Facts(read_path(seed("000")))
    by_line = {facts.line_of(h.span[0]): h for h in facts.headings}
    assert by_line[40].issue == "" and by_line[40].level > by_line[34].level
    assert by_line[77].issue == "" and by_line[77].level == by_line[34].level
    assert by_line[137].issue == "skip"
    assert by_line[141].issue == "repeat"
    assert 20 not in by_line and 31 not in by_line           # table rows
    assert 46 not in by_line and 60 not in by_line           # 二是/三是 paragraphs


def test_seeds_have_no_other_numbering_issues(seeds_dir):
    flagged = []
    for path in sorted(seeds_dir.glob("*.txt")):
        facts = Facts(read_path(path))
        flagged += [(path.name[:3], facts.line_of(h.span[0])) for h in facts.headings if h.issue]
    assert flagged == [("000", 137), ("000", 141)]


def test_table_rows_with_leading_numerals_are_not_headings():
    facts = Facts(read_path(seed("003")))
    lines = {facts.line_of(h.span[0]) for h in facts.headings}
    assert not lines & {68, 71, 177, 184}
