"""The document's facts, extracted lazily: only what an enabled rule asks for is computed.

`facts.dates` calls the extractor registered for "dates" once and caches the result.
Extractors are functions `(facts) -> value` named below as "module:function", imported on
first use so that a run that needs no tables never imports the table parser.
"""
from __future__ import annotations

import importlib
from typing import Any, Optional

from lint.normalise import Clean, normalise
from lint.source import Source

EXTRACTORS: dict[str, str] = {
    "lines": "lint.facts.text:lines",
    "sentences": "lint.facts.text:sentences",
    "quantities": "lint.facts.numbers:quantities",
    "breakdowns": "lint.facts.numbers:breakdowns",
    "sentence_quantities": "lint.facts.numbers:sentence_quantities",
    "dates": "lint.facts.dates:dates",
    "docnumbers": "lint.facts.dates:docnumbers",
    "deadlines": "lint.facts.dates:deadlines",
    "header": "lint.facts.header:header",
    "headings": "lint.facts.headings:headings",
    "tables": "lint.facts.tables:tables",
    "scores": "lint.facts.scores:scores",
    "claims": "lint.facts.claims:claims",
}


class Facts:
    """One report: its source, clean text and the facts extracted from it."""

    def __init__(self, source: Source, config: Any = None, year: Optional[int] = None):
        self.source = source
        self.config = config
        self.year_override = year
        self.clean: Clean = normalise(source.text)
        self.text = self.clean.text
        self._cache: dict[str, Any] = {}

    @property
    def path(self) -> str:
        return self.source.path

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name not in EXTRACTORS:
            raise AttributeError(name)
        cache = self.__dict__["_cache"]
        if name not in cache:
            module, func = EXTRACTORS[name].split(":")
            cache[name] = getattr(importlib.import_module(module), func)(self)
        return cache[name]

    # --- helpers shared by extractors and checks -------------------------------------------

    def snippet(self, span: tuple[int, int]) -> str:
        return self.text[span[0] : span[1]]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the original file of a clean offset."""
        original = self.clean.omap[offset] if 0 <= offset < len(self.clean.omap) else len(self.source.text)
        return self.source.position(original)

    def original_range(self, span: tuple[int, int]) -> tuple[int, int, int, int]:
        """(line, column, end_line, end_column) in the original file of a clean span."""
        if not self.clean.omap:
            return 1, 1, 1, 1
        a, b = self.clean.original_span(*span)
        line, col = self.source.position(a)
        end_line, end_col = self.source.position(b)
        return line, col, end_line, end_col

    def line_of(self, offset: int) -> int:
        return self.position(offset)[0]

    @property
    def evaluation_year(self) -> Optional[int]:
        field = self.header.evaluation_year
        if field is not None:
            return int(field.value)
        return self.year_override

    def optional(self, name: str, default: Any = None) -> Any:
        """A fact whose extractor may be missing (a third-party install, a test stub): `default` then."""
        try:
            return getattr(self, name)
        except (ImportError, AttributeError):
            return default

    def setting(self, name: str, default: Any = None) -> Any:
        return getattr(self.config, name, default) if self.config is not None else default
