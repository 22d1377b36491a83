"""Numbered headings and the tree they form.

A heading is a line of the clean text that starts with a numbering marker:

    一、  (一)  1. 1、  (1) 1)  ①  a.  A.      (full-width brackets are folded to () already)

optionally behind a Markdown heading (``## 一、…``) or list bullet (``- (1) …``).  An unnumbered
Markdown heading (``# 标题``) is a heading of style ``#``.  Not headings: table rows (lines with a
tab or a ``|``), ``一是/二是`` enumerations, ``2023年…`` at the start of a line, ``1.5万元``,
``1、2月份`` (an enumeration of numbers, not an item).

The tree is built from the numbering style *and* from where a list restarts: a list of one style
may nest inside another list of the same style ("1. 年度总体工作" may hold its own (一)…(五) while
an outer (一)(二)(三) goes on around it).  Each heading is placed in the deepest open list its
number continues; a 1 that continues nothing opens a new nested list.  What is left -- a number
equal to the previous item's (a repeat) or a gap in a list (a skip) -- is recorded on the heading
(`issue`), but only when no nesting explains it:

* repeat: the previous item of the list is the heading right before this one (nothing nested
  between them), or the list is a top-level 一、 list;
* skip: the list began at 1 (a list first seen at (二) may be an excerpt), it is the innermost
  open one (or a top-level 一、 list), and at most three numbers are missing.

Item markers inside a paragraph after 。;: ("党建工作方面。(一)抓基础，…") take part in the tree
(they open and continue lists) but are not headings themselves and never carry an issue, nor
does an item whose list's previous item was such an inline marker.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from lint import rx as re

from lint.model import Heading
from lint.numeric import chinese_to_int

_CN = "一二三四五六七八九十"

# Each kind of marker is a group of its own, named after the kind (m.lastgroup says which one
# matched), around a group for its number, named n_ and the kind.
_HEADING = re.compile(
    rf"""^[ ]{{0,8}}(?:(?P<md>\#{{1,6}})[ ]{{0,3}}|[-*+][ ]{{1,3}})?
    (?:
        (?P<cn>(?P<n_cn>[{_CN}]{{1,3}})[ ]{{0,2}}[、.](?!\d))
      | (?P<pcn>\([ ]{{0,2}}(?P<n_pcn>[{_CN}]{{1,3}})[ ]{{0,2}}\))
      | (?P<ar>(?P<n_ar>\d{{1,2}})[ ]{{0,2}}(?:、|\.(?![\d.])))
      | (?P<par>\([ ]{{0,2}}(?P<n_par>\d{{1,2}})[ ]{{0,2}}\))
      | (?P<har>(?P<n_har>\d{{1,2}})\))
      | (?P<circ>(?P<n_circ>[①-⑳]))
      | (?P<lat>(?P<n_lat>[a-zA-Z])[ ]?[.、](?![a-zA-Z\d.]))
    )[ ]{{0,4}}""",
    re.X,
)
_MD_ONLY = re.compile(r"^[ ]{0,3}(?P<md>\#{1,6})[ ]{0,3}(?=\S)")
# The characters a line that _HEADING or _MD_ONLY matches can start with; the line after each "\n"
# is looked at only when it starts with one (a scan for "\n" is fast, most lines are paragraphs).
_HEADING_FIRST = rf"[ #\-*+({_CN}\d①-⑳a-zA-Z]"
_HEADING_LINE = re.compile(rf"\n(?={_HEADING_FIRST})")
_HEADING_FIRST_RE = re.compile(_HEADING_FIRST)
_LAT_TEXT = re.compile(r"[ ]{0,4}[\p{Han}(“《]")

# An item marker inside a paragraph: after 。;: and at most two spaces, before a Chinese character.
# The scan starts at the marker's first character (the engine jumps from "(" to "(") and the
# look-behinds, one per number of spaces, check what stands before it; circled numbers are
# looked for only in a report that has one.
_INLINE_PAREN = re.compile(
    r"\((?:(?<=[。;:]\()|(?<=[。;:] \()|(?<=[。;:]  \())"
    rf"(?:[ ]?(?P<pcn>[{_CN}]{{1,3}})[ ]?\)|[ ]?(?P<par>\d{{1,2}})[ ]?\))(?=\p{{Han}})"
)
_CIRCLED = re.compile(r"[①-⑳]", scan=True)
_INLINE_CIRCLED = re.compile(r"(?P<circ>[①-⑳])(?:(?<=[。;:].)|(?<=[。;:] .)|(?<=[。;:]  .))(?=\p{Han})")
_TITLE_END = re.compile(r"[。;:!?]")
_MAX_TEXT = 80
_MAX_MISSING = 3   # a jump of more than this is more likely a mis-read marker than a skipped item
_MAX_DEPTH = 12   # lists nested deeper than this do not occur in reports; it bounds the work per heading
TOP_STYLE = "一、"

STYLE_NAMES = {"cn": "一、", "pcn": "(一)", "ar": "1.", "par": "(1)", "har": "(1)", "circ": "①",
               "lat": "a."}


@dataclass
class NumberedHeading(Heading):
    """A heading with its place in its list: the previous item and what is wrong with the numbering."""

    previous: Optional[int] = None   # index (in Facts.headings) of the previous item of the same list
    issue: str = ""                  # "repeat" or "skip" when the numbering breaks here; else ""
    marker: str = ""                 # the marker as written in the clean text, e.g. "(三)"


def _number(kind: str, token: str) -> Optional[int]:
    if kind in ("cn", "pcn"):
        return _CN.index(token) + 1 if len(token) == 1 else chinese_to_int(token)
    if kind == "circ":
        return ord(token) - ord("①") + 1
    if kind == "lat":
        return ord(token.lower()) - ord("a") + 1
    try:
        return int(token)
    except ValueError:
        return None


def _style(kind: str, token: str) -> str:
    if kind == "lat":
        return "A." if token.isupper() else "a."
    return STYLE_NAMES[kind]


def match_heading(line: str) -> Optional[tuple[str, int, int, int, str]]:
    """(style, number, marker start, marker end, text) when `line` (a clean line) is a heading."""
    if not line or "\t" in line or "|" in line:
        return None
    m = _HEADING.match(line)
    if m is None:
        md = _MD_ONLY.match(line)
        if md is None:
            return None
        text = line[md.end():].strip()
        if not text:
            return None
        return "#" * len(md.group("md")), 0, md.start("md"), md.end("md"), _title(text)
    kind = m.lastgroup
    token = m.group("n_" + kind)
    marker_start, marker_end = m.span(kind)
    rest = line[m.end():]
    text = rest.lstrip()
    if not text or text[0] in ",.、;:)%‰-":
        return None
    if kind in ("ar", "har") and rest[0].isdigit() and m.end() == marker_end:
        return None          # 1、2月份 …: a list of numbers, not an item
    if kind == "lat" and not _LAT_TEXT.match(rest):
        return None          # a. must introduce Chinese text (not "A. Smith", not formulas)
    number = _number(kind, token)
    if number is None or number <= 0:
        return None
    return _style(kind, token), number, marker_start, marker_end, _title(text)


def _title(rest: str) -> str:
    rest = rest.strip()
    m = _TITLE_END.search(rest)
    if m and m.start() > 0:
        rest = rest[: m.start()]
    return rest[:_MAX_TEXT]


class _List:
    __slots__ = ("style", "start", "last", "last_index", "last_inline", "parent", "real")

    def __init__(self, style: str, number: int, index: Optional[int], inline: bool, parent: Optional[int]):
        self.style, self.last, self.last_index, self.last_inline = style, number, index, inline
        self.start = number
        self.parent = parent
        self.real = not inline


class _TreeBuilder:
    def __init__(self) -> None:
        self.stack: list[_List] = []
        self.prev_real: Optional[int] = None   # the heading placed just before (line-start only)

    def reset(self, index: int) -> None:
        self.stack.clear()
        self.prev_real = index

    def place(self, style: str, number: int, index: Optional[int], inline: bool):
        """Put one item in the tree: (parent, level, previous, issue)."""
        stack = self.stack
        c = None   # the innermost open list of this style
        for i in range(len(stack) - 1, -1, -1):
            if stack[i].style == style:
                if number == stack[i].last + 1:
                    return self._continue(i, number, index, inline, "")
                if c is None:
                    c = i
        if c is not None and number != 1:
            lst = stack[c]
            innermost = all(not l.real for l in stack[c + 1 :])
            judged = not inline and not lst.last_inline and lst.last_index is not None
            if judged and number == lst.last and (lst.last_index == self.prev_real or style == TOP_STYLE):
                return self._continue(c, number, index, inline, "repeat")
            if (judged and lst.start == 1 and lst.last + 1 < number <= lst.last + 1 + _MAX_MISSING
                    and (innermost or style == TOP_STYLE)):
                return self._continue(c, number, index, inline, "skip")
            if (inline or lst.last_inline) and number >= lst.last:
                return self._continue(c, number, index, inline, "")
        return self._push(style, number, index, inline)

    def _continue(self, i: int, number: int, index: Optional[int], inline: bool, issue: str):
        lst = self.stack[i]
        del self.stack[i + 1 :]
        previous = lst.last_index if not lst.last_inline else None
        lst.last, lst.last_inline = number, inline
        if not inline:
            lst.last_index, lst.real = index, True
            self.prev_real = index
        return lst.parent, i + 1, previous, issue

    def _push(self, style: str, number: int, index: Optional[int], inline: bool):
        if len(self.stack) >= _MAX_DEPTH:  # garbage, not a report: restart the deepest list of this style
            same = [i for i, l in enumerate(self.stack) if l.style == style]
            del self.stack[same[-1] if same else _MAX_DEPTH - 1 :]
        parent = next((l.last_index for l in reversed(self.stack) if l.last_index is not None and not l.last_inline),
                      None)
        self.stack.append(_List(style, number, None if inline else index, inline, parent))
        if not inline:
            self.prev_real = index
        return parent, len(self.stack), None, ""


def headings(facts) -> list[Heading]:
    """Every numbered heading of the report, in order, placed in the headings tree."""
    text = facts.text
    out: list[Heading] = []
    tree = _TreeBuilder()
    heading_lines = list(_heading_lines(text))
    markers = _inline_markers(text, heading_lines)
    for start, line, found in heading_lines:
        while markers and markers[-1][0] < start:
            tree.place(*markers.pop()[1:], None, True)
        style, number, ma, mb, title = found
        index = len(out)
        span = (start + ma, start + mb)
        line_span = (start + len(line) - len(line.lstrip()), start + len(line.rstrip()))
        if style[0] == "#":
            if len(style) == 1:
                tree.reset(index)
            else:
                tree.prev_real = index
            out.append(NumberedHeading(style, 0, len(style), title, span, line_span, None,
                                       marker=line[ma:mb]))
            continue
        parent, level, previous, issue = tree.place(style, number, index, False)
        out.append(NumberedHeading(style, number, level, title, span, line_span, parent,
                                   previous=previous, issue=issue, marker=line[ma:mb]))
    while markers:
        tree.place(*markers.pop()[1:], None, True)
    return out


def _heading_lines(text: str):
    """(line start, line, what match_heading found) for every heading line, in order."""
    starts = [m.end() for m in _HEADING_LINE.finditer(text)]
    if _HEADING_FIRST_RE.match(text):
        starts.insert(0, 0)
    for start in starts:
        end = text.find("\n", start)
        line = text[start:end] if end != -1 else text[start:]
        found = match_heading(line)
        if found is not None:
            yield start, line, found


def _inline_markers(text: str, heading_lines: list) -> list[tuple[int, str, int]]:
    """(position, style, number) of the item markers inside paragraphs, LAST FIRST (popped in order)."""
    found = list(_INLINE_PAREN.finditer(text))
    if _CIRCLED.search(text):
        found = sorted(found + list(_INLINE_CIRCLED.finditer(text)), key=lambda m: m.start())
    if not found:
        return []
    heading_at = {start: heading for start, _, heading in heading_lines}
    out = []
    end = -1        # the end of the line of the marker before (its bounds are looked up once per line)
    for m in found:
        if m.start() > end:
            start = text.rfind("\n", 0, m.start()) + 1
            end = text.find("\n", m.start())
            end = len(text) if end == -1 else end
            line = text[start:end]
            skip_line = "\t" in line or "|" in line or len(line) > 20000
            heading = heading_at.get(start)
        if skip_line:
            continue
        if heading is not None and (heading[0][0] == "#" or m.start() < start + heading[3]):
            continue     # no markers in a Markdown heading, nor in a heading's own number
        kind = m.lastgroup
        number = _number(kind, m.group(kind))
        if number:
            out.append((m.start(), _style(kind, m.group(kind)), number))
    out.reverse()
    return out
