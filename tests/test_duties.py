"""Each role gets what its duties need: a role that answers messages reaches the card for
someone at risk without the strategist listing it, most urgent first, with one plain line
saying why."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from playbook_builder.inputs.diagnostics import InputError
from playbook_builder.pipeline import load_playbook
from playbook_builder.playbook.model import Playbook
from playbook_builder.playbook.snapshot import snapshot
from playbook_builder.site import sitemap
from playbook_builder.site.render import render_site

from .conftest import EXAMPLE, MINIMAL
from .test_place import unescaped

ONE_STEP = "    path: [strategy/why, platforms/facebook, objections/time-waste]\n"


def with_role(tmp_path: Path, role: str) -> Playbook:
    text = MINIMAL.read_text(encoding="utf-8")
    assert ONE_STEP in text
    path = tmp_path / "p.yml"
    path.write_text(text.replace(ONE_STEP, role), encoding="utf-8")
    return load_playbook(path)


def role_page(pb: Playbook, role: str = "desk-volunteer", *, printed: bool = False) -> str:
    src = sitemap.role_print_src(role) if printed else sitemap.role_src(role)
    return {p.src: p.markdown for p in render_site(pb)}[src]


def test_a_role_that_answers_gets_the_at_risk_card(tmp_path: Path) -> None:
    pb = with_role(tmp_path, "    path: [strategy/why]\n    duties: [answer]\n"
                             "    platforms: [facebook]\n")
    [role] = pb.roles
    added = pb.added_for(role)
    assert added[0] == "when-things-go-wrong/someone-at-risk"  # the most urgent first
    assert role.path == ("strategy/why", *added)
    assert all(not ref.startswith("how-we-post/") or "house-rules" in ref for ref in added)
    page = role_page(pb)
    assert ("Because you answer messages and comments on Facebook, your path also takes in"
            f" what those duties need: the last {len(added)} items, the most urgent first.")\
        in unescaped(page)
    # The path bar walks every step, the added ones too.
    assert page.count("{ .pb-path__step }") == 1 + len(added)
    assert "2. [Someone may be at risk](../when-things-go-wrong.md#someone-at-risk)" in page
    printed = role_page(pb, printed=True)
    assert "## 2. Someone may be at risk" in printed


def test_what_the_path_reaches_already_is_not_added_again(tmp_path: Path) -> None:
    pb = with_role(tmp_path, "    path: [strategy/why, when-things-go-wrong/someone-at-risk,"
                             " how-we-post]\n    duties: [answer, post]\n")
    [role] = pb.roles
    added = pb.added_for(role)
    assert "when-things-go-wrong/someone-at-risk" not in added
    assert not [ref for ref in added if ref.startswith("how-we-post")]  # the whole page
    assert role.path.count("when-things-go-wrong/someone-at-risk") == 1


def test_a_role_without_duties_keeps_its_path_as_written(tmp_path: Path) -> None:
    pb = with_role(tmp_path, "    path: [strategy/why]\n")
    [role] = pb.roles
    assert role.path == ("strategy/why",) and pb.added_for(role) == ()
    assert "Because you" not in role_page(pb)


def test_a_roles_platforms_are_chosen_platforms(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        with_role(tmp_path, "    path: [strategy/why]\n    duties: [answer]\n"
                            "    platforms: [facebok]\n")
    [problem] = raised.value.diagnostics
    assert (problem.code, problem.message) == ("PB201", "unknown platform 'facebok'")
    assert problem.hint == "did you mean 'facebook'?"


def test_the_demo_coordinator_reaches_the_at_risk_card_and_accessibility(
        tmp_path: Path) -> None:
    pb = load_playbook(EXAMPLE)
    coordinator = next(r for r in pb.roles if r.id == "volunteer-coordinator")
    assert "when-things-go-wrong/someone-at-risk" in pb.added_for(coordinator)
    assert "how-we-post/accessibility" in pb.added_for(coordinator)
    # Whoever posts reaches what needs sign-off, before the standards.
    added = pb.added_for(coordinator)
    assert added.index("how-we-post/sign-off") < added.index("how-we-post/accessibility")
    printed = role_page(pb, "volunteer-coordinator", printed=True)
    assert re.search(r"^## \d+\. What needs sign\\-off first$", printed, re.M)
    # playbook.json, which /changes/ and other tools read, holds the whole path.
    assert snapshot(pb)["profile"]["roles"][0]["path"][-len(pb.added_for(coordinator)):] \
        == list(pb.added_for(coordinator))


def test_a_platform_page_links_the_roles_that_look_after_it(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace(ONE_STEP, (
        "    path: [strategy/why]\n    duties: [answer]\n    platforms: [facebook]\n"))
    text = text.replace("    cadence: twice a week\n",
                        "    cadence: twice a week\n    owner: desk-volunteer\n", 1)
    assert "owner: desk-volunteer" in text
    path = tmp_path / "p.yml"
    path.write_text(text, encoding="utf-8")
    page = {p.src: p.markdown for p in render_site(load_playbook(path))}[
        sitemap.platform_src("facebook")]
    assert "**Who looks after it:** [Desk volunteer](../onboarding/desk-volunteer.md)" in page
    assert "Roles that post or answer here" not in page  # the owner is named once


def test_a_platform_page_names_the_roles_whose_duties_are_on_it(tmp_path: Path) -> None:
    pb = with_role(tmp_path, "    path: [strategy/why]\n    duties: [post]\n"
                             "    platforms: [facebook]\n")
    page = {p.src: p.markdown for p in render_site(pb)}[sitemap.platform_src("facebook")]
    assert ("**Roles that post or answer here:** [Desk volunteer]"
            "(../onboarding/desk-volunteer.md)") in page


def test_a_public_role_may_not_name_an_internal_step(tmp_path: Path) -> None:
    """A public build would drop the step from the path without a word, while the role's
    checklist may still ask for it: it is refused, located, instead."""
    text = MINIMAL.read_text(encoding="utf-8").replace(
        ONE_STEP, "    path: [strategy/why, when-things-go-wrong/someone-at-risk]\n")
    path = tmp_path / "p.yml"
    path.write_text(text, encoding="utf-8")
    load_playbook(path)  # the whole playbook has the step
    with pytest.raises(InputError) as raised:
        load_playbook(path, public=True)
    [problem] = raised.value.diagnostics
    line = text.splitlines()[problem.line - 1]
    assert line[problem.col - 1:].startswith("when-things-go-wrong/someone-at-risk]")
    assert problem.format_text().split(":", 3)[3] == (
        " error: the public role 'desk-volunteer' names 'when-things-go-wrong/someone-at-risk',"
        " which is internal [PB209]\n"
        "  hint: make it public (under 'override', 'visibility: public'), make the role"
        " internal, or take the step out of its path")


def test_a_public_roles_duties_take_only_public_items(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace(
        ONE_STEP, "    path: [strategy/why]\n    duties: [answer]\n    platforms: [facebook]\n")
    path = tmp_path / "p.yml"
    path.write_text(text, encoding="utf-8")
    public = load_playbook(path, public=True)
    [role] = public.roles
    assert not [ref for ref in role.path if ref.startswith("when-things-go-wrong/")]
    assert "how-we-post/house-rules" in role.path  # standards are public by default
