"""Validating loaded YAML against a model, reporting each problem where it was written.

pydantic checks the data; each of its errors becomes a :class:`Problem` (where, what
kind, which value) and then one located message with a code and a hint. The YAML 1.2 type
of each value that is not plainly text (:attr:`Document.types`) is checked against what
the field may be written as (:class:`~values.WrittenAs`), the same rule the published
JSON Schema states, so the command and an editor agree.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, TypeVar

from annotated_types import MinLen
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from .diagnostics import Diagnostic, Suggestions, did_you_mean, printable, shortened
from .ids import derived_id
from .schema import required_example
from .values import MOST_DIGITS, Strict, WrittenAs, fields_by_key, inner_model
from .yamlsource import Document, Loc

M = TypeVar("M", bound=Strict)

# What a wrong shape is called in messages, by the shape that was expected.
MAPPING, LIST, TEXT, NUMBER = "a mapping of keys to values", "a list", "text", "a whole number"

_SHAPES = {
    "dict_type": MAPPING, "model_type": MAPPING, "model_attributes_type": MAPPING,
    "list_type": LIST, "tuple_type": LIST, "string_type": TEXT, "not_a_number": NUMBER,
}
_TYPE_NAMES: dict[type, str] = {dict: "a mapping", list: "a list", str: "text"}
_PATTERN_HINTS = {
    "path": "name a page or an item in lower case, such as 'strategy/why' or"
            " 'objections/time-waste'",
    "language": "use a language code such as 'en' or 'en-GB'",
    "email": "write one address such as 'comms@example.org'",
}
_DATES = {"reviewed": "2026-11-20", "review_by": "2027-05-20"}
"""Date fields, with an example of each written as it should be."""
# The kinds of check failures raised by :mod:`values`: their code and hint.
_CUSTOM = {
    "invisible_character": ("PB103", "delete it; it often comes along when text is copied"
                                     " from another program"),
    "schema_version": ("PB103", "write 'schema_version: 1'"),
    "unsafe_link": ("PB103", "write a full web address such as https://example.org, or a"
                             " mailto: address"),
    "link_user_info": ("PB103", "write the address without the part before '@'"),
    "link_host_escape": ("PB103", "write the host name as plain text"),
    "email_not_plain": ("PB103", "write one plain address, such as comms@example.org, with"
                                 " no '%' escapes and no '?' part"),
    "mailto_not_plain": ("PB103", "write mailto: and one plain address, such as"
                                  " mailto:comms@example.org, with no '%' escapes and no"
                                  " '?' part"),
    "not_a_phone": ("PB103", "write the number with digits, spaces and + - . ( ) only, such"
                             " as '+44 20 7946 0000'; put opening hours in 'hours'"),
    "empty_section": ("PB101", "remove the key instead, until you have something to put"
                               " there"),
    "not_a_date": ("PB103", "check the month and day; write it as year-month-day"),
    "library_markdown": ("PB207", "write plain Markdown; links must be https, http or mailto"),
    "place_token": ("PB207", "write a place fact as {emergency}, {crisis_line},"
                             " {children_line} or {regulator}, and no other braces"),
}
_SHAPE_HINTS = {
    LIST: "write each item on its own line, starting with '- '",
    TEXT: "write a single value; quote it if it contains ':' or starts with a symbol",
    MAPPING: "write 'key: value' lines, indented under this key",
    NUMBER: "write the number in digits, such as 1",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One value that does not fit its model."""

    loc: Loc
    """Where it is: keys and list positions from the top of the document."""
    kind: str
    """missing, unknown_key, shape, choice, pattern, empty, too_short, too_long, range,
    or the kind of a failed check of :mod:`values`."""
    value: object = None
    detail: Mapping[str, Any] = field(default_factory=dict)
    """What the message needs: the expected shape, the choices, the limit, the model."""
    at_key: bool = False
    """True when the key of a mapping is wrong rather than its value."""


