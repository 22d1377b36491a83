"""C: contradictory claims — the same quantity given two values, a claim the figures deny,
a count that does not match its list, "无 X" beside a number of X, numerals against digits."""
from __future__ import annotations

import bisect
from decimal import Decimal
from typing import Iterator, Optional

from lint import rx as re

from lint.model import MONEY_UNITS
from lint.numeric import fmt, interval
from lint.rules import Diagnostic, Related, Severity, rule

_HAN_TAIL = re.compile(r"[\p{Han}]{1,24}$")
_HAN_HEAD = re.compile(r"[\p{Han}]{1,16}")
_FIGURE_VERB = re.compile(r"收到|受理|接到|接受|发生|出现|发现|处理|办理|查处|核实")
_LABEL_TAIL = re.compile(r"(?:为|是|达到|达|了|共|计|约|有|:)+$")
_LABEL_TAIL_ENDS = "为是到达了共计约有:\n"      # what a text ends with when _LABEL_TAIL can strip something


def _claims(facts):
    try:
        return facts.claims
    except Exception:
        from lint.facts.claims import ClaimFacts

        return ClaimFacts()


def _show(q) -> str:
    return (q.hedge if q.hedge and q.hedge not in ("余", "多") else "") + q.text


def _overlap(a, b) -> bool:
    """Whether two written figures may stand for the same value (rounding and hedges)."""
    lo1, hi1 = interval(a.value, a.decimals, a.hedge)
    lo2, hi2 = interval(b.value, b.decimals, b.hedge)
    return lo1 < hi2 and lo2 < hi1


# --- C001 / C005: the same quantity, two values ------------------------------------------------------


def _conflicts(facts) -> list[tuple[str, int, int, str]]:
    """(kind, first statement, later statement, how matched) — computed once, shared by C001 and C005."""
    cf = _claims(facts)
    cached = getattr(cf, "_conflicts", None)
    if cached is not None:
        return cached
    out: list[tuple[str, int, int, str]] = []
    seen: set[tuple[int, int]] = set()
    st = cf.statements
    # 1. the same sentence frame, another number: error
    for frame, fis in cf.by_frame.items():
        if len(fis) < 2 or len(_han(frame)) < 8:
            continue
        groups: dict[tuple, int] = {}
        for fi in fis:
            sf = cf.frames[fi]
            key = tuple(st[i].q.value for i in sf.statements)
            groups.setdefault(key, fi)
        if len(groups) < 2 or len(groups) > 2:
            continue                      # one value everywhere, or a template filled in many ways
        f0 = fis[0]
        first = cf.frames[f0]
        for fi in fis[1:]:
            sf = cf.frames[fi]
            if sf.others != first.others or len(sf.statements) != len(first.statements):
                continue                  # another year, another item number: another thing
            diff = [(i, j) for i, j in zip(first.statements, sf.statements) if not _overlap(st[i].q, st[j].q)]
            if not diff or not all(st[i].comparable and st[i].subject_key is not None for i, _ in diff):
                continue
            # a copied passage (the sentence before or after is the same too, or another figure of the
            # sentence is repeated unchanged) is an error; a lone
            # sentence restated elsewhere only when it says enough to stand on its own (warning)
            if _siblings(first.context, sf.context) and _same_parent(facts, (first.span[0], first.context),
                                                                         (sf.span[0], sf.context)):
                continue                  # (5) … and (6) …: two items of one list, written alike
            agree = any(st[i].comparable and st[i].q.value == st[j].q.value
                        for i, j in zip(first.statements, sf.statements))
            if _same_neighbour(cf, f0, fi) or agree:
                kind = "frame"
            else:
                continue                  # a lone restatement: judged by its subject below
            for i, j in diff:
                if (i, j) not in seen:
                    seen.add((i, j))
                    out.append((kind, i, j, ""))
    # 2. the same subject, unit, period and scope in differently worded sentences: warning
    for key, idxs in cf.by_subject.items():
        if len(idxs) < 2:
            continue
        values = {st[i].q.value for i in idxs}
        if len(values) < 2 or len(values) > 2:
            continue
        first = idxs[0]
        for j in idxs[1:]:
            a, b = st[first], st[j]
            if a.sentence == b.sentence or _overlap(a.q, b.q) or (first, j) in seen:
                continue
            seen.add((first, j))
            out.append(("subject", first, j, ""))
    cf._conflicts = out
    return out


