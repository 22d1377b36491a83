"""A whole `jxlint check` run: collect files, lint them (in parallel when worth it), report, exit status."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

from lint.config import Settings
from lint.engine import Finding
from lint.source import ReadError, Source, read_bytes, read_path

SUFFIXES = (".txt", ".md")
PARALLEL_MIN_FILES = 8


def collect(paths: list[str]) -> tuple[list[str], list[str]]:
    """Files to lint (folders searched recursively for *.txt/*.md) and one-line errors for missing paths."""
    files: list[str] = []
    errors: list[str] = []
    for p in paths:
        if p == "-":
            files.append(p)
            continue
        path = Path(p)
        if path.is_dir():
            found = [str(f) for f in sorted(path.rglob("*"))
                     if f.suffix.lower() in SUFFIXES and f.is_file()
                     and not any(part.startswith(".") and part not in (".", "..") for part in f.relative_to(path).parts)]
            files.extend(found)
        elif path.exists():
            files.append(p)
        else:
            errors.append(f"{p}: no such file or folder")
    return files, errors


def read_one(path: str, stdin_filename: Optional[str] = None) -> Source:
    if path == "-":
        from lint.source import MAX_BYTES

        return read_bytes(sys.stdin.buffer.read(MAX_BYTES + 1), stdin_filename or "-")
    return read_path(path)


def lint_file(path: str, settings: Settings, stdin_filename: Optional[str] = None) -> tuple[list[Finding], Optional[str]]:
    """Findings for one file, or the one-line reason it could not be read."""
    from lint.engine import lint_source

    try:
        source = read_one(path, stdin_filename)
    except ReadError as err:
        return [], str(err)
    if settings.cache and path != "-":
        from lint.cache import Cache

        cache = Cache.for_settings(settings)
        hit = cache.get(source)
        if hit is not None:
            return hit, None
        findings = lint_source(source, settings)
        cache.put(source, findings)
        return findings, None
    return lint_source(source, settings), None


_WORKER: tuple = ()


def _start_worker(settings: Settings, stdin_filename: Optional[str]) -> None:
    global _WORKER
    _WORKER = (settings, stdin_filename)


def _lint_in_worker(path: str):
    return lint_file(path, *_WORKER)


def lint_all(files: list[str], settings: Settings, jobs: int, stdin_filename: Optional[str]):
    """(findings, error) per file, in the order of `files` whatever the number of workers.

    Below PARALLEL_MIN_FILES files the work is done here, so a pre-commit run on one file starts at once.
    Otherwise worker processes, each given the settings once, take files in chunks of about a sixteenth
    of their share (at most 16 files): few enough round trips that this process stays idle and leaves
    the cores to the workers, small enough that a run of large reports does not leave a worker waiting.
    """
    workers = min(jobs or os.cpu_count() or 1, len(files))
    if workers <= 1 or len(files) < PARALLEL_MIN_FILES or "-" in files:
        return [lint_file(f, settings, stdin_filename) for f in files]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from lint.rules import all_rules

    all_rules()  # load the rules once here; forked workers inherit them (and any registered by a plug-in)
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    chunk = max(1, min(16, len(files) // (workers * 16)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                             initargs=(settings, stdin_filename)) as pool:
        return list(pool.map(_lint_in_worker, files, chunksize=chunk))


def _fewer_collections() -> None:
    """Each report builds thousands of small objects and frees them when the next one starts; with the default
    thresholds the cycle collector runs every 700 allocations and spends ~7% of a run walking objects that
    die young anyway. A higher threshold keeps memory flat (a report's facts hold no cycles that outlive it)."""
    import gc

    gc.freeze()                          # what imports built lives for the whole run: never scan it again
    gc.set_threshold(50_000, 50, 100)


def run(paths: list[str], settings: Settings, fmt: str = "text", jobs: int = 0, stdin_filename: Optional[str] = None,
        baseline: Optional[str] = None, write_baseline: Optional[str] = None, statistics: bool = False,
        output: Optional[str] = None) -> int:
    from lint.report import Context, renderer

    files, errors = collect(paths)
    findings: list[Finding] = []
    linted = 0
    _fewer_collections()
    read: list[str] = []
    for name, (result, error) in zip(files, lint_all(files, settings, jobs, stdin_filename)):
        if error:
            errors.append(error)
        else:
            linted += 1
            read.append((stdin_filename or name) if name == "-" else name)
            findings.extend(result)
    findings.sort(key=Finding.sort_key)
    fixed = 0
    notes: list[str] = []
    if baseline:
        from lint.baseline import filter_new

        new, fixed = filter_new(baseline, findings, read)
    if write_baseline:
        from lint.baseline import write

        count = write(write_baseline, findings)
        notes.append(f"jxlint: wrote {count} finding{'s' * (count != 1)} to baseline {write_baseline}")
    if baseline:
        findings = new
    context = Context(files=linted, statistics=statistics, fixed=fixed, root=os.getcwd(), baseline=bool(baseline))
    text = renderer(fmt)(findings, context)
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8", errors="backslashreplace")
        except OSError as err:
            from lint.cli import Failure

            raise Failure(f"{output}: cannot write the report ({err.strerror or err})") from None
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    if fmt != "text":  # machine formats keep stdout parseable: counts and the baseline summary go to stderr
        from lint.report import statistics_lines

        if statistics:
            notes[:0] = statistics_lines(findings)
        if fixed and fmt != "github":  # github's own summary line says it
            notes.append(f"jxlint: {fixed} baseline entr{'ies' if fixed != 1 else 'y'} no longer found (fixed)")
    for note in notes:
        sys.stderr.write(note + "\n")
    for error in errors:
        sys.stderr.write(f"jxlint: error: {error}\n")
    if errors:
        return 2
    if write_baseline:
        return 0  # every finding is now recorded in the baseline
    return 1 if any(f.severity >= settings.fail_on for f in findings) else 0
