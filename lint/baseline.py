"""Baselines: today's findings keyed by path, code and flagged text, so they survive lines moving."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

VERSION = 1


class BaselineError(Exception):
    pass


def _key(finding) -> tuple[str, str, str]:
    return (Path(finding.path).as_posix(), finding.code, finding.snippet)


def write(path: str, findings) -> None:
    counts = Counter(_key(f) for f in findings)
    entries = [{"path": p, "code": c, "text": t, "count": n} for (p, c, t), n in sorted(counts.items())]
    Path(path).write_text(json.dumps({"version": VERSION, "entries": entries}, ensure_ascii=False, indent=2) + "\n",
                          encoding="utf-8")


def load(path: str) -> Counter:
    from lint.cli import Failure

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return Counter({(e["path"], e["code"], e["text"]): int(e.get("count", 1)) for e in data["entries"]})
    except FileNotFoundError:
        raise Failure(f"{path}: no such baseline file") from None
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise Failure(f"{path}: not a jxlint baseline ({type(err).__name__})") from None


def filter_new(path: str, findings) -> tuple[list, int]:
    """The findings not in the baseline, and how many baseline entries were not found again (fixed)."""
    remaining = load(path)
    new = []
    for f in findings:
        key = _key(f)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            new.append(f)
    return new, sum(n for n in remaining.values() if n > 0)
