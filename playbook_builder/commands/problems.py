"""How the command's problems end: each kind of mistake an exception that knows its exit
code and how to show itself (as click's own do). Light to import: every command uses it.
"""

from __future__ import annotations

from typing import Any

import click

from ..inputs.diagnostics import Diagnostic, InputError, format_diagnostics
from .output import OutputError

EXIT_INVALID = 2


class UsageProblem(click.ClickException):
    """A mistake in how the command was called or configured (exit code 2)."""

    exit_code = EXIT_INVALID


class Invalid(click.ClickException):
    """Invalid input, reported as diagnostics in the chosen format (exit code 2)."""

    exit_code = EXIT_INVALID

    def __init__(self, diagnostics: list[Diagnostic], fmt: str) -> None:
        self.diagnostics = InputError(diagnostics).diagnostics
        self.fmt = fmt
        super().__init__(format_diagnostics(self.diagnostics, "text"))

    def show(self, file: Any = None) -> None:
        report = format_diagnostics(self.diagnostics, self.fmt)
        click.echo(report, err=self.fmt == "text")


def output_problem(exc: OutputError) -> click.ClickException:
    """A folder that cannot be used exits with 2; a full disk, or a lock held, with 1."""
    kind = UsageProblem if exc.exit_code == EXIT_INVALID else click.ClickException
    return kind(str(exc))
