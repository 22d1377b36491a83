"""Findings do not depend on how a report was saved: encoding, line endings, full-width digits, spaces."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from conftest import SEEDS
from lint.config import Settings
from lint.engine import lint_source
from lint.source import read_bytes

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted((ROOT / "fixtures" / "samples").glob("*.*")) + sorted(SEEDS.glob("*.txt"))
FULL_WIDTH = str.maketrans("0123456789%", "０１２３４５６７８９％")

VARIANTS = {
    "crlf": lambda t: t.replace("\n", "\r\n").encode(),
    "gb18030": lambda t: t.encode("gb18030"),
    "utf-16": lambda t: t.encode("utf-16"),
    "bom": lambda t: codecs.BOM_UTF8 + t.encode(),
    "full-width": lambda t: t.translate(FULL_WIDTH).encode(),
    "spaced-units": lambda t: re.sub(r"(\d)(万元|户|场|分|%|个|次)", r"\1 \2", t).encode(),
}


def flagged(data: bytes, name: str):
    findings = lint_source(read_bytes(data, name), Settings(cache=False))
    return sorted((f.code, f.line, f.column if f.code[0] != "R" else 0) for f in findings if f.severity >= 2)


@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.name)
@pytest.mark.parametrize("variant", VARIANTS)
def test_same_findings_in_every_form(report: Path, variant: str):
    text = report.read_text(encoding="utf-8")
    base = sorted((c, l) for c, l, _ in flagged(text.encode(), report.name))
    got = sorted((c, l) for c, l, _ in flagged(VARIANTS[variant](text), report.name))
    assert got == base
