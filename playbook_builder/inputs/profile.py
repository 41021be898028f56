"""The organisation profile, format version 1: one model per section.

Field docstrings are the descriptions users see in their editor through the published
JSON Schema, so they are written for the person filling in the profile.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .library import ObjectionText, ReadingText
from .values import FileName, Id, Link, SchemaVersion, Strict, Text

PathRef = Annotated[str, Field(pattern=r"^[a-z0-9-]+(?:/[a-z0-9-]+)?$", max_length=130)]
"""A page or item of the playbook, such as `strategy/why` or `objections/time-waste`."""

Sector = Literal["business", "nonprofit", "public-sector", "education", "professional"]


class Organisation(Strict):
    """Who the playbook belongs to."""

    name: Text
    """The organisation's name, shown in the header and on the home page."""
    slug: Id | None = None
    """A short URL-safe name, for the site's folder when many profiles are built at once;
    derived from the profile's file name when left out, so renaming the organisation never
    moves its site."""
    sector: Sector | None = None
    """The kind of organisation."""
    website: Link | None = None
    """The organisation's website."""
    logo: FileName | None = None
    """A logo image, relative to the profile; it must stay inside the profile's folder."""
    voice: Text | None = None
    """How the organisation sounds when it speaks, in a few words."""


class PlaybookInfo(Strict):
    """Facts about the playbook itself."""

    title: Text | None = None
    """The playbook's title; "<name> Playbook" when left out."""
    version: Text | None = None
    """The version shown when publishing, such as "2026.11"."""
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")] = "en"
    """The language of the playbook, as a code such as `en` or `en-GB`."""
    owner: Text | None = None
    """Who looks after the playbook, such as a team email address."""
    announcement: Text | None = None
    """A short notice shown in a bar above every page."""


class Audience(Strict):
    """A group of people who should care about the organisation's work (step 2)."""

    id: Id
    """A stable id other sections use to refer to this audience."""
    name: Text
    """The audience's name as readers know it."""
    description: Text | None = None
    """Who they are."""
    cares_about: tuple[Text, ...] = ()
    """What they care about."""
    hangs_out: tuple[Id, ...] = ()
    """Platform ids where their conversations already happen."""


class Goal(Strict):
    """Something the organisation wants to achieve."""

    id: Id
    """A stable id platforms use to refer to this goal."""
    statement: Text
    """The goal in one sentence."""
    audiences: tuple[Id, ...] = ()
    """Ids of the audiences the goal is about."""
    measures: tuple[Text, ...] = ()
    """How you will know it is working."""


class PlatformChoice(Strict):
    """A platform the organisation chose, after deciding why and for whom."""

    id: Id
    """A library platform id (such as `linkedin`), or a new id with a name and metaphor."""
    aliases: tuple[Id, ...] = ()
    """Earlier ids of this platform; links to /platforms/<alias>/ keep working."""
    name: Text | None = None
    """The platform's name; required for a platform the library does not have."""
    metaphor: Text | None = None
    """What the platform is like, to explain its etiquette; required for a new platform."""
    purpose: Text | None = None
    """Why the organisation is there."""
    audiences: tuple[Id, ...] = ()
    """Ids of the audiences it reaches there."""
    goals: tuple[Id, ...] = ()
    """Ids of the goals it serves."""
    cadence: Text | None = None
    """How often the organisation takes part, such as "three posts a week"."""
    owner: Text | None = None
    """Who looks after it."""


class Listening(Strict):
    """How the organisation listens to one audience (step 3)."""

    audience: Id
    """The id of the audience listened to."""
    where: tuple[Text, ...] = ()
    """Where you listen."""
    listen_for: tuple[Text, ...] = ()
    """What you listen for."""


class Participation(Strict):
    """How the organisation takes part in conversations (step 4)."""

    do: tuple[Text, ...] = ()
    """What you do when you take part."""
    dont: tuple[Text, ...] = ()
    """What you never do."""


