"""The profile's JSON Schema (2020-12), generated from the models.

Descriptions come from the model fields' docstrings. Examples come from the bundled
example profile, so they are always valid; the few fields it leaves out take theirs from
:data:`EXTRA_EXAMPLES`. ``playbook schema`` prints it, and the committed
``playbook-profile.schema.json`` is kept equal to it by a test.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import typing
from functools import cache
from typing import Any, Literal

from .field_docs import field_docs
from .model import Strict, dump, fields_of, optional_inner, parse, split_annotation
from .profile import Profile
from .resources import data_dir
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


def profile_schema() -> dict[str, Any]:
    """The JSON Schema of a profile, with a description and an example for every field."""
    definitions: dict[str, dict[str, Any]] = {}
    _definition(Profile, definitions)
    examples = {**_examples_from(Profile, _example_data()), **EXTRA_EXAMPLES}
    for name, definition in definitions.items():
        for field, prop in definition["properties"].items():
            if (name, field) in examples:
                prop["examples"] = [examples[(name, field)]]
    top = definitions.pop("Profile")
    return {
        "$schema": DIALECT,
        "$id": "https://playbook-builder.example/playbook-profile.schema.json",
        "$defs": dict(sorted(definitions.items())),
        **top,
        "title": "Playbook Builder profile (format version 1)",
    }


def schema_text() -> str:
    return json.dumps(profile_schema(), indent=2, ensure_ascii=False) + "\n"


def _definition(model: type[Strict], definitions: dict[str, dict[str, Any]]) -> None:
    """Add the schema of ``model``, and of every model inside it, to ``definitions``."""
    definitions[model.__name__] = {}  # claimed first: a model may appear twice
    docs = field_docs(model)
    properties = {}
    for spec in fields_of(model):
        prop = _type_schema(spec.annotation, definitions)
        if "$ref" not in prop:
            prop["title"] = spec.name.replace("_", " ").title()
        # Optional keys are left out, never null: the loader reads an empty value as text.
        if spec.default is not dataclasses.MISSING and spec.default is not None:
            prop["default"] = dump(spec.default)
        prop["description"] = docs.get(spec.name)
        properties[spec.name] = dict(sorted(prop.items()))
    required = [spec.name for spec in fields_of(model) if spec.required]
    definitions[model.__name__] = {
        "additionalProperties": False,
        "description": inspect.cleandoc(model.__doc__ or ""),
        "properties": properties,
        **({"required": required} if required else {}),
        "title": model.__name__,
        "type": "object",
    }


def _type_schema(annotation: Any, definitions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The schema of one annotated type; keywords in alphabetical order, as JSON Schema
    tools print them."""
    annotation = optional_inner(annotation) or annotation
    kind, rules = split_annotation(annotation)
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    schema: dict[str, Any]
    if isinstance(kind, type) and issubclass(kind, Strict):
        if kind.__name__ not in definitions:
            _definition(kind, definitions)
        return {"$ref": f"#/$defs/{kind.__name__}"}
    if origin is Literal:
        schema = {"enum": list(args), "type": "string"}
    elif origin is tuple:
        schema = {"items": _type_schema(args[0], definitions), "type": "array"}
        _put(schema, "minItems", rules.min_length)
        _put(schema, "maxItems", rules.max_length)
    elif origin is dict:
        key = _type_schema(args[0], definitions)
        del key["type"]  # keys are always strings
        schema = {"patternProperties": {key.pop("pattern"): _type_schema(args[1], definitions)},
                  "propertyNames": key, "type": "object"}
    elif kind is int:
        schema = {"type": "integer"}
        _put(schema, "minimum", rules.ge)
        _put(schema, "maximum", rules.le)
    else:
        schema = {"type": "string"}
        _put(schema, "minLength", rules.min_length)
        _put(schema, "maxLength", rules.max_length)
        _put(schema, "pattern", rules.pattern)
    schema.update(rules.schema)
    return dict(sorted(schema.items()))


def _put(schema: dict[str, Any], keyword: str, value: object) -> None:
    if value is not None:
        schema[keyword] = value


@cache
def _example_data() -> dict[str, Any]:
    """The example profile as validated data, with only the keys it writes."""
    doc = load_yaml(data_dir("profiles") / "example.yml", "example.yml")
    profile, _ = parse(Profile, doc.data)
    written: dict[str, Any] = _only_written(dump(profile), doc.data)
    return written


def _only_written(value: Any, written: Any) -> Any:
    """``value`` without the keys that ``written`` leaves to their defaults."""
    if isinstance(value, dict) and isinstance(written, dict):
        return {k: _only_written(v, written[k]) for k, v in value.items() if k in written}
    if isinstance(value, list) and isinstance(written, list):
        return [_only_written(v, w) for v, w in zip(value, written, strict=True)]
    return value


def _examples_from(model: type[Strict], data: dict[str, Any]) -> dict[tuple[str, str], Any]:
    """The first value the example gives each field of ``model`` and the models inside it."""
    found: dict[tuple[str, str], Any] = {}
    for spec in fields_of(model):
        if spec.name not in data:
            continue
        value = data[spec.name]
        inner = _inner_model(spec.annotation)
        keyed = typing.get_origin(split_annotation(spec.annotation)[0]) is dict
        if inner is None:
            found[(model.__name__, spec.name)] = value
            continue
        items = list(value.values()) if keyed else value if isinstance(value, list) else [value]
        shown = {k: value[k] for k in list(value)[:1]} if keyed else (
            items[:1] if isinstance(value, list) else value)
        found[(model.__name__, spec.name)] = shown
        for item in items:
            for key, example in _examples_from(inner, item).items():
                found.setdefault(key, example)
    return found


def _inner_model(annotation: Any) -> type[Strict] | None:
    """The record type inside ``X | None``, ``tuple[X, ...]`` or ``dict[str, X]``, if any."""
    kind, _ = split_annotation(optional_inner(annotation) or annotation)
    if isinstance(kind, type) and issubclass(kind, Strict):
        return kind
    inside = {tuple: 0, dict: 1}.get(typing.get_origin(kind))  # tuple[X, ...], dict[K, X]
    return None if inside is None else _inner_model(typing.get_args(kind)[inside])
