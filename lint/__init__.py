"""jxlint: consistency linter for performance self-evaluation reports."""

__version__ = "0.1.0"
