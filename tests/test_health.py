"""The health check: every rule fires when the method is skipped and stays quiet when not.

Each case starts from a clean profile (tests/profiles/minimal.yml with a full answer to
"why care?", an owner for its platform, a contact who is told in every scenario and
rules on what needs sign-off, which has no findings at all) and changes one thing, so a
case shows exactly what a rule reacts to.

The library is the bundled one with one change: Instagram, and no other platform, is
where people share photos of people (``photos: true``), whatever the content says today,
so the consent rule has a platform to react to and one to stay quiet for. Today is
:data:`TODAY`, through ``SOURCE_DATE_EPOCH``, so the review date rule is deterministic.
"""

from __future__ import annotations

import calendar
import copy
import dataclasses
import os
import re
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from playbook_builder.health.rules import today
from playbook_builder.health.score import (
    PENALTY,
    RULES,
    Finding,
    Report,
    Rule,
    StepScore,
    check,
)
from playbook_builder.inputs.build_time import BuildTimeProblem
from playbook_builder.inputs.library import STEP_IDS, Library
from playbook_builder.inputs.loading import check_profile
from playbook_builder.inputs.profile import Profile
from playbook_builder.playbook.merge import merge
from playbook_builder.playbook.model import Playbook
from playbook_builder.site.sitemap import targets

from .conftest import EXAMPLE, MINIMAL

Data = dict[str, Any]
Edit = Callable[[Data], None]

FULL_WHY = (
    "Everyone in Hillside should be able to find a book, a quiet desk and help with a "
    "form. When the library works, people get jobs, children read and nobody has to face "
    "a council form alone."
)

TODAY = date(2026, 12, 2)
"""The day the health check counts as today in these tests."""

AREAS = ("safeguarding", "media", "complaints", "data-protection", "accounts", "out-of-hours",
         "sign-off")
"""Every area the library's cards name, all covered by the clean profile's one contact."""

PHOTOS = "instagram"
"""The one platform where people share photos of people, in these tests."""


def epoch(day: date, hour: int = 0) -> str:
    """``SOURCE_DATE_EPOCH`` for ``hour`` o'clock UTC on ``day``."""
    return str(calendar.timegm((day.year, day.month, day.day, hour, 0, 0)))


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(TODAY))


@pytest.fixture(scope="module")
def library(library: Library) -> Library:
    """The shared fixture's bundled library, with photos of people shared on Instagram
    only."""
    platforms = tuple(p.model_copy(update={"photos": p.id == PHOTOS})
                      for p in library.platforms)
    return dataclasses.replace(library, platforms=platforms)


def clean() -> Data:
    """The minimal profile, completed so that it has no findings."""
    data: Data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    data["why"] = FULL_WHY
    data["organisation"]["country"] = "GB"
    data["platforms"][0]["owner"] = "Front desk team"
    data["contacts"] = [{"id": "desk-lead", "role": "Front desk lead",
                         "email": "desk@hillside.example.org", "covers": list(AREAS)}]
    data["incidents"] = {"tell": ["desk-lead"]}
    data["approvals"] = {
        "anyone_may_post": ["Opening hours and reminders of events"],
        "needs_sign_off": [{"what": "Anything about council decisions", "by": "desk-lead"}],
    }
    return data


def load(tmp_path: Path, library: Library, data: Data, *, public: bool = False) -> Playbook:
    path = tmp_path / "profile.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return merged(path, library, public=public)


def merged(path: Path, library: Library, *, public: bool = False) -> Playbook:
    """The playbook of a valid profile merged with ``library`` (this module's own)."""
    checked = check_profile(path, library)
    assert not checked.problems, checked.problems
    return merge(checked.profile, library, checked.doc.file, public=public)


def edited(*edits: Edit) -> Data:
    data = clean()
    for edit in edits:
        edit(data)
    return data


def playbook(tmp_path: Path, library: Library, *edits: Edit, public: bool = False) -> Playbook:
    return load(tmp_path, library, edited(*edits), public=public)


def run(tmp_path: Path, library: Library, *edits: Edit, public: bool = False) -> Report:
    return check(playbook(tmp_path, library, *edits, public=public))


# --- Small, composable edits of the profile data ----------------------------------------


def put(*path: str | int, value: Any) -> Edit:
    def edit(data: Data) -> None:
        node: Any = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = copy.deepcopy(value)

    return edit


def drop(*path: str | int) -> Edit:
    def edit(data: Data) -> None:
        node: Any = data
        for part in path[:-1]:
            node = node[part]
        del node[path[-1]]

    return edit


def append(*path: str | int, value: Any) -> Edit:
    def edit(data: Data) -> None:
        node: Any = data
        for part in path:
            node = node[part]
        node.append(copy.deepcopy(value))

    return edit


def both(*edits: Edit) -> Edit:
    def edit(data: Data) -> None:
        for e in edits:
            e(data)

    return edit


def platform(pid: str, owner: str, **extra: Any) -> Edit:
    """Add a fully planned platform for the readers' goal."""
    entry = {"id": pid, "audiences": ["readers"], "goals": ["members"],
             "cadence": "weekly", "owner": owner, **extra}
    return append("platforms", value=entry)


def exclude_standard(standard_id: str) -> Edit:
    return put("standards", value={"exclude": [standard_id]})


