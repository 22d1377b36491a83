"""Dates, document numbers and deadlines of a report.

`dates(facts)`       every date as written: 2023年6月28日, 2023-06-28, 2023.6.28, 2024年10月, 11月2日 (year from
                     context), 2023年 / 2023年度 / 2023年末 / 年末, ranges (2024年10月-2027年10月, 2022年1月至3月,
                     2021-2022年), Chinese numerals (二〇二三年八月二日), each with its role: "as_of" (截至…, 年末),
                     "event" (a dated past event), "plan" (计划/拟/将/预计/…前完成/为2026年换届), "period" (ranges,
                     validity periods) or "" (a plain mention). Impossible dates are kept with valid=False.
`docnumbers(facts)`  <issuer>〔YYYY〕N号 in every bracket variant, a lost bracket included, with the 《title》 cited
                     right before it.
`deadlines(facts)`   "…收到…，于20日内（2022年2月18日）…" / "N个工作日内": the dated start, the window, the stated date.

The scanners work on any string (`scan_dates(text, start, end)`), so the header extractor can parse one field
without asking for the whole list (which needs the evaluation year, which the header supplies).
"""
from __future__ import annotations

import bisect
import calendar
from typing import Iterable, Iterator, Optional

from lint import rx as re

from lint.model import DateFact, Deadline, DocNumber, Span

# --- numerals ---------------------------------------------------------------------------------

_CN_DIGIT = "〇零○一二三四五六七八九"
_CN_VALUE = {"〇": 0, "零": 0, "○": 0, "O": 0, "o": 0, "0": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}

YEAR_MIN, YEAR_MAX = 1949, 2099

_Y = rf"(?:(?:19|20)\d{{2}}|[{_CN_DIGIT}]{{4}})"
_M = r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九])"
_D = r"(?:\d{1,2}|[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])"
_S = r"[ \t]?"   # an optional space between the parts (the normaliser removes most)

_DATE = re.compile(
    rf"""
    (?P<yrange>(?<![\d.])(?P<ry1>(?:19|20)\d{{2}}){_S}[-—–~～至到]{_S}(?P<ry2>(?:19|20)\d{{2}}){_S}年(?P<rysuf>度)?)
   |(?P<num>(?<![\d.])(?P<ny>(?:19|20)\d{{2}}){_S}(?P<sep>[-./]){_S}(?P<nm>\d{{1,2}}){_S}(?P=sep){_S}(?P<nd>\d{{1,2}})
        (?![\d]|\.\d|{_S}[-/]{_S}\d))
   |(?P<cn>(?<![\d.{_CN_DIGIT}])(?P<y>{_Y}){_S}年{_S}
        (?:(?P<m>{_M}){_S}月(?:{_S}(?P<d>{_D}){_S}[日号])?
          |(?P<ysuf>度末|度|年末|年底|末|底)?))
   |(?P<md>(?<![\d.])(?P<m2>\d{{1,2}}){_S}月(?:{_S}(?P<d2>\d{{1,2}}){_S}[日号])?(?![\d个]))
   |(?P<cmd>(?:(?<=[于在至到,(、\s:~\-])|(?<=截至|截止|^))
        (?P<m3>十[一二]?|[一二三四五六七八九])月(?:(?P<d3>[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])[日号])?)
   |(?P<rel>(?<![\d{_CN_DIGIT}十年每])(?P<relw>上|去|本|今|当|同|明|次)?年(?:年)?(?P<relsuf>末|底)(?![线数]))
    """,
    re.X | re.M,
)

# Every date holds 年, 月 or (2023-06-28) the separator after its year: that anchor lies at most _LEAD characters
# after the date's start, and only lead characters (digits, numerals, range dashes, 本/去/…) come before it.
# A date, with what its look-aheads read, is at most 18 characters long: _REACH is enough to try a start at
# or before the anchor exactly as on the whole text.
_LEAD, _REACH = 12, 20
_LEAD_CHARS = "0123456789〇零○一二三四五六七八九十上去本今当同明次 \t-—–~～至到"
_REL_AT_YEAR = ("年末", "年底", "年年")     # 年末, 年底, 年年末: the only dates that start at their 年
_YEAR_HEADS = ("19", "20")


