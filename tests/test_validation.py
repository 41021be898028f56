"""Every kind of problem a value can have, in the words users read."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook_builder.inputs.library import Step
from playbook_builder.inputs.profile import Profile
from playbook_builder.inputs.validation import parse, validate
from playbook_builder.inputs.values import Strict
from playbook_builder.inputs.yamlsource import load_yaml


def messages(tmp_path: Path, text: str, model: type[Strict] = Profile) -> list[str]:
    path = tmp_path / "p.yml"
    path.write_text(text, encoding="utf-8")
    record, diagnostics = validate(load_yaml(path, "p.yml"), model)
    assert (record is None) == bool(diagnostics)
    return [d.format_text() for d in sorted(diagnostics)]


GOOD = "schema_version: 1\norganisation:\n  name: Hillside\nwhy: Because.\n" \
       "audiences:\n  - id: readers\n    name: Readers\n"


def test_a_valid_profile_becomes_records_with_defaults(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text(GOOD, encoding="utf-8")
    profile, problems = parse(Profile, load_yaml(path).data)
    assert problems == [] and profile is not None
    assert profile.schema_version == 1  # written as text, read as a number
    assert profile.audiences[0].hangs_out == ()
    assert profile.playbook.language == "en"
    assert profile.objections.override == {}
    assert profile.model_dump(mode="json")["audiences"] == [
        {"id": "readers", "name": "Readers", "description": None, "cares_about": [],
         "hangs_out": []}]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (("why: Because.", "why: " + "x" * 20_001),
         ["p.yml:4:6: error: 'why' has 20,001 characters, at most 20,000 allowed [PB103]\n"
          "  hint: shorten it"]),
        (("schema_version: 1", "schema_version: one"),
         ["p.yml:1:17: error: 'schema_version' must be a whole number, not 'one' [PB102]\n"
          "  hint: write the number in digits, such as 1"]),
        (("schema_version: 1", "schema_version: [1]"),
         ["p.yml:1:17: error: 'schema_version' must be a whole number, not a list [PB102]\n"
          "  hint: write the number in digits, such as 1"]),
        (("  - id: readers", "  - id: readers\n    cares_about: {a: b}"),
         ["p.yml:7:18: error: 'cares_about' must be a list, not a mapping [PB102]\n"
          "  hint: write each item on its own line, starting with '- '"]),
        (("    name: Readers", "    name: [Readers]"),
         ["p.yml:7:11: error: 'name' must be text, not a list [PB102]\n"
          "  hint: write a single value; quote it if it contains ':' or starts with a symbol"]),
        (("  name: Hillside", "  name: Hillside\n  sector: charity"),
         ["p.yml:4:11: error: 'charity' is not an allowed value for 'sector' [PB103]\n"
          "  hint: expected one of 'business', 'education', 'nonprofit', 'professional',"
          " 'public-sector'"]),
        (("why: Because.", "why: Because.\nobjections:\n  override:\n    Time Waste: {}"),
         ["p.yml:7:5: error: 'Time Waste' is not a valid id [PB103]\n"
          "  hint: use lower-case letters, digits and single hyphens, such as 'time-waste'"]),
        (("why: Because.", "why: Because.\nobjections:\n  override:\n    x: {respons: r}"),
         ["p.yml:7:9: error: unknown key 'respons' [PB104]\n  hint: did you mean 'response'?"]),
        (("  name: Hillside", '  name: Hillside\n  website: "https://a\uff03b"'),
         ["p.yml:4:12: error: 'website' is not an address a browser can read [PB103]\n"
          "  hint: write a full web address such as https://example.org, or a mailto: address"]),
        (("schema_version: 1", 'schema_version: "\\x1c1"'),
         ["p.yml:1:17: error: 'schema_version' must be a whole number, not '\\x1c1' [PB102]\n"
          "  hint: write the number in digits, such as 1"]),
        (("why: Because.", 'why: Because.\n"\\e[2J\\u202e": x'),
         ["p.yml:5:1: error: unknown key '\\x1b[2J\\u202e' [PB104]\n"
          "  hint: expected one of 'approvals', 'audiences', 'contacts', 'goals', 'incidents',"
          " 'leading', 'listening', 'objections', 'organisation', 'participation',"
          " 'platforms', 'playbook', ..."]),
        (("why: Because.", "why: Because.\nplaybook:\n  language: " + "e" * 100),
         ["p.yml:6:13: error: '" + "e" * 57 + "...' is not a valid language [PB103]\n"
          "  hint: use a language code such as 'en' or 'en-GB'"]),
        (("schema_version: 1", "schema_version: " + "9" * 150),
         ["p.yml:1:17: error: 'schema_version' is " + "9" * 57 + "..., but this version"
          " reads format 1 [PB103]\n  hint: write 'schema_version: 1'"]),
        (("schema_version: 1", "schema_version: " + "9" * 4_001),
         ["p.yml:1:17: error: 'schema_version' has 4,001 characters, at most 4,000 allowed"
          " [PB103]\n  hint: shorten it"]),
        (("  name: Hillside", "  voice: calm"),
         ["p.yml:2:1: error: missing required key 'name' [PB101]\n"
          "  hint: add 'name:' here (The organisation's name, shown in the header and on the"
          " home page)"]),
    ],
)
def test_each_kind_of_problem_reads_plainly(
    tmp_path: Path, edit: tuple[str, str], expected: list[str]
) -> None:
    assert GOOD.count(edit[0]) == 1
    assert messages(tmp_path, GOOD.replace(*edit)) == expected


STEP = """schema_version: 1
id: why
order: 9
title: T
short_title: S
summary: S
idea: I
body: B
key_questions: [q]
checklist: [c]
exercise: e
"""


def test_numbers_out_of_range(tmp_path: Path) -> None:
    assert messages(tmp_path, STEP, Step) == [
        "p.yml:3:8: error: 'order' is 9; it must be from 1 to 5 [PB103]\n"
        "  hint: write a whole number from 1 to 5"]


def test_every_problem_in_one_pass(tmp_path: Path) -> None:
    text = STEP.replace("order: 9", "order: 0").replace("title: T", "title: ''") \
        .replace("id: why", "id: how") + "colour: red\n"
    assert len(messages(tmp_path, text, Step)) == 4


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # A required key with nothing in it: the hint never says to remove it.
        (("why: Because.", "why:"),
         ["p.yml:4:5: error: 'why' must not be empty [PB103]\n"
          "  hint: write it after the colon: it is required (Step 1: why should anyone care"
          " about what you do?)"]),
        (("  name: Hillside", "  name: '  '"),
         ["p.yml:3:9: error: 'name' is blank [PB103]\n"
          "  hint: write it after the colon: it is required (The organisation's name, shown"
          " in the header and on the home page)"]),
        (("organisation:\n  name: Hillside", "organisation:"),
         ["p.yml:2:14: error: 'organisation' has no value [PB102]\n"
          "  hint: write its keys, such as 'organisation: {name: Riverside Food Bank}'"]),
        (("audiences:\n  - id: readers\n    name: Readers\n", "audiences: []\n"),
         ["p.yml:5:12: error: 'audiences' must not be empty [PB103]\n"
          "  hint: write at least 1 item, such as"
          " 'audiences: [{id: volunteers, name: Volunteers}]'"]),
        (("audiences:\n  - id: readers\n    name: Readers\n", "audiences: ~\n"),
         ["p.yml:5:12: error: 'audiences' has no value: YAML reads '~' as nothing [PB102]\n"
          "  hint: write at least 1 item, such as"
          " 'audiences: [{id: volunteers, name: Volunteers}]'"]),
        # An optional one may be removed; an item is written or its line removed.
        (("why: Because.", "why: Because.\nplaybook:\n  owner: ' '"),
         ["p.yml:6:10: error: 'owner' is blank [PB103]\n"
          "  hint: write something here or remove the key"]),
        (("    name: Readers", "    name: Readers\n    cares_about: [a, '', ' ']"),
         ["p.yml:8:22: error: an empty item in 'cares_about' [PB103]\n"
          "  hint: write the item after '- ', or remove the line",
          "p.yml:8:26: error: an item of 'cares_about' is blank [PB103]\n"
          "  hint: write the item after '- ', or remove the line"]),
        # How YAML 1.2 (an editor) reads an unquoted value decides as the schema does.
        (("    name: Readers", "    name: Readers\n    hangs_out: [2024]"),
         ["p.yml:8:17: error: an item of 'hangs_out' must be text, but YAML reads 2024 as"
          " a number [PB102]\n  hint: put it in quotes: \"2024\""]),
        (("  - id: readers", "  - id: TRUE"),
         ["p.yml:6:9: error: 'id' must be text, but YAML reads TRUE as a true/false value"
          " [PB102]\n  hint: put it in quotes: \"TRUE\""]),  # the pattern is judged once quoted
        (("why: Because.", "why: Because.\nplaybook:\n  language: null"),
         ["p.yml:6:13: error: 'language' has no value: YAML reads 'null' as nothing [PB102]\n"
          "  hint: write its value after the colon, or remove the key"]),
        (("schema_version: 1", "schema_version: '1'"),
         ["p.yml:1:17: error: 'schema_version' must be a whole number, not text in quotes"
          " [PB102]\n  hint: write it without quotes: schema_version: 1"]),
        (("schema_version: 1", "schema_version: !!str 1"),
         ["p.yml:1:17: error: 'schema_version' must be a whole number, not text in quotes"
          " [PB102]\n  hint: write it without quotes: schema_version: 1"]),
    ],
)
def test_empty_values_and_yaml_types(
    tmp_path: Path, edit: tuple[str, str], expected: list[str]
) -> None:
    assert GOOD.count(edit[0]) == 1
    assert messages(tmp_path, GOOD.replace(*edit)) == expected


@pytest.mark.parametrize(
    "edit",
    [
        ("why: Because.", "why: 1.10"),
        ("why: Because.", "why: true"),
        ("why: Because.", "why: no"),
        ("why: Because.", "why: Because.\nplaybook:\n  version: 2026.10\n  language: no"),
        ("  - id: readers", "  - id: 'true'\n    cares_about: [1, .5, FALSE, .inf]"),
        ("  - id: readers", "  - id: \"2024\""),
        ("schema_version: 1", "schema_version: +1"),
    ],
)
def test_free_text_keeps_what_yaml_would_call_a_number(
    tmp_path: Path, edit: tuple[str, str]
) -> None:
    assert messages(tmp_path, GOOD.replace(*edit)) == []
    path = tmp_path / "p.yml"
    profile, _ = parse(Profile, load_yaml(path).data)
    assert profile is not None and profile.why in ("Because.", "1.10", "true", "no")


def test_library_items_are_read_as_text_only(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text(STEP.replace("order: 9", 'order: "2"'), encoding="utf-8")
    step, problems = validate(load_yaml(path, "p.yml"), Step, yaml_types=False)
    assert problems == [] and step is not None and step.order == 2