def own_standard(topic: str) -> Edit:
    """A standard of the profile's own on ``topic``, in place of the library's."""
    entry = {"id": f"our-{topic}", "title": f"Our {topic} rules", "topic": topic}
    return put("standards", value={"exclude": [topic], "add": [entry]})


TEENS = {"id": "teens", "name": "Teenagers", "hangs_out": ["tiktok"]}
LISTEN_TEENS = {"audience": "teens", "where": ["school group"], "listen_for": ["exams"]}
NO_GOALS = both(drop("goals"), drop("platforms", 0, "goals"))
NO_PLATFORMS = both(drop("platforms"), put("roles", 0, "path", value=["strategy/why"]))
NO_CONTACTS = both(drop("contacts"), drop("incidents"), drop("approvals", "needs_sign_off"))
"""No contacts, and nothing that names one."""
FLOOD = {"id": "flood", "title": "The reading room floods"}


# --- For every rule: profiles that trigger it, with where, and profiles that do not ----

TRIGGERS: list[Any] = [
    pytest.param("why-missing", put("why", value="We lend books."), ("why",),
                 id="why-missing"),
    pytest.param("why-thin", put("why", value=FULL_WHY.split(". ")[0] + "."),
                 ("why",), id="why-thin"),
    pytest.param("no-goals", NO_GOALS, ("goals",), id="no-goals"),
    pytest.param("goal-without-measure", drop("goals", 0, "measures"),
                 ("goals", 0, "measures"), id="goal-without-measure"),
    pytest.param("goal-only-vanity-measures",
                 put("goals", 0, "measures", value=["Facebook followers", "likes per post"]),
                 ("goals", 0, "measures"), id="goal-only-vanity-measures"),
    pytest.param("goal-only-vanity-measures",
                 put("goals", 0, "measures", value=["Reach", "page views", "Subscribers"]),
                 ("goals", 0, "measures"), id="goal-only-vanity-measures-mixed-case"),
    pytest.param("platform-without-goal", drop("platforms", 0, "goals"),
                 ("platforms", 0, "goals"), id="platform-without-goal"),
    pytest.param("goal-without-audience", drop("goals", 0, "audiences"),
                 ("goals", 0, "audiences"), id="goal-without-audience"),
    pytest.param("platform-without-audience", drop("platforms", 0, "audiences"),
                 ("platforms", 0, "audiences"), id="platform-without-audience"),
    pytest.param("audience-without-place", drop("audiences", 0, "hangs_out"),
                 ("audiences", 0, "hangs_out"), id="audience-without-place"),
    pytest.param("platform-away-from-audience",
                 put("audiences", 0, "hangs_out", value=["instagram"]),
                 ("platforms", 0), id="platform-away-from-audience"),
    pytest.param("platform-away-from-audience",
                 both(drop("platforms", 0, "audiences"),
                      put("audiences", 0, "hangs_out", value=["forums"])),
                 ("platforms", 0), id="platform-away-from-all-audiences"),
    pytest.param("audience-not-reached",
                 both(append("audiences", value=TEENS), append("listening", value=LISTEN_TEENS)),
                 ("audiences", 1), id="audience-not-reached"),
    pytest.param("audience-not-reached",
                 both(drop("platforms"), put("roles", 0, "path", value=["strategy/why"])),
                 ("audiences", 0),
                 id="audience-not-reached-no-platforms"),
    pytest.param("audience-without-listening", drop("listening"), ("audiences", 0),
                 id="audience-without-listening"),
    pytest.param("listening-plan-incomplete", drop("listening", 0, "where"),
                 ("listening", 0, "where"), id="listening-plan-incomplete"),
    pytest.param("listening-plan-incomplete", drop("listening", 0, "listen_for"),
                 ("listening", 0, "listen_for"), id="listening-plan-without-focus"),
    pytest.param("participation-without-donts", drop("participation", "dont"),
                 ("participation", "dont"), id="participation-without-donts"),
    pytest.param("participation-without-dos", drop("participation", "do"),
                 ("participation", "do"), id="participation-without-dos"),
    pytest.param("platform-without-owner", drop("platforms", 0, "owner"),
                 ("platforms", 0, "owner"), id="platform-without-owner"),
    pytest.param("platform-without-cadence", drop("platforms", 0, "cadence"),
                 ("platforms", 0, "cadence"), id="platform-without-cadence"),
    pytest.param("owner-overloaded",
                 both(platform("instagram", "Front desk team"),
                      platform("linkedin", "front  desk TEAM")),
                 ("platforms", 2, "owner"), id="owner-overloaded"),
    pytest.param("incident-without-contact", drop("incidents"), ("incidents",),
                 id="incident-without-contact"),
    pytest.param("incident-without-contact",
                 put("incidents", value={"select": ["pile-on", "wrong-post"],
                                         "override": {"wrong-post": {"tell": ["desk-lead"]}}}),
                 ("incidents",), id="incident-without-contact-one-scenario"),
    pytest.param("incident-without-contact",
                 put("incidents", value={"select": [], "add": [FLOOD]}),
                 ("incidents",), id="incident-without-contact-added-scenario"),
    pytest.param("incident-without-contact", NO_CONTACTS, ("contacts",),
                 id="incident-without-contact-no-contacts"),
    pytest.param("incident-without-contact",
                 put("incidents", "override", value={"pile-on": {"tell": []}}),
                 ("incidents", "override", "pile-on", "tell"),
                 id="incident-without-contact-empty-tell"),
    pytest.param("incident-without-contact",
                 put("incidents", "add", value=[{**FLOOD, "tell": []}]),
                 ("incidents", "add", 0, "tell"), id="incident-without-contact-added-empty-tell"),
    pytest.param("photos-without-consent",
                 both(platform(PHOTOS, "Ana"), exclude_standard("consent")),
                 ("standards",), id="photos-without-consent"),
    pytest.param("photos-without-consent",
                 both(platform(PHOTOS, "Ana"),
                      put("standards", value={"select": ["accessibility"]})),
                 ("standards",), id="photos-without-consent-not-selected"),
    pytest.param("no-accessibility-standard", exclude_standard("accessibility"),
                 ("standards",), id="no-accessibility-standard"),
    pytest.param("no-accessibility-standard", put("standards", value={"select": ["consent"]}),
                 ("standards",), id="no-accessibility-standard-not-selected"),
    pytest.param("platform-nobody-answers", put("roles", 0, "duties", value=["post"]),
                 ("platforms", 0), id="platform-nobody-answers"),
    pytest.param("checklist-beyond-path",
                 put("roles", 0, "checklist", value=["Follow consent for photos and stories",
                                                      "Post weekly"]),
                 ("roles", 0, "checklist", 0), id="checklist-beyond-path"),
    pytest.param("duty-item-left-out", both(
        put("roles", 0, "duties", value=["answer"]),
        put("roles", 0, "platforms", value=["facebook"]),
        put("incidents", value={"tell": ["desk-lead"], "exclude": ["someone-at-risk"]})),
                 ("roles", 0, "duties"), id="duty-item-left-out"),
    pytest.param("answers-without-out-of-hours", both(
        put("roles", 0, "duties", value=["answer"]),
        put("roles", 0, "platforms", value=["facebook"]),
        put("contacts", 0, "covers", value=[a for a in AREAS if a != "out-of-hours"])),
                 ("roles", 0, "duties"), id="answers-without-out-of-hours"),
    pytest.param("area-without-contact", put("contacts", 0, "covers", value=["media"]),
                 ("contacts",), id="area-without-contact"),
    pytest.param("no-emergency-number", drop("organisation", "country"), ("organisation",),
                 id="no-emergency-number"),
    pytest.param("no-emergency-number", put("organisation", "country", value="ZZ"),
                 ("organisation", "country"), id="no-emergency-number-unknown-country"),
    pytest.param("no-approvals", drop("approvals"), ("approvals",), id="no-approvals"),
    pytest.param("no-approvals", put("approvals", value={"reply_within": "a day"}),
                 ("approvals",), id="no-approvals-empty"),
    pytest.param("no-leading-initiative", drop("leading"), ("leading",),
                 id="no-leading-initiative"),
    pytest.param("role-without-path", drop("roles", 0, "path"), ("roles", 0, "path"),
                 id="role-without-path"),
    pytest.param("role-path-skips-strategy",
                 put("roles", 0, "path", value=["platforms/facebook", "principles"]),
                 ("roles", 0, "path"), id="role-path-skips-strategy"),
    pytest.param("review-overdue", put("playbook", value={"review_by": "2026-12-01"}),
                 ("playbook", "review_by"), id="review-overdue"),
    pytest.param("review-overdue",
                 put("playbook", value={"reviewed": "2025-06-01", "review_by": "2025-12-01"}),
                 ("playbook", "review_by"), id="review-overdue-long-ago"),
    pytest.param("path-into-workshop", append("roles", 0, "path", value="exercises/account-audit"),
                 ("roles", 0, "path", 3), id="path-into-workshop-exercise"),
    pytest.param("path-into-workshop",
                 put("roles", 0, "path",
                     value=["strategy/why", "questions/what-are-they-doing-online"]),
                 ("roles", 0, "path", 1), id="path-into-workshop-question"),
    pytest.param("no-contacts", NO_CONTACTS, ("contacts",), id="no-contacts"),
]

