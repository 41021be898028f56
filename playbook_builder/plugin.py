"""The MkDocs plugin: a thin adapter that wires the pure core into MkDocs' build events.

Everything that can fail because of user input happens in ``on_config``, before MkDocs
touches the site folder, so an invalid profile leaves the previously built site intact.

Under a plain ``mkdocs build`` (or ``gh-deploy``) the plugin also keeps the promises
``playbook build`` makes (see :class:`_Output`): it refuses to replace a folder it did not
build, builds beside the site folder and swaps the finished site in, under the same lock.
And on every route it refuses to publish a file that a symbolic link leads to from
outside the project (:mod:`site.sources`).
"""

from __future__ import annotations

import copy
import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from .commands.config_urls import config_url_problem
from .commands.handover import (
    HandoverProblem,
    previous_version,
    public_requested,
    version_selector,
)
from .commands.output import MARKER, OutputError, OutputFolder, staged_here
from .commands.project import (
    PlaybookConfig,
    config_folder,
    resolve_inputs,
    uses_tags,
)
from .commands.strictness import strips_slash, tighten
from .inputs.build_time import VARIABLE as BUILD_TIME
from .inputs.build_time import BuildTimeProblem, build_time
from .inputs.diagnostics import Diagnostic, InputError
from .inputs.images import ImageProblem
from .pipeline import Loaded, TemplateBug, load, prepare_site
from .playbook.snapshot import FILE_NAME
from .resources import data_dir
from .site.gate import inspect_html, split_article
from .site.navigation import merged_nav
from .site.parts import Inputs, SiteParts
from .site.redirects import redirect_page
from .site.settings import REQUIRED_EXTENSIONS, SCRIPT, STYLESHEET
from .site.sources import SourceRules
from .site.template_cache import use_bytecode_cache, user_cache_folder

if TYPE_CHECKING:  # only a type: importing the live-reload server costs ~16 ms
    from jinja2 import Environment
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation

