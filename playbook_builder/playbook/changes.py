"""What changed between two published versions, in words a reader understands.

Compares two snapshots (see :mod:`snapshot`) entry by entry, matching entries by id, and
says what was added, removed or changed: the why, audiences, goals, platforms, listening,
participation, leading, objections, the reading list, roles, the voice, contacts,
scenarios of when things go wrong, standards, and the curated library's principles,
steps, questions and exercises.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

Entry = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Changes:
    """What the /changes/ page says."""

    previous_version: str
    first: bool = False
    unreadable: bool = False
    other_audience: str | None = None
    """'full' or 'public' when the previous version was built for the other audience: a
    public page must not describe what the full one had (its internal contacts, say)."""
    sections: tuple[Section, ...] = ()


def changes_since(previous_version: str, previous: str | None, current: dict[str, Any]
                  ) -> Changes:
    """The changes from the previous version's ``playbook.json`` text (None: the first)."""
    if previous is None:
        return Changes(previous_version, first=True)
    try:
        old = json.loads(previous)
        if old.get("format") != current["format"]:
            raise ValueError("another snapshot format")
        audience = _audience(old)
        if audience != _audience(current):
            return Changes(previous_version, other_audience=audience)
        return Changes(previous_version, sections=tuple(describe_changes(old, current)))
    except (ValueError, KeyError, TypeError, AttributeError):
        return Changes(previous_version, unreadable=True)


def _audience(snapshot: dict[str, Any]) -> str:
    """Whom a snapshot's version was built for; snapshots from before the public build
    existed were all full."""
    return "public" if snapshot.get("public") else "full"


# (title, where the entries are, what one is called, how to name it, its id)
_COLLECTIONS: tuple[tuple[str, Callable[[dict[str, Any]], list[Entry]], str, str, str], ...] = (
    ("Audiences", lambda s: s["profile"]["audiences"], "audience", "name", "id"),
    ("Goals", lambda s: s["profile"]["goals"], "goal", "statement", "id"),
    ("Platforms", lambda s: s["platforms"], "platform", "name", "id"),
    ("Listening", lambda s: s["profile"]["listening"], "listening plan for", "audience",
     "audience"),
    ("Leading", lambda s: s["profile"]["leading"], "initiative", "initiative", "initiative"),
    ("Objections", lambda s: s["objections"], "objection", "objection", "id"),
    ("Reading list", lambda s: s["reading"], "reading", "title", "id"),
    ("Onboarding roles", lambda s: s["profile"]["roles"], "role", "name", "id"),
    # Snapshots published before these sections existed have none of them.
    ("Who to ask", lambda s: s.get("contacts", []), "contact", "role", "id"),
    ("When things go wrong", lambda s: s.get("incidents", []), "scenario", "title", "id"),
    ("How we post", lambda s: s.get("standards", []), "standard", "title", "id"),
    ("Helplines", lambda s: s.get("place", {}).get("helplines", []), "helpline", "name",
     "name"),
    ("Principles", lambda s: s["library"]["principles"], "principle", "title", "id"),
    ("Steps", lambda s: s["library"]["steps"], "step", "title", "id"),
    ("Strategy questions", lambda s: s["library"]["questions"], "question", "question", "id"),
    ("Exercises", lambda s: s["library"]["exercises"], "exercise", "title", "id"),
)

_FIELD_WORDS = {
    "why": "why anyone should care", "cares_about": "what they care about",
    "hangs_out": "where they talk", "listen_for": "what we listen for",
    "when_right": "when the objection is right", "in_practice": "what it means in practice",
    "key_questions": "the key questions", "dont": "what we don't do", "do": "what we do",
}


def describe_changes(old: dict[str, Any], new: dict[str, Any]) -> list[Section]:
    """Every difference between ``old`` and ``new``, grouped by part of the playbook."""
    sections = []
    general = _general(old, new)
    if general:
        sections.append(Section("The playbook", tuple(map(_sentence, general))))
    for title, where, kind, label, key in _COLLECTIONS:
        lines = _compare(where(old), where(new), kind, label, key)
        if lines:
            sections.append(Section(title, tuple(map(_sentence, lines))))
    return sections


def _general(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    lines = []
    if old["title"] != new["title"]:
        lines.append(f"The title is now '{new['title']}' (it was '{old['title']}')")
    if old["profile"]["why"] != new["profile"]["why"]:
        lines.append("The answer to 'why should anyone care?' was rewritten")
    before, after = old["profile"]["organisation"], new["profile"]["organisation"]
    if before.get("voice") != after.get("voice"):
        lines.append(f"Our voice is now described as '{after.get('voice') or 'unstated'}'")
    rest = [k for k in sorted({*before, *after}) if k != "voice" and before.get(k) != after.get(k)]
    if rest:
        lines.append(f"The organisation's details changed: {_fields(before, after, rest)}")
    # Snapshots published before place facts existed recorded no number: nothing to say.
    emergency = [s["place"]["emergency"] for s in (old, new) if "place" in s]
    if len(emergency) == 2 and emergency[0] != emergency[1]:
        lines.append(f"The emergency number on the safety cards is now"
                     f" {emergency[1] or 'not given'} (it was {emergency[0] or 'not given'})")
    info_before, info_after = old["profile"]["playbook"], new["profile"]["playbook"]
    if info_before != info_after:
        lines.append(f"The playbook's details changed: {_fields(info_before, info_after)}")
    if old["profile"]["participation"] != new["profile"]["participation"]:
        changed = _fields(old["profile"]["participation"], new["profile"]["participation"])
        lines.append(f"How we take part changed: {changed}")
    return lines


def _compare(before: Sequence[Entry], after: Sequence[Entry], kind: str, label: str,
             key: str) -> list[str]:
    old = {str(e[key]): e for e in before}
    new = {str(e[key]): e for e in after}
    lines = [f"Added the {kind} '{new[k][label]}'" for k in new if k not in old]
    lines += [f"Removed the {kind} '{old[k][label]}'" for k in old if k not in new]
    lines += [f"Changed the {kind} '{new[k][label]}': {_fields(old[k], new[k])}"
              for k in new if k in old and old[k] != new[k]]
    return lines


def _sentence(text: str) -> str:
    """``text`` ended with a full stop, unless a quoted value already ends it: "... as
    'Warm and local.'" rather than "... as 'Warm and local.'."."""
    return text if re.search(r"[.!?]['\"]?$", text) else text + "."


def _fields(before: Entry, after: Entry, names: Sequence[str] | None = None) -> str:
    if names is None:
        names = [k for k in sorted({*before, *after}) if before.get(k) != after.get(k)]
    return ", ".join(_FIELD_WORDS.get(n, n.replace("_", " ")) for n in names) + " updated"
