"""The README stays true: its two commands, its rule table, and the CI script's test command."""
from __future__ import annotations

import re
from pathlib import Path

from lint.rules import all_rules

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
TEST_COMMAND = "pip install -e '.[test]' && pytest"


def test_opens_with_the_two_commands():
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    assert blocks[:2] == ["pip install . && jxlint check fixtures/samples", TEST_COMMAND]
    assert README.index(blocks[0]) < README.index("## ")


def test_ci_runs_the_readme_test_command():
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1] == TEST_COMMAND


def test_rule_table_matches_the_registry():
    table = {m.group(1): (m.group(2), m.group(3)) for m in re.finditer(r"^\| ([A-Z]\d{3}) \| `([a-z0-9-]+)` \| (\w+) \|", README, re.M)}
    rules = all_rules()
    assert set(table) == set(rules)
    for code, rule in rules.items():
        assert table[code] == (rule.name, str(rule.severity)), code


def test_shown_output_is_what_jxlint_prints(monkeypatch):
    import subprocess
    import sys

    block = re.search(r"```console\n\$ jxlint check fixtures/samples\n(.*?)\n```", README, re.S).group(1)
    out = subprocess.run([sys.executable, "-m", "lint", "check", "--no-cache", "fixtures/samples"], cwd=ROOT,
                         capture_output=True, text=True, encoding="utf-8").stdout
    for part in block.split("\n\n"):
        expected = part.split("\n")[-1] if part.startswith("…") else part
        assert expected in out, expected
