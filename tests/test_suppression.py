"""Inline suppression comments: next line, regions, whole file; unused ones reported as R099."""
from __future__ import annotations

from pathlib import Path

import pytest

from lint.config import Settings
from lint.engine import lint_source
from lint.rules import REGISTRY, Diagnostic, Severity, all_rules, rule
from lint.source import Source
from lint.suppress import parse

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "suppression"


@pytest.fixture(autouse=True)
def test_rules():
    """Z901 (error) flags every 错误, Z902 (warning) every 注意."""
    all_rules()

    def finder(word):
        def check(facts):
            start = facts.text.find(word)
            while start != -1:
                yield Diagnostic("", f"the word {word}", (start, start + len(word)))
                start = facts.text.find(word, start + 1)
        return check

    rule("Z901", "test-error-word", Severity.ERROR)(finder("错误"))
    rule("Z902", "test-note-word", Severity.WARNING)(finder("注意"))
    yield
    REGISTRY.pop("Z901", None)
    REGISTRY.pop("Z902", None)


def lint(text: str, path: str = "report.md", select=("Z9", "R099"), **settings):
    return lint_source(Source(path, text), Settings(select=list(select), cache=False, **settings))


def where(findings, code=None):
    return [(f.line, f.code) for f in findings if code is None or f.code == code]


def test_no_comment_no_change():
    assert where(lint("错误\n注意\n")) == [(1, "Z901"), (2, "Z902")]


def test_disable_next_line_suppresses_only_that_line():
    text = "开头\n<!-- jxlint-disable-next-line Z901 -->\n这里有错误,也要注意。\n又一处错误\n"
    assert where(lint(text)) == [(3, "Z902"), (4, "Z901")]


def test_disable_next_line_skips_blank_and_comment_lines():
    text = ("<!-- jxlint-disable-next-line Z901 -->\n\n"
            "<!-- jxlint-disable-next-line Z902 -->\n"
            "<!-- 备注 -->\n"
            "错误与注意\n错误\n")
    assert where(lint(text)) == [(6, "Z901")]


def test_several_codes_spaces_and_prefixes():
    assert where(lint("<!-- jxlint-disable-next-line Z901,Z902 -->\n错误注意\n")) == []
    assert where(lint("<!-- jxlint-disable-next-line Z901 Z902 -->\n错误注意\n")) == []
    assert where(lint("<!-- jxlint-disable-next-line z9 -->\n错误注意\n")) == []
    assert where(lint("<!--jxlint-disable-next-line Z -- 口径不同,保留原文-->\n错误注意\n")) == []


def test_region_until_enable():
    text = ("错误\n"
            "<!-- jxlint-disable Z901 -->\n"
            "错误\n\n错误 注意\n"
            "<!-- jxlint-enable Z901 -->\n"
            "错误\n")
    assert where(lint(text)) == [(1, "Z901"), (5, "Z902"), (7, "Z901")]


def test_region_starts_after_the_comment_on_its_line():
    text = "错误 <!-- jxlint-disable Z901 --> 错误\n错误\n"
    assert [(f.line, f.column) for f in lint(text)] == [(1, 1)]


def test_region_without_enable_runs_to_end_of_file():
    text = "错误\n<!-- jxlint-disable Z901 -->\n错误\n\n\n错误\n"
    assert where(lint(text)) == [(1, "Z901")]


def test_region_with_two_codes_closed_at_different_places():
    text = ("<!-- jxlint-disable Z901, Z902 -->\n"
            "错误注意\n"
            "<!-- jxlint-enable Z902 -->\n"
            "错误注意\n"
            "<!-- jxlint-enable Z901 -->\n"
            "错误注意\n")
    assert where(lint(text)) == [(4, "Z902"), (6, "Z901"), (6, "Z902")]


def test_disable_file_anywhere_in_the_file():
    text = "错误\n注意\n<!-- jxlint-disable-file Z901 -->\n错误\n"
    assert where(lint(text)) == [(2, "Z902")]


def test_plain_text_report_too():
    text = "<!-- jxlint-disable-next-line Z901 -->\n错误\n错误\n"
    assert where(lint(text, path="report.txt")) == [(3, "Z901")]


def test_used_suppressions_are_not_reported():
    text = ("<!-- jxlint-disable-file Z902 -->\n注意\n"
            "<!-- jxlint-disable-next-line Z901 -->\n错误\n"
            "<!-- jxlint-disable Z901 -->\n错误\n<!-- jxlint-enable Z901 -->\n")
    assert lint(text) == []


def test_unused_next_line_is_reported_at_the_comment():
    text = "# 报告\n\n<!-- jxlint-disable-next-line Z901 -->\n没有问题。\n错误\n"
    found = lint(text)
    assert where(found) == [(3, "R099"), (5, "Z901")]
    unused = found[0]
    assert unused.name == "unused-suppression"
    assert unused.severity == Severity.INFO
    assert (unused.column, unused.end_line, unused.end_column) == (1, 3, 39)
    assert unused.snippet == "<!-- jxlint-disable-next-line Z901 -->"
    assert unused.message == ("jxlint-disable-next-line Z901 is unused: no Z901 finding on line 4; "
                              "remove it from the comment")


