"""`.jxlint.yaml`: found from the current folder upwards, validated strictly (exit 2 on any error)."""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Optional

from lint.rules import Severity

CONFIG_NAME = ".jxlint.yaml"
GRADES = ("优", "良", "中", "差")
DEFAULT_BANDS = {"优": 90, "良": 80, "中": 60, "差": 0}
DEFAULT_REQUIRED = ["filing_date", "evaluation_year", "score", "unit_name"]

PROFILES: dict[str, dict[str, Any]] = {
    "national": {"grade_bands": DEFAULT_BANDS, "required_fields": DEFAULT_REQUIRED},
    "guangdong": {"grade_bands": DEFAULT_BANDS, "required_fields": DEFAULT_REQUIRED,
                  "framework": {"预算编制": 21, "预算执行": 45, "预算使用效益": 34}},
    "sichuan": {"grade_bands": DEFAULT_BANDS, "required_fields": DEFAULT_REQUIRED,
                "framework": {"部门决策": 25, "综合管理": 30, "部门绩效情况": 45}},
}
KEYS = ("profile", "select", "ignore", "severity", "fail_on", "grade_bands", "per_file_ignores",
        "required_fields", "cache")


class ConfigError(Exception):
    """A bad configuration; the message names the file, line and reason."""


@dataclass
class Settings:
    """What a run uses: the configuration file's values, then the command line's."""

    select: list[str] = field(default_factory=lambda: [""])
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    grade_bands: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_BANDS))
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    required_fields: list[str] = field(default_factory=lambda: list(DEFAULT_REQUIRED))
    profile: str = "national"
    framework: dict[str, int] = field(default_factory=dict)
    cache: bool = True
    path: Optional[Path] = None          # the configuration file, if any
    year: Optional[int] = None           # --year

    def enabled(self, code: str, path: str = "") -> bool:
        if not any(code.startswith(s) for s in self.select):
            return False
        if any(code.startswith(s) for s in self.ignore):
            return False
        return not any(code.startswith(s) for s in self.ignored_for(path))

    def enabled_among(self, codes: tuple[str, ...], path: str = "") -> tuple[str, ...]:
        """The `codes` that `enabled` keeps for `path`, remembered per selection and per-file ignores:
        lint_source asks for every report, and `enabled` tests every prefix for every code."""
        key = (codes, tuple(self.select), tuple(self.ignore), tuple(self.ignored_for(path)))
        cache = self.__dict__.setdefault("_enabled_cache", {})
        kept = cache.get(key)
        if kept is None:
            kept = cache[key] = tuple(code for code in codes if self.enabled(code, path))
        return kept

    def ignored_for(self, path: str) -> list[str]:
        if not self.per_file_ignores or not path:
            return []
        candidates = {PurePosixPath(Path(path).as_posix()).as_posix()}
        if self.path is not None:
            try:
                candidates.add(Path(path).resolve().relative_to(self.path.parent.resolve()).as_posix())
            except ValueError:
                pass
        out: list[str] = []
        for pattern, codes in self.per_file_ignores.items():
            if any(fnmatch.fnmatch(c, pattern) or fnmatch.fnmatch(c, pattern.rstrip("/*") + "/*") for c in candidates):
                out.extend(codes)
        return out

    def fingerprint(self) -> str:
        return repr((self.select, self.ignore, sorted(self.severity.items()), self.grade_bands,
                     self.per_file_ignores, self.required_fields, self.profile, self.framework, self.year))


def find_config(start: Path) -> Optional[Path]:
    for folder in [start, *start.parents]:
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load(path: Path) -> Settings:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read configuration ({err})") from None
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        data = YAML(typ="rt").load(text)
    except (RecursionError, ValueError, TypeError, OverflowError) as err:
        raise ConfigError(f"{path}: cannot parse configuration ({type(err).__name__}: {str(err)[:80]})") from None
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else "?"
        raise ConfigError(f"{path}:{line}: YAML syntax error: {err.problem or err.context}") from None
    except YAMLError as err:
        raise ConfigError(f"{path}: YAML error: {str(err).splitlines()[0]}") from None
    settings = Settings(path=path)
    if data is None:
        return settings
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: the configuration must be a mapping of keys to values")
    try:
        _apply(settings, data, path)
    except (RecursionError, ValueError, TypeError, OverflowError) as err:
        raise ConfigError(f"{path}: bad configuration value ({type(err).__name__}: {str(err)[:80]})") from None
    return settings


