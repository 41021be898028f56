"""The operational layer as readers meet it: who to ask, when things go wrong, how we
post, our voice, the workshop apart from the playbook, and the public build."""

from __future__ import annotations

import gzip
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from playbook_builder.cli import main
from playbook_builder.inputs.areas import AREA_TITLES
from playbook_builder.inputs.library import Library
from playbook_builder.pipeline import load_playbook
from playbook_builder.playbook.model import Playbook

from .conftest import EXAMPLE, REPO, page_html

pytestmark = pytest.mark.build


@pytest.fixture(scope="session")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo playbook built with ``playbook build --public``."""
    site = tmp_path_factory.mktemp("public") / "site"
    result = CliRunner().invoke(main, ["build", "--public", "--strict", "--out", str(site),
                                       "--config-file", str(REPO / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    return site


def _texts(site: Path) -> Iterator[tuple[Path, str]]:
    """Every output file as a reader of it sees the text: references decoded, JSON read,
    gzip opened, whitespace runs made one space; a page also without its tags."""
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue  # images
        if path.suffix == ".json":
            text = json.dumps(json.loads(text), ensure_ascii=False)
        if path.suffix == ".html":  # and as read, a link inside a sentence taken out
            text += " " + re.sub(r"<[^>]*>", "", text)
        yield path, " ".join(html.unescape(html.unescape(text)).split())


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield " ".join(value.split())
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _internal_values(library: Library) -> set[str]:
    """Every text of the demo that is internal: its contacts, scenarios, standards and
    roles not made public, the library's text of them included. Short words that any page
    might hold ('Volunteer') are left out; the public ones are subtracted."""
    full = load_playbook(EXAMPLE)
    public = load_playbook(EXAMPLE, public=True)

    def texts(pb: Playbook) -> set[str]:
        # Tags, areas and duties are words the library shares between items
        # ('suicide-prevention' tags a public reading-list entry too, 'data-protection'
        # is an area and a tag), not values of one item.
        shared = {"tags", "areas", "covers", "duties"}
        dumps = [*(c.model_dump(exclude=shared) for c in pb.contacts),
                 *(i.scenario.model_dump(exclude=shared) for i in pb.incidents),
                 *(s.model_dump(exclude=shared) for s in pb.standards),
                 *(r.model_dump(exclude=shared) for r in pb.roles)]
        return set(_strings(dumps))

    internal = texts(full) - texts(public)
    shown_anyway = set(_strings(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["playbook"]))
    # A public scenario's own text may name another by its title ("use 'Someone complains
    # in public' instead"): that sentence is public, whichever scenario it names.
    quoted = " ".join(texts(public))
    # An area's name ('out-of-hours') is the library's word, public on every card that
    # names the area, even where an internal contact or scenario has it as its id.
    return {t for t in internal - shown_anyway - set(AREA_TITLES)
            if len(t) >= 12 and t not in quoted}


def _ids(pb: Playbook) -> set[str]:
    return {*(c.id for c in pb.contacts), *(i.id for i in pb.incidents),
            *(s.id for s in pb.standards), *(r.id for r in pb.roles)}


def test_public_build_carries_no_internal_value(public_site: Path, demo_site: Path,
                                                library: Library) -> None:
    internal = _internal_values(library)
    assert len(internal) > 100  # contacts, nine scenarios, a standard and a role
    everywhere = " ".join(text for _, text in _texts(demo_site))
    # The check can find what it looks for: the internal build holds every value.
    assert {v for v in internal if v not in everywhere} == set()
    for path, text in _texts(public_site):
        leaked = sorted(v for v in internal if v in text)
        assert not leaked, f"{path.relative_to(public_site)} holds {leaked[:3]}"
    for gone in ("onboarding/trustee", "onboarding/trustee/print"):
        assert not (public_site / gone).exists()
    # Nor their ids, in a role's path or whom it asks, say ('ask: comms-lead').
    full, public = load_playbook(EXAMPLE), load_playbook(EXAMPLE, public=True)
    ids = {f'"{i}"' for i in _ids(full) - _ids(public) - set(AREA_TITLES)}  # areas: as above
    assert {'"comms-lead"', '"account-compromised"', '"account-security"', '"trustee"'} <= ids
    for path, text in _texts(public_site):
        assert not [i for i in ids if i in text], path


def test_public_build_keeps_what_is_public(public_site: Path) -> None:
    incidents = page_html(public_site, "when-things-go-wrong")
    assert 'id="pile-on"' in incidents and 'id="someone-at-risk"' in incidents
    assert 'id="account-compromised"' not in incidents
    assert "Saturday shift lead" in page_html(public_site, "onboarding/front-door-volunteer")
    contacts = page_html(public_site, "contacts")
    assert re.findall(r'<h2 id="([a-z0-9-]+)"', contacts) == ["shift-lead"]
    posting = page_html(public_site, "how-we-post")
    assert 'id="house-rules"' in posting and 'id="account-security"' not in posting


def test_every_role_page_names_a_contact_and_how_to_reach_them(demo_site: Path) -> None:
    roles = [r["id"] for r in yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["roles"]]
    for role in roles:
        page = page_html(demo_site, f"onboarding/{role}")
        ask = page.split('id="who-to-ask"', 1)[1].split("</p>", 1)[0]
        assert "../../contacts/#" in ask, role
        assert "mailto:" in ask or re.search(r"\d{3} \d{3,4} \d{4}", ask), role


def test_scenarios_are_anchored_with_steps_and_whom_to_tell(demo_site: Path) -> None:
    page = page_html(demo_site, "when-things-go-wrong")
    scenarios = re.findall(r'<h2 id="([a-z0-9-]+)">', page)
    assert len(scenarios) >= 8
    assert {"someone-at-risk", "pile-on", "media-enquiry", "account-compromised",
            "wrong-post", "volunteer-posts-harm", "misinformation", "out-of-hours",
            "food-safety-recall"} <= set(scenarios)
    at_risk = page.split('id="someone-at-risk"', 1)[1].split("<h2", 1)[0]
    for part in ("First steps:", "Tell:", "Don't:", "A holding reply you can use as it is"):
        assert part in at_risk
    assert "safeguarding@riverside.example.org" in at_risk


def test_whom_to_tell_by_default_is_listed_once_and_each_card_says_so(
        demo_site: Path) -> None:
    page = page_html(demo_site, "when-things-go-wrong")
    content = page.split('<article', 1)[1].split("</article>", 1)[0]
    block = content.split('id="who-to-tell"', 1)[1].split("<h2", 1)[0]
    assert "mailto:sam.patel@riverside.example.org" in block
    # The demo tells its communications lead by default: a card whose areas they do not
    # cover points to the block rather than listing them again.
    complaint = content.split('id="someone-at-risk-in-person"', 1)[1].split("<h2", 1)[0]
    assert re.search(r'<li>\s*(?:<p>)?And the person listed under '
                     r'<a href="(?:\./)?#who-to-tell">Who to tell</a>\.', complaint), complaint
    assert "mailto:sam.patel" not in complaint
    # A card whose areas they cover names them there, once, and no pointer besides.
    pile_on = content.split('id="pile-on"', 1)[1].split("<h2", 1)[0]
    assert pile_on.count("mailto:sam.patel@riverside.example.org") == 1
    assert "#who-to-tell" not in pile_on
    printed = page_html(demo_site, "onboarding/volunteer-coordinator/print")
    assert printed.count('id="who-to-tell"') == 1  # its path holds the pile-on card
    assert 'href="../../../when-things-go-wrong/#who-to-tell"' in printed


def test_step_pages_hold_decisions_and_the_workshop_holds_the_method(demo_site: Path) -> None:
    for step in ("why", "who", "listen", "participate", "lead"):
        playbook = page_html(demo_site, f"strategy/{step}")
        article = playbook.split("<article", 1)[1].split("</article>", 1)[0]
        assert "task-list" not in article and "Exercise:" not in article, step
        assert "Key questions" not in article, step
        assert article.count(f'href="../../workshop/{step}/"') == 1, step
        workshop = page_html(demo_site, f"workshop/{step}")
        assert 'id="checklist"' in workshop and "Exercise:" in workshop
        assert 'id="key-questions"' in workshop


def test_the_steps_own_exercise_comes_first(demo_site: Path) -> None:
    workshop = page_html(demo_site, "workshop/why")
    exercises = re.findall(r'<h2 id="([a-z0-9-]+)">Exercise', workshop)
    assert exercises[0] == "write-it-offline-first"


def test_editors_pages_come_last_and_volunteers_are_not_sent_there(demo_site: Path) -> None:
    home = page_html(demo_site, "")
    hero = home.split('class="pb-hero"', 1)[1].split("</div>", 1)[0]
    assert "workshop" not in hero and "health" not in hero
    nav = home.split('class="md-nav md-nav--primary"', 1)[1]
    assert nav.index("For editors") > nav.index("Onboarding")
    assert nav.index("Workshop") > nav.index("For editors")
    for role in ("front-door-volunteer", "volunteer-coordinator", "partnerships-lead"):
        path = page_html(demo_site, f"onboarding/{role}").split('id="path"', 1)[1]
        steps = re.findall(r'class="pb-path__step" href="([^"]+)"', path)
        assert not [s for s in steps if "workshop" in s or "health" in s], role


def test_contacts_how_we_post_and_voice_pages(demo_site: Path) -> None:
    contacts = page_html(demo_site, "contacts")
    assert 'id="safeguarding-lead"' in contacts
    assert 'href="mailto:safeguarding@riverside.example.org"' in contacts
    posting = page_html(demo_site, "how-we-post")
    assert "What needs sign-off first" in posting and 'id="consent"' in posting
    assert 'id="accessibility"' in posting and "CamelCase" in posting
    voice = page_html(demo_site, "voice")
    assert "Thanks to the 12 of you who sorted 300 kg on Saturday." in voice
    assert "the needy" in voice


def test_objections_are_grouped_by_topic_with_our_own_first(demo_site: Path) -> None:
    page = page_html(demo_site, "objections")
    assert re.findall(r'<h2 id="topic-([a-z-]+)"', page)[:2] == ["strategy", "relevance"]
    risk = page.split('id="topic-risk"', 1)[1].split("<h2", 1)[0]
    assert re.findall(r'<h3 id="([a-z0-9-]+)"', risk)[0] == "dignity"


def test_platform_names_not_ids_in_tag_chips(demo_site: Path) -> None:
    page = page_html(demo_site, "platforms/whatsapp")
    chips = re.findall(r'class="md-tag[^"]*"[^>]*>([^<]+)<', page)
    assert "WhatsApp" in chips and "whatsapp" not in chips
    assert "Neighbours who may need us" in chips


def test_names_in_tag_chips_stay_text(tmp_path: Path) -> None:
    """Material prints tag names as HTML: a name is text there, whatever it holds."""
    from .conftest import MKDOCS_YML, Project

    config = MKDOCS_YML.replace("  - search\n", "  - search\n  - tags\n")
    name = '<a href="https://evil.example/">Vol</a> & {{ 7*7 }} <img src=x onerror=alert(1)>'
    project = Project(tmp_path, f"""\
schema_version: 1
organisation: {{name: Riverside}}
why: Nobody in Riverside should go hungry because of a bad month.
audiences: [{{id: neighbours, name: {json.dumps(name)}}}]
platforms: [{{id: facebook, audiences: [neighbours]}}]
""", config)
    project.build()
    for page in (project.page("platforms/facebook"), project.page("tags")):
        assert "evil.example/\"" not in page and "<img src=x" not in page
        assert "{{" not in page
    chip = re.findall(r'class="md-tag[^"]*"[^>]*>([^<]+)<', project.page("platforms/facebook"))
    assert html.unescape(chip[1]) == name  # read as the text it is
