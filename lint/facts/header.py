"""The report's header: title, evaluation year, filing date, unit name.

The evaluation year comes from the 评价年度 field, else the title ("2021年部门整体支出…", "（2021年度）" on the
line after it), else the year the body reports on ("2024年，本单位…", "本部2022年…", the conclusion). Every
statement of the evaluated year is kept in `Header.year_statements` so that a check can compare them.

This module reads the clean text itself and parses single fields with `lint.facts.dates.scan_dates`; it never
asks for `facts.dates`, which depends on the evaluation year found here.
"""
from __future__ import annotations

import bisect
import heapq
import math
from collections import Counter
from typing import Iterable, Iterator, Optional

from lint import rx as re

from lint.facts.dates import YEAR_MAX, YEAR_MIN, _cn_year, _inside_title, scan_dates
from lint.model import FieldValue, Header, Span


class _Words:
    """A few words, found through a character each holds (as rare as can be): `str.find` for one character
    is much cheaper than a scan for the words (the field patterns below open with them)."""

    def __init__(self, words: tuple[str, ...], keys: str):
        self.words = words
        by_key: dict[str, dict[int, tuple[str, ...]]] = {}        # key -> its offset in words -> the words
        for word in words:
            key = next(k for k in keys if k in word)
            by_offset = by_key.setdefault(key, {})
            by_offset[word.index(key)] = by_offset.get(word.index(key), ()) + (word,)
        self._keys = [(key, list(by_offset.items())) for key, by_offset in by_key.items()]
        self._longest_offset = max(max(by_offset) for by_offset in by_key.values())

    def alternatives(self) -> str:
        return "|".join(re.escape(word) for word in self.words)

    def starts(self, text: str) -> Iterator[int]:
        """Where one of the words starts, in order. They are looked for as they are asked for, in ever
        longer stretches of the text: a field is often near the top."""
        found: list[int] = []       # a heap: a word found through one key may start before one found earlier
        stretch_start, stretch_end = 0, 256
        while stretch_start < len(text):
            for key, by_offset in self._keys:
                at = text.find(key, stretch_start, stretch_end)
                while at != -1:
                    for offset, words in by_offset:
                        if at >= offset and text.startswith(words, at - offset):
                            heapq.heappush(found, at - offset)
                    at = text.find(key, at + 1, stretch_end)
            # the keys further on hold words that start at stretch_end - _longest_offset or later
            while found and found[0] < stretch_end - self._longest_offset:
                yield heapq.heappop(found)
            stretch_start, stretch_end = stretch_end, stretch_end * 4
        while found:
            yield heapq.heappop(found)


def _matches_near(pattern: re.Pattern, text: str, starts: Iterable[int], lead: int = 0) -> Iterator[re.Match]:
    """What `pattern.finditer(text)` finds, for a pattern whose every match starts at one of `starts` (in
    order) or at most `lead` characters before it."""
    pos = 0
    for start in starts:
        for at in range(max(pos, start - lead), start + 1):
            if at >= pos:
                m = pattern.match(text, at)
                if m:
                    yield m
                    pos = m.end()
        pos = max(pos, start + 1)


_TITLE_WORD = re.compile(r"自评报告|自评表|评价报告|评分表|得分表|自评情况报告")
_TITLE_BAD_END = set("。;,:")
_YEAR = r"(?P<year>(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})"
_TITLE_YEAR = re.compile(rf"(?<![\d.]){_YEAR}[ \t]?年")
_YEAR_LINE = re.compile(rf"[ \t#*]*\(?[ \t]?{_YEAR}[ \t]?年度?[ \t]?\)?[ \t]*$")

_EVAL_WORDS = _Words(("评价年度", "自评年度", "绩效年度", "预算年度", "评价年份", "所属年度", "评价期间"), "度份间")
_EVAL_FIELD = re.compile(
    rf"(?:{_EVAL_WORDS.alternatives()})[ \t|]{{0,3}}[:]?[ \t|]{{0,3}}(?:为|是)?[ \t]?{_YEAR}(?![\d])[ \t]?年?"
)
# the words _FILING_FIELD opens with (its 报告 words with a look-behind)
_FILING_WORDS = _Words(("填报日期", "报告日期", "成文日期", "填报时间", "报送日期", "填表日期", "报告时间"), "期间")
_FILING_FIELD = re.compile(
    r"(?:填报日期|(?<!审计|评估|评价|检查|审核|决算|验收|专项|鉴定|监测)报告(?:日期|时间)|成文日期|填报时间|报送日期|填表日期)"
    r"[ \t]?[:]?[ \t]?",
    scan=True,
)
_UNIT_FIELD_WORDS = _Words(("部门(单位)名称", "部门(单位)", "部门名称", "单位名称", "评价单位", "填报单位", "预算单位名称",
                            "预算部门名称"), "称填(位")
