"""D — dates: the filing date against the evaluated year, documents and events dated after filing,
impossible dates, reversed ranges, missed deadlines, and years that disagree."""
from __future__ import annotations

import datetime as dt
from typing import Iterator, Optional

from lint.facts.dates import days_in_month, first_day, is_self_evaluation_notice, iso, last_day
from lint.model import DateFact, FieldValue
from lint.rules import Diagnostic, Related, Severity, rule

_SOURCE_WORDS = {"field": "评价年度", "title": "the title", "body": "the year the body reports on",
                 "conclusion": "the conclusion", "table": "a self-evaluation table's title"}


def _filing(facts) -> Optional[tuple[DateFact, FieldValue]]:
    field = facts.header.filing_date
    if field is None:
        return None
    d = field.value
    if not isinstance(d, DateFact) or d.year is None or d.month is None or not d.valid:
        return None
    return d, field


def _year_statement(facts) -> Optional[FieldValue]:
    return facts.header.evaluation_year


def _year_related(facts) -> list[Related]:
    stated = _year_statement(facts)
    if stated is None:
        return []
    return [Related(stated.span, f"evaluation year {stated.value} ({_SOURCE_WORDS.get(stated.source, stated.source)})")]


def _label(facts, field: FieldValue) -> str:
    """The field name the filing date was written under (填报日期, 报告日期 …)."""
    before = facts.text[max(0, field.span[0] - 8) : field.span[0]]
    for word in ("填报日期", "报告日期", "成文日期", "填报时间", "报送日期", "填表日期", "报告时间"):
        if word in before:
            return word
    return "filing date"


def _as_date(key: tuple[int, int, int]) -> Optional[dt.date]:
    try:
        return dt.date(*key)
    except ValueError:
        return None


@rule("D001", "filed-before-period-end", Severity.ERROR, needs={"header", "dates", "docnumbers"})
def filed_before_period_end(facts) -> Iterator[Diagnostic]:
    """A filing date on or before the last day of the year the report evaluates.

    ## What it checks
    The filing date (填报日期, 报告日期, 成文日期) against 12-31 of the evaluation year (评价年度, the
    title's year, else the year the body reports on). A report on year Y can only be filed once Y is
    over, normally in Y+1. When the body's document numbers and as-of dates point to another year, the
    message names the date that was probably meant.

    ## Why
    A year typed wrong in the filing date makes the whole report look back-dated; the cited documents
    usually show which year it should have been.

    ## Example
    评价年度：2023年度 … 填报日期：2023年6月28日     → D001 (filed before 2023-12-31)
    评价年度：2023年度 … 填报日期：2024年6月28日     → silent
    """
    found = _filing(facts)
    year = facts.evaluation_year
    if found is None or year is None:
        return
    filed, field = found
    end = (year, 12, 31)
    if last_day(filed) > end:
        return
    message = (f"{_label(facts, field)} {iso(filed)} is on or before the end of the evaluation year {year} "
               f"({year}-12-31): a report on {year} cannot be filed before the year is over")
    hint = _intended(facts, filed, year)
    if hint:
        message += f"; {hint}"
    stated = _year_statement(facts)
    severity = None
    if stated is not None and stated.source == "body":
        severity = Severity.WARNING          # the year is a guess from the body
    elif stated is not None and stated.source == "title":
        concluded = {s.value for s in facts.header.year_statements if s.source == "conclusion"}
        if concluded and year not in concluded:
            # the title may name the year the evaluation was made in; the conclusion names another
            severity = Severity.WARNING
            message += f" (the conclusion speaks of {', '.join(map(str, sorted(concluded)))})"
    yield Diagnostic("", message, field.span, related=_year_related(facts), severity=severity)


def _intended(facts, filed: DateFact, year: int) -> str:
    """'probably meant 2024-06-28: the report cites 湛开财[2024]319号 and states figures as of 2023-12-31'."""
    if filed.day is None:
        return ""
    candidate = (year + 1, filed.month, filed.day)
    if _as_date(candidate) is None:
        return ""
    docs = [d for d in facts.docnumbers if filed.year < d.year <= year + 1]
    later = [d for d in facts.dates
             if d.role in ("as_of", "event") and d.year_explicit and d.valid and d.year is not None
             and first_day(d) > last_day(filed) and last_day(d) <= candidate]
    if not docs and not later:
        return ""
    reasons = []
    if docs:
        reasons.append("cites " + ", ".join(d.text.replace(" ", "") for d in docs[:2]))
    as_of = [d for d in later if d.role == "as_of"]
    events = [d for d in later if d.role == "event"]
    if as_of:
        reasons.append(f"states figures as of {iso(max(as_of, key=last_day))}")
    elif events:
        reasons.append(f"reports events dated {iso(max(events, key=last_day))}")
    return (f"probably meant {candidate[0]}-{candidate[1]:02d}-{candidate[2]:02d}: the report "
            + " and ".join(reasons))


