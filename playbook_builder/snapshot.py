"""The merged playbook as plain data: written into every site as ``playbook.json``.

A published version carries its snapshot, so the next publish can say what changed since
(see :mod:`changes`). Only content is recorded, in a stable order, so the same playbook
always gives the same bytes.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the plugin imports this module without the core's models
    from .playbook import Playbook

FILE_NAME = "playbook.json"
FORMAT = 1

_LIBRARY_KINDS = ("principles", "steps", "questions", "exercises")


def snapshot(pb: Playbook) -> dict[str, Any]:
    """What the playbook says, as JSON-ready data."""
    # Only what the pages show: the owner's address, for one, is not published.
    profile = pb.profile.model_dump(mode="json", exclude={
        "objections": True, "reading_list": True, "playbook": {"owner"}})
    return {
        "format": FORMAT,
        "title": pb.title,
        "version": pb.profile.playbook.version,
        "profile": profile,
        "platforms": [{**c.guide.model_dump(mode="json", exclude={"schema_version"}),
                       "id": c.id, "purpose": c.purpose, "cadence": c.cadence,
                       "owner": c.owner, "audiences": [a.id for a in c.audiences],
                       "goals": [g.id for g in c.goals]} for c in pb.platforms],
        "objections": [o.model_dump(mode="json", exclude={"schema_version"})
                       for o in pb.objections],
        "reading": [r.model_dump(mode="json", exclude={"schema_version"}) for r in pb.reading],
        "library": {kind: [item.model_dump(mode="json", exclude={"schema_version"})
                           for item in getattr(pb, kind)] for kind in _LIBRARY_KINDS},
    }


def snapshot_json(pb: Playbook) -> str:
    return json.dumps(snapshot(pb), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