_UNIT_FIELD = re.compile(
    rf"(?:{_UNIT_FIELD_WORDS.alternatives()})"
    r"[ \t]?(?:\((?:公章|盖章|签章)\))?[ \t]?[:]?[ \t]?(?P<value>[^\n\t|]{0,60})"
)
# a project table's unit fields, in a cell of their own or at a line's start ("主管部门要加强…" in prose is none)
_PROJECT_UNIT_WORDS = _Words(("实施单位", "主管部门", "项目单位"), "施管位")
_PROJECT_UNIT_FIELD = re.compile(
    rf"(?:^|[|\t])[ \t]?(?:项目)?(?:{_PROJECT_UNIT_WORDS.alternatives()})"
    r"[ \t]?(?P<sep>[:|\t]?)[ \t]?\|?[ \t]?(?P<value>[^\n\t|]{0,60})",
    re.M, scan=True,
)
_NOT_A_NAME = re.compile(r"[。,;!?]")
_NEXT_FIELD = re.compile(r"实施单位|主管部门|项目单位|项目名称|项目负责人|填报人|联系人|联系电话|填报日期")
_SEAL_ONLY = re.compile(r"^[( ]*(?:公章|盖章|签章|签字|盖公章)?[) ]*$")

_UNIT_WORDS = (r"本单位|本部门|本部|本局|本委|本院|本中心|本所|本办|本站|本街道|本镇|我单位|我部门|我部|我局|我委|我院|"
               r"我中心|我所|我办|我站|我街道|我镇|我校|本校|全年")
_BODY_WORDS = _UNIT_WORDS.split("|") + ["部门整体支出", "整体支出"]
# what a year of the body must have next to it: the first character of a word after, the last of one before
_UNIT_WORD_LAST = re.compile("[%s]" % "".join(sorted({word[-1] for word in _UNIT_WORDS.split("|")})))
_BODY_AFTER_FIRST = re.compile("[%s]" % "".join(sorted({word[0] for word in _BODY_WORDS})))
_BODY_AFTER = re.compile(rf"(?<![\d.])(?P<year>(?:19|20)\d{{2}})年度?[ \t]?,?[ \t]?(?:{_UNIT_WORDS}|部门整体支出|整体支出)", scan=True)
_BODY_BEFORE = re.compile(rf"(?:{_UNIT_WORDS})[ \t]?(?P<year>(?:19|20)\d{{2}})年度?(?![\d])", scan=True)
_CONCLUSION = re.compile(
    r"(?<![\d.])(?P<year>(?:19|20)\d{2})年度?[^。;!?\n]{0,30}?"
    r"(?:整体支出绩效(?:情况|自评|评价|得分|等级|总体)|绩效自评(?!报告|工作|材料|表|资料|结果公开)|自评得分|自评分数|"
    r"绩效得分|评价等级|绩效等级|自评为|自评结果|综合得分)",
    scan=True,
)
# the words a conclusion ends with (their common start): one must begin within 30 characters after 年度
_CONCLUSION_WORD = re.compile(r"整体支出绩效|绩效自评|自评得分|自评分数|绩效得分|评价等级|绩效等级|自评为|自评结果|综合得分")
_DATE_MARK = re.compile(r"[年月\-./]")    # every date holds one (2023年, 6月, 2023-06-28 …): a line without has none
_ANY_YEAR = re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d{2})年")
_TABLE_TITLE_WORDS = _Words(("自评表", "评分表", "得分表"), "表")


def header(facts) -> Header:
    text = facts.text
    lines = facts.lines
    h = Header()
    h.title = _title(text, lines)
    statements: list[FieldValue] = []

    m = next(_matches_near(_EVAL_FIELD, text, _EVAL_WORDS.starts(text)), None)
    if m and _plausible(m.group("year")):
        statements.append(FieldValue("evaluation_year", _cn_year(m.group("year")), m.span("year"), "field"))
    if h.title is not None:
        ty = _title_year(text, lines, h.title.span)
        if ty is not None:
            statements.append(ty)
    years = _year_starts(text)
    statements.extend(s for s in _conclusions(text, years)
                      if h.title is None or not h.title.span[0] <= s.span[0] < h.title.span[1])
    statements.extend(_table_titles(text, h.title))
    h.year_statements = statements

    for source in ("field", "title"):
        found = next((s for s in statements if s.source == source), None)
        if found is not None:
            h.evaluation_year = found
            break
    if h.evaluation_year is None and getattr(facts, "year_override", None) is None:
        # a guess from the body; an explicit --year wins over it
        h.evaluation_year = _body_year(text, statements, years)
    h.filing_date = _filing_date(text, lines)
    h.unit_name = _unit_name(text)
    return h


