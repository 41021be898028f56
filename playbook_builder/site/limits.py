"""Bounds on what multiplies a site's pages, so that its size stays in proportion.

A role adds two pages (its path and its printable path, which holds the content of every
item the path names) and a platform one page; every page carries Material's frame (some
18 kB). Past the bounds here a profile is refused with a located diagnostic rather than
built into a site of tens of megabytes.

Measured with the bundled library (tests/profiles/minimal.yml's role copied): 400 roles
made 117 MB when the navigation listed every role on every page, 27 MB since it does not
(about 60 kB a role). At the bounds, 100 roles make 9 MB; 100 roles whose paths each
name 30 whole pages, 25 MB (from an 80 kB profile). A typical playbook has a handful of
roles and platforms, and paths of five to fifteen items.

Pages also multiply what they name by id: each id in a list becomes the whole of what it
names (a contact's name, role and ways to reach them; an audience's name and listening
plan on every platform page that names it). So the entries that others name (contacts,
audiences, goals) are bounded, as are the lists of entries that name them (scenarios and
whom each tells, sign-offs, initiatives); whom to tell by default is printed once per
page, never once per scenario. With every bound reached (tests/test_linear_output.py),
100 contacts and 100 scenarios build a page of scenarios of about 150 kB. Every page can
also be printed whole on each role's printable path, which is why the lists that make up
a page of their own are bounded too. The numbers are generous: a typical playbook has
under 20 contacts, a dozen scenarios, a handful of standards, audiences and goals, and
tells one to three people in a scenario.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..inputs.diagnostics import Diagnostic
from ..inputs.profile import Profile
from ..inputs.yamlsource import Document, Loc

MAX_ROLES = 100
"""Roles: each one is two pages."""
MAX_PATH = 30
"""Items in one role's path: its printable page holds the content of each of them."""
MAX_PLATFORMS = 100
"""Platforms: each one is a page."""
MAX_CONTACTS = 100
"""Contacts: a card each on /contacts/, and the whole of one wherever its id is named. A
typical playbook has under 20; a large one, a contact per branch or service, under 60."""
MAX_SCENARIOS = 100
"""Scenarios a profile selects from the library and adds of its own: a card each on
/when-things-go-wrong/, each naming whom to tell. The library has ten, and an
organisation adds a few of its own."""
MAX_COVERING = 5
"""Contacts that cover one area (``contacts: covers``): each card that names the area
prints every one of them, so this bounds a card as ``MAX_TELL`` does."""
MAX_TELL = 20
"""Contacts in one ``tell`` list (by default, or a scenario's own): whoever spots a
problem tells one to three people, who pass it on."""
MAX_STANDARDS = 50
"""Standards a profile selects and adds: a section each on /how-we-post/. The library has
six, and an organisation adds a few of its own."""
MAX_SIGN_OFFS = 50
"""Kinds of post that need sign-off: a row each on /how-we-post/, with the whole of the
contact who signs it off."""
MAX_VOICE_EXAMPLES = 50
"""Examples of our voice: a handful teaches a voice; past fifty, nobody reads them."""
MAX_AUDIENCES = 50
"""Audiences: each one is named, with its listening plan, on every platform page that
names it, and on the home page with its platforms. A typical playbook has two to six."""
MAX_GOALS = 50
"""Goals: each one is stated on every platform page that names it. Typically three to
five."""
MAX_INITIATIVES = 50
"""Ways people can lead (``leading``): each one names the audiences it invites."""

CODE = "PB103"
"""A value is not allowed: here, a list longer than its limit."""


def over_limits(doc: Document, profile: Profile) -> list[Diagnostic]:
    """Where the profile has more of something than a site can hold in proportion, each
    located at the first entry over the limit."""
    return [doc.diagnostic(loc, CODE, message, hint)
            for loc, message, hint in _over_limits(profile)]


_Problem = tuple[Loc, str, str]


