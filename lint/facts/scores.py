"""Scores and grades: indicator scores (prose and tables), the report's total, and its grade.

Prose: "该指标分值 5 分，自评得分 4.5 分" under a heading such as "（7）公众或服务对象满意度";
the heading gives the indicator's label and number, its parent heading the section (一级指标).
Siblings of scored indicators that give no score at all become items with maximum and score None.
Tables: a 分值/权重 column and a 得分/自评得分 column (or 得分系数(%), 得分 = 权重 × 系数), total rows
(总分/合计) give the total, 小计 rows the section subtotals.
Totals: 绩效得分/自评分数/总分/综合得分 …, and a lone 自评得分 in the 自评结论 section.
Grades: "评价等级为优", "绩效等级为“优”", "绩效自评为良" — not "绩效情况良好", not awards.
"""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Iterator, Optional

from lint import rx as re

from lint.model import Grade, Quantity, ScoreItem, Scores, ScoreTotal, Span, Table
from lint.numeric import parse_decimal

GRADE_WORDS = {"优秀": "优", "良好": "良", "一般": "中", "较差": "差", "合格": "中", "不合格": "差",
               "优": "优", "良": "良", "中": "中", "差": "差"}


@dataclass
class IndicatorScore(ScoreItem):
    """A ScoreItem with what the checks need besides: where it sits and what it says."""

    subtotal: bool = False        # a section's own score (一级指标 / 小计), checked against its items
    group: str = ""               # "prose" or "table<N>": the framework it belongs to
    context: Span = (0, 0)        # the indicator's text (its heading's body, or its table row)
    deduction: Optional[Quantity] = None   # "扣 0.5 分" when that is how the score is given
    target: str = ""              # table: the target (年度指标值) cell text
    actual: str = ""              # table: the achieved (实际完成值) cell text
    rate: Optional[Quantity] = None        # a percentage the indicator states (执行率 95.87%)
    computed: bool = False        # the score was computed (分值 − 扣分, 权重 × 系数), not written
    coefficient: Optional[Quantity] = None  # table: the 得分系数 cell
    coefficient_percent: bool = False       # the 系数 is written in per cent
    node: int = -1                # prose: the heading this item is (its own, for a subtotal)
    parent_node: int = -1         # prose: the heading of its section

    @property
    def points(self) -> Optional[Decimal]:
        """What the item adds to the total (a 减分 item subtracts)."""
        return None if self.score is None else self.score.value


@dataclass
class TotalScore(ScoreTotal):
    group: str = "prose"
    strong: bool = True           # a label that can only mean the total (总分, 绩效得分 …)
    conclusion: bool = False      # stated in the 自评结论 / 自评结果 part


_N = r"\d{1,3}(?:\.\d{1,4})?"
_MENTION_PATTERN = (
    # the look-ahead (every first character of the alternatives) rejects most positions at once
    rf"""(?=[该本指分权满标总绩自项综整评最合考实得获扣减加])
      (?P<max>(?:该指标|该项指标|该项|本项|本指标|指标)?(?:分值|权重|满分|标准分值|标准分|总分值)[ \t]{{0,2}}(?:为|是|:|共|设为|设置为)?[ \t]{{0,2}}(?P<maxn>{_N})[ \t]{{0,2}}分(?!值))
      |(?P<total>(?P<tlab>绩效得分|自评总分|项目总得分|总得分|综合得分|综合评分|自评分数|整体得分|评价得分|最终得分|合计得分|考评得分|绩效评分|评价总分|总分)[ \t]{{0,2}}(?:为|是|:|共|达|达到)?[ \t]{{0,2}}(?P<totn>{_N})[ \t]{{0,2}}分(?!值))
      |(?P<score>(?P<slab>(?:自评|实际|最终|指标|考核)?得分|自评分|评分|自评|获得|得)[ \t]{{0,2}}(?:为|是|:|了)?[ \t]{{0,2}}(?P<sign>[-−])?(?P<scoren>{_N})[ \t]{{0,2}}分(?!值))
      |(?P<deduct>(?:扣|减)(?:除|减|掉)?[ \t]{{0,2}}(?P<dedn>{_N})[ \t]{{0,2}}分(?!值))
      |(?P<add>加[ \t]{{0,2}}(?P<addn>{_N})[ \t]{{0,2}}分(?!值))"""
)
_MENTION = re.compile(_MENTION_PATTERN, re.X)
# Every mention ends in a number and its 分 ("5分", "5 分"): those 分 are few, so the mention pattern
# runs only just before them instead of over the whole text.
_MENTION_END = re.compile(r"分(?:(?<=\d分)|(?<=\d[ \t]分)|(?<=\d[ \t][ \t]分))")
_MENTION_REACH = 25   # the longest mention before its 分: "该项指标标准分值  设置为  100.0000  分"
# The characters a mention is made of (its words, blanks, sign and number): a mention that ends at a
# 分 starts inside the run of them that ends there, and in prose such runs are short.
_MENTION_WORDS = "".join(sorted({c for c in _MENTION_PATTERN if "\u4e00" <= c <= "\u9fff"}))
_MENTION_RUN_CHARS = _MENTION_WORDS + " \t:.0123456789-−"     # and any other decimal digit (\d)
_CN = "一二三四五六七八九十"
_HEADING_START = (
    r"[ \t]{0,8}(?:[-*+][ \t]{1,4}|#{1,6}[ \t]{0,4})?"
    rf"(?:(?P<cn>[{_CN}]{{1,3}}、)|(?P<pcn>\([{_CN}]{{1,3}}\))|(?P<dot>\d{{1,2}}\.(?!\d))|(?P<comma>\d{{1,2}}、)"
    r"|(?P<par>\(\d{1,2}\))|(?P<half>\d{1,2}\))|(?P<circ>[①-⑳])"
    r"|(?P<low_dot>[a-z]\.(?![a-zA-Z0-9]))|(?P<low_comma>[a-z]、(?![a-zA-Z0-9]))"
    r"|(?P<up_dot>[A-Z]\.(?![a-zA-Z0-9]))|(?P<up_comma>[A-Z]、(?![a-zA-Z0-9]))"
    rf"|(?P<chapter>第[{_CN}]{{1,3}}[部分章节]))"
    r"[^\S\n]*(?=[^\s%])"   # the blanks before the label (str.lstrip's whitespace: \s); a label follows
)
# the heading number's group (the only group that matches) -> its numbering style
_STYLES = {"cn": "一、", "pcn": "(一)", "dot": "1.", "comma": "1、", "par": "(1)", "half": "1)", "circ": "①",
           "low_dot": "a.", "low_comma": "a、", "up_dot": "A.", "up_comma": "A、", "chapter": "第"}
