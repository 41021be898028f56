"""The published JSON Schema and the diagnostic code reference stay true to the code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import yaml
from click.testing import CliRunner

from playbook_builder.cli import main
from playbook_builder.inputs.codes import CODES, markdown_table
from playbook_builder.inputs.schema import DIALECT, profile_schema, schema_text

from .conftest import EXAMPLE, MINIMAL, REPO
from .yaml12 import as_editors_read


def test_committed_schema_is_current() -> None:
    committed = (REPO / "playbook-profile.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: playbook schema > playbook-profile.schema.json"


def test_schema_command_prints_it() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["$schema"] == DIALECT


def test_every_field_has_a_description_and_an_example() -> None:
    schema = profile_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for name, definition in [("Profile", schema), *schema["$defs"].items()]:
        for field, prop in definition.get("properties", {}).items():
            assert prop.get("description"), f"{name}.{field} has no description"
            assert prop.get("examples"), f"{name}.{field} has no example"


def test_profiles_satisfy_the_schema_as_editors_read_them() -> None:
    validator = jsonschema.Draft202012Validator(profile_schema())
    for path in (EXAMPLE, MINIMAL):
        _, data = as_editors_read(path)
        assert [e.message for e in validator.iter_errors(data)] == [], path


def test_schema_rejects_what_the_loader_rejects() -> None:
    validator = jsonschema.Draft202012Validator(profile_schema())
    _, data = as_editors_read(EXAMPLE)
    data["platfroms"] = []
    data["organisation"]["website"] = "javascript:alert(1)"
    assert len(list(validator.iter_errors(data))) == 2


def test_example_profile_names_the_schema() -> None:
    first = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../playbook-profile.schema.json"


def test_code_reference_is_current() -> None:
    assert (REPO / "DIAGNOSTICS.md").read_text(encoding="utf-8") == markdown_table()


def test_every_code_in_the_source_is_documented() -> None:
    used = set()
    for path in (REPO / "playbook_builder").rglob("*.py"):
        if path.name == "codes.py":
            continue
        used |= set(re.findall(r'"(PB\d{3})"', path.read_text(encoding="utf-8")))
    documented = {c.code for c in CODES}
    assert used - documented == set()
    assert documented - used == set(), "documented codes that nothing emits"


def test_pre_commit_hook_validates(tmp_path: Path) -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["entry"] == "playbook validate"


def test_editors_that_check_formats_refuse_a_date_that_does_not_exist() -> None:
    data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    checker = jsonschema.Draft202012Validator(
        profile_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    data["playbook"] = {"reviewed": "2027-02-28"}
    assert checker.is_valid(data)
    data["playbook"] = {"reviewed": "2027-02-30"}
    assert not checker.is_valid(data)


def test_the_schema_names_no_address_it_does_not_own() -> None:
    assert "$id" not in profile_schema()
    assert "example" not in json.dumps(profile_schema()["$schema"])


def test_an_empty_voice_is_refused_by_both(tmp_path: Path) -> None:
    validator = jsonschema.Draft202012Validator(profile_schema())
    base = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    for voice in ({}, {"examples": []}, {"words": {}}, {"words": {"use": []}}):
        assert not validator.is_valid({**base, "voice": voice}), voice
        path = tmp_path / "p.yml"
        path.write_text(yaml.safe_dump({**base, "voice": voice}), encoding="utf-8")
        result = CliRunner().invoke(main, ["validate", str(path)])
        assert result.exit_code == 2, (voice, result.output)
    assert validator.is_valid({**base, "voice": {"words": {"avoid": ["synergy"]}}})