def _anchors(text: str, start: int, end: int) -> list[int]:
    """Offsets of 年, 月 and of a separator after a 19xx/20xx year (and a few more), in order."""
    found = []
    for ch in "年月":
        i = text.find(ch, start, end)
        while i != -1:
            found.append(i)
            i = text.find(ch, i + 1, end)
    for ch in "-./":
        i = text.find(ch, start, end)
        while i != -1:
            if text.startswith(_YEAR_HEADS, i - 4) or text.startswith(_YEAR_HEADS, i - 5):
                found.append(i)
            i = text.find(ch, i + 1, end)
    found.sort()
    return found


def _date_matches(text: str, start: int, end: int) -> Iterator[re.Match]:
    """What `_DATE.finditer(text, start, end)` finds, trying the pattern only just before an anchor.

    The pattern opens with look-behinds and alternatives, so a scan would try it at every character."""
    match = _DATE.match
    pos = start                         # no date starts before pos
    for anchor in _anchors(text, start, end):
        if anchor < pos:
            continue
        if text[anchor] in "年月":
            first = _lead_start(text, pos if pos > anchor - _LEAD else anchor - _LEAD, anchor)
            last = anchor if text.startswith(_REL_AT_YEAR, anchor) else anchor - 1
            if first > last:
                continue
        else:
            # the separator of 2023-06-28 (which holds no 年/月): the date starts 4 before it, 5 with a space
            first, last = max(pos, anchor - 5), anchor - 4
        reach = min(end, anchor + _REACH)
        at = first
        while at <= last:
            m = match(text, at, reach)
            if m is None:
                at += 1
                continue
            yield m
            at = m.end()
        pos = at


def _lead_start(text: str, floor: int, anchor: int) -> int:
    """Where the run of lead characters before `anchor` starts (not before `floor`)."""
    at = floor + len(text[floor:anchor].rstrip(_LEAD_CHARS))
    # other digits: the \d of `regex` also knows digits newer than Python's Unicode data, all beyond U+FFFF
    while at > floor and (text[at - 1].isdigit() or text[at - 1] > "\uffff"):
        at = floor + len(text[floor : at - 1].rstrip(_LEAD_CHARS))
    return at


_RANGE_SEP = re.compile(r"[ \t]?(?:[-—–~～]|至|到)[ \t]?(?P<next>次年|翌年|第二年)?")
_RANGE_SEP_LONGEST = 6          # " 至 第二年"
_RANGE_DAY = re.compile(r"[ \t]?(?:[-—–~～]|至|到)[ \t]?(?P<d>\d{1,2})[ \t]?[日号]")
_RANGE_DAY_FIRST = frozenset(" \t-—–~～至到")


def _cn_year(text: str) -> Optional[int]:
    if text.isdigit():
        return int(text)
    try:
        return int("".join(str(_CN_VALUE[c]) for c in text))
    except KeyError:
        return None