_HEADING = re.compile(_HEADING_START)
# opens with a literal, so the scan jumps from line to line; the look-ahead (the characters a heading can
# start with) turns most lines down at once
_NEXT_HEADING = re.compile(rf"\n(?=[ \t\-*+#第(①-⑳a-zA-Z\d{_CN}])" + _HEADING_START)
_LABEL_END = re.compile(r"[。:;,!?\t]|\(\s{0,2}\d{1,3}(?:\.\d{1,2})?\s{0,2}分\s{0,2}\)")
_LABEL_MAX = re.compile(rf"\(\s{{0,2}}(?:分值|权重|满分)?\s{{0,2}}({_N})\s{{0,2}}分\s{{0,2}}\)")
_BONUS = re.compile(r"加分|减分|加减分|扣分项|附加分|奖励分")
_NEGATIVE_BONUS = re.compile(r"(?<!加)减分|扣分项")
_NA = re.compile(r"未设置(?:该|此|本)?(?:项)?指标|不适用|不涉及(?:该|此|本)?(?:项)?指标|无此(?:项)?指标|该指标不适用")
_CONCLUSION_HEAD = re.compile(r"自评结论|自评结果|评价结论|评价结果|总体评价|综合评价|自评情况|总体情况|自评得分|评价得分")
_CONCLUSION_SENT = re.compile(r"等级|等次|自评为|评价为|整体|总体|综合|最终|绩效自评|自评结论|自评结果|评定为|经自评|自评得分为")
_SENT_END = re.compile(r"[。!?;\n]")
_REPORT_TOTAL_LABEL = re.compile(r"自评得分|自评分|^自评$|总得分|综合得分|自评总分|总分")
_GRADE_SENT = re.compile(r"等级|等次|评价为|自评为|评定为")

_GRADE = re.compile(
    r"(?P<lead>(?:(?:部门|整体|项目|单位)?(?:绩效)?(?:自评|评价|绩效|综合评价|总体评价)(?:等级|等次|级别|评级|结果|结论)?)"
    r"|等级|等次)"
    r"[ ]{0,2}(?P<verb>为|是|:|\t|\||评定为|确定为|评为|定为|属于|达到)[ ]{0,2}[“\"'「『]?"
    r"(?P<g>优秀|良好|一般|较差|不合格|合格|优|良|中|差)[”\"'」』]?(?P<tail>等级|等次|级|档|等)?",
)
_GRADE_AFTER = re.compile(
    r"(?P<verb>为|属于|达到|评定为|处于)[ ]{0,2}[“\"'「]?(?P<g>优秀|良好|一般|较差|优|良|中|差)[”\"'」]?(?P<tail>等级|等次|档次|档)"
)
# Both grade patterns hold a verb's last character right before the grade word ("为优", "是“良”"):
# those few places are found with one scan, and the patterns run in the windows around them.
_GRADE_VERB = re.compile(r"[为是:\t|于到][ ]{0,2}[“\"'「『]?(?:优|良|中|差|一般|较差|合格|不合格)")
_GRADE_BEFORE = 16    # from a match's start to that character: "部门绩效综合评价等级  评定为"
_GRADE_AFTER_IT = 12  # and on from it to the match's end: "  “不合格”等级"
_GRADE_BAD_LEAD = re.compile(r"考核|考评|获评|被评|荣获|获得|年度考核")

_MAX_COL = re.compile(r"分值|权重|标准分|满分")
_MAX_COL_NOT = re.compile(r"得分|系数")
_SCORE_COL = re.compile(r"得分|评分|实得分")
_SCORE_COL_NOT = re.compile(r"系数|得分率|原因|说明|依据|理由|标准|分值|权重")
_COEF_COL = re.compile(r"得分系数|完成系数|系数")
_IND_COL = re.compile(r"指标|项目名称|评价内容|评价要点|考核内容")
_IND_COL_NOT = re.compile(r"指标值|指标内容|完成|分值|得分|权重|目标值|标准|公式|说明|依据|一级")
_SECTION_COL = re.compile(r"一级指标|一级|指标类型|维度|类别")
_TARGET_COL_NOT = re.compile(r"实际|完成|分值|得分")
_ACTUAL_COLS = [re.compile(p) for p in (r"实际完成值|全年实际值|实际实现值|实际值", r"完成值|实际完成|指标完成情况",
                                         r"完成情况")]
