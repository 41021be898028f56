"""A site grows in proportion to its profile: the navigation does not list every role on
every page, a printable path holds each item once, and the counts that multiply pages
are bounded, with a located error past the bound."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from playbook_builder.cli import main
from playbook_builder.inputs.diagnostics import InputError
from playbook_builder.inputs.library import Library
from playbook_builder.pipeline import load_playbook
from playbook_builder.resources import data_dir
from playbook_builder.site import limits, sitemap
from playbook_builder.site.render import render_site

from .conftest import Project

ROLE = """\
  - id: desk-volunteer
    name: Desk volunteer
    welcome: Thank you for helping at the front desk.
    path: [strategy/why, platforms/facebook, objections/time-waste]
    checklist: [Read the strategy]
"""


def with_roles(minimal_text: str, count: int, path: str | None = None) -> str:
    head, _ = minimal_text.split("roles:\n")
    roles = "".join(ROLE.replace("id: desk-volunteer", f"id: r{i}")
                    .replace("name: Desk volunteer", f"name: Desk volunteer {i}")
                    for i in range(1, count + 1))
    if path is not None:
        roles = roles.replace("[strategy/why, platforms/facebook, objections/time-waste]",
                              path)
    return head + "roles:\n" + roles


def write(tmp_path: Path, text: str) -> Path:
    profile = tmp_path / "profile.yml"
    profile.write_text(text, encoding="utf-8")
    return profile


# The navigation ------------------------------------------------------------------------


def test_the_navigation_lists_roles_only_up_to_a_bound(
        tmp_path: Path, minimal_text: str, library: Library) -> None:
    many = load_playbook(write(tmp_path, with_roles(minimal_text, sitemap.NAV_LISTED + 1)))
    few = load_playbook(write(tmp_path, with_roles(minimal_text, sitemap.NAV_LISTED)))
    assert {"Onboarding": [sitemap.ONBOARDING]} in sitemap.nav(many)
    listed = [sitemap.ONBOARDING, *(f"onboarding/r{i}.md" for i in
                                    range(1, sitemap.NAV_LISTED + 1))]
    assert {"Onboarding": listed} in sitemap.nav(few)
    roles = [p for p in sitemap.pages(many) if p.template == "role.md.j2"]
    assert roles and not any(p.in_nav for p in roles)  # reached from the Onboarding page
    assert all(p.in_nav for p in sitemap.pages(few) if p.template == "role.md.j2")


def test_the_printable_path_holds_each_item_once(
        tmp_path: Path, minimal_text: str, library: Library) -> None:
    text = minimal_text.replace("  - id: facebook\n    purpose",
                                "  - id: facebook\n    aliases: [fb]\n    purpose")
    text = text.replace("platforms/facebook, objections/time-waste",
                        "platforms/facebook, objections/time-waste, platforms/fb")
    pb = load_playbook(write(tmp_path, text))
    pages = {p.src: p.markdown for p in render_site(pb)}
    printed = pages[sitemap.role_print_src("desk-volunteer")]
    headings = re.findall(r"^## (\d+)\. (.+)$", printed, re.MULTILINE)
    assert [(n, title) for n, title in headings if "Facebook" in title] == [("2", "Facebook")]
    assert len(headings) == 3  # the item named again by its earlier id is not printed again
    role = pages[sitemap.role_src("desk-volunteer")]
    assert role.count("pb-path__step") == 4  # the path itself is shown as written


@pytest.mark.build
def test_a_role_page_does_not_grow_with_the_number_of_roles(
        tmp_path: Path, minimal_text: str) -> None:
    sizes = {}
    for count in (30, 60):
        project = Project(tmp_path / str(count), with_roles(minimal_text, count))
        site = project.build()
        total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        sizes[count] = (total, len(project.page("onboarding/r1")),
                        len(project.page("onboarding/r1/print")))
    assert sizes[30][1:] == sizes[60][1:]  # the same page, whatever the other roles
    per_role = (sizes[60][0] - sizes[30][0]) / 30
    assert per_role < 100_000, per_role  # about 60 kB: its two pages and their entries


# The bounds ----------------------------------------------------------------------------


def test_too_many_roles_is_a_located_error(tmp_path: Path, minimal_text: str) -> None:
    text = with_roles(minimal_text, limits.MAX_ROLES + 1)
    profile = write(tmp_path, text)
    with pytest.raises(InputError) as raised:
        load_playbook(profile, data_dir("content"))
    [problem] = raised.value.diagnostics
    line = text.splitlines().index(f"  - id: r{limits.MAX_ROLES + 1}") + 1
    assert (problem.line, problem.col, problem.code) == (line, 5, "PB103")
    assert problem.message == (f"too many roles: {limits.MAX_ROLES + 1}, at most"
                               f" {limits.MAX_ROLES}")


def test_too_long_a_path_is_a_located_error(tmp_path: Path, minimal_text: str,
                                            library: Library) -> None:
    readable = [t for t in sitemap.targets(load_playbook(write(tmp_path, minimal_text)))
                if not t.startswith(("onboarding", "health"))]
    path = "[" + ", ".join(readable[:limits.MAX_PATH + 1]) + "]"
    text = with_roles(minimal_text, 2, path)
    with pytest.raises(InputError) as raised:
        load_playbook(write(tmp_path, text), data_dir("content"))
    assert [d.code for d in raised.value.diagnostics] == ["PB103", "PB103"]  # each role's
    first = raised.value.diagnostics[0]
    assert first.message == (f"role 'r1' has too long a path: {limits.MAX_PATH + 1} items,"
                             f" at most {limits.MAX_PATH}")
    line = text.splitlines()[first.line - 1]
    assert line.lstrip().startswith("path: [")
    assert line[first.col - 1:].startswith(readable[limits.MAX_PATH])  # the first past it


def test_too_many_platforms_is_a_located_error(tmp_path: Path, minimal_text: str) -> None:
    extra = "".join(f"  - id: place-{i}\n    name: Place {i}\n    metaphor: a town square\n"
                    for i in range(limits.MAX_PLATFORMS))
    text = minimal_text.replace("listening:\n", extra + "listening:\n")
    with pytest.raises(InputError) as raised:
        load_playbook(write(tmp_path, text), data_dir("content"))
    [problem] = raised.value.diagnostics
    assert problem.message.startswith(f"too many platforms: {limits.MAX_PLATFORMS + 1}")
    assert text.splitlines()[problem.line - 1].strip() == \
        f"- id: place-{limits.MAX_PLATFORMS - 1}"


def test_playbook_build_refuses_it_before_building(
        tmp_path: Path, minimal_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    project = Project(tmp_path, with_roles(minimal_text, limits.MAX_ROLES + 1))
    monkeypatch.chdir(project.root)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 2, result.output
    assert re.search(r"^profile\.yml:\d+:5: error: too many roles: 101, at most 100 \[PB103\]$",
                     result.stderr, re.MULTILINE)
    assert "hint: each role is two pages of the site" in result.stderr
    assert not project.site.exists()


def _flow(template: str, count: int, indent: str = "  ") -> str:
    """``count`` entries of a list, one a line, from ``template`` with ``{i}`` numbered."""
    return "".join(f"{indent}- {template.format(i=f'{i:03}')}\n" for i in range(count))


def _contacts(count: int) -> str:
    return "contacts:\n" + _flow("{{id: c{i}, role: Contact {i}, email: c{i}@example.org}}",
                                 count)


def _ids(count: int) -> str:
    return "[" + ", ".join(f"c{i:03}" for i in range(count)) + "]"


def _before(text: str, key: str, entries: str) -> str:
    """``text`` with ``entries`` first in its list under the top-level ``key``."""
    return text.replace(f"\n{key}:\n", f"\n{key}:\n{entries}", 1)


def _scenarios(text: str, count: int) -> str:
    """One scenario selected from the library, the rest of ``count`` added."""
    return text + "incidents:\n  select: [pile-on]\n  add:\n" + _flow(
        "{{id: s{i}, title: Scenario {i}}}", count - 1, "    ")


def _tell(where: str) -> Callable[[str, int], str]:
    """``count`` contacts to tell, ``where``: by default, in an override or an added
    scenario."""
    def edit(text: str, count: int) -> str:
        told = _ids(count)
        section = {"default": f"  tell: {told}\n",
                   "override": f"  override:\n    pile-on: {{tell: {told}}}\n",
                   "add": f"  add:\n    - {{id: flood, title: Flood, tell: {told}}}\n"}[where]
        return text + _contacts(count) + "incidents:\n" + section
    return edit


# (a profile with ``count`` of something, its bound, what the error says there is too
# many of, and the start of the line the error points to, at the bound plus one)
BOUNDS = [
    pytest.param(lambda t, n: t + _contacts(n), limits.MAX_CONTACTS, "contacts",
                 f"- {{id: c{limits.MAX_CONTACTS:03},", id="contacts"),
    pytest.param(_scenarios, limits.MAX_SCENARIOS, "scenarios",
                 f"- {{id: s{limits.MAX_SCENARIOS - 1:03},", id="scenarios-selected-and-added"),
    pytest.param(lambda t, n: t + "contacts:\n" + _flow(
                     "{{id: c{i}, role: Contact {i}, email: c{i}@example.org,"
                     " covers: [safeguarding]}}", n),
                 limits.MAX_COVERING, "contacts cover safeguarding",
                 "safeguarding]}", id="contacts-covering-an-area"),  # the sixth's area
    pytest.param(_tell("default"), limits.MAX_TELL, "contacts to tell by default", "tell: [",
                 id="tell-by-default"),
    pytest.param(_tell("override"), limits.MAX_TELL, "contacts to tell in 'pile-on'",
                 "pile-on: {tell: [", id="tell-in-an-override"),
    pytest.param(_tell("add"), limits.MAX_TELL, "contacts to tell in 'flood'",
                 "- {id: flood, title: Flood, tell: [", id="tell-in-an-added-scenario"),
    pytest.param(lambda t, n: t + "standards:\n  add:\n" + _flow(
                     "{{id: s{i}, title: Standard {i}}}", n, "    "),
                 limits.MAX_STANDARDS, "standards", f"- {{id: s{limits.MAX_STANDARDS:03},",
                 id="standards"),
    pytest.param(lambda t, n: t + _contacts(1) + "approvals:\n  needs_sign_off:\n" + _flow(
                     "{{what: Kind {i}, by: c000}}", n, "    "),
                 limits.MAX_SIGN_OFFS, "kinds of post that need sign-off",
                 f"- {{what: Kind {limits.MAX_SIGN_OFFS:03},", id="sign-offs"),
    pytest.param(lambda t, n: t + "voice:\n  examples:\n" + _flow(
                     "{{we_say: Say {i}, we_avoid: Avoid {i}}}", n, "    "),
                 limits.MAX_VOICE_EXAMPLES, "examples of our voice",
                 f"- {{we_say: Say {limits.MAX_VOICE_EXAMPLES:03},", id="voice-examples"),
    pytest.param(lambda t, n: _before(t, "audiences", _flow(
                     "{{id: a{i}, name: Audience {i}}}", n - 1)),
                 limits.MAX_AUDIENCES, "audiences", "- id: readers", id="audiences"),
    pytest.param(lambda t, n: _before(t, "goals", _flow(
                     "{{id: g{i}, statement: Goal {i}}}", n - 1)),
                 limits.MAX_GOALS, "goals", "- id: members", id="goals"),
    pytest.param(lambda t, n: _before(t, "leading", _flow("{{initiative: Way {i}}}", n - 1)),
                 limits.MAX_INITIATIVES, "ways to lead with us", "- initiative: Reading circle",
                 id="leading"),
]


@pytest.mark.parametrize(("edit", "bound", "what", "there"), BOUNDS)
def test_every_bound_is_a_located_error(
        tmp_path: Path, minimal_text: str, edit: Callable[[str, int], str], bound: int,
        what: str, there: str) -> None:
    text = edit(minimal_text, bound + 1)
    with pytest.raises(InputError) as raised:
        load_playbook(write(tmp_path, text), data_dir("content"))
    [problem] = raised.value.diagnostics
    assert (problem.code, problem.message) == (
        "PB103", f"too many {what}: {bound + 1}, at most {bound}")
    line = text.splitlines()[problem.line - 1]
    if there.endswith("["):  # a list on one line: the first id past the bound
        assert line.lstrip().startswith(there) and line[problem.col - 1:].startswith(
            f"c{bound:03}"), (line, problem.col)
    else:
        assert line[problem.col - 1:].startswith(there.removeprefix("- ")), (line, problem.col)


@pytest.mark.parametrize(("edit", "bound", "what", "there"), BOUNDS)
def test_every_bound_lets_as_many_as_it_says_through(
        tmp_path: Path, minimal_text: str, edit: Callable[[str, int], str], bound: int,
        what: str, there: str) -> None:
    load_playbook(write(tmp_path, edit(minimal_text, bound)), data_dir("content"))