def _small(text: Optional[str]) -> Optional[int]:
    """'12' -> 12, '十二' -> 12, '二十一' -> 21, '三十' -> 30."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _CN_VALUE.get(text)
    tens, _, ones = text.partition("十")
    return (_CN_VALUE.get(tens, 1) if tens else 1) * 10 + (_CN_VALUE.get(ones, 0) if ones else 0)


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: Optional[int], month: int) -> int:
    if month == 2:
        return 29 if year is None or calendar.isleap(year) else 28
    if 1 <= month <= 12:
        return _MONTH_DAYS[month]
    return calendar.monthrange(year or 2000, month)[1]    # raises, as for any impossible month


def is_valid(year: Optional[int], month: Optional[int], day: Optional[int]) -> bool:
    if month is None:
        return day is None
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    return 1 <= day <= days_in_month(year, month)


def iso(d: DateFact) -> str:
    """2023-06-28, 2023-06, 2023 — as precise as the date is written."""
    if d.year is None:
        return (f"?-{d.month:02d}" if d.month else "?") + (f"-{d.day:02d}" if d.day else "")
    if d.month is None:
        return f"{d.year}"
    if d.day is None:
        return f"{d.year}-{d.month:02d}"
    return f"{d.year}-{d.month:02d}-{d.day:02d}"


def first_day(d: DateFact) -> tuple[int, int, int]:
    """The earliest day the date can mean (2023年11月 -> 2023-11-01)."""
    return (d.year or 0, d.month or 1, d.day or 1)


def last_day(d: DateFact) -> tuple[int, int, int]:
    """The latest day the date can mean (2023年11月 -> 2023-11-30, 2023年 -> 2023-12-31)."""
    month = d.month if d.month and 1 <= d.month <= 12 else 12
    day = d.day if d.day else days_in_month(d.year, month)
    return (d.year or 0, month, day)


# --- roles ------------------------------------------------------------------------------------

_AS_OF_BEFORE = re.compile(r"(?:截至|截止|截止到|截止至|截至到)[ \t]?(?:到|至)?[ \t]?$")
_LABEL_BEFORE = re.compile(r"(?:发布|公开|公示|打印|下载|更新|浏览|印发|生成)(?:日期|时间)[ \t]?[:：]?[ \t]?$")
_PERIOD_BEFORE = re.compile(r"(?:有效期|期限|实施期|执行期|周期|建设期|服务期|合同期|任期)(?:为|是|自|从)?[ \t]?$")
_PLAN_BEFORE = re.compile(
    r"(?:计划|拟|将于|将在|将要|将会|即将|预计|力争|争取|目标|下一步|明年|来年|今后|预期|规划|确保|要求|应当|应于|应在|"
    r"须于|须在|需于|需在|务必|准备|打算|将)[^,。;!?\n]{0,12}$"
    r"|(?:到|至)[ \t]?$"
)
_PLAN_AFTER = re.compile(r"^[ \t]?(?:之前|以前|前|底前|末前|起|开始|换届|届满|到期|止前)")
_PLAN_IN_AFTER = re.compile(r"将|拟|计划|预计|准备|力争|争取|打算|预期|有望|待")       # starting within 24 characters
_SENTENCE_PLAN = re.compile(r"下一步|明年|来年|今后|下一年度|下年度")
_EVENT_AFTER = re.compile(                                                               # within 40 characters
    r"收到|召开|印发|下拨|下达|批复|获批|获评|荣获|获得|批准|审批|通过|完成|举办|举行|开展|成立|"
    r"签订|签署|发布|出台|上报|报送|公开|启动|验收|竣工|开工|挂牌|组织|已|了"
)
_CUT = re.compile(r"[。;!?\n]")
_UP_TO_CUT = re.compile(r".*[。;!?\n]", re.S)       # up to the last cut
# the last character before blanks and a colon of a clause that ends with a label, period or as-of word
_BEFORE_MARKS = frozenset("期间限为是自从至止到")


def _inside_title(text: str, pos: int) -> bool:
    """Whether `pos` lies inside a 《…》 title."""
    opened = text.rfind("《", pos - 120 if pos > 120 else 0, pos)
    return opened != -1 and text.rfind("》", opened, pos) == -1 and text.find("》", pos, pos + 120) != -1


def _clause_before(text: str, start: int, width: int) -> str:
    lo = start - width if start > width else 0
    up_to_cut = _UP_TO_CUT.match(text, lo, start)
    return text[up_to_cut.end() if up_to_cut else lo : start]


def _clause_after(text: str, end: int, width: int = 50) -> str:
    m = _CUT.search(text, end, end + width)
    return text[end : m.start() if m else end + width]


def _starts_within(pattern: re.Pattern, clause: str, limit: int) -> bool:
    """Whether `pattern` occurs in `clause` (which holds no 。;!?) starting at most `limit` characters in."""
    m = pattern.search(clause)
    return m is not None and m.start() <= limit


_HEADING_LINE = (r"[ \t#*]*(?:[一二三四五六七八九十]{1,3}[、.]|\([ \t]?[一二三四五六七八九十\d]{1,3}[ \t]?\)|\d{1,2}[.、](?!\d)|[①-⑳])"
                 r"[^\n]{0,30}$")
_FIRST_HEADING = re.compile(_HEADING_LINE, re.M)
# from its newline, the look-ahead (what a heading line can start with) turning most lines down at once
_HEADING = re.compile(r"\n(?=[ \t#*(\d①-⑳一二三四五六七八九十])" + _HEADING_LINE, re.M)
_PLAN_SECTION = re.compile(r"下一步|计划|打算|改进|整改措施|工作思路|工作安排|展望|努力方向|明年|今后|下年度|下一年度")


def _headings(text: str, start: int, end: int) -> list[Span]:
    """The spans of the headings in text[start:end]."""
    first = _FIRST_HEADING.match(text, 0, end) if start == 0 else None
    from_newline = start - 1 if start and text[start - 1] == "\n" else start
    return ([first.span()] if first else []) + [(m.start() + 1, m.end())
                                                for m in _HEADING.finditer(text, from_newline, end)]


def _role(text: str, d: DateFact, year_end: bool, in_plan_section: bool = False) -> str:
    start, end = d.span
    if _inside_title(text, start):
        return ""
    if d.range_end is not None:
        return "period"
    if in_plan_section:
        return "plan"
    sentence = _clause_before(text, start, 80)
    before = sentence[-30:]             # the clause before: the last 30 characters of the sentence
    marked = before.rstrip(" \t:：")[-1:] in _BEFORE_MARKS     # most clauses end with none of those words
    if marked and _LABEL_BEFORE.search(before[-10:]):
        return ""          # 发布日期：… — when the page was published, not what the report states
    after = _clause_after(text, end)
    if marked and _PERIOD_BEFORE.search(before[-10:]):
        return "period"
    plan_after = _PLAN_AFTER.match(after)
    as_of = marked and _AS_OF_BEFORE.search(before[-6:])
    if (plan_after or _PLAN_BEFORE.search(before[-16:]) or _starts_within(_PLAN_IN_AFTER, after, 24)
            or _SENTENCE_PLAN.search(sentence)):
        if not as_of or plan_after:
            return "plan"
    if as_of or after.startswith("止"):
        return "as_of"
    if year_end or (d.month == 12 and d.day == 31):
        return "as_of"
    if d.month is not None and _starts_within(_EVENT_AFTER, after, 40):
        return "event"
    return ""


# --- scanning ---------------------------------------------------------------------------------

_YEAR_END_SUFFIXES = frozenset(("末", "底", "年末", "年底", "度末"))
_GROUP_NUMBERS: dict[tuple[str, ...], list[int]] = {}     # names -> their numbers in _DATE


def _group(m: re.Match, *names: str):
    """m.group(*names), asked by number: the regex module is slow to look a name up."""
    numbers = _GROUP_NUMBERS.get(names)
    if numbers is None:
        numbers = _GROUP_NUMBERS[names] = [_DATE.groupindex[name] for name in names]
    return m.group(*numbers)


def _token(m: re.Match) -> Optional[tuple[DateFact, bool, str]]:
    """One matched date: (fact, is a year-end, relative-year word)."""
    kind = m.lastgroup           # the alternative that matched: it encloses the others, so it closes last
    span = m.span()
    text = m.group()
    if kind == "cn":
        year_text, month_text, day_text, suffix = _group(m, "y", "m", "d", "ysuf")
        y = _cn_year(year_text)
        if y is None or not YEAR_MIN <= y <= YEAR_MAX:
            return None
        mo, da = _small(month_text), _small(day_text)
        year_end = suffix in _YEAR_END_SUFFIXES
        if year_end:
            mo, da = 12, 31
        return DateFact(y, mo, da, span, text, valid=is_valid(y, mo, da)), year_end, ""
    if kind == "yrange":
        ry1, ry2 = _group(m, "ry1", "ry2")
        ry2_start = m.start(_DATE.groupindex["ry2"])
        start = DateFact(int(ry1), None, None, (span[0], span[0] + len(ry1)), ry1)
        end = DateFact(int(ry2), None, None, (ry2_start, span[1]), text[ry2_start - span[0] :])
        start.range_end = end
        start.span, start.text = span, text
        return start, False, ""
    if kind == "num":
        y, mo, da = map(int, _group(m, "ny", "nm", "nd"))
        return DateFact(y, mo, da, span, text, valid=is_valid(y, mo, da)), False, ""
    if kind == "md":
        month_text, day_text = _group(m, "m2", "d2")
        mo, da = int(month_text), _small(day_text)
        if da is None and not 1 <= mo <= 12:
            return None        # "13月" alone is not a date anyone wrote
        if mo == 0 and da is None:
            return None
        return DateFact(None, mo, da, span, text, year_explicit=False, valid=is_valid(None, mo, da)), False, ""
    if kind == "cmd":
        mo, da = map(_small, _group(m, "m3", "d3"))
        return DateFact(None, mo, da, span, text, year_explicit=False, valid=is_valid(None, mo, da)), False, ""
    if kind == "rel":
        return DateFact(None, 12, 31, span, text, year_explicit=False), True, _group(m, "relw") or ""
    return None


def scan_dates(text: str, start: int = 0, end: Optional[int] = None,
               default_year: Optional[int] = None, roles: bool = True) -> list[DateFact]:
    """Every date in text[start:end], ranges paired, roles assigned (unless not asked for), years from
    context filled in."""
    end = len(text) if end is None else end
    raw: list[tuple[DateFact, bool, str]] = []
    for m in _date_matches(text, start, end):
        try:
            tok = _token(m)
        except ValueError:  # digits that `regex` knows and int() does not (newer than Python's Unicode data)
            continue
        if tok is not None:
            raw.append(tok)
    out: list[DateFact] = []
    year_ends: list[bool] = []
    rels: list[str] = []
    month_ends: set[int] = set()
    i = 0
    while i < len(raw):
        d, year_end, rel = raw[i]
        # a range: the next date follows after only a separator ("2024年10月-2027年10月", "1月至3月")
        if i + 1 < len(raw) and d.range_end is None:
            nxt, nxt_year_end, _ = raw[i + 1]
            pairs = (nxt.span[0] - d.span[1] <= _RANGE_SEP_LONGEST and nxt.range_end is None
                     and not year_end and not nxt_year_end
                     and ((d.month is not None and nxt.month is not None)
                          or (d.month is None and nxt.month is None and d.year is not None and nxt.year_explicit)))
            sep = pairs and _RANGE_SEP.fullmatch(text, d.span[1], nxt.span[0])
            if sep:
                if nxt.year is None:
                    nxt.year = (d.year + 1 if sep.group("next") else d.year) if d.year else None
                    nxt.year_explicit = False
                nxt.valid = is_valid(nxt.year, nxt.month, nxt.day)
                d.range_end = nxt
                d.span = (d.span[0], nxt.span[1])
                d.text = text[d.span[0] : d.span[1]]
                i += 1
        next_char = text[d.span[1] : d.span[1] + 1]
        if d.range_end is None and d.day is not None and next_char in _RANGE_DAY_FIRST:
            m = _RANGE_DAY.match(text, d.span[1], min(end, d.span[1] + 8))
            if m:
                da = int(m.group("d"))
                tail = DateFact(d.year, d.month, da, (m.start("d"), m.end()), text[m.start("d") : m.end()],
                                year_explicit=False, valid=is_valid(d.year, d.month, da))
                d.range_end = tail
                d.span = (d.span[0], m.end())
                d.text = text[d.span[0] : d.span[1]]
        if d.range_end is None and d.month is not None and d.day is None and next_char in ("底", "末"):
            d.span = (d.span[0], d.span[1] + 1)     # 2024年3月底: the last day of the month
            d.text = text[d.span[0] : d.span[1]]
            month_ends.add(id(d))
        out.append(d)
        year_ends.append(year_end)
        rels.append(rel)
        i += 1
    _fill_years(text, out, rels, default_year)
    for d in out:
        if id(d) in month_ends and 1 <= (d.month or 0) <= 12:
            d.day = days_in_month(d.year, d.month)
    if roles and out:
        _assign_roles(text, start, end, out, year_ends, rels)
    return out


def _assign_roles(text: str, start: int, end: int, found: list[DateFact], year_ends: list[bool],
                  rels: list[str]) -> None:
    """Each date's role, from its words around and the section it is in."""
    last = found[-1].span[0]          # headings after the last date's line are read by no date
    line_end = text.find("\n", last, end)
    heads = _headings(text, start, end if line_end == -1 else line_end)
    head_starts = [a for a, _ in heads]
    plans: dict[int, bool] = {}       # heading -> whether it opens a section about plans, read when asked
    for d, year_end, rel in zip(found, year_ends, rels):
        at = bisect.bisect_right(head_starts, d.span[0]) - 1
        if at >= 0 and at not in plans:
            plans[at] = bool(_PLAN_SECTION.search(text, *heads[at]))
        in_plan = at >= 0 and plans[at] and heads[at][0] != text.rfind("\n", 0, d.span[0]) + 1
        d.role = "plan" if rel in ("明", "次") else _role(text, d, year_end, in_plan)


