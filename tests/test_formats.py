"""Output formats: SARIF (against the 2.1.0 schema), GitHub workflow commands, GitLab Code Quality, JSON lines."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lint.cli import main
from lint.rules import REGISTRY, Diagnostic, Related, Severity, all_rules, rule

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT.parent / "shared" / "tools" / "sarif-schema-2.1.0.json"
WORD = "错误"


@pytest.fixture(autouse=True)
def test_rules():
    """Z901 flags every 错误 (error; related: the first 正确), Z902 flags 注意 (info) with a message full of
    characters that workflow commands must escape."""
    all_rules()

    @rule("Z901", "test-word", Severity.ERROR)
    def flag_word(facts):
        """Flags the word 错误 (test rule).

        ## What it checks
        The word.

        ## Example
        有错误 → Z901
        """
        first_ok = facts.text.find("正确")
        start = facts.text.find(WORD)
        while start != -1:
            related = [Related((first_ok, first_ok + 2), "正确 is here")] if first_ok != -1 else []
            yield Diagnostic("", f"the word {WORD}", (start, start + 2), related=related)
            start = facts.text.find(WORD, start + 1)

    @rule("Z902", "test-escape", Severity.INFO)
    def flag_note(facts):
        """Flags 注意 with an awkward message (test rule)."""
        start = facts.text.find("注意")
        if start != -1:
            yield Diagnostic("", "100% sure: a, b\r\nsecond line", (start, start + 2))

    yield
    REGISTRY.pop("Z901", None)
    REGISTRY.pop("Z902", None)


def jxlint(capsys, *args) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stop:
        main(["check", "--no-cache", "--no-config", "--select", "Z9", *map(str, args)])
    out, err = capsys.readouterr()
    return stop.value.code, out, err


@pytest.fixture
def report(tmp_path, monkeypatch):
    """A report in a folder that is the current directory, so its URI is relative."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "reports"
    folder.mkdir()
    path = folder / "年度 报告.md"
    path.write_text("# 自评报告\n\n这里有错误。正确的写法。\n\n第二处错误,注意。\n又一处错误\n", encoding="utf-8")
    return Path("reports") / "年度 报告.md"


# --- SARIF -------------------------------------------------------------------------------------------


def sarif(capsys, *args) -> dict:
    status, out, _ = jxlint(capsys, "--format", "sarif", *args)
    assert status in (0, 1)
    return json.loads(out)


def test_sarif_structure(capsys, report):
    log = sarif(capsys, report)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file://")
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    z901 = rules[ids.index("Z901")]
    assert z901["name"] == "test-word"
    assert z901["shortDescription"]["text"] == "Flags the word 错误 (test rule)."
    assert "## What it checks" in z901["fullDescription"]["text"]
    assert "## What it checks" in z901["help"]["text"]
    assert "```text\n有错误 → Z901\n```" in z901["help"]["markdown"]
    assert z901["defaultConfiguration"]["level"] == "error"
    assert rules[ids.index("Z902")]["defaultConfiguration"]["level"] == "note"

    results = run["results"]
    assert [r["ruleId"] for r in results] == ["Z901", "Z901", "Z902", "Z901"]
    first = results[0]
    assert ids[first["ruleIndex"]] == "Z901"
    assert first["level"] == "error"
    assert results[2]["level"] == "note"
    location = first["locations"][0]["physicalLocation"]
    # a relative, percent-encoded URI against %SRCROOT%
    assert location["artifactLocation"] == {"uri": "reports/%E5%B9%B4%E5%BA%A6%20%E6%8A%A5%E5%91%8A.md",
                                            "uriBaseId": "%SRCROOT%"}
    # 这里有错误: 错误 starts at code point 4 of line 3 and ends just past it
    assert location["region"] == {"startLine": 3, "startColumn": 4, "endLine": 3, "endColumn": 6,
                                  "snippet": {"text": "错误"}}
    related = first["relatedLocations"]
    assert related[0]["id"] == 1
    assert related[0]["message"]["text"] == "正确 is here"
    assert related[0]["physicalLocation"]["region"]["startColumn"] == 7
    prints = [r["partialFingerprints"]["jxlint/v1"] for r in results]
    assert len(set(prints)) == len(prints)


