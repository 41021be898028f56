"""What a playbook site needs from MkDocs and the theme, decided once for every adapter.

The plugin applies these to a live MkDocs configuration; ``playbook export`` writes them
into a stand-alone ``mkdocs.yml``.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the plugin imports this module without the core's models
    from ..playbook.model import Playbook

STYLESHEET = "assets/stylesheets/playbook.css"
SCRIPT = "assets/javascripts/playbook.js"

REQUIRED_EXTENSIONS: dict[str, dict[str, Any]] = {
    "attr_list": {},
    "md_in_html": {},
    "admonition": {},
    "tables": {},
    "toc": {"permalink": True},
    "pymdownx.tasklist": {"custom_checkbox": True},
}
"""Markdown extensions the generated pages rely on (heading ids, cards, notes, checklists)."""


@dataclass(frozen=True, slots=True)
class ThemeValues:
    site_name: str
    """The playbook's title, made safe for Material (see :func:`site_name`)."""
    extra: dict[str, Any]
    """``extra.playbook`` for our theme overrides, which escape what they print."""
    logo_uri: str | None
    """Where the organisation's logo is published in the site, if it has one."""


def theme_values(pb: Playbook) -> ThemeValues:
    info = pb.profile.playbook
    logo = pb.profile.organisation.logo
    return ThemeValues(
        site_name=site_name(pb.title),
        extra={"announcement": info.announcement, "title": pb.title, "owner": info.owner,
               "version": info.version, "reviewed": info.reviewed},
        logo_uri=logo_uri(logo) if logo else None,
    )


_MARKUP = {"<": "&lt;", ">": "&gt;", '"': "&quot;"}


def site_name(title: str) -> str:
    """The title as Material's ``site_name``, which it prints both raw and escaped.

    The characters that could make markup are escaped; an ampersand is left alone, so
    that "Food & Friends" reads right in both places (browsers show a lone ``&`` as is).
    """
    return "".join(_MARKUP.get(ch, ch) for ch in title)


def logo_uri(logo: str) -> str:
    return f"assets/playbook-logo{posixpath.splitext(logo)[1].lower()}"
