"""GitHub Actions workflow commands: one annotation per finding, then a one-line summary.

`::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=CODE name::message` (info findings are
`::notice`). Data is escaped (% CR LF), property values also (: and ,). A span that crosses lines gets no
`col`/`endColumn`, since GitHub would misplace them. Related places follow the message on lines of their
own. GitHub shows at most 10 annotations of each level per step, so the last line counts them all.
"""
from __future__ import annotations

from collections import Counter

from lint.report import display_path
from lint.rules import Severity

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
SHOWN_PER_LEVEL = 10


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f, root: str = ".") -> str:
    command = COMMAND.get(Severity(int(f.severity)), "warning")
    line = max(1, f.line)
    end_line = max(line, f.end_line)
    props = [("file", display_path(f.path, root)), ("line", str(line))]
    if end_line == line:
        props.append(("col", str(max(1, f.column))))
        props.append(("endLine", str(end_line)))
        props.append(("endColumn", str(max(f.column, f.end_column, 1))))
    else:
        props.append(("endLine", str(end_line)))
    props.append(("title", f"{f.code} {f.name}".strip()))
    message = f.message
    for rel in f.related:
        where = f"line {rel.line}" if rel.path == f.path else f"{display_path(rel.path, root)}:{rel.line}"
        message += f"\nsee {where}" + (f": {rel.message}" if rel.message else "")
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{command} {head}::{escape_data(message)}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def summary(findings, context) -> str:
    counts = Counter(COMMAND.get(Severity(int(f.severity)), "warning") for f in findings)
    files = _plural(context.files, "file")
    if not findings:
        line = f"jxlint: no problems in {files}"
    else:
        parts = [_plural(counts[c], c) for c in ("error", "warning", "notice") if counts[c]]
        line = f"jxlint: {', '.join(parts)} in {files}"
        if any(n > SHOWN_PER_LEVEL for n in counts.values()):
            line += f" (GitHub shows at most {SHOWN_PER_LEVEL} annotations of each level per step; all are in this log)"
    if context.fixed:
        entries = "entry" if context.fixed == 1 else "entries"
        line += f"; {context.fixed} baseline {entries} no longer found (fixed)"
    return line


def render_github(findings, context) -> str:
    lines = [annotation(f, context.root) for f in findings]
    lines.append(summary(findings, context))
    return "\n".join(lines) + "\n"
