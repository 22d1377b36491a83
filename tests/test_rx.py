"""lint.rx: the same matches whichever engine runs a pattern."""
import re
import sys

import pytest
import regex

from lint import rx


def test_han_class_is_the_han_script():
    ours = re.compile(f"[{rx.HAN}]")
    theirs = regex.compile(r"\p{Han}")
    differ = [cp for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF
              and bool(ours.match(chr(cp))) != bool(theirs.match(chr(cp)))]
    # Every character a report uses (the BMP) must agree; newer Unicode data in a later `regex`
    # release may add a few rare supplementary-plane ideographs, which do not change any finding.
    assert [cp for cp in differ if cp < 0x10000] == []
    assert len(differ) <= 64


@pytest.mark.parametrize("pattern, text", [
    (r"[\p{Han}()“”]{2,6}", "abc(本单位)“预算”12"),
    (r"\p{Han}+", "x中文y〇々z"),
    (r"[^\]\p{Han}]+", "ab]中c"),
    (r"(?<!未|没有)完成", "已完成,未完成,没有完成"),      # variable-width look-behind: `regex`
    (r"[ ]++(?=\p{Han})", "a   中"),
])
@pytest.mark.parametrize("scan", [False, True])
def test_same_matches_as_regex(pattern, text, scan):
    ours = rx.compile(pattern, scan=scan)
    assert [m.span() for m in ours.finditer(text)] == [m.span() for m in regex.finditer(pattern, text)]
    assert ours.sub("#", text) == regex.sub(pattern, "#", text)


def test_engines():
    assert isinstance(rx._compile(r"[\p{Han}]{2}"), re.Pattern)
    assert not isinstance(rx._compile(r"(?<!未|没有)完成"), re.Pattern)
    assert not isinstance(rx._compile(r"绩效|自评", scan=True), re.Pattern)
    assert not isinstance(rx._compile(r"\p{Greek}"), re.Pattern)


def test_compiled_on_first_use_only():
    pattern = rx.compile(r"(unbalanced")  # a bad pattern fails where it is used, not at import
    with pytest.raises(Exception):
        pattern.search("x")
    lazy = rx.compile(r"\d+")
    assert "search" not in vars(lazy)
    assert lazy.findall("a1b22") == ["1", "22"]
    assert vars(lazy)["search"].__self__ is lazy.compiled  # later calls go straight to the engine


def test_module_functions_take_patterns_and_strings():
    assert rx.sub(r"\p{Han}", "#", "a中b") == "a#b"
    assert rx.search(rx.compile(r"\d"), "x5").group() == "5"
    assert rx.split(r"[,、]", "a,b、c") == ["a", "b", "c"]


def test_regex_not_imported_for_standard_patterns():
    import subprocess

    code = ("import sys; from lint import rx; p = rx.compile(r'[\\p{Han}]+'); p.findall('中文'); "
            "print('regex' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
