"""What only a browser shows, in real Chromium: checklists that remember, the path bar,
deep links and redirects from earlier addresses.

Uses the system's Chromium (Debian's ``chromium`` package) through Playwright. A failing
test leaves a screenshot in ``test-results/``.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = REPO / "test-results"

playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo playbook, built and served on 127.0.0.1."""
    site = tmp_path_factory.mktemp("browser") / "site"
    build(load_config(str(REPO / "mkdocs.yml"), site_dir=str(site)))
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    assert CHROMIUM.exists(), "browser tests need Debian's chromium: apt-get install chromium"
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request: pytest.FixtureRequest) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def test_ticked_checklist_survives_navigation_and_reload(page, served: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(served + "onboarding/volunteer-coordinator/")
    boxes = page.locator(".pb-checklist input[type=checkbox]")
    assert boxes.count() == 4
    # Material draws the box with a pseudo-element; click where a reader would.
    page.locator(".pb-checklist .task-list-indicator").nth(1).click(force=True)
    assert boxes.nth(1).is_checked()
    page.locator("a.pb-path__step").first.click()  # away, through the site's own link
    page.wait_for_url("**/strategy/why/")
    page.locator(".pb-pathbar a", has_text="Back to your path").click()
    page.wait_for_url("**/onboarding/volunteer-coordinator/")
    boxes = page.locator(".pb-checklist input[type=checkbox]")
    assert boxes.nth(1).is_checked() and not boxes.nth(0).is_checked()
    page.reload()
    assert page.locator(".pb-checklist input[type=checkbox]").nth(1).is_checked()


def test_path_bar_leads_through_the_path(page, served: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(served + "onboarding/volunteer-coordinator/")
    page.locator("a.pb-path__step").nth(1).click()
    page.wait_for_url("**/strategy/who/")
    bar = page.locator(".pb-pathbar")
    assert "Volunteer coordinator: step 2 of 7" in bar.inner_text()
    bar.locator("a", has_text="Next:").click()
    page.wait_for_url("**/platforms/facebook/")
    assert "step 3 of 7" in page.locator(".pb-pathbar").inner_text()


def test_deep_link_to_an_objection_is_in_view(page, served: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(served + "objections/#negative-comments")
    heading = page.locator("#negative-comments")
    playwright_api.expect(heading).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 500  # scrolled down to it, not the page top


def test_earlier_address_lands_on_the_new_page(page, served: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(served + "onboarding/volunteer-lead/")
    page.wait_for_url("**/onboarding/volunteer-coordinator/")
    assert page.title().startswith("Volunteer coordinator - ")


def test_earlier_anchor_lands_on_the_item(page, served: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(served + "objections/#shame")
    playwright_api.expect(page.locator("#dignity")).to_be_in_viewport()
