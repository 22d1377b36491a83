"""R: report structure -- heading numbering, required fields and sections, broken items, debris."""
from __future__ import annotations

import bisect
from typing import Iterator, Optional

from lint import rx as re

from lint.rules import Diagnostic, Related, Severity, rule

# --- helpers -------------------------------------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九"


def _cn(n: int) -> str:
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def marker(style: str, n: int) -> str:
    """How item `n` of a list of `style` is written: ("(一)", 3) -> "(三)"."""
    if style == "一、":
        return _cn(n) + "、"
    if style == "(一)":
        return f"({_cn(n)})"
    if style == "1.":
        return f"{n}."
    if style == "(1)":
        return f"({n})"
    if style == "①" and 1 <= n <= 20:
        return chr(ord("①") + n - 1)
    if style in ("a.", "A.") and 1 <= n <= 26:
        letter = chr(ord("a") + n - 1)
        return (letter.upper() if style == "A." else letter) + "."
    return f"{style}{n}"


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- R001 / R002: numbering ----------------------------------------------------------------------


def _list_run(headings, h, limit: int = 6) -> list:
    """The items of h's list up to h, oldest first (at most `limit`)."""
    run = [h]
    seen = set()
    while run[0].previous is not None and len(run) < limit and run[0].previous not in seen:
        seen.add(run[0].previous)
        run.insert(0, headings[run[0].previous])
    return run


@rule("R001", "numbering-repeat", Severity.WARNING, needs={"headings"})
def numbering_repeat(facts) -> Iterator[Diagnostic]:
    """Two consecutive items of one list carry the same number.

    ## What it checks
    Headings are placed in a tree by their numbering style (一、 (一) 1. (1) ① a. A.) and by where a
    list restarts: a list may hold a nested list of the same style, and a list resumes after a
    nested one. Inside one list, the item that follows (三) must be (四). A repeated number is
    reported only when nothing nested sits between the two items (or for the top-level 一、 list).
    Full- and half-width brackets count as the same style.

    ## Why
    A duplicated number usually means an item was inserted, moved or deleted without renumbering,
    or that a sub-item was promoted to the wrong level; readers and reviewers cite items by number.

    ## Example
    (二) 部门整体支出绩效指标分析 … (三) 满意度 ≥95% … (三) 存在问题及改进意见   → R001 on the second (三)
    (一) 年度工作 / 1. 总体工作 / (一) 基层党建 / (二) 干部队伍 / 2. 重点任务 / (二) 绩效目标  → silent
    (the inner (一)(二) is a list nested under "1.", the outer list goes on with (二))
    """
    headings = facts.optional("headings") or []
    for h in headings:
        if getattr(h, "issue", "") != "repeat" or h.previous is None:
            continue
        prev = headings[h.previous]
        expected = marker(h.style, prev.number + 1)
        yield Diagnostic(
            code="R001",
            message=(f"{h.marker} “{_short(h.text)}” repeats the number of the item before it in the same list, "
                     f"{prev.marker} “{_short(prev.text)}” (line {facts.line_of(prev.span[0])}); "
                     f"the next item after {prev.marker} would be {expected}"),
            span=h.span,
            related=[Related(prev.span, f"the earlier {prev.marker}")],
        )


@rule("R002", "numbering-skip", Severity.WARNING, needs={"headings"})
def numbering_skip(facts) -> Iterator[Diagnostic]:
    """A numbered list jumps over a number (a. b. d.; 1. 2. 4.; (一)(二)(四)).

    ## What it checks
    Inside one list of the headings tree (see R001), each item's number must be the previous
    item's plus one. A gap is reported when this list is the innermost one open (nothing nested
    could be hiding the missing item) or it is the top-level 一、 list, and at most three numbers
    are missing (a bigger jump is more likely a misread marker). A list that restarts at 1 under
    a new parent is not a skip.

    ## Why
    A missing number means an item was deleted without renumbering, or a section of the template
    was dropped -- often a required indicator that was never discussed.

    ## Example
    a.社会效益 … b.可持续影响 … d.满意度指标    → R002 on d. (c. is missing)
    a.社会效益 … b.可持续影响 … c.满意度指标    → silent
    """
    headings = facts.optional("headings") or []
    for h in headings:
        if getattr(h, "issue", "") != "skip" or h.previous is None:
            continue
        prev = headings[h.previous]
        missing = [marker(h.style, n) for n in range(prev.number + 1, h.number)]
        run = " ".join(x.marker for x in _list_run(headings, h))
        yield Diagnostic(
            code="R002",
            message=(f"The list runs {run}: after {prev.marker} “{_short(prev.text)}” "
                     f"(line {facts.line_of(prev.span[0])}) comes {h.marker} “{_short(h.text)}”, "
                     f"so {'、'.join(missing)} {'is' if len(missing) == 1 else 'are'} missing"),
            span=h.span,
            related=[Related(prev.span, f"the previous item {prev.marker}")],
        )


