"""Quantities: amounts, counts and percentages as written, with unit, hedge, label and precision.

`quantities(facts)` finds every number that counts or measures something:

- Arabic numbers with a unit or classifier (1623.16万元, 15343户, 4.6万人次, 80.2%), or with no unit
  where the number stands alone before punctuation, a tab or the end of a line (table cells,
  "满意人数2516,");
- Chinese numerals, only where a numeral is directly followed by a classifier (十二次, 八大, 两万人,
  三个): 一岗双责, 一是, 第五次, 十九大 are not quantities.

Not quantities: years, months and days (2023年, 11月), document numbers (〔2024〕319号), phone numbers
and ranges (0752-2609417, 1-3家), list and heading markers ("1." "(3)" "一、"), policy names built with
"+" ("4+1", “1+7+55+N”), names with digits (12345市长热线, 任务1, TCL, 5G), numbers in quotes (“616”).

`breakdowns(facts)` pairs a stated total with the parts the prose lists for it
("共N户,其中A x户,B y户" and "A x个、B y个,共z个").
"""
from __future__ import annotations

import bisect
import operator
import string
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Optional

from lint import rx as re

from lint.model import MONEY_UNITS, Quantity
from lint.numeric import chinese_to_int, parse_decimal

# --- units --------------------------------------------------------------------------------------

# classifiers and measure words that make a number a count or an amount (longest first in the regex)
COUNT_UNITS = (
    "人次", "户次", "场次", "家次", "批次", "车次", "架次", "课时", "学时", "小时", "公里", "千米", "平方米",
    "平方公里", "立方米", "公顷", "个百分点", "百分点",
    "个", "项", "场", "期", "户", "名", "件", "宗", "次", "份", "支", "家", "所", "张", "套", "人", "篇",
    "条", "类", "批", "棵", "株", "册", "台", "辆", "座", "种", "组", "处", "间", "本", "部", "位", "起",
    "例", "吨", "亩", "米", "分", "元", "倍", "天", "趟", "幅", "首", "部", "栋", "层", "盏", "块", "所",
)
_MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1000), "百万": Decimal(1_000_000)}
# what may not follow a classifier for it to be one (个月 is a duration, 人员/项目/支出/名单 are words)
_UNIT_NOT_BEFORE = {
    "个": "月人性案体", "人": "员民们才均大民群", "项": "目", "支": "出持付部", "名": "单称义额次", "期": "间末初限满",
    "次": "日年序数", "家": "庭长属乡", "部": "门分署长", "处": "理置级长", "间": "隔", "本": "级单部年期次",
    "位": "于置列居", "所": "有属在以得需", "起": "草来到", "条": "件例款线", "组": "织长建成", "份": "额",
    "场": "所地馆景", "分": "别类配析工管局布钟散级值解", "座": "谈", "元": "旦素", "米": "饭", "台": "账阶风",
    "天": "然气地", "类": "别似", "批": "准复示评", "张": "贴", "种": "植类子", "块": "钱", "层": "级面次",
    "件": "数", "例": "如会",
}
_UNIT_ALT = "|".join(sorted(set(COUNT_UNITS), key=len, reverse=True))


def _words_after(unit: str) -> frozenset[str]:
    """The characters that, right after `unit`, make it the start of a word (个月, 人员, 项目, 万年)."""
    following = _UNIT_NOT_BEFORE.get(unit if unit in _UNIT_NOT_BEFORE else unit[-1], "")
    return frozenset(following + ("年月日" if unit in ("万", "亿") else ""))


# every unit NUMBER can take -> _words_after(unit)
_WORDS_AFTER = {unit: _words_after(unit) for unit in ["%", "‰", "万", "亿"] + [
    prefix + u for prefix in ("", "万", "亿", "千", "百万") for u in COUNT_UNITS]}
# what a unit starts with: a number followed by anything else skips the ~75 units at once
_UNIT_FIRSTS = "".join(sorted({u[0] for u in COUNT_UNITS} | set("万亿千百")))
# Chinese numerals: the numeral must start with a digit or 十 (百名/千万/万 alone are not counts)
_CN_DIGIT = "零〇一二两三四五六七八九"
_CN_CHARS = _CN_DIGIT + "十百千万亿"
_CN_CLASSIFIERS = ("个", "项", "次", "名", "场", "期", "户", "件", "宗", "份", "支", "家", "所", "张", "套", "人",
                   "篇", "条", "类", "批", "组", "种", "位", "座", "大", "届", "处", "间", "部", "本", "株", "棵")