def validate(
    doc: Document, model: type[M], *, yaml_types: bool = True,
    suggest: Suggestions | None = None,
) -> tuple[M | None, list[Diagnostic]]:
    """The validated model, or None and a diagnostic for every problem.

    With ``yaml_types``, a value must also be written as a YAML 1.2 type its field takes,
    as the published JSON Schema says; library items, which no editor checks against a
    schema, leave it out. ``suggest`` gives the run's did-you-mean hints."""
    record, problems = parse(model, doc.data)
    if yaml_types:
        problems = _typed_as_yaml(model, doc, problems)
    suggest = suggest or Suggestions()
    return (record if not problems else None), [diagnostic(doc, p, suggest) for p in problems]


def _typed_as_yaml(model: type[BaseModel], doc: Document, problems: list[Problem]
                   ) -> list[Problem]:
    """``problems``, and every value written as a YAML 1.2 type its field does not take
    (where a list or a mapping belongs, the shape problem already says so)."""
    shapes = {p.loc for p in problems if p.kind == "shape"}
    typed_wrong = []
    for loc, typed in doc.types.items():
        slot = None if loc in shapes else _slot(model, loc)
        allowed = _written_as(slot) if slot else None
        if allowed is not None and typed not in allowed:
            typed_wrong.append(Problem(loc, "yaml_type", _value_at(doc.data, loc),
                                       {"found": typed, "slot": slot}))
    # As JSON Schema's "type" does, the type comes first: what else is wrong with the
    # text of a value follows once it is written as text (or as a number).
    judged = {p.loc for p in typed_wrong}
    return [p for p in problems if p.loc not in judged or p.at_key] + typed_wrong


def _value_at(data: Any, loc: Loc) -> Any:
    for part in loc:
        data = data[part]
    return data


def parse(model: type[M], data: object) -> tuple[M | None, list[Problem]]:
    """``data`` as a ``model``, or None and every problem in it."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = _without_cascades(exc.errors(include_url=False))
        return None, [problem(model, error) for error in errors]


def _without_cascades(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """Drop "list too short" when it only follows from an invalid item inside the list."""
    def inside(outer: ErrorDetails, inner: ErrorDetails) -> bool:
        n = len(outer["loc"])
        return len(inner["loc"]) > n and inner["loc"][:n] == outer["loc"]

    return [e for e in errors
            if e["type"] != "too_short" or not any(inside(e, other) for other in errors)]


def problem(model: type[BaseModel], error: ErrorDetails) -> Problem:
    """One of pydantic's errors as a :class:`Problem`."""
    loc: Loc = tuple(error["loc"])
    at_key = bool(loc) and loc[-1] == "[key]"
    if at_key:
        loc = loc[:-1]
    kind, value = error["type"], error.get("input")
    context: dict[str, Any] = dict(error.get("ctx") or {})
    if not at_key and kind != "missing":  # what the hint for an empty value needs
        context["slot"] = _slot(model, loc)
    if kind == "missing":
        return Problem(loc, "missing", detail={"model": _model_at(model, loc[:-1])})
    if kind == "extra_forbidden":
        return Problem(loc, "unknown_key", loc[-1], {"model": _model_at(model, loc[:-1])})
    if kind in _SHAPES:
        return Problem(loc, "shape", value, {"expected": _SHAPES[kind], **context}, at_key)
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'|(\d+)", str(context.get("expected", "")))
        return Problem(loc, "choice", value, {"options": [a or b for a, b in choices]}, at_key)
    if kind == "string_pattern_mismatch":
        return Problem(loc, "pattern", value, at_key=at_key)
    if kind in ("string_too_short", "too_short"):
        kind = "empty" if not value else "too_short"
        return Problem(loc, kind, value, {"limit": context.get("min_length"), **context},
                       at_key)
    if kind in ("string_too_long", "too_long"):
        return Problem(loc, "too_long", value, {"limit": context.get("max_length")}, at_key)
    if kind == "number_too_long":
        return Problem(loc, "too_long", value, {"limit": MOST_DIGITS}, at_key)
    return Problem(loc, kind, value, context, at_key)


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model describing the mapping at ``loc``, walking through lists and dicts."""
    slot = _slot(model, loc)
    found = slot.annotation if slot is not None else None
    return found if isinstance(found, type) and issubclass(found, BaseModel) else None


def _unwrapped(annotation: Any) -> Any:
    """``X`` for ``X | None``."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    is_optional = len(args) == 1 and type(None) in typing.get_args(annotation)
    return args[0] if is_optional else annotation


