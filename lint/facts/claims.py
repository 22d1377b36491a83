"""Claims: what the report says about itself that its own figures can confirm or deny.

`claims(facts)` returns a `ClaimFacts` with

- `statements`: every quantity with a unit, placed in its sentence and clause, keyed two ways:
  `by_frame` (the whole sentence with its numbers masked, units kept: "举办送课下基层活动#场") and
  `by_subject` (the sentence's head clause + the number's own clause, masked, with the period and
  scope of the sentence: two statements share a key only when they say the same thing of the same
  subject for the same period and scope);
- `completions`: claims of completion, success or keeping to budget (全部完成, 均达到预期,
  严格按照年初预算进行支出, 未超预算 …) and `problems` ("预算资金执行率有待进一步提高");
- `rates`: the report's own execution/completion figures, each with its topic;
- `budget_amounts` / `actual_amounts`: department-wide budget and spending amounts;
- `negations`: "未收到投诉", "无超标准支出" … with the noun they deny;
- `counted_lists`: "N 个 …，分别是 A、B、C" and "N 级体系（A、B、C）" with the items counted;
- `formulas`: “1+7+55+N” beside the counts the same sentence states;
- `table_counts`: "重点工作任务 8 项，完成 8 项" after a numbered table.

Everything is found in one pass over sentences and quantities; nothing compares all pairs.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Optional

from lint import rx as re

from lint.model import MONEY_UNITS, Quantity, Span
from lint.numeric import chinese_to_int

HanCount = Callable[[str], int]          # counts the Chinese characters of a string

# --- small vocabularies ---------------------------------------------------------------------------

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_DIGIT_GROUPS = re.compile(r"(\d+(?:[.,]\d+)*)")               # _DIGITS, captured for split
_CN_NUM = "零〇一二两三四五六七八九十百千"
_NOT_HAN = re.compile(r"[^\p{Han}]+")
# Chinese characters outside U+4E00–U+9FFF, U+4000–U+4DFF and lone surrogates: see _han_counter
_OFF_BLOCK = re.compile("[\u2e80-\u2fff\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dff\uf900-\ufaff"
                        "\ud800-\udfff\U00010000-\U0010ffff]")
_NOT_E4_E9 = bytes(b for b in range(256) if not 0xE4 <= b <= 0xE9)
_ANY_DIGIT = re.compile(r"\d")

_PERIOD = re.compile(
    r"(?=[\d上下第一二三四去前今本全当年])"   # how every word opens: `re` tries the words only there
    r"(?:(?P<year>\d{4})年度?(?!\d)|(?P<half>上半年|下半年)|第?(?P<q>[一二三四1-4])季度"
    r"|(?<!\d)(?P<month>\d{1,2})月(?:份)?|(?<![比较同])(?P<prev>上年度?|去年|上一年度?|前年)"
    r"|(?P<this>今年|本年度|本年|全年|当年|年度内))",
)
_SCOPE = re.compile(r"本级|全区|全市|全省|全县|全镇|全街道?|全国|区级|市级|省级|县级|镇级|村级|全系统|全局")
_FILLER = re.compile(
    r"^(?:(?:本|我)(?:部门|单位|街道|部|委|局|院|中心|办|区|镇|所|校|站)?|其中|共计|共|累计|总计|合计"
    r"|今年以来|截至目前|截止目前|目前|同时|此外|另外|并且|并|且|#年度?|#月份?|#日)+"
)
_FILLER_FIRST = "本我其共累总合今截目同此另并且#"             # the first characters of _FILLER's words
_PERIOD_WORDS = re.compile(r"#年度?(?:#月(?:#日)?)?|#月(?:#日)?|今年|本年度|本年|全年|当年|年度内")
_SCORE_UNITS = {"分"}
_DATE_UNITS = {"年", "月", "日", "天"}
_NOT_COMPARABLE = _SCORE_UNITS | _DATE_UNITS
_PLAN = re.compile(r"目标|计划|预计|预期|拟|力争|争取|确保|指标值|目标值|不低于|不少于|不超过|不高于|将")
# what an item marker (_ITEM_MARK, _LEAD) can open with, besides a digit or a space
_MARKER_FIRST = "(一二三四五六七八九十" + "".join(map(chr, range(ord("①"), ord("⑳") + 1)))
_ITEM_MARK = re.compile(r"\s*(?:\(\d{1,2}\)|\d{1,2}[.、](?!\d)|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、|[①-⑳])")
_DEPENDENT_FIRST = "其该此上以同另分比较占"       # the first characters of _DEPENDENT's words
_DEPENDENT = re.compile(r"\s*(?:其中|其余|其他|该|此|上述|以上|同时|另外|另|此外|分别|同比|比上年|较上年|占)")
_STAGE = re.compile(r"预算|决算|执行|实际|调整|下达|拨付|到位|结转|结余|发放|资助|帮扶|投入|筹集|采购|奖励|补助|补贴")
_LEAD = re.compile(
    r"([\s#*-]*(?:\(\d{1,2}\)|\d{1,2}[.、](?!\d)|[一二三四五六七八九十]{1,3}(?:是|、)|\([一二三四五六七八九十]{1,3}\)|[①-⑳]))?"
    r"(?:[\p{Han}()“”]{1,16}[:])?"
)

# completion / success / budget-keeping claims
_NOT_FULL = r"(?<!未|没有|尚未|基本|大部分|部分|未能|没能|不能|能否|是否|确保|力争|争取|保证|计划|将|拟)"
_COMPLETION = re.compile(
    _NOT_FULL + r"(?P<complete>全部完成|均已完成|已全部完成|均全部完成|圆满完成|全面完成|100%完成|均按期完成|均按时完成)"
    r"|" + _NOT_FULL + r"(?P<expected>均(?:已)?达到(?:了)?(?:预期|既定)(?:的)?(?:绩效)?(?:目标|效果)?"
    r"|全部达到(?:了)?(?:预期|既定)(?:的)?(?:绩效)?(?:目标|效果)?)"
    r"|(?P<initial>(?:严格)?按(?:照)?年初预算(?:进行支出|执行|支出|安排支出))"
    r"|(?P<notover>(?:未|没有|不)超(?:过|出)?(?:年初|全年|调整后)?预算)"
)
_PROBLEM = re.compile(
    r"(?P<label>[\p{Han}]{0,10}?(?:执行率|完成率|支出率|执行进度|支出进度))(?:还|仍|仍然|尚|也)?"
    r"(?:有待|需要|需|亟待|仍需|亟需)(?:进一步)?(?:提高|提升|加快|加强)"
    r"|(?P<label2>[\p{Han}]{0,10}?(?:执行率|完成率|支出率))(?:偏低|较低|不高|不理想)"
)
# what every match of _DONE_OF, _COMPLETION and _PROBLEM holds: a sentence without it is not searched
_DONE_OF_HINT = re.compile(r",(?:已|共|实际)?完成")
_COMPLETION_HINT = re.compile(r"[部已满面%期时]完成|达到|年初预算|超")
_PROBLEM_HINT = re.compile(r"(?:执行率|完成率|支出率|执行进度|支出进度)(?:还|仍|仍然|尚|也)?"
                           r"(?:有待|需要|需|亟待|仍需|亟需|偏低|较低|不高|不理想)")
# the budget-execution topic, in a rate's label or a claim's words
_EXEC_LABEL = re.compile(
    r"(?:预算|资金|支出|财政|拨款)[\p{Han}]{0,6}?(?:执行率|完成率|支出率)|^执行率|预算完成|完成预算|执行进度|支出进度"
)
_NOT_EXEC = re.compile(r"采购|任务|参保|工作|目标|绩效|指标|项目|三公|公用|结余|结转|办结|满意")
_EXEC_CLAIM = re.compile(r"预算[\p{Han}、]{0,6}执行|执行[\p{Han}、]{0,4}预算|预算执行|资金执行|支出进度")
_RATE_CORE = re.compile(r"(?P<core>[\p{Han}“”]{2,10}?)(?:的)?(?:完成率|达成率|完成比例)$")
_BUDGET_LABEL = re.compile(r"年初预算|总预算|支出预算|预算数|全年预算|调整后[\p{Han}]{0,4}预算")
_INITIAL_LABEL = re.compile(r"年初预算")
_ACTUAL_LABEL = re.compile(r"支出决算|决算支出|决算总支出|实际支出|本年支出合计|支出合计|执行数")
_LABEL_END = re.compile(r"(?:为|是|达到|达|了|约|:|\s)+$")
_LABEL_END_LAST = frozenset("为是到达了约:")                  # what a _LABEL_END match can end with (or a space)
_PRIOR_YEAR = re.compile(r"比上年|上年")
_SUB_ITEM = re.compile(r"三公|公用经费|人员经费|采购|基本支出|项目|经费|专项|会议|培训|差旅|接待|车辆|其中|上年|比|增")

# negations: 未收到投诉, 无超标准支出, 没有发生安全事故, 零投诉
_NEGATION = re.compile(
    r"(?P<neg>未|没有|无|零)(?P<verb>收到|发生|出现|发现|有|接到)?(?P<noun>[\p{Han}、]{2,16})"
)
_NEG_COMPOUND = re.compile(
    r"(?:无(?:偿|证|人|线|害|纸|障碍|私|缝|形|论|限|疑|法|需|须|锡|关|意|奈|效|异|误|数|比|畏|穷|所|非|愧|从)"
    r"|未(?:成|来|定|知|曾|必|满|经|按|能|及|列|尽|达|纳|予|作|被|设|到|对|进|明|实|落|结|完|办|做)"
    r"|没有(?:按|能|到|对)|零(?:售|星|散|件|部|距|基|时|点|下|容忍|报告|风险|换乘|跑腿|收费))"
)
_NEG_TRIM = re.compile(r"(?:的)?(?:情况|现象|事件|问题|行为|事项|等)+$")
_NEG_HEAD = re.compile(r"^(?:相关|任何|一起|一例|一件|过|到)+")
# counts with their list
_LIST_INTRO = re.compile(
    r"(?P<count>\d{1,3}|[两一二三四五六七八九十]{1,3})(?P<cls>个|项|名|家|支|类|所|条|种|大|方面|部分|处|座)"
    r"(?P<noun>[\p{Han}“”()]{0,14}?)[,:]?(?P<intro>分别是|分别为|分别有|即|包括|包含|具体为|具体是|具体包括|主要有|主要包括)"
    r"(?!但不限于)[:]?"
)
_PAREN_LIST = re.compile(
    r"(?P<count>\d{1,3}|[两二三四五六七八九十]{1,3})(?P<cls>个|项|名|家|支|类|所|条|种|大|级|方面|部分|处|座)"
    r"(?P<noun>[\p{Han}“”]{1,10}?)\(",
    scan=True,
)
_PARTIAL_INTRO = {"包括", "包含", "具体包括", "主要有", "主要包括"}
_PARTIAL_OPEN = re.compile(r"含|包括|包含|如|例如|主要|其中|比如")
_HAS_COUNT = re.compile(
    r"(?<!第)(?:\d+(?:\.\d+)?|[一二两三四五六七八九十]+)(?:个|项|名|家|支|类|所|条|种|人|户|场|期|次|件|万|元|%)"
)
_OPEN = "(“《【〔[「"
_CLOSE = ")”》】〕]」"
_AND = re.compile(r"以及|和|及|与")
_ETC_END = re.compile(r"等(?:[\p{Han}]{0,8})$")
_SUBJECT_LEAD = re.compile(r"^.*?(?:本部|本单位|我单位|本部门|我部|年度?|年)")

_DONE_OF = re.compile(
    r"(?P<subject>[\p{Han}]{2,12}?)(?P<n>\d{1,4})(?P<cls>项|个|件|条),(?:已|共|实际)?完成(?P<m>\d{1,4})(?P=cls)",
    scan=True,
)

# “1+7+55+N”
_FORMULA = re.compile(r"[“\"'‘](?P<terms>\d{1,4}(?:\+\d{1,4}){1,7})(?P<open>\+[A-Za-zＮｎ])?[”\"'’]")
_COUNT_UNITS = {"个", "家", "支", "名", "所", "项", "条", "处", "座", "类", "种", "户", "村", "站", "人"}

# "重点工作任务 8 项，完成 8 项" after a numbered table
_TABLE_COUNT = re.compile(
    r"(?P<subject>[\p{Han}]{2,14}?)(?P<n>\d{1,3})(?P<cls>项|个|条|件)(?:[,,]?(?:已|共)?完成(?P<m>\d{1,3})(?P=cls))?"
)

_TABLE_COUNT_CORE = re.compile(r"\d[项个条件]")        # in every _TABLE_COUNT match


# --- the facts -------------------------------------------------------------------------------------


@dataclass
class Statement:
    """A quantity in its sentence: what it is said of, for which period and scope."""

    q: Quantity
    sentence: int                      # index into facts.sentences
    slot: int                          # its place among the sentence's quantities
    clause: Span
    frame: str                         # the sentence, numbers masked
    subject_key: Optional[tuple] = None
    period: str = "Y"
    scope: str = ""
    stage_ok: bool = True              # money: says which stage (预算, 决算, 执行 …) it is

    @property
    def span(self) -> Span:
        return self.q.span

    @property
    def comparable(self) -> bool:
        """A count or amount that may be compared at all (not a score, a date, a bare number)."""
        return bool(self.q.unit) and self.q.unit not in _SCORE_UNITS and self.q.unit not in _DATE_UNITS


@dataclass
class SentenceFrame:
    sentence: int
    span: Span
    frame: str                          # numbers masked, units kept
    others: tuple = ()                  # digits that are not quantities (years, markers), as written
    statements: list[int] = field(default_factory=list)
    table: bool = False
    dependent: bool = False             # opens with 其中/该/此外 …: its subject is in another sentence
    han: int = 0                        # Chinese characters in the frame
    context: str = ""                   # the heading or item title it sits under


@dataclass
class Claim:
    kind: str                           # complete, expected, initial, notover, problem
    text: str
    span: Span
    sentence: int
    clause_text: str                    # the clause the claim sits in
    exec_topic: bool = False            # speaks of budget execution
    label: str = ""                     # problems: the rate named (预算资金执行率)


@dataclass
class Rate:
    statement: int
    topic: str                          # "exec" or a core noun (重点工作, 绩效目标)
    label: str
    value: Decimal
    decimals: int
    span: Span
    total: Optional[Quantity] = None    # "N 项，完成 M 项": the N


@dataclass
class Negation:
    noun: str
    span: Span
    sentence: int
    text: str
    period: str = "Y"
    scope: str = ""


@dataclass
class CountedList:
    count: int
    count_span: Span
    count_text: str
    noun: str
    items: list[str]
    items_span: Span
    extra: int = 0                      # how many items 和/及 may add (A、B和C: 2 or 3)
    open_ended: bool = False            # 等: the list may be a subset
    source: str = "list"                # list, paren, table


@dataclass
class FormulaCount:
    terms: list[int]
    span: Span
    text: str
    counts: list[Quantity]


@dataclass
class ClaimFacts:
    statements: list[Statement] = field(default_factory=list)
    frames: list[SentenceFrame] = field(default_factory=list)
    by_frame: dict[str, list[int]] = field(default_factory=dict)       # frame -> sentence frames
    by_subject: dict[tuple, list[int]] = field(default_factory=dict)   # key -> statements
    completions: list[Claim] = field(default_factory=list)
    problems: list[Claim] = field(default_factory=list)
    rates: list[Rate] = field(default_factory=list)
    budget_amounts: list[Quantity] = field(default_factory=list)
    initial_budgets: list[Quantity] = field(default_factory=list)
    actual_amounts: list[Quantity] = field(default_factory=list)
    negations: list[Negation] = field(default_factory=list)
    counted_lists: list[CountedList] = field(default_factory=list)
    formulas: list[FormulaCount] = field(default_factory=list)


# --- extraction ------------------------------------------------------------------------------------


def claims(facts) -> ClaimFacts:
    out = ClaimFacts()
    text = facts.text
    try:
        sentences = facts.sentences
        quantities = [q for q in facts.quantities if q.span[1] <= len(text)]
    except Exception:  # a missing or broken extractor must not stop the claims
        return out
    year = _evaluation_year(facts)
    han = _han_counter(text)
    starts = [q.span[0] for q in quantities]
    context = ""
    lazy_source = (text, han)
    plus = "+" in text
    for si, sent in enumerate(sentences):
        a, b = sent.span
        if b - a > MAX_SENTENCE:  # no prose: data or debris, and the per-figure look-backs would go quadratic
            out.frames.append(SentenceFrame(si, sent.span, f"\x00{si}", table=True))  # frames[i] is sentence i
            continue
        s = sent.text                    # text[a:b]
        if b - a <= 30 and (_is_heading(text, a, b) or (b - a <= 24 and _opens_item(text, a, b))):
            context = s.strip()
        lo = bisect.bisect_left(starts, a)
        if lo < len(starts) and starts[lo] < b:
            qs = [q for q in quantities[lo:bisect.bisect_left(starts, b, lo)] if q.span[1] <= b]
        else:
            qs = []
        if qs:
            _sentence(out, text, si, sent.span, s, qs, year, context, han)
        else:                            # no figures: the frame is all the sentence adds
            out.frames.append(_LazyFrame(si, sent.span, context, lazy_source))
        # each helper only where the words it looks for are
        if "完成" in s or "达到" in s or "预算" in s or "率" in s or "进度" in s:
            _claims_in(out, s, si, a)
        if "未" in s or "无" in s or "零" in s or "没有" in s:
            _negations_in(out, s, si, a, year)
        if "、" in s and ("(" in s or _has_list_word(s)):
            _lists_in(out, s, a)
        if plus and "+" in s:
            _formulas_in(out, s, a, qs)
    _table_counts(out, facts, text, sentences)
    return out


MAX_SENTENCE = 1000
_YEAR = re.compile(r"(?<!\d)(20\d\d)年")


def _evaluation_year(facts) -> Optional[int]:
    """The header's evaluation year, else --year, else the year the text names most often."""
    try:
        year = facts.evaluation_year
    except Exception:
        year = getattr(facts, "year_override", None)
    if year is None:
        counts: dict[str, int] = {}
        for m in _YEAR.finditer(facts.text):
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
        if counts:
            year = int(max(counts, key=lambda y: (counts[y], y)))
    return year


