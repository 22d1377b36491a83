"""--jobs: files in parallel, handed out as workers free up, with output identical to --jobs 1."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from lint.cli import main
from lint.config import Settings
from lint.rules import REGISTRY, Diagnostic, Severity, all_rules, rule
from lint.run import PARALLEL_MIN_FILES, lint_all

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def test_rules():
    """Z901 flags 错误; Z903 names the process that linted the file (info) and sleeps on 慢."""
    all_rules()

    @rule("Z901", "test-word", Severity.ERROR)
    def flag(facts):
        start = facts.text.find("错误")
        while start != -1:
            yield Diagnostic("", "the word 错误", (start, start + 2))
            start = facts.text.find("错误", start + 1)

    @rule("Z903", "test-worker", Severity.INFO)
    def worker(facts):
        if "慢" in facts.text:
            time.sleep(0.6)
        yield Diagnostic("", f"pid {os.getpid()}", (0, 1))

    yield
    REGISTRY.pop("Z901", None)
    REGISTRY.pop("Z903", None)


def make_reports(folder: Path, n: int) -> list[str]:
    folder.mkdir(exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"r{i:02d}.md"
        path.write_text(f"# 报告{i}\n\n" + "正常的句子。\n" * (i * 37 % 50) + "这里有错误。\n" * (i % 4), encoding="utf-8")
        paths.append(str(path))
    return paths


def pids(results) -> list[int]:
    out = []
    for findings, _ in results:
        out.extend(int(f.message.split()[1]) for f in findings if f.code == "Z903")
    return out


def test_parallel_uses_workers_and_keeps_order(tmp_path):
    files = make_reports(tmp_path / "r", 24)
    settings = Settings(select=["Z901", "Z903"], cache=False)
    sequential = lint_all(files, settings, 1, None)
    parallel = lint_all(files, settings, 2, None)
    assert set(pids(sequential)) == {os.getpid()}
    assert os.getpid() not in pids(parallel) and len(set(pids(parallel))) == 2
    strip = lambda results: [[(f.path, f.line, f.code) for f in found if f.code != "Z903"] for found, _ in results]
    assert strip(parallel) == strip(sequential)
    assert [f for found, _ in sequential for f in found if f.code == "Z901"]


def test_few_files_run_in_this_process(tmp_path):
    files = make_reports(tmp_path / "r", PARALLEL_MIN_FILES - 1)
    results = lint_all(files, Settings(select=["Z903"], cache=False), 4, None)
    assert set(pids(results)) == {os.getpid()}


def test_work_is_handed_out_as_workers_free_up(tmp_path):
    """One slow file must not hold back a share of the others: the free worker takes them one by one."""
    files = make_reports(tmp_path / "r", 30)
    Path(files[0]).write_text("# 慢\n", encoding="utf-8")
    results = lint_all(files, Settings(select=["Z903"], cache=False), 2, None)
    by_worker = Counter(pids(results))
    slow = pids(results[:1])[0]
    assert by_worker[slow] < 10, by_worker


def jxlint(capsys, *args):
    with pytest.raises(SystemExit) as stop:
        main(["check", "--no-cache", "--no-config", "--select", "Z901", *map(str, args)])
    out, err = capsys.readouterr()
    return stop.value.code, out, err


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "gitlab"])
def test_cli_output_identical_for_any_jobs(capsys, tmp_path, monkeypatch, fmt):
    monkeypatch.chdir(tmp_path)
    make_reports(tmp_path / "a", 12)
    make_reports(tmp_path / "b", 7)
    Path("b/broken.md").write_bytes(b"\x00\x01binary")
    runs = [jxlint(capsys, "--format", fmt, "--jobs", jobs, "a", "b") for jobs in ("1", "2", "3", "0")]
    assert runs[0][0] == 2  # the unreadable file
    assert "broken.md" in runs[0][2]
    assert all(run == runs[0] for run in runs[1:])


def test_stdin_is_never_parallel(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", type("In", (), {"buffer": __import__("io").BytesIO("有错误\n".encode())})())
    status, out, _ = jxlint(capsys, "--format", "json", "--jobs", "2", "--stdin-filename", "x.md")
    assert status == 1 and '"path": "x.md"' in out


def run_cli(args, cwd) -> tuple[int, str]:
    proc = subprocess.run([sys.executable, "-m", "lint", "check", "--no-cache", *args],
                          capture_output=True, text=True, encoding="utf-8", cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, proc.stdout


def test_seeds_jobs_2_equals_jobs_1(seeds_dir, tmp_path):
    seeds = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    for fmt in ("json", "text"):
        assert run_cli(["--format", fmt, "--jobs", "2", *seeds], ROOT) == \
               run_cli(["--format", fmt, "--jobs", "1", *seeds], ROOT)
    # five files run in one process; two copies of each make enough files for the worker pool
    for copy in ("a", "b"):
        (tmp_path / copy).mkdir()
        for seed in seeds:
            shutil.copy(seed, tmp_path / copy)
    one = run_cli(["--format", "json", "--jobs", "1", "a", "b"], tmp_path)
    two = run_cli(["--format", "json", "--jobs", "2", "a", "b"], tmp_path)
    assert one == two
    assert one[1].count('"code"') > 0
