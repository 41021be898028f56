"""A playbook site as a stand-alone project: the generated Markdown, our theme overrides
and a ``mkdocs.yml`` that builds it without the plugin.

``playbook export`` writes it (for inspection, for other static-site generators, and as
the benchmark floor), and the Zensical engine builds from it: the same pages, theme
settings, extensions and navigation, and the same site settings as the project's own
configuration, so that an exported site asks no other host for anything the project's
own site does not.
"""

from __future__ import annotations

import os
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig

from ..inputs.diagnostics import printable
from ..resources import data_dir
from ..site.navigation import merged_nav
from ..site.parts import SiteParts
from ..site.redirects import redirect_page
from ..site.settings import REQUIRED_EXTENSIONS, SCRIPT, STYLESHEET
from .problems import UsageProblem

DEFAULT_THEME: dict[str, Any] = {
    "name": "material",
    # Zensical's default look is its own "modern" one; "classic" is Material's, which our
    # stylesheet (contrast, the path bar, the crisis page) is made for. MkDocs ignores it.
    "variant": "classic",
    "features": ["navigation.indexes", "navigation.sections", "navigation.top",
                 "search.highlight", "search.suggest"],
}

CONFIG_FILE = "mkdocs.yml"
OVERRIDES = "overrides"
DOCS = "docs"

CARRIED = ("site_url", "site_description", "site_author", "copyright", "repo_url",
           "repo_name", "edit_uri")
"""Site settings a stand-alone project keeps from the project's configuration as they
are; the theme, ``extra`` and the Markdown extensions are carried too, merged with ours."""


def site_settings(config: MkDocsConfig, *, with_docs: bool = False) -> dict[str, Any]:
    """What a stand-alone build of this site keeps of its configuration; ``with_docs``
    when the project's own docs are built too, with their stylesheets and scripts."""
    settings: dict[str, Any] = {key: config[key] for key in CARRIED if config[key]}
    if with_docs:
        settings["extra_css"] = [s for s in config.extra_css if s != STYLESHEET]
        settings["extra_javascript"] = [str(s) for s in config.extra_javascript
                                        if str(s) != SCRIPT]
    if not config.use_directory_urls:
        settings["use_directory_urls"] = False
    settings["theme"] = _theme_as_written(config)
    settings["extra"] = {k: v for k, v in config.extra.items() if k != "playbook"}
    settings["markdown_extensions"] = {
        name: config.mdx_configs.get(name, {}) for name in config.markdown_extensions}
    settings["site_name"] = config.site_name
    return settings


def _theme_as_written(config: MkDocsConfig) -> dict[str, Any]:
    """The theme's settings as the configuration (and those it inherits) writes them,
    without the defaults MkDocs fills in from the theme, and without ``name`` and
    ``custom_dir``, which a stand-alone project sets."""
    from mkdocs.utils.yaml import yaml_load

    path = config.config_file_path
    if not path:
        return {}
    with open(path, encoding="utf-8") as file:
        written = yaml_load(file) or {}
    theme = written.get("theme")
    if not isinstance(theme, dict):
        return {}
    return {k: v for k, v in theme.items() if k not in ("name", "custom_dir")}


