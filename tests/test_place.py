"""Place decides the numbers: a safety card gives the numbers of the organisation's own
country, from facts that name their source, or no number at all; never another
country's, and never a guess."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from playbook_builder.health.score import check
from playbook_builder.inputs.library import Library
from playbook_builder.inputs.loading import load_library
from playbook_builder.inputs.place import PLACED_FIELDS, TOKENS
from playbook_builder.pipeline import load_playbook
from playbook_builder.playbook.model import Playbook
from playbook_builder.resources import data_dir
from playbook_builder.site import sitemap
from playbook_builder.site.markdown_text import phone
from playbook_builder.site.render import render_site

from .conftest import EXAMPLE, MINIMAL, page_html
from .test_inputs_hostile import library_copy, library_problems

COUNTRIES = ("au", "ca", "de", "fr", "gb", "ie", "nz", "us")

# Numbers that belong to one country or another: no library text may name one.
COUNTRY_NUMBERS = re.compile(
    r"(?<![\d.,])(?:999|911|000|112|111|988|116 ?123|116 ?111|13 ?11 ?14|0800 ?1111)(?![\d])"
    r"|\bin the UK\b|\bUK's\b")


def library_texts(library: Library) -> list[tuple[str, str, str]]:
    """(item, field, text) for every library text a card can show."""
    found = []
    for kind, fields in PLACED_FIELDS.items():
        for item in getattr(library, kind):
            for field in fields:
                value = getattr(item, field)
                for text in value if isinstance(value, tuple) else (value,):
                    if text:
                        found.append((f"{kind}/{item.id}", field, text))
    return found


def playbook_in(tmp_path: Path, profile: Path, country: str | None,
                extra: str = "") -> Playbook:
    text = profile.read_text(encoding="utf-8")
    text = re.sub(r"\n  country: [A-Z]{2}\n", "\n", text)
    if country:
        text = text.replace("organisation:\n", f"organisation:\n  country: {country}\n", 1)
    if (profile.parent / "assets").is_dir() and not (tmp_path / "assets").exists():
        shutil.copytree(profile.parent / "assets", tmp_path / "assets")
    path = tmp_path / profile.name
    path.write_text(text + extra, encoding="utf-8")
    return load_playbook(path)


def card(pb: Playbook, scenario: str) -> str:
    page = {p.src: p.markdown for p in render_site(pb)}[sitemap.INCIDENTS]
    return page.split(f"{{#{scenario}}}", 1)[1].split("\n## ", 1)[0]


def unescaped(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown).replace("&#43;", "+").replace("&#58;", ":")


# The library ---------------------------------------------------------------------------


def test_no_library_text_names_a_countrys_number(library: Library) -> None:
    named = [(item, field, text) for item, field, text in library_texts(library)
             if COUNTRY_NUMBERS.search(text)]
    assert named == []


def test_every_country_has_facts_each_with_a_source_and_a_date(library: Library) -> None:
    assert {place.id for place in library.places} >= set(COUNTRIES)
    for place in library.places:
        facts = [place.emergency, *place.helplines, place.regulator]
        for fact in filter(None, facts):
            assert fact.source.startswith(("https://", "http://")), (place.id, fact)
            assert re.fullmatch(r"20\d\d-\d\d-\d\d", fact.checked), (place.id, fact)


def test_a_place_fact_without_a_source_is_refused(tmp_path: Path) -> None:
    content = library_copy(tmp_path)
    (content / "places").mkdir(exist_ok=True)
    (content / "places" / "zz.yml").write_text(
        "schema_version: 1\nid: zz\nname: Nowhere\nemergency:\n  phone: \"123\"\n"
        "  checked: 2026-12-07\n", encoding="utf-8")
    assert library_problems(content, tmp_path) == (
        "content/places/zz.yml:4:1: error: missing required key 'source' [PB101]\n"
        "  hint: add 'source:' here (The page that states the fact: the service's or a"
        " government's own)")


def test_a_fact_library_text_names_must_exist(tmp_path: Path) -> None:
    content = library_copy(tmp_path)
    path = content / "incidents" / "pile-on.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "first_steps:\n", "first_steps:\n  - Call {emergancy} now.\n", 1), encoding="utf-8")
    problems = library_problems(content, tmp_path)
    assert problems.startswith("content/incidents/pile-on.yml:")
    assert ("error: 'first_steps' names '{emergancy}', which is not a place fact: the facts"
            " are {emergency}, {crisis_line}, {children_line}, {regulator} [PB207]") in problems


# The cards -----------------------------------------------------------------------------


@pytest.mark.parametrize(("country", "given", "never"), [
    ("US", ["911", "988"], ["999", "116 123", "13 11 14"]),
    ("AU", ["000", "13 11 14"], ["999", "911", "116 123", "988"]),
    ("GB", ["999", "116 123"], ["911", "988", "13 11 14"]),
])
def test_the_at_risk_card_gives_its_countrys_numbers(
        tmp_path: Path, country: str, given: list[str], never: list[str]) -> None:
    text = unescaped(card(playbook_in(tmp_path, EXAMPLE, country), "someone-at-risk"))
    flat = text.replace("\u00a0", " ")
    for number in given:
        assert number in flat, (number, text)
    for number in never:
        assert not re.search(rf"(?<![\d]){re.escape(number)}(?![\d])", flat), (number, text)


def test_without_a_country_the_cards_name_no_number_and_the_report_says_so(
        tmp_path: Path) -> None:
    pb = playbook_in(tmp_path, EXAMPLE, None)
    text = unescaped(card(pb, "someone-at-risk"))
    assert "the emergency services" in text
    assert not re.search(r"\d{3}", text.split("**Tell:**")[0]), text
    rules = {finding.rule.id for finding in check(pb).findings}
    assert "no-emergency-number" in rules


def test_a_profiles_safety_wins_over_the_library(tmp_path: Path) -> None:
    pb = playbook_in(tmp_path, EXAMPLE, "GB", extra=(
        "safety:\n  emergency: \"112\"\n  helplines:\n"
        "    - {name: Our Line, kind: crisis, phone: \"0800 000 000\", hours: any time}\n"))
    text = unescaped(card(pb, "someone-at-risk")).replace("\u00a0", " ")
    assert "the emergency services on 112" in text
    assert "Our Line on 0800 000 000 (any time)" in text
    assert "116 123" not in text
    assert pb.place.helpline("children") is not None  # the library's, not replaced


def test_a_profiles_own_braces_are_text(tmp_path: Path) -> None:
    own = playbook_in(tmp_path, MINIMAL, "GB", extra=(
        "incidents:\n  override:\n    pile-on:\n      holding_reply: Call {emergency} now.\n"))
    assert "Call &#123;emergency&#125; now" in card(own, "pile-on")


def test_the_top_of_the_page_gives_the_number_and_whom_to_call_out_of_hours(
        tmp_path: Path) -> None:
    pb = playbook_in(tmp_path, EXAMPLE, "GB")
    page = {p.src: p.markdown for p in render_site(pb)}[sitemap.INCIDENTS]
    top = page.split('<div class="pb-finder" markdown>')[0]
    assert "call the emergency services on [999](tel:999){.pb-tel} first" in top
    assert "**Out of hours:**" in top


# Phone numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "dialled"), [
    ("020 7946 0000", "02079460000"), ("+44 (0)20 7946-0003", "+442079460003"),
    ("(02) 9999 0000", "0299990000"), ("1-800-273-8255", "18002738255"), ("999", "999"),
])
def test_a_phone_number_is_a_link_phones_dial(written: str, dialled: str) -> None:
    assert phone(written).endswith(f"](tel:{dialled}){{.pb-tel}}")


def test_every_phone_in_the_library_is_one_a_phone_dials() -> None:
    library = load_library(data_dir("content"))
    for place in library.places:
        numbers = [place.emergency.phone if place.emergency else None,
                   *(h.phone for h in place.helplines), *(h.text for h in place.helplines)]
        for number in filter(None, numbers):
            assert re.fullmatch(r"\+?[0-9][0-9 ]*", number), (place.id, number)


def test_tokens_are_named_in_one_place() -> None:
    assert set(TOKENS) == {"emergency", "crisis_line", "children_line", "regulator"}


# The demo, built -----------------------------------------------------------------------


@pytest.mark.build
def test_the_demo_gives_numbers_that_dial_and_finds_what_a_trustee_looks_for(
        demo_site: Path) -> None:
    incidents = page_html(demo_site, "when-things-go-wrong")
    assert '<a class="pb-tel" href="tel:999">999</a>' in incidents
    assert 'href="tel:116123"' in incidents  # the helplines, dialled without spaces
    assert re.search(r'href="https://www\.gov\.uk/guidance/how-to-report-a-serious-incident'
                     r'-in-your-charity">How to report a serious incident</a>', incidents)
    contacts = page_html(demo_site, "contacts")
    assert '<a class="pb-tel" href="tel:02079460000">020 7946 0000</a>' in contacts
    index = json.loads((demo_site / "search" / "search_index.json").read_text("utf-8"))
    text = " ".join(doc["text"] + " " + doc["title"] for doc in index["docs"]).lower()
    assert "political" in text and "fundraising" in text
