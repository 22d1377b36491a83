"""S — scores and grades: scores against their maxima, itemised scores against the total, weights
against 100, the grade against the score's band, indicators left without a score."""
from __future__ import annotations

import bisect
from decimal import Decimal, InvalidOperation
from typing import Iterator, Optional

from lint import rx as re

from lint.numeric import fmt, half_unit
from lint.rules import Diagnostic, Related, Severity, rule

DEFAULT_BANDS = {"优": Decimal(90), "良": Decimal(80), "中": Decimal(60), "差": Decimal(0)}
GRADE_NAMES = {"优秀": "优", "良好": "良", "一般": "中", "较差": "差", "优": "优", "良": "良", "中": "中", "差": "差",
               "合格": "中", "不合格": "差"}

_BONUS_WORDS = ("加分", "加减分", "附加分", "奖励分")
_BUDGET_RATE = re.compile(r"预算执行率|执行率|支出率|预算完成率|支出进度|执行进度|资金到位率")
_FORMULA = re.compile(
    r"(?:执行率|完成率|支出率)\s{0,3}[×*xX]\s{0,3}(?:该指标)?(?:分值|权重)"
    r"|(?:分值|权重)\s{0,3}[×*xX]\s{0,3}(?:预算)?(?:执行率|完成率|支出率)"
    r"|(?:执行率|完成率|支出率)\s{0,3}乘以\s{0,3}(?:该指标)?(?:分值|权重)"
    r"|(?:分值|权重)\s{0,3}乘以\s{0,3}(?:预算)?(?:执行率|完成率|支出率)",
    scan=True,
)
_FORMULA_OPERATORS = ("×", "*", "x", "X", "乘以")   # every _FORMULA match has one of these …
_FORMULA_LEAD = 6                                  # … at most this many characters after its start


def _stated_formula(text: str):
    """_FORMULA.search(text), searched from just before the first operator (the text has none, mostly)."""
    first = min((i for i in map(text.find, _FORMULA_OPERATORS) if i >= 0), default=-1)
    return _FORMULA.search(text, max(0, first - _FORMULA_LEAD)) if first >= 0 else None


_LE_LABEL = re.compile(r"控制率|变动率|差异率|偏差率|投诉率|事故率|发生率|超支率|结余率|结转率|失误率|差错率|下降率")
_GE_LABEL = re.compile(r"完成率|覆盖率|满意度|满意率|合格率|达标率|及时率|到位率|执行率|知晓率|参与率|办结率|通过率|验收率")
_TARGET = re.compile(
    r"(?P<cmp>≥|>=|≧|>|不低于|不少于|大于等于|大于|≤|<=|≦|<|不高于|不超过|不多于|小于等于|小于|低于|控制在|达到|=)?\s{0,2}"
    r"(?P<n>\d{1,9}(?:\.\d{1,4})?)\s{0,2}(?P<u>%|个|人次|人|次|项|户|件|场|期|名|家|份|篇|册|天|日|小时|万元|元)?"
    r"\s{0,2}(?P<post>以上|及以上|或以上|以下|及以下|或以下|以内)?"
)
_NUMBER = re.compile(r"(?P<n>\d{1,9}(?:\.\d{1,4})?)\s{0,2}(?P<u>%|个|人次|人|次|项|户|件|场|期|名|家|份|篇|册|天|日|小时|万元|元)?")
_PROSE_TARGET = re.compile(
    r"(?:目标值|预期值|指标值|年度目标|目标)\s{0,2}(?:为|是|:)?\s{0,2}"
    r"(?P<t>(?:≥|>=|≤|<=|不低于|不少于|不高于|不超过|达到)?\s{0,2}\d{1,9}(?:\.\d{1,4})?\s{0,2}%(?:以上|以下|以内)?)"
)
_PROSE_ACTUAL = re.compile(
    r"(?:实际完成值|实际值|完成值|实际完成|实际达到|实际为|实际)\s{0,2}(?:为|是|:|了)?\s{0,2}(?P<a>\d{1,9}(?:\.\d{1,4})?\s{0,2}%)"
)


def _diag(message: str, span, related=None, severity=None) -> Diagnostic:
    return Diagnostic("", message, span, list(related or []), severity)


def _name(item) -> str:
    number = getattr(item, "number", "") or ""
    return f"{number} {item.label}".strip() if item.label else (number or "an indicator")


