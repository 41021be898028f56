"""The profile's JSON Schema (2020-12), generated from the models.

Descriptions come from the model fields' docstrings. Examples come from the bundled
example profile, so they are always valid; the few fields it leaves out take theirs from
:data:`EXTRA_EXAMPLES`. ``playbook schema`` prints it, and the committed
``playbook-profile.schema.json`` is kept equal to it by a test.
"""

from __future__ import annotations

import json
import typing
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from .field_docs import field_docs
from .profile import Profile
from .resources import data_dir
from .validation import inner_model
from .yamlsource import load_yaml

DIALECT = "https://json-schema.org/draft/2020-12/schema"

EXTRA_EXAMPLES: dict[tuple[str, str], Any] = {
    ("PlatformChoice", "name"): "WhatsApp community groups",
    ("PlatformChoice", "metaphor"): "a chat over the garden fence",
    ("PlatformChoice", "aliases"): ["whatsapp"],
    ("ObjectionChoices", "select"): ["time-waste", "cant-measure", "lose-control"],
    ("ObjectionOverride", "objection"): "Facebook is a waste of our volunteers' time.",
    ("ObjectionOverride", "when_right"): "When nobody has time to answer comments.",
    ("ReadingChoices", "select"): ["cluetrain-manifesto", "thirty-top-objections"],
    ("ReadingChoices", "override"): {"cluetrain-manifesto": {"note": "Read chapter one."}},
    ("ReadingOverride", "title"): "The Cluetrain Manifesto (10th anniversary edition)",
    ("ReadingOverride", "author"): "Rick Levine, Christopher Locke, Doc Searls, David Weinberger",
    ("ReadingOverride", "url"): "https://example.org/cluetrain",
    ("ReadingOverride", "note"): "The book that taught us to talk like people.",
    ("ReadingEntry", "id"): "our-handbook",
    ("ReadingEntry", "author"): "Riverside Food Bank",
    ("ReadingEntry", "year"): "2025",
}


class _YamlSchema(GenerateJsonSchema):
    """Optional keys are left out, never null: the loader reads an empty value as text."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        result = super().default_schema(schema)
        if result.get("default", 0) is None:
            del result["default"]
        return result


def profile_schema() -> dict[str, Any]:
    """The JSON Schema of a profile, with a description and an example for every field."""
    schema = Profile.model_json_schema(mode="validation", schema_generator=_YamlSchema)
    examples = {**_examples_from(Profile, _example_data()), **EXTRA_EXAMPLES}
    models = _models(Profile)
    for name, definition in [("Profile", schema), *schema.get("$defs", {}).items()]:
        properties = definition.get("properties", {})
        for field, prop in properties.items():
            prop.setdefault("description", field_docs(models[name]).get(field))
            properties[field] = prop = dict(sorted(prop.items()))  # in pydantic's order
            if (name, field) in examples:
                prop["examples"] = [examples[(name, field)]]
    return {
        "$schema": DIALECT,
        "$id": "https://playbook-builder.example/playbook-profile.schema.json",
        **schema,
        "title": "Playbook Builder profile (format version 1)",
    }


def schema_text() -> str:
    return json.dumps(profile_schema(), indent=2, ensure_ascii=False) + "\n"


@cache
def _example_data() -> dict[str, Any]:
    doc = load_yaml(data_dir("profiles") / "example.yml", "example.yml")
    dumped: dict[str, Any] = Profile.model_validate(doc.data).model_dump(
        mode="json", exclude_unset=True
    )
    return dumped


def _models(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """``model`` and every model inside it, by class name."""
    found = {model.__name__: model}
    for field in model.model_fields.values():
        inner = inner_model(field.annotation)
        if inner is not None and inner.__name__ not in found:
            found.update(_models(inner))
    return found


def _examples_from(model: type[BaseModel], data: dict[str, Any]) -> dict[tuple[str, str], Any]:
    """The first value the example gives each field of ``model`` and the models inside it."""
    found: dict[tuple[str, str], Any] = {}
    for name, field in model.model_fields.items():
        if name not in data:
            continue
        value = data[name]
        inner = inner_model(field.annotation)
        keyed = typing.get_origin(field.annotation) is dict
        if inner is None:
            found[(model.__name__, name)] = value
            continue
        items = list(value.values()) if keyed else value if isinstance(value, list) else [value]
        shown = {k: value[k] for k in list(value)[:1]} if keyed else (
            items[:1] if isinstance(value, list) else value)
        found[(model.__name__, name)] = shown
        for item in items:
            for key, example in _examples_from(inner, item).items():
                found.setdefault(key, example)
    return found