log = get_plugin_logger(__name__)


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    """Adds the generated playbook pages, navigation and theme settings to a site.

    Because it has ``on_startup``, MkDocs keeps one instance for the whole process (every
    configuration loaded in it, every rebuild of ``mkdocs serve``): what one build learns
    is forgotten in ``on_config``, when the next begins.
    """

    def __init__(self) -> None:
        self.command: str | None = None
        """The ``mkdocs`` command running (``build``, ``gh-deploy``, ``serve``), between
        ``on_startup`` and ``on_shutdown``; None when MkDocs is called as a library."""
        self.dirty = False
        self.inputs: Inputs | None = None
        self.checked: Loaded | None = None
        self._checked_for: MkDocsConfig | None = None
        self.parts: SiteParts | None = None
        self.generated: set[str] = set()
        self.placed: set[str] | None = None
        """The page paths the user's ``nav`` lists, when it places the playbook itself
        (see :func:`_add_navigation`); None when the plugin placed the playbook's pages."""
        self.content_findings: dict[str, list[str]] = {}
        self.output: _Output | None = None
        self.managed = False
        """MkDocs builds into a staging folder of 'playbook build' (or --profiles), which
        locks, checks and swaps around the build itself."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"],
                   dirty: bool) -> None:
        self.command, self.dirty = command, dirty

    def on_shutdown(self) -> None:
        if self.output is not None:  # a build stopped by something MkDocs does not catch
            self.output.abandon()
            self.output = None
        self.command, self.dirty = None, False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.inputs, self.parts, self.managed = None, None, False
        self.generated, self.content_findings, self.placed = set(), {}, None
        if not self.config.enabled:
            self.checked = None
            return config
        # As the command does: addresses that reach every page hold no markup, and a
        # strict build is strict about links, anchors and the navigation too.
        problem = config_url_problem(config)
        if problem is not None:
            raise PluginError(f"{config.config_file_path or 'mkdocs.yml'}: {problem}")
        _check_build_time()
        tighten(config)
        self.parts = self._prepare(config)
        _require_extensions(config)
        _add_theme(config, self.parts, self.config.brand)
        self.placed = _add_navigation(config, self.parts)
        _add_versions(config)
        self._claim_output(config)
        return config

    def _claim_output(self, config: MkDocsConfig) -> None:
        """Under ``mkdocs build``: lock the site folder, check that it may be replaced
        and point MkDocs at a staging folder beside it (see :class:`_Output`). Plugins
        listed before this one saw the configured ``site_dir`` in their ``on_config``."""
        if self.output is not None:  # a build that ended without MkDocs telling us
            self.output.abandon()
            self.output = None
        # playbook build (or one site of --profiles) made this folder: it holds the lock,
        # checked the folder and swaps the site in; doing it again would deadlock.
        self.managed = staged_here(Path(config.site_dir))
        if self.dirty and self.public:
            raise PluginError("a public site is built whole: a dirty build would start from"
                              " the previous site, which may hold internal pages")
        if not self.managed and self.command != "serve":
            self.output = _Output.claim(config, dirty=self.dirty)

    def check_inputs(self, config: MkDocsConfig) -> Loaded:
        """The playbook, or :class:`InputError` when its inputs are invalid.

        It is kept for the build of this same ``config`` that follows, so the command's
        check up front does not double the work.
        """
        self.checked = self._load(config)
        self._checked_for = config
        return self.checked

    def _load(self, config: MkDocsConfig) -> Loaded:
        return load(resolve_inputs(self.config, config.config_file_path),
                    public=self.public, health=self.config.health)

    @property
    def public(self) -> bool:
        """Whether this is the public build (the option, or ``playbook build --public``)."""
        try:
            return self.config.public or public_requested()
        except HandoverProblem as exc:
            raise PluginError(str(exc)) from None

    def cache_folder(self, config: MkDocsConfig) -> Path | None:
        """Where compiled templates are kept; None when they are not."""
        if not self.config.cache:
            return None
        if self.config.cache_dir:
            return config_folder(config.config_file_path) / self.config.cache_dir
        return user_cache_folder()

    def _prepare(self, config: MkDocsConfig) -> SiteParts:
        try:
            checked = self.checked if self._checked_for is config else None
            # Used once: the instance outlives this build (see the class), its inputs not.
            self.checked, self._checked_for = None, None
            loaded = checked or self._load(config)
            self.inputs = loaded.inputs
            return prepare_site(loaded, tags=uses_tags(config),
                                use_directory_urls=config.use_directory_urls,
                                previous=previous_version(),
                                cache_folder=self.cache_folder(config))
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

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Before MkDocs walks the docs folder (following links): no link there may lead
        out of the project or around in a loop, nor anything in the theme's
        ``custom_dir``, whose templates are read without being among MkDocs' files."""
        if not self.config.enabled:
            return
        rules = _source_rules(config)
        problems = list(rules.folder_problems(config.docs_dir, files=False))
        if config.theme.custom_dir:
            problems += rules.folder_problems(config.theme.custom_dir, files=True)
        self._refuse(problems)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.parts is None or self.inputs is None:
            return files
        edit_uri = _relative_to_docs(self.inputs.profile, config.docs_dir)
        for page in self.parts.pages:
            if files.get_file_from_path(page.src) is not None:
                log.info("docs/%s replaces the generated page of the same name", page.src)
                continue
            # A page the navigation leaves out on purpose: the plugin's (a printable path,
            # roles or platforms past what it lists), or the user's, when their nav
            # places the playbook and does not list this page.
            in_nav = page.in_nav and (self.placed is None or page.src in self.placed)
            inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
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

    @event_priority(-100)  # last, though files are not added here as a rule
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig,
               files: Files) -> Navigation | None:
        """Every file the site would contain that comes from the project (a generated
        one has no source file) must be a regular file reached without a link out of the
        project: see :mod:`site.sources` for the rule, and why installed themes' files
        are not checked; and no two of the site's names may differ only in letter case.
        Here, after every plugin's ``on_files`` and MkDocs' exclusions,
        and before any file is read or copied; drafts too, which ``mkdocs serve`` shows."""
        if not self.config.enabled:
            return nav
        rules = _source_rules(config)
        published = [file for file in files if file.inclusion is not InclusionLevel.EXCLUDED]
        problems = [problem for file in published if file.abs_src_path
                    and (problem := rules.problem(file.abs_src_path)) is not None]
        problems += rules.case_clashes((file.dest_uri, file.abs_src_path)
                                       for file in published)
        self._refuse(problems)
        return nav

    def _refuse(self, problems: list[Diagnostic]) -> None:
        """Files that must not be published stop the build. Under the playbook command
        they are input errors (exit code 2, in the chosen --format); under MkDocs, a
        PluginError, the one error MkDocs reports without a traceback."""
        if not problems:
            return
        error = InputError(problems)
        if self.managed:
            raise error
        raise PluginError(f"refusing to publish:\n{error.format_text()}")

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
            split_article(output)[1], whole_page=True)
        if findings:
            listed = "\n".join(f"  {finding}" for finding in findings)
            raise PluginError(
                f"publish gate: {src} contains what our templates never put there;"
                f" not publishing:\n{listed}"
            )
        return output

    @event_priority(-100)  # last: the site is swapped in after every plugin wrote its part
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Every site carries its playbook as data, for the next version's /changes/, and
        the marker that lets a later build replace it; then, under ``mkdocs build``, the
        finished site is swapped in."""
        if self.config.enabled and self.parts is not None:
            site = Path(config.site_dir)
            (site / FILE_NAME).write_text(self.parts.snapshot, encoding="utf-8")
            # So that 'playbook build' knows this folder as a playbook site it may replace.
            (site / MARKER).write_text("built by mkdocs with the playbook plugin\n", "utf-8")
        if self.output is not None:
            output, self.output = self.output, None
            output.publish()

    def on_build_error(self, *, error: Exception) -> None:
        """The previous site stays as it was; the staging folder goes, the lock is freed."""
        if self.output is not None:
            output, self.output = self.output, None
            output.abandon()

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        if self.config.enabled and self.inputs is not None:
            server.watch(str(self.inputs.profile))
            server.watch(str(self.inputs.content_dir))
            if self.parts and self.parts.logo_file:
                server.watch(self.parts.logo_file)
        return server


def _source_rules(config: MkDocsConfig) -> SourceRules:
    project = Path(os.path.abspath(os.path.dirname(config.config_file_path or "mkdocs.yml")))
    return SourceRules.for_project(project, config.docs_dir, config.theme.custom_dir,
                                   config.theme.dirs)


@dataclass
class _Output:
    """The promises of ``playbook build`` kept under a plain ``mkdocs build``.

    From ``on_config`` to the end of the build the plugin holds the site folder as
    ``playbook build`` does (an :class:`OutputFolder`: its lock, ``.<site>.lock``, its
    check and its staging folder, ``.<site>.building-<pid>``, where MkDocs writes); the
    finished site is swapped in at the end of ``on_post_build``. A failed build
    (``on_build_error``), a strict build with warnings, Ctrl-C or ``kill -9`` leave the
    previous site as it was; leftovers are cleared by the next build, either command's.
    A non-empty folder without the ``.playbook-site`` marker is never replaced. Hidden
    entries at the top of the site folder (a ``.git``, say) are carried into the new
    site, as MkDocs' own cleaning keeps them. A ``site_dir`` that is a symbolic link is
    followed: the folder it leads to is replaced, and the link kept.
    """

    config: MkDocsConfig
    folder: OutputFolder
    site_dir: str
    """``site_dir`` as the configuration gave it, restored once the build is over."""
    warnings: CountHandler | None
    """Counts warnings in a strict build: MkDocs counts its own only after on_post_build,
    and must not find the site already swapped in when it then aborts."""

    @classmethod
    def claim(cls, config: MkDocsConfig, *, dirty: bool) -> _Output:
        try:
            folder = OutputFolder.begin(Path(config.site_dir), log.info, dirty=dirty,
                                        setting="site_dir")
        except OutputError as exc:
            raise PluginError(f"site_dir {exc}") from None
        warnings = None
        if config.strict:
            warnings = CountHandler(level=logging.WARNING)
            logging.getLogger("mkdocs").addHandler(warnings)
        output = cls(config, folder, config.site_dir, warnings)
        config.site_dir = str(folder.staging)
        return output

    def publish(self) -> None:
        """Swap the finished site in; in a strict build with warnings, leave it to MkDocs
        to abort (having removed the staging folder and freed the lock)."""
        try:
            if self.warnings is None or not self.warnings.get_counts():
                self.folder.commit("built by mkdocs with the playbook plugin\n")
        except OutputError as exc:
            raise PluginError(f"site_dir {exc}") from None
        finally:
            self.abandon()

    def abandon(self) -> None:
        """Remove the staging folder (if it is still there), free the lock, and give the
        configuration back its own ``site_dir``."""
        self.folder.abandon()
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
        self.config.site_dir = self.site_dir


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


def _check_build_time() -> None:
    """A ``SOURCE_DATE_EPOCH`` MkDocs (or gzip, stamping the sitemap) would stop at with a
    traceback is refused in one line; one that is set but blank counts as not set, and is
    taken away, since MkDocs reads it with ``int()``."""
    try:
        if build_time() is None:
            os.environ.pop(BUILD_TIME, None)
    except BuildTimeProblem as exc:
        raise PluginError(str(exc)) from None


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


def _add_versions(config: MkDocsConfig) -> None:
    """Under mike, Material's version selector and outdated banner (unless configured)."""
    selector = version_selector()
    if selector is not None and "version" not in config.extra:
        config.extra["version"] = selector


def _add_navigation(config: MkDocsConfig, parts: SiteParts) -> set[str] | None:
    """The playbook's pages in the site's navigation (see :func:`merged_nav`); the paths
    the user's ``nav`` lists when it places the playbook itself."""
    config.nav, placed = merged_nav(
        config.nav, parts.nav, parts.own_paths,
        strip_slash=strips_slash(config))
    return placed


def _relative_to_docs(path: Path, docs_dir: str) -> str:
    return Path(os.path.relpath(path, docs_dir)).as_posix()
