"""From files to checked inputs: the library, and a profile checked against it.

Every stage collects its problems and the loader raises one :class:`InputError` with all
of them, so a user fixes everything in one pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .diagnostics import Diagnostic, InputError, Suggestions, did_you_mean
from .images import IMAGE_TYPES, MAX_IMAGE_BYTES, ImageProblem, checked_image
from .library import KINDS, STEP_IDS, Item, Library
from .profile import Profile
from .references import check_references
from .validation import parse, validate
from .yamlsource import Document, load_yaml


def display_path(path: Path) -> str:
    """``path`` as users wrote it, or relative to the current folder when inside it."""
    if path.is_absolute() and path.is_relative_to(Path.cwd()):
        return path.relative_to(Path.cwd()).as_posix()
    return path.as_posix()


def load_library(content_dir: Path) -> Library:
    """The curated library under ``content_dir``; re-read only when a file changed."""
    files = tuple(_library_files(content_dir))
    return _load_library_cached(content_dir, tuple((str(f), *_stamp(f)) for f in files))


def _stamp(path: Path) -> tuple[int, int]:
    """When ``path`` last changed and its size; a link that leads nowhere has none, and is
    reported when the library is read."""
    try:
        st = path.stat()
    except OSError:
        return -1, -1
    return st.st_mtime_ns, st.st_size


def _library_files(content_dir: Path) -> Iterator[Path]:
    """Every visible file in the library's kind folders, items or not."""
    for kind in KINDS:
        folder = content_dir / kind
        if folder.is_dir():
            yield from _in_order(p for p in folder.iterdir() if not p.name.startswith("."))


def _in_order(paths: Iterable[Path]) -> list[Path]:
    """Files of one folder by name (comparing names is much faster than comparing paths)."""
    return sorted(paths, key=lambda p: p.name)


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
    docs: dict[tuple[str, str], Document] = {}
    root = content_dir.resolve()
    for kind, model in KINDS.items():
        for path in _library_files_of(content_dir / kind, problems, root):
            loaded = _load_item(path, model, problems)
            if loaded is not None:
                item, doc = loaded
                found[kind].append(item)
                docs[(kind, item.id)] = doc
    for kind in ("steps", "incidents", "standards"):  # by their 'order', not their file name
        found[kind].sort(key=lambda item: (getattr(item, "order", 0), item.id))
    library = Library(**{kind: tuple(items) for kind, items in found.items()})  # type: ignore[arg-type]
    if not problems:  # cross-item checks only make sense once every item loaded
        problems = _check_library(library, docs, content_dir)
    if problems:
        raise InputError(problems)
    return library


