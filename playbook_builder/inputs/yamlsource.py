"""Strict YAML loading that remembers where every key and value came from.

Profiles are written by people, not programs, so the loader is deliberately narrower than
YAML: every scalar stays the exact text that was typed (no YAML 1.1 ``NO`` -> ``False`` or
``1.10`` -> ``1.1``), duplicate keys, tags, anchors and aliases are refused, and the
file's size and encoding are checked before the parser sees it. The result is plain
``dict``/``list``/``str`` data plus a table of source positions, so later stages can point
at the exact line and column of a bad value.
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml

from .diagnostics import Diagnostic, InputError, shortened
from .files import NotRegularFile, TooLarge, read_limited

try:  # libyaml's parser is several times faster; fall back where it is not built.
    _Loader: type = yaml.CBaseLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.BaseLoader

MAX_BYTES = 1_000_000
"""Largest input file accepted; checked before reading, so a huge file costs nothing, and
no more than this is ever read (see :mod:`files`)."""

MAX_DEPTH = 40
"""Deepest nesting accepted; a profile needs five or six levels."""

_PLAIN_TAGS = frozenset(
    {"tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
)

Loc = tuple[str | int, ...]

# How YAML 1.2's core schema, which editors (yaml-language-server) and check-jsonschema
# use, reads an unquoted value: "~", "null", "true", "1.10", "0x1F" and ".inf" are not text
# to them. YAML 1.1's "yes", "no", "on" and "off" are text in YAML 1.2.
_CORE_TYPE = re.compile(r"""
    (?P<null>~|null|Null|NULL)
  | (?P<boolean>true|True|TRUE|false|False|FALSE)
  | (?P<number>[-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+
      | [-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?
      | [-+]?\.(?:inf|Inf|INF) | \.nan | \.NaN | \.NAN)
""", re.VERBOSE)


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded YAML file: its data and where each part of it was written."""

    file: str
    data: Any
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    types: dict[Loc, str] = field(default_factory=dict)
    """How a YAML 1.2 reader types the values that are not plainly text to it: 'null',
    'boolean' or 'number' for an unquoted one, and 'string' for one in quotes (or a block,
    or tagged ``!!str``) that would be a number without them. Every other value, and an
    empty one, is left out: it is text, or nothing, to every reader alike."""

    def position(self, loc: Loc, *, at_key: bool = False) -> tuple[int, int]:
        """The 1-based line and column of ``loc``, or of its nearest written ancestor."""
        if not at_key and loc in self.values:
            return self.values[loc]
        for n in range(len(loc), 0, -1):
            part = loc[:n]
            if part in self.keys:
                return self.keys[part]
            if part in self.values:
                return self.values[part]
        return self.values.get((), (1, 1))

    def diagnostic(
        self, loc: Loc, code: str, message: str, hint: str = "", *, at_key: bool = False
    ) -> Diagnostic:
        line, col = self.position(loc, at_key=at_key)
        return Diagnostic(self.file, line, col, code, message, hint)


def load_yaml(path: Path, display: str | None = None) -> Document:
    """Read ``path`` strictly. Raises :class:`InputError` listing every problem found."""
    name = display or str(path)
    text = _decode(name, _read_bytes(path, name))
    lines = _Lines(text)
    _refuse_anchors(name, text, lines)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise InputError([_syntax_diagnostic(name, lines, exc)]) from None
    except yaml.reader.ReaderError as exc:
        raise InputError([_reader_diagnostic(name, text, lines, exc)]) from None
    if not isinstance(node, yaml.MappingNode):
        raise InputError([_not_a_mapping(name, lines, node)])
    builder = _Builder(name, lines)
    data = builder.convert(node, ())
    if builder.problems:
        raise InputError(builder.problems)
    return Document(name, data, builder.keys, builder.values, builder.types)


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        return read_limited(path, MAX_BYTES)
    except TooLarge as exc:
        raise InputError([Diagnostic(
            name, 1, 1, "PB008", f"file is too large ({exc.size:,} bytes)",
            f"a profile or library file may be at most {MAX_BYTES:,} bytes",
        )]) from None
    except NotRegularFile as exc:
        raise InputError([Diagnostic(
            name, 1, 1, "PB001", f"not a regular file but {exc.kind}",
            "name a YAML file; named pipes, devices and sockets are never read",
        )]) from None
    except FileNotFoundError:
        raise InputError([Diagnostic(
            name, 1, 1, "PB001", "file not found", "check the path and the current folder"
        )]) from None
    except OSError as exc:
        raise InputError([Diagnostic(
            name, 1, 1, "PB001", f"cannot read file ({exc.strerror})", "name a readable YAML file"
        )]) from None


def _decode(name: str, raw: bytes) -> str:
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise InputError([Diagnostic(name, 1, 1, "PB007", "the file is UTF-32 text",
                                     "save the file as UTF-8")])
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError([Diagnostic(name, 1, 1, "PB007", "invalid UTF-16 text",
                                         "save the file as UTF-8")]) from None
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    wide = _wide_encoding(raw)
    if wide is not None:
        raise InputError([Diagnostic(
            name, 1, 1, "PB007", f"the file looks like {wide} text without a byte order mark",
            "save the file as UTF-8" + ("; some editors call UTF-16 'Unicode'"
                                        if wide == "UTF-16" else ""),
        )])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError([Diagnostic(
            name, line, col, "PB007", f"invalid UTF-8 (byte 0x{raw[exc.start]:02x})",
            "save the file as UTF-8",
        )]) from None


_SAMPLE = 4096
"""Bytes looked at to tell the encoding; a multiple of four."""


def _wide_encoding(raw: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' when ``raw``, which has no byte order mark, looks like it.

    Every key, id and indent of a profile is ASCII, which takes one byte in UTF-8 but
    comes with NUL bytes in the wider encodings: UTF-32 puts two in every four bytes,
    UTF-16 one in every other byte, on the same side each time. UTF-8 text holds no NUL
    (YAML forbids it): a stray one is left to be reported as a character of its own."""
    sample = raw[:_SAMPLE]
    units = len(sample) // 4
    if units and any(sample[i::4].count(0) == sample[j::4].count(0) == units
                     for i, j in ((2, 3), (0, 1))):  # little- or big-endian
        return "UTF-32"
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    for nuls, elsewhere in ((odd, even), (even, odd)):
        # Text all in another alphabet has fewer NULs, and U+0100, U+0400 and the
        # like put one on the other side.
        if nuls >= max(2, len(sample) // 32) and elsewhere * 8 <= nuls:
            return "UTF-16"
    return None


# YAML also ends a line at U+0085, U+2028 and U+2029, which editors and CI annotations
# show inside a line; only \n, \r\n and \r count here.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")


class _Mark(Protocol):
    """Where the parser is: the pure-Python and the C parser each have their own class."""

    line: int
    column: int
    index: int


class _Lines:
    """The text's lines, and where a character offset or a parser's mark is in them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
        self.parser_agrees = not _YAML_ONLY_BREAKS.search(text)

    def line(self, number: int) -> str:
        """Line ``number`` (1-based) without its line break; '' past the end."""
        if not 0 < number <= len(self.starts):
            return ""
        end = self.starts[number] if number < len(self.starts) else len(self.text)
        return self.text[self.starts[number - 1]:end].rstrip("\r\n")

    def at(self, mark: _Mark | None) -> tuple[int, int]:
        """The 1-based line and column of ``mark``."""
        if mark is None:
            return 1, 1
        if self.parser_agrees:
            return mark.line + 1, mark.column + 1
        return self.of_offset(mark.index)

    def of_offset(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def _refuse_anchors(name: str, text: str, lines: _Lines) -> None:
    """Anchors and aliases are refused before composing, so an alias bomb costs nothing."""
    if "&" not in text and "*" not in text:
        return
    problems = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            mark = event.start_mark
            if mark and (isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None)):
                problems.append(Diagnostic(
                    name, *lines.at(mark), "PB005",
                    "YAML anchors and aliases (&name, *name) are not supported",
                    "write the value out in full where it is needed",
                ))
    except (yaml.MarkedYAMLError, yaml.reader.ReaderError):
        return  # composing reports the error with its position
    if problems:
        raise InputError(problems)


_TAB_INDENT = re.compile(r"^ *\t")


def _syntax_diagnostic(name: str, lines: _Lines, exc: yaml.MarkedYAMLError) -> Diagnostic:
    quote = _unclosed_quote(name, lines, exc)
    if quote is not None:
        return quote
    line, col = lines.at(exc.problem_mark or exc.context_mark)
    for number in (line, line - 1):
        if _TAB_INDENT.match(lines.line(number)):
            tab = lines.line(number).index("\t") + 1
            return Diagnostic(
                name, number, tab, "PB002", "tab character in indentation",
                "indent with spaces; YAML does not allow tabs there",
            )
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    if problem == "mapping values are not allowed in this context":
        # Almost always a sentence with ": " in it, which YAML reads as a second key.
        return Diagnostic(
            name, line, col, "PB002", "invalid YAML: a ': ' inside text starts a new key",
            "put the whole text in quotes, or write it on the next lines after '>'",
        )
    return Diagnostic(
        name, line, col, "PB002", f"invalid YAML: {problem}",
        "check the indentation and quoting on this line and the one before it",
    )


# What the scanner says when a quoted value runs into the end of the file or into a
# '---' or '...' line: the Python parser's words, then libyaml's.
_UNCLOSED = ("found unexpected end of stream", "found unexpected document separator",
             "found unexpected document indicator")
_QUOTES = {'"': ('double quote (")', '\\"'), "'": ("single quote (')", "''")}
"""A quote -> its name, and how a value in such quotes holds one."""


def _unclosed_quote(name: str, lines: _Lines, exc: yaml.MarkedYAMLError) -> Diagnostic | None:
    """A quote left open, located where it opens rather than where the parser gave up.

    Left open, a quote takes in the lines after it: up to the end of the file (the
    parser's ``context_mark`` is the quote), or up to the next quote of its kind, after
    which the rest of that line makes no sense to the parser. In that second case the
    error comes right where the quoted value, begun on an earlier line, ends."""
    if exc.context == "while scanning a quoted scalar" and exc.problem in _UNCLOSED:
        line, col = lines.at(exc.context_mark)
        quote = lines.line(line)[col - 1:col]
        if quote not in _QUOTES:
            return None
        what, inside = _QUOTES[quote]
        return Diagnostic(name, line, col, "PB002",
                          f"invalid YAML: the {what} opened here is never closed",
                          f"end the value with a closing {quote}; write {inside} for a"
                          f" {quote} inside it")
    quoted, after = _scalars_around(lines.text, exc.problem_mark)
    if quoted is None or quoted.style not in _QUOTES or after is None:
        return None
    quote = quoted.style
    (line, col), (end_line, end_col) = lines.at(quoted.start_mark), lines.at(quoted.end_mark)
    # Over lines, and what follows on its last line is text with the quote meant to
    # close it: a value over two lines that ends well is left to the parser's message.
    if (line == end_line or lines.at(after.start_mark)[0] != end_line or after.style
            or quote not in after.value):
        return None
    return Diagnostic(
        name, line, col, "PB002",
        f"invalid YAML: the {_QUOTES[quote][0]} opened here is closed only on line"
        f" {end_line}, column {end_col - 1}",
        f"end the value with {quote} on this line; left open, a quote takes in the lines"
        f" after it up to the next {quote}",
    )


def _scalars_around(
    text: str, mark: _Mark | None
) -> tuple[yaml.ScalarToken | None, yaml.ScalarToken | None]:
    """The values the scanner reads right before ``mark`` and at it, where those are
    the tokens there."""
    if mark is None:
        return None, None
    before = at = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.index >= mark.index:
                at = token
                break
            before = token
    except (yaml.MarkedYAMLError, yaml.reader.ReaderError):
        pass
    if not isinstance(before, yaml.ScalarToken) or before.end_mark.index > mark.index:
        before = None
    return before, at if isinstance(at, yaml.ScalarToken) else None


def _reader_diagnostic(
    name: str, text: str, lines: _Lines, exc: yaml.reader.ReaderError
) -> Diagnostic:
    """A character YAML does not allow at all, such as NUL, located by its offset."""
    line, col = lines.of_offset(min(exc.position, len(text)))
    char = exc.character if isinstance(exc.character, str) else chr(exc.character)
    return Diagnostic(
        name, line, col, "PB007", f"the character U+{ord(char):04X} is not allowed in YAML",
        "delete it; it often comes along when text is copied from another program",
    )


def _not_a_mapping(name: str, lines: _Lines, node: yaml.Node | None) -> Diagnostic:
    kind = {yaml.SequenceNode: "a list", yaml.ScalarNode: "a single value"}
    found = "nothing" if node is None else kind.get(type(node), "something else")
    line, col = lines.at(node.start_mark if node is not None else None)
    return Diagnostic(
        name, line, col, "PB006", f"expected a mapping of keys to values, found {found}",
        "start the file with 'schema_version: 1' and the top-level keys",
    )


class _Builder:
    """Turns a composed node tree into plain data, noting positions and problems."""

    def __init__(self, name: str, lines: _Lines) -> None:
        self.name = name
        self.lines = lines
        self.keys: dict[Loc, tuple[int, int]] = {}
        self.values: dict[Loc, tuple[int, int]] = {}
        self.types: dict[Loc, str] = {}
        self.problems: list[Diagnostic] = []

    def convert(self, node: yaml.Node, loc: Loc) -> Any:
        self.values[loc] = self.lines.at(node.start_mark)
        if len(loc) > MAX_DEPTH:
            self._problem(node, "PB002", f"nested more than {MAX_DEPTH} levels deep",
                          "a profile needs only a few levels; check the indentation")
            return None
        if node.tag not in _PLAIN_TAGS:
            self._problem(node, "PB004", f"YAML tag '{shortened(node.tag)}' is not allowed",
                          "remove the tag; values are always plain text")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*loc, i)) for i, item in enumerate(node.value)]
        typed = self._core_type(node) if isinstance(node, yaml.ScalarNode) and node.value else None
        if typed is not None:
            self.types[loc] = typed
        return node.value

    def _core_type(self, node: yaml.ScalarNode) -> str | None:
        """The YAML 1.2 type of a scalar that is not plainly text; see Document.types."""
        found = _CORE_TYPE.fullmatch(node.value)
        if found is None:
            return None
        # The parsers mark a plain scalar's style as None (Python) or '' (libyaml); a tag,
        # which can only be !!str here, starts where the value does.
        if node.style or self.lines.text[node.start_mark.index] == "!":
            return "string" if found.lastgroup == "number" else None
        return found.lastgroup

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                self._problem(key_node, "PB002", "a key must be plain text",
                              "write the key as a single word followed by ':'")
                continue
            key = key_node.value
            if key in result:
                first = self.keys[(*loc, key)]
                self._problem(
                    key_node, "PB003",
                    f"duplicate key '{shortened(key)}' (first at line {first[0]})",
                    "keep one of them; YAML would silently use only the last",
                )
                continue
            self.keys[(*loc, key)] = self.lines.at(key_node.start_mark)
            result[key] = self.convert(value_node, (*loc, key))
        return result

    def _problem(self, node: yaml.Node, code: str, message: str, hint: str) -> None:
        line, col = self.lines.at(node.start_mark)
        self.problems.append(Diagnostic(self.name, line, col, code, message, hint))
