"""A — arithmetic: totals against their parts, rates against their amounts, growth, comparisons.

Every comparison is made on intervals (contract: Rounding). A figure written with d decimals stands
for ±½·10⁻ᵈ; an integer count (户, 个, 人 …) is exact; hedges widen the interval in the direction they
say (近X ≤ X, 超X ≥ X, 约X either side). A figure written with fewer decimals than its peers
("98 万元" beside "1525.16 万元") is first read at its peers' precision; a result that only holds at its
written precision is a warning, not an error.
"""
from __future__ import annotations

from decimal import Decimal, DivisionByZero, InvalidOperation
import dataclasses
from typing import Iterable, Iterator, Optional, Sequence

from lint import rx as re

from lint.facts.numbers import Breakdown, base_value, same_kind, unit_scale
from lint.model import MONEY_UNITS, Quantity, Row, Table
from lint.numeric import HEDGE_ABOVE, HEDGE_AROUND, HEDGE_BELOW, fmt, half_unit
from lint.rules import Diagnostic, Related, Severity, rule

INF = Decimal("Infinity")
HUNDRED = Decimal(100)
TARGET_HEDGES = frozenset(("≥", "≤", ">", "<"))
LOOKBACK = 30   # quantities looked back over within a sentence (keeps long sentences linear)

# --- intervals -----------------------------------------------------------------------------------


def is_exact(q: Quantity) -> bool:
    """An integer count (15343 户, 8 项) is exact: nobody rounds a count of households."""
    return (q.decimals == 0 and not q.hedge and q.unit not in MONEY_UNITS and q.unit not in _NOT_COUNTS
            and not q.unit.startswith(("万", "亿", "千", "百万")))


_NOT_COUNTS = frozenset(("%", "‰", ""))
# interval() runs for every figure compared: its constants are made once
_ZERO = Decimal(0)
_HALF_UNITS = tuple(half_unit(d) for d in range(12))


def interval(q: Quantity, decimals: Optional[int] = None) -> tuple[Decimal, Decimal]:
    """The values (in the base unit) a written figure may stand for, at `decimals` if given."""
    unit = q.unit
    scale = MONEY_UNITS[unit] if unit in MONEY_UNITS else unit_scale(unit)[0]
    d = q.decimals if decimals is None else decimals
    v = q.value
    if decimals is None and is_exact(q):
        h = _ZERO
    else:
        h = _HALF_UNITS[d] if 0 <= d < len(_HALF_UNITS) else half_unit(d)
    lo, hi = v - h, v + h
    hedge = q.hedge
    if not hedge:
        pass
    elif hedge in HEDGE_BELOW:
        lo = Decimal(0) if v >= 0 else -INF
    elif hedge in HEDGE_ABOVE:
        hi = INF
    elif hedge in HEDGE_AROUND:
        unit = Decimal(1).scaleb(-d)
        lo, hi = v - unit * Decimal("0.5") - abs(v) * Decimal("0.02"), v + unit + abs(v) * Decimal("0.02")
    return lo * scale, hi * scale


def peer_decimals(qs: Sequence[Quantity]) -> list[int]:
    """Each figure read at the finest precision written among the figures of its own unit."""
    finest: dict[str, int] = {}
    for q in qs:
        finest[q.unit] = max(finest.get(q.unit, 0), q.decimals)
    return [max(q.decimals, finest[q.unit]) if not is_exact(q) else q.decimals for q in qs]


def add(ivs: Iterable[tuple[Decimal, Decimal]]) -> tuple[Decimal, Decimal]:
    lo = hi = Decimal(0)
    for a, b in ivs:
        lo += a
        hi += b
    return lo, hi