_TARGET_COLS = [re.compile(p) for p in (r"年度指标值|预期实现值|预期目标值|目标值", r"指标值|计划值|预期值|预期指标|年度目标")]
_SCORE_WORD = re.compile(r"分|权重")    # in every maximum column's title and every total row's label
_RATE_COL = re.compile(r"率")
_TOTAL_ROW = re.compile(r"总分|总得分|合计|总计|自评得分|综合得分|自评分数|绩效得分")
_SUBTOTAL_ROW = re.compile(r"小计")


_UNREAD = object()


@dataclass(eq=False, slots=True)
class _Heading:
    start: int                    # line start
    label_start: int              # the text after the number, its blanks skipped
    num: str
    style: str
    parent: Optional[int]
    text: str = field(repr=False)  # the report: few headings' labels are read, so they are read on demand
    children: list[int] | tuple[()] = ()  # a list from its first child on (most headings have none)
    region_end: int = 0           # where its own text ends (the next heading's start)

    _label: Optional[str] = field(default=None, repr=False)
    _label_max: object = field(default=_UNREAD, repr=False)

    @property
    def end(self) -> int:
        """The line's end."""
        end = self.text.find("\n", self.label_start)
        return len(self.text) if end == -1 else end

    @property
    def label(self) -> str:
        if self._label is None:
            end = self.end
            stop = _LABEL_END.search(self.text, self.label_start, end)
            self._label = self.text[self.label_start:stop.start() if stop else end][:40].strip().rstrip("。")
        return self._label

    @property
    def label_end(self) -> int:
        return self.label_start + len(self.label)

    @property
    def label_max(self) -> Optional[Quantity]:
        """The maximum a label such as "预算执行率(10分)" gives."""
        if self._label_max is _UNREAD:
            self._label_max = None
            end = self.end
            m = _LABEL_MAX.search(self.text, self.label_start, min(end, self.label_start + 60))
            if m is not None:
                stop = _LABEL_END.search(self.text, self.label_start, end)
                if not stop or m.start() <= stop.start() + 1:
                    self._label_max = _q(m.group(1), m.span(1))
        return self._label_max


@dataclass(slots=True)
class _Mention:
    kind: str                     # max total score deduct add
    value: Quantity
    span: Span
    label: str = ""
    used: bool = False
    forced_total: bool = False    # a score stated right after the framework's 总分值/满分 100
    text: str = ""                # the whole mention: "该指标分值5分"


def scores(facts) -> Scores:
    text = facts.text
    try:
        tables = list(facts.tables)
    except Exception:  # a broken table parser must not take the scores with it
        tables = []
    out = Scores()
    try:
        _prose(facts, text, tables, out)
    except RecursionError:  # pragma: no cover - defensive
        pass
    for k, table in enumerate(tables):
        _table(text, table, k, out)
    out.grades = _grades(text)
    out.items.sort(key=lambda i: i.span)
    out.totals.sort(key=lambda t: t.span)
    return out


# --- prose -----------------------------------------------------------------------------------------


def _q(number: str, span: Span, unit: str = "分", text: str = "", negative: bool = False) -> Optional[Quantity]:
    try:
        value, decimals = parse_decimal(number)
    except (InvalidOperation, ValueError, IndexError):
        return None
    if negative:
        value = -value
    return Quantity(value=value, decimals=decimals, unit=unit, span=span, text=text)


def _heading_lines(text: str):
    """(line start, match) of every line that starts with a heading number."""
    m = _HEADING.match(text)
    if m:
        yield 0, m
    for m in _NEXT_HEADING.finditer(text):
        yield m.start() + 1, m


def _headings(text: str, table_spans: list[Span]) -> Iterator[_Heading]:
    """The headings in order, each placed under its parent (an index in this order)."""
    out: list[_Heading] = []
    stack: list[int] = []                 # the open headings, outermost first
    stack_styles: list[str] = []          # and their styles
    n = len(text)
    for pos, m in _heading_lines(text):
        label_start = m.end()
        end = text.find("\n", label_start)
        if end == -1:
            end = n
        if text[label_start].isdigit():
            continue
        if text.find("\t", pos, end) != -1 or table_spans and _inside(pos, table_spans):
            continue
        num = m.group(m.lastindex)
        style = _STYLES[m.lastgroup]
        if style == "①" and num.isdigit():   # ①-⑨ are digits to str.isdigit: each is its own style "1①"
            style = "1" + num
        if style in stack_styles:          # a sibling: close the open headings down to its level
            k = stack_styles.index(style)  # (a style is open at most once)
            del stack[k:], stack_styles[k:]
        parent = stack[-1] if stack else None
        idx = len(out)
        if parent is not None:
            if out[parent].children:
                out[parent].children.append(idx)
            else:
                out[parent].children = [idx]
        if out:
            out[-1].region_end = pos
        stack.append(idx)
        stack_styles.append(style)
        out.append(_Heading(pos, label_start, num, style, parent, text, (), n))
        yield out[-1]


def _inside(offset: int, spans: list[Span]) -> bool:
    """Whether offset falls in one of the sorted, non-overlapping spans."""
    k = bisect.bisect_right(spans, (offset, math.inf)) - 1
    return k >= 0 and spans[k][0] <= offset < spans[k][1]


def _windows(anchors, before: int, after: int, n: int) -> list[Span]:
    """The spans [a - before, a + after) around ascending anchor offsets, overlapping ones merged."""
    out: list[Span] = []
    for a in anchors:
        lo, hi = max(0, a - before), min(n, a + after)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _matches_in(pattern, text: str, windows: list[Span]):
    """pattern.finditer(text), for a pattern whose every match lies inside one of the windows.

    The matches are the same as over the whole text as long as no window cuts a match or the
    character a match's look-ahead reads.
    """
    for lo, hi in windows:
        yield from pattern.finditer(text, lo, hi)


