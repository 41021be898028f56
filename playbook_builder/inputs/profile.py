"""The organisation profile, format version 1: one model per section.

Field docstrings are the descriptions users see in their editor through the published
JSON Schema, so they are written for the person filling in the profile.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, model_validator

from .areas import Area
from .duties import Duty
from .ids import derived_id
from .library import IncidentText, ObjectionText, ReadingText, StandardText
from .place import Country, Safety
from .values import (
    Email,
    FileName,
    Id,
    IsoDate,
    Link,
    Phone,
    SchemaVersion,
    Strict,
    Text,
    Visibility,
    bad_value,
)

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
    country: Country | None = None
    """Where the organisation works, as a code such as `GB`, `US` or `AU`: the safety
    cards take the emergency number, helplines and regulator of that country from the
    library. Without it (and without `safety`), they name no number at all."""


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
    reviewed: IsoDate | None = None
    """When the playbook was last reviewed, as year-month-day; shown on every page."""
    review_by: IsoDate | None = None
    """When it is next due for review; once past, the health report says so."""


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


class Account(Strict):
    """The organisation's own account on a platform."""

    url: Link | None = None
    """The account's address."""
    handle: Text | None = None
    """The account's name on the platform, such as "@riversidefoodbank"."""


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
    account: Account | None = None
    """Our account there: its address or handle."""
    summary: Text | None = None
    """What the platform is, in a sentence or two (for a platform of your own)."""
    good_for: tuple[Text, ...] = ()
    """What it is good for; added to the library's list."""
    bad_for: tuple[Text, ...] = ()
    """What it is not good for; added to the library's list."""
    etiquette: tuple[Text, ...] = ()
    """Our own etiquette there; added to the library's."""
    listen_for: tuple[Text, ...] = ()
    """What to listen for there; added to the library's list."""


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
    visibility: Visibility = "public"
    """`internal` leaves it out of a public build."""


class ObjectionChoices(Strict):
    """Which objection responses the playbook carries."""

    select: tuple[Id, ...] | None = None
    """Only these library objections, all of them when left out; the page groups them by
    topic, in this order within each."""
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
    visibility: Visibility = "public"
    """`internal` leaves it out of a public build."""


def reading_id(entry: ReadingEntry) -> str:
    """The entry's id, or one derived from its title by :func:`ids.derived_id`: its
    letters and digits in ASCII, lower-case, with single hyphens between ("Über Café"
    gives ``uber-cafe``), and a short hash of the title when it is written in letters
    ASCII has no spelling for, so that two such titles never share an id. ASCII titles
    keep the ids, and the anchors, they always had; a title with accents had its accented
    letters dropped before (``ber-caf``), and :func:`ids.earlier_derived_id` gives that
    id, so that it can stay an earlier id of the entry."""
    return entry.id or derived_id(entry.title)


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


class Contact(Strict):
    """Someone to ask: a role first, with how to reach them (an email, a phone or a url)."""

    # Editors show a contact with no way to reach them as the mistake it is, as the
    # validator does (references.py, PB101).
    model_config = ConfigDict(**Strict.model_config, json_schema_extra={
        "anyOf": [{"required": [key]} for key in ("email", "phone", "url")]})

    id: Id
    """A stable id other sections use to name this contact; its anchor on /contacts/."""
    role: Text
    """The role, such as "Communications lead": roles outlast the people in them."""
    name: Text | None = None
    """Who holds the role now."""
    email: Email | None = None
    """An email address."""
    phone: Phone | None = None
    """A phone number, written as people should dial it."""
    url: Link | None = None
    """Another way to reach them, such as a chat channel's address."""
    hours: Text | None = None
    """When they can be reached."""
    for_: tuple[Text, ...] = Field(default=(), alias="for")
    """What to ask them about."""
    covers: tuple[Area, ...] = ()
    """The areas they look after, which the library's cards of when things go wrong name:
    `safeguarding`, `media`, `complaints`, `data-protection`, `accounts`, `out-of-hours`,
    `sign-off`. Each card prints the contacts that cover its areas."""
    visibility: Visibility = "internal"
    """Contacts are `internal` unless made `public`: a public build leaves them out."""


class IncidentOverride(Strict):
    """Your own wording for parts of a library scenario, or whom to tell."""

    title: Text | None = None
    """The scenario as your people would describe it."""
    applies_when: Text | None = None
    """When this is the right scenario."""
    not_when: Text | None = None
    """When it is something else."""
    signs: tuple[Text, ...] | None = None
    """How you recognise it."""
    first_steps: tuple[Text, ...] | None = None
    """What to do first, in order."""
    who_to_tell: Text | None = None
    """The kind of person to tell, in words."""
    tell: tuple[Id, ...] | None = None
    """Ids of the contacts to tell."""
    dont: tuple[Text, ...] | None = None
    """What not to do."""
    holding_reply: Text | None = None
    """Your holding reply."""
    visibility: Visibility = "internal"
    """`public` to publish the scenario in a public build; scenarios are internal."""


class IncidentEntry(IncidentText):
    """A scenario of your own."""

    id: Id
    """A stable id; the scenario's anchor on /when-things-go-wrong/."""
    aliases: tuple[Id, ...] = ()
    """Earlier ids of this scenario; links to its old anchor keep working."""
    tell: tuple[Id, ...] = ()
    """Ids of the contacts to tell."""
    visibility: Visibility = "internal"
    """Scenarios are `internal` unless made `public`."""


