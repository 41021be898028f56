"""Onboarding by link: role pages, reading times, the printable path, stable links and
redirects from earlier ids, and playbook link."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from playbook_builder.cli import main
from playbook_builder.inputs.library import Library
from playbook_builder.pipeline import load_playbook
from playbook_builder.site.sections import demote, minutes, section
from playbook_builder.site.sitemap import targets

from .conftest import EXAMPLE, REPO, Project, page_html


@pytest.fixture
def site(demo_site: Path) -> Path:
    return demo_site


def page(site: Path, url: str) -> str:
    return page_html(site, url)


@pytest.mark.build
def test_role_page_has_the_path_times_and_checklist(site: Path) -> None:
    html = page(site, "onboarding/volunteer-coordinator")
    steps = re.findall(r'<a class="pb-path__step" href="([^"]+)"', html)
    own = ["../../strategy/why/", "../../strategy/who/", "../../platforms/facebook/",
           "../../platforms/instagram/", "../../strategy/participate/",
           "../../objections/#time-waste", "../../how-we-post/#consent",
           "../../when-things-go-wrong/#pile-on"]
    # Then what its duties (post, answer) need, the most urgent first.
    assert steps[:len(own)] == own
    assert steps[len(own)] == "../../when-things-go-wrong/#someone-at-risk"
    assert "../../how-we-post/#accessibility" in steps[len(own):]
    assert len(re.findall(r'<span class="pb-minutes">\d+ min</span>', html)) == len(steps)
    assert re.search(r"about \d+ min in all", html)
    assert 'data-role-name="Volunteer coordinator"' in html
    checklist = html.split('class="pb-checklist"', 1)[1]
    assert checklist.count('class="task-list-item"') == 4
    assert "assets/javascripts/playbook.js" in html


@pytest.mark.build
def test_home_page_links_every_role(site: Path) -> None:
    home = page(site, "")
    for role in ("volunteer-coordinator", "partnerships-lead", "front-door-volunteer"):
        assert f'href="onboarding/{role}/"' in home


@pytest.mark.build
def test_printable_path_gathers_the_content(site: Path) -> None:
    html = page(site, "onboarding/front-door-volunteer/print")
    assert "Front-door volunteer: the whole path" in html
    assert "Nobody in Riverside should go hungry" in html  # strategy/why, whole page
    assert "2. Posting about a food bank shames the people who use it." in html
    assert "We never show people collecting food" in html  # the item's own section
    assert "4. Someone may be at risk" in html  # an internal scenario, in this build
    assert 'href="../../../principles/#know-where-you-are-going"' in html  # links still work
    # Whom to ask, with how to reach them, is on paper too.
    assert "Saturday shift lead" in html and "020 7946 0002" in html
    assert 'href="print/"' in page(site, "onboarding/front-door-volunteer")


@pytest.mark.build
def test_old_role_address_redirects_with_its_anchor(site: Path) -> None:
    html = page(site, "onboarding/volunteer-lead")
    assert '<link rel="canonical" href="../volunteer-coordinator/">' in html
    assert 'location.replace("../volunteer-coordinator/" + location.hash)' in html


@pytest.mark.build
def test_old_objection_anchor_lands_on_the_item(site: Path) -> None:
    html = page(site, "objections")
    assert re.search(r'<h3 id="dignity">[^<]*<span id="shame"></span>', html)


def test_links_derive_from_ids_not_titles(library: Library, tmp_path: Path) -> None:
    before = {k: t.url() for k, t in targets(load_playbook(EXAMPLE)).items()}
    reworded = tmp_path / "example.yml"
    shutil.copytree(EXAMPLE.parent / "assets", tmp_path / "assets")
    reworded.write_text(EXAMPLE.read_text("utf-8")
                        .replace("name: Volunteer coordinator", "name: Head of volunteers")
                        .replace("Posting about a food bank shames", "Posts about us shame"),
                        encoding="utf-8")
    after = {k: t.url() for k, t in targets(load_playbook(reworded)).items()}
    assert after == before


@pytest.mark.build
def test_a_role_path_may_name_an_item_by_its_earlier_id(project: Project) -> None:
    text = project.profile.read_text("utf-8")
    text = text.replace("  - id: facebook\n    purpose", "  - id: facebook\n    aliases: [fb]\n"
                        "    purpose")
    project.write_profile(text.replace("platforms/facebook, objections",
                                      "platforms/fb, objections"))
    project.build()
    html = project.page("onboarding/desk-volunteer")
    assert 'href="../../platforms/facebook/"' in html
    assert (project.site / "platforms" / "fb" / "index.html").is_file()


def test_sections() -> None:
    text = "# T\n\n## A {#a}\n\none two\n\n### Sub {#s}\n\nthree\n\n## B {#b}\n\nfour\n"
    assert section(text, "a") == "one two\n\n### Sub {#s}\n\nthree\n"
    assert demote(section(text, "a"), 1) == "one two\n\n#### Sub\n\nthree\n"
    assert minutes("word " * 401) == 3 and minutes("") == 1


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def test_link_command(in_repo: None) -> None:
    runner = CliRunner()
    base = "https://playbook.riverside.example.org/"
    assert runner.invoke(main, ["link", "volunteer-coordinator"]).stdout == (
        f"{base}onboarding/volunteer-coordinator/\n")
    assert runner.invoke(main, ["link", "volunteer-lead"]).stdout == (
        f"{base}onboarding/volunteer-coordinator/\n")
    assert runner.invoke(main, ["link", "objections/time-waste", "--version", "latest"]
                         ).stdout == f"{base}latest/objections/#time-waste\n"
    assert runner.invoke(main, ["link", "when-things-go-wrong/someone-at-risk"]).stdout == (
        f"{base}when-things-go-wrong/#someone-at-risk\n")
    assert runner.invoke(main, ["link", "contacts/safeguarding-lead"]).stdout == (
        f"{base}contacts/#safeguarding-lead\n")
    every = runner.invoke(main, ["link", "--all"]).stdout.splitlines()
    assert every[0] == f"Volunteer coordinator: {base}onboarding/volunteer-coordinator/"
    assert len(every) == 4
    # The public playbook has no internal role to link to.
    public = runner.invoke(main, ["link", "--all", "--public"]).stdout.splitlines()
    assert len(public) == 3 and not [line for line in public if "trustee" in line]
    assert runner.invoke(main, ["link", "trustee", "--public"]).exit_code == 2


def test_link_unknown_id_suggests(in_repo: None) -> None:
    result = CliRunner().invoke(main, ["link", "volunter-coordinator"])
    assert result.exit_code == 2
    assert result.stderr == ("Error: unknown role or item 'volunter-coordinator' [PB201]\n"
                             "  hint: did you mean 'volunteer-coordinator'?\n")
    bad = CliRunner().invoke(main, ["link", "objections", "--version", "../x"])
    assert bad.exit_code == 2 and "not a version name" in bad.stderr


def test_link_shows_a_hostile_value_escaped(in_repo: None) -> None:
    for args in (["link", "objections", "--version", "\x1b]0;pwned\x07"],
                 ["link", "objections", "--version", "1.0\n"],
                 ["link", "--all", "--version", "\x1b[2J"],
                 ["link", "\x1b[31mred"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, result.output
        assert "\x1b" not in result.stderr and "\x07" not in result.stderr
        assert "\\x1b" in result.stderr or "\\n" in result.stderr