HEDGES_BEFORE = ("约为", "大约", "约", "将近", "接近", "近", "超过", "超", "逾", "不到", "不足", "≥", "≤", ">", "<")
_HEDGES_BEFORE_SET = frozenset(HEDGES_BEFORE)
_SPAN = operator.attrgetter("span")

# Both scans open with the number's first character and look behind it only then: the standard `re`
# then skips ahead to the next candidate character instead of trying the pattern at every position.
NUMBER = re.compile(
    r"""
    (?P<num>\d(?<![\d.].)(?:(?<=[1-9])\d{0,2}(?:,\d{3}){1,5}(?!\d)|\d{0,14})(?:\.\d{1,10})?)
    (?P<mid>余|多)?
    (?P<sp>[ ]{1,2}(?=\S))?
    (?P<unit>%|‰|(?=[""" + _UNIT_FIRSTS + r"""])(?:(?:[万亿千]|百万)?(?:""" + _UNIT_ALT + r""")|[万亿])|)
    (?P<post>以上|或以上|左右|余|多)?
    """,
    re.X,
)
CN_NUMBER = re.compile(
    r"(?P<num>[" + _CN_DIGIT + r"十](?<![第周星期" + _CN_CHARS + r"].)[" + _CN_CHARS + r"]{0,6})"
    r"(?P<mid>余|多)?(?P<unit>(?:万|亿)?(?:人次|" + "|".join(_CN_CLASSIFIERS) + r"))",
)

_LINE_START_MARKER = re.compile(r"[ \t]*(?:[-*+][ \t]+)?#{0,6}[ \t]*$")
_LAST_BOUNDARY = re.compile(r".*[,;。!?、…\n\t|()《》【】〔〕\[\]]", re.S)   # up to the last _BOUNDARY
_LABEL_STRIP_TAIL = re.compile(r"(?:分别为|分别是|分别|共计|合计|总计|累计|一共|共有|共|计|总共|为|是|达到|达|约|有|了|的|至|到|:|\s)+$")
_LABEL_STRIP_HEAD = re.compile(
    r"^(?:其中|另外|此外|截至目前|截止目前|截至|截止|目前|今年以来|全年|同时|并|且|和|及|与|以|对|"
    r"(?:我|本)(?:街道|部门|单位|部|委|局|院|中心|办|区|镇|所|校|站|厅|处|室|会)?|"
    r"\d{4}年度?|[\s:])+"
)
_HEAD_FIRSTS = frozenset("其另此截目今全同并且和及与以对我本:")   # the first characters of its words
_BRACKET_NUMBER = re.compile(r"[〕\]】)]\d{1,5}号")
_OPEN_QUOTES = frozenset("“\"‘'")
_CLOSE_QUOTES = frozenset("”\"’'")
_DATEY = re.compile(r"\d{4}年(?:度|末|初|底|以来|上半年|下半年)?(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月\d{1,2}日")


def unit_scale(unit: str) -> tuple[Decimal, str]:
    """(multiplier, base unit): 万元 -> (10000, 元), 万人次 -> (10000, 人次), % -> (1, %)."""
    known = _UNIT_SCALES.get(unit)
    return known if known is not None else _scale_of(unit)


def _scale_of(unit: str) -> tuple[Decimal, str]:
    if unit in MONEY_UNITS:
        return MONEY_UNITS[unit], "元"
    for prefix in ("百万", "万", "亿", "千"):
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return _MULTIPLIERS[prefix], unit[len(prefix):]
    if unit in _MULTIPLIERS:
        return _MULTIPLIERS[unit], ""
    return Decimal(1), unit


# the units quantities are extracted with -> their scale, worked out once
_UNIT_SCALES = {unit: _scale_of(unit) for unit in [*_WORDS_AFTER, "", "人次", *_CN_CLASSIFIERS, *MONEY_UNITS]}


