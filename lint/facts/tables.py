"""Tables: tab-separated rows, Markdown pipes, one-cell-per-line runs ending in "|", HTML <table>.

Every table becomes `Table(rows=[Row(cells=[Cell(text, span, value)])])` with spans in the clean
text. Empty cells are kept (merged cells leave them) so that columns line up with the header.
A cell gets a numeric `value` (a `Quantity`) only when it is essentially a number with a unit
("80分", "155个", "75.48%", "2506.72"); "95%或以上" or "2人或2人以上" stay text (value None).
"""
from __future__ import annotations

import bisect
import math
from decimal import InvalidOperation
from typing import Optional

from lint import rx as re

from lint.model import Cell, Quantity, Row, Span, Table
from lint.numeric import parse_decimal

_NUMBER_CELL = re.compile(
    r"(?P<hedge>约|近|超过|超|逾|大约)?(?P<sign>[-+−])?"
    r"(?P<num>\d{1,3}(?:,\d{3}){1,6}(?:\.\d{1,12})?|\d{1,15}(?:\.\d{1,12})?)"
    r"(?P<unit>%|‰|万元|亿元|千元|元|万|分|个|人次|人|次|项|户|件|场|期|名|家|所|份|篇|条|天|套|台|辆|批|张|宗|支|册"
    r"|平方米|公里|米|吨|小时|课时|学时|年|月|日|周)?"
    r"(?P<tail>以上|左右|余|多)?"
)
_TABLE_UNIT = re.compile(r"单位\s{0,3}:?\s{0,3}(?:\n\s{0,20}){0,2}(万元|亿元|千元|元)")
_COLUMN_UNIT = re.compile(r"\(\s{0,2}(万元|亿元|千元|元|%)\s{0,2}\)|(万元|亿元|千元)$")
_HEADER_WORDS = re.compile(
    r"预算|决算|分值|得分|权重|指标|序号|项目|名称|金额|完成|情况|目标|实际|科目|内容|来源|说明|原因|备注|类别|"
    r"合计数|年度|数量|单位|部门|任务|评分|标准|依据|值$|数$|率$|情况$|计划|执行|支出|收入"
)
_NOT_UNIT_COLUMN = re.compile(r"分值|得分|权重|分数|系数|序号|编号|率|人数|个数|数量|次数|户数|名次|排名")
_TOTAL_LABEL = re.compile(r"^(?:[一二三四五六七八九十]{1,2}、)?\S{0,10}?(?:合\s?计|小\s?计|总\s?计|总\s?分|总得分|总\s?额)(?:数|金额)?$")
_PIPE_SEPARATOR = re.compile(r"^\s{0,8}\|?(?:\s{0,8}:?-{2,}:?\s{0,8}\|)+\s{0,8}(?::?-{2,}:?\s{0,8})?$")
_HTML_TABLE = re.compile(r"<table\b[^<>]{0,500}>", re.I)
_HTML_TABLE_END = re.compile(r"</table\s*>", re.I)
_HTML_ROW = re.compile(r"<tr\b[^<>]{0,500}>", re.I)
_HTML_CELL = re.compile(r"<(t[dh])\b([^<>]{0,500})>", re.I)
_HTML_CELL_END = re.compile(r"</t[dh]\s*>|(?=<t[dh]\b|<tr\b|</tr\s*>|</table\s*>)", re.I)
_SPAN_ATTR = re.compile(r"(colspan|rowspan)\s*=\s*[\"']?(\d{1,3})", re.I)

MAX_TABLE_LINES = 20_000


def parse_cell_value(text: str, span: Span = (0, 0), unit: str = "") -> Optional[Quantity]:
    """The Quantity a cell holds when it is essentially a number with a unit, else None.

    `unit` is the column's or table's unit, used when the cell writes none."""
    stripped = text.strip()
    if not stripped or len(stripped) > 40:
        return None
    m = _NUMBER_CELL.fullmatch(stripped)
    if not m:
        return None
    try:
        value, decimals = parse_decimal(m.group("num"))
    except (InvalidOperation, ValueError, IndexError):
        return None
    if m.group("sign") in ("-", "−"):
        value = -value
    written_unit = m.group("unit") or ""
    hedge = m.group("hedge") or m.group("tail") or ""
    lead = len(text) - len(text.lstrip())
    return Quantity(value=value, decimals=decimals, unit=written_unit or unit,
                    span=(span[0] + lead, span[0] + lead + len(stripped)), hedge=hedge, text=stripped)


