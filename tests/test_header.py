"""The report header: title, evaluation year (field, title, body), filing date, unit name."""
from __future__ import annotations

import pytest
from conftest import seed

from lint.facts import Facts
from lint.facts.dates import iso
from lint.source import Source, read_path


def header_of(text: str, year=None):
    return Facts(Source("t.md", text), config=None, year=year).header


@pytest.mark.parametrize("prefix,year,source,filed", [
    ("000", 2024, "body", "2025-05-30"),
    ("001", 2023, "field", "2023-06-28"),
    ("002", 2021, "title", None),
    ("003", 2022, "body", "2023-05-15"),
    ("004", 2021, "title", None),
])
def test_seed_headers(prefix, year, source, filed):
    f = Facts(read_path(seed(prefix)), config=None, year=None)
    h = f.header
    assert h.evaluation_year is not None and h.evaluation_year.value == year
    assert h.evaluation_year.source == source
    assert f.evaluation_year == year
    if filed is None:
        assert h.filing_date is None
    else:
        assert iso(h.filing_date.value) == filed


def test_seed_titles_and_units():
    f = Facts(read_path(seed("001")), config=None, year=None)
    assert f.header.title.value == "整体绩效自评报告" and f.line_of(f.header.title.span[0]) == 3
    assert f.header.unit_name.value == "湛江经济技术开发区泉庄街道办事处"
    f0 = Facts(read_path(seed("000")), config=None, year=None)
    assert f0.header.unit_name is None          # 部门名称：（公章） names no unit
    f4 = Facts(read_path(seed("004")), config=None, year=None)
    assert f4.header.title.value == "荔湾区部门整体支出绩效自评表"
    assert f4.header.unit_name.value.startswith("中国共产党广州市荔湾区委员会组织部")


def test_field_wins_over_title_and_body():
    h = header_of("# 某局2022年部门整体支出绩效自评报告\n\n评价年度：2023 年度\n\n2021年，本单位整体支出绩效良好，绩效自评为良。\n")
    assert (h.evaluation_year.value, h.evaluation_year.source) == (2023, "field")
    assert sorted((s.source, s.value) for s in h.year_statements) == [
        ("conclusion", 2021), ("field", 2023), ("title", 2022)]


def test_year_on_the_line_after_the_title():
    h = header_of("# 荔湾区部门整体支出绩效自评表\n\n（2021年度）\n\n部门名称（盖章）某区委组织部\n")
    assert (h.evaluation_year.value, h.evaluation_year.source) == (2021, "title")
    assert h.unit_name.value == "某区委组织部"


def test_chinese_numeral_year_in_title():
    h = header_of("二〇二二年度项目支出绩效自评报告\n\n项目资金执行良好。\n")
    assert h.evaluation_year.value == 2022


def test_body_year_needs_a_clear_winner():
    h = header_of("# 自评报告\n\n2023年，本单位完成了任务。本单位2024年开展了工作。\n")
    assert h.evaluation_year is None
    h = header_of("# 自评报告\n\n2023年，本单位完成了任务。本单位2023年预算执行率95%。本单位2024年计划开展工作。\n")
    assert (h.evaluation_year.value, h.evaluation_year.source) == (2023, "body")


def test_year_override_when_the_report_says_nothing():
    f = Facts(Source("t.md", "# 自评报告\n\n工作开展良好。\n"), config=None, year=2022)
    assert f.header.evaluation_year is None and f.evaluation_year == 2022


@pytest.mark.parametrize("field", ["填报日期：2024年6月28日", "报告日期: 2024-06-28", "成文日期：二〇二四年六月二十八日",
                                   "填报日期 2024 年 6 月 28 日", "填报日期：２０２４年６月２８日"])
def test_filing_date_variants(field):
    h = header_of(f"# 部门整体支出绩效自评报告\n\n{field}\n")
    assert iso(h.filing_date.value) == "2024-06-28"


@pytest.mark.parametrize("field", ["发布日期：2024年6月28日", "公开时间：2024年6月28日", "填报日期：", "填报日期：    年  月  日"])
def test_not_filing_dates(field):
    assert header_of(f"# 部门整体支出绩效自评报告\n\n{field}\n\n正文。\n").filing_date is None


