"""The facts extracted from a report. Every span is [start, end) in the clean text."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

Span = tuple[int, int]


@dataclass
class Quantity:
    """A number as written: value, written precision, unit, hedge and what it counts."""

    value: Decimal          # in `unit`, as written (万元 stays 万元)
    decimals: int           # digits written after the point (0 for integers and Chinese numerals)
    unit: str               # 万元, 元, 亿元, %, 户, 个, 场 … or "" when none
    span: Span              # the number and its unit
    label: str = ""         # the words before it that say what it counts
    hedge: str = ""         # 约 近 超 余 多 以上 左右 …
    text: str = ""          # the text of the span
    chinese: bool = False   # written in Chinese numerals

    @property
    def is_money(self) -> bool:
        return self.unit in MONEY_UNITS

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    def in_yuan(self) -> Decimal:
        return self.value * MONEY_UNITS.get(self.unit, 1)


MONEY_UNITS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000), "万": Decimal(10_000),
               "千元": Decimal(1000)}


@dataclass
class DateFact:
    year: Optional[int]
    month: Optional[int]
    day: Optional[int]
    span: Span
    text: str
    year_explicit: bool = True    # False when the year was taken from context
    role: str = ""                # "as_of" (截至/截止), "event", "plan", "period", "" (plain mention)
    range_end: Optional["DateFact"] = None   # for ranges: the end date
    valid: bool = True            # False for 2月30日, 13月 …

    def key(self) -> tuple[int, int, int]:
        return (self.year or 0, self.month or 12, self.day or 31)


@dataclass
class DocNumber:
    text: str
    issuer: str
    year: int
    number: str
    span: Span
    title: str = ""              # the 《…》 title cited with it, if any


@dataclass
class Deadline:
    """A time limit counted from a dated start: "1月30日收到…，于20日内（2月18日）公开"."""

    start: DateFact              # the dated start the window counts from
    days: int                    # the window: N calendar days, or N working days
    span: Span                   # "于20日内" / "5个工作日内"
    working_days: bool = False
    stated: Optional[DateFact] = None   # the date the text says the thing was done by, if any
    text: str = ""


@dataclass
class FieldValue:
    name: str                    # evaluation_year, filing_date, unit_name, title
    value: object
    span: Span
    source: str = "field"        # field, title, body


@dataclass
class Header:
    title: Optional[FieldValue] = None
    evaluation_year: Optional[FieldValue] = None
    filing_date: Optional[FieldValue] = None   # value is a DateFact
    unit_name: Optional[FieldValue] = None
    # every place that states which year is evaluated: the 评价年度 field ("field"), the title
    # ("title"), the conclusion ("conclusion"), the title of a self-evaluation table ("table")
    year_statements: list[FieldValue] = field(default_factory=list)


@dataclass
class Heading:
    style: str                   # 一、 (一) 1. (1) ① a. A. 一是
    number: int
    level: int
    text: str
    span: Span                   # the number marker
    line_span: Span              # the whole heading line
    parent: Optional[int] = None  # index of the parent heading in Facts.headings


@dataclass
class Cell:
    text: str
    span: Span
    value: Optional[Quantity] = None


@dataclass
class Row:
    cells: list[Cell]
    span: Span
    is_header: bool = False
    is_total: bool = False

    @property
    def label(self) -> str:
        for cell in self.cells:
            if cell.text.strip() and cell.value is None:
                return cell.text.strip()
        return ""


@dataclass
class Table:
    rows: list[Row]
    span: Span
    kind: str = "tab"            # tab, pipe, html, lines
    unit: str = ""               # from a "单位：万元" line near the table

    @property
    def header(self) -> Optional[Row]:
        return next((r for r in self.rows if r.is_header), None)


@dataclass
class ScoreItem:
    """One indicator with its maximum (分值/权重) and its score (得分)."""

    label: str
    span: Span                   # the score (or the label, when no score)
    maximum: Optional[Quantity] = None
    score: Optional[Quantity] = None
    bonus: bool = False          # 加分/减分/加减分 item
    not_applicable: bool = False
    number: str = ""             # the indicator's own numbering, e.g. "(7)"
    section: str = ""            # the 一级指标 it sits under
    source: str = "prose"        # prose or table


@dataclass
class ScoreTotal:
    value: Quantity
    span: Span
    label: str = ""


@dataclass
class Grade:
    grade: str                   # 优 良 中 差 (normalised)
    text: str                    # as written (优秀, 良好 …)
    span: Span


@dataclass
class Sentence:
    text: str
    span: Span
    section: str = ""            # the nearest heading's text


@dataclass
class Scores:
    items: list[ScoreItem] = field(default_factory=list)
    totals: list[ScoreTotal] = field(default_factory=list)
    grades: list[Grade] = field(default_factory=list)
