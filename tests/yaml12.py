"""Reading YAML as editors and check-jsonschema do: YAML 1.2's core schema.

PyYAML reads YAML 1.1, where ``no`` is a boolean, ``1_000`` a number and ``2026-11-22`` a
date; yaml-language-server (through the `yaml` package) and check-jsonschema (through
ruamel.yaml) read YAML 1.2 by default. This is PyYAML's parser with YAML 1.2's rules.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml


class Yaml12Loader(yaml.BaseLoader):
    """PyYAML's parser with the implicit types of YAML 1.2's core schema, and no others.

    These are the core schema's rules (YAML 1.2.2, 10.3.2), as the `yaml` package that
    yaml-language-server uses implements them; an explicitly tagged value (``!!str 1``)
    is not resolved."""


_CORE = [
    ("null", r"~|null|Null|NULL|", "~nN"),
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    ("float", r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
              r"|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN", "-+.0123456789"),
]
for _tag, _pattern, _first in _CORE:
    # PyYAML picks resolvers by a value's first character, and by '' for an empty value,
    # which is null too.
    Yaml12Loader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(f"^(?:{_pattern})$"),
        [*_first, *([""] if _tag == "null" else [])])


def _scalar(node: yaml.ScalarNode) -> Any:
    text, tag = node.value, node.tag.rsplit(":", 1)[-1]
    if tag == "null":
        return None
    if tag == "bool":
        return text.lower() == "true"
    if tag == "int":
        if text.startswith(("0o", "0x")):
            return int(text[2:], 8 if text[1] == "o" else 16)
        return int(text)
    if tag == "float":
        special = text.lower().lstrip("+-")
        if special in (".inf", ".nan"):
            return float(("-" if text.startswith("-") else "") + special[1:])
        return float(text)
    return text  # text, or a value under a tag an editor does not know: kept as written


def plain(node: yaml.Node) -> Any:
    """The node as JSON data, as an editor hands it to the schema (keys are text)."""
    if isinstance(node, yaml.MappingNode):
        return {str(key.value): plain(value) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [plain(item) for item in node.value]
    return _scalar(node)


def as_editors_read(path: Path) -> tuple[bool, Any]:
    """(True, data) as a YAML 1.2 reader sees the file, or (False, None) if it is not
    YAML to it (not UTF-8, a syntax error)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else (
            raw.decode("utf-8-sig"))
        node = yaml.compose(text, Loader=Yaml12Loader)
    except (UnicodeDecodeError, yaml.YAMLError):
        return False, None
    return True, None if node is None else plain(node)