@dataclass(frozen=True, slots=True)
class Slot:
    """What a model expects at one place in a document."""

    annotation: Any
    """The type expected there, without ``Annotated`` and ``| None``."""
    metadata: tuple[Any, ...]
    """The ``Annotated`` metadata of that type, such as :class:`~values.WrittenAs`."""
    field: FieldInfo | None
    """The model's field when the place is a key of a model, else None (a list item)."""


def _slot(model: type[BaseModel], loc: Loc) -> Slot | None:
    """What ``model`` expects at ``loc``, or None where it expects nothing (unknown keys)."""
    annotation: Any = model
    metadata: tuple[Any, ...] = ()
    info: FieldInfo | None = None
    for part in loc:
        base, _ = _stripped(annotation)
        if isinstance(base, type) and issubclass(base, BaseModel) and isinstance(part, str):
            info = fields_by_key(base).get(part)
            if info is None:
                return None
            annotation, metadata = info.annotation, tuple(info.metadata)
        elif typing.get_origin(base) is tuple and isinstance(part, int):
            annotation, metadata, info = typing.get_args(base)[0], (), None
        elif typing.get_origin(base) is dict and isinstance(part, str):
            annotation, metadata, info = typing.get_args(base)[1], (), None
        else:
            return None
    base, inner = _stripped(annotation)
    return Slot(base, metadata + inner, info)


def _stripped(annotation: Any) -> tuple[Any, tuple[Any, ...]]:
    """``X`` and its metadata, for ``X``, ``Annotated[X, ...]``, or either ``| None``."""
    metadata: tuple[Any, ...] = ()
    while True:
        if typing.get_origin(annotation) is Annotated:
            metadata += annotation.__metadata__
            annotation = typing.get_args(annotation)[0]
        elif _unwrapped(annotation) is not annotation:
            annotation = _unwrapped(annotation)
        else:
            return annotation, metadata


def _written_as(slot: Slot) -> tuple[str, ...] | None:
    """The YAML 1.2 types a value may be written as at ``slot``; None for a list or a
    mapping, whose shape the model judges."""
    for meta in slot.metadata:
        if isinstance(meta, WrittenAs):
            return meta.types
    if slot.annotation is str or typing.get_origin(slot.annotation) is Literal:
        return ("string",)
    if slot.annotation is int:
        return ("number",)
    return None


