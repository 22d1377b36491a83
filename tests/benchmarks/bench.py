#!/usr/bin/env python3
"""Benchmarks (not timed tests): throughput per phase, and the performance targets.

    python tests/benchmarks/bench.py phases [--n 200]     throughput per phase: read, normalise, extract, check, report
    python tests/benchmarks/bench.py targets [--n 1000]   the ratios of the performance targets (README: Performance)

The corpus is built from the bundled samples and, when present, the real seed reports beside the repo
(../shared/corpus/seeds), copied N times under a temporary folder.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def originals() -> list[Path]:
    seeds = ROOT.parent / "shared" / "corpus" / "seeds"
    files = sorted(seeds.glob("*.txt")) if seeds.exists() else []
    return files or sorted((ROOT / "fixtures" / "samples").glob("*.*"))


def build_corpus(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    sources = originals()
    out = []
    for i in range(n):
        src = sources[i % len(sources)]
        dst = folder / f"r{i:05d}{src.suffix}"
        shutil.copyfile(src, dst)
        out.append(dst)
    return out


def phases(n: int) -> None:
    from lint.config import Settings
    from lint.engine import _resolve, enabled_rules
    from lint.facts import Facts
    from lint.report import Context, renderer
    from lint.source import read_path

    with tempfile.TemporaryDirectory() as tmp:
        files = build_corpus(Path(tmp), n)
        size = sum(f.stat().st_size for f in files)
        settings = Settings(cache=False)
        rules = enabled_rules(settings)
        needs = sorted(set().union(*(r.needs for r in rules))) if rules else []
        t = dict.fromkeys(["read", "normalise", "extract", "check", "report"], 0.0)
        findings = []
        for path in files:
            a = time.perf_counter(); source = read_path(path)
            b = time.perf_counter(); facts = Facts(source, config=settings)
            c = time.perf_counter()
            for name in needs:
                try:
                    getattr(facts, name)
                except (ImportError, AttributeError):
                    pass
            d = time.perf_counter()
            for rule in rules:
                for diag in rule.check(facts):
                    findings.append(_resolve(facts, rule, diag, rule.severity))
            e = time.perf_counter()
            t["read"] += b - a; t["normalise"] += c - b; t["extract"] += d - c; t["check"] += e - d
        a = time.perf_counter(); renderer("json")(findings, Context(files=len(files)))
        t["report"] = time.perf_counter() - a
        total = sum(t.values())
        print(f"{n} reports, {size / 1e6:.2f} MB, {len(rules)} rules, {len(findings)} findings")
        for name, secs in t.items():
            print(f"  {name:<10} {secs:7.3f} s  {size / 1e6 / secs if secs else float('inf'):8.1f} MB/s  "
                  f"{n / secs if secs else float('inf'):9.0f} reports/s  {100 * secs / total:5.1f}%")
        print(f"  {'total':<10} {total:7.3f} s  {size / 1e6 / total:8.1f} MB/s  {n / total:9.0f} reports/s")


def _wall(cmd: list[str], runs: int = 3, cwd=None) -> float:
    times = []
    for _ in range(runs):
        a = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
        times.append(time.perf_counter() - a)
    return statistics.median(times)


def _peak_rss(cmd: list[str], cwd=None) -> float:
    """Peak RSS in MB of a child process (its largest descendant, via getrusage)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(after, before) / 1024


BARE = ("import re,sys\npat=re.compile(r'\\d+(?:\\.\\d+)?')\n"
        "import pathlib\nfor p in sorted(pathlib.Path(sys.argv[1]).iterdir()):\n"
        "    pat.findall(p.read_text(encoding='utf-8', errors='replace'))\n")


def targets(n: int) -> None:
    py = sys.executable
    jx = [py, "-m", "lint", "check", "--format", "json", "--exit-zero"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        full, half = tmp / "full", tmp / "half"
        build_corpus(full, n)
        build_corpus(half, n // 2)
        size = sum(f.stat().st_size for f in full.iterdir())
        print(f"corpus: {n} reports, {size / 1e6:.1f} MB")
        bare = _wall([py, "-c", BARE, str(full)])
        one = _wall(jx + ["--no-cache", "--jobs", "1", str(full)], runs=1)
        two = _wall(jx + ["--no-cache", "--jobs", "2", str(full)], runs=1)
        halft = _wall(jx + ["--no-cache", "--jobs", "1", str(half)], runs=1)
        print(f"throughput  jobs=1 {one:.2f} s vs bare pass {bare:.2f} s: {one / bare:.1f}x (target <= 20x)")
        print(f"parallel    jobs=2 {two:.2f} s: speed-up {one / two:.2f}x (target >= 1.6x)")
        print(f"scaling     {n} vs {n // 2} reports: {one / halft:.2f}x (target <= 2.2x)")
        sample = originals()[0]
        big = tmp / "big.txt"
        big.write_text(sample.read_text(encoding="utf-8") * 10, encoding="utf-8")
        small_t = _wall(jx + ["--no-cache", str(sample)], runs=3)
        big_t = _wall(jx + ["--no-cache", str(big)], runs=3)
        print(f"long report 10x longer: {big_t / small_t:.2f}x the time (target <= 11x; includes start-up)")
        start = _wall([py, "-c", "pass"], runs=5)
        check_one = _wall([py, "-m", "lint", "check", "--no-cache", "--exit-zero", str(sample)], runs=5)
        print(f"start-up    check one report {check_one * 1000:.0f} ms vs python -c pass {start * 1000:.0f} ms: "
              f"{check_one / start:.1f}x (target <= 6x)")
        cache_dir = tmp / "cachework"
        cache_dir.mkdir()
        first = _wall(jx + ["--jobs", "1", str(full)], runs=1, cwd=cache_dir)
        again = _wall(jx + ["--jobs", "1", str(full)], runs=1, cwd=cache_dir)
        print(f"cache       first {first:.2f} s, re-run {again:.2f} s: {first / again:.1f}x faster (target >= 10x)")
        rss = _peak_rss(jx + ["--no-cache", "--jobs", "1", str(full)])
        print(f"memory      peak RSS {rss:.0f} MB for {n} reports (target < 300 MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["phases", "targets"])
    parser.add_argument("--n", type=int, default=None)
    args = parser.parse_args()
    if args.what == "phases":
        phases(args.n or 200)
    else:
        targets(args.n or 1000)


if __name__ == "__main__":
    main()
