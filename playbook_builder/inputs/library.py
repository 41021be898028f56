"""The curated content library: one model per kind of item, and the library as a whole.

Each item is a small YAML file under ``content/<kind>/<id>.yml`` with a stable ``id``,
a ``schema_version`` and ``tags``. Fields named ``body`` may hold light Markdown (the
library is reviewed); every other field is plain text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, field_validator

from .areas import Area
from .duties import Duty
from .place import PLACED_FIELDS, EmergencyFact, HelplineFact, RegulatorFact, placed_text
from .values import Digits, Id, LibraryMarkdown, Link, SchemaVersion, Strict, Text, in_range

StepId = Literal["why", "who", "listen", "participate", "lead"]
STEP_IDS: tuple[StepId, ...] = ("why", "who", "listen", "participate", "lead")


class Item(Strict):
    """What every library item has."""

    schema_version: SchemaVersion
    """Version of the item format; always 1."""
    id: Id
    """Stable id; equal to the file name without `.yml`. Links derive from it."""
    tags: tuple[Id, ...] = ()
    """Topics the item is about."""
    aliases: tuple[Id, ...] = ()
    """Earlier ids of this item, so that old links keep working."""


class Principle(Item):
    title: Text
    summary: Text
    body: LibraryMarkdown
    in_practice: tuple[Text, ...] = ()
    credit: Text | None = None
    step: StepId


class Step(Item):
    id: StepId
    order: Annotated[int, Digits, in_range(1, 5)]
    title: Text
    short_title: Text
    summary: Text
    """The step as a task, for whoever writes the strategy."""
    idea: Text
    """The step's idea in one plain sentence, for everyone who reads the playbook."""
    body: LibraryMarkdown
    key_questions: tuple[Text, ...]
    checklist: tuple[Text, ...]
    exercise: Id


class Question(Item):
    question: Text
    kind: Literal["ask", "avoid"]
    explanation: Text
    step: StepId


class PlatformText(Strict):
    """What the library says about a platform; a profile may supply it for a new one."""

    name: Text
    metaphor: Text
    metaphor_explained: Text | None = None
    summary: Text | None = None
    good_for: tuple[Text, ...] = ()
    bad_for: tuple[Text, ...] = ()
    etiquette: tuple[Text, ...] = ()
    listen_for: tuple[Text, ...] = ()
    effort: Text | None = None
    photos: bool = False
    """Whether people share photos or video of people there (a consent standard is then
    needed)."""


class Platform(Item, PlatformText):
    pass


class ObjectionText(Strict):
    """An objection and the answer to it."""

    objection: Text
    """The objection as a colleague would put it."""
    response: Text
    """A calm, specific answer."""
    when_right: Text | None = None
    """When the objection is actually right, and what to do then."""
    topic: Id | None = None
    """What the objection is about, such as `time`, `risk` or `measurement`."""


class Objection(Item, ObjectionText):
    pass


OBJECTION_TOPICS: dict[str, str] = {
    "strategy": "Is this the right approach?",
    "relevance": "Is it for organisations like ours?",
    "audience": "Are our people there?",
    "time": "Time",
    "resources": "Staff and money",
    "results": "Results",
    "measurement": "Measuring it",
    "control": "Control of the message",
    "risk": "Risk and reputation",
    "compliance": "Rules and compliance",
}
"""Objection topics in the order the objections page takes them, with their headings:
first whether to do it at all, then the cost, then the risks. A topic not listed here
comes after these, under its own name; objections without a topic come last."""


class ReadingText(Strict):
    """A work worth reading, with a note on why."""

    title: Text
    """The work's title."""
    author: Text | None = None
    """Who wrote it."""
    year: Text | None = None
    """When it was published."""
    url: Link | None = None
    """Where to find it (https, http or mailto)."""
    note: Text | None = None
    """What the reader takes from it."""


class Reading(Item, ReadingText):
    step: StepId | None = None


