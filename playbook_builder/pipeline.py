"""The pipeline, one route for the plugin, ``export``, ``link``, ``check``, ``validate``,
``--profiles`` and ``publish``:

read and validate (``inputs``) -> merge, check role paths and the site's bounds, merge
for the public when asked (:func:`load`) -> plan the site and render it
(:func:`prepare_site`) -> MkDocs builds it -> the publish gate reads every page (the
plugin). Each stage only hands its result up; this module is the one that knows their
order. See ARCHITECTURE.md for each stage's job.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from .inputs.diagnostics import Diagnostic, InputError
from .inputs.images import checked_image
from .inputs.loading import check_profile, load_library, logo_path
from .inputs.references import check_paths
from .inputs.yamlsource import Document
from .playbook.changes import changes_since
from .playbook.merge import merge
from .playbook.model import Playbook
from .playbook.snapshot import snapshot, snapshot_json
from .resources import data_dir
from .site import sitemap
from .site.limits import over_limits
from .site.parts import Inputs, Moved, Previous, SiteParts
from .site.render import TemplateBug, render_site
from .site.settings import theme_values

__all__ = ["Loaded", "Previous", "TemplateBug", "load", "load_playbook", "prepare_site"]


@dataclass(frozen=True, slots=True)
class Loaded:
    """A valid playbook and what its site is planned from, each worked out once."""

    inputs: Inputs
    playbook: Playbook
    """Merged, every role's path left to what has a page; public when asked."""
    targets: dict[str, sitemap.Target]
    """Everything of this playbook that can be linked to."""
    health: bool
    """Whether the site has the health report (a target, and a page)."""
    doc: Document | None
    """The profile as read, to locate findings in it; None in a public build, where it
    would be the one thing past the merge that holds internal values."""


def load(inputs: Inputs, *, public: bool = False, health: bool = True) -> Loaded:
    """Read, validate and merge: the playbook, or :class:`InputError` with every problem.

    Role paths and the site's bounds are judged on the whole profile, also for a public
    build; ``public`` then leaves every internal value out."""
    library = load_library(inputs.content_dir)
    checked = check_profile(inputs.profile, library)
    pb = merge(checked.profile, library, checked.doc.file)
    targets = sitemap.targets(pb, health=health)
    problems = [*checked.problems,
                *check_paths(checked.doc, checked.profile, targets, library, checked.suggest),
                *over_limits(checked.doc, checked.profile)]
    if problems:
        raise InputError(problems)
    if public:
        pb = merge(checked.profile, library, checked.doc.file, public=True)
        targets = sitemap.targets(pb, health=health)
        hidden = list(_steps_left_out(checked.doc, pb, targets))
        if hidden:
            raise InputError(hidden)
    doc = None if public else checked.doc
    return Loaded(inputs, pb, targets, health, doc)


def _steps_left_out(doc: Document, pb: Playbook, targets: Collection[str]
                    ) -> Iterator[Diagnostic]:
    """A public role's path that names what the public build leaves out: the step would
    vanish from the path without a word, while the role's checklist may still ask for
    it. (What a role's duties need is taken from the public items, so it never does.)"""
    for place, role in zip(pb.role_places, pb.profile.roles, strict=True):
        for j, ref in enumerate(role.path):
            if ref not in targets:
                yield doc.diagnostic(
                    ("roles", place, "path", j), CODE_LEFT_OUT,
                    f"the public role '{role.id}' names '{ref}', which is internal",
                    "make it public (under 'override', 'visibility: public'), make the"
                    " role internal, or take the step out of its path")


CODE_LEFT_OUT = "PB209"


def load_playbook(profile: Path, content_dir: Path | None = None, *,
                  public: bool = False) -> Playbook:
    """The playbook of ``profile`` merged with the library in ``content_dir`` (the
    bundled one by default)."""
    return load(Inputs(profile, content_dir or data_dir("content")), public=public).playbook


def prepare_site(loaded: Loaded, *, tags: bool, use_directory_urls: bool,
                 previous: Previous | None = None,
                 cache_folder: Path | None = None) -> SiteParts:
    """Everything the playbook adds to a site, each part worked out once.

    Raises :class:`TemplateBug` for a mistake of ours, :class:`ImageProblem` when the
    logo changed since it was checked. With a ``cache_folder``, compiled templates are
    kept there between processes.
    """
    pb, health = loaded.playbook, loaded.health
    data = snapshot(pb)
    changes = (changes_since(previous.version, previous.snapshot, data)
               if previous is not None else None)
    specs = sitemap.pages(pb, health=health, changes=changes, tags=tags)
    theme = theme_values(pb)
    logo = pb.profile.organisation.logo
    logo_file = logo_path(loaded.inputs.profile, logo) if logo else None
    return SiteParts(
        pages=render_site(pb, specs=specs, links=loaded.targets, cache_folder=cache_folder),
        redirects=[Moved(r.old.url(use_directory_urls), r.new.url(use_directory_urls),
                         r.new.title) for r in sitemap.redirects(pb)],
        nav=sitemap.nav(pb, health=health, changes=changes is not None, tags=tags),
        own_paths=sorted({p.src for p in specs} | {sitemap.CHANGES, sitemap.TAGS}),
        site_name=theme.site_name,
        extra=theme.extra,
        logo_uri=theme.logo_uri,
        logo_file=str(logo_file) if logo_file else None,
        # Read once and checked as it is read, so that what is published is what was
        # checked.
        logo=checked_image(logo_file, loaded.inputs.profile.parent)
        if logo_file and theme.logo_uri else None,
        snapshot=snapshot_json(data),
    )
