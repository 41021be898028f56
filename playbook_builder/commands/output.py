"""Safe output: build into a sibling folder, then swap it in, under a lock.

MkDocs empties its output folder before writing, so a failed or killed build would leave
half a site where the published one was. Here the site is built into
``.<name>.building-<pid>`` beside the target and only replaces the target once it is
complete, with an atomic exchange of the two folders where the system offers one
(Linux ``renameat2``). Whatever happens before that (an error, Ctrl-C, ``kill -9``), the
published folder is untouched, and the next build clears the leftovers. A lock file
keeps two builds from writing the same output, and a marker file inside every site we
build lets us refuse to replace a folder we did not create.

``playbook build`` (:func:`publish_atomically`) and the plugin under a plain ``mkdocs
build`` both go through :class:`OutputFolder`. A symbolic link given as the output folder
is followed: the folder it leads to is replaced, and the link kept.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..inputs.diagnostics import printable

if TYPE_CHECKING:
    import filelock

MARKER = ".playbook-site"
"""Written into every site this module publishes; its absence protects other folders."""


class OutputError(Exception):
    """The output folder cannot be used; the message says why and what to do."""

    exit_code = 2


class DiskFull(OutputError):
    """The build ran out of space; the previous site is unchanged."""

    exit_code = 1


class Busy(OutputError):
    """Another build holds the output folder's lock, and this one was not to wait."""

    exit_code = 1


@dataclass(frozen=True)
class OutputFolder:
    """A site folder about to be replaced: locked, checked, and with a staging folder
    beside it, where the new site is built. :meth:`commit` swaps it in; until then, or
    after :meth:`abandon`, the published folder is as it was."""

    target: Path
    """The folder the site replaces: the one a symbolic link leads to, if given one."""
    staging: Path
    setting: str
    """How the user names the folder (``--out``, ``site_dir``), for what to do."""
    _held: contextlib.ExitStack = field(repr=False)

    @classmethod
    def begin(cls, target: Path, wait: Callable[[str], None] | None, *,
              dirty: bool = False, setting: str = "--out") -> OutputFolder:
        """Lock ``target``, clear leftovers, check that it may be replaced and make the
        staging folder: a copy of the whole site for a ``dirty`` build, otherwise its
        hidden top-level entries. ``wait`` is told when another build holds the lock,
        which is then waited for; without it, :class:`Busy` is raised at once."""
        target = Path(os.path.realpath(target))
        if not target.name or Path.cwd().resolve().is_relative_to(target):
            # Replacing the folder we work in, or one above it, would take it away.
            raise OutputError(f"{printable(str(target))}: cannot hold the site; choose a"
                              f" folder of its own as {setting}")
        try:
            with contextlib.ExitStack() as stack:  # undone if anything here fails
                target.parent.mkdir(parents=True, exist_ok=True)
                stack.enter_context(lock(target, wait))
                _clear_leftovers(target)
                _check_replaceable(target, setting)
                staging = _staging_folder(target)
                stack.callback(shutil.rmtree, staging, ignore_errors=True)
                _start_from(target, staging, everything=dirty)
                return cls(target, staging, setting, stack.pop_all())
        except OSError as exc:
            raise _output_problem(target, exc, setting) from None

    def commit(self, marker: str) -> None:
        """Write ``marker`` into the site's marker file (a fingerprint of its inputs, for
        builds that skip unchanged sites), swap the site in and free the lock."""
        try:
            (self.staging / MARKER).write_text(marker, encoding="utf-8")
            _swap_in(self.staging, self.target)
        except OSError as exc:
            raise self.problem(exc) from None
        finally:
            self.abandon()

    def abandon(self) -> None:
        """Remove the staging folder (if it is still there) and free the lock; the
        published folder stays as it is. Safe to call again, and after :meth:`commit`."""
        self._held.close()

    def problem(self, exc: OSError) -> OutputError:
        """An operating system error while writing the site, as one line for the user."""
        return _output_problem(self.target, exc, self.setting)


def publish_atomically(target: Path, build: Callable[[Path], None],
                       *, wait: Callable[[str], None] | None = None,
                       marker: str = "built by playbook\n", dirty: bool = False) -> None:
    """Run ``build(staging)`` and swap the finished site into ``target``; see
    :meth:`OutputFolder.begin` for ``wait`` and ``dirty``, :meth:`OutputFolder.commit`
    for ``marker``."""
    folder = OutputFolder.begin(target, wait, dirty=dirty)
    try:
        try:
            build(folder.staging)
        except OSError as exc:
            # The build's own errors (an unreadable input, say) are not the output
            # folder's; running out of space, or not being able to write into the
            # staging folder, is.
            if exc.errno in _DISK_FULL or _within(exc, folder.staging):
                raise folder.problem(exc) from None
            raise
        folder.commit(marker)
    finally:
        folder.abandon()


_DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


def _output_problem(target: Path, exc: OSError, setting: str) -> OutputError:
    shown = printable(str(target))
    if exc.errno in _DISK_FULL:
        return DiskFull(f"{shown}: the disk is full; the previous site is unchanged")
    reason = printable(exc.strerror or str(exc))
    return OutputError(f"{shown}: cannot write the site there ({reason}); choose another"
                       f" {setting}, or make the folder writable")


def _within(exc: OSError, folder: Path) -> bool:
    names = [name for name in (exc.filename, exc.filename2) if name]
    return any(Path(os.fsdecode(name)).absolute().is_relative_to(folder) for name in names)


def _staging_folder(target: Path) -> Path:
    """Where this process builds the site that will replace ``target``."""
    return _sibling(target, f"building-{os.getpid()}")


def staged_here(folder: Path) -> bool:
    """Is ``folder`` a staging folder of this process (so whoever made it holds the lock
    and swaps the site in)?"""
    return folder.name.startswith(".") and folder == _staging_folder(
        folder.with_name(folder.name[1:].rsplit(".building-", 1)[0]))


def _sibling(target: Path, kind: str) -> Path:
    return target.with_name(f".{target.name}.{kind}")


@contextlib.contextmanager
def lock(target: Path, wait: Callable[[str], None] | None) -> Iterator[None]:
    """An exclusive lock beside ``target``. Who holds it (pid and host) is written in a
    file of its own beside the lock, which the holder removes when it lets go: the lock
    file itself belongs to the locking library, which may empty or delete it."""
    import filelock  # when a build takes the lock: every command imports this module

    path, holder = _sibling(target, "lock"), _sibling(target, "lock.holder")
    # Held from one MkDocs event to another, whichever thread runs them.
    taken = filelock.FileLock(path, thread_local=False)
    if not _try(taken, path, holder):
        who = "another build"
        with contextlib.suppress(OSError):
            who = printable(holder.read_text("utf-8", "replace")[:200].strip()) or who
        if wait is None:
            raise Busy(f"{printable(str(target))}: {who} is building into it")
        wait(f"waiting for {who} to finish building {printable(str(target))}")
        taken.acquire()
    try:
        holder.write_text(f"build {os.getpid()} on {socket.gethostname()}\n", "utf-8")
        yield
    finally:
        try:
            holder.unlink(missing_ok=True)
        finally:
            taken.release()


def _try(taken: filelock.BaseFileLock, path: Path, holder: Path) -> bool:
    """Take the lock if it is free; False when another build holds it."""
    import filelock

    for _ in range(20):
        try:
            taken.acquire(timeout=0)
            return True
        except filelock.Timeout:
            if path.exists():
                return False
        # Nobody holds the lock, yet it was not taken. Can files be made here at all (not
        # in /proc, say)? Opening the holder file says, without emptying it. If they can,
        # the holder had just let go: try again.
        with open(holder, "a", encoding="utf-8"):
            pass
    raise OSError(errno.ENOLCK, "its lock file cannot be made", str(path))


def _clear_leftovers(target: Path) -> None:
    """Remove half-built folders of killed builds; restore a site caught mid-swap. (A
    killed build's holder file is overwritten by the next holder of the lock.)"""
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


def _check_replaceable(target: Path, setting: str) -> None:
    """A folder holding files playbook did not build is never replaced: they would be
    lost. Hidden entries do not count: they are carried into the new site."""
    shown = printable(str(target))
    if target.is_symlink():  # what a link resolves to is a link only when it loops
        raise OutputError(f"{shown}: is a symbolic link that leads round in a loop; point"
                          f" it at a folder, or choose another {setting}")
    if target.exists() and not target.is_dir():
        raise OutputError(f"{shown}: exists and is not a folder; choose another {setting}")
    if (target.is_dir() and not (target / MARKER).exists()
            and any(not entry.name.startswith(".") for entry in target.iterdir())):
        raise OutputError(
            f"{shown}: refusing to replace a folder that the playbook did not build (it"
            f" has no {MARKER} file); empty it, remove it, or choose another {setting}")


def _swap_in(staging: Path, target: Path) -> None:
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
    except (OSError, AttributeError, TypeError):
        return False
    at_cwd = -100
    result = renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def _start_from(target: Path, staging: Path, *, everything: bool) -> None:
    """Make ``staging`` (anew) what a build starts from: for ``--dirty`` the whole
    previous site, as MkDocs does; otherwise its hidden top-level entries, which MkDocs'
    cleaning would have kept. (A dirty build MkDocs is asked for without its command line
    starts from nothing, and so builds every page: MkDocs tells plugins about --dirty only
    in on_startup.)"""
    shutil.rmtree(staging, ignore_errors=True)
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