CLEARS: list[Any] = [
    pytest.param("why-missing", put("why", value="We help neighbours find books, desks and forms."),
                 id="why-missing:eight-words"),
    pytest.param("why-thin", put("why", value="TBD"), id="why-thin:missing-is-not-thin"),
    pytest.param("why-thin", put("why", value=FULL_WHY), id="why-thin:full"),
    pytest.param("no-goals", put("goals", 0, "measures", value=[]), id="no-goals:one-goal"),
    pytest.param("goal-without-measure", put("goals", 0, "measures", value=["new cards"]),
                 id="goal-without-measure:measured"),
    pytest.param("goal-without-measure", NO_GOALS, id="goal-without-measure:no-goals"),
    pytest.param("goal-only-vanity-measures",
                 put("goals", 0, "measures", value=["Facebook followers", "new cards"]),
                 id="goal-only-vanity-measures:one-outcome"),
    pytest.param("goal-only-vanity-measures",
                 put("goals", 0, "measures", value=["newsletter subscribers who become members"]),
                 id="goal-only-vanity-measures:converted"),
    pytest.param("goal-only-vanity-measures",
                 put("goals", 0, "measures", value=["interviews with new members"]),
                 id="goal-only-vanity-measures:whole-words"),
    pytest.param("goal-only-vanity-measures", drop("goals", 0, "measures"),
                 id="goal-only-vanity-measures:no-measures"),
    pytest.param("platform-without-goal", put("platforms", 0, "goals", value=["members"]),
                 id="platform-without-goal:linked"),
    pytest.param("goal-without-audience", put("goals", 0, "audiences", value=["readers"]),
                 id="goal-without-audience:linked"),
    pytest.param("platform-without-audience",
                 put("platforms", 0, "audiences", value=["readers"]),
                 id="platform-without-audience:linked"),
    pytest.param("audience-without-place",
                 put("audiences", 0, "hangs_out", value=["forums"]),
                 id="audience-without-place:any-place"),
    pytest.param("platform-away-from-audience",
                 put("audiences", 0, "hangs_out", value=["forums", "facebook"]),
                 id="platform-away-from-audience:listed"),
    pytest.param("platform-away-from-audience", drop("platforms", 0, "audiences"),
                 id="platform-away-from-audience:profile-audience-lists-it"),
    pytest.param("platform-away-from-audience", drop("audiences", 0, "hangs_out"),
                 id="platform-away-from-audience:places-unknown"),
    pytest.param("audience-not-reached", drop("audiences", 0, "hangs_out"),
                 id="audience-not-reached:platform-names-it"),
    pytest.param("audience-not-reached",
                 both(append("audiences", value={**TEENS, "hangs_out": ["facebook"]}),
                      append("listening", value=LISTEN_TEENS)),
                 id="audience-not-reached:met-where-it-hangs-out"),
    pytest.param("audience-without-listening",
                 put("listening", 0, "where", value=[]),
                 id="audience-without-listening:has-a-plan"),
    pytest.param("listening-plan-incomplete",
                 put("listening", 0, "where", value=["the library's Facebook page"]),
                 id="listening-plan-incomplete:complete"),
    pytest.param("listening-plan-incomplete", drop("listening"),
                 id="listening-plan-incomplete:no-plan"),
    pytest.param("participation-without-donts", drop("participation", "do"),
                 id="participation-without-donts:has-a-dont"),
    pytest.param("participation-without-dos", drop("participation", "dont"),
                 id="participation-without-dos:has-a-do"),
    pytest.param("platform-without-owner", put("platforms", 0, "owner", value="Ana"),
                 id="platform-without-owner:owned"),
    pytest.param("platform-without-cadence", put("platforms", 0, "cadence", value="daily"),
                 id="platform-without-cadence:has-one"),
    pytest.param("owner-overloaded", platform("instagram", "Front desk team"),
                 id="owner-overloaded:two-each"),
    pytest.param("owner-overloaded",
                 both(platform("instagram", "Front desk team"), platform("linkedin", "Director")),
                 id="owner-overloaded:shared-out"),
    pytest.param("incident-without-contact",
                 put("incidents", value={"select": ["pile-on"],
                                         "override": {"pile-on": {"tell": ["desk-lead"]}}}),
                 id="incident-without-contact:each-its-own"),
    pytest.param("incident-without-contact",
                 put("incidents", value={"select": [],
                                         "add": [{**FLOOD, "tell": ["desk-lead"]}]}),
                 id="incident-without-contact:added-with-tell"),
    pytest.param("incident-without-contact",
                 both(NO_CONTACTS, put("incidents", value={"select": []})),
                 id="incident-without-contact:no-scenarios"),
    pytest.param("photos-without-consent", platform(PHOTOS, "Ana"),
                 id="photos-without-consent:library-standard"),
    pytest.param("photos-without-consent", both(platform(PHOTOS, "Ana"), own_standard("consent")),
                 id="photos-without-consent:own-standard"),
    pytest.param("photos-without-consent", exclude_standard("consent"),
                 id="photos-without-consent:no-photos-shared"),
    pytest.param("no-accessibility-standard", own_standard("accessibility"),
                 id="no-accessibility-standard:own-standard"),
    pytest.param("no-accessibility-standard",
                 both(NO_PLATFORMS, exclude_standard("accessibility")),
                 id="no-accessibility-standard:no-platforms"),
    pytest.param("platform-nobody-answers", both(
        put("roles", 0, "duties", value=["answer"]),
        put("roles", 0, "platforms", value=["facebook"])),
                 id="platform-nobody-answers:answered"),
    pytest.param("answers-without-out-of-hours", both(
        put("roles", 0, "duties", value=["answer"]),
        put("roles", 0, "platforms", value=["facebook"])),
                 id="answers-without-out-of-hours:someone-covers-it"),
    pytest.param("checklist-beyond-path", both(
        put("roles", 0, "path", value=["strategy/why", "platforms/facebook"]),
        put("roles", 0, "checklist", value=["Read the Facebook page"])),
                 id="checklist-beyond-path:the-path-leads-there"),
    pytest.param("duty-item-left-out", both(
        put("roles", 0, "duties", value=["admin"]),
        put("incidents", value={"tell": ["desk-lead"], "exclude": ["someone-at-risk"]})),
                 id="duty-item-left-out:not-a-card-the-duty-needs"),
    pytest.param("answers-without-out-of-hours", both(
        put("contacts", 0, "covers", value=[a for a in AREAS if a != "out-of-hours"]),
        put("incidents", value={"tell": ["desk-lead"],
                                "override": {"out-of-hours": {"tell": ["desk-lead"]}}}),
        put("roles", 0, "duties", value=["answer"]),
        put("roles", 0, "platforms", value=["facebook"])),
                 id="answers-without-out-of-hours:the-card-names-someone"),
    pytest.param("area-without-contact", both(
        put("contacts", 0, "covers", value=["media", "sign-off"]),
        put("incidents", value={"tell": ["desk-lead"], "select": ["media-enquiry"]})),
                 id="area-without-contact:the-cards-areas-covered"),
    pytest.param("area-without-contact", both(
        put("contacts", 0, "covers", value=[]),
        put("incidents", value={"override": {s: {"tell": ["desk-lead"]} for s in (
            "someone-at-risk", "someone-at-risk-in-person", "pile-on", "wrong-post",
            "complaint-in-public", "media-enquiry", "misinformation", "account-compromised",
            "impersonation", "volunteer-posts-harm", "out-of-hours")}})),
                 id="area-without-contact:every-card-tells-its-own"),
    pytest.param("no-emergency-number", both(drop("organisation", "country"), put(
        "safety", value={"emergency": "112", "helplines": [
            {"name": "Our line", "kind": "crisis", "phone": "0800 000 000"}]})),
                 id="no-emergency-number:own-safety-numbers"),
    pytest.param("no-emergency-number", both(drop("organisation", "country"),
                                             put("incidents", value={"select": []})),
                 id="no-emergency-number:no-scenarios"),
    pytest.param("no-approvals", drop("approvals", "anyone_may_post"),
                 id="no-approvals:sign-off-only"),
    pytest.param("no-approvals", drop("approvals", "needs_sign_off"),
                 id="no-approvals:anyone-may-post-only"),
    pytest.param("no-approvals", both(NO_PLATFORMS, drop("approvals")),
                 id="no-approvals:no-platforms"),
    pytest.param("no-leading-initiative",
                 put("leading", value=[{"initiative": "Story swap"}]),
                 id="no-leading-initiative:one"),
    pytest.param("role-without-path", put("roles", 0, "path", value=["strategy"]),
                 id="role-without-path:has-path"),
    pytest.param("role-without-path", drop("roles"), id="role-without-path:no-roles"),
    pytest.param("role-path-skips-strategy", put("roles", 0, "path", value=["strategy"]),
                 id="role-path-skips-strategy:overview"),
    pytest.param("role-path-skips-strategy",
                 put("roles", 0, "path", value=["platforms/facebook", "strategy/listen"]),
                 id="role-path-skips-strategy:a-step"),
    pytest.param("role-path-skips-strategy", drop("roles", 0, "path"),
                 id="role-path-skips-strategy:empty-path-is-another-rule"),
    pytest.param("review-overdue", put("playbook", value={"review_by": TODAY.isoformat()}),
                 id="review-overdue:due-today"),
    pytest.param("review-overdue", put("playbook", value={"review_by": "2027-06-01"}),
                 id="review-overdue:due-later"),
    pytest.param("review-overdue", put("playbook", value={"reviewed": "2020-01-01"}),
                 id="review-overdue:no-date-set"),
    pytest.param("path-into-workshop",
                 put("roles", 0, "path", value=["strategy/why", "strategy/who", "principles"]),
                 id="path-into-workshop:playbook-pages"),
    pytest.param("path-into-workshop",
                 put("roles", 0, "path", value=["strategy/why", "objections/time-waste"]),
                 id="path-into-workshop:objection"),
    pytest.param("no-contacts", put("contacts", 0, "visibility", value="public"),
                 id="no-contacts:one-contact"),
    pytest.param("no-contacts", both(NO_CONTACTS, drop("roles")), id="no-contacts:no-roles"),
]


