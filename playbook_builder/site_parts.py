"""What the plugin adds to a site, as plain data.

:func:`prepare.prepare_site` computes it from a valid profile and library; the plugin
applies it to MkDocs; :mod:`build_cache` keeps it between builds as JSON. Being plain
data, a build that reuses it needs neither the core's models nor its templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar


@dataclass(frozen=True)
class Inputs:
    """The files one playbook is built from."""

    profile: Path
    content_dir: Path


@dataclass(frozen=True)
class RenderedPage:
    src: str
    markdown: str
    in_nav: bool = True


@dataclass(frozen=True)
class SiteParts:
    pages: list[RenderedPage]
    """Every generated page, in navigation order."""
    redirects: list[tuple[str, str]]
    """Each old address's file in the site and the HTML page that forwards from it."""
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
            "redirects": [list(r) for r in self.redirects],
            "nav": self.nav, "own_paths": self.own_paths, "site_name": self.site_name,
            "extra": self.extra, "logo_uri": self.logo_uri, "logo_file": self.logo_file,
            "snapshot": self.snapshot,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SiteParts:
        """Raises ``KeyError``, ``TypeError`` or ``ValueError`` on data of another shape."""
        pages = [RenderedPage(_of(str, src), _of(str, text), _of(bool, in_nav))
                 for src, text, in_nav in data["pages"]]
        redirects = [(_of(str, path), _of(str, html)) for path, html in data["redirects"]]
        return cls(
            pages, redirects, nav=_of(list, data["nav"]),
            own_paths=[_of(str, p) for p in data["own_paths"]],
            site_name=_of(str, data["site_name"]), extra=_of(dict, data["extra"]),
            logo_uri=_optional_str(data["logo_uri"]),
            logo_file=_optional_str(data["logo_file"]), snapshot=_of(str, data["snapshot"]),
        )


T = TypeVar("T")


def _of(kind: type[T], value: object) -> T:
    if not isinstance(value, kind):
        raise TypeError(f"expected {kind.__name__}, found {type(value).__name__}")
    return value


def _optional_str(value: object) -> str | None:
    return None if value is None else _of(str, value)
