"""Baselines: --write-baseline records findings by path, code and flagged text; --baseline reports new ones."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from lint.cli import main
from lint.rules import REGISTRY, Diagnostic, Severity, all_rules, rule

REPORT = "# 自评报告\n\n第一处错误在这里。\n\n正常的一行。\n\n第二处失误在这里。\n"


@pytest.fixture(autouse=True)
def test_rule():
    """Z901 (error) flags 错误, 失误 and 漏报."""
    all_rules()

    @rule("Z901", "test-word", Severity.ERROR)
    def flag(facts):
        import re

        for m in re.finditer("错误|失误|漏报", facts.text):
            yield Diagnostic("", f"the word {m.group()}", m.span())

    yield
    REGISTRY.pop("Z901", None)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("reports").mkdir()
    Path("reports/a.md").write_text(REPORT, encoding="utf-8")
    Path("reports/b.txt").write_text("另一份报告有漏报。\n", encoding="utf-8")
    return tmp_path


def jxlint(capsys, *args):
    with pytest.raises(SystemExit) as stop:
        main(["check", "--no-cache", "--no-config", "--select", "Z9", *map(str, args)])
    out, err = capsys.readouterr()
    return stop.value.code, out, err


def codes_lines(out: str):
    return [(d["path"], d["line"], d["message"]) for d in json.loads(out)]


def test_write_baseline_records_path_code_text_and_exits_zero(capsys, repo):
    status, out, err = jxlint(capsys, "--write-baseline", "base.json", "reports")
    assert status == 0
    assert "Found 3 problems" in out  # the report is still shown
    assert err == "jxlint: wrote 3 findings to baseline base.json\n"
    data = json.loads(Path("base.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert data["entries"] == [
        {"path": "reports/a.md", "code": "Z901", "text": "失误"},
        {"path": "reports/a.md", "code": "Z901", "text": "错误"},
        {"path": "reports/b.txt", "code": "Z901", "text": "漏报"},
    ]
    assert "line" not in Path("base.json").read_text(encoding="utf-8")


def test_baseline_hides_known_findings(capsys, repo):
    jxlint(capsys, "--write-baseline", "base.json", "reports")
    status, out, err = jxlint(capsys, "--baseline", "base.json", "reports")
    assert status == 0
    assert out == "All checks passed (2 files).\n" and err == ""


def test_baseline_survives_lines_inserted_above(capsys, repo):
    jxlint(capsys, "--write-baseline", "base.json", "reports")
    Path("reports/a.md").write_text("前言\n\n" * 5 + REPORT.replace("正常的一行。", "正常的一行。\n补充说明。\n"),
                                    encoding="utf-8")
    status, out, _ = jxlint(capsys, "--format", "json", "reports")
    assert [line for _, line, _ in codes_lines(out)] == [13, 19, 1]  # the findings did move
    status, out, err = jxlint(capsys, "--format", "json", "--baseline", "base.json", "reports")
    assert (status, json.loads(out), err) == (0, [], "")


def test_only_new_findings_are_reported(capsys, repo):
    jxlint(capsys, "--write-baseline", "base.json", "reports")
    Path("reports/a.md").write_text("新增一处漏报。\n" + REPORT, encoding="utf-8")
    status, out, _ = jxlint(capsys, "--format", "json", "--baseline", "base.json", "reports")
    assert status == 1
    assert codes_lines(out) == [("reports/a.md", 1, "the word 漏报")]


def test_a_second_copy_of_a_known_text_is_new(capsys, repo):
    jxlint(capsys, "--write-baseline", "base.json", "reports")
    Path("reports/a.md").write_text(REPORT + "\n末尾又一处错误。\n", encoding="utf-8")
    status, out, _ = jxlint(capsys, "--format", "json", "--baseline", "base.json", "reports")
    assert status == 1
    assert [msg for _, _, msg in codes_lines(out)] == ["the word 错误"]
    jxlint(capsys, "--write-baseline", "base.json", "reports")
    entries = json.loads(Path("base.json").read_text(encoding="utf-8"))["entries"]
    assert {"path": "reports/a.md", "code": "Z901", "text": "错误", "count": 2} in entries
    assert jxlint(capsys, "--baseline", "base.json", "reports")[0] == 0


def test_fixed_entries_in_text_summary(capsys, repo):
    jxlint(capsys, "--write-baseline", "base.json", "reports")
    Path("reports/a.md").write_text(REPORT.replace("失误", "工作"), encoding="utf-8")
    status, out, err = jxlint(capsys, "--baseline", "base.json", "reports")
    assert status == 0 and err == ""
    assert out.splitlines()[-1] == "1 baseline entry no longer found (fixed)."
    Path("reports/b.txt").write_text("没有问题。\n", encoding="utf-8")
    _, out, _ = jxlint(capsys, "--baseline", "base.json", "reports")
    assert out.splitlines()[-1] == "2 baseline entries no longer found (fixed)."


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif", "gitlab"])
def test_fixed_entries_on_stderr_for_machine_formats(capsys, repo, fmt):
    jxlint(capsys, "--write-baseline", "base.json", "reports")
    _, _, err = jxlint(capsys, "--format", fmt, "--baseline", "base.json", "reports")
    assert err == ""  # nothing fixed: nothing said
    Path("reports/b.txt").write_text("没有问题。\n", encoding="utf-8")
    _, out, err = jxlint(capsys, "--format", fmt, "--baseline", "base.json", "reports")
    assert err == "jxlint: 1 baseline entry no longer found (fixed)\n"
    if fmt in ("json", "gitlab"):
        assert json.loads(out) == []
    if fmt == "sarif":
        assert json.loads(out)["runs"][0]["properties"] == {"baselineFixed": 1}


def test_fixed_entries_in_github_summary(capsys, repo):
    jxlint(capsys, "--write-baseline", "base.json", "reports")
    Path("reports/b.txt").write_text("没有问题。\n", encoding="utf-8")
    _, out, err = jxlint(capsys, "--format", "github", "--baseline", "base.json", "reports")
    assert err == ""
    assert out == "jxlint: no problems in 2 files; 1 baseline entry no longer found (fixed)\n"


def test_files_not_linted_are_not_counted_as_fixed(capsys, repo):
    jxlint(capsys, "--write-baseline", "base.json", "reports")
    status, out, _ = jxlint(capsys, "--baseline", "base.json", "reports/b.txt")
    assert status == 0 and out == "All checks passed (1 file).\n"


def test_path_spelling_does_not_matter(capsys, repo):
    jxlint(capsys, "--write-baseline", "base.json", "./reports/a.md")
    for spelling in ("reports/a.md", str(repo / "reports" / "a.md"), "reports"):
        status, out, _ = jxlint(capsys, "--format", "json", "--baseline", "base.json", spelling)
        assert [p for p, _, _ in codes_lines(out)] == (["reports/b.txt"] if spelling == "reports" else [])


def test_update_a_baseline_in_place(capsys, repo):
    jxlint(capsys, "--write-baseline", "base.json", "reports")
    Path("reports/a.md").write_text(REPORT.replace("失误", "工作") + "新的漏报\n", encoding="utf-8")
    status, out, err = jxlint(capsys, "--baseline", "base.json", "--write-baseline", "base.json", "reports")
    assert status == 0
    assert "1 baseline entry no longer found (fixed)." in out and "漏报" in out
    assert [e["text"] for e in json.loads(Path("base.json").read_text(encoding="utf-8"))["entries"]] == \
           ["漏报", "错误", "漏报"]
    assert jxlint(capsys, "--baseline", "base.json", "reports")[1] == "All checks passed (2 files).\n"


@pytest.mark.parametrize("content,reason", [
    (None, "no such baseline file"),
    ("not json", "not a jxlint baseline"),
    ('{"version": 99, "entries": []}', "not a jxlint baseline"),
    ('{"version": 1, "entries": [{"path": "a"}]}', "not a jxlint baseline"),
    ('[1, 2]', "not a jxlint baseline"),
])
def test_bad_baseline_is_exit_2_with_one_line(capsys, repo, content, reason):
    if content is not None:
        Path("base.json").write_text(content, encoding="utf-8")
    status, out, err = jxlint(capsys, "--baseline", "base.json", "reports")
    assert status == 2 and out == ""
    assert err.startswith(f"jxlint: error: base.json: {reason}") and err.count("\n") == 1


def test_unwritable_baseline_is_exit_2(capsys, repo):
    status, _, err = jxlint(capsys, "--write-baseline", "missing/base.json", "reports")
    assert status == 2 and err.startswith("jxlint: error: missing/base.json: cannot write baseline")
