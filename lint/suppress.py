"""Inline suppression comments (Markdown reports, and plain-text ones too).

    <!-- jxlint-disable-next-line C001 -->          the next line that is not blank or only comments
    <!-- jxlint-disable C001, A002 --> … <!-- jxlint-enable C001, A002 -->   a region (to the end of the
                                                    file when no jxlint-enable follows)
    <!-- jxlint-disable-file R004 -->               the whole file

Codes are required (separated by commas or spaces); a family or group prefix works as in --select
(`C`, `A0`). A jxlint-enable closes the regions opened by a jxlint-disable of the same code or prefix. A reason may follow two dashes: `<!-- jxlint-disable-next-line C001 -- 两个数字口径不同 -->`.
A finding is suppressed when the place it starts at lies in a suppressed range for its code.

Every suppression that suppresses nothing is reported as R099 unused-suppression (info): a code with no
finding where the comment points, an unknown code, a comment without codes, a jxlint-enable without a
jxlint-disable. A code whose rules are all disabled for this run (--select/--ignore, per_file_ignores) is
not reported: this run cannot tell whether the comment is still needed. Suppressions of R099 itself are
honoured and never reported.

The normaliser strips comments from the clean text, so the comments are read from the original text.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

CODE = "R099"
NAME = "unused-suppression"

DIRECTIVE = re.compile(
    r"<!--[ \t]*jxlint-(?P<kind>disable-next-line|disable-file|disable|enable)(?![\w-])(?P<body>[^\n]{0,300}?)-->",
    re.I,
)
MARKER = re.compile(r"jxlint-", re.I)
TOKEN = re.compile(r"[A-Za-z]\d{0,3}")
ONLY_COMMENTS = re.compile(r"[ \t\r\n]*(?:<!--[^\n]*?-->[ \t\r\n]*)*")


@dataclass
class Directive:
    kind: str                    # disable-next-line | disable | enable | disable-file
    start: int                   # original offsets of the comment
    end: int
    codes: list[str]
    bad: list[str] = field(default_factory=list)      # tokens that are not codes
    ranges: list[tuple[int, int]] = field(default_factory=list)  # original offsets suppressed
    scope: str = ""              # for messages: "on line 12", "between lines 4 and 9", "in this file"
    used: set[str] = field(default_factory=set)


def parse(text: str) -> list[Directive]:
    out = []
    if "<!--" not in text or not MARKER.search(text):  # the plain test first: most reports have no comment
        return out
    for m in DIRECTIVE.finditer(text):
        body = m.group("body").split(" --", 1)[0].split("\t--", 1)[0]
        codes, bad = [], []
        for token in re.split(r"[,\s]+", body.strip()):
            if not token:
                continue
            if TOKEN.fullmatch(token):
                if token.upper() not in codes:
                    codes.append(token.upper())
            else:
                bad.append(token)
        out.append(Directive(m.group("kind").lower(), m.start(), m.end(), codes, bad))
    return out


def _resolve(directives: list[Directive], text: str, starts: list[int]) -> list[tuple[Directive, str]]:
    """Give each directive the ranges it suppresses; return (enable, code) pairs that closed nothing.

    `starts`: the offsets at which the lines of `text` start (Source.line_starts).
    """
    n = len(text)

    def line_no(offset: int) -> int:
        return bisect_right(starts, offset)

    open_regions: dict[str, list[Directive]] = {}
    stray: list[tuple[Directive, str]] = []
    for d in directives:
        if d.kind == "disable-file":
            d.ranges = [(0, n + 1)]
            d.scope = "in this file"
        elif d.kind == "disable-next-line":
            line = line_no(d.start)  # 1-based line of the comment
            target = None
            while line < len(starts):
                a = starts[line]
                b = starts[line + 1] if line + 1 < len(starts) else n
                if not ONLY_COMMENTS.fullmatch(text, a, b):
                    target = (a, b)
                    break
                line += 1
            if target is None:
                d.scope = "after it (the comment is on the last line)"
            else:
                d.ranges = [target]
                d.scope = f"on line {line + 1}"
        elif d.kind == "disable":
            for code in d.codes:
                open_regions.setdefault(code, []).append(d)
            d.ranges = [(d.end, n + 1)]
            d.scope = f"from line {line_no(d.start)} to the end of the file"
        else:  # enable
            for code in d.codes:
                regions = open_regions.pop(code, [])
                if not regions:
                    stray.append((d, code))
                for opened in regions:
                    opened.ranges = [(opened.end, d.start)]
                    opened.scope = f"between line {line_no(opened.start)} and line {line_no(d.start)}"
    return stray


def _split_regions(directives: list[Directive]) -> list[Directive]:
    """A `disable A, B` closed for A and B at different places becomes one directive per code."""
    out = []
    for d in directives:
        if d.kind == "disable" and len(d.codes) > 1:
            for code in d.codes:
                out.append(Directive(d.kind, d.start, d.end, [code], d.bad if code == d.codes[0] else []))
        else:
            out.append(d)
    return out


def _offset(source, line: int, column: int) -> int:
    starts = source.line_starts
    if not starts:
        return 0
    line = max(1, min(line, len(starts)))
    return starts[line - 1] + max(0, column - 1)


def _matches(code: str, token: str) -> bool:
    return code.startswith(token)


def apply_suppressions(facts, findings, settings):
    source = facts.source
    text = source.text
    directives = _split_regions(parse(text))
    if not directives:
        return findings
    stray = _resolve(directives, text, source.line_starts or [0])
    active = [d for d in directives if d.kind != "enable" and d.codes and d.ranges]

    kept = []
    for f in findings:
        at = _offset(source, f.line, f.column)
        hit = False
        for d in active:
            if not any(a <= at < b for a, b in d.ranges):
                continue
            for token in d.codes:
                if _matches(f.code, token):
                    hit = True
                    if f.code != CODE:
                        d.used.add(token)
        if not hit:
            kept.append(f)

    unused = _unused(facts, directives, stray, settings)
    for f in unused:
        at = _offset(source, f.line, f.column)
        if not any(any(a <= at < b for a, b in d.ranges) and any(_matches(CODE, t) for t in d.codes)
                   for d in active):
            kept.append(f)
    return kept


def _unused(facts, directives: list[Directive], stray, settings) -> list:
    from lint.rules import Severity, all_rules

    path = facts.source.path
    if settings is not None and not settings.enabled(CODE, path):
        return []
    rules = all_rules()
    severity = Severity.INFO
    if CODE in rules:
        severity = rules[CODE].severity
    if settings is not None and CODE in getattr(settings, "severity", {}):
        severity = settings.severity[CODE]

    def enabled(code: str) -> bool:
        return settings is None or settings.enabled(code, path)

    out = []
    reported: set[tuple[int, str]] = set()

    def report(d: Directive, key: str, message: str) -> None:
        if (d.start, key) in reported:
            return
        reported.add((d.start, key))
        out.append(_finding(facts, d, message, severity))

    for d in directives:
        comment = f"jxlint-{d.kind}"
        for token in d.bad:
            report(d, "bad:" + token, f"{comment}: {token!r} is not a rule code or prefix (like C001 or C); "
                                      "it suppresses nothing")
        if not d.codes and not d.bad:
            report(d, "none", f"{comment} without codes suppresses nothing: codes are required, "
                              f"e.g. <!-- {comment} C001 -->")
        if d.kind == "enable":
            continue
        for token in d.codes:
            if token in d.used:
                continue
            covered = [c for c in rules if _matches(c, token)]
            if not covered:
                report(d, token, f"{comment} {token} names no rule: no jxlint code starts with {token} "
                                 "(see `jxlint rules`)")
                continue
            judged = [c for c in covered if c != CODE and enabled(c)]
            if not judged:
                continue  # only R099, or every rule it names is off in this run: cannot tell
            report(d, token, f"{comment} {token} is unused: no {token} finding {d.scope}; "
                             "remove it from the comment")
    for d, token in stray:
        report(d, "stray:" + token, f"jxlint-enable {token} has no jxlint-disable {token} before it")
    return out


def _finding(facts, d: Directive, message: str, severity):
    from lint.engine import Finding

    source = facts.source
    line, column = source.position(d.start)
    end_line, end_column = source.position(d.end)
    return Finding(CODE, NAME, severity, message, source.path, line, column, end_line, end_column,
                   [], None, source.text[d.start:d.end], source.line_text(line))
