"""The R family: numbering, required fields and sections, broken items, debris, empty score cells."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from conftest import seed

import lint.facts
from lint.config import Settings
from lint.engine import lint_source
from lint.facts import Facts
from lint.model import Cell, Row, Table
from lint.rules import REGISTRY, all_rules
from lint.source import Source, read_path

all_rules()


def run(code: str, text: str, path: str = "t.md", config=None) -> list:
    facts = Facts(Source(path, text), config=config)
    return [(facts.line_of(d.span[0]), d) for d in REGISTRY[code].check(facts)]


def lines(code: str, text: str, **kw) -> list[int]:
    return [line for line, _ in run(code, text, **kw)]


# --- R001 / R002 ---------------------------------------------------------------------------------

def test_r001_repeat_names_both_items():
    found = run("R001", "(一)甲\n\n(二)乙\n\n(二)丙\n\n(三)丁\n")
    assert [line for line, _ in found] == [5]
    diag = found[0][1]
    assert "(二)" in diag.message and "(三)" in diag.message and "line 3" in diag.message
    assert diag.related and diag.code == "R001"


def test_r001_silent_on_nested_restart():
    assert lines("R001", "(一)甲\n\n1.子项\n\n(一)内层\n\n(二)内层\n\n2.子项\n\n(二)乙\n") == []


def test_r002_skip_lists_the_run_and_the_missing_items():
    found = run("R002", "a.数量\n\nb.质量\n\ne.满意度\n")
    assert [line for line, _ in found] == [5]
    assert "a. b. e." in found[0][1].message and "c.、d." in found[0][1].message


def test_r002_silent_on_continuous_list():
    assert lines("R002", "1.甲\n\n2.乙\n\n3.丙\n\n4.丁\n") == []


# --- R003 ----------------------------------------------------------------------------------------

REPORT = "2021年部门整体支出绩效自评报告\n\n部门名称:某区委组织部\n\n{filing}一、基本情况\n\n本部门自评得分为91.28分。\n"


def test_r003_missing_filing_date_is_anchored_at_the_title():
    found = run("R003", REPORT.format(filing=""))
    assert [(line, d.message.split(":")[0]) for line, d in found] == [
        (1, "The report “2021年部门整体支出绩效自评报告” has no filing date (填报日期)")]


def test_r003_silent_when_fields_present():
    assert lines("R003", REPORT.format(filing="填报日期:2022年3月1日\n\n")) == []


def test_r003_required_fields_come_from_configuration():
    config = SimpleNamespace(required_fields=["unit_name"])
    assert lines("R003", REPORT.format(filing=""), config=config) == []
    config = Settings(required_fields=["filing_date", "unit_name"])
    assert len(lines("R003", "2021年部门整体支出绩效自评报告\n\n一、基本情况\n", config=config)) == 2


def test_r003_without_a_title_is_silent():
    assert lines("R003", "本部门自评得分91分。\n") == []


def test_r003_survives_missing_extractors(monkeypatch):
    monkeypatch.setitem(lint.facts.EXTRACTORS, "header", "lint.facts.no_such_module:header")
    monkeypatch.setitem(lint.facts.EXTRACTORS, "scores", "lint.facts.no_such_module:scores")
    found = run("R003", REPORT.format(filing=""))
    assert [line for line, _ in found] == [1]
    assert "filing date" in found[0][1].message
    assert lines("R003", REPORT.format(filing="填报日期:2022年3月1日\n\n")) == []


# --- R004 ----------------------------------------------------------------------------------------

def test_r004_one_note_per_missing_section():
    text = "2022年度部门整体支出绩效自评报告\n\n一、基本情况\n\n二、自评结论\n\n三、存在问题\n"
    found = run("R004", text)
    assert [line for line, _ in found] == [1]
    assert "改进措施" in found[0][1].message


def test_r004_silent_when_all_sections_present_and_on_table_forms():
    text = "2022年度部门整体支出绩效自评报告\n\n一、基本情况\n\n二、自评结论\n\n三、存在问题及改进意见\n"
    assert lines("R004", text) == []
    assert lines("R004", "部门整体支出绩效自评表\n\n指标\t分值\t得分\n产出\t50\t48\n") == []


# --- R005 ----------------------------------------------------------------------------------------

def test_r005_item_broken_off_before_the_next_item():
    text = "(3)结转结余率。年末结余0万元,决算数总额5986.7万元,\n\n(4)国库集中支付。无结余。\n"
    found = run("R005", text)
    assert [line for line, _ in found] == [1]
    assert "(4)" in found[0][1].message and found[0][1].related


@pytest.mark.parametrize(
    "text",
    [
        # page break: the sentence continues after a blank line
        "(3)结转结余率。年末结余0万元,决算数总额5986.7万元,\n\n结转结余率为0。\n\n(4)国库集中支付。\n",
        # a heading ending in ":" followed by its content
        "(1)资金使用情况:\n\n全部按计划使用。\n\n(2)项目监管。\n",
        # introduces a nested list
        "1.预算编制情况。\n\n具体指标分析如下:\n\n(1)预算编制合理性\n\n(2)绩效目标合理性\n",
        "(2)重点工作完成率,主要包括:\n\n①完成培训;\n\n②完成引进。\n",
        # followed by a table
        "(2)重点工作完成情况:\n\n序号\t任务\t完成情况\n1\t培训\t完成\n\n(3)项目监管。\n",
        # a heading that legitimately ends in 为 or 是
        "(1)积极作为\n\n(2)实事求是\n\n(3)规范行为\n",
    ],
)
def test_r005_silent(text):
    assert lines("R005", text) == []


def test_r005_label_with_no_value():
    assert lines("R005", "(5)项目监管:\n\n(6)财务合规性。会计核算规范。\n") == [1]


# --- R006 ----------------------------------------------------------------------------------------

def test_r006_debris_is_anchored_on_its_original_line():
    text = "标题\n\n满意度 $\\geq 95\\%$ 。\n\n<p>完成招录工作。</p>\n\n（200字以内）\n"
    found = run("R006", text)
    assert sorted(line for line, _ in found) == [3, 5, 7]
    assert all(d.severity is None for _, d in found)      # the rule's default: info


def test_r006_one_per_kind_per_line_and_capped():
    text = "".join(f"<p>第{i}段</p><br>文字</p>\n\n" for i in range(12))
    found = run("R006", text)
    assert len(found) == 5
    assert "7 more blocks" in found[-1][1].message
    text = "".join(f"第{i}段 $\\geq 9{i}\\%$\n" for i in range(8))
    found = run("R006", text)
    assert len(found) == 5 and "3 more lines" in found[-1][1].message


def test_r006_one_note_per_html_table():
    rows = "".join(f"<tr><td>指标{i}</td><td>{i}</td></tr>\n" for i in range(6))
    text = f"标题\n\n<table>\n{rows}</table>\n\n正文。\n\n<table>\n{rows}</table>\n"
    found = run("R006", text)
    assert sorted(line for line, _ in found) == [3, 14]
    assert "and on the next 7 lines" in found[0][1].message


def test_r006_markdown_emphasis_only_outside_markdown_files():
    text = "**一是强化学习。**全年学习24次。\n"
    assert lines("R006", text, path="r.md") == []
    assert lines("R006", text, path="r.txt") == [1]


def test_r006_ignores_comments_and_clean_text():
    assert lines("R006", "满意度≥95%。<!-- jxlint-disable-next-line C001 -->\n费用 $5 元$\n") == []


# --- R007 ----------------------------------------------------------------------------------------

def test_r007_empty_score_cell():
    text = ("项目支出绩效自评表\n\n一级指标\t三级指标\t分值\t实际完成值\t得分\n"
            "产出指标\t培训人数\t10\t320人\t10\n产出指标\t培训合格率\t10\t98%\t\n总分\t\t20\t\t10\n")
    found = run("R007", text)
    assert [line for line, _ in found] == [5]
    assert "培训合格率" in found[0][1].message and "得分" in found[0][1].message


def test_r007_silent_without_score_column_or_for_rows_without_maximum():
    text = "预算表\n\n项目\t年初预算数\t决算数\n基本支出\t100\t\n"
    assert lines("R007", text) == []
    text = "自评表\n\n资金来源\t预算数\t分值\t得分\n合计\t100\t20\t0\n一般公共预算\t100\t\t\n"
    assert lines("R007", text) == []


def test_r007_survives_missing_tables_extractor(monkeypatch):
    monkeypatch.setitem(lint.facts.EXTRACTORS, "tables", "lint.facts.no_such_module:tables")
    assert lines("R007", "指标\t分值\t得分\n培训\t10\t\n") == []


def test_r007_uses_table_facts():
    facts = Facts(Source("t.md", "x" * 40))
    header = Row([Cell("指标", (0, 2)), Cell("分值", (3, 5)), Cell("得分", (6, 8))], (0, 8), is_header=True)
    from lint.facts.tables import parse_cell_value
    row = Row([Cell("满意度", (10, 13)), Cell("10", (14, 16), parse_cell_value("10", (14, 16))), Cell("", (17, 17))],
              (10, 17))
    facts._cache["tables"] = [Table([header, row], (0, 17))]
    assert [d.span for d in REGISTRY["R007"].check(facts)] == [(10, 17)]


# --- seeds ---------------------------------------------------------------------------------------

def seed_findings(prefix: str):
    return [f for f in lint_source(read_path(seed(prefix)), Settings(select=["R"], cache=False))]


def test_seed_000_numbering():
    found = {(f.line, f.code) for f in seed_findings("000") if f.severity >= 2}
    assert found == {(137, "R002"), (141, "R001")}


def test_seed_000_latex_note():
    assert any(f.code == "R006" and f.line == 139 for f in seed_findings("000"))


def test_seed_001_broken_item():
    found = [(f.line, f.code) for f in seed_findings("001") if f.severity >= 2]
    assert found == [(178, "R005")]


def test_seed_002_missing_filing_date_is_noted_at_the_title():
    found = [f for f in seed_findings("002") if f.code == "R003" and "filing date" in f.message]
    assert [(f.line, str(f.severity)) for f in found] == [(3, "info")]


def test_seed_004_html_note():
    assert any(f.code == "R006" and f.line == 39 and "<p>" in f.message for f in seed_findings("004"))


def test_no_r_warning_on_any_trap_line(seeds_dir):
    from ruamel.yaml import YAML

    expectations = YAML(typ="safe").load((seeds_dir / "expectations.yaml").read_text(encoding="utf-8"))
    for name, exp in expectations.items():
        traps = {e["line"] for e in exp.get("must_not_flag") or []}     # any family's trap: no R warning
        findings = lint_source(read_path(seeds_dir / name), Settings(select=["R"], cache=False))
        hit = [(f.line, f.code) for f in findings if f.severity >= 2 and f.line in traps]
        assert hit == [], name


def test_r006_form_feed_and_template_instruction():
    text = "一、基本情况\n\n完成培训6期。\x0c\n\n说明项目立项依据、资金来源和实施内容。\n"
    found = run("R006", text, path="r.txt")
    kinds = sorted(d.message.split(" ")[1] for _, d in found)
    assert sorted(line for line, _ in found) == [3, 5] and kinds == ["control", "instructions"]
