"""The health check: every rule fires when the method is skipped and stays quiet when not.

Each case starts from a clean profile (tests/profiles/minimal.yml with a full answer to
"why care?" and an owner for its platform, which has no findings at all) and changes one
thing, so a case shows exactly what a rule reacts to.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from playbook_builder.health.score import (
    PENALTY,
    RULES,
    Finding,
    Report,
    Rule,
    StepScore,
    check,
)
from playbook_builder.inputs.library import STEP_IDS, Library
from playbook_builder.inputs.loading import load_profile
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


def clean() -> Data:
    """The minimal profile, completed so that it has no findings."""
    data: Data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    data["why"] = FULL_WHY
    data["platforms"][0]["owner"] = "Front desk team"
    return data


def load(tmp_path: Path, library: Library, data: Data) -> Playbook:
    path = tmp_path / "profile.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return load_profile(path, library)


def run(tmp_path: Path, library: Library, *edits: Edit) -> Report:
    data = clean()
    for edit in edits:
        edit(data)
    return check(load(tmp_path, library, data))


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


TEENS = {"id": "teens", "name": "Teenagers", "hangs_out": ["tiktok"]}
LISTEN_TEENS = {"audience": "teens", "where": ["school group"], "listen_for": ["exams"]}
NO_GOALS = both(drop("goals"), drop("platforms", 0, "goals"))


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
    pytest.param("no-leading-initiative", drop("leading"), ("leading",),
                 id="no-leading-initiative"),
    pytest.param("role-without-path", drop("roles", 0, "path"), ("roles", 0, "path"),
                 id="role-without-path"),
    pytest.param("role-path-skips-strategy",
                 put("roles", 0, "path", value=["platforms/facebook", "principles"]),
                 ("roles", 0, "path"), id="role-path-skips-strategy"),
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


# --- Scoring -----------------------------------------------------------------------------


def expected_steps(findings: tuple[Finding, ...]) -> dict[str, int]:
    lost = dict.fromkeys(STEP_IDS, 0)
    for f in findings:
        lost[f.rule.step] += PENALTY[f.rule.severity]
    return {step: max(0, 20 - n) for step, n in lost.items()}


def test_penalties() -> None:
    assert PENALTY == {"warning": 6, "advice": 2}


def test_score_of_the_minimal_profile(library: Library) -> None:
    report = check(load_profile(MINIMAL, library))
    assert [(f.rule.id, f.rule.severity) for f in report.findings] == [
        ("why-thin", "advice"), ("platform-without-owner", "advice"),
    ]
    assert [(s.step, s.score, s.out_of) for s in report.steps] == [
        ("why", 18, 20), ("who", 20, 20), ("listen", 20, 20), ("participate", 18, 20),
        ("lead", 20, 20),
    ]
    assert report.score == 96


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
    report = check(load_profile(profile, library))
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
    known = targets(load_profile(EXAMPLE, library))
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


def test_demo_profile_gets_an_honest_score(library: Library) -> None:
    report = check(load_profile(EXAMPLE, library))
    assert report.findings, "the demo profile should show what a finding looks like"
    assert report.score < 100
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for finding in report.findings:
        assert _points_into(data, finding.loc), finding
    # The neighbours are listened to in WhatsApp groups, but their hangs_out does not say so.
    assert ("platform-away-from-audience", ("platforms", 4)) in {
        (f.rule.id, f.loc) for f in report.findings
    }


def test_check_is_deterministic(tmp_path: Path, library: Library) -> None:
    messy = [drop("listening"), drop("leading"), drop("participation"), drop("roles", 0, "path"),
             platform("instagram", "Front desk team"), platform("linkedin", "Front desk team"),
             drop("platforms", 0, "owner"), put("why", value="Books.")]
    first = run(tmp_path, library, *messy)
    again = run(tmp_path, library, *messy)
    assert first == again
    assert check(load_profile(EXAMPLE, library)) == check(load_profile(EXAMPLE, library))
    rank = {rule.id: n for n, rule in enumerate(RULES)}
    ranks = [rank[f.rule.id] for f in first.findings]
    assert ranks == sorted(ranks)
    steps = [STEP_IDS.index(f.rule.step) for f in first.findings]
    assert steps == sorted(steps)
    assert len(first.findings) >= 8
