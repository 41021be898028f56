"""A playbook project: its ``mkdocs.yml``, the playbook plugin's options in it, and the
inputs they name, loaded and checked as every command and the plugin do.

The options live here, below both adapters: the plugin declares them to MkDocs, and the
commands read them to know which profile and library a project builds.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

import click
import yaml
from mkdocs import exceptions
from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig

from ..inputs.diagnostics import Diagnostic, InputError, printable
from ..inputs.loading import display_path, logo_path
from ..resources import data_dir
from ..site.parts import Inputs
from .config_urls import config_url_problem
from .handover import PROFILE_ENV, handed_over, requested_profile
from .problems import Invalid, UsageProblem
from .strictness import tighten

if TYPE_CHECKING:
    from ..pipeline import Loaded

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
    public = c.Type(bool, default=False)
    """Build the public playbook: every internal contact, scenario, standard, role and
    added item is left out of every page and file of the site."""
    cache = c.Type(bool, default=True)
    """Keep the theme's and the playbook's compiled templates between builds."""
    cache_dir = c.Optional(c.Type(str))
    """Where compiled templates are kept (relative to mkdocs.yml); the user's cache folder
    by default. Keep it where only you can write: the code it holds runs in the build."""


DEFAULT_PROFILE = "profiles/example.yml"


def config_folder(config_file: str | None) -> Path:
    return Path(config_file).resolve().parent if config_file else Path.cwd()


def resolve_inputs(options: PlaybookConfig, config_file: str | None) -> Inputs:
    """Absolute paths of the profile and library, relative to the config file's folder;
    the profile the command asks for wins.

    Raises :class:`InputError` when no profile is named and the default is missing: the
    message then names the option, not only a file the user never wrote down.
    """
    content_dir = library_folder(options, config_file)
    requested = requested_profile()
    if requested is not None:
        return Inputs(requested, content_dir)
    profile = config_folder(config_file) / (options.profile or DEFAULT_PROFILE)
    if options.profile is None and not profile.exists():
        raise InputError([_profile_option_missing(config_file)])
    return Inputs(profile, content_dir)


def library_folder(options: PlaybookConfig, config_file: str | None) -> Path:
    """The library the site is built with: its ``content_dir``, or the bundled one."""
    content = options.content_dir
    return config_folder(config_file) / content if content else data_dir("content")


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


def uses_tags(config: MkDocsConfig) -> bool:
    """Is Material's tags plugin on? Then the playbook gets a tags page."""
    return any(name in config.plugins for name in ("tags", "material/tags"))


class _ChecksInputs(Protocol):
    """What the commands ask of the playbook plugin of a loaded configuration."""

    config: PlaybookConfig

    def check_inputs(self, config: MkDocsConfig) -> Loaded: ...

    def cache_folder(self, config: MkDocsConfig) -> Path | None: ...


def playbook_plugin(config: MkDocsConfig) -> _ChecksInputs | None:
    """The configuration's playbook plugin; None when the site does not use it."""
    plugin = config.plugins.get("playbook")
    options = getattr(plugin, "config", None)
    return plugin if isinstance(options, PlaybookConfig) else None


@dataclass(frozen=True)
class Site:
    """A loaded configuration, its playbook plugin and, when it was checked, its
    playbook."""

    config: MkDocsConfig
    plugin: _ChecksInputs | None
    """The playbook plugin, enabled or not; None when the site does not list it."""
    loaded: Loaded | None
    """The checked playbook; None when not asked for or the plugin is turned off."""

    def require_plugin(self, config_file: Path) -> _ChecksInputs:
        """The playbook plugin; a usage problem when the site does not list it."""
        if self.plugin is None:
            raise UsageProblem(f"{printable(str(config_file))}: the playbook plugin is not"
                               " enabled")
        return self.plugin

    def require_playbook(self, config_file: Path) -> Loaded:
        """The checked playbook, also of a plugin turned off (whose site is built
        without it, while ``export`` and ``link`` still speak of its playbook)."""
        return self.loaded or self.require_plugin(config_file).check_inputs(self.config)


@contextlib.contextmanager
def site_config(config_file: Path, profile: Path | None, fmt: str, validate: bool = True,
                **overrides: Any) -> Iterator[Site]:
    """The loaded MkDocs config with the playbook validated (unless ``validate`` is
    false); errors become exit codes. ``profile`` stands in for the plugin's option."""
    if not config_file.is_file():
        raise UsageProblem(f"{printable(str(config_file))}: no such file; run this where"
                           " mkdocs.yml is, or name it with --config-file")
    clean = {k: (str(v) if isinstance(v, Path) else v) for k, v in overrides.items()
             if v is not None}
    with handed_over(PROFILE_ENV, str(profile) if profile is not None else None):
        # The body's errors too: the build the caller runs reports the same way.
        try:
            yield _checked_site(config_file, validate, clean)
        except InputError as exc:
            raise Invalid(exc.diagnostics, fmt) from None
        except exceptions.ConfigurationError as exc:
            raise UsageProblem(f"{printable(str(config_file))}: {printable(str(exc))}"
                               ) from None
        except exceptions.Abort as exc:
            raise click.ClickException(str(exc)) from None