def _is_heading(text: str, a: int, b: int) -> bool:
    """A short line of its own that does not end a sentence: a heading or an item title."""
    if b - a > 30 or (a and not text[a - 1].isspace()) or text[b - 1:b] in ("。", ";", "!", "?") \
            or text.find("\t", a, b) != -1:
        return False                     # (text before it on its line: not a line of its own)
    nl = text.rfind("\n", max(0, a - 200), a)
    if text[nl + 1:a].strip() if nl != -1 else (a > 200 or text[:a].strip()):
        return False
    end = text.find("\n", b, b + 200)
    return not text[b:end if end != -1 else min(len(text), b + 200)].strip()


def _opens_item(text: str, a: int, b: int) -> bool:
    """_ITEM_MARK.match(text, a, b), asked only when the first character can open a marker."""
    first = text[a:a + 1]
    return (first in _MARKER_FIRST or first.isdecimal() or first.isspace()) and bool(_ITEM_MARK.match(text, a, b))


def _lead(text: str, a: int, b: int):
    """_LEAD.match(text, a, b), or None when the text cannot open with a marker or a "label:"."""
    first = text[a:a + 1]
    if first in _MARKER_FIRST or first in "#*-" or first.isdecimal() or first.isspace() \
            or text.find(":", a + 1, min(b, a + 17)) != -1:
        return _LEAD.match(text, a, b)
    return None


