#!/usr/bin/env python3
"""Mutation fuzzer: damaged copies of real-shaped reports must never crash, hang or upset jxlint.

    python tests/fuzz.py --minutes 10                 a long run with a random seed
    python tests/fuzz.py --seconds 30 --seed 7        a short reproducible run (what the tests do)
    python tests/fuzz.py --replay FILE...             lint saved inputs once each and report

Each input is a seed report (../shared/corpus/seeds when present, else fixtures/samples) or one of the
team's fixtures, with one to five mutations: deleted or duplicated ranges, insertions of brackets (（ 〔), %, |, NUL, BOM, CR,
digits and long runs, truncation, flipped bytes, swapped lines.  Every input is linted in this
process — bytes decoded with lint.source.read_bytes, then lint_source with every rule plus every
fact extractor, and the result rendered as JSON — and every --cli-every'th input is also run
through the real command line.  A failure is: a traceback (any exception but the one-line
ReadError), an internal error printed by a rule, a fact span outside the clean text, a location
outside the file, output that is not JSON, an exit status above 2, or a run longer than --limit
seconds.  Failing inputs are written to --out (one .bin file each, with a .txt note beside it), so
they can be added to fixtures/regressions/.

The input being linted is written to OUT/current.bin first: if the process hangs in a regex that no
signal can interrupt, whoever killed it finds the culprit there.  The last line printed is a JSON
summary (inputs tried, failures, slowest input).
"""
from __future__ import annotations

import argparse
import codecs
import dataclasses
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
SAMPLES = ROOT / "fixtures" / "samples"
LIMIT = 10.0  # seconds one input may take, in process or through the CLI

# What the damage is made of: the characters that open or end structures, control bytes, markup.
SPECIAL = ["（", "〔", "%", "|", "\x00", "\ufeff", "\r", "\r\n", "\n", "\t", "）", "〕", "(", ")", "【", "《",
           "<!--", "-->", "<td>", "</table>", "$", "$\\geq", "**", "#", "（一）", "一、", "1.", "①", "．",
           "％", "，", "。", "、", "：", "万元", "亿元", "分", "年", "月", "日", "第", "号", "合计", "其中",
           "总分", "得分", "优", "良", "\u3000", " ", "-", "+", "=", "≥", "~", "至", "\\", "{", "}", "&nbsp;",
           "<!-- jxlint-disable-next-line R -->", "<!-- jxlint-disable", "\x0b", "\x0c", "\x1b", "\ud800"]
LONG = ["9" * 4000, "1." * 3000, "（一）" * 2000, "1+" * 3000, "|" * 5000, "\t" * 3000, "%" * 3000,
        "一二三四五六七八九十" * 400, "（" * 3000, "2023年" * 1000, "，" * 4000, "\n" * 3000, " " * 5000,
        "<!--" * 1000, "$" * 2000, "**" * 2000]


_DIGIT = re.compile(r"\d")
WORDS = ["万元", "元", "亿元", "%", "‰", "优", "良", "中", "差", "年初预算", "决算", "执行数", "合计", "其中", "总分", "满分",
         "得分", "分值", "权重", "完成", "未完成", "无", "共", "约", "超", "2022年", "2023年", "2024年", "〔2024〕", "场", "户"]


def seed_files() -> list[Path]:
    found = sorted(SEEDS.glob("*.txt")) if SEEDS.exists() else []
    return found or sorted(p for p in SAMPLES.glob("*.*") if p.suffix in (".txt", ".md"))


def base_files() -> list[Path]:
    """What the fuzz loop damages: the seeds, plus the team's samples and fixtures (Markdown and HTML tables,
    suppression comments, LaTeX: shapes the seeds have few of)."""
    extra = sorted(p for p in (ROOT / "fixtures").glob("*/*.*") if p.suffix in (".txt", ".md")
                   and p.parent.name != "regressions" and p.stat().st_size < 200_000)
    return seed_files() + [p for p in extra if p not in seed_files()]