def _line(data: Any, key: Any) -> int:
    try:
        return data.lc.key(key)[0] + 1
    except Exception:
        return 1


def _apply(settings: Settings, data: dict, path: Path) -> None:
    def bad(key: str, reason: str) -> ConfigError:
        return ConfigError(f"{path}:{_line(data, key)}: {key}: {reason}")

    for key in data:
        if key not in KEYS:
            raise bad(key, f"unknown key (expected one of: {', '.join(KEYS)})")
    if "profile" in data:
        name = data["profile"]
        if not isinstance(name, str) or name not in PROFILES:
            raise bad("profile", f"unknown profile {name!r} (known: {', '.join(PROFILES)})")
        settings.profile = name
        profile = PROFILES[name]
        settings.grade_bands = dict(profile["grade_bands"])
        settings.required_fields = list(profile["required_fields"])
        settings.framework = dict(profile.get("framework", {}))
    for key in ("select", "ignore"):
        if key in data:
            settings.__setattr__(key, _codes(data[key], lambda r: bad(key, r)))
    if "severity" in data:
        value = data["severity"]
        if not isinstance(value, dict):
            raise bad("severity", "must be a mapping of codes to error|warning|info")
        for code, level in value.items():
            settings.severity[str(code)] = _severity(level, lambda r: bad("severity", r))
    if "fail_on" in data:
        settings.fail_on = _severity(data["fail_on"], lambda r: bad("fail_on", r))
    if "grade_bands" in data:
        settings.grade_bands = _bands(data["grade_bands"], lambda r: bad("grade_bands", r))
    if "per_file_ignores" in data:
        value = data["per_file_ignores"]
        if not isinstance(value, dict):
            raise bad("per_file_ignores", "must be a mapping of path patterns to lists of codes")
        settings.per_file_ignores = {str(k): _codes(v, lambda r: bad("per_file_ignores", r)) for k, v in value.items()}
    if "required_fields" in data:
        value = data["required_fields"]
        known = set(DEFAULT_REQUIRED)
        if not isinstance(value, list) or any(v not in known for v in value):
            raise bad("required_fields", f"must be a list drawn from {', '.join(DEFAULT_REQUIRED)}")
        settings.required_fields = [str(v) for v in value]
    if "cache" in data:
        if not isinstance(data["cache"], bool):
            raise bad("cache", "must be true or false")
        settings.cache = data["cache"]


def _codes(value: Any, bad) -> list[str]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise bad("must be a list of rule codes or prefixes")
    for v in value:
        check_code(v, bad)
    return [v.strip().upper() for v in value]


def check_code(code: str, bad) -> None:
    import re

    if not re.fullmatch(r"[A-Za-z](\d{0,3})|ALL", code.strip()):
        raise bad(f"{code!r} is not a rule code or prefix (like D, A0, S004)")


def _severity(value: Any, bad) -> Severity:
    try:
        return Severity.parse(str(value))
    except KeyError:
        raise bad(f"{value!r} is not one of error, warning, info") from None


def _bands(value: Any, bad) -> dict[str, float]:
    if not isinstance(value, dict):
        raise bad("must be a mapping like {优: 90, 良: 80, 中: 60, 差: 0}")
    bands: dict[str, float] = {}
    for grade, bound in value.items():
        if grade not in GRADES:
            raise bad(f"unknown grade {grade!r} (expected 优, 良, 中, 差)")
        if isinstance(bound, bool) or not isinstance(bound, (int, float)) or not 0 <= bound <= 100:
            raise bad(f"{grade}: {bound!r} is not a score between 0 and 100")
        bands[str(grade)] = bound
    ordered = [bands[g] for g in GRADES if g in bands]
    if ordered != sorted(ordered, reverse=True):
        raise bad("lower bounds must fall from 优 to 差")
    return bands
