"""Reporters: one module per output format, each `render(findings, context) -> str`."""
from __future__ import annotations

import hashlib
import importlib
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

FORMATS = ("text", "json", "jsonl", "sarif", "github", "gitlab")


@dataclass
class Context:
    """What a reporter may need besides the findings."""

    files: int = 0
    statistics: bool = False
    fixed: int = 0                                  # baseline entries no longer found
    root: str = "."                                 # for repo-relative URIs
    baseline: bool = False                          # findings were filtered through --baseline


_MODULES = {"json": "json_", "jsonl": "json_"}


def renderer(fmt: str) -> Callable:
    module = _MODULES.get(fmt, fmt)
    return getattr(importlib.import_module(f"lint.report.{module}"), "render_" + fmt)


_RELATIVE: dict[tuple[str, str, str], Optional[str]] = {}


def relative_path(path: str, root: str = ".") -> Optional[str]:
    """`path` as a POSIX path relative to `root`, or None when it lies outside `root` (or is standard input).

    Remembered per path, root and working folder: a report of thousands of findings names a few hundred
    files, and working a path out costs more than the rest of a SARIF result."""
    key = (path, root, os.getcwd())
    if key not in _RELATIVE:
        if len(_RELATIVE) > 50_000:
            _RELATIVE.clear()
        _RELATIVE[key] = _relative_path(path, root)
    return _RELATIVE[key]


def _relative_path(path: str, root: str) -> Optional[str]:
    if path in ("", "-"):
        return None
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # another drive (Windows)
        return None
    rel = Path(rel).as_posix()
    if rel == ".." or rel.startswith("../"):
        return None
    return rel


def display_path(path: str, root: str = ".") -> str:
    """The path CI services expect: relative to the root when inside it, else as given (POSIX separators)."""
    rel = relative_path(path, root)
    return rel if rel is not None else Path(path).as_posix()


def fingerprints(findings, root: str = ".") -> list[str]:
    """One stable identity per finding: code, path, flagged text and which occurrence of that text it is.

    No line number goes in, so inserting lines above a finding does not change it; the occurrence index
    (0 for the first finding of the same code on the same text in the same file, in document order) keeps
    identities unique when one text is flagged twice.
    """
    seen: Counter = Counter()
    out = []
    for f in sorted(findings, key=lambda f: (f.path, f.line, f.column, f.code, f.message)):
        key = (display_path(f.path, root), f.code, f.snippet)
        index = seen[key]
        seen[key] += 1
        digest = hashlib.sha256("\0".join((*key, str(index))).encode("utf-8", "surrogatepass")).hexdigest()
        out.append((id(f), digest))
    table = dict(out)
    return [table[id(f)] for f in findings]


def statistics_lines(findings) -> list[str]:
    """`count  CODE  name` per code, in code order (as the text format prints them)."""
    counts = Counter(f.code for f in findings)
    names = {f.code: f.name for f in findings}
    return [f"{n:5d}  {code}  {names[code]}" for code, n in sorted(counts.items())]