def test_signature_date_at_the_end():
    h = header_of("# 部门整体支出绩效自评报告\n\n正文内容。\n\n某县财政局\n\n2024年3月15日\n")
    assert iso(h.filing_date.value) == "2024-03-15" and h.filing_date.source == "body"


def test_unit_name_variants():
    assert header_of("部门(单位)名称：某县教育局\n").unit_name.value == "某县教育局"
    assert header_of("单位名称：某县卫生健康局\n").unit_name.value == "某县卫生健康局"
    assert header_of("部门名称：（公章）\n填报人：张三\n").unit_name is None


def test_unit_name_from_a_project_table():
    # 主管部门 / 实施单位 are the unit fields of a project table: in a cell, at a line's start, cells run together
    assert header_of("| 主管部门 | 某县交通运输局 | 实施单位 | 某县公路中心 |\n").unit_name.value == "某县交通运输局"
    assert header_of("<table><tr><td>主管部门</td><td>某市文旅局</td><td>实施单位</td><td>某市图书馆</td></tr>"
                     "</table>\n").unit_name.value == "某市文旅局"
    assert header_of("实施单位：某镇农业服务中心\n").unit_name.value == "某镇农业服务中心"
    assert header_of("# 项目支出绩效自评报告\n\n主管部门要加强资金监管。\n").unit_name is None
    assert header_of("主管部门:加强资金监管,按季度通报进度。\n").unit_name is None


def test_title_skips_cited_titles_and_sentences():
    h = header_of("附件3\n\n根据《2023年项目绩效评价报告》要求，现报告如下。\n\n项目支出绩效自评报告\n")
    assert h.title.value == "项目支出绩效自评报告"


def test_empty_text():
    h = header_of("")
    assert h.title is None and h.evaluation_year is None and h.filing_date is None and h.unit_name is None


def test_field_with_wei():
    assert header_of("评价年度为2023年\n").evaluation_year.value == 2023


def test_year_override_beats_a_guess_from_the_body():
    text = "# 自评报告\n\n2023年，本单位整体支出绩效情况良好，绩效自评为良。\n"
    assert header_of(text).evaluation_year.value == 2023
    f = Facts(Source("t.md", text), config=None, year=2024)
    assert f.header.evaluation_year is None and f.evaluation_year == 2024
    # the report's own field still wins over the override
    f = Facts(Source("t.md", "评价年度：2023年度\n" + text), config=None, year=2024)
    assert f.evaluation_year == 2023


def test_pipe_table_header():
    h = header_of("| 2023年度项目支出绩效自评表 |\n|---|---|\n| 评价年度 | 2023年度 |\n| 填报日期 | 2024年3月10日 |\n")
    assert h.title.value == "2023年度项目支出绩效自评表"
    assert (h.evaluation_year.value, h.evaluation_year.source) == (2023, "field")
    assert iso(h.filing_date.value) == "2024-03-10"


def test_a_cited_report_date_is_not_the_filing_date():
    text = "# 部门整体支出绩效自评报告\n\n根据审计报告日期：2023年5月1日的意见整改。\n\n填报人：张三　　填报日期：2024年3月1日\n"
    assert iso(header_of(text).filing_date.value) == "2024-03-01"


def test_date_after_signature_lines_is_the_filing_date():
    h = header_of("# 某局2023年度部门整体支出绩效自评报告\n\n一、概况\n\n本局全年支出320.00万元。\n\n"
                  "单位负责人：张某\n\n联系电话：0710-5551234\n\n2024年4月2日\n")
    assert h.filing_date is not None and iso(h.filing_date.value) == "2024-04-02"


def test_project_supervisor_is_the_unit():
    h = header_of("# 某县2023年度饮水工程项目绩效自评报告\n\n项目主管部门：某县水利局\n\n项目实施单位：某县供水站\n\n"
                  "一、项目概况\n\n项目主管部门要加强监管。\n")
    assert h.unit_name is not None and h.unit_name.value == "某县水利局"
