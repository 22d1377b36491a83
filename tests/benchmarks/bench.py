#!/usr/bin/env python3
"""Benchmarks (not timed tests): throughput per phase, and the performance targets.

    python tests/benchmarks/bench.py phases [--n 200]     throughput per phase: read, normalise, extract, check, report
    python tests/benchmarks/bench.py targets [--n 1000] [--runs 3] [--no-big]
                                                          the ratios of the performance targets (README: Performance)
    python tests/benchmarks/bench.py costs [--n 30]       CPU ms per report of each extractor and of the costliest rules

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


def costs(n: int) -> None:
    """Each extractor's own CPU time per report (computed in dependency order, so that a line does not include
    the facts it builds on), then the rules' time, the costliest rules first."""
    from lint.config import Settings
    from lint.engine import _resolve, enabled_rules, lint_source
    from lint.facts import EXTRACTORS, Facts
    from lint.source import read_path

    order = ["lines", "sentences", "header", "dates", "docnumbers", "deadlines", "headings", "quantities",
             "breakdowns", "sentence_quantities", "tables", "scores", "claims"]
    order += [name for name in EXTRACTORS if name not in order]
    texts = [read_path(p) for p in originals()]
    settings = Settings(cache=False)
    rules = enabled_rules(settings)
    spent = dict.fromkeys(["normalise", *order], 0.0)
    per_rule = {r.code: 0.0 for r in rules}
    for source in texts:
        lint_source(source, settings)  # patterns compiled, modules imported: not timed
    for _ in range(n):
        for source in texts:
            a = time.process_time()
            facts = Facts(source, config=settings)
            spent["normalise"] += time.process_time() - a
            for name in order:
                a = time.process_time()
                facts.optional(name)
                spent[name] += time.process_time() - a
            for rule in rules:
                a = time.process_time()
                for diag in rule.check(facts):
                    _resolve(facts, rule, diag, rule.severity)
                per_rule[rule.code] += time.process_time() - a
    reports = n * len(texts)
    spent["rules"] = sum(per_rule.values())
    print(f"CPU ms per report ({len(texts)} reports x {n}):")
    for name, secs in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<20} {secs / reports * 1000:6.3f}")
    print(f"  {'total':<20} {sum(spent.values()) / reports * 1000:6.3f}")
    print("costliest rules:", ", ".join(f"{code} {secs / reports * 1000:.3f}" for code, secs in
                                         sorted(per_rule.items(), key=lambda kv: -kv[1])[:8]))


def _env() -> dict:
    """The environment of the timed runs: bytecode may be cached, as in any installed copy (a checkout run
    with PYTHONDONTWRITEBYTECODE=1 would compile every module from source at every start)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def _wall(cmd: list[str], runs: int = 3, cwd=None, setup=None) -> float:
    """Median wall time of `runs` runs (`setup()` before each, untimed)."""
    times = []
    for _ in range(runs):
        if setup:
            setup()
        a = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, env=_env())
        times.append(time.perf_counter() - a)
    return statistics.median(times)


def _peak_rss(cmd: list[str], cwd=None) -> float:
    """Peak RSS in MB of `cmd` and its workers, measured by a fresh process that runs nothing else."""
    probe = ("import resource, subprocess, sys\n"
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, cwd=cwd, env=_env())
    return int(out.stdout.strip() or 0) / 1024


def _cpu(cmd: list[str]) -> tuple[float, float]:
    """CPU seconds of `cmd`'s own process and of its workers (run in-process by a fresh interpreter)."""
    probe = ("import contextlib, io, resource, sys\nfrom lint.cli import main\n"
             "try:\n    with contextlib.redirect_stdout(io.StringIO()):\n        main(sys.argv[1:])\n"
             "except SystemExit:\n    pass\n"
             "s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
             "print(s.ru_utime + s.ru_stime, c.ru_utime + c.ru_stime)\n")
    out = subprocess.run([sys.executable, "-c", probe, *cmd[3:]], capture_output=True, text=True, env=_env())
    own, children = out.stdout.split()
    return float(own), float(children)


def _cores() -> float:
    """How many cores this machine gives two CPU-bound processes right now (2.0 on an idle 2-core machine)."""
    code = "import time\nt=time.perf_counter()\nx=0\nfor i in range(6_000_000): x+=i\nprint(time.perf_counter()-t)"
    one = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout)
    a = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL) for _ in range(2)]
    for p in procs:
        p.wait()
    return 2 * one / max(time.perf_counter() - a - 0.03, 1e-6)


def _in_process(text: str, runs: int = 5) -> float:
    """Median CPU seconds to lint `text` in this process (patterns compiled, modules loaded beforehand)."""
    from lint.config import Settings
    from lint.engine import lint_source
    from lint.source import Source

    settings = Settings(cache=False)
    times = []
    for _ in range(runs):
        a = time.process_time()
        lint_source(Source("report.txt", text), settings)
        times.append(time.process_time() - a)
    return statistics.median(times)


