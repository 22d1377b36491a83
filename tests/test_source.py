"""Reading: encodings, BOMs, line endings, binary input."""
from __future__ import annotations

import codecs

import pytest

from lint.source import ReadError, Source, decode

REPORT = "填报日期：2024年5月30日\n评价年度：2023年度\n"


@pytest.mark.parametrize("data,encoding", [
    (REPORT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + REPORT.encode("utf-8"), "utf-8-sig"),
    (REPORT.encode("utf-16"), "utf-16"),
    (REPORT.encode("gbk"), "gb18030"),
    (REPORT.encode("gb18030"), "gb18030"),
    (REPORT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
])
def test_decodes(data, encoding):
    text, used = decode(data, "r.txt")
    assert text.replace("\r\n", "\n") == REPORT
    assert used == encoding


def test_binary_is_refused():
    with pytest.raises(ReadError, match="binary"):
        decode(b"\x7fELF\x02\x01\x01\x00\x00\x00", "a.out")


def test_invalid_utf8_names_the_offset():
    with pytest.raises(ReadError, match="byte offset 6"):
        decode("abcdef".encode() + b"\xff\xfe\xfd" + b"abc" * 10, "bad.txt")


def test_positions_count_code_points_and_lines():
    source = Source("r.txt", "第一行\r\n第二行abc\n")
    assert source.position(0) == (1, 1)
    assert source.position(5) == (2, 1)
    assert source.position(8) == (2, 4)
    assert source.line_text(2) == "第二行abc"


def test_lone_carriage_returns_end_lines():
    source = Source("r.txt", "一\r二\r\n三")
    assert source.position(2) == (2, 1)
    assert source.position(5) == (3, 1)
