"""Checking that every id a profile refers to exists, with did-you-mean when it does not."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from .diagnostics import Diagnostic, Suggestions
from .library import Library
from .profile import Profile, reading_id
from .yamlsource import Document, Loc

RESERVED_IDS = frozenset({"index"})

PAGE_ANCHORS: dict[str, tuple[frozenset[str], str]] = {
    "standards": (frozenset({"anyone-may-post", "sign-off", "reply-within", "standards"}), ""),
    "incidents": (frozenset({"who-to-tell", "helplines", "serious-incidents"}), ""),
    "objections": (frozenset(), "topic-"),
}
"""The anchors a page gives its own headings, and the prefix of those it makes (the
objections page heads each topic 'topic-<topic>'; the page of scenarios heads whom to tell
by default 'who-to-tell', and its helplines and serious incidents likewise), by the
profile key whose entries share the page: an entry's id or earlier id there would name
two places."""


class _Checker:
    def __init__(self, doc: Document, unchecked: Collection[str] = (),
                 suggest: Suggestions | None = None) -> None:
        self.doc = doc
        self.unchecked = unchecked
        """Kinds whose own section is invalid: references to them cannot be judged."""
        self.suggest = suggest or Suggestions()
        """The run's did-you-mean hints, their work bounded."""
        self.problems: list[Diagnostic] = []

    def unique(self, kind: str, loc: Loc, ids: Sequence[str], taken: Collection[str] = (),
               field: str = "id", hint: str = "give each entry its own id") -> None:
        seen: set[str] = set()
        for i, item_id in enumerate(ids):
            if item_id in seen or item_id in taken:
                where = "the library already has" if item_id in taken else "another entry uses"
                advice = ("use 'override' to change the library's one, or choose another id"
                          if item_id in taken else hint)
                self.problems.append(self.doc.diagnostic(
                    (*loc, i, field), "PB202", f"duplicate {kind} {field} '{item_id}': {where} it",
                    advice
                ))
            seen.add(item_id)

    def refs(self, kind: str, loc: Loc, ids: Iterable[str], known: Collection[str],
             current: Mapping[str, str] | None = None) -> None:
        """Each of ``ids`` is ``known`` and listed once; ``current`` maps earlier ids to
        the current one, so an item listed by its id and by an earlier id is listed twice
        as well."""
        if kind in self.unchecked:
            return
        seen: dict[str, str] = {}  # current id -> the id it was first listed by
        for i, ref in enumerate(ids):
            item = (current or {}).get(ref, ref)
            if ref not in known:
                self.problems.append(self.doc.diagnostic(
                    (*loc, i), "PB201", f"unknown {kind} '{ref}'", self.hint(kind, ref, known)
                ))
            elif seen.get(item) == ref:
                self.problems.append(self.doc.diagnostic(
                    (*loc, i), "PB202", f"{kind} '{ref}' is listed twice", "list it once"
                ))
            elif item in seen:
                first = seen[item]
                self.problems.append(self.doc.diagnostic(
                    (*loc, i), "PB202",
                    f"{kind} '{item}' is listed twice, as '{first}' and as '{ref}'",
                    f"{_earlier(item, first, ref)}: list it once, as '{item}'"))
            seen.setdefault(item, ref)

    def not_reserved(self, kind: str, loc: Loc, ids: Sequence[str]) -> None:
        """'index' names a section's overview page, so no entry of its own can use it."""
        for i, item_id in enumerate(ids):
            if item_id in RESERVED_IDS:
                self.problems.append(self.doc.diagnostic(
                    (*loc, i, "id"), "PB103", f"the {kind} id '{item_id}' is reserved",
                    "choose another id; 'index' names the section's overview page",
                ))

    def ref(
        self, kind: str, loc: Loc, ref: str, known: Collection[str], *, at_key: bool = False
    ) -> None:
        if ref not in known and kind not in self.unchecked:
            self.problems.append(self.doc.diagnostic(
                loc, "PB201", f"unknown {kind} '{ref}'", self.hint(kind, ref, known),
                at_key=at_key
            ))

    def hint(self, kind: str, ref: str, known: Collection[str]) -> str:
        """Did-you-mean; for a contact, also how to add someone new, who is as likely
        as a typo (ids such as 'shift-lead' and 'comms-lead' look alike)."""
        if kind != "contact":
            return self.suggest(ref, known)
        new = f"add '{ref}' under 'contacts', with a 'role' and an email, phone or url"
        if not known:
            return f"the profile has no contacts yet: {new}"
        close = self.suggest(ref, known)
        if close.startswith("did you mean"):
            return f"{close} Or, for someone new, add '{ref}' under 'contacts'"
        return f"{close}; for someone new, {new}"


