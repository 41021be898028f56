"""The curated library: complete, consistent and loadable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from playbook_builder.inputs.diagnostics import InputError
from playbook_builder.inputs.library import STEP_IDS, Library, Platform
from playbook_builder.inputs.loading import load_library
from playbook_builder.pipeline import load_playbook
from playbook_builder.resources import data_dir
from playbook_builder.site.render import render_site

from .conftest import MINIMAL


def test_library_has_what_a_playbook_needs(library: Library) -> None:
    assert len(library.principles) >= 8
    assert [s.id for s in library.steps] == list(STEP_IDS)
    assert len(library.platforms) >= 10
    assert len(library.objections) >= 25
    assert len(library.exercises) >= 8
    assert len(library.reading) >= 8
    assert {q.kind for q in library.questions} == {"ask", "avoid"}


def test_required_platforms_and_objections(library: Library) -> None:
    assert {"linkedin", "facebook", "x", "youtube", "instagram", "mastodon", "tiktok", "blog",
            "newsletter", "podcast", "forums"} <= set(library.ids("platforms"))
    assert {"time-waste", "cant-measure", "lose-control", "negative-comments",
            "audience-not-there", "no-staff", "only-for-young-people", "legal-wont-allow",
            "employee-mistake", "tried-it-nothing-happened", "its-a-fad",
            "already-do-marketing"} <= set(library.ids("objections"))


def test_every_step_is_complete(library: Library) -> None:
    exercises = {e.id: e for e in library.exercises}
    for step in library.steps:
        assert step.key_questions and step.checklist
        assert exercises[step.exercise].step == step.id


def test_every_platform_has_its_guidance(library: Library) -> None:
    for p in library.platforms:
        assert p.metaphor and p.good_for and p.bad_for and p.etiquette and p.listen_for, p.id


def test_every_item_is_tagged(library: Library) -> None:
    for kind in ("principles", "steps", "questions", "platforms", "objections", "reading",
                 "exercises"):
        for item in getattr(library, kind):
            assert item.tags, f"{kind}/{item.id}"


def test_ids_are_unique_across_anchored_pages(library: Library) -> None:
    # Exercises and questions share their step's page; their anchors must not collide.
    ids = library.ids("exercises") + library.ids("questions")
    assert len(ids) == len(set(ids))


def test_broken_library_file_is_located(tmp_path: Path) -> None:
    content = tmp_path / "content"
    for kind in ("principles", "steps", "questions", "platforms", "objections", "reading",
                 "exercises"):
        (content / kind).mkdir(parents=True)
    (content / "objections" / "x.yml").write_text(
        "schema_version: 1\nid: y\nobjection: o\nrespons: r\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        load_library(content)
    text = caught.value.format_text().replace(str(tmp_path) + "/", "")
    assert text.splitlines()[:4] == [
        "content/objections/x.yml:1:1: error: missing required key 'response' [PB101]",
        "  hint: add 'response:' here (A calm, specific answer)",
        "content/objections/x.yml:4:1: error: unknown key 'respons' [PB104]",
        "  hint: did you mean 'response'?",
    ]


def test_bundled_library_is_found() -> None:
    assert (data_dir("content") / "platforms" / "linkedin.yml").is_file()


def test_library_problems_point_at_files(tmp_path: Path) -> None:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(data_dir("content"), content)
    (content / "steps" / "listen.yml").unlink()
    (content / "objections" / "notes.txt").write_text("draft", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_library(content)
    text = caught.value.format_text().replace(str(tmp_path) + "/", "")
    assert text == (
        "content/objections/notes.txt:1:1: error: not a library item file [PB009]\n"
        "  hint: library items are YAML files ending in .yml; move other files elsewhere"
    )
    (content / "objections" / "notes.txt").unlink()
    with pytest.raises(InputError) as caught:
        load_library(content)
    text = caught.value.format_text().replace(str(tmp_path) + "/", "")
    assert text == (
        "content/steps/listen.yml:1:1: error: the library has no step 'listen' [PB205]\n"
        "  hint: add this file: every step is needed"
    )


def test_step_exercise_reference_is_located(tmp_path: Path) -> None:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(data_dir("content"), content)
    why = content / "steps" / "why.yml"
    why.write_text(why.read_text("utf-8").replace(
        "exercise: write-it-offline-first", "exercise: write-it-ofline-first"), "utf-8")
    with pytest.raises(InputError) as caught:
        load_library(content)
    line = next(i for i, t in enumerate(why.read_text("utf-8").splitlines(), 1)
                if t.startswith("exercise:"))
    assert caught.value.format_text().replace(str(tmp_path) + "/", "") == (
        f"content/steps/why.yml:{line}:11: error: unknown exercise 'write-it-ofline-first'"
        " [PB201]\n  hint: did you mean 'write-it-offline-first'?"
    )


ACCESSIBILITY_WORDS = re.compile(
    r"alt text|caption|transcript|camelcase|screen reader|contrast|accessib|subtitle",
    re.IGNORECASE,
)

# Titles and phrases the library borrows, as DOMAIN.md names them, and a word that the
# credit of a principle using one must contain (the author or the work it comes from).
BORROWED = {
    "social media is a tactic, not a strategy": "2013",
    "smarter conversations": "MacLeod",
    "learn to crawl before you walk": "Fruchter",
    "where you are going": "Gould",
    "cocktail party": "Monique",
    "markets are conversations": "Cluetrain",
}


def _plain(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("you're", "you are")
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text).split())


def test_every_platform_fills_every_field(library: Library) -> None:
    for p in library.platforms:
        for field in Platform.model_fields:
            if field == "aliases":
                continue
            value = getattr(p, field)
            assert value not in (None, "", ()), f"{p.id}.{field} is empty"
            if isinstance(value, tuple):
                assert all(str(v).strip() for v in value), f"{p.id}.{field} has a blank item"


def test_every_platform_has_accessibility_etiquette(library: Library) -> None:
    for p in library.platforms:
        assert any(ACCESSIBILITY_WORDS.search(item) for item in p.etiquette), (
            f"{p.id}: no etiquette item about accessibility"
        )


def test_library_covers_the_platforms_of_late_2026(library: Library) -> None:
    ids = library.ids("platforms")
    assert len(ids) >= 16
    assert {"threads", "whatsapp", "neighbourhood-groups",
            "google-business-profile"} <= set(ids)
    assert library.canonical("platforms", "nextdoor") == "neighbourhood-groups"
    assert library.canonical("platforms", "twitter") == "x"


def test_the_cocktail_party_frames_the_principles(library: Library) -> None:
    party = [p for p in library.principles
             if "cocktail party" in _plain(" ".join((p.title, p.summary, p.body)))]
    assert party, "no principle mentions the cocktail party"
    assert all(p.credit for p in party)


def test_the_cocktail_party_frames_the_platforms_page(library: Library) -> None:
    pages = {p.src: p.markdown for p in render_site(load_playbook(MINIMAL))}
    assert "cocktail party" in _plain(pages["platforms/index.md"])


def test_borrowed_titles_are_credited(library: Library) -> None:
    for p in library.principles:
        title = _plain(p.title)
        for phrase, source in BORROWED.items():
            if _plain(phrase) in title:
                assert p.credit, f"principle {p.id} borrows '{phrase}' without a credit"
                assert source.lower() in p.credit.lower(), (
                    f"principle {p.id}: its credit should name {source}"
                )


def test_tools_question_is_asked(library: Library) -> None:
    asks = [_plain(q.question) for q in library.questions if q.kind == "ask"]
    assert any("change the way we talk" in q for q in asks)
