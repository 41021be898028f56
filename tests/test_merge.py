"""The merge rules: select, exclude, override and add by id, and platform choices."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from playbook_builder.inputs.diagnostics import InputError
from playbook_builder.inputs.library import Library, Objection
from playbook_builder.inputs.profile import ObjectionOverride, ReadingEntry
from playbook_builder.pipeline import load_playbook
from playbook_builder.playbook.merge import choose, reading_id
from playbook_builder.playbook.model import Playbook
from playbook_builder.resources import data_dir

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
    pb = load_playbook(EXAMPLE)
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


def test_merge_is_deterministic(digests_across_hash_seeds: list[dict[str, str]]) -> None:
    assert len({d["merge"] for d in digests_across_hash_seeds}) == 1


@pytest.mark.parametrize(
    ("titles", "derived"),
    [
        # The same text, typed two ways, gives one id (NFC and NFD; NFKC composes).
        (["Caf\u00e9 Society", "Cafe\u0301 Society"], "cafe-society"),
        (["\ufb01nding your voice", "finding your voice"], "finding-your-voice"),
        (["\uff23luetrain", "Cluetrain"], "cluetrain"),
        # ASCII titles keep the ids they always had, and with them their anchors.
        (["The Cluetrain Manifesto"], "the-cluetrain-manifesto"),
        (["  30 Top Objections!  "], "30-top-objections"),
        # Other alphabets keep apart by a short hash of the title.
        (["\u65e5\u672c\u8a9e"], "entry-77710a"),
        (["\u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac 2024"], "2024-2ed365"),
        (["\u0420\u0443\u0441\u0441\u043a\u0438\u0439 2024"], "2024-3b54b6"),
    ],
)
def test_ids_derived_from_titles_do_not_depend_on_how_text_is_typed(
    titles: list[str], derived: str
) -> None:
    assert {reading_id(ReadingEntry(title=title)) for title in titles} == {derived}
    assert reading_id(ReadingEntry(title=titles[0], id="own")) == "own"


def test_titles_in_other_alphabets_keep_apart_and_earlier_ids_keep_landing(
        library: Library, tmp_path: Path) -> None:
    profile = tmp_path / "p.yml"
    profile.write_text(MINIMAL.read_text(encoding="utf-8").replace("reading_list:\n", """\
reading_list:
  add:
    - title: "\u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac 2024"
    - title: "\u0420\u0443\u0441\u0441\u043a\u0438\u0439 2024"
    - title: "Caf\u00e9 Society"
    - title: "Stra\u00dfe"
      id: strasse-own
"""), encoding="utf-8")
    pb = load_playbook(profile)
    own = {r.id: r.aliases for r in pb.reading[:4]}
    # Both derived '2024' before, so that earlier id named neither.
    assert own == {"2024-2ed365": (), "2024-3b54b6": (), "cafe-society": ("caf-society",),
                   "strasse-own": ()}


def _merged(library: Library, tmp_path: Path, extra: str, public: bool = False) -> Playbook:
    profile = tmp_path / "p.yml"
    profile.write_text(MINIMAL.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return load_playbook(profile, public=public)


OPERATIONS = """
contacts:
  - {id: lead, role: Lead, email: lead@example.org}
  - {id: desk, role: Front desk, phone: "0100", visibility: public}
incidents:
  tell: [lead]
  override:
    pile-on: {tell: [desk], visibility: public}
  add:
    - {id: flood, title: The hall floods, tell: [desk, lead]}
standards:
  override:
    consent: {visibility: internal}
  add:
    - {id: door, title: No photos at the door, topic: consent, we_do: [We ask first.]}
approvals:
  needs_sign_off: [{what: appeals, by: lead}]
"""


def test_scenarios_take_their_contacts_own_first_then_the_default(
        library: Library, tmp_path: Path) -> None:
    pb = _merged(library, tmp_path, OPERATIONS)
    tell = {i.id: [c.id for c in i.tell] for i in pb.incidents}
    assert tell["pile-on"] == ["desk"]
    assert tell["flood"] == ["desk", "lead"]
    assert tell["someone-at-risk"] == ["lead"]
    # The library's order, most urgent first; the organisation's own after.
    assert pb.incidents[0].id == "someone-at-risk"
    assert pb.incidents[-1].id == "flood"


def test_public_merge_leaves_every_internal_value_out(library: Library, tmp_path: Path) -> None:
    pb = _merged(library, tmp_path, OPERATIONS, public=True)
    assert [c.id for c in pb.contacts] == ["desk"]
    assert [i.id for i in pb.incidents] == ["pile-on"]  # the only one made public
    assert pb.incidents[0].tell[0].id == "desk"
    assert "consent" not in [s.id for s in pb.standards] and "door" in [s.id for s in pb.standards]
    assert pb.approvals is not None and pb.approvals.needs_sign_off[0].by is None
    full = _merged(library, tmp_path, OPERATIONS)
    assert len(full.contacts) == 2 and len(full.incidents) == len(library.incidents) + 1


def test_a_platform_adds_its_own_points_to_the_librarys(library: Library, tmp_path: Path) -> None:
    profile = tmp_path / "own.yml"
    profile.write_text("""\
