"""Browser test support: a static site served on 127.0.0.1, and Debian's Chromium
driven by Playwright. A failing test leaves a screenshot in ``test-results/``."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright import sync_api

from .conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = REPO / "test-results"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        # Nothing kept by the browser: a page rebuilt within the same second as the last
        # build would otherwise be "not modified" (Last-Modified counts whole seconds).
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """``folder`` served over HTTP on a free port of 127.0.0.1; yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def served(demo_site: Path) -> Iterator[str]:
    """The demo playbook (built once by conftest's ``demo_site``), served on 127.0.0.1."""
    with serve(demo_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[sync_api.Browser]:
    assert CHROMIUM.exists(), "browser tests need Debian's chromium: apt-get install chromium"
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: sync_api.Browser, request: pytest.FixtureRequest) -> Iterator[sync_api.Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def _rgba(css: str) -> tuple[float, float, float, float]:
    """A computed CSS colour, ``rgb(r, g, b)`` or ``rgba(r, g, b, a)``."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    assert css.startswith("rgb") and len(numbers) in (3, 4), f"not an rgb() colour: {css}"
    return numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) == 4 else 1.0


def _over(top: str, bottom: tuple[float, float, float]) -> tuple[float, float, float]:
    """The opaque colour of ``top`` drawn over ``bottom``."""
    r, g, b, alpha = _rgba(top)
    return (r * alpha + bottom[0] * (1 - alpha), g * alpha + bottom[1] * (1 - alpha),
            b * alpha + bottom[2] * (1 - alpha))


def _luminance(rgb: tuple[float, float, float]) -> float:
    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG's contrast ratio of two computed CSS colours, the foreground drawn over the
    background, and that over white (as a page is)."""
    back = _over(background, (255.0, 255.0, 255.0))
    light, dark = sorted((_luminance(_over(foreground, back)), _luminance(back)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


_PDF_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def printed_a4_pages(page: sync_api.Page) -> int:
    """How many A4 sheets the page loaded in ``page`` prints on: Chromium's own PDF of
    it under the print stylesheet, without backgrounds (as a reader's print dialog
    gives by default). Counts the PDF's ``/Type /Page`` objects, not ``/Type /Pages``."""
    page.emulate_media(media="print")
    try:
        pdf = page.pdf(format="A4", print_background=False)
    finally:
        page.emulate_media(media="null")
    return len(_PDF_PAGE.findall(pdf))


PAGE_KINDS = [
    "",
    "strategy/",
    "strategy/why/",  # a step
    "principles/",
    "platforms/",
    "platforms/facebook/",
    "objections/",
    "reading-list/",
    "onboarding/",
    "onboarding/volunteer-coordinator/",
    "onboarding/volunteer-coordinator/print/",
    "contacts/",
    "when-things-go-wrong/",
    "how-we-post/",
    "voice/",
    "workshop/",
    "workshop/why/",
    "health/",
    "tags/",
]
"""One page of every kind in the demo, for tests that look at each kind in a browser
(the step is also the page the a11y test reaches while following a role's path)."""
