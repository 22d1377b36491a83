"""Hostile input: whatever the file holds, jxlint ends in diagnostics or a one-line error, exit 0/1/2,
within bounded time and memory, and writes nothing but its cache.

The fuzzer itself lives in tests/fuzz.py (`python tests/fuzz.py --minutes 10` for a long run).
"""
from __future__ import annotations

import time

from lint.normalise import normalise


def test_long_runs_of_spaces_normalise_in_linear_time():
    start = time.perf_counter()
    for text in ("a" + " " * 200_000 + "b", " " * 200_000 + "中", "1" + " " * 200_000 + ".5", "1." + " " * 200_000):
        normalise(text)
    assert time.perf_counter() - start < 2.0
    assert normalise("金额 1623.16 万元").text == "金额1623.16万元"
    assert normalise("a   b").text == "a   b"
    assert normalise("达 95 %").text == "达95%"
