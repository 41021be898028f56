"""The MkDocs plugin: a thin adapter that wires the pure core into MkDocs' build events.

Everything that can fail because of user input happens in ``on_config``, before MkDocs
touches the site folder, so an invalid profile leaves the previously built site intact.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .commands.output import MARKER
from .commands.publish_env import DEFAULT_ENV, PREVIOUS_ENV, PREVIOUS_VERSION_ENV
from .inputs.diagnostics import Diagnostic, InputError
from .inputs.images import ImageProblem
from .inputs.loading import display_path
from .pipeline import Previous, TemplateBug, load_playbook, prepare_site
from .playbook.model import Playbook
from .playbook.snapshot import FILE_NAME
from .resources import data_dir
from .site.gate import inspect_html
from .site.parts import Inputs, SiteParts
from .site.redirects import redirect_page
from .site.settings import REQUIRED_EXTENSIONS, SCRIPT, STYLESHEET
from .site.template_cache import use_bytecode_cache, user_cache_folder

if TYPE_CHECKING:  # only a type: importing the live-reload server costs ~16 ms
    from jinja2 import Environment
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)

PROFILE_ENV = "PLAYBOOK_PROFILE"
"""Overrides the ``profile`` option; ``playbook build --profile`` sets it."""


class PlaybookConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Set to false to build the site without the playbook."""
    profile = c.Optional(c.Type(str))
    """The organisation profile, relative to mkdocs.yml; profiles/example.yml when left
    out."""
    content_dir = c.Optional(c.Type(str))
    """The curated library folder, relative to mkdocs.yml; the bundled library by default."""
    brand = c.Type(bool, default=True)
    """Use the playbook's title and the organisation's logo for the site name and header."""
    health = c.Type(bool, default=True)
    """Publish the strategy health report at /health/; false leaves it out of the site."""
    cache = c.Type(bool, default=True)
    """Keep the theme's and the playbook's compiled templates between builds."""
    cache_dir = c.Optional(c.Type(str))
    """Where compiled templates are kept (relative to mkdocs.yml); the user's cache folder
    by default. Keep it where only you can write: the code it holds runs in the build."""


DEFAULT_PROFILE = "profiles/example.yml"


def resolve_inputs(options: PlaybookConfig, config_file: str | None) -> Inputs:
    """Absolute paths of the profile and library, relative to the config file's folder.

    Raises :class:`InputError` when no profile is named and the default is missing: the
    message then names the option, not only a file the user never wrote down.
    """
    root = _config_folder(config_file)
    content_dir = library_folder(options, config_file)
    if os.environ.get(PROFILE_ENV):
        return Inputs(Path.cwd() / os.environ[PROFILE_ENV], content_dir)
    profile = root / (options.profile or DEFAULT_PROFILE)
    if options.profile is None and not profile.exists():
        raise InputError([_profile_option_missing(config_file)])
    return Inputs(profile, content_dir)


def library_folder(options: PlaybookConfig, config_file: str | None) -> Path:
    """The library the site is built with: its ``content_dir``, or the bundled one."""
    content = options.content_dir
    return _config_folder(config_file) / content if content else data_dir("content")


def _profile_option_missing(config_file: str | None) -> Diagnostic:
    """Located at the plugin's entry in mkdocs.yml, where the option belongs."""
    name = config_file or "mkdocs.yml"
    line, column = 1, 1
    with contextlib.suppress(OSError, UnicodeDecodeError):
        for number, text in enumerate(Path(name).read_text("utf-8").splitlines(), 1):
            found = re.match(r"\s*-\s*(playbook)\b", text)
            if found:
                line, column = number, found.start(1) + 1
                break
    return Diagnostic(
        display_path(Path(name)), line, column, "PB001",
        f"the playbook plugin has no 'profile' option, and {DEFAULT_PROFILE} does not exist",
        "add 'profile: <your profile>.yml' under '- playbook:' (relative to mkdocs.yml)")


