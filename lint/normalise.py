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
from dataclasses import dataclass
from typing import Callable

from lint import rx as re

_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x200B: 0x20,
              0xFE6A: 0x25, 0x2236: 0x3A, 0x0C: 0x0A, 0x0B: 0x0A, 0xFE30: 0x3A})

_FOLD_STR = {chr(k): chr(v) for k, v in _FOLD.items()}   # no value is also a key: the order of replacing is free
_FOLDABLE = re.compile("[" + "".join(sorted(re.escape(c) for c in _FOLD_STR)) + "]")

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
_LATEX_TOKEN = re.compile(r"\\(?:text|mathrm|textbf)\{([^{}]*)\}|\\([a-zA-Z]+|%)|[{}]")

_CJK = r"\p{Han}\u3001\u3002\u300a-\u300f\u2018-\u201d\u2026\u00b7"
# A run of spaces is tried from its first space only ((?<![ ]) and the possessive ++): trying every
# position of a long run against the look-ahead would take time quadratic in its length.
SPACES = re.compile(
    rf"(?<=[{_CJK}])[ ]+|(?<![ ])[ ]++(?=[{_CJK}%‰])|(?<=[\d.])[ ]+(?=\.\d)|(?<=\d\.)[ ]+(?=\d)",
    scan=True,
)

_HEADING_START = re.compile(
    r"[ \t]*(?:[一二三四五六七八九十]{1,3}[、.]|\(\s*[一二三四五六七八九十\d]{1,3}\s*\)|\d{1,2}(?:[.、](?!\d)|\s)"
    r"|[①-⑳]|[a-zA-Z][.、](?![a-zA-Z])|#|[-*+] |第[一二三四五六七八九十]+[章节部分条]|附件|附表|表\s*\d)"
)
_FIELD_START = re.compile(r"[ \t]*[\p{Han}()]{2,12}\s*[:：]")
_TERMINAL = set("。!?;:！？；：…")
_OPEN_END = set(",、(“《‘[")
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
    text, omap = _rewrite(text, omap, MARKUP, _markup)
    text, omap = _delete(text, omap, SPACES)
    text, omap = _rejoin_page_breaks(text, omap)
    return Clean(text, omap, len(omap))


def _fold(text: str) -> str:
    """Full-width forms to ASCII, one character for one (str.translate, done only for the characters present)."""
    for ch in set(_FOLDABLE.findall(text)):
        text = text.replace(ch, _FOLD_STR[ch])
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
    """_rewrite(text, omap, pattern, lambda m: "") for a pattern that never matches the empty string."""
    spans = [m.span() for m in pattern.finditer(text)]
    if not spans:
        return text, omap
    pieces: list[str] = []
    new_map = array("i")
    last = 0
    for a, b in spans:
        pieces.append(text[last:a])
        new_map.extend(omap[last:a])
        last = b
    pieces.append(text[last:])
    new_map.extend(omap[last:])
    return "".join(pieces), new_map


_BLANK_RUN = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")


def _rejoin_page_breaks(text: str, omap: array) -> tuple[str, array]:
    def join(m: re.Match) -> str:
        before = text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip()
        end = text.find("\n", m.end())
        after = text[m.end() : end if end != -1 else len(text)].strip()
        return "" if continues(before, after) else m.group()

    return _rewrite(text, omap, _BLANK_RUN, join)


def continues(before: str, after: str) -> bool:
    """Whether `after` (the next non-blank line) continues the sentence `before` was cut in."""
    if not before or not after or "\t" in before or "\t" in after or "|" in before or "|" in after:
        return False
    if before[-1] in _TERMINAL or _HEADING_START.match(after) or _FIELD_START.match(after):
        return False
    if before[-1].isdigit() and after[0].isdigit():
        return False      # "联系电话:0713-3321856" / "2024年3月28日": joined, two numbers would fuse into one
    if after[0] in ",。、)”;:" or before[-1] in _OPEN_END or before[-1].isdigit() and _UNIT_START.match(after):
        return True
    if len(before) >= 40 or "," in before[-4:] or len(before) >= 10 and before[-1].isascii() and before[-1].isalnum():
        return True
    return len(before) >= 20 and not _HEADING_START.match(before)
