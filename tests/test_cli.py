"""The command line end to end: exit statuses, formats, one-line errors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "fixtures" / "samples"


def jxlint(*args, cwd=None, input=None):
    return subprocess.run([sys.executable, "-m", "lint", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd or ROOT, input=input)


def one_line_error(proc):
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]


def test_version():
    proc = jxlint("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("jxlint ")


def test_missing_file(tmp_path):
    assert "no such file" in one_line_error(jxlint("check", "--no-cache", str(tmp_path / "nope.txt")))


def test_unknown_option():
    assert "--bogus" in one_line_error(jxlint("check", "--bogus", "x.txt"))


def test_binary_file(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 4)
    assert "binary" in one_line_error(jxlint("check", "--no-cache", str(path)))


def test_bad_config(tmp_path):
    (tmp_path / ".jxlint.yaml").write_text("colour: blue\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text("报告\n", encoding="utf-8")
    message = one_line_error(jxlint("check", "--no-cache", "r.txt", cwd=tmp_path))
    assert ".jxlint.yaml:1" in message and "unknown key" in message


def test_no_config_ignores_a_bad_config(tmp_path):
    (tmp_path / ".jxlint.yaml").write_text("colour: blue\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text("报告\n", encoding="utf-8")
    assert jxlint("check", "--no-cache", "--no-config", "r.txt", cwd=tmp_path).returncode in (0, 1)


def test_bad_select_code(tmp_path):
    (tmp_path / "r.txt").write_text("报告\n", encoding="utf-8")
    assert "not a rule code" in one_line_error(jxlint("check", "--select", "D01x", "r.txt", cwd=tmp_path))


def test_clean_report_exits_zero_and_json_is_an_array(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("这是一段没有任何数字的说明。\n", encoding="utf-8")
    proc = jxlint("check", "--no-cache", "--format", "json", "--ignore", "R", str(path))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []


def test_stdin(tmp_path):
    proc = jxlint("check", "--no-cache", "--format", "json", "--stdin-filename", "r.md", "-", input="没有问题的文字。\n")
    assert proc.returncode in (0, 1)
    assert all(d["path"] == "r.md" for d in json.loads(proc.stdout))


def test_rules_and_explain():
    proc = jxlint("rules", "--format", "json")
    assert proc.returncode == 0
    rules = json.loads(proc.stdout)
    assert all({"code", "name", "severity", "summary"} <= set(r) for r in rules)
    if rules:
        code = rules[0]["code"]
        proc = jxlint("explain", code)
        assert proc.returncode == 0 and code in proc.stdout
    assert "unknown rule" in one_line_error(jxlint("explain", "Z999"))


def test_samples_exit_status_and_fail_on():
    proc = jxlint("check", "--no-cache", "--format", "json", str(SAMPLES))
    diags = json.loads(proc.stdout)
    assert proc.returncode == (1 if any(d["severity"] in ("error", "warning") for d in diags) else 0)
    errors = [d for d in diags if d["severity"] == "error"]
    proc = jxlint("check", "--no-cache", "--fail-on", "error", str(SAMPLES))
    assert proc.returncode == (1 if errors else 0)
    assert jxlint("check", "--no-cache", "--exit-zero", str(SAMPLES)).returncode == 0


def test_json_shape_on_samples():
    proc = jxlint("check", "--no-cache", "--format", "json", str(SAMPLES))
    for d in json.loads(proc.stdout):
        assert set(d) == {"code", "name", "severity", "message", "path", "line", "column", "end_line",
                          "end_column", "related", "fix"}
        assert d["line"] >= 1 and d["column"] >= 1
        for rel in d["related"]:
            assert {"path", "line", "column", "end_line", "end_column", "message"} <= set(rel)