def _d(value) -> str:
    return fmt(Decimal(value))


def _items(scores, *, include_subtotals: bool = False):
    return [i for i in scores.items if (include_subtotals or not getattr(i, "subtotal", False))]


# --- S001 ---------------------------------------------------------------------------------------


@rule("S001", "score-exceeds-max", Severity.ERROR, needs={"scores"})
def score_exceeds_max(facts) -> Iterator[Diagnostic]:
    """An indicator's score is above its maximum (分值/权重), or negative.

    ## What it checks
    Every indicator with both a maximum (分值, 权重, 指标分值, "(5分)" in its heading) and a score
    (得分, 自评得分, 指标得分, or 权重 × 得分系数), in prose and in tables: the score may not exceed
    the maximum, and may not be negative. 加分/减分 items have no maximum and are left out.

    ## Why
    A score above the points an indicator carries cannot be right; it usually is a typing
    slip or a score copied from another row, and it also throws the total off.

    ## Example
    （2）结转结余率　该指标分值 3 分，自评得分 3.5 分。   → S001
    （2）结转结余率　该指标分值 3 分，自评得分 3 分。     → silent
    """
    for item in _items(facts.scores, include_subtotals=True):
        if item.bonus or item.score is None:
            continue
        score = item.score.value
        if score < 0:
            yield _diag(message=f"{_name(item)}: 得分 {item.score.text or _d(score)} is negative; "
                                     f"an indicator's score runs from 0 to its 分值",
                             span=item.score.span)
            continue
        if item.maximum is None:
            continue
        maximum = item.maximum.value
        if score > maximum:
            how = ""
            coef = getattr(item, "coefficient", None)
            if getattr(item, "computed", False) and coef is not None:
                how = f" (权重 {_d(maximum)} × 得分系数 {coef.text})"
            yield _diag(
                message=f"{_name(item)}: 得分 {_d(score)}{how} is above its 分值 {_d(maximum)} "
                        f"(by {_d(score - maximum)})",
                span=item.score.span,
                related=[Related(item.maximum.span, f"分值 {_d(maximum)}")] if item.maximum.span != item.score.span else [],
            )


# --- S002 ---------------------------------------------------------------------------------------


def _tolerance(items, total) -> Decimal:
    """Scores are exact as assigned; only figures written to two or more decimals are taken as rounded."""
    tol = sum((half_unit(i.score.decimals) for i in items if i.score.decimals >= 2), Decimal(0))
    if total.decimals >= 2 or any(i.score.decimals > total.decimals for i in items):
        tol += half_unit(total.decimals)
    return tol


def _section_key(item):
    """The section an item sits in: its parent heading in prose, its 一级指标 in a table."""
    parent = getattr(item, "parent_node", -1)
    return ("node", parent) if parent >= 0 else ("label", getattr(item, "group", ""), item.section)


def _by_section(items) -> dict:
    sections: dict = {}
    for i in items:
        sections.setdefault(_section_key(i), []).append(i)
    return sections


def _terms(items) -> str:
    """"19.5 + 41.5 + 30 + bonus 8": section sums when there are sections, else each score."""
    plain = [i for i in items if not i.bonus]
    bonus = [i for i in items if i.bonus]
    sections = _by_section(plain)
    if 2 <= len(sections) <= 12:
        parts = [_d(sum(i.score.value for i in group)) for group in sections.values()]
    elif len(plain) <= 12:
        parts = [_d(i.score.value) for i in plain]
    else:
        parts = [f"{len(plain)} indicators"]
    parts += [f"bonus {_d(i.score.value)}" for i in bonus]
    return " + ".join(parts)


def _unscored_note(unscored) -> str:
    if not unscored:
        return ""
    names = [_name(i) for i in unscored[:4]]
    if len(unscored) == 1:
        return f"; indicator {names[0]} has no score"
    more = f" and {len(unscored) - 4} more" if len(unscored) > 4 else ""
    return f"; indicators {', '.join(names)}{more} have no score"


