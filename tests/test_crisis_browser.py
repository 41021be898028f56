"""The page of scenarios as it is used in a crisis, on a phone, in real Chromium: the
number first, scenarios as links a thumb can hit, phone numbers that dial, and a holding
reply copied with the keyboard. (Fixtures in browser.py.)"""

from __future__ import annotations

import pytest
from playwright import sync_api

pytestmark = pytest.mark.browser

PAGE = "when-things-go-wrong/"
PHONE = {"width": 390, "height": 844}


def tab(browser: sync_api.Browser, **options: object) -> sync_api.Page:
    context = browser.new_context(**options)  # type: ignore[arg-type]
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def test_a_holding_reply_is_copied_with_the_keyboard(
        browser: sync_api.Browser, served: str) -> None:
    page = tab(browser, viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    page.goto(served + PAGE + "#someone-at-risk")
    reply = page.locator("#someone-at-risk ~ .pb-reply").first
    button = reply.get_by_role("button", name="Copy the reply")
    button.focus()
    page.keyboard.press("Enter")
    sync_api.expect(reply.get_by_role("status")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    shown = reply.locator("p:not(.admonition-title)").first.inner_text()
    assert copied == shown.strip()
    assert "the emergency services on 999" in copied.replace("\u00a0", " ")
    page.context.close()


def test_a_holding_reply_is_read_at_body_size(browser: sync_api.Browser, served: str) -> None:
    page = tab(browser, viewport=PHONE)
    page.goto(served + PAGE)
    size = "e => getComputedStyle(e).fontSize"
    body = page.locator("article > p").first.evaluate(size)
    reply = page.locator(".pb-reply p:not(.admonition-title)").first.evaluate(size)
    assert reply == body
    page.context.close()


def test_without_javascript_the_reply_is_there_to_select(
        browser: sync_api.Browser, served: str) -> None:
    page = tab(browser, viewport=PHONE, java_script_enabled=False)
    page.goto(served + PAGE)
    assert page.locator(".pb-copy").count() == 0
    assert "We are passing your message" in page.locator(".pb-reply").first.inner_text()
    page.context.close()


def test_on_a_phone_the_number_comes_first_and_every_scenario_is_easy_to_tap(
        browser: sync_api.Browser, served: str) -> None:
    page = tab(browser, viewport=PHONE)
    page.goto(served + PAGE)
    first = page.locator(".pb-first")
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"]
    emergency = first.locator("a[href^='tel:']").first
    assert emergency.get_attribute("href") == "tel:999"
    assert "Out of hours" in first.inner_text()
    links = page.locator(".pb-finder a")
    assert links.count() >= 10
    for i in range(links.count()):
        height = links.nth(i).bounding_box()
        assert height is not None and height["height"] >= 44
    page.context.close()


def test_phone_numbers_dial_and_never_wrap(browser: sync_api.Browser, served: str) -> None:
    page = tab(browser, viewport={"width": 320, "height": 700})
    page.goto(served + "contacts/")
    numbers = page.locator("a.pb-tel")
    assert numbers.count() >= 4
    for i in range(numbers.count()):
        number = numbers.nth(i)
        assert number.get_attribute("href", timeout=1000).startswith("tel:")
        rects = number.evaluate("e => e.getClientRects().length")
        assert rects == 1, number.inner_text()  # one box: not broken over two lines
    page.context.close()


def test_not_quite_this_leads_to_the_other_card(browser: sync_api.Browser, served: str) -> None:
    page = tab(browser, viewport=PHONE)
    page.goto(served + PAGE)
    page.locator("#someone-at-risk ~ p em a", has_text="Someone complains in public").first.click()
    page.wait_for_url("**#complaint-in-public")
    page.context.close()
