"""Exact numbers as written: decimals, Chinese numerals, rounding intervals (contract: Rounding)."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Optional

_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
           "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
           "九": 9, "玖": 9}
_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_LARGE = {"万": 10_000, "亿": 100_000_000}
_DIGIT_CHARS = "".join(_DIGITS)
CHINESE_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_SMALL) + "".join(_LARGE)

HEDGE_BELOW = ("近", "不到", "不足", "将近", "接近")          # 近X: the true value is at most X
HEDGE_ABOVE = ("超", "超过", "逾", "余", "多", "以上", "过")   # 超X, X余, X多, X以上: at least X
HEDGE_AROUND = ("约", "大约", "左右", "约为", "大概")         # 约X: either side, truncation too


def parse_decimal(text: str) -> tuple[Decimal, int]:
    """'1,623.16' -> (Decimal('1623.16'), 2)."""
    if "," in text or " " in text:
        text = text.replace(",", "").replace(" ", "")
    point = text.find(".")
    return Decimal(text), len(text) - point - 1 if point != -1 else 0


def chinese_to_int(text: str) -> Optional[int]:
    """十二 -> 12, 二〇二三 -> 2023, 两万 -> 20000, 一百零五 -> 105. None if not a numeral."""
    if not text or text.strip(CHINESE_NUMERAL_CHARS):    # strips to "" when every character is one
        return None
    if not text.strip(_DIGIT_CHARS):                     # digit by digit: 二〇二三
        if len(text) == 1:
            return _DIGITS[text]
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL:
            section += (1 if digit is None else digit) * _SMALL[ch]
            digit = None
        else:
            section += digit or 0
            total = (total + (section or 1)) * _LARGE[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def half_unit(decimals: int) -> Decimal:
    """Half of the last written digit's unit: 2 decimals -> 0.005."""
    return Decimal(5).scaleb(-(decimals + 1))


def interval(value: Decimal, decimals: int, hedge: str = "") -> tuple[Decimal, Decimal]:
    """The values a figure written to `decimals` with `hedge` may stand for (round-to-nearest)."""
    h = half_unit(decimals)
    lo, hi = value - h, value + h
    if hedge in HEDGE_BELOW:
        lo = Decimal("-Infinity") if value <= 0 else value * Decimal("0.8")
    elif hedge in HEDGE_ABOVE:
        hi = Decimal("Infinity")
    elif hedge in HEDGE_AROUND:
        unit = Decimal(1).scaleb(-decimals)
        lo, hi = value - unit * Decimal("0.5") - value * Decimal("0.02"), value + unit + value * Decimal("0.02")
    return lo, hi


def sum_tolerance(decimals: Iterable[int]) -> Decimal:
    """How far a sum of figures written to these precisions may drift: the sum of their half-units."""
    return sum((half_unit(d) for d in decimals), Decimal(0))


def fmt(value: Decimal) -> str:
    """A Decimal as people write it: no exponent, no trailing zeros beyond what was computed."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    text = format(value.normalize(), "f")
    return text
