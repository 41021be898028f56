"""The value types shared by the profile and the library: ids, text, numbers and links,
and :class:`Strict`, the base of every input model.

They are checked once, at the input boundary, so later stages can trust them: an id is
URL-safe, text holds no character that hides it or turns it round and is more than
invisible characters, a number was written in digits, a link uses a scheme that cannot
run code and opens the host it shows, and an email address is one plain address. A check that fails
raises a :class:`~pydantic_core.PydanticCustomError` whose type is one of the kinds
:mod:`validation` turns into a located message.

How an unquoted value is read
-----------------------------
The loader keeps every value as the text typed, but editors and check-jsonschema read
the same file as YAML 1.2, where an unquoted ``1.10`` is a number, ``true`` a boolean and
``~`` or ``null`` nothing. So that ``playbook validate`` and the published JSON Schema
always agree, each value type says which of those YAML 1.2 types it may be written as
(:class:`WrittenAs`); the schema's ``type`` and :func:`validation.validate` both read it:

* free text (:data:`Text`) takes text, numbers and true/false, and keeps what was typed:
  ``version: 1.10`` is the text "1.10", ``name: true`` the text "true". Profiles are
  written by people, who should not need to know YAML's types for a sentence, a year or
  a version (the README promises the text stays as typed), and accepting them loses
  nothing: the text is never converted. An editor then accepts them too;
* ids, page paths, links, choices, language codes and file names take text only: their
  form is a pattern on the text, which a schema cannot apply to a number it only sees as
  a value (``+1`` and ``1E5`` reach it as 1 and 100000), so accepting numbers there could
  never agree. An unquoted ``id: 2024`` is refused by both, with a hint to quote it;
* whole numbers (``schema_version``) take numbers only: ``"1"`` in quotes is text to
  every YAML reader, so both refuse it;
* nothing (an empty value, ``~``, ``null``) and blank text are refused everywhere
  (``pattern: \\S`` in the schema), since a required key left empty is a mistake and an
  optional one is left out instead.

YAML 1.1's ``yes``, ``no``, ``on`` and ``off`` are text in YAML 1.2, which
yaml-language-server reads by default, so ``language: no`` is Norwegian to both. The
library, which no editor checks against a schema, is judged as text only.
"""

from __future__ import annotations

import html
import re
import typing
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
)
from pydantic.fields import FieldInfo
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from .diagnostics import printable, shortened
from .link_schemes import LINK_SCHEMES


class Strict(BaseModel):
    """Base of every input model: immutable, and unknown keys are errors.

    The docstring under each field is its description in the JSON Schema and in the
    hint for a missing key.
    """

    # Models are built when first used, so only those that validate build a validator.
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True,
                              defer_build=True)


def fields_by_key(model: type[BaseModel]) -> dict[str, FieldInfo]:
    """A model's fields by the key written in YAML: its alias where it has one (``for``,
    which Python keeps as a keyword, is the field ``for_``)."""
    return {info.alias or name: info for name, info in model.model_fields.items()}