def _same_neighbour(cf, f0: int, f1: int) -> bool:
    frames = cf.frames
    for step in (-1, 1):
        a, b = f0 + step, f1 + step
        if 0 <= a < len(frames) and 0 <= b < len(frames) and a != f1 and b != f0:
            fa, fb = frames[a], frames[b]
            if fa.frame == fb.frame and fa.others == fb.others and fa.han >= 4:
                return True
    return False


_MARK = re.compile(r"\s*(?:#\s*)*(\(\s*[\d一二三四五六七八九十]{1,3}\s*\)|\d{1,2}[.、]|[一二三四五六七八九十]{1,3}、|[①-⑳]|[a-zA-Z][.、])")
_MARK_DIGITS = re.compile(r"\d+|[一二三四五六七八九十]+|[①-⑳]|[a-zA-Z]")


def _numeral_kind(m) -> str:
    """A list marker's numeral, by kind: (1) and (2) are written alike, (一) and (1) are not."""
    ch = m.group()[0]
    if "0" <= ch <= "9":
        return "#"
    if ch in "一二三四五六七八九十":
        return "〇"
    if "①" <= ch <= "⑳":
        return "①"
    return "a"


def _siblings(c1: str, c2: str) -> bool:
    """Two different item titles of one list: (5) 服务对象满意度 and (6) 社会公众满意度."""
    if c1 == c2:
        return False
    m1, m2 = _MARK.match(c1), _MARK.match(c2)
    if not (m1 and m2):
        return False
    shape = _MARK_DIGITS.sub(_numeral_kind, m1.group(1))
    # 一、 二、 are the report's sections, not items written alike
    return shape == _MARK_DIGITS.sub(_numeral_kind, m2.group(1)) and not re.match(r"[一二三四五六七八九十]", m1.group(1))


def _heading_at(facts, pos: int):
    """The heading a position sits under (the last heading line starting at or before it), or None."""
    cf = _claims(facts)
    starts = getattr(cf, "_heading_starts", None)
    if starts is None:
        headings = list(facts.optional("headings") or [])  # none: the list markers alone decide
        starts = ([h.line_span[0] for h in headings], headings)
        try:
            cf._heading_starts = starts
        except AttributeError:
            pass
    k = bisect.bisect_right(starts[0], pos) - 1
    return starts[1][k] if k >= 0 else None


def _titled(facts, at: tuple[int, str]):
    """The heading of the item title `at` = (position, title) sits under, if the two agree."""
    h = _heading_at(facts, at[0])
    if h is None:
        return None
    line = facts.text[h.line_span[0]:h.line_span[1]].replace(" ", "").lstrip("#")
    title = at[1].replace(" ", "").lstrip("#")[:12]
    return h if title and line.startswith(title) else None


def _same_parent(facts, a: tuple[int, str], b: tuple[int, str]) -> bool:
    """Whether the item titles two statements sit under hang from one parent heading ((5) and (6)
    of one list; not (一) of 年度总体工作 and (1) of 预算使用效益). Unknown (no heading found): True."""
    h1, h2 = _titled(facts, a), _titled(facts, b)
    if h1 is None or h2 is None or h1 is h2:
        return True
    return h1.parent == h2.parent


_GLOSS_OPEN = re.compile(r"[ \t]{0,2}\([ \t]{0,2}(?:约|合|折合|即)?[ \t]{0,2}")


def _gloss_mismatch(facts) -> Iterator[Diagnostic]:
    """An amount and its gloss in another money unit ("1,231,860.00元(123.19万元)") that differ."""
    text = facts.text
    qs = [q for q in facts.quantities if q.unit in MONEY_UNITS and not q.hedge]   # is_money, without a call per figure
    for a, b in zip(qs, qs[1:]):
        if a.unit == b.unit or b.span[0] - a.span[1] > 8 or not text.startswith(")", b.span[1]):
            continue
        if not _GLOSS_OPEN.fullmatch(text, a.span[1], b.span[0]):
            continue
        lo_a, hi_a = (a.value - _half(a)) * MONEY_UNITS[a.unit], (a.value + _half(a)) * MONEY_UNITS[a.unit]
        lo_b, hi_b = (b.value - _half(b)) * MONEY_UNITS[b.unit], (b.value + _half(b)) * MONEY_UNITS[b.unit]
        if hi_a < lo_b or hi_b < lo_a:
            yield Diagnostic("", f"{a.text} is {fmt(a.in_yuan() / MONEY_UNITS[b.unit])}{b.unit}, but its "
                                 f"gloss says {b.text}", a.span, [Related(b.span, f"the gloss {b.text}")])


