"""Every built page in a real browser: no request leaves the site's origin and the page breaks
none of its own Content-Security-Policy (which would mean the policy blocks something the page
needs, or the page tries to load something it should not).

Locally these tests skip when Chromium is missing; in CI they fail instead (see conftest.py).
"""

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

# Recorded before any of the page's own scripts run.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " " + event.sourceFile + ":" + event.lineNumber);
});
"""


def all_pages(site) -> list[str]:
    return sorted(path.relative_to(site).parent.as_posix() + "/" if path.name == "index.html" else path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def test_every_page_loads_only_from_its_own_origin_within_its_policy(site, page: Page, outside_requests):
    page.add_init_script(RECORD_VIOLATIONS)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text) if "Content Security Policy" in message.text else None)
    failures = {}
    paths = [p.removeprefix("./") for p in all_pages(site)]
    assert len(paths) > 20
    for path in paths:
        page.goto("/" + path.lstrip("/").replace("./", ""))
        page.wait_for_load_state("load")
        # Open the search once on the start page so the worker and its index load too.
        if path in ("", "/", "./"):
            page.keyboard.press("/")
            page.wait_for_timeout(300)
        violations = page.evaluate("window.__cspViolations")
        if violations:
            failures[path] = violations
    assert failures == {}, failures
    assert console == [], console
    assert outside_requests == []


def test_the_search_works_under_the_policy(page: Page, outside_requests):
    page.add_init_script(RECORD_VIOLATIONS)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    search = page.get_by_role("textbox", name="Sök")
    search.click()
    search.press_sequentially("beslut", delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    assert page.evaluate("window.__cspViolations") == []
    assert outside_requests == []
