"""Zensical, the second engine: the playbook rendered by our core, built by Zensical.

Zensical reads ``mkdocs.yml`` but ignores MkDocs plugins, so it is driven from outside:
the site's stand-alone project (:mod:`export`'s files, with the project's own pages,
theme folder and navigation) is kept in a folder beside the site, ``.<site>.zensical``,
where only files that changed are written, so that Zensical's cache there stays warm;
``zensical build`` builds it; the publish gate reads every generated page of the result;
and the site moves into the staging folder that :mod:`output` swaps in, under the same
lock. Zensical is run as a command (``python -m zensical build -f ... --strict``), the
interface its 0.0.x and 0.1.x releases share.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click
from mkdocs.exceptions import BuildError

from ..inputs.diagnostics import Diagnostic, InputError, printable
from ..inputs.images import ImageProblem
from ..inputs.loading import display_path
from ..pipeline import TemplateBug, prepare_site
from ..playbook.snapshot import FILE_NAME
from ..site.gate import inspect_html, split_article
from ..site.parts import SiteParts
from ..site.sources import SourceRules
from .export import CONFIG_FILE, project_files, site_settings
from .handover import previous_version, version_selector
from .problems import UsageProblem
from .project import site_sources, uses_tags
from .strictness import strips_slash

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .project import Site

SITE = "site"
"""Where Zensical writes the site, inside the project folder (it must be inside)."""

log = logging.getLogger("mkdocs.playbook.zensical")


class ZensicalFailed(BuildError):
    """Zensical did not build the site (a warning in a strict build, or an error of its
    own), or the gate refused a page; the message says which, in Zensical's words. A
    failed build as MkDocs reports one: exit code 1, and under ``--format`` each of
    ``diagnostics`` (Zensical's problems, located in the docs) then the message, PB301."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics or []


CODE = "PB301"
HINT = "fix what Zensical names, then build again"


def require_zensical() -> None:
    """A usage problem (exit 2) when Zensical is not installed beside us."""
    if importlib.util.find_spec("zensical") is None:
        raise UsageProblem("--engine zensical needs Zensical: install it with"
                           " pip install 'playbook-builder[zensical]'")


@dataclass(frozen=True)
class Staged:
    """A playbook site as the stand-alone project Zensical builds."""

    parts: SiteParts
    files: dict[str, bytes]
    """Every file of the project, by its path in it."""
    generated: dict[str, str]
    """The generated pages the project's own do not replace: where each is in the docs
    folder, and where its HTML is in the site (as MkDocs and Zensical both write it)."""
    docs_shown: str
    """The project's docs folder, as problems in its pages are located."""
    public: bool
    """Built for the public: kept apart from the full playbook's project and cache."""


def stage(site: Site, config_file: Path) -> Staged:
    """The project Zensical builds for this site: checked inputs rendered as the plugin
    renders them, with the project's own pages, theme folder, navigation and settings.
    Raises :class:`InputError` for a file that must not be published, and
    :class:`ZensicalFailed` for what would fail the plugin's build."""
    config, plugin = site.config, site.require_plugin(config_file)
    loaded = site.require_playbook(config_file)
    tags = uses_tags(config)
    try:
        parts = prepare_site(loaded, tags=tags, use_directory_urls=config.use_directory_urls,
                             previous=previous_version(),
                             cache_folder=plugin.cache_folder(config))
    except TemplateBug as exc:
        raise ZensicalFailed(str(exc)) from exc
    except ImageProblem as exc:
        raise ZensicalFailed(f"logo {exc}; it changed while the site was being built:"
                             " build again") from None
    settings = site_settings(config, with_docs=True)
    selector = version_selector()
    if selector is not None:
        settings["extra"].setdefault("version", selector)
    own = _own_files(config, parts)
    custom_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    files = project_files(parts, settings, tags=tags, brand=plugin.config.brand,
                          docs=own.files, not_in_nav=own.not_in_nav, custom_dir=custom_dir,
                          user_nav=config.nav, strip_slash=strips_slash(config))
    return Staged(parts, files, own.generated, display_path(Path(config.docs_dir)),
                  loaded.playbook.public)


@dataclass(frozen=True)
class _Own:
    files: dict[str, bytes]
    """The project's own docs files MkDocs would publish, by path in the docs folder."""
    not_in_nav: list[str]
    """Those of them its ``not_in_nav`` names."""
    generated: dict[str, str]
    """The generated pages they do not replace, and where each page's HTML is."""


def _own_files(config: MkDocsConfig, parts: SiteParts) -> _Own:
    """The project's own docs files, chosen as MkDocs chooses them (``exclude_docs``,
    ``draft_docs``, hidden files and ``templates/`` left out), once the rules of
    :mod:`site.sources` pass them, its theme folder, and every name of the site."""
    from mkdocs.structure.files import File, InclusionLevel, get_files

    project = Path(os.path.abspath(os.path.dirname(config.config_file_path or CONFIG_FILE)))
    rules = SourceRules.for_project(project, config.docs_dir, config.theme.custom_dir,
                                    config.theme.dirs)
    problems: list[Diagnostic] = list(rules.folder_problems(config.docs_dir, files=False))
    if config.theme.custom_dir:
        problems += rules.folder_problems(config.theme.custom_dir, files=True)
    if problems:
        raise InputError(problems)
    # What a build publishes: neither excluded nor a draft (MkDocs' is_included(),
    # which is untyped).
    published = [file for file in get_files(config)
                 if file.inclusion.value > InclusionLevel.DRAFT.value]
    problems = [problem for file in published
                if (problem := rules.problem(file.abs_src_path or "")) is not None]
    own = {file.src_uri for file in published}
    generated = [File(page.src, None, config.site_dir, config.use_directory_urls)
                 for page in parts.pages if page.src not in own]
    problems += rules.case_clashes([(file.dest_uri, file.abs_src_path) for file in published]
                                   + [(file.dest_uri, None) for file in generated])
    if problems:
        raise InputError(problems)
    return _Own({file.src_uri: Path(file.abs_src_path or "").read_bytes()
                 for file in sorted(published, key=lambda f: f.src_uri)},
                sorted(file.src_uri for file in published
                       if file.inclusion is InclusionLevel.NOT_IN_NAV),
                {file.src_uri: file.dest_uri for file in generated})


def project_folder(target: Path, *, public: bool, within: Path | None = None) -> Path:
    """Where the project of the site at ``target`` is kept between builds: beside it,
    or, for a site inside a folder that is published whole (``within``, the output of
    ``--profiles``), beside that folder, so that nothing of it is published. The public
    playbook has its own, so that nothing of the full one, its cache included, is ever
    where a public build reads."""
    kind = "zensical-public" if public else "zensical"
    target = Path(os.path.realpath(target))
    if within is None:
        return target.with_name(f".{target.name}.{kind}")
    within = Path(os.path.realpath(within))
    return within.with_name(f".{within.name}.{kind}") / target.relative_to(within)


def write_changed(folder: Path, files: dict[str, bytes], *, keep: tuple[str, ...] = ()
                  ) -> list[str]:
    """Make ``folder`` hold ``files``, writing only those whose bytes changed, each
    atomically (a server reading the folder never sees half a file). Files no longer
    there, and folders they leave empty, are removed first (so that a file may become a
    folder and the other way round), but top-level entries named in ``keep`` and hidden
    ones, such as Zensical's cache. Returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    folders: list[Path] = []
    for root, dirs, names in os.walk(folder):
        here = Path(root).relative_to(folder)
        if not here.parts:  # the top: what is kept is neither walked nor removed
            dirs[:] = [d for d in dirs if d not in keep and not d.startswith(".")]
            names = [n for n in names if not n.startswith(".")]
        for name in names:
            if (here / name).as_posix() not in files:
                (Path(root) / name).unlink()
        folders += [Path(root, name) for name in dirs]
    for path in reversed(folders):  # the deepest first, so emptied parents go too
        if path.is_symlink():
            path.unlink()
        elif not any(path.iterdir()):
            path.rmdir()
    written = []
    for name, content in files.items():
        path = folder / name
        try:
            if path.read_bytes() == content:
                continue
        except OSError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
        written.append(name)
    return written


def build(staged: Staged, target: Path, into: Path, *, strict: bool,
          within: Path | None = None) -> None:
    """Build ``staged`` with Zensical in the project folder of ``target`` (see
    :func:`project_folder` for ``within``), pass every generated page through the gate,
    and move the site into ``into`` (the staging folder that is swapped in). Raises
    :class:`ZensicalFailed`."""
    project = project_folder(target, public=staged.public, within=within)
    write_changed(project, staged.files, keep=(SITE,))
    built = project / SITE
    shutil.rmtree(built, ignore_errors=True)  # a failed build's pages are not kept
    run_zensical(project, strict=strict, docs_shown=staged.docs_shown)
    findings = [f"{src}: {finding}" for src, html in staged.generated.items()
                for finding in gate_findings(built / html)]
    if findings:
        listed = "\n".join(f"  {finding}" for finding in findings)
        raise ZensicalFailed("publish gate: generated pages contain what our templates"
                             f" never put there; not publishing:\n{listed}")
    for entry in built.iterdir():
        os.replace(entry, into / entry.name)
    (into / FILE_NAME).write_text(staged.parts.snapshot, encoding="utf-8")
    built.rmdir()


def run_zensical(project: Path, *, strict: bool, docs_shown: str) -> None:
    """``zensical build`` of ``project`` with this Python. Its progress is shown as
    MkDocs' messages are (``-q`` hides it), each problem as a warning located in the
    project's docs folder (``docs_shown``); a failed build raises with them."""
    command = [sys.executable, "-m", "zensical", "build", "-f",
               str(project / CONFIG_FILE), *(["--strict"] if strict else [])]
    done = subprocess.run(command, cwd=project, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, encoding="utf-8", errors="replace",
                          check=False)
    progress, problems = _said(done.stdout, docs_shown)
    for line in progress:
        log.info("zensical: %s", line)
    if done.returncode == 0:
        for problem in problems:
            log.warning("zensical: %s:%d:%d: %s", problem.file, problem.line, problem.col,
                        problem.message)
        return
    reason = progress[-1] if progress else f"exit code {done.returncode}"
    raise ZensicalFailed(
        "\n".join([f"Zensical did not build the site: {reason}",
                   *(problem.format_text().splitlines()[0] for problem in problems)]),
        problems)


_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
_PROBLEM = re.compile(r"^(Warning|Error): (.*)$")
_WHERE = re.compile(r"\[ (.+?):(\d+):(\d+) \]")


def _said(output: str, docs_shown: str) -> tuple[list[str], list[Diagnostic]]:
    """Zensical's output as its progress lines and its problems, each located in the
    docs folder where Zensical says (``docs/page.md:3:17: ... page does not exist``);
    its drawings of the source and the Python traceback it ends a failure with are left
    out."""
    progress: list[str] = []
    problems: list[Diagnostic] = []
    pending: str | None = None
    in_traceback = False
    for raw in _COLOUR.sub("", output).splitlines():
        line = printable(raw.strip())
        if raw.startswith("Traceback (most recent call last)"):
            in_traceback = True
            continue
        if in_traceback:
            if raw.startswith(" "):
                continue  # its frames
            in_traceback = False
            line = re.sub(r"^[\w.]+(Error|Exception): ", "", line)
        problem, where = _PROBLEM.match(line), _WHERE.search(line)
        if problem:
            if pending is not None:
                problems.append(Diagnostic(docs_shown, 1, 1, CODE, pending, HINT))
            pending = problem.group(2)
        elif where and pending is not None:
            file, row, column = where.groups()
            problems.append(Diagnostic(f"{docs_shown}/{file}", int(row), int(column), CODE,
                                       pending, HINT))
            pending = None
        elif line and not raw.startswith(" ") and not line.startswith(("│", "─")):
            progress.append(line)
    if pending is not None:
        problems.append(Diagnostic(docs_shown, 1, 1, CODE, pending, HINT))
    return progress, problems


_THEME_BUTTONS = re.compile(r'<a\b[^>]*\bclass="md-content__button\b[^"]*"[^>]*>.*?</a>',
                            re.DOTALL)
"""The theme's own edit and view buttons at the top of an article (icons drawn in SVG)."""


def gate_findings(page: Path) -> list[str]:
    """What the publish gate finds in a built page: the article as our content (less the
    theme's buttons), the rest as the theme's page, as the plugin checks them."""
    try:
        html = page.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [f"cannot be read ({printable(str(exc))})"]
    article, theme = split_article(html)
    return inspect_html(_THEME_BUTTONS.sub("", article)) + inspect_html(theme,
                                                                       whole_page=True)


def serve(site: Site, config_file: Path, staged: Staged, *, dev_addr: str,
          open_in_browser: bool, restage: Callable[[], Staged]) -> None:
    """``zensical serve`` of the site's project, kept in ``.<site>.zensical-serve``
    beside the site (apart from the one ``build`` keeps, so that both can run at once).
    An edit to anything the site is built from (its configuration, docs, theme folder,
    profile, logo, library: :func:`project.site_sources`) stages the project again
    (``restage`` gives it as the files are now), writing only the files that changed,
    each atomically: Zensical sees them and rebuilds those pages. A mistake in an edit
    is reported and the pages stay as they were. Ctrl-C or SIGTERM stops both servers;
    Zensical's stopping by itself is a failure (exit code 1)."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    folder = project_folder(Path(site.config.site_dir), public=staged.public)
    project = folder.with_name(f"{folder.name}-serve")
    write_changed(project, staged.files, keep=(SITE,))
    changed = threading.Event()

    class Changed(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type not in ("opened", "closed_no_write"):
                changed.set()

    observer = Observer()
    # The library too when it is the bundled one, which publish leaves out of the sources.
    library = [site.loaded.inputs.content_dir] if site.loaded is not None else []
    for path in dict.fromkeys([*site_sources(site, config_file), *library]):
        if path.exists():
            observer.schedule(Changed(), str(path), recursive=path.is_dir())
    command = [sys.executable, "-m", "zensical", "serve", "-f", str(project / CONFIG_FILE),
               "-a", dev_addr, *(["--open"] if open_in_browser else [])]
    previous = signal.signal(signal.SIGTERM, _interrupt)
    observer.start()
    server = subprocess.Popen(command, cwd=project)
    gate = _PreviewGate(project / SITE)
    try:
        while server.poll() is None:
            if not changed.wait(0.2):
                gate.check(staged)
                continue
            time.sleep(0.05)  # an editor's save is often several writes
            changed.clear()
            try:
                staged = restage()
                written = write_changed(project, staged.files, keep=(SITE,))
            except click.ClickException as exc:  # invalid input, a failed render
                exc.show()
                continue
            except OSError as exc:  # a file an editor removed while it was read
                log.warning("playbook: %s; the pages stay as they were",
                            printable(str(exc)))
                continue
            log.info("playbook: %d file(s) changed", len(written))
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        observer.stop()
        if server.poll() is None:
            server.terminate()
        stopped = server.wait()
    if stopped not in (0, -signal.SIGTERM, -signal.SIGINT):
        raise click.ClickException(f"Zensical's server stopped (exit code {stopped});"
                                   " see its messages above")


@dataclass
class _PreviewGate:
    """The publish gate over the preview: each generated page Zensical's server writes
    (again) is read, and what the gate finds is reported, as ``playbook build`` would
    refuse it. (Zensical's server shows the page all the same: it cannot be stopped.)"""

    site: Path
    seen: dict[str, int] = field(default_factory=dict)
    """Each page's modification time when it was last read."""

    def check(self, staged: Staged) -> None:
        for src, html in staged.generated.items():
            page = self.site / html
            try:
                modified = page.stat().st_mtime_ns
            except OSError:
                continue
            if self.seen.get(src) == modified:
                continue
            self.seen[src] = modified
            for finding in gate_findings(page):
                log.warning("publish gate: %s: %s; playbook build would not publish it",
                            src, finding)


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM as Ctrl-C: the servers are stopped, not left running."""
    raise KeyboardInterrupt