def _section_related(items) -> list[Related]:
    out: list[Related] = []
    for group in list(_by_section([i for i in items if not i.bonus and i.section]).values())[:12]:
        i = group[0]
        if len(group) < 2:
            continue
        mx = [j.maximum.value for j in group if j.maximum is not None]
        of = f" of {_d(sum(mx))}" if len(mx) == len(group) else ""
        out.append(Related(group[0].span, f"{i.section}: {' + '.join(_d(j.score.value) for j in group)} "
                                          f"= {_d(sum(j.score.value for j in group))}{of}"))
    return out


def _candidates(scores, total):
    """The item sets a total may be the sum of: its own table or the prose, then everything."""
    items = [i for i in _items(scores) if not i.not_applicable]
    group = getattr(total, "group", "prose")
    sets = []
    own = [i for i in items if getattr(i, "group", "") == group]
    if group == "prose":
        sets.append(own)
        tables = [i for i in items if getattr(i, "group", "") != "prose"]
        sets.append(tables)
    else:
        sets.append(own)
    sets.append(items)
    out = []
    for s in sets:
        scored = [i for i in s if i.score is not None]
        if len(scored) >= 2 and s not in out:
            out.append(s)
    return out


def _report_totals(scores):
    """The totals worth checking: when the prose gives several different totals, only those of the
    conclusion; when they still differ, none of them."""
    prose = [t for t in scores.totals if getattr(t, "group", "prose") == "prose"]
    tables = [t for t in scores.totals if getattr(t, "group", "prose") != "prose"]
    if len({t.value.value for t in prose}) > 1:
        prose = [t for t in prose if getattr(t, "conclusion", False)]
        if len({t.value.value for t in prose}) > 1:
            prose = []
    return prose + tables


_PLACE_SCORE = re.compile(r"得\s?(\d{1,3}(?:\.\d{1,4})?)\s?分")
PLACE_WINDOW = 400      # characters looked back over, on the total's own line


def _itemised_in_place(facts, total) -> bool:
    """The total's own paragraph itemises it: "…计得 9.81 分;产出指标得 49.3 分,效益指标得 28.5 分,
    满意度指标得 10 分。自评得分 97.61 分" — two or more "得 N 分" before it that add up to it."""
    try:
        lines = facts.lines
        text = facts.text
    except (AttributeError, ImportError):
        return False
    start = total.span[0]
    k = bisect.bisect_right(lines, start, key=lambda line: line[0]) - 1
    if k < 0:
        return False
    head = text[max(lines[k][0], start - PLACE_WINDOW):start]
    found = [m.group(1) for m in _PLACE_SCORE.finditer(head)]
    if len(found) < 2:
        return False
    try:
        parts = [Decimal(n) for n in found]
    except InvalidOperation:
        return False
    value = total.value.value
    tol = sum((half_unit(-p.as_tuple().exponent) for p in parts if -p.as_tuple().exponent >= 2), Decimal(0))
    if total.value.decimals >= 2:
        tol += half_unit(total.value.decimals)
    # the run that ends right before the total: its last n figures, for any n >= 2
    running = Decimal(0)
    for n, p in enumerate(reversed(parts), 1):
        running += p
        if n >= 2 and abs(running - value) <= tol:
            return True
    return False