def _config_folder(config_file: str | None) -> Path:
    return Path(config_file).resolve().parent if config_file else Path.cwd()


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    """Adds the generated playbook pages, navigation and theme settings to a site."""

    def __init__(self) -> None:
        self.inputs: Inputs | None = None
        self.checked: tuple[Inputs, Playbook] | None = None
        self.parts: SiteParts | None = None
        self.generated: set[str] = set()
        self.content_findings: dict[str, list[str]] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        self.parts = self._prepare(config)
        _require_extensions(config)
        _add_theme(config, self.parts, self.config.brand)
        _add_navigation(config, self.parts)
        _add_versions(config)
        return config

    def check_inputs(self, config: MkDocsConfig) -> None:
        """Raises :class:`InputError` when the playbook's inputs are invalid.

        The checked playbook is kept for the build that follows in this process, so the
        command's check up front does not double the work.
        """
        inputs = resolve_inputs(self.config, config.config_file_path)
        self.checked = (inputs, load_playbook(inputs.profile, inputs.content_dir))

    def cache_folder(self, config: MkDocsConfig) -> Path | None:
        """Where compiled templates are kept; None when they are not."""
        if not self.config.cache:
            return None
        if self.config.cache_dir:
            return _config_folder(config.config_file_path) / self.config.cache_dir
        return user_cache_folder()

    def _prepare(self, config: MkDocsConfig) -> SiteParts:
        try:
            self.inputs = resolve_inputs(self.config, config.config_file_path)
            checked_inputs, checked = self.checked or (None, None)
            return prepare_site(self.inputs, health=self.config.health, tags=uses_tags(config),
                                use_directory_urls=config.use_directory_urls,
                                previous=_previous_version(),
                                cache_folder=self.cache_folder(config),
                                playbook=checked if checked_inputs == self.inputs else None)
        except InputError as exc:
            raise PluginError(f"invalid playbook input:\n{exc.format_text()}") from None
        except TemplateBug as exc:
            raise PluginError(str(exc)) from exc
        except ImageProblem as exc:
            raise PluginError(f"logo {exc}; it changed while the site was being built:"
                              " build again") from None

    def on_env(
        self, env: Environment, /, *, config: MkDocsConfig, files: Files
    ) -> Environment | None:
        """The theme's templates, too, are compiled once and kept (as ours are)."""
        folder = self.cache_folder(config) if self.config.enabled else None
        if folder is not None:
            use_bytecode_cache(env, folder)
        return env

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.parts is None or self.inputs is None:
            return files
        edit_uri = _relative_to_docs(self.inputs.profile, config.docs_dir)
        for page in self.parts.pages:
            if files.get_file_from_path(page.src) is not None:
                log.info("docs/%s replaces the generated page of the same name", page.src)
                continue
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            generated = File.generated(config, page.src, content=page.markdown,
                                       inclusion=inclusion)
            generated.edit_uri = edit_uri
            files.append(generated)
            self.generated.add(page.src)
        for moved in self.parts.redirects:
            old, html = redirect_page(moved.old, moved.new, moved.title)
            if files.get_file_from_path(old) is None:
                files.append(File.generated(config, old, content=html))
        if self.parts.logo_uri and self.parts.logo is not None and self.config.brand:
            # The bytes that were checked, not whatever the file holds by now.
            files.append(File.generated(config, self.parts.logo_uri, content=self.parts.logo))
        return files

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if page.file.src_uri in self.generated:
            self.content_findings[page.file.src_uri] = _inspect(html)
        return html

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """The publish gate: a generated page with unsafe content is never written."""
        src = page.file.src_uri
        if src not in self.generated:
            return output
        findings = self.content_findings.pop(src, []) + _inspect(
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
        if not self.config.enabled or self.parts is None:
            return
        site = Path(config.site_dir)
        (site / FILE_NAME).write_text(self.parts.snapshot, encoding="utf-8")
        # So that 'playbook build' knows this folder as a playbook site it may replace.
        (site / MARKER).write_text("built by mkdocs with the playbook plugin\n", "utf-8")

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        if self.config.enabled and self.inputs is not None:
            server.watch(str(self.inputs.profile))
            server.watch(str(self.inputs.content_dir))
            if self.parts and self.parts.logo_file:
                server.watch(self.parts.logo_file)
        return server


_PASSED: set[bytes] = set()
"""Digests of the pages the publish gate passed in this process. A verdict depends on
nothing but the page, so ``mkdocs serve`` does not inspect again a page that a rebuild
left as it was. Kept in memory only, where nothing else can add to it."""


def _inspect(html: str, *, whole_page: bool = False) -> list[str]:
    digest = hashlib.sha256(f"{whole_page}\0{html}".encode("utf-8", "surrogatepass")).digest()
    if digest in _PASSED:
        return []
    findings = inspect_html(html, whole_page=whole_page)
    if not findings:
        if len(_PASSED) >= 100_000:
            _PASSED.clear()
        _PASSED.add(digest)
    return findings


def _require_extensions(config: MkDocsConfig) -> None:
    for name, options in REQUIRED_EXTENSIONS.items():
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
            config.mdx_configs.setdefault(name, dict(options))


def _add_theme(config: MkDocsConfig, parts: SiteParts, brand: bool) -> None:
    theme = config.theme
    position = 1 if theme.custom_dir else 0
    overrides = str(data_dir("overrides"))
    if overrides not in theme.dirs:
        theme.dirs.insert(position, overrides)
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    if SCRIPT not in [str(s) for s in config.extra_javascript]:
        config.extra_javascript.append(SCRIPT)
    config.extra["playbook"] = copy.deepcopy(parts.extra)
    if brand:
        config.site_name = parts.site_name
        if parts.logo_uri:
            theme["logo"] = parts.logo_uri


def _outside_article(page: str) -> str:
    """The theme's part of a page: the article itself was checked as content already."""
    start, end = page.find("<article"), page.rfind("</article>")
    return page if start < 0 or end < start else page[:start] + page[end:]


def _previous_version() -> Previous | None:
    """When ``playbook publish`` builds a version, the one published before it."""
    previous_file = os.environ.get(PREVIOUS_ENV)
    if previous_file is None:
        return None
    previous = Path(previous_file).read_text(encoding="utf-8") if previous_file else None
    return Previous(os.environ.get(PREVIOUS_VERSION_ENV, ""), previous)


def _add_versions(config: MkDocsConfig) -> None:
    """Under mike, Material's version selector and outdated banner (unless configured)."""
    if os.environ.get("MIKE_DOCS_VERSION") and "version" not in config.extra:
        default = os.environ.get(DEFAULT_ENV) or "latest"
        config.extra["version"] = {"provider": "mike", "default": default, "alias": True}


def uses_tags(config: MkDocsConfig) -> bool:
    """Is Material's tags plugin on? Then the playbook gets a tags page."""
    return any(name in config.plugins for name in ("tags", "material/tags"))


def _add_navigation(config: MkDocsConfig, parts: SiteParts) -> None:
    if config.nav is None:
        config.nav = copy.deepcopy(parts.nav)
    elif not _mentions_any(config.nav, set(parts.own_paths)):
        config.nav = [*config.nav, {"Playbook": copy.deepcopy(parts.nav)}]


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