def _fill_years(text: str, found: list[DateFact], rels: list[str], default_year: Optional[int]) -> None:
    """A date written without its year takes the nearest explicit year before it in the same paragraph."""
    last_year: Optional[int] = None
    last_line, scanned = -1, 0
    for d, rel in zip(found, rels):
        # the newline before this date, looked for only since the previous date (dates come in order)
        newline = text.rfind("\n", scanned, d.span[0])
        scanned = max(scanned, d.span[0])
        if newline != -1 and newline != last_line:
            last_line, last_year = newline, None
        if d.year is not None and d.year_explicit:
            last_year = d.range_end.year if d.range_end is not None and d.range_end.year else d.year
            continue
        if d.year is None:
            base = last_year if last_year is not None else default_year
            if base is not None and rel in ("上", "去"):
                base -= 1
            elif base is not None and rel in ("明", "次"):
                base += 1
            d.year = base
            d.valid = is_valid(d.year, d.month, d.day)
            if d.range_end is not None:
                if d.range_end.year is None:
                    d.range_end.year = base
                d.range_end.valid = is_valid(d.range_end.year, d.range_end.month, d.range_end.day)


def dates(facts) -> list[DateFact]:
    """Every date of the report, in text order."""
    try:
        year = facts.evaluation_year
    except Exception:  # the header could not be read: dates still stand on their own
        year = getattr(facts, "year_override", None)
    return scan_dates(facts.text, default_year=year)


