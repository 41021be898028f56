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
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click
from mkdocs.exceptions import BuildError

from ..inputs.diagnostics import Diagnostic, InputError, printable
from ..inputs.loading import display_path, logo_path
from ..pipeline import prepare_site
from ..playbook.snapshot import FILE_NAME
from ..site.gate import inspect_html
from ..site.parts import SiteParts
from ..site.sources import SourceRules
from .export import CONFIG_FILE, project_files, site_settings, strips_slash
from .handover import previous_version, version_selector
from .problems import UsageProblem
from .project import uses_tags

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
    generated: tuple[str, ...]
    """The generated pages (by path in the docs folder) the project's own do not replace."""
    directory_urls: bool
    docs_shown: str
    """The project's docs folder, as problems in its pages are located."""


def stage(site: Site, config_file: Path) -> Staged:
    """The project Zensical builds for this site: checked inputs rendered as the plugin
    renders them, with the project's own pages, theme folder, navigation and settings.
    Raises :class:`InputError` for a file that must not be published."""
    config, plugin = site.config, site.require_plugin(config_file)
    loaded = site.require_playbook(config_file)
    tags = uses_tags(config)
    parts = prepare_site(loaded, tags=tags, use_directory_urls=config.use_directory_urls,
                         previous=previous_version(), cache_folder=plugin.cache_folder(config))
    settings = site_settings(config, with_docs=True)
    selector = version_selector()
    if selector is not None:
        settings["extra"].setdefault("version", selector)
    docs = _own_files(config)
    custom_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    files = project_files(parts, settings, tags=tags, brand=plugin.config.brand, docs=docs,
                          custom_dir=custom_dir, user_nav=config.nav,
                          strip_slash=strips_slash(config))
    generated = tuple(page.src for page in parts.pages if page.src not in docs)
    return Staged(parts, files, generated, config.use_directory_urls,
                  display_path(Path(config.docs_dir)))