def diagnostic(
    doc: Document, problem: Problem, suggest: Callable[[str, Iterable[str]], str] = did_you_mean
) -> Diagnostic:
    """The located message, code and hint for one problem."""
    loc, kind, at_key = problem.loc, problem.kind, problem.at_key
    # Quoted values and keys are made visible here, so that no message, in any format,
    # carries an invisible or direction-changing character it was about.
    value = printable(shortened(problem.value)) if isinstance(problem.value, str) \
        else problem.value
    name = "id" if at_key else printable(shortened(next(
        (str(part) for part in reversed(loc) if isinstance(part, str)), "value")))
    item = bool(loc) and isinstance(loc[-1], int)

    def located(code: str, message: str, hint: str) -> Diagnostic:
        return doc.diagnostic(loc, code, message, hint, at_key=at_key)

    if kind == "missing":
        return doc.diagnostic(
            loc[:-1], "PB101", f"missing required key '{name}'",
            f"add '{name}:' here" + _describe(problem.detail["model"], name), at_key=True,
        )
    if kind == "unknown_key":
        model = problem.detail["model"]
        allowed = list(fields_by_key(model)) if model else []
        return doc.diagnostic(
            loc, "PB104", f"unknown key '{name}'", suggest(name, allowed), at_key=True
        )
    if kind == "shape":
        expected = problem.detail["expected"]
        if value == "" or doc.types.get(loc) == "null":
            nothing = "" if value == "" else f": YAML reads '{value}' as nothing"
            if item:
                return located("PB102", f"an empty item in '{name}'{nothing}", _EMPTY_ITEM)
            return located("PB102", f"'{name}' has no value{nothing}",
                           _fill_hint(problem, name, _NO_VALUE))
        found = f"'{value}'" if expected == NUMBER and isinstance(value, str) else _found(value)
        subject = f"an item of '{name}'" if item else f"'{name}'"
        return located("PB102", f"{subject} must be {expected}, not {found}",
                       _item_hint(problem) if item and expected == MAPPING
                       else _SHAPE_HINTS[expected])
    if kind == "yaml_type":
        return located("PB102", *_yaml_type_text(problem, name, str(value), item))
    if kind == "choice":
        return located("PB103", f"'{value}' is not an allowed value for '{name}'",
                       suggest(str(value), problem.detail["options"]))
    if kind == "pattern" and name in _DATES:
        return located("PB103", f"'{name}' must be a date written as year-month-day,"
                                f" not '{value}'", f"write it as '{_DATES[name]}'")
    if kind == "pattern":
        hint = _PATTERN_HINTS.get(name) or _id_hint(value)
        return located("PB103", f"'{value}' is not a valid {name}", hint)
    if kind == "device_name":
        return located("PB103", f"'{value}' is not a valid {name}: Windows keeps the name for"
                                " a device", f"choose another, such as '{value}-team': no file"
                                             " or folder on Windows can have this name")
    if kind == "empty" and item:
        return located("PB103", f"an empty item in '{name}'", _EMPTY_ITEM)
    if kind == "empty":
        return located("PB103", f"'{name}' must not be empty",
                       _fill_hint(problem, name, _EMPTY))
    if kind == "blank":
        if item:
            return located("PB103", f"an item of '{name}' is blank", _EMPTY_ITEM)
        return located("PB103", f"'{name}' is blank",
                       _fill_hint(problem, name, _EMPTY))
    if kind == "invisible_only":
        subject = f"an item of '{name}'" if item else f"'{name}'"
        fill = _EMPTY_ITEM if item else _fill_hint(problem, name, _EMPTY)
        return located("PB103", f"{subject} {problem.detail['message']}",
                       f"delete them, then {fill}")
    if kind in ("too_short", "too_long"):
        size = len(problem.value) if isinstance(problem.value, str | list) else 0
        unit = "items" if isinstance(value, list) else "characters"
        bound = "at least" if kind == "too_short" else "at most"
        return located("PB103", f"'{name}' has {size:,} {unit}, {bound} {problem.detail['limit']:,}"
                       " allowed", "shorten it" if kind == "too_long" else "add to it")
    if kind == "range":
        span = _range_text(problem.detail["ge"], problem.detail["le"])
        return located("PB103", f"'{name}' is {shortened(str(value))}; it must be {span}",
                       f"write a whole number {span}")
    code, hint = _CUSTOM[kind]
    return located(code, f"'{name}' {problem.detail['message']}", hint)


def _item_hint(problem: Problem) -> str:
    """How to write a list item that must be a mapping: its required keys, shown."""
    slot: Slot | None = problem.detail.get("slot")
    shape = _example_yaml(inner_model(slot.annotation)) if slot else None
    if shape is None:
        return "write the item's keys after '- ', one 'key: value' per line"
    return f"write each item as its keys, such as '- {shape}'"


_EMPTY_ITEM = "write the item after '- ', or remove the line"
_NO_VALUE = "write its value after the colon, or remove the key"
_EMPTY = "write something here or remove the key"
_READ_AS = {"number": "a number", "boolean": "a true/false value"}