def test_unused_code_among_used_ones():
    found = lint("<!-- jxlint-disable-next-line Z901, Z902 -->\n错误\n")
    assert [(f.code, f.message.split(":")[0]) for f in found] == [("R099", "jxlint-disable-next-line Z902 is unused")]


def test_unused_region_and_file_messages():
    found = lint("<!-- jxlint-disable Z901 -->\n正常\n<!-- jxlint-enable Z901 -->\n"
                 "<!-- jxlint-disable-file Z902 -->\n")
    assert [f.message for f in found] == [
        "jxlint-disable Z901 is unused: no Z901 finding between line 1 and line 3; remove it from the comment",
        "jxlint-disable-file Z902 is unused: no Z902 finding in this file; remove it from the comment",
    ]


def test_comment_without_codes_suppresses_nothing_and_is_reported():
    found = lint("<!-- jxlint-disable-next-line -->\n错误\n<!-- jxlint-disable -->\n错误\n")
    assert where(found) == [(1, "R099"), (2, "Z901"), (3, "R099"), (4, "Z901")]
    assert "codes are required" in found[0].message


def test_unknown_codes_bad_tokens_and_stray_enable():
    found = lint("<!-- jxlint-disable-next-line Q999, all -->\n正常\n<!-- jxlint-enable Z901 -->\n")
    messages = [f.message for f in found]
    assert messages == [
        "jxlint-disable-next-line Q999 names no rule: no jxlint code starts with Q999 (see `jxlint rules`)",
        "jxlint-disable-next-line: 'all' is not a rule code or prefix (like C001 or C); it suppresses nothing",
        "jxlint-enable Z901 has no jxlint-disable Z901 before it",
    ]


def test_suppression_of_a_rule_switched_off_is_not_judged():
    text = "<!-- jxlint-disable-next-line Z902 -->\n正常\n"
    assert where(lint(text, select=("Z901", "R099"))) == []
    assert where(lint(text, select=("Z9", "R099"), per_file_ignores={"*.md": ["Z902"]})) == []
    assert where(lint(text)) == [(1, "R099")]


def test_r099_off_reports_nothing_and_r099_can_be_suppressed():
    text = "<!-- jxlint-disable-next-line Z902 -->\n正常\n"
    assert lint(text, select=("Z9",)) == []
    assert lint(text, select=("Z9", "R099"), ignore=["R099"]) == []
    assert lint("<!-- jxlint-disable-file R099 -->\n" + text) == []


def test_r099_severity_can_be_configured():
    found = lint("<!-- jxlint-disable-next-line Z902 -->\n正常\n", severity={"R099": Severity.WARNING})
    assert [f.severity for f in found] == [Severity.WARNING]


def test_directive_parsing_is_robust():
    assert parse("") == []
    assert parse("<!-- jxlint-disabled Z901 -->\n<!-- jxlint-disable-next-linex Z901 -->") == []
    assert parse("<!-- jxlint-disable-next-line Z901\n错误 -->") == []  # a comment spans one line
    huge = "<!-- jxlint-disable " + "Z901," * 10000 + " -->"
    assert parse(huge) == []  # over the 300-character body limit: not a directive
    (d,) = parse("<!--   JXLINT-DISABLE-NEXT-LINE   d004 ,a0  -->")
    assert (d.kind, d.codes, d.bad) == ("disable-next-line", ["D004", "A0"], [])


def test_suppression_on_last_line_is_reported():
    found = lint("错误\n<!-- jxlint-disable-next-line Z901 -->")
    assert [f.message for f in found if f.code == "R099"] == [
        "jxlint-disable-next-line Z901 is unused: no Z901 finding after it (the comment is on the last line); "
        "remove it from the comment"]


def test_through_the_cli_with_cache(tmp_path, monkeypatch, capsys):
    from lint.cli import main

    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("<!-- jxlint-disable-next-line Z901 -->\n错误\n<!-- jxlint-disable-next-line Z902 -->\n正常\n",
                            encoding="utf-8")
    for _ in range(2):  # second run is served from .jxlint_cache/
        with pytest.raises(SystemExit) as stop:
            main(["check", "--no-config", "--select", "Z9,R099", "--format", "json", "a.md"])
        import json
        found = json.loads(capsys.readouterr().out)
        assert stop.value.code == 0
        assert [(d["code"], d["line"], d["severity"]) for d in found] == [("R099", 3, "info")]


def test_fixture_files_exist_and_cover_both_sides():
    names = {p.name for p in FIXTURES.iterdir()}
    assert {"next_line.md", "region.md", "file_level.txt", "unused.md"} <= names


def test_crlf_and_lone_cr_line_endings():
    assert where(lint("<!-- jxlint-disable-next-line Z901 -->\r\n\r\n错误\r\n错误\r\n")) == [(4, "Z901")]
    assert where(lint("<!-- jxlint-disable-next-line Z901 -->\r\r错误\r错误\r")) == [(4, "Z901")]
