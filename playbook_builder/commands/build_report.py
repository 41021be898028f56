"""A build that MkDocs itself stops, reported in the format the command was asked for.

Under ``--format json`` (or ``github``) a CI job reads what the command prints. When
MkDocs stops a build (a warning under ``--strict``, a broken page, a plugin's error), it
logs its reasons and raises; in text they are on the terminal already, but a JSON reader
got nothing at all. Here every warning and error MkDocs logged while building becomes a
diagnostic of the configuration file (PB301), printed in the chosen format, and the
command exits with 1, as a failed build does.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..inputs.diagnostics import Diagnostic, printable
from ..inputs.loading import display_path
from .problems import Invalid

CODE = "PB301"
HINT = ("fix what MkDocs names, then build again; without --format, the command prints"
        " MkDocs' own log")


class BuildFailed(Invalid):
    """MkDocs stopped the build: its reasons, as diagnostics (exit code 1), in the order
    MkDocs gave them, the reason it stopped last."""

    exit_code = 1

    def __init__(self, diagnostics: list[Diagnostic], fmt: str) -> None:
        super().__init__(diagnostics, fmt)
        self.diagnostics = diagnostics


class _Collected(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def reported_as(fmt: str, config_file: Path) -> Iterator[None]:
    """Run a build; if MkDocs stops it and ``fmt`` is not text, raise
    :class:`BuildFailed` with what MkDocs logged."""
    if fmt == "text":
        yield
        return
    from mkdocs.exceptions import MkDocsException

    collected = _Collected()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collected)
    try:
        yield
    except MkDocsException as exc:
        # What the engine located itself (Zensical names the page, line and column)...
        located: list[Diagnostic] = getattr(exc, "diagnostics", [])
        # ... then what it logged, and why it stopped, as problems of the configuration.
        reasons = [*collected.messages, exc.format_message().split("\n", 1)[0]] if located \
            else [*collected.messages, exc.format_message()]
        where = display_path(config_file)
        raise BuildFailed([*located, *(
            Diagnostic(where, 1, 1, CODE, _one_line(reason), HINT)
            for reason in dict.fromkeys(filter(None, map(str.strip, reasons))))],
            fmt) from None
    finally:
        logger.removeHandler(collected)


def _one_line(text: str) -> str:
    """MkDocs' message on one line: a list it gives over several lines is joined."""
    return printable(" ".join(text.split()))