def _half(q) -> Decimal:
    return Decimal(1).scaleb(-q.decimals) / 2


@rule("C001", "conflicting-quantity", Severity.ERROR, needs={"claims"})
def conflicting_quantity(facts) -> Iterator[Diagnostic]:
    """The same quantity given two different values.

    ## What it checks
    Every figure is keyed by its sentence with the numbers masked ("举办送课下基层活动#场") and by
    what it is said of: the sentence's head clause, the figure's own clause, its unit, its period
    (年度, 上半年, 月), its scope (本级, 全区 …) and the heading or item title it sits under. Two
    figures are compared only when their keys are equal.

    - A copied passage with one number changed (the sentence beside it is copied too, or another
      figure of the sentence is repeated unchanged) is an error, wherever the copy is.
    - The same subject, unit, period and scope stated twice under the same heading is a warning
      (under another heading, "发放问卷 50 份" may well be another survey).

    An amount glossed in another money unit right after it ("1,231,860.00元(123.19万元)") must
    agree with its gloss within their written precision; a gloss that does not is an error.

    Targets and plans (年度目标, 计划, 不低于) are not compared with what was done; a sentence that
    opens with 其中/该/此外 has its subject elsewhere; an amount that does not say its stage
    (预算, 决算, 执行 …) is left alone. Figures that agree within their written precision (and
    hedges such as 约, 超) are not reported; a frame filled with three or more different values is
    a template (该指标分值#分), not a contradiction.

    ## Why
    A report that repeats a passage, or restates an activity in its summary, sometimes changes one
    number on the way. At most one of the two can be right.

    ## Example
    累计培训干部超 4.6 万人次；举办送课下基层活动 8 场。 … 累计培训干部超4.6万人次；举办送课下基层活动4场。  → C001 (8 vs 4)
    共举办线下培训班 15 期，聚焦乡村振兴。 … 共举办线上培训班 25 期，聚焦乡村振兴。                           → silent (different things)
    """
    yield from _gloss_mismatch(facts)
    cf = _claims(facts)
    st = cf.statements
    for kind, i, j, _ in _conflicts(facts):
        a, b = st[i], st[j]
        if a.q.chinese != b.q.chinese:
            continue                      # C005
        what = facts.snippet(cf.frames[b.sentence].span)[:60]
        if kind == "frame":
            msg = (f"the same sentence gives {_show(b.q)} here but {_show(a.q)} on line "
                   f"{facts.line_of(a.span[0])} (differs by {fmt(abs(b.q.value - a.q.value))} {b.q.unit}): “{what}”")
            yield Diagnostic("", msg, b.span, [Related(a.span, f"the same sentence with {_show(a.q)}")])
        else:
            msg = (f"{_label(facts, b)} is {_show(b.q)} here but {_show(a.q)} on line {facts.line_of(a.span[0])} "
                   f"(same subject, unit, period and scope; differs by {fmt(abs(b.q.value - a.q.value))} {b.q.unit})")
            yield Diagnostic("", msg, b.span, [Related(a.span, f"the other statement: {_show(a.q)}")],
                             severity=Severity.WARNING)