def _sentence(out: ClaimFacts, text: str, si: int, span: Span, sent: str, qs: list[Quantity], year: Optional[int],
              context: str, han: HanCount) -> None:
    """The frame and the statements of a sentence with figures; `sent` is text[span], `han` counts Chinese
    characters."""
    a, sent, marker_key, plan = _opening(text, span, sent, han)
    if qs[0].span[0] < a:
        qs = [q for q in qs if q.span[0] >= a]
    others = [marker_key] if marker_key else []
    masked = _masked(text, a, span[1], qs, others) if "\x00" not in sent else None
    if masked is not None:
        sf = _frame_of(si, span, context, sent, masked.replace("\x00", "#"), others, plan, han)
    else:
        sf = _frame(si, span, context, text, a, sent, marker_key, plan, qs, han)
    fi = len(out.frames)
    out.frames.append(sf)
    if not qs:
        return                           # (its figures were all in the item marker)
    keyed = not sf.table and not sf.dependent    # its figures may be keyed by subject, its frame by wording
    period = _period(sent, year)
    scope = "|".join(sorted(set(_SCOPE.findall(sent)))) if "全" in sent or "级" in sent else ""
    clauses, owner, place = _clauses(sent, a, qs)
    # the clauses of the masked sentence are the masked clauses, unless masking swallowed a , or : ("1,231")
    masked_clauses = masked.replace(":", ",").split(",") if masked is not None else None
    if masked_clauses is not None and len(masked_clauses) != len(clauses):
        masked_clauses = None
    head = ""
    clause_frames: dict[int, tuple[str, int]] = {}   # clause index -> its _normal_clause and Chinese characters
    for ci in range(len(clauses)):
        h = _normal_masked(masked_clauses[ci]) if masked_clauses else _normal_clause(text, clauses[ci], qs)
        clause_frames[ci] = h, han(h)
        if clause_frames[ci][1] >= 2:
            head = h
            break
    head_staged = None                   # whether the head clause says the stage (asked once, if at all)
    # a share or rate beside an amount that does not say its stage (占总支出的 x%) inherits the doubt
    unstaged = False
    for q in qs:
        if q.unit in MONEY_UNITS and not _STAGE.search(text, a, q.span[0]):
            if head_staged is None:
                head_staged = bool(_STAGE.search(head))
            if not head_staged:
                unstaged = True
                break
    for slot, q in enumerate(qs):
        ci = owner[slot]
        c = clauses[ci]
        unit = q.unit
        money = unit in MONEY_UNITS
        stage_ok = True
        if money:
            if not _STAGE.search(text, c[0], q.span[0]):
                if head_staged is None:
                    head_staged = bool(_STAGE.search(head))
                stage_ok = head_staged
        elif unit == "%" and unstaged:
            stage_ok = False
        key = None
        if keyed and head and stage_ok and unit and unit not in _NOT_COMPARABLE:     # (Statement.comparable)
            if ci not in clause_frames:
                normal = _normal_masked(masked_clauses[ci]) if masked_clauses else _normal_clause(text, c, qs)
                clause_frames[ci] = normal, han(normal)
            clause_frame, clause_han = clause_frames[ci]
            if clause_han - len(unit) >= 4:
                modal = plan or bool(_PLAN.search(text, c[0], q.span[0]))
                key = (head, clause_frame, place[slot], unit, period, scope, context, modal, marker_key)
        st = Statement(q, si, slot, c, sf.frame, key, period, scope, stage_ok)
        idx = len(out.statements)
        out.statements.append(st)
        sf.statements.append(idx)
        if key is not None:
            out.by_subject.setdefault(key, []).append(idx)
        if unit == "%" or (money and not q.hedge):
            _rate_or_amount(out, text, idx, st, c, a)
    if keyed:
        out.by_frame.setdefault(sf.frame, []).append(fi)