# --- R003: required fields -----------------------------------------------------------------------

_TITLE = re.compile(r"^[#\s]{0,8}\S[^。;,:]{0,60}(?:报告|自评表|评价表|评分表|得分表)$")
_FIELD_FILING = re.compile(r"(?:填报|报告|成文|填表|报送)(?:日期|时间)\s{0,3}:?\s{0,3}[\d一二〇○零]")
_FIELD_YEAR = re.compile(r"评价年度|(?:19|20)\d\d\s{0,2}年")
_FIELD_UNIT = re.compile(
    r"(?:(?:部门|单位)(?:\((?:单位|部门)\))?名称|评价单位|填报单位|预算单位|项目单位|实施单位|主管部门)(?:\([^()\n]{0,6}\))?"
    r"\s{0,6}:?\s{0,6}(?:\([^()\n]{0,6}\))?\s{0,3}(?P<v>\p{Han}[\p{Han}()]{3,40})"
)
_SCORE = re.compile(r"(?:得分|分数|总分|自评|评分)\D{0,6}?\d{1,3}(?:\.\d{1,2})?\s{0,2}分")

FIELD_WORDS = {
    "filing_date": ("填报日期", "filing date", "no 填报日期/报告日期/成文日期 is given"),
    "evaluation_year": ("评价年度", "evaluation year", "neither a 评价年度 field nor a year in the title says which year is evaluated"),
    "score": ("自评得分", "total score", "no 自评得分/总分 is stated"),
    "unit_name": ("单位名称", "unit name", "no 部门名称/单位名称/评价单位/主管部门/实施单位 with a value is given"),
}


def _title_span(facts, header) -> Optional[tuple[int, int]]:
    """The title's span: the header's, or (when no header extractor is available) a title-like line."""
    if header is not None:
        title = getattr(header, "title", None)
        span = getattr(title, "span", None)
        return tuple(span) if span else None
    text = facts.text
    for n, (a, b) in enumerate(facts.lines):
        if n > 40:
            break
        line = text[a:b].strip()
        if line and len(line) <= 80 and "\t" not in line and _TITLE.search(line):
            lead = len(text[a:b]) - len(text[a:b].lstrip())
            return a + lead, a + lead + len(line)
    return None


def _fallback_present(facts, name: str, title_span) -> bool:
    """Whether a field looks present when its extractor is not available."""
    text = facts.text
    head = text[:6000]
    if name == "filing_date":
        return _FIELD_FILING.search(text) is not None
    if name == "evaluation_year":
        return _FIELD_YEAR.search(head) is not None
    if name == "unit_name":
        if _FIELD_UNIT.search(head):
            return True
        if title_span:  # "中共广州市花都区直属机关工作委员会 2021 年部门整体支出绩效自评报告"
            title = text[title_span[0]:title_span[1]]
            prefix = re.split(r"(?:19|20)\d\d|部门整体|项目支出|整体", title, maxsplit=1)[0]
            return len(re.findall(r"\p{Han}", prefix)) >= 4
        return False
    if name == "score":
        return _SCORE.search(text) is not None
    return True