@rule("D002", "document-after-filing", Severity.ERROR, needs={"header", "docnumbers"})
def document_after_filing(facts) -> Iterator[Diagnostic]:
    """A cited document issued in a year later than the filing date.

    ## What it checks
    Every document number (`<issuer>〔YYYY〕N号`, any bracket, a lost bracket too) against the filing
    date: a document of year YYYY cannot be cited by a report filed before YYYY (error). The notice that
    asked for the self-evaluation (《…绩效自评工作的通知》) is issued in the year after the evaluated one;
    a notice dated earlier than evaluation year + 1 is a warning.

    ## Why
    A report cannot cite a document that did not exist when it was filed: either the filing date or the
    citation is wrong.

    ## Example
    填报日期：2023年6月28日 … 《关于开展2024年…绩效自评工作的通知》（湛开财[2024]319号）   → D002
    填报日期：2024年6月28日 … 《关于开展2024年…绩效自评工作的通知》（湛开财[2024]319号）   → silent
    """
    found = _filing(facts)
    if found is None:
        return
    filed, field = found
    year = facts.evaluation_year
    label = _label(facts, field)
    for doc in facts.docnumbers:
        cited = doc.text.replace(" ", "")
        if doc.year > filed.year:
            yield Diagnostic("", f"{cited} is a {doc.year} document, but the report was filed on {iso(filed)} "
                                 f"({label}): it cites a document issued after it was filed "
                                 f"({doc.year} > {filed.year})",
                             doc.span, related=[Related(field.span, f"{label} {iso(filed)}")])
        elif year is not None and is_self_evaluation_notice(doc) and doc.year < year + 1:
            yield Diagnostic("", f"the self-evaluation notice {cited} is dated {doc.year}, but the notice for "
                                 f"evaluation year {year} is issued in {year + 1} or later "
                                 f"({doc.year} < {year} + 1): the evaluation year or the citation may be wrong",
                             doc.span, related=_year_related(facts), severity=Severity.WARNING)


_ROLE_WORDS = {"as_of": "states figures as of", "event": "dates an event on"}


@rule("D003", "dated-after-filing", Severity.ERROR, needs={"header", "dates"})
def dated_after_filing(facts) -> Iterator[Diagnostic]:
    """An as-of date, a dated event or a year-end figure later than the filing date.

    ## What it checks
    截至/截止 dates, 年末/12月31日 figures and dated past events (于…已下拨, …收到/召开/印发) against the
    filing date. Plans and future periods are left alone: 计划/拟/将/预计/力争/…前完成, 为2026年换届,
    validity periods (基地（2024年10月-2027年10月）), ranges. Error when the year is written, warning when it
    is taken from the context (截至11月2日 after a 2023 date in the same paragraph).

    ## Why
    A report cannot describe the state of things on a day that had not come when it was filed: the
    filing date or the as-of date is wrong.

    ## Example
    填报日期：2023年6月28日 … 截至2023年11月1日止，共登记清查对象15343户   → D003
    填报日期：2024年6月28日 … 截至2023年11月1日止，共登记清查对象15343户   → silent
    """
    found = _filing(facts)
    if found is None:
        return
    filed, field = found
    label = _label(facts, field)
    filed_end = last_day(filed)
    for d in facts.dates:
        if d.role not in ("as_of", "event") or d.year is None or d.month is None or not d.valid:
            continue
        if d.span[0] < field.span[1] and field.span[0] < d.span[1]:
            continue
        if first_day(d) <= filed_end:
            continue
        context = "" if d.year_explicit else f"; year {d.year} taken from the context"
        said = d.text
        word = facts.text[max(0, d.span[0] - 3) : d.span[0]].lstrip()
        for w in ("截至", "截止"):
            if word.endswith(w):
                said = w + said
        yield Diagnostic("", f"{said} ({iso(d)}{context}) is after the filing date {iso(filed)} ({label}): "
                             f"the report {_ROLE_WORDS[d.role]} {iso(d)}, which had not come when it was filed",
                         d.span, related=[Related(field.span, f"{label} {iso(filed)}")],
                         severity=None if d.year_explicit else Severity.WARNING)


