"""Golden tests of the generated Markdown (not the theme's HTML).

Regenerate after an intended change with: PLAYBOOK_UPDATE_GOLDEN=1 pytest tests/test_golden.py
and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from playbook_builder.inputs.library import Library
from playbook_builder.pipeline import load_playbook
from playbook_builder.site.render import render_site

from .conftest import MINIMAL

GOLDEN = Path(__file__).resolve().parent / "golden"


def golden_name(src: str) -> str:
    return src.replace("/", "__")


@pytest.fixture(scope="module")
def rendered(library: Library) -> dict[str, str]:
    return {p.src: p.markdown for p in render_site(load_playbook(MINIMAL))}


def test_golden_pages(rendered: dict[str, str]) -> None:
    if os.environ.get("PLAYBOOK_UPDATE_GOLDEN"):
        for old in GOLDEN.glob("*.md"):
            old.unlink()
        for src, text in rendered.items():
            (GOLDEN / golden_name(src)).write_text(text, encoding="utf-8")
    expected = {p.name: p.read_text(encoding="utf-8") for p in GOLDEN.glob("*.md")}
    actual = {golden_name(src): text for src, text in rendered.items()}
    assert sorted(actual) == sorted(expected)
    for name, text in actual.items():
        assert text == expected[name], f"{name} differs from its golden file"


def test_rendering_is_deterministic(digests_across_hash_seeds: list[dict[str, str]]) -> None:
    assert len({d["render"] for d in digests_across_hash_seeds}) == 1


def test_the_determinism_checks_would_see_an_order_taken_from_a_set() -> None:
    from .conftest import across_hash_seeds

    orders = across_hash_seeds("print(list({'why', 'who', 'listen', 'participate', 'lead'}))")
    assert len(set(orders)) > 1


def test_a_pages_own_headings_are_the_anchors_ids_may_not_take(library: Library) -> None:
    """PAGE_ANCHORS, which the profile's ids are checked against, names every anchor the
    how-we-post and objections templates give headings of their own."""
    import re

    from playbook_builder.inputs.references import PAGE_ANCHORS

    from .conftest import EXAMPLE

    pb = load_playbook(EXAMPLE)
    pages = {p.src: p.markdown for p in render_site(pb)}

    def own(src: str, items: tuple[Any, ...]) -> set[str]:
        ids = {name for item in items for name in (item.id, *item.aliases)}
        return set(re.findall(r"\{#([a-z0-9-]+)\}", pages[src])) - ids

    fixed, _ = PAGE_ANCHORS["standards"]
    assert own("how-we-post.md", pb.standards) == fixed
    _, prefix = PAGE_ANCHORS["objections"]
    topics = own("objections.md", pb.objections)
    assert topics and all(anchor.startswith(prefix) for anchor in topics)
