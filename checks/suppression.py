"""R099: suppression comments that suppress nothing (the findings come from lint/suppress.py)."""
from __future__ import annotations

from lint.rules import Severity, rule


@rule("R099", "unused-suppression", Severity.INFO)
def unused_suppression(facts):
    """A jxlint suppression comment that suppresses nothing.

    ## What it checks
    Every `<!-- jxlint-disable-next-line CODES -->`, `<!-- jxlint-disable CODES -->` …
    `<!-- jxlint-enable CODES -->` and `<!-- jxlint-disable-file CODES -->` comment in a report.
    It reports a code that no finding used where the comment points (the next line that is not blank,
    the region up to the matching jxlint-enable, the whole file), a code or prefix that names no rule,
    a comment without codes (codes are required), and a jxlint-enable with no jxlint-disable before it.
    A code whose rules are all switched off in this run (--select, --ignore, per_file_ignores) is not
    reported, since the run cannot tell whether the comment is still needed.

    ## Why
    A suppression outlives the mistake it was written for: once the figure is corrected, the comment
    stays and would silently hide the next real mistake on that line. A comment without codes would hide
    everything, so it is refused.

    ## Example
    <!-- jxlint-disable-next-line C001 -->
    项目总投资1200万元。               → R099 when no C001 finding is on this line
    <!-- jxlint-disable-next-line C001 -->
    项目总投资1200万元,与前文1250万元不一致。   → silent when C001 fires on this line (and is suppressed)
    """
    return ()
