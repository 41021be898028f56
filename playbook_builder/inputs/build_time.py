"""The build's time, from ``SOURCE_DATE_EPOCH``: read in one place, so that every route
agrees on which values are valid, and a malformed one is refused in words rather than
by a traceback from deep inside MkDocs or gzip.

A valid value is a whole number of seconds since 1970-01-01 UTC, written in ASCII digits
(spaces around it are allowed, as MkDocs allows them), from 0 up to
:data:`LATEST`. The upper bound is the tightest of the tools that read it: MkDocs stamps
the compressed sitemap with the build date, and gzip keeps that time in 32 bits
(``struct.pack('<L')``: 2106-02-07); Python's datetime stops later, in the year 9999. A
negative value is refused too: MkDocs would take it as a date in 1969 and gzip could not
store it. A variable that is set but empty (or only spaces) counts as not set, as the
shell idiom ``${SOURCE_DATE_EPOCH:-...}`` reads it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime

from .diagnostics import printable, shortened

VARIABLE = "SOURCE_DATE_EPOCH"

LATEST = 2**32 - 1
"""The latest build time a site can carry: 2106-02-07 06:28:15 UTC (gzip's limit)."""

_SPACES = " \t\n\r\f\v"


class BuildTimeProblem(ValueError):
    """``SOURCE_DATE_EPOCH`` is set to something that is not a build time; the message is
    one line that says what to do."""


def parse_epoch(text: str) -> int | None:
    """The seconds ``text`` gives; None when it is blank (not set). Raises
    :class:`BuildTimeProblem` for anything else that is not a valid build time."""
    value = text.strip(_SPACES)
    if not value:
        return None
    if not _digits(value):
        reason = ("is before 1970" if value[0] == "-" and _digits(value[1:])
                  else "is not a whole number of seconds in digits")
        raise BuildTimeProblem(_refusal(text, reason))
    # Compared as text first: int() of a very long string is slow, or refused.
    if len(value.lstrip("0")) > len(str(LATEST)) or int(value) > LATEST:
        raise BuildTimeProblem(_refusal(text, f"is later than {LATEST} (in 2106), the"
                                              " latest time a site can carry"))
    return int(value)


def build_time(environ: Mapping[str, str] = os.environ) -> datetime | None:
    """When the build happens by ``SOURCE_DATE_EPOCH``, in UTC; None when it is not set.
    Raises :class:`BuildTimeProblem` when it is malformed."""
    seconds = parse_epoch(environ.get(VARIABLE, ""))
    return None if seconds is None else datetime.fromtimestamp(seconds, tz=UTC)


def _digits(text: str) -> bool:
    """ASCII digits only: ``int()`` would also take signs, underscores and other scripts'
    digits, which no other tool reading the variable does."""
    return text.isascii() and text.isdigit()


def _refusal(text: str, reason: str) -> str:
    return (f"{VARIABLE} '{printable(shortened(text, 30))}' {reason}; set it to the build's"
            " time in seconds since 1970-01-01 UTC (such as 1700000000), or unset it")