def _rule_ids(cases: list[Any]) -> set[str]:
    return {case.values[0] for case in cases}


def test_every_rule_has_cases() -> None:
    ids = {rule.id for rule in RULES}
    assert _rule_ids(TRIGGERS) == ids
    assert _rule_ids(CLEARS) == ids


def test_clean_profile_has_no_findings(tmp_path: Path, library: Library) -> None:
    report = run(tmp_path, library)
    assert report.findings == ()
    assert report.score == 100
    assert report.steps == tuple(StepScore(step, 20, 20) for step in STEP_IDS)


@pytest.mark.parametrize(("rule_id", "edit", "loc"), TRIGGERS)
def test_rule_triggers(
    tmp_path: Path, library: Library, rule_id: str, edit: Edit, loc: tuple[str | int, ...]
) -> None:
    report = run(tmp_path, library, edit)
    found = [f for f in report.findings if f.rule.id == rule_id]
    assert [f.loc for f in found] == [loc]
    finding = found[0]
    assert finding.message.endswith(".")
    assert finding.advice.endswith(".")
    assert report.score < 100


@pytest.mark.parametrize(("rule_id", "edit"), CLEARS)
def test_rule_stays_quiet(tmp_path: Path, library: Library, rule_id: str, edit: Edit) -> None:
    report = run(tmp_path, library, edit)
    assert rule_id not in {f.rule.id for f in report.findings}


