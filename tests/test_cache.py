""".jxlint_cache/: a re-run serves unchanged reports from the cache; a changed report, configuration, rule
file or jxlint version is linted again, and nothing else is."""
from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import lint.cache
import lint.engine
from lint.cache import CACHE_DIR, Cache
from lint.cli import main
from lint.config import Settings
from lint.rules import REGISTRY, all_rules
from lint.run import lint_file

from conftest import seed

ROOT = Path(__file__).resolve().parent.parent
REPORT = "# 2023年度部门整体支出绩效自评报告\n\n共登记 15343 户，其中单位 7136 户、个体 4153 户、无证 4064 户。\n"


@pytest.fixture(autouse=True)
def fresh(monkeypatch, tmp_path):
    """Each test in its own folder, with its own stamp of the code."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(lint.cache, "_stamp", None)
    monkeypatch.setattr(Cache, "_instances", {})
    yield


@pytest.fixture
def linted(monkeypatch):
    """The paths lint_source was called for (what the cache did not serve)."""
    calls: list[str] = []
    real = lint.engine.lint_source

    def counting(source, settings):
        calls.append(source.path)
        return real(source, settings)

    monkeypatch.setattr(lint.engine, "lint_source", counting)
    return calls


def reports(folder: Path, n: int = 3) -> list[str]:
    folder.mkdir(exist_ok=True)
    out = []
    for i in range(n):
        path = folder / f"r{i}.md"
        path.write_text(REPORT.replace("15343", str(15343 + i)), encoding="utf-8")
        out.append(str(path))
    return out


def lint_all_files(files, settings=None):
    settings = settings or Settings()
    return [lint_file(f, settings) for f in files]


def test_rerun_serves_every_unchanged_report_from_the_cache(tmp_path, linted):
    files = reports(tmp_path / "r")
    first = lint_all_files(files)
    assert sorted(linted) == sorted(files)
    linted.clear()
    again = lint_all_files(files)
    assert linted == []
    assert [[f.to_dict() for f in found] for found, _ in again] == [[f.to_dict() for f in found] for found, _ in first]
    assert any(found for found, _ in first)                   # the report has findings to cache
    assert (tmp_path / CACHE_DIR / ".gitignore").read_text(encoding="utf-8") == "*\n"


def test_a_changed_report_is_linted_again_and_only_it(tmp_path, linted):
    files = reports(tmp_path / "r")
    lint_all_files(files)
    linted.clear()
    Path(files[1]).write_text(REPORT.replace("15343", "15353"), encoding="utf-8")
    results = lint_all_files(files)
    assert linted == [files[1]]
    assert not [f for f in results[1][0] if f.code == "A001"]   # 7136 + 4153 + 4064 = 15353: fixed


def test_the_same_text_under_another_name_is_another_entry(tmp_path, linted):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(REPORT, encoding="utf-8")
    b.write_text(REPORT, encoding="utf-8")
    lint_all_files([str(a)])
    linted.clear()
    (found, _), = lint_all_files([str(b)])
    assert linted == [str(b)] and found and all(f.path == str(b) for f in found)


def test_other_settings_are_another_cache(tmp_path, linted):
    files = reports(tmp_path / "r")
    lint_all_files(files)
    linted.clear()
    lint_all_files(files, Settings(ignore=["A001"]))
    assert sorted(linted) == sorted(files)
    linted.clear()
    lint_all_files(files, Settings(ignore=["A001"]))
    lint_all_files(files)
    assert linted == []                                     # both kept, each under its own key


def test_a_changed_configuration_file_relints_everything(tmp_path, linted, capsys):
    files = [os.path.relpath(f, tmp_path) for f in reports(tmp_path / "r")]
    config = tmp_path / ".jxlint.yaml"
    config.write_text("severity:\n  A001: warning\n", encoding="utf-8")
    run_cli(capsys, "r")
    assert sorted(linted) == sorted(files)
    linted.clear()
    assert run_cli(capsys, "r")[0]["severity"] == "warning"
    assert linted == []
    config.write_text("severity:\n  A001: info\n", encoding="utf-8")
    out = run_cli(capsys, "r")
    assert sorted(linted) == sorted(files) and out[0]["severity"] == "info"


def run_cli(capsys, *args) -> list[dict]:
    with pytest.raises(SystemExit):
        main(["check", "--format", "json", "--exit-zero", "--select", "A001", "--jobs", "1", *args])
    return json.loads(capsys.readouterr().out)


def test_a_changed_rule_file_relints_everything(tmp_path, linted, monkeypatch):
    """A rule defined outside lint/ and checks/ (a plug-in) is watched like the built-in ones."""
    plugin = tmp_path / "cache_plugin_rules.py"
    plugin.write_text(textwrap.dedent('''
        from lint.rules import Diagnostic, Severity, rule

        @rule("Z950", "cache-test", Severity.WARNING)
        def check(facts):
            yield Diagnostic("", "first version", (0, 1))
    '''), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    all_rules()
    importlib.import_module("cache_plugin_rules")
    try:
        files = reports(tmp_path / "r", 2)
        lint_all_files(files, Settings(select=["Z950"]))
        assert Path(plugin).resolve() in lint.cache._code_files()
        linted.clear()
        lint_all_files(files, Settings(select=["Z950"]))
        assert linted == []
        plugin.write_text(plugin.read_text(encoding="utf-8").replace("first version", "second version"),
                          encoding="utf-8")
        monkeypatch.setattr(lint.cache, "_stamp", None)        # a new run
        monkeypatch.setattr(Cache, "_instances", {})
        lint_all_files(files, Settings(select=["Z950"]))
        assert sorted(linted) == sorted(files)
    finally:
        REGISTRY.pop("Z950", None)
        sys.modules.pop("cache_plugin_rules", None)


def test_the_built_in_rule_files_are_watched():
    files = {p.resolve() for p in lint.cache._code_files()}
    for name in ("claims", "dates", "arithmetic", "scores", "structure"):
        assert (ROOT / "checks" / f"{name}.py").resolve() in files
    assert (ROOT / "lint" / "facts" / "claims.py").resolve() in files


def test_the_stamp_follows_a_file_change(tmp_path, monkeypatch):
    watched = tmp_path / "rule.py"
    watched.write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(lint.cache, "_code_files", lambda: [watched])
    before = lint.cache._code_stamp()
    monkeypatch.setattr(lint.cache, "_stamp", None)
    assert lint.cache._code_stamp() == before                  # unchanged file, same stamp
    watched.write_text("x = 22\n", encoding="utf-8")
    monkeypatch.setattr(lint.cache, "_stamp", None)
    assert lint.cache._code_stamp() != before


def test_another_jxlint_version_is_another_cache(tmp_path, linted, monkeypatch):
    files = reports(tmp_path / "r")
    lint_all_files(files)
    linted.clear()
    monkeypatch.setattr(lint.cache, "__version__", "9.9.9")
    monkeypatch.setattr(Cache, "_instances", {})
    lint_all_files(files)
    assert sorted(linted) == sorted(files)


def test_no_cache_neither_reads_nor_writes(tmp_path, linted, capsys):
    reports(tmp_path / "r")
    with pytest.raises(SystemExit):
        main(["check", "--no-cache", "--format", "json", "--exit-zero", "--jobs", "1", "r"])
    assert not (tmp_path / CACHE_DIR).exists()
    lint_all_files(reports(tmp_path / "r"))                   # fill the cache …
    linted.clear()
    with pytest.raises(SystemExit):
        main(["check", "--no-cache", "--format", "json", "--exit-zero", "--jobs", "1", "r"])
    assert len(linted) == 3                                   # … and --no-cache does not read it


def test_a_damaged_entry_is_a_miss(tmp_path, linted):
    files = reports(tmp_path / "r", 1)
    first = lint_all_files(files)
    for entry in (tmp_path / CACHE_DIR).rglob("*"):
        if entry.is_file() and entry.name != ".gitignore":
            entry.write_bytes(b"not a pickle")
    linted.clear()
    again = lint_all_files(files)
    assert linted == files
    assert [f.to_dict() for f in again[0][0]] == [f.to_dict() for f in first[0][0]]


def test_an_unwritable_cache_folder_is_no_cache(tmp_path, linted):
    if os.geteuid() == 0:
        blocker = tmp_path / CACHE_DIR                    # root writes anywhere: a file where the folder goes
        blocker.write_text("", encoding="utf-8")
    else:
        (tmp_path / CACHE_DIR).mkdir()
        (tmp_path / CACHE_DIR).chmod(0o500)
    files = reports(tmp_path / "r", 2)
    first = lint_all_files(files)
    again = lint_all_files(files)
    assert len(linted) == 4 and [len(f) for f, _ in again] == [len(f) for f, _ in first]


def test_cli_rerun_gives_the_same_output(tmp_path):
    path = seed("002")
    cmd = [sys.executable, "-m", "lint", "check", "--format", "json", str(path)]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    first = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, env=env)
    again = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, env=env)
    fresh = subprocess.run(cmd + ["--no-cache"], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert first.stdout == again.stdout == fresh.stdout and first.returncode == again.returncode
    assert list((tmp_path / CACHE_DIR).rglob("*"))
