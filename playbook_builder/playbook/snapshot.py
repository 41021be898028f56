"""The merged playbook as plain data: written into every site as ``playbook.json``.

A published version carries its snapshot, so the next publish can say what changed since
(see :mod:`changes`). Only content is recorded, in a stable order, so the same playbook
always gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from ..inputs.values import Strict
from .model import Playbook

FILE_NAME = "playbook.json"
FORMAT = 1

_LIBRARY_KINDS = ("principles", "steps", "questions", "exercises")
_AS_WRITTEN = {"schema_version", "organisation", "playbook", "why", "audiences", "goals",
               "platforms", "listening", "participation", "leading", "voice"}
"""The profile's sections recorded as the profile wrote them, named one by one: a
section added later is recorded only once someone decides it should be. The others
are recorded as merged (below), from what the merge kept."""


def snapshot(pb: Playbook) -> dict[str, Any]:
    """What the playbook says, as JSON-ready data."""
    # A public build's profile holds no internal entry (see visibility.py).
    profile = pb.profile.model_dump(mode="json", by_alias=True, include=_AS_WRITTEN)
    profile["roles"] = [r.model_dump(mode="json", by_alias=True) for r in pb.roles]

    def content(item: Strict) -> dict[str, Any]:
        dumped = item.model_dump(mode="json", by_alias=True)
        dumped.pop("schema_version", None)
        return dumped

    return {
        "format": FORMAT,
        "public": pb.public,
        "title": pb.title,
        "version": pb.profile.playbook.version,
        "profile": profile,
        "platforms": [{**content(c.guide),
                       "id": c.id, "purpose": c.purpose, "cadence": c.cadence,
                       "owner": c.owner, "audiences": [a.id for a in c.audiences],
                       "goals": [g.id for g in c.goals]} for c in pb.platforms],
        "objections": [content(o) for o in pb.objections],
        "reading": [content(r) for r in pb.reading],
        "contacts": [content(c) for c in pb.contacts],
        "incidents": [{**content(i.scenario), "tell": [c.id for c in i.tell]}
                      for i in pb.incidents],
        "approvals": None if pb.approvals is None else {
            "anyone_may_post": list(pb.approvals.anyone_may_post),
            "needs_sign_off": [{"what": r.what, "by": r.by.id if r.by else None}
                               for r in pb.approvals.needs_sign_off],
            "reply_within": pb.approvals.reply_within},
        "standards": [content(s) for s in pb.standards],
        "place": {"emergency": pb.place.emergency,
                  "helplines": [content(h) for h in pb.place.helplines],
                  "regulator": content(pb.place.regulator) if pb.place.regulator else None},
        "library": {kind: [content(item) for item in getattr(pb, kind)]
                    for kind in _LIBRARY_KINDS},
    }


def snapshot_json(data: dict[str, Any]) -> str:
    """A :func:`snapshot` as the bytes of ``playbook.json``."""
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