def _mention_matches(text: str):
    """_MENTION.finditer(text), searched only before each 分 after a number (a mention's last character).

    A mention holds no other such 分, so the search before one 分 finds the mention that ends there,
    if any. It reads one character past the 分, for the (?!值).
    """
    pos = 0
    for end in _MENTION_END.finditer(text):
        run_start = _run_start(text, max(pos, end.start() - _MENTION_REACH), end.start())
        m = _MENTION.search(text, run_start, end.end() + 1)
        if m is not None:
            yield m
            pos = m.end()


def _run_start(text: str, floor: int, at: int) -> int:
    """Where the run of mention characters that ends at `at` (inclusive) starts, not before `floor`."""
    start = floor + len(text[floor:at].rstrip(_MENTION_RUN_CHARS))
    while start > floor and text[start - 1].isdecimal():       # other digits (str.isdecimal is re's \d)
        start = floor + len(text[floor : start - 1].rstrip(_MENTION_RUN_CHARS))
    return start


_NUMBER_GROUP = {"max": "maxn", "total": "totn", "score": "scoren", "deduct": "dedn", "add": "addn"}
_LABEL_GROUP = {"total": "tlab", "score": "slab"}


def _mentions(text: str, table_spans: list[Span]) -> list[_Mention]:
    out: list[_Mention] = []
    for m in _mention_matches(text):
        start, end = m.span()
        if table_spans and _inside(start, table_spans):
            continue
        kind = m.lastgroup                            # the alternative's own group closes last
        num_group = _NUMBER_GROUP[kind]
        negative = kind == "score" and m.group("sign") is not None
        try:
            value, decimals = parse_decimal(m.group(num_group))
        except (InvalidOperation, ValueError, IndexError):
            continue
        num_start = m.start(num_group) - negative
        q = Quantity(value=-value if negative else value, decimals=decimals, unit="分",
                     span=(num_start, end), text=text[num_start:end])     # the number and its 分
        label = m.group(_LABEL_GROUP[kind]) if kind in _LABEL_GROUP else ""
        out.append(_Mention(kind, q, (start, end), label, text=m.group()))
    return out


_CLAUSE_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|\(\d{1,2}\)|\d{1,2}[.、])")
_CLAUSE_TAIL = re.compile(r"(?:该指标|该项|本项|指标)$")


def _clause_label(text: str, start: int, floor: int) -> str:
    """The indicator's name in the clause before a score: "预算执行率: …, 该指标分值 …" -> 预算执行率."""
    lo = max(floor, start - 120, 0)
    a = max(max(text.rfind(c, lo, start) for c in "。;\n") + 1, lo)
    clause = text[a:start].strip()
    for sep in (":", ","):
        if sep in clause:
            clause = clause.split(sep, 1)[0]
            break
    clause = _CLAUSE_NUMBER.sub("", clause)
    clause = _CLAUSE_TAIL.sub("", clause).strip()
    return clause[:30]


def _sentence_of(text: str, offset: int) -> Span:
    lo = max(0, offset - 300)
    a = max(max(text.rfind(c, lo, offset) for c in "。!?;\n") + 1, lo)
    m = _SENT_END.search(text, offset, min(len(text), offset + 300))
    return a, (m.start() if m else min(len(text), offset + 300))


