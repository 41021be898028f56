"""From files to a validated :class:`Playbook`: the library, the profile and their merge.

Every stage collects its problems and the loader raises one :class:`InputError` with all
of them, so a user fixes everything in one pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from .diagnostics import Diagnostic, InputError, did_you_mean
from .library import KINDS, STEP_IDS, Item, Library
from .merge import merge
from .playbook import Playbook
from .profile import Profile
from .references import check_paths, check_references
from .sitemap import targets
from .validation import validate
from .yamlsource import Document, load_yaml


def display_path(path: Path) -> str:
    """``path`` as users wrote it, or relative to the current folder when inside it."""
    if path.is_absolute() and path.is_relative_to(Path.cwd()):
        return path.relative_to(Path.cwd()).as_posix()
    return path.as_posix()


def load_library(content_dir: Path) -> Library:
    """The curated library under ``content_dir``; re-read only when a file changed."""
    files = tuple(_library_files(content_dir))
    stamp = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    return _load_library_cached(content_dir, stamp)


def _library_files(content_dir: Path) -> Iterator[Path]:
    for kind in KINDS:
        yield from sorted((content_dir / kind).glob("*.yml"))


@lru_cache(maxsize=4)
def _load_library_cached(
    content_dir: Path, stamp: tuple[tuple[str, int, int], ...]
) -> Library:
    if not content_dir.is_dir():
        raise InputError([Diagnostic(
            display_path(content_dir), 1, 1, "PB001", "library folder not found",
            "set 'content_dir' to the folder holding principles/, platforms/, ...",
        )])
    problems: list[Diagnostic] = []
    found: dict[str, list[Item]] = {kind: [] for kind in KINDS}
    sources: dict[tuple[str, str], str] = {}
    for kind, model in KINDS.items():
        for path in sorted((content_dir / kind).glob("*.yml")):
            item = _load_item(path, model, problems)
            if item is not None:
                found[kind].append(item)
                sources[(kind, item.id)] = display_path(path)
    found["steps"].sort(key=lambda step: getattr(step, "order", 0))
    library = Library(**{kind: tuple(items) for kind, items in found.items()},  # type: ignore[arg-type]
                      sources=sources)
    if not problems:  # cross-item checks only make sense once every item loaded
        problems = _check_library(library)
    if problems:
        raise InputError(problems)
    return library


def _load_item(path: Path, model: type[Item], problems: list[Diagnostic]) -> Item | None:
    try:
        doc = load_yaml(path, display_path(path))
    except InputError as exc:
        problems += exc.diagnostics
        return None
    item, errors = validate(doc, model)
    problems += errors
    if item is not None and item.id != path.stem:
        problems.append(doc.diagnostic(
            ("id",), "PB202", f"id '{item.id}' does not match the file name '{path.name}'",
            f"rename the file to '{item.id}.yml' or set 'id: {path.stem}'",
        ))
    return item


def _check_library(library: Library) -> list[Diagnostic]:
    problems = []
    where = library.sources
    steps = {s.id for s in library.steps}
    for missing in sorted(set(STEP_IDS) - steps):
        problems.append(Diagnostic(
            "steps", 1, 1, "PB205", f"the library has no step '{missing}'",
            f"add steps/{missing}.yml",
        ))
    exercises = {e.id: e for e in library.exercises}
    for step in library.steps:
        if step.exercise not in exercises:
            problems.append(Diagnostic(
                where[("steps", step.id)], 1, 1, "PB201", f"unknown exercise '{step.exercise}'",
                did_you_mean(step.exercise, exercises),
            ))
    return problems


def load_profile(path: Path, library: Library) -> Playbook:
    """The playbook described by the profile at ``path``, merged with ``library``."""
    doc = load_yaml(path, display_path(path))
    profile, problems = validate(doc, Profile)
    if profile is None:
        raise InputError(problems)
    problems = check_references(doc, profile, library)
    problems += _check_logo(doc, profile, path)
    playbook = merge(profile, library, doc.file)
    problems += check_paths(doc, profile, targets(playbook))
    if problems:
        raise InputError(problems)
    return playbook


def logo_path(profile_path: Path, logo: str) -> Path:
    return profile_path.parent / logo


def _check_logo(doc: Document, profile: Profile, path: Path) -> list[Diagnostic]:
    logo = profile.organisation.logo
    if logo is None:
        return []
    loc = ("organisation", "logo")
    folder = path.parent.resolve()
    target = logo_path(path, logo)
    if Path(logo).is_absolute() or ".." in Path(logo).parts:
        return [doc.diagnostic(loc, "PB206", f"logo '{logo}' points outside the profile's folder",
                               "put the logo next to the profile and give a relative path")]
    if not target.is_file():
        return [doc.diagnostic(loc, "PB001", f"logo '{logo}' not found",
                               "the path is relative to the profile's folder")]
    if not target.resolve().is_relative_to(folder):
        return [doc.diagnostic(loc, "PB206", f"logo '{logo}' leads outside the profile's folder",
                               "copy the image into the profile's folder instead of linking it")]
    return []
