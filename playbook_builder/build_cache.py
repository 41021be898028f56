"""A cache of prepared sites, so that a build whose inputs have not changed skips the core.

Validating and rendering a playbook is quick; importing the models and compiling the
templates that do it is most of what the plugin adds to a fresh ``mkdocs build`` (see
BENCHMARKS.md). A build whose profile, logo and library are byte for byte what they were
reuses the last build's :class:`SiteParts` instead, and the digests of the pages that
passed the publish gate then, so identical pages are not inspected twice.

An entry is one JSON file per profile. It is used only when this code, the build's
settings and the bytes of every input file are what they were when it was written;
anything else, including an unreadable or damaged entry, is a miss, and a miss is simply
an ordinary build. Entries are written only after a complete build, atomically; a cache
folder that cannot be written is skipped without a word, as the build does not need it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import jinja2
import yaml

from .site_parts import Inputs, SiteParts

FORMAT = 1


@dataclass(frozen=True)
class Entry:
    parts: SiteParts | None
    """The prepared site; ``None`` unless everything it was built from is unchanged."""
    passed: frozenset[str] = frozenset()
    """Digests (:func:`page_digest`) of the pages that passed the publish gate. Valid
    whatever the inputs: a verdict depends on nothing but the page and this code."""


class BuildCache:
    """The cache entry of one profile built with one set of settings."""

    def __init__(self, folder: Path, inputs: Inputs, settings: dict[str, Any]) -> None:
        self.folder = folder
        self.inputs = inputs
        name = _digest(str(inputs.profile), str(inputs.content_dir))[:32]
        self.file = folder / f"{name}.json"
        self.key = _digest(json.dumps(settings, sort_keys=True), _code_version())
        # Taken before the build reads its inputs: an edit made during the build then
        # makes the entry stale rather than wrong.
        self._inputs_digest = _inputs_digest(inputs)

    def load(self) -> Entry:
        """What the cache holds for this build; an empty entry when nothing applies."""
        try:
            data = json.loads(self.file.read_bytes())
            if data["format"] != FORMAT or data["key"] != self.key:
                return Entry(None)
            passed = frozenset(_strings(data["passed"]))
            parts = SiteParts.from_json(data["parts"])
        except (OSError, ValueError, KeyError, TypeError):
            return Entry(None)
        unchanged = (data.get("inputs") == self._inputs_digest
                     and data.get("logo") == _logo_digest(parts))
        return Entry(parts if unchanged else None, passed)

    def store(self, parts: SiteParts, passed: frozenset[str]) -> None:
        data = {"format": FORMAT, "key": self.key, "inputs": self._inputs_digest,
                "logo": _logo_digest(parts), "parts": parts.to_json(),
                "passed": sorted(passed)}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False)
            os.replace(temporary, self.file)
        except OSError:
            Path(temporary).unlink(missing_ok=True)


def page_digest(kind: str, html: str) -> str:
    """What identifies a page the publish gate has seen, with how it looked at it."""
    return _digest(kind, html)


def _strings(values: list[Any]) -> list[str]:
    if not all(isinstance(v, str) for v in values):
        raise TypeError("expected strings")
    return values


def _digest(*texts: str) -> str:
    sha = hashlib.sha256()
    for text in texts:
        sha.update(text.encode("utf-8", "surrogatepass"))
        sha.update(b"\0")
    return sha.hexdigest()


def _inputs_digest(inputs: Inputs) -> str:
    """The profile's bytes and every visible entry of the library's folders.

    Every folder is covered, not only those the library reads, so that a stray file the
    library would report is noticed too.
    """
    sha = hashlib.sha256()
    _add_file(sha, inputs.profile)
    for path in _visible(inputs.content_dir):
        for entry in _visible(path) if path.is_dir() else [path]:
            _add_file(sha, entry)
    return sha.hexdigest()


def _logo_digest(parts: SiteParts) -> str:
    """The logo's bytes and where it really is: a link that now leads elsewhere is a change
    even when the bytes are the same, as the profile check refuses logos outside."""
    sha = hashlib.sha256()
    if parts.logo_file is not None:
        _add_file(sha, Path(parts.logo_file))
        sha.update(os.fsencode(os.path.realpath(parts.logo_file)))
    return sha.hexdigest()


def _visible(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    except OSError:
        return []


def _add_file(sha: Any, path: Path) -> None:
    sha.update(os.fsencode(path) + b"\0")
    try:
        sha.update(path.read_bytes() if path.is_file() else b"\1not a file")
    except OSError:
        sha.update(b"\1unreadable")
    sha.update(b"\0")


@cache
def _code_version() -> str:
    """This package's code and templates, and what else shapes the prepared site."""
    sha = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted([*package.glob("*.py"), *package.glob("templates/*")]):
        _add_file(sha, path)
    sha.update(f"{sys.version}|{jinja2.__version__}|{yaml.__version__}".encode())
    for name in ("pydantic", "pydantic_core"):
        # Which installation, without importing it: the cache exists to avoid that.
        spec = find_spec(name)
        origin = Path(spec.origin) if spec and spec.origin else None
        stat = origin.stat() if origin else None
        sha.update(f"{origin}|{stat and stat.st_mtime_ns}|{stat and stat.st_size}".encode())
    return sha.hexdigest()
