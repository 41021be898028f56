"""Validating loaded YAML against a model, reporting each problem where it was written."""

from __future__ import annotations

import re
from typing import Any, TypeVar

from .diagnostics import Diagnostic, did_you_mean, shortened
from .field_docs import field_docs
from .model import LIST, MAPPING, NUMBER, TEXT, Problem, Strict, fields_of, parse
from .yamlsource import Document

M = TypeVar("M", bound=Strict)

_TYPE_NAMES: dict[type, str] = {dict: "a mapping", list: "a list", str: "text"}
_PATTERN_HINTS = {
    "path": "name a page or an item in lower case, such as 'strategy/why' or"
            " 'objections/time-waste'",
    "language": "use a language code such as 'en' or 'en-GB'",
}
# The kinds of :class:`model.BadValue` raised by :mod:`values`: their code and hint.
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


def validate(doc: Document, model: type[M]) -> tuple[M | None, list[Diagnostic]]:
    """The validated model, or None and a diagnostic for every problem."""
    record, problems = parse(model, doc.data)
    return record, [diagnostic(doc, problem) for problem in problems]


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
        allowed = [spec.name for spec in fields_of(problem.detail["model"])]
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


def _describe(model: type[Strict], name: str) -> str:
    doc = field_docs(model).get(name)
    return f" ({doc.rstrip('.')})" if doc else ""
