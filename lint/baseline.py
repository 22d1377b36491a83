"""Baselines: today's findings keyed by path, code and flagged text, so they survive lines moving.

`jxlint check --write-baseline FILE` records every current finding (and exits 0: they are all accepted);
`--baseline FILE` then reports only findings that are not in it. A key that occurs n times in the baseline
absorbs at most n findings, so a second copy of a recorded mistake is still reported. Baseline entries that
are not found any more are counted as fixed (the text format's last line; stderr for the other formats).

Paths are stored relative to the current folder (POSIX separators), so a baseline written at the root of
a repository works in any checkout of it; run jxlint from the same folder when writing and using it.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

VERSION = 1


def _path(path: str) -> str:
    from lint.report import display_path

    return display_path(path)


def _key(finding) -> tuple[str, str, str]:
    return (_path(finding.path), finding.code, finding.snippet)


def write(path: str, findings) -> int:
    """Write the baseline; return the number of findings recorded."""
    from lint.cli import Failure

    findings = list(findings)
    counts = Counter(_key(f) for f in findings)
    entries = []
    for (p, c, t), n in sorted(counts.items()):
        entry = {"path": p, "code": c, "text": t}
        if n != 1:
            entry["count"] = n
        entries.append(entry)
    data = json.dumps({"version": VERSION, "tool": "jxlint", "entries": entries}, ensure_ascii=False, indent=2)
    try:
        Path(path).write_text(data + "\n", encoding="utf-8", errors="surrogateescape")
    except OSError as err:
        raise Failure(f"{path}: cannot write baseline ({err.strerror or err})") from None
    return len(findings)


def load(path: str) -> Counter:
    from lint.cli import Failure

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8", errors="surrogateescape"))
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data["entries"], list):
            raise ValueError("unknown layout")
        counts: Counter = Counter()
        for e in data["entries"]:
            counts[(Path(e["path"]).as_posix(), str(e["code"]), str(e["text"]))] += int(e.get("count", 1))
        return counts
    except FileNotFoundError:
        raise Failure(f"{path}: no such baseline file") from None
    except IsADirectoryError:
        raise Failure(f"{path}: is a directory, not a baseline file") from None
    except UnicodeDecodeError:
        raise Failure(f"{path}: not a jxlint baseline (not UTF-8)") from None
    except OSError as err:
        raise Failure(f"{path}: cannot read baseline ({err.strerror or err})") from None
    except (ValueError, KeyError, TypeError) as err:
        raise Failure(f"{path}: not a jxlint baseline ({type(err).__name__}: {err})") from None


def filter_new(path: str, findings, linted=None) -> tuple[list, int]:
    """The findings not in the baseline, and how many baseline entries were not found again (fixed).

    `linted`: the files this run read; entries for other files are not counted as fixed (a run over one
    file, as pre-commit does, says nothing about the others).
    """
    remaining = load(path)
    if linted is not None:
        paths = {_path(p) for p in linted}
        remaining = Counter({k: n for k, n in remaining.items() if k[0] in paths})
    new = []
    for f in findings:
        key = _key(f)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            new.append(f)
    return new, sum(n for n in remaining.values() if n > 0)