def _clauses(sent: str, a: int, qs: list[Quantity]) -> tuple[list[Span], list[int], list[int]]:
    """The clauses of the sentence at `a` (cut at , and :), and for each quantity the clause it opens in and
    its place among that clause's quantities (one walk: quantities are in order)."""
    clauses, start = [], a
    for piece in sent.replace(":", ",").split(","):
        end = start + len(piece)
        clauses.append((start, end))
        start = end + 1
    owner: list[int] = []
    place: list[int] = []
    ci, last, n = 0, len(clauses) - 1, 0
    for q in qs:
        while ci < last and q.span[0] >= clauses[ci + 1][0]:
            ci, n = ci + 1, 0
        place.append(n)
        owner.append(ci)
        n += 1
    return clauses, owner, place


def _opening(text: str, span: Span, sent: str, han: HanCount) -> tuple[int, str, str, bool]:
    """Where the sentence's own words start, its text from there, its item marker and whether a plan word
    (目标, 计划 …) came before: "(3)" before a repeated sentence is set aside, and "培训工作经费:" too when
    what follows can stand alone."""
    a, b = span
    lead = _lead(text, a, b)
    if not (lead and a < lead.end() < b):
        return a, sent, "", False        # (an empty lead leaves the sentence as it is)
    marker = lead.group(1) or ""
    if b - lead.end() >= 15 and han(text[lead.end():b]) >= 15:
        a = lead.end()
    else:
        a += len(marker)
    plan = a > span[0] and bool(_PLAN.search(text, span[0], a))      # "年度目标:" / "计划:" before the sentence
    return a, text[a:b], marker.strip(" #*-"), plan


