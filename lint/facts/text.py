"""Lines and sentences of the clean text."""
from __future__ import annotations

from lint import rx as re

from lint.model import Sentence, Span

_SENTENCE_END = re.compile(r"[。!?;]+|\n+", scan=True)


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
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end() if text[m.start()] != "\n" else m.start()
        body = text[start:end].lstrip()
        if body:
            out.append(Sentence(body, (end - len(body), end)))
        start = m.end()
    if text[start:].strip():
        out.append(Sentence(text[start:].strip(), (start + len(text[start:]) - len(text[start:].lstrip()), len(text.rstrip()))))
    return out
