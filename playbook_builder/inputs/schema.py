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
from pydantic_core import core_schema, to_jsonable_python

from ..resources import data_dir
from .profile import Profile
from .values import fields_by_key, inner_model
from .yamlsource import load_yaml

DIALECT = "https://json-schema.org/draft/2020-12/schema"

EXTRA_EXAMPLES: dict[tuple[str, str], Any] = {
    ("PlatformChoice", "name"): "Community radio",
    ("PlatformChoice", "metaphor"): "a neighbour's voice in the kitchen",
    ("ObjectionChoices", "select"): ["time-waste", "cant-measure", "lose-control"],
    ("ObjectionOverride", "objection"): "Facebook is a waste of our volunteers' time.",
    ("ObjectionOverride", "when_right"): "When nobody has time to answer comments.",
    ("ReadingChoices", "select"): ["cluetrain-manifesto", "charities-and-social-media"],
    ("ReadingChoices", "override"): {"cluetrain-manifesto": {"note": "Read chapter one."}},
    ("ReadingOverride", "title"): "The Cluetrain Manifesto (10th anniversary edition)",
    ("ReadingOverride", "author"): "Rick Levine, Christopher Locke, Doc Searls, David Weinberger",
    ("ReadingOverride", "url"): "https://example.org/cluetrain",
    ("ReadingOverride", "note"): "The book that taught us to talk like people.",
    ("ReadingEntry", "id"): "our-handbook",
    ("ReadingEntry", "author"): "Riverside Food Bank",
    ("ReadingEntry", "year"): "2025",
    ("Contact", "url"): "https://chat.example.org/channel/comms",
    ("Account", "url"): "https://social.example.org/@riverside",
    ("IncidentChoices", "select"): ["someone-at-risk", "pile-on", "account-compromised"],
    ("IncidentChoices", "exclude"): ["media-enquiry"],
    ("IncidentEntry", "not_when"): "If someone is ill after eating it, call 111 or 999 first.",
    ("IncidentEntry", "who_to_tell"): "The shift lead, then the communications lead.",
    ("IncidentEntry", "aliases"): ["product-recall"],
    ("IncidentEntry", "visibility"): "public",
    ("IncidentOverride", "title"): "Angry comments pile up on our Facebook page",
    ("IncidentOverride", "applies_when"): "Many angry comments arrive within an hour.",
    ("IncidentOverride", "not_when"): "One person complaining is a complaint, not a pile-on.",
    ("IncidentOverride", "signs"): ["Comments from people we have never heard from"],
    ("IncidentOverride", "first_steps"): ["Pause scheduled posts", "Tell the comms lead"],
    ("IncidentOverride", "who_to_tell"): "The communications lead, by phone.",
    ("IncidentOverride", "dont"): ["Argue in the comments"],
    ("IncidentOverride", "holding_reply"): "We have read your comments and will reply today.",
    ("ObjectionEntry", "visibility"): "internal",
    ("PlatformChoice", "summary"): "The station that plays in half the kitchens on the estate.",
    ("PlatformChoice", "good_for"): ["reaching older neighbours at home"],
    ("PlatformChoice", "bad_for"): ["anything that needs a picture"],
    ("PlatformChoice", "listen_for"): ["what callers say about the cost of food"],
    ("ReadingEntry", "visibility"): "internal",
    ("Role", "visibility"): "internal",
    ("StandardChoices", "select"): ["consent", "accessibility", "house-rules"],
    ("StandardChoices", "exclude"): ["private-groups"],
    ("StandardEntry", "applies_when"): "Wherever we hand out food.",
    ("StandardEntry", "not_when"): "Events where everyone has agreed to be photographed.",
    ("StandardEntry", "aliases"): ["door-photos"],
    ("StandardEntry", "visibility"): "internal",
    ("StandardOverride", "title"): "Photos and stories: ask first, in writing",
    ("StandardOverride", "summary"): "Nobody's face or story is ours to share without asking.",
    ("StandardOverride", "we_do"): ["We ask in writing before we post a photo of anyone."],
    ("StandardOverride", "applies_when"): "Every photo, video or story of a person.",
    ("StandardOverride", "not_when"): "Crowds where nobody can be recognised.",
    ("Organisation", "country"): "GB",
    ("Contact", "covers"): ["safeguarding", "out-of-hours"],
    ("Role", "duties"): ["post", "answer"],
    ("Role", "platforms"): ["facebook", "instagram"],
    ("IncidentEntry", "areas"): ["safeguarding"],
    ("IncidentOverride", "areas"): ["media", "complaints"],
    ("IncidentOverride", "tell"): ["safeguarding-lead", "comms-lead"],
    ("Profile", "safety"): {"emergency": "999", "helplines": [
        {"name": "Samaritans", "kind": "crisis", "phone": "116 123",
         "hours": "free, day or night"}]},
    ("Safety", "emergency"): "999",
    ("Safety", "helplines"): [{"name": "Samaritans", "kind": "crisis", "phone": "116 123"}],
    ("Safety", "regulator"): {"name": "Charity Commission for England and Wales",
                              "url": "https://www.gov.uk/government/organisations/"
                                     "charity-commission"},
    ("Helpline", "name"): "Samaritans",
    ("Helpline", "kind"): "crisis",
    ("Helpline", "phone"): "116 123",
    ("Helpline", "text"): "07700 900123",
    ("Helpline", "url"): "https://www.samaritans.org/",
    ("Helpline", "hours"): "free, day or night",
    ("Helpline", "for"): "anyone struggling to cope",
    ("Regulator", "name"): "Charity Commission for England and Wales",
    ("Regulator", "url"): "https://www.gov.uk/government/organisations/charity-commission",
    ("Regulator", "serious_incident"): "https://www.gov.uk/guidance/how-to-report-a-serious-"
                                       "incident-in-your-charity",
}