def _why_invalid(d: DateFact) -> str:
    if d.month is not None and not 1 <= d.month <= 12:
        return f"there is no month {d.month}"
    if d.day == 0:
        return "there is no day 0"
    if d.month == 2 and d.day == 29 and d.year:
        return f"{d.year} is not a leap year: February {d.year} has 28 days"
    if d.month is not None and d.day is not None:
        return f"month {d.month} of {d.year or 'any year'} has {days_in_month(d.year, d.month)} days, not {d.day}"
    return "no such date"


@rule("D004", "impossible-date", Severity.ERROR, needs={"dates"})
def impossible_date(facts) -> Iterator[Diagnostic]:
    """A date that does not exist: 2月30日, 13月, 0日, 2023年2月29日.

    ## What it checks
    Every written date's month (1–12) and day (1 to the length of the month, leap years counted). When
    the year is taken from the context (2月29日 in a paragraph about 2023) it is a warning.

    ## Why
    An impossible date is a typing error; the intended date cannot be known, and any comparison with it
    is meaningless.

    ## Example
    于2023年2月30日召开专题会议     → D004
    于2023年2月28日召开专题会议     → silent
    """
    for d in facts.dates:
        for part in (d, d.range_end):
            if part is None or part.valid or part.month is None:
                continue
            # 2月29日 is impossible only in the year the context gave it: a warning then
            leap_only = part.month == 2 and part.day == 29 and not part.year_explicit
            severity = Severity.WARNING if leap_only else None
            yield Diagnostic("", f"{part.text} is not a date: {_why_invalid(part)}", part.span, severity=severity)


@rule("D005", "reversed-range", Severity.ERROR, needs={"dates"})
def reversed_range(facts) -> Iterator[Diagnostic]:
    """A date range whose end comes before its start.

    ## What it checks
    Ranges such as 2024年10月-2027年10月, 2022年1月至3月, 2021-2022年: the end must not be earlier than
    the start. When the end's year is taken from the start (2022年11月至3月) it is a warning — a range
    crossing the year is written 2022年11月至2023年3月 or 11月至次年3月.

    ## Why
    A period that ends before it begins is a typing error in one of its ends.

    ## Example
    实践基地（2027年10月-2024年10月）     → D005
    实践基地（2024年10月-2027年10月）     → silent
    """
    for d in facts.dates:
        end = d.range_end
        if end is None or d.year is None or end.year is None or not d.valid or not end.valid:
            continue
        if last_day(end) < first_day(d):
            context = "" if end.year_explicit else f" (its year {end.year} taken from the start)"
            yield Diagnostic("", f"the range {d.text} ends on {iso(end)}{context}, before it starts on {iso(d)}",
                             d.span, severity=None if end.year_explicit else Severity.WARNING)


# fixed-date public holidays (month, first day, last day); the Spring Festival moves, see _holiday_slack
_HOLIDAYS = ((1, 1, 1), (5, 1, 5), (10, 1, 7))


def _holiday_slack(start: dt.date, end: dt.date) -> int:
    """Weekdays that may be public holidays between start and end (exclusive of start)."""
    slack = 0
    day = start + dt.timedelta(days=1)
    spring = False
    while day <= end:
        if day.weekday() < 5 and any(day.month == m and a <= day.day <= b for m, a, b in _HOLIDAYS):
            slack += 1
        if (day.month == 1 and day.day >= 20) or (day.month == 2 and day.day <= 20):
            spring = True
        day += dt.timedelta(days=1)
    return slack + (5 if spring else 0)


def _add_working_days(start: dt.date, days: int) -> dt.date:
    day, left = start, days
    while left > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