def _enc(s: str) -> bytes:
    return s.encode("utf-8", "surrogatepass")


def mutate(text: str, rng: random.Random, seeds: list[str]) -> tuple[str, list[str]]:
    """One to five random mutations of `text` (at character boundaries), and what they were."""
    done: list[str] = []
    for _ in range(rng.choice((1, 1, 2, 2, 3, 5))):
        n = len(text)
        pos = rng.randrange(n + 1)
        op = rng.choice(("delete", "insert", "insert", "insert", "truncate", "duplicate", "long", "splice",
                         "swap", "chars", "digits", "digits", "words", "lines"))
        if op == "delete" and n:
            k = rng.choice((1, 2, 3, 10, 100, 2000))
            text = text[:pos] + text[pos + k:]
        elif op == "insert":
            s = rng.choice(SPECIAL)
            text = text[:pos] + s * rng.choice((1, 1, 2, 7)) + text[pos:]
            op += f" {s!r}"
        elif op == "truncate":
            text = text[:pos]
        elif op == "duplicate" and n:
            k = rng.choice((10, 200, 3000))
            text = text[:pos + k] + text[pos:pos + k] * rng.choice((2, 10, 50)) + text[pos + k:]
        elif op == "long":
            s = rng.choice(LONG)
            text = text[:pos] + s + text[pos:]
            op += f" {s[:8]!r}x{len(s)}"
        elif op == "splice":
            other = rng.choice(seeds)
            a = rng.randrange(len(other) + 1)
            text = text[:pos] + other[a:a + rng.choice((20, 200, 2000))] + text[pos:]
        elif op == "swap":
            lines = text.split("\n")
            if len(lines) > 2:
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
                text = "\n".join(lines)
        elif op == "chars":
            text = text[:pos] + "".join(chr(rng.choice((rng.randrange(32, 0x3000), rng.randrange(0x4E00, 0x9FA6))))
                                        for _ in range(rng.choice((1, 4, 16)))) + text[pos:]
        elif op == "digits":  # change figures: sums, rates, scores and dates stop agreeing, so rules report
            digits = [m.start() for m in _DIGIT.finditer(text)]
            for i in rng.sample(digits, min(len(digits), rng.choice((1, 3, 30)))):
                text = text[:i] + rng.choice("0123456789.") + text[i + 1:]
        elif op == "words":  # one report word for another: 万元/元, 优/良, 年初预算/决算 …
            a, b = rng.sample(WORDS, 2)
            at = text.find(a, pos)
            if at != -1:
                text = text[:at] + b + text[at + len(a):]
        elif op == "lines":  # lines of another base, at a line start
            other = rng.choice(seeds).splitlines(keepends=True)
            at = text.rfind("\n", 0, pos) + 1
            i = rng.randrange(len(other) + 1)
            text = text[:at] + "".join(other[i:i + rng.choice((1, 5, 30))]) + text[at:]
        done.append(f"{op}@{pos}")
    return text, done


