"""Located diagnostics: the one way every user mistake is reported.

A diagnostic names a file, a line and a column, carries a stable code and a hint, and
prints as ``file:line:col: error: message [PBnnn]`` followed by ``  hint: ...``.
Loaders collect diagnostics rather than stopping at the first one, then raise
:class:`InputError` with all of them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


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
        head = f"{self.file}:{self.line}:{self.col}: error: {self.message} [{self.code}]"
        return f"{head}\n  hint: {self.hint}" if self.hint else head


class InputError(Exception):
    """Invalid user input: one or more diagnostics, reported together, exit code 2."""

    exit_code = 2

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = sorted(set(diagnostics))
        super().__init__(self.format_text())

    def format_text(self) -> str:
        return "\n".join(d.format_text() for d in self.diagnostics)


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """A hint naming the closest allowed value, or listing what is allowed."""
    options = sorted(set(choices))
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if not options:
        return "there is nothing to refer to here yet"
    listed = ", ".join(f"'{o}'" for o in options[:12])
    more = ", ..." if len(options) > 12 else ""
    return f"expected one of {listed}{more}"