def test_messages_quote_the_item(tmp_path: Path, library: Library) -> None:
    report = run(tmp_path, library, drop("goals", 0, "measures"), drop("platforms", 0, "owner"))
    messages = {f.rule.id: f.message for f in report.findings}
    assert messages["goal-without-measure"] == (
        "The goal 'Sign up 200 new members this year' has no measure."
    )
    assert "'Facebook'" in messages["platform-without-owner"]


def test_owner_overloaded_names_owner_and_platforms(tmp_path: Path, library: Library) -> None:
    report = run(tmp_path, library, platform("instagram", "Front desk team"),
                 platform("linkedin", "Front desk team"), platform("youtube", "Director"))
    [finding] = [f for f in report.findings if f.rule.id == "owner-overloaded"]
    assert finding.message == (
        "'Front desk team' looks after 3 platforms: Facebook, Instagram and LinkedIn."
    )


# --- The operational sections ------------------------------------------------------------


def found(report: Report, rule_id: str) -> Finding:
    [finding] = [f for f in report.findings if f.rule.id == rule_id]
    return finding


def quoted(text: str) -> str:
    return f"'{text}'"


def test_incident_finding_counts_and_names_a_few(tmp_path: Path, library: Library) -> None:
    pb = playbook(tmp_path, library, drop("incidents"))
    titles = [quoted(plan.scenario.title) for plan in pb.incidents]
    assert len(titles) > 4, "the library should have scenarios enough to shorten the list"
    finding = found(check(pb), "incident-without-contact")
    assert finding.message == (
        f"All {len(titles)} scenarios of when things go wrong name nobody to tell: "
        f"{', '.join(titles[:3])} and {len(titles) - 3} more."
    )
    assert "'incidents: tell: [...]'" in finding.advice
    assert "'tell: [desk-lead]'" in finding.advice