def _over_limits(profile: Profile) -> Iterator[_Problem]:
    roles = profile.roles
    if len(roles) > MAX_ROLES:
        yield (("roles", MAX_ROLES), f"too many roles: {len(roles)}, at most {MAX_ROLES}",
               "each role is two pages of the site; merge roles that read the same path,"
               " or build a playbook per department")
    for index, role in enumerate(roles[:MAX_ROLES]):
        if len(role.path) > MAX_PATH:
            yield (("roles", index, "path", MAX_PATH),
                   f"role '{role.id}' has too long a path: {len(role.path)} items, at most"
                   f" {MAX_PATH}",
                   "a path is what someone new reads first; link the rest from its pages")
    platforms = profile.platforms
    if len(platforms) > MAX_PLATFORMS:
        yield (("platforms", MAX_PLATFORMS),
               f"too many platforms: {len(platforms)}, at most {MAX_PLATFORMS}",
               "each platform is a page of the site; keep the ones you take part in")
    yield from _over_strategy(profile)
    yield from _over_operations(profile)


def _too_many(loc: Loc, items: Sequence[object], limit: int, what: str,
              hint: str) -> Iterator[_Problem]:
    """A problem at the first of ``items`` past ``limit``, if there is one."""
    if len(items) > limit:
        yield ((*loc, limit), f"too many {what}: {len(items)}, at most {limit}", hint)


def _over_strategy(profile: Profile) -> Iterator[_Problem]:
    yield from _too_many(("audiences",), profile.audiences, MAX_AUDIENCES, "audiences",
                         "each audience is named on every platform page that names it;"
                         " group people who care about the same things")
    yield from _too_many(("goals",), profile.goals, MAX_GOALS, "goals",
                         "each goal is stated on every platform page that serves it; keep"
                         " the few that decide what you do")
    yield from _too_many(("leading",), profile.leading, MAX_INITIATIVES,
                         "ways to lead with us", "keep the ones you run now")


def _over_operations(profile: Profile) -> Iterator[_Problem]:
    yield from _too_many(("contacts",), profile.contacts, MAX_CONTACTS, "contacts",
                         "list the few people others should ask; a team with a shared"
                         " address or phone is one contact")
    covering: dict[str, list[Loc]] = {}
    for i, contact in enumerate(profile.contacts[:MAX_CONTACTS]):
        for j, covered in enumerate(contact.covers):
            covering.setdefault(covered, []).append(("contacts", i, "covers", j))
    for area, places in covering.items():
        if len(places) > MAX_COVERING:
            yield (places[MAX_COVERING],
                   f"too many contacts cover {area}: {len(places)}, at most {MAX_COVERING}",
                   "each card for the area prints every one of them; name the one to three"
                   " people to call first")
    incidents = profile.incidents
    yield from _chosen(("incidents",), incidents.select, incidents.add, MAX_SCENARIOS,
                       "scenarios", "keep the scenarios your people are likely to meet;"
                       " each one is a card to find in a hurry")
    tell_hint = "name the one to three people who must know at once; they tell the others"
    yield from _too_many(("incidents", "tell"), incidents.tell, MAX_TELL,
                         "contacts to tell by default", tell_hint)
    for name, override in incidents.override.items():
        yield from _too_many(("incidents", "override", name, "tell"), override.tell or (),
                             MAX_TELL, f"contacts to tell in '{name}'", tell_hint)
    for i, entry in enumerate(incidents.add[:MAX_SCENARIOS]):
        yield from _too_many(("incidents", "add", i, "tell"), entry.tell, MAX_TELL,
                             f"contacts to tell in '{entry.id}'", tell_hint)
    standards = profile.standards
    yield from _chosen(("standards",), standards.select, standards.add, MAX_STANDARDS,
                       "standards", "keep the standards everyone who posts must know;"
                       " put the detail of each in its 'we_do'")
    if profile.approvals is not None:
        yield from _too_many(("approvals", "needs_sign_off"),
                             profile.approvals.needs_sign_off, MAX_SIGN_OFFS,
                             "kinds of post that need sign-off",
                             "group them, such as 'anything about money'")
    if profile.voice is not None:
        yield from _too_many(("voice", "examples"), profile.voice.examples,
                             MAX_VOICE_EXAMPLES, "examples of our voice",
                             "keep the examples that teach the most")


def _chosen(loc: Loc, select: Sequence[str] | None, added: Sequence[object], limit: int,
            what: str, hint: str) -> Iterator[_Problem]:
    """Library items selected and items of the profile's own, counted together; the
    problem is at the first past ``limit``, in 'select' or else in 'add'."""
    selected = select or ()
    count = len(selected) + len(added)
    if count <= limit:
        return
    first = (*loc, "select", limit) if len(selected) > limit else (
        *loc, "add", limit - len(selected))
    yield first, f"too many {what}: {count}, at most {limit}", hint