class IncidentChoices(Strict):
    """Which scenarios of when things go wrong the playbook carries."""

    select: tuple[Id, ...] | None = None
    """Only these library scenarios, in this order; all of them when left out."""
    exclude: tuple[Id, ...] = ()
    """Library scenarios to leave out."""
    override: dict[Id, IncidentOverride] = Field(default_factory=dict)
    """Your wording, or whom to tell, for library scenarios, by id."""
    add: tuple[IncidentEntry, ...] = ()
    """Scenarios of your own."""
    tell: tuple[Id, ...] = ()
    """Ids of the contacts to tell in every scenario that names none of its own."""


class SignOff(Strict):
    """Something that needs approval before it is posted."""

    what: Text
    """What needs sign-off, such as "appeals for money"."""
    by: Id
    """The id of the contact who signs it off."""


class Approvals(Strict):
    """What may be posted without asking, and what needs sign-off first."""

    anyone_may_post: tuple[Text, ...] = ()
    """What anyone who posts for us may post without asking."""
    needs_sign_off: tuple[SignOff, ...] = ()
    """What needs sign-off, and by whom."""
    reply_within: Text | None = None
    """How soon we reply to messages and comments, such as "one working day"."""


class StandardOverride(Strict):
    """Your own wording for parts of a library standard."""

    title: Text | None = None
    """The standard's title."""
    summary: Text | None = None
    """Why the standard exists."""
    we_do: tuple[Text, ...] | None = None
    """Your rules, in place of the library's."""
    applies_when: Text | None = None
    """When it applies."""
    not_when: Text | None = None
    """When it does not."""
    visibility: Visibility = "public"
    """`internal` leaves it out of a public build."""


class StandardEntry(StandardText):
    """A standard of your own."""

    id: Id
    """A stable id; the standard's anchor on /how-we-post/."""
    aliases: tuple[Id, ...] = ()
    """Earlier ids of this standard; links to its old anchor keep working."""
    visibility: Visibility = "public"
    """`internal` leaves it out of a public build."""


class StandardChoices(Strict):
    """Which standards for how we post the playbook carries."""

    select: tuple[Id, ...] | None = None
    """Only these library standards, in this order; all of them when left out."""
    exclude: tuple[Id, ...] = ()
    """Library standards to leave out."""
    override: dict[Id, StandardOverride] = Field(default_factory=dict)
    """Your wording for library standards, by id."""
    add: tuple[StandardEntry, ...] = ()
    """Standards of your own."""


class VoiceExample(Strict):
    """One thing said two ways: how we say it, and how we avoid saying it."""

    we_say: Text
    """How we say it."""
    we_avoid: Text
    """How we avoid saying it."""
    why: Text | None = None
    """What makes the difference."""


class VoiceWords(Strict):
    """Words we use, and words we avoid."""

    # Something to show: an empty word list would publish an empty section.
    model_config = ConfigDict(**Strict.model_config, json_schema_extra={"minProperties": 1})

    use: Annotated[tuple[Text, ...], Field(min_length=1)] = ()
    """Words we use."""
    avoid: Annotated[tuple[Text, ...], Field(min_length=1)] = ()
    """Words we avoid."""

    @model_validator(mode="after")
    def _not_empty(self) -> VoiceWords:
        if not (self.use or self.avoid):
            raise bad_value("empty_section", "has no words: add 'use' or 'avoid'")
        return self


class Voice(Strict):
    """Our voice, shown by examples."""

    # Something to show: `voice: {}` would publish an empty /voice/ page.
    model_config = ConfigDict(**Strict.model_config, json_schema_extra={"minProperties": 1})

    examples: Annotated[tuple[VoiceExample, ...], Field(min_length=1)] = ()
    """Pairs of "we say" and "we avoid"."""
    words: VoiceWords | None = None
    """Our word list."""

    @model_validator(mode="after")
    def _not_empty(self) -> Voice:
        if not (self.examples or self.words):
            raise bad_value("empty_section", "has nothing to show: add 'examples' or 'words'")
        return self


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
    ask: Id | None = None
    """The id of the contact someone in this role asks first; the first contact when
    left out."""
    duties: tuple[Duty, ...] = ()
    """What the role does on our accounts: `post`, `answer` (messages and comments),
    `admin` (holds the logins), `speak` (may be asked about us in public). The role's path
    then also takes in the scenarios and standards those duties need, most urgent first."""
    platforms: tuple[Id, ...] = ()
    """The chosen platforms (by id) the duties are on, such as `[facebook, instagram]`."""
    visibility: Visibility = "public"
    """`internal` leaves the role's pages out of a public build."""


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
    contacts: tuple[Contact, ...] = ()
    """Who to ask, and how to reach them."""
    incidents: IncidentChoices = IncidentChoices()
    """When things go wrong: which scenarios the playbook carries, and whom to tell."""
    approvals: Approvals | None = None
    """What may be posted without asking, and what needs sign-off."""
    standards: StandardChoices = StandardChoices()
    """Which standards for how we post the playbook carries."""
    voice: Voice | None = None
    """Our voice, shown by examples."""
    safety: Safety | None = None
    """Numbers for the safety cards: the emergency number, helplines and the charity
    regulator, where the library has none for the country or they are not the ones to
    use."""

    @property
    def title(self) -> str:
        return self.playbook.title or f"{self.organisation.name} Playbook"
