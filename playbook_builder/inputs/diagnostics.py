"""Located diagnostics: the one way every user mistake is reported.

A diagnostic names a file, a line and a column, carries a stable code and a hint, and
prints as ``file:line:col: error: message [PBnnn]`` followed by ``  hint: ...``.
Loaders collect diagnostics rather than stopping at the first one, then raise
:class:`InputError` with all of them.
"""

from __future__ import annotations

import bisect
import difflib
import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import asdict, dataclass
from fractions import Fraction
from itertools import accumulate

FORMATS = ("text", "json", "github")


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one input file."""

    file: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""

    def format_text(self) -> str:
        """Two lines for a terminal or a log; what the input put in them is made visible."""
        message, hint = printable(self.message), printable(self.hint)
        head = f"{printable(self.file)}:{self.line}:{self.col}: error: {message} [{self.code}]"
        return f"{head}\n  hint: {hint}" if hint else head

    def format_github(self) -> str:
        """A GitHub Actions workflow command, shown as an annotation on the line."""
        message, hint = printable(self.message), printable(self.hint)
        props = f"file={gh_property(printable(self.file))},line={self.line},col={self.col}"
        body = f"{message} [{self.code}]" + (f"\nhint: {hint}" if hint else "")
        return f"::error {props},title={self.code}::{gh_data(body)}"


def printable(text: str) -> str:
    """``text`` with every character that is not plainly visible written as an escape.

    That is controls (terminal escapes, line breaks of any kind), invisible format
    characters (direction overrides, tags), separators other than the space, and lone
    surrogates: what a hostile value could carry into a message."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
                   for ch in text)


def shortened(text: str, limit: int = 60) -> str:
    """``text`` cut to a length a one-line message can quote."""
    return text if len(text) <= limit else text[:limit - 3] + "..."


