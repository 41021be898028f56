"""Validating loaded YAML against a model, reporting each problem where it was written.

pydantic checks the data; each of its errors becomes a :class:`Problem` (where, what
kind, which value) and then one located message with a code and a hint.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .diagnostics import Diagnostic, did_you_mean, shortened
from .values import MOST_DIGITS, Strict
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
}
# The kinds of check failures raised by :mod:`values`: their code and hint.
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


def validate(doc: Document, model: type[M]) -> tuple[M | None, list[Diagnostic]]:
    """The validated model, or None and a diagnostic for every problem."""
    record, problems = parse(model, doc.data)
    return record, [diagnostic(doc, problem) for problem in problems]


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
    if kind == "missing":
        return Problem(loc, "missing", detail={"model": _model_at(model, loc[:-1])})
    if kind == "extra_forbidden":
        return Problem(loc, "unknown_key", loc[-1], {"model": _model_at(model, loc[:-1])})
    if kind in _SHAPES:
        return Problem(loc, "shape", value, {"expected": _SHAPES[kind]}, at_key)
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'|(\d+)", str(context.get("expected", "")))
        return Problem(loc, "choice", value, {"options": [a or b for a, b in choices]}, at_key)
    if kind == "string_pattern_mismatch":
        return Problem(loc, "pattern", value, at_key=at_key)
    if kind in ("string_too_short", "too_short"):
        kind = "empty" if not value else "too_short"
        return Problem(loc, kind, value, {"limit": context.get("min_length")}, at_key)
    if kind in ("string_too_long", "too_long"):
        return Problem(loc, "too_long", value, {"limit": context.get("max_length")}, at_key)
    if kind == "number_too_long":
        return Problem(loc, "too_long", value, {"limit": MOST_DIGITS}, at_key)
    return Problem(loc, kind, value, context, at_key)


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model describing the mapping at ``loc``, walking through lists and dicts."""
    current: type[BaseModel] | None = model
    keyed = False  # the previous field was a dict, so this part is one of its keys
    for part in loc:
        if isinstance(part, int) or keyed or current is None:
            keyed = False
            continue
        info = current.model_fields.get(part)
        if info is None:
            return None
        keyed = typing.get_origin(_unwrapped(info.annotation)) is dict
        current = inner_model(info.annotation)
    return current


def _unwrapped(annotation: Any) -> Any:
    """``X`` for ``X | None``."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    is_optional = len(args) == 1 and type(None) in typing.get_args(annotation)
    return args[0] if is_optional else annotation


def inner_model(annotation: Any) -> Any:
    """The model inside ``X | None``, ``tuple[X, ...]`` or ``dict[str, X]``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = inner_model(arg)
        if found is not None:
            return found
    return None


def diagnostic(doc: Document, problem: Problem) -> Diagnostic:
    """The located message, code and hint for one problem."""
    loc, kind, at_key = problem.loc, problem.kind, problem.at_key
    value = shortened(problem.value) if isinstance(problem.value, str) else problem.value
    name = "id" if at_key else shortened(next(
        (str(part) for part in reversed(loc) if isinstance(part, str)), "value"))
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
        allowed = list(model.model_fields) if model else []
        return doc.diagnostic(
            loc, "PB104", f"unknown key '{name}'", did_you_mean(name, allowed), at_key=True
        )
    if kind == "shape":
        expected = problem.detail["expected"]
        if value == "":
            if item:
                return located("PB102", f"an empty item in '{name}'",
                               "write the item after '- ', or remove the line")
            return located("PB102", f"'{name}' has no value",
                           "write its value after the colon, or remove the key")
        found = f"'{value}'" if expected == NUMBER and isinstance(value, str) else _found(value)
        subject = f"an item of '{name}'" if item else f"'{name}'"
        return located("PB102", f"{subject} must be {expected}, not {found}",
                       _SHAPE_HINTS[expected])
    if kind == "choice":
        return located("PB103", f"'{value}' is not an allowed value for '{name}'",
                       did_you_mean(str(value), problem.detail["options"]))
    if kind == "pattern":
        hint = _PATTERN_HINTS.get(name) or _id_hint(value)
        return located("PB103", f"'{value}' is not a valid {name}", hint)
    if kind == "empty":
        return located("PB103", f"'{name}' must not be empty",
                       "write something here or remove the key")
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


def _found(value: Any) -> str:
    return "nothing" if value is None else _TYPE_NAMES.get(type(value), "something else")


def _id_hint(value: Any) -> str:
    suggestion = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")
    example = f", such as '{suggestion}'" if suggestion else ""
    return f"use lower-case letters, digits and single hyphens{example}"


def _range_text(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"from {low} to {high}"
    return f"at least {low}" if low is not None else f"at most {high}"


def _describe(model: type[BaseModel] | None, name: str) -> str:
    info = model.model_fields.get(name) if model else None
    doc = info.description if info else None
    return f" ({doc.rstrip('.')})" if doc else ""