def tables(facts) -> list[Table]:
    """Every table of the report, in order of position."""
    text = facts.text
    try:
        found = _line_tables(text, facts.lines)
        found.extend(_html_tables(facts))
    except RecursionError:  # pragma: no cover - defensive
        return []
    found = [t for t in found if any(c.text for r in t.rows for c in r.cells)]
    found.sort(key=lambda t: t.span)
    for table in found:
        _finish(text, table)
    return found


# --- line-based tables (tab, pipe, one cell per line) -------------------------------------------


def _line_tables(text: str, lines: list[Span]) -> list[Table]:
    out: list[Table] = []
    i, n = 0, len(lines)
    separators = _Separators(text)
    while i < n:
        mark = separators.next(lines[i][0])
        if mark == -1:
            break
        i = bisect.bisect_right(lines, (mark, math.inf), i) - 1   # the line of the separator
        a, b = lines[i]
        line = text[a:b]
        kind = _line_kind(line)
        if not kind:
            i += 1
            continue
        block = []
        j = i
        while j < n:
            la, lb = lines[j]
            lt = text[la:lb]
            k = _line_kind(lt)
            if k == kind or kind == "tab" and lt.startswith("\t") and lt.strip():
                block.append((la, lb))
                j += 1
                continue
            if not lt.strip() and kind == "lines":
                # one-cell-per-line tables separate their rows by blank lines
                nxt = _next_nonblank(text, lines, j)
                if nxt is not None and _line_kind(text[lines[nxt][0]:lines[nxt][1]]) == "lines":
                    block.append((la, lb))
                    j += 1
                    continue
            break
        if len(block) > MAX_TABLE_LINES:
            block = block[:MAX_TABLE_LINES]
        table = _build(text, block, kind)
        if table is not None:
            out.append(table)
        i = max(j, i + 1)
    return _merge_continued(text, out)


class _Separators:
    """Where the next tab or "|" is: a line without one is no table line (see _line_kind).

    str.find, many times faster than a regex here; a character is looked for again only once
    the position has passed the last one found, so the text is read about once."""

    def __init__(self, text: str):
        self.text = text
        self.tab, self.pipe = text.find("\t"), text.find("|")

    def next(self, pos: int) -> int:
        """The first tab or "|" at or after `pos`; -1 when there is none."""
        if -1 < self.tab < pos:
            self.tab = self.text.find("\t", pos)
        if -1 < self.pipe < pos:
            self.pipe = self.text.find("|", pos)
        if self.tab == -1 or self.pipe == -1:
            return max(self.tab, self.pipe)
        return min(self.tab, self.pipe)


def _next_nonblank(text: str, lines: list[Span], j: int) -> Optional[int]:
    for k in range(j, min(j + 4, len(lines))):
        if text[lines[k][0]:lines[k][1]].strip():
            return k
    return None


def _line_kind(line: str) -> str:
    if "\t" in line.lstrip("\t ") and line.strip("\t ") or line.count("\t") >= 2 and not line.strip("\t "):
        return "tab"      # a tab between cells (a tab that only indents a paragraph does not count)
    s = line.strip()
    if s.startswith("|") and s.count("|") >= 2:
        return "pipe"
    if s.endswith("|") and len(s) > 1 and not s.startswith("|"):
        return "lines"
    return ""


