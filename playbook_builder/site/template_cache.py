"""Compiled templates kept between processes: Jinja's own bytecode cache, made safe.

A fresh ``mkdocs build`` spends more time compiling Material's templates from source
than on anything else, and our own templates add some 50 ms; neither MkDocs nor Material
keeps what Jinja compiled. Jinja's :class:`~jinja2.FileSystemBytecodeCache` does: each
template's compiled code is kept under a key of its name and file, and used again while
its source is unchanged. Its key does not cover the environment's settings, which shape
the code too, so each kind of environment gets a folder of its own (:func:`settings_key`).

Compiled code runs in the build, outside any sandbox, so it is used only from a folder
the user alone owns and can write, checked level by level; anything that cannot be read
is compiled again, and anything that cannot be written is simply not kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sys
import types
from pathlib import Path

import jinja2

KEPT_KINDS = 8
"""Folders of other settings or Jinja versions kept, for other installations."""

_POSIX = hasattr(os, "geteuid")


def user_cache_folder() -> Path:
    """``$XDG_CACHE_HOME/playbook-builder``, or ``~/.cache/playbook-builder``."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "playbook-builder"


def use_bytecode_cache(env: jinja2.Environment, folder: Path) -> None:
    """Give ``env`` a bytecode cache under ``folder`` when it can be made private there."""
    cache = bytecode_cache(folder / "templates" / settings_key(env))
    if cache is not None:
        env.bytecode_cache = cache


def settings_key(env: jinja2.Environment) -> str:
    """What, besides a template's source, decides the code Jinja compiles it to."""
    finalize = env.finalize
    autoescape = env.autoescape
    settings = (
        jinja2.__version__, sys.implementation.cache_tag, type(env).__module__,
        type(env).__qualname__, env.sandboxed, env.is_async, env.optimized,
        autoescape if isinstance(autoescape, bool) else _name(autoescape),
        None if finalize is None else _name(finalize), sorted(env.extensions),
        getattr(env, "newstyle_gettext", None), env.block_start_string, env.block_end_string,
        env.variable_start_string, env.variable_end_string, env.comment_start_string,
        env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
    )
    return hashlib.sha256(repr(settings).encode()).hexdigest()[:16]


def _name(function: object) -> str:
    return f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', '')}"


def bytecode_cache(folder: Path) -> jinja2.BytecodeCache | None:
    """A bytecode cache in ``folder``; None when it cannot be made or is not private."""
    try:
        for level in (folder.parent.parent, folder.parent, folder):
            make_private_folder(level)
            if not is_private(level):
                return None
        os.utime(folder)  # recently used: kept the longest
        others = sorted((p for p in folder.parent.iterdir() if p != folder),
                        key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return None
    for old in others[KEPT_KINDS:]:
        shutil.rmtree(old, ignore_errors=True)
    return _QuietBytecodeCache(str(folder))


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
