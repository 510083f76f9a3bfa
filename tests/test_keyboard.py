"""Reaching everything by keyboard, on every template (WCAG 2.2 AA: 2.1.1, 2.4.3, 2.4.7, 2.4.11,
2.5.8): on a phone (360 px) with the menu closed and open, and on a computer (1280 px, and with
JavaScript also 1024 px: 1280 zoomed to 125 %), with and without JavaScript (each where it can
differ: AT_1024_PX, WITHOUT_JAVASCRIPT), no Tab stop lands on
something invisible, off-screen, under the sticky header or without a focus ring, the open menu
keeps focus until Escape closes it, and every control is a target of at least 24 px. Each page is
loaded once with JavaScript and once without, and checked in each view of that load (a load is
most of a view's cost). The pages are the fixture sites', so that no change to the real content
changes what is tested. Screenshots of the open menu are saved in test-results/meny/ (CI keeps
that folder)."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from scripts.browser import TEMPLATES
from tests.support import axe_report

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parent.parent
SCREENSHOTS = ROOT / "test-results" / "meny"
DECISIONS = ("beslut", "site", "beslut/")  # the longest page, with a table under the header
PAGES = TEMPLATES + [DECISIONS]


@pytest.fixture(scope="session")
def base_url(fixture_url):
    """pytest-playwright's base URL for this module: page.goto("/") opens the fixture site."""
    return fixture_url

# The state of the focused element: what it is, and why a reader could not see it.
FOCUS_STATE = """() => {
  let e = document.activeElement;
  if (!e || e === document.body) return null;
  // Material's colour toggle focuses a 0x0 radio button and draws its ring on the next label.
  if (e.getBoundingClientRect().width === 0 && e.nextElementSibling?.tagName === 'LABEL') e = e.nextElementSibling;
  // Without JavaScript the menu's checkbox is drawn as the ring around the menu icon.
  // Open, the ring goes round the menu, which covers that icon.
  if (e.id === '__drawer') e = document.querySelector(e.checked ? '.md-sidebar--primary' : '.md-header label[for=__drawer]') || e;
  const r = e.getClientRects()[0] || e.getBoundingClientRect();  // a link broken over lines: its first line
  const name = (e.getAttribute('aria-label') || e.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
  const what = `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${name}"`;
  const problems = [];
  const style = getComputedStyle(e);
  if (!((style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none')) problems.push('ingen fokusmarkering');
  if (!e.checkVisibility({opacityProperty: true, visibilityProperty: true}) || r.width < 1 || r.height < 1) problems.push('osynlig');
  else if (r.right <= 0 || r.bottom <= 0 || r.left >= innerWidth || r.top >= innerHeight) problems.push('utanför skärmen');
  else {
    // Obscured: the middle of its visible part is covered by something that is not it (the
    // sticky header, the overlay, another panel).
    const x = Math.min(Math.max((Math.max(r.left, 0) + Math.min(r.right, innerWidth)) / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max((Math.max(r.top, 0) + Math.min(r.bottom, innerHeight)) / 2, 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    if (top && !(e.contains(top) || top.contains(e) || (e.htmlFor && top.closest && top.closest(`label[for="${e.htmlFor}"]`))))
      problems.push(`skymd av ${top.tagName.toLowerCase()}.${[...top.classList].join('.')}`);
  }
  return {what, problems, inMenu: !!e.closest('.md-sidebar--primary')};
}"""


# The focus state once the browser has drawn the frame the Tab scrolled in, so that the theme's
# scroll handlers (the sidebars, the "back to top" button) have run: a wait on that condition, not
# a fixed pause. (The tests emulate reduced motion: scrolling is instant.) Without JavaScript no
# script reacts to the scroll, and the page's own timers do not run: the state is read at once.
FOCUS_STATE_AFTER_NEXT_FRAME = f"() => new Promise(done => requestAnimationFrame(() => setTimeout(() => done(({FOCUS_STATE})()))))"

# The next view starts as a fresh load does: the page and every area in it that scrolls (the
# sidebars, wide tables) at their start, the next Tab going to the page's first stop. (Focusing
# <body> for a moment moves the browser's starting point for Tab there.)
FROM_THE_TOP = """() => {
  for (const area of document.querySelectorAll('*')) if (area.scrollTop || area.scrollLeft) area.scrollTo(0, 0);
  window.scrollTo(0, 0);
  document.body.tabIndex = -1;
  document.body.focus();
  document.body.removeAttribute('tabindex');
}"""


