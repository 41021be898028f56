"""Accessibility: axe-core, in real Chromium, on every kind of page, in the light scheme
and the dark one (Material's slate), of the demo playbook and of a site `playbook new`
makes; and on the outdated-version banner, in both schemes.

A page fails on any violation axe rates critical or serious, except the few that come
from Material's own templates, which we do not override; each is listed below with its
reason. axe-core is an npm package, pinned in tests/a11y/package-lock.json; install it
with ``npm ci --prefix tests/a11y`` (.ci/run does) before running these tests.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright import sync_api

from playbook_builder.cli import main

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

SCHEMES = ("light", "dark")
SLATE = {"light": "default", "dark": "slate"}
"""Material's name for each scheme: what its palette toggle sets as the body's
``data-md-color-scheme``."""

NEW_PAGE_KINDS = [path.replace("facebook", "newsletter")
                  .replace("volunteer-coordinator", "communications-lead")
                  for path in PAGE_KINDS if path != "tags/"]
"""One page of every kind on a site `playbook new` makes: PAGE_KINDS with its own
platform and role, and no tags page."""

ROLE = {"demo": "onboarding/volunteer-coordinator/", "new": "onboarding/communications-lead/"}
"""The role whose path each site's step page is reached on, so that it shows the path bar."""


@functools.cache
def axe_source() -> str:
    """axe-core's script. Missing, it fails the test (a skip would hide that nothing was
    checked)."""
    if not AXE.is_file():
        pytest.fail(f"axe-core is not installed: run `{AXE_INSTALL}` ({AXE} is missing)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def demo_urls(demo_site: Path) -> Iterator[dict[str, str]]:
    """The demo, for each scheme. It has no toggle of its own, but its palette loads
    Material's palette stylesheet, so slate is what a reader sees once a toggle switches
    the body to it: :func:`show_scheme` does that."""
    with serve(demo_site) as url:
        yield {"light": url, "dark": url}


@pytest.fixture(scope="module")
def new_urls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A site `playbook new` makes, as it is (light), and built with ``palette: {scheme:
    slate}`` (dark): with no palette at all, Material leaves its slate colours out, so
    only a project that configures a palette, as one that adds dark mode does, has them."""
    root = tmp_path_factory.mktemp("new")
    project = root / "ours"
    made = CliRunner().invoke(main, ["new", str(project), "--country", "GB"])
    assert made.exit_code == 0, made.output
    config = yaml.safe_load((project / "mkdocs.yml").read_text("utf-8"))
    assert "palette" not in config["theme"], "update new_urls: the scaffold has a palette"
    config["theme"]["palette"] = {"scheme": "slate"}
    (project / "mkdocs-dark.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    sites = {"light": root / "light", "dark": root / "dark"}
    for scheme, config_file in (("light", "mkdocs.yml"), ("dark", "mkdocs-dark.yml")):
        build(load_config(str(project / config_file), site_dir=str(sites[scheme]),
                          strict=True))
    with ExitStack() as stack:
        yield {scheme: stack.enter_context(serve(site)) for scheme, site in sites.items()}


@pytest.fixture(scope="module")
def versioned_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo as under mike, so that its pages hold the outdated-version banner
    (hidden until Material's script finds the version outdated)."""
    site = tmp_path_factory.mktemp("versioned") / "site"
    build(load_config(str(REPO / "mkdocs.yml"), site_dir=str(site), strict=True,
                      extra={"version": {"provider": "mike", "default": "latest"}}))
    with serve(site) as url:
        yield url


def show_scheme(page: sync_api.Page, scheme: str) -> None:
    """The page as a reader sees it in ``scheme``: the body switched to it, as Material's
    palette toggle does, and the colours' transitions finished (axe would read the colours
    halfway). Fails if the scheme's styles are missing, as slate's are without a palette."""
    page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)",
                  SLATE[scheme])
    page.evaluate("Promise.allSettled(document.getAnimations().map(a => a.finished))")
    dark = page.evaluate("getComputedStyle(document.body).colorScheme") == "dark"
    assert dark == (scheme == "dark"), f"the page has no {scheme} scheme"


def known(rule: str, target: str) -> bool:
    return any(rule == r and re.fullmatch(pattern, target) for r, pattern, _ in MATERIAL_KNOWN)


def blocking_violations(page: sync_api.Page, within: str | None = None) -> list[str]:
    """Each critical or serious violation on the page (or in the element ``within``
    selects), but Material's known ones."""
    page.add_script_tag(content=axe_source())
    results = page.evaluate(
        "within => axe.run(within ? {include: [within]} : document,"
        " {resultTypes: ['violations']})", within)
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


def visit(page: sync_api.Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, f"{url} is not there"


PAGES = [("demo", path) for path in PAGE_KINDS] + [("new", path) for path in NEW_PAGE_KINDS]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(("site", "path"), PAGES,
                         ids=[f"{site}-{path.strip('/').replace('/', '-') or 'home'}"
                              for site, path in PAGES])
def test_page_has_no_serious_violations(page: sync_api.Page, request: pytest.FixtureRequest,
                                        site: str, path: str, scheme: str) -> None:
    served: str = request.getfixturevalue(f"{site}_urls")[scheme]
    if path == "strategy/why/":
        visit(page, served + ROLE[site])  # starts the path
    visit(page, served + path)
    if path == "strategy/why/":
        sync_api.expect(page.locator(".pb-pathbar")).to_be_visible()
    show_scheme(page, scheme)
    violations = blocking_violations(page)
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_outdated_banner_has_no_serious_violations(page: sync_api.Page, versioned_url: str,
                                                   scheme: str) -> None:
    """Material keeps the banner in the light scheme (its own data-md-color-scheme), but it
    takes the page's primary colour, which the dark scheme may have left alone."""
    visit(page, versioned_url)
    banner = page.locator('[data-md-component="outdated"]')
    banner.evaluate("banner => banner.hidden = false")
    sync_api.expect(banner.locator("a").first).to_be_visible()
    show_scheme(page, scheme)
    violations = blocking_violations(page, '[data-md-component="outdated"]')
    assert not violations, "\n".join(violations)
