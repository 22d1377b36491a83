"""Results cache under .jxlint_cache/: keyed on the report's content, the jxlint version and the settings."""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Optional

from lint import __version__

CACHE_DIR = ".jxlint_cache"


class Cache:
    _instances: dict[str, "Cache"] = {}

    def __init__(self, folder: Path, salt: str):
        self.folder = folder
        self.salt = salt
        self.enabled = True

    @classmethod
    def for_settings(cls, settings) -> "Cache":
        config = getattr(settings, "path", None)    # per-file ignores are read relative to it
        salt = hashlib.sha256(f"{__version__}|{_code_stamp()}|{settings.fingerprint()}|{config}".encode()).hexdigest()[:16]
        key = f"{os.getcwd()}|{salt}"
        if key not in cls._instances:
            cls._instances[key] = cls(Path(CACHE_DIR), salt)
        return cls._instances[key]

    def _file(self, source) -> Path:
        digest = hashlib.sha256(source.text.encode("utf-8", "surrogatepass") + source.path.encode("utf-8", "surrogateescape")).hexdigest()
        return self.folder / self.salt / digest[:2] / digest[2:40]

    def get(self, source) -> Optional[list]:
        if not self.enabled:
            return None
        try:
            with open(self._file(source), "rb") as fh:
                return pickle.load(fh)
        except Exception:
            return None

    def put(self, source, findings: list) -> None:
        if not self.enabled:
            return
        target = self._file(source)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not (self.folder / ".gitignore").exists():
                (self.folder / ".gitignore").write_text("*\n", encoding="utf-8")
            fd, tmp = tempfile.mkstemp(dir=target.parent)
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(findings, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except OSError:
            self.enabled = False  # read-only checkout: run without a cache


_stamp: Optional[str] = None


def _code_stamp() -> str:
    """Changes whenever a file of the engine, the checks or a plug-in rule changes (an edited rule is never served stale)."""
    global _stamp
    if _stamp is None:
        parts = []
        for f in _code_files():
            try:
                st = f.stat()
            except OSError:
                continue
            parts.append(f"{f}:{st.st_size}:{st.st_mtime_ns}")
        _stamp = hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]
    return _stamp


def _code_files() -> list[Path]:
    """The Python files of lint/ and checks/, and the file of every registered rule defined elsewhere."""
    import sys

    from lint.rules import all_rules

    root = Path(__file__).resolve().parent.parent
    files = [f for folder in ("lint", "checks") for f in sorted((root / folder).rglob("*.py"))]
    seen = set(files)
    for rule in all_rules().values():
        module = sys.modules.get(rule.module)
        name = getattr(module, "__file__", None)
        if name and Path(name).resolve() not in seen:
            seen.add(Path(name).resolve())
            files.append(Path(name).resolve())
    return files
