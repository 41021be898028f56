"""Strict builds: every problem MkDocs can find in links and navigation fails the build.

MkDocs' strict mode counts the warnings that reach the ``mkdocs`` logger, so it fails on
nothing that is logged at a lower level, and on nothing at all once the logger's level
is above WARNING (what ``mkdocs build --quiet`` does). By default MkDocs 1.6 reports a
link to a missing anchor, a page left out of the navigation, an absolute link and a
link it does not recognise only as INFO. A strict build here raises all of those to
warnings, keeps a user's own setting where it is already a warning (or the
``relative_to_docs`` treatment of absolute links), and keeps warnings counted (and links
to anchors checked) whatever the verbosity.
"""

from __future__ import annotations

import logging
from typing import Any

STRICT_VALIDATION: dict[str, tuple[str, ...]] = {
    "nav": ("omitted_files", "not_found", "absolute_links"),
    "links": ("not_found", "anchors", "absolute_links", "unrecognized_links"),
}
"""The ``validation`` options a strict build raises to ``warn``."""

RELATIVE_TO_DOCS = -1
"""MkDocs' value for ``absolute_links: relative_to_docs``: a treatment, not a level."""


def tighten(config: Any) -> None:
    """When ``config`` (a loaded MkDocs config) is strict, make every link and navigation
    problem a warning, and make sure warnings reach strict mode's counter."""
    if not config.get("strict"):
        return
    for group, names in STRICT_VALIDATION.items():
        options = config["validation"][group]
        for name in names:
            level = options[name]
            if level != RELATIVE_TO_DOCS and level < logging.WARNING:
                options[name] = logging.WARNING
    logger = logging.getLogger("mkdocs")
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
    # MkDocs 1.6 collects links to anchors only when this logger is above DEBUG, so
    # '-v' turns anchor checks off (mkdocs/mkdocs#3927, #3991): a strict build gives up
    # this module's debug messages instead.
    pages = logging.getLogger("mkdocs.structure.pages")
    if pages.getEffectiveLevel() <= logging.DEBUG:
        pages.setLevel(logging.INFO)


def strips_slash(config: Any) -> bool:
    """Does a leading ``/`` in this site's ``nav`` mean its docs folder?"""
    return bool(config.validation.nav.absolute_links == RELATIVE_TO_DOCS)