def _masked(text: str, a: int, b: int, qs: list[Quantity], others: list) -> Optional[str]:
    """text[a:b] with each quantity as "\x00unit" and other groups of digits as "#" (these go to `others`), in
    one pass: no group of digits runs across a "\x00unit" (units hold no digits). None if quantities overlap."""
    pieces, pos = [], a
    for q in qs:
        if q.span[0] < pos:
            return None
        pieces.append(text[pos:q.span[0]])
        pieces.append("\x00" + q.unit)
        pos = q.span[1]
    pieces.append(text[pos:b])
    return _mask_digits("".join(pieces), others)


def _frame_of(si: int, span: Span, context: str, sent: str, body: str, others: list, plan: bool,
              han: HanCount) -> SentenceFrame:
    frame = ("(plan)" if plan else "") + body.rstrip("。!?;").strip()
    return SentenceFrame(si, span, frame, tuple(others), table="\t" in sent or "|" in sent,
                         dependent=_is_dependent(sent), han=han(frame), context=context)


def _frame(si: int, span: Span, context: str, text: str, a: int, sent: str, marker_key: str, plan: bool,
           qs: list[Quantity], han: HanCount) -> SentenceFrame:
    """The sentence from `a` with its quantities as "#unit" and other digits as "#"; its item marker beside it."""
    b = span[1]
    others = [marker_key] if marker_key else []
    if qs:
        pieces, pos = [], a
        for q in qs:
            pieces.append(_mask_digits(text[pos:q.span[0]], others))
            pieces.append("#" + q.unit)
            pos = q.span[1]
        pieces.append(_mask_digits(text[pos:b], others))
        body = "".join(pieces)
    else:
        body = _mask_digits(sent, others)
    return _frame_of(si, span, context, sent, body, others, plan, han)


class _LazyFrame(SentenceFrame):
    """The frame of a sentence without figures, made when first read: no statement keys on it, and the
    rules read only the few beside a conflict. (Kept small: a report has a few hundred of them.)"""

    statements = ()                     # no figures
    _made: Optional[SentenceFrame] = None

    def __init__(self, si: int, span: Span, context: str, source: tuple):
        self.sentence, self.span, self.context = si, span, context
        self._source = source           # (text, han), shared by the report's frames

    def _make(self) -> SentenceFrame:
        if self._made is None:
            text, han = self._source
            a, sent, marker_key, plan = _opening(text, self.span, text[self.span[0]:self.span[1]], han)
            self._made = _frame(self.sentence, self.span, self.context, text, a, sent, marker_key, plan, [], han)
        return self._made

    frame = property(lambda self: self._make().frame)
    others = property(lambda self: self._make().others)
    table = property(lambda self: self._make().table)
    dependent = property(lambda self: self._make().dependent)
    han = property(lambda self: self._make().han)