def check_references(doc: Document, profile: Profile, library: Library,
                     unchecked: Collection[str] = (),
                     suggest: Suggestions | None = None) -> list[Diagnostic]:
    """Every broken or duplicated reference in ``profile``, located in ``doc``; references
    to the ``unchecked`` kinds ('audience', 'goal', 'platform') are skipped. ``suggest``
    gives the run's did-you-mean hints."""
    c = _Checker(doc, unchecked, suggest)
    audiences = [a.id for a in profile.audiences]
    goals = [g.id for g in profile.goals]
    chosen = [library.canonical("platforms", p.id) for p in profile.platforms]
    platforms = {*library.ids("platforms"), *library.aliases("platforms"), *chosen,
                 *(a for p in profile.platforms for a in p.aliases)}

    c.unique("audience", ("audiences",), audiences)
    c.unique("goal", ("goals",), goals)
    c.unique("platform", ("platforms",), chosen)
    c.unique("role", ("roles",), [r.id for r in profile.roles])
    _check_aliases(c, "role", ("roles",), [(r.id, r.aliases) for r in profile.roles])
    # A chosen library platform keeps the library's earlier ids: they lead to it already.
    taken = {alias: current for alias, current in library.aliases("platforms").items()
             if current in chosen}
    _check_aliases(c, "platform", ("platforms",),
                   [(i, p.aliases) for i, p in zip(chosen, profile.platforms, strict=True)],
                   taken, "remove it here")
    c.not_reserved("platform", ("platforms",), chosen)
    c.not_reserved("role", ("roles",), [r.id for r in profile.roles])
    c.unique("listening plan for", ("listening",),
             [plan.audience for plan in profile.listening], field="audience",
             hint="put everything about listening to one audience in one entry")
    for i, a in enumerate(profile.audiences):
        c.refs("platform", ("audiences", i, "hangs_out"), a.hangs_out, platforms)
    # A role's duties are on the platforms the organisation chose.
    ours = {*chosen, *(a for p in profile.platforms for a in p.aliases), *taken}
    for i, role in enumerate(profile.roles):
        c.refs("platform", ("roles", i, "platforms"), role.platforms, ours)
    for i, g in enumerate(profile.goals):
        c.refs("audience", ("goals", i, "audiences"), g.audiences, audiences)
    unknown = set(unknown_platforms(profile, library))
    for i, p in enumerate(profile.platforms):
        loc: Loc = ("platforms", i)
        c.refs("audience", (*loc, "audiences"), p.audiences, audiences)
        c.refs("goal", (*loc, "goals"), p.goals, goals)
        if p.id in unknown:
            close = c.suggest(p.id, library.ids("platforms"))
            own = "give a platform of your own a 'name' and a 'metaphor'"
            hint = f"{close} Otherwise, {own}" if close.startswith("did you") else (
                f"{own}, or use a library platform: {close.removeprefix('expected one of ')}")
            c.problems.append(doc.diagnostic(
                (*loc, "id"), "PB203", f"'{p.id}' is not a library platform", hint))
    for i, plan in enumerate(profile.listening):
        c.ref("audience", ("listening", i, "audience"), plan.audience, audiences)
    for i, initiative in enumerate(profile.leading):
        c.refs("audience", ("leading", i, "invites"), initiative.invites, audiences)
    _check_choices(c, "objections", "objection", profile, library)
    _check_choices(c, "reading_list", "reading-list entry", profile, library)
    _check_choices(c, "incidents", "scenario", profile, library)
    _check_choices(c, "standards", "standard", profile, library)
    _check_contacts(c, profile)
    return c.problems


