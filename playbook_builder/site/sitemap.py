"""Where everything lives in the site: the pages, the navigation and every link target.

Every URL and anchor derives from an id, never from a title, so rewording a title never
breaks a link. A *target* is anything a role's path or a shared link can point at:
``strategy/why``, ``platforms/facebook``, ``objections/time-waste`` and so on.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..health.score import check
from ..playbook.model import Playbook
from .markdown_text import html_text

HOME = "index.md"
STRATEGY = "strategy/index.md"
PRINCIPLES = "principles.md"
PLATFORMS = "platforms/index.md"
OBJECTIONS = "objections.md"
READING = "reading-list.md"
ONBOARDING = "onboarding/index.md"
HEALTH = "health.md"
TAGS = "tags.md"
CHANGES = "changes.md"
CONTACTS = "contacts.md"
INCIDENTS = "when-things-go-wrong.md"
POSTING = "how-we-post.md"
SIGN_OFF = "how-we-post/sign-off"
"""The rules on what needs sign-off, a section of /how-we-post/ a path can name."""
VOICE = "voice.md"
WORKSHOP = "workshop/index.md"

EDITORS = "For editors"
"""The navigation heading over the pages for whoever writes the strategy: the workshop,
the health report and the tags. Everything above it is for the people who were sent
the link."""

_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\"'(])")


@dataclass(frozen=True, slots=True)
class Target:
    """A page, or an item on a page, that can be linked to."""

    src: str
    """The page's Markdown path in the site, such as ``platforms/facebook.md``."""
    anchor: str
    """The item's anchor on that page, or an empty string for the page itself."""
    title: str
    summary: str

    def href_from(self, page_src: str) -> str:
        """A relative Markdown link from ``page_src`` to this target."""
        rel = posixpath.relpath(self.src, posixpath.dirname(page_src) or ".")
        return f"{rel}#{self.anchor}" if self.anchor else rel

    def url(self, use_directory_urls: bool = True) -> str:
        """The target's URL path relative to the site root, such as ``platforms/facebook/``."""
        path = self.src.removesuffix(".md")
        if use_directory_urls:
            path = "" if path == "index" else path.removesuffix("index") if path.endswith(
                "/index") else f"{path}/"
        else:
            path = f"{path}.html"
        return f"{path}#{self.anchor}" if self.anchor else path


@dataclass(frozen=True, slots=True)
class Page:
    """One generated page: where it goes, which template renders it, and with what."""

    src: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    meta: Mapping[str, Any] = field(default_factory=dict)
    """Front matter of our own (never profile values), such as Material's ``hide``."""
    in_nav: bool = True
    """False for pages reached only through links, such as a role's printable path."""


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, for one-line summaries."""
    flat = " ".join(text.split())
    match = _SENTENCE_END.search(flat)
    return flat[: match.end()].strip() if match else flat


def step_src(step_id: str) -> str:
    return f"strategy/{step_id}.md"


def platform_src(platform_id: str) -> str:
    return f"platforms/{platform_id}.md"


def workshop_src(step_id: str) -> str:
    return f"workshop/{step_id}.md"


def role_src(role_id: str) -> str:
    return f"onboarding/{role_id}.md"


def role_print_src(role_id: str) -> str:
    return f"onboarding/{role_id}/print.md"


NAV_LISTED = 25
"""The most pages of one kind (platforms, roles) the navigation lists. Material renders
the whole navigation into every page, so listing n roles on each of 2n role pages made
the site grow with n²; past this many, the section's index page (which lists them all)
is their only entry, and the pages themselves are left out of the navigation."""


def listed_in_nav(count: int) -> bool:
    """Whether a section of ``count`` pages lists them in the navigation."""
    return count <= NAV_LISTED


BOOSTED = {"search": {"boost": 2}}
"""Front matter that ranks a page higher in Material's search."""