def _library_files_of(
    folder: Path, problems: list[Diagnostic], library_folder: Path
) -> list[Path]:
    """The item files in ``folder``. A link must stay inside the library folder; what is
    not a regular file (a named pipe, a device) is refused when it is read."""
    items = []
    for path in _in_order(folder.iterdir()) if folder.is_dir() else []:
        if path.name.startswith("."):
            continue
        if path.suffix not in (".yml", ".yaml") or path.is_dir():
            problems.append(Diagnostic(
                display_path(path), 1, 1, "PB009", "not a library item file",
                "library items are YAML files ending in .yml; move other files elsewhere",
            ))
        elif not _inside(path, library_folder):
            problems.append(Diagnostic(
                display_path(path), 1, 1, "PB206", "leads outside the library folder",
                "copy the file into the library instead of linking it",
            ))
        else:
            items.append(path)
    return items


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, links followed, is inside ``folder``; a link that loops is left
    for reading to report."""
    try:
        return path.resolve().is_relative_to(folder)
    except RuntimeError:  # before Python 3.13, resolve() reports a loop this way
        return True


def _load_item(
    path: Path, model: type[Item], problems: list[Diagnostic]
) -> tuple[Item, Document] | None:
    try:
        doc = load_yaml(path, display_path(path))
    except InputError as exc:
        problems += exc.diagnostics
        return None
    # The library is ours and reviewed, and no editor checks it against a schema: its
    # values are judged as text only (steps write 'order: "1"').
    item, errors = validate(doc, model, yaml_types=False)
    problems += errors
    if item is None:
        return None
    if item.id != path.stem:
        problems.append(doc.diagnostic(
            ("id",), "PB202", f"id '{item.id}' does not match the file name '{path.name}'",
            f"rename the file to '{item.id}{path.suffix}' or set 'id: {path.stem}'",
        ))
    return item, doc


def _check_library(
    library: Library, docs: dict[tuple[str, str], Document], content_dir: Path
) -> list[Diagnostic]:
    problems = []
    steps = {s.id for s in library.steps}
    for missing in sorted(set(STEP_IDS) - steps):
        problems.append(Diagnostic(
            display_path(content_dir / "steps" / f"{missing}.yml"), 1, 1, "PB205",
            f"the library has no step '{missing}'", "add this file: every step is needed",
        ))
    exercises = {e.id: e for e in library.exercises}
    for step in library.steps:
        if step.exercise not in exercises:
            problems.append(docs[("steps", step.id)].diagnostic(
                ("exercise",), "PB201", f"unknown exercise '{step.exercise}'",
                did_you_mean(step.exercise, exercises),
            ))
    return problems


@dataclass(frozen=True, slots=True)
class CheckedProfile:
    """A profile of a valid shape, and what is wrong in it so far (its references and its
    logo). What only the merged playbook can judge, role paths and the site's bounds, the
    pipeline adds before it raises every problem together."""

    doc: Document
    profile: Profile
    problems: tuple[Diagnostic, ...]
    suggest: Suggestions
    """The one bound on did-you-mean work for the whole profile, for the checks to come."""


def check_profile(path: Path, library: Library) -> CheckedProfile:
    """The profile at ``path``, checked against ``library``. Raises :class:`InputError`
    when its shape is invalid, with the broken references of its valid sections too."""
    doc = load_yaml(path, display_path(path))
    suggest = Suggestions()
    profile, problems = validate(doc, Profile, suggest=suggest)
    if profile is None:
        # Report the references of the sections that are valid too, in the same run.
        partial, broken = partial_profile(doc.data)
        unchecked = {_REFERRED_AS[k] for k in broken if k in _REFERRED_AS}
        raise InputError(problems + check_references(doc, partial, library, unchecked,
                                                     suggest))
    problems = check_references(doc, profile, library, suggest=suggest)
    problems += _check_logo(doc, profile, path)
    return CheckedProfile(doc, profile, tuple(problems), suggest)


_REFERRED_AS = {"audiences": "audience", "goals": "goal", "platforms": "platform",
                "contacts": "contact"}


def partial_profile(data: object) -> tuple[Profile, set[str]]:
    """The profile's valid top-level sections (others left empty), and the invalid ones."""
    sections = data if isinstance(data, dict) else {}
    _, problems = parse(Profile, sections)
    broken = {str(p.loc[0]) for p in problems if p.loc}
    valid = {k: v for k, v in sections.items() if k in Profile.model_fields and k not in broken}
    # Broken optional sections keep their defaults; required ones get stand-ins that
    # refer to nothing (an audience is needed to be valid, and taken away again).
    stand_ins = {"schema_version": 1, "organisation": {"name": "-"}, "why": "-",
                 "audiences": [{"id": "stand-in", "name": "-"}]}
    profile = Profile.model_validate({**stand_ins, **valid})
    if "audiences" not in valid:
        profile = profile.model_copy(update={"audiences": ()})
    return profile, broken


def logo_path(profile_path: Path, logo: str) -> Path:
    return profile_path.parent / logo


def _check_logo(doc: Document, profile: Profile, path: Path) -> list[Diagnostic]:
    logo = profile.organisation.logo
    if logo is None:
        return []
    loc = ("organisation", "logo")
    if Path(logo).is_absolute() or ".." in Path(logo).parts:
        return [doc.diagnostic(loc, "PB206", f"logo '{logo}' points outside the profile's folder",
                               "put the logo next to the profile and give a relative path")]
    if Path(logo).suffix.lower() not in IMAGE_TYPES:
        kinds = ", ".join(sorted(IMAGE_TYPES))
        return [doc.diagnostic(loc, "PB208", f"logo '{logo}' is not an image file",
                               f"use one of these kinds of file: {kinds}")]
    try:
        checked_image(logo_path(path, logo), path.parent)
    except ImageProblem as problem:
        code, hint = _LOGO_PROBLEMS[problem.kind]
        return [doc.diagnostic(loc, code, f"logo '{logo}' {problem}", hint)]
    return []


_LOGO_PROBLEMS = {
    "missing": ("PB001", "the path is relative to the profile's folder"),
    "outside": ("PB206", "copy the image into the profile's folder instead of linking it"),
    "unreadable": ("PB001", "name a readable image next to the profile"),
    "too_large": ("PB008", f"a logo may be at most {MAX_IMAGE_BYTES:,} bytes; export it"
                           " smaller"),
    "unsafe": ("PB208", "export the logo again as a plain image"),
}
