"""Lint one report: read, normalise, run the enabled rules, resolve spans to the original file."""
from __future__ import annotations

import copy
import os
import sys
from dataclasses import asdict, dataclass, field
from typing import Optional

from lint.config import Settings
from lint.rules import Diagnostic, Rule, Severity, all_rules
from lint.source import Source


@dataclass
class Location:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str = ""

    def to_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column, "message": self.message}


@dataclass
class Finding:
    """A diagnostic anchored in the original file: what every reporter prints."""

    code: str
    name: str
    severity: Severity
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    related: list[Location] = field(default_factory=list)
    fix: Optional[dict] = None
    snippet: str = ""                  # the flagged text (baseline key, fingerprints)
    line_text: str = ""                # the original line, for the text reporter

    def to_dict(self) -> dict:
        """asdict(self) without the snippet and line text, severity as its name (built directly: asdict
        deep-copies every field and costs more than the JSON encoding)."""
        return {"code": self.code, "name": self.name, "severity": str(self.severity), "message": self.message,
                "path": self.path, "line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column,
                "related": [r.to_dict() if isinstance(r, Location) else asdict(r) for r in self.related],
                "fix": copy.deepcopy(self.fix) if self.fix is not None else None}

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)


def enabled_rules(settings: Settings, path: str = "") -> list[Rule]:
    rules = all_rules()
    return [rules[code] for code in settings.enabled_among(tuple(rules), path)]


def lint_source(source: Source, settings: Settings) -> list[Finding]:
    from lint.facts import Facts

    facts = Facts(source, config=settings, year=settings.year)
    findings: list[Finding] = []
    for rule in enabled_rules(settings, source.path):
        severity = settings.severity.get(rule.code, rule.severity)
        try:
            for diag in rule.check(facts):
                findings.append(_resolve(facts, rule, diag, severity))
        except Exception as err:  # a rule's bug must not cost the user the other rules' findings
            if os.environ.get("JXLINT_STRICT"):
                raise
            print(f"jxlint: internal error in {rule.code} on {source.path}: {type(err).__name__}: {err}",
                  file=sys.stderr)
    from lint.suppress import apply_suppressions

    findings = apply_suppressions(facts, findings, settings)
    findings.sort(key=Finding.sort_key)
    return findings


def _resolve(facts, rule: Rule, diag: Diagnostic, default: Severity) -> Finding:
    source = facts.source
    if facts.clean.omap:          # facts.original_range, keeping the original span for the snippet
        a, b = facts.clean.original_span(*diag.span)
        (line, col), (end_line, end_col) = source.position(a), source.position(b)
    else:
        a = b = 0
        line, col, end_line, end_col = 1, 1, 1, 1
    related = [Location(source.path, *facts.original_range(rel.span), message=rel.message) for rel in diag.related]
    configured = rule.code in getattr(facts.config, "severity", {})
    severity = diag.severity if diag.severity is not None and not configured else default
    return Finding(rule.code, rule.name, severity, diag.message, source.path, line, col, end_line, end_col,
                   related, None, source.text[a:b], source.line_text(line))