@rule("S002", "total-mismatch", Severity.ERROR, needs={"scores"})
def total_mismatch(facts) -> Iterator[Diagnostic]:
    """The stated total score differs from the sum of the itemised scores.

    ## What it checks
    The report's total (绩效得分, 自评得分 in the 自评结论, a 总分 row) against the sum of the
    indicators' scores, 加分/减分 items included, in prose and in tables; and a section's own score
    (一级指标, 小计) against its indicators. Indicators marked 不适用/未设置 are left out; an indicator
    listed without any score is named in the message. Scores are exact as assigned: only scores
    written to two or more decimals are treated as rounded (contract: Rounding). The indicators
    must plausibly be the whole framework (their 分值 add up to 90–120) unless they already
    exceed the total. When they carry less than 100 points and none is listed without a score, a
    total above them by no more than the points left uncovered is left alone (an indicator scored
    elsewhere, such as 预算执行率 by formula, can fill the gap); so is a total whose own paragraph
    itemises it ("…计得 9.81 分;产出指标得 49.3 分… 自评得分 97.61 分") when those figures add up to it.

    ## Why
    The total is what the grade and every later use of the report rest on; if the itemised
    scores do not make it, either an indicator's score or the total is wrong.

    ## Example
    绩效得分为 103 分 … 三个部分得分 19.5、41.5、30 分，加减分 8 分   → S002 (itemised 99 vs stated 103)
    绩效得分为 99 分 … 三个部分得分 19.5、41.5、30 分，加减分 8 分    → silent
    """
    scores = facts.scores
    seen: set = set()
    for total in _report_totals(scores):
        key = (getattr(total, "group", "prose"), total.value.value)
        if key in seen:
            continue  # the same total stated again
        seen.add(key)
        candidates = _candidates(scores, total)
        if not candidates:
            continue
        value = total.value.value
        matched = False
        for s in candidates:
            scored = [i for i in s if i.score is not None]
            if abs(sum(i.score.value for i in scored) - value) <= _tolerance(scored, total.value):
                matched = True
                break
            mx = [i.maximum.value for i in s if i.maximum is not None and not i.bonus]
            if len(mx) == len([i for i in s if not i.bonus]) and sum(mx) == value and total.label in ("总分", "总分值"):
                matched = True  # "总分 100 分" names the framework's maximum
                break
        if matched:
            continue
        s = candidates[0]
        scored = [i for i in s if i.score is not None]
        unscored = [i for i in s if i.score is None and not i.bonus]
        itemised = sum(i.score.value for i in scored)
        tol = _tolerance(scored, total.value)
        # only a plausibly complete framework is held to its total: the indicators found carry
        # 90 to 120 points (one may lack its 分值), or they already exceed the total
        coverage = sum(i.maximum.value for i in candidates[-1] if i.maximum is not None and not i.bonus)
        if coverage > 120 or coverage < 90 and itemised <= value + tol:
            continue
        # the indicators found carry less than 100 points and none is listed without its score: an
        # indicator scored elsewhere (a formula in the conclusion) may make up the difference
        if not unscored and coverage < 100 and Decimal(0) < value - itemised - tol \
                and value - itemised <= 100 - coverage:
            continue
        if _itemised_in_place(facts, total):
            continue
        allow = f"; rounding allows {_d(tol)}" if tol else ""
        related = [Related(i.span, f"indicator {_name(i)}: no 分值 or 得分" if i.maximum is None
                           else f"indicator {_name(i)}: 分值 {_d(i.maximum.value)}, no 得分") for i in unscored]
        related += [Related(i.span, f"bonus item {_name(i)}: {_d(i.score.value)}") for i in scored if i.bonus]
        related += _section_related(scored)
        yield _diag(
            message=f"itemised {_d(itemised)} ({_terms(scored)}) vs stated {_d(value)} "
                    f"(off by {_d(abs(value - itemised))}{allow}){_unscored_note(unscored)}",
            span=total.span, related=related)

    yield from _subtotals(scores)


def _subtotals(scores) -> Iterator[Diagnostic]:
    items = sorted(scores.items, key=lambda i: i.span)
    previous: dict[str, int] = {}
    under: dict[int, list] = {}
    by_table_section: dict[tuple[str, str], list] = {}
    for i in items:
        if getattr(i, "subtotal", False):
            continue
        if getattr(i, "group", "") == "prose":
            if not i.not_applicable:
                under.setdefault(getattr(i, "parent_node", -1), []).append(i)
        elif i.section:
            by_table_section.setdefault((getattr(i, "group", ""), i.section), []).append(i)
    for idx, sub in enumerate(items):
        if not getattr(sub, "subtotal", False) or sub.score is None:
            continue
        group = getattr(sub, "group", "prose")
        if group == "prose":
            children = under.get(getattr(sub, "node", -1), []) if getattr(sub, "node", -1) >= 0 else []
        else:
            if sub.section:
                children = [i for i in by_table_section.get((group, sub.section), []) if not i.not_applicable]
            else:  # a 小计 row in a table without a section column: the rows since the last one
                start = previous.get(group, -1)
                children = [i for i in items[start + 1:idx] if getattr(i, "group", "") == group
                            and not getattr(i, "subtotal", False) and not i.not_applicable]
            previous[group] = idx
        scored = [i for i in children if i.score is not None]
        if len(scored) < 2:
            continue
        itemised = sum(i.score.value for i in scored)
        tol = _tolerance(scored, sub.score)
        if abs(itemised - sub.score.value) <= tol:
            continue
        unscored = [i for i in children if i.score is None and not i.bonus]
        allow = f"; rounding allows {_d(tol)}" if tol else ""
        yield _diag(
            message=f"section {sub.label}: itemised {_d(itemised)} ({_terms(scored)}) vs stated "
                    f"{_d(sub.score.value)} (off by {_d(abs(sub.score.value - itemised))}{allow})"
                    f"{_unscored_note(unscored)}",
            span=sub.score.span,
            related=[Related(i.span, f"{_name(i)}: {_d(i.score.value)}") for i in scored[:12]])


