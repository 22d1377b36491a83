"""Each fast path gives exactly what the plain code it replaces gives (speed, issue #9)."""
import dataclasses
import json
import random

import pytest
import regex

from conftest import seed
from lint import rx
from lint.engine import Finding, Location
from lint.facts import claims as claims_mod
from lint.facts import numbers
from lint.normalise import _FOLD, _fold, _identity
from lint.report.json_ import render_json
from lint.rules import Severity

ALPHABET = ("年月日度本我其中共计合计为是达到约了的至:：，, \t\n#0123456789.%万元个项率执行完成预算"
            "季上半下今全当去前一二三四五六七八九十“”()、。;！?零无未没有着超近逾≥<>＞中文甲乙丙丁〇々𠀀")


def _texts(n: int, seed_: int = 7, longest: int = 40):
    rnd = random.Random(seed_)
    for _ in range(n):
        yield "".join(rnd.choice(ALPHABET) for _ in range(rnd.randrange(longest)))


# --- JSON report -----------------------------------------------------------------------------------


def _finding(**kw) -> Finding:
    base = dict(code="A001", name="sum-mismatch", severity=Severity.ERROR, message="单位 7136 + 4153 = 11289 “x”",
                path="a/b.md", line=3, column=1, end_line=3, end_column=9,
                related=[Location("a/b.md", 1, 2, 1, 5, "part: 单位 7136户")], fix=None, snippet="s", line_text="l")
    base.update(kw)
    return Finding(**base)


@pytest.mark.parametrize("fix", [None, {"replacement": "15353", "span": [1, 2]}])
def test_finding_to_dict_is_asdict_without_the_private_fields(fix):
    f = _finding(fix=fix)
    expected = dataclasses.asdict(f)
    expected["severity"] = "error"
    expected.pop("snippet")
    expected.pop("line_text")
    assert f.to_dict() == expected and list(f.to_dict()) == list(expected)
    assert json.dumps(f.to_dict()) == json.dumps(expected)
    if fix:
        assert f.to_dict()["fix"] is not f.fix  # a copy, as asdict gives


def test_json_report_of_a_seed_is_json_dumps(tmp_path):
    from lint.config import Settings
    from lint.engine import lint_source
    from lint.source import read_path

    findings = lint_source(read_path(seed("000")), Settings(cache=False))
    assert findings
    assert render_json(findings, None) == json.dumps([f.to_dict() for f in findings], ensure_ascii=False,
                                                     indent=2) + "\n"


# --- normaliser ------------------------------------------------------------------------------------


def test_fold_is_translate():
    table = "".join(chr(c) for c in _FOLD) + ALPHABET + "ａＢ１２３％（）：；，。\u3000\xa0"
    for text in _texts(3000, 11, 60):
        text = text + "".join(random.Random(len(text)).choice(table) for _ in range(20))
        assert _fold(text) == text.translate(_FOLD)


@pytest.mark.parametrize("n", [0, 1, 5, 40000, 100000])
def test_identity_map(n):
    from array import array

    assert _identity(n) == array("i", range(n))
    _identity(n)[:1] = array("i", [7] * min(1, n))  # a copy: changing it leaves the next one alone
    assert _identity(n) == array("i", range(n))


# --- quantities ------------------------------------------------------------------------------------


def test_hedge_lookup_is_the_ordered_scan():
    def plain(text, a, hedges):
        for h in hedges:
            if text.startswith(h, a - len(h)) and a >= len(h):
                return h
        return ""

    for text in _texts(3000, 5):
        for a in range(len(text) + 1):
            for hedges in (numbers._PRE_ARABIC, numbers._PRE_CHINESE):
                assert numbers._hedge_before(text, a, hedges) == plain(text, a, hedges)


def test_label_helpers_are_the_patterns():
    boundary = regex.compile(r"[,;。!?、…\n\t|()《》【】〔〕\[\]]")
    for text in _texts(5000, 9):
        last = 0
        for m in boundary.finditer(text):
            last = m.end()
        m = numbers._LAST_BOUNDARY.match(text)
        assert (m.end() if m else 0) == last
        assert numbers._strip_tail(text) == numbers._LABEL_STRIP_TAIL.sub("", text)


# --- claims ----------------------------------------------------------------------------------------


def test_claims_helpers_are_the_patterns():
    han = regex.compile(r"\p{Han}")
    filler = claims_mod._FILLER
    for text in _texts(5000, 13):
        assert claims_mod._han_count(text) == len(han.findall(text))
        assert claims_mod._strip_filler(text) == filler.sub("", text)
        assert claims_mod._no_period_words(text) == claims_mod._PERIOD_WORDS.sub("", text)
        others_fast, others_plain = [], []

        def sub(m):
            others_plain.append(m.group())
            return "#"

        assert claims_mod._mask_digits(text, others_fast) == claims_mod._DIGITS.sub(sub, text)
        assert others_fast == others_plain
        if text and (text[-1] not in claims_mod._LABEL_END_LAST and not text[-1].isspace()):
            assert claims_mod._LABEL_END.sub("", text) == text


def test_period_shortcut_agrees_with_the_pattern():
    for text in _texts(3000, 17):
        if "年" not in text and "月" not in text and "季" not in text:
            assert not list(claims_mod._PERIOD.finditer(text)) and claims_mod._period(text, 2023) == "Y"


def test_rx_pattern_repr_and_reuse():
    p = rx.compile(r"\d+")
    assert "rx.compile" in repr(p)
    assert p.sub("#", "a12b3") == "a#b#" and p.pattern == r"\d+"


def test_control_characters_counted_as_before():
    from lint.source import _CONTROLS

    rnd = random.Random(5)
    for _ in range(500):
        text = "".join(chr(rnd.choice([rnd.randrange(0, 40), rnd.randrange(0x80, 0x3000), 0x4e2d])) for _ in range(50))
        assert len(_CONTROLS.findall(text)) == sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f\v")