def _field_present(facts, header, name: str, title_span) -> Optional[bool]:
    if name == "score":
        scores = facts.optional("scores")
        if scores is not None:
            return bool(getattr(scores, "totals", None))
        return _fallback_present(facts, name, title_span)
    if header is None:
        if name in FIELD_WORDS:
            return _fallback_present(facts, name, title_span)
        return None
    if not hasattr(header, name):
        return None   # a configured field the header does not know: no judgement
    return getattr(header, name) is not None


@rule("R003", "missing-field", Severity.INFO, needs={"header", "scores"})
def missing_field(facts) -> Iterator[Diagnostic]:
    """A required header field is missing: filing date, evaluation year, score or unit name.

    ## What it checks
    The fields named by the `required_fields` setting (default: filing_date, evaluation_year,
    score, unit_name) are looked up in the report's header (填报日期/报告日期/成文日期, 评价年度 or
    the year in the title, 部门名称/单位名称/评价单位, a project table's 主管部门/实施单位) and its
    stated total score. Each missing field is one note, anchored at the title. Only documents with
    a report title are checked.

    ## Why
    Without a filing date the dates family cannot check the report against its filing; without
    an evaluation year or a score a reader cannot place or judge the report.

    ## Example
    2021 年部门整体支出绩效自评报告 … (no 填报日期 anywhere)       → R003 (info) at the title
    2021 年部门整体支出绩效自评报告 / 填报日期：2022 年 3 月 1 日  → silent
    """
    header = facts.optional("header")
    title_span = _title_span(facts, header)
    if title_span is None:
        return
    required = facts.setting("required_fields", None)
    if required is None:
        required = ["filing_date", "evaluation_year", "score", "unit_name"]
    title = _short(facts.snippet(title_span), 40)
    for name in required:
        present = _field_present(facts, header, str(name), title_span)
        if present is None or present:
            continue
        label, english, why = FIELD_WORDS.get(name, (name, name, f"no {name} is given"))
        yield Diagnostic(
            code="R003",
            message=f"The report “{title}” has no {english} ({label}): {why}",
            span=title_span,
        )


# --- R004: required sections ---------------------------------------------------------------------

SECTIONS = {
    "conclusion": ("自评结论 (conclusion)", re.compile(r"自评结[论果]|评价结[论果]|总体评价|综合评价|自评情况综述|自评综述|自评得分情况")),
    "problems": ("存在问题 (problems found)", re.compile(r"存在(?:的)?(?:主要)?问题|主要问题|问题(?:和|及|与)原因|不足之处|存在不足")),
    "improvement": ("改进措施 (improvements)", re.compile(
        r"改进(?:措施|意见|建议|方向|举措)|整改措施|下一步(?:工作)?(?:计划|打算|措施|举措|改进|工作)|意见(?:和|及)?建议"
        r"|对策建议|工作建议|有关建议|相关建议")),
}
SECTION_WORDS = {
    "conclusion": "自评结论/自评结果/评价结论/综合评价",
    "problems": "存在问题/主要问题/问题及原因",
    "improvement": "改进措施/改进意见/改进建议/下一步工作",
}
_SECTION_PREFIX = 40