def _ending_at(pattern: re.Pattern, text: str, last: str, longest: int, before: Optional[str] = None
               ) -> Iterator[re.Match]:
    """What `pattern.finditer(text)` finds, for a pattern whose matches end with their only `last` character
    and are at most `longest` long (optionally right after one of the characters `before`): the pattern
    is searched for only in the window that ends at each `last`."""
    pos = 0
    at = text.find(last)
    while at != -1:
        if at >= pos and (before is None or text[at - 1 : at] in before):
            m = pattern.search(text, max(pos, at + 1 - longest), at + 1)
            if m is not None:
                yield m
                pos = m.end()
        at = text.find(last, at + 1)


# --- document numbers -------------------------------------------------------------------------

_DOC_CORE = re.compile(
    r"""(?P<open>[〔\[(【])[ \t]?(?P<y>\d{4})[ \t]?(?P<close>[〕\])】])?[ \t]?(?P<n>\d{1,5})[ \t]?号
       |(?<=[\p{Han}])(?P<y2>\d{4})[ \t]?[〕\])】][ \t]?(?P<n2>\d{1,5})[ \t]?号""",
    re.X,
    scan=True,
)
_ISSUER = re.compile(r"[\p{Han}A-Za-z]{1,14}[ \t]?$")
_ISSUER_CUT = re.compile(r".*(?:印发了?|转发|根据|按照|依据|参照|通知|文件|的|见|号|是|了)")
_TITLE_BEFORE = re.compile(r"《(?P<t>[^《》\n]{1,150})》[^《》。;\n]{0,8}$")