def inner_model(annotation: Any) -> Any:
    """The model inside ``X | None``, ``tuple[X, ...]`` or ``dict[str, X]``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = inner_model(arg)
        if found is not None:
            return found
    return None


@dataclass(frozen=True, slots=True)
class WrittenAs:
    """``Annotated`` metadata: the YAML 1.2 types a value may be written as.

    The types are JSON Schema's names ('string', 'number', 'boolean'). A field without it
    takes what its Python type says: text for ``str`` and choices, a number for ``int``.
    """

    types: tuple[str, ...]

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        generated = handler(schema)
        generated["type"] = list(self.types)
        return generated


FREE_TEXT = WrittenAs(("string", "number", "boolean"))
"""Free text: an unquoted number or true/false is kept as the text typed."""

NOT_BLANK = ("[^\\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
             "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
             "\ufff0-\ufffb]")
"""The schema's pattern for text that must not be blank: a character that is neither a
space nor one a reader cannot see (a zero-width space, a direction mark, a filler), so
that editors refuse what the validator refuses (:func:`invisible`); characters past
U+FFFF, such as tag characters, are left to the validator."""


def bad_value(kind: str, message: str, **context: Any) -> PydanticCustomError:
    """A failed check: ``kind`` chooses the code and hint users see."""
    return PydanticCustomError(kind, "{message}", {"message": message, **context})

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# What a reader cannot see
# ------------------------
# Some characters show nothing and yet change what text says or does. Two kinds:
#
# * Those that hide text or change the order it is shown in are refused wherever they
#   are (:data:`_HIDING`): controls other than tab and line feed; the bidirectional
#   embeddings, overrides and isolates (a phone number after U+202E is shown back to
#   front); the deprecated
#   format controls U+206A-206F, which change how digits and Arabic letters are shown;
#   interlinear annotation, which can hide the text it annotates; and tag characters,
#   which show nothing at all and can carry a whole hidden message.
# * The rest of Unicode's default-ignorable characters (its Default_Ignorable_Code_Point:
#   format characters, variation selectors, fillers) and the whitespace-like ones
#   (:func:`invisible`) are kept inside text, because they belong in words:
#   the zero-width joiner builds emoji (woman + ZWJ + laptop) and Indic half forms,
#   the left-to-right, right-to-left and Arabic letter marks put punctuation and numbers
#   where Hebrew and Arabic writers mean them (each acts on its neighbours only, as a
#   letter of that direction would),
#   variation selectors choose a character's emoji or text look, the zero-width
#   non-joiner is spelling in Persian and many Indic languages, the zero-width space
#   marks where Thai and Khmer words end, and a soft hyphen where a long word may
#   break. None of them makes visible text read differently. A value made only of
#   them shows nothing, though, so it is refused as blank text is.
#
# Phone numbers, links and email addresses hold no words, so there every one of them
# is refused (:func:`_no_invisible`): a mark alone can move a phone number's "+" or
# brackets, a number copied with a zero-width space in it may not dial, and a host name
# with one is not the host it shows.
_HIDING = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"     # controls, but tab and line feed
    "\u202a-\u202e\u2066-\u2069"       # embeddings, overrides, isolates
    "\u206a-\u206f"                    # deprecated: symmetric swapping, shaping, digit shapes
    "\ufff9-\ufffb"                    # interlinear annotation
    "\U000e0000-\U000e007f]"           # tags
)
# The flags of England, Scotland and Wales are a black flag, tags spelling the place
# ("gbeng", "gbsct", "gbwls") and a cancel tag: the only tags that draw something, so
# the only ones kept. Any other spelling would show a black flag hiding the text.
_TAG_FLAGS = re.compile("\U0001f3f4\U000e0067\U000e0062(?:\U000e0065\U000e006e\U000e0067"
                        "|\U000e0073\U000e0063\U000e0074|\U000e0077\U000e006c\U000e0073)"
                        "\U000e007f")
# Unicode's Other_Default_Ignorable_Code_Point and Variation_Selector (the combining
# grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian free variation
# selectors, selectors, and the blocks kept for more); with every format character
# (category Cf) they make its Default_Ignorable_Code_Point.
_IGNORABLE_RANGES = (
    (0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
    (0x2065, 0x2065), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8), (0xE0000, 0xE0FFF),
)
# Format characters that print a sign (over the digits that follow), and so are not
# default-ignorable: Arabic, Syriac and Kaithi number signs, end of ayah.
_PRINTED_FORMAT = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891"
                            "\u08e2\U000110bd\U000110cd")
# Whitespace-like: draws an empty cell, though Unicode calls it a symbol.
_BLANK_SYMBOLS = frozenset("\u2800")  # BRAILLE PATTERN BLANK


def invisible(ch: str) -> bool:
    """Does the character show nothing by itself: whitespace, a control, or one of
    Unicode's default-ignorable characters?"""
    if ch.isspace() or ch in _BLANK_SYMBOLS:
        return True
    if unicodedata.category(ch) in ("Cc", "Cf"):
        return ch not in _PRINTED_FORMAT
    code = ord(ch)
    return any(low <= code <= high for low, high in _IGNORABLE_RANGES)


def character_name(ch: str) -> str:
    """``U+200F RIGHT-TO-LEFT MARK``; a control has no name, only its number."""
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X} {name}" if name else f"U+{ord(ch):04X}"


def _refuse_at(value: str, found: list[int]) -> None:
    """Refuse ``value`` for the invisible characters at the positions ``found``."""
    if found:
        more = f", and {len(found) - 1} more" if len(found) > 1 else ""
        raise bad_value("invisible_character", f"contains an invisible character"
                        f" {character_name(value[found[0]])} at position {found[0] + 1}{more}")


