"""Hostile input: whatever the file holds, jxlint ends in diagnostics or a one-line error, exit 0/1/2,
within bounded time and memory, and writes nothing but its cache.

The fuzzer lives in tests/fuzz.py; here it runs bounded (JXLINT_FUZZ_SECONDS, default 25 s), and
`python tests/fuzz.py --minutes 10` is the long run.  JXLINT_FUZZ_EXAMPLES sets the number of
hypothesis examples.  The 40 MB report is opt-in: JXLINT_BIG=1.
"""
from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import fuzz
from lint.cache import Cache
from lint.config import Settings
from lint.facts import Facts
from lint.normalise import normalise
from lint.source import Source

ROOT = Path(__file__).resolve().parent.parent
REGRESSIONS = ROOT / "fixtures" / "regressions"
LIMIT = 10.0
EXAMPLES = int(os.environ.get("JXLINT_FUZZ_EXAMPLES", "100"))
FUZZ_SECONDS = float(os.environ.get("JXLINT_FUZZ_SECONDS", "25"))
FUZZ_SEED = int(os.environ.get("JXLINT_FUZZ_SEED", "20231231"))

# Regression inputs that still fail, with the reason (the file that has the bug); the test is xfail for them.
KNOWN: dict[str, str] = {}


def jxlint(*args, cwd=None, timeout=120.0, input=None, env=None) -> fuzz.CliRun:
    """`python -m lint ARGS`, measured: exit status, output, wall and CPU seconds, peak RSS."""
    return fuzz.run_cli(list(map(os.fsdecode, args)), cwd=cwd, timeout=timeout, input=input, env=env)


def assert_sane(what, run: fuzz.CliRun, limit=LIMIT):
    """No traceback, no internal error, JSON on stdout, exit 0/1/2 (2 with one-line errors), and at most
    `limit` seconds of CPU (the work itself, whatever else the machine is doing) and 3 x `limit` of wall time."""
    problems = fuzz.cli_problems(run.returncode, run.stdout, run.stderr, run.cpu, limit)
    if run.seconds > 3 * limit:
        problems.append(f"took {run.seconds:.1f} s of wall time")
    assert not problems, f"{what}: {problems}\n{run.stderr[-2000:]}"


# --- properties of the extractors ---------------------------------------------------------------

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

CHARS = list("0123456789.%,，。、：:；;（）()〔〕[]【】《》“”年月日万元亿户个项场期分得值优良中差合计其中共约近超余截至止"
             "填报日期评价度一二三四五六七八九十〇两百千０１２３４５６７８９％ \t\n\r|*$\\<>/-+=≥≤①②abcdp#~至\x00\ufeff\u3000")
PIECES = ["填报日期：2023年12月31日", "评价年度：2023年", "（一）", "一、", "1.", "(1)", "|合计|100|", "|---|---|",
          "\t合计\t100\n", "总分90分", "得分", "自评等级为优", "执行率100%", "预算数100万元", "其中", "共计",
          "<table><tr><td>1</td></tr></table>", "<!-- jxlint-disable-next-line R -->", "$\\geq 95\\%$", "**",
          "〔2023〕5号", "2023年1月至12月", "年底前", "完成", "未完成", "无", "满分", "指标", "权重", "\n\n", "\n"]
REPORTISH = st.lists(st.one_of(st.sampled_from(PIECES), st.text(alphabet=st.sampled_from(CHARS), max_size=30)),
                     max_size=40).map("".join)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(REPORTISH)
def test_every_fact_span_lies_inside_the_clean_text(text):
    facts = Facts(Source("r.txt", text), config=Settings(cache=False), year=None)
    omap = facts.clean.omap
    assert len(omap) == len(facts.text)
    assert all(omap[i] <= omap[i + 1] for i in range(len(omap) - 1))
    assert fuzz.check_facts(facts) == []


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(REPORTISH)
def test_every_rule_survives_and_its_locations_lie_in_the_file(text):
    os.environ["JXLINT_STRICT"] = "1"
    try:
        assert fuzz.check_text(text) == []
    finally:
        os.environ.pop("JXLINT_STRICT", None)