class Initiative(Strict):
    """A way for people who care to take part in the mission (step 5)."""

    initiative: Text
    """The initiative in a few words."""
    description: Text | None = None
    """What it involves."""
    invites: tuple[Id, ...] = ()
    """Ids of the audiences it invites."""


class ObjectionOverride(Strict):
    """Your own wording for parts of a library objection."""

    objection: Text | None = None
    """The objection as your colleagues put it."""
    response: Text | None = None
    """Your answer."""
    when_right: Text | None = None
    """When the objection is right."""


class ObjectionEntry(ObjectionText):
    """An objection of your own."""

    id: Id
    """A stable id; the objection's anchor on the objections page."""
    aliases: tuple[Id, ...] = ()
    """Earlier ids of this objection; links to its old anchor keep working."""


class ObjectionChoices(Strict):
    """Which objection responses the playbook carries."""

    select: tuple[Id, ...] | None = None
    """Only these library objections, in this order; all of them when left out."""
    exclude: tuple[Id, ...] = ()
    """Library objections to leave out."""
    override: dict[Id, ObjectionOverride] = Field(default_factory=dict)
    """Your wording for library objections, by id."""
    add: tuple[ObjectionEntry, ...] = ()
    """Objections of your own."""


class ReadingOverride(Strict):
    """Your own wording or link for a library reading-list entry."""

    title: Text | None = None
    """The work's title."""
    author: Text | None = None
    """Who wrote it."""
    url: Link | None = None
    """Where to find it."""
    note: Text | None = None
    """Why your readers should read it."""


class ReadingEntry(ReadingText):
    """A work of your own choosing."""

    id: Id | None = None
    """A stable id; derived from the title when left out."""


class ReadingChoices(Strict):
    """Which reading-list entries the playbook carries."""

    select: tuple[Id, ...] | None = None
    """Only these library entries, in this order; all of them when left out."""
    exclude: tuple[Id, ...] = ()
    """Library entries to leave out."""
    override: dict[Id, ReadingOverride] = Field(default_factory=dict)
    """Your wording or link for library entries, by id."""
    add: tuple[ReadingEntry, ...] = ()
    """Entries of your own."""


class Role(Strict):
    """An onboarding path: what someone in this role reads first."""

    id: Id
    """A stable id; the role's page is /onboarding/<id>/."""
    aliases: tuple[Id, ...] = ()
    """Earlier ids of this role; links to /onboarding/<alias>/ keep working."""
    name: Text
    """The role's name."""
    welcome: Text | None = None
    """A welcome for someone new in the role."""
    path: tuple[PathRef, ...] = ()
    """Pages and items to read, in order, such as `strategy/why` or `platforms/facebook`."""
    checklist: tuple[Text, ...] = ()
    """What someone new in the role does in their first weeks."""


class Profile(Strict):
    """An organisation's playbook profile."""

    schema_version: SchemaVersion
    """Version of the profile format; always 1."""
    organisation: Organisation
    """Who the playbook belongs to."""
    playbook: PlaybookInfo = PlaybookInfo()
    """Facts about the playbook itself."""
    why: Text
    """Step 1: why should anyone care about what you do?"""
    audiences: Annotated[tuple[Audience, ...], Field(min_length=1)]
    """Step 2: who should care, grouped by interest."""
    goals: tuple[Goal, ...] = ()
    """What you want to achieve, for whom, and how you will know."""
    platforms: tuple[PlatformChoice, ...] = ()
    """The platforms you chose, after deciding why and for whom."""
    listening: tuple[Listening, ...] = ()
    """Step 3: how you listen to each audience."""
    participation: Participation = Participation()
    """Step 4: how you take part."""
    leading: tuple[Initiative, ...] = ()
    """Step 5: how people who care can take part in the mission."""
    objections: ObjectionChoices = ObjectionChoices()
    """Which objection responses the playbook carries."""
    reading_list: ReadingChoices = ReadingChoices()
    """Which reading-list entries the playbook carries."""
    roles: tuple[Role, ...] = ()
    """Onboarding paths, one page each."""

    @property
    def title(self) -> str:
        return self.playbook.title or f"{self.organisation.name} Playbook"