@rule("C005", "number-word-mismatch", Severity.ERROR, needs={"claims"})
def number_word_mismatch(facts) -> Iterator[Diagnostic]:
    """The same count written in Chinese numerals and in digits with different values.

    ## What it checks
    A count written in Chinese numerals (十个, 八大, 两支) and a count written in digits that the
    report states of the same subject, with the same classifier, period and scope (the keys of
    C001), but with different values. Counts of different things (八大办公室 and 8 个党政机构,
    两支青年突击队 of two universities and 34 支 of the district) are never compared.

    ## Why
    When one passage writes a count in words and another in digits, an edit to one of them is easy
    to miss; the two values cannot both be right.

    ## Example
    本局直属事业单位十个。 … 本局直属事业单位9个。          → C005 (十 = 10, not 9)
    把机关八大办公室分为两组。 … 设立8个党政机构。         → silent (八 = 8, and different nouns)
    """
    cf = _claims(facts)
    st = cf.statements
    for kind, i, j, _ in _conflicts(facts):
        a, b = st[i], st[j]
        if a.q.chinese == b.q.chinese:
            continue
        msg = (f"{_label(facts, b)} is {_show(b.q)} ({fmt(b.q.value)}) here but {_show(a.q)} "
               f"({fmt(a.q.value)}) on line {facts.line_of(a.span[0])}: the numeral and the digits disagree")
        yield Diagnostic("", msg, b.span, [Related(a.span, f"the same count written {_show(a.q)}")],
                         severity=None if kind == "frame" else Severity.WARNING)


def _label(facts, s) -> str:
    before = facts.text[s.clause[0]:s.q.span[0]]
    before = _LABEL_TAIL.sub("", before)
    m = _HAN_TAIL.search(before)
    if m and len(m.group()) >= 2:
        return m.group()
    m = _HAN_HEAD.match(facts.text, s.q.span[1], s.clause[1])
    return m.group() if m else (s.q.label or "the figure")


def _han(s: str) -> str:
    return "".join(ch for ch in s if "\u4e00" <= ch <= "\u9fff")


# --- C002: claims of completion the figures deny -------------------------------------------------------


