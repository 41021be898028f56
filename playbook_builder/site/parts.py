"""What the plugin adds to a site, as plain data.

:func:`pipeline.prepare_site` computes it from a valid profile and library, and the
plugin applies it to MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Inputs:
    """The files one playbook is built from."""

    profile: Path
    content_dir: Path


@dataclass(frozen=True, slots=True)
class Previous:
    """The version published before the one being built, for its what-changed page."""

    version: str
    snapshot: str | None
    """Its ``playbook.json``; ``None`` when it has none."""


@dataclass(frozen=True, slots=True)
class RenderedPage:
    src: str
    markdown: str
    in_nav: bool = True


@dataclass(frozen=True, slots=True)
class Moved:
    """A page's old URL path, its new one (such as ``platforms/x/``) and its title."""

    old: str
    new: str
    title: str


@dataclass(frozen=True, slots=True)
class SiteParts:
    pages: list[RenderedPage]
    """Every generated page, in navigation order."""
    redirects: list[Moved]
    """Every old address that forwards to a page's current one."""
    nav: list[Any]
    """The MkDocs ``nav`` of the generated pages."""
    own_paths: list[str]
    """Page paths that, named in a user's ``nav``, mean the user placed the playbook."""
    site_name: str
    extra: dict[str, Any]
    """``extra.playbook`` for the theme overrides."""
    logo_uri: str | None
    """Where the logo is published in the site."""
    logo_file: str | None
    """The logo file, an input of the site like the profile."""
    logo: bytes | None
    """The logo's bytes as they were checked: what is published."""
    snapshot: str
    """``playbook.json``."""