def _at_a_line_start(text: str, lines, pattern) -> bool:
    """Whether `pattern` matches within the first _SECTION_PREFIX characters of some line.

    The patterns of SECTIONS are plain alternations of words, so a match within a line's start is a
    match in the text: one scan of the text finds the few lines worth trying."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        k = bisect.bisect_right(lines, m.start(), key=lambda line: line[0]) - 1
        if k >= 0:
            a, b = lines[k]
            start = text[a : min(b, a + _SECTION_PREFIX)]
            if m.start() < a + len(start) and pattern.search(start):
                return True
        if k + 1 == len(lines):
            return False
        pos = lines[k + 1][0]
    return False


@rule("R004", "missing-section", Severity.INFO, needs={"headings"})
def missing_section(facts) -> Iterator[Diagnostic]:
    """A narrative report lacks one of the expected sections: conclusion, problems, improvements.

    ## What it checks
    In a report organised by top-level 一、二、… headings, the headings and the beginnings of lines
    are searched for a self-evaluation conclusion (自评结论/自评结果/综合评价), the problems found
    (存在问题/主要问题) and the improvements (改进措施/改进意见/改进建议/下一步…). One note per kind
    that is not found, anchored at the title. Table-form 自评表 without such headings are skipped.

    ## Why
    The templates of the finance departments require these sections; a report without them is
    incomplete, and a missing problems section often hides that the targets were not met.

    ## Example
    一、基本情况 … 二、自评结论 … 三、存在问题 (no 改进措施 anywhere)   → R004 for 改进措施
    一、基本情况 … 二、自评结论 … 三、存在问题 … 四、改进措施           → silent
    """
    headings = facts.optional("headings") or []
    if sum(1 for h in headings if h.style == "一、") < 2:
        return
    # the headings first: they usually name all three, and they are few
    titles = "\n".join(h.text for h in headings)   # no pattern of SECTIONS matches across a line break
    found = {kind: pattern.search(titles) is not None for kind, (_, pattern) in SECTIONS.items()}
    for kind, (_, pattern) in SECTIONS.items():
        if not found[kind]:
            found[kind] = _at_a_line_start(facts.text, facts.lines, pattern)
    header = facts.optional("header")
    anchor = _title_span(facts, header) or headings[0].line_span
    for kind, ok in found.items():
        if ok:
            continue
        label = SECTIONS[kind][0]
        yield Diagnostic(
            code="R004",
            message=(f"No {label} section was found: no heading or line start reads {SECTION_WORDS[kind]}"),
            span=anchor,
        )


# --- R005: broken items --------------------------------------------------------------------------

_OPEN_TAIL = re.compile(r"(?:[,、:]|(?:率|数|额|值|分|度|量|达|均|共|约|计|比|例|占)为|(?:原因|问题|目的|结果|分别|就|即|的)是)$")
_OPEN_TAIL_ENDS = ",、:为是"             # the last character of every _OPEN_TAIL match
_INTRO_TAIL = re.compile(r"(?:如下|以下|包括|分别|分别是|分别为|主要有|具体有|有|即|如)[,:]?$")
_CLAUSE_START = re.compile(r"[。;!?](?=[^。;!?]*$)")


@rule("R005", "broken-item", Severity.WARNING, needs={"headings"})
def broken_item(facts) -> Iterator[Diagnostic]:
    """A numbered item or sentence that stops mid-way, with the next item starting right after.

    ## What it checks
    A line that ends in "，", "、" or "：", or in "为"/"是" after a label (执行率为, 原因是) -- so the
    sentence is not finished -- and is followed by the next item of the same list (or of an outer
    list), or by the end of the report.
    Sentences cut by a page break and continued after a blank line are joined before this check
    and stay silent; so does a line that introduces a nested list ("具体指标分析如下：" followed by
    (1) …) or a new list ("说明：" followed by item 1), a heading followed by its content or a table, and a label with a value.

    ## Why
    Converting or editing a report loses text at page ends; an item that breaks off usually lost
    the very figure it was about (a rate, a score, a conclusion).

    ## Example
    (3) 结转结余率。…财政拨款收入决算数总额 5986.7 万元，⏎(4) 国库集中支付…   → R005 on (3)
    (3) 结转结余率。…总额 5986.7 万元，⏎⏎结转结余率为 0。⏎(4) 国库集中支付…   → silent
    """
    headings = facts.optional("headings") or []
    text = facts.text
    # (start, text without trailing blanks) of the non-blank lines; facts.lines are the pieces of the text
    # between its newlines, which one split gives without slicing the text line by line
    lines = [(a, line) for (a, _), line in zip(facts.lines, map(str.rstrip, text.split("\n"))) if line]
    starts = [a for a, _ in lines]
    by_line: dict[int, int] = {}
    for i, h in enumerate(headings):
        k = bisect.bisect_right(starts, h.span[0]) - 1
        if k >= 0:
            by_line.setdefault(k, i)
    heading_lines = sorted(by_line)
    open_ends = [k for k, (_, line) in enumerate(lines) if line[-1] in _OPEN_TAIL_ENDS]   # few lines
    for k in open_ends:
        a, line = lines[k]
        owned = bisect.bisect_right(heading_lines, k) - 1
        if owned < 0 or "\t" in line or "|" in line:
            continue
        owner = by_line[heading_lines[owned]]     # the item of the last heading line at or before this one
        tail = _OPEN_TAIL.search(line[-4:]) if len(line) >= 2 else None
        if tail is None:
            continue
        own_heading = by_line.get(k)
        body = line[headings[own_heading].span[1] - a:] if own_heading is not None else line
        if len(body.strip()) < 2 or _INTRO_TAIL.search(line):
            continue
        end_char = line[-1]
        nxt = by_line.get(k + 1)
        if k + 1 < len(lines) and nxt is None:
            continue          # followed by content, a table, a field: not broken as far as we can tell
        if nxt is None and end_char == ":":
            continue          # a label at the very end: nothing to judge
        if nxt is not None:
            following = headings[nxt]
            if following.parent == owner or following.style.startswith("#"):
                continue      # the line introduces the nested list that follows
            if end_char == ":" and following.number == 1:
                continue      # "说明：" before item 1 of a new list: the label introduces that list
        cut = _CLAUSE_START.search(line)
        frag_start = a + (cut.end() if cut else len(line) - len(line.lstrip()))
        if a + len(line) - frag_start > 60:
            frag_start = a + len(line) - 60
        fragment = text[frag_start : a + len(line)]
        shown = fragment if len(fragment) <= 30 else "…" + fragment[-29:]
        where = (f"{headings[owner].marker} “{_short(headings[owner].text)}”" if owner is not None else "the paragraph")
        kind = "a label with no value" if end_char == ":" else f"a sentence that stops at “{end_char}”"
        if nxt is not None:
            following = headings[nxt]
            message = (f"{where} ends in {kind} (“{shown}”) and the next line starts "
                       f"{following.marker} “{_short(following.text)}”: the item breaks off")
            related = [Related(following.span, f"the next item {following.marker}")]
        else:
            message = f"{where} ends in {kind} (“{shown}”) at the end of the report: the text breaks off"
            related = []
        yield Diagnostic(code="R005", message=message, span=(frag_start, a + len(line)), related=related)


# --- R006: conversion debris ---------------------------------------------------------------------

_DEBRIS = re.compile(
    r"""(?P<latex>\$[^$\n]{0,120}?(?:\\[a-zA-Z]{1,20}|\^|_\{|\\%)[^$\n]{0,120}?\$|\\(?:geq|leq|times|frac|text|mathrm|cdot)\b)
      |(?P<html></?(?:p|br|div|span|td|tr|th|table|tbody|thead|b|strong|i|em|u|font|sup|sub|li|ul|ol|h[1-6])\b[^<>\n]{0,200}>
              |&(?:nbsp|amp|lt|gt|quot|ensp|emsp|\#\d{2,5});)
      |(?P<emphasis>\*\*[^*\n]{1,200}?\*\*|(?<![\w])__[^_\n]{1,200}?__(?![\w]))
      |(?P<control>[\x0b\x0c\x00-\x08\x0e-\x1f])
      |(?P<ocr>[\ufffd\ue000-\uf8ff])
      |(?P<template>[(（]\s{0,2}(?:不超过|限|约)?\s{0,2}\d{2,4}\s{0,2}字(?:以内|以下|左右)?\s{0,2}[)）]
              |[(（]\s{0,2}(?:请)?(?:简要)?(?:说明|描述|阐述|列明|填写)(?![:：])[^()（）\n]{1,60}[)）]
              |(?m:^[ \t]{0,4}(?:请)?(?:简要)?说明(?:项目|部门|单位)[^\n]{0,60})
              |此处填写|请在此填写|填写说明)""",
    re.X,
    scan=True,
)
DEBRIS_KINDS = {
    "latex": "LaTeX markup",
    "html": "an HTML tag or entity",
    "emphasis": "Markdown emphasis markers",
    "control": "a control character (form feed or similar)",
    "ocr": "an unreadable character (OCR or encoding debris)",
    "template": "template instructions",
}
_MAX_PER_KIND = 5

# Where a piece of debris may start: a superset of _DEBRIS's starts that `re` finds with one scan for a
# character class (the look-arounds run in C), where _DEBRIS itself would try its many alternatives at
# every character. A template line (?m:^…说明项目) is found at its 说明 and tried from its line start.
_DEBRIS_START = re.compile(
    r"[$\\<&*_(（说此请填\x00-\x08\x0b\x0c\x0e-\x1f\ufffd\ue000-\uf8ff]"
    r"(?:(?<=[$\\<&\x00-\x08\x0b\x0c\x0e-\x1f\ufffd\ue000-\uf8ff])|(?<=\*)\*|(?<=_)_"
    # a parenthesis with 字 or a template word at most 13 characters on (their first characters end
    # the run, so the look-ahead does not retry every length of it)
    r"|(?<=[(（])(?=[^字说描阐列填)）]{0,13}(?:字|说明|描述|阐述|列明|填写))"
    r"|(?<=说)(?=明(?:项目|部门|单位))"
    r"|(?<=此)处填写|(?<=请)在此填写|(?<=填)写说明)"
)


def _debris(text: str) -> Iterator:
    """_DEBRIS.finditer(text), with _DEBRIS tried only where _DEBRIS_START says debris may start.

    Between a template line's start and its 说明 there are only blanks, 请 and 简要, where no other
    debris starts, so trying that line start late keeps the matches in order."""
    last_end = pos = 0
    while True:
        hit = _DEBRIS_START.search(text, pos)
        if hit is None:
            return
        at = hit.start()
        start = text.rfind("\n", 0, at) + 1 if text[at] == "说" else at
        m = _DEBRIS.match(text, start) if start >= last_end else None
        if m:
            yield m
            last_end = pos = m.end()
        else:
            pos = at + 1


def _clean_span(facts, start: int, end: int) -> tuple[int, int]:
    """The clean span covering original [start, end): the first clean offset whose origin is >= start."""
    omap = facts.clean.omap
    n = len(omap)
    if n == 0:
        return 0, 0
    a = bisect.bisect_left(omap, start)
    b = bisect.bisect_left(omap, end)
    a = min(a, n - 1)
    b = max(min(b, n), a + 1)
    return a, b


@rule("R006", "conversion-debris", Severity.INFO)
def conversion_debris(facts) -> Iterator[Diagnostic]:
    """Conversion debris or template text left in the body: LaTeX, HTML, Markdown markers, instructions.

    ## What it checks
    The original text (before normalisation) for LaTeX math ($\\geq 95\\%$), HTML tags and
    entities (<p>, &nbsp;), Markdown emphasis (**…**, not in .md files), form feeds and other
    control characters, unreadable characters, and template instructions left in
    ("（200字以内）", "（说明项目…）", "此处填写"). At most one note per kind per line (per block
    of consecutive lines for HTML: one note for a table) and five per kind per report; the last
    says how many more lines (blocks) have the same debris.

    ## Why
    Debris shows that the published text was not proofread after conversion, and it can hide or
    garble figures (≥ lost, a cell split by a tag).

    ## Example
    (三) 满意度 $\\geq 95\\%$。                → R006
    (三) 满意度 ≥95%。                        → silent
    """
    source = facts.source.text
    is_markdown = str(facts.path).lower().endswith((".md", ".markdown"))
    seen: set[tuple[str, int]] = set()
    found: dict[str, list[list]] = {}
    counts: dict[str, int] = {}
    last_line: dict[str, int] = {}
    for m in _debris(source):
        kind = m.lastgroup
        if kind not in DEBRIS_KINDS or (kind == "emphasis" and is_markdown):
            continue
        line = facts.source.position(m.start())[0]
        if (kind, line) in seen:
            continue
        seen.add((kind, line))
        if kind == "html" and last_line.get(kind) == line - 1:
            # the next line of one HTML table or paragraph: one note for the block
            last_line[kind] = line
            if found[kind][-1][4] == line - 1:
                found[kind][-1][4] = line
            continue
        last_line[kind] = line
        counts[kind] = counts.get(kind, 0) + 1
        if len(found.setdefault(kind, [])) < _MAX_PER_KIND:
            found[kind].append([m.start(), m.end(), m.group(), line, line])
    for kind, hits in found.items():
        for i, (start, end, raw, first, last) in enumerate(hits):
            shown = raw.replace("\x0c", "\\f").replace("\n", " ")
            shown = "".join(ch if ch >= " " else f"\\x{ord(ch):02x}" for ch in shown)
            message = f"{DEBRIS_KINDS[kind][0].upper()}{DEBRIS_KINDS[kind][1:]} in the text: “{_short(shown, 40)}”"
            if last > first:
                message += f", and on the next {last - first} line{'s' if last - first > 1 else ''} of the block"
            more = counts[kind] - len(hits)
            if i == len(hits) - 1 and more > 0:
                what = "block" if kind == "html" else "line"
                message += f" ({more} more {what}{'s' if more > 1 else ''} with the same kind of debris)"
            yield Diagnostic(code="R006", message=message, span=_clean_span(facts, start, end))


# --- R007: empty cells in a scored table ---------------------------------------------------------

_SCORE_COL = re.compile(r"^(?:自评|指标|实际)?得分(?:\(分\))?$|^评分$|^自评分(?:数|值)?$")
_MAX_COL = re.compile(r"^(?:指标)?(?:分值|权重|满分)(?:\((?:权重|分值|分)\))?$")
_DONE_COL = re.compile(r"^(?:全年|年度|实际)?(?:实际)?完成值$|^实际值$|^实际完成(?:情况|数)?$|^指标完成情况$")


_BLANKS = re.compile(r"\s+")


def _column(heads: list[str], pattern) -> Optional[int]:
    """The first column whose name (blanks removed) matches."""
    for i, head in enumerate(heads):
        if pattern.search(head):
            return i
    return None


@rule("R007", "template-placeholder", Severity.WARNING, needs={"tables"})
def template_placeholder(facts) -> Iterator[Diagnostic]:
    """A scored table leaves a required cell empty: an indicator with a 分值 but no 得分 or 完成值.

    ## What it checks
    In a table whose header has a 分值/权重 column and a 得分/自评得分 column, every row that
    gives a 分值 must give a 得分, and, when the table has a 完成值/实际值 column, a completed value.
    Header, total and merged rows without a 分值 are left alone; rows whose cells do not line up
    with the header are skipped.

    ## Why
    An empty score or completed value is a template left half-filled: the indicator was never
    evaluated, and the total cannot be checked against the items.

    ## Example
    指标 | 分值 | 完成值 | 得分 ⏎ 培训人数 | 10 | 120 人 |        → R007 (得分 empty)
    指标 | 分值 | 完成值 | 得分 ⏎ 培训人数 | 10 | 120 人 | 10     → silent
    """
    tables = facts.optional("tables") or []
    for table in tables:
        header = getattr(table, "header", None)
        if header is None:
            continue
        heads = [_BLANKS.sub("", cell.text) for cell in header.cells]
        score_col = _column(heads, _SCORE_COL)
        max_col = _column(heads, _MAX_COL)
        if score_col is None or max_col is None:
            continue
        done_col = _column(heads, _DONE_COL)
        width = len(header.cells)
        after_header = False
        for row in table.rows:
            if row is header:
                after_header = True
                continue
            if not after_header or row.is_header or row.is_total or len(row.cells) != width:
                continue
            maximum = row.cells[max_col]
            if maximum.value is None:
                continue
            labels = [c.text.strip() for c in row.cells[:max_col] if c.text.strip() and c.value is None]
            label = labels[-1] if labels else (row.label or "?")
            for col, name in ((score_col, "得分"), (done_col, "完成值")):
                if col is None or row.cells[col].text.strip():
                    continue
                column_name = heads[col]
                max_name = heads[max_col]
                yield Diagnostic(
                    code="R007",
                    message=(f"The row “{_short(label)}” gives {max_name} {maximum.text} but its {column_name} "
                             f"cell is empty ({name} not filled in)"),
                    span=row.span,
                    related=[Related(header.span, "the table header")],
                )
