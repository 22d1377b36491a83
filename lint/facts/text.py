"""Lines and sentences of the clean text."""
from __future__ import annotations

from itertools import accumulate, chain, islice

from lint import rx as re

from lint.model import Sentence, Span

# A sentence up to and with its 。!?; (or up to the end of its line), then the newlines after it:
# one findall splits the whole text, the lengths of the pieces give the offsets.
_SENTENCE = re.compile(r"([^。!?;\n]*[。!?;]*)(\n*)")
_ENDS_SENTENCE = "。!?;\n"


def lines(facts) -> list[Span]:
    """[start, end) of every line of the clean text (without its newline)."""
    text = facts.text
    spans, start = [], 0
    for m in re.finditer(r"\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def sentences(facts) -> list[Sentence]:
    """Sentences: cut at 。!?; and line ends (a page break was re-joined by the normaliser)."""
    text = facts.text
    pieces = _SENTENCE.findall(text)
    ends = islice(accumulate(map(len, chain.from_iterable(pieces))), 0, None, 2)
    out = []
    for (raw, _), end in zip(pieces, ends):
        body = raw.lstrip()
        if body:
            out.append(Sentence(body, (end - len(body), end)))
    if out and out[-1].span[1] == len(text) and text[-1] not in _ENDS_SENTENCE:
        last = out[-1]   # the text ends inside a sentence: it loses its trailing white space too
        last.text = last.text.rstrip()
        last.span = (last.span[0], last.span[0] + len(last.text))
    return out