def tab_stops(page: Page, limit: int, javascript: bool, backwards: bool = False) -> list[dict]:
    """Press Tab (or Shift+Tab) ``limit`` times or until focus comes round to the first stop."""
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        state = page.evaluate(FOCUS_STATE_AFTER_NEXT_FRAME if javascript else FOCUS_STATE)
        if state is None:
            continue  # the browser's own controls, between the last stop and the first
        if stops and state["what"] == stops[0]["what"]:
            break
        stops.append(state)
    return stops


def hidden_stops(stops: list[dict]) -> list[str]:
    return [f"{number}: {stop['what']} ({', '.join(stop['problems'])})" for number, stop in enumerate(stops, 1) if stop["problems"]]


def open_menu(page: Page, javascript: bool) -> None:
    """Open the menu from the keyboard: the button with JavaScript, the checkbox without."""
    if javascript:
        page.get_by_role("button", name="Meny").focus()
        page.keyboard.press("Enter")
    else:
        page.locator("#__drawer").focus()
        page.keyboard.press("Space")
    expect(page.locator("#__drawer")).to_be_checked()
    # The drawer has slid in (at once: the tests ask for reduced motion).
    expect(page.locator(".md-sidebar--primary")).to_be_in_viewport()


def close_menu(page: Page, javascript: bool) -> None:
    """Close the menu from the keyboard: Escape with JavaScript, the checkbox again without."""
    if javascript:
        page.keyboard.press("Escape")
    else:
        page.locator("#__drawer").focus()
        page.keyboard.press("Space")
    expect(page.locator("#__drawer")).not_to_be_checked()


# Every control in the tab order that is not a link inside running text (WCAG 2.5.8 exempts
# those) is at least 24 x 24 px, or a 24 px circle round its middle touches no other control
# (the rule's spacing exception: the menu's links are 18 px tall, 30 px apart).
SMALL_TARGETS = """() => {
  const targets = [...document.querySelectorAll('a[href], button, label[tabindex], summary, input:not([type=hidden]), [tabindex]')]
    .filter(e => e.tabIndex >= 0 && !e.closest('[inert]') && e.checkVisibility({visibilityProperty: true, opacityProperty: true}))
    .filter(e => !e.closest('.md-typeset p, .md-typeset li, .md-typeset td, .md-typeset dd, .md-typeset figcaption, .md-typeset blockquote'))
    .map(e => ({e, r: e.getBoundingClientRect()}))
    .filter(t => t.r.width > 0 && t.r.height > 0);
  const small = t => t.r.width < 23.5 || t.r.height < 23.5;
  const centre = t => [(t.r.left + t.r.right) / 2, (t.r.top + t.r.bottom) / 2];
  const distance = ([x, y], r) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
  return targets.filter(small).filter(a => targets.some(b => b !== a && !b.e.contains(a.e) && !a.e.contains(b.e) && (
      distance(centre(a), b.r) < 12 || (small(b) && Math.hypot(centre(a)[0] - centre(b)[0], centre(a)[1] - centre(b)[1]) < 24))))
    .map(({e, r}) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${(e.getAttribute('aria-label') || e.textContent).trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
}"""


# The views of one load: (width, menu open). The menu is a drawer below 1220 px (76.25em) and the
# search a button below 960 px (60em): 360, 1024 and 1280 px are the three layouts meny.js tells
# apart. Open, the drawer at 1024 px is the one at 360 px less the page's contents list (Material
# shows it in the drawer only below 60em), kept in it by the same code: 360 px tests the open menu.
# Without JavaScript only the stylesheet acts, and 1024 px closed shows nothing that 360 px
# (the drawer hidden) and 1280 px (the contents list beside the page) do not.
VIEWS = {True: [(360, False), (360, True), (1024, False), (1280, False)], False: [(360, False), (360, True), (1280, False)]}
# What 1024 px could get wrong is the frame's (a phone's drawer, closed, beside a computer's
# contents list and search box), the same on every page but for the length of that list and wide
# tables: it is checked on the pages with the longest of those.
AT_1024_PX = {"start", "historik", "beslut", "arsrapport"}
# Target sizes depend on the layout only: checked with JavaScript, on a phone and a computer.
TARGET_WIDTHS = (360, 1280)
# Without JavaScript what differs is the theme's frame (the menu is a checkbox, no script keeps
# focus in the drawer or sets the sidebars) and the few parts of a page a script completes. So
# without it: the frame with a contents list and wide tables (beslut, the longest page) and
# without a contents list (404), and the calendar's lists (kalender, which the start page shows
# too). The other templates add text, links, headings and tables as those do, which read the same
# either way: they are checked with JavaScript.
WITHOUT_JAVASCRIPT = {"beslut", "kalender", "404"}
LOADS = [(*page, True) for page in PAGES] + [(*page, False) for page in PAGES if page[0] in WITHOUT_JAVASCRIPT]