# --- S003 ---------------------------------------------------------------------------------------


@rule("S003", "weights-not-100", Severity.WARNING, needs={"scores"})
def weights_not_100(facts) -> Iterator[Diagnostic]:
    """The maxima (分值/权重) of a complete scoring framework do not add up to 100.

    ## What it checks
    When every indicator of the report is scored and the scores make the stated total (so the
    list is complete), the indicators' 分值 must add up to 100, 加分/减分 items excluded. A
    section's own 分值 must equal the sum of its indicators' 分值. Frameworks with an indicator
    left unscored or marked 不适用 are not judged, nor are sums far from 100 (below 80 or above
    120: another scale, or a fragment of a table).

    ## Why
    Performance frameworks are built on 100 points; weights that add up to 96 or 104 mean an
    indicator was dropped, counted twice or given the wrong weight.

    ## Example
    分值 20 + 8 × 10 = 100, 总分 80 = 0 + 8 × 10   → silent
    分值 20 + 7 × 10 = 90, 总分 70 = 0 + 7 × 10    → S003
    """
    scores = facts.scores
    items = [i for i in _items(scores) if not i.bonus]
    if len(items) >= 3 and all(i.maximum is not None and i.score is not None and not i.not_applicable
                               for i in items):
        everything = [i for i in _items(scores) if i.score is not None]
        total_sum = sum(i.score.value for i in everything)
        totals = [t for t in _report_totals(scores)
                  if abs(t.value.value - total_sum) <= _tolerance(everything, t.value)]
        weights = sum(i.maximum.value for i in items)
        # a framework far from 100 is another scale or a fragment, not a slip in the weights
        if totals and weights != 100 and 80 <= weights <= 120:
            t = totals[0]
            shown = " + ".join(_d(i.maximum.value) for i in items) if len(items) <= 12 else f"{len(items)} indicators"
            yield _diag(
                message=f"the 分值 of the {len(items)} indicators add up to {_d(weights)} ({shown}), not 100 "
                        f"(off by {_d(abs(100 - weights))}); their scores make the stated total {_d(t.value.value)}",
                span=items[0].maximum.span,
                related=[Related(t.span, f"stated total {_d(t.value.value)}")])
    # a section's own 分值 against its indicators'
    under: dict[int, list] = {}
    for i in items:
        if getattr(i, "group", "") == "prose":
            under.setdefault(getattr(i, "parent_node", -1), []).append(i)
    for sub in scores.items:
        if not getattr(sub, "subtotal", False) or sub.maximum is None or getattr(sub, "group", "") != "prose":
            continue
        children = under.get(getattr(sub, "node", -1), []) if getattr(sub, "node", -1) >= 0 else []
        if len(children) < 2 or any(i.maximum is None or i.score is None or i.not_applicable for i in children):
            continue
        weights = sum(i.maximum.value for i in children)
        if weights != sub.maximum.value:
            yield _diag(
                message=f"section {sub.label}: its indicators' 分值 add up to {_d(weights)} "
                        f"({' + '.join(_d(i.maximum.value) for i in children)}), the section says {_d(sub.maximum.value)}",
                span=sub.maximum.span,
                related=[Related(i.maximum.span, f"{_name(i)}: 分值 {_d(i.maximum.value)}") for i in children[:12]])


# --- S004 ---------------------------------------------------------------------------------------


def grade_bands(facts) -> Optional[list[tuple[str, Decimal]]]:
    """The configured bands, highest first, as (grade, lower bound)."""
    raw = facts.setting("grade_bands", None) or DEFAULT_BANDS
    bands: dict[str, Decimal] = {}
    try:
        for key, value in dict(raw).items():
            grade = GRADE_NAMES.get(str(key).strip())
            if grade is None:
                continue
            bands[grade] = Decimal(str(value))
    except (TypeError, ValueError, InvalidOperation):
        return None
    if not bands:
        return None
    return sorted(bands.items(), key=lambda kv: kv[1], reverse=True)