def damage_bytes(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """Now and then, damage below the character level: flipped bits, random bytes, a cut mid-character."""
    if not data or rng.random() > 0.12:
        return data, ""
    pos = rng.randrange(len(data))
    op = rng.choice(("flip", "bytes", "cut"))
    if op == "flip":
        data = data[:pos] + bytes([data[pos] ^ (1 << rng.randrange(8))]) + data[pos + 1:]
    elif op == "bytes":
        data = data[:pos] + bytes(rng.randrange(256) for _ in range(rng.choice((1, 4)))) + data[pos:]
    else:
        data = data[:pos]
    return data, f"{op}-byte@{pos}"


def encode(text: str, rng: random.Random) -> tuple[bytes, str]:
    """UTF-8 mostly; sometimes the whole report in another encoding or with other line endings."""
    data = _enc(text)
    if rng.random() > 0.15:
        return data, ""
    choice = rng.choice(("gb18030", "utf-16", "utf-8-sig", "crlf", "cr"))
    try:
        if choice == "gb18030":
            return text.encode("gb18030", "replace"), choice
        if choice == "utf-16":
            return codecs.BOM_UTF16_LE + text.encode("utf-16-le", "surrogatepass"), choice
        if choice == "utf-8-sig":
            return codecs.BOM_UTF8 + data, choice
        if choice == "crlf":
            return data.replace(b"\n", b"\r\n"), choice
        return data.replace(b"\n", b"\r"), choice
    except UnicodeError:
        return data, ""


# --- checking one input, in this process ---------------------------------------------------------

class Hang(BaseException):  # not an Exception: code that catches Exception must not swallow it
    pass


def _alarm(signum, frame):
    raise Hang()


def spans_of(value, path="", seen=None):
    """Every (where, span) pair in a fact value: fields called span/*_span holding two ints."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        seen.add(id(value))
        for f in dataclasses.fields(value):
            item = getattr(value, f.name, None)
            if (f.name == "span" or f.name.endswith("_span")) and _is_span(item):
                yield f"{path}.{f.name}", item
            else:
                yield from spans_of(item, f"{path}.{f.name}", seen)
    elif isinstance(value, dict):
        seen.add(id(value))
        for k, v in value.items():
            yield from spans_of(v, f"{path}[{k!r}]", seen)
    elif isinstance(value, (list, tuple)) and not _is_span(value):
        seen.add(id(value))
        for i, v in enumerate(value):
            yield from spans_of(v, f"{path}[{i}]", seen)


def _is_span(item) -> bool:
    return isinstance(item, tuple) and len(item) == 2 and all(isinstance(x, int) for x in item)


def check_facts(facts) -> list[str]:
    """Compute every fact kind; problems with exceptions or spans outside the clean text."""
    from lint.facts import EXTRACTORS

    problems = []
    n = len(facts.text)
    for kind, target in EXTRACTORS.items():
        module = target.split(":")[0]
        try:
            value = getattr(facts, kind)
        except ModuleNotFoundError as err:
            if err.name == module:
                continue  # an extractor not written yet
            problems.append(f"extractor {kind}: {_tb()}")
            continue
        except Hang:
            raise
        except Exception:
            problems.append(f"extractor {kind}: {_tb()}")
            continue
        if kind == "lines":
            items = [(f"lines[{i}]", s) for i, s in enumerate(value)]
        else:
            items = list(spans_of(value, kind))
        for where, (a, b) in items:
            if not 0 <= a <= b <= n:
                problems.append(f"extractor {kind}: span {where}=({a}, {b}) outside the clean text (0, {n})")
                break
    return problems


def check_text(text: str, name: str = "fuzz.txt") -> list[str]:
    """Lint decoded text with every rule (strictly: a rule's exception is a problem) and every extractor."""
    from lint.config import Settings
    from lint.engine import _resolve, enabled_rules
    from lint.facts import Facts
    from lint.report import Context, renderer
    from lint.source import Source
    from lint.suppress import apply_suppressions

    problems: list[str] = []
    source = Source(name, text)
    settings = Settings(cache=False)
    try:
        facts = Facts(source, config=settings, year=None)
    except Hang:
        raise
    except Exception:
        return [f"normalise: {_tb()}"]
    clean = facts.clean
    if len(clean.omap) != len(clean.text):
        problems.append(f"normalise: offset map has {len(clean.omap)} entries for {len(clean.text)} characters")
    if any(clean.omap[i] > clean.omap[i + 1] for i in range(len(clean.omap) - 1)):
        problems.append("normalise: offset map not monotone")
    findings = []
    for rule in enabled_rules(settings, name):
        try:
            for diag in rule.check(facts):
                a, b = diag.span
                if not 0 <= a <= b <= len(facts.text):
                    problems.append(f"rule {rule.code}: span ({a}, {b}) outside the clean text")
                findings.append(_resolve(facts, rule, diag, rule.severity))
        except Hang:
            raise
        except Exception:
            problems.append(f"rule {rule.code}: {_tb()}")
    problems += check_facts(facts)
    try:
        findings = apply_suppressions(facts, findings, settings)
        lines = max(1, len(source.line_starts))
        for f in findings:
            for loc in [f, *f.related]:
                if not (1 <= loc.line <= lines and loc.column >= 1 and (loc.end_line, loc.end_column) >= (loc.line, loc.column)):
                    problems.append(f"{f.code}: location {loc.line}:{loc.column}-{loc.end_line}:{loc.end_column} "
                                    f"outside the file ({lines} lines)")
        json.loads(renderer("json")(findings, Context(files=1)))
        renderer("text")(findings, Context(files=1))
    except Hang:
        raise
    except Exception:
        problems.append(f"report: {_tb()}")
    return problems


def check_bytes(data: bytes | str, name: str = "fuzz.txt", limit: float = LIMIT) -> tuple[list[str], float]:
    """Decode (unless given text: then it goes to the linter as it is, NULs and all) and lint in this
    process under a limit of CPU seconds (what the work costs, whatever else runs); (problems, CPU seconds)."""
    from lint.source import ReadError, read_bytes

    start = time.process_time()
    old = signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, limit)
    try:
        if isinstance(data, str):
            return check_text(data, name), time.process_time() - start
        try:
            source = read_bytes(data, name)
        except ReadError as err:
            message = str(err)
            problems = [] if "\n" not in message and message.startswith(name) else [f"read: bad message {message!r}"]
            return problems, time.process_time() - start
        except Hang:
            raise
        except Exception:
            return [f"read: {_tb()}"], time.process_time() - start
        return check_text(source.text, name), time.process_time() - start
    except Hang:
        return [f"hang: over {limit:g} s"], time.process_time() - start
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)


