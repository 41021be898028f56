"""Safe output: build into a sibling folder, then swap it in, under a lock.

MkDocs empties its output folder before writing, so a failed or killed build would leave
half a site where the published one was. Here the site is built into
``.<name>.building-<pid>`` beside the target and only replaces the target once it is
complete, with an atomic exchange of the two folders where the system offers one
(Linux ``renameat2``). Whatever happens before that (an error, Ctrl-C, ``kill -9``), the
published folder is untouched, and the next build clears the leftovers. A lock file
keeps two builds from writing the same output, and a marker file inside every site we
build lets us refuse to replace a folder we did not create.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

from ..inputs.diagnostics import printable

MARKER = ".playbook-site"
"""Written into every site this module publishes; its absence protects other folders."""


class OutputError(Exception):
    """The output folder cannot be used; the message says why and what to do."""

    exit_code = 2


class DiskFull(OutputError):
    """The build ran out of space; the previous site is unchanged."""

    exit_code = 1


def publish_atomically(target: Path, build: Callable[[Path], None],
                       *, wait: Callable[[str], None] | None = None,
                       marker: str = "built by playbook\n") -> None:
    """Run ``build(staging)`` and swap the finished site into ``target``.

    ``marker`` is written into the site's marker file (a fingerprint of its inputs, for
    builds that skip unchanged sites); ``wait`` is told when another build holds the
    lock, and is then waited for, or the build fails at once when ``wait`` is None.
    """
    target = target.absolute()
    if not target.name or target.name in (".", ".."):
        raise OutputError(f"{printable(str(target))}: cannot hold the site; choose a folder"
                          " of its own as --out")
    staging = staging_folder(target)
    not_ours: OSError | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with lock(target, wait):
            clear_leftovers(target)
            _check_replaceable(target)
            try:
                try:
                    build(staging)
                except OSError as exc:
                    # The build's own errors (an unreadable input, say) are not the output
                    # folder's; running out of space, or not being able to write into the
                    # staging folder, is.
                    if not (exc.errno in _DISK_FULL or _within(exc, staging)):
                        not_ours = exc
                    raise
                (staging / MARKER).write_text(marker, encoding="utf-8")
                swap_in(staging, target)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:
        if exc is not_ours:
            raise
        raise _output_problem(target, exc) from None


_DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


def _output_problem(target: Path, exc: OSError) -> OutputError:
    """An operating system error while writing ``target``, as one line for the user."""
    shown = printable(str(target))
    if exc.errno in _DISK_FULL:
        return DiskFull(f"{shown}: the disk is full; the previous site is unchanged")
    reason = printable(exc.strerror or str(exc))
    return OutputError(f"{shown}: cannot write the site there ({reason}); choose another"
                       " --out, or make the folder writable")


def _within(exc: OSError, folder: Path) -> bool:
    names = [name for name in (exc.filename, exc.filename2) if name]
    return any(Path(os.fsdecode(name)).absolute().is_relative_to(folder) for name in names)


def staging_folder(target: Path) -> Path:
    """Where this process builds the site that will replace ``target``."""
    return _sibling(target, f"building-{os.getpid()}")


def staged_here(folder: Path) -> bool:
    """Is ``folder`` a staging folder of this process (so whoever made it holds the lock
    and swaps the site in)?"""
    return folder.name.startswith(".") and folder == staging_folder(
        folder.with_name(folder.name[1:].rsplit(".building-", 1)[0]))


def _sibling(target: Path, kind: str) -> Path:
    return target.with_name(f".{target.name}.{kind}")


@contextlib.contextmanager
def lock(target: Path, wait: Callable[[str], None] | None) -> Iterator[None]:
    """An exclusive lock beside ``target``; the holder's pid and host are written in it."""
    path = _sibling(target, "lock")
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another build"
            if wait is None:
                raise DiskFull(f"{target}: {holder} is building into it") from None
            wait(f"waiting for {holder} to finish building {target}")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"build {os.getpid()} on {socket.gethostname()}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def clear_leftovers(target: Path) -> None:
    """Remove half-built folders of killed builds; restore a site caught mid-swap."""
    for stale in target.parent.glob(f".{target.name}.building-*"):
        if stale.is_symlink():
            stale.unlink()
        else:
            shutil.rmtree(stale, ignore_errors=True)
    previous = _sibling(target, "previous")
    if previous.exists():
        if target.exists():
            shutil.rmtree(previous, ignore_errors=True)
        else:
            previous.rename(target)


def _check_replaceable(target: Path) -> None:
    if target.is_symlink():
        raise OutputError(f"{target}: is a symbolic link; give the folder it points to"
                          " as --out, so the new site replaces that folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).exists():
        raise OutputError(
            f"{target}: refusing to replace a folder that playbook did not build;"
            " empty it, remove it or choose another --out"
        )
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target}: exists and is not a folder; choose another --out")


def swap_in(staging: Path, target: Path) -> None:
    if not target.exists():
        staging.rename(target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging)  # now holds the old site
        return
    previous = _sibling(target, "previous")
    target.rename(previous)  # a crash here is repaired by the next build
    staging.rename(target)
    shutil.rmtree(previous)


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_cwd = -100
    result = renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def start_from(target: Path, staging: Path, *, everything: bool) -> None:
    """What a build starts from: for ``--dirty`` the whole previous site, as MkDocs does;
    otherwise its hidden top-level entries, which MkDocs' cleaning would have kept. (A
    dirty build MkDocs is asked for without its command line starts from nothing, and so
    builds every page: MkDocs tells plugins about --dirty only in on_startup.)"""
    if everything and target.is_dir():
        shutil.copytree(target, staging, symlinks=True)
        return
    staging.mkdir()
    for entry in target.iterdir() if target.is_dir() else ():
        if entry.name.startswith(".") and entry.name != MARKER:
            if entry.is_dir() and not entry.is_symlink():
                shutil.copytree(entry, staging / entry.name, symlinks=True)
            else:
                shutil.copy2(entry, staging / entry.name, follow_symlinks=False)
