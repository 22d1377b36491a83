"""Start-up: what `jxlint check` imports, and plug-in rules found without the full metadata scan."""
import os
import subprocess
import sys
from pathlib import Path

from conftest import seed

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import sys, runpy
sys.argv = ["jxlint"] + sys.argv[1:]
try:
    runpy.run_module("lint", run_name="__main__")
except SystemExit:
    pass
sys.stderr.write("MODULES " + " ".join(sorted(sys.modules)) + "\\n")
"""


def _modules_after(args, env=None, cwd=None) -> set[str]:
    out = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                         env=env, cwd=cwd or ROOT)
    line = [l for l in out.stderr.splitlines() if l.startswith("MODULES ")]
    assert line, out.stderr
    return set(line[-1].split()[1:])


def test_check_one_report_loads_only_what_it_needs(tmp_path):
    report = tmp_path / "r.md"
    report.write_text("# 2023年度部门整体支出绩效自评报告\n\n预算数 100 万元，执行数 98 万元，执行率 98%。\n",
                      encoding="utf-8")
    modules = _modules_after(["check", "--no-cache", "--no-config", str(report)], cwd=tmp_path)
    assert "lint.facts.claims" in modules                # the rules ran
    for heavy in ("importlib.metadata", "multiprocessing", "concurrent.futures", "ruamel", "pyparsing",
                  "lint.cache", "lint.baseline", "lint.report.sarif"):
        assert heavy not in modules, f"{heavy} imported by a plain one-file check"


def test_a_serial_run_does_not_load_the_process_pool(tmp_path):
    for i in range(10):
        (tmp_path / f"r{i}.md").write_text("预算执行率 98%。\n", encoding="utf-8")
    modules = _modules_after(["check", "--no-cache", "--no-config", "--jobs", "1", str(tmp_path)], cwd=tmp_path)
    assert "concurrent.futures" not in modules and "multiprocessing" not in modules


def test_plugin_rules_are_found_from_their_distribution_metadata(tmp_path):
    dist = tmp_path / "demo_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: demo-plugin\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[jxlint.checks]\ndemo = demo_rules\n", encoding="utf-8")
    (tmp_path / "demo_rules.py").write_text(
        "from lint.rules import Severity, rule\n\n"
        "@rule('Z901', 'demo-plugin-rule', Severity.INFO)\n"
        "def demo(facts):\n    '''A rule from a plug-in.'''\n    return ()\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]))
    out = subprocess.run([sys.executable, "-m", "lint", "rules"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert "Z901" in out.stdout
    plain = subprocess.run([sys.executable, "-m", "lint", "rules"], capture_output=True, text=True, cwd=ROOT)
    assert "Z901" not in plain.stdout and plain.returncode == 0


def test_no_plugin_declared_means_no_metadata_scan():
    from lint.rules import _plugins_declared

    code = "import sys; from lint.rules import _plugins_declared as p; print(p(), 'importlib.metadata' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    declared, imported = out.stdout.split()
    assert imported == "False"
    assert declared in ("True", "False") and _plugins_declared() == (declared == "True")


def test_seed_check_output_is_the_same_with_a_plugin_path(tmp_path):
    path = seed("001")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]))
    a = subprocess.run([sys.executable, "-m", "lint", "check", "--no-cache", "--format", "json", path],
                       capture_output=True, text=True, cwd=ROOT)
    b = subprocess.run([sys.executable, "-m", "lint", "check", "--no-cache", "--format", "json", path],
                       capture_output=True, text=True, cwd=ROOT, env=env)
    assert a.stdout == b.stdout and a.stdout.startswith("[")
