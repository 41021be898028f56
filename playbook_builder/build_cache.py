"""A cache of prepared sites, so that a build whose inputs have not changed skips the core.

Reading, validating and rendering a playbook is most of what the plugin adds to a fresh
``mkdocs build`` (see BENCHMARKS.md), and for an unchanged playbook all of it repeats
what the last build knew. A build whose profile and library are byte for byte what they
were reuses the last build's :class:`SiteParts` instead.

An entry is one JSON file per profile and settings. It is used only when this code, the
build's settings and the bytes of every input file are what they were when it was
written; anything else, including an unreadable or damaged entry, is a miss, and a miss
is simply an ordinary build. Entries are written only after a complete build,
atomically; a folder that cannot be written is skipped without a word.

The cache lives in the user's own cache folder, not in the project: what it holds goes
onto pages, so it is trusted only where no one else can write, and never travels with a
repository or a CI cache. The logo is not part of an entry: it is checked again on every
build (see the plugin).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import yaml

from .site_parts import Inputs, SiteParts

FORMAT = 2
KEPT_ENTRIES = 200
"""The most recently used entries kept; older ones are removed when an entry is written."""


def user_cache_folder() -> Path:
    """``$XDG_CACHE_HOME/playbook-builder``, or ``~/.cache/playbook-builder``."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "playbook-builder"


class BuildCache:
    """The cache entry of one profile built with one set of settings."""

    def __init__(self, folder: Path, inputs: Inputs, settings: dict[str, Any]) -> None:
        self.folder = folder
        settings_text = json.dumps(settings, sort_keys=True)
        name = _digest(str(inputs.profile), str(inputs.content_dir), settings_text)[:32]
        self.file = folder / f"{name}.json"
        self.inputs = inputs
        self.key = _digest(settings_text, code_version())
        # Taken before the build reads its inputs; the plugin stores nothing if they are
        # different once it has read them (see ``inputs_unchanged``).
        self.inputs_digest = _inputs_digest(inputs)

    def inputs_unchanged(self) -> bool:
        """Are the inputs still what they were when this build began?"""
        return _inputs_digest(self.inputs) == self.inputs_digest

    def load(self) -> SiteParts | None:
        """The prepared site, when everything it was built from is unchanged."""
        try:
            if not is_private(self.folder):  # someone else could change what pages say
                return None
            data = json.loads(self.file.read_bytes())
            if (data["format"], data["key"], data["inputs"]) != (
                    FORMAT, self.key, self.inputs_digest):
                return None
            parts = SiteParts.from_json(data["parts"])
            os.utime(self.file)  # recently used: kept the longest
            return parts
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            return None

    def store(self, parts: SiteParts) -> None:
        data = {"format": FORMAT, "key": self.key, "inputs": self.inputs_digest,
                "parts": parts.to_json()}
        try:
            make_private_folder(self.folder)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False)
            os.replace(temporary, self.file)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
            return
        _prune(self.folder)


_POSIX = hasattr(os, "geteuid")


def make_private_folder(folder: Path) -> None:
    """``folder``, made if missing (with its parents), readable by this user alone."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.mkdir(mode=0o700, exist_ok=True)
    status = folder.stat()
    if _POSIX and status.st_mode & 0o077 and status.st_uid == os.geteuid():
        folder.chmod(0o700)


def is_private(folder: Path) -> bool:
    """Does this user own ``folder``, with nobody else able to write to it?"""
    if not _POSIX:  # Windows: a user's own folders are private by their access lists
        return folder.is_dir()
    status = folder.stat()
    return status.st_uid == os.geteuid() and not status.st_mode & 0o022


def _prune(folder: Path) -> None:
    """Remove all but the most recently used entries, and leftovers of killed builds."""
    # Compiled templates were kept here until they shipped with the package.
    shutil.rmtree(folder / "templates", ignore_errors=True)
    try:
        entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        an_hour_ago = time.time() - 3600
        leftovers = [p for p in folder.glob(".*.tmp") if p.stat().st_mtime < an_hour_ago]
        for stale in [*entries[KEPT_ENTRIES:], *leftovers]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # another build pruned first


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
def code_version() -> str:
    """This package's :func:`code_digest`, worked out once per process."""
    return code_digest(Path(__file__).parent)


def code_digest(package: Path) -> str:
    """The package's code and templates, and what else shapes the prepared site."""
    sha = hashlib.sha256()
    for path in sorted([*package.glob("*.py"), *package.glob("templates/**/*")]):
        _add_file(sha, path)
    sha.update(f"{sys.version}|{jinja2.__version__}|{yaml.__version__}".encode())
    return sha.hexdigest()
