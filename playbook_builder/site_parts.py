"""What the plugin adds to a site, as plain data.

:func:`prepare.prepare_site` computes it from a valid profile and library; the plugin
applies it to MkDocs; :mod:`build_cache` keeps it between builds as JSON. Being plain
data, a build that reuses it needs neither the core's models nor its templates.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

from .images import IMAGE_TYPES
from .record import Record
from .site_settings import site_name as safe_site_name


class Inputs(Record):
    """The files one playbook is built from."""

    profile: Path
    content_dir: Path


class RenderedPage(Record):
    src: str
    markdown: str
    in_nav: bool = True


class Moved(Record):
    """A page's old URL path, its new one (such as ``platforms/x/``) and its title."""

    old: str
    new: str
    title: str


class SiteParts(Record):
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
    snapshot: str
    """``playbook.json``."""

    def to_json(self) -> dict[str, Any]:
        return {
            "pages": [[p.src, p.markdown, p.in_nav] for p in self.pages],
            "redirects": [[m.old, m.new, m.title] for m in self.redirects],
            "nav": self.nav, "own_paths": self.own_paths, "site_name": self.site_name,
            "extra": self.extra, "logo_uri": self.logo_uri, "logo_file": self.logo_file,
            "snapshot": self.snapshot,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SiteParts:
        """The parts written by :meth:`to_json`; ``ValueError``, ``KeyError`` or
        ``TypeError`` for data of any other shape, such as paths leading out of the site.
        """
        pages = [RenderedPage(_path(src, ".md"), _of(str, text), _of(bool, in_nav))
                 for src, text, in_nav in data["pages"]]
        redirects = [Moved(_path(old), _path(new, allow_empty=True), _of(str, title))
                     for old, new, title in data["redirects"]]
        logo_uri = data["logo_uri"]
        if logo_uri is not None and not _LOGO_URI.fullmatch(_of(str, logo_uri)):
            raise ValueError(f"not a logo's place: {logo_uri!r}")
        extra = _of(dict, data["extra"])
        for value in extra.values():
            if value is not None:
                _of(str, value)
        return cls(
            pages, redirects, nav=_nav(data["nav"]),
            own_paths=[_path(p, ".md") for p in data["own_paths"]],
            # Escaping is idempotent here: what was made safe stays as it was.
            site_name=safe_site_name(_of(str, data["site_name"])), extra=extra,
            logo_uri=logo_uri, logo_file=None if data["logo_file"] is None
            else _of(str, data["logo_file"]), snapshot=_of(str, data["snapshot"]),
        )


T = TypeVar("T")

_SEGMENTS = re.compile(r"(?:[a-z0-9][a-z0-9._-]*/)*(?:[a-z0-9][a-z0-9._-]*)?")
_LOGO_URI = re.compile(r"assets/playbook-logo(?:" + "|".join(
    re.escape(kind) for kind in sorted(IMAGE_TYPES)) + ")")
_NAV_TITLE = re.compile(r"[A-Za-z][A-Za-z ]*")


def _of(kind: type[T], value: object) -> T:
    if not isinstance(value, kind):
        raise TypeError(f"expected {kind.__name__}, found {type(value).__name__}")
    return value


def _path(value: object, suffix: str = "", allow_empty: bool = False) -> str:
    """A path inside the site, as the core writes them: never absolute, never upwards."""
    path = _of(str, value)
    if not (_SEGMENTS.fullmatch(path) and path.endswith(suffix) and (path or allow_empty)):
        raise ValueError(f"not a path in the site: {path!r}")
    return path


def _nav(value: object) -> list[Any]:
    """The navigation as the core builds it: sections of plain titles and page paths."""
    entries = _of(list, value)
    for entry in entries:
        if isinstance(entry, dict):
            [(title, inner)] = entry.items()
            if not _NAV_TITLE.fullmatch(_of(str, title)):
                raise ValueError(f"not a navigation title: {title!r}")
            _nav(inner) if isinstance(inner, list) else _path(inner, ".md")
        else:
            _path(entry, ".md")
    return entries