def _prose(facts, text: str, tables: list[Table], out: Scores) -> None:
    table_spans = sorted(t.span for t in tables)
    mentions = _mentions(text, table_spans)
    if not mentions:
        return          # every item and total below is read from a mention
    # the headings up to the last mention: what the mentions' regions and the totals need
    reading = _headings(text, table_spans)
    heads: list[_Heading] = []
    for h in reading:
        heads.append(h)
        if h.start > mentions[-1].span[0]:
            break
    # mentions per region (None: before the first heading)
    starts = [h.start for h in heads]

    by_region: dict[Optional[int], list[_Mention]] = {}
    for mention in mentions:
        k = bisect.bisect_right(starts, mention.span[0]) - 1
        by_region.setdefault(k if k >= 0 else None, []).append(mention)

    # pairs: 分值 N 分 … 得分 M 分 (or 得分 M 分 … 满分 N 分)
    pairs: dict[Optional[int], list[tuple[Optional[_Mention], Optional[_Mention], Optional[_Mention]]]] = {}
    for region, ms in by_region.items():
        found = []
        for i, m in enumerate(ms):
            if m.kind != "max" or m.used:
                continue
            if "总分值" in m.text or "满分" in m.text and m.value.value >= 100:
                m.used = True   # "总分值 100 分，自评得分 95 分": the framework's maximum, then the total
                nxt = ms[i + 1] if i + 1 < len(ms) else None
                if nxt is not None and nxt.kind == "score" and nxt.span[0] - m.span[1] <= 30:
                    nxt.forced_total = True
                continue
            nxt = ms[i + 1] if i + 1 < len(ms) else None
            if nxt is not None and not nxt.used and nxt.span[0] - m.span[1] <= 30 \
                    and not _SENT_END.search(text, m.span[1], nxt.span[0]):
                if nxt.kind in ("score", "total") and nxt.label not in ("总分",):
                    m.used = nxt.used = True
                    found.append((m, nxt, None))
                    continue
                if nxt.kind == "deduct":
                    m.used = nxt.used = True
                    found.append((m, None, nxt))
                    continue
            prev = ms[i - 1] if i > 0 else None
            if prev is not None and not prev.used and prev.kind == "score" and m.span[0] - prev.span[1] <= 12 \
                    and not _SENT_END.search(text, prev.span[1], m.span[0]):
                m.used = prev.used = True
                found.append((m, prev, None))
                continue
        if found:
            pairs[region] = found

    def has_pair_below(i: int) -> bool:
        todo = list(heads[i].children)
        while todo:
            j = todo.pop()
            if j in pairs or _lone_score(by_region.get(j, [])) and heads[j].label_max is not None:
                return True
            todo.extend(heads[j].children)
        return False

    item_heads: set[int] = set()
    for i, ms in by_region.items():     # an item's heading has a pair or a lone score in its own text
        if i is None:
            continue
        if (pairs.get(i) or _lone_score(ms) and heads[i].label_max is not None) and not has_pair_below(i):
            item_heads.add(i)
    if item_heads:
        heads.extend(reading)   # scored indicators: their siblings may come after the last mention

    emitted: dict[int, list[IndicatorScore]] = {}

    def region_text(i: int) -> str:
        return text[heads[i].start:heads[i].region_end]

    def context(i: int) -> Span:
        return heads[i].start, heads[i].region_end

    def section_of(i: int) -> str:
        p = heads[i].parent
        return heads[p].label if p is not None else ""

    # items with their own 分值/得分
    for region, found in pairs.items():
        single = region is not None and region in item_heads and len(found) == 1
        for mx, sc, ded in found:
            if region is not None and region not in item_heads:
                # pairs in a section's own text (its subtotal) are handled below
                continue
            score = sc.value if sc is not None else None
            computed = False
            if sc is None and ded is not None:
                score = Quantity(value=mx.value.value - ded.value.value,
                                 decimals=max(mx.value.decimals, ded.value.decimals), unit="分",
                                 span=ded.span, text=ded.value.text)
                computed = True
            node, parent_node = -1, (region if region is not None else -1)
            if single:
                h = heads[region]
                label, number, section, ctx = h.label, h.num, section_of(region), context(region)
                node, parent_node = region, (h.parent if h.parent is not None else -1)
            else:
                floor = heads[region].label_end if region is not None else 0
                label = _clause_label(text, mx.span[0], floor) or (heads[region].label if region is not None else "")
                number = heads[region].num if region is not None and len(found) == 1 else ""
                section = heads[region].label if region is not None else ""
                ctx = _sentence_of(text, mx.span[0])
            bonus = bool(_BONUS.search(label)) or (region is not None and bool(_BONUS.search(heads[region].label)))
            item = IndicatorScore(label=label, span=(sc.span if sc is not None else (ded or mx).span),
                                  maximum=mx.value, score=score, bonus=bonus, number=number, section=section,
                                  source="prose", group="prose", context=ctx, node=node, parent_node=parent_node,
                                  deduction=ded.value if ded is not None else None, computed=computed)
            item.rate = _rate_in(text, ctx)
            out.items.append(item)
            if region is not None:
                emitted.setdefault(region, []).append(item)

    # headings with "(5分)" in the label and a lone 得分 in the text
    for i in item_heads:
        if i in pairs:
            continue
        h = heads[i]
        sc = _lone_score(by_region.get(i, []))
        if sc is None or h.label_max is None:
            continue
        sc.used = True
        item = IndicatorScore(label=h.label, span=sc.span, maximum=h.label_max, score=sc.value,
                              bonus=bool(_BONUS.search(h.label)), number=h.num, section=section_of(i),
                              source="prose", group="prose", context=context(i), node=i,
                              parent_node=h.parent if h.parent is not None else -1)
        item.rate = _rate_in(text, context(i))
        out.items.append(item)
        emitted.setdefault(i, []).append(item)

    # siblings of scored indicators: bonus items, 不适用 items, and indicators left without a score
    parents: dict[Optional[int], list[int]] = {}
    if emitted:         # (no scored indicators, no siblings)
        for i, h in enumerate(heads):
            parents.setdefault(h.parent, []).append(i)
    # the level the scored indicators sit at: (parent's style, own style) -> how many
    levels: dict[tuple[str, str], int] = {}
    for k, its in emitted.items():
        if any(not it.bonus for it in its):
            key = (heads[heads[k].parent].style if heads[k].parent is not None else "", heads[k].style)
            levels[key] = levels.get(key, 0) + 1
    for parent, kids in parents.items():
        by_style: dict[str, list[int]] = {}
        for k in kids:
            by_style.setdefault(heads[k].style, []).append(k)
        for style, group in by_style.items():
            scored = [k for k in group if k in emitted and any(not it.bonus for it in emitted[k])]
            level = levels.get((heads[parent].style if parent is not None else "", style), 0)
            # among scored siblings: two in this list, or one here and the same level scored elsewhere
            if not (len(scored) >= 2 or scored and level >= 3):
                # a 加减分 heading with a score counts wherever the report scores its indicators
                if not levels:
                    continue
                group = [k for k in group if _BONUS.search(heads[k].label)]
            for k in group:
                if k in emitted or has_pair_below(k):
                    continue
                h = heads[k]
                ms = [m for m in by_region.get(k, []) if not m.used]
                body = region_text(k)
                bonus = bool(_BONUS.search(h.label))
                na = bool(_NA.search(body))
                sc = _lone_score(ms, allow_add=bonus)
                mx = next((m for m in ms if m.kind == "max"), None)
                if h.children and not bonus and not na and sc is None and mx is None:
                    continue  # a sub-list, not an indicator
                maximum = mx.value if mx is not None else h.label_max
                if sc is not None:
                    sc.used = True
                if mx is not None:
                    mx.used = True
                item = IndicatorScore(label=h.label, span=(sc.span if sc is not None else (h.start, h.label_end)),
                                      maximum=maximum, score=sc.value if sc is not None else None, bonus=bonus,
                                      not_applicable=na and sc is None, number=h.num, section=section_of(k),
                                      source="prose", group="prose", context=context(k), node=k,
                                      parent_node=h.parent if h.parent is not None else -1)
                if bonus and sc is not None:
                    negative = sc.kind == "deduct" or (_NEGATIVE_BONUS.search(h.label) and "加" not in h.label)
                    if negative and item.score is not None and item.score.value > 0:
                        item.score = Quantity(value=-item.score.value, decimals=item.score.decimals, unit="分",
                                              span=item.score.span, text=item.score.text)
                if not bonus and sc is None and mx is not None and any(m.kind == "deduct" for m in ms):
                    ded = next(m for m in ms if m.kind == "deduct")
                    ded.used = True
                    item.score = Quantity(value=mx.value.value - ded.value.value,
                                          decimals=max(mx.value.decimals, ded.value.decimals), unit="分",
                                          span=ded.span, text=ded.value.text)
                    item.deduction, item.computed = ded.value, True
                out.items.append(item)
                emitted.setdefault(k, []).append(item)

    # section subtotals: a heading whose children are scored and whose own text gives a score
    for i in sorted({heads[k].parent for k in emitted if heads[k].parent is not None}):
        h = heads[i]
        if i in emitted:
            continue
        own = [m for m in by_region.get(i, []) if not m.used]
        sub_pairs = pairs.get(i, [])
        mx = sc = None
        if sub_pairs:
            mx, sc = sub_pairs[0][0].value, (sub_pairs[0][1].value if sub_pairs[0][1] is not None else None)
        else:
            lone = _lone_score(own)
            if lone is not None and _CONCLUSION_HEAD.search(h.label) and _REPORT_TOTAL_LABEL.search(lone.label):
                lone = None     # "四、自评结论 / 本局自评得分95.5分": the report's total, read below
            if lone is not None and lone.kind == "score" and lone.label not in ("自评",):
                sc, mx = lone.value, h.label_max
                lone.used = True
            elif h.label_max is not None:
                mx = h.label_max
        if sc is None and mx is None:
            continue
        out.items.append(IndicatorScore(label=h.label, span=(sc.span if sc is not None else (h.start, h.label_end)),
                                        maximum=mx, score=sc, number=h.num, section=section_of(i),
                                        source="prose", group="prose", subtotal=True, context=context(i), node=i,
                                        parent_node=h.parent if h.parent is not None else -1))

    # totals: strong labels anywhere; a lone 自评得分 in the conclusion part
    top_max = max((i.maximum.value for i in out.items if i.maximum is not None and not i.subtotal),
                   default=Decimal(100))
    in_items = set()
    for region in item_heads | set(emitted):
        in_items.add(region)
    concluded = False                     # the report's total already read from the conclusion
    for mention in mentions:
        if mention.used or mention.kind not in ("total", "score"):
            continue
        k = bisect.bisect_right(starts, mention.span[0]) - 1
        region = k if k >= 0 else None
        sent = _sentence_of(text, mention.span[0])
        sentence = text[sent[0]:sent[1]]
        head_labels = []
        j = region
        while j is not None and len(head_labels) < 4:
            head_labels.append(heads[j].label)
            j = heads[j].parent
        conclusion = any(_CONCLUSION_HEAD.search(lab) for lab in head_labels)
        if region is not None and region in in_items:
            # inside an indicator's text only a strong total larger than any indicator's maximum, or
            # the first 自评得分 above every indicator's maximum stated as the conclusion ("本局自评得分
            # 95.5分，评价等级为优" under 自评结论, "综上，…自评得分96.5分，评价等级为优")
            strong = mention.kind == "total" and mention.label != "总分" and mention.value.value > top_max
            stated = (not concluded and _REPORT_TOTAL_LABEL.search(mention.label) is not None
                      and mention.value.value > top_max and (conclusion or _GRADE_SENT.search(sentence) is not None))
            if not (strong or stated):
                continue
            if stated:
                concluded = True
        before = text[max(sent[0], mention.span[0] - 6):mention.span[0]]
        if "满分" in before or "满分" in mention.text:
            continue
        if mention.kind == "total":
            # "总分 100 分，得分 95 分": the first is the maximum
            later = text[mention.span[1]:sent[1]]
            if mention.label == "总分" and _MENTION.search(later) and re.search(r"得分|得", later):
                continue
            out.totals.append(TotalScore(value=mention.value, span=mention.span, label=mention.label,
                                         strong=True, conclusion=conclusion))
            continue
        if mention.label in ("得", "获得", "实际得分", "指标得分", "考核得分", "评分") and not mention.forced_total:
            continue
        if conclusion or mention.forced_total or _CONCLUSION_SENT.search(sentence):
            out.totals.append(TotalScore(value=mention.value, span=mention.span, label=mention.label,
                                         strong=False, conclusion=conclusion))


