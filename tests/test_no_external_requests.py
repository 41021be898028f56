"""An internal playbook asks no other host for anything: every request a page of the demo
makes in Chromium, its search included, goes to the server the site is served from, and
no page's HTML names Google Fonts or the GitHub API. Also how many A4 sheets a role's
printable path takes. (Fixtures in browser.py and conftest.py.)"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright import sync_api

from .browser import PAGE_KINDS, printed_a4_pages

pytestmark = pytest.mark.browser

# Hosts a built page must never name: web fonts, and the repository facts Material
# fetches when repo_url is a GitHub address.
FORBIDDEN_IN_HTML = ("fonts.googleapis.com", "fonts.gstatic.com", "api.github.com")

FRONT_DOOR_PRINT = "onboarding/front-door-volunteer/print/"
# The most A4 sheets the front-door volunteer's printable path should take: four items,
# one of them the card for someone at risk, with its numbers, a step on reporting a
# serious incident and whom to tell (two sheets before the card gave numbers).
FRONT_DOOR_PRINT_PAGES_MAX = 3


class Requests:
    """Every request the page makes, from the moment it is watched. A request to another
    host is recorded and then refused, so that the test never waits on the network."""

    def __init__(self, page: sync_api.Page, served: str) -> None:
        self.origin = urlsplit(served).netloc
        self.urls: list[str] = []
        page.on("request", lambda request: self.urls.append(request.url))
        page.route("**/*", self._only_local)

    def _only_local(self, route: sync_api.Route) -> None:
        if self.host(route.request.url) in (None, self.origin):
            route.fallback()
        else:
            route.abort("blockedbyclient")

    def host(self, url: str) -> str | None:
        """The host:port a request went to; for a ``blob:`` URL, that of its origin;
        None for a ``data:`` URL, which goes nowhere."""
        parts = urlsplit(url)
        if parts.scheme == "data":
            return None
        if parts.scheme == "blob":
            return self.host(url.removeprefix("blob:"))
        return parts.netloc

    def elsewhere(self) -> list[str]:
        """The requests that went to any host but the test server."""
        return [url for url in self.urls if self.host(url) not in (None, self.origin)]


def visit(page: sync_api.Page, url: str) -> None:
    """Loads the page and waits until nothing has been asked for half a second, so that
    requests made by its scripts after loading are seen too."""
    page.goto(url, wait_until="networkidle")


def site_pages(site: Path) -> list[str]:
    """Every page of the built site: each address in its sitemap.xml, then each HTML file
    the sitemap leaves out (redirects from earlier addresses, the 404 page)."""
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    paths = [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]*)</loc>", sitemap)]
    assert paths, "the sitemap lists no page"
    # site_url's path, which every address starts with (the home page's is just that)
    base = posixpath.commonpath(paths).rstrip("/") + "/"
    listed = [path.removeprefix(base) for path in paths]
    files = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    others = [name.removesuffix("index.html") for name in files]
    return listed + [url for url in others if url not in listed]


@pytest.mark.parametrize("url", PAGE_KINDS)
def test_each_kind_of_page_asks_only_its_own_server(page: sync_api.Page, served: str,
                                                    url: str) -> None:
    requests = Requests(page, served)
    visit(page, served + url)
    assert requests.urls, "no request was seen"
    elsewhere = requests.elsewhere()
    assert not elsewhere, f"/{url} asked other hosts for {elsewhere}"


def test_every_page_of_the_site_asks_only_its_own_server(
    page: sync_api.Page, served: str, demo_site: Path
) -> None:
    pages = site_pages(demo_site)
    assert set(PAGE_KINDS) <= set(pages), "a kind of page above is no longer in the site"
    assert FRONT_DOOR_PRINT in pages
    requests = Requests(page, served)
    asked: dict[str, list[str]] = {}
    for url in pages:
        if url in PAGE_KINDS:
            continue
        visit(page, served + url)
        asked[url] = requests.elsewhere()
        requests.urls.clear()
    assert len(asked) >= 10  # the other steps, platforms, roles, printable paths...
    elsewhere = {url: found for url, found in asked.items() if found}
    assert not elsewhere, f"pages that asked other hosts: {elsewhere}"


def test_search_asks_only_its_own_server(page: sync_api.Page, served: str) -> None:
    """Search loads a worker and the site's index when the reader first types."""
    requests = Requests(page, served)
    visit(page, served)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("volunteers", delay=10)
    page.locator("a.md-search-result__link").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert any(urlsplit(url).path.endswith("/search_index.json") for url in requests.urls)
    elsewhere = requests.elsewhere()
    assert not elsewhere, f"search asked other hosts for {elsewhere}"


def test_no_page_names_web_fonts_or_the_github_api(demo_site: Path) -> None:
    pages = sorted(demo_site.rglob("*.html"))
    assert len(pages) > 15
    found = {(path.relative_to(demo_site).as_posix(), host)
             for path in pages for host in FORBIDDEN_IN_HTML
             if host in path.read_text("utf-8")}
    assert not found, f"pages that name these hosts: {sorted(found)}"


def test_the_demo_shows_no_repository_or_edit_links(demo_site: Path) -> None:
    """The demo has no repository of its own: a repository link in the header or an edit
    button on a page would point nowhere."""
    for path in sorted(demo_site.rglob("*.html")):
        html = path.read_text("utf-8")
        assert 'class="md-source"' not in html, path
        assert "md-content__button" not in html, path


def test_front_door_print_page_count(page: sync_api.Page, served: str) -> None:
    visit(page, served + FRONT_DOOR_PRINT)
    pages = printed_a4_pages(page)
    print(f"{FRONT_DOOR_PRINT} prints on {pages} A4 pages")
    assert pages > 0


def test_front_door_print_fits_its_budget(page: sync_api.Page, served: str) -> None:
    visit(page, served + FRONT_DOOR_PRINT)
    pages = printed_a4_pages(page)
    assert pages <= FRONT_DOOR_PRINT_PAGES_MAX
