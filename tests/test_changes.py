"""What changed between two versions, as sentences a reader can take in."""

from __future__ import annotations

import json

from playbook_builder.inputs.loading import load_library, load_profile
from playbook_builder.playbook.changes import changes_since
from playbook_builder.playbook.snapshot import snapshot
from playbook_builder.resources import data_dir

from .conftest import EXAMPLE, MINIMAL


def test_a_value_that_ends_a_sentence_is_not_followed_by_another_full_stop() -> None:
    pb = load_profile(MINIMAL, load_library(data_dir("content")))
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
    library = load_library(data_dir("content"))
    full = snapshot(load_profile(EXAMPLE, library))
    public = snapshot(load_profile(EXAMPLE, library, public=True))
    assert (full["public"], public["public"]) == (False, True)
    changes = changes_since("2026.10", json.dumps(full), public)
    assert (changes.other_audience, changes.sections) == ("full", ())
    assert changes_since("2026.10", json.dumps(public), full).other_audience == "public"
    # Versions published before the public build existed were full ones.
    del full["public"]
    assert changes_since("2026.10", json.dumps(full), snapshot(load_profile(EXAMPLE, library))
                         ).other_audience is None
    assert "Safeguarding lead" not in json.dumps(public)
