"""Input models: records whose annotations say what input they accept.

Every input model (the profile's sections and the library's items) derives from
:class:`Strict`. :func:`parse` checks loaded YAML (mappings, lists and text) against a
model's annotations and returns the record, or every :class:`Problem` it found. The rules
a value follows besides its type are written next to the type, as
``Annotated[str, Rules(...)]``, so one declaration drives the checks, the JSON Schema
(:mod:`schema`) and the messages users read (:mod:`validation`).

The types understood are the few the formats need: ``str``, ``int`` (written as digits),
``Literal`` choices, ``tuple[X, ...]`` lists, ``dict[K, V]`` mappings, ``X | None`` and
other records. Checking a type it does not know is a programming error, raised at once.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any, Literal, TypeVar, dataclass_transform

from .record import Record, replace, values_of

Loc = tuple[str | int, ...]

# What a wrong shape is called in messages, by the shape that was expected.
MAPPING, LIST, TEXT, NUMBER = "a mapping of keys to values", "a list", "text", "a whole number"


class BadValue(ValueError):
    """Raised by a :class:`Rules` check: ``kind`` chooses the code and hint users see."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass(frozen=True)
class Rules:
    """What a value must be besides its type; metadata of ``Annotated``."""

    min_length: int | None = None
    """Fewest characters of text, or items of a list."""
    max_length: int | None = None
    """Most characters of text, or items of a list."""
    pattern: str | None = None
    """A regular expression the whole text must match."""
    ge: int | None = None
    """Smallest number allowed."""
    le: int | None = None
    """Largest number allowed."""
    check: Callable[[Any], object] | None = None
    """Called with the value once the rules above hold; raises :class:`BadValue`."""
    schema: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)
    """Extra JSON Schema keywords, for what ``check`` enforces."""


class Problem(Record):
    """One value that does not fit its model."""

    loc: Loc
    """Where it is: keys and list positions from the top of the document."""
    kind: str
    """missing, unknown_key, shape, choice, pattern, empty, too_short, too_long, range,
    or the kind of a :class:`BadValue`."""
    value: object = None
    detail: Mapping[str, Any] = field(default_factory=dict)
    """What the message needs: the expected shape, the choices, the limit, the model."""
    at_key: bool = False
    """True when the key of a mapping is wrong rather than its value."""


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
class Strict(Record):
    """Base of every input model: keyword-only and immutable; unknown keys are errors."""


M = TypeVar("M", bound=Strict)
Checker = Callable[[object, Loc, list[Problem]], Any]
_INVALID: Any = object()  # what a checker returns for a value it reported


def parse(model: type[M], data: object) -> tuple[M | None, list[Problem]]:
    """``data`` as a ``model`` record, or None and every problem in it."""
    return parse_as(model, data)


def parse_as(annotation: Any, data: object) -> tuple[Any, list[Problem]]:
    """``data`` checked against any supported type annotation."""
    problems: list[Problem] = []
    value = checker(annotation)(data, (), problems)
    return (None if problems else value), problems


class FieldSpec(Record):
    """One field of a record, as the checks and the schema see it."""

    name: str
    annotation: Any
    required: bool
    default: Any
    """The default value; ``dataclasses.MISSING`` for required fields and factories."""


def fields_of(model: type[Strict]) -> tuple[FieldSpec, ...]:
    """The fields of ``model`` in declaration order, their annotations resolved."""
    found = _FIELDS.get(model)
    if found is None:
        hints = typing.get_type_hints(model, include_extras=True)
        found = _FIELDS[model] = tuple(
            FieldSpec(name=name, annotation=hints[name],
                      required=default is dataclasses.MISSING,
                      default=dataclasses.MISSING if isinstance(default, dataclasses.Field)
                      else default)
            for name, default in model._defaults.items()
        )
    return found


# A dictionary rather than functools.cache, whose typing takes no class of records.
_FIELDS: dict[type, tuple[FieldSpec, ...]] = {}


def dump(value: Any) -> Any:
    """``value`` as JSON-ready data: records become mappings in field order, tuples lists."""
    if isinstance(value, Strict):
        return {name: dump(item) for name, item in values_of(value).items()}
    if isinstance(value, list | tuple):
        return [dump(item) for item in value]
    if isinstance(value, dict):
        return {key: dump(item) for key, item in value.items()}
    return value


def split_annotation(annotation: Any) -> tuple[Any, Rules]:
    """The type inside ``Annotated[...]`` and its rules merged into one."""
    if typing.get_origin(annotation) is not Annotated:
        return annotation, Rules()
    base, *metadata = typing.get_args(annotation)
    merged: dict[str, Any] = {}
    for rules in metadata:
        if isinstance(rules, Rules):
            merged.update({f.name: getattr(rules, f.name) for f in dataclasses.fields(rules)
                           if getattr(rules, f.name) not in (None, {})})
    return base, Rules(**merged)


def optional_inner(annotation: Any) -> Any | None:
    """``X`` for ``X | None``, otherwise None."""
    if typing.get_origin(annotation) in (types.UnionType, typing.Union):
        others = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(others) == 1:
            return others[0]
        raise TypeError(f"only 'X | None' unions are supported, not {annotation!r}")
    return None