def pages(pb: Playbook, *, health: bool = True, changes: object = None,
          tags: bool = False) -> list[Page]:
    """Every page of the playbook, in navigation order; ``health`` adds /health/,
    ``changes`` (when publishing a version) adds /changes/, and ``tags`` (when Material's
    tags plugin is on) adds /tags/."""
    home = Page(HOME, "home.md.j2", meta={"hide": ["navigation", "toc"]})
    result = [home, Page(STRATEGY, "strategy.md.j2")]
    result += [Page(step_src(s.id), "step.md.j2", {"step": s}) for s in pb.steps]
    result.append(Page(PLATFORMS, "platforms.md.j2"))
    platforms_listed = listed_in_nav(len(pb.platforms))
    result += [Page(platform_src(p.id), "platform.md.j2", {"platform": p},
                    # Material prints tag names as they are: ours are escaped here.
                    meta={**BOOSTED, "tags": [html_text(name) for name in
                                              (p.name, *(a.name for a in p.audiences))]},
                    in_nav=platforms_listed)
               for p in pb.platforms]
    result += [Page(op.src, op.template, meta=BOOSTED) for op in _operations(pb)]
    topics = sorted({o.topic for o in pb.objections if o.topic})
    result += [Page(PRINCIPLES, "principles.md.j2"),
               Page(OBJECTIONS, "objections.md.j2", meta={**BOOSTED, "tags": topics}),
               Page(READING, "reading-list.md.j2")]
    if pb.roles:
        result.append(Page(ONBOARDING, "onboarding.md.j2"))
        roles_listed = listed_in_nav(len(pb.roles))
        for r in pb.roles:
            result.append(Page(role_src(r.id), "role.md.j2", {"role": r}, in_nav=roles_listed))
            result.append(Page(role_print_src(r.id), "role-print.md.j2",
                               {"role": r, "printable": True}, in_nav=False,
                               meta={"search": {"exclude": True}}))
    if changes is not None:
        result.append(Page(CHANGES, "changes.md.j2", {"changes": changes}))
    result.append(Page(WORKSHOP, "workshop.md.j2"))
    result += [Page(workshop_src(s.id), "workshop-step.md.j2", {"step": s}) for s in pb.steps]
    if health:
        result.append(Page(HEALTH, "health.md.j2", {"report": check(pb)}))
    if tags:
        result.append(Page(TAGS, "tags.md.j2"))
    return result


@dataclass(frozen=True, slots=True)
class _Operation:
    """A page of what to do now and whom to ask, made when the playbook has its content."""

    src: str
    template: str
    title: str
    summary: str
    has_content: Callable[[Playbook], object]


_OPERATIONS = (
    _Operation(CONTACTS, "contacts.md.j2", "Who to ask", "Whom to ask, and how to reach them.",
               lambda pb: pb.contacts),
    _Operation(INCIDENTS, "incidents.md.j2", "When things go wrong",
               "What to do first, and whom to tell.", lambda pb: pb.incidents),
    _Operation(POSTING, "how-we-post.md.j2", "How we post",
               "What needs sign-off, and the standards we keep.",
               lambda pb: pb.approvals or pb.standards),
    _Operation(VOICE, "voice.md.j2", "Our voice", "How we sound, by example.",
               lambda pb: pb.voice or pb.profile.organisation.voice),
)


def _operations(pb: Playbook) -> list[_Operation]:
    """The operational pages this playbook has content for, in navigation order."""
    return [op for op in _OPERATIONS if op.has_content(pb)]


def nav(pb: Playbook, *, health: bool = True, changes: bool = False,
        tags: bool = False) -> list[Any]:
    """The MkDocs ``nav`` for the generated pages; page titles come from their headings.

    The playbook comes first; the editors' pages are grouped last under one heading. A
    section lists its pages only up to :data:`NAV_LISTED` of them (see there)."""
    platforms = [platform_src(p.id) for p in pb.platforms]
    roles = [role_src(r.id) for r in pb.roles]
    sections: list[Any] = [
        {"Home": HOME},
        {"Strategy": [STRATEGY, *(step_src(s.id) for s in pb.steps)]},
        {"Platforms": [PLATFORMS, *(platforms if listed_in_nav(len(platforms)) else [])]},
        *({op.title: op.src} for op in _operations(pb)),
        {"Principles": PRINCIPLES},
        {"Objections": OBJECTIONS},
        {"Reading list": READING},
    ]
    if pb.roles:
        sections.append({"Onboarding": [ONBOARDING, *(roles if listed_in_nav(len(roles)) else [])]})
    if changes:
        sections.append({"What changed": CHANGES})
    editors: list[Any] = [{"Workshop": [WORKSHOP, *(workshop_src(s.id) for s in pb.steps)]}]
    if health:
        editors.append({"Strategy health": HEALTH})
    if tags:
        editors.append({"Tags": TAGS})
    sections.append({EDITORS: editors})
    return sections