def _plausible(year_text: str) -> bool:
    year = _cn_year(year_text)
    return year is not None and YEAR_MIN <= year <= YEAR_MAX


def _stripped(text: str, span: Span) -> Span:
    a, b = span
    while a < b and text[a] in " \t#*>|":
        a += 1
    while b > a and text[b - 1] in " \t|":
        b -= 1
    return a, b


def _heading_like(line: str) -> bool:
    return 4 <= len(line) <= 80 and line[-1] not in _TITLE_BAD_END and not line.startswith(("根据", "按照", "依据"))


def _title(text: str, lines: list[Span]) -> Optional[FieldValue]:
    """The first heading-like line that names the report (…自评报告, …自评表, …评分表)."""
    for span in lines:
        a, b = _stripped(text, span)
        line = text[a:b]
        if not line or not _heading_like(line):
            continue
        m = _TITLE_WORD.search(line)
        if m and not _inside_title(text, a + m.start()) and "《" not in line[: m.start()]:
            return FieldValue("title", line, (a, b), "title")
    return None


def _title_year(text: str, lines: list[Span], title_span: Span) -> Optional[FieldValue]:
    a, b = title_span
    m = _TITLE_YEAR.search(text, a, b)
    if m and _plausible(m.group("year")):
        return FieldValue("evaluation_year", _cn_year(m.group("year")), m.span("year"), "title")
    # "（2021年度）" on a line of its own just after (or before) the title
    idx = bisect.bisect_right(lines, (a, math.inf)) - 1      # the line that holds the title
    if idx < 0 or a > lines[idx][1]:
        return None
    after = [j for j in range(idx + 1, min(len(lines), idx + 4)) if text[lines[j][0] : lines[j][1]].strip()][:1]
    before = [j for j in range(idx - 1, max(-1, idx - 4), -1) if text[lines[j][0] : lines[j][1]].strip()][:1]
    for j in after + before:
        m = _YEAR_LINE.match(text, lines[j][0], lines[j][1])
        if m and _plausible(m.group("year")):
            return FieldValue("evaluation_year", _cn_year(m.group("year")), m.span("year"), "title")
    return None


def _year_starts(text: str) -> list[int]:
    """Where each "19xx年" / "20xx年" starts (and a few more): the year patterns below are tried only there."""
    starts = []
    at = text.find("年", 4)
    while at != -1:
        if text.startswith(("19", "20"), at - 4):
            starts.append(at - 4)
        at = text.find("年", at + 1)
    return starts


def _conclusions(text: str, years: list[int]) -> list[FieldValue]:
    """'2024年，本单位整体支出绩效…自评为良', '我单位2023年度整体支出绩效自评…', '自评“2022年度部门整体支出”的绩效得分'."""
    starts = [y for y in years if _CONCLUSION_WORD.search(text, y + 5, y + 43)]
    out = []
    for m in _matches_near(_CONCLUSION, text, starts):
        if _inside_title(text, m.start()):
            continue
        out.append(FieldValue("evaluation_year", int(m.group("year")), m.span("year"), "conclusion"))
    return out


def _table_titles(text: str, title: Optional[FieldValue]) -> list[FieldValue]:
    """'2022年度部门整体支出绩效自评表' as the title of a table inside the report."""
    out = []
    for span in _lines_at(text, _TABLE_TITLE_WORDS.starts(text)):
        a, b = _stripped(text, span)
        if title is not None and (a, b) == title.span:
            continue
        line = text[a:b]
        if not line or not _heading_like(line):
            continue
        if line.startswith("《") or "《" in line:
            continue
        m = _TITLE_YEAR.search(line)
        if m and _plausible(m.group("year")):
            out.append(FieldValue("evaluation_year", _cn_year(m.group("year")),
                                  (a + m.start("year"), a + m.end("year")), "table"))
    return out


def _lines_at(text: str, offsets: Iterable[int]) -> list[Span]:
    """The lines (as in `facts.lines`) that hold these offsets, in order, each once."""
    spans: list[Span] = []
    for at in offsets:
        if spans and at <= spans[-1][1]:
            continue
        end = text.find("\n", at)
        spans.append((text.rfind("\n", 0, at) + 1, len(text) if end == -1 else end))
    return spans