@rule("C002", "completion-claim-contradicted", Severity.WARNING, needs={"claims"})
def completion_claim_contradicted(facts) -> Iterator[Diagnostic]:
    """A claim of completion, success or keeping to budget that the report's own figures deny.

    ## What it checks
    - 全部完成 / 均已完成 / 100%完成 / 圆满完成 of budget execution while a budget execution rate
      (执行率, 支出完成率, 资金支出率, 完成预算的 x%) is below 100%; 均达到预期 while it is below 95%;
    - 全部完成 of a named task (重点工作, 绩效目标) while that task's own 完成率 is below 100%;
    - 严格按照年初预算进行支出 / 按年初预算执行 while actual spending (支出决算, 实际支出) is more than
      10% away from the 年初预算;
    - 未超预算 while actual spending exceeds every budget figure the report gives;
    - "预算资金执行率有待进一步提高" (存在问题) while every execution rate the report gives is 100%.
    A claim counts only against a figure of the same metric; 政府采购执行率, 三公经费 and other
    sub-items are not the department's execution rate.

    ## Why
    The claims in 自评结论 and 存在问题 are what readers quote; when the report's own figures say
    otherwise, either the claim is boilerplate or a figure is wrong.

    ## Example
    预算数 890.33 万元，执行数 714.07 万元，完成预算的 80.2%。… 预算编制、执行及使用效益情况均达到了预期的绩效目标  → C002
    预算数 890.33 万元，执行数 890.33 万元，完成预算的 100%。… 预算编制、执行及使用效益情况均达到了预期的绩效目标   → silent
    """
    cf = _claims(facts)
    if not cf.completions and not cf.problems:
        return
    exec_rates = [r for r in cf.rates if r.topic == "exec"]
    by_core: dict[str, list] = {}
    for r in cf.rates:
        if r.topic != "exec":
            by_core.setdefault(r.topic, []).append(r)
    hundred = Decimal(100)
    reported: set[int] = set()
    # what a claim is compared with depends only on its kind (or its core): worked out once, on first need
    lowest_exec: dict[Decimal, Optional[object]] = {}
    low_cores: Optional[list] = None
    far: Optional[list] = None
    top, over = None, None
    for c in cf.completions:
        if c.sentence in reported:
            continue
        diag: Optional[Diagnostic] = None
        if c.kind in ("complete", "expected") and c.exec_topic and exec_rates:
            limit = hundred if c.kind == "complete" else Decimal(95)
            if limit not in lowest_exec:
                low = [r for r in exec_rates if interval(r.value, r.decimals)[1] < limit]
                lowest_exec[limit] = min(low, key=lambda r: r.value) if low else None
            if lowest_exec[limit] is not None:
                r = lowest_exec[limit]
                bar = "100%" if c.kind == "complete" else "95% (a lenient reading of 预期)"
                diag = Diagnostic("", f"claims “{c.text}” of budget execution, but {r.label or '执行率'} is "
                                      f"{facts.snippet(r.span)} on line {facts.line_of(r.span[0])}, below {bar}",
                                  c.span, [Related(r.span, f"{r.label or '执行率'} {facts.snippet(r.span)}")])
        elif c.kind == "complete" and not c.exec_topic:
            if low_cores is None:        # the cores with a rate below 100%, in order
                low_cores = [(core, low) for core, rates in by_core.items()
                             if (low := [r for r in rates if interval(r.value, r.decimals)[1] < hundred])]
            for core, low in low_cores:
                if core not in c.clause_text:
                    continue
                if low:
                    r = low[0]
                    shown = facts.snippet(r.span) if r.statement >= 0 else f"{fmt(r.value.normalize())}% ({facts.snippet(r.span)})"
                    diag = Diagnostic("", f"claims {core} “{c.text}”, but {r.label} is {shown} on line "
                                          f"{facts.line_of(r.span[0])}, below 100%", c.span,
                                      [Related(r.span, f"{r.label} {shown}")])
                    break
        elif c.kind == "initial" and cf.initial_budgets and cf.actual_amounts and not _sub_item(c.clause_text):
            b = cf.initial_budgets[0]
            if far is None:
                far = [a for a in cf.actual_amounts if _far(a, b)]
            if far:
                a = far[0]
                ratio = (a.in_yuan() / b.in_yuan() * 100) if b.in_yuan() else Decimal(0)
                diag = Diagnostic("", f"claims “{c.text}”, but 年初预算 is {b.text} (line {facts.line_of(b.span[0])}) "
                                      f"against {a.label or '实际支出'} {a.text} (line {facts.line_of(a.span[0])}): "
                                      f"{fmt(ratio.quantize(Decimal('0.1')))}% of the initial budget",
                                  c.span, [Related(b.span, f"年初预算 {b.text}"),
                                           Related(a.span, f"{a.label or '实际支出'} {a.text}")])
        elif c.kind == "notover" and cf.budget_amounts and cf.actual_amounts and not _sub_item(c.clause_text):
            if top is None:
                top = max(cf.budget_amounts, key=lambda q: q.in_yuan())
                over = [a for a in cf.actual_amounts if a.in_yuan() > top.in_yuan() * Decimal("1.01")
                        and _beyond_rounding(a, top)]
            if over:
                a = over[0]
                diag = Diagnostic("", f"claims “{c.text}”, but {a.label or '实际支出'} {a.text} (line "
                                      f"{facts.line_of(a.span[0])}) exceeds the largest budget figure {top.text} "
                                      f"(line {facts.line_of(top.span[0])}) by "
                                      f"{fmt((a.in_yuan() - top.in_yuan()) / 10000)}万元",
                                  c.span, [Related(a.span, a.text), Related(top.span, top.text)])
        if diag is not None:
            reported.add(c.sentence)
            yield diag
    all_full = None
    for p in cf.problems:
        if not p.exec_topic or not exec_rates or p.sentence in reported:
            continue
        if all_full is None:
            all_full = all(interval(r.value, r.decimals)[1] >= hundred for r in exec_rates)
        if all_full:
            r = exec_rates[0]
            reported.add(p.sentence)
            yield Diagnostic("", f"says “{p.text}”, but every budget execution rate the report gives is 100% "
                                 f"or more ({r.label or '执行率'} {facts.snippet(r.span)} on line {facts.line_of(r.span[0])})",
                             p.span, [Related(r.span, f"{r.label or '执行率'} {facts.snippet(r.span)}")])


_SUB = re.compile(r"三公|公用经费|人员经费|采购|会议费|培训费|差旅|接待|车辆")


def _sub_item(clause: str) -> bool:
    return bool(_SUB.search(clause))


def _far(a, b) -> bool:
    """Actual spending more than 10% away from the budget, beyond rounding."""
    ya, yb = a.in_yuan(), b.in_yuan()
    return yb > 0 and abs(ya - yb) > yb * Decimal("0.1") and _beyond_rounding(a, b)


