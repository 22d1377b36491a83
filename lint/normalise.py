"""One normalisation layer: the clean text every check sees, and a map back to the original.

`Clean.omap[i]` is the offset in the original text of clean character i, so a span
[a, b) of clean text covers original [omap[a], omap[b-1] + 1).  Passes:

1. fold full-width forms (1:1, the map is the identity);
2. strip markup: CR before LF, HTML tags and entities, Markdown emphasis, LaTeX math;
3. drop spaces inside numbers, between numbers and units, between Chinese characters;
4. re-join sentences that a page break cut across blank lines.
"""
from __future__ import annotations

from array import array
from itertools import accumulate
from dataclasses import dataclass
from typing import Callable

from lint import rx as re

_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x200B: 0x20,
              0xFE6A: 0x25, 0x2236: 0x3A, 0x0C: 0x0A, 0x0B: 0x0A, 0xFE30: 0x3A})

_FOLD_STR = {chr(k): chr(v) for k, v in _FOLD.items()}   # no value is also a key: the order of replacing is free
# The full-width block is one range, which `regex` scans for several times faster than `re` scans
# for a set; the few other characters are looked for one by one (`in` is faster still).
_FULL_WIDTH = re.compile("[\uff01-\uff5e]", scan=True)
_OTHER_FOLDABLE = [c for c in _FOLD_STR if not "\uff01" <= c <= "\uff5e"]

_LATEX_CMDS = {"geq": "≥", "ge": "≥", "geqslant": "≥", "leq": "≤", "le": "≤", "leqslant": "≤",
               "times": "×", "cdot": "·", "sim": "~", "approx": "≈", "neq": "≠", "pm": "±",
               "%": "%", "div": "÷", "lt": "<", "gt": ">"}
_ENTITIES = {"nbsp": " ", "amp": "&", "lt": "<", "gt": ">", "quot": '"', "ge": "≥", "le": "≤",
             "ensp": " ", "emsp": " ", "#160": " "}

MARKUP = re.compile(
    r"""(?P<cr>\r(?=\n))|(?P<lonecr>\r)|(?P<comment><!--[^\n]{0,500}?-->)
      |(?P<tag></?(?:p|br|div|span|td|tr|th|table|tbody|thead|b|strong|i|em|u|font|sup|sub|li|ul|ol|h[1-6])\b[^<>\n]{0,200}>)
      |(?P<ent>&(?:nbsp|amp|lt|gt|quot|ge|le|ensp|emsp|\#160);)
      |(?P<bold>\*\*|__)
      |(?P<math>\$(?P<inner>[^$\n]{1,120})\$)""",
    re.X | re.I,
    scan=True,
)
_MARKUP_FIRST = "\r<&*_$"   # the characters a MARKUP match can start with
_LATEX_TOKEN = re.compile(r"\\(?:text|mathrm|textbf)\{([^{}]*)\}|\\([a-zA-Z]+|%)|[{}]")

_CJK = r"\p{Han}\u3001\u3002\u300a-\u300f\u2018-\u201d\u2026\u00b7"
# A run of spaces goes when a Chinese character is on either side, or when it cuts a number
# (2506 .72, 2506. 72).  Every branch starts with the run's first space, so the scan jumps from
# space to space instead of trying the look-behinds at every character; (?<![ ][ ]) makes the
# second and later spaces of a kept run fail at once (no time quadratic in the length of a run).
SPACES = re.compile(
    rf"""([ ](?:(?<=[{_CJK}][ ])[ ]*
              |(?<![ ][ ])[ ]*+(?=[{_CJK}%‰])
              |(?<=[\d.][ ])[ ]*+(?=\.\d)
              |(?<=\d\.[ ])[ ]*+(?=\d)))""",
    re.X,
)

