from __future__ import annotations

import json

try:  # the C encoder of JSON strings (what json.dumps(..., ensure_ascii=False) uses)
    from _json import encode_basestring as _string
except ImportError:  # pragma: no cover - other Pythons
    from json.encoder import encode_basestring as _string


def render_json(findings, context) -> str:
    data = [f.to_dict() for f in findings]
    out: list[str] = []
    if _write(data, out, ""):
        return "".join(out) + "\n"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"  # a value _write does not know


def render_jsonl(findings, context) -> str:
    return "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in findings)


def _write(obj, out: list[str], indent: str) -> bool:
    """json.dumps(obj, ensure_ascii=False, indent=2) appended to `out`, character for character.

    The standard encoder runs in Python when it indents (and costs more than linting when thousands
    of findings are written); this writes the same text with the C string encoder. False when `obj`
    holds a value other than str, int, bool, None, list, or dict with str keys (nothing is then promised
    about `out`).
    """
    if isinstance(obj, str):
        out.append(_string(obj))
    elif obj is None:
        out.append("null")
    elif obj is True:
        out.append("true")
    elif obj is False:
        out.append("false")
    elif type(obj) is int:
        out.append(int.__repr__(obj))
    elif isinstance(obj, list):
        if not obj:
            out.append("[]")
            return True
        inner = indent + "  "
        out.append("[\n" + inner)
        for i, item in enumerate(obj):
            if i:
                out.append(",\n" + inner)
            if not _write(item, out, inner):
                return False
        out.append("\n" + indent + "]")
    elif isinstance(obj, dict):
        if not obj:
            out.append("{}")
            return True
        inner = indent + "  "
        out.append("{\n" + inner)
        for i, (key, value) in enumerate(obj.items()):
            if type(key) is not str:
                return False
            out.append((",\n" + inner if i else "") + _string(key) + ": ")
            if not _write(value, out, inner):
                return False
        out.append("\n" + indent + "}")
    else:
        return False
    return True