def _own_files(config: MkDocsConfig) -> dict[str, bytes]:
    """The project's own docs files, but hidden ones (as MkDocs leaves them out), once
    the rules of :mod:`site.sources` pass them and its theme folder."""
    project = Path(os.path.abspath(os.path.dirname(config.config_file_path or CONFIG_FILE)))
    rules = SourceRules.for_project(project, config.docs_dir, config.theme.custom_dir,
                                    config.theme.dirs)
    problems: list[Diagnostic] = list(rules.folder_problems(config.docs_dir, files=True))
    if config.theme.custom_dir:
        problems += rules.folder_problems(config.theme.custom_dir, files=True)
    if problems:
        raise InputError(problems)
    docs = Path(config.docs_dir)
    found: dict[str, bytes] = {}
    for root, dirs, names in os.walk(docs, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                path = Path(root, name)
                found[path.relative_to(docs).as_posix()] = path.read_bytes()
    return found


def project_folder(target: Path) -> Path:
    """Where the project of the site at ``target`` is kept between builds."""
    target = Path(os.path.realpath(target))
    return target.with_name(f".{target.name}.zensical")


def write_changed(folder: Path, files: dict[str, bytes], *, keep: tuple[str, ...] = ()
                  ) -> list[str]:
    """Make ``folder`` hold ``files``, writing only those whose bytes changed, each
    atomically (a server reading the folder never sees half a file), and removing files
    that are no longer there (but top-level entries named in ``keep``, and hidden ones,
    such as Zensical's cache). Returns the paths written."""
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
    for root, dirs, names in os.walk(folder, topdown=True):
        here = Path(root).relative_to(folder)
        if here == Path("."):
            dirs[:] = [d for d in dirs if d not in keep and not d.startswith(".")]
        for name in names:
            relative = (here / name).as_posix()
            if relative not in files and not (here == Path(".") and name.startswith(".")):
                (Path(root) / name).unlink()
    return written


def build(staged: Staged, target: Path, into: Path, *, strict: bool) -> None:
    """Build ``staged`` with Zensical in the project folder of ``target``, pass every
    generated page through the gate, and move the site into ``into`` (the staging
    folder that is swapped in). Raises :class:`ZensicalFailed`."""
    project = project_folder(target)
    project.mkdir(exist_ok=True)
    write_changed(project, staged.files, keep=(SITE,))
    built = project / SITE
    shutil.rmtree(built, ignore_errors=True)  # a failed build's pages are not kept
    run_zensical(project, strict=strict, docs_shown=staged.docs_shown)
    findings = [f"{src}: {finding}" for src in staged.generated
                for finding in gate_findings(built / _html_path(src, staged.directory_urls))]
    if findings:
        listed = "\n".join(f"  {finding}" for finding in findings)
        raise ZensicalFailed("publish gate: generated pages contain what our templates"
                             f" never put there; not publishing:\n{listed}")
    for entry in built.iterdir():
        os.replace(entry, into / entry.name)
    (into / FILE_NAME).write_text(staged.parts.snapshot, encoding="utf-8")
    built.rmdir()


def run_zensical(project: Path, *, strict: bool, docs_shown: str = "docs") -> None:
    """``zensical build`` of ``project`` with this Python. Its progress is shown as
    MkDocs' messages are (``-q`` hides it), each problem as a warning located in the
    project's docs folder (``docs_shown``); a failed build raises with them."""
    command = [sys.executable, "-m", "zensical", "build", "-f",
               str(project / CONFIG_FILE), *(["--strict"] if strict else [])]
    done = subprocess.run(command, cwd=project, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, check=False)
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
_WHERE = re.compile(r"\[ (\S+):(\d+):(\d+) \]")


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


def _html_path(src: str, directory_urls: bool) -> str:
    """Where a page's HTML is written, as MkDocs and Zensical both write it."""
    stem = src[: -len(".md")]
    if not directory_urls or stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html"


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
    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < start:
        return inspect_html(html)
    article = _THEME_BUTTONS.sub("", html[start:end])
    return inspect_html(article) + inspect_html(html[:start] + html[end:], whole_page=True)



def serve(site: Site, config_file: Path, *, dev_addr: str, open_in_browser: bool,
          reload: Callable[[], Site]) -> None:
    """``zensical serve`` of the site's project, kept in ``.<site>.zensical-serve``
    beside the site (apart from the one ``build`` keeps, so that both can run at once).
    An edit to the profile, the library, the logo, the docs or the theme folder stages
    the project again, writing only the files that changed, each atomically: Zensical
    sees them and rebuilds those pages. ``reload`` gives the site as its files are now;
    invalid input is reported and the pages stay as they were."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    project = project_folder(Path(site.config.site_dir)).with_suffix(".zensical-serve")
    project.mkdir(exist_ok=True)
    staged = stage(site, config_file)
    write_changed(project, staged.files, keep=(SITE,))
    changed = threading.Event()

    class Changed(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type not in ("opened", "closed_no_write"):
                changed.set()

    observer = Observer()
    for path in _watched(site):
        observer.schedule(Changed(), str(path), recursive=path.is_dir())
    observer.start()
    command = [sys.executable, "-m", "zensical", "serve", "-f", str(project / CONFIG_FILE),
               "-a", dev_addr, *(["--open"] if open_in_browser else [])]
    server = subprocess.Popen(command, cwd=project)
    try:
        while server.poll() is None:
            if not changed.wait(0.2):
                continue
            time.sleep(0.05)  # an editor's save is often several writes
            changed.clear()
            try:
                written = write_changed(project, stage(reload(), config_file).files,
                                        keep=(SITE,))
            except click.ClickException as exc:
                exc.show()
                continue
            log.info("playbook: %d file(s) changed", len(written))
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.terminate()
        server.wait()


def _watched(site: Site) -> list[Path]:
    """What the site is built from, that an edit to rebuilds it: the configuration, the
    docs and theme folders, and the playbook's profile, logo and library."""
    config = site.config
    paths = [Path(config.config_file_path), Path(config.docs_dir)]
    if config.theme.custom_dir:
        paths.append(Path(config.theme.custom_dir))
    if site.loaded is not None:
        paths += [site.loaded.inputs.profile, site.loaded.inputs.content_dir]
        logo = site.loaded.playbook.profile.organisation.logo
        if logo:
            paths.append(logo_path(site.loaded.inputs.profile, logo))
    return [path for path in dict.fromkeys(paths) if path.exists()]