def _no_hiding(value: str) -> None:
    """Refuse a character that hides text or turns it round, wherever it is."""
    found = [m.start() for m in _HIDING.finditer(value)]
    if found and "\U000e007f" in value:
        flags = {i for m in _TAG_FLAGS.finditer(value) for i in range(m.start(), m.end())}
        found = [i for i in found if i not in flags]
    _refuse_at(value, found)


def _no_invisible(value: str) -> None:
    """Refuse every invisible character but whitespace, for values that hold no words."""
    _refuse_at(value, [i for i, ch in enumerate(value)
                       if _HIDING.match(ch) or (invisible(ch) and not ch.isspace())])


def _clean_text(value: str) -> str:
    _no_hiding(value)
    if not value.strip():
        raise bad_value("blank", "is blank")
    if all(map(invisible, value)):
        shown = next(ch for ch in value if not ch.isspace())
        raise bad_value("invisible_only", f"has only invisible characters, such as"
                        f" {character_name(shown)}")
    return value


PHONE_CHARACTERS = frozenset("0123456789 +-.()")
"""What a phone number is written with: what a phone dials, and the spaces and marks
people group its digits with."""


def _phone_text(value: str) -> str:
    """A phone number: invisible characters are named as such (a direction mark shows
    ``020 7946 0000`` as ``0000 7946 020``), then anything a phone cannot dial."""
    _no_invisible(value)
    value = _clean_text(value)
    other = next((i for i, ch in enumerate(value) if ch not in PHONE_CHARACTERS), None)
    if other is not None:
        raise bad_value("not_a_phone", f"contains {_shown(value[other])} at position"
                        f" {other + 1}: a phone number holds only digits, spaces and"
                        " + - . ( )")
    if not any(ch.isdigit() for ch in value):
        raise bad_value("not_a_phone", "has no digits")
    return value


def _shown(ch: str) -> str:
    """A character as an error message shows it: itself where it is plain to see."""
    return f"'{ch}'" if ch.isprintable() and not ch.isspace() else character_name(ch)


_INTEGER = re.compile(r"[+-]?[0-9]+")
MOST_DIGITS = 4_000
"""Longest number read: Python converts at most 4,300 digits, and slowly near that."""


