"""The docstrings written under model fields, read from the source when they are needed.

They describe each field in the JSON Schema and in some error messages, so they are read
only when a schema is printed or a value is wrong, never while a build starts.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from itertools import pairwise


def field_docs(model: type) -> dict[str, str]:
    """Each field's docstring, by field name; a subclass's own docstring wins."""
    docs = _DOCS.get(model)
    if docs is None:
        docs = _DOCS[model] = {}
        for cls in reversed(model.__mro__):
            if cls.__module__.startswith(__package__ or "playbook_builder"):
                docs.update(_own_docs(cls))
    return docs


# A dictionary rather than functools.cache, whose typing takes no class of records.
_DOCS: dict[type, dict[str, str]] = {}


def _own_docs(cls: type) -> dict[str, str]:
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):  # no source, as in a frozen application
        return {}
    definition = ast.parse(source).body[0]
    assert isinstance(definition, ast.ClassDef)
    body = definition.body
    return {
        field.target.id: inspect.cleandoc(doc.value.value)
        for field, doc in pairwise(body)
        if isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name)
        and isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant)
        and isinstance(doc.value.value, str)
    }
