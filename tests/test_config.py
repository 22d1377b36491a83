"""Configuration: lookup, values, and errors that name the file, line and reason."""
from __future__ import annotations

import pytest

from lint.config import ConfigError, Settings, find_config, load
from lint.rules import Severity


def write(tmp_path, text):
    path = tmp_path / ".jxlint.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_values(tmp_path):
    settings = load(write(tmp_path, """
profile: guangdong
select: [D, A, S]
ignore: [R004]
severity: {R002: error}
fail_on: error
grade_bands: {优: 85, 良: 75, 中: 60, 差: 0}
per_file_ignores: {"archive/**": [R]}
"""))
    assert settings.select == ["D", "A", "S"]
    assert settings.ignore == ["R004"]
    assert settings.severity == {"R002": Severity.ERROR}
    assert settings.fail_on == Severity.ERROR
    assert settings.grade_bands["优"] == 85
    assert settings.framework["预算执行"] == 45
    assert settings.enabled("D001", "x.txt")
    assert not settings.enabled("C001", "x.txt")
    assert not settings.enabled("R002", "archive/2021/a.txt")


@pytest.mark.parametrize("text,line,reason", [
    ("select: [D]\nbogus: 1\n", 2, "unknown key"),
    ("fail_on: sometimes\n", 1, "not one of error, warning, info"),
    ("grade_bands: {优: 190}\n", 1, "between 0 and 100"),
    ("grade_bands: {好: 90}\n", 1, "unknown grade"),
    ("select: [D, 'not a code']\n", 1, "not a rule code"),
    ("profile: mars\n", 1, "unknown profile"),
    ("select: [D\nignore: [A]\n", 2, "YAML syntax error"),
    ("severity: loud\n", 1, "must be a mapping"),
])
def test_errors_name_file_line_reason(tmp_path, text, line, reason):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load(path)
    message = str(err.value)
    assert message.startswith(f"{path}:{line}:"), message
    assert reason in message
    assert "\n" not in message


def test_found_from_a_subfolder(tmp_path):
    path = write(tmp_path, "ignore: [R]\n")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert find_config(sub) == path


def test_empty_file_is_defaults(tmp_path):
    assert load(write(tmp_path, "")).select == Settings().select
