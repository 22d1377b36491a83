"""Inline suppression comments in Markdown reports (filled in by the suppression feature)."""
from __future__ import annotations


def apply_suppressions(facts, findings, settings):
    return findings
