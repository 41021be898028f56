"""What the ``playbook`` command hands the plugin, through the environment.

MkDocs builds a site from its configuration alone, and ``playbook publish`` builds it in
a process mike starts: the environment is the one way in. Every name is here, with its
reader, so the command that sets a value and the plugin that reads it cannot drift apart.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..inputs.diagnostics import printable
from ..site.parts import Previous

PROFILE_ENV = "PLAYBOOK_PROFILE"
"""Overrides the plugin's ``profile`` option; ``--profile`` and ``--profiles`` set it."""
PUBLIC_ENV = "PLAYBOOK_PUBLIC"
"""Yes (``1``, ``true``, ``yes``, ``on``) builds the public playbook whatever the
``public`` option says; ``--public`` on the commands sets it."""
PREVIOUS_ENV = "PLAYBOOK_PREVIOUS"
"""Path of the previous version's snapshot ('' for the first version), for /changes/."""
PREVIOUS_VERSION_ENV = "PLAYBOOK_PREVIOUS_VERSION"
"""The previous version's name."""
DEFAULT_ENV = "PLAYBOOK_DEFAULT_VERSION"
"""The version or alias the site's root opens, for Material's outdated banner."""

_YES, _NO = {"1", "true", "yes", "on"}, {"", "0", "false", "no", "off"}


class HandoverProblem(ValueError):
    """A value in the environment that cannot be read safely; the message says why."""


@contextmanager
def handed_over(name: str, value: str | None) -> Iterator[None]:
    """The environment variable ``name`` set to ``value`` (when not None) for a while;
    what it was is restored after."""
    previous = os.environ.get(name)
    if value is not None:
        os.environ[name] = value
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = previous


def requested_profile() -> Path | None:
    """The profile the command asks for, relative to the current folder; None if none."""
    named = os.environ.get(PROFILE_ENV)
    return Path.cwd() / named if named else None


def public_requested() -> bool:
    """Whether the command asks for the public playbook. A value that is neither yes nor
    no is refused: read as no, it would publish internal values."""
    value = os.environ.get(PUBLIC_ENV, "").strip().lower()
    if value in _YES or value in _NO:
        return value in _YES
    raise HandoverProblem(f"{PUBLIC_ENV} is {printable(value)!r}: set it to 1 for the"
                          " public playbook, or 0")


def previous_version() -> Previous | None:
    """When ``playbook publish`` builds a version, the one published before it."""
    previous_file = os.environ.get(PREVIOUS_ENV)
    if previous_file is None:
        return None
    previous = Path(previous_file).read_text(encoding="utf-8") if previous_file else None
    return Previous(os.environ.get(PREVIOUS_VERSION_ENV, ""), previous)


def default_version() -> str:
    """What the site's root opens under mike, for the outdated banner."""
    return os.environ.get(DEFAULT_ENV) or "latest"


def version_selector() -> dict[str, Any] | None:
    """Under mike (which names the version it builds in ``MIKE_DOCS_VERSION``), the
    theme's version selector and outdated banner, as ``extra.version``; None otherwise."""
    if not os.environ.get("MIKE_DOCS_VERSION"):
        return None
    return {"provider": "mike", "default": default_version(), "alias": True}
