"""Every fixture under fixtures/<family>/ carries its own expectations.

A line that must be flagged ends with `<!-- expect: CODE[, CODE] -->`. Every diagnostic of the fixture's
family at warning or error must be expected on one of its lines (its own or a related one), and every
expectation must be met at any severity. A fixture without expectations must stay silent.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from lint.config import Settings
from lint.engine import lint_source
from lint.source import read_path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FAMILIES = {"dates": "D", "arithmetic": "A", "scores": "S", "claims": "C", "structure": "R", "suppression": ""}
EXPECT = re.compile(r"<!--\s*expect:\s*([A-Z0-9,\s]+?)\s*-->")


def fixture_files():
    for folder, family in FAMILIES.items():
        for path in sorted((FIXTURES / folder).glob("*.md")) + sorted((FIXTURES / folder).glob("*.txt")):
            yield pytest.param(path, family, id=f"{folder}/{path.name}")


def expectations(text: str) -> dict[int, set[str]]:
    wanted: dict[int, set[str]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        for m in EXPECT.finditer(line):
            wanted.setdefault(number, set()).update(c.strip() for c in m.group(1).split(",") if c.strip())
    return wanted


@pytest.mark.parametrize("path,family", list(fixture_files()))
def test_fixture(path: Path, family: str, monkeypatch):
    monkeypatch.setenv("JXLINT_STRICT", "1")
    source = read_path(path)
    findings = lint_source(source, Settings(cache=False))
    wanted = expectations(source.text)
    lines_of = lambda f: {f.line, *(r.line for r in f.related)}
    for line, codes in wanted.items():
        for code in codes:
            assert any(f.code == code and line in lines_of(f) for f in findings), (
                f"{path.name}:{line}: expected {code}; got {[(f.line, f.code, f.message) for f in findings]}")
    for f in findings:
        if not f.code.startswith(family) or f.severity < 2:
            continue
        assert any(f.code in wanted.get(line, ()) for line in lines_of(f)), (
            f"{path.name}:{f.line}: unexpected {f.code} [{f.severity}] {f.message}")
