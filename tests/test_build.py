"""Real MkDocs builds in tmp_path: URLs, values on the right pages, search, live edits."""

from __future__ import annotations

import hashlib
import html as html_module
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from playbook_builder.inputs.library import Library

from .conftest import MKDOCS_YML, Project, page_html

pytestmark = pytest.mark.build

STEPS = ["why", "who", "listen", "participate", "lead"]


def read(site: Path, url: str) -> str:
    return page_html(site, url)


def test_demo_has_every_url(demo_site: Path, library: Library) -> None:
    urls = ["", "strategy", *(f"strategy/{s}" for s in STEPS), "principles", "platforms",
            "objections", "reading-list", "onboarding"]
    urls += [f"platforms/{p}" for p in
             ("facebook", "instagram", "linkedin", "newsletter", "whatsapp")]
    urls += [f"onboarding/{r}" for r in
             ("volunteer-coordinator", "partnerships-lead", "front-door-volunteer")]
    for url in urls:
        assert (demo_site / url / "index.html").is_file(), url


def test_anchor_per_objection_principle_and_reading(demo_site: Path, library: Library) -> None:
    objections = read(demo_site, "objections")
    for oid in [o for o in library.ids("objections") if o != "its-a-fad"] + ["dignity"]:
        assert f'id="{oid}"' in objections, oid
    assert 'id="its-a-fad"' not in objections
    principles = read(demo_site, "principles")
    for pid in library.ids("principles"):
        assert f'id="{pid}"' in principles
    assert 'id="cluetrain-manifesto"' in read(demo_site, "reading-list")


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("", "Nobody in Riverside should go hungry"),
        ("", "Start here"[:0] + "Volunteer coordinator"),
        ("strategy/why", "Nobody in Riverside should go hungry"),
        ("strategy/why", "Recruit 40 weekend volunteers by June"),
        ("strategy/who", "Neighbours who may need us"),
        ("strategy/listen", "what stops people from volunteering"),
        ("strategy/participate", "Post photos of people collecting food"),
        ("strategy/lead", "Supper club for volunteers"),
        ("platforms/facebook", "a social gathering among acquaintances"),
        ("platforms/facebook", "three posts a week"),
        ("platforms/whatsapp", "a kitchen table with a noticeboard by the door"),
        ("objections", "Two hours a week on Facebook filled our Saturday shifts"),
        ("objections", "Posting about a food bank shames the people who use it."),
        ("reading-list", "https://riverside.example.org/handbook"),
        ("onboarding/volunteer-coordinator", "You look after our volunteers"),
    ],
)
def test_profile_values_on_their_pages(demo_site: Path, url: str, text: str) -> None:
    assert text in read(demo_site, url)


def test_header_announcement_and_logo(demo_site: Path) -> None:
    home = read(demo_site, "")
    assert "<title>Riverside Social Playbook</title>" in home
    assert "Our new volunteer season starts in May" in home
    assert 'src="assets/playbook-logo.svg"' in home
    assert (demo_site / "assets" / "playbook-logo.svg").is_file()


def test_edit_link_points_at_the_profile(tmp_path: Path, minimal_text: str) -> None:
    config = MKDOCS_YML.replace("  name: material\n",
                                "  name: material\n  features: [content.action.edit]\n")
    project = Project(tmp_path, minimal_text, config)
    project.build()
    assert ('href="https://git.example.org/org/playbook/edit/main/profile.yml"'
            in project.page("objections"))


def test_every_page_names_its_owner_version_and_review_date(demo_site: Path) -> None:
    facts = ("Owner: comms@riverside.example.org. Version 2026.11."
             " Last reviewed 2026-11-20.")
    for page in sorted(demo_site.rglob("index.html")):
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' not in text:  # redirects of old addresses
            assert facts in text, page


def test_role_path_links_to_exact_items(demo_site: Path) -> None:
    page = read(demo_site, "onboarding/volunteer-coordinator")
    assert 'href="../../objections/#time-waste"' in page
    assert 'href="../../how-we-post/#consent"' in page
    assert 'href="../../when-things-go-wrong/#pile-on"' in page


