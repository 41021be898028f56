"""`playbook validate` and the published JSON Schema agree on which profiles are valid.

Editors (yaml-language-server) and check-jsonschema read a profile as YAML 1.2 and apply
the schema to what they read: an unquoted ``1.10`` is a number to them, ``true`` a
boolean, ``~`` nothing. Our loader keeps every value as typed, and validation judges each
value's YAML 1.2 type by the rule the schema states (see ``inputs/values.py``), so both
must accept and refuse the same profiles. Here each profile is read as an editor reads it
(YAML 1.2 core schema, on PyYAML's BaseLoader: PyYAML itself reads YAML 1.1, where ``no``
is a boolean and ``1_000`` a number) and checked with the schema, then validated by the
command's own loader, and the two verdicts are compared.

What only the validator can judge is listed, with the reason, in VALIDATOR_ONLY: there the
schema accepts what the command refuses, and nothing else may differ.
"""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from playbook_builder.inputs.diagnostics import InputError
from playbook_builder.inputs.library import Library
from playbook_builder.inputs.schema import profile_schema
from playbook_builder.pipeline import load_playbook

from .conftest import EXAMPLE, MINIMAL, REPO
from .test_profile_diagnostics import BASE
from .yaml12 import Yaml12Loader, as_editors_read, plain

CORPUS = Path(__file__).resolve().parent / "corpus"


VALIDATOR = jsonschema.Draft202012Validator(profile_schema())


def schema_accepts(path: Path) -> bool:
    readable, data = as_editors_read(path)
    return readable and VALIDATOR.is_valid(data)


def validate_accepts(path: Path, library: Library) -> bool:
    try:
        load_playbook(path)
    except InputError:
        return False
    return True


# What the schema cannot see, so only `playbook validate` refuses it, and why.
VALIDATOR_ONLY = {
    # references between entries and to the library
    "duplicate-ids": "ids must differ between entries: a reference check",
    "listed-twice": "an id listed twice: a reference check",
    "new-platform-without-metaphor": "whether an id names a library platform needs the library",
    "objection-choices": "objection ids are the library's",
    "reading-choices": "reading-list ids are the library's",
    "reserved-ids": "'index' names a section's own page: a rule of the site, not of the format",
    "unknown-references": "references between sections",
    "role-path-typo": "role paths name the pages the playbook will have",
    "role-path-operational": "role paths name the pages the playbook will have",
    "contact-typos": "contact ids are the profile's own: a reference check",
    "role-platforms": "a role's platforms are the ones the profile chose: a reference check",
    "sections-not-there-yet": "references to contacts and pages the profile does not have",
    "incident-choices": "scenario ids are the library's",
    "anchor-collisions": "the headings of a page are the site's, not the format's",
    "operational-bounds": "how long a list may be is a limit of the site's pages, checked with"
                          " the profile's other limits, and the headings of a page are the"
                          " site's",
    "standard-choices": "standard ids are the library's",
    # files next to the profile
    "logo-missing": "a file check: the schema cannot see the folder",
    "logo-absolute": "a file check: where the path leads",
    "logo-outside": "a file check: where the path leads",
    "logo-not-image": "a file check: what kind of file it is",
    # what the loader refuses in YAML itself
    "duplicate-key": "a YAML reader keeps one of two equal keys (an editor flags it as a"
                     " YAML error, not through the schema)",
    "env-tag": "tags: an editor keeps a tagged value as written, the loader refuses tags",
    "binary-tag": "tags: an editor keeps a tagged value as written, the loader refuses tags",
    "operational-yaml-traps": "a YAML reader keeps one of two equal keys",
    # finer checks of text than a schema pattern should carry
    "control-characters": "invisible control and direction characters in text",
    "invisible-characters": "invisible, direction and tag characters in text, and text"
                               " made only of invisible characters: a pattern would have to"
                               " list them, and editors read patterns differently outside"
                               " the first 65,536 characters",
    "link-with-markup": "characters a link must percent-encode",
}

CORPUS_CASES = sorted(p.stem for p in CORPUS.glob("*.yml"))


@pytest.mark.parametrize("name", CORPUS_CASES)
def test_the_command_and_the_schema_agree_on_the_corpus(name: str, library: Library) -> None:
    path = CORPUS / f"{name}.yml"
    by_schema, by_command = schema_accepts(path), validate_accepts(path, library)
    if name in VALIDATOR_ONLY:
        assert (by_schema, by_command) == (True, False), VALIDATOR_ONLY[name]
    else:
        assert by_schema == by_command, f"schema: {by_schema}, playbook validate: {by_command}"


def test_every_exception_is_a_corpus_case() -> None:
    assert set(VALIDATOR_ONLY) <= set(CORPUS_CASES)


SCAFFOLD = REPO / "playbook_builder" / "commands" / "scaffold" / "profile.yml"


@pytest.mark.parametrize("path", [EXAMPLE, MINIMAL, SCAFFOLD],
                         ids=["example", "minimal", "scaffold"])
def test_the_bundled_profiles_are_valid_to_both(path: Path, library: Library) -> None:
    assert schema_accepts(path)
    assert validate_accepts(path, library)


