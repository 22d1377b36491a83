"""Precision and recall on whole reports jxlint has not been tuned on.

fixtures/clean/ holds complete, correct self-evaluation reports of several shapes (narrative, Markdown
pipe table, tab-separated table, HTML table, page-break splits with full-width digits, GBK, CRLF,
Chinese-numeral dates). None of them may draw a warning or an error of any family. The false alarms
still raised are listed in FALSE_ALARMS: the report's test is an expected failure (strict, so that
fixing the rule makes the marker go), and a second test keeps every other finding out.

fixtures/faulty/ holds copies of clean reports with one planted mistake each, marked on its line
with `<!-- expect: CODE -->`; the code must be reported there (its own line or a related one).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from lint.config import Settings
from lint.engine import lint_source
from lint.rules import Severity
from lint.source import read_path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CLEAN = FIXTURES / "clean"
FAULTY = FIXTURES / "faulty"
EXPECT = re.compile(r"<!--\s*expect:\s*([A-Z0-9,\s]+?)\s*-->")

# Known false alarms on the clean reports: file -> {(code, line): why}. Each is a finding at warning
# or error on a correct report.
FALSE_ALARMS: dict[str, dict[tuple[str, int], str]] = {
}

# Planted mistakes that jxlint does not catch yet: file -> why.
MISSED: dict[str, str] = {
}


@pytest.fixture(autouse=True)
def _strict(monkeypatch):
    monkeypatch.setenv("JXLINT_STRICT", "1")      # a rule that crashes fails the test


def _findings(path: Path):
    return lint_source(read_path(path), Settings(cache=False))


def _reports(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".md", ".txt"))


def _serious(findings):
    return [f for f in findings if f.severity >= Severity.WARNING]


def _clean_params():
    for path in _reports(CLEAN):
        marks = []
        known = FALSE_ALARMS.get(path.name)
        if known:
            marks.append(pytest.mark.xfail(strict=True, raises=AssertionError, reason="; ".join(known.values())))
        yield pytest.param(path, marks=marks, id=path.name)


def _faulty_params():
    for path in _reports(FAULTY):
        marks = []
        if path.name in MISSED:
            marks.append(pytest.mark.xfail(strict=True, raises=AssertionError, reason=MISSED[path.name]))
        yield pytest.param(path, marks=marks, id=path.name)


def test_the_fixture_sets_are_there():
    assert len(_reports(CLEAN)) >= 8
    assert len(_reports(FAULTY)) >= 8
    assert set(FALSE_ALARMS) <= {p.name for p in _reports(CLEAN)}
    assert set(MISSED) <= {p.name for p in _reports(FAULTY)}


@pytest.mark.parametrize("path", list(_clean_params()))
def test_clean_report_is_silent(path: Path):
    serious = _serious(_findings(path))
    assert not serious, "\n".join(f"{f.line}: {f.code} [{f.severity}] {f.message}" for f in serious)


@pytest.mark.parametrize("path", _reports(CLEAN), ids=lambda p: p.name)
def test_clean_report_has_no_other_false_alarm(path: Path):
    """Whatever is still wrong on a clean report is exactly the list above, nothing new."""
    known = FALSE_ALARMS.get(path.name, {})
    unknown = [f for f in _serious(_findings(path)) if (f.code, f.line) not in known]
    assert not unknown, "\n".join(f"{f.line}: {f.code} [{f.severity}] {f.message}" for f in unknown)


def test_clean_reports_cover_the_shapes():
    """The set keeps its variety: GBK bytes, CRLF endings, full-width digits, a page-break split."""
    raw = {p.name: p.read_bytes() for p in _reports(CLEAN)}
    assert any(_not_utf8(b) for b in raw.values())
    assert any(b"\r\n" in b for b in raw.values())
    texts = [read_path(p).text for p in _reports(CLEAN)]
    assert any(re.search(r"[０-９]", t) for t in texts)
    assert any("<table>" in t for t in texts)
    # a sentence cut by a page break: a line ends mid-word, a blank line, the rest
    assert any("预算执行\n\n率" in t for t in texts)


def _not_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


@pytest.mark.parametrize("path", list(_faulty_params()))
def test_faulty_report_is_caught(path: Path):
    source = read_path(path)
    wanted = [(n, c.strip()) for n, line in enumerate(source.text.splitlines(), 1)
              for m in EXPECT.finditer(line) for c in m.group(1).split(",") if c.strip()]
    assert len(wanted) == 1, f"{path.name}: one planted mistake per report, found {wanted}"
    findings = _findings(path)
    for line, code in wanted:
        assert any(f.code == code and line in {f.line, *(r.line for r in f.related)} for f in findings), (
            f"{path.name}:{line}: expected {code}; got {[(f.line, f.code, f.message) for f in findings]}")
