"""Rules, their registry, and the diagnostics they yield."""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional

from lint.model import Span

if TYPE_CHECKING:
    from lint.facts import Facts


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        return cls[text.strip().upper()]


@dataclass
class Related:
    span: Span
    message: str


@dataclass
class Diagnostic:
    code: str
    message: str
    span: Span
    related: list[Related] = field(default_factory=list)
    severity: Optional[Severity] = None   # None: the rule's (configured) severity
    name: str = ""


@dataclass
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    check: Callable[["Facts"], Iterable[Diagnostic]]
    needs: frozenset[str] = frozenset()
    module: str = ""                     # where the check is defined (the cache watches that file)

    @property
    def family(self) -> str:
        return self.code[0]


REGISTRY: dict[str, Rule] = {}
_loaded = False


def rule(code: str, name: str, severity: Severity, needs: Iterable[str] = ()):
    """Register a check. Its docstring's first line is the summary; the rest is `jxlint explain` text."""

    def wrap(fn: Callable[["Facts"], Iterable[Diagnostic]]):
        doc = (fn.__doc__ or "").strip()
        summary = doc.splitlines()[0].strip() if doc else name

        def run(facts: "Facts") -> Iterator[Diagnostic]:
            for diag in fn(facts) or ():
                diag.code = code
                diag.name = name
                yield diag

        REGISTRY[code] = Rule(code, name, severity, summary, _dedent(doc), run, frozenset(needs),
                              getattr(fn, "__module__", "") or "")
        return fn

    return wrap


def _dedent(doc: str) -> str:
    lines = doc.splitlines()
    if len(lines) < 2:
        return doc
    rest = [l for l in lines[1:] if l.strip()]
    indent = min((len(l) - len(l.lstrip()) for l in rest), default=0)
    return "\n".join([lines[0]] + [l[indent:] for l in lines[1:]])


def all_rules() -> dict[str, Rule]:
    """Every registered rule: the modules of `checks`, then entry points of group `jxlint.checks`."""
    global _loaded
    if not _loaded:
        _loaded = True
        import checks

        for info in pkgutil.iter_modules(checks.__path__):
            if not info.name.startswith("_"):
                importlib.import_module(f"checks.{info.name}")
        _load_entry_points()
    return dict(sorted(REGISTRY.items()))


def _load_entry_points() -> None:
    if not _plugins_declared():
        return
    try:
        from importlib.metadata import entry_points

        for ep in entry_points(group="jxlint.checks"):
            ep.load()
    except Exception:  # a broken plug-in must not stop the built-in rules
        pass


def _plugins_declared() -> bool:
    """Whether an installed distribution may declare the `jxlint.checks` group.

    Read straight from the `entry_points.txt` files of the path's distributions (about 1 ms): the
    full importlib.metadata scan costs 10-15 ms at every start, and few installations have a plug-in.
    A zip or egg file on the path is left to importlib.metadata.
    """
    import os
    import sys

    for entry in sys.path:
        folder = entry or "."
        try:
            found = os.scandir(folder)
        except NotADirectoryError:
            return True                  # a zip or an egg
        except OSError:
            continue
        with found:
            for item in found:
                if item.name.endswith((".dist-info", ".egg-info")):
                    try:
                        with open(os.path.join(item.path, "entry_points.txt"), "rb") as fh:
                            if b"jxlint.checks" in fh.read():
                                return True
                    except OSError:
                        pass
    return _plugins_declared_elsewhere()


def _plugins_declared_elsewhere() -> bool:
    """A meta-path finder other than the standard ones may serve distributions of its own."""
    import sys

    return any(hasattr(finder, "find_distributions") and getattr(finder, "__module__", "") not in (
        "importlib.machinery", "_frozen_importlib_external", "_frozen_importlib")
        and not type(finder).__name__.startswith("_EditableFinder") for finder in sys.meta_path)


def matches(code: str, selectors: Iterable[str]) -> bool:
    return any(code.startswith(s) for s in selectors)