def targets(pb: Playbook, *, health: bool = True) -> dict[str, Target]:
    """Every linkable page and item, by its path id (``kind`` or ``kind/id``)."""
    steps = {s.id: s for s in pb.steps}
    found: dict[str, Target] = {
        "home": Target(HOME, "", pb.title, "The front page of the playbook."),
        "strategy": Target(STRATEGY, "", "Strategy", "The five-step path at a glance."),
        "principles": Target(PRINCIPLES, "", "Principles", "The ideas behind the playbook."),
        "platforms": Target(PLATFORMS, "", "Platforms", "The platforms we chose and why."),
        "objections": Target(OBJECTIONS, "", "Objections", "Answers to common objections."),
        "reading-list": Target(READING, "", "Reading list", "What to read next."),
        "workshop": Target(WORKSHOP, "", "Workshop",
                           "The method, for whoever writes or reviews the strategy."),
    }
    for op in _operations(pb):
        found[op.src.removesuffix(".md")] = Target(op.src, "", op.title, op.summary)
    if health:
        found["health"] = Target(HEALTH, "", "Strategy health",
                                 "Where the plan could follow the method more closely.")
    for s in pb.steps:
        found[f"strategy/{s.id}"] = Target(step_src(s.id), "", s.title, s.idea)
        found[f"workshop/{s.id}"] = Target(workshop_src(s.id), "", f"Workshop: {s.title}",
                                           s.summary)
    for p in pb.principles:
        found[f"principles/{p.id}"] = Target(PRINCIPLES, p.id, p.title, p.summary)
    for c in pb.platforms:
        summary = c.purpose or c.guide.summary or f"Like {c.guide.metaphor}."
        found[f"platforms/{c.id}"] = Target(platform_src(c.id), "", c.name, summary)
    for o in pb.objections:
        summary = first_sentence(o.response)
        found[f"objections/{o.id}"] = Target(OBJECTIONS, o.id, o.objection, summary)
    for r in pb.reading:
        found[f"reading-list/{r.id}"] = Target(READING, r.id, r.title, r.note or "")
    for contact in pb.contacts:
        found[f"contacts/{contact.id}"] = Target(CONTACTS, contact.id, contact.role,
                                                 contact.name or "")
    for i in pb.incidents:
        found[f"when-things-go-wrong/{i.id}"] = Target(
            INCIDENTS, i.id, i.scenario.title, i.scenario.applies_when or "")
    if pb.approvals and pb.approvals.needs_sign_off:
        found[SIGN_OFF] = Target(POSTING, "sign-off", "What needs sign-off first",
                                 "What to have checked before it is posted, and by whom.")
    for standard in pb.standards:
        found[f"how-we-post/{standard.id}"] = Target(POSTING, standard.id, standard.title,
                                                     standard.summary or "")
    for e in pb.exercises:
        if e.step in steps:
            found[f"exercises/{e.id}"] = Target(workshop_src(e.step), e.id, e.title, e.summary)
    for q in pb.questions:
        if q.step in steps:
            found[f"questions/{q.id}"] = Target(workshop_src(q.step), q.id, q.question,
                                                q.explanation)
    for role in pb.roles:
        welcome = role.welcome or ""
        found[f"onboarding/{role.id}"] = Target(role_src(role.id), "", role.name, welcome)
        found[f"onboarding/{role.id}/print"] = Target(
            role_print_src(role.id), "", f"{role.name}: the whole path", welcome)
    _add_aliases(found, pb)
    return found


def _add_aliases(found: dict[str, Target], pb: Playbook) -> None:
    """Earlier ids name the same targets as the current ones."""
    named: list[tuple[str, str, tuple[str, ...]]] = [
        *(("strategy", s.id, s.aliases) for s in pb.steps),
        *(("principles", p.id, p.aliases) for p in pb.principles),
        *(("platforms", c.id, c.aliases) for c in pb.platforms),
        *(("objections", o.id, o.aliases) for o in pb.objections),
        *(("reading-list", r.id, r.aliases) for r in pb.reading),
        *(("exercises", e.id, e.aliases) for e in pb.exercises),
        *(("questions", q.id, q.aliases) for q in pb.questions),
        *(("onboarding", r.id, r.aliases) for r in pb.roles),
        *(("when-things-go-wrong", i.id, i.scenario.aliases) for i in pb.incidents),
        *(("how-we-post", s.id, s.aliases) for s in pb.standards),
    ]
    for kind, current, aliases in named:
        for alias in aliases:
            if f"{kind}/{current}" in found:
                found.setdefault(f"{kind}/{alias}", found[f"{kind}/{current}"])


@dataclass(frozen=True, slots=True)
class Redirect:
    """An old page address that forwards to the page's current one."""

    old: Target
    new: Target


def redirects(pb: Playbook) -> list[Redirect]:
    """A redirect for every earlier id of a page of its own (platforms and roles)."""
    result = []
    for c in pb.platforms:
        new = Target(platform_src(c.id), "", c.name, "")
        result += [Redirect(Target(platform_src(a), "", c.name, ""), new) for a in c.aliases]
    for r in pb.roles:
        new = Target(role_src(r.id), "", r.name, "")
        result += [Redirect(Target(role_src(a), "", r.name, ""), new) for a in r.aliases]
    return result
