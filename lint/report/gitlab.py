"""GitLab Code Quality JSON (`artifacts: reports: codequality:`).

Each finding is {description, check_name, fingerprint, severity, location: {path, lines: {begin, end}}}.
The fingerprint (MD5, as GitLab's own analysers use) hashes the code, the path, the flagged text and its
occurrence index, not the line: it is unique within a report and survives lines being inserted above.
"""
from __future__ import annotations

import hashlib
import json

from lint.report import display_path, fingerprints
from lint.rules import Severity

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render_gitlab(findings, context) -> str:
    issues = []
    for f, fp in zip(findings, fingerprints(findings, context.root)):
        line = max(1, f.line)
        issues.append({
            "type": "issue",
            "description": f"{f.code} {f.message}",
            "check_name": f.code,
            "categories": ["Bug Risk"],
            "fingerprint": hashlib.md5(fp.encode("ascii")).hexdigest(),
            "severity": SEVERITY.get(Severity(int(f.severity)), "minor"),
            "location": {"path": display_path(f.path, context.root),
                         "lines": {"begin": line, "end": max(line, f.end_line)}},
        })
    return json.dumps(issues, ensure_ascii=False) + "\n"  # for machines: one line, json's C encoder