@cache
def checker(annotation: Any) -> Checker:
    """The function that checks and converts a value of ``annotation``'s type."""
    inner = optional_inner(annotation)
    if inner is not None:
        check_inner = checker(inner)
        return lambda value, loc, problems: (
            None if value is None else check_inner(value, loc, problems))
    kind, rules = split_annotation(annotation)
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if kind is str:
        return _text(rules)
    if kind is int:
        return _number(rules)
    if origin is Literal:
        return _choice(args)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _list(args[0], rules)
    if origin is dict:
        return _mapping(args[0], args[1])
    if isinstance(kind, type) and issubclass(kind, Strict):
        return _record(kind)
    raise TypeError(f"no checker for {annotation!r}")


def _problem(loc: Loc, kind: str, value: object = None, **detail: Any) -> Problem:
    return Problem(loc=loc, kind=kind, value=value, detail=detail)


def _shape(loc: Loc, value: object, expected: str) -> Problem:
    return _problem(loc, "shape", value, expected=expected)


def _length_problem(loc: Loc, value: str | list[Any], rules: Rules) -> Problem | None:
    if rules.min_length is not None and len(value) < rules.min_length:
        kind = "empty" if not value else "too_short"
        return _problem(loc, kind, value, limit=rules.min_length)
    if rules.max_length is not None and len(value) > rules.max_length:
        return _problem(loc, "too_long", value, limit=rules.max_length)
    return None


def _checked(value: Any, loc: Loc, problems: list[Problem], rules: Rules) -> Any:
    """``value`` after its rules' own check, or _INVALID once it is reported."""
    if rules.check is not None:
        try:
            rules.check(value)
        except BadValue as exc:
            problems.append(_problem(loc, exc.kind, value, message=exc.message))
            return _INVALID
    return value


def _text(rules: Rules) -> Checker:
    pattern = re.compile(rules.pattern) if rules.pattern else None

    def check(value: object, loc: Loc, problems: list[Problem]) -> Any:
        if not isinstance(value, str):
            problems.append(_shape(loc, value, TEXT))
            return _INVALID
        problem = _length_problem(loc, value, rules)
        if problem is None and pattern is not None and not pattern.fullmatch(value):
            problem = _problem(loc, "pattern", value)
        if problem is not None:
            problems.append(problem)
            return _INVALID
        return _checked(value, loc, problems, rules)

    return check


_INTEGER = re.compile(r"[+-]?[0-9]+")
MOST_DIGITS = 4_000
"""Longest number read: Python converts at most 4,300 digits, and slowly near that."""


def _number(rules: Rules) -> Checker:
    def check(value: object, loc: Loc, problems: list[Problem]) -> Any:
        if isinstance(value, str) and _INTEGER.fullmatch(value):
            if len(value) > MOST_DIGITS:
                problems.append(_problem(loc, "too_long", value, limit=MOST_DIGITS))
                return _INVALID
            number = int(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            problems.append(_shape(loc, value, NUMBER))
            return _INVALID
        if (rules.ge is not None and number < rules.ge) or (
                rules.le is not None and number > rules.le):
            problems.append(_problem(loc, "range", number, ge=rules.ge, le=rules.le))
            return _INVALID
        return _checked(number, loc, problems, rules)

    return check


def _choice(options: tuple[str, ...]) -> Checker:
    allowed = frozenset(options)

    def check(value: object, loc: Loc, problems: list[Problem]) -> Any:
        if not isinstance(value, str):
            problems.append(_shape(loc, value, TEXT))
            return _INVALID
        if value not in allowed:
            problems.append(_problem(loc, "choice", value, options=options))
            return _INVALID
        return value

    return check


def _list(item_type: Any, rules: Rules) -> Checker:
    check_item = checker(item_type)

    def check(value: object, loc: Loc, problems: list[Problem]) -> Any:
        if not isinstance(value, list):
            problems.append(_shape(loc, value, LIST))
            return _INVALID
        problem = _length_problem(loc, value, rules)
        if problem is not None:
            problems.append(problem)
            return _INVALID
        before = len(problems)
        items = tuple(check_item(item, (*loc, i), problems) for i, item in enumerate(value))
        return items if len(problems) == before else _INVALID

    return check


def _mapping(key_type: Any, value_type: Any) -> Checker:
    check_key, check_value = checker(key_type), checker(value_type)

    def check(value: object, loc: Loc, problems: list[Problem]) -> Any:
        if not isinstance(value, dict):
            problems.append(_shape(loc, value, MAPPING))
            return _INVALID
        before = len(problems)
        result = {}
        for key, item in value.items():
            wrong_keys: list[Problem] = []
            checked_key = check_key(key, (*loc, key), wrong_keys)
            problems += [replace(p, at_key=True) for p in wrong_keys]
            result[checked_key] = check_value(item, (*loc, key), problems)
        return result if len(problems) == before else _INVALID

    return check


def _record(model: type[Strict]) -> Checker:
    # The fields are looked up on first use, when every model they name exists.
    plan: tuple[tuple[str, Checker, bool], ...] = ()
    names: frozenset[str] = frozenset()

    def check(value: object, loc: Loc, problems: list[Problem]) -> Any:
        nonlocal plan, names
        if not isinstance(value, dict):
            problems.append(_shape(loc, value, MAPPING))
            return _INVALID
        if not plan:
            names = frozenset(f.name for f in fields_of(model))
            plan = tuple((f.name, checker(f.annotation), f.required) for f in fields_of(model))
        before = len(problems)
        values = {}
        for name, check_field, required in plan:
            if name in value:
                values[name] = check_field(value[name], (*loc, name), problems)
            elif required:
                problems.append(_problem((*loc, name), "missing", model=model))
        problems += [_problem((*loc, key), "unknown_key", key, model=model)
                     for key in value if key not in names]
        return model(**values) if len(problems) == before else _INVALID

    return check

