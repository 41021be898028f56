"""The pipeline, one route for the plugin, ``export``, ``check`` and ``--profiles``:

read -> validate -> merge (:func:`load_playbook`) -> plan the site -> render
(:func:`prepare_site`) -> MkDocs builds it -> the publish gate reads every page (the
plugin). See ARCHITECTURE.md for each stage's job.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .inputs.images import checked_image
from .inputs.loading import load_library, load_profile, logo_path
from .playbook.changes import changes_since
from .playbook.model import Playbook
from .playbook.snapshot import snapshot, snapshot_json
from .site import sitemap
from .site.limits import check_limits
from .site.parts import Inputs, Moved, SiteParts
from .site.render import TemplateBug, render_site
from .site.settings import theme_values

__all__ = ["Previous", "TemplateBug", "load_playbook", "prepare_site"]


@dataclass(frozen=True, slots=True)
class Previous:
    """The version published before the one being built, for its what-changed page."""

    version: str
    snapshot: str | None
    """Its ``playbook.json``; ``None`` when it has none."""


def load_playbook(profile: Path, content_dir: Path, *, public: bool = False) -> Playbook:
    """Read, validate and merge: the playbook, or :class:`InputError` with every problem;
    ``public`` leaves every internal value out.

    A valid profile is also held to the site's bounds (:mod:`site.limits`)."""
    pb = load_profile(profile, load_library(content_dir), public=public)
    check_limits(pb, profile)
    return pb


def prepare_site(inputs: Inputs, *, health: bool, tags: bool, use_directory_urls: bool,
                 previous: Previous | None = None, cache_folder: Path | None = None,
                 playbook: Playbook | None = None, public: bool = False) -> SiteParts:
    """Everything the playbook adds to a site, each part worked out once.

    Raises :class:`InputError` for invalid input, :class:`TemplateBug` for ours. With a
    ``cache_folder``, compiled templates are kept there between processes; ``playbook``
    is these inputs' playbook when the caller has just loaded it (public as asked);
    ``public`` leaves every internal value out.
    """
    pb = playbook or load_playbook(inputs.profile, inputs.content_dir, public=public)
    links = sitemap.targets(pb, health=health)
    pb = sitemap.paths_within(pb, links)
    changes = (changes_since(previous.version, previous.snapshot, snapshot(pb))
               if previous is not None else None)
    specs = sitemap.pages(pb, health=health, changes=changes, tags=tags)
    theme = theme_values(pb)
    return SiteParts(
        pages=render_site(pb, specs=specs, links=links, cache_folder=cache_folder),
        redirects=[Moved(r.old.url(use_directory_urls), r.new.url(use_directory_urls),
                         r.new.title) for r in sitemap.redirects(pb)],
        nav=sitemap.nav(pb, health=health, changes=changes is not None, tags=tags),
        own_paths=sorted({p.src for p in specs} | {sitemap.CHANGES, sitemap.TAGS}),
        site_name=theme.site_name,
        extra=theme.extra,
        logo_uri=theme.logo_uri,
        logo_file=str(logo_path(inputs.profile, pb.profile.organisation.logo))
        if pb.profile.organisation.logo else None,
        logo=_logo_bytes(pb, inputs.profile) if theme.logo_uri else None,
        snapshot=snapshot_json(pb),
    )


def _logo_bytes(pb: Playbook, profile: Path) -> bytes | None:
    """The logo as published: read once and checked as it is read, so that what is
    published is what was checked. Raises :class:`ImageProblem` if the file changed
    into something else since validation."""
    logo = pb.profile.organisation.logo
    return checked_image(logo_path(profile, logo), profile.parent) if logo else None
