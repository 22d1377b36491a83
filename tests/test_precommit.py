"""The pre-commit hook, run for real: `pre-commit try-repo` builds the hook's environment from this tree.

try-repo installs the hook repository's committed state (plus tracked changes, never untracked files), so
the test copies the working tree's package files into a throwaway repository and commits them there:
what is tested is exactly the files on disk, and this repository's index is never touched.
pre-commit pip-installs the package and its dependencies into a fresh environment (network to PyPI,
about half a minute); deselect with `-m "not slow"`.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NETWORK_TROUBLE = ("Could not find a version that satisfies", "NewConnectionError", "Temporary failure in name resolution",
                   "No matching distribution found", "Network is unreachable", "ConnectionResetError")


def test_manifest_declares_the_hook():
    from ruamel.yaml import YAML

    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "jxlint"]
    assert hook["entry"] == "jxlint check"
    assert hook["language"] == "python"
    assert hook["files"] == r"\.(txt|md)$"
    assert hook["require_serial"] is False
    import re

    assert re.search(hook["files"], "reports/2023.md") and re.search(hook["files"], "a.txt")
    assert not re.search(hook["files"], "a.py") and not re.search(hook["files"], "a.md.bak")


def git(*args, cwd):
    subprocess.run(["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false",
                    "-c", "init.defaultBranch=main", *args], cwd=cwd, check=True, capture_output=True)


def hook_repository(target: Path) -> Path:
    """A git repository holding the package as it is on disk now."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".jxlint_cache")
    target.mkdir()
    for name in ("pyproject.toml", ".pre-commit-hooks.yaml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, target / name)
    if not (target / "README.md").exists():
        (target / "README.md").write_text("# jxlint\n", encoding="utf-8")
    for folder in ("lint", "checks"):
        shutil.copytree(ROOT / folder, target / folder, ignore=ignore)
    git("init", "-q", cwd=target)
    git("add", ".", cwd=target)
    git("commit", "-q", "-m", "hook under test", cwd=target)
    return target


@pytest.mark.slow
def test_pre_commit_try_repo(tmp_path):
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    hooks = hook_repository(tmp_path / "hooks")

    reports = tmp_path / "reports"
    reports.mkdir()
    git("init", "-q", cwd=reports)
    # The report repository's configuration makes R099 (a suppression naming no rule) an error, so the
    # outcome depends only on the suppression machinery, not on what the other rule families flag.
    (reports / ".jxlint.yaml").write_text("select: [R099]\nseverity: {R099: error}\n", encoding="utf-8")
    (reports / "bad.md").write_text("# 自评报告\n\n<!-- jxlint-disable-next-line Q123 -->\n项目已完成。\n",
                                    encoding="utf-8")
    (reports / "good.md").write_text("# 自评报告\n\n项目已完成。\n", encoding="utf-8")
    (reports / "notes.py").write_text("# <!-- jxlint-disable-next-line Q123 -->\n", encoding="utf-8")
    git("add", ".", cwd=reports)

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GIT_", "VIRTUAL_ENV"))}
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    env["PRE_COMMIT_COLOR"] = "never"

    def try_repo(*files: str) -> subprocess.CompletedProcess:
        proc = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hooks), "jxlint",
                               "--files", *files], cwd=reports, env=env, capture_output=True, text=True,
                              timeout=600)
        if proc.returncode not in (0, 1) or "An unexpected error has occurred" in proc.stdout + proc.stderr:
            log = tmp_path / "pre-commit-home" / "pre-commit.log"
            detail = log.read_text(encoding="utf-8", errors="replace") if log.exists() else proc.stderr
            if any(sign in detail for sign in NETWORK_TROUBLE):
                pytest.skip("pre-commit could not install the hook's dependencies (no network to PyPI)")
            pytest.fail(f"pre-commit try-repo exited {proc.returncode}\n{proc.stdout[-3000:]}\n{detail[-3000:]}")
        return proc

    failing = try_repo("bad.md", "notes.py")
    assert failing.returncode == 1, failing.stdout
    assert "jxlint" in failing.stdout and "Failed" in failing.stdout
    assert "bad.md:3:1: R099 [error]" in failing.stdout
    assert "notes.py" not in failing.stdout.split("Failed", 1)[1]  # only *.txt/*.md reach the hook

    passing = try_repo("good.md")
    assert passing.returncode == 0, passing.stdout
    assert "Passed" in passing.stdout
