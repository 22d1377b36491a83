"""For people: location, code, message, the source line with the span underlined by display width."""
from __future__ import annotations

import unicodedata
from collections import Counter

from lint.rules import Severity


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else (0 if unicodedata.combining(ch) else 1)
               for ch in text)


def _excerpt(finding) -> list[str]:
    if not finding.line_text:
        return []
    line = finding.line_text.replace("\t", " ")
    start = finding.column - 1
    end = finding.end_column - 1 if finding.end_line == finding.line else len(line)
    # long report lines: show a window around the span
    left = max(0, start - 30)
    right = min(len(line), max(end, start + 1) + 30)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    shown = prefix + line[left:right] + suffix
    pad = width(prefix + line[left:start])
    marks = max(1, width(line[start:min(end, right)]))
    gutter = " " * len(str(finding.line))
    return [f" {gutter} |",
            f" {finding.line} | {shown}",
            f" {gutter} | {' ' * pad}{'^' * marks}"]


def render_text(findings, context) -> str:
    out: list[str] = []
    for f in findings:
        out.append(f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}")
        out.extend(_excerpt(f))
        for rel in f.related:
            note = f" ({rel.message})" if rel.message else ""
            out.append(f"   = see {rel.path}:{rel.line}:{rel.column}{note}")
        out.append("")
    counts = Counter(f.severity for f in findings)
    if context.statistics:
        for code, n in sorted(Counter(f.code for f in findings).items()):
            name = next(f.name for f in findings if f.code == code)
            out.append(f"{n:5d}  {code}  {name}")
        out.append("")
    if findings:
        out.append(f"Found {len(findings)} problem{'s' * (len(findings) != 1)} "
                   f"({counts[Severity.ERROR]} error, {counts[Severity.WARNING]} warning, {counts[Severity.INFO]} info) "
                   f"in {context.files} file{'s' * (context.files != 1)}.")
    else:
        out.append(f"All checks passed ({context.files} file{'s' * (context.files != 1)}).")
    if context.fixed:
        out.append(f"{context.fixed} baseline entr{'ies' if context.fixed != 1 else 'y'} no longer found (fixed).")
    return "\n".join(out) + "\n"