def test_incident_finding_counts_only_those_without(tmp_path: Path, library: Library) -> None:
    told = {"tell": ["desk-lead"]}
    report = run(tmp_path, library, put("incidents", value={
        "select": ["pile-on", "wrong-post", "impersonation"],
        "override": {"wrong-post": told}, "add": [FLOOD]}))
    titles = {i.id: quoted(i.title) for i in library.incidents}
    assert found(report, "incident-without-contact").message == (
        "3 of the 4 scenarios of when things go wrong name nobody to tell: "
        f"{titles['pile-on']}, {titles['impersonation']} and 'The reading room floods'."
    )


@pytest.mark.parametrize(("choices", "scenario", "where"), [
    ({"select": ["pile-on"]}, "pile-on", "'incidents: override: pile-on: tell'"),
    ({"select": [], "add": [FLOOD]}, "flood", "its 'tell' under 'incidents: add'"),
], ids=["library", "added"])
def test_one_scenario_is_named_with_where_to_tell(
    tmp_path: Path, library: Library, choices: Data, scenario: str, where: str
) -> None:
    pb = playbook(tmp_path, library, put("incidents", value=choices))
    [plan] = pb.incidents
    assert plan.id == scenario
    finding = found(check(pb), "incident-without-contact")
    assert finding.message == f"The scenario {quoted(plan.scenario.title)} names nobody to tell."
    assert finding.advice.startswith(f"Name the contacts to tell by id under {where}, ")


def test_an_empty_tell_of_its_own_is_named_with_where_it_is(
        tmp_path: Path, library: Library) -> None:
    # Every scenario tells the default contact, but for one an empty list says nobody.
    pb = playbook(tmp_path, library,
                  put("incidents", "override", value={"pile-on": {"tell": []}}))
    [alone] = [plan for plan in pb.incidents if not plan.tell]
    finding = found(check(pb), "incident-without-contact")
    assert finding.message == f"The scenario {quoted(alone.scenario.title)} names nobody to tell."
    assert finding.advice == (
        "Its 'tell' under 'incidents: override: pile-on' is empty, which tells nobody, not "
        "even the contacts under 'incidents: tell': name the contacts to tell there, such "
        "as 'tell: [desk-lead]', or remove it.")


def test_empty_tells_are_counted_with_scenarios_that_name_nobody(
        tmp_path: Path, library: Library) -> None:
    report = run(tmp_path, library, put("incidents", value={
        "select": ["pile-on", "wrong-post"], "override": {"pile-on": {"tell": []}},
        "add": [{**FLOOD, "tell": []}]}))
    finding = found(report, "incident-without-contact")
    assert finding.loc == ("incidents",)
    assert finding.message.startswith("All 3 scenarios of when things go wrong name nobody ")
    assert finding.advice.endswith(
        " 'Angry comments pile up' and 'The reading room floods' have an empty 'tell' of "
        "their own, which tells nobody: name someone there, or remove it.")


def test_without_contacts_the_advice_starts_there(tmp_path: Path, library: Library) -> None:
    report = run(tmp_path, library, NO_CONTACTS)
    incident = found(report, "incident-without-contact")
    assert incident.message.startswith("The profile has no contacts, so none of the ")
    assert incident.advice.startswith("Add the people to tell under 'contacts', ")
    assert found(report, "no-contacts").message == (
        "The role 'Desk volunteer' has nobody to ask: the profile has no contacts."
    )


def test_photos_finding_names_the_platforms(tmp_path: Path, library: Library) -> None:
    report = run(tmp_path, library, platform(PHOTOS, "Ana"), exclude_standard("consent"))
    finding = found(report, "photos-without-consent")
    assert finding.message == (
        "People share photos and video of people on Instagram, but the playbook has no "
        "standard on consent."
    )
    assert "'topic: consent'" in finding.advice


def test_path_into_workshop_points_to_the_step(tmp_path: Path, library: Library) -> None:
    report = run(tmp_path, library, append("roles", 0, "path", value="exercises/account-audit"))
    step = next(e.step for e in library.exercises if e.id == "account-audit")
    finding = found(report, "path-into-workshop")
    assert finding.message == (
        "The reading path for 'Desk volunteer' leads to 'exercises/account-audit', which is "
        "part of the workshop for whoever writes the strategy."
    )
    assert f"list 'strategy/{step}' instead" in finding.advice