def profile_schema() -> dict[str, Any]:
    """The JSON Schema of a profile, with a description and an example for every field."""
    generated = Profile.model_json_schema(schema_generator=_Generator)
    schema: dict[str, Any] = _sorted({
        # No "$id": the schema has no published address yet, and a made-up one would
        # send tools that resolve it to a host that is not ours.
        "$schema": DIALECT,
        "$defs": generated.pop("$defs"),
        **generated,
        "title": "Playbook Builder profile (format version 1)",
    }, keep_order=True)
    examples = _examples()
    for name, definition in [*schema["$defs"].items(), ("Profile", schema)]:
        for field, prop in definition["properties"].items():
            if (name, field) in examples:
                prop["examples"] = [examples[(name, field)]]
    return schema


def required_example(model: type[BaseModel]) -> dict[str, Any] | None:
    """An instance of ``model`` with only its required keys, each a single value from the
    examples (for hints); None when one of them has none, or only a list or mapping."""
    examples = _examples()
    shown = {}
    for name, info in fields_by_key(model).items():
        example = examples.get((model.__name__, name))
        if info.is_required():
            if example is None or isinstance(example, dict | list):
                return None
            shown[name] = example
    return shown


@cache
def _examples() -> dict[tuple[str, str], Any]:
    """(model, field) -> an example value, for every field of the profile."""
    return {**_examples_from(Profile, _example_data()), **EXTRA_EXAMPLES}


def schema_text() -> str:
    return json.dumps(profile_schema(), indent=2, ensure_ascii=False) + "\n"


class _Generator(GenerateJsonSchema):
    """pydantic's schema, as an editor should read a YAML profile."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        # Optional keys are left out, never null: the loader reads an empty value as text.
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        inner = self.generate_inner(schema["schema"])
        default = schema.get("default")  # a factory's empty mapping is left unsaid
        return inner if default is None else {**inner, "default": to_jsonable_python(default)}

    def handle_ref_overrides(self, json_schema: JsonSchemaValue) -> JsonSchemaValue:
        # A field's description stays beside its $ref even when it repeats the model's.
        return json_schema

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        # Keys are ids: the pattern names them, as "propertyNames" and "patternProperties",
        # and a key that does not match it is refused, as the loader refuses it.
        keys = self.generate_inner(schema["keys_schema"])
        values = self.generate_inner(schema["values_schema"])
        keys.pop("type", None)
        return {"additionalProperties": False, "patternProperties": {keys.pop("pattern"): values},
                "propertyNames": keys, "type": "object"}


_VALUES = frozenset({"default", "const", "enum", "examples"})


def _sorted(value: Any, keep_order: bool = False) -> Any:
    """Keywords in alphabetical order, as JSON Schema tools print them; properties, and
    the top level, keep their own order, and values such as defaults stay as they are."""
    if isinstance(value, dict):
        items = value.items() if keep_order else sorted(value.items())
        return {key: inner if key in _VALUES else _sorted(inner, keep_order=key == "properties")
                for key, inner in items}
    if isinstance(value, list):
        return [_sorted(inner) for inner in value]
    return value


@cache
def _example_data() -> dict[str, Any]:
    """The example profile as validated data, with only the keys it writes."""
    doc = load_yaml(data_dir("profiles") / "example.yml", "example.yml")
    profile = Profile.model_validate(doc.data)
    written: dict[str, Any] = _only_written(profile.model_dump(mode="json", by_alias=True),
                                            doc.data)
    return written


def _only_written(value: Any, written: Any) -> Any:
    """``value`` without the keys that ``written`` leaves to their defaults."""
    if isinstance(value, dict) and isinstance(written, dict):
        return {k: _only_written(v, written[k]) for k, v in value.items() if k in written}
    if isinstance(value, list) and isinstance(written, list):
        return [_only_written(v, w) for v, w in zip(value, written, strict=True)]
    return value


def _examples_from(model: type[BaseModel], data: dict[str, Any]) -> dict[tuple[str, str], Any]:
    """The first value the example gives each field of ``model`` and the models inside it."""
    found: dict[tuple[str, str], Any] = {}
    for name, info in fields_by_key(model).items():
        if name not in data:
            continue
        value = data[name]
        inner = inner_model(info.annotation)
        keyed = typing.get_origin(info.annotation) is dict
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
