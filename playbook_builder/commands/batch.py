"""Many playbooks at once: one site per profile in ``OUT/<slug>/``, plus an index page.

Every profile is validated first (the library is loaded once, in this process); sites
then build in parallel worker processes, each through the same safe output as a single
build. A failing profile is reported while the others still build. ``changed_only``
skips sites whose inputs are byte-for-byte what they were built from (a fingerprint is
kept in each site's marker file), and ``shard`` splits the profiles across CI jobs.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import html
import json
import logging
import multiprocessing
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePath
from typing import Any, Literal

import click

from .. import __version__
from ..inputs.diagnostics import (
    Diagnostic,
    InputError,
    format_diagnostics,
    printable,
    shortened,
)
from ..inputs.files import read_limited
from ..inputs.ids import derived_id
from ..inputs.images import MAX_IMAGE_BYTES
from ..inputs.loading import display_path, load_library, logo_path
from ..inputs.values import ID_PATTERN, WINDOWS_DEVICES
from ..inputs.yamlsource import MAX_BYTES
from ..pipeline import load
from ..resources import data_dir
from ..site.parts import Inputs
from .handover import PROFILE_ENV, public_requested
from .output import MARKER, DiskFull, OutputError, publish_atomically
from .problems import EXIT_INVALID, Invalid, UsageProblem, output_problem
from .project import library_folder, site_config
from .strictness import tighten

Status = Literal["built", "unchanged", "invalid", "failed"]


@dataclass(frozen=True)
class SiteJob:
    profile: Path
    slug: str
    title: str
    out: Path
    fingerprint: str


@dataclass(frozen=True)
class SiteResult:
    profile: Path
    slug: str
    status: Status
    seconds: float = 0.0
    message: str = ""
    diagnostics: tuple[Diagnostic, ...] = ()


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/4"`` -> ``(2, 4)``; raises ValueError with a readable message."""
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        raise ValueError(f"'{printable(shortened(text))}' is not a shard; write it as I/N,"
                         " such as 1/4") from None
    if not 1 <= index <= count:
        raise ValueError(f"shard '{printable(shortened(text))}': I must be between 1 and N")
    return index, count


def find_profiles(folder: Path, shard: tuple[int, int] = (1, 1)) -> list[Path]:
    """The profiles in ``folder`` (sorted by name), keeping only this shard's share."""
    every = sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())
    index, count = shard
    return [p for i, p in enumerate(every) if i % count == index - 1]


def plan(
    profiles: Sequence[Path], out: Path, content_dir: Path, inputs_hash: str
) -> tuple[list[SiteJob], list[SiteResult]]:
    """Validate every profile as a build does, bounds included: a job for each valid
    one, a result for each invalid one."""
    jobs: list[SiteJob] = []
    invalid: list[SiteResult] = []
    slugs: dict[str, tuple[Path, bool]] = {}  # and whether the slug was written
    for path in profiles:
        try:
            pb = load(Inputs(path, content_dir)).playbook
        except InputError as exc:
            invalid.append(SiteResult(path, path.stem, "invalid",
                                      diagnostics=tuple(exc.diagnostics)))
            continue
        written = pb.profile.organisation.slug
        slug = written or _slug(path.stem)
        if slug in slugs:
            clash = _slug_clash(path, slug, written is not None, *slugs[slug])
            invalid.append(SiteResult(path, slug, "invalid", diagnostics=(clash,)))
            continue
        slugs[slug] = (path, written is not None)
        logo = pb.profile.organisation.logo
        files = [path, *([logo_path(path, logo)] if logo else [])]
        jobs.append(SiteJob(path, slug, pb.title, out / slug, _fingerprint(inputs_hash, files)))
    return jobs, invalid


def _slug_clash(path: Path, slug: str, written: bool, first: Path,
                first_written: bool) -> Diagnostic:
    """Two profiles that would be built into one folder. Two file names that differ
    only in letter case (``Riverside.yml``, ``riverside.yml``) are named as such: Linux
    keeps both, but Windows and macOS cannot, and the fix is a new name."""
    if not (written or first_written) and path.stem.casefold() == first.stem.casefold():
        return Diagnostic(display_path(path), 1, 1, "PB202",
                          f"would be built into {slug}/, as {display_path(first)} is: the"
                          " two file names differ only in letter case",
                          "rename one of the files, or give one its own"
                          " 'organisation: slug:'")
    return Diagnostic(display_path(path), 1, 1, "PB202",
                      f"slug '{slug}' is already used by {display_path(first)}",
                      "set a different 'organisation: slug:'")