@pytest.mark.parametrize(("path", "page"), [
    (["strategy/why", "workshop"], "strategy"),
    (["strategy/why", "workshop/listen"], "strategy/listen"),
], ids=["workshop", "workshop-step"])
def test_path_into_the_workshop_pages(library: Library, path: list[str], page: str) -> None:
    # Merged without the profile's path check, which knows the workshop's pages only
    # once the site plans them.
    pb = merge(Profile.model_validate(edited(put("roles", 0, "path", value=path))),
               library, "profile.yml")
    [finding] = [f for f in check(pb).findings if f.rule.id == "path-into-workshop"]
    assert finding.loc == ("roles", 0, "path", 1)
    assert f"list '{page}' instead" in finding.advice


SHARED_CONTACT = put("contacts", 0, "visibility", value="public")
PUBLIC_SCENARIO = put("incidents", "override", value={"pile-on": {"visibility": "public"}})
INTERNAL_CONSENT = both(
    platform(PHOTOS, "Ana"),
    put("standards", value={"override": {"consent": {"visibility": "internal"}}}),
)
INTERNAL_OWN_STANDARD = put("standards", value={"exclude": ["accessibility"], "add": [
    {"id": "our-access", "title": "Our access rules", "topic": "accessibility",
     "visibility": "internal"}]})


@pytest.mark.parametrize(("rule_id", "edit"), [
    pytest.param("no-contacts", both(), id="no-contacts:internal-contact"),
    pytest.param("incident-without-contact", PUBLIC_SCENARIO,
                 id="incident-without-contact:contact-left-out"),
    pytest.param("photos-without-consent", INTERNAL_CONSENT,
                 id="photos-without-consent:internal-standard"),
    pytest.param("no-accessibility-standard", INTERNAL_OWN_STANDARD,
                 id="no-accessibility-standard:internal-own-standard"),
])
def test_what_a_public_build_leaves_out_is_no_finding(
    tmp_path: Path, library: Library, rule_id: str, edit: Edit
) -> None:
    pb = playbook(tmp_path, library, edit, public=True)
    assert pb.public
    assert rule_id not in {f.rule.id for f in check(pb).findings}
    # Nor does the full build: the playbook has what the rule looks for, only internally.
    assert rule_id not in {f.rule.id for f in run(tmp_path, library, edit).findings}


@pytest.mark.parametrize(("rule_id", "edit"), [
    pytest.param("photos-without-consent",
                 both(platform(PHOTOS, "Ana"), exclude_standard("consent")), id="consent"),
    pytest.param("no-accessibility-standard", exclude_standard("accessibility"),
                 id="accessibility"),
    pytest.param("no-approvals", drop("approvals"), id="approvals"),
])
def test_a_public_build_still_reports_real_gaps(
    tmp_path: Path, library: Library, rule_id: str, edit: Edit
) -> None:
    report = run(tmp_path, library, edit, SHARED_CONTACT, public=True)
    assert rule_id in {f.rule.id for f in report.findings}


# --- Today, for a deterministic build -----------------------------------------------------


@pytest.fixture
def timezone_far_east() -> Iterator[None]:
    """The local time zone 14 hours ahead of UTC, so the local date is tomorrow's."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "EAST-14"  # POSIX: 14 hours ahead of UTC, no zone files needed
    time.tzset()
    assert time.timezone == -14 * 3600
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def test_today_comes_from_source_date_epoch(
    monkeypatch: pytest.MonkeyPatch, timezone_far_east: None
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(date(2027, 3, 1), hour=23))
    assert today() == date(2027, 3, 1)  # in UTC, not the local 2 March
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert today() == date(1970, 1, 1)


@pytest.mark.parametrize("value", [None, "", "  "])
def test_today_without_an_epoch_is_the_local_date(
    monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH")
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    before = date.today()
    assert today() in {before, date.today()}


@pytest.mark.parametrize("value", ["soon", "-1", "1.5e9", "9" * 30])
def test_today_refuses_a_malformed_epoch(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    """As every command does before a rule runs: a date is never guessed."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(BuildTimeProblem):
        today()


def test_review_date_follows_source_date_epoch(
    tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    due = put("playbook", value={"review_by": "2027-05-20"})
    pb = playbook(tmp_path, library, due)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(date(2027, 5, 20), hour=23))
    assert check(pb).findings == ()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(date(2027, 5, 21)))
    finding = found(check(pb), "review-overdue")
    assert finding.message == (
        "This playbook is due for review: the date to review it by, 2027-05-20, has passed."
    )


# --- Scoring -----------------------------------------------------------------------------


def expected_steps(findings: tuple[Finding, ...]) -> dict[str, int]:
    lost = dict.fromkeys(STEP_IDS, 0)
    for f in findings:
        lost[f.rule.step] += PENALTY[f.rule.severity]
    return {step: max(0, 20 - n) for step, n in lost.items()}


def test_penalties() -> None:
    assert PENALTY == {"warning": 6, "advice": 2}


