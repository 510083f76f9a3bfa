"""Quality gates on one page of every template, in a real browser: axe in light and dark mode on
a computer and a phone, reflow at 320 px, 200 % text, the skip link, Swedish search and printing.
Screenshots of every template are saved in test-results/skarmbilder/ (kept by CI as an artifact).
That the accessibility statement lists exactly what axe finds is held on every page of the real
site (test_browser.py), where the statement is the real one.

The pages are the fixture site's ("site" in scripts.browser.TEMPLATES) and the calendar fixture
site's, so that no change to the real content changes what is tested; test_browser.py holds every
page of the real site to axe and reflow (marked webbplatsen).
"""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from scripts.browser import TEMPLATES
from tests.support import AXE_OPTIONS, COLOUR_RULES, axe_report, count_searches, sideways_scroll, switch_scheme, wait_for_the_last_answer

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parent.parent
SCREENSHOTS = ROOT / "test-results" / "skarmbilder"

# Each template is loaded once and checked in every view of that load (a load is most of a view's
# cost): axe in light and dark mode on a computer (1280 px) and on the commonest phone (360 px),
# and reflow also at the narrowest screen WCAG asks for (320 px), which is the 360 px layout and
# colours again: axe would find there what it found at 360 px. In the same layout the second
# scheme changes only the colours: there axe runs its colour rules (support.COLOUR_RULES).
VIEWS = [(1280, "light", AXE_OPTIONS), (1280, "dark", COLOUR_RULES), (360, "dark", AXE_OPTIONS), (360, "light", COLOUR_RULES), (320, "light", None)]


@pytest.mark.parametrize("name, which, path", TEMPLATES, ids=[t[0] for t in TEMPLATES])
def test_template_passes_axe_and_reflows(page: Page, url_of, outside_requests, name, which, path):
    page.emulate_media(color_scheme="light")
    page.set_viewport_size({"width": VIEWS[0][0], "height": 900})
    page.goto(url_of(which, path))
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")  # the reader's setting, at load
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    failures = []
    for width, scheme, rules in VIEWS:
        page.set_viewport_size({"width": width, "height": 900})
        switch_scheme(page, scheme)
        report = axe_report(page, rules) if rules else ""
        if report:
            failures.append(f"{name} ({scheme}, {width} px):\n{report}")
        # WCAG 1.4.10: at 320 CSS px the page itself never scrolls sideways (wide tables scroll
        # inside their own region).
        if sideways_scroll(page) > 0:
            failures.append(f"{name} ({scheme}) scrolls sideways by {sideways_scroll(page)} px at {width} px")
        if rules:  # the whole page as a phone shows it in light mode; the top of the others
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{scheme}-{width}.png"), full_page=(width, scheme) == (360, "light"))
    # 200 % zoom on a 1280 px screen is a 640 px wide viewport with twice the text size.
    page.set_viewport_size({"width": 640, "height": 900})
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    if sideways_scroll(page) > 0:
        failures.append(f"{name} scrolls sideways by {sideways_scroll(page)} px at 200 % text")
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    assert failures == [], "\n".join(failures)
    assert outside_requests == []


def test_skip_link_moves_focus_to_the_content(page: Page, fixture_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(fixture_url)
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Gå till innehållet")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#malmoandan"
    page.keyboard.press("Tab")
    inside = page.evaluate("!!document.activeElement.closest('.md-content')")
    assert inside, "after the skip link, Tab continues inside the content"


@pytest.mark.sok
@pytest.mark.parametrize(
    "query, finds",
    [("lärandeluncher", "Samarbetsplanen 2021–2026"), ("dialogforumet", "Samarbetsplanen 2021–2026"), ("årsrapporterna", "Årsrapporter")],
)
def test_search_opens_from_the_keyboard_and_stems_swedish(page: Page, fixture_url, query, finds):
    page.set_viewport_size({"width": 1280, "height": 900})
    count_searches(page)
    page.goto(fixture_url)
    page.keyboard.press("/")  # Material opens the search with / (or s)
    expect(page.get_by_role("textbox", name="Sök")).to_be_focused()
    page.keyboard.type(query, delay=20)
    # The results of the whole word, not of its first letters: ArrowDown on a list about to be
    # replaced focused a link that was gone a moment later (seen once in a clean clone).
    wait_for_the_last_answer(page)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    expect(page.locator(".md-search-result__list")).to_contain_text(finds)
    page.keyboard.press("ArrowDown")
    expect(page.locator(".md-search-result__link").first).to_be_focused()


def test_report_prints_with_headings_and_tables_without_navigation(page: Page, fixture_url, tmp_path):
    page.goto(fixture_url + "arsrapporter/2023/")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator(".md-banner").first).to_be_visible()  # the notice that the plan was repealed
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("table").first).to_be_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "arsrapport-2023.pdf").write_bytes(pdf)
