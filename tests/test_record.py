"""Records: immutable, compared by value, fields in declaration order, cheap to define."""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError, field
from typing import ClassVar

import pytest

from playbook_builder.record import Record, replace, values_of


class Base(Record):
    a: int
    tags: tuple[str, ...] = ()


class Other(Record):
    note: str = "-"


class Mixin:
    not_a_field: int = 7


class Both(Base, Mixin, Other):
    kind: ClassVar[str] = "both"
    b: int = field(default=0)
    seen: dict[str, int] = field(default_factory=dict)


def test_fields_come_bases_first_in_declaration_order() -> None:
    assert list(values_of(Both(a=1))) == ["note", "a", "tags", "b", "seen"]


def test_values_by_keyword_or_position_and_defaults() -> None:
    assert Base(1, ("x",)) == Base(a=1, tags=("x",))
    assert values_of(Both(a=1)) == {"note": "-", "a": 1, "tags": (), "b": 0, "seen": {}}


def test_a_factory_gives_each_record_its_own_value() -> None:
    first, second = Both(a=1), Both(a=2)
    assert first.seen == {} and first.seen is not second.seen


def test_a_shared_mutable_default_is_refused() -> None:
    with pytest.raises(ValueError, match="mutable default for field 'items'"):
        class Bad(Record):
            items: list[int] = []  # noqa: RUF012


def test_class_variables_and_other_classes_attributes_are_not_fields() -> None:
    assert Both.kind == "both" and Both(a=1).not_a_field == 7
    assert "kind" not in values_of(Both(a=1))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Base(), "Base needs a value for 'a'"),
        (lambda: Base(a=1, colour="red"), "Base has no field 'colour'"),
        (lambda: Base(1, (), 3), "Base takes 2 values"),
        (lambda: Base(1, a=2), "Base got a field twice"),
    ],
)
def test_wrong_construction_is_a_type_error(make: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        make()  # type: ignore[operator]


def test_records_are_immutable() -> None:
    record = Base(a=1)
    with pytest.raises(FrozenInstanceError):
        record.a = 2  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del record.a  # type: ignore[misc]


def test_equality_and_hash_follow_the_values_and_the_type() -> None:
    assert Base(a=1) == Base(a=1) and hash(Base(a=1)) == hash(Base(a=1))
    assert Base(a=1) != Base(a=2)
    assert Base(a=1) != Both(a=1)
    assert len({Base(a=1), Base(a=1), Base(a=2)}) == 2


def test_repr_names_every_field() -> None:
    assert repr(Base(a=1, tags=("x",))) == "Base(a=1, tags=('x',))"


def test_replace_changes_only_what_it_names() -> None:
    record = Both(a=1, b=2)
    changed = replace(record, b=3)
    assert (changed.a, changed.b, record.b) == (1, 3, 2)
    with pytest.raises(TypeError):
        replace(record, c=1)


def test_records_survive_pickling() -> None:
    record = Both(a=1, seen={"x": 1})
    assert pickle.loads(pickle.dumps(record)) == record
