"""The command line: check, rules, explain, facts. Exit 0 clean, 1 findings, 2 could not do the work."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import click

from lint import __version__
from lint.report import FORMATS


class Failure(Exception):
    """Stops the command with exit status 2 and this one-line message."""


def _codes(value: Optional[str]) -> list[str]:
    from lint.config import check_code

    if not value:
        return []
    codes = [c.strip().upper() for c in value.split(",") if c.strip()]
    for c in codes:
        check_code(c, lambda reason: Failure(f"--select/--ignore: {reason}"))
    return codes


def _settings(config: Optional[str], no_config: bool):
    from lint.config import ConfigError, Settings, find_config, load

    try:
        if no_config:
            return Settings()
        if config:
            if not Path(config).is_file():
                raise Failure(f"{config}: no such configuration file")
            return load(Path(config))
        found = find_config(Path.cwd())
        return load(found) if found else Settings()
    except ConfigError as err:
        raise Failure(str(err)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jxlint", message="%(prog)s %(version)s")
def cli() -> None:
    """Consistency linter for 绩效自评 reports: dates, arithmetic, scores, claims, structure."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--select", help="Comma list of codes or prefixes to enable (D, A0, S004).")
@click.option("--ignore", help="Comma list of codes or prefixes to disable.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="Lowest severity that fails the run.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 whatever is found.")
@click.option("--config", type=click.Path(dir_okay=False), help="Configuration file (else .jxlint.yaml upwards).")
@click.option("--no-config", is_flag=True, help="Ignore any configuration file.")
@click.option("--year", type=click.IntRange(1949, 2200), help="Evaluation year when the report does not say.")
@click.option("--stdin-filename", help="Read the report from standard input (PATH -) under this name.")
@click.option("--jobs", "-j", type=click.IntRange(0, 256), default=0, help="Files in parallel (0: all cores).")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Report only findings not in this baseline.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Record current findings to this file.")
@click.option("--statistics", is_flag=True, help="Print counts per code.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write .jxlint_cache/.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file.")
def check(paths, fmt, select, ignore, fail_on, exit_zero, config, no_config, year, stdin_filename, jobs,
          baseline, write_baseline, statistics, no_cache, output) -> None:
    """Lint report files or folders (*.txt, *.md)."""
    from lint.rules import Severity
    from lint.run import run

    settings = _settings(config, no_config)
    if select:
        settings.select = _codes(select)
    if ignore:
        settings.ignore = settings.ignore + _codes(ignore)
    if fail_on:
        settings.fail_on = Severity.parse(fail_on)
    if year:
        settings.year = year
    if no_cache:
        settings.cache = False
    if not paths and stdin_filename:
        paths = ("-",)
    if not paths:
        raise Failure("no paths given (try: jxlint check FILE_OR_FOLDER)")
    status = run(list(paths), settings, fmt=fmt, jobs=jobs, stdin_filename=stdin_filename, baseline=baseline,
                 write_baseline=write_baseline, statistics=statistics, output=output)
    sys.exit(0 if exit_zero and status == 1 else status)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def rules(fmt) -> None:
    """List every rule: code, name, default severity, summary."""
    import json

    from lint.rules import all_rules

    table = all_rules()
    if fmt == "json":
        click.echo(json.dumps([{"code": r.code, "name": r.name, "severity": str(r.severity), "summary": r.summary}
                               for r in table.values()], ensure_ascii=False, indent=2))
        return
    for r in table.values():
        click.echo(f"{r.code}  {r.name:<32} {str(r.severity):<8} {r.summary}")


@cli.command()
@click.argument("code")
def explain(code) -> None:
    """What a rule checks, why, an example that fails and one that passes."""
    from lint.rules import all_rules

    table = all_rules()
    rule = table.get(code.strip().upper())
    if rule is None:
        raise Failure(f"unknown rule code {code!r} (see: jxlint rules)")
    click.echo(f"{rule.code} {rule.name} ({rule.severity})\n")
    click.echo(rule.doc)


@cli.command()
@click.argument("file", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--year", type=click.IntRange(1949, 2200), help="Evaluation year when the report does not say.")
@click.option("--stdin-filename", help="Read the report from standard input (FILE -) under this name.")
def facts(file, fmt, year, stdin_filename) -> None:
    """Show the facts the checks see, each with its location in the original file."""
    from lint.facts.dump import dump_facts
    from lint.run import read_one

    source = read_one(file, stdin_filename)
    click.echo(dump_facts(source, fmt, year))


def main(argv: Optional[list[str]] = None) -> None:
    from lint.source import ReadError

    for stream in (sys.stdout, sys.stderr):
        # a character the terminal's encoding lacks, or a file name that is not UTF-8, prints as \uXXXX
        # instead of ending the run in UnicodeEncodeError (and \uXXXX keeps JSON output valid)
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass
    try:
        cli.main(args=argv, prog_name="jxlint", standalone_mode=False)
    except click.exceptions.Exit as err:
        sys.exit(err.exit_code)
    except click.exceptions.Abort:
        sys.exit(2)
    except click.ClickException as err:
        sys.stderr.write(f"jxlint: error: {err.format_message().splitlines()[0]}\n")
        sys.exit(2)
    except (Failure, ReadError) as err:
        sys.stderr.write(f"jxlint: error: {err}\n")
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(1)
    except KeyboardInterrupt:
        sys.stderr.write("jxlint: interrupted\n")
        sys.exit(2)
    except Exception as err:  # the last line of defence: one line, never a traceback (JXLINT_STRICT shows it)
        import os

        if os.environ.get("JXLINT_STRICT"):
            raise
        reason = (str(err).strip().splitlines() or [""])[0][:300]
        sys.stderr.write(f"jxlint: error: internal error: {type(err).__name__}: {reason}\n")
        sys.exit(2)
    sys.exit(0)