def _build(text: str, block: list[Span], kind: str) -> Optional[Table]:
    rows: list[Row] = []
    header_from_separator = False
    if kind == "tab":
        for a, b in block:
            cells, pos = [], a
            for part in text[a:b].split("\t"):
                cells.append(_cell(part, pos))
                pos += len(part) + 1
            rows.append(Row(cells=cells, span=(a, b)))
        if len(rows) == 1 and len(rows[0].cells) < 3:
            return None
    elif kind == "pipe":
        for a, b in block:
            line = text[a:b]
            if _PIPE_SEPARATOR.fullmatch(line):
                if rows:
                    rows[-1].is_header = True
                    header_from_separator = True
                continue
            lead = len(line) - len(line.lstrip())
            body = line.strip()
            inner_start = a + lead + 1
            inner = body[1:]
            if inner.endswith("|"):
                inner = inner[:-1]
            cells, pos = [], inner_start
            for part in inner.split("|"):
                cells.append(_cell(part, pos))
                pos += len(part) + 1
            rows.append(Row(cells=cells, span=(a, b)))
    else:  # one cell per line, rows separated by blank lines (or one row per line)
        groups: list[list[Span]] = [[]]
        for a, b in block:
            if not text[a:b].strip():
                if groups[-1]:
                    groups.append([])
                continue
            groups[-1].append((a, b))
        groups = [g for g in groups if g]
        if len(groups) == 1:
            groups = [[span] for span in groups[0]]
        for group in groups:
            cells = []
            for a, b in group:
                line = text[a:b]
                parts = line.rstrip().rstrip("|").split("|")
                pos = a
                for part in parts:
                    cells.append(_cell(part, pos))
                    pos += len(part) + 1
            rows.append(Row(cells=cells, span=(group[0][0], group[-1][1])))
        if len(rows) < 2:
            return None
    if not rows:
        return None
    table = Table(rows=rows, span=(rows[0].span[0], rows[-1].span[1]), kind=kind)
    if header_from_separator:
        table._separator_header = True  # type: ignore[attr-defined]
    return table


def _cell(part: str, pos: int) -> Cell:
    stripped = part.strip()
    if not stripped:
        return Cell(text="", span=(pos, pos))
    lead = len(part) - len(part.lstrip())
    return Cell(text=stripped, span=(pos + lead, pos + lead + len(stripped)))


def _merge_continued(text: str, found: list[Table]) -> list[Table]:
    """Join a table that a blank line (a page break) cut in two: same kind, same number of columns,
    and the second part does not start with a header of its own."""
    out: list[Table] = []
    for table in found:
        if out:
            prev = out[-1]
            gap = text[prev.span[1]:table.span[0]]
            if (prev.kind == table.kind and not gap.strip() and gap.count("\n") <= 4
                    and len(prev.rows[-1].cells) == len(table.rows[0].cells) >= 3
                    and not _looks_like_header(table.rows[0])):
                prev.rows.extend(table.rows)
                prev.span = (prev.span[0], table.span[1])
                continue
        out.append(table)
    return out


# --- HTML tables ----------------------------------------------------------------------------------


def _html_tables(facts) -> list[Table]:
    source = facts.source.text
    if "<" not in source or "<t" not in source and "<T" not in source:   # one character is found fastest
        return []
    omap = facts.clean.omap
    text = facts.text
    out: list[Table] = []
    pos = 0
    while True:
        m = _HTML_TABLE.search(source, pos)
        if not m:
            break
        end_m = _HTML_TABLE_END.search(source, m.end())
        end = end_m.start() if end_m else len(source)
        out_table = _html_table(source[m.end():end], m.end(), omap, text)
        if out_table is not None:
            out.append(out_table)
        pos = end_m.end() if end_m else len(source)
    return out


def _to_clean(omap, original: int) -> int:
    return bisect.bisect_left(omap, original)


def _html_table(body: str, base: int, omap, text: str) -> Optional[Table]:
    row_starts = [m for m in _HTML_ROW.finditer(body)]
    if not row_starts:
        return None
    rows: list[Row] = []
    carry: dict[int, int] = {}      # column -> rows still covered by a rowspan above
    for idx, rm in enumerate(row_starts):
        row_end = row_starts[idx + 1].start() if idx + 1 < len(row_starts) else len(body)
        chunk_start = rm.end()
        cells: list[Cell] = []
        col = 0
        for cm in _HTML_CELL.finditer(body, chunk_start, row_end):
            while carry.get(col, 0) > 0:
                pos = _to_clean(omap, base + cm.start())
                cells.append(Cell(text="", span=(pos, pos)))
                carry[col] -= 1
                col += 1
            inner_start = cm.end()
            em = _HTML_CELL_END.search(body, inner_start, row_end)
            inner_end = em.start() if em else row_end
            a = _to_clean(omap, base + inner_start)
            b = _to_clean(omap, base + inner_end)
            raw = text[a:b] if b > a else ""
            lead = len(raw) - len(raw.lstrip())
            stripped = raw.strip()
            span = (a + lead, a + lead + len(stripped)) if stripped else (a, a)
            cells.append(Cell(text=" ".join(stripped.split()), span=span))
            colspan = rowspan = 1
            for attr in _SPAN_ATTR.finditer(cm.group(2)):
                size = max(1, min(int(attr.group(2)), 50))
                if attr.group(1).lower() == "colspan":
                    colspan = size
                else:
                    rowspan = size
            for k in range(colspan):
                if rowspan > 1:
                    carry[col + k] = rowspan - 1
                if k:
                    cells.append(Cell(text="", span=(span[1], span[1])))
            col += colspan
        while carry.get(col, 0) > 0:
            cells.append(Cell(text="", span=(cells[-1].span[1],) * 2 if cells else (0, 0)))
            carry[col] -= 1
            col += 1
        if not cells:
            continue
        a = _to_clean(omap, base + rm.start())
        b = max(cells[-1].span[1], a)
        rows.append(Row(cells=cells, span=(min(a, cells[0].span[0]), b)))
    if not rows:
        return None
    return Table(rows=rows, span=(rows[0].span[0], rows[-1].span[1]), kind="html")