def docnumbers(facts) -> list[DocNumber]:
    return scan_docnumbers(facts.text)


def scan_docnumbers(text: str) -> list[DocNumber]:
    out: list[DocNumber] = []
    for m in _ending_at(_DOC_CORE, text, "号", 16):
        year_text = m.group("y") or m.group("y2")
        if not year_text.isdecimal():  # digits newer than Python's Unicode data: int() cannot read them
            continue
        year = int(year_text)
        if not YEAR_MIN <= year <= YEAR_MAX:
            continue
        if m.group("y") and not m.group("close") and len(m.group("n")) > 3:
            continue      # "(2023 1234号": too unsure
        core_start = m.start()
        if m.group("y2"):
            core_start = m.start("y2")
        lo = max(0, core_start - 16)
        issuer_m = _ISSUER.search(text, lo, core_start)
        if not issuer_m:
            continue
        run = issuer_m.group().rstrip()
        cut = _ISSUER_CUT.match(run)
        skip = cut.end() if cut else 0
        issuer = run[skip:]
        if not issuer or issuer.isascii():        # (the issuer holds only Chinese and Latin letters)
            continue
        start = issuer_m.start() + skip
        span = (start, m.end())
        title = ""
        t = _TITLE_BEFORE.search(text, max(0, start - 170), start)
        if t:
            title = t.group("t")
        out.append(DocNumber(text=text[span[0] : span[1]], issuer=issuer, year=year,
                             number=m.group("n") or m.group("n2"), span=span, title=title))
    return out