def band_of(score: Decimal, bands: list[tuple[str, Decimal]]) -> Optional[tuple[str, Decimal, Optional[Decimal]]]:
    upper = None
    for grade, lower in bands:
        if score >= lower:
            return grade, lower, upper
        upper = lower
    return None


def _nearest_total(grade, totals, starts, text: str):
    if not totals:
        return None
    k = bisect.bisect_left(starts, grade.span[0])
    near = [totals[j] for j in (k - 1, k) if 0 <= j < len(totals)]
    best = min(near, key=lambda t: abs(t.span[0] - grade.span[0]))
    a, b = sorted((best.span[0], grade.span[0]))
    if b - a <= 200 and "\n\n\n" not in text[a:b]:
        return best
    if len({t.value.value for t in totals}) == 1:
        return best
    return None


@rule("S004", "grade-mismatch", Severity.ERROR, needs={"scores"})
def grade_mismatch(facts) -> Iterator[Diagnostic]:
    """The stated grade is not the band of the stated score.

    ## What it checks
    A grade (评价等级为优, 绩效等级为“良”, 绩效自评为良; 优秀/良好/一般/较差) against the band its
    total score falls in. The bands come from the configuration (`grade_bands`, lower bounds
    inclusive); the national default is 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below 60. Descriptive prose
    ("绩效情况良好") and awards ("考评“优秀”", "优秀组织奖") are not grades.

    ## Why
    The grade is read from the score by a fixed rule; a grade that does not follow from the
    score means one of the two was changed without the other.

    ## Example
    绩效自评为良，自评得分为 90.84 分。    → S004 (90.84 is in 优)
    绩效自评为良，自评得分为 89.99 分。    → silent
    """
    scores = facts.scores
    bands = grade_bands(facts)
    if not bands or not scores.grades:
        return
    totals = sorted(_report_totals(scores), key=lambda t: t.span)
    starts = [t.span[0] for t in totals]
    names = {g for g, _ in bands}
    for grade in scores.grades:
        if grade.grade not in names:
            continue
        total = _nearest_total(grade, totals, starts, facts.text)
        if total is None:
            continue
        band = band_of(total.value.value, bands)
        if band is None or band[0] == grade.grade:
            continue
        name, lower, upper = band
        limits = f"≥ {_d(lower)}" if upper is None else f"≥ {_d(lower)} and < {_d(upper)}"
        said = grade.text if grade.text == grade.grade else f"{grade.text} ({grade.grade})"
        yield _diag(message=f"{_d(total.value.value)} is in {name} ({limits}), the report says {said}",
                         span=grade.span, related=[Related(total.span, f"score {_d(total.value.value)}")])


# --- S005 ---------------------------------------------------------------------------------------


@rule("S005", "unscored-indicator", Severity.WARNING, needs={"scores"})
def unscored_indicator(facts) -> Iterator[Diagnostic]:
    """An indicator listed among scored ones has no 分值 or no 得分.

    ## What it checks
    Indicators in a list (or table) whose other indicators carry 分值 and 得分, but which give
    none, or only one of the two. 加分/减分 items and indicators marked 不适用/未设置该指标 are
    not flagged.

    ## Why
    An indicator without a score leaves the total unexplained: its points are either missing
    from the total or counted without being shown.

    ## Example
    （6）群众信访办理情况 … 该指标分值 3 分，自评得分 3 分。
    （7）公众或服务对象满意度 … 满意度占比 100%。          → S005
    """
    scores = facts.scores
    items = [i for i in _items(scores) if not i.not_applicable and not i.bonus]
    scored_by_section: dict[tuple[str, str], list] = {}
    for i in items:
        if i.score is not None and i.maximum is not None:
            scored_by_section.setdefault(_section_key(i), []).append(i)
    for item in items:
        if item.score is not None and item.maximum is not None:
            continue
        siblings = scored_by_section.get(_section_key(item), [])
        where = f" under {item.section}" if item.section else ""
        if item.score is None and item.maximum is None:
            what = "has neither 分值 nor 得分"
        elif item.score is None:
            what = f"has a 分值 of {_d(item.maximum.value)} but no 得分"
        else:
            if getattr(item, "source", "") == "prose" and not siblings:
                continue
            what = f"has a 得分 of {_d(item.score.value)} but no 分值"
        n = len(siblings)
        count = (f", while {n} sibling indicator{'s' if n > 1 else ''}{where} {'are' if n > 1 else 'is'} scored"
                 if siblings else "")
        related = [Related(siblings[0].span, f"scored sibling: {_name(siblings[0])}")] if siblings else []
        yield _diag(message=f"indicator {_name(item)} {what}{count}", span=item.span, related=related)