@rule("D006", "deadline-missed", Severity.WARNING, needs={"dates", "deadlines"})
def deadline_missed(facts) -> Iterator[Diagnostic]:
    """A "within N days" deadline whose stated date falls outside the window.

    ## What it checks
    "2022年1月30日收到…，于20日内（2022年2月18日）公开": the stated date must lie within N calendar days of
    the dated start (N个工作日内: N working days, weekends skipped and public holidays allowed for).

    ## Why
    The report claims a deadline was kept while its own dates say otherwise, or one of the dates is wrong.

    ## Example
    2022年1月30日收到批复，于20日内（2022年2月25日）公开     → D006 (2022-01-30 + 20 days = 2022-02-19)
    2022年1月30日收到批复，于20日内（2022年2月18日）公开     → silent
    """
    for dl in facts.deadlines:
        if dl.stated is None or not dl.start.valid or not dl.stated.valid or dl.start.month is None:
            continue
        start = _as_date(first_day(dl.start))
        stated = _as_date(first_day(dl.stated))
        if start is None or stated is None:
            continue
        related = [Related(dl.start.span, f"start {iso(dl.start)}")]
        if stated < start:
            yield Diagnostic("", f"the date stated for the {dl.days}-day window, {iso(dl.stated)}, is before its "
                                 f"start {iso(dl.start)}", dl.stated.span, related=related)
            continue
        if dl.working_days:
            latest = _add_working_days(start, dl.days)
            slack = _holiday_slack(start, stated)
            limit = _add_working_days(latest, slack) if slack else latest
            if stated > limit:
                extra = f", or {limit.isoformat()} allowing {slack} weekday holidays" if slack else ""
                yield Diagnostic("", f"{iso(dl.start)} + {dl.days} working days = {latest.isoformat()}"
                                     f"{extra}, but the stated date is {iso(dl.stated)} "
                                     f"({(stated - limit).days} days later)", dl.stated.span, related=related)
        else:
            latest = start + dt.timedelta(days=dl.days)
            if stated > latest:
                yield Diagnostic("", f"{iso(dl.start)} + {dl.days} days = {latest.isoformat()}, but the stated date "
                                     f"is {iso(dl.stated)} ({(stated - latest).days} days later)",
                                 dl.stated.span, related=related)


@rule("D007", "year-mismatch", Severity.WARNING, needs={"header"})
def year_mismatch(facts) -> Iterator[Diagnostic]:
    """The evaluated year stated one way in the header and another in the conclusion.

    ## What it checks
    The evaluation year of 评价年度 (else the title) against the title, the conclusion ("2024年，本单位
    整体支出绩效…自评为良") and the titles of self-evaluation tables in the report.

    ## Why
    A report copied from last year's often keeps last year's number in one place; then it is unclear
    which year was evaluated.

    ## Example
    评价年度：2023年度 … 2022年，本单位整体支出绩效情况良好，绩效自评为良     → D007
    评价年度：2023年度 … 2023年，本单位整体支出绩效情况良好，绩效自评为良     → silent
    """
    statements = facts.header.year_statements
    ref = next((s for s in statements if s.source == "field"), None) or \
        next((s for s in statements if s.source == "title"), None)
    if ref is None:
        return
    text = facts.text
    seen = set()
    for s in statements:
        if s is ref or s.value == ref.value or s.span in seen:
            continue
        if s.source == "conclusion":
            # a comparison with another year ("比2022年…") or a sentence that also names the right year
            before = text[max(0, s.span[0] - 3) : s.span[0]]
            if any(w in before for w in ("比", "较", "同比", "上年", "与", "和", "、")):
                continue
            lo = max(text.rfind(c, 0, s.span[0]) for c in "。;\n") + 1
            hi = min((i for i in (text.find(c, s.span[1]) for c in "。;\n") if i != -1), default=len(text))
            if str(ref.value) in text[lo:hi]:
                continue
        seen.add(s.span)
        where = _SOURCE_WORDS.get(s.source, s.source)
        ref_where = _SOURCE_WORDS.get(ref.source, ref.source)
        yield Diagnostic("", f"{where} names the year {s.value}, but {ref_where} says {ref.value}: "
                             f"the report states two evaluated years ({s.value} ≠ {ref.value})",
                         s.span, related=[Related(ref.span, f"evaluation year {ref.value} ({ref_where})")])


@rule("D008", "filed-late", Severity.INFO, needs={"header"})
def filed_late(facts) -> Iterator[Diagnostic]:
    """A filing date after the end of the year following the evaluated one.

    ## What it checks
    A report on year Y is filed in Y+1 (usually March–July). A filing date after 12-31 of Y+1 is noted.

    ## Why
    A late date is often a typing error in the year (2025 for 2024); when it is right, it is still worth
    knowing.

    ## Example
    评价年度：2023年度 … 填报日期：2025年3月1日     → D008
    评价年度：2023年度 … 填报日期：2024年3月1日     → silent
    """
    found = _filing(facts)
    year = facts.evaluation_year
    if found is None or year is None:
        return
    filed, field = found
    if first_day(filed) > (year + 1, 12, 31):
        yield Diagnostic("", f"{_label(facts, field)} {iso(filed)} is after {year + 1}-12-31, the end of the year "
                             f"after the evaluation year {year}: a report on {year} is normally filed in {year + 1}",
                         field.span, related=_year_related(facts))