def _body_year(text: str, statements: list[FieldValue], years: list[int]) -> Optional[FieldValue]:
    """The year the body reports on: most stated in '2024年，本单位…' / '本部2022年…' / the conclusion."""
    votes: Counter = Counter()
    first: dict[int, Span] = {}
    for s in statements:
        if s.source == "conclusion":
            votes[s.value] += 3
            first.setdefault(s.value, s.span)
    # only where a unit word can follow the 年 (after 度, a space, a comma) or end right before the year
    after = [y for y in years if _BODY_AFTER_FIRST.search(text, y + 5, y + 10)]
    before = [y for y in years if y >= 2 and _UNIT_WORD_LAST.search(text, y - 2, y)]
    for m in [*_matches_near(_BODY_AFTER, text, after), *_body_before(text, before)]:
        if _inside_title(text, m.start("year")):
            continue
        year = int(m.group("year"))
        votes[year] += 1
        first.setdefault(year, m.span("year"))
    if not votes:
        # no statement at all: the year named most often, when it stands out
        for m in _matches_near(_ANY_YEAR, text, years):
            if not _inside_title(text, m.start()):
                year = int(m.group("year"))
                votes[year] += 1
                first.setdefault(year, m.span("year"))
        ranked = votes.most_common(2)
        if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
            return None
    (year, count), *rest = votes.most_common(2)
    if rest and rest[0][1] == count:
        return None     # two years stated equally often: no guess
    return FieldValue("evaluation_year", year, first[year], "body")


def _body_before(text: str, years: list[int]) -> list[re.Match]:
    """What `_BODY_BEFORE.finditer(text)` finds: the unit word (3 characters at most) and a space sit right
    before the year, and the year with its 年度 and look-ahead takes 7 characters."""
    found, pos = [], 0
    for start in years:
        m = _BODY_BEFORE.search(text, max(pos, start - 4), start + 7)
        if m:
            found.append(m)
            pos = m.end()
    return found


def _filing_date(text: str, lines: list[Span]) -> Optional[FieldValue]:
    """填报日期/报告日期/成文日期 (发布日期 and 公开时间 are publication dates, not filing)."""
    for m in _matches_near(_FILING_FIELD, text, _FILING_WORDS.starts(text)):
        end = text.find("\n", m.end(), m.end() + 40)
        end = min(len(text), m.end() + 40) if end == -1 else end
        found = [d for d in scan_dates(text, m.end(), end, roles=False) if d.span[0] - m.end() <= 3]
        if found and found[0].year is not None and found[0].month is not None:
            d = found[0]
            return FieldValue("filing_date", d, d.span, "field")
    # a date alone on one of the last lines: the 成文日期 under the signature
    tail: list[Span] = []
    for span in reversed(lines):
        if text[span[0] : span[1]].strip():
            tail.append(span)
            if len(tail) == 6:
                break
    for span in tail:
        a, b = _stripped(text, span)
        if b - a > 30 or not _DATE_MARK.search(text, a, b):
            continue
        found = scan_dates(text, a, b, roles=False)
        if len(found) == 1 and found[0].span == (a, b) and found[0].day is not None and found[0].year_explicit:
            d = found[0]
            return FieldValue("filing_date", d, d.span, "body")
    return None


def _unit_name(text: str) -> Optional[FieldValue]:
    # 部门名称/单位名称 first; a project table's 主管部门/实施单位 names the unit too
    unit_fields = _matches_near(_UNIT_FIELD, text, _UNIT_FIELD_WORDS.starts(text))
    # the project field may open with "|项目" or a line's start before its word
    project_fields = _matches_near(_PROJECT_UNIT_FIELD, text, _PROJECT_UNIT_WORDS.starts(text), lead=4)
    for pattern, fields in ((_UNIT_FIELD, unit_fields), (_PROJECT_UNIT_FIELD, project_fields)):
        for m in fields:
            value = m.group("value").strip()
            if not value or _SEAL_ONLY.match(value):
                continue
            value = re.sub(r"^\((?:公章|盖章|签章)\)", "", value).strip(" :")
            if pattern is _PROJECT_UNIT_FIELD:
                # a cell of its own ("|主管部门|XX局|", "实施单位:XX") or cells run together
                # ("主管部门XX局实施单位YY馆"); not a sentence that opens with the word
                glued = _NEXT_FIELD.search(value)
                if not (m.group("sep") or glued) or _NOT_A_NAME.search(value[:glued.start()] if glued else value):
                    continue
            value = _NEXT_FIELD.split(value, 1)[0].strip(" :")   # cells run together: "XX局实施单位YY馆"
            if not value or not re.search(r"\p{Han}{2}", value):
                continue
            start = m.start("value") + m.group("value").find(value[:1])
            return FieldValue("unit_name", value, (start, start + len(value)), "field")
    return None