# --- header, totals, values, units --------------------------------------------------------------


def _looks_like_header(row: Row) -> bool:
    filled = [c for c in row.cells if c.text]
    if len(filled) < 2 or any(len(c.text) > 30 for c in filled):
        return False
    if any(parse_cell_value(c.text) is not None for c in filled):
        return False          # a header holds no numbers (the first one found says so)
    words = sum(1 for c in filled if _HEADER_WORDS.search(c.text))
    return words * 2 >= len(filled)


def _finish(text: str, table: Table) -> None:
    rows = table.rows
    separator = getattr(table, "_separator_header", False)
    if not separator and rows:
        if _looks_like_header(rows[0]):
            rows[0].is_header = True
            # a second header line (two-level headers) when the rows below carry the numbers
            if (len(rows) > 2 and _looks_like_header(rows[1])
                    and not any(parse_cell_value(c.text) for c in rows[1].cells)):
                rows[1].is_header = True
        first = [c.text for c in rows[0].cells] if rows[0].is_header else None
        if first:
            for row in rows[1:]:
                if [c.text for c in row.cells] == first:
                    row.is_header = True
    table.unit = _table_unit(text, table)
    header = table.header
    column_units: list[str] = []
    column_blocks: list[bool] = []
    if header is not None:
        for cell in header.cells:
            m = _COLUMN_UNIT.search(cell.text)
            column_units.append((m.group(1) or m.group(2)) if m else "")
            column_blocks.append(bool(_NOT_UNIT_COLUMN.search(cell.text)))
    for row in rows:
        if row.is_header:
            continue
        for k, cell in enumerate(row.cells):
            if not cell.text:
                continue
            unit = column_units[k] if k < len(column_units) and column_units[k] else ""
            if not unit and table.unit and not (k < len(column_blocks) and column_blocks[k]):
                unit = table.unit
            cell.value = parse_cell_value(cell.text, cell.span, unit)
        row.is_total = _is_total_row(row)


def _is_total_row(row: Row) -> bool:
    seen = 0
    for cell in row.cells:
        if not cell.text:
            continue
        if cell.value is not None:
            break
        if _TOTAL_LABEL.match(cell.text.replace(" ", "")):
            return True
        seen += 1
        if seen >= 2:
            break
    return False


def _table_unit(text: str, table: Table) -> str:
    """The money unit of a "单位：万元" line just before the table (it may be split over two lines)."""
    start = table.span[0]
    window_start = start
    nonblank = 0
    while window_start > 0 and nonblank < 5:
        prev = text.rfind("\n", 0, max(window_start - 1, 0))
        line = text[prev + 1:window_start]
        if "\t" in line and line.strip() and nonblank:
            break
        if line.strip():
            nonblank += 1
        window_start = prev + 1 if prev >= 0 else 0
        if prev < 0:
            break
    window = text[window_start:start]
    m = None
    for m in _TABLE_UNIT.finditer(window):
        pass
    if m is not None:
        return m.group(1)
    header = table.header
    if header is not None:
        for cell in header.cells:
            cm = re.search(r"单位\s{0,2}:?\s{0,2}(万元|亿元|千元|元)", cell.text)
            if cm:
                return cm.group(1)
    return ""
