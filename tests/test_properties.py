"""Properties that hold for any text: the offset map is monotone and in range, normalising is idempotent,
and extraction and checks never raise."""
from __future__ import annotations

import os

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from lint.config import Settings  # noqa: E402
from lint.engine import lint_source  # noqa: E402
from lint.normalise import normalise  # noqa: E402
from lint.source import Source  # noqa: E402

EXAMPLES = int(os.environ.get("JXLINT_FUZZ_EXAMPLES", "150"))

# Text that looks like reports: their characters, digits, units, brackets, markup and line breaks.
ALPHABET = list("0123456789.%,，。、：:；（）()〔〕[]【】《》“”年月日万元亿户个项场期分得值优良中差合计其中共约近超余截至止填报日期评价度"
                "一二三四五六七八九十〇两百千０１２３４５６７８９％ \t\n\r|*$\\<>/-+=≥≤①②abcdp")
REPORTISH = st.text(alphabet=st.sampled_from(ALPHABET), max_size=400)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(REPORTISH)
def test_offset_map_monotone_and_in_range(text):
    clean = normalise(text)
    assert len(clean.omap) == len(clean.text)
    previous = -1
    for j in clean.omap:
        assert 0 <= j < max(1, len(text))
        assert j >= previous
        previous = j


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(REPORTISH)
def test_normalising_is_idempotent(text):
    once = normalise(text).text
    assert normalise(once).text == once


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(REPORTISH)
def test_checks_never_raise_and_spans_lie_inside(text):
    os.environ["JXLINT_STRICT"] = "1"
    try:
        source = Source("r.txt", text)
        lines = max(1, len(source.line_starts))
        for f in lint_source(source, Settings(cache=False)):
            for loc in [f, *f.related]:
                assert 1 <= loc.line <= lines and loc.column >= 1
                assert (loc.end_line, loc.end_column) >= (loc.line, loc.column)
    finally:
        os.environ.pop("JXLINT_STRICT", None)