def _tb() -> str:
    etype, err, tb = sys.exc_info()
    frames = traceback.extract_tb(tb)
    where = next((f for f in reversed(frames) if "/lint/" in f.filename or "/checks/" in f.filename), frames[-1])
    short = "/".join(Path(where.filename).parts[-2:])
    return f"{etype.__name__}: {str(err)[:200]} at {short}:{where.lineno} in {where.name}"


# --- checking through the command line ----------------------------------------------------------

class CliRun(NamedTuple):
    returncode: int
    stdout: str
    stderr: str
    seconds: float      # wall time
    rss: int            # peak resident set size of the jxlint process (KiB; workers not counted)
    cpu: float          # CPU seconds of the jxlint process and its workers: the work done, whatever the load


def run_cli(args: list[str], cwd: Path | str | None = None, timeout: float = 60.0, input: bytes | None = None,
            env: dict | None = None) -> CliRun:
    """Run `python -m lint ARGS` and measure it (the child reports its own peak RSS and CPU time)."""
    code = ("import resource, runpy, sys; sys.argv = ['jxlint'] + sys.argv[1:]\n"
            "try:\n    runpy.run_module('lint', run_name='__main__')\n"
            "finally:\n    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
            "    sys.stderr.write('\\n#usage %d %f\\n' % (s.ru_maxrss, s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime))\n")
    env = dict(os.environ, **(env or {}), PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("JXLINT_STRICT", None)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, cwd=cwd or ROOT, env=env,
                          timeout=timeout, input=input)
    seconds = time.perf_counter() - start
    stderr = proc.stderr.decode("utf-8", "replace")
    rss, cpu = 0, seconds
    marker = stderr.rfind("\n#usage ")
    if marker != -1:
        rss, cpu = int(stderr[marker + 8:].split()[0]), float(stderr[marker + 8:].split()[1])
        stderr = stderr[:marker]
    return CliRun(proc.returncode, proc.stdout.decode("utf-8", "replace"), stderr, seconds, rss, cpu)


