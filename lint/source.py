"""Reading a report: bytes to text, with a line index into the original."""
from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

MAX_CONTROL_RATIO = 0.01
MAX_BYTES = 64 * 1024 * 1024  # a report is a few hundred KB; this bounds memory (about 25 bytes per byte read)


class ReadError(Exception):
    """A file that could not be read or decoded; the message is one line."""


@dataclass
class Source:
    path: str
    text: str
    encoding: str = "utf-8"
    line_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.line_starts:
            self.line_starts = _line_starts(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset into the original text; columns count code points."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


def _line_starts(text: str) -> list[int]:
    starts = [0, *accumulate(len(line) + 1 for line in text.split("\n")[:-1])]
    if "\r" in text:  # lone CR (old Mac) also ends a line
        lone = [i + 1 for i, ch in enumerate(text) if ch == "\r" and text[i + 1 : i + 2] != "\n"]
        if lone:
            starts = sorted(set(starts) | set(lone))
    return starts


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode report bytes: BOMs, UTF-8, then GB18030 when the bytes look like Chinese text."""
    if len(data) > MAX_BYTES:
        raise ReadError(f"{name}: larger than {MAX_BYTES >> 20} MiB, too large for a report")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data, "utf-16", name), "utf-16"
    nul = data.find(b"\x00")
    if nul != -1:
        raise ReadError(f"{name}: binary file (NUL byte at offset {nul}), not a text report")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        text = _try_gb18030(data)
        if text is None:
            raise ReadError(f"{name}: not valid UTF-8 (byte offset {err.start}) and not GB18030/GBK text") from None
        return _check_text(text, name), "gb18030"
    return _check_text(text, name), "utf-8"


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ReadError(f"{name}: not valid {encoding.upper()} (byte offset {err.start})") from None
    return _check_text(text.lstrip("\ufeff"), name)


def _try_gb18030(data: bytes) -> str | None:
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    # GB18030 decodes almost any bytes; accept it only when the result reads as Chinese text.
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef")
    odd = sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff" or ord(ch) > 0xFFFF)
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    if non_ascii == 0 or han < 0.7 * non_ascii or odd > 0.01 * non_ascii:
        return None
    return text


_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")   # below " " and not \t \n \v \f \r


def _check_text(text: str, name: str) -> str:
    if text:
        controls = len(_CONTROLS.findall(text))
        if controls > MAX_CONTROL_RATIO * len(text) + 2:
            raise ReadError(f"{name}: binary file ({controls} control characters), not a text report")
    return text


def read_path(path: str | Path, display: str | None = None) -> Source:
    name = display or str(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)  # /dev/zero or a runaway pipe ends here, not in MemoryError
    except FileNotFoundError:
        raise ReadError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise ReadError(f"{name}: is a directory") from None
    except OSError as err:
        raise ReadError(f"{name}: cannot read ({err.strerror or err})") from None
    text, encoding = decode(data, name)
    return Source(name, text, encoding)


def read_bytes(data: bytes, name: str) -> Source:
    text, encoding = decode(data, name)
    return Source(name, text, encoding)