def format_diagnostics(diagnostics: Sequence[Diagnostic], fmt: str) -> str:
    """All diagnostics in one of :data:`FORMATS`."""
    if fmt == "json":
        items = [{**asdict(d), "severity": "error"} for d in diagnostics]
        return json.dumps(items, indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(d.format_github() for d in diagnostics)
    count = len(diagnostics)
    summary = f"{count} error{'s' if count != 1 else ''}"
    return "\n".join([*(d.format_text() for d in diagnostics), summary])


def gh_data(text: str) -> str:
    """Text escaped for the message of a GitHub Actions workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def gh_property(text: str) -> str:
    """Text escaped for a property (file=...) of a GitHub Actions workflow command."""
    return gh_data(text).replace(":", "%3A").replace(",", "%2C")


class InputError(Exception):
    """Invalid user input: one or more diagnostics, reported together, exit code 2."""

    exit_code = 2

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        # The dataclass's own order, compared as plain tuples: many times faster.
        self.diagnostics = sorted(set(diagnostics), key=lambda d: (
            d.file, d.line, d.col, d.code, d.message, d.hint))
        super().__init__(self.format_text())

    def format_text(self) -> str:
        return "\n".join(d.format_text() for d in self.diagnostics)


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """A hint naming the closest allowed value, or listing what is allowed."""
    return Suggestions(budget=None)(value, choices)


def in_words(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``: a list in plain words."""
    return f"{', '.join(words[:-1])} and {words[-1]}" if len(words) > 1 else "".join(words)


SUGGESTION_BUDGET = 200_000
"""Characters one run's did-you-mean searches may compare. A search compares the value
with every allowed one of a length that can come close, at about a microsecond per
character: a thousand broken references among a thousand ids would take half a minute,
this a fifth of a second."""

_CUTOFF = Fraction(3, 5)
"""How alike (difflib's ratio) an allowed value must be to be suggested."""

# difflib's ratio of two texts is at most 2*min(a, b)/(a + b), so one of length m comes
# no closer than the cutoff to one of length n unless n*c/(2-c) <= m <= n*(2-c)/c.
_SHORTER, _LONGER = _CUTOFF.numerator, 2 * _CUTOFF.denominator - _CUTOFF.numerator

_LISTED = 12
"""Allowed values a hint lists when it suggests none."""

_HELD = 32
"""Sets of choices a run keeps prepared: a check hands the same few again and again."""


@dataclass(frozen=True, slots=True)
class _Choices:
    """Allowed values prepared once for every search among them.

    Sorted by length, because difflib only compares two texts whose lengths are close
    enough (``real_quick_ratio``): a search bisects to those, and what it will compare is
    known before it starts. The listing, for when nothing is close, is written once."""

    by_length: tuple[str, ...]
    lengths: tuple[int, ...]
    chars: tuple[int, ...]
    """``chars[i]``: the characters of ``by_length[:i]``, so a range's cost is known at once."""
    listing: str
    count: int
    """How many values the collection held, to notice one that changed since."""

    @classmethod
    def of(cls, choices: Iterable[str]) -> _Choices:
        values = list(choices)
        unique = set(values)
        ordered = sorted(unique)
        listing = ("there is nothing to refer to here yet" if not ordered else
                   "expected one of " + ", ".join(f"'{o}'" for o in ordered[:_LISTED])
                   + (", ..." if len(ordered) > _LISTED else ""))
        by_length = tuple(sorted(ordered, key=len))
        lengths = tuple(map(len, by_length))
        return cls(by_length, lengths, (0, *accumulate(lengths)), listing, len(values))

    def near(self, value: str) -> tuple[tuple[str, ...], int]:
        """The values long or short enough to come close to ``value``, and the characters
        comparing them takes: ``len(value)`` for each, and their own."""
        n = len(value)
        low = bisect.bisect_left(self.lengths, n * _SHORTER // _LONGER)
        high = bisect.bisect_right(self.lengths, -(-n * _LONGER // _SHORTER))
        cost = (high - low) * n + self.chars[high] - self.chars[low]
        return self.by_length[low:high], cost


class Suggestions:
    """Did-you-mean hints for one run, with the work they take bounded.

    Once the run has compared :data:`SUGGESTION_BUDGET` characters, a hint lists what is
    allowed instead of searching. Problems are checked in the order they are written, so
    the first ones, which a user reads and fixes first, keep their suggestions; a profile
    with a few mistakes never comes near the bound.

    Each collection of choices is prepared once (:class:`_Choices`) and kept while the run
    hands it again, so a hint past the bound costs a lookup, not a sort of every id: the
    work grows with the references and the ids, never with their product. A collection
    is taken to stay unchanged while the run holds it, as the checks' own lists do."""

    def __init__(self, budget: int | None = SUGGESTION_BUDGET) -> None:
        self.left = budget
        """Characters still to compare; None for no bound."""
        self._held: dict[int, tuple[Collection[str], _Choices]] = {}
        """id(collection) -> the collection, held so that its id stays its own, and its
        preparation."""

    def __call__(self, value: str, choices: Iterable[str]) -> str:
        prepared = self._prepare(choices)
        near, cost = prepared.near(value)
        if self.left is None or cost <= self.left:
            if self.left is not None:
                self.left -= cost
            close = difflib.get_close_matches(value, near, n=1, cutoff=float(_CUTOFF))
            if close:
                return f"did you mean '{close[0]}'?"
        return prepared.listing

    def _prepare(self, choices: Iterable[str]) -> _Choices:
        if not isinstance(choices, Collection):  # an iterator can be read only once
            return _Choices.of(choices)
        held = self._held.get(id(choices))
        if held is not None and held[0] is choices and held[1].count == len(choices):
            return held[1]
        prepared = _Choices.of(choices)
        if len(self._held) >= _HELD:
            del self._held[next(iter(self._held))]  # the oldest
        self._held[id(choices)] = (choices, prepared)
        return prepared