def _checked_site(config_file: Path, validate: bool, overrides: dict[str, Any]) -> Site:
    config = _load_config(config_file, overrides)
    problem = config_url_problem(config)
    if problem:
        raise UsageProblem(f"{printable(str(config_file))}: {problem}")
    tighten(config)
    plugin = playbook_plugin(config)
    enabled = plugin is not None and plugin.config.enabled
    return Site(config, plugin, plugin.check_inputs(config) if plugin and enabled
                and validate else None)


class _ConfigMessages(logging.Filter):
    """What MkDocs says about the configuration while loading it: errors are kept (to be
    reported as one usage problem) rather than printed; warnings are printed, and kept."""

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR:
            self.errors.append(record.getMessage())
            return False
        if record.levelno == logging.WARNING:
            self.warnings.append(record.getMessage())
        return True


def _load_config(config_file: Path, overrides: dict[str, Any]) -> MkDocsConfig:
    """MkDocs' ``load_config``; a configuration it refuses is a usage problem (exit 2)
    named by its first error, not an abort (exit 1) after a log line."""
    messages = _ConfigMessages()
    logger = logging.getLogger("mkdocs.config")
    logger.addFilter(messages)
    try:
        return load_config(str(config_file), **overrides)
    except exceptions.Abort:
        found = messages.errors or messages.warnings
        if not found:
            raise
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise UsageProblem(f"{printable(str(config_file))}: {printable(found[0])}{more}"
                           ) from None
    finally:
        logger.removeFilter(messages)


def project_inputs(config_file: Path | None, fmt: str) -> Inputs | None:
    """The profile and library the project's mkdocs.yml names, so that validate and check
    judge a profile as the build does; None outside a playbook project."""
    if config_file is None:
        if not Path("mkdocs.yml").is_file():
            return None
        config_file = Path("mkdocs.yml")
    with site_config(config_file, None, fmt, validate=False) as site:
        if site.plugin is None:
            return None
        return resolve_inputs(site.plugin.config, site.config.config_file_path)


def library_of(project: Inputs | None, content_dir: Path | None) -> Path:
    """The library to judge a profile against: the one named, the project's, or ours."""
    return content_dir or (project.content_dir if project else data_dir("content"))


def site_sources(site: Site, config_file: Path) -> tuple[Path, ...]:
    """What the site is built from, but the installed package: the config (and the
    configs it inherits), docs, hooks, theme overrides, and the playbook's profile, logo
    and library. ``publish`` refuses uncommitted changes to these, and only to these."""
    config = site.config
    sources = [config_file, *_inherited(Path(config.config_file_path or config_file)),
               Path(config.docs_dir)]
    # A mapping of the names given to the modules loaded, whatever MkDocs declares.
    hooks: dict[str, ModuleType] = config.hooks  # type: ignore[assignment]
    sources += [Path(hook.__file__) for hook in hooks.values() if hook.__file__]
    if config.theme.custom_dir:
        sources.append(Path(config.theme.custom_dir))
    if site.loaded is not None:  # the plugin is on
        inputs = site.loaded.inputs
        sources.append(inputs.profile)
        logo = site.loaded.playbook.profile.organisation.logo
        if logo:
            sources.append(logo_path(inputs.profile, logo))
        if inputs.content_dir.resolve() != data_dir("content").resolve():
            sources.append(inputs.content_dir)
    return tuple(sources)


def _inherited(config_file: Path) -> list[Path]:
    """The configs ``config_file`` inherits (``INHERIT:``, each relative to the file
    naming it), as MkDocs finds them. Only the YAML's structure is read, nothing of it
    constructed: MkDocs has loaded and checked it already."""
    found: list[Path] = []
    current = config_file
    while len(found) < 20:  # a loop of INHERITs: MkDocs would have failed already
        try:
            node = yaml.compose(current.read_text("utf-8"), Loader=yaml.SafeLoader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            break
        if not isinstance(node, yaml.MappingNode):
            break
        named = [value.value for key, value in node.value
                 if isinstance(key, yaml.ScalarNode) and key.value == "INHERIT"
                 and isinstance(value, yaml.ScalarNode) and value.tag == _STR]
        if not named:
            break
        current = Path(os.path.normpath(current.parent / named[-1]))
        found.append(current)
    return found


_STR = "tag:yaml.org,2002:str"
