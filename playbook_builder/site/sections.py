"""Pieces of generated Markdown: an item's section, a page's body, reading time.

Onboarding needs these to estimate how long each step of a role's path takes to read and
to gather the whole path onto one printable page. Headings we generate end in ``{#id}``,
so an item's section runs from its heading to the next heading of the same or a higher
level.
"""

from __future__ import annotations

import math
import posixpath
import re

WORDS_PER_MINUTE = 200

_HEADING = re.compile(r"^(#{1,6}) (.*?)(?: \{#([a-z0-9-]+)\})?$", re.M)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n+", re.S)
_MARKUP = re.compile(r"<[^>]+>|\{#[a-z0-9-]+\}|\]\([^)]*\)|[\\*_#>|!\[\]-]")


def body(markdown: str) -> str:
    """A page without its front matter and its title."""
    text = _FRONT_MATTER.sub("", markdown)
    return re.sub(r"\A# .*\n+", "", text)


def section(markdown: str, anchor: str) -> str:
    """The content under the heading whose id is ``anchor``, without the heading."""
    return sections(markdown).get(anchor, "")


def sections(markdown: str) -> dict[str, str]:
    """The content under every heading with an id, by id, found in one pass: a page of
    thousands of items costs no more per item than a page of ten."""
    found: dict[str, str] = {}
    open_headings: list[tuple[int, str | None, int]] = []  # level, id, where content starts

    def close(end: int, level: int) -> None:
        while open_headings and open_headings[-1][0] >= level:
            _, anchor, start = open_headings.pop()
            if anchor is not None and anchor not in found:
                found[anchor] = markdown[start:end].strip("\n") + "\n"

    for heading in _HEADING.finditer(markdown):
        level = len(heading.group(1))
        close(heading.start(), level)
        open_headings.append((level, heading.group(3), heading.end()))
    close(len(markdown), 0)
    return found


def demote(markdown: str, levels: int) -> str:
    """Headings pushed down ``levels`` levels and stripped of their ids, so that several
    pages can share one page without clashing anchors."""
    def lower(match: re.Match[str]) -> str:
        hashes = "#" * min(6, len(match.group(1)) + levels)
        return f"{hashes} {match.group(2)}"

    return _HEADING.sub(lower, markdown)


_LINK = re.compile(r"(?<!\\)\]\(([^)\s:#]+\.md)(#[a-z0-9-]*)?\)")


def rebase_links(markdown: str, from_src: str, to_src: str) -> str:
    """Relative links of a page at ``from_src``, rewritten to work from ``to_src``."""
    here, there = posixpath.dirname(from_src), posixpath.dirname(to_src) or "."

    def move(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(here, match.group(1)))
        return f"]({posixpath.relpath(target, there)}{match.group(2) or ''})"

    return _LINK.sub(move, markdown)


def minutes(markdown: str) -> int:
    """Estimated reading time, in whole minutes (at least one)."""
    words = len(_MARKUP.sub(" ", markdown).split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
