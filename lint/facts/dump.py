"""`jxlint facts`: every extracted fact with its location in the original file."""
from __future__ import annotations

import dataclasses
import json
from decimal import Decimal

from lint.facts import EXTRACTORS, Facts

SPAN_FIELDS = ("span", "line_span")


def _plain(facts: Facts, value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if f.name in SPAN_FIELDS and isinstance(item, tuple) and len(item) == 2:
                line, col, end_line, end_col = facts.original_range(item)
                out["location"] = {"line": line, "column": col, "end_line": end_line, "end_column": end_col}
                out["source_text"] = facts.snippet(item)
            else:
                out[f.name] = _plain(facts, item)
        return out
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(facts, v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(facts, v) for k, v in value.items()}
    return value


def collect(facts: Facts) -> dict:
    data: dict = {"path": facts.path, "evaluation_year": None}
    for name in EXTRACTORS:
        if name in ("lines",):
            continue
        try:
            data[name] = _plain(facts, getattr(facts, name))
        except (ImportError, AttributeError):
            continue  # an extractor that this installation does not have
    data["evaluation_year"] = facts.evaluation_year if "header" in data else facts.year_override
    return data


TEXT_SKIP = ("sentences", "sentence_quantities")


def _summary(item: dict) -> str:
    """One line for a fact: where it is, what it says, and its scalar fields."""
    loc = item.get("location")
    where = f"{loc['line']}:{loc['column']}" if loc else "-"
    fields = []
    for key, value in item.items():
        if key in ("location", "source_text", "text") or value in (None, "", [], False):
            continue
        if isinstance(value, dict):
            inner = value.get("source_text") or value.get("value")
            fields.append(f"{key}={inner}")
        elif not isinstance(value, list):
            fields.append(f"{key}={value}")
    text = (item.get("source_text") or "").split("\n")[0]
    text = text if len(text) <= 60 else text[:59] + "…"
    return f"  {where:>8}  {text}  " + " ".join(f if len(f) <= 80 else f[:79] + "…" for f in fields)


def _text_section(name: str, value, lines: list[str]) -> None:
    if isinstance(value, list):
        lines.append(f"[{name}] {len(value)}")
        for item in value:
            if isinstance(item, dict):
                lines.append(_summary(item))
                for key, sub in item.items():
                    if isinstance(sub, list) and sub and isinstance(sub[0], dict) and "location" in sub[0]:
                        lines.extend("    " + _summary(s).strip() for s in sub)
            else:
                lines.append(f"  {item}")
    elif isinstance(value, dict) and "location" not in value:
        for key, sub in value.items():
            if isinstance(sub, list):
                _text_section(f"{name}.{key}", sub, lines)
            elif isinstance(sub, dict):
                lines.append(f"[{name}.{key}]")
                lines.append(_summary(sub))
            elif sub is not None:
                lines.append(f"[{name}.{key}] {sub}")
            else:
                lines.append(f"[{name}.{key}] none")
    elif value is not None:
        lines.append(f"[{name}]")
        lines.append(_summary(value) if isinstance(value, dict) else f"  {value}")


def dump_facts(source, fmt: str, year=None) -> str:
    facts = Facts(source, year=year)
    data = collect(facts)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2)
    lines = [f"{facts.path}: evaluation year {data['evaluation_year']}"]
    for name, value in data.items():
        if name not in ("path", "evaluation_year") and name not in TEXT_SKIP:
            _text_section(name, value, lines)
    return "\n".join(lines)