@pytest.mark.parametrize("name, which, path, javascript", LOADS, ids=[f"{n}-{'js' if j else 'utan-js'}" for n, _w, _p, j in LOADS])
def test_every_tab_stop_is_seen_and_every_target_big_enough(browser, page: Page, url_of, name, which, path, javascript):
    if not javascript:
        # Without JavaScript the policy's script addresses do not matter: open the local address.
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
    page.emulate_media(reduced_motion="reduce")
    views = [(width, menu_open) for width, menu_open in VIEWS[javascript] if width != 1024 or name in AT_1024_PX]
    page.set_viewport_size({"width": views[0][0], "height": 800})
    page.goto(url_of(which, path))
    failures, first = [], ""
    for width, menu_open in views:
        view = f"{width} px, menyn {'öppen' if menu_open else 'stängd'}, {'med' if javascript else 'utan'} JavaScript"
        page.set_viewport_size({"width": width, "height": 800})
        page.evaluate(FROM_THE_TOP)
        if menu_open:
            open_menu(page, javascript)
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}-{'js' if javascript else 'utan-js'}.png"))
            stops = tab_stops(page, 40, javascript)
            if javascript:
                failures += [f"{view}: Tab lämnade den öppna menyn: {stop['what']}" for stop in stops if not stop["inMenu"]]
            close_menu(page, javascript)
        else:
            if javascript and width in TARGET_WIDTHS:  # as the page first shows, before any Tab scrolled it
                failures += [f"{view}: mindre än 24 px: {target}" for target in page.evaluate(SMALL_TARGETS)]
            stops = tab_stops(page, 80, javascript)
            # With JavaScript the first stop is the same at every width (the skip link, or the
            # banner's link where a page has no contents list to skip to): a view that starts
            # elsewhere did not start as the load did. (Without it, the menu's checkbox comes
            # first on a phone.)
            first = first or (stops[0]["what"] if stops else "")
            if javascript and stops and stops[0]["what"] != first:
                failures.append(f"{view}: första Tab-stoppet är {stops[0]['what']}, inte {first} som när sidan laddades")
        if len(stops) < 2:  # an open sub-panel can hold a title and one page
            failures.append(f"{view}: {len(stops)} Tab-stopp")
        failures += [f"{view}: {stop}" for stop in hidden_stops(stops)]
    if not javascript:
        context.close()
    assert failures == [], f"{name}:\n" + "\n".join(failures)


@pytest.mark.parametrize("path", ["", "kalender/"], ids=["start", "kalender"])
def test_the_open_menu_passes_axe_and_escape_gives_focus_back(page: Page, path):
    page.set_viewport_size({"width": 360, "height": 800})
    page.emulate_media(reduced_motion="reduce")
    page.goto("/" + path)
    open_menu(page, javascript=True)
    assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"), "focus goes into the menu"
    assert axe_report(page) == ""
    page.keyboard.press("Escape")
    expect(page.locator("#__drawer")).not_to_be_checked()
    expect(page.get_by_role("button", name="Meny")).to_be_focused()


def test_a_sub_panel_opens_and_closes_by_keyboard(page: Page):
    """Enter on a section opens its pages; Enter on the panel's "←" title goes back, and focus
    follows: before, the title could not take focus and the top level hid under the panel."""
    page.set_viewport_size({"width": 360, "height": 800})
    page.emulate_media(reduced_motion="reduce")
    page.goto("/")
    open_menu(page, javascript=True)
    section = page.locator(".md-nav--primary label.md-nav__link", has_text="Årsrapporter")
    section.focus()
    page.keyboard.press("Enter")
    title = page.locator(".md-nav--primary .md-nav__title", has_text="Årsrapporter")
    expect(title).to_be_focused()
    expect(section).to_be_hidden()
    page.keyboard.press("Enter")
    expect(section).to_be_focused()
    expect(title).to_be_hidden()


def test_table_wrappers_take_focus_only_when_they_scroll(page: Page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/siffror/")
    wrappers = page.locator(".ma-table-wrap")
    assert wrappers.count() > 0
    scrolling = wrappers.evaluate_all("ws => ws.filter(w => w.scrollWidth > w.clientWidth + 1).length")
    expect(page.locator(".ma-table-wrap[tabindex]")).to_have_count(scrolling)
