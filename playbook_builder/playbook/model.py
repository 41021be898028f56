"""The merged playbook: what the site shows, with every reference already resolved."""

from __future__ import annotations

from dataclasses import dataclass

from ..inputs.library import (
    Exercise,
    Incident,
    Objection,
    Platform,
    PlatformText,
    Principle,
    Question,
    Reading,
    Standard,
    Step,
)
from ..inputs.place import Helpline, Regulator
from ..inputs.profile import (
    Account,
    Audience,
    Contact,
    Goal,
    Initiative,
    Listening,
    Profile,
    Role,
    Voice,
)


@dataclass(frozen=True, slots=True)
class PlaceFacts:
    """The emergency number, helplines and regulator the safety cards give: the
    profile's ``safety``, else the library's facts for its country. What is not known is
    None, and the cards then name no number (see :mod:`playbook.place`)."""

    country: str | None = None
    """``organisation.country``, as written."""
    country_name: str | None = None
    """The country's name, when the library has facts for it."""
    known_country: bool = False
    """Whether the library has facts for ``country``."""
    emergency: str | None = None
    emergency_note: str | None = None
    helplines: tuple[Helpline, ...] = ()
    """Crisis lines first, then children's, then any other."""
    regulator: Regulator | None = None

    @property
    def regulator_named(self) -> str | None:
        """The regulator as running text names it: "the Charity Commission ..."."""
        if self.regulator is None:
            return None
        name = self.regulator.name
        return name if name.lower().startswith("the ") else f"the {name}"

    def helpline(self, kind: str) -> Helpline | None:
        return next((h for h in self.helplines if h.kind == kind), None)


@dataclass(frozen=True, slots=True)
class ChosenPlatform:
    """A platform the organisation chose: the library's guidance plus its own plan."""

    id: str
    aliases: tuple[str, ...]
    """Earlier ids: the library's, the profile's, and the id the profile used if old."""
    guide: PlatformText
    """What the library (or, for a new platform, the profile) says about the platform."""
    purpose: str | None
    cadence: str | None
    owner: str | None
    account: Account | None
    audiences: tuple[Audience, ...]
    goals: tuple[Goal, ...]

    @property
    def name(self) -> str:
        return self.guide.name


@dataclass(frozen=True, slots=True)
class ListeningPlan:
    """How one audience is listened to."""

    audience: Audience
    plan: Listening


@dataclass(frozen=True, slots=True)
class LeadingInitiative:
    initiative: Initiative
    invites: tuple[Audience, ...]


@dataclass(frozen=True, slots=True)
class Covered:
    """A contact a card names, and which of the card's areas they cover."""

    contact: Contact
    areas: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IncidentPlan:
    """A scenario of when things go wrong, and the contacts to tell."""

    scenario: Incident
    tell: tuple[Contact, ...]
    """Whom to tell: the scenario's own contacts, or the default ones."""
    by_default: bool = False
    """Whether ``tell`` is the default contacts (``incidents.tell``), which the page of
    scenarios prints once, rather than the scenario's own (which may be none at all)."""
    covering: tuple[Covered, ...] = ()
    """Without a ``tell`` of its own, the contacts covering the scenario's areas, each
    once, in the order of the areas, printed on its card."""

    @property
    def told_besides(self) -> tuple[Contact, ...]:
        """The default contacts to tell that the card's areas do not already name."""
        named = {covered.contact.id for covered in self.covering}
        return tuple(c for c in self.tell if c.id not in named) if self.by_default else ()

    @property
    def id(self) -> str:
        return self.scenario.id


@dataclass(frozen=True, slots=True)
class SignOffRule:
    what: str
    by: Contact | None
    """Who signs it off; None in a public build when that contact is internal."""


@dataclass(frozen=True, slots=True)
class ApprovalRules:
    anyone_may_post: tuple[str, ...]
    needs_sign_off: tuple[SignOffRule, ...]
    reply_within: str | None


@dataclass(frozen=True, slots=True)
class Playbook:
    """An organisation's profile merged with the curated library."""

    profile: Profile
    profile_file: str
    """The profile's path as the user gave it, for messages and edit links."""
    platforms: tuple[ChosenPlatform, ...]
    listening: tuple[ListeningPlan, ...]
    leading: tuple[LeadingInitiative, ...]
    objections: tuple[Objection, ...]
    reading: tuple[Reading, ...]
    principles: tuple[Principle, ...]
    steps: tuple[Step, ...]
    questions: tuple[Question, ...]
    exercises: tuple[Exercise, ...]
    library_platforms: tuple[Platform, ...]
    """Every platform the library knows, chosen or not."""
    roles: tuple[Role, ...]
    contacts: tuple[Contact, ...]
    incidents: tuple[IncidentPlan, ...]
    approvals: ApprovalRules | None
    standards: tuple[Standard, ...]
    voice: Voice | None
    needed_by_duties: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Role id -> the scenarios and standards its duties need that its own path did not
    reach, added at the end of its path (so its pages, the path bar and ``playbook link``
    treat them as part of it)."""
    unchosen_for_duties: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Role id -> the titles of library scenarios and standards its duties need that the
    playbook does not carry (left out by 'select' or 'exclude'), for the health report."""
    place: PlaceFacts = PlaceFacts()
    """The numbers the safety cards give, and the regulator."""
    tell_by_default: tuple[Contact, ...] = ()
    """Whom to tell in every scenario that names nobody of its own (``incidents.tell``)."""
    role_places: tuple[int, ...] = ()
    """Where each of ``roles`` is in the profile as written, to locate findings on it:
    a public build leaves some roles out."""
    public: bool = False
    """Whether this is the public build: every internal value is already left out."""
    withheld: tuple[str, ...] = ()
    """The profile's sections that a public build took internal entries out of, so that
    the health rules do not ask for what was left out on purpose."""

    @property
    def title(self) -> str:
        return self.profile.title

    def owner_role(self, platform: ChosenPlatform) -> Role | None:
        """The role a platform's ``owner`` names by id (or an earlier id), if it does."""
        return next((r for r in self.roles if platform.owner in (r.id, *r.aliases)), None)

    def roles_on(self, platform: ChosenPlatform) -> tuple[Role, ...]:
        """The roles whose duties are on ``platform`` (``roles: platforms``)."""
        names = {platform.id, *platform.aliases}
        return tuple(r for r in self.roles if names & set(r.platforms))

    def added_for(self, role: Role) -> tuple[str, ...]:
        """The path items ``role`` has for its duties rather than from its profile."""
        return dict(self.needed_by_duties).get(role.id, ())

    def covering(self, area: str) -> tuple[Contact, ...]:
        """The contacts that cover ``area``."""
        return tuple(c for c in self.contacts if area in c.covers)

    def ask(self, role: Role) -> Contact | None:
        """The contact someone in ``role`` asks first (the merge chose it)."""
        return next((c for c in self.contacts if c.id == role.ask), None)

    def exercises_for(self, step: Step) -> tuple[Exercise, ...]:
        """The step's exercises, its own first."""
        found = [e for e in self.exercises if e.step == step.id]
        return tuple(sorted(found, key=lambda e: e.id != step.exercise))

    def questions_for(self, step_id: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.step == step_id)

    def principles_for(self, step_id: str) -> tuple[Principle, ...]:
        return tuple(p for p in self.principles if p.step == step_id)

    def platforms_for(self, audience_id: str) -> tuple[ChosenPlatform, ...]:
        return tuple(p for p in self.platforms if audience_id in {a.id for a in p.audiences})