schema_version: 1
organisation: {name: Riverside}
why: Nobody should go hungry.
audiences: [{id: neighbours, name: Neighbours}]
platforms:
  - id: facebook
    account: {url: https://facebook.example/us, handle: "@us"}
    etiquette: [Reply from the page and never from a personal profile]
  - id: radio
    name: Community radio
    metaphor: a neighbour's voice in the kitchen
    good_for: [older neighbours]
    listen_for: [callers' worries]
""", encoding="utf-8")
    facebook, radio = load_playbook(profile).platforms
    library_facebook = library.platform("facebook")
    assert library_facebook is not None
    assert facebook.guide.etiquette == (*library_facebook.etiquette,
                                        "Reply from the page and never from a personal profile")
    assert facebook.account is not None and facebook.account.handle == "@us"
    assert (radio.guide.good_for, radio.guide.listen_for) == (("older neighbours",),
                                                              ("callers' worries",))


EMPTY_TELL = """
contacts:
  - {id: lead, role: Lead, email: lead@example.org}
incidents:
  tell: [lead]
  override:
    pile-on: {tell: []}
  add:
    - {id: flood, title: The hall floods, tell: []}
    - {id: fire, title: The hall is on fire}
"""


def test_an_empty_tell_tells_nobody_and_a_missing_one_the_default(
        library: Library, tmp_path: Path) -> None:
    pb = _merged(library, tmp_path, EMPTY_TELL)
    plans = {i.id: i for i in pb.incidents}
    # An empty list is a choice: nobody listed, not the default contacts.
    assert plans["pile-on"].tell == plans["flood"].tell == ()
    assert not plans["pile-on"].by_default and not plans["flood"].by_default
    # Without a 'tell' of its own, a scenario tells the default contacts.
    for scenario in ("fire", "wrong-post"):
        assert [c.id for c in plans[scenario].tell] == ["lead"]
        assert plans[scenario].by_default
    assert [c.id for c in pb.tell_by_default] == ["lead"]


# One library item named twice, by its id and by an earlier id ---------------------------

EARLIER = {"incidents/pile-on.yml": "angry-comments",
           "objections/cant-measure.yml": "no-way-to-measure",
           "reading/cluetrain-manifesto.yml": "cluetrain",
           "standards/consent.yml": "photo-consent"}
"""Library files given an earlier id in these tests (the bundled ones have none)."""


@pytest.fixture
def renamed_content(tmp_path: Path) -> Path:
    """The bundled library, with an earlier id for one item of each kind a profile can
    override."""
    content = tmp_path / "content"
    shutil.copytree(data_dir("content"), content)
    for name, earlier in EARLIER.items():
        path = content / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("schema_version: 1\n",
                                     f"schema_version: 1\naliases: [{earlier}]\n", 1),
                        encoding="utf-8")
    return content


def _without_choices() -> str:
    """The minimal profile without its objection and reading choices (nor a path that
    needs one)."""
    text = MINIMAL.read_text(encoding="utf-8").replace("objections/time-waste", "strategy/who")
    head, rest = text.split("objections:\n", 1)
    return head + "roles:\n" + rest.split("roles:\n", 1)[1]


TWICE = [
    ("incidents", "scenario", "pile-on", "angry-comments", "title: Comments pile up"),
    ("objections", "objection", "cant-measure", "no-way-to-measure",
     "response: Not for us."),
    ("reading_list", "reading-list entry", "cluetrain-manifesto", "cluetrain",
     "note: Still worth it."),
    ("standards", "standard", "consent", "photo-consent", "summary: We ask first."),
]


def _problems(tmp_path: Path, content: Path, section: str) -> list[tuple[int, int, str, str,
                                                                          str]]:
    profile = tmp_path / "p.yml"
    profile.write_text(_without_choices() + section, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_playbook(profile, content)
    return [(d.line, d.col, d.code, d.message, d.hint) for d in raised.value.diagnostics]


@pytest.mark.parametrize(("key", "kind", "current", "earlier", "change"), TWICE,
                         ids=[t[0] for t in TWICE])
def test_two_overrides_of_one_item_are_an_error(
    tmp_path: Path, renamed_content: Path, key: str, kind: str, current: str, earlier: str,
    change: str,
) -> None:
    section = f"{key}:\n  override:\n    {current}: {{{change}}}\n    {earlier}: {{{change}}}\n"
    [(line, col, code, message, hint)] = _problems(tmp_path, renamed_content, section)
    assert (code, col) == ("PB202", 5)
    assert _without_choices().count("\n") + 4 == line  # the second one, where it is written
    assert message == (f"the {kind} '{current}' is overridden twice, as '{current}' and as"
                       f" '{earlier}'")
    assert hint == (f"'{earlier}' is an earlier id of '{current}': put every change to it"
                    f" in one override, under '{current}'")


@pytest.mark.parametrize("verb", ["select", "exclude"])
@pytest.mark.parametrize(("key", "kind", "current", "earlier", "change"), TWICE,
                         ids=[t[0] for t in TWICE])
def test_one_item_listed_by_its_id_and_an_earlier_id_is_an_error(
    tmp_path: Path, renamed_content: Path, verb: str, key: str, kind: str, current: str,
    earlier: str, change: str,
) -> None:
    section = f"{key}:\n  {verb}: [{earlier}, {current}]\n"
    [(line, col, code, message, hint)] = _problems(tmp_path, renamed_content, section)
    assert code == "PB202"
    assert (line, col) == (_without_choices().count("\n") + 2,
                           len(f"  {verb}: [{earlier}, ") + 1)
    assert message == f"{kind} '{current}' is listed twice, as '{earlier}' and as '{current}'"
    assert hint == f"'{earlier}' is an earlier id of '{current}': list it once, as '{current}'"


def test_an_item_named_once_by_an_earlier_id_is_fine(
        tmp_path: Path, renamed_content: Path) -> None:
    profile = tmp_path / "p.yml"
    profile.write_text(_without_choices() + "incidents:\n  select: [angry-comments]\n"
                       "  override:\n    angry-comments: {title: Comments pile up}\n",
                       encoding="utf-8")
    [plan] = load_playbook(profile, renamed_content).incidents
    assert (plan.id, plan.scenario.title) == ("pile-on", "Comments pile up")
