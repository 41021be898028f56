"""Accessibility: axe-core, in real Chromium, on every kind of page of the demo playbook.

A page fails on any violation axe rates critical or serious, except the few that come
from Material's own templates, which we do not override; each is listed below with its
reason. axe-core is an npm package, pinned in tests/a11y/package-lock.json; install it
with ``npm ci --prefix tests/a11y`` (.ci/run does) before running these tests.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright import sync_api

from .browser import PAGE_KINDS, serve
from .conftest import REPO

pytestmark = pytest.mark.browser

AXE = REPO / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
AXE_INSTALL = "npm ci --prefix tests/a11y"

BLOCKING = ("critical", "serious")

# (axe rule, regular expression for the node's CSS selector, why it is not ours to fix)
MATERIAL_KNOWN = [
    ("aria-dialog-name", r"\.md-search",
     "Material's search (partials/search.html) is a role=dialog without a name"),
]



@functools.cache
def axe_source() -> str:
    """axe-core's script. Missing, it fails the test (a skip would hide that nothing was
    checked)."""
    if not AXE.is_file():
        pytest.fail(f"axe-core is not installed: run `{AXE_INSTALL}` ({AXE} is missing)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def served(demo_site: Path) -> Iterator[str]:
    with serve(demo_site) as url:
        yield url


def known(rule: str, target: str) -> bool:
    return any(rule == r and re.fullmatch(pattern, target) for r, pattern, _ in MATERIAL_KNOWN)


def blocking_violations(page: sync_api.Page) -> list[str]:
    """Each critical or serious violation on the page, but Material's known ones."""
    page.add_script_tag(content=axe_source())
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    found = []
    for violation in results["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            if not known(violation["id"], target):
                summary = node["failureSummary"].replace("\n", " ")
                found.append(f"{violation['id']} ({violation['impact']}) at {target}: {summary}")
    return found


@pytest.mark.parametrize("path", PAGE_KINDS, ids=lambda p: p.strip("/").replace("/", "-") or "home")
def test_page_has_no_serious_violations(page: sync_api.Page, served: str, path: str) -> None:
    if path == "strategy/why/":
        page.goto(served + "onboarding/volunteer-coordinator/")  # starts the path
    page.goto(served + path)
    if path == "strategy/why/":
        sync_api.expect(page.locator(".pb-pathbar")).to_be_visible()
    violations = blocking_violations(page)
    assert not violations, "\n".join(violations)
