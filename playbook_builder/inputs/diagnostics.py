"""Located diagnostics: the one way every user mistake is reported.

A diagnostic names a file, a line and a column, carries a stable code and a hint, and
prints as ``file:line:col: error: message [PBnnn]`` followed by ``  hint: ...``.
Loaders collect diagnostics rather than stopping at the first one, then raise
:class:`InputError` with all of them.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

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


SUGGESTION_BUDGET = 200_000
"""Characters one run's did-you-mean searches may compare. A search compares the value
with every allowed one, at about a microsecond per character: a thousand broken
references among a thousand ids would take half a minute, this a fifth of a second."""


class Suggestions:
    """Did-you-mean hints for one run, with the work they take bounded.

    Once the run has compared :data:`SUGGESTION_BUDGET` characters, a hint lists what is
    allowed instead of searching. Problems are checked in the order they are written, so
    the first ones, which a user reads and fixes first, keep their suggestions; a profile
    with a few mistakes never comes near the bound."""

    def __init__(self, budget: int | None = SUGGESTION_BUDGET) -> None:
        self.left = budget
        """Characters still to compare; None for no bound."""

    def __call__(self, value: str, choices: Iterable[str]) -> str:
        options = sorted(set(choices))
        cost = len(options) * len(value) + sum(map(len, options))
        if self.left is None or cost <= self.left:
            if self.left is not None:
                self.left -= cost
            close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
            if close:
                return f"did you mean '{close[0]}'?"
        if not options:
            return "there is nothing to refer to here yet"
        listed = ", ".join(f"'{o}'" for o in options[:12])
        more = ", ..." if len(options) > 12 else ""
        return f"expected one of {listed}{more}"