_NOTICE = re.compile(r"(?:绩效自评|绩效评价|自评)[^《》]{0,12}(?:工作)?的?通知")


def is_self_evaluation_notice(doc: DocNumber) -> bool:
    """The notice that asked for this self-evaluation: 《关于开展2024年…绩效自评工作的通知》."""
    return bool(doc.title and _NOTICE.search(doc.title))


# --- deadlines --------------------------------------------------------------------------------

_DEADLINE = re.compile(
    r"(?:于|在)?[ \t]?(?<![\d月.])(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})[ \t]?个?[ \t]?(?P<unit>工作日|自然日|日|天)[ \t]?(?:之内|内)",
    scan=True,
)
_STATED = re.compile(r"[ \t]?(?:\(|,?即|,?也就是)")


def deadlines(facts) -> list[Deadline]:
    """Every "N日内 / N个工作日内" window that has a dated start before it in the same sentence."""
    return scan_deadlines(facts.text, facts.dates)


def scan_deadlines(text: str, found: Iterable[DateFact]) -> list[Deadline]:
    days_only = [d for d in found if d.day is not None and d.month is not None and d.year is not None]
    out: list[Deadline] = []
    j = 0
    for m in _ending_at(_DEADLINE, text, "内", 14, before="日天之 \t"):
        n = _small(m.group("n")) if not m.group("n").isdigit() else int(m.group("n"))
        if not n:
            continue
        # the start: the last full date before the window, in the same sentence
        while j < len(days_only) and days_only[j].span[1] <= m.start():
            j += 1
        if j == 0:
            continue
        start = days_only[j - 1]
        between = text[start.span[1] : m.start()]
        if len(between) > 80 or re.search(r"[。;!?\n]", between):
            continue
        if start.range_end is not None:
            continue
        stated = None
        if j < len(days_only):
            cand = days_only[j]
            gap = text[m.end() : cand.span[0]]
            if cand.span[0] >= m.end() and len(gap) <= 4 and (_STATED.match(gap) or gap == ""):
                stated = cand
        out.append(Deadline(start=start, days=n, span=m.span(), working_days=m.group("unit") == "工作日",
                            stated=stated, text=m.group()))
    return out
