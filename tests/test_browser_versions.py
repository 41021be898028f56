"""Two published versions in a real browser: the selector, switching, the outdated banner
and the changes page. Published with playbook publish into a throwaway repository."""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
from collections.abc import Iterator

import pytest
from playwright import sync_api

from playbook_builder.commands import publish as publishing

from .browser import serve
from .gitrepo import clone_project, git, make_remote

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """2026.10, then 2026.11 (as latest, with a changed cadence), served from gh-pages."""
    root = tmp_path_factory.mktemp("versions")
    remote = make_remote(root)
    project = clone_project(remote, root / "work")

    def publish(version: str) -> None:
        request = publishing.Request(version, ("latest",), set_default=True, push=True,
                                     config_file=project / "mkdocs.yml", say=lambda _: None)
        publishing.publish(request, project)

    publish("2026.10")
    profile = project / "profiles" / "example.yml"
    profile.write_text(profile.read_text("utf-8").replace(
        "cadence: three posts a week", "cadence: a post every day"), encoding="utf-8")
    git(project, "commit", "-qam", "more often")
    publish("2026.11")
    tree = subprocess.run(["git", "archive", "gh-pages"], cwd=remote, capture_output=True,
                          check=True).stdout
    site = root / "pages"
    with tarfile.open(fileobj=io.BytesIO(tree)) as archive:
        archive.extractall(site, filter="data")
    with serve(site) as url:
        yield url


def test_selector_lists_both_and_switching_keeps_the_page(
    page: sync_api.Page, versions: str
) -> None:
    page.goto(versions + "2026.11/objections/")
    current = page.locator(".md-version__current")
    sync_api.expect(current).to_contain_text("2026.11")
    links = page.locator("a.md-version__link")
    sync_api.expect(links).to_have_count(2)
    assert [t.strip()[:7] for t in links.all_text_contents()] == ["2026.11", "2026.10"]
    # The list opens on hover; a click on the entry is what Material's selector handles.
    page.locator("a.md-version__link", has_text="2026.10").dispatch_event("click")
    page.wait_for_url("**/2026.10/objections/")


def test_root_opens_the_latest(page: sync_api.Page, versions: str) -> None:
    page.goto(versions)
    page.wait_for_url("**/latest/")


def test_old_version_shows_the_banner_with_what_changed(
    page: sync_api.Page, versions: str
) -> None:
    page.goto(versions + "2026.10/platforms/facebook/")
    banner = page.locator('[data-md-component="outdated"]')
    sync_api.expect(banner).to_be_visible()
    assert "earlier version" in banner.inner_text()
    banner.locator("a", has_text="what").click()
    page.wait_for_url("**/latest/changes/")
    text = page.locator("article").inner_text()
    assert "Since version 2026.10" in text and "Facebook" in text and "cadence" in text


def test_old_version_banner_leads_to_the_same_page_in_the_latest(
    page: sync_api.Page, versions: str
) -> None:
    page.goto(versions + "2026.10/objections/#dignity")
    link = page.locator('[data-md-component="outdated"] a', has_text="latest version")
    sync_api.expect(link).to_be_visible()
    # A plain link to the latest version's home, until the script has seen the page there.
    sync_api.expect(link).to_have_attribute("href", re.compile(r"/latest/objections/#dignity$"))
    link.click()
    page.wait_for_url("**/latest/objections/#dignity")
    sync_api.expect(page.locator("#dignity")).to_be_in_viewport()


def test_old_version_banner_leads_to_the_latest_home_for_a_page_it_lacks(
    page: sync_api.Page, versions: str
) -> None:
    def gone(route: sync_api.Route) -> None:  # as if the page were removed since 2026.10
        if route.request.method == "HEAD":
            route.fulfill(status=404)
        else:
            route.continue_()

    page.route("**/latest/objections/", gone)
    with page.expect_response(lambda response: response.request.method == "HEAD"):
        page.goto(versions + "2026.10/objections/")
    link = page.locator('[data-md-component="outdated"] a', has_text="latest version")
    # (Material's script makes the banner's links absolute.)
    sync_api.expect(link).to_have_attribute("href", re.compile(r"^(?!.*objections).*latest/$"))
    link.click()
    page.wait_for_url(re.compile(r".*/latest/$"))


def test_latest_shows_no_banner(page: sync_api.Page, versions: str) -> None:
    page.goto(versions + "2026.11/")
    sync_api.expect(page.locator('[data-md-component="outdated"]')).to_be_hidden()