def test_score_of_the_minimal_profile(library: Library) -> None:
    report = check(merged(MINIMAL, library))
    assert [(f.rule.id, f.rule.severity) for f in report.findings] == [
        ("why-thin", "advice"), ("platform-without-owner", "advice"),
        ("incident-without-contact", "warning"), ("no-emergency-number", "warning"),
        ("no-approvals", "advice"), ("no-contacts", "warning"),
    ]
    assert [(s.step, s.score, s.out_of) for s in report.steps] == [
        ("why", 18, 20), ("who", 20, 20), ("listen", 20, 20), ("participate", 4, 20),
        ("lead", 14, 20),
    ]
    assert report.score == 76


def test_warnings_and_advice_add_up_per_step(tmp_path: Path, library: Library) -> None:
    report = run(tmp_path, library, drop("listening", 0, "where"), drop("leading"),
                 drop("participation", "dont"), drop("platforms", 0, "cadence"))
    assert {s.step: s.score for s in report.steps} == {
        "why": 20, "who": 20, "listen": 18, "participate": 12, "lead": 14,
    }
    assert report.score == 84


def test_a_step_never_drops_below_zero(tmp_path: Path, library: Library) -> None:
    goals = [{"id": f"g{n}", "statement": f"Goal {n}", "audiences": ["readers"]}
             for n in range(4)]
    report = run(tmp_path, library, append("goals", value=goals[0]),
                 append("goals", value=goals[1]), append("goals", value=goals[2]),
                 append("goals", value=goals[3]))
    assert [f.rule.id for f in report.findings] == ["goal-without-measure"] * 4
    assert report.steps[0] == StepScore("why", 0, 20)
    assert report.score == 80


@pytest.mark.parametrize("profile", [EXAMPLE, MINIMAL], ids=["example", "minimal"])
def test_score_is_the_sum_of_the_steps(library: Library, profile: Path) -> None:
    report = check(merged(profile, library))
    assert tuple(s.step for s in report.steps) == STEP_IDS
    assert all(s.out_of == 20 for s in report.steps)
    assert {s.step: s.score for s in report.steps} == expected_steps(report.findings)
    assert report.score == sum(s.score for s in report.steps)
    assert 0 <= report.score <= 100


# --- The rules themselves ----------------------------------------------------------------


def test_rule_ids_are_unique_and_kebab_case() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", i) for i in ids)


def test_rules_come_in_step_order() -> None:
    order = [STEP_IDS.index(rule.step) for rule in RULES]
    assert order == sorted(order)
    assert {rule.step for rule in RULES} == set(STEP_IDS)


def test_every_rule_source_exists(library: Library) -> None:
    known = targets(merged(EXAMPLE, library))
    for rule in RULES:
        assert re.fullmatch(r"(strategy|principles)/[a-z0-9-]+", rule.source), rule.id
        assert rule.source in known, rule.id


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_wording(rule: Rule) -> None:
    assert rule.severity in PENALTY
    assert rule.title and not rule.title.endswith(".")
    assert rule.explanation.endswith(".")
    assert 1 <= len(re.findall(r"[.!?](?:\s|$)", rule.explanation)) <= 2


# --- The demo profile and determinism ---------------------------------------------------


def _points_into(data: Any, loc: tuple[str | int, ...]) -> bool:
    """Whether ``loc`` names a place in ``data``; its last part may be a key still to add."""
    node = data
    for part in loc[:-1]:
        in_dict = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and part < len(node)
        if not (in_dict or in_list):
            return False
        node = node[part]
    return not loc or isinstance(node, dict | list)


def test_demo_profile_has_no_finding_it_could_fix(library: Library) -> None:
    report = check(merged(EXAMPLE, library))
    assert (report.findings, report.score) == ((), 100)
    # Nor has the public build of it, which leaves internal contacts and scenarios out.
    assert check(merged(EXAMPLE, library, public=True)).findings == ()


def test_check_is_deterministic_across_processes(
        digests_across_hash_seeds: list[dict[str, str]]) -> None:
    assert len({d["health"] for d in digests_across_hash_seeds}) == 1


def test_check_orders_its_findings(tmp_path: Path, library: Library) -> None:
    messy = [drop("listening"), drop("leading"), drop("participation"), drop("roles", 0, "path"),
             platform("instagram", "Front desk team"), platform("linkedin", "Front desk team"),
             drop("platforms", 0, "owner"), put("why", value="Books.")]
    first = run(tmp_path, library, *messy)
    again = run(tmp_path, library, *messy)
    assert first == again
    assert check(merged(EXAMPLE, library)) == check(merged(EXAMPLE, library))
    rank = {rule.id: n for n, rule in enumerate(RULES)}
    ranks = [rank[f.rule.id] for f in first.findings]
    assert ranks == sorted(ranks)
    steps = [STEP_IDS.index(f.rule.step) for f in first.findings]
    assert steps == sorted(steps)
    assert len(first.findings) >= 8


def test_findings_point_at_the_role_as_written_when_a_public_build_leaves_one_out(
        library: Library) -> None:
    data = clean()
    data["roles"] = [{"id": "board", "name": "Board", "visibility": "internal"},
                     {"id": "desk", "name": "Desk"}]
    profile = Profile.model_validate(data)
    public = merge(profile, library, "p.yml", public=True)
    assert [r.id for r in public.roles] == ["desk"]
    found = {(f.rule.id, f.loc) for f in check(public).findings}
    assert ("role-without-path", ("roles", 1, "path")) in found
    assert ("role-without-path", ("roles", 0, "path")) not in found
