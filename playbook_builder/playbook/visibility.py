"""What a public build may know of a profile: all of it but its internal entries.

An *entry* is any model of the profile with a ``visibility`` field: a contact, a role, a
scenario or standard of the organisation's own, an objection or reading-list entry under
``add``, an override of a library scenario or standard. A public build takes every
internal entry out of the profile before the merge, wherever it sits (in a list, a
mapping or a field of its own), so the stages after it cannot publish what they never
hold, and a section added later is covered without being named anywhere. (Whether a
library item an override names is shown, the merge reads from the profile as written.)

What stays are ids: a kept entry may still name an internal one (whom a role asks, who
signs off, whom to tell); the merge resolves each such reference to nothing.
"""

from __future__ import annotations

import operator
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


def is_internal(value: object) -> bool:
    """Whether ``value`` is an entry marked (or internal by default) ``internal``."""
    return isinstance(value, BaseModel) and getattr(value, "visibility", None) == "internal"


def without_internal(model: M) -> M:
    """``model`` with every internal entry inside it left out: from a list or a mapping,
    the entry goes; in a field of its own, the field takes its default."""
    changes: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if is_internal(value):
            if info.is_required():  # a model mistake, caught by the tests of this module
                raise TypeError(f"{type(model).__name__}.{name} may be internal, so it"
                                " needs a default for a public build to leave it at")
            kept = info.get_default(call_default_factory=True)
        else:
            kept = _public(value)
        if kept is not value:
            changes[name] = kept
    return model.model_copy(update=changes) if changes else model


def _public(value: Any) -> Any:
    """``value`` as a public build may hold it; the same object when nothing changed."""
    if isinstance(value, BaseModel):
        return without_internal(value)
    if isinstance(value, tuple):
        kept = tuple(_public(v) for v in value if not is_internal(v))
        same = len(kept) == len(value) and all(map(operator.is_, kept, value))
        return value if same else kept
    if isinstance(value, dict):
        kept_items = {k: _public(v) for k, v in value.items() if not is_internal(v)}
        same = kept_items.keys() == value.keys() and all(
            kept_items[k] is value[k] for k in value)
        return value if same else kept_items
    return value  # text and ids
