"""The place facts a playbook uses, and the library's text with them written out.

A profile's ``safety`` wins over the library's facts for its ``organisation.country``,
fact by fact (a crisis helpline of its own replaces the library's crisis helpline, and
so on). Library text names facts as ``{emergency}`` and the like (see
:mod:`inputs.place`); here each becomes words with the fact, or words without a number
when the fact is not known: never a number from somewhere else.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

from pydantic import BaseModel

from ..inputs.library import Library, Place
from ..inputs.place import PLACED_FIELDS, TOKEN, TOKENS, Helpline, Regulator
from ..inputs.profile import Profile
from .model import PlaceFacts

_KIND_ORDER = {"crisis": 0, "children": 1, "other": 2}

T = TypeVar("T", bound=BaseModel)

_NO_BREAK = str.maketrans({" ": "\u00a0"})
"""A number in running text is kept on one line: spaces inside it do not break."""


def place_facts(profile: Profile, library: Library) -> PlaceFacts:
    """The facts the playbook's cards give: the profile's ``safety`` first, then the
    library's for its country."""
    country = profile.organisation.country
    place = _place(library, country)
    safety = profile.safety
    own = safety.helplines if safety else ()
    replaced = {h.kind for h in own if h.kind != "other"}
    kept = tuple(h for h in (place.helplines if place else ()) if h.kind not in replaced)
    helplines = tuple(sorted((*own, *kept), key=lambda h: _KIND_ORDER[h.kind]))
    emergency = safety.emergency if safety and safety.emergency else None
    place_emergency = place.emergency if place else None
    regulator: Regulator | None = safety.regulator if safety else None
    return PlaceFacts(
        country=country,
        country_name=place.name if place else None,
        known_country=place is not None,
        emergency=emergency or (place_emergency.phone if place_emergency else None),
        emergency_note=None if emergency or not place_emergency else place_emergency.note,
        helplines=helplines,
        regulator=regulator or (place.regulator if place else None),
    )


def with_place(library: Library, facts: PlaceFacts) -> Library:
    """``library`` with every fact its scenarios and standards name written out. Only
    the library's own text is read this way: a profile's text is data, braces and all,
    and its overrides are applied after this."""
    words = {name: _words(name, facts) for name in TOKENS}
    return dataclasses.replace(
        library,
        incidents=tuple(_placed(item, PLACED_FIELDS["incidents"], words)
                        for item in library.incidents),
        standards=tuple(_placed(item, PLACED_FIELDS["standards"], words)
                        for item in library.standards),
    )


def describe(helpline: Helpline) -> str:
    """A helpline in running text: "Samaritans on 116 123 (free, day or night)"."""
    if helpline.phone:
        how = f" on {helpline.phone.translate(_NO_BREAK)}"
    elif helpline.text:
        how = f" by text message to {helpline.text.translate(_NO_BREAK)}"
    elif helpline.url:
        how = f" at {helpline.url}"
    else:
        how = ""
    return f"{helpline.name}{how}" + (f" ({helpline.hours})" if helpline.hours else "")


def _place(library: Library, country: str | None) -> Place | None:
    if country is None:
        return None
    return next((p for p in library.places if p.id == country.lower()), None)


def _words(name: str, facts: PlaceFacts) -> str:
    if name == "emergency" and facts.emergency:
        return f"the emergency services on {facts.emergency.translate(_NO_BREAK)}"
    if name in ("crisis_line", "children_line"):
        helpline = facts.helpline(name.removesuffix("_line"))
        if helpline is not None:
            return describe(helpline)
    if name == "regulator" and facts.regulator_named:
        return facts.regulator_named
    return TOKENS[name]


def _placed(item: T, fields: tuple[str, ...], words: dict[str, str]) -> T:
    def written(text: str) -> str:
        return TOKEN.sub(lambda found: words[found.group(1)], text)

    changes: dict[str, object] = {}
    for field in fields:
        value = getattr(item, field)
        if isinstance(value, str) and "{" in value:
            changes[field] = written(value)
        elif isinstance(value, tuple) and any("{" in text for text in value):
            changes[field] = tuple(written(text) for text in value)
    return item.model_copy(update=changes) if changes else item