def overlap(a: tuple[Decimal, Decimal], b: tuple[Decimal, Decimal]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def divide(num: tuple[Decimal, Decimal], den: tuple[Decimal, Decimal]) -> Optional[tuple[Decimal, Decimal]]:
    """num / den × 100 as an interval (percent); None when the denominator may be zero or negative."""
    if den[0] <= 0 or num[0] < 0:
        return None
    try:
        lo = num[0] / den[1] * HUNDRED if den[1] != INF else Decimal(0)
        hi = num[1] / den[0] * HUNDRED if num[1] != INF else INF
    except (DivisionByZero, InvalidOperation):
        return None
    return lo, hi


def pct_interval(q: Quantity) -> tuple[Decimal, Decimal]:
    """A stated rate's interval in percent (a bare 0 stated as a rate counts as 0%)."""
    lo, hi = interval(q)
    if q.hedge in HEDGE_AROUND:  # 约93%: also a truncated 93.x%
        hi = max(hi, q.value + 1)
    if not q.unit and not q.decimals:  # "差异率为0"
        lo, hi = q.value - Decimal("0.5"), q.value + Decimal("0.5")
    return lo, hi


def num(q: Quantity) -> str:
    """The number as written (without its unit); Chinese numerals with their value."""
    if q.chinese:
        return f"{q.text[: len(q.text) - len(q.unit)]} ({fmt(q.value)})"
    return format(q.value, "f")


def show(q: Quantity) -> str:
    hedge = q.hedge if q.hedge and q.hedge not in ("余", "多", "以上", "左右") else ""
    tail = q.hedge if q.hedge in ("余", "多", "以上", "左右") else ""
    sep = "" if q.unit in ("%", "‰") else " "
    return f"{hedge}{num(q)}{tail}{sep}{q.unit}".rstrip()


def named(q: Quantity) -> str:
    return f"{q.label} {show(q)}".strip() if q.label else show(q)


def pct(value: Decimal, places: int = 2) -> str:
    if value == INF:
        return "∞"
    return f"{value.quantize(Decimal(1).scaleb(-places)):f}%"


def in_unit(value: Decimal, unit: str, places: Optional[int] = None) -> str:
    """A base-unit value written back in `unit` (元 → 万元), to `places` decimals when given."""
    scale = unit_scale(unit)[0]
    v = value / scale if scale != 1 else value
    if places is not None and v not in (INF, -INF):
        return format(v.quantize(Decimal(1).scaleb(-places)), "f")
    return fmt(v.normalize()) if scale != 1 else fmt(v)


def places(qs: Iterable[Quantity]) -> int:
    return max((q.decimals for q in qs), default=0)


def hedge_note(qs: Iterable[Quantity]) -> str:
    words = sorted({q.hedge for q in qs if q.hedge and q.hedge not in TARGET_HEDGES})
    return f"; {'/'.join(words)} widens the interval" if words else ""


# --- sums ----------------------------------------------------------------------------------------


def sum_verdict(total: Quantity, parts: Sequence[Quantity]) -> tuple[str, Decimal, Decimal, str]:
    """("ok" | "warning" | "error", Σparts in base, allowed drift in base, note)."""
    figures = [total, *parts]
    exact = sum((base_value(p) for p in parts), Decimal(0))
    if exact == base_value(total):
        return "ok", exact, Decimal(0), ""  # both intervals below hold this value: they overlap
    peers = peer_decimals(figures)
    t_peer = interval(total, None if is_exact(total) else peers[0])
    p_peer = add(interval(p, None if is_exact(p) else d) for p, d in zip(parts, peers[1:]))
    if overlap(t_peer, p_peer):
        return "ok", exact, Decimal(0), ""
    t_w, p_w = interval(total), add(interval(p) for p in parts)
    allowed = (t_w[1] - t_w[0] + p_w[1] - p_w[0]) / 2 if INF not in (t_w[1], p_w[1]) else INF
    if overlap(t_w, p_w):
        coarse = [q for q, d in zip(figures, peers) if d > q.decimals]
        note = ", ".join(show(q) for q in coarse)
        return "warning", exact, allowed, note
    return "error", exact, allowed, ""


def sum_message(total: Quantity, parts: Sequence[Quantity], exact: Decimal, allowed: Decimal,
                verdict: str, note: str) -> str:
    unit = total.unit if all(p.unit == total.unit for p in parts) else "元"
    terms = " + ".join(named(p) if p.unit == unit else named(p) for p in parts)
    dp = places([total, *parts])
    summed = in_unit(exact, unit, dp)
    diff = abs(base_value(total) - exact)
    off = in_unit(diff, unit, dp)
    allow = "∞" if allowed == INF else in_unit(allowed, unit)
    tail = hedge_note([total, *parts])
    if verdict == "warning":
        return (f"{terms} = {summed} {unit}, but the total says {show(total)} (off by {off}); it only adds up if "
                f"{note} is read at its written precision rather than its neighbours'{tail}")
    return (f"{terms} = {summed} {unit}, but the total says {show(total)} (off by {off}; rounding allows "
            f"{allow}{tail})").replace(" 元 元", " 元")


def unit_slip(total: Quantity, parts: Sequence[Quantity]) -> Optional[Quantity]:
    """The one money figure that, read ×10⁴ or ÷10⁴ (元 written for 万元), makes the sum right."""
    if not total.is_money:
        return None
    figures = [total, *parts]
    for k, q in enumerate(figures):
        if not q.is_money:
            continue
        for factor in (Decimal(10_000), Decimal("0.0001")):
            moved = Quantity(q.value * factor, q.decimals, q.unit, q.span, q.label, q.hedge, q.text)
            t = moved if k == 0 else total
            ps = [moved if i + 1 == k else p for i, p in enumerate(parts)]
            if sum_verdict(t, ps)[0] == "ok":
                return q
    return None


# --- rules ---------------------------------------------------------------------------------------


@rule("A001", "sum-mismatch", Severity.ERROR, needs={"quantities", "breakdowns", "tables"})
def sum_mismatch(facts) -> Iterator[Diagnostic]:
    """A stated total that its stated parts do not add up to.

    ## What it checks
    Totals and the parts listed for them: in prose ("共登记 N 户,其中 A x 户、B y 户",
    "A x 个、B y 个,共 z 个") and in tables (合计/小计/总计 rows against the rows above or below them,
    including "一、… / 二、… / 合计" outlines whose sub-rows add up to their heading row, and 合计
    columns against the columns beside them). Sums are compared with the tolerance their written
    precision allows: each figure written to d decimals may be off by ½·10⁻ᵈ, integer counts are
    exact, hedges (约, 近, 超, 余, 多) widen the interval. A figure written with fewer decimals than its
    neighbours ("98 万元" beside "1525.16 万元") that only adds up at its written precision is a warning.
    "其中" with a single part, or parts named as a subset (等, 主要, 部分), is not a sum. Parts that exceed
    their total are an error; parts that fall short of it are a warning for money (a part may have been
    left out) and are not reported for counts (people are often counted by overlapping attributes).

    ## Why
    A total that its parts contradict means one of the figures is mistyped, and the reader cannot tell
    which. Readers and auditors check these sums first.

    ## Example
    共登记清查对象 15343 户,其中单位 7136 户,有证个体 4153 户,无证个体 4064 户   → A001
    共登记清查对象 15353 户,其中单位 7136 户,有证个体 4153 户,无证个体 4064 户   → silent
    """
    for b in facts.breakdowns:
        yield from _check_breakdown(b)
    for table in _tables(facts):
        yield from _table_sums(table)


# Attributes of people (sex, party, age, education, ethnicity, status, rank): a person has one of each, so
# parts named by attributes of two or more kinds overlap and may add up to more than the whole.
_ATTRIBUTE_KINDS = [
    re.compile(r"女|男"),
    re.compile(r"党员|团员|群众|民主党派"),
    re.compile(r"\d{1,3}(?:周)?岁|青年|老年"),
    re.compile(r"学历|本科|研究生|硕士|博士|大专|专科|中专|高中"),
    re.compile(r"少数民族|汉族"),
    re.compile(r"退休|离休|在职|在编|编外|聘用|临时"),
    re.compile(r"职称|高级|中级|初级|正高|副高"),
]


def _overlapping_attributes(total: Quantity, parts: Sequence[Quantity]) -> bool:
    """Parts named by attributes of two or more kinds ("女职工", "中共党员", "35岁以下青年职工").

    A kind the total names too, or every part shares ("共有党员120名,其中女党员80名,男党员50名"), is
    the whole's own description, not what divides it.
    """
    whole = (total.label or "")[-16:]
    seen: list[set[int]] = []
    for p in parts:
        label = (p.label or "")[-16:]
        seen.append({k for k, pattern in enumerate(_ATTRIBUTE_KINDS)
                     if pattern.search(label) and not pattern.search(whole)})
    shared = set.intersection(*seen) if seen else set()
    return len(set().union(*seen) - shared) >= 2


def _check_breakdown(b: Breakdown) -> Iterator[Diagnostic]:
    total, parts = b.total, b.parts
    if total.hedge in TARGET_HEDGES or any(p.hedge in TARGET_HEDGES for p in parts):
        return
    if len(parts) < 2 or not b.exhaustive:
        return
    verdict, exact, allowed, note = sum_verdict(total, parts)
    if verdict == "ok":
        return
    over = exact > base_value(total)
    if not over and b.kind == "共" and not b.strong:
        return  # "…活动3场,共开展活动10场": the parts named before 共 need not be all of them
    if not over and exact * 2 < base_value(total):
        return  # parts that cover less than half of the whole clearly do not cover it
    if not over and not total.is_money and not b.strong:
        return  # "共有党员120名,其中女党员40名,青年党员30名": counts by attribute need not cover the whole
    if over and not total.is_money and _overlapping_attributes(total, parts):
        return  # "在编职工120名,其中女职工80名,中共党员60名": people counted by several attributes overlap
    if unit_slip(total, parts) is not None:
        return  # A005 reports it
    related = [Related(p.span, f"part: {named(p)}") for p in parts]
    message = sum_message(total, parts, exact, allowed, verdict, note)
    # parts that exceed their total cannot be right; parts that fall short may leave one out ("其中")
    severity = Severity.WARNING if verdict == "warning" or (not over and not b.strong) else None
    yield Diagnostic(code="A001", message=message, span=total.span, related=related, severity=severity)


# --- tables --------------------------------------------------------------------------------------

_OUTLINE = [
    (1, re.compile(r"^[一二三四五六七八九十]{1,3}[、.]")),
    (2, re.compile(r"^\(\s?[一二三四五六七八九十]{1,3}\s?\)")),
    (3, re.compile(r"^\d{1,2}[.、](?!\d)")),
    (4, re.compile(r"^\(\s?\d{1,2}\s?\)")),
]
_TOTAL_CELL = re.compile(r"合\s?计|小\s?计|总\s?计")
_SUBTOTAL_CELL = re.compile(r"小\s?计")
_NOT_SUMMED_COLUMN = re.compile(r"率|%|比例|占比|分值|得分|权重|系数|序号|编号|标准|单价|平均|指标值|目标值|年度$|年份")
_TOTAL_COLUMN = re.compile(r"^(?:合\s?计|小\s?计|总\s?计|合计数|总额|合计金额)(?:\(.{1,6}\))?$")


def _tables(facts) -> list[Table]:
    return list(facts.optional("tables") or [])


def _row_text_label(row: Row) -> str:
    """The row's descriptive cells before its first number, joined (a leading 序号 is skipped)."""
    words = []
    for k, cell in enumerate(row.cells):
        if cell.value is not None:
            if k == 0 and not cell.value.unit and cell.value.decimals == 0 and cell.value.value < 1000:
                continue
            break
        if cell.text:
            words.append(cell.text.replace(" ", ""))
    return " ".join(words)


_SUB_ROW = re.compile(r"^(?:其中|含|包括|内:|注)")
_SUB_ROW_FIRST = frozenset("其含包内注")                   # the first characters _SUB_ROW can match


_OPENING_ROW = re.compile(r"^其中\s?:?\s?")


_OUTLINE_FIRST = frozenset("一二三四五六七八九十(")    # or a digit (\d: str.isdecimal)


def _outline_level(label: str) -> int:
    first = label[:1]
    if not (first in _OUTLINE_FIRST or first.isdecimal()):
        return 9                                       # most rows: no pattern of _OUTLINE can match
    for level, pattern in _OUTLINE:
        if pattern.match(label):
            return level
    return 9


def _row_level(label: str) -> int:
    """The outline level of a row with this text label (_row_text_label)."""
    last = label.rsplit(" ", 1)[-1] if label else ""
    if last[:1] in _SUB_ROW_FIRST and _SUB_ROW.match(last):
        return 10                                      # "其中:人员经费": a detail, never a summand
    return _outline_level(last)


def _levels(data: list[Row], labels: dict[int, str], totals: dict[int, bool]) -> dict[int, int]:
    """Each row's level in its table (by id): a 其中 row that opens the parts of the row above it.

    "合计 / 其中:基本支出 / 项目支出" and "一、基本支出 / 其中:人员经费 / 公用经费": a 其中 row straight
    after a total row, or first after its parent (a row of a higher outline level), opens a list of
    parts and the rows after it are its siblings, so it takes the level of its label without 其中.
    A 其中 row after another part row ("基本支出 / 其中:人员经费 / 项目支出") is a detail of that row.
    `labels` and `totals`: each row's _row_text_label and _is_total, by id.
    """
    levels: dict[int, int] = {}
    prev: Optional[Row] = None
    for row in data:
        label = labels[id(row)]
        level = _row_level(label)
        if level == 10 and prev is not None:
            last = _label_name(label)
            opening = _OPENING_ROW.match(last)
            if opening and opening.end() < len(last):
                own = _outline_level(last[opening.end():])
                if totals[id(prev)] or levels[id(prev)] < own:
                    level = own
        levels[id(row)] = level
        prev = row
    return levels


def _is_total(row: Row) -> bool:
    return row.is_total or bool(_TOTAL_CELL.search(_row_text_label(row)))


def _summed_columns(table: Table) -> list[int]:
    header = table.header
    width = max((len(r.cells) for r in table.rows), default=0)
    cols = []
    for k in range(width):
        head = header.cells[k].text if header is not None and k < len(header.cells) else ""
        if head and _NOT_SUMMED_COLUMN.search(head):
            continue
        cols.append(k)
    return cols


def _value(row: Row, k: int) -> Optional[Quantity]:
    if k >= len(row.cells):
        return None
    q = row.cells[k].value
    if q is None or q.unit in ("%", "‰", "分") or q.hedge in TARGET_HEDGES:
        return None
    return q


def _row_name(row: Row) -> str:
    return _label_name(_row_text_label(row))


def _label_name(label: str) -> str:
    """A row's name from its text label: the last of its words."""
    return label.rsplit(" ", 1)[-1] if label else "row"


def _column_name(table: Table, k: int) -> str:
    header = table.header
    if header is not None and k < len(header.cells) and header.cells[k].text:
        return header.cells[k].text
    return f"column {k + 1}"


def _table_sums(table: Table) -> Iterator[Diagnostic]:
    data = [r for r in table.rows if not r.is_header]
    if len(data) < 3:
        return
    cols = _summed_columns(table)
    # what the loops below ask of every row again and again, worked out once (by id)
    labels = {id(r): _row_text_label(r) for r in data}
    totals = {id(r): r.is_total or bool(_TOTAL_CELL.search(labels[id(r)])) for r in data}    # _is_total
    subtotals = {id(r): bool(_SUBTOTAL_CELL.search(labels[id(r)])) for r in data}
    levels = _levels(data, labels, totals)
    seen: set[tuple[int, int]] = set()
    # 1. total rows against the rows they close (or open)
    for i, row in enumerate(data):
        if not totals[id(row)]:
            continue
        before = []
        j = i - 1
        while j >= 0 and not (totals[id(data[j])] and not subtotals[id(data[j])]):
            before.append(data[j])
            j -= 1
        before.reverse()
        if subtotals[id(row)]:
            # a 小计 closes the rows since the previous 小计
            k = len(before)
            while k > 0 and not totals[id(before[k - 1])]:
                k -= 1
            before = before[k:]
        elif any(subtotals[id(r)] for r in before):
            before = [r for r in before if subtotals[id(r)]]
        if not before:
            after = []
            for r in data[i + 1:]:
                if totals[id(r)]:
                    break
                after.append(r)
            parts = after
        else:
            parts = before
        parts = _top_level(parts, levels)
        if len(parts) >= 2:
            yield from _check_rows(table, row, parts, cols, f"{_row_name(row)}", seen)
    # 2. outline heading rows (一、基本支出) against their sub-rows
    for i, row in enumerate(data):
        level = levels[id(row)]
        if level >= 9 or totals[id(row)]:
            continue
        children = []
        for r in data[i + 1:]:
            lv = levels[id(r)]
            if lv <= level or totals[id(r)]:
                break
            children.append(r)
        children = _top_level(children, levels)
        if len(children) >= 2:
            yield from _check_rows(table, row, children, cols, _row_name(row), seen)
    # 3. 合计 columns against the columns beside them
    yield from _total_columns(table, data)


def _top_level(rows: list[Row], levels: dict[int, int]) -> list[Row]:
    if not rows:
        return rows
    top = min(levels[id(r)] for r in rows)
    if top == 10:
        return []
    return [r for r in rows if levels[id(r)] == top]


def _check_rows(table: Table, total_row: Row, parts: list[Row], cols: list[int], name: str,
                seen: set) -> Iterator[Diagnostic]:
    for k in cols:
        total = _value(total_row, k)
        if total is None or (id(total_row), k) in seen:
            continue
        values = [_value(r, k) for r in parts]
        if any(v is None for v in values):
            continue
        seen.add((id(total_row), k))
        verdict, exact, allowed, note = sum_verdict(total, values)  # type: ignore[arg-type]
        if verdict == "ok" or unit_slip(total, values) is not None:  # type: ignore[arg-type]
            continue
        column = _column_name(table, k)
        terms = " + ".join(f"{_row_name(r)} {num(v)}" for r, v in zip(parts, values))  # type: ignore[arg-type]
        unit = total.unit
        dp = places([total, *values])  # type: ignore[list-item]
        summed = in_unit(exact, unit, dp)
        off = in_unit(abs(base_value(total) - exact), unit, dp)
        if verdict == "warning":
            message = (f"{column}: {terms} = {summed}, but the {name} row says {num(total)} (off by {off}); "
                       f"it only adds up if {note} is read at its written precision")
        else:
            allow = "∞" if allowed == INF else in_unit(allowed, unit)
            message = (f"{column}: {terms} = {summed}, but the {name} row says {num(total)} "
                       f"(off by {off}; rounding allows {allow})")
        related = [Related(v.span, f"part: {_row_name(r)} {num(v)}") for r, v in zip(parts, values)]  # type: ignore[union-attr]
        yield Diagnostic(code="A001", message=message, span=total.span, related=related,
                         severity=Severity.WARNING if verdict == "warning" else None)


def _total_columns(table: Table, data: list[Row]) -> Iterator[Diagnostic]:
    header = table.header
    if header is None:
        return
    heads = [c.text.replace(" ", "") for c in header.cells]
    for t, head in enumerate(heads):
        if not _TOTAL_COLUMN.match(head):
            continue
        # the part columns: the numeric columns right after the total column, else right before it
        after = _adjacent_columns(heads, t, +1)
        before = _adjacent_columns(heads, t, -1)
        for side in (after, before):
            if len(side) < 2:
                continue
            if not any(all(_value(r, k) is not None for k in side) and _value(r, t) is not None for r in data):
                continue
            for row in data:
                total = _value(row, t)
                values = [_value(row, k) for k in side]
                if total is None or any(v is None for v in values):
                    continue
                verdict, exact, allowed, note = sum_verdict(total, values)  # type: ignore[arg-type]
                if verdict == "ok" or unit_slip(total, values) is not None:  # type: ignore[arg-type]
                    continue
                terms = " + ".join(f"{heads[k]} {num(v)}" for k, v in zip(side, values))  # type: ignore[arg-type]
                dp = places([total, *values])  # type: ignore[list-item]
                off = in_unit(abs(base_value(total) - exact), total.unit, dp)
                allow = "∞" if allowed == INF else in_unit(allowed, total.unit)
                message = (f"{_row_name(row)}: {terms} = {in_unit(exact, total.unit, dp)}, but the {heads[t]} column "
                           f"says {num(total)} (off by {off}; rounding allows {allow})")
                related = [Related(v.span, f"part: {heads[k]} {num(v)}") for k, v in zip(side, values)]  # type: ignore[union-attr]
                yield Diagnostic(code="A001", message=message, span=total.span, related=related,
                                 severity=Severity.WARNING if verdict == "warning" else None)
            break


def _adjacent_columns(heads: list[str], t: int, step: int) -> list[int]:
    out = []
    k = t + step
    while 0 <= k < len(heads):
        h = heads[k]
        if not h or _NOT_SUMMED_COLUMN.search(h) or _TOTAL_COLUMN.match(h):
            break
        out.append(k)
        k += step
    return out if step > 0 else out[::-1]


# --- rates ---------------------------------------------------------------------------------------

_BUDGET_RATE = re.compile(r"执行率|完成率|支出率|完成[\p{Han}]{0,6}?预算|使用率|到位率|支付率|控制率|支出进度")
_MONEY_RATE_CONTEXT = re.compile(r"预算|资金|支出|采购|经费|执行")
_ACTUAL = re.compile(r"实际|执行数|执行金额|决算|支出数|已支出|已使用|使用|拨付|到位|完成|支出(?!预算)")
_BASE = re.compile(r"预算|计划|下达|批复|安排|应")
_INITIAL = re.compile(r"年初")
_ADJUSTED = re.compile(r"调整后|全年|调整预算数|全年预算")
_ADJUSTMENT = re.compile(r"调整数|调整金额|追加|调增|预算调整")
_ACTUAL_WORD = re.compile(r"实际|执行|决算")
_COL_PLAIN_BUDGET = re.compile(r"预算")
_COL_SCORE = re.compile(r"分值|得分|权重")
_NAMED_BASE = re.compile(r"(年初|调整后|全年)(?:预算)")


def _base_kind(label: str) -> str:
    if _ADJUSTED.search(label):
        return "adjusted"
    if _ADJUSTMENT.search(label):
        return "adjustment"
    if _INITIAL.search(label):
        return "initial"
    return "budget"


def _is_actual(label: str) -> bool:
    if _BASE.search(label) and not _ACTUAL_WORD.search(label):
        return False
    return bool(_ACTUAL.search(label))


def _bases(bases: list[tuple[str, Quantity]]) -> list[tuple[str, list[Quantity]]]:
    """Candidate denominators: each budget figure, and 年初 + 调整 when both are given."""
    out = [(f"{q.label or kind}", [q]) for kind, q in bases if kind != "adjustment"]
    initial = [q for kind, q in bases if kind == "initial"] or [q for kind, q in bases if kind == "budget"]
    adjustment = [q for kind, q in bases if kind == "adjustment"]
    if initial and adjustment:
        out.append((f"{initial[0].label} + {adjustment[0].label}", [initial[0], adjustment[0]]))
    return out


def _ratio(actual: Sequence[Quantity], base: Sequence[Quantity], written: bool = False) -> Optional[tuple[Decimal, Decimal]]:
    """Σ actual ÷ Σ base × 100 on intervals: each figure read at its peers' precision, or as written."""
    figures = [*actual, *base]
    if written:
        ivs = [interval(q) for q in figures]
    else:
        ivs = [interval(q) if is_exact(q) else interval(q, d) for q, d in zip(figures, peer_decimals(figures))]
    return divide(add(ivs[:len(actual)]), add(ivs[len(actual):]))


def _exact_ratio(actual: Sequence[Quantity], base: Sequence[Quantity]) -> Optional[Decimal]:
    den = sum((base_value(q) for q in base), Decimal(0))
    if den <= 0:
        return None
    return sum((base_value(q) for q in actual), Decimal(0)) / den * HUNDRED


def _rate_verdict(rate: Quantity, actual: Sequence[Quantity], base: Sequence[Quantity]) -> str:
    stated = pct_interval(rate)
    r = _ratio(actual, base)
    if r is None:
        return "unknown"
    if overlap(r, stated):
        return "ok"
    r = _ratio(actual, base, written=True)
    if r is not None and overlap(r, stated):
        return "warning"
    return "error"


def _rate_text(rate: Quantity, actual: Sequence[Quantity], base: Sequence[Quantity]) -> str:
    value = _exact_ratio(actual, base)
    a = " + ".join(named(q) for q in actual)
    b = " + ".join(named(q) for q in base)
    if len(base) > 1:
        b = f"({b})"
    half = (pct_interval(rate)[1] - pct_interval(rate)[0]) / 2
    got = pct(value) if value is not None else "?"
    off = pct(abs(value - rate.value)).rstrip("%") if value is not None else "?"
    return (f"{a} ÷ {b} = {got}, but the rate is stated as {show(rate)} (off by {off} points; "
            f"rounding allows {fmt(half)}{hedge_note([rate, *actual, *base])})")


def _sentence_groups(facts) -> list[tuple[object, list[Quantity]]]:
    return facts.sentence_quantities


@rule("A002", "rate-mismatch", Severity.ERROR, needs={"quantities", "sentence_quantities", "tables", "breakdowns"})
def rate_mismatch(facts) -> Iterator[Diagnostic]:
    """A stated rate that differs from the ratio of the amounts it comes from.

    ## What it checks
    执行率/完成率/支出率 = actual spending ÷ budget, where the budget may be the 年初 budget, the
    adjusted (调整后/全年) budget or 年初 + 调整数 — any budget figure the report gives is accepted, unless
    the text names its base (完成年初预算的 …). Also 政府采购执行率 (实际 ÷ 计划采购), 办结率 (办结 ÷ 受理),
    满意度 (满意人数 ÷ 调查人数), "N 项,完成 M 项,完成率 R%", shares (其中 A x,占 R%) and the rate
    column of a budget table. The ratio is computed on the rounding intervals of its amounts and compared
    with the stated rate's interval (80.2% stands for 80.15–80.25%; 约 93% admits 93.8%). A rate
    stated without its amounts (资金支出率 95.87%) is checked against the report's budget table, as a
    warning: against the row its label names (省级补助资金执行率 → the 省级补助资金 row), else the
    total row; not at all when the label names something the table has no row for (政府采购执行率)
    or when a rate cell of the table already gives the stated rate.

    ## Why
    A rate that its own amounts contradict is either miscalculated or computed on a base the report
    does not state; either way the reader is misled about how much of the budget was spent.

    ## Example
    预算数 890.33 万元,执行数 714.07 万元,完成预算的 90.2%   → A002
    预算数 890.33 万元,执行数 714.07 万元,完成预算的 80.2%   → silent
    """
    groups = _sentence_groups(facts)
    tables = [(table, _budget_columns(table)) for table in _tables(facts)]   # asked for again below
    table_rate_done = False
    for sentence, qs in groups:
        for idx, rate in enumerate(qs):
            if rate.unit != "%" or rate.hedge in TARGET_HEDGES:
                continue
            label = rate.label or ""
            before = [q for q in qs[max(0, idx - LOOKBACK):idx] if q.unit != "%"]
            if _BUDGET_RATE.search(label) and any(q.is_money for q in before):
                yield from _money_rate(rate, before)
            elif "满意" in label and "率" not in label.replace("满意率", ""):
                yield from _satisfaction(rate, before)
            elif label.endswith("率") and not any(q.is_money for q in before):
                found = yield from _count_rate(rate, before)
                if not found and not table_rate_done and _BUDGET_RATE.search(label) \
                        and _MONEY_RATE_CONTEXT.search(label) and not before:
                    table_rate_done = True
                    yield from _rate_from_table(tables, rate)
    for b in facts.breakdowns:
        for part, share in b.rates:
            verdict = _rate_verdict(share, [part], [b.total])
            if verdict in ("warning", "error"):
                yield Diagnostic(code="A002", message=_rate_text(share, [part], [b.total]), span=share.span,
                                 related=[Related(part.span, f"part: {named(part)}"),
                                          Related(b.total.span, f"total: {named(b.total)}")],
                                 severity=Severity.WARNING if verdict == "warning" else None)
    for table, cols in tables:
        yield from _table_rates(table, cols)


def _money_rate(rate: Quantity, before: list[Quantity]) -> Iterator[Diagnostic]:
    money = [q for q in before if q.is_money and q.hedge not in TARGET_HEDGES]
    actuals = [q for q in money if _is_actual(q.label or "")]
    bases = [(_base_kind(q.label or ""), q) for q in money if not _is_actual(q.label or "")
             and _BASE.search(q.label or "")]
    if not actuals or not bases:
        return
    key = _COUNT_KEY.search(rate.label or "")
    keyed = [q for q in actuals if key and key.group(1) in (q.label or "")]
    actual = (keyed or actuals)[-1]
    named_base = _NAMED_BASE.search(rate.label or "")
    if named_base:
        kind = "initial" if named_base.group(1) == "年初" else "adjusted"
        bases = [(k, q) for k, q in bases if k == kind or k == "adjustment" and kind == "initial"]
        if not bases:
            return
    candidates = _bases(bases)
    if not candidates:  # e.g. only an adjustment (预算调整) and no base it adjusts
        return
    verdicts = [(_rate_verdict(rate, [actual], base), name, base) for name, base in candidates]
    if any(v in ("ok", "unknown") for v, _, _ in verdicts):
        return
    others = [q for q in actuals[-3:] if q is not actual]
    if any(_rate_verdict(rate, [q], base) in ("ok", "unknown") for q in others for _, base in candidates):
        return  # another actual figure of the sentence gives the rate: read it that way
    # report against the first candidate: the one a reader would take
    v, name, base = verdicts[0]
    severity = None if v == "error" and len(candidates) == 1 and not others else Severity.WARNING
    message = _rate_text(rate, [actual], base)
    if len(candidates) > 1:
        others = "; ".join(f"÷ {' + '.join(named(q) for q in b)} = {pct(_exact_ratio([actual], b) or 0)}"
                           for _, _, b in verdicts[1:])
        message += f"; no other budget base fits either ({others})"
    related = [Related(actual.span, f"actual: {named(actual)}")]
    related += [Related(q.span, f"budget: {named(q)}") for _, _, b in verdicts for q in b]
    yield Diagnostic(code="A002", message=message, span=rate.span, related=_dedupe(related), severity=severity)


def _dedupe(related: list[Related]) -> list[Related]:
    seen, out = set(), []
    for r in related:
        if r.span not in seen:
            seen.add(r.span)
            out.append(r)
    return out


_COUNT_KEY = re.compile(r"([\p{Han}]{2})率$")


def _count_rate(rate: Quantity, before: list[Quantity]):
    """"受理 102 宗,办结 102 宗,办结率 100%": numerator by the rate's verb, denominator before it."""
    m = _COUNT_KEY.search(rate.label or "")
    if not m:
        return False
    key = m.group(1)
    counts = [q for q in before if not q.is_money and q.hedge not in TARGET_HEDGES]
    num_i = next((i for i in range(len(counts) - 1, -1, -1) if key in (counts[i].label or "")), None)
    if num_i is None or num_i == 0:
        return False
    numerator = counts[num_i]
    denominator = next((q for q in reversed(counts[:num_i]) if same_kind(q, numerator)), None)
    if denominator is None:
        return False
    # "按期办结率", "一次性办结率": a qualified rate counts a subset the sentence does not give
    prefix = (rate.label or "")[: -len(key) - 1]
    if prefix and not _shares_words(prefix, denominator.label or ""):
        return False
    verdict = _rate_verdict(rate, [numerator], [denominator])
    if verdict in ("warning", "error"):
        yield Diagnostic(code="A002", message=_rate_text(rate, [numerator], [denominator]), span=rate.span,
                         related=[Related(numerator.span, f"numerator: {named(numerator)}"),
                                  Related(denominator.span, f"denominator: {named(denominator)}")],
                         severity=Severity.WARNING if verdict == "warning" else None)
    return True


def _shares_words(prefix: str, label: str) -> bool:
    """Whether a rate's qualifier ("重点工作") appears in a figure's label ("重点工作任务")."""
    return any(prefix[i:i + 2] in label for i in range(0, max(len(prefix) - 1, 1)))


_SURVEYED = re.compile(r"调查|问卷|发放|收回|受访|参与|参评|服务|样本|测评|走访|回访")
_NOT_SATISFIED = re.compile(r"不满意|基本满意|一般|较满意|非常满意")


def _satisfaction(rate: Quantity, before: list[Quantity]) -> Iterator[Diagnostic]:
    """满意度 = 满意人数 ÷ 调查人数, only when the satisfied count and the surveyed count are named so."""
    counts = [q for q in before if not q.is_money and q.hedge not in TARGET_HEDGES]
    num_i = next((i for i in range(len(counts) - 1, -1, -1) if "满意" in (counts[i].label or "")), None)
    if not num_i:
        return
    numerator = counts[num_i]
    if _NOT_SATISFIED.search(numerator.label or "") or (
            num_i > 0 and "满意" in (counts[num_i - 1].label or "")):
        return  # "非常满意 120 份,满意 60 份": which grades count as satisfied is not ours to guess
    denominator = next((q for q in reversed(counts[:num_i])
                        if (same_kind(q, numerator) or not numerator.unit or not q.unit)
                        and _SURVEYED.search(q.label or "") and "满意" not in (q.label or "")), None)
    if denominator is None:
        return
    verdict = _rate_verdict(rate, [numerator], [denominator])
    if verdict in ("warning", "error"):
        yield Diagnostic(code="A002", message=_rate_text(rate, [numerator], [denominator]), span=rate.span,
                         related=[Related(numerator.span, f"satisfied: {named(numerator)}"),
                                  Related(denominator.span, f"surveyed: {named(denominator)}")],
                         severity=Severity.WARNING if verdict == "warning" else None)


# budget tables: actual, base and rate columns
_COL_ACTUAL = re.compile(r"实际|执行数|决算|支出数")
_COL_BASE = re.compile(r"预算|计划")


def _budget_columns(table: Table) -> Optional[tuple[int, list[tuple[str, int]], Optional[int]]]:
    header = table.header
    if header is None:
        return None
    actual, bases, rate = None, [], None
    for k, cell in enumerate(header.cells):
        h = cell.text.replace(" ", "")
        if not h:
            continue
        if "率" in h:
            if _BUDGET_RATE.search(h) and rate is None:
                rate = k
        elif _COL_ACTUAL.search(h) and not (_COL_PLAIN_BUDGET.search(h) and not _ACTUAL_WORD.search(h)):
            if actual is None:
                actual = k
        elif _COL_BASE.search(h) and not _COL_SCORE.search(h):
            bases.append((_base_kind(h), k))
    if actual is None or not bases:
        return None
    return actual, bases, rate


def _cell_base_list(table: Table, row: Row, bases: list[tuple[str, int]]) -> list[tuple[str, Quantity]]:
    out = []
    for kind, k in bases:
        q = _value(row, k)
        if q is not None:
            q = dataclasses.replace(q, label=q.label or table.header.cells[k].text.replace(" ", ""))  # type: ignore[union-attr]
            out.append((kind, q))
    return out


def _table_rates(table: Table, cols) -> Iterator[Diagnostic]:
    """`cols`: the table's _budget_columns."""
    if cols is None or cols[2] is None:
        return
    actual_k, bases, rate_k = cols
    header = table.header
    for row in table.rows:
        if row.is_header or rate_k >= len(row.cells):
            continue
        rate = row.cells[rate_k].value
        actual = _value(row, actual_k)
        if rate is None or rate.unit != "%" or actual is None:
            continue
        actual = dataclasses.replace(actual, label=actual.label or header.cells[actual_k].text.replace(" ", ""))  # type: ignore[union-attr]
        rate = dataclasses.replace(rate, label=rate.label or header.cells[rate_k].text.replace(" ", ""))  # type: ignore[union-attr]
        candidates = _bases(_cell_base_list(table, row, bases))
        if not candidates:
            continue
        verdicts = [(_rate_verdict(rate, [actual], b), b) for _, b in candidates]
        if any(v in ("ok", "unknown") for v, _ in verdicts):
            continue
        message = f"{_row_name(row)}: " + _rate_text(rate, [actual], verdicts[0][1])
        if len(verdicts) > 1:
            message += "; no other budget base fits either (" + "; ".join(
                f"÷ {' + '.join(named(q) for q in b)} = {pct(_exact_ratio([actual], b) or 0)}"
                for _, b in verdicts[1:]) + ")"
        related = [Related(actual.span, f"actual: {named(actual)}")]
        related += [Related(q.span, f"budget: {named(q)}") for _, b in verdicts for q in b]
        yield Diagnostic(code="A002", message=message, span=rate.span, related=_dedupe(related),
                         severity=Severity.WARNING if len(verdicts) > 1 else None)


def _rate_from_table(tables, rate: Quantity) -> Iterator[Diagnostic]:
    """A rate stated alone (资金支出率 95.87%), against the one budget table of the report."""
    found = []
    for table, cols in tables:             # each with its _budget_columns
        if cols is None:
            continue
        totals = [r for r in table.rows if not r.is_header and _is_total(r)]
        rows = totals or [r for r in table.rows if not r.is_header]
        if len(rows) == 1 or totals:
            found.append((table, cols, rows[-1]))
    if len(found) != 1:
        return
    table, (actual_k, bases, rate_k), row = found[0]
    data = [r for r in table.rows if not r.is_header]
    if rate_k is not None and any(_same_rate(rate, r, rate_k) for r in data):
        return                                         # the table states this rate already, on some row
    scope = _rate_scope(rate.label or "")
    named_rows = [(len(name), r) for r in data for name in (_bare_name(r),) if len(name) >= 2 and name in scope]
    if named_rows:
        row = max(named_rows, key=lambda t: t[0])[1]   # "省级补助资金执行率": the 省级补助资金 row
    elif _TOTAL_SCOPE.sub("", scope):
        return                                         # "政府采购执行率": a scope the table does not show
    actual = _value(row, actual_k)
    if actual is None:
        return
    actual = dataclasses.replace(actual, label=table.header.cells[actual_k].text.replace(" ", ""))  # type: ignore[union-attr]
    candidates = _bases(_cell_base_list(table, row, bases))
    if not candidates:
        return
    verdicts = [(_rate_verdict(rate, [actual], b), b) for _, b in candidates]
    if any(v in ("ok", "unknown") for v, _ in verdicts):
        return
    ratios = "; ".join(f"{named(actual)} ÷ {' + '.join(named(q) for q in b)} = "
                       f"{pct(_exact_ratio([actual], b) or 0)}" for _, b in verdicts)
    message = (f"{rate.label} is stated as {show(rate)}, but the budget table's {_row_name(row)} row gives "
               f"{ratios}; none of these bases gives {show(rate)}")
    related = [Related(actual.span, f"actual: {named(actual)}")]
    related += [Related(q.span, f"budget: {named(q)}") for _, b in verdicts for q in b]
    yield Diagnostic(code="A002", message=message, span=rate.span, related=_dedupe(related),
                     severity=Severity.WARNING)


_ENUMERATION = re.compile(r"^(?:[一二三四五六七八九十]{1,3}是|其[一二三四五六七八九十]{1,3}是?|第[一二三四五六七八九十]{1,3}[,、]?|"
                          r"[一二三四五六七八九十]{1,3}[、.]|\(\s?[一二三四五六七八九十\d]{1,3}\s?\)|\d{1,2}[.、](?!\d)|"
                          r"首先|其次|再次|最后|另外|此外)")
# what a rate's label may say and still mean the whole budget (部门预算执行率, 2022年度资金支出率)
_TOTAL_SCOPE = re.compile(r"部门|单位|整体|项目|预算|资金|经费|财政|总体|总|年度|全年|本年|当年|年|度|本|该|全|"
                          r"执行|支出|使用|完成|的|[\d\s,:、]")


def _rate_scope(label: str) -> str:
    """What a rate's label says it is the rate of: "一是省级补助资金执行率" -> "省级补助资金"."""
    label = _ENUMERATION.sub("", label.replace(" ", ""), count=1)
    rate_word = _BUDGET_RATE.search(label)
    return label[:rate_word.start()] if rate_word else label


def _bare_name(row: Row) -> str:
    """A row's name without 其中 or outline numbering: "其中:项目支出" -> "项目支出"."""
    name = _row_name(row)
    opening = _OPENING_ROW.match(name)
    if opening:
        name = name[opening.end():]
    for _, pattern in _OUTLINE:
        m = pattern.match(name)
        if m:
            return name[m.end():]
    return name


def _same_rate(rate: Quantity, row: Row, k: int) -> bool:
    if k >= len(row.cells):
        return False
    cell = row.cells[k].value
    return cell is not None and cell.unit == "%" and overlap(pct_interval(cell), pct_interval(rate))


# --- growth --------------------------------------------------------------------------------------

_DELTA = re.compile(r"(?:比|较|同比)(?:上年|去年|上一年|上年度|上年同期|去年同期|同期)?度?(?:相比)?[^,]{0,4}?"
                    r"(增加|增长|多|减少|下降|少|降低|提高|上升)$|^同比(增加|减少)$")
_GROWTH_RATE = re.compile(r"^(?:同比|比上年|较上年)?(增长|增|增幅|上升|提高|下降|减少|降低|降幅|减)$")
_PREVIOUS = re.compile(r"上年|去年|上一年")
_CARRIED = re.compile(r"结转|结余|结存|比|较")


def _is_previous(label: str) -> bool:
    """"上年支出" is last year's figure; "上年结转" is money carried into this year, not a comparison."""
    return bool(_PREVIOUS.search(label)) and not _CARRIED.search(label)
_DECREASE = ("减少", "下降", "少", "降低", "降幅", "减")


@rule("A003", "growth-mismatch", Severity.ERROR, needs={"quantities", "sentence_quantities"})
def growth_mismatch(facts) -> Iterator[Diagnostic]:
    """A growth rate that does not follow from the stated increase and the current figure.

    ## What it checks
    "本年 C,比上年增加 X,增长 Y%": the previous year's figure is C − X, so Y must be X ÷ (C − X);
    with 减少/下降 the previous figure is C + X. When the previous year's figure P is given as well,
    X must be C − P. Intervals from the written precision of C, X and Y.

    ## Why
    Growth figures are computed by hand and copied from last year's report; a wrong base or a stale
    increase shows up as a rate that its own figures deny.

    ## Example
    收入总预算 1623.16 万元,比上年增加 103.61 万元,增长 7.82%   → A003
    收入总预算 1623.16 万元,比上年增加 103.61 万元,增长 6.82%   → silent
    """
    for _sentence, qs in _sentence_groups(facts):
        for idx, delta in enumerate(qs):
            if delta.unit == "%" or delta.hedge in TARGET_HEDGES:
                continue
            label = delta.label or ""
            m = _DELTA.search(label) if "比" in label or "较" in label else None  # every _DELTA match has one
            if not m:
                continue
            word = m.group(1) or m.group(2) or ""
            current = next((q for q in reversed(qs[max(0, idx - LOOKBACK):idx]) if q.unit != "%" and same_kind(q, delta)
                            and not _DELTA.search(q.label or "") and not _is_previous(q.label or "")), None)
            if current is None:
                continue
            previous = next((q for q in reversed(qs[max(0, idx - LOOKBACK):idx]) if q is not current and q.unit != "%"
                             and same_kind(q, delta) and _is_previous(q.label or "")
                             and not _DELTA.search(q.label or "")), None)
            rate = None
            if idx + 1 < len(qs) and qs[idx + 1].unit == "%" and _GROWTH_RATE.match(qs[idx + 1].label or ""):
                rate = qs[idx + 1]
            decrease = word in _DECREASE
            if previous is not None:
                yield from _check_delta(current, previous, delta, decrease)
            if rate is not None:
                yield from _check_growth(current, delta, rate, decrease)
        # "上年支出 500 万元,本年支出 560 万元,增长 12%": a rate from both years' figures, no change stated
        for idx, rate in enumerate(qs):
            if rate.unit != "%" or not _GROWTH_RATE.match(rate.label or "") or idx == 0:
                continue
            window = qs[max(0, idx - LOOKBACK):idx]
            if window[-1].unit == "%" or _DELTA.search(window[-1].label or ""):
                continue
            if any(_DELTA.search(q.label or "") for q in window):
                continue
            current = window[-1]
            if _is_previous(current.label or ""):
                continue
            previous = [q for q in window[:-1] if q.unit != "%" and same_kind(q, current)
                        and _is_previous(q.label or "")]
            if len(previous) != 1:
                continue
            yield from _check_two_years(current, previous[0], rate)


def _check_growth(current: Quantity, delta: Quantity, rate: Quantity, decrease: bool) -> Iterator[Diagnostic]:
    figures = [current, delta]
    peers = peer_decimals(figures)
    stated = pct_interval(rate)
    if "下降" in (rate.label or "") or "减" in (rate.label or "") or "降" in (rate.label or ""):
        decrease_rate = True
    else:
        decrease_rate = False
    if decrease_rate != decrease:
        return  # "增加 … 下降": a wording we do not read

    def ratio(written: bool) -> Optional[tuple[Decimal, Decimal]]:
        c = interval(current) if written else interval(current, peers[0] if not is_exact(current) else None)
        x = interval(delta) if written else interval(delta, peers[1] if not is_exact(delta) else None)
        base = (c[0] + x[0], c[1] + x[1]) if decrease else (c[0] - x[1], c[1] - x[0])
        return divide(x, base)

    r = ratio(False)
    if r is None or overlap(r, stated):
        return
    r2 = ratio(True)
    verdict = "warning" if r2 is not None and overlap(r2, stated) else "error"
    c, x = base_value(current), base_value(delta)
    prev = c + x if decrease else c - x
    if prev <= 0:
        return
    exact = x / prev * HUNDRED
    sign = "+" if decrease else "−"
    unit = current.unit
    message = (f"{named(delta)} on a previous year of {show(current)} {sign} {show(delta)} = "
               f"{in_unit(prev, unit)} {unit} is {pct(exact)}, but the growth is stated as {show(rate)} "
               f"(off by {pct(abs(exact - rate.value)).rstrip('%')} points{hedge_note([current, delta, rate])})")
    yield Diagnostic(code="A003", message=message, span=rate.span,
                     related=[Related(delta.span, f"change: {named(delta)}"),
                              Related(current.span, f"current: {named(current)}")],
                     severity=Severity.WARNING if verdict == "warning" else None)


def _check_two_years(current: Quantity, previous: Quantity, rate: Quantity) -> Iterator[Diagnostic]:
    label = rate.label or ""
    sign = Decimal(-1) if any(w in label for w in ("下降", "减少", "降低", "降幅", "减")) else Decimal(1)
    stated = pct_interval(rate)
    stated = (stated[0] * sign, stated[1] * sign) if sign > 0 else (stated[1] * sign, stated[0] * sign)
    peers = peer_decimals([current, previous])

    def change(written: bool) -> Optional[tuple[Decimal, Decimal]]:
        c = interval(current) if written else interval(current, None if is_exact(current) else peers[0])
        p = interval(previous) if written else interval(previous, None if is_exact(previous) else peers[1])
        r = divide(c, p)
        return None if r is None else (r[0] - HUNDRED, r[1] - HUNDRED)

    r = change(False)
    if r is None or overlap(r, stated):
        return
    r2 = change(True)
    verdict = "warning" if r2 is not None and overlap(r2, stated) else "error"
    c, p = base_value(current), base_value(previous)
    exact = (c - p) / p * HUNDRED
    message = (f"({named(current)} − {named(previous)}) ÷ {show(previous)} = {pct(exact)}, but the change is "
               f"stated as {label} {show(rate)} (off by {pct(abs(exact - sign * rate.value)).rstrip('%')} points"
               f"{hedge_note([current, previous, rate])})")
    yield Diagnostic(code="A003", message=message, span=rate.span,
                     related=[Related(current.span, f"current: {named(current)}"),
                              Related(previous.span, f"previous: {named(previous)}")],
                     severity=Severity.WARNING if verdict == "warning" else None)


def _check_delta(current: Quantity, previous: Quantity, delta: Quantity, decrease: bool) -> Iterator[Diagnostic]:
    total = current if not decrease else previous
    other = previous if not decrease else current
    # current = previous + delta (increase) or previous = current + delta (decrease)
    verdict, exact, allowed, _ = sum_verdict(total, [other, delta])
    if verdict == "ok":
        return
    c, p = base_value(current), base_value(previous)
    diff = c - p
    unit = delta.unit
    message = (f"{named(current)} − {named(previous)} = {in_unit(diff, unit)} {unit}, but the change is stated as "
               f"{show(delta)} (off by {in_unit(abs(abs(diff) - base_value(delta)), unit)} {unit})")
    yield Diagnostic(code="A003", message=message, span=delta.span,
                     related=[Related(current.span, f"current: {named(current)}"),
                              Related(previous.span, f"previous: {named(previous)}")],
                     severity=Severity.WARNING if verdict == "warning" else None)


# --- comparisons ---------------------------------------------------------------------------------

_COMPARISON = re.compile(
    r"(?P<actual>实际支出数?|实际支出金额|决算数|决算支出|执行数|支出数|实际采购金额|实际发生数)"
    r"(?P<op>小于|低于|少于|不超过|未超过|未超出|未超|没有超过|大于|高于|多于|超过|超出|等于|与[^,;。]{0,8}?一致)"
    r"[^,;。]{0,12}?(?P<base>预算|计划)"
    r"|(?P<plain>未超预算|没有超预算|不超预算|超预算)"
)
_ZERO_DIFF = re.compile(r"差异率(?:为|是)?0(?:\.0+)?%?(?![\d.])")
_LESS = ("小于", "低于", "少于")
_NOT_MORE = ("不超过", "未超过", "未超出", "未超", "没有超过", "未超预算", "没有超预算", "不超预算")
_MORE = ("大于", "高于", "多于", "超过", "超出", "超预算")


@rule("A004", "comparison-contradicted", Severity.ERROR, needs={"quantities", "sentence_quantities"})
def comparison_contradicted(facts) -> Iterator[Diagnostic]:
    """A stated comparison that the stated figures deny.

    ## What it checks
    Sentences that give a budget and an actual figure and then say how they compare: "实际支出数小于预算数",
    "决算数未超预算", "差异率为 0". The figures must bear the statement out, within their rounding.

    ## Why
    Such sentences are written from a template and often survive a change in the figures; a claim of
    keeping to budget beside figures that exceed it misleads the reader.

    ## Example
    “三公”经费预算数 6.26 万元,实际支出 7.5 万元,实际支出数小于预算数   → A004
    “三公”经费预算数 6.26 万元,实际支出 2.5 万元,实际支出数小于预算数   → silent
    """
    text = facts.text
    for sentence, qs in _sentence_groups(facts):
        s_text = sentence.text
        # every _COMPARISON match names 预算 or 计划, every _ZERO_DIFF match 差异率
        compares = "预算" in s_text or "计划" in s_text
        if len(qs) < 2 or not (compares or "差异率" in s_text):
            continue
        money = [q for q in qs if q.is_money and q.hedge not in TARGET_HEDGES]
        if len(money) < 2:
            continue
        base_at = sentence.span[0]
        for m in _COMPARISON.finditer(s_text) if compares else ():
            op = m.group("op") or m.group("plain")
            pos = base_at + m.start()
            before = [q for q in money if q.span[1] <= pos][-LOOKBACK:]
            actuals = [q for q in before if _is_actual(q.label or "")]
            budgets = [q for q in before if not _is_actual(q.label or "") and _BASE.search(q.label or "")]
            if len(actuals) != 1 or len(budgets) != 1:
                continue
            yield from _check_comparison(op, actuals[0], budgets[0], (pos, base_at + m.end()), text)
        z = _ZERO_DIFF.search(s_text)
        if z:
            pos = base_at + z.start()
            before = [q for q in money if q.span[1] <= pos][-LOOKBACK:]
            actuals = [q for q in before if _is_actual(q.label or "")]
            budgets = [q for q in before if not _is_actual(q.label or "") and _BASE.search(q.label or "")]
            if len(actuals) == 1 and len(budgets) == 1:
                a, b = actuals[0], budgets[0]
                if base_value(b) > 0:
                    peers = peer_decimals([a, b])
                    ia, ib = interval(a, peers[0]), interval(b, peers[1])
                    r = divide((ia[0], ia[1]), ib)
                    lo_diff = None if r is None else (r[0] - HUNDRED, r[1] - HUNDRED)
                    if lo_diff is not None and not overlap(lo_diff, (Decimal("-0.5"), Decimal("0.5"))):
                        value = (base_value(a) - base_value(b)) / base_value(b) * HUNDRED
                        yield Diagnostic(
                            code="A004",
                            message=(f"the difference rate is stated as 0, but ({named(a)} − {named(b)}) ÷ "
                                     f"{show(b)} = {pct(value)}"),
                            span=(pos, base_at + z.end()),
                            related=[Related(a.span, f"actual: {named(a)}"), Related(b.span, f"budget: {named(b)}")])


def _check_comparison(op: str, actual: Quantity, budget: Quantity, span, text: str) -> Iterator[Diagnostic]:
    peers = peer_decimals([actual, budget])
    ia, ib = interval(actual, peers[0]), interval(budget, peers[1])
    a, b = base_value(actual), base_value(budget)
    wrong = False
    if op in _LESS:
        wrong = ia[0] >= ib[1] or a == b and actual.unit == budget.unit
        said = "less than"
    elif op in _NOT_MORE:
        wrong = ia[0] > ib[1]
        said = "not more than"
    elif op in _MORE:
        wrong = ia[1] <= ib[0] or a == b and actual.unit == budget.unit
        said = "more than"
    else:
        wrong = not overlap(ia, ib)
        said = "equal to"
    if not wrong:
        return
    rel = "equals" if a == b else ("exceeds" if a > b else "is below")
    message = (f"the text says {actual.label or 'the actual figure'} is {said} {budget.label or 'the budget'}, "
               f"but {show(actual)} {rel} {show(budget)}")
    yield Diagnostic(code="A004", message=message, span=span,
                     related=[Related(actual.span, f"actual: {named(actual)}"),
                              Related(budget.span, f"budget: {named(budget)}")])


# --- unit slips ----------------------------------------------------------------------------------


@rule("A005", "unit-slip", Severity.WARNING, needs={"quantities", "breakdowns"})
def unit_slip_rule(facts) -> Iterator[Diagnostic]:
    """The same amount written in 元 and in 万元, or a part larger than its whole.

    ## What it checks
    Money figures with the same label whose values differ by exactly ×10⁴ (one written in 元, the other
    in 万元); a breakdown that would add up if one figure were read in the other unit; a part
    ("其中 A x") larger than the total it belongs to.

    ## Why
    Unit slips are the commonest copy error between tables (元) and prose (万元); they are off by
    four orders of magnitude, yet look plausible on their own.

    ## Example
    项目预算 25 万元 … 项目预算 25 元   → A005
    项目预算 25 万元 … 项目预算 250000 元   → silent
    """
    by_label: dict[str, list[Quantity]] = {}
    for q in facts.quantities:
        if not q.hedge and q.unit in MONEY_UNITS and len(q.label or "") >= 2 and q.value > 0:   # is_money, inlined
            by_label.setdefault(q.label, []).append(q)
    for label, group in by_label.items():
        if len(group) < 2 or len({q.unit for q in group}) < 2:
            continue
        first: dict[Decimal, Quantity] = {}
        reported = False
        for q in group:
            y = q.in_yuan()
            for factor in (Decimal(10_000), Decimal("0.0001")):
                other = first.get(y * factor)
                if other is not None and other.unit != q.unit:
                    yield Diagnostic(
                        code="A005",
                        message=(f"{label} is {show(q)} here but {show(other)} earlier: the same figure in "
                                 f"{q.unit} and {other.unit}, off by exactly ×10⁴ — one of the units is wrong"),
                        span=q.span, related=[Related(other.span, f"earlier: {named(other)}")])
                    reported = True
                    break
            if reported:
                break
            first.setdefault(y, q)
    for b in facts.breakdowns:
        total, parts = b.total, b.parts
        if total.hedge in TARGET_HEDGES or any(p.hedge in TARGET_HEDGES for p in parts):
            continue
        if len(parts) >= 2 and b.exhaustive:
            verdict = sum_verdict(total, parts)[0]
            if verdict != "ok":
                slip = unit_slip(total, parts)
                if slip is not None:
                    exact = sum((base_value(p) for p in parts), Decimal(0))
                    yield Diagnostic(
                        code="A005",
                        message=(f"{' + '.join(named(p) for p in parts)} = {in_unit(exact, total.unit)} "
                                 f"{total.unit}, against the total {show(total)}; the figures agree if "
                                 f"{show(slip)} is read ×10⁴ off — a 元/万元 slip"),
                        span=slip.span,
                        related=[Related(p.span, f"figure: {named(p)}") for p in [total, *parts] if p is not slip])
                    continue
        for p in parts:
            if (len(parts) == 1 or not b.exhaustive) and interval(p)[0] > interval(total)[1]:
                yield Diagnostic(
                    code="A005",
                    message=(f"the part {named(p)} is larger than the total {named(total)} it belongs to "
                             f"(by {in_unit(base_value(p) - base_value(total), total.unit)} {total.unit})"),
                    span=p.span, related=[Related(total.span, f"total: {named(total)}")])
