"""What changed between two versions, as sentences a reader can take in."""

from __future__ import annotations

import json

from playbook_builder.pipeline import load_playbook
from playbook_builder.playbook.changes import changes_since
from playbook_builder.playbook.snapshot import snapshot

from .conftest import EXAMPLE, MINIMAL


def test_a_value_that_ends_a_sentence_is_not_followed_by_another_full_stop() -> None:
    pb = load_playbook(MINIMAL)
    before = snapshot(pb)
    after = json.loads(json.dumps(before))
    after["profile"]["organisation"]["voice"] = "Warm, plain and local."
    after["profile"]["audiences"].append({"id": "who", "name": "Who else?"})
    lines = [line for section in changes_since("1", json.dumps(before), after).sections
             for line in section.lines]
    assert "Our voice is now described as 'Warm, plain and local.'" in lines
    assert "Added the audience 'Who else?'" in lines
    assert all(not line.endswith((".'.", "?'.")) for line in lines), lines
    assert all(line.endswith((".", "'")) for line in lines), lines


def test_a_public_version_is_not_compared_with_a_full_one() -> None:
    """A public /changes/ page would otherwise say "Removed the contact 'Safeguarding
    lead'": the full version's internal values, published."""
    full = snapshot(load_playbook(EXAMPLE))
    public = snapshot(load_playbook(EXAMPLE, public=True))
    assert (full["public"], public["public"]) == (False, True)
    changes = changes_since("2026.10", json.dumps(full), public)
    assert (changes.other_audience, changes.sections) == ("full", ())
    assert changes_since("2026.10", json.dumps(public), full).other_audience == "public"
    # Versions published before the public build existed were full ones.
    del full["public"]
    assert changes_since("2026.10", json.dumps(full), snapshot(load_playbook(EXAMPLE))
                         ).other_audience is None
    assert "Safeguarding lead" not in json.dumps(public)