@pytest.mark.parametrize(
    ("edit", "valid"),
    [
        # Free text takes what YAML reads as a number or true/false, kept as typed.
        (("why: Because.", "why: 012345"), True),
        (("  name: Hillside", "  name: true"), True),
        (("why: Because.", "why: Because.\nplaybook:\n  version: 1.10\n  title: .inf"), True),
        (("why: Because.", "why: Because.\nplatforms:\n  - id: facebook\n    cadence: 2"),
         True),
        (("why: Because.", "why: Because.\nreading_list:\n  add:\n    - {title: 1984,"
          " year: 1949}"), True),
        (("    name: Readers", "    name: Readers\n    cares_about: [1.5, FALSE, -3]"), True),
        # YAML 1.1's yes/no/on/off are text in YAML 1.2, for ids and choices too.
        (("why: Because.", "why: NO\nplaybook:\n  language: no\n  owner: off"), True),
        (("id: readers", "id: yes"), True),
        # Ids, paths, choices and file names are text only: quoted, they are fine.
        (("id: readers", "id: 2024"), False),
        (("id: readers", "id: \"2024\""), True),
        (("id: readers", "id: true"), False),
        (("    name: Readers", "    name: Readers\n    hangs_out: [0x1f]"), False),
        (("  name: Hillside", "  name: Hillside\n  logo: 12"), False),
        (("why: Because.", "why: Because.\nroles:\n  - {id: r, name: R, path: [2024]}"),
         False),
        # Nothing is refused everywhere; so is blank text.
        (("why: Because.", "why: ~"), False),
        (("why: Because.", "why: Because.\nplaybook:\n  owner: null"), False),
        (("why: Because.", "why: Because.\ngoals: Null"), False),
        (("    name: Readers", "    name: Readers\n    cares_about: [a, ~]"), False),
        (("    name: Readers", "    name: \" \\t \""), False),
        (("why: Because.", "why: Because.\nplaybook:\n  title: ''"), False),
        (("  name: Hillside", "  name: Hillside\n  logo: ' '"), False),
        # The whole number is a number: unquoted, in any way YAML writes 1 in digits.
        (("schema_version: 1", "schema_version: \"1\""), False),
        (("schema_version: 1", "schema_version: '1'"), False),
        (("schema_version: 1", "schema_version: 01"), True),
        (("schema_version: 1", "schema_version: true"), False),
        # An override's key is an id: the schema refuses another key, as the loader does.
        (("why: Because.", "why: Because.\nobjections:\n  override:\n    Time Waste: {}"),
         False),
        # A link opens the host it shows, and a mail link writes to the address shown.
        (("  name: Hillside", "  name: Hillside\n  website: https://a.example@b.example/"),
         False),
        (("  name: Hillside", "  name: Hillside\n  website: https://a%2Eexample/"), False),
        (("  name: Hillside", "  name: Hillside\n  website: https://a.example/@x?y=@z#@"),
         True),
        (("  name: Hillside", "  name: Hillside\n  website: mailto:a%40b.example@c.example"),
         False),
        (("  name: Hillside", "  name: Hillside\n  website: mailto:a@b.example?cc=c@d.e"),
         False),
        (("  name: Hillside", "  name: Hillside\n  website: mailto:a.b+c@d.example"), True),
        (("why: Because.", "why: Because.\ncontacts:\n  - {id: c, role: R,"
          " email: a%40b.example@c.example}"), False),
        (("why: Because.", "why: Because.\ncontacts:\n  - {id: c, role: R,"
          " email: a.b+c@d.example}"), True),
        # A name made of a zero-width space, or of a direction mark, is blank to a reader.
        (("  name: Hillside", '  name: "\\u200b"'), False),
        (("  name: Hillside", '  name: "\\u200f \\ufeff"'), False),
        (("  name: Hillside", '  name: "\\u200bHillside"'), True),  # a visible name
    ],
)
def test_the_command_and_the_schema_agree_on_how_values_are_written(
    tmp_path: Path, library: Library, edit: tuple[str, str], valid: bool
) -> None:
    assert BASE.count(edit[0]) == 1
    path = tmp_path / "profile.yml"
    path.write_text(BASE.replace(*edit), encoding="utf-8")
    assert (schema_accepts(path), validate_accepts(path, library)) == (valid, valid)


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (("schema_version: 1", "schema_version: 1.0"),
         "JSON Schema cannot tell 1.0 from 1; the command wants the number in digits"),
        (("schema_version: 1", "schema_version: 0x1"),
         "a YAML reader turns 0x1 into 1; the command wants the number in digits"),
        (("  name: Hillside", '  name: "\\u2800"'),
         "text made only of a blank symbol (braille blank): a pattern lists only the"
         " invisible characters of the first 65,536 that are not symbols"),
        (("why: Because.", 'why: "Because\\u202e."'),
         "a direction character in text: a pattern would have to list them"),
        (("why: Because.", 'why: "Because.\\U000E0041"'),
         "a tag character in text: a pattern would have to list them"),
    ],
)
def test_what_only_the_command_refuses_in_a_value(
    tmp_path: Path, library: Library, edit: tuple[str, str], reason: str
) -> None:
    path = tmp_path / "profile.yml"
    path.write_text(BASE.replace(*edit), encoding="utf-8")
    assert (schema_accepts(path), validate_accepts(path, library)) == (True, False), reason


def test_the_reader_here_is_yaml_1_2() -> None:
    text = "a: no\nb: 1_000\nc: 0o17\nd: 1:30\ne: ~\nf: !!str 1\ng: .5\nh: 2026-11-22\ni:\n"
    assert yaml.compose(text, Loader=Yaml12Loader) is not None
    assert plain(yaml.compose(text, Loader=Yaml12Loader)) == {
        "a": "no", "b": "1_000", "c": 15, "d": "1:30", "e": None, "f": "1", "g": 0.5,
        "h": "2026-11-22", "i": None}
