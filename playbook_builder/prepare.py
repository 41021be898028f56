"""From a profile and the library to what the plugin adds to a site.

This is where the core runs for a build: loading and validating the inputs, merging,
rendering the pages and deciding navigation, redirects, theme values and the snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import sitemap
from .changes import changes_since
from .loading import load_library, load_profile, logo_path
from .playbook import Playbook
from .render import TemplateBug, render_site
from .site_parts import Inputs, Moved, SiteParts
from .site_settings import theme_values
from .snapshot import snapshot, snapshot_json

__all__ = ["Previous", "TemplateBug", "load_playbook", "prepare_site"]


@dataclass(frozen=True, slots=True)
class Previous:
    """The version published before the one being built, for its what-changed page."""

    version: str
    snapshot: str | None
    """Its ``playbook.json``; ``None`` when it has none."""


def load_playbook(inputs: Inputs) -> Playbook:
    """The validated playbook; raises :class:`InputError` with every problem."""
    return load_profile(inputs.profile, load_library(inputs.content_dir))


def prepare_site(inputs: Inputs, *, health: bool, tags: bool, use_directory_urls: bool,
                 previous: Previous | None = None,
                 cache_folder: Path | None = None) -> SiteParts:
    """Raises :class:`InputError` for invalid input, :class:`TemplateBug` for ours.

    With a ``cache_folder``, compiled templates are kept there between processes.
    """
    pb = load_playbook(inputs)
    changes = (changes_since(previous.version, previous.snapshot, snapshot(pb))
               if previous is not None else None)
    theme = theme_values(pb)
    logo = pb.profile.organisation.logo
    return SiteParts(
        pages=render_site(pb, health=health, changes=changes, tags=tags,
                          cache_folder=cache_folder),
        redirects=[Moved(r.old.url(use_directory_urls), r.new.url(use_directory_urls),
                         r.new.title) for r in sitemap.redirects(pb)],
        nav=sitemap.nav(pb, health=health, changes=changes is not None, tags=tags),
        own_paths=sorted({p.src for p in sitemap.pages(pb, health=health)}
                         | {sitemap.CHANGES, sitemap.TAGS}),
        site_name=theme.site_name,
        extra=theme.extra,
        logo_uri=theme.logo_uri,
        logo_file=str(logo_path(inputs.profile, logo)) if logo else None,
        snapshot=snapshot_json(pb),
    )
