"""Where the playbook's pages go in a site that has a ``nav`` of its own.

Plain data in, plain data out: the MkDocs plugin applies it to MkDocs' configuration, and
the Zensical engine writes it into the configuration it builds from, so that both engines
place the same pages in the same way.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

from .sitemap import HOME

PLAYBOOK_SECTION = "Playbook"
"""The title of the section the playbook's navigation is added as, after a user's own."""


def merged_nav(user_nav: list[Any] | None, playbook_nav: list[Any], own_paths: list[str],
               *, strip_slash: bool) -> tuple[list[Any], set[str] | None]:
    """The site's navigation, and the page paths it lists when the user placed the
    playbook's pages themselves (None when the playbook placed them).

    Without a ``nav``, the site's navigation is the playbook's. A ``nav`` that names any
    of the playbook's pages (``own_paths``) other than ``index.md``, which is every site's
    home page as well as the playbook's, places the playbook itself: it is kept as it is,
    and the paths it lists are returned, so that the generated pages it leaves out are
    built outside the navigation. Any other ``nav`` is kept, followed by the playbook's
    navigation as one section, less the pages it lists already (its ``index.md``): the
    site's home page stays where the user put it. ``strip_slash``: a leading ``/`` in the
    user's ``nav`` means the docs folder (MkDocs' ``absolute_links: relative_to_docs``).
    """
    if user_nav is None:
        return copy.deepcopy(playbook_nav), None
    listed = set(_nav_paths(user_nav, strip_slash=strip_slash))
    if listed & (set(own_paths) - {HOME}):
        return user_nav, listed
    section = _without(copy.deepcopy(playbook_nav), listed)
    return ([*user_nav, {PLAYBOOK_SECTION: section}] if section else user_nav), None


def _nav_paths(nav: Any, *, strip_slash: bool) -> Iterator[str]:
    """Every path a ``nav`` names, as MkDocs looks it up among the site's files."""
    if isinstance(nav, str):
        yield PurePath(nav.lstrip("/") if strip_slash else nav).as_posix()
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_paths(value, strip_slash=strip_slash)
    elif isinstance(nav, list):
        for value in nav:
            yield from _nav_paths(value, strip_slash=strip_slash)


def _without(nav: list[Any], paths: set[str]) -> list[Any]:
    """The playbook's ``nav`` less its entries for ``paths``, and sections left empty."""
    kept: list[Any] = []
    for item in nav:
        if isinstance(item, dict):
            ((title, value),) = item.items()
            if isinstance(value, list):
                value = _without(value, paths)
                if value:
                    kept.append({title: value})
            elif value not in paths:
                kept.append(item)
        elif item not in paths:
            kept.append(item)
    return kept