def test_search_index_holds_generated_content(demo_site: Path) -> None:
    import json

    docs = json.loads((demo_site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    locations = {d["location"]: d for d in docs}
    assert "objections/#time-waste" in locations
    assert "Two hours a week" in locations["objections/#time-waste"]["text"]
    assert any("a social gathering among acquaintances" in d["text"] for d in docs
               if d["location"].startswith("platforms/facebook/"))


def test_editing_the_profile_changes_the_site(project: Project) -> None:
    project.build()
    assert "Everyone in Hillside" in project.page("strategy/why")
    project.write_profile(project.profile.read_text("utf-8").replace(
        "Everyone in Hillside", "Every reader in Hillside"))
    project.build()
    assert "Every reader in Hillside" in project.page("strategy/why")


def site_digest(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_invalid_profile_leaves_the_previous_site_intact(project: Project) -> None:
    project.build()
    before = site_digest(project.site)
    project.write_profile(project.profile.read_text("utf-8").replace("why:", "wyh:"))
    with pytest.raises(Abort):
        project.build()
    assert site_digest(project.site) == before


def test_hostile_values_stay_text(project: Project) -> None:
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    text = project.profile.read_text("utf-8")
    text = text.replace("name: Hillside Library", f"name: '{hostile}'")
    text = text.replace("name: Readers", "name: '{{ config.site_name }} {: onclick=x }'")
    project.write_profile(text)
    project.build()
    for page in project.site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html, page
        assert "onclick=x" not in re.sub(r">[^<]*<", "><", html), page
    shown = html_module.unescape(project.page("strategy/who"))
    assert "{{ config.site_name }} {: onclick=x }" in shown


def test_plugin_joins_an_existing_site(tmp_path: Path, minimal_text: str) -> None:
    yml = (
        "site_name: Handbook\ntheme:\n  name: material\nnav:\n  - About: about.md\n"
        "plugins:\n  - search\n  - playbook:\n      profile: profile.yml\n      brand: false\n"
    )
    project = Project(tmp_path, minimal_text, yml)
    (tmp_path / "docs" / "about.md").write_text("# About us\n", encoding="utf-8")
    project.build()
    home = project.page("about")
    assert "<title>About - Handbook</title>" in home
    assert re.search(r">\s*Playbook\s*<", home), "the playbook section is added to the nav"
    assert (project.site / "platforms" / "facebook" / "index.html").is_file()


def test_user_page_replaces_a_generated_one(project: Project) -> None:
    (project.root / "docs" / "objections.md").write_text("# Our own answers\n", "utf-8")
    project.build()
    assert "Our own answers" in project.page("objections")


def test_disabled_plugin_builds_a_plain_site(tmp_path: Path, minimal_text: str) -> None:
    yml = "site_name: Plain\nplugins:\n  - playbook:\n      enabled: false\n"
    project = Project(tmp_path, minimal_text, yml)
    (tmp_path / "docs" / "index.md").write_text("# Plain\n", encoding="utf-8")
    project.build()
    assert not (project.site / "platforms").exists()


def test_same_input_same_pages(project: Project, tmp_path: Path) -> None:
    first = site_digest(project.build())
    second = site_digest(project.build(site_dir=str(tmp_path / "again")))
    for name in ("index.html", "objections/index.html", "search/search_index.json"):
        assert first[name] == second[name], name


def test_titles_cannot_break_out_of_the_title_element(project: Project) -> None:
    text = project.profile.read_text("utf-8").replace(
        "name: Desk volunteer", "name: 'ROLE </title><img src=x onerror=alert(15)>'"
    ).replace("name: Hillside Library", "name: 'Food & Friends </title><b>'")
    project.write_profile(text)
    project.build()
    page = project.page("onboarding/desk-volunteer")
    assert "<title>ROLE &lt;/title&gt;&lt;img src=x onerror=alert(15)&gt; - Food &amp;" in page
    assert "<img src=x" not in page and "</title><b>" not in page


def test_the_logo_tooltip_shows_the_title_as_written(project: Project) -> None:
    """Material escapes the name once more for the tooltip: "&quot;" showed in it."""
    text = project.profile.read_text("utf-8").replace(
        "name: Hillside Library", """name: 'Say "hi" & <wave>'""")
    project.write_profile(text)
    project.build()
    page = project.page("")
    assert ('title="Say &#34;hi&#34; &amp; &lt;wave&gt; Playbook"'
            ' class="md-header__button md-logo"') in page
    assert "&amp;quot;" not in page and "&amp;lt;" not in page
