"""`jxlint facts` on the real seed reports shows what the checks stand on (skips without ../shared)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import seed


def facts(prefix: str) -> dict:
    path = seed(prefix)
    proc = subprocess.run([sys.executable, "-m", "lint", "facts", "--format", "json", str(path)],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def line(item: dict) -> int:
    return item["location"]["line"]


def test_seed_001_header_documents_amounts_dates():
    data = facts("001")
    header = data["header"]
    assert data["evaluation_year"] == 2023
    filing = header["filing_date"]["value"]
    assert (filing["year"], filing["month"], filing["day"]) == (2023, 6, 28)
    assert line(header["filing_date"]) == 11
    notice = [d for d in data["docnumbers"] if d["issuer"] == "湛开财" and d["number"] == "319"]
    assert notice and notice[0]["year"] == 2024 and line(notice[0]) == 13
    amounts = {}
    for q in data["quantities"]:
        amounts.setdefault((q["value"], q["unit"]), []).append(line(q))
    assert amounts[("1623.16", "万元")][:2] == [132, 132]
    assert amounts[("15343", "户")] == [109]
    breakdown = next(b for b in data["breakdowns"] if b["total"]["value"] == "15343")
    assert [p["value"] for p in breakdown["parts"]] == ["7136", "4153", "4064"]
    budget = next(b for b in data["breakdowns"] if b["total"]["value"] == "1623.16")
    assert {p["value"] for p in budget["parts"]} >= {"1525.16", "98"}
    dates = {(d["year"], d["month"], d["day"]): line(d) for d in data["dates"]}
    assert dates[(2023, 11, 1)] == 109
    assert dates[(2023, 12, 31)] == 194


def test_seed_003_budget_table_and_score_pairs():
    data = facts("003")
    table = next(t for t in data["tables"] if line(t) in (67, 68))
    numeric_rows = [r for r in table["rows"] if any(c["value"] for c in r["cells"])]
    assert [line(r) for r in numeric_rows] == [68, 69, 70, 71, 72]
    total = numeric_rows[-1]
    assert total["is_total"]
    assert [c["value"]["value"] for c in total["cells"] if c["value"]] == ["4255.62", "3703.85", "3703.85"]
    items = [i for i in data["scores"]["items"] if i["score"] is not None and i["maximum"] is not None]
    assert len(items) == 24
    lines = {line(i["score"]) for i in items}
    assert 90 in lines and 226 in lines and all(88 <= n <= 234 for n in lines)
    assert any(i["bonus"] and i["score"]["value"] == "8" for i in data["scores"]["items"])


def test_seed_000_year_from_body_and_filing_date():
    data = facts("000")
    assert data["evaluation_year"] == 2024
    assert data["header"]["evaluation_year"]["source"] != "field"
    filing = data["header"]["filing_date"]["value"]
    assert (filing["year"], filing["month"], filing["day"]) == (2025, 5, 30)


@pytest.mark.parametrize("prefix", ["002", "004"])
def test_seeds_without_filing_date(prefix):
    data = facts(prefix)
    assert data["evaluation_year"] == 2021
    assert data["header"]["filing_date"] is None


def test_check_json_on_all_seeds(seeds_dir):
    files = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    proc = subprocess.run([sys.executable, "-m", "lint", "check", "--no-cache", "--format", "json", *files],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode in (0, 1), proc.stderr
    diags = json.loads(proc.stdout)
    assert isinstance(diags, list) and diags
    assert [d["path"] for d in diags] == sorted(d["path"] for d in diags)


def test_seedcheck_passes(seeds_dir):
    tool = seeds_dir.parent.parent / "tools" / "seedcheck.py"
    proc = subprocess.run([sys.executable, str(tool)], capture_output=True, text=True, encoding="utf-8",
                          env={**__import__("os").environ, "JXLINT": f"{sys.executable} -m lint"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
