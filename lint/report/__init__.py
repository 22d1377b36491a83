"""Reporters: one module per output format, each `render(findings, context) -> str`."""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable

FORMATS = ("text", "json", "jsonl", "sarif", "github", "gitlab")


@dataclass
class Context:
    """What a reporter may need besides the findings."""

    files: int = 0
    statistics: bool = False
    fixed: int = 0                                  # baseline entries no longer found
    root: str = "."                                 # for repo-relative URIs


_MODULES = {"json": "json_", "jsonl": "json_"}


def renderer(fmt: str) -> Callable:
    module = _MODULES.get(fmt, fmt)
    return getattr(importlib.import_module(f"lint.report.{module}"), "render_" + fmt)
