"""What only a browser shows, in real Chromium: search, checklists that remember, the
path bar, deep links and redirects from earlier addresses. (Fixtures in browser.py.)"""

from __future__ import annotations

import json
import re

import pytest
from playwright import sync_api as playwright_api

from .browser import contrast_ratio, serve
from .conftest import Project

pytestmark = pytest.mark.browser


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


ROLE = "onboarding/volunteer-coordinator/"


def test_checklist_boxes_are_named_by_their_items(page, served: str) -> None:  # type: ignore[no-untyped-def]
    """A screen reader announces each box with its item's text, on the role's page (boxes
    to tick), on a step's page and on the printable path."""
    for url in (ROLE, "workshop/why/", ROLE + "print/"):
        page.goto(served + url)
        items = page.locator(".task-list-item").all_inner_texts()
        assert items
        for text in items:
            box = page.get_by_role("checkbox", name=text.strip(), exact=True)
            assert box.count() >= 1, f"no checkbox named {text.strip()!r} on {url}"
    # The item's text is the box's label: clicking it ticks the box.
    page.goto(served + ROLE)
    page.get_by_text("Answer every open question in our inbox within one working day").click()
    playwright_api.expect(page.locator(".pb-checklist input").nth(3)).to_be_checked()


def test_checklist_box_shows_keyboard_focus(page, served: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(served + ROLE)
    box = page.locator(".pb-checklist input").first
    ring = """box => {
        const style = getComputedStyle(box.nextElementSibling, "::after");
        return {style: style.outlineStyle, width: parseFloat(style.outlineWidth),
                color: style.outlineColor,
                background: getComputedStyle(document.body).backgroundColor};
    }"""
    assert box.evaluate(ring)["style"] == "none"
    page.locator("#checklist a.headerlink").focus()
    page.keyboard.press("Tab")  # from the heading's permalink to the first box
    playwright_api.expect(box).to_be_focused()
    focused = box.evaluate(ring)
    assert focused["style"] == "solid" and focused["width"] >= 2
    assert contrast_ratio(focused["color"], focused["background"]) >= 3
    page.keyboard.press("Space")
    playwright_api.expect(box).to_be_checked()


def checked(page) -> list[bool]:  # type: ignore[no-untyped-def]
    return [box.is_checked() for box in page.locator(".pb-checklist input").all()]


def test_tick_survives_rewording_and_new_items(page, project: Project) -> None:  # type: ignore[no-untyped-def]
    profile = project.profile.read_text("utf-8")
    assert "checklist: [Read the strategy]" in profile

    def build(*items: str) -> None:
        project.write_profile(profile.replace("checklist: [Read the strategy]",
                                              f"checklist: {json.dumps(items)}"))
        project.build()

    build("Read the strategy", "Say hello at the desk", "Find the quiet room")
    with serve(project.site) as url:
        page.goto(url + "onboarding/desk-volunteer/")
        page.get_by_text("Say hello at the desk").click()
        assert checked(page) == [False, True, False]
        # The ticked item reworded, and another one too.
        build("Read the strategy", "Say hello to the desk team", "Find the quiet study room")
        page.reload()
        assert page.get_by_text("Say hello to the desk team").is_visible()
        assert checked(page) == [False, True, False]
        # An item added above it: the tick stays with its item.
        build("Collect your badge", "Read the strategy", "Say hello to the desk team",
              "Find the quiet study room")
        page.reload()
        assert checked(page) == [False, False, True, False]


def test_ticks_saved_by_item_text_are_kept(page, served: str) -> None:  # type: ignore[no-untyped-def]
    """A tick saved by the first releases (page address and item text) is moved to the
    checklist's stable key when the reader comes back."""
    item = "Post one thank-you to a volunteer, with their written consent"
    old = f"playbook:tick:/{ROLE}:{item}"
    page.goto(served + ROLE)
    page.evaluate("key => localStorage.setItem(key, '1')", old)
    page.reload()
    assert checked(page) == [False, False, True, False]
    assert page.evaluate("key => localStorage.getItem(key)", old) is None
    saved = page.evaluate("localStorage.getItem('playbook:ticks:/role/volunteer-coordinator')")
    assert json.loads(saved) == {"3": item}
    page.reload()
    assert checked(page) == [False, False, True, False]


def test_path_bar_leads_through_the_path(page, served: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(served + "onboarding/volunteer-coordinator/")
    page.locator("a.pb-path__step").nth(1).click()
    page.wait_for_url("**/strategy/who/")
    bar = page.locator(".pb-pathbar")
    assert "Volunteer coordinator: step 2 of 18" in bar.inner_text()  # 8, and 10 for duties
    bar.locator("a", has_text="Next:").click()
    page.wait_for_url("**/platforms/facebook/")
    assert "step 3 of 18" in page.locator(".pb-pathbar").inner_text()


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


def search(page, served: str, words: str):  # type: ignore[no-untyped-def]
    page.goto(served)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(words, delay=10)
    results = page.locator("a.md-search-result__link")
    results.first.wait_for()
    return results


def test_search_finds_a_platform_by_its_metaphor(page, served: str) -> None:  # type: ignore[no-untyped-def]
    results = search(page, served, "gathering among acquaintances")
    assert "platforms/facebook/" in results.first.get_attribute("href")
    results.first.click()
    page.wait_for_url("**/platforms/facebook/**")


def test_search_lands_on_the_objection_itself(page, served: str) -> None:  # type: ignore[no-untyped-def]
    results = search(page, served, "shames the people who use it")
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    target = next(h for h in hrefs if h and re.search(r"objections/(\?h=[^#]*)?#dignity$", h))
    page.locator(f'a.md-search-result__link[href="{target}"]').click()
    page.wait_for_url(re.compile(r".*/objections/(\?h=[^#]*)?#dignity$"))
    playwright_api.expect(page.locator("#dignity")).to_be_in_viewport()


@pytest.mark.parametrize(("old", "new"), [
    ("strategy/participate/#three-week-trial", "workshop/participate/#three-week-trial"),
    ("strategy/why/#checklist", "workshop/why/#checklist"),
    ("strategy/#questions", "workshop/#questions"),
])
def test_anchors_that_moved_to_the_workshop_still_land(page, served: str, old: str,  # type: ignore[no-untyped-def]
                                                       new: str) -> None:
    """Links written before the method moved to the workshop open the same content."""
    page.goto(served + old)
    page.wait_for_url("**/" + new)
    anchor = new.split("#")[1]
    playwright_api.expect(page.locator(f"#{anchor}")).to_be_visible()