def _beyond_rounding(a, b) -> bool:
    lo1, hi1 = interval(a.in_yuan(), max(0, a.decimals - _shift(a)))
    lo2, hi2 = interval(b.in_yuan(), max(0, b.decimals - _shift(b)))
    return hi1 < lo2 or hi2 < lo1


def _shift(q) -> int:
    return {"万元": 4, "万": 4, "亿元": 8, "千元": 3}.get(q.unit, 0)


# --- C003: a count against the items listed --------------------------------------------------------------


@rule("C003", "count-mismatch", Severity.ERROR, needs={"claims"})
def count_mismatch(facts) -> Iterator[Diagnostic]:
    """A stated count that the list, table or formula beside it does not match.

    ## What it checks
    - "N 个/项/名 …，分别是/即/包括 A、B、C" and "N 级/个 X（A、B、C）": the items are counted at
      bracket depth 0 (a 、 inside parentheses does not separate items); 和/及/与 may join the
      last two items or belong to one name, so both readings are accepted; a list ending in 等 may
      be shorter than N but not longer;
    - "X N 项，完成 M 项" just after a numbered table whose header names X: N against its rows,
      M against the rows marked 完成;
    - a formula such as “1+7+55+N” against the counts the same sentence states just before it,
      when at least one term agrees, so that they name the same things (warning).

    ## Why
    A count and its enumeration are written at different times; when an item is added or dropped,
    the count is often left as it was.

    ## Example
    内设科室 3 个，分别是办公室、组织宣教科。     → C003 (3 stated, 2 listed)
    内设科室 2 个，分别是办公室、组织宣教科。     → silent
    """
    cf = _claims(facts)
    flagged_tables: set = set()
    for cl in cf.counted_lists:
        k = len(cl.items)
        if cl.source in ("list", "paren"):
            if any(len(it) > 40 for it in cl.items):
                continue                  # not a plain enumeration
            if k <= cl.count <= k + cl.extra or (cl.open_ended and cl.count >= k):
                continue
            listed = "、".join(cl.items) if k <= 25 else "、".join(cl.items[:12]) + "、…"
            more = f" ({k + cl.extra} if 和/及 separates two)" if cl.extra else ""
            hedge = " (the list ends in 等, so it may be shorter, not longer)" if cl.open_ended else ""
            yield Diagnostic("", f"says {cl.count_text} ({cl.count}) but lists {k} item"
                                 f"{'s' if k != 1 else ''}{more}{hedge}: {listed}",
                             cl.count_span, [Related(cl.items_span, f"{k} items listed")])
        else:
            if cl.count == k or (cl.source == "table-done" and cl.items_span in flagged_tables):
                continue
            flagged_tables.add(cl.items_span)
            what = "rows marked 完成" if cl.source == "table-done" else "numbered rows"
            yield Diagnostic("", f"says {cl.count_text} ({cl.count}) but the table above has {k} {what}",
                             cl.count_span, [Related(cl.items_span, f"the table: {k} {what}")])
    for f in cf.formulas:
        counts = [int(q.value) for q in f.counts]
        agree = sum(1 for t, c in zip(f.terms, counts) if t == c)
        if agree == 0 or agree == len(f.terms):
            continue
        stated = "、".join(q.text for q in f.counts)
        yield Diagnostic("", f"the formula {f.text} has terms {'+'.join(map(str, f.terms))}, but the counts "
                             f"stated just before it are {stated} ({'+'.join(map(str, counts))})",
                         f.span, [Related(q.span, f"stated: {q.text}") for q in f.counts],
                         severity=Severity.WARNING)


# --- C004: 无 X beside a number of X ---------------------------------------------------------------------