# --- S006 ---------------------------------------------------------------------------------------


@rule("S006", "total-over-100", Severity.WARNING, needs={"scores"})
def total_over_100(facts) -> Iterator[Diagnostic]:
    """A total above 100 without any 加分/加减分 item.

    ## What it checks
    A stated total score above 100 in a report that lists no 加分, 加减分 or 附加分 item (the only
    way a 100-point framework can go above 100).

    ## Why
    Without bonus points the total cannot exceed the framework's 100; the total or an
    indicator's score is wrong, or the bonus item was left out of the report.

    ## Example
    绩效得分为 103 分（工作表现加减分指标 自评得分 8 分）   → silent
    绩效得分为 103 分 (no 加分 item anywhere)            → S006
    """
    scores = facts.scores
    if any(i.bonus for i in scores.items) or any(word in facts.text for word in _BONUS_WORDS):
        return
    for total in _report_totals(scores):
        if total.value.value > 100:
            yield _diag(message=f"the total {_d(total.value.value)} is above 100 (by "
                                     f"{_d(total.value.value - 100)}), but the report lists no 加分/加减分 item",
                             span=total.span)


# --- S007 ---------------------------------------------------------------------------------------


def _parse_target(text: str, label: str):
    """(kind, value, unit) of a target cell: kind 'ge' or 'le'; None when unclear."""
    t = text.replace(" ", "")
    m = _TARGET.fullmatch(t)
    if not m or not m.group("n"):
        return None
    cmp_, post, unit = m.group("cmp") or "", m.group("post") or "", m.group("u") or ""
    try:
        value = Decimal(m.group("n"))
    except InvalidOperation:
        return None
    if cmp_ in ("≥", ">=", "≧", ">", "不低于", "不少于", "大于等于", "大于", "达到") or post in ("以上", "及以上", "或以上"):
        kind = "ge"
    elif cmp_ in ("≤", "<=", "≦", "<", "不高于", "不超过", "不多于", "小于等于", "小于", "低于", "控制在") \
            or post in ("以下", "及以下", "或以下", "以内"):
        kind = "le"
    elif unit == "%" and _LE_LABEL.search(label):
        kind = "le"
    elif unit == "%" and _GE_LABEL.search(label):
        kind = "ge"
    else:
        return None
    return kind, value, unit


def _parse_actual(text: str):
    m = _NUMBER.fullmatch(text.replace(" ", ""))
    if not m:
        return None
    try:
        return Decimal(m.group("n")), m.group("u") or ""
    except InvalidOperation:
        return None


