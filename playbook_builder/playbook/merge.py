"""Merging a profile with the library into a :class:`Playbook`.

The rules, applied per collection (objections and the reading list):

1. **select**: when given, only these library items, in this order; otherwise all of
   them in library order (sorted by id).
2. **exclude**: library items to leave out.
3. **override**: replace named fields of a library item, keeping its id and the rest.
4. **add**: the profile's own items, after the library's.

Platforms are the profile's choice: each chosen id takes the library's guidance for that
platform (the profile may rename it or give its own metaphor), or, for a platform the
library does not know, the name and metaphor the profile gives. References are resolved
to the objects they name. The merge assumes references were checked (see
:mod:`playbook_builder.references`) and skips any that do not resolve.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import TypeVar

from ..inputs.library import Item, Library, Objection, PlatformText, Reading
from ..inputs.profile import Audience, Goal, PlatformChoice, Profile, ReadingEntry
from ..inputs.values import Strict
from .model import ChosenPlatform, LeadingInitiative, ListeningPlan, Playbook

T = TypeVar("T", bound=Item)


def merge(profile: Profile, library: Library, profile_file: str) -> Playbook:
    """The playbook that ``profile`` and ``library`` describe together."""
    audiences = {a.id: a for a in profile.audiences}
    goals = {g.id: g for g in profile.goals}
    return Playbook(
        profile=profile,
        profile_file=profile_file,
        platforms=tuple(_platform(c, library, audiences, goals) for c in profile.platforms),
        listening=tuple(
            ListeningPlan(audiences[plan.audience], plan)
            for plan in profile.listening if plan.audience in audiences
        ),
        leading=tuple(
            LeadingInitiative(i, _resolve(i.invites, audiences)) for i in profile.leading
        ),
        objections=choose(
            library.objections, profile.objections.select, profile.objections.exclude,
            profile.objections.override,
            [Objection(schema_version=1, **dict(o)) for o in profile.objections.add],
        ),
        reading=choose(
            library.reading, profile.reading_list.select, profile.reading_list.exclude,
            profile.reading_list.override,
            [_reading(entry) for entry in profile.reading_list.add],
        ),
        principles=library.principles,
        steps=library.steps,
        questions=library.questions,
        exercises=library.exercises,
        library_platforms=library.platforms,
    )


def choose(
    items: Sequence[T],
    select: Sequence[str] | None,
    exclude: Sequence[str],
    overrides: Mapping[str, Strict],
    added: Sequence[T],
) -> tuple[T, ...]:
    """Apply select, exclude, override and add (in that order) to library ``items``.

    Items may be named by an earlier id (one of their ``aliases``)."""
    by_id = {item.id: item for item in items}
    current = {alias: item.id for item in items for alias in item.aliases}

    def named(item_id: str) -> str:
        return current.get(item_id, item_id)

    chosen = (
        [by_id[named(i)] for i in select if named(i) in by_id]
        if select is not None else list(items)
    )
    dropped = {named(i) for i in exclude}
    changes = {named(i): change for i, change in overrides.items()}
    kept = [item for item in chosen if item.id not in dropped]
    return (*(_override(item, changes.get(item.id)) for item in kept), *added)


def _override(item: T, override: Strict | None) -> T:
    if override is None:
        return item
    given = {name: value for name, value in override if value is not None}
    return item.model_copy(update=given)


def _platform(
    choice: PlatformChoice,
    library: Library,
    audiences: Mapping[str, Audience],
    goals: Mapping[str, Goal],
) -> ChosenPlatform:
    known = library.platform(choice.id)
    guide = (
        known.model_copy(update={"name": choice.name or known.name,
                                 "metaphor": choice.metaphor or known.metaphor}) if known
        else PlatformText(name=choice.name or choice.id, metaphor=choice.metaphor or "?")
    )
    earlier = {*choice.aliases, *(known.aliases if known else ())}
    if known and choice.id != known.id:
        earlier.add(choice.id)
    return ChosenPlatform(
        id=known.id if known else choice.id,
        aliases=tuple(sorted(earlier)),
        guide=guide,
        purpose=choice.purpose,
        cadence=choice.cadence,
        owner=choice.owner,
        audiences=_resolve(choice.audiences, audiences),
        goals=_resolve(choice.goals, goals),
    )


_V = TypeVar("_V")


def _resolve(ids: Sequence[str], known: Mapping[str, _V]) -> tuple[_V, ...]:
    return tuple(known[i] for i in ids if i in known)


def reading_id(entry: ReadingEntry) -> str:
    """The entry's id, or one derived from its title: its letters and digits, lower-case,
    with single hyphens between.

    The title is first put in Unicode's NFKC form, so text that looks the same gives the
    same id however it was typed: "Café" written with one character for the "é" or with
    "e" and a combining accent, "ﬁ" as one character or two. NFKC composes, as editors
    mostly write text already, so the ids of titles written that way (ASCII ones above
    all) stay what they were, and with them the anchors that link to the entries.
    Decomposing and dropping the accents ("cafe") would read better but move the anchor
    of every accented title already published."""
    title = unicodedata.normalize("NFKC", entry.title).lower()
    derived = re.sub(r"[^a-z0-9]+", "-", title).strip("-")[:64].rstrip("-")
    return entry.id or derived or "entry"


def _reading(entry: ReadingEntry) -> Reading:
    fields = {**dict(entry), "id": reading_id(entry)}
    return Reading(schema_version=1, **fields)