def _is_dependent(sent: str) -> bool:
    """_DEPENDENT.match(sent), asked only when the first character can open one of its words."""
    first = sent[:1]
    return (first in _DEPENDENT_FIRST or first.isspace()) and bool(_DEPENDENT.match(sent))


def _han_count(s: str) -> int:
    """How many Chinese characters `s` holds."""
    return len(_NOT_HAN.sub("", s))


def _han_counter(text: str) -> HanCount:
    """_han_count, or a cheaper exact count for the pieces of `text` (and frames made of them) when all its
    Chinese characters are in U+4E00–U+9FFF and nothing else is in U+4000–U+9FFF."""
    return _han_count if _OFF_BLOCK.search(text) else _utf8_han_count


def _utf8_han_count(s: str) -> int:
    # in UTF-8 each character in U+4000–U+9FFF opens with a byte E4–E9, and no other byte is one
    return len(s.encode().translate(None, _NOT_E4_E9))


def _mask_digits(piece: str, others: list) -> str:
    """`piece` with each group of digits as "#"; the groups, as written, go to `others`."""
    if not _ANY_DIGIT.search(piece):
        return piece
    parts = _DIGIT_GROUPS.split(piece)   # text, group, text, … : one pass for both
    others.extend(parts[1::2])
    return "#".join(parts[0::2])


def _normal_clause(text: str, c: Span, qs: list[Quantity]) -> str:
    """A clause with its numbers masked, its period words and leading fillers removed."""
    pieces, pos = [], c[0]
    for q in qs:
        if q.span[0] < pos or q.span[0] >= c[1]:
            continue
        pieces.append(text[pos:q.span[0]])
        pieces.append("\x00" + q.unit)  # (no group of digits runs across it: one _DIGITS.sub for all pieces)
        pos = q.span[1]
    pieces.append(text[pos:c[1]])
    return _normal_masked(_DIGITS.sub("#", "".join(pieces)))


def _normal_masked(s: str) -> str:
    """_normal_clause of a clause already masked (quantities as "\x00unit", other digits as "#")."""
    s = _no_period_words(s.strip(" 。;!?"))
    while s[:1] in _FILLER_FIRST and (m := _FILLER.match(s)):  # until no filler leads (removing one may bare another)
        s = s[m.end():]
    return s.replace("\x00", "#")


def _no_period_words(s: str) -> str:
    """_PERIOD_WORDS.sub("", s): each of its words holds 年 or 月."""
    return _PERIOD_WORDS.sub("", s) if "年" in s or "月" in s else s


def _strip_filler(s: str) -> str:
    """_FILLER.sub("", s): the pattern is anchored at the start, so it matches once at most."""
    m = _FILLER.match(s)
    return s[m.end():] if m else s


def _period(sent: str, year: Optional[int]) -> str:
    if "年" not in sent and "月" not in sent and "季" not in sent:
        return "Y"                       # every _PERIOD word holds one of them
    tokens = set()
    for m in _PERIOD.finditer(sent):
        kind = m.lastgroup               # each word of _PERIOD has one group, and no group nests
        if kind == "year":
            y = int(m.group("year"))
            tokens.add("Y" if year is not None and y == year else str(y))
        elif kind == "half":
            tokens.add("H1" if m.group("half") == "上半年" else "H2")
        elif kind == "q":
            tokens.add("Q" + str(chinese_to_int(m.group("q")) or m.group("q")))
        elif kind == "month":
            tokens.add("M" + m.group("month"))
        elif kind == "prev":
            tokens.add("Y-1")
        else:
            tokens.add("Y")
    if len(tokens) > 1:
        tokens.discard("Y")
    return "|".join(sorted(tokens)) or "Y"


def _rate_or_amount(out: ClaimFacts, text: str, idx: int, st: Statement, c: Span, sent_start: int) -> None:
    q = st.q
    before = text[c[0]:q.span[0]]
    if q.unit == "%":
        label = _LABEL_END.sub("", before) if before and (before[-1] in _LABEL_END_LAST or before[-1].isspace()) \
            else before
        label = _no_period_words(_DIGITS.sub("#", label)).replace("#", "")
        if _is_exec_label(label):
            out.rates.append(Rate(idx, "exec", label, q.value, q.decimals, q.span))
        elif "完成" in label or "达成率" in label:      # (each _RATE_CORE match holds one)
            m = _RATE_CORE.search(label)
            if m:
                core = _strip_filler(m.group("core"))
                if len(core) >= 2:
                    out.rates.append(Rate(idx, core, label, q.value, q.decimals, q.span))
        return
    if not q.is_money or q.hedge:
        return
    sent_before = text[max(sent_start, q.span[0] - 200):q.span[0]]
    if _SUB_ITEM.search(before) or _SUB_ITEM.search(_PRIOR_YEAR.sub("", sent_before[:max(0, len(sent_before) - len(before))])):
        return
    if _BUDGET_LABEL.search(before) and "调整数" not in before and "决算" not in before:
        out.budget_amounts.append(q)
        if _INITIAL_LABEL.search(before):
            out.initial_budgets.append(q)
    elif _ACTUAL_LABEL.search(before) and "预算" not in before:
        out.actual_amounts.append(q)


def _is_exec_label(label: str) -> bool:
    """A rate label of budget execution; each _EXEC_LABEL match holds 执行, 完成 or 支出."""
    return ("执行" in label or "完成" in label or "支出" in label) and bool(_EXEC_LABEL.search(label)) \
        and not _NOT_EXEC.search(label)


