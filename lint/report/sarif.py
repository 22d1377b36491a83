"""SARIF 2.1.0 for code scanning (GitHub uploads it with github/codeql-action/upload-sarif).

Paths inside the current folder become relative URIs against `%SRCROOT%` (declared in
`originalUriBaseIds`); others stay absolute `file:` URIs. Columns count Unicode code points and the end
column points just past the span, as in every other format. `partialFingerprints["jxlint/v1"]` hashes the
code, the path, the flagged text and its occurrence index, never the line, so an alert keeps its identity
when lines are inserted above it. (`primaryLocationLineHash` is left to the upload action, which
computes it from the file.)
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from lint import __version__
from lint.report import fingerprints, relative_path
from lint.rules import Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "jxlint/v1"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _level(severity) -> str:
    return LEVEL.get(Severity(int(severity)), "warning")


def _artifact(path: str, root: str) -> dict:
    rel = relative_path(path, root)
    if rel is not None:
        return {"uri": quote(rel, safe="/", errors="surrogateescape"), "uriBaseId": SRCROOT}
    if path in ("", "-"):
        return {"uri": "stdin"}
    return {"uri": Path(path).resolve().as_uri()}


def _region(line: int, column: int, end_line: int, end_column: int, snippet: str = "") -> dict:
    line = max(1, line)
    column = max(1, column)
    end_line = max(line, end_line)
    end_column = max(1, end_column)
    if end_line == line:
        end_column = max(end_column, column)  # equal: an empty region (an insertion point)
    region = {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}
    if snippet:
        region["snippet"] = {"text": snippet}
    return region


def _markdown(doc: str) -> str:
    """The docstring as Markdown: the lines under `## Example` (report text) go in a code block."""
    out: list[str] = []
    in_example = False
    for line in doc.splitlines():
        if line.startswith("#"):
            if in_example:
                out.append("```")
            in_example = line.strip().lower().startswith("## example")
            out.append(line)
            if in_example:
                out.append("```text")
            continue
        out.append(line)
    if in_example:
        while out and not out[-1].strip():
            out.pop()
        out.append("```")
    return "\n".join(out)


def _descriptor(rule) -> dict:
    doc = rule.doc or rule.summary or rule.name
    body = doc.split("\n", 1)[1].strip() if "\n" in doc else ""
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.name},
        "fullDescription": {"text": body or rule.summary or rule.name},
        "help": {"text": doc, "markdown": _markdown(doc)},
        "defaultConfiguration": {"level": _level(rule.severity)},
        "properties": {"tags": [_FAMILIES.get(rule.code[:1], "jxlint")]},
    }


_FAMILIES = {"D": "dates", "A": "arithmetic", "S": "scores", "C": "claims", "R": "structure"}


def _rules(findings) -> tuple[list[dict], dict[str, int]]:
    """Every registered rule (the catalogue GitHub shows), plus any code a finding has that is not registered."""
    from lint.rules import Rule, all_rules

    table = dict(all_rules())
    for f in findings:
        if f.code not in table:
            table[f.code] = Rule(f.code, f.name or f.code, f.severity, f.name or f.code, "", lambda facts: ())
    ordered = [table[code] for code in sorted(table)]
    return [_descriptor(r) for r in ordered], {r.code: i for i, r in enumerate(ordered)}


def render_sarif(findings, context) -> str:
    root = context.root
    artifacts: dict[str, dict] = {}

    def artifact(path: str) -> dict:
        if path not in artifacts:
            artifacts[path] = _artifact(path, root)
        return artifacts[path]

    descriptors, index = _rules(findings)
    prints = fingerprints(findings, root)
    results = []
    for f, fp in zip(findings, prints):
        result = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _level(f.severity),
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": artifact(f.path),
                "region": _region(f.line, f.column, f.end_line, f.end_column, f.snippet),
            }}],
            "partialFingerprints": {FINGERPRINT_KEY: fp},
        }
        if f.related:
            result["relatedLocations"] = [
                {"id": i, "message": {"text": rel.message or "related location"},
                 "physicalLocation": {"artifactLocation": artifact(rel.path),
                                      "region": _region(rel.line, rel.column, rel.end_line, rel.end_column)}}
                for i, rel in enumerate(f.related, 1)
            ]
        if context.baseline:
            result["baselineState"] = "new"
        results.append(result)
    run = {
        "tool": {"driver": {
            "name": "jxlint",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": descriptors,
        }},
        "originalUriBaseIds": {SRCROOT: {"uri": Path(root).resolve().as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if context.fixed:
        run["properties"] = {"baselineFixed": context.fixed}
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    # one line: read by machines, and `indent` would turn off json's C encoder (a few times slower)
    return json.dumps(log, ensure_ascii=False) + "\n"
