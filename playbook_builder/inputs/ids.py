"""Ids made from text: the one rule for an id, anchor or folder name derived from a title
or a name, whatever its alphabet.

An id is lower-case ASCII letters and digits with single hyphens between, so it is the
same in a URL, an anchor and a file name on every system. Text in a Latin alphabet keeps
its letters, without their accents ("Über Café" gives ``uber-cafe``). Letters that have
no ASCII spelling (Greek, Cyrillic, Japanese and the like) cannot be kept, and two titles
made of them must not give one id: the id then ends in a short hash of the text, stable
from build to build (``entry-3f9a2c``, or ``2024-3f9a2c`` for "Ελληνικά 2024").
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_LENGTH = 64
"""Longest derived id; a longer text is cut at a hyphen's place."""

_HASH_LENGTH = 6
"""Hex digits of the hash that keeps ids of text in other alphabets apart: a reading list
would need thousands of such titles before two shared one."""

_NOT_ID = re.compile(r"[^a-z0-9]+")

# Latin letters that Unicode does not write as a base letter and an accent, spelt as
# their own languages spell them in ASCII (U+0131 is the dotless i); 'ß' becomes
# 'ss' by case folding.
_LATIN = str.maketrans({"æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l",
                        "þ": "th", "\u0131": "i", "ħ": "h", "ŧ": "t"})


def derived_id(text: str, fallback: str = "entry") -> str:
    """The id derived from ``text``; ``fallback`` when it has no letter or digit.

    The text is first put in Unicode's NFKC form and case-folded, so text that looks the
    same gives the same id however it was typed: "Café" with one character for the "é"
    or with "e" and a combining accent, "ﬁ" as one character or two, a letter in its
    fullwidth form. ASCII text gives the id it always has. With ``fallback`` empty, text
    with nothing to derive an id from gives ''."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    latin = _without_marks(folded).translate(_LATIN)
    stem = _NOT_ID.sub("-", latin).strip("-")
    if not any(ch.isalnum() and not ch.isascii() for ch in latin):
        return _cut(stem, MAX_LENGTH) or fallback
    stem = _cut(stem, MAX_LENGTH - _HASH_LENGTH - 1) or fallback
    return f"{stem}-{_digest(folded)}" if stem else ""


def earlier_derived_id(text: str) -> str | None:
    """The id an earlier rule derived from ``text``, where it differs from today's:
    letters with accents were dropped ("Über Café" gave ``ber-caf``), and text in another
    alphabet gave ``entry``. Kept as an earlier id, it keeps published anchors working."""
    earlier = _NOT_ID.sub("-", unicodedata.normalize("NFKC", text).lower()).strip("-")
    earlier = _cut(earlier, MAX_LENGTH)
    return earlier if earlier and earlier != derived_id(text) else None


def _without_marks(text: str) -> str:
    """``text`` decomposed, without its accents and other marks ("é" -> "e")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not unicodedata.category(ch).startswith("M"))


def _cut(stem: str, limit: int) -> str:
    return stem[:limit].rstrip("-")


def _digest(folded: str) -> str:
    """A short hash of the text's words: the same for the same words, however spaced or
    punctuated, as the letters kept in ASCII are."""
    words = "".join(ch if ch.isalnum() or unicodedata.category(ch).startswith("M") else " "
                    for ch in folded).split()
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()[:_HASH_LENGTH]
