"""The MkDocs plugin: a thin adapter that wires the pure core into MkDocs' build events.

Everything that can fail because of user input happens in ``on_config``, before MkDocs
touches the site folder, so an invalid profile leaves the previously built site intact.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import sitemap
from .changes import Changes, changes_since
from .diagnostics import InputError
from .gate import inspect_html
from .loading import load_library, load_profile, logo_path
from .playbook import Playbook
from .publish import DEFAULT_ENV, PREVIOUS_ENV, PREVIOUS_VERSION_ENV
from .redirects import redirect_page
from .render import RenderedPage, TemplateBug, render_site
from .resources import data_dir
from .site_settings import REQUIRED_EXTENSIONS, SCRIPT, STYLESHEET, logo_uri, theme_values
from .snapshot import FILE_NAME, snapshot, snapshot_json

log = get_plugin_logger(__name__)

PROFILE_ENV = "PLAYBOOK_PROFILE"
"""Overrides the ``profile`` option; ``playbook build --profile`` sets it."""



class PlaybookConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Set to false to build the site without the playbook."""
    profile = c.Type(str, default="profiles/example.yml")
    """The organisation profile, relative to mkdocs.yml."""
    content_dir = c.Optional(c.Type(str))
    """The curated library folder, relative to mkdocs.yml; the bundled library by default."""
    brand = c.Type(bool, default=True)
    """Use the playbook's title and the organisation's logo for the site name and header."""
    health = c.Type(bool, default=True)
    """Publish the strategy health report at /health/; false leaves it out of the site."""


@dataclass(frozen=True)
class Inputs:
    """The files one playbook is built from."""

    profile: Path
    content_dir: Path


def resolve_inputs(options: PlaybookConfig, config_file: str | None) -> Inputs:
    """Absolute paths of the profile and library, relative to the config file's folder."""
    root = Path(config_file).resolve().parent if config_file else Path.cwd()
    profile = os.environ.get(PROFILE_ENV) or options.profile
    content = options.content_dir
    return Inputs(
        profile=(Path.cwd() if os.environ.get(PROFILE_ENV) else root) / profile,
        content_dir=root / content if content else data_dir("content"),
    )


def load_playbook(inputs: Inputs) -> Playbook:
    """The validated playbook; raises :class:`InputError` with every problem."""
    return load_profile(inputs.profile, load_library(inputs.content_dir))


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    """Adds the generated playbook pages, navigation and theme settings to a site."""

    def __init__(self) -> None:
        self.inputs: Inputs | None = None
        self.playbook: Playbook | None = None
        self.pages: list[RenderedPage] = []
        self.changes: Changes | None = None
        self.tags = False
        self.generated: set[str] = set()
        self.gate_findings: dict[str, list[str]] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        self.inputs = resolve_inputs(self.config, config.config_file_path)
        try:
            self.playbook = load_playbook(self.inputs)
            self.changes = _changes_being_published(self.playbook)
            self.tags = uses_tags(config)
            self.pages = render_site(self.playbook, health=self.config.health,
                                     changes=self.changes, tags=self.tags)
        except InputError as exc:
            raise PluginError(f"invalid playbook input:\n{exc.format_text()}") from None
        except TemplateBug as exc:
            raise PluginError(str(exc)) from exc
        _require_extensions(config)
        _add_theme(config, self.playbook, self.config.brand)
        _add_navigation(config, self.playbook, self.config.health, self.changes is not None,
                        self.tags)
        _add_versions(config)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.playbook is None or self.inputs is None:
            return files
        edit_uri = _relative_to_docs(self.inputs.profile, config.docs_dir)
        for page in self.pages:
            if files.get_file_from_path(page.src) is not None:
                log.info("docs/%s replaces the generated page of the same name", page.src)
                continue
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            generated = File.generated(config, page.src, content=page.markdown,
                                       inclusion=inclusion)
            generated.edit_uri = edit_uri
            files.append(generated)
            self.generated.add(page.src)
        for redirect in sitemap.redirects(self.playbook):
            old, html = redirect_page(redirect, config.use_directory_urls)
            if files.get_file_from_path(old) is None:
                files.append(File.generated(config, old, content=html))
        logo = self.playbook.profile.organisation.logo
        if logo and self.config.brand:
            files.append(File.generated(
                config, logo_uri(logo), abs_src_path=str(logo_path(self.inputs.profile, logo))
            ))
        return files

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if page.file.src_uri in self.generated:
            self.gate_findings[page.file.src_uri] = inspect_html(html)
        return html

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """The publish gate: a generated page with unsafe content is never written."""
        src = page.file.src_uri
        if src not in self.generated:
            return output
        findings = self.gate_findings.pop(src, []) + inspect_html(
            _outside_article(output), whole_page=True)
        if findings:
            listed = "\n".join(f"  {finding}" for finding in findings)
            raise PluginError(
                f"publish gate: {src} contains what our templates never put there;"
                f" not publishing:\n{listed}"
            )
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Every site carries its playbook as data, for the next version's /changes/."""
        if self.config.enabled and self.playbook is not None:
            (Path(config.site_dir) / FILE_NAME).write_text(
                snapshot_json(self.playbook), encoding="utf-8")

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        if self.config.enabled and self.inputs is not None:
            server.watch(str(self.inputs.profile))
            server.watch(str(self.inputs.content_dir))
        return server