def test_sarif_fingerprints_survive_inserted_lines(capsys, report):
    before = sarif(capsys, report)["runs"][0]["results"]
    text = report.read_text(encoding="utf-8")
    report.write_text("前言一行。\n\n另一行。\n" + text, encoding="utf-8")
    after = sarif(capsys, report)["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] == \
           [r["locations"][0]["physicalLocation"]["region"]["startLine"] + 3 for r in before]
    assert [r["partialFingerprints"] for r in after] == [r["partialFingerprints"] for r in before]


def test_sarif_absolute_uri_outside_current_folder(capsys, tmp_path, monkeypatch):
    inside = tmp_path / "cwd"
    inside.mkdir()
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("有错误\n", encoding="utf-8")
    monkeypatch.chdir(inside)
    result = sarif(capsys, outside)["runs"][0]["results"][0]
    artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": outside.resolve().as_uri()}


def test_sarif_empty_run_and_multiline_span(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("clean.md").write_text("# 报告\n\n没有问题。\n", encoding="utf-8")
    log = sarif(capsys, "clean.md")
    assert log["runs"][0]["results"] == []
    assert any(r["id"] == "Z901" for r in log["runs"][0]["tool"]["driver"]["rules"])


def validator():
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.exists():
        pytest.skip("../shared/tools/sarif-schema-2.1.0.json is not present")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_sarif_validates_against_schema(capsys, report):
    check = validator()
    log = sarif(capsys, report)
    errors = sorted(check.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_sarif_with_baseline_marks_new_and_validates(capsys, report, tmp_path):
    jxlint(capsys, "--write-baseline", tmp_path / "base.json", report)
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("又一处错误", "又一处错误与新错误"), encoding="utf-8")
    log = sarif(capsys, "--baseline", tmp_path / "base.json", report)
    results = log["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] for r in results] == ["错误"]
    assert results[0]["baselineState"] == "new"
    if SCHEMA.exists():
        assert not list(validator().iter_errors(log))


def test_sarif_seeds_match_json(seeds_dir, tmp_path, monkeypatch):
    """On the five seeds: as many SARIF results as JSON diagnostics, and the SARIF is valid."""
    monkeypatch.chdir(ROOT)
    seeds = sorted(str(p) for p in seeds_dir.glob("*.txt"))

    def run(fmt):
        proc = subprocess.run([sys.executable, "-m", "lint", "check", "--no-cache", "--format", fmt, *seeds],
                              capture_output=True, text=True, encoding="utf-8", cwd=ROOT)
        assert proc.returncode in (0, 1), proc.stderr
        return json.loads(proc.stdout)

    diagnostics = run("json")
    log = run("sarif")
    assert len(log["runs"][0]["results"]) == len(diagnostics)
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == [d["code"] for d in diagnostics]
    for result in log["runs"][0]["results"]:  # ../shared lies outside the repo: absolute URIs
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("file:///")
    if SCHEMA.exists():
        errors = list(validator().iter_errors(log))
        assert not errors, errors[0].message


# --- GitHub workflow commands ---------------------------------------------------------------------------


def test_github_annotations(capsys, report):
    status, out, _ = jxlint(capsys, "--format", "github", report)
    assert status == 1
    lines = out.splitlines()
    assert lines[0] == ("::error file=reports/年度 报告.md,line=3,col=4,endLine=3,endColumn=6,"
                        "title=Z901 test-word::the word 错误%0Asee line 3: 正确 is here")
    notice = [l for l in lines if l.startswith("::notice")]
    assert notice == ["::notice file=reports/年度 报告.md,line=5,col=7,endLine=5,endColumn=9,"
                      "title=Z902 test-escape::100%25 sure: a, b%0D%0Asecond line"]
    assert lines[-1] == "jxlint: 3 errors, 1 notice in 1 file"
    # every line but the summary is one workflow command; no raw CR or LF inside one
    assert all(l.startswith("::") for l in lines[:-1]) and len(lines) == 5


def test_github_escapes_properties():
    from lint.engine import Finding
    from lint.report.github import annotation, escape_data, escape_property

    assert escape_data("50%\r\nx: a, b") == "50%25%0D%0Ax: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    f = Finding("Z901", "test-word", Severity.WARNING, "m", "dir,x/a:b.md", 0, 0, 0, 0)
    line = annotation(f)
    assert line.startswith("::warning file=dir%2Cx/a%3Ab.md,line=1,col=1,endLine=1,endColumn=1,")
    assert "line=0" not in line


def test_github_multiline_span_has_no_columns():
    from lint.engine import Finding
    from lint.report.github import annotation

    f = Finding("Z901", "test-word", Severity.ERROR, "m", "a.md", 4, 7, 6, 2)
    assert annotation(f) == "::error file=a.md,line=4,endLine=6,title=Z901 test-word::m"


def test_github_summary_mentions_the_annotation_limit(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("many.md").write_text("错误\n" * 12 + "注意\n", encoding="utf-8")
    _, out, _ = jxlint(capsys, "--format", "github", "many.md")
    lines = out.splitlines()
    assert sum(l.startswith("::error ") for l in lines) == 12
    assert lines[-1] == ("jxlint: 12 errors, 1 notice in 1 file (GitHub shows at most 10 annotations of each "
                         "level per step; all are in this log)")
    Path("clean.md").write_text("没有问题\n", encoding="utf-8")
    status, out, _ = jxlint(capsys, "--format", "github", "clean.md")
    assert status == 0 and out == "jxlint: no problems in 1 file\n"


# --- GitLab Code Quality -----------------------------------------------------------------------------------


def test_gitlab_code_quality(capsys, report):
    status, out, _ = jxlint(capsys, "--format", "gitlab", report)
    assert status == 1
    issues = json.loads(out)
    assert len(issues) == 4
    first = issues[0]
    assert first["check_name"] == "Z901"
    assert first["severity"] == "major"
    assert first["location"] == {"path": "reports/年度 报告.md", "lines": {"begin": 3, "end": 3}}
    assert first["description"].startswith("Z901 the word 错误")
    assert re.fullmatch(r"[0-9a-f]{32}", first["fingerprint"])
    assert [i["severity"] for i in issues] == ["major", "major", "info", "major"]
    prints = [i["fingerprint"] for i in issues]
    assert len(set(prints)) == len(prints)  # three findings flag the same text: still unique


def test_gitlab_fingerprints_survive_inserted_lines(capsys, report):
    before = json.loads(jxlint(capsys, "--format", "gitlab", report)[1])
    report.write_text("插入的一行\n\n" + report.read_text(encoding="utf-8"), encoding="utf-8")
    after = json.loads(jxlint(capsys, "--format", "gitlab", report)[1])
    assert [i["location"]["lines"]["begin"] for i in after] == [i["location"]["lines"]["begin"] + 2 for i in before]
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]


def test_gitlab_warning_is_minor():
    from lint.engine import Finding
    from lint.report import Context
    from lint.report.gitlab import render_gitlab

    f = Finding("Z901", "x", Severity.WARNING, "m", "a.md", 2, 1, 2, 3, snippet="ab")
    assert json.loads(render_gitlab([f], Context()))[0]["severity"] == "minor"


# --- JSON lines, statistics --------------------------------------------------------------------------------


def test_jsonl_is_json_one_per_line(capsys, report):
    _, out_json, _ = jxlint(capsys, "--format", "json", report)
    status, out, err = jxlint(capsys, "--format", "jsonl", report)
    assert status == 1 and err == ""
    lines = out.splitlines()
    assert [json.loads(l) for l in lines] == json.loads(out_json)
    assert json.loads(lines[0])["related"][0]["message"] == "正确 is here"
    _, out, _ = jxlint(capsys, "--format", "jsonl", report, "--select", "Z8")
    assert out == ""


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif", "gitlab", "github"])
def test_statistics_go_to_stderr_for_machine_formats(capsys, report, fmt):
    _, plain, _ = jxlint(capsys, "--format", fmt, report)
    _, out, err = jxlint(capsys, "--format", fmt, "--statistics", report)
    assert out == plain  # stdout stays parseable
    assert err.splitlines() == ["    3  Z901  test-word", "    1  Z902  test-escape"]


def test_statistics_in_text(capsys, report):
    _, out, err = jxlint(capsys, "--statistics", report)
    assert "    3  Z901  test-word" in out.splitlines() and err == ""