BARE = ("import re,sys\npat=re.compile(r'\\d+(?:\\.\\d+)?')\n"
        "import pathlib\nfor p in sorted(pathlib.Path(sys.argv[1]).iterdir()):\n"
        "    pat.findall(p.read_text(encoding='utf-8', errors='replace'))\n")


def targets(n: int, runs: int, big: bool) -> None:
    py = sys.executable
    jx = [py, "-m", "lint", "check", "--format", "json", "--exit-zero", "--no-config"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        full, half = tmp / "full", tmp / "half"
        build_corpus(full, n)
        build_corpus(half, n // 2)
        size = sum(f.stat().st_size for f in full.iterdir())
        subprocess.run(jx + ["--no-cache", str(originals()[0])], stdout=subprocess.DEVNULL, env=_env())  # bytecode
        print(f"corpus: {n} reports, {size / 1e6:.1f} MB; medians of {runs} runs; "
              f"cores free now: {_cores():.1f} of {os.cpu_count()}")
        bare = _wall([py, "-c", BARE, str(full)], runs=max(5, runs))
        one = _wall(jx + ["--no-cache", "--jobs", "1", str(full)], runs=runs)
        two = _wall(jx + ["--no-cache", "--jobs", "2", str(full)], runs=runs)
        halft = _wall(jx + ["--no-cache", "--jobs", "1", str(half)], runs=runs)
        print(f"throughput  jobs=1 {one:.2f} s vs bare pass {bare:.2f} s: {one / bare:.1f}x (target <= 20x)")
        print(f"parallel    jobs=2 {two:.2f} s: speed-up {one / two:.2f}x (target >= 1.6x; needs 2 free cores)")
        parent, workers = _cpu(jx + ["--no-cache", "--jobs", "2", str(full)])
        serial, _ = _cpu(jx + ["--no-cache", "--jobs", "1", str(full)])
        print(f"            CPU: jobs=1 {serial:.2f} s; jobs=2 parent {parent:.2f} s + workers {workers:.2f} s, "
              f"so {serial / (parent + workers / 2):.2f}x on two free cores")
        print(f"scaling     {n} vs {n // 2} reports: {one / halft:.2f}x (target <= 2.2x)")

        # one report 10x longer: in this process (a single report's wall time is mostly start-up)
        ratios = []
        for sample in originals():
            text = sample.read_text(encoding="utf-8")
            _in_process(text * 10, runs=1)                      # compile the patterns first
            ratios.append((_in_process(text * 10) / _in_process(text), sample.name))
        worst = max(ratios)
        print(f"long report 10x longer: {worst[0]:.2f}x the time (worst of {len(ratios)} reports, {worst[1]}; "
              f"target <= 11x)")
        sample = originals()[0]
        start = _wall([py, "-c", "pass"], runs=max(9, runs))
        check_one = _wall([py, "-m", "lint", "check", "--no-cache", "--exit-zero", str(sample)], runs=max(9, runs))
        print(f"start-up    check one report {check_one * 1000:.0f} ms vs python -c pass {start * 1000:.0f} ms: "
              f"{check_one / start:.1f}x (target <= 6x)")

        cache_dir = tmp / "cachework"
        cache_dir.mkdir()
        clear = lambda: shutil.rmtree(cache_dir / ".jxlint_cache", ignore_errors=True)
        first = _wall(jx + ["--jobs", "1", str(full)], runs=runs, cwd=cache_dir, setup=clear)
        _wall(jx + ["--jobs", "1", str(full)], runs=1, cwd=cache_dir)
        again = _wall(jx + ["--jobs", "1", str(full)], runs=runs, cwd=cache_dir)
        print(f"cache       first {first:.2f} s, re-run {again:.2f} s: {first / again:.1f}x faster (target >= 10x)")
        rss = _peak_rss(jx + ["--no-cache", "--jobs", "1", str(full)])
        print(f"memory      peak RSS {rss:.0f} MB for {n} reports (target < 300 MB)")
        if big:
            blob = "".join(f.read_text(encoding="utf-8") for f in originals())
            large = tmp / "large.txt"
            with open(large, "w", encoding="utf-8") as fh:
                while fh.tell() < 40_000_000:
                    fh.write(blob)
            a = time.perf_counter()
            rss = _peak_rss(jx + ["--no-cache", str(large)])
            print(f"memory      peak RSS {rss:.0f} MB for one {large.stat().st_size / 1e6:.0f} MB file "
                  f"({time.perf_counter() - a:.0f} s; target < 1500 MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["phases", "targets", "costs"])
    parser.add_argument("--n", type=int, default=None)
    parser.add_argument("--runs", type=int, default=3, help="runs per timing (the median is shown)")
    parser.add_argument("--no-big", action="store_true", help="skip the 40 MB file (about a minute)")
    args = parser.parse_args()
    if args.what == "phases":
        phases(args.n or 200)
    elif args.what == "costs":
        costs(args.n or 30)
    else:
        targets(args.n or 1000, args.runs, not args.no_big)


if __name__ == "__main__":
    main()