def _require_extensions(config: MkDocsConfig) -> None:
    for name, options in REQUIRED_EXTENSIONS.items():
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
            config.mdx_configs.setdefault(name, dict(options))


def _add_theme(config: MkDocsConfig, pb: Playbook, brand: bool) -> None:
    theme = config.theme
    position = 1 if theme.custom_dir else 0
    overrides = str(data_dir("overrides"))
    if overrides not in theme.dirs:
        theme.dirs.insert(position, overrides)
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    if SCRIPT not in [str(s) for s in config.extra_javascript]:
        config.extra_javascript.append(SCRIPT)
    values = theme_values(pb)
    config.extra["playbook"] = values.extra
    if brand:
        config.site_name = values.site_name
        if values.logo_uri:
            theme["logo"] = values.logo_uri


def _outside_article(page: str) -> str:
    """The theme's part of a page: the article itself was checked as content already."""
    start, end = page.find("<article"), page.rfind("</article>")
    return page if start < 0 or end < start else page[:start] + page[end:]


def _changes_being_published(pb: Playbook) -> Changes | None:
    """When ``playbook publish`` builds a version, what changed since the previous one."""
    previous_file = os.environ.get(PREVIOUS_ENV)
    if previous_file is None:
        return None
    previous = Path(previous_file).read_text(encoding="utf-8") if previous_file else None
    return changes_since(os.environ.get(PREVIOUS_VERSION_ENV, ""), previous, snapshot(pb))


def _add_versions(config: MkDocsConfig) -> None:
    """Under mike, Material's version selector and outdated banner (unless configured)."""
    if os.environ.get("MIKE_DOCS_VERSION") and "version" not in config.extra:
        default = os.environ.get(DEFAULT_ENV) or "latest"
        config.extra["version"] = {"provider": "mike", "default": default, "alias": True}


def uses_tags(config: MkDocsConfig) -> bool:
    """Is Material's tags plugin on? Then the playbook gets a tags page."""
    return any(name in config.plugins for name in ("tags", "material/tags"))


def _add_navigation(config: MkDocsConfig, pb: Playbook, health: bool, changes: bool,
                    tags: bool) -> None:
    ours = sitemap.nav(pb, health=health, changes=changes, tags=tags)
    if config.nav is None:
        config.nav = ours
    elif not _mentions_any(config.nav, {p.src for p in sitemap.pages(pb, health=health)}
                           | {sitemap.CHANGES, sitemap.TAGS}):
        config.nav = [*config.nav, {"Playbook": ours}]


def _mentions_any(nav: Any, paths: set[str]) -> bool:
    if isinstance(nav, str):
        return nav in paths
    if isinstance(nav, dict):
        return any(_mentions_any(v, paths) for v in nav.values())
    if isinstance(nav, list):
        return any(_mentions_any(v, paths) for v in nav)
    return False


def _relative_to_docs(path: Path, docs_dir: str) -> str:
    return Path(os.path.relpath(path, docs_dir)).as_posix()
