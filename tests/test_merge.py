"""The merge rules: select, exclude, override and add by id, and platform choices."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook_builder.inputs.library import Library, Objection
from playbook_builder.inputs.loading import load_profile
from playbook_builder.inputs.profile import ObjectionOverride, ReadingEntry
from playbook_builder.playbook.merge import choose, reading_id

from .conftest import EXAMPLE, MINIMAL


def item(item_id: str) -> Objection:
    return Objection(schema_version=1, id=item_id, objection=f"{item_id}?", response="r")


LIBRARY = [item("a"), item("b"), item("c")]


@pytest.mark.parametrize(
    ("select", "exclude", "override", "added", "expected"),
    [
        pytest.param(None, [], {}, [], ["a", "b", "c"], id="everything-by-default"),
        pytest.param(["c", "a"], [], {}, [], ["c", "a"], id="select-keeps-its-order"),
        pytest.param(None, ["b"], {}, [], ["a", "c"], id="exclude"),
        pytest.param(["a", "b"], ["b"], {}, [], ["a"], id="exclude-after-select"),
        pytest.param(None, [], {}, [item("z")], ["a", "b", "c", "z"], id="add-goes-last"),
        pytest.param([], [], {}, [item("z")], ["z"], id="only-own-items"),
    ],
)
def test_choose_order(
    select: list[str] | None,
    exclude: list[str],
    override: dict[str, ObjectionOverride],
    added: list[Objection],
    expected: list[str],
) -> None:
    assert [o.id for o in choose(LIBRARY, select, exclude, override, added)] == expected


def test_override_replaces_only_named_fields() -> None:
    merged = choose(LIBRARY, None, [], {"b": ObjectionOverride(response="ours")}, [])
    assert merged[1].response == "ours"
    assert merged[1].objection == "b?"
    assert LIBRARY[1].response == "r"


def test_example_profile_merge(library: Library) -> None:
    pb = load_profile(EXAMPLE, library)
    objections = [o.id for o in pb.objections]
    assert "its-a-fad" not in objections
    # The organisation's own objection speaks for it: first within its topic.
    risk = [o.id for o in pb.objections if o.topic == "risk"]
    assert risk[0] == "dignity"
    assert [o.topic for o in pb.objections][:1] == ["strategy"]
    assert next(o for o in pb.objections if o.id == "time-waste").response.startswith("Two hours")
    assert [p.id for p in pb.platforms] == [
        "facebook", "instagram", "linkedin", "newsletter", "whatsapp"
    ]
    facebook = pb.platforms[0]
    assert facebook.guide.metaphor == "a social gathering among acquaintances"
    assert [a.id for a in facebook.audiences] == ["volunteers", "neighbours"]
    whatsapp = pb.platforms[-1]
    assert (whatsapp.name, whatsapp.guide.metaphor) == (
        "WhatsApp", "a kitchen table with a noticeboard by the door")
    assert whatsapp.aliases == ("whatsapp-groups",)  # the demo's earlier, own platform
    reading = [r.id for r in pb.reading]
    assert "mailchimp-content-style-guide" not in reading
    assert reading[0] == "running-a-volunteer-led-food-bank-our-own-handbook"


def test_merge_is_deterministic(library: Library, tmp_path: Path) -> None:
    assert load_profile(MINIMAL, library) == load_profile(MINIMAL, library)


@pytest.mark.parametrize(
    ("titles", "derived"),
    [
        # The same text, typed two ways, gives one id (NFC and NFD; NFKC composes).
        (["Caf\u00e9 Society", "Cafe\u0301 Society"], "caf-society"),
        (["\ufb01nding your voice", "finding your voice"], "finding-your-voice"),
        (["\uff23luetrain", "Cluetrain"], "cluetrain"),
        # ASCII titles keep the ids they always had, and with them their anchors.
        (["The Cluetrain Manifesto"], "the-cluetrain-manifesto"),
        (["  30 Top Objections!  "], "30-top-objections"),
        (["\u65e5\u672c\u8a9e"], "entry"),
    ],
)
def test_ids_derived_from_titles_do_not_depend_on_how_text_is_typed(
    titles: list[str], derived: str
) -> None:
    assert {reading_id(ReadingEntry(title=title)) for title in titles} == {derived}
    assert reading_id(ReadingEntry(title=titles[0], id="own")) == "own"
