"""Regular expressions: compiled on first use, by the engine that runs each pattern faster.

Patterns are written in the `regex` dialect (`\\p{Han}` for Chinese characters). A module uses this
module in place of either engine:

    from lint import rx as re
    _UNIT = re.compile(r"[\\p{Han}]{1,4}")                  # searched on short spans: standard `re`
    _TITLE = re.compile(r"绩效自评|自评报告", scan=True)      # run over the whole text: `regex`

- `compile` writes `\\p{Han}` out as the ranges of the Han script and compiles with the standard
  `re`, whose calls cost less on the short spans (a sentence, a clause) that most patterns search.
  A pattern `re` cannot take (a look-behind of variable width, a possessive quantifier before
  Python 3.11, another Unicode property) goes to `regex`.
- `compile(..., scan=True)` is for a pattern run once over a whole report: `regex` skips ahead on
  a pattern's literal strings and is several times faster there.
- Nothing is compiled at import: a pattern is compiled the first time it is used, so a run pays
  only for the patterns its rules need (start-up), and `regex` is imported only when needed.
"""
from __future__ import annotations

import re as _re
import warnings
from functools import lru_cache

# The Han script as `regex` defines it: \p{Han} == [HAN] (tests/test_rx.py checks this).
HAN = ("\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf"
       "\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\U00016fe2-\U00016fe3\U00016ff0-\U00016ff6"
       "\U00020000-\U0002a6df\U0002a700-\U0002b81d\U0002b820-\U0002cead\U0002ceb0-\U0002ebe0"
       "\U0002ebf0-\U0002ee5d\U0002f800-\U0002fa1d\U00030000-\U0003134a\U00031350-\U00033479")

A = ASCII = _re.A
I = IGNORECASE = _re.I
M = MULTILINE = _re.M
S = DOTALL = _re.S
X = VERBOSE = _re.X
Match = _re.Match
error = _re.error
escape = _re.escape

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")


class Pattern:
    """A pattern compiled on first use; afterwards its methods are the compiled pattern's own."""

    def __init__(self, pattern: str, flags: int = 0, scan: bool = False):
        self.pattern = pattern
        self.flags = flags
        self._scan = scan

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = _compile(self.pattern, self.flags, self._scan)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        self.groups = compiled.groups
        self.groupindex = compiled.groupindex
        self.compiled = compiled
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"rx.compile({self.pattern!r})"


def compile(pattern, flags: int = 0, scan: bool = False):  # noqa: A001 - the name every caller expects
    if not isinstance(pattern, str):
        return pattern                        # compiled already
    return Pattern(pattern, flags, scan)


def _standard(pattern: str) -> str | None:
    """`pattern` in the standard dialect (\\p{Han} written out), or None when it uses another property."""
    if "\\p" not in pattern and "\\P" not in pattern:
        return pattern
    out = []
    i, n, in_set = 0, len(pattern), False
    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if nxt in "pP":
                if pattern.startswith("{Han}", i + 2):
                    if nxt == "p":
                        out.append(HAN if in_set else f"[{HAN}]")
                    elif in_set:
                        return None           # a negated property inside a set: leave it to `regex`
                    else:
                        out.append(f"[^{HAN}]")
                    i += 7
                    continue
                return None
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_set:
            if ch == "]" and not (pattern[i - 1] == "[" or pattern[i - 2:i] == "[^"):
                in_set = False
        elif ch == "[":
            in_set = True
        out.append(ch)
        i += 1
    return "".join(out)


@lru_cache(maxsize=1024)
def _compile(pattern: str, flags: int = 0, scan: bool = False):
    if not scan:
        standard = _standard(pattern)
        if standard is not None:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("error")  # "possible nested set": `regex` may read it otherwise
                    return _re.compile(standard, flags)
            except (_re.error, FutureWarning, DeprecationWarning):
                pass
    import regex

    return regex.compile(pattern, flags)


def _get(pattern, flags: int):
    return pattern if not isinstance(pattern, str) else _compile(pattern, flags)


def search(pattern, string, flags=0):
    return _get(pattern, flags).search(string)


def match(pattern, string, flags=0):
    return _get(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return _get(pattern, flags).fullmatch(string)


def findall(pattern, string, flags=0):
    return _get(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return _get(pattern, flags).finditer(string)


def sub(pattern, repl, string, count=0, flags=0):
    return _get(pattern, flags).sub(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    return _get(pattern, flags).split(string, maxsplit)
