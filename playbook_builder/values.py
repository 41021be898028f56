"""The value types shared by the profile and the library: ids, text and links.

They are checked once, at the input boundary, so later stages can trust them: an id is
URL-safe, text holds no invisible control or direction-override characters, and a link
uses a scheme that cannot run code.
"""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LINK_SCHEMES = ("https", "http", "mailto")

# C0/C1 controls other than tab and newline, and the Unicode bidirectional overrides that
# can make text read differently from what it is.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _clean_text(value: str) -> str:
    found = _FORBIDDEN.search(value)
    if found:
        raise ValueError(
            f"contains the invisible character U+{ord(found.group()):04X}; remove it"
        )
    return value


def _check_schema_version(value: int) -> int:
    if value != 1:
        raise ValueError(f"is {value}, but this version of Playbook Builder reads format 1")
    return value


def _check_link(value: str) -> str:
    _clean_text(value)
    if any(ch.isspace() for ch in value):
        raise ValueError("a link must not contain spaces")
    parts = urlsplit(value)
    if parts.scheme.lower() not in LINK_SCHEMES:
        raise ValueError("a link must start with https://, http:// or mailto:")
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        raise ValueError("a web link needs a host, as in https://example.org")
    return value


Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=64)]
"""A stable identifier: lower-case letters, digits and single hyphens."""

Text = Annotated[str, Field(min_length=1, max_length=20_000), AfterValidator(_clean_text)]
"""Free text, shown exactly as written."""

Link = Annotated[str, Field(max_length=2_000), AfterValidator(_check_link)]
"""An https:, http: or mailto: link."""

SchemaVersion = Annotated[
    int, AfterValidator(_check_schema_version), Field(json_schema_extra={"const": 1})
]
"""The version of the file format; always 1."""