def export_project(parts: SiteParts, out: Path, settings: dict[str, Any], *,
                   tags: bool = False) -> None:
    """Write ``out/docs/``, ``out/overrides/`` and ``out/mkdocs.yml`` for the pages the
    plugin would add."""
    for name, content in project_files(parts, settings, tags=tags).items():
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def project_files(parts: SiteParts, settings: dict[str, Any], *, tags: bool,
                  brand: bool = True, docs: dict[str, bytes] | None = None,
                  not_in_nav: list[str] | None = None, custom_dir: Path | None = None,
                  user_nav: list[Any] | None = None, strip_slash: bool = False
                  ) -> dict[str, bytes]:
    """Every file of the stand-alone project, by its path in the project.

    ``docs`` are the project's own pages and files (by path in the docs folder), which
    replace a generated page of the same name, as they do under the plugin, and
    ``not_in_nav`` those of them the project builds outside its navigation;
    ``custom_dir`` is the project's own theme folder, whose files replace ours; a
    ``user_nav`` is merged with the playbook's as the plugin merges it."""
    files: dict[str, bytes] = {}
    for page in parts.pages:
        files[f"{DOCS}/{page.src}"] = page.markdown.encode("utf-8")
    for moved in parts.redirects:
        old, page_html = redirect_page(moved.old, moved.new, moved.title)
        files[f"{DOCS}/{old}"] = page_html.encode("utf-8")
    if brand and parts.logo_uri and parts.logo is not None:
        files[f"{DOCS}/{parts.logo_uri}"] = parts.logo
    for name, content in (docs or {}).items():
        files[f"{DOCS}/{name}"] = content
    for folder in (data_dir("overrides"), *([custom_dir] if custom_dir else [])):
        for name in _files_in(folder):
            files[f"{OVERRIDES}/{name}"] = (folder / name).read_bytes()
    nav, placed = merged_nav(user_nav, parts.nav, parts.own_paths, strip_slash=strip_slash)
    replaced = set(docs or ())
    left_out = [page.src for page in parts.pages if page.src not in replaced and (
        not page.in_nav or (placed is not None and page.src not in placed))]
    left_out += not_in_nav or []
    config = mkdocs_config(parts, settings, nav, left_out, tags=tags, brand=brand)
    try:
        written = yaml.dump(config, Dumper=_ConfigDumper, sort_keys=False,
                            allow_unicode=True)
    except yaml.representer.RepresenterError as exc:
        raise UsageProblem(f"{CONFIG_FILE}: a setting cannot be written into a stand-alone"
                           f" configuration ({printable(str(exc.args[0]))}); write it as"
                           " plain text, a number, a list or a mapping") from None
    files[CONFIG_FILE] = ("# Exported by playbook export: builds with plain MkDocs and"
                          " Material, or with Zensical.\n" + written).encode("utf-8")
    return dict(sorted(files.items()))


class _ConfigDumper(yaml.SafeDumper):
    """Plain YAML, but functions and classes, which a ``mkdocs.yml`` names with
    ``!!python/name:`` (Material's emoji index, a fence's formatter), are named so
    again: MkDocs and Zensical both read the tag."""


def _python_name(dumper: yaml.SafeDumper, value: Any) -> yaml.Node:
    return dumper.represent_scalar(
        f"tag:yaml.org,2002:python/name:{value.__module__}.{value.__qualname__}", "")


for _kind in (types.FunctionType, types.BuiltinFunctionType, type):
    _ConfigDumper.add_multi_representer(_kind, _python_name)


def _files_in(folder: Path) -> Iterator[str]:
    """Every file under ``folder`` but hidden ones, as paths relative to it."""
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                yield Path(root, name).relative_to(folder).as_posix()


def mkdocs_config(parts: SiteParts, settings: dict[str, Any], nav: list[Any],
                  left_out: list[str], *, tags: bool, brand: bool = True) -> dict[str, Any]:
    """The stand-alone configuration for an exported playbook."""
    theme = {**DEFAULT_THEME, **settings.get("theme", {}), "custom_dir": OVERRIDES}
    if brand and parts.logo_uri:
        theme["logo"] = parts.logo_uri
    extensions = {**settings.get("markdown_extensions", {})}
    for name, options in REQUIRED_EXTENSIONS.items():
        extensions.setdefault(name, dict(options))
    carried = {k: settings[k] for k in CARRIED if settings.get(k)}
    return {
        "site_name": parts.site_name if brand else settings.get("site_name", parts.site_name),
        **carried,
        "docs_dir": DOCS,
        **({"use_directory_urls": False} if settings.get("use_directory_urls") is False
           else {}),
        "theme": theme,
        "plugins": ["search", "tags"] if tags else ["search"],
        "markdown_extensions": [{k: v} if v else k for k, v in extensions.items()],
        "extra_css": [*settings.get("extra_css", []), STYLESHEET],
        "extra_javascript": [*settings.get("extra_javascript", []), SCRIPT],
        "extra": {**settings.get("extra", {}), "playbook": parts.extra},
        "nav": nav,
        # Pages built outside the navigation (printable paths, roles or platforms past
        # what the navigation lists, and those a user's nav leaves out), so that strict
        # builds pass too.
        **({"not_in_nav": "".join(f"/{src}\n" for src in left_out)} if left_out else {}),
    }
