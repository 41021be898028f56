"""Validating loaded YAML against a model, reporting each problem where it was written."""

from __future__ import annotations

import re
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .diagnostics import Diagnostic, did_you_mean
from .field_docs import field_docs
from .yamlsource import Document, Loc

M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES: dict[type, str] = {dict: "a mapping", list: "a list", str: "text"}
_EXPECTED = {
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
    "list_type": "a list",
    "tuple_type": "a list",
    "string_type": "text",
}
_PATTERN_HINTS = {
    "path": "name a page or an item in lower case, such as 'strategy/why' or"
            " 'objections/time-waste'",
    "language": "use a language code such as 'en' or 'en-GB'",
}
# The error kinds raised by :mod:`values`: their code and hint.
_CUSTOM = {
    "invisible_character": ("PB103", "delete it; it often comes along when text is copied"
                                     " from another program"),
    "schema_version": ("PB103", "write 'schema_version: 1'"),
    "unsafe_link": ("PB103", "write a full web address such as https://example.org, or a"
                             " mailto: address"),
    "blank": ("PB103", "write something here or remove the key"),
    "library_markdown": ("PB207", "write plain Markdown; links must be https, http or mailto"),
}
_SHAPE_HINTS = {
    "a list": "write each item on its own line, starting with '- '",
    "text": "write a single value; quote it if it contains ':' or starts with a symbol",
    "a mapping of keys to values": "write 'key: value' lines, indented under this key",
}


def validate(doc: Document, model: type[M]) -> tuple[M | None, list[Diagnostic]]:
    """The validated model, or None and a diagnostic for every problem."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        errors = _without_cascades(exc.errors())
        return None, [_diagnostic(doc, model, error) for error in errors]


def _without_cascades(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """Drop "list too short" when it only follows from an invalid item inside the list."""
    def inside(outer: ErrorDetails, inner: ErrorDetails) -> bool:
        n = len(outer["loc"])
        return len(inner["loc"]) > n and inner["loc"][:n] == outer["loc"]

    return [e for e in errors
            if e["type"] != "too_short" or not any(inside(e, other) for other in errors)]


def _diagnostic(doc: Document, model: type[BaseModel], error: ErrorDetails) -> Diagnostic:
    loc: Loc = tuple(error["loc"])
    at_key = bool(loc) and loc[-1] == "[key]"
    if at_key:
        loc = loc[:-1]
    loc = _strip_union_branches(loc)
    name = "id" if at_key else next(
        (str(part) for part in reversed(loc) if isinstance(part, str)), "value")
    kind: str = error["type"]
    value = error.get("input")

    def located(loc: Loc, code: str, message: str, hint: str) -> Diagnostic:
        return doc.diagnostic(loc, code, message, hint, at_key=at_key)

    if kind == "missing":
        return doc.diagnostic(
            loc[:-1], "PB101", f"missing required key '{name}'",
            f"add '{name}:' here" + _describe(model, loc), at_key=True,
        )
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        return doc.diagnostic(
            loc, "PB104", f"unknown key '{name}'", did_you_mean(name, allowed), at_key=True
        )
    if value == "" and kind in _EXPECTED:
        if loc and isinstance(loc[-1], int):
            return located(loc, "PB102", f"an empty item in '{name}'",
                                  "write the item after '- ', or remove the line")
        return located(
            loc, "PB102", f"'{name}' has no value",
            "write its value after the colon, or remove the key",
        )
    if kind in _EXPECTED:
        expected = _EXPECTED[kind]
        if loc and isinstance(loc[-1], int):
            name = f"an item of '{name}'"
            return located(
                loc, "PB102", f"{name} must be {expected}, not {_found(value)}",
                _SHAPE_HINTS[expected])
        return located(
            loc, "PB102", f"'{name}' must be {expected}, not {_found(value)}",
            _SHAPE_HINTS[expected],
        )
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'|(\d+)", str(error.get("ctx", {}).get("expected", "")))
        options = [a or b for a, b in choices]
        return located(
            loc, "PB103", f"'{value}' is not an allowed value for '{name}'",
            did_you_mean(str(value), options),
        )
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(name) or _id_hint(value)
        return located(loc, "PB103", f"'{value}' is not a valid {name}", hint)
    if kind in ("string_too_short", "too_short"):
        return located(
            loc, "PB103", f"'{name}' must not be empty", "write something here or remove the key"
        )
    if kind in _CUSTOM:
        code, hint = _CUSTOM[kind]
        return located(loc, code, f"'{name}' {error['msg']}", hint)
    message = error["msg"].removeprefix("Value error, ")
    return located(loc, "PB103", f"'{name}' is not allowed: {message}", _value_hint(kind))


def _found(value: Any) -> str:
    return "nothing" if value is None else _TYPE_NAMES.get(type(value), "something else")


def _id_hint(value: Any) -> str:
    suggestion = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")
    example = f", such as '{suggestion}'" if suggestion else ""
    return f"use lower-case letters, digits and single hyphens{example}"


def _value_hint(kind: str) -> str:
    if kind in ("string_too_long", "too_long"):
        return "shorten it"
    if kind.startswith("int"):
        return "write a whole number"
    return "correct the value"


def _strip_union_branches(loc: Loc) -> Loc:
    """Pydantic names the branch of an optional value it tried; users never see those."""
    return tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or p == "function-after")))


def _describe(model: type[BaseModel], loc: Loc) -> str:
    field_model = _model_at(model, loc[:-1])
    doc = field_docs(field_model).get(str(loc[-1])) if field_model else None
    return f" ({doc.rstrip('.')})" if doc else ""


def _allowed_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    target = _model_at(model, loc)
    return list(target.model_fields) if target else []


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class describing the mapping at ``loc``, walking through lists and dicts."""
    current: type[BaseModel] | None = model
    keyed = False  # the previous field was a dict, so this part is one of its keys
    for part in loc:
        if isinstance(part, int) or keyed or current is None:
            keyed = False
            continue
        field = current.model_fields.get(part)
        if field is None:
            return None
        keyed = typing.get_origin(field.annotation) is dict
        current = inner_model(field.annotation)
    return current


def inner_model(annotation: Any) -> Any:
    """The model inside ``Optional[...]``, ``tuple[X, ...]`` or ``dict[str, X]``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = inner_model(arg)
        if found is not None:
            return found
    return None
