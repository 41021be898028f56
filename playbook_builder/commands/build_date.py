"""The build date, derived from the inputs so that the same inputs give the same bytes.

MkDocs stamps the sitemap (and its gzip header) with the build date. It honours
``SOURCE_DATE_EPOCH``; when that is not set, we set it to the time of the last commit
of the repository holding the site's configuration, so that rebuilding a commit on
another day gives an identical site.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

VARIABLE = "SOURCE_DATE_EPOCH"


def last_commit_time(folder: Path) -> str | None:
    """The committer time of HEAD, in seconds since the epoch, or None outside git."""
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=folder, capture_output=True,
            text=True, timeout=10, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = done.stdout.strip()
    return value if done.returncode == 0 and value.isdigit() else None


def ensure_source_date_epoch(folder: Path) -> None:
    """Set ``SOURCE_DATE_EPOCH`` from the last commit unless the caller already set it."""
    if VARIABLE not in os.environ:
        value = last_commit_time(folder)
        if value is not None:
            os.environ[VARIABLE] = value