def _digits(value: object) -> object:
    """A number as YAML text is read from its digits only (no ``1.0``, ``1_000``, ``0x1``)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _INTEGER.fullmatch(value):
        if len(value) > MOST_DIGITS:
            raise bad_value("number_too_long", "is too long", limit=MOST_DIGITS)
        return int(value)
    raise bad_value("not_a_number", "is not a whole number")


Digits = BeforeValidator(_digits)
"""Metadata of ``Annotated[int, ...]``: the number is written in digits."""


def in_range(low: int, high: int) -> AfterValidator:
    """Metadata of ``Annotated[int, ...]``: the number is from ``low`` to ``high``."""
    def check(value: int) -> int:
        if not low <= value <= high:
            raise bad_value("range", "is out of range", ge=low, le=high)
        return value
    return AfterValidator(check)


def _check_schema_version(value: int) -> int:
    if value != 1:
        raise bad_value("schema_version",
                       f"is {shortened(str(value))}, but this version reads format 1")
    return value


EMAIL_ADDRESS = r"[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
"""One plain email address. A mail program decodes a mailto: link before it writes to
it: ``%40`` becomes '@' and ``%2C`` a comma between two addresses, and after '?' come
more recipients, copies and a subject. So there is no '%' and no '?' (nor ',' or ';'):
the mail goes to the address readers see."""

_PERCENT_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")


def _mail_decoded(value: str) -> str | None:
    """What about ``value`` a mail program reads differently from how it shows, if
    anything: a percent-escape or a query."""
    if "%" in value:
        escape = _PERCENT_ESCAPE.search(value)
        decoded = chr(int(escape.group(1), 16)) if escape else ""
        if escape and decoded.isascii():
            return (f"has '{escape.group()}', which a mail program reads as"
                    f" '{printable(decoded)}': the mail would not go to the address shown")
        return ("has '%', which a mail program reads as the start of an escape: the mail"
                " would not go to the address shown")
    if "?" in value:
        return ("has '?', which starts a query: a mail program reads what follows as more"
                " recipients, copies or a subject")
    return None


def _plain_email(value: object) -> object:
    """Before the pattern: say why an address a mail program would change is refused."""
    if isinstance(value, str):
        _no_invisible(value)
        changed = _mail_decoded(value)
        if changed:
            raise bad_value("email_not_plain", changed)
    return value


# Characters a URL must percent-encode; in a page they could also start Markdown or HTML.
_NOT_IN_LINKS = frozenset('<>"\'\\`{}|^[]')

WEB_LINK = r"https?://[^@/?#%]+(?:[/?#]|$)"
"""The schema's pattern for a web address whose host is what readers see (the validator's
check is :func:`_check_host`): nothing before '@', a user name that browsers skip
(``https://facebook.com@evil.example`` opens evil.example), and no percent-escapes, which
browsers decode in a host name."""


def _check_link(value: str) -> str:
    _no_invisible(value)
    _clean_text(value)
    if any(ch.isspace() for ch in value):
        raise bad_value("unsafe_link", "contains a space")
    bad = sorted({ch for ch in value if ch in _NOT_IN_LINKS})
    if bad:
        chars = " ".join(f"'{ch}'" for ch in bad)
        raise bad_value("unsafe_link", f"contains {chars}, which a link must percent-encode")
    try:
        parts = urlsplit(value)
    except ValueError:  # such as an unclosed "[" of an IPv6 host, or look-alike characters
        raise bad_value("unsafe_link", "is not an address a browser can read") from None
    scheme = parts.scheme.lower()
    if scheme not in LINK_SCHEMES:
        raise bad_value("unsafe_link", "must start with https://, http:// or mailto:")
    if scheme == "mailto":
        _check_mailto(value[len("mailto:"):])
    elif not parts.netloc:
        raise bad_value("unsafe_link", "has no host name")
    else:
        _check_host(parts.netloc)
    return value


def _check_host(netloc: str) -> None:
    """The host a browser opens is the one the link shows."""
    user, at, host = netloc.rpartition("@")
    if at:
        raise bad_value("link_user_info", f"has a user name before '@' ('{shortened(user)}'),"
                                          f" so it opens '{shortened(host)}'")
    if "%" in host:
        raise bad_value("link_host_escape", f"has a percent-escape in its host name"
                                            f" ('{shortened(host)}'), which a browser decodes")


def _check_mailto(address: str) -> None:
    """A mailto: link writes to one plain address, as the email of a contact does."""
    changed = _mail_decoded(address)
    if changed:
        raise bad_value("mailto_not_plain", changed)
    if not re.fullmatch(EMAIL_ADDRESS, address):
        raise bad_value("mailto_not_plain", "is not a mailto: link to one address")


_RAW_HTML = re.compile(r"<[A-Za-z!/?]")
_TEMPLATE = re.compile(r"\{[{%#]")
# Markdown's attribute lists ("{: onclick=... }", "{#id .class}") would set attributes.
_ATTRIBUTE_LIST = re.compile(r"\{[^}\n]*\}")
# Inline links, [text](target) with the rest of the line (a tab inside the target is
# kept there), and reference definitions, [name]: target, wherever they are (in a quote
# or a list too), the target on the same line or the next.
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^\n]*)|\]:[ \t]*\n?[ \t]*<?([^\s>]+)")
_IGNORED_IN_LINKS = re.compile(r"[\x00-\x20]")


def _check_library_markdown(value: str) -> str:
    """Library bodies are Markdown we publish as written, so they are held to more."""
    _clean_text(value)
    if _RAW_HTML.search(value):
        raise bad_value("library_markdown", "contains raw HTML")
    if _TEMPLATE.search(value):
        raise bad_value("library_markdown", "contains template syntax")
    if _ATTRIBUTE_LIST.search(value):
        raise bad_value("library_markdown", "contains an attribute list in braces")
    for inline, reference in _MARKDOWN_LINK.findall(value):
        # As a browser reads it: references decoded, spaces and controls ignored.
        target = _IGNORED_IN_LINKS.sub("", html.unescape(inline or reference))
        target = _inline_target(target) if inline else target
        _check_markdown_target(target)
    return value


def _check_markdown_target(target: str) -> None:
    """A link in library Markdown: a safe scheme, and it goes where it shows."""
    def refuse(why: str) -> PydanticCustomError:
        return bad_value("library_markdown", f"links to '{shortened(target)}'{why}")

    try:
        parts = urlsplit(target)
    except ValueError:
        raise refuse(", which is not an address a browser can read") from None
    scheme = parts.scheme.lower()
    if scheme and scheme not in LINK_SCHEMES:
        raise refuse("")
    if "@" in parts.netloc:
        raise refuse(", which has a user name before '@'")
    if scheme == "mailto" and not re.fullmatch(EMAIL_ADDRESS, target[len("mailto:"):]):
        raise refuse(", which is not a mailto: link to one plain address")


def _inline_target(text: str) -> str:
    """``text`` up to the parenthesis that closes an inline link."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == ")" and depth == 0:
            return text[:i].removesuffix(">")
        depth += {"(": 1, ")": -1}.get(ch, 0)
    return text


WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)),
                             *(f"lpt{n}" for n in range(1, 10))})
"""Names Windows keeps for devices, in any case and with any extension: no file or folder
can have them there. An id may become one (a platform's or a role's page, a site's
folder, a library item's file), so no id may be one of them. Ids are lower-case ASCII
(:data:`ID_PATTERN`), so comparing them as written is enough, and no two ids can differ
only by case."""


def _not_a_device(value: str) -> str:
    if value in WINDOWS_DEVICES:
        raise bad_value("device_name", "names a device on Windows")
    return value


Id = Annotated[
    str, Field(pattern=ID_PATTERN, min_length=1, max_length=64,
               json_schema_extra={"not": {"enum": sorted(WINDOWS_DEVICES)}}),
    AfterValidator(_not_a_device),
]
"""A stable identifier: lower-case letters, digits and single hyphens, and not a name
Windows keeps for a device (such as `con` or `lpt1`)."""

Text = Annotated[
    str, Field(min_length=1, max_length=20_000, json_schema_extra={"pattern": NOT_BLANK}),
    AfterValidator(_clean_text), FREE_TEXT,
]
"""Free text, shown exactly as written."""

FileName = Annotated[
    str, Field(min_length=1, max_length=300, json_schema_extra={"pattern": NOT_BLANK}),
    AfterValidator(_clean_text),
]
"""The name of a file, relative to the file that names it."""

LibraryMarkdown = Annotated[
    str, Field(min_length=1, max_length=20_000, json_schema_extra={"pattern": NOT_BLANK}),
    AfterValidator(_check_library_markdown), FREE_TEXT,
]
"""Light Markdown from the curated library: no raw HTML, no template syntax, safe links."""

Link = Annotated[
    str, Field(max_length=2_000, json_schema_extra={
        "pattern": f"^(?:{WEB_LINK}|mailto:{EMAIL_ADDRESS}$)"}),
    AfterValidator(_check_link),
]
"""An https:, http: or mailto: link."""

SchemaVersion = Annotated[int, Digits, AfterValidator(_check_schema_version),
                          Field(json_schema_extra={"const": 1})]
"""The version of the file format; always 1."""

def _real_date(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise bad_value("not_a_date", f"is '{value}', which is not a date in the calendar"
                        ) from None
    return value


IsoDate = Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                               json_schema_extra={"format": "date"}),
                    AfterValidator(_real_date)]
"""A date written as year-month-day, such as `2026-11-20`."""

Phone = Annotated[
    str, Field(min_length=1, max_length=40,
               json_schema_extra={"pattern": r"^[0-9 +().-]*[0-9][0-9 +().-]*$"}),
    AfterValidator(_phone_text), WrittenAs(("string", "number")),
]
"""A phone number, written as people should dial it: digits, spaces and + - . ( ), so
that it becomes a link phones can dial. No invisible characters, which could show it back
to front or stop it dialling when copied; opening hours and extensions go elsewhere."""

Email = Annotated[
    str, Field(pattern=f"^{EMAIL_ADDRESS}$", max_length=254), BeforeValidator(_plain_email)
]
"""An email address, such as `comms@example.org`; it becomes a mailto: link."""

Visibility = Literal["internal", "public"]
"""Who may read a value: `internal` values are left out of a build with `--public`."""
