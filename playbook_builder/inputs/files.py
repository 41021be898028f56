"""Reading an input file so that no file can hang a run or fill its memory.

Every input (the profile, each library item, the logo) is read here: only a regular file
(links followed) is opened, so a named pipe that never ends, a device such as
``/dev/zero`` that never stops, or a socket is refused before anything reads it; its
size is checked before reading, and at most the limit and one byte more are read, so a
file that grows between the check and the read is still bounded.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# A named pipe opened this way does not wait for a writer (and is then refused), and a
# terminal never becomes the controlling one; neither flag exists on Windows.
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
_CHUNK = 1 << 16


class NotRegularFile(OSError):
    """The path names something other than a regular file; ``kind`` says what."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"not a regular file but {kind}")
        self.kind = kind


class TooLarge(OSError):
    """The file holds more than the limit: ``size`` bytes, or more than ``limit``."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"larger than {limit:,} bytes")
        self.size = size
        self.limit = limit


def kind_of(mode: int) -> str | None:
    """What a file of this ``st_mode`` is, with an article; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _check(st: os.stat_result, limit: int) -> None:
    kind = kind_of(st.st_mode)
    if kind is not None:
        raise NotRegularFile(kind)
    if st.st_size > limit:
        raise TooLarge(st.st_size, limit)


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path`` (links followed), at most ``limit``.

    Raises :class:`NotRegularFile` for anything else (nothing of it is read),
    :class:`TooLarge` when it holds more than ``limit`` bytes (checked before reading and
    again while reading), and :class:`OSError` (such as :class:`FileNotFoundError`) when it
    cannot be opened."""
    _check(os.stat(path), limit)  # a pipe or a device is never even opened
    fd = os.open(path, _OPEN_FLAGS)
    try:
        st = os.fstat(fd)  # what was opened, should the path have changed since
        _check(st, limit)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:  # it grew after the check
            raise TooLarge(max(os.fstat(fd).st_size, len(data)), limit)
        return data
    finally:
        os.close(fd)