def cli_problems(returncode: int, stdout: str, stderr: str, seconds: float, limit: float = LIMIT) -> list[str]:
    """What is wrong with one `jxlint check --format json` run."""
    problems = []
    if returncode not in (0, 1, 2):
        problems.append(f"exit status {returncode}")
    if "Traceback" in stderr:
        problems.append("traceback: " + stderr.strip().splitlines()[-1][:300])
    if "internal error" in stderr:
        problems.append(next(l for l in stderr.splitlines() if "internal error" in l)[:300])
    if seconds > limit:
        problems.append(f"took {seconds:.1f} s")
    try:
        json.loads(stdout)
    except ValueError:
        problems.append(f"stdout is not JSON: {stdout[:100]!r}")
    if returncode == 2:
        errors = [l for l in stderr.splitlines() if l.strip()]
        if not errors or not all(l.startswith("jxlint: error: ") for l in errors):
            problems.append(f"exit 2 without one-line errors: {stderr[:200]!r}")
    return problems


def damaged_copies(count: int, seed: int = 0):
    """`count` damaged copies of the seed reports: (file name, bytes, what was done)."""
    rng = random.Random(seed)
    files = seed_files()
    seeds = [p.read_text(encoding="utf-8") for p in files]
    for i in range(count):
        base = i % len(seeds)
        text, ops = mutate(seeds[base], rng, seeds)
        data, enc = encode(text, rng)
        data, damage = damage_bytes(data, rng)
        ops += [x for x in (enc, damage) if x]
        yield f"damaged-{i:03d}{files[base].suffix}", data, f"{files[base].name} {' '.join(ops)}"


# --- the loop ------------------------------------------------------------------------------------

def fuzz(seconds: float, seed: int, out: Path, cli_every: int = 0, limit: float = LIMIT, max_inputs: int = 0,
         log=print) -> dict:
    rng = random.Random(seed)
    files = base_files()
    seeds = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    out.mkdir(parents=True, exist_ok=True)
    current = out / "current.bin"
    failures: list[dict] = []
    signatures: set[str] = set()
    tried = cli_runs = 0
    slowest = (0.0, "")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and (not max_inputs or tried < max_inputs):
        base = rng.randrange(len(seeds))
        text, ops = mutate(seeds[base], rng, seeds)
        data, enc = encode(text, rng)
        data, damage = damage_bytes(data, rng)
        ops += [x for x in (enc, damage) if x]
        label = f"seed {seed} input {tried}: {files[base].parent.name}/{files[base].name} {' '.join(ops)}"
        current.write_bytes(data)
        raw = rng.random() < 0.1  # text straight to the linter, past the decoder's checks
        problems, took = check_bytes(text if raw else data, limit=limit)
        if raw:
            label += " (as text)"
        tried += 1
        if took > slowest[0]:
            slowest = (took, label)
        if cli_every and tried % cli_every == 0:
            path = out / "cli-input.txt"
            path.write_bytes(data)
            cli_runs += 1
            try:
                r = run_cli(["check", "--no-cache", "--no-config", "--format", "json", str(path)], timeout=limit * 3)
                problems += [f"cli: {p}" for p in cli_problems(r.returncode, r.stdout, r.stderr, r.cpu, limit)]
            except subprocess.TimeoutExpired:
                problems.append(f"cli: hang over {limit * 3:g} s")
        if problems:
            signature = _signature(problems[0])
            record = {"input": label, "problems": problems, "seconds": round(took, 2)}
            if signature not in signatures:
                signatures.add(signature)
                name = f"fuzz-{seed}-{tried - 1}"
                (out / f"{name}.bin").write_bytes(data)
                (out / f"{name}.txt").write_text(label + "\n" + "\n".join(problems) + "\n", encoding="utf-8")
                record["saved"] = str(out / f"{name}.bin")
                log(f"FAIL {label}\n  " + "\n  ".join(problems))
            failures.append(record)
    current.unlink(missing_ok=True)
    return {"seed": seed, "inputs": tried, "cli_runs": cli_runs, "failures": len(failures),
            "distinct": len(signatures), "slowest_seconds": round(slowest[0], 3), "slowest": slowest[1],
            "first_failures": failures[:10]}