@rule("C004", "negation-conflict", Severity.WARNING, needs={"claims"})
def negation_conflict(facts) -> Iterator[Diagnostic]:
    """A denial ("未收到投诉", "无超标准支出") beside a figure of the same thing above zero.

    ## What it checks
    The noun a denial names (未/没有/无/零 + 收到/发生/出现 + X) against every figure whose own
    words end in the same X (收到投诉 3 件, 超标准支出 2.5 万元), for the same period and scope. A
    figure's noun (after its verb) that is the head of the denied noun names the same thing too:
    受理投诉 3 件 against 未收到群众投诉.
    Words that only look like a denial (无偿, 无证个体, 未成年人, 零售) are not denials, and a
    figure of zero agrees with the denial.

    ## Why
    "No complaints" and "3 complaints" cannot both be true; usually one passage was written from a
    template.

    ## Example
    全年未收到投诉。… 全年收到群众投诉 3 件，已全部办结。   → C004
    全年未收到投诉。… 全年收到群众投诉 0 件。               → silent
    """
    cf = _claims(facts)
    if not cf.negations:
        return
    by_noun: dict[tuple, list] = {}
    by_head: dict[tuple, tuple] = {}      # (head noun, period, scope) -> the key of a denial naming it qualified
    for n in cf.negations:
        by_noun.setdefault((n.noun, n.period, n.scope), []).append(n)
    for n in cf.negations:
        noun = n.noun or ""
        for i in range(1, min(len(noun) - 1, 8)):
            by_head.setdefault((noun[i:], n.period, n.scope), (noun, n.period, n.scope))
    # a noun looked up below ends the figure's words before it or starts those after it, and is a
    # denied noun or a suffix of one (of two or more characters): two set lookups rule most figures out
    nouns = [n.noun for n in cf.negations if n.noun and len(n.noun) >= 2]
    endings, beginnings = {noun[-2:] for noun in nouns}, {noun[:2] for noun in nouns}
    text = facts.text
    used: dict[tuple, int] = {}           # per key: how many denials are already reported (in order)
    for s in cf.statements:
        q = s.q
        if q.unit not in _POSITIVE or q.value <= 0 or q.hedge in _AT_MOST:
            continue
        before = text[s.clause[0]:q.span[0]]
        if before[-1:] in _LABEL_TAIL_ENDS:
            before = _LABEL_TAIL.sub("", before)
        if _tail_pair(before) not in endings and text[q.span[1]:min(q.span[1] + 2, s.clause[1])] not in beginnings:
            continue
        after = text[q.span[1]:s.clause[1]]
        candidates = []
        m = _HAN_TAIL.search(before)
        if m:
            tail = m.group()
            candidates += [tail[-n:] for n in range(2, len(tail) + 1)]
        m = _HAN_HEAD.match(after)
        if m:
            head = m.group()
            candidates += [head[:n] for n in range(2, len(head) + 1)]
        tail_run = _HAN_TAIL.search(before)
        heads = []
        if tail_run:
            # "受理投诉3件" against "未收到群众投诉": the figure's own noun (after its verb) is the head
            # of the denied noun, so it names the same thing
            run = tail_run.group()
            ends = [v.end() for v in _FIGURE_VERB.finditer(run)]
            noun = run[ends[-1]:] if ends else run
            if len(noun) >= 2 and (noun, s.period, s.scope) not in by_noun:
                heads.append(noun)
        keys = [(cand, (cand, s.period, s.scope)) for cand in candidates]
        keys += [(h, by_head[(h, s.period, s.scope)]) for h in heads if (h, s.period, s.scope) in by_head]
        for cand, key in keys:
            negs = by_noun.get(key)
            k = used.get(key, 0)
            if not negs or k >= len(negs):
                continue
            neg = negs[k]
            if neg.span[0] <= q.span[0] <= neg.span[1]:
                continue                  # the figure sits inside the denial's own words
            used[key] = k + 1
            yield Diagnostic("", f"says “{neg.text}” but line {facts.line_of(q.span[0])} gives "
                                 f"{cand} {_show(q)}", neg.span, [Related(q.span, f"{cand} {_show(q)}")])
            break


def _tail_pair(s: str) -> str:
    """The last two characters a `…$` match in `s` can end with (`$` also matches before a final newline)."""
    return s[-3:-1] if s.endswith("\n") else s[-2:]


_AT_MOST = frozenset(("近", "不到", "不足", "<", "≤"))
_POSITIVE = {"件", "起", "次", "宗", "个", "条", "例", "人次", "名", "家", "笔", "项", "万元", "元", "亿元", "千元",
             "处", "户", "人"}
