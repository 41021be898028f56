"""The build date, derived from the inputs so that the same inputs give the same bytes.

MkDocs stamps the sitemap (and its gzip header) with the build date. It honours
``SOURCE_DATE_EPOCH``; when that is not set, we set it to the time of the last commit
of the repository holding the site's configuration, so that rebuilding a commit on
another day gives an identical site. A value the caller set is checked first
(:mod:`inputs.build_time` says which are valid): a malformed one is a usage problem, not
a traceback from inside MkDocs.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from ..inputs.build_time import VARIABLE, BuildTimeProblem, build_time, parse_epoch
from .problems import UsageProblem


def last_commit_time(folder: Path) -> str | None:
    """The committer time of HEAD, in seconds since the epoch, or None outside git (and
    for a commit dated where a build time cannot be: before 1970, or after 2106)."""
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=folder, capture_output=True,
            text=True, timeout=10, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = done.stdout.strip()
    if done.returncode != 0:
        return None
    try:
        seconds = parse_epoch(value)
    except BuildTimeProblem:
        return None
    return None if seconds is None else str(seconds)


def check_source_date_epoch() -> None:
    """Refuse a malformed ``SOURCE_DATE_EPOCH`` before anything is built (exit code 2)."""
    try:
        build_time()
    except BuildTimeProblem as exc:
        raise UsageProblem(str(exc)) from None


def ensure_source_date_epoch(folder: Path) -> None:
    """Set ``SOURCE_DATE_EPOCH`` from the last commit unless the caller already set it;
    refuse a malformed one (:func:`check_source_date_epoch`)."""
    check_source_date_epoch()
    if build_time() is not None:
        return
    value = last_commit_time(folder)
    if value is not None:
        os.environ[VARIABLE] = value
    else:  # set but blank counts as not set; MkDocs would stop at int("")
        os.environ.pop(VARIABLE, None)
