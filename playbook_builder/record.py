"""Immutable records that cost nothing to define.

``@dataclass`` writes and compiles several methods for every class it decorates, some
0.6 ms a class on the machines we measured, and a fresh build defines dozens of them
before it does any work. A :class:`Record` subclass is an ordinary class: its fields are
read from its annotations once, and one shared ``__init__``, ``__eq__``, ``__hash__`` and
``__repr__`` serve every record. Type checkers see it as a frozen dataclass, and
``dataclasses.field(default_factory=...)`` gives a field a fresh default. That is all it
does: ``field()`` takes a default or a factory and nothing else, and there is no
``__post_init__``.
"""

from __future__ import annotations

import dataclasses
import inspect
from dataclasses import FrozenInstanceError, field
from typing import Any, ClassVar, TypeVar, dataclass_transform

R = TypeVar("R", bound="Record")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
class Record:
    """Base of immutable records; fields keep their declaration order."""

    _defaults: ClassVar[dict[str, Any]]
    """Field name -> its default, a ``dataclasses.Field`` with a factory, or MISSING."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        defaults: dict[str, Any] = {}
        for klass in reversed(cls.__mro__):  # bases first, as dataclasses do
            if not issubclass(klass, Record) or klass is Record:
                continue
            for name, annotation in inspect.get_annotations(klass).items():
                if not str(annotation).startswith(("ClassVar", "typing.ClassVar")):
                    defaults[name] = _default(name, vars(klass).get(name, dataclasses.MISSING))
        cls._defaults = defaults

    def __init__(self, *args: Any, **values: Any) -> None:
        if args:
            if len(args) > len(self._defaults):
                raise TypeError(f"{type(self).__name__} takes {len(self._defaults)} values")
            positional = dict(zip(self._defaults, args, strict=False))
            if positional.keys() & values.keys():
                raise TypeError(f"{type(self).__name__} got a field twice")
            values = {**positional, **values}
        for name, default in self._defaults.items():
            if name in values:
                value = values.pop(name)
            elif default is dataclasses.MISSING:
                raise TypeError(f"{type(self).__name__} needs a value for '{name}'")
            elif isinstance(default, dataclasses.Field):
                value = default.default_factory()  # type: ignore[operator]
            else:
                value = default
            object.__setattr__(self, name, value)
        if values:
            raise TypeError(f"{type(self).__name__} has no field '{next(iter(values))}'")

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field '{name}'")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field '{name}'")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._defaults)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._defaults)
        return f"{type(self).__name__}({shown})"


def _default(name: str, value: Any) -> Any:
    """A field's default as ``Record.__init__`` uses it."""
    if isinstance(value, dataclasses.Field):
        if value.default_factory is not dataclasses.MISSING:
            return value
        value = value.default
    if isinstance(value, list | dict | set):  # one object shared by every record
        raise ValueError(f"mutable default for field '{name}': use field(default_factory=...)")
    return value


def values_of(record: Record) -> dict[str, Any]:
    """The record's fields and their values, one level deep."""
    return {name: getattr(record, name) for name in record._defaults}


def replace(record: R, **changes: Any) -> R:
    """A copy of ``record`` with some fields changed."""
    return type(record)(**{**values_of(record), **changes})