def _check_contacts(c: _Checker, profile: Profile) -> None:
    """Contacts are unique and reachable, and every contact named is one of them."""
    contacts = [contact.id for contact in profile.contacts]
    c.unique("contact", ("contacts",), contacts)
    for i, contact in enumerate(profile.contacts):
        if not (contact.email or contact.phone or contact.url):
            c.problems.append(c.doc.diagnostic(
                ("contacts", i), "PB101", f"contact '{contact.id}' has no way to reach them",
                "add 'email:', 'phone:' or 'url:'"))
    incidents = profile.incidents
    c.refs("contact", ("incidents", "tell"), incidents.tell, contacts)
    for name, override in incidents.override.items():
        c.refs("contact", ("incidents", "override", name, "tell"), override.tell or (),
               contacts)
    for i, entry in enumerate(incidents.add):
        c.refs("contact", ("incidents", "add", i, "tell"), entry.tell, contacts)
    for i, rule in enumerate(profile.approvals.needs_sign_off if profile.approvals else ()):
        c.ref("contact", ("approvals", "needs_sign_off", i, "by"), rule.by, contacts)
    for i, role in enumerate(profile.roles):
        if role.ask is not None:
            c.ref("contact", ("roles", i, "ask"), role.ask, contacts)


def unknown_platforms(profile: Profile, library: Library) -> list[str]:
    """The profile's platform ids that are neither the library's nor described in full."""
    return [p.id for p in profile.platforms
            if library.platform(p.id) is None and not (p.name and p.metaphor)]


def _check_aliases(
    c: _Checker, kind: str, loc: Loc, entries: Sequence[tuple[str, Sequence[str]]],
    taken: Mapping[str, str] | None = None, instead: str = "",
) -> None:
    """An earlier id must not name another entry, or two entries at once, nor an item of
    the library (``taken``: its names, ids and earlier ids, and the id of the item each
    names); ``instead`` says what to do about the library's."""
    ids = {entry_id for entry_id, _ in entries}
    seen: set[str] = set()
    for i, (entry_id, aliases) in enumerate(entries):
        for j, alias in enumerate(aliases):
            owner = (taken or {}).get(alias, entry_id)
            if owner != entry_id:
                c.problems.append(c.doc.diagnostic(
                    (*loc, i, "aliases", j), "PB202",
                    f"the earlier id '{alias}' is already used by the library {kind}"
                    f" '{owner}'",
                    f"an earlier id can lead to one place only; {instead}",
                ))
            elif alias in ids or alias in seen:
                c.problems.append(c.doc.diagnostic(
                    (*loc, i, "aliases", j), "PB202",
                    f"the earlier id '{alias}' also names another {kind}",
                    "an earlier id can lead to one place only; remove it here or there",
                ))
            seen.add(alias)


def _earlier(item: str, *names: str) -> str:
    """That the ``names`` other than ``item`` are earlier ids of it, in plain words."""
    earlier = sorted({name for name in names if name != item})
    if len(earlier) == 1:
        return f"'{earlier[0]}' is an earlier id of '{item}'"
    return f"{' and '.join(repr(name) for name in earlier)} are earlier ids of '{item}'"


def _check_choices(c: _Checker, key: str, kind: str, profile: Profile, library: Library) -> None:
    choices = getattr(profile, key)
    library_kind = "reading" if key == "reading_list" else key
    current = library.aliases(library_kind)
    known = [*library.ids(library_kind), *current]
    if choices.select is not None:
        c.refs(kind, (key, "select"), choices.select, known, current)
    c.refs(kind, (key, "exclude"), choices.exclude, known, current)
    overridden: dict[str, str] = {}  # current id -> the name its first override uses
    for name in choices.override:
        c.ref(kind, (key, "override", name), name, known, at_key=True)
        item = current.get(name, name)
        if item in overridden:  # two overrides of one item would merge silently
            first = overridden[item]
            c.problems.append(c.doc.diagnostic(
                (key, "override", name), "PB202",
                f"the {kind} '{item}' is overridden twice, as '{first}' and as '{name}'",
                f"{_earlier(item, first, name)}: put every change to it in one override,"
                f" under '{item}'", at_key=True))
        overridden.setdefault(item, name)
    added = [reading_id(e) if key == "reading_list" else e.id for e in choices.add]
    c.unique(kind, (key, "add"), added, taken=known)
    if key != "reading_list":  # each earlier id is an anchor on the page, beside the library's
        names = {**{i: i for i in library.ids(library_kind)}, **library.aliases(library_kind)}
        _check_aliases(c, kind, (key, "add"), [(o.id, o.aliases) for o in choices.add],
                       names, "remove it here, or reword the library's one with 'override'")
        _check_page_anchors(c, key, kind, choices.add)