def hash_inputs(config_file: Path, folders: Iterable[Path], engine: str = "mkdocs") -> str:
    """A hash of what every site shares: the tools' versions, the engine, the
    configuration, whether the sites are public, and every file in ``folders`` (the
    library, docs, theme overrides, our templates). A public site is never taken for the
    full one, nor the other way, nor a site one engine built for the other's."""
    audience = "public" if public_requested() else "full"
    tools = ("mkdocs", "mkdocs-material", *(["zensical"] if engine == "zensical" else []))
    versions = [__version__, audience, engine, *(metadata.version(p) for p in tools)]
    digest = hashlib.sha256("\0".join(versions).encode())
    files = sorted({p for folder in folders if folder.is_dir()
                    for p in folder.rglob("*") if p.is_file()})
    for path in [config_file, *files]:
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _fingerprint(shared: str, files: Iterable[Path]) -> str:
    digest = hashlib.sha256(shared.encode())
    for path in files:  # where the profile is matters too: edit links name it
        # Read as validation reads them: bounded, and never a pipe swapped in since.
        content = read_limited(path, max(MAX_BYTES, MAX_IMAGE_BYTES))
        digest.update(os.fsencode(path.absolute()) + b"\0" + content + b"\0")
    return f"built by playbook from inputs {digest.hexdigest()}\n"


def _slug(name: str) -> str:
    """A folder name from a profile's file name, derived as every id is (ASCII, the same
    however the name was typed), never a name Windows keeps."""
    slug = derived_id(name, fallback="site")
    return f"{slug}-site" if slug in WINDOWS_DEVICES else slug


def is_unchanged(job: SiteJob) -> bool:
    marker = job.out / MARKER
    return marker.is_file() and marker.read_text(encoding="utf-8") == job.fingerprint


def run(
    jobs: Sequence[SiteJob],
    config_file: Path,
    workers: int,
    report: Callable[[SiteResult], None],
    strict: bool | None = None,
    engine: str = "mkdocs",
) -> list[SiteResult]:
    """Build every job in ``workers`` processes, reporting each result as it comes."""
    results: list[SiteResult] = []
    if not jobs:
        return results
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(build_site, job, str(config_file), strict, engine)
                   for job in jobs]
        for future in as_completed(futures):
            result = future.result()
            results.append(result)
            report(result)
    return sorted(results, key=lambda r: r.slug)


