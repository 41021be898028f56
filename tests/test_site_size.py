"""A site grows in proportion to its profile: the navigation does not list every role on
every page, a printable path holds each item once, and the counts that multiply pages
are bounded, with a located error past the bound."""

from __future__ import annotations

import re
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
