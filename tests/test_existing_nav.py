"""The plugin joining a site that has a ``nav`` of its own: real, strict MkDocs builds."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from .conftest import Project

pytestmark = pytest.mark.build

OPERATIONS = """\
contacts:
  - id: desk-lead
    role: Front desk lead
    email: desk@hillside.example.org
incidents:
  tell: [desk-lead]
"""
"""Added to the minimal profile, so that the playbook has a "When things go wrong" page."""

HOME_AND_ABOUT = "nav:\n  - Home: index.md\n  - About: about.md\n"


def site_yml(nav: str, *, extra: str = "") -> str:
    return (f"site_name: Handbook\ntheme:\n  name: material\n{nav}{extra}"
            "plugins:\n  - search\n  - playbook:\n      profile: profile.yml\n"
            "      brand: false\n")


def make(tmp_path: Path, minimal_text: str, yml: str, pages: dict[str, str]) -> Project:
    project = Project(tmp_path, minimal_text + OPERATIONS, yml)
    for name, text in pages.items():
        path = tmp_path / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return project


def strict_build(project: Project) -> MkDocsConfig:
    """Builds strictly (a warning stops it with Abort) and returns the configuration the
    build used, its ``nav`` as the plugin left it."""
    config = load_config(str(project.root / "mkdocs.yml"), strict=True)
    build(config)
    return config


def primary_nav(html: str) -> str:
    """The site navigation of a page, without the page itself."""
    nav = html.split('class="md-nav md-nav--primary"', 1)[1]
    return nav.split('class="md-content"', 1)[0]


def nav_links(html: str) -> list[tuple[str, str]]:
    """The (href, text) of every link in a page's site navigation, in order."""
    found = [(href, " ".join(re.sub(r"<[^>]*>", " ", text).split()))
             for href, text in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>',
                                          primary_nav(html), flags=re.S)]
    return [(href, text) for href, text in found if text]  # not the logo


def titles(nav: list[Any]) -> list[str]:
    return [next(iter(item)) if isinstance(item, dict) else item for item in nav]


def test_a_nav_that_lists_index_md_gets_the_playbook_as_a_section(
    tmp_path: Path, minimal_text: str,
) -> None:
    project = make(tmp_path, minimal_text, site_yml(HOME_AND_ABOUT),
                   {"index.md": "# Welcome to the handbook\n", "about.md": "# About us\n"})
    config = strict_build(project)  # was: ~19 generated pages not in the nav, Abort
    assert config.nav[:2] == [{"Home": "index.md"}, {"About": "about.md"}]
    assert titles(config.nav) == ["Home", "About", "Playbook"]
    playbook = config.nav[2]["Playbook"]
    assert titles(playbook)[0] == "Strategy", "the site's one home page is listed once"
    assert {"When things go wrong": "when-things-go-wrong.md"} in playbook
    # The user's index.md stays the site's home page; theirs replaces the playbook's.
    home = project.page("")
    assert "Welcome to the handbook" in home and "Start with your role" not in home
    links = nav_links(project.page("about"))
    texts = [text for _, text in links]
    assert texts.index("Home") < texts.index("About") < texts.index("When things go wrong")
    assert ("../when-things-go-wrong/", "When things go wrong") in links
    assert [href for href, _ in links].count("..") == 1, links
    assert (project.site / "platforms" / "facebook" / "index.html").is_file()


def test_a_nav_that_lists_index_md_without_the_file_gets_the_playbooks_home(
    tmp_path: Path, minimal_text: str,
) -> None:
    project = make(tmp_path, minimal_text, site_yml(HOME_AND_ABOUT),
                   {"about.md": "# About us\n"})
    config = strict_build(project)
    assert titles(config.nav) == ["Home", "About", "Playbook"]
    assert "Start with your role" in project.page(""), "the playbook's home is the site's"
    links = nav_links(project.page("about"))
    assert ("..", "Home") in links
    assert ("../when-things-go-wrong/", "When things go wrong") in links


def test_a_nav_that_places_playbook_pages_is_kept_as_it_is(
    tmp_path: Path, minimal_text: str,
) -> None:
    nav = ("nav:\n  - Home: index.md\n  - About: about.md\n"
           "  - Incidents: when-things-go-wrong.md\n"
           "  - Our plan:\n      - strategy/index.md\n      - strategy/why.md\n")
    project = make(tmp_path, minimal_text, site_yml(nav),
                   {"index.md": "# Welcome to the handbook\n", "about.md": "# About us\n"})
    config = strict_build(project)  # was: the pages the nav leaves out, Abort
    assert config.nav == [
        {"Home": "index.md"}, {"About": "about.md"},
        {"Incidents": "when-things-go-wrong.md"},
        {"Our plan": ["strategy/index.md", "strategy/why.md"]},
    ]
    links = nav_links(project.page("about"))
    assert ("../when-things-go-wrong/", "Incidents") in links
    hrefs = [href for href, _ in links]
    assert "../strategy/" in hrefs and "../strategy/why/" in hrefs
    for left_out in ("../strategy/who/", "../objections/", "../platforms/facebook/",
                     "../onboarding/desk-volunteer/"):
        assert left_out not in hrefs, left_out
    assert not any(text == "Playbook" for _, text in links), "no section is added"
    # The pages the nav leaves out are built, and linked from the playbook's own pages.
    assert 'href="who/"' in project.page("strategy")
    assert 'href="../../objections/#time-waste"' in project.page("onboarding/desk-volunteer")
    assert (project.site / "platforms" / "facebook" / "index.html").is_file()


def test_a_user_page_the_placed_nav_leaves_out_still_fails_a_strict_build(
    tmp_path: Path, minimal_text: str, caplog: pytest.LogCaptureFixture,
) -> None:
    """Only generated pages are left out of the navigation on purpose: the user's own are
    checked as MkDocs checks them."""
    nav = "nav:\n  - Home: index.md\n  - Incidents: when-things-go-wrong.md\n"
    project = make(tmp_path, minimal_text, site_yml(nav),
                   {"index.md": "# Welcome\n", "about.md": "# About us\n"})
    with pytest.raises(Abort):
        strict_build(project)
    omitted = [r.getMessage() for r in caplog.records if "not included in the" in r.getMessage()]
    assert omitted == ['The following pages exist in the docs directory, but are not'
                       ' included in the "nav" configuration:\n  - about.md'], omitted