def minimize(data: bytes, limit: float = LIMIT, log=print) -> bytes:
    """A smaller input with the same first problem: drop chunks of lines, then of characters, while it stays."""
    problems, _ = check_bytes(data, limit=limit)
    if not problems:
        return data
    want = _signature(problems[0])

    def same(candidate: str) -> bool:
        got, _ = check_bytes(_enc(candidate), limit=limit)
        return bool(got) and _signature(got[0]) == want

    text = data.decode("utf-8", "surrogateescape")
    if not same(text):
        return data  # a decoding problem: keep the bytes
    for unit in ("lines", "chars"):
        parts = text.splitlines(keepends=True) if unit == "lines" else list(text)
        chunk = max(1, len(parts) // 2)
        while chunk >= 1:
            i, changed = 0, False
            while i < len(parts):
                trial = parts[:i] + parts[i + chunk:]
                if trial and same("".join(trial)):
                    parts, changed = trial, True
                else:
                    i += chunk
            if not changed:
                chunk //= 2
        text = "".join(parts)
        log(f"after {unit}: {len(text)} characters")
    return _enc(text)


def _signature(problem: str) -> str:
    return problem.split(" at ")[-1] if " at " in problem else problem[:60]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=0)
    ap.add_argument("--seconds", type=float, default=0)
    ap.add_argument("--inputs", type=int, default=0, help="stop after this many inputs")
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: random, printed)")
    ap.add_argument("--out", type=Path, default=None, help="where failing inputs go (default: a new temp folder)")
    ap.add_argument("--cli-every", type=int, default=50, help="also run the CLI on every Nth input (0: never)")
    ap.add_argument("--limit", type=float, default=LIMIT, help="seconds one input may take")
    ap.add_argument("--replay", nargs="*", type=Path, help="lint these saved inputs (or folders of them) once each")
    ap.add_argument("--minimize", nargs=2, type=Path, metavar=("IN", "OUT"), help="shrink a failing input")
    ap.add_argument("--write", nargs=2, metavar=("N", "DIR"), help="write N damaged copies of the seeds to DIR")
    args = ap.parse_args(argv)
    os.environ["JXLINT_STRICT"] = "1"
    if args.minimize:
        small = minimize(args.minimize[0].read_bytes(), args.limit, log=lambda m: print(m, file=sys.stderr))
        args.minimize[1].write_bytes(small)
        print(check_bytes(small, limit=args.limit)[0])
        return 0
    if args.write:
        count, folder = int(args.write[0]), Path(args.write[1])
        seed = args.seed if args.seed is not None else 0
        for name, data, label in damaged_copies(count, seed):
            folder.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
        print(f"wrote {count} damaged copies to {folder} (seed {seed})", file=sys.stderr)
        return 0
    if args.replay:
        files = [f for p in args.replay for f in (sorted(p.iterdir()) if p.is_dir() else [p])]
        failures, slowest = [], (0.0, "")
        for path in files:
            problems, took = check_bytes(path.read_bytes(), path.name, args.limit)
            slowest = max(slowest, (took, str(path)))
            if problems:
                failures.append({"input": str(path), "problems": problems, "seconds": round(took, 2)})
                print(f"FAIL {path}: {took:.2f} s\n  " + "\n  ".join(problems), file=sys.stderr)
        print(json.dumps({"inputs": len(files), "failures": len(failures), "slowest_seconds": round(slowest[0], 3),
                          "slowest": slowest[1], "first_failures": failures[:10]}, ensure_ascii=False))
        return 1 if failures else 0
    seconds = args.minutes * 60 + args.seconds or (60 if not args.inputs else 10 ** 9)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10 ** 6)
    out = args.out or Path(tempfile.mkdtemp(prefix="jxlint-fuzz-"))
    print(f"fuzzing for {seconds:g} s, seed {seed}, failures to {out}", file=sys.stderr)
    summary = fuzz(seconds, seed, out, args.cli_every, args.limit, args.inputs,
                   log=lambda s: print(s, file=sys.stderr, flush=True))
    print(json.dumps(summary, ensure_ascii=False))
    return 1 if summary["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