def _yaml_type_text(problem: Problem, name: str, value: str, item: bool) -> tuple[str, str]:
    """The message and hint for a value whose YAML 1.2 type its field does not take."""
    found = problem.detail["found"]
    if found == "null":
        if item:
            return f"an empty item in '{name}': YAML reads '{value}' as nothing", _EMPTY_ITEM
        return (f"'{name}' has no value: YAML reads '{value}' as nothing",
                _fill_hint(problem, name, _NO_VALUE))
    subject = f"an item of '{name}'" if item else f"'{name}'"
    slot: Slot | None = problem.detail.get("slot")
    if slot is not None and typing.get_origin(slot.annotation) is Literal:
        options = typing.get_args(slot.annotation)
        allowed = " or ".join(f"'{o}'" for o in options) if len(options) < 4 else (
            "one of " + ", ".join(f"'{o}'" for o in options))
        return (f"{subject} must be {allowed}, not {_READ_AS[found]} {value}",
                f"write one of them, such as '{name}: {options[-1]}'")
    if found == "string":
        return (f"{subject} must be {NUMBER}, not text in quotes",
                f"write it without quotes: {name}: {value}")
    return (f"{subject} must be text, but YAML reads {value} as {_READ_AS[found]}",
            f"put it in quotes: {json.dumps(value)}")


def _fill_hint(problem: Problem, name: str, optional: str) -> str:
    """How to fill in a key with no usable value: ``optional`` for an optional key. Removing
    the key is not offered for a required one, where it would lead to 'missing required
    key'; the hint says what to write, and for a list how many items, such as what."""
    slot: Slot | None = problem.detail.get("slot")
    if slot is None or slot.field is None or not slot.field.is_required():
        return optional
    least = next((m.min_length for m in slot.metadata if isinstance(m, MinLen)), 0)
    if typing.get_origin(slot.annotation) is tuple:
        shape = _example_yaml(inner_model(slot.annotation))
        count = f"at least {least} item{'s' if least != 1 else ''}" if least else "its items"
        if shape is None:
            return f"write {count}, each on its own line starting with '- '"
        return f"write {count}, such as '{name}: [{shape}]'"
    model = inner_model(slot.annotation)
    if model is not None:
        shape = _example_yaml(model)
        return (f"write its keys, such as '{name}: {shape}'" if shape
                else "write its keys on the lines below it, indented")
    about = f" ({slot.field.description.rstrip('.')})" if slot.field.description else ""
    return f"write it after the colon: it is required{about}"


def _example_yaml(model: type[BaseModel] | None) -> str | None:
    """One ``model`` with its required keys, from the schema's examples, as YAML on one
    line; None when the schema has no example of it."""
    example = required_example(model) if model is not None else None
    if not example:
        return None
    return "{" + ", ".join(f"{key}: {_flow_scalar(v)}" for key, v in example.items()) + "}"


_PLAIN_IN_FLOW = re.compile(r"[A-Za-z][^,\[\]{}:#\"'\n]*")


def _flow_scalar(value: Any) -> str:
    """``value`` as it can be written inside ``{...}``: bare if it can be, else quoted."""
    text = str(value)
    plain = _PLAIN_IN_FLOW.fullmatch(text) and text == text.strip()
    return text if plain and text.lower() not in ("true", "false", "null") else json.dumps(text)


def _found(value: Any) -> str:
    return "nothing" if value is None else _TYPE_NAMES.get(type(value), "something else")


def _id_hint(value: Any) -> str:
    suggestion = derived_id(str(value), fallback="")
    example = f", such as '{suggestion}'" if suggestion else ""
    return f"use lower-case letters, digits and single hyphens{example}"


def _range_text(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"from {low} to {high}"
    return f"at least {low}" if low is not None else f"at most {high}"


def _describe(model: type[BaseModel] | None, name: str) -> str:
    info = fields_by_key(model).get(name) if model else None
    doc = info.description if info else None
    return f" ({doc.rstrip('.')})" if doc else ""
