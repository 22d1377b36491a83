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


def dump_facts(source, fmt: str, year=None) -> str:
    facts = Facts(source, year=year)
    data = collect(facts)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2)
    lines = [f"{facts.path}: evaluation year {data['evaluation_year']}"]
    for name, items in data.items():
        if not isinstance(items, list):
            if isinstance(items, dict) and name != "path":
                lines.append(f"[{name}]")
                for k, v in items.items():
                    if isinstance(v, dict) and "location" in v:
                        loc = v["location"]
                        lines.append(f"  {k}: {v.get('value')!s}  @{loc['line']}:{loc['column']}  {v.get('source_text', '')}")
                    else:
                        lines.append(f"  {k}: {v}")
            continue
        lines.append(f"[{name}] {len(items)}")
        for item in items:
            if isinstance(item, dict) and "location" in item:
                loc = item["location"]
                lines.append(f"  {loc['line']}:{loc['column']}  {item.get('source_text', '')}")
    return "\n".join(lines)
