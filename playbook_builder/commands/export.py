"""Export: the generated Markdown tree and a ``mkdocs.yml`` that builds it without us.

For inspection, for other static-site generators, and as the benchmark floor: the same
pages, theme settings, extensions and navigation, built by plain MkDocs.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from ..resources import data_dir
from ..site.parts import SiteParts
from ..site.redirects import redirect_page
from ..site.settings import REQUIRED_EXTENSIONS, SCRIPT, STYLESHEET

DEFAULT_THEME: dict[str, Any] = {
    "name": "material",
    "features": ["navigation.indexes", "navigation.sections", "navigation.top",
                 "search.highlight", "search.suggest"],
}


def export_project(parts: SiteParts, out: Path, site: dict[str, Any] | None = None,
                   *, tags: bool = False) -> None:
    """Write ``out/docs/`` and ``out/mkdocs.yml`` from the pages the plugin would add;
    ``site`` holds settings to carry over from the original configuration (``site_url``,
    ``repo_url``, ``theme``...), and ``tags`` says whether it uses the tags plugin."""
    docs = out / "docs"
    for page in parts.pages:
        target = docs / page.src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    for moved in parts.redirects:
        old, page_html = redirect_page(moved.old, moved.new, moved.title)
        (docs / old).parent.mkdir(parents=True, exist_ok=True)
        (docs / old).write_text(page_html, encoding="utf-8")
    if parts.logo_uri and parts.logo is not None:
        (docs / parts.logo_uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / parts.logo_uri).write_bytes(parts.logo)
    shutil.copytree(data_dir("overrides"), out / "overrides")
    config = mkdocs_config(parts, site or {}, tags=tags)
    (out / "mkdocs.yml").write_text(
        "# Exported by playbook export: builds with plain MkDocs and Material.\n"
        + yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )


def mkdocs_config(parts: SiteParts, site: dict[str, Any], *,
                  tags: bool = False) -> dict[str, Any]:
    """The stand-alone configuration for an exported playbook."""
    theme = {**DEFAULT_THEME, **site.get("theme", {}), "custom_dir": "overrides"}
    if parts.logo_uri:
        theme["logo"] = parts.logo_uri
    carried = {k: site[k] for k in ("site_url", "repo_url", "edit_uri") if site.get(k)}
    return {
        "site_name": parts.site_name,
        **carried,
        "theme": theme,
        "plugins": ["search", "tags"] if tags else ["search"],
        "markdown_extensions": [{k: v} if v else k for k, v in REQUIRED_EXTENSIONS.items()],
        "extra_css": [STYLESHEET],
        "extra_javascript": [SCRIPT],
        "extra": {"playbook": parts.extra},
        "nav": parts.nav,
        # Pages the plugin adds outside the navigation (printable paths, and roles or
        # platforms past what the navigation lists), so that strict builds pass too.
        **({"not_in_nav": "".join(f"/{page.src}\n" for page in parts.pages
                                  if not page.in_nav)}
           if any(not page.in_nav for page in parts.pages) else {}),
    }