def _lone_score(ms: list[_Mention], allow_add: bool = False) -> Optional[_Mention]:
    for m in ms:
        if m.used:
            continue
        if m.kind == "score" or m.kind == "total" and m.label != "总分":
            return m
        if allow_add and m.kind in ("add", "deduct"):
            return m
    return None


_RATE = re.compile(r"(?:执行率|支出率|完成率|支出进度|执行进度)\s{0,2}(?:为|是|:|达到|达)?\s{0,2}(\d{1,3}(?:\.\d{1,4})?)\s{0,2}%")


def _rate_in(text: str, span: Span) -> Optional[Quantity]:
    m = _RATE.search(text, span[0], span[1])
    if not m:
        return None
    return _q(m.group(1), m.span(1), unit="%", text=m.group(1) + "%")


# --- tables --------------------------------------------------------------------------------------


def _col(header: Optional[list[str]], pattern, exclude=None, last: bool = False) -> Optional[int]:
    """The column whose header text (of `header`, the header row's texts) matches pattern but not exclude."""
    if header is None:
        return None
    found = None
    for k, text in enumerate(header):
        if text and pattern.search(text) and not (exclude is not None and exclude.search(text)):
            if not last:
                return k
            found = k
    return found


def _cell_value(row, k: Optional[int]) -> Optional[Quantity]:
    if k is None or k >= len(row.cells):
        return None
    v = row.cells[k].value
    if v is None or v.unit not in ("", "分", "%"):
        return None
    return v