class IncidentText(Strict):
    """A scenario of when things go wrong, and what to do."""

    title: Text
    """The scenario as someone would describe it, such as "Angry comments pile up"."""
    applies_when: Text | None = None
    """When this is the right scenario."""
    not_when: Text | None = None
    """When it is something else, and where to look instead."""
    signs: tuple[Text, ...] = ()
    """How you recognise it."""
    first_steps: tuple[Text, ...] = ()
    """What to do first, in order."""
    who_to_tell: Text | None = None
    """The kind of person to tell, in words; `tell` names them."""
    dont: tuple[Text, ...] = ()
    """What not to do."""
    holding_reply: Text | None = None
    """A reply you can post or send at once, while you work out the rest."""
    areas: tuple[Area, ...] = ()
    """The areas whose contacts to tell, first things first, such as `safeguarding`: the
    card prints the contacts that cover them (`contacts: covers`), unless the scenario
    has a `tell` of its own."""


class Incident(Item, IncidentText):
    order: Annotated[int, Digits, in_range(1, 999)]
    """Where the scenario comes on the page: the most urgent and most common first."""
    duties: tuple[Duty, ...] = ()
    """The duties whose roles must know this card (`roles: duties`)."""

    _placed = field_validator(*PLACED_FIELDS["incidents"])(placed_text)


class StandardText(Strict):
    """A standard for how we post, such as consent for photos or accessibility."""

    title: Text
    """The standard's title."""
    topic: Id | None = None
    """What it covers, such as `consent`, `accessibility` or `house-rules`; the health
    report looks for standards on consent and accessibility by their topic."""
    summary: Text | None = None
    """Why the standard exists, in a sentence."""
    we_do: tuple[Text, ...] = ()
    """The rules, as things we do."""
    applies_when: Text | None = None
    """When the standard applies."""
    not_when: Text | None = None
    """When it does not, or its limits."""


class Standard(Item, StandardText):
    order: Annotated[int, Digits, in_range(1, 999)]
    """Where the standard comes on the page: those that protect people first."""
    duties: tuple[Duty, ...] = ()
    """The duties whose roles must know this standard (`roles: duties`)."""

    _placed = field_validator(*PLACED_FIELDS["standards"])(placed_text)


class Place(Item):
    """The facts of one country that the safety cards give (``content/places/<cc>.yml``,
    ``id`` the country's code in lower case): each with where and when it was checked."""

    id: Annotated[str, Field(pattern=r"^[a-z]{2}$")]
    """The country's ISO 3166-1 alpha-2 code in lower case, as the file is named."""
    name: Text
    """The country's name in English."""
    emergency: EmergencyFact | None = None
    helplines: tuple[HelplineFact, ...] = ()
    regulator: RegulatorFact | None = None


class Exercise(Item):
    title: Text
    step: StepId
    duration: Text | None = None
    summary: Text
    instructions: tuple[Text, ...]
    outcome: Text
    credit: Text | None = None


KINDS: dict[str, type[Item]] = {
    "principles": Principle,
    "steps": Step,
    "questions": Question,
    "platforms": Platform,
    "objections": Objection,
    "reading": Reading,
    "exercises": Exercise,
    "incidents": Incident,
    "standards": Standard,
    "places": Place,
}
"""Library folder name -> the model of the items in it."""


@dataclass(frozen=True, slots=True)
class Library:
    """All curated items, in a stable order, and the file each came from."""

    principles: tuple[Principle, ...] = ()
    steps: tuple[Step, ...] = ()
    questions: tuple[Question, ...] = ()
    platforms: tuple[Platform, ...] = ()
    objections: tuple[Objection, ...] = ()
    reading: tuple[Reading, ...] = ()
    exercises: tuple[Exercise, ...] = ()
    incidents: tuple[Incident, ...] = ()
    standards: tuple[Standard, ...] = ()
    places: tuple[Place, ...] = ()

    def ids(self, kind: str) -> list[str]:
        items: tuple[Item, ...] = getattr(self, kind)
        return [item.id for item in items]

    def platform(self, platform_id: str) -> Platform | None:
        """The platform with this id, or with this id among its aliases."""
        wanted = self.canonical("platforms", platform_id)
        return next((p for p in self.platforms if p.id == wanted), None)

    def canonical(self, kind: str, item_id: str) -> str:
        """The current id of an item named by its id or by one of its earlier ids."""
        return self.aliases(kind).get(item_id, item_id)

    def aliases(self, kind: str) -> dict[str, str]:
        """Earlier id -> current id, for every item of ``kind``."""
        items: tuple[Item, ...] = getattr(self, kind)
        return {alias: item.id for item in items for alias in item.aliases}