def base_value(q: Quantity) -> Decimal:
    """The value in the base unit (元 for money, 人次 for 万人次 …)."""
    return q.value * unit_scale(q.unit)[0]


def same_kind(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities measure the same kind of thing (both money, or the same base unit)."""
    return unit_scale(a.unit)[1] == unit_scale(b.unit)[1]


# --- extraction ---------------------------------------------------------------------------------


def quantities(facts) -> list[Quantity]:
    """Every amount, count and percentage of the report, in order of position."""
    return extract(facts.text)


def extract(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    try:
        for m in NUMBER.finditer(text):
            q = _arabic(text, m)
            if q is not None:
                out.append(q)
        if any(ch in text for ch in "一二两三四五六七八九十"):
            for m in CN_NUMBER.finditer(text):
                q = _chinese(text, m)
                if q is not None:
                    out.append(q)
    except RecursionError:  # pragma: no cover - defensive
        return out
    out.sort(key=_SPAN)
    prev_end = 0
    for q in out:
        start, end = q.span
        if q.hedge in _HEDGES_BEFORE_SET:
            start -= len(q.hedge)
        q.label = _label(text, start, prev_end)
        if q.unit == "%" and (not q.label or q.label.startswith("的")):
            q.label = _label_after(text, end) or q.label
        prev_end = end
    return out


_AFTER_LABEL = re.compile(r"的?([\p{Han}“”]{1,16}?(?:率|度|比|比例|比重|占比))")


def _label_after(text: str, end: int) -> str:
    """"以 81.95% 的单位累计上报率": a rate named after its number."""
    m = _AFTER_LABEL.match(text, end, min(len(text), end + 20))
    return m.group(1) if m else ""


_DASHES = frozenset("-—~～")
_CLOSE_BRACKETS = frozenset("〕]】)")
# the characters beside a number (before it, right after its digits) that _marked_as_no_count looks at
_MARKS_BEFORE = frozenset(string.ascii_letters) | frozenset("+×*/=第号〔[【(") | _DASHES | _OPEN_QUOTES
_MARKS_AFTER = frozenset(".+×*=/") | _DASHES | _CLOSE_BRACKETS | _CLOSE_QUOTES


def _arabic(text: str, m: "re.Match") -> Optional[Quantity]:
    num, mid, sp, unit, post = m.groups()
    if unit:
        end = m.end(4)
        if not post and text[end:end + 1] in _WORDS_AFTER[unit]:
            return None                               # 个月, 人员, 项目, 万年: the start of a word
    elif sp:
        return _arabic_bare(text, m)
    else:
        after = text[m.end():m.end() + 1]
        if after and "\u4e00" <= after <= "\u9fff":
            return None                               # 2023年, 12345市长热线: _bare_no_count's first case
        end = m.end(2) if mid else m.end(1)
    a = m.start()
    b = a + len(num)
    before = text[a - 1] if a > 0 else ""
    after_num = text[b:b + 1]
    if not unit and _bare_no_count(text, a, b, num, before, after_num, after):
        return None
    # most numbers have neither mark beside them: the checks for those are skipped
    if (before in _MARKS_BEFORE or after_num in _MARKS_AFTER) and _marked_as_no_count(
            text, a, b, num, unit, before, after_num):
        return None
    if post in ("余", "多"):
        end = m.end(5)
    try:
        if "," in num:
            value, decimals = parse_decimal(num)
        else:                                         # parse_decimal inline: no separators to drop
            value, point = Decimal(num), num.find(".")
            decimals = len(num) - point - 1 if point != -1 else 0
    except (InvalidOperation, ValueError, IndexError):
        return None
    hedge = _hedge_before(text, a, _PRE_ARABIC) if before in _PRE_ARABIC_ENDS else ""
    hedge = hedge or mid or post or ""
    if hedge == "或以上":
        hedge = "以上"
    # value, decimals, unit, span, label, hedge, text: by position, which costs half the keywords' time here
    return Quantity(value, decimals, unit, (a, end), "", hedge, text[a:end])


def _marked_as_no_count(text: str, a: int, b: int, num: str, unit: str, before: str, after_num: str) -> bool:
    """A mark beside the number says it is no count: a version, a formula, an ordinal, a range, a code."""
    # a decimal point followed by digits we did not take (1.2.3), or letters glued to the number
    if after_num == "." and b + 1 < len(text) and text[b + 1].isdigit():
        return True
    if before.isascii() and before.isalpha():
        return True
    if before in {'+', '×', '*', '/', '='} or after_num in {'+', '×', '*', '='} or (after_num == "/" and not unit):
        return True                                   # “4+1”, 1+7+55+N, 3/4 of a list
    if before == "第" or text[max(0, a - 2):a] in ("No", "NO", "编号"):
        return True                                   # ordinals
    if before in _DASHES and a >= 2 and (text[a - 2].isdigit() or text[a - 2] in "年月日"):
        return True                                   # 0752-2609417, 1-3家, 2021-2022
    if after_num in _DASHES and b + 1 < len(text) and text[b + 1].isdigit():
        return True
    if before in {'〔', '[', '【', '('} and after_num in _CLOSE_BRACKETS and not unit:
        if len(num) == 4 or _LINE_START_MARKER.match(text, _line_start(text, a), a - 1):
            return True                               # 〔2024〕, (3) heading
    if after_num in _CLOSE_BRACKETS and _BRACKET_NUMBER.match(text[b:b + 8]):
        return True                                   # 粤财评2024)87号
    return before in _OPEN_QUOTES and after_num in _CLOSE_QUOTES   # “616”, “720”


def _bare_no_count(text: str, a: int, b: int, num: str, before: str, after_num: str, after: str) -> bool:
    """A number without a unit that is a year, a list marker, a name, a serial or a phone number."""
    if after and ("\u4e00" <= after <= "\u9fff" or after in {'年', '月', '日', '号', '时'}):
        return True                                   # 12345市长热线, 2023年, 319号
    if before == "(" and after_num == ")" and len(num) <= 2:
        return True                                   # (3)
    if after.isascii() and after.isalpha():
        return True
    if after_num in {'.', '、'} and _LINE_START_MARKER.match(text, _line_start(text, a), a):
        return True                                   # 1. heading, 2、 list
    if after_num == "、" and len(num) <= 2 and "." not in num:
        return True                                   # 一、 style lists written 1、
    if (before and "\u4e00" <= before <= "\u9fff" and after in ("\t", "\n", "")
            and len(num) <= 2 and "." not in num):
        return True                                   # 任务1, 附件2, 表1
    if (not before or before == "\n") and after == "\t" and len(num) <= 3 and "." not in num:
        return True                                   # 序号 column
    return len(num) >= 7 and "." not in num and "," not in num   # phone and ID numbers


_PRE_ARABIC = ("约为", "大约", "将近", "接近", "超过", "不到", "不足", "约", "近", "超", "逾", "≥", "≤", ">", "<")
_PRE_CHINESE = ("约", "近", "超", "逾")
_PRE_ARABIC_ENDS = frozenset(h[-1] for h in _PRE_ARABIC)


def _hedge_before(text: str, a: int, hedges: tuple[str, ...]) -> str:
    if a <= 0:
        return ""
    by_last = _HEDGES_BY_LAST.get(hedges)
    if by_last is None:
        by_last = _HEDGES_BY_LAST[hedges] = {}
        for h in hedges:
            by_last.setdefault(h[-1], []).append(h)
    for h in by_last.get(text[a - 1], ()):
        if a >= len(h) and text.startswith(h, a - len(h)):
            return h
    return ""


_HEDGES_BY_LAST: dict[tuple, dict[str, list[str]]] = {}   # hedges -> their last character -> them, in order


def _arabic_bare(text: str, m: "re.Match") -> Optional[Quantity]:
    """A number followed by a space and no unit: read it again without the space."""
    again = NUMBER.match(text, m.start(), m.start("sp"))
    return _arabic(text, again) if again is not None and not again.group("sp") else None


def _chinese(text: str, m: "re.Match") -> Optional[Quantity]:
    num = m.group("num")
    unit = m.group("unit")
    # 万 and 亿 belong to the numeral when they follow a digit (两万人); the regex put them in num or unit
    if num in ("一",):
        return None                                   # 一个, 一次: an article more often than a count
    value = chinese_to_int(num)
    if value is None or value == 0:
        return None
    base_unit = unit
    if unit.startswith(("万", "亿")) and len(unit) > 1:
        value *= 10_000 if unit[0] == "万" else 100_000_000
        base_unit = unit[1:]
    if base_unit == "大" and value >= 10:
        return None                                   # 十九大, 二十大: congresses, not counts
    if base_unit == "届":
        return None                                   # 十九届: a term, not a count
    end = m.end("unit")
    nxt = text[end] if end < len(text) else ""
    if nxt and nxt in _UNIT_NOT_BEFORE.get(base_unit, ""):
        return None
    if base_unit == "个" and nxt in {'是'}:
        return None
    a = m.start("num")
    if a > 0 and text[a - 1] in "第":
        return None
    hedge = _hedge_before(text, a, _PRE_CHINESE) or m.group("mid") or ""
    return Quantity(value=Decimal(value), decimals=0, unit=base_unit, span=(a, end), hedge=hedge,
                    text=text[a:end], chinese=True)


_TAIL_ENDS = frozenset("为是别计共有到达约了的至:")   # the last characters of _LABEL_STRIP_TAIL's words


def _strip_tail(clause: str) -> str:
    """_LABEL_STRIP_TAIL.sub("", clause), tried only when the clause ends as one of its words can."""
    if clause and (clause[-1] in _TAIL_ENDS or clause[-1].isspace()):
        return _LABEL_STRIP_TAIL.sub("", clause)
    return clause


def _label(text: str, start: int, floor: int) -> str:
    """The words before a number that say what it counts, within its clause."""
    lo = start - 40 if start - 40 > floor else floor
    m = _LAST_BOUNDARY.match(text, lo, start)     # a line end is a boundary too
    clause = text[m.end() if m else lo:start]
    if not clause:
        return ""
    if "年" in clause or "月" in clause:
        clause = _DATEY.sub("", clause)
    clause = clause.rstrip(": ")
    if ":" in clause:
        head, _, tail = clause.rpartition(":")
        clause = tail if tail.strip() else head
    # stripping the head leaves a suffix of the stripped clause: its tail needs no second stripping
    clause = _strip_tail(clause)
    if clause and (clause[0] in _HEAD_FIRSTS or not clause[0].isalpha()):   # digits and spaces are not
        clause = _LABEL_STRIP_HEAD.sub("", clause)
    return clause.strip().strip("“”‘’\"'")[-24:]


# --- breakdowns ---------------------------------------------------------------------------------


@dataclass
class Breakdown:
    """A stated total and the parts stated for it."""

    total: Quantity
    parts: list[Quantity]
    kind: str                      # "其中" (total, then its parts) or "共" (parts, then their total)
    exhaustive: bool = True        # False when the wording names a subset (等, 主要, 部分)
    rates: list[tuple[Quantity, Quantity]] = field(default_factory=list)  # (part, its stated share %)
    strong: bool = False           # the total is named by 合计/共计/总计 (not a bare 共 or 累计)


_QIZHONG = re.compile(r"其中")
_NESTED_TOTAL = re.compile(r"累计|合计|总计|共计|总额|总数|全年|全部")
_DELTA_LABEL = re.compile(r"比上年|比去年|较上年|较去年|同比|环比|增加|减少|增长|下降|增幅|降幅|上升|提高|降低|节约|超支|结余")
_SUBSET_WORDS = re.compile(r"等|主要|部分|重点|以上|之一|包括|如")
_SHARE_LABEL = re.compile(r"^占")
_CLAUSE_END = re.compile(r"[。!?;\n]")


def breakdowns(facts) -> list[Breakdown]:
    """Totals with their parts, found in the prose (tables are read by the checks directly)."""
    text = facts.text
    qs = [q for q in facts.quantities if not q.hedge or q.hedge not in ("≥", "≤", ">", "<")]
    return find_breakdowns(text, qs)


def find_breakdowns(text: str, qs: list[Quantity]) -> list[Breakdown]:
    out: list[Breakdown] = []
    starts = [q.span[0] for q in qs]
    totals: set[int] = set()
    # 1. "总X … 其中 A … B …"
    for m in _QIZHONG.finditer(text):
        if _in_table_line(text, m.start()):
            continue
        pos = m.end()
        sent_end_m = _CLAUSE_END.search(text, pos, pos + WINDOW)
        sent_end = sent_end_m.start() if sent_end_m else min(len(text), pos + WINDOW)
        if m.start() > 0 and text[m.start() - 1] == "(":
            close = text.find(")", pos, sent_end)
            sent_end = close if close != -1 else sent_end
        first = bisect.bisect_left(starts, pos)
        after = qs[first:bisect.bisect_left(starts, sent_end, first)]
        if not after:
            continue
        lead = next((q for q in after if q.unit != "%"), None)
        if lead is None:
            continue
        # the parts: quantities of the lead's kind, not deltas; shares (占 x%) kept beside their part
        parts: list[Quantity] = []
        shares: list[tuple[Quantity, Quantity]] = []
        for q in after:
            if q.unit == "%":
                if parts and _SHARE_LABEL.match(q.label or "") and q.span[0] - parts[-1].span[1] <= 8:
                    shares.append((parts[-1], q))
                continue
            if same_kind(q, lead) and not _DELTA_LABEL.search(q.label or ""):
                parts.append(q)
                if len(parts) > MAX_PARTS:
                    break
        if len(parts) > MAX_PARTS:
            continue                                  # not an enumeration a reader would add up
        total = _total_before(text, qs, starts, m.start(), lead)
        if total is None:
            continue
        tail = text[parts[-1].span[1]:sent_end] if parts else ""
        exhaustive = not _SUBSET_WORDS.search(tail[:6]) and not any(
            _SUBSET_WORDS.match(p.label or "") or _NESTED_TOTAL.search(p.label or "") for p in parts)
        if len(parts) >= 2 and not all(_is_category(p.label) for p in parts):
            continue                                  # "其中主任1名,由1名副书记兼任": not a list of parts
        out.append(Breakdown(total, parts, "其中", exhaustive, shares))
        totals.add(id(total))
    # 2. "A x、B y, 共 z"
    for idx in _near_total_words(text, starts):
        q = qs[idx]
        if q.unit == "%" or not _total_prefix(text, q) or _in_table_line(text, q.span[0]):
            continue
        clause_start = _clause_start(text, q.span[0])
        parts = []
        j = idx - 1
        while j >= 0 and qs[j].span[0] >= clause_start:
            p = qs[j]
            if p.unit == "%":
                j -= 1
                continue
            if not same_kind(p, q) or _DELTA_LABEL.search(p.label or "") or _total_prefix(text, p):
                break
            parts.append(p)
            j -= 1
            if len(parts) > MAX_PARTS:
                break
        if len(parts) > MAX_PARTS or len(parts) < 2 or not all(_is_category(p.label) for p in parts):
            continue
        parts.reverse()
        if id(q) in totals:
            continue
        strong = _total_prefix(text, q, strong=True)
        out.append(Breakdown(q, parts, "共", True, strong=strong))
    out.sort(key=lambda b: b.total.span)
    return out


_FUNCTION_LABEL = re.compile(r"^(?:由|从|对|向|为|以|把|将|被|给|在|于|和|及|与|或|并|另|另有|还有)?$")
_TOTALISH = re.compile(r"总|共|合计|全年|累计|全部|整体")


MAX_PARTS = 20  # a longer list is not a breakdown a reader adds up
WINDOW = 2000   # how far back or ahead a sentence or line boundary is looked for


def _line_start(text: str, pos: int, window: int = 200) -> int:
    lo = max(0, pos - window)
    found = text.rfind("\n", lo, pos)
    return found + 1 if found != -1 else lo


def _clause_start(text: str, pos: int, marks: str = "。\n;!") -> int:
    lo = max(0, pos - WINDOW)
    near = max(lo, pos - 100)                         # most clauses are short: look there first
    found = max(text.rfind(c, near, pos) for c in marks)
    if found == -1 and near > lo:
        found = max(text.rfind(c, lo, near) for c in marks)
    return found + 1 if found != -1 else lo


def _is_category(label: str) -> bool:
    return not _FUNCTION_LABEL.match(label or "")


def _in_table_line(text: str, pos: int) -> bool:
    start = _line_start(text, pos, WINDOW)
    end = text.find("\n", pos, pos + WINDOW)
    if end == -1:
        end = min(len(text), pos + WINDOW)
    return text.find("\t", start, end) != -1 or text.count("|", start, end) >= 2


def _total_before(text: str, qs: list[Quantity], starts: list[int], at: int, lead: Quantity) -> Optional[Quantity]:
    """The total a 其中 refers to: the quantity of the parts' kind before it, in its sentence or, when
    其中 opens a sentence, in the previous one. Several candidates of different values, none named as
    a total (总, 共, 合计 …), are ambiguous: no total."""
    floor = _clause_start(text, at)
    if not text[floor:at].strip(" ,:("):
        floor = _clause_start(text, max(floor - 1, 0), "。\n;")
    candidates = []
    i = bisect.bisect_left(starts, at) - 1
    while i >= 0 and qs[i].span[0] >= floor and len(candidates) < MAX_PARTS:
        q = qs[i]
        if q.unit != "%" and same_kind(q, lead) and not _DELTA_LABEL.search(q.label or ""):
            candidates.append(q)
        i -= 1
    if not candidates:
        return None
    if len({c.value * unit_scale(c.unit)[0] for c in candidates}) == 1:
        return candidates[0]
    named = [c for c in candidates if _TOTALISH.search(c.label or "")]
    if named:
        return named[0]
    nearest = candidates[0]
    # the nearest figure is the total when it directly precedes 其中 ("…7 名(其中…", "…15343 户,其中")
    if not text[nearest.span[1]:at].strip(" ,:("):
        return nearest
    return None


def _near_total_words(text: str, starts: list[int]) -> list[int]:
    """The indices of the quantities with 共, 合计 or 总计 at most 20 characters before them: the only
    ones _total_prefix can name totals (each of its words holds one; a hedge before is at most 2 long).
    A 计 of another word (统计, 设计, 计划) is skipped: most of them are."""
    near: set[int] = set()
    for word in ("共", "计"):
        at = text.find(word)
        while at != -1:
            if word == "共" or (at > 0 and text[at - 1] in "合总"):
                near.update(range(bisect.bisect_right(starts, at), bisect.bisect_right(starts, at + 20)))
            at = text.find(word, at + 1)
    return sorted(near)


def _total_prefix(text: str, q: Quantity, strong: bool = False) -> bool:
    """Whether the words just before `q` say it is a total (共7个, 合计 25 万元, 共开展活动10场)."""
    start = q.span[0]
    if q.hedge in _HEDGES_BEFORE_SET:
        start -= len(q.hedge)
    lo = max(0, start - 18)
    window = text[lo:start]
    if "共" not in window and "计" not in window:
        return False                                  # every total word has one of them
    cut = max(window.rfind(","), window.rfind("、"), window.rfind(";"), window.rfind("。"), window.rfind("\n"),
              window.rfind(":"), window.rfind("("))
    if cut == -1 and lo > 0 and text[lo - 1] not in {",", "、", ";", "。", "\n", ":", "("}:
        return False                                  # the clause starts further back
    window = window[cut + 1:]
    if strong:
        return window.startswith(("合计", "共计", "总计"))
    return window.startswith(("合计", "共计", "总计", "总共", "一共", "共"))


def sentence_quantities(facts) -> list[tuple[object, list[Quantity]]]:
    """Each sentence with the quantities inside it, in order (sentences do not overlap)."""
    sentences = facts.sentences
    starts = [sentence.span[0] for sentence in sentences]
    out: list[tuple[object, list[Quantity]]] = []
    sentence, end, inside = None, -1, None
    for q in facts.quantities:
        a, b = q.span
        if a >= end:                                  # past the current sentence: find the one holding a
            k = bisect.bisect_right(starts, a) - 1
            if k < 0:
                continue
            sentence, inside = sentences[k], None
            end = sentence.span[1]
            if a >= end:
                continue
        if b > end:
            continue
        if inside is None:
            inside = [q]
            out.append((sentence, inside))
        else:
            inside.append(q)
    return out