def build_site(job: SiteJob, config_file: str, strict: bool | None = None,
               engine: str = "mkdocs") -> SiteResult:
    """One site, built in a worker process; never raises. ``strict`` None keeps the
    configuration's own setting."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    started = time.perf_counter()
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    os.environ[PROFILE_ENV] = str(job.profile.absolute())

    if engine == "zensical":
        from . import zensical

        def build_into(staging: Path) -> None:
            with site_config(Path(config_file), None, "text", strict=strict) as site:
                staged = zensical.stage(site, Path(config_file))
            zensical.build(staged, job.out, staging, strict=bool(site.config.strict),
                           within=job.out.parent)
    else:
        def build_into(staging: Path) -> None:
            config = load_config(config_file, site_dir=str(staging), strict=strict)
            tighten(config)
            build(config)

    try:
        publish_atomically(job.out, build_into, marker=job.fingerprint)
    except (OutputError, Exception) as exc:  # one site's failure must not stop the others
        message = str(exc) or type(exc).__name__
        return SiteResult(job.profile, job.slug, "failed", time.perf_counter() - started,
                          message)
    return SiteResult(job.profile, job.slug, "built", time.perf_counter() - started)


INDEX_MARKER = ".playbook-sites"
"""Marks a folder of playbooks that we made; it lists the sites its index page links."""


def claim_folder(out: Path) -> None:
    """Make ``out`` a folder of playbooks before anything is built into it: it must be
    missing, empty, or one we made before."""
    with _writing(out):
        _claim_folder(out)


@contextlib.contextmanager
def _writing(out: Path) -> Iterator[None]:
    """Operating system errors while writing ``out`` as one-line output problems."""
    try:
        yield
    except OSError as exc:
        shown = printable(str(out))
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFull(f"{shown}: the disk is full") from None
        raise OutputError(f"{shown}: cannot write the playbooks there"
                          f" ({printable(exc.strerror or str(exc))}); choose another --out,"
                          " or make the folder writable") from None


def _claim_folder(out: Path) -> None:
    if out.exists() and (not out.is_dir() or (
            any(out.iterdir()) and not (out / INDEX_MARKER).is_file())):
        raise OutputError(f"{out}: refusing to write playbooks into a folder that playbook"
                          " did not make; choose another --out")
    out.mkdir(parents=True, exist_ok=True)
    if not (out / INDEX_MARKER).exists():
        _write_atomically(out / INDEX_MARKER, json.dumps({"sites": []}) + "\n")


def write_index(out: Path, jobs: Sequence[SiteJob], invalid: Iterable[Path] = ()) -> None:
    """``OUT/index.html``: a plain page linking every playbook, replaced atomically.

    A profile in ``invalid`` keeps the entry it had, as long as its last site is still
    there: an invalid profile leaves its published site as it was, listed as it was.
    """
    with _writing(out):
        _write_index(out, jobs, invalid)


def _write_index(out: Path, jobs: Sequence[SiteJob], invalid: Iterable[Path]) -> None:
    _claim_folder(out)
    sites = {_listed_as(job.profile): {"slug": job.slug, "title": job.title}
             for job in jobs}
    taken = {site["slug"] for site in sites.values()}
    previous = _listed(out)
    for profile in map(_listed_as, invalid):
        site = previous.get(profile)
        if site and site["slug"] not in taken and (out / site["slug"]).is_dir():
            sites[profile] = site
            taken.add(site["slug"])
    items = "\n".join(
        f'    <li><a href="{html.escape(site["slug"])}/">{html.escape(site["title"])}</a></li>'
        for site in sorted(sites.values(), key=lambda s: (s["title"].lower(), s["slug"]))
    )
    page = (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n"
        "  <title>Playbooks</title>\n</head>\n<body>\n  <h1>Playbooks</h1>\n  <ul>\n"
        f"{items}\n  </ul>\n</body>\n</html>\n"
    )
    listing = [{"profile": profile, **site} for profile, site in sorted(sites.items())]
    _write_atomically(out / INDEX_MARKER, json.dumps({"sites": listing}, indent=1) + "\n")
    _write_atomically(out / "index.html", page)


def _listed_as(profile: Path | str) -> str:
    """How the index names a site's profile: by its file name, unique among the profiles
    of one folder (``--profiles`` reads no other). The folder is left out: the index is
    published with the sites, and where the build ran (``/home/ci/...``) is nobody's
    business; the same profiles built elsewhere, or from a moved folder, keep their
    entries. An index written with whole paths is read by their last part."""
    return PurePath(profile).name


def _listed(out: Path) -> dict[str, dict[str, str]]:
    """The sites the index listed last time, by profile; nothing if it cannot be read."""
    try:
        data = json.loads((out / INDEX_MARKER).read_text(encoding="utf-8"))
        return {_listed_as(str(site["profile"])): {"slug": str(site["slug"]),
                                                    "title": str(site["title"])}
                for site in data["sites"]
                if _SLUG.match(str(site["slug"]))}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


_SLUG = re.compile(ID_PATTERN)  # slugs are ids


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.parent / f".{path.name}.{os.getpid()}.tmp"
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def build_many(config_file: Path, folder: Path, out: Path | None, jobs: int,
               changed_only: bool, shard_text: str | None, strict: bool | None,
               fmt: str, engine: str = "mkdocs") -> None:
    """``playbook build --profiles``: one site per profile, every problem reported, the
    others still built. Exits with 1 when a site failed, 2 when a profile is invalid."""
    try:
        shard = parse_shard(shard_text) if shard_text else (1, 1)
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None
    with site_config(config_file, None, fmt, validate=False) as site:
        config = site.config
        content_dir = library_folder(site.require_plugin(config_file).config,
                                     config.config_file_path)
        target = (out or Path(config["site_dir"])).absolute()
        shared_folders = [content_dir, Path(config.docs_dir), *_theme_folders(config)]
    try:
        load_library(content_dir)  # its problems once, not once per profile
    except InputError as exc:
        raise Invalid(exc.diagnostics, fmt) from None
    shared = hash_inputs(config_file, shared_folders, engine)
    # Every profile is planned, so that slugs are unique and the index is whole across
    # shards; this shard builds (and reports) only its own share.
    everything, every_invalid = plan(find_profiles(folder), target, content_dir, shared)
    mine = set(find_profiles(folder, shard))
    planned = [job for job in everything if job.profile in mine]
    invalid = [result for result in every_invalid if result.profile in mine]
    todo = [job for job in planned if not (changed_only and is_unchanged(job))]
    for job in planned:
        if job not in todo:
            click.echo(f"{job.slug}: unchanged", err=True)
    try:
        claim_folder(target)  # before anything is built into it
        results = _run_with_progress(todo, config_file, jobs, strict, engine)
        write_index(target, everything, invalid=[r.profile for r in every_invalid])
    except OutputError as exc:
        raise output_problem(exc) from None
    failed = [r for r in results if r.status == "failed"]
    click.echo(f"{len(results) - len(failed)} built, {len(planned) - len(todo)} unchanged, "
               f"{len(failed)} failed, {len(invalid)} invalid", err=True)
    if invalid:
        report = format_diagnostics([d for r in invalid for d in r.diagnostics], fmt)
        click.echo(report, err=fmt == "text")
    if failed or invalid:
        raise SystemExit(1 if failed else EXIT_INVALID)


def _theme_folders(config: Any) -> list[Path]:
    """The theme folders a site's pages depend on: ours and the user's overrides."""
    custom = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
    return [*custom, data_dir("overrides"), Path(__file__).parent.parent / "site" / "templates"]


def _run_with_progress(jobs: list[SiteJob], config_file: Path, workers: int,
                       strict: bool | None, engine: str = "mkdocs") -> list[SiteResult]:
    """Build, showing a progress bar on a terminal and one plain line per site otherwise."""

    def line(result: SiteResult) -> str:
        detail = f": {result.message}" if result.message else ""
        return f"{result.slug}: {result.status} in {result.seconds:.1f} s{detail}"

    if not sys.stderr.isatty():
        return run(jobs, config_file, workers, lambda r: click.echo(line(r), err=True), strict,
                   engine)
    with click.progressbar(length=len(jobs), label="building", file=sys.stderr) as bar:
        def advance(result: SiteResult) -> None:
            if result.status == "failed":
                click.echo("\n" + line(result), err=True)
            bar.update(1)
        return run(jobs, config_file, workers, advance, strict, engine)