def _has_score_columns(row) -> bool:
    texts = [c.text for c in row.cells if c.text and c.value is None]
    if not _MAX_COL.search("\t".join(texts)):     # most rows: one search says no
        return False
    has_max = any(_MAX_COL.search(t) and not _MAX_COL_NOT.search(t) for t in texts)
    has_score = any(_SCORE_COL.search(t) and not _SCORE_COL_NOT.search(t) for t in texts)
    return has_max and has_score


def _scored_part(table: Table) -> Table:
    """The table from its 分值/得分 header row on.

    A tab-separated block may open with 项目名称 / 项目资金 rows and put the indicators' header
    (一级指标 … 分值 得分) in its middle: that row is the header of the rows after it.
    """
    header = table.header
    if header is not None and _has_score_columns(header):
        return table
    for k, row in enumerate(table.rows[:60]):
        if row is not header and _has_score_columns(row):
            rows = [replace(row, is_header=True)] + [_unitless(r, table.unit) for r in table.rows[k + 1:]
                                                      if not r.is_header]
            return replace(table, rows=rows, span=(row.span[0], table.span[1]), unit="")
    return table


_BARE_NUMBER = re.compile(r"[-−]?\d[\d,.]{0,20}")


def _unitless(row, unit: str):
    """The row without the block's money unit on bare numbers (it belongs to the rows above the header)."""
    if not unit:
        return row
    cells = [replace(c, value=replace(c.value, unit=""))
             if c.value is not None and c.value.unit == unit and _BARE_NUMBER.fullmatch(c.text.strip()) else c
             for c in row.cells]
    return replace(row, cells=cells)


def _table(text: str, table: Table, index: int, out: Scores) -> None:
    if _SCORE_WORD.search(text, table.span[0], table.span[1]) is None:
        return      # no 分值/权重 column, no 总分 row (the cells' text is taken from the table's span)
    table = _scored_part(table)
    group = f"table{index}"
    header = table.header
    titles = [c.text for c in header.cells] if header is not None else None
    mx_col = _col(titles, _MAX_COL, _MAX_COL_NOT)
    sc_col = _col(titles, _SCORE_COL, _SCORE_COL_NOT)
    coef_col = _col(titles, _COEF_COL)
    if sc_col is None and coef_col is None or mx_col is None:
        _loose_totals(table, group, out)
        return
    ind_col = _col(titles, _IND_COL, _IND_COL_NOT, last=True)
    sec_col = _col(titles, _SECTION_COL)
    tgt_col = next((k for p in _TARGET_COLS if (k := _col(titles, p, _TARGET_COL_NOT)) is not None), None)
    act_col = next((k for p in _ACTUAL_COLS if (k := _col(titles, p, _MAX_COL)) is not None), None)
    rate_cols = [k for k, c in enumerate(header.cells) if c.text and _RATE_COL.search(c.text)] if header else []

    rows = [r for r in table.rows if not r.is_header]
    scored_rows = [r for r in rows if not r.is_total and _cell_value(r, mx_col) is not None
                   and (_cell_value(r, sc_col) is not None or _cell_value(r, coef_col) is not None)]
    section = ""
    items: list[IndicatorScore] = []
    for row in rows:
        cells = row.cells
        if sec_col is not None and sec_col < len(cells) and cells[sec_col].text and cells[sec_col].value is None:
            section = cells[sec_col].text
        mx = _cell_value(row, mx_col)
        sc = _cell_value(row, sc_col)
        computed = False
        coef = _cell_value(row, coef_col)
        if sc is None and coef is not None and mx is not None:
            if True:
                factor = coef.value / 100 if coef.unit == "%" or "%" in header.cells[coef_col].text else coef.value
                sc = Quantity(value=mx.value * factor, decimals=max(mx.decimals, coef.decimals + 2), unit="分",
                              span=coef.span, text=coef.text)
                computed = True
        label_text = row.label
        ind_text = cells[ind_col].text if ind_col is not None and ind_col < len(cells) else ""
        label = ind_text or label_text
        if row.is_total or _TOTAL_ROW.fullmatch(label_text or ""):
            if _SUBTOTAL_ROW.search(label_text or "") and sc is not None:
                items.append(IndicatorScore(label=f"{section} {label_text}".strip(), span=sc.span, maximum=mx, score=sc,
                                            section=section,
                                            source="table", group=group, subtotal=True, context=row.span))
                continue
            value = sc
            if value is None:
                nums = [c.value for c in cells if c.value is not None and c.value.unit in ("", "分")]
                if len(nums) == 1:
                    value = nums[0]
            if value is None:
                continue
            if not scored_rows or scored_rows == [row]:
                if mx is not None and sc is not None:  # the only scored row: an indicator, not a total
                    name = next((header.cells[k].text for k in rate_cols if k < len(cells)
                                 and cells[k].value is not None and cells[k].value.unit == "%"), "") or label_text
                    items.append(_table_item(name, row, mx, sc, section, group, rate_cols, tgt_col, act_col,
                                             computed))
                continue
            out.totals.append(TotalScore(value=value, span=value.span, label=label_text, group=group,
                                         strong=True))
            continue
        if mx is None and sc is None:
            row_text = " ".join([c.text for c in cells])
            if ind_text and len(scored_rows) >= 2 and ind_col is not None and not _BONUS.search(row_text):
                na = bool(_NA.search(row_text)) or _na_mark(row, mx_col) or _na_mark(row, sc_col)
                items.append(IndicatorScore(label=ind_text, span=cells[ind_col].span, not_applicable=na,
                                            section=section, source="table", group=group, context=row.span))
            continue
        if not label:
            continue
        if (sec_col is not None and ind_col is not None and ind_col != sec_col and not ind_text
                and sec_col < len(cells) and cells[sec_col].text == section and section and sc is not None):
            # a 一级指标 row with its own score: the section's subtotal, its indicators follow
            items.append(IndicatorScore(label=section, span=sc.span, maximum=mx, score=sc, section=section,
                                        source="table", group=group, subtotal=True, context=row.span))
            continue
        item = _table_item(label, row, mx, sc, section, group, rate_cols, tgt_col, act_col, computed)
        if sc is None and _na_mark(row, sc_col):
            item.not_applicable = True
        if coef is not None and coef_col is not None:
            item.coefficient = coef
            item.coefficient_percent = coef.unit == "%" or "%" in header.cells[coef_col].text
        items.append(item)
    out.items.extend(items)


