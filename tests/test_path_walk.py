"""A role's path as a reader walks it, on a phone and on a desktop, in real Chromium:
the path bar is in view at every step, however deep in a long page the step lands; the
page shows one step counter; "Next", in the bar and in the footer, follows the path.
(Fixtures in browser.py.)"""

from __future__ import annotations

import re

import pytest
import yaml
from playwright import sync_api

from .conftest import EXAMPLE

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
ROLES = [role["id"] for role in yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["roles"]]


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
@pytest.mark.parametrize("role", ROLES)
def test_the_path_bar_is_in_view_and_next_follows_the_path(
        browser: sync_api.Browser, served: str, role: str, viewport: str) -> None:
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(served + f"onboarding/{role}/")
    steps = page.locator("a.pb-path__step")
    count = steps.count()
    assert count >= 3
    urls = [steps.nth(i).evaluate("a => a.href") for i in range(count)]
    steps.first.click()
    bar = page.locator(".pb-pathbar")
    for k in range(1, count + 1):
        sync_api.expect(bar.locator("span")).to_have_text(re.compile(rf": step {k} of {count}$"))
        sync_api.expect(bar).to_be_in_viewport(ratio=1)  # whole, wherever the step is
        assert page.locator(".pb-step-label:visible").count() == 0, (role, k)
        if k == count:
            break
        footer = page.locator("a.md-footer__link--next")
        if footer.count():
            assert footer.evaluate("a => a.href") == urls[k], (role, k)
        bar.get_by_role("link", name=re.compile("^Next: ")).click()
    context.close()
