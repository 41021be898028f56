"""Compiled templates kept between processes, next to the build cache.

Jinja compiles our 14 KB of templates at about 3.5 µs a byte: some 50 ms that every
fresh process would spend again after a profile edit. Jinja's bytecode cache keeps what
it compiled. Its key covers only a template's source, while the compiled code depends on
the environment's settings too, so the folder is named after this package's code.

Compiled code runs in the build, outside the sandbox, so it is used only from folders
that the user alone owns and can write; anything unreadable is compiled again.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import types
from pathlib import Path

import jinja2

from .build_cache import code_version, is_private, make_private_folder

KEPT_VERSIONS = 3
"""Folders of other versions kept, for other installations sharing the cache."""


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled code that cannot be read or written is compiled again, and that is all."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged file: Jinja itself lets some errors through
            bucket.reset()
        if not isinstance(bucket.code, types.CodeType | None):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def bytecode_cache(folder: Path) -> jinja2.BytecodeCache | None:
    """A bytecode cache in ``folder``; None when it cannot be made or is not private."""
    versions = folder / "templates"
    versioned = versions / code_version()[:16]
    try:
        for level in (folder, versions, versioned):
            make_private_folder(level)
            if not is_private(level):
                return None
        os.utime(versioned)  # recently used: kept the longest
        others = sorted((p for p in versions.iterdir() if p != versioned),
                        key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return None
    for old in others[KEPT_VERSIONS:]:
        shutil.rmtree(old, ignore_errors=True)
    return _QuietBytecodeCache(str(versioned))