def test_span_walker_sees_nested_spans():
    from dataclasses import dataclass, field

    @dataclass
    class Inner:
        span: tuple
        label_span: tuple = (0, 0)

    @dataclass
    class Outer:
        items: list = field(default_factory=list)
        by_key: dict = field(default_factory=dict)

    value = Outer([Inner((3, 4))], {"k": (Inner((5, 9), (6, 7)),)})
    assert sorted(s for _, s in fuzz.spans_of(value)) == [(0, 0), (3, 4), (5, 9), (6, 7)]


def test_the_fuzzers_time_limit_interrupts_a_slow_input():
    # The alarm can land inside a callback that swallows exceptions (hypothesis hooks the garbage
    # collector), so the fuzzer's own guard is given three chances.
    for _ in range(3):
        problems, seconds = fuzz.check_bytes(("无1个" * 30000).encode(), limit=0.02)
        if problems:
            break
    assert problems == ["hang: over 0.02 s"] and seconds < 5.0
    assert fuzz.check_bytes(REPORT.encode(), limit=LIMIT)[0] == []


# --- mutation fuzzing ---------------------------------------------------------------------------

def _fuzz_child(*args, timeout):
    proc = subprocess.run([sys.executable, str(ROOT / "tests" / "fuzz.py"), *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout, cwd=ROOT)
    assert proc.stdout.strip(), proc.stderr[-3000:]
    return proc, json.loads(proc.stdout.strip().splitlines()[-1])


def test_mutation_fuzzing_finds_nothing(tmp_path):
    """Damaged seed reports linted in one child process (every rule, every extractor, JSON rendered),
    a real CLI run every 40th input.  A child: a regex that never returns cannot hang the test run;
    the input it was working on is left in current.bin."""
    try:
        proc, summary = _fuzz_child("--seconds", FUZZ_SECONDS, "--seed", FUZZ_SEED, "--cli-every", 40,
                                    "--out", tmp_path, timeout=FUZZ_SECONDS + 120)
    except subprocess.TimeoutExpired:
        stuck = tmp_path / "current.bin"
        pytest.fail(f"the fuzzer hung; the input is {stuck} ({stuck.stat().st_size if stuck.exists() else '?'} bytes)")
    print(f"fuzz: {summary['inputs']} inputs, {summary['cli_runs']} CLI runs, seed {summary['seed']}, "
          f"slowest {summary['slowest_seconds']} s")
    assert summary["inputs"] >= 100, proc.stderr[-3000:]
    assert summary["failures"] == 0, json.dumps(summary["first_failures"], ensure_ascii=False, indent=1)
    assert summary["slowest_seconds"] < LIMIT


def test_150_damaged_copies_in_one_cli_run(tmp_path):
    """The acceptance run: 150 damaged copies of the seeds through the command line (one process, the
    whole folder), and each copy timed on its own in process."""
    folder = tmp_path / "damaged"
    for name, data, _ in fuzz.damaged_copies(150, seed=FUZZ_SEED):
        folder.mkdir(exist_ok=True)
        (folder / name).write_bytes(data)
    run = jxlint("check", "--no-cache", "--no-config", "--format", "json", folder, timeout=300)
    assert_sane(folder, run, limit=150 * LIMIT)
    print(f"150 damaged copies: one CLI run, {run.seconds:.1f} s, exit {run.returncode}")
    unreadable = [line for line in run.stderr.splitlines() if line.startswith("jxlint: error: ")]
    assert all(str(folder) in line for line in unreadable)
    assert len(unreadable) < 50  # most copies are still text and get linted
    _, summary = _fuzz_child("--replay", folder, timeout=300)
    assert summary["inputs"] == 150
    assert summary["failures"] == 0, json.dumps(summary["first_failures"], ensure_ascii=False, indent=1)
    assert summary["slowest_seconds"] < LIMIT


def test_a_handful_of_damaged_copies_one_process_each(tmp_path):
    for name, data, label in list(fuzz.damaged_copies(6, seed=FUZZ_SEED + 1)):
        path = tmp_path / name
        path.write_bytes(data)
        for command in (["check", "--no-cache", "--format", "json", path], ["facts", "--format", "json", path]):
            run = jxlint(*command)
            if command[0] == "facts" and run.returncode == 2:
                assert run.stdout == "" and run.stderr.startswith("jxlint: error: ")
                assert len(run.stderr.strip().splitlines()) == 1
                continue
            assert_sane(f"{label} ({command[0]})", run)


# --- pathological inputs ------------------------------------------------------------------------

def _digits_and_dots(n):
    import random

    rng = random.Random(1)
    return "".join(rng.choice("0123456789.") for _ in range(n))


PATHOLOGICAL = {
    "digits-and-dots": lambda: _digits_and_dots(2_000_000),
    "one-dot-one-dot": lambda: "1." * 1_000_000,
    "digits": lambda: "9" * 2_000_000,
    "nested-headings-lines": lambda: "（一）\n" * 300_000,
    "nested-headings-one-line": lambda: "（一）" * 300_000,
    "one-plus-one": lambda: "合计" + "1+" * 500_000 + "1=500001",
    "table-5000-columns-tab": lambda: "\n".join("\t".join(str(i * j) for j in range(5000)) for i in range(1, 6)),
    "table-5000-columns-pipe": lambda: "\n".join(
        ["|" + "|".join(f"列{j}" for j in range(5000)) + "|", "|" + "---|" * 5000]
        + ["|" + "|".join(str(i + j) for j in range(5000)) + "|" for i in range(5)]),
    "table-5000-columns-html": lambda: "<table><tr>" + "".join(f"<td>{j}</td>" for j in range(5000)) + "</tr></table>",
    "empty": lambda: "",
    "newlines": lambda: "\n" * 1_000_000,
    "spaces": lambda: "a" + " " * 1_000_000 + "b",
    "open-brackets": lambda: "（〔(【《“" * 100_000,
    "percent-signs": lambda: "1%" * 300_000,
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_input_finishes_in_time(name, tmp_path):
    path = tmp_path / f"{name}.{'md' if 'pipe' in name or 'html' in name else 'txt'}"
    path.write_text(PATHOLOGICAL[name](), encoding="utf-8")
    try:
        run = jxlint("check", "--no-cache", "--format", "json", path, timeout=LIMIT * 6)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name}: still running after {LIMIT * 6:g} s")
    assert_sane(name, run)
    assert run.returncode in (0, 1)


def test_long_runs_of_spaces_normalise_in_linear_time():
    start = time.process_time()
    for text in ("a" + " " * 200_000 + "b", " " * 200_000 + "中", "1" + " " * 200_000 + ".5", "1." + " " * 200_000):
        normalise(text)
    assert time.process_time() - start < 2.0
    assert normalise("金额 1623.16 万元").text == "金额1623.16万元"
    assert normalise("a   b").text == "a   b"
    assert normalise("达 95 %").text == "达95%"


def test_a_long_line_of_figures_costs_the_claims_extractor_linear_time():
    for unit in ("无1个", "1万元、", "≥1%", "\t1"):
        facts = Facts(Source("r.txt", unit * 15_000))
        facts.sentences, facts.quantities
        start = time.process_time()
        facts.claims
        assert time.process_time() - start < 3.0, unit


def test_many_filing_date_fields_on_one_line_cost_the_header_linear_time():
    facts = Facts(Source("r.txt", "填报日期:2023年" * 10_000))
    start = time.process_time()
    facts.header
    assert time.process_time() - start < 3.0


def test_a_skipped_long_line_keeps_frames_aligned_with_sentences():
    """claims skips a "sentence" over 1000 characters; frames[i] must still be sentence i (C001 reads it)."""
    text = (REGRESSIONS / "claims-long-line-before-restatement.txt").read_text(encoding="utf-8")
    facts = Facts(Source("r.txt", text))
    assert [f.sentence for f in facts.claims.frames] == list(range(len(facts.sentences)))


# --- regression inputs --------------------------------------------------------------------------

REGRESSION_FILES = sorted(p for p in REGRESSIONS.glob("*") if p.suffix in (".txt", ".md", ".bin")) \
    if REGRESSIONS.exists() else []


@pytest.mark.parametrize("path", [pytest.param(p, marks=pytest.mark.xfail(reason=KNOWN[p.name], strict=True))
                                  if p.name in KNOWN else p for p in REGRESSION_FILES], ids=lambda p: p.name)
def test_regression_input(path):
    try:
        run = jxlint("check", "--no-cache", "--no-config", "--format", "json", path, timeout=LIMIT * 6)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{path.name}: still running after {LIMIT * 6:g} s")
    assert_sane(path.name, run)


def test_regression_folder_is_documented():
    if not REGRESSION_FILES:
        pytest.skip("no regression inputs")
    notes = (REGRESSIONS / "README").read_text(encoding="utf-8")
    for path in REGRESSION_FILES:
        assert path.name in notes, f"{path.name} is not described in fixtures/regressions/README"


# --- large files --------------------------------------------------------------------------------

def _concatenated_seeds(size: int) -> bytes:
    one = b"".join(p.read_bytes() + b"\n" for p in fuzz.seed_files())
    return one * (size // len(one) + 1)


def test_a_4mb_report_stays_small(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(_concatenated_seeds(4_000_000))
    run = jxlint("check", "--no-cache", "--format", "json", path, timeout=120)
    assert_sane(path, run, limit=30)
    print(f"4 MB: {run.seconds:.1f} s, peak RSS {run.rss / 1024:.0f} MiB")
    assert 0 < run.rss < 400 * 1024


@pytest.mark.skipif(not os.environ.get("JXLINT_BIG"), reason="a 40 MB report takes about 40 s: set JXLINT_BIG=1")
def test_a_40mb_report_finishes_under_1_5_gb(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(_concatenated_seeds(40_000_000))
    run = jxlint("check", "--no-cache", "--format", "json", path, timeout=600)
    assert_sane(path, run, limit=300)
    print(f"40 MB: {run.seconds:.1f} s, peak RSS {run.rss / 1024:.0f} MiB")
    assert 0 < run.rss < 1.5 * 1024 * 1024


# --- encodings ----------------------------------------------------------------------------------

REPORT = ("2023年度部门整体支出绩效自评报告\n填报日期：2022年12月1日\n评价年度：2023年\n"
          "一、基本情况\n（一）项目概况\n本年共举办活动 8 场，其中线上 3 场、线下 4 场。\n"
          "二、自评结论\n自评得分 95 分，等级为良。\n")


def _findings(out):
    return sorted((f["code"], f["line"]) for f in json.loads(out))


@pytest.fixture
def utf8_findings(tmp_path):
    path = tmp_path / "utf8.txt"
    path.write_text(REPORT, encoding="utf-8")
    run = jxlint("check", "--no-cache", "--format", "json", path)
    assert_sane(path, run)
    return _findings(run.stdout)


@pytest.mark.parametrize("variant", ["gb18030", "gbk", "utf-16-bom", "utf-16-be-bom", "utf-8-bom", "mixed-endings"])
def test_encodings_and_line_endings_give_the_same_findings(variant, tmp_path, utf8_findings):
    encoded = {
        "gb18030": lambda t: t.encode("gb18030"),
        "gbk": lambda t: t.encode("gbk"),
        "utf-16-bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
        "utf-16-be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        "mixed-endings": lambda t: "".join(line + ("\r\n", "\r", "\n")[i % 3]
                                          for i, line in enumerate(t.splitlines())).encode("utf-8"),
    }[variant]
    path = tmp_path / f"{variant}.txt"
    path.write_bytes(encoded(REPORT))
    run = jxlint("check", "--no-cache", "--format", "json", path)
    assert_sane(path, run)
    assert utf8_findings and _findings(run.stdout) == utf8_findings


@pytest.mark.parametrize("name,data,reason", [
    ("invalid-utf8.txt", REPORT.encode()[:40] + b"\xff\xfe\xfd" + REPORT.encode()[40:], "byte offset 40"),
    ("cut-mid-character.txt", REPORT.encode()[:41], "byte offset 40"),
    ("latin-1.txt", "Résumé du rapport 2023\n".encode("latin-1"), "byte offset 1"),
    ("utf-16-bad-surrogate.txt", codecs.BOM_UTF16_LE + "报告".encode("utf-16-le") + b"\x00\xd8" + b"A\x00", "UTF-16"),
    ("png.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary"),
    ("elf.txt", b"\x7fELF\x02\x01\x01" + bytes(200), "binary"),
    ("controls.txt", bytes(range(1, 32)) * 50, "binary"),
    ("nul-in-text.txt", REPORT.encode() + b"\x00" + REPORT.encode(), "binary"),
], ids=lambda v: v if isinstance(v, str) and v.endswith(".txt") else "")
def test_unreadable_files_are_one_line_errors(name, data, reason, tmp_path):
    path = tmp_path / name
    path.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    run = jxlint("check", "--no-cache", "--format", "json", path, good)
    assert run.returncode == 2
    assert_sane(path, run)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and reason in lines[0], run.stderr
    assert any(f["path"].endswith("good.txt") for f in json.loads(run.stdout))  # the readable file is still linted


def test_hostile_standard_input():
    for data, status in ((b"", (0,)), (b"\x00\x01\x02binary", (2,)), (REPORT.encode("gb18030"), (0, 1))):
        run = jxlint("check", "--no-cache", "--format", "json", "--stdin-filename", "in.txt", "-", input=data)
        assert run.returncode in status, run.stderr
        assert_sane(data[:10], run)


def test_oversized_input_is_refused_not_read_whole(tmp_path, monkeypatch):
    import lint.source

    monkeypatch.setattr(lint.source, "MAX_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text(REPORT * 20, encoding="utf-8")
    with pytest.raises(lint.source.ReadError, match="larger than"):
        lint.source.read_path(path)
    with pytest.raises(lint.source.ReadError, match="larger than"):
        lint.source.read_bytes(path.read_bytes(), "big.txt")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_an_endless_file_is_a_one_line_error():
    run = jxlint("check", "--no-cache", "--format", "json", "/dev/zero", timeout=60)
    assert run.returncode == 2 and "larger than 64 MiB" in run.stderr
    assert_sane("/dev/zero", run)
    assert run.rss < 600 * 1024


def test_output_the_terminal_cannot_encode(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    for fmt in ("json", "text"):
        run = jxlint("check", "--no-cache", "--format", fmt, path, env={"PYTHONIOENCODING": "ascii"})
        assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
        assert run.stdout.isascii() and "\\u" in run.stdout
    findings = json.loads(jxlint("check", "--no-cache", "--format", "json", path,
                                 env={"PYTHONIOENCODING": "ascii"}).stdout)
    assert findings and all(f["code"] for f in findings)  # \uXXXX escapes keep the JSON valid


def test_a_file_name_that_is_not_utf8(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    name = os.fsencode(folder) + b"/r\xff\xfe.txt"
    with open(name, "wb") as fh:
        fh.write(REPORT.encode())
    for fmt in ("json", "text", "jsonl", "github", "gitlab"):
        for cache in ("--no-cache", "--jobs=1"):  # the cache keys on the name too
            run = jxlint("check", cache, "--format", fmt, folder, env={"PYTHONIOENCODING": "utf-8"}, cwd=tmp_path)
            assert run.returncode == 1 and "Traceback" not in run.stderr and "error" not in run.stderr, \
                (fmt, run.stderr)
    paths = {f["path"] for f in json.loads(jxlint("check", "--no-cache", "--format", "json", folder).stdout)}
    assert paths == {str(folder / "r\udcff\udcfe.txt")}


def test_a_file_name_that_is_not_utf8_in_sarif(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    with open(os.fsencode(folder) + b"/r\xff.txt", "wb") as fh:
        fh.write(REPORT.encode())
    run = jxlint("check", "--no-cache", "--format", "sarif", "reports", env={"PYTHONIOENCODING": "utf-8"},
                 cwd=tmp_path)
    assert run.returncode == 1 and "error" not in run.stderr, run.stderr


def test_an_unwritable_output_file_is_a_one_line_error(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    run = jxlint("check", "--no-cache", path, "-o", tmp_path / "no" / "such" / "folder.json")
    assert run.returncode == 2 and run.stderr.strip().splitlines() == [
        f"jxlint: error: {tmp_path / 'no' / 'such' / 'folder.json'}: cannot write the report (No such file or directory)"]


def test_an_unexpected_exception_is_one_line_not_a_traceback(monkeypatch, capsys, tmp_path):
    import lint.cli
    import lint.run

    def boom(*args, **kwargs):
        raise RuntimeError("something nobody foresaw\nsecond line")

    monkeypatch.setattr(lint.run, "run", boom)
    monkeypatch.delenv("JXLINT_STRICT", raising=False)
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        lint.cli.main(["check", str(path)])
    assert exit_.value.code == 2
    assert capsys.readouterr().err == "jxlint: error: internal error: RuntimeError: something nobody foresaw\n"
    monkeypatch.setenv("JXLINT_STRICT", "1")
    with pytest.raises(RuntimeError):
        lint.cli.main(["check", str(path)])


HOSTILE_CONFIGS = {
    "binary": b"\x00\x01\xff\xfe",
    "gbk": "选择: [D]\n".encode("gbk"),
    "alias-bomb": b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                  b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
    "list": b"- a\n- b\n",
    "tab": b"select:\t[D]\n",
    "nan-band": "grade_bands: {优: .nan}\n".encode(),
    "duplicate-key": b"select: [D]\nselect: [A]\n",
    "deep-nesting": b"select: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "huge-number": "grade_bands: {优: 1".encode() + b"0" * 5000 + b"}\n",
    "profile-list": b"profile: [1, 2]\n",
}
# Still reported as "internal error" without the file's name (a one-line exit 2 all the same).
UNNAMED = {"deep-nesting", "huge-number", "profile-list"}


@pytest.mark.parametrize("name", HOSTILE_CONFIGS)
def test_a_hostile_configuration_is_a_one_line_error(name, tmp_path):
    (tmp_path / ".jxlint.yaml").write_bytes(HOSTILE_CONFIGS[name])
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    run = jxlint("check", "--no-cache", "--format", "json", "r.txt", cwd=tmp_path, timeout=60)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert run.rss < 300 * 1024


@pytest.mark.parametrize("name", sorted(UNNAMED))
def test_a_hostile_configuration_error_names_the_file(name, tmp_path):
    (tmp_path / ".jxlint.yaml").write_bytes(HOSTILE_CONFIGS[name])
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    run = jxlint("check", "--no-cache", "r.txt", cwd=tmp_path, timeout=60)
    assert ".jxlint.yaml" in run.stderr and "internal error" not in run.stderr


# --- files are never written --------------------------------------------------------------------

def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else b"", p.stat().st_mtime_ns)
            for p in folder.rglob("*")}


def _reports(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, src in enumerate(fuzz.seed_files()[:3]):
        dst = folder / f"r{i}{src.suffix}"
        dst.write_bytes(src.read_bytes())
        os.utime(dst, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
        paths.append(dst)
    (folder / "bad.txt").write_bytes(b"\x00\x01 not text")
    return paths


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_a_run_writes_nothing_but_its_cache(fmt, tmp_path):
    reports = tmp_path / "reports"
    _reports(reports)
    work = tmp_path / "work"
    work.mkdir()
    before_reports, before_work = _snapshot(reports), _snapshot(work)
    for _ in range(2):  # a cold and a warm cache
        run = jxlint("check", "--format", fmt, reports, cwd=work)
        assert run.returncode == 2 and "Traceback" not in run.stderr
    assert _snapshot(reports) == before_reports
    created = set(_snapshot(work)) - set(before_work)
    assert created and all(p == ".jxlint_cache" or p.startswith(".jxlint_cache/") for p in created), created


def test_facts_and_no_cache_write_nothing(tmp_path):
    reports = tmp_path / "reports"
    paths = _reports(reports)
    before = _snapshot(tmp_path)
    assert jxlint("check", "--no-cache", reports, cwd=tmp_path).returncode == 2
    assert jxlint("facts", "--format", "json", paths[0], cwd=tmp_path).returncode == 0
    assert _snapshot(tmp_path) == before


def test_cache_dir_that_is_a_file_means_no_cache(tmp_path):
    paths = _reports(tmp_path / "reports")
    (tmp_path / ".jxlint_cache").write_text("not a folder", encoding="utf-8")
    before = _snapshot(tmp_path)
    first = jxlint("check", "--format", "json", *paths, cwd=tmp_path)
    again = jxlint("check", "--format", "json", *paths, cwd=tmp_path)
    for run in (first, again):
        assert_sane("cache file", run)
        assert run.stderr.strip() == ""
    assert first.stdout == again.stdout
    assert _snapshot(tmp_path) == before


def test_damaged_cache_entries_are_ignored(tmp_path):
    paths = _reports(tmp_path / "reports")
    first = jxlint("check", "--format", "json", *paths, cwd=tmp_path)
    entries = [p for p in (tmp_path / ".jxlint_cache").rglob("*") if p.is_file() and p.name != ".gitignore"]
    assert entries
    for i, p in enumerate(entries):
        p.write_bytes([b"", b"\x80\x04garbage", b"\x00" * 10][i % 3])
    again = jxlint("check", "--format", "json", *paths, cwd=tmp_path)
    assert_sane("damaged cache", again)
    assert again.stdout == first.stdout and again.stderr == first.stderr


def test_cache_falls_back_to_off_when_it_cannot_write(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".jxlint_cache").write_text("a file", encoding="utf-8")
    cache = Cache(Path(".jxlint_cache"), "salt")
    source = Source("r.txt", REPORT)
    cache.put(source, [])
    assert cache.enabled is False
    assert cache.get(source) is None
    assert (tmp_path / ".jxlint_cache").read_text(encoding="utf-8") == "a file"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_checkout(tmp_path):
    paths = _reports(tmp_path / "ro")
    folder = tmp_path / "ro"
    before = _snapshot(folder)
    folder.chmod(0o555)
    try:
        run = jxlint("check", "--format", "json", *[p.name for p in paths], cwd=folder)
    finally:
        folder.chmod(0o755)
    assert_sane("read-only", run)
    assert run.stderr.strip() == ""
    assert _snapshot(folder) == before


def test_digits_newer_than_pythons_unicode_data_are_not_an_internal_error(tmp_path):
    """`regex`'s \\d knows digits that int() cannot read (Garay, Unicode 16): a date or document number
    written in them is not read as one, and neither `check` nor `facts` fails."""
    garay = "".join(chr(0x10D40 + d) for d in range(10))
    year = lambda y: y.translate(str.maketrans("0123456789", garay))  # noqa: E731
    report = tmp_path / "r.txt"
    report.write_text(f"部门整体支出绩效自评报告\n填报日期:{year('2024')}年6月1日\n"
                      f"关于印发的通知(湛开财〔{year('2024')}〕319号)\n2023年预算100万元。\n", encoding="utf-8")
    for args in (["check", "--no-cache", "--format", "json"], ["facts", "--format", "json"]):
        run = jxlint(*args, report)
        assert run.returncode in (0, 1) and "error" not in run.stderr, (args, run.stderr)
        json.loads(run.stdout)