def _check_page_anchors(c: _Checker, key: str, kind: str, added: Sequence[Any]) -> None:
    fixed, prefix = PAGE_ANCHORS.get(key, (frozenset(), ""))
    for i, entry in enumerate(added):
        named: list[tuple[Loc, str]] = [((key, "add", i, "id"), entry.id)]
        named += [((key, "add", i, "aliases", j), alias) for j, alias in enumerate(entry.aliases)]
        for loc, name in named:
            if name in fixed or (prefix and name.startswith(prefix)):
                c.problems.append(c.doc.diagnostic(
                    loc, "PB103", f"the {kind} id '{name}' is taken by a heading of its page",
                    f"choose another id, such as 'our-{name.removeprefix(prefix)}'"))


def check_paths(doc: Document, profile: Profile, targets: Collection[str],
                library: Library, suggest: Suggestions | None = None) -> list[Diagnostic]:
    """Every role path entry that names no page or item a path can lead to: the
    strategy, principles, platforms, objections, reading list, exercises and questions
    (not other onboarding pages, nor the optional health report).

    Suggestions come from valid targets only: a platform that is itself reported as
    unknown (a typo such as 'facebok') is never offered as the fix for 'platforms/facebook'.
    A library platform, objection or reading-list entry the playbook leaves out is named
    as such, with how to take it in."""
    broken = {f"platforms/{platform}" for platform in unknown_platforms(profile, library)}
    readable = [t for t in targets if not t.startswith(("onboarding", "health"))]
    valid = [t for t in readable if t not in broken]
    c = _Checker(doc, suggest=suggest)
    for i, role in enumerate(profile.roles):
        seen: set[str] = set()
        for j, ref in enumerate(role.path):
            loc: Loc = ("roles", i, "path", j)
            if ref in seen and ref in readable:
                c.problems.append(doc.diagnostic(
                    loc, "PB202", f"page or item '{ref}' is listed twice", "list it once"))
            elif ref not in readable:
                c.problems.append(doc.diagnostic(
                    loc, "PB201", f"unknown page or item '{ref}'",
                    _left_out(ref, profile, library) or c.suggest(ref, valid)))
            seen.add(ref)
    return c.problems


_LIBRARY_SECTIONS = {"platforms": ("platforms", "platforms"),
                     "objections": ("objections", "objections"),
                     "reading-list": ("reading", "reading_list"),
                     "when-things-go-wrong": ("incidents", "incidents"),
                     "how-we-post": ("standards", "standards")}
"""A section of the site -> the library kind on it, and the profile key choosing them."""


_SECTION_PAGES = {"contacts": "contacts", "voice": "voice"}
"""Pages built only when the profile has their section: page -> the profile key."""


def _left_out(ref: str, profile: Profile, library: Library) -> str | None:
    """How to bring in the library item ``ref`` names, when the playbook leaves it out,
    or the page it names, when the profile lacks the section that makes it."""
    section, _, item_id = ref.partition("/")
    if section in _SECTION_PAGES and not item_id:
        key = _SECTION_PAGES[section]
        if not getattr(profile, key):
            return (f"the '{section}' page is only built when the profile has '{key}':"
                    " add that section, or remove this entry")
    kind, key = _LIBRARY_SECTIONS.get(section, ("", ""))
    if not kind or item_id not in {*library.ids(kind), *library.aliases(kind)}:
        return None
    if section == "platforms":
        return (f"'{item_id}' is a library platform but not one of yours: add '- id: {item_id}'"
                " to 'platforms' to give it a page")
    choices = getattr(profile, key)
    canonical = library.canonical(kind, item_id)
    if {item_id, canonical} & set(choices.exclude):
        return f"'{item_id}' is left out by '{key}: exclude'; take it out of that list"
    return f"'{item_id}' is left out by '{key}: select'; add it to that list"