def _claims_in(out: ClaimFacts, sent: str, si: int, a: int) -> None:
    """Completion claims and problems of the sentence `sent`, which starts at `a`."""
    done = "完成" in sent                # after a "N项,完成M项", whether M is not 0
    if done and _DONE_OF_HINT.search(sent):
        for m in _DONE_OF.finditer(sent):
            n, done = int(m.group("n")), int(m.group("m"))
            core = _SUBJECT_LEAD.sub("", m.group("subject")) or m.group("subject")
            if n > 0 and done <= n and len(core) >= 2:
                value = (Decimal(done) * 100 / Decimal(n)).quantize(Decimal("0.0001"))
                out.rates.append(Rate(-1, core, f"{core}完成率", value, 4, (a + m.start("n"), a + m.end())))
    if (done or "达到" in sent or "预算" in sent) and _COMPLETION_HINT.search(sent):
        for m in _COMPLETION.finditer(sent):
            kind = m.lastgroup
            clause = _clause_around(sent, m.start(), m.end())
            exec_topic = bool(_EXEC_CLAIM.search(clause)) or kind in ("initial", "notover")
            out.completions.append(Claim(kind, m.group(), (a + m.start(), a + m.end()), si, clause, exec_topic))
    if _PROBLEM_HINT.search(sent):
        for m in _PROBLEM.finditer(sent):
            label = m.group("label") or m.group("label2") or ""
            exec_topic = _is_exec_label(label)
            clause = _clause_around(sent, m.start(), m.end())
            out.problems.append(Claim("problem", m.group(), (a + m.start(), a + m.end()), si, clause, exec_topic,
                                      label))


def _clause_around(sent: str, s: int, e: int) -> str:
    floor = max(0, s - 120)
    lo = max(sent.rfind(",", floor, s), sent.rfind(":", floor, s), floor - 1) + 1
    ceil = min(len(sent), e + 120)
    hi_c = [i for i in (sent.find(",", e, ceil), sent.find(":", e, ceil)) if i != -1]
    hi = min(hi_c) if hi_c else ceil
    return sent[lo:hi]


def _negations_in(out: ClaimFacts, sent: str, si: int, a: int, year: Optional[int]) -> None:
    if not ("未" in sent or "无" in sent or "零" in sent or "没有" in sent):
        return
    period = None
    for m in _NEGATION.finditer(sent):
        if _NEG_COMPOUND.match(sent, m.start()):
            continue
        end = m.end()
        if end < len(sent) and (sent[end].isdigit() or sent[end] in _CN_NUM):
            continue                     # 无证个体4064户: a name, not a denial
        if m.group("neg") == "零" and m.start() > 0 and sent[m.start() - 1] in _CN_NUM:
            continue
        if period is None:
            period = _period(sent, year)
            scope = "|".join(sorted(set(_SCOPE.findall(sent))))
        parts = m.group("noun").split("、")
        if m.group("neg") == "零":     # 零差评零投诉
            parts = [p[:4] for p in m.group("noun").split("零")]
        for part in parts:
            noun = _NEG_HEAD.sub("", _NEG_TRIM.sub("", part))
            short = 3 if m.group("neg") == "无" and not m.group("verb") else 2
            if short <= len(noun) <= 12:
                out.negations.append(Negation(noun, (a + m.start(), a + end), si, m.group(), period, scope))


def _lists_in(out: ClaimFacts, sent: str, a: int) -> None:
    if "、" not in sent:
        return
    for m in _LIST_INTRO.finditer(sent) if _has_list_word(sent) else ():
        count = _count_value(m.group("count"))
        if count is None or count < 2:
            continue
        items, end, open_ended = _split_items(sent, m.end(), closer=None)
        if len(items) < 2 or any(not it or _HAS_COUNT.search(it) for it in items):
            continue                     # items with figures of their own are a breakdown, not names
        open_ended = open_ended or m.group("intro") in _PARTIAL_INTRO
        extra = sum(len(_AND.findall(_strip_brackets(it))) for it in items)
        out.counted_lists.append(CountedList(count, (a + m.start("count"), a + m.end("cls")),
                                             _count_phrase(sent, m), m.group("noun"), items, (a + m.end(), a + end),
                                             extra, open_ended))
    for m in _PAREN_LIST.finditer(sent) if "(" in sent else ():
        count = _count_value(m.group("count"))
        if count is None or count < 2:
            continue
        items, end, open_ended = _split_items(sent, m.end(), closer=")")
        if len(items) < 2 or any(not it or _HAS_COUNT.search(it) for it in items) or end >= len(sent) \
                or sent[end] != ")" or _PARTIAL_OPEN.match(items[0]):
            continue
        extra = sum(len(_AND.findall(_strip_brackets(it))) for it in items)
        out.counted_lists.append(CountedList(count, (a + m.start("count"), a + m.end("cls")),
                                             _count_phrase(sent, m), m.group("noun"), items, (a + m.end(), a + end),
                                             extra, open_ended, "paren"))


def _has_list_word(sent: str) -> bool:
    """Whether the sentence holds a word every _LIST_INTRO match holds."""
    return "分别" in sent or "即" in sent or "包括" in sent or "包含" in sent or "具体" in sent or "主要" in sent


def _count_phrase(sent: str, m) -> str:
    """'内设工作组15个' / '四级组织体系': the clause's words before the count, the count, its noun."""
    lo = max(sent.rfind(",", 0, m.start()), sent.rfind(":", 0, m.start()), sent.rfind("。", 0, m.start()))
    before = _strip_filler(sent[lo + 1:m.start("count")])[-10:]
    return before + sent[m.start("count"):m.end("cls")] + m.group("noun")


