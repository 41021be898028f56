"""Where the organisation is: the numbers a safety card gives, and who regulates it.

Emergency numbers, crisis and children's helplines and the charity regulator differ by
country, and a card that says "999" is wrong in Ohio. The library keeps them per country
(``content/places/<cc>.yml``), each fact with the page it was checked against and when;
a profile names its country (``organisation.country``) and may supply or replace any of
them (``safety``). Library text never names a number: it says ``{emergency}``,
``{crisis_line}``, ``{children_line}`` or ``{regulator}`` (:data:`TOKENS`), which the
merge writes out from the facts, or as words with no number when a fact is not known.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field

from .values import IsoDate, Link, Phone, Strict, Text, bad_value

Country = Annotated[str, Field(pattern=r"^[A-Z]{2}$", examples=["GB"])]
"""A country as its ISO 3166-1 alpha-2 code, in capitals, such as `GB`, `US` or `DE`."""

HelplineKind = Literal["crisis", "children", "other"]

TOKENS: dict[str, str] = {
    "emergency": "the emergency services",
    "crisis_line": "a crisis line",
    "children_line": "a children's helpline",
    "regulator": "your charity regulator",
}
"""What library text may name, and the words it becomes when the fact is not known."""

TOKEN = re.compile(r"\{([^{}]*)\}")

PLACED_FIELDS = {
    "incidents": ("applies_when", "not_when", "signs", "first_steps", "who_to_tell", "dont",
                  "holding_reply"),
    "standards": ("summary", "we_do", "applies_when", "not_when"),
}
"""The library's text that may name a place fact, by kind: what a card says to do."""


def placed_text(value: object) -> object:
    """Library text (or a list of it) that names only facts in :data:`TOKENS`, and has
    no other brace: a typo such as ``{emergancy}`` would otherwise reach the page."""
    for text in value if isinstance(value, tuple) else (value,):
        if not isinstance(text, str):
            continue
        for found in TOKEN.finditer(text):
            if found.group(1) not in TOKENS:
                known = ", ".join(f"{{{name}}}" for name in TOKENS)
                raise bad_value("place_token", f"names '{found.group()}', which is not a"
                                f" place fact: the facts are {known}")
        rest = TOKEN.sub("", text)
        if "{" in rest or "}" in rest:
            raise bad_value("place_token", "has a brace that names no place fact")
    return value


class Helpline(Strict):
    """A helpline people can be pointed to."""

    name: Text
    """The service's name, such as "Samaritans"."""
    kind: HelplineKind = "other"
    """`crisis` (the national crisis or suicide-prevention line, which the cards name),
    `children` (a children's helpline) or `other`."""
    phone: Phone | None = None
    """The number to call."""
    text: Phone | None = None
    """A number to send a text message to, where the service offers one."""
    url: Link | None = None
    """The service's website."""
    hours: Text | None = None
    """When it answers, such as "free, day or night"."""
    for_: Text | None = Field(default=None, alias="for")
    """Who it is for, such as "anyone struggling to cope"."""


class Regulator(Strict):
    """The body that regulates the organisation as a charity."""

    name: Text
    """Its name, such as "Charity Commission for England and Wales"."""
    url: Link | None = None
    """Its website."""
    serious_incident: Link | None = None
    """Its page on how to report a serious incident."""


class Safety(Strict):
    """Numbers for the safety cards, where the library's place facts are missing or not
    the ones to use; each replaces the library's fact of its kind."""

    emergency: Phone | None = None
    """The emergency number, such as "999" or "911"."""
    helplines: tuple[Helpline, ...] = ()
    """Helplines; a `crisis` or `children` one replaces the library's of that kind."""
    regulator: Regulator | None = None
    """The charity regulator."""


class Sourced(Strict):
    """Where a fact of the library was checked, and when: a fact without both is left
    out of the library, never guessed."""

    source: Link
    """The page that states the fact: the service's or a government's own."""
    checked: IsoDate
    """When it was last checked against that page."""


class EmergencyFact(Sourced):
    phone: Phone
    """The number for police, ambulance and fire."""
    note: Text | None = None
    """Anything else a reader must know, such as another number that works."""


class HelplineFact(Helpline, Sourced):
    kind: HelplineKind  # a library fact says which card it is for


class RegulatorFact(Regulator, Sourced):
    pass
