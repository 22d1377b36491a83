from decimal import Decimal

from conftest import seed

from lint.facts import Facts
from lint.facts.tables import parse_cell_value
from lint.source import Source, read_path


def facts_of(text: str) -> Facts:
    return Facts(Source("t.md", text))


def cells(row):
    return [c.text for c in row.cells]


def test_cell_values():
    assert parse_cell_value("80分").value == Decimal(80)
    assert parse_cell_value("80分").unit == "分"
    q = parse_cell_value("75.48%")
    assert (q.value, q.decimals, q.unit) == (Decimal("75.48"), 2, "%")
    assert parse_cell_value("155个").unit == "个"
    assert parse_cell_value("1,623.16", unit="万元").unit == "万元"
    assert parse_cell_value("-3").value == Decimal(-3)
    assert parse_cell_value("约93%").hedge == "约"
    for text in ("95%或以上", "2人或2人以上", "已完成", "", "2000或以上", "≥95%", "第1名"):
        assert parse_cell_value(text) is None, text


def test_tab_table_with_unit_header_and_total():
    f = facts_of("单位：万元\n\n项目\t年初预算数\t决算数\n一、基本支出\t10.50\t9\n二、项目支出\t2\t1\n本年支出合计\t12.50\t10\n")
    [t] = f.tables
    assert t.kind == "tab" and t.unit == "万元"
    assert t.rows[0].is_header and not t.rows[1].is_header
    assert [r.is_total for r in t.rows] == [False, False, False, True]
    v = t.rows[1].cells[1].value
    assert (v.value, v.decimals, v.unit) == (Decimal("10.50"), 2, "万元")
    assert f.snippet(t.rows[1].cells[1].span) == "10.50"
    assert t.rows[3].label == "本年支出合计"


def test_unit_split_over_two_lines_and_empty_leading_cells():
    f = facts_of("单位:  \n万元\n\n名称\n\n\t资金来源\t年初预算数\t完成率\t分值\t得分\n部门 资金 情况\t合计\t2506.72\t75.48%\t20\t0\n\t一般公共预算\t2506.72\t75.48%\t\t\n")
    [t] = f.tables
    assert t.unit == "万元"
    assert len(t.rows[2].cells) == len(t.rows[0].cells) == 6
    assert t.rows[2].cells[0].text == "" and t.rows[2].cells[1].text == "一般公共预算"
    assert t.rows[1].is_total
    # score columns do not take the money unit
    assert t.rows[1].cells[4].value.unit == "" and t.rows[1].cells[2].value.unit == "万元"
    assert t.rows[1].cells[3].value.unit == "%"


def test_table_cut_by_blank_line_is_joined():
    f = facts_of("指标\t目标\t分值\t得分\n甲\t100%\t10\t10\n\n乙\t100%\t10\t9\n总分\t19分\t\t\n")
    [t] = f.tables
    assert len(t.rows) == 4 and t.rows[-1].is_total
    assert t.rows[-1].cells[1].value.value == 19


def test_repeated_header_starts_a_new_table():
    f = facts_of("序号\t主要职责\n1\t甲\n2\t乙\n\n序号\t主要职责\n3\t丙\n")
    assert len(f.tables) == 2 and f.tables[1].rows[0].is_header


def test_pipe_table():
    f = facts_of("| 项目 | 预算数 | 决算数 |\n|---|---:|---|\n| 基本支出 | 100.5 | 90 |\n| 合计 | 100.5 | 90 |\n")
    [t] = f.tables
    assert t.kind == "pipe" and t.rows[0].is_header and len(t.rows) == 3
    assert cells(t.rows[1]) == ["基本支出", "100.5", "90"]
    assert t.rows[2].is_total
    assert f.snippet(t.rows[1].cells[1].span) == "100.5"


def test_one_cell_per_line_table():
    f = facts_of("项目|\n金额|\n\n人员|\n10|\n\n公用|\n5|\n")
    [t] = f.tables
    assert t.kind == "lines" and [cells(r) for r in t.rows] == [["项目", "金额"], ["人员", "10"], ["公用", "5"]]
    assert t.rows[0].is_header


def test_html_table_cells_map_to_clean_text():
    f = facts_of('前文\n<table><tr><td>指标</td><td>分值</td><td>得分</td></tr>\n'
                 '<tr><td rowspan="2">产出</td><td>50</td><td>48</td></tr>\n'
                 '<tr><td>30</td><td>29.5分</td></tr>\n<tr><td>总分</td><td>80</td><td>77.5</td></tr></table>\n')
    [t] = f.tables
    assert t.kind == "html" and t.rows[0].is_header
    assert cells(t.rows[2]) == ["", "30", "29.5分"]       # the rowspan keeps the columns aligned
    assert t.rows[3].is_total and t.rows[3].cells[2].value.value == Decimal("77.5")
    assert f.snippet(t.rows[1].cells[2].span) == "48"
    line, col, _, _ = f.original_range(t.rows[1].cells[2].span)
    assert line == 3


def test_garbage_does_not_crash():
    for text in ("", "\t", "|", "||||\n|---|", "<table><tr><td>", "<table>" * 50, "\t" * 10000, "a|" * 5000,
                 "1\t2\n" * 3000):
        facts_of(text).tables


def test_seed_003_money_table():
    f = Facts(read_path(seed("003")))
    t = next(t for t in f.tables if f.line_of(t.span[0]) == 67)
    assert t.unit == "万元" and t.rows[0].is_header
    assert t.rows[-1].is_total and t.rows[-1].label == "本年支出合计"
    assert [c.value.value for c in t.rows[-1].cells[1:]] == [Decimal("4255.62"), Decimal("3703.85"), Decimal("3703.85")]


def test_seed_004_indicator_table():
    f = Facts(read_path(seed("004")))
    t = next(t for t in f.tables if f.line_of(t.span[0]) == 31)
    assert f.line_of(t.span[1] - 1) == 43                # joined across the blank line 38
    assert all(len(r.cells) == 9 for r in t.rows)
    total = t.rows[-1]
    assert total.is_total and total.cells[1].value.value == 80 and total.cells[1].value.unit == "分"
    row36 = next(r for r in t.rows if f.line_of(r.span[0]) == 36)
    assert row36.cells[5].value is None and row36.cells[6].value.unit == "人"


def test_indenting_tabs_do_not_make_a_table():
    f = facts_of("\t一、基本情况\n\t本单位共有职工 25 人。\n\t该指标分值 5 分，自评得分 4 分。\n")
    assert f.tables == []
    # but a row whose only cell is indented stays in the table it continues
    f = facts_of("指标\t分值\t得分\n甲\t10\t9\n\t\t\t乙\n")
    assert len(f.tables) == 1 and len(f.tables[0].rows) == 3