def _count_value(s: str) -> Optional[int]:
    if s.isdigit():
        return int(s)
    return chinese_to_int(s)


def _split_items(sent: str, start: int, closer: Optional[str]) -> tuple[list[str], int, bool]:
    """Items separated by 、 at bracket depth 0, up to the list's end (, ; 。 or the closer)."""
    items, depth, cur_start, i = [], 0, start, start
    limit = min(len(sent), start + 2000)
    while i < limit:
        ch = sent[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            if depth == 0:
                if closer and ch == closer:
                    break
                break
            depth -= 1
        elif depth == 0 and (ch in ",;。:\n\t" or (closer is None and ch in "!?")):
            break
        elif depth == 0 and ch == "、":
            items.append(sent[cur_start:i].strip())
            cur_start = i + 1
        i += 1
    last = sent[cur_start:i].strip()
    open_ended = False
    m = _ETC_END.search(last)
    if m:
        open_ended = True
        last = last[:m.start()]
    items.append(last)
    return items, i, open_ended


def _strip_brackets(s: str) -> str:
    out, depth = [], 0
    for ch in s:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def _formulas_in(out: ClaimFacts, sent: str, a: int, qs: list[Quantity]) -> None:
    if "+" not in sent:
        return
    ends = [q.span[1] for q in qs]
    for m in _FORMULA.finditer(sent):
        terms = [int(t) for t in m.group("terms").split("+")]
        pos = a + m.start()
        before: list[Quantity] = []
        i = bisect.bisect_right(ends, pos) - 1
        while i >= 0 and len(before) < len(terms) and pos - qs[i].span[1] <= 120:
            q = qs[i]
            if q.unit in _COUNT_UNITS and not q.hedge:
                before.append(q)
            i -= 1
        if len(before) < len(terms):
            continue
        before.reverse()
        out.formulas.append(FormulaCount(terms, (a + m.start(), a + m.end()), m.group(), before))


def _table_counts(out: ClaimFacts, facts, text: str, sentences) -> None:
    """'重点工作任务8项,完成8项' just after a numbered table whose header names the same thing."""
    if "\t" not in text:
        return                           # no table
    try:
        lines = facts.lines
    except Exception:
        return
    line_starts = [s for s, _ in lines]
    sentence_starts = [sent.span[0] for sent in sentences]
    for li in _lines_after_tabs(text, line_starts):
        lo = bisect.bisect_left(sentence_starts, line_starts[li])
        hi = bisect.bisect_left(sentence_starts, line_starts[li + 1], lo) if li + 1 < len(lines) else len(sentences)
        for sent in sentences[lo:hi]:
            _table_count(out, text, lines, li, sent)


def _lines_after_tabs(text: str, line_starts: list[int]) -> list[int]:
    """The lines up to four after a line with a tab: only a sentence on one of them can follow a table."""
    found = set()
    pos = text.find("\t")
    while pos != -1:
        j = bisect.bisect_right(line_starts, pos) - 1
        found.update(range(j + 1, min(j + 5, len(line_starts))))
        pos = text.find("\t", line_starts[j + 1]) if j + 1 < len(line_starts) else -1
    return sorted(found)


def _table_count(out: ClaimFacts, text: str, lines: list[Span], li: int, sent) -> None:
    """The counts of a sentence on line `li`, when it opens the line just after a numbered table."""
    a, b = sent.span
    if li <= 0 or text[lines[li][0]:a].strip():
        return                       # not at the start of its line
    # walk back over at most two blank lines to a block of tab-separated rows
    j = li - 1
    while j >= 0 and j >= li - 3 and not text[lines[j][0]:lines[j][1]].strip():
        j -= 1
    if j < 0 or "\t" not in text[lines[j][0]:lines[j][1]]:
        return
    end = min(b, a + 60)
    # _TABLE_COUNT tries up to 14 characters of subject at each position: start it no earlier than a match
    # could, 14 characters of subject and 2 more digits before the first "N项"
    core = _TABLE_COUNT_CORE.search(text, a, end)
    m = _TABLE_COUNT.search(text, max(a, core.start() - 16), end) if core else None
    if not m:
        return
    rows = []
    while j >= 0 and "\t" in text[lines[j][0]:lines[j][1]] and len(rows) < 500:
        rows.append(j)
        j -= 1
    rows.reverse()
    cells = [text[lines[r][0]:lines[r][1]].split("\t") for r in rows]
    header = cells[0]
    subject = m.group("subject")
    subject = _SUBJECT_LEAD.sub("", subject) or subject
    if len(subject) < 2 or not any(subject in h for h in header):
        return
    numbered = [c for c in cells[1:] if c and c[0].strip().isdigit()]
    if not numbered:
        return
    span = (m.start("n"), m.end("cls"))
    out.counted_lists.append(CountedList(int(m.group("n")), span, subject + m.group("n") + m.group("cls"),
                                         subject,
                                         [c[1].strip() if len(c) > 1 else c[0] for c in numbered],
                                         (lines[rows[0]][0], lines[rows[-1]][1]), 0, False, "table"))
    if m.group("m"):
        done = [c for c in numbered if any(x.strip() in ("完成", "已完成") for x in c[1:])]
        if any(any(x.strip() in ("完成", "已完成", "未完成") for x in c[1:]) for c in numbered):
            out.counted_lists.append(CountedList(int(m.group("m")), (m.start("m"), m.end()),
                                                 "完成" + m.group("m") + m.group("cls"),
                                                 "完成", [c[1].strip() if len(c) > 1 else c[0] for c in done],
                                                 (lines[rows[0]][0], lines[rows[-1]][1]), 0, False,
                                                 "table-done"))