@rule("S007", "score-formula", Severity.WARNING, needs={"scores"})
def score_formula(facts) -> Iterator[Diagnostic]:
    """A score that does not follow the scoring rule the report states or the framework fixes.

    ## What it checks
    - 预算执行率: where the report states 得分 = 执行率 × 分值, the score must be that product (capped
      at the 分值); without a stated formula only "执行率 100% but points deducted" is flagged, since
      cut-off schemes (0 of 20 at 75.48%) are legitimate.
    - Quantitative indicators with a target and an achieved value (年度指标值 / 实际完成值, or
      目标值 … 实际 … in prose): a met target (≥-type, or ≤-type for …控制率/…变动率) with points
      deducted, or a missed target with full marks.
    - Tables with 得分系数: 得分 must be 权重 × 系数.
    Silent whenever the target, the achieved value or their units are unclear.

    ## Why
    A met target earns full marks and a missed one cannot; a score against the stated formula
    means the indicator was scored by hand and the total inherits the error.

    ## Example
    参加培训人数完成率 | ≥95% | 100% | 分值 10 | 得分 8    → S007 (target met, 2 points deducted)
    参加培训人数完成率 | ≥95% | 100% | 分值 10 | 得分 10   → silent
    """
    scores = facts.scores
    text = facts.text
    formula = None
    formula_looked_for = False
    for item in _items(scores):
        if item.bonus or item.not_applicable or item.score is None or item.maximum is None:
            continue
        mx, sc = item.maximum.value, item.score.value
        if sc > mx:
            continue  # S001
        # 得分 = 权重 × 系数
        coef = getattr(item, "coefficient", None)
        if coef is not None and not getattr(item, "computed", False):
            factor = coef.value / 100 if getattr(item, "coefficient_percent", False) else coef.value
            expected = mx * factor
            tol = half_unit(item.score.decimals) + mx * half_unit(coef.decimals) / (100 if getattr(item, "coefficient_percent", False) else 1)
            if abs(expected - sc) > tol:
                shown = coef.text + ("%" if getattr(item, "coefficient_percent", False) and "%" not in coef.text else "")
                yield _diag(message=f"{_name(item)}: 权重 {_d(mx)} × 得分系数 {shown} = {_d(expected)}, "
                                         f"but 得分 is {_d(sc)} (off by {_d(abs(expected - sc))})",
                                 span=item.score.span, related=[Related(coef.span, f"得分系数 {shown}")])
                continue
        rate = getattr(item, "rate", None)
        if rate is not None and _BUDGET_RATE.search(item.label):
            r = rate.value
            tol = half_unit(item.score.decimals) + mx * half_unit(rate.decimals) / 100
            if not formula_looked_for:
                formula, formula_looked_for = _stated_formula(text), True
            if formula is not None:
                expected = min(mx, mx * r / 100)
                if abs(expected - sc) > tol:
                    cap = f" (capped at {_d(mx)})" if mx * r / 100 > mx else ""
                    yield _diag(
                        message=f"{_name(item)}: 执行率 {rate.text or _d(r) + '%'} × 分值 {_d(mx)} = "
                                f"{_d((mx * r / 100).quantize(Decimal('0.01')))}{cap}, but 得分 is {_d(sc)}; "
                                f"the report scores 预算执行率 as 执行率 × 分值",
                        span=item.score.span,
                        related=[Related(rate.span, f"执行率 {rate.text}"),
                                 Related(formula.span(), "the stated formula")])
                    continue
            elif r == 100 and sc < mx - tol:
                yield _diag(message=f"{_name(item)}: 执行率 {rate.text or '100%'} meets the target in full, "
                                         f"but 得分 is {_d(sc)} of 分值 {_d(mx)} ({_d(mx - sc)} deducted)",
                                 span=item.score.span, related=[Related(rate.span, f"执行率 {rate.text}")])
                continue
        # target against achieved value
        target_text, actual_text = getattr(item, "target", ""), getattr(item, "actual", "")
        if not (target_text and actual_text) and getattr(item, "source", "") == "prose":
            ctx = getattr(item, "context", (0, 0))
            body = text[ctx[0]:ctx[1]]
            tm, am = (_PROSE_TARGET.search(body), _PROSE_ACTUAL.search(body)) if "%" in body else (None, None)
            if tm and am and len(list(_PROSE_TARGET.finditer(body))) == 1 and len(list(_PROSE_ACTUAL.finditer(body))) == 1:
                target_text, actual_text = tm.group("t"), am.group("a")
        if not (target_text and actual_text):
            continue
        target = _parse_target(target_text, item.label)
        actual = _parse_actual(actual_text)
        if target is None or actual is None:
            continue
        kind, tv, tu = target
        av, au = actual
        if tu != au and not (tu == "" and au == "" ):
            continue
        met = av >= tv if kind == "ge" else av <= tv
        sign = "≥" if kind == "ge" else "≤"
        if met and sc < mx:
            yield _diag(message=f"{_name(item)}: the target {sign} {_d(tv)}{tu} is met ({_d(av)}{au}), "
                                     f"but 得分 is {_d(sc)} of 分值 {_d(mx)} ({_d(mx - sc)} deducted)",
                             span=item.score.span)
        elif not met and sc == mx:
            yield _diag(message=f"{_name(item)}: the target {sign} {_d(tv)}{tu} is missed ({_d(av)}{au}), "
                                     f"but 得分 is the full 分值 {_d(mx)}",
                             span=item.score.span)
