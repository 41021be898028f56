"""What a playbook site needs from MkDocs and the theme, decided once for every adapter.

The plugin applies these to a live MkDocs configuration; ``playbook export`` writes them
into a stand-alone ``mkdocs.yml``. Values that Material prints without escaping (the
site name, the announcement) are HTML-escaped here, once.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any

from markupsafe import escape

from .playbook import Playbook

STYLESHEET = "assets/stylesheets/playbook.css"

REQUIRED_EXTENSIONS: dict[str, dict[str, Any]] = {
    "attr_list": {},
    "md_in_html": {},
    "admonition": {},
    "tables": {},
    "toc": {"permalink": True},
    "pymdownx.tasklist": {"custom_checkbox": True},
}
"""Markdown extensions the generated pages rely on (heading ids, cards, notes, checklists)."""


@dataclass(frozen=True)
class ThemeValues:
    site_name: str
    """The playbook's title, HTML-escaped."""
    extra: dict[str, Any]
    """``extra.playbook`` for the theme overrides, HTML-escaped."""
    logo_uri: str | None
    """Where the organisation's logo is published in the site, if it has one."""


def theme_values(pb: Playbook) -> ThemeValues:
    announcement = pb.profile.playbook.announcement
    logo = pb.profile.organisation.logo
    return ThemeValues(
        site_name=str(escape(pb.title)),
        extra={
            "announcement": str(escape(announcement)) if announcement else None,
            "title": str(escape(pb.title)),
        },
        logo_uri=logo_uri(logo) if logo else None,
    )


def logo_uri(logo: str) -> str:
    return f"assets/playbook-logo{posixpath.splitext(logo)[1].lower()}"
