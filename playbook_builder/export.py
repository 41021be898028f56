"""Export: the generated Markdown tree and a ``mkdocs.yml`` that builds it without us.

For inspection, for other static-site generators, and as the benchmark floor: the same
pages, theme settings, extensions and navigation, built by plain MkDocs.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from .images import ImageProblem, checked_image
from .loading import logo_path
from .output import OutputError
from .playbook import Playbook
from .redirects import redirect_page
from .render import render_site
from .resources import data_dir
from .site_settings import REQUIRED_EXTENSIONS, SCRIPT, STYLESHEET, theme_values
from .sitemap import nav, redirects

DEFAULT_THEME: dict[str, Any] = {
    "name": "material",
    "features": ["navigation.indexes", "navigation.sections", "navigation.top",
                 "search.highlight", "search.suggest"],
}


def export_project(
    pb: Playbook, profile: Path, out: Path, site: dict[str, Any] | None = None,
    *, health: bool = True, tags: bool = False,
) -> None:
    """Write ``out/docs/`` and ``out/mkdocs.yml``; ``site`` holds settings to carry over
    from the original configuration (``site_url``, ``repo_url``, ``theme``...), and
    ``health`` and ``tags`` say which optional pages the original site has."""
    docs = out / "docs"
    for page in render_site(pb, health=health, tags=tags):
        target = docs / page.src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    for redirect in redirects(pb):
        old, page_html = redirect_page(redirect.old.url(), redirect.new.url(),
                                       redirect.new.title)
        (docs / old).parent.mkdir(parents=True, exist_ok=True)
        (docs / old).write_text(page_html, encoding="utf-8")
    values = theme_values(pb)
    logo = pb.profile.organisation.logo
    if values.logo_uri and logo:
        try:
            image = checked_image(logo_path(profile, logo), profile.parent)
        except ImageProblem as exc:
            raise OutputError(f"logo '{logo}' {exc}; it changed during the export:"
                              " export again") from None
        (docs / values.logo_uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / values.logo_uri).write_bytes(image)
    shutil.copytree(data_dir("overrides"), out / "overrides")
    config = mkdocs_config(pb, site or {}, health=health, tags=tags)
    (out / "mkdocs.yml").write_text(
        "# Exported by playbook export: builds with plain MkDocs and Material.\n"
        + yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )


def mkdocs_config(pb: Playbook, site: dict[str, Any], *, health: bool = True,
                  tags: bool = False) -> dict[str, Any]:
    """The stand-alone configuration for an exported playbook."""
    values = theme_values(pb)
    theme = {**DEFAULT_THEME, **site.get("theme", {}), "custom_dir": "overrides"}
    if values.logo_uri:
        theme["logo"] = values.logo_uri
    carried = {k: site[k] for k in ("site_url", "repo_url", "edit_uri") if site.get(k)}
    return {
        "site_name": values.site_name,
        **carried,
        "theme": theme,
        "plugins": ["search", "tags"] if tags else ["search"],
        "markdown_extensions": [{k: v} if v else k for k, v in REQUIRED_EXTENSIONS.items()],
        "extra_css": [STYLESHEET],
        "extra_javascript": [SCRIPT],
        "extra": {"playbook": values.extra},
        "nav": nav(pb, health=health, tags=tags),
    }
