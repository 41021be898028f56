"""Merging a profile with the library into a :class:`Playbook`.

The rules, applied per collection (objections, the reading list, incident scenarios
and standards):

1. **select**: when given, only these library items, in this order; otherwise all of
   them in library order (by id; scenarios and standards by their ``order``).
2. **exclude**: library items to leave out.
3. **override**: replace named fields of a library item, keeping its id and the rest.
4. **add**: the profile's own items. Objections and reading-list entries of its own
   speak for the organisation and come first; scenarios and standards of its own come
   after the library's, which run from the most urgent.

The order of what readers see is deliberate: principles follow the five steps, from the
foundational one; objections are grouped by topic (:data:`OBJECTION_TOPICS`), the
organisation's own first within each; a step's own exercise comes first in its workshop.

**Visibility**: a public build merges the profile without its internal entries
(:func:`visibility.without_internal`), and leaves out here the library's scenarios and
standards that are internal (scenarios are, unless made public), so no later stage
holds, and so none can publish, an internal value.

Platforms are the profile's choice: each chosen id takes the library's guidance for that
platform (the profile may rename it or give its own metaphor), or, for a platform the
library does not know, the name and metaphor the profile gives. References are resolved
to the objects they name. The merge assumes references were checked (see
:mod:`playbook_builder.references`) and skips any that do not resolve.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import TypeVar

from ..inputs.ids import earlier_derived_id
from ..inputs.library import (
    OBJECTION_TOPICS,
    STEP_IDS,
    Incident,
    Item,
    Library,
    Objection,
    PlatformText,
    Reading,
    Standard,
)
from ..inputs.profile import (
    Approvals,
    Audience,
    Contact,
    Goal,
    IncidentChoices,
    PlatformChoice,
    Profile,
    ReadingEntry,
    Role,
    reading_id,
)
from ..inputs.values import Strict, Visibility
from .model import (
    ApprovalRules,
    ChosenPlatform,
    Covered,
    IncidentPlan,
    LeadingInitiative,
    ListeningPlan,
    Playbook,
    SignOffRule,
)
from .place import place_facts, with_place
from .visibility import without_internal

T = TypeVar("T", bound=Item)


def merge(profile: Profile, library: Library, profile_file: str, *,
          public: bool = False) -> Playbook:
    """The playbook that ``profile`` and ``library`` describe together; with ``public``,
    every internal contact, scenario, standard, role and added item is left out, and
    nothing that is kept refers to them."""
    written = profile
    if public:
        profile = without_internal(profile)
    place = place_facts(profile, library)
    library = with_place(library, place)
    audiences = {a.id: a for a in profile.audiences}
    goals = {g.id: g for g in profile.goals}
    contacts = profile.contacts
    objections = profile.objections
    reading = profile.reading_list
    incidents = _incidents(profile.incidents, library, contacts, hidden=_hidden(
        library, "incidents", written.incidents.override, "internal") if public else ())
    standards = choose(
        library.standards, profile.standards.select, profile.standards.exclude,
        profile.standards.override, [_own(Standard, s, order=1) for s in profile.standards.add],
        hidden=_hidden(library, "standards", written.standards.override, "public")
        if public else (),
    )
    approvals = _approvals(profile.approvals, contacts)
    needed = {r.id: _needed(r, incidents, standards, approvals) for r in profile.roles}
    chosen = {i.id for i in incidents} | {s.id for s in standards}
    library_items: tuple[Incident | Standard, ...] = (*library.incidents, *library.standards)
    unchosen = [item for item in library_items if item.id not in chosen]
    missing = {r.id: tuple(item.title for item in unchosen
                           if set(item.duties) & set(r.duties)) for r in profile.roles}
    roles = tuple(_asking(r, contacts).model_copy(update={"path": (*r.path, *needed[r.id])})
                  for r in profile.roles)
    places = {role.id: i for i, role in enumerate(written.roles)}  # ids are unique
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
        # Objections and reading of the organisation's own speak for it: they come first.
        objections=by_topic((
            *(_own(Objection, o) for o in objections.add),
            *choose(library.objections, objections.select, objections.exclude,
                    objections.override),
        )),
        reading=(
            *_own_reading(reading.add),
            *choose(library.reading, reading.select, reading.exclude, reading.override),
        ),
        principles=tuple(sorted(library.principles, key=lambda p: STEP_IDS.index(p.step))),
        steps=library.steps,
        questions=library.questions,
        exercises=library.exercises,
        library_platforms=library.platforms,
        roles=roles,
        role_places=tuple(places[r.id] for r in roles),
        contacts=contacts,
        incidents=incidents,
        needed_by_duties=tuple((r.id, needed[r.id]) for r in roles if needed[r.id]),
        unchosen_for_duties=tuple((r.id, missing[r.id]) for r in roles if missing[r.id]),
        place=place,
        tell_by_default=_resolve(profile.incidents.tell, {c.id: c for c in contacts}),
        approvals=approvals,
        standards=standards,
        voice=profile.voice,
        public=public,
        withheld=_withheld(written, profile),
    )


def _hidden(library: Library, kind: str, overrides: Mapping[str, Strict],
            default: Visibility) -> set[str]:
    """The library items of ``kind`` a public build leaves out: those whose override (as
    the profile wrote it: a public profile has no internal override left) is internal,
    and those without one when the kind is ``internal`` by ``default``."""
    made = {library.canonical(kind, i): getattr(o, "visibility", default)
            for i, o in overrides.items()}
    return {i for i in library.ids(kind) if made.get(i, default) == "internal"}


def _withheld(written: Profile, public: Profile) -> tuple[str, ...]:
    """The sections a public build took internal entries out of (none in a full build)."""
    if public is written:
        return ()
    return tuple(name for name in type(written).model_fields
                 if getattr(public, name) != getattr(written, name))


def _incidents(choices: IncidentChoices, library: Library, contacts: Sequence[Contact], *,
               hidden: Collection[str]) -> tuple[IncidentPlan, ...]:
    """The scenarios but the ``hidden`` ones, each with the contacts to tell: its own when
    it has a ``tell`` (an empty one tells nobody listed), else the default ones and the
    contacts that cover its areas."""
    by_id = {c.id: c for c in contacts}
    overrides = {library.canonical("incidents", i): o for i, o in choices.override.items()}
    # A 'tell' written as [] is a choice, unlike one left out: the override's is None when
    # left out, an added scenario's is () either way, so ask which fields were written.
    own = {**{i: o.tell for i, o in overrides.items() if o.tell is not None},
           **{e.id: e.tell for e in choices.add if "tell" in e.model_fields_set}}
    added = [_own(Incident, e, order=1) for e in choices.add]
    scenarios = choose(library.incidents, choices.select, choices.exclude, choices.override,
                       added, hidden=hidden)
    return tuple(IncidentPlan(s, _resolve(own[s.id], by_id), by_default=False)
                 if s.id in own else
                 IncidentPlan(s, _resolve(choices.tell, by_id), by_default=True,
                              covering=_covering(s.areas, contacts))
                 for s in scenarios)


def _needed(role: Role, incidents: Sequence[IncidentPlan], standards: Sequence[Standard],
            approvals: ApprovalRules | None) -> tuple[str, ...]:
    """What the role's duties need that its path does not reach, in page order (the most
    urgent scenarios first; then whoever posts, what needs sign-off; then the standards
    that protect people first): a scenario or standard that names one of the duties,
    unless the path names it (by any of its ids) or its whole page."""
    if not role.duties:
        return ()
    reached = set(role.path)
    sign_off = (approvals is not None and bool(approvals.needs_sign_off)
                and "post" in role.duties and "how-we-post" not in reached
                and "how-we-post/sign-off" not in reached)
    found = [(page, item) for page, items in (
        ("when-things-go-wrong", [plan.scenario for plan in incidents]),
        ("how-we-post", list(standards))) if page not in reached for item in items]
    refs = [f"{page}/{item.id}" for page, item in found
            if set(item.duties) & set(role.duties)
            and not {f"{page}/{name}" for name in (item.id, *item.aliases)} & reached]
    if sign_off:
        first_standard = next((i for i, ref in enumerate(refs)
                               if ref.startswith("how-we-post/")), len(refs))
        refs.insert(first_standard, "how-we-post/sign-off")
    return tuple(refs)


def _covering(areas: Sequence[str], contacts: Sequence[Contact]) -> tuple[Covered, ...]:
    """The contacts that cover any of ``areas``, each once with the areas it covers, in
    the order of the areas (an area nobody covers is left out: the health report asks
    for it)."""
    found: dict[str, list[str]] = {}
    by_id = {c.id: c for c in contacts}
    for area in areas:
        for contact in contacts:
            if area in contact.covers:
                found.setdefault(contact.id, []).append(area)
    return tuple(Covered(by_id[i], tuple(covered)) for i, covered in found.items())


def _asking(role: Role, contacts: Sequence[Contact]) -> Role:
    """``role`` with the id of the contact it asks first: its own, the first contact when
    it names none, or none when its own is left out of a public build (another contact
    would be the wrong person to send someone to)."""
    if role.ask is None:
        return role.model_copy(update={"ask": contacts[0].id if contacts else None})
    return role if role.ask in {c.id for c in contacts} else role.model_copy(update={"ask": None})


def _approvals(approvals: Approvals | None,
               contacts: Sequence[Contact]) -> ApprovalRules | None:
    if approvals is None:
        return None
    by_id = {c.id: c for c in contacts}
    return ApprovalRules(
        anyone_may_post=approvals.anyone_may_post,
        needs_sign_off=tuple(SignOffRule(rule.what, by_id.get(rule.by))
                             for rule in approvals.needs_sign_off),
        reply_within=approvals.reply_within,
    )


def choose(
    items: Sequence[T],
    select: Sequence[str] | None,
    exclude: Sequence[str],
    overrides: Mapping[str, Strict],
    added: Sequence[T] = (),
    hidden: Collection[str] = (),
) -> tuple[T, ...]:
    """Apply select, exclude, override and add (in that order) to library ``items``;
    ``hidden`` library items (by any of their ids) are left out like excluded ones.

    Items may be named by an earlier id (one of their ``aliases``)."""
    by_id = {item.id: item for item in items}
    current = {alias: item.id for item in items for alias in item.aliases}

    def named(item_id: str) -> str:
        return current.get(item_id, item_id)

    chosen = (
        [by_id[named(i)] for i in select if named(i) in by_id]
        if select is not None else list(items)
    )
    dropped = {named(i) for i in (*exclude, *hidden)}
    changes = {named(i): change for i, change in overrides.items()}
    kept = [item for item in chosen if item.id not in dropped]
    return (*(_override(item, changes.get(item.id)) for item in kept), *added)


def by_topic(objections: Sequence[Objection]) -> tuple[Objection, ...]:
    """Objections grouped by topic, in the order of :data:`OBJECTION_TOPICS` (other topics
    after them by name, none last), keeping their order within each topic."""
    known = list(OBJECTION_TOPICS)

    def place(o: Objection) -> tuple[int, str]:
        if o.topic is None:
            return len(known) + 1, ""
        return (known.index(o.topic), "") if o.topic in known else (len(known), o.topic)

    return tuple(sorted(objections, key=place))


def _override(item: T, override: Strict | None) -> T:
    if override is None:
        return item
    # Whom to tell and who may read it are the merge's to apply, not the item's fields.
    given = {name: value for name, value in override
             if value is not None and name not in ("tell", "visibility")}
    return item.model_copy(update=given)


def _platform(
    choice: PlatformChoice,
    library: Library,
    audiences: Mapping[str, Audience],
    goals: Mapping[str, Goal],
) -> ChosenPlatform:
    known = library.platform(choice.id)
    base = known or PlatformText(name=choice.name or choice.id, metaphor=choice.metaphor or "?")
    guide = base.model_copy(update={
        "name": choice.name or base.name,
        "metaphor": choice.metaphor or base.metaphor,
        "summary": choice.summary or base.summary,
        # The profile's own points come after the library's, never in place of them.
        **{field: (*getattr(base, field), *getattr(choice, field))
           for field in ("good_for", "bad_for", "etiquette", "listen_for")},
    })
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
        account=choice.account,
        audiences=_resolve(choice.audiences, audiences),
        goals=_resolve(choice.goals, goals),
    )


_V = TypeVar("_V")


def _resolve(ids: Sequence[str], known: Mapping[str, _V]) -> tuple[_V, ...]:
    return tuple(known[i] for i in ids if i in known)


def _own_reading(entries: Sequence[ReadingEntry]) -> Iterator[Reading]:
    """The profile's own reading entries. An entry whose id is derived from its title
    keeps the id an earlier rule derived, where today's differs ("Café" gave ``caf``), so
    that anchors already published still land on it; an earlier id two entries shared
    named neither, and is left out."""
    earlier = [None if e.id else earlier_derived_id(e.title) for e in entries]
    shared = {i for i, n in Counter(earlier).items() if n > 1}
    taken = {reading_id(e) for e in entries}
    for entry, old in zip(entries, earlier, strict=True):
        keep = old is not None and old not in shared and old not in taken
        yield _own(Reading, entry, id=reading_id(entry), aliases=(old,) if keep else ())


def _own(kind: type[T], entry: Strict, **fields: object) -> T:
    """An entry of the profile's own as an item of the library's ``kind``; what only the
    profile has (whom to tell, who may read it) stays with the merge."""
    data = entry.model_dump(exclude={"tell", "visibility"})
    return kind(**{**data, "schema_version": 1, **fields})