_HEADING_START = re.compile(
    r"[ \t]*(?:[一二三四五六七八九十]{1,3}[、.]|\(\s*[一二三四五六七八九十\d]{1,3}\s*\)|\d{1,2}(?:[.、](?!\d)|\s)"
    r"|[①-⑳]|[a-zA-Z][.、](?![a-zA-Z])|#|[-*+] |第[一二三四五六七八九十]+[章节部分条]|附件|附表|表\s*\d)"
)
_FIELD_START = re.compile(r"[ \t]*[\p{Han}()]{2,12}\s*[:：]")
_TERMINAL = set("。!?;:！？；：…")
_OPEN_END = set(",、(“《‘[")
_CONTINUATION = ",。、)”;:"   # a next line starting with one of these goes on with the sentence before
_UNIT_START = re.compile(r"[期场万元个名人次项户件宗份支家所%亿千百张套台辆批篇条天日月年]")


@dataclass
class Clean:
    text: str
    omap: array  # clean offset -> original offset
    original_length: int

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) covered by clean [start, end)."""
        n = len(self.omap)
        if n == 0:
            return 0, 0
        start = max(0, min(start, n - 1))
        end = max(start + 1, min(end, n))
        return self.omap[start], self.omap[end - 1] + 1


def normalise(text: str) -> Clean:
    text = _fold(text)
    omap = _identity(len(text))
    if any(ch in text for ch in _MARKUP_FIRST):   # most reports are plain text
        text, omap = _rewrite(text, omap, MARKUP, _markup)
    text, omap = _delete(text, omap, SPACES)
    text, omap = _rejoin_page_breaks(text, omap)
    return Clean(text, omap, len(omap))


def _fold(text: str) -> str:
    """Full-width forms to ASCII, one character for one (a str.replace for each character present)."""
    for ch in _OTHER_FOLDABLE:
        if ch in text:
            text = text.replace(ch, _FOLD_STR[ch])
    found = _FULL_WIDTH.search(text)
    while found:
        ch = found.group()
        text = text.replace(ch, _FOLD_STR[ch])
        found = _FULL_WIDTH.search(text, found.start())  # nothing full-width is left before it
    return text


_IDENTITY = array("i")


def _identity(n: int) -> array:
    """array("i", range(n)), cut from a cached identity map (building one costs more than copying one)."""
    global _IDENTITY
    if n > 1 << 22:
        return array("i", range(n))
    if n > len(_IDENTITY):
        _IDENTITY = array("i", range(max(n, 2 * len(_IDENTITY), 1 << 15)))
    return _IDENTITY[:n]


def _markup(m: re.Match):
    kind = m.lastgroup if m.lastgroup != "inner" else "math"
    if kind in ("cr", "tag", "bold", "comment"):
        return ""
    if kind == "lonecr":
        return "\n"
    if kind == "ent":
        return _ENTITIES.get(m.group()[1:-1].lower(), " ")
    inner = m.group("inner")
    if "\\" not in inner and (re.search(r"\p{Han}", inner) or not re.search(r"[\d=<>^_]", inner)):
        return m.group()  # a dollar amount or stray dollars, not math
    return _latex(inner, m.start("inner"))


def _latex(inner: str, base: int) -> list[tuple[str, int]]:
    """LaTeX math to plain characters, each with its offset in the text being rewritten."""
    out: list[tuple[str, int]] = []
    last = 0
    for t in _LATEX_TOKEN.finditer(inner):
        out.extend((ch, base + last + k) for k, ch in enumerate(inner[last:t.start()]))
        replacement = t.group(1) if t.group(1) is not None else _LATEX_CMDS.get(t.group(2) or "", "")
        offset = t.start(1) if t.group(1) is not None else t.start()
        out.extend((ch, base + offset + (k if t.group(1) is not None else 0)) for k, ch in enumerate(replacement))
        last = t.end()
    out.extend((ch, base + last + k) for k, ch in enumerate(inner[last:]))
    return [(ch, i) for ch, i in out if ch != " "]


def _rewrite(text: str, omap: array, pattern: re.Pattern, repl: Callable) -> tuple[str, array]:
    """Apply a substitution and carry the offset map along.

    `repl` returns a string (its characters map to the match start) or a list of
    (character, offset in `text`) pairs when it knows where each character came from.
    """
    pieces: list[str] = []
    new_map = array("i")
    last = 0
    end_of_text = omap[-1] + 1 if len(omap) else 0
    for m in pattern.finditer(text):
        a, b = m.span()
        new = repl(m)
        if isinstance(new, str) and new == text[a:b]:
            continue
        pieces.append(text[last:a])
        new_map.extend(omap[last:a])
        if isinstance(new, str):
            pieces.append(new)
            new_map.extend([omap[a] if a < len(omap) else end_of_text] * len(new))
        else:
            pieces.append("".join(ch for ch, _ in new))
            new_map.extend(omap[i] for _, i in new)
        last = b
    if last == 0:
        return text, omap
    pieces.append(text[last:])
    new_map.extend(omap[last:])
    return "".join(pieces), new_map


def _delete(text: str, omap: array, pattern: re.Pattern) -> tuple[str, array]:
    """Remove every match of `pattern` (whose one group is the whole match) and its offsets."""
    parts = pattern.split(text)   # kept, removed, kept, ..., kept
    if len(parts) == 1:
        return text, omap
    bounds = list(accumulate(map(len, parts), initial=0))
    return "".join(parts[::2]), _keep(omap, bounds[0::2], bounds[1::2])


def _keep(omap: array, starts: list[int], ends: list[int]) -> array:
    """omap[starts[0]:ends[0]] + omap[starts[1]:ends[1]] + ..."""
    kept = array("i")
    for a, b in zip(starts, ends):
        kept += omap[a:b]
    return kept


# The blank lines after a line that cannot go on in the next one are skipped by the scan itself:
# after 。;: etc., and after a short line ending in a Chinese character (a heading, a field) when
# the next line does not start with ,。、)”;: -- see continues().  (?<!\n\n): not from inside a run.
_BLANK_RUN = re.compile(
    rf"""\n(?<!\n\n)(?<![{"".join(sorted(_TERMINAL))}]\n)
    (?!(?<=[\p{{Han}}]\n)(?<![^\n]{{20}}\n)(?<!,.\n)(?<!,..\n)(?<!,...\n)
       (?=[ \t]*+\n(?:[ \t]*+\n)*+[^\S\n]*+(?![{_CONTINUATION}])))
    [ \t]*\n(?:[ \t]*\n)*""",
    re.X,
)


def _rejoin_page_breaks(text: str, omap: array) -> tuple[str, array]:
    """Remove the blank lines between the two parts of a sentence that a page break cut."""
    cuts = [m.span() for m in _BLANK_RUN.finditer(text) if _cuts_sentence(text, m.start(), m.end())]
    if not cuts:
        return text, omap
    starts = [0, *(b for _, b in cuts)]
    ends = [*(a for a, _ in cuts), len(text)]
    return "".join(text[a:b] for a, b in zip(starts, ends)), _keep(omap, starts, ends)


def _cuts_sentence(text: str, start: int, end: int) -> bool:
    """Whether the blank lines text[start:end] cut a sentence in two."""
    before = text[text.rfind("\n", 0, start) + 1 : start].strip()
    after_end = text.find("\n", end)
    after = text[end : after_end if after_end != -1 else len(text)].strip()
    return continues(before, after)


def continues(before: str, after: str) -> bool:
    """Whether `after` (the next non-blank line) continues the sentence `before` was cut in."""
    if not before or not after or "\t" in before or "\t" in after or "|" in before or "|" in after:
        return False
    last = before[-1]
    if last in _TERMINAL:
        return False
    if last.isdigit() and after[0].isdigit():
        return False      # "联系电话:0713-3321856" / "2024年3月28日": joined, two numbers would fuse into one
    if not (after[0] in _CONTINUATION or last in _OPEN_END or last.isdigit() and _UNIT_START.match(after)
            or len(before) >= 40 or "," in before[-4:] or len(before) >= 10 and last.isascii() and last.isalnum()
            or len(before) >= 20 and not _HEADING_START.match(before)):
        return False
    return not (_HEADING_START.match(after) or _FIELD_START.match(after))  # `after` starts a new item