_NA_MARKS = {"/", "-", "—", "——", "－", "无", "不适用", "不涉及", "N/A", "n/a", "NA", "\\"}


def _na_mark(row, k: Optional[int]) -> bool:
    """A score cell that says the indicator does not apply: "/", "—", "不适用"."""
    return k is not None and k < len(row.cells) and row.cells[k].text.strip() in _NA_MARKS


def _table_item(label, row, mx, sc, section, group, rate_cols, tgt_col, act_col, computed) -> IndicatorScore:
    cells = row.cells
    na = sc is None and bool(_NA.search(" ".join([c.text for c in cells])))
    item = IndicatorScore(label=label, span=(sc.span if sc is not None else mx.span), maximum=mx, score=sc,
                          bonus=bool(_BONUS.search(label) or _BONUS.search(section)), not_applicable=na,
                          section=section, source="table", group=group, context=row.span, computed=computed)
    if tgt_col is not None and tgt_col < len(cells):
        item.target = cells[tgt_col].text
    if act_col is not None and act_col < len(cells):
        item.actual = cells[act_col].text
    for k in rate_cols:
        if k < len(cells) and cells[k].value is not None and cells[k].value.unit == "%":
            item.rate = cells[k].value
            break
    return item


_LOOSE_TOTAL = re.compile(r"(?:自评)?总分|总得分|(?:绩效|自评|综合)得分|自评分数|项目总得分")


def _loose_totals(table: Table, group: str, out: Scores) -> None:
    """A "总分 | 80分" row in a table without score columns."""
    for row in table.rows:
        if row.is_header:
            continue
        label = row.label
        if not label or not _LOOSE_TOTAL.fullmatch(label):
            continue
        nums = [c.value for c in row.cells if c.value is not None and c.value.unit in ("分", "")]
        if len(nums) == 1:
            out.totals.append(TotalScore(value=nums[0], span=nums[0].span, label=label, group=group, strong=True))


# --- grades --------------------------------------------------------------------------------------


def _grades(text: str) -> list[Grade]:
    out: list[Grade] = []
    seen: set[int] = set()
    windows = _windows((m.start() for m in _GRADE_VERB.finditer(text)), _GRADE_BEFORE, _GRADE_AFTER_IT, len(text))
    for m in _matches_in(_GRADE, text, windows):
        g = m.group("g")
        end = m.end("g")
        after = text[m.end():m.end() + 1]
        if not m.group("tail") and after and _is_han(after) and after not in "的":
            continue
        if not m.group("tail") and after == "的":
            continue
        lead = m.group("lead")
        before = text[max(0, m.start() - 4):m.start()]
        if _GRADE_BAD_LEAD.search(before + lead):
            continue
        if lead in ("等级", "等次") and _GRADE_BAD_LEAD.search(text[max(0, m.start() - 12):m.start()]):
            continue
        if g in ("合格", "不合格") and not re.search(r"等级|等次", lead):
            continue
        if len(g) == 1 and g in "中差" and m.group("verb") in ("达到",):
            continue
        span = (m.start("g"), end)
        seen.add(span[0])
        out.append(Grade(grade=GRADE_WORDS[g], text=g, span=span))
    for m in _matches_in(_GRADE_AFTER, text, windows):
        if m.start("g") in seen:
            continue
        sent = _sentence_of(text, m.start())
        sentence = text[sent[0]:sent[1]]
        if not re.search(r"自评|评价|得分", sentence) or _GRADE_BAD_LEAD.search(sentence):
            continue
        out.append(Grade(grade=GRADE_WORDS[m.group("g")], text=m.group("g"), span=m.span("g")))
    out.sort(key=lambda g: g.span)
    return out


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"
