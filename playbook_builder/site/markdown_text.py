"""Turning profile text into Markdown that shows exactly that text and nothing more.

Python-Markdown and its extensions give meaning to many characters: ``<`` starts HTML,
``#`` a heading, ``[`` a link, ``{:`` an attribute list, ``!!!`` an admonition, ``--8<--``
a snippet, ``{{`` a macro. Every profile value passes through :func:`escape`, which
neutralises each of them, so a value can never add an element, an attribute or a link.
Only text already wrapped in :class:`Markdown` (our own templates' output and the curated
library's bodies) is placed as it is.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from ..inputs.link_schemes import LINK_SCHEMES
from ..inputs.values import ID_PATTERN


class Markdown(str):
    """Text that is already Markdown and is placed into a page unchanged."""

    __slots__ = ()


# Characters Python-Markdown unescapes after a backslash: safe and readable. ("?" and "/"
# below start pymdownx's "??? details" and "/// block" syntaxes.)
_BACKSLASHED = frozenset("\\`*_[]()#!.-")
# Characters it does not: written as character references, which every parser passes
# through as plain text. Covers HTML (<, >, &, "), tables (|), the inline syntaxes of
# common extensions (~, ^, =, :, +, $, @) and braces, which stay character references
# even in the final HTML, so that any literal "{{" there can only be template leftovers.
_ENTITIES = {
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "|": "&#124;", "~": "&#126;",
    "^": "&#94;", "=": "&#61;", ":": "&#58;", "+": "&#43;", "$": "&#36;", "@": "&#64;",
    "{": "&#123;", "}": "&#125;", "?": "&#63;", "/": "&#47;",
}
_WHITESPACE = re.compile(r"\s+")
# A folded YAML scalar (`>`) turns the blank line between paragraphs into a single
# newline, so any line break in a value is a paragraph break.
_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*")
_ID = re.compile(ID_PATTERN)


_ESCAPES = str.maketrans({**{ch: "\\" + ch for ch in _BACKSLASHED}, **_ENTITIES})


def escape(value: str) -> Markdown:
    """One line of Markdown that renders as ``value``, with whitespace runs collapsed."""
    # Only printable text without double spaces has no run to collapse: most values.
    if "  " in value or not value.isprintable():
        value = _WHITESPACE.sub(" ", value)
    return Markdown(value.translate(_ESCAPES))


def paragraphs(value: str) -> Markdown:
    """Escaped text, one paragraph per line of ``value``."""
    parts = [escape(part.strip()) for part in _PARAGRAPH_BREAK.split(value.strip())]
    return Markdown("\n\n".join(part for part in parts if part))


def bullets(values: object) -> Markdown:
    """A Markdown bullet list of escaped items."""
    items = values if isinstance(values, (list, tuple)) else [values]
    return Markdown("\n".join(f"- {escape(str(item).strip())}" for item in items))


def heading_id(value: str) -> Markdown:
    """An attribute-list id for a heading, ``{#value}``; ``value`` must be an id."""
    if not _ID.match(value):
        raise ValueError(f"not an id: {value!r}")
    return Markdown(f"{{#{value}}}")


def element_id(value: str) -> Markdown:
    """An id as it is written in an attribute list or a URL fragment; it must be an id."""
    heading_id(value)  # validates
    return Markdown(value)


_LINK_UNSAFE = re.compile(r"[^A-Za-z0-9\-._~:/?#@!$&*+,;=%']")


def alias_anchors(aliases: object) -> Markdown:
    """Empty elements carrying an item's earlier ids, placed in its heading so that links
    to an old anchor still land on the item."""
    ids = aliases if isinstance(aliases, (list, tuple)) else [aliases]
    for alias in ids:
        heading_id(str(alias))  # validates
    return Markdown("".join(f'<span id="{alias}"></span>' for alias in ids))


def attribute(value: str) -> Markdown:
    """Text for an HTML attribute value in double quotes."""
    return Markdown(html.escape(_WHITESPACE.sub(" ", value), quote=True))


_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})


def html_text(value: str) -> str:
    """Text for a place that prints it as HTML and, in Material's tags index, as
    Markdown: character references read as the text in both, and braces stay references
    as they do everywhere a profile value goes (see :func:`escape`)."""
    return str(attribute(value)).translate(_BRACES)


def url(value: str) -> Markdown:
    """A link destination for Markdown, ``[text](here)``: only https, http and mailto.

    Anything outside the URL characters that Markdown leaves alone (parentheses
    included) is percent-encoded, so the destination can neither end early nor carry
    a title or markup.
    """
    if urlsplit(value).scheme.lower() not in LINK_SCHEMES:
        raise ValueError(f"refusing a link with an unsafe scheme: {value!r}")
    encoded = _LINK_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), value)
    return Markdown(encoded)


def phone(value: str) -> Markdown:
    """A checked phone number as a link phones dial, ``tel:`` and its digits, shown as
    written and kept on one line (the ``pb-tel`` class). The spaces and marks that group
    the digits are left out of the link, and so is the trunk "(0)" after a country code
    (``+44 (0)20`` dials ``+4420``)."""
    international = value.lstrip().startswith("+")
    dialled = re.sub(r"[^0-9+]", "", value.replace("(0)", "") if international else value)
    if not re.fullmatch(r"\+?[0-9]+", dialled):
        raise ValueError(f"not a phone number: {value!r}")
    return Markdown(f"[{escape(value)}](tel:{dialled}){{.pb-tel}}")
