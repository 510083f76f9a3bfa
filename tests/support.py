"""Helpers the test modules share, so that no test module imports another."""

import functools
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page, Request, expect

from macros import published_html
from macros.links import PRODUCTION

IN_CI = os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason: str, how_to_install: str) -> None:
    """Skip a test for a missing tool locally, but fail it in CI, where nothing may be skipped."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: no test may be skipped). {how_to_install}")
    pytest.skip(f"{reason}. {how_to_install}")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # the signature is http.server's
        pass

    def end_headers(self):
        # LinkChecker limits itself to 10 requests a second unless the server names it.
        self.send_header("LinkChecker", "allowed")
        super().end_headers()


def serve(directory: Path):
    """Serve ``directory`` on 127.0.0.1 (a free port) until the generator is closed."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices. Only violations are
# reported node by node: of the rules that pass (or cannot decide) axe then keeps one example
# instead of every element, which was most of its time and of the answer sent back to the test.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


# The rules of AXE_OPTIONS whose answer depends on the colours alone: all that a second colour
# scheme can change on a page already checked whole in the same layout, or in a layout that shows
# the page's content as fully (a phone's), its frame aside. color-contrast is also most of a run.
COLOUR_RULES = {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}, "resultTypes": ["violations"]}


def axe_violations(page: Page, options: dict = AXE_OPTIONS) -> list[dict]:
    """axe's violations on the page as it is now. axe (axe-playwright-python's copy) is put into
    the page once per page load, not once per run: a test that changes the colour scheme or the
    width and runs axe again reuses it. (The library's Axe.run injects its 570 kB every time.)"""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    return page.evaluate("options => axe.run(document, options).then(results => results.violations)", options)


def axe_report(page: Page, options: dict = AXE_OPTIONS) -> str:
    """Run axe on the page; every violation as 'rule (impact): selector – help', one per line."""
    lines = []
    for violation in axe_violations(page, options):
        for node in violation["nodes"]:
            lines.append(
                f"{violation['id']} ({violation['impact']}): {' '.join(node['target'])} – {violation['help']}"
            )
    return "\n".join(lines)


def switch_scheme(page: Page, scheme: str) -> None:
    """Light or dark mode in the page as loaded: the reader's setting (emulated) and the theme's
    toggle. Material reads the setting only when a page loads and keeps the scheme it chose, so the
    setting alone would need a second load of the page; the toggle sets the same attributes on
    <body> that a load in that mode does, and the style sheets key on those. The toggle saves the
    choice: the next page of the test loads in this mode."""
    page.emulate_media(color_scheme=scheme)
    material = "slate" if scheme == "dark" else "default"
    if page.locator("body").get_attribute("data-md-color-scheme") != material:
        page.locator(f"input[name=__palette][data-md-color-scheme={material}]").evaluate("input => input.click()")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", material)


def sideways_scroll(page: Page) -> int:
    """How far the page itself scrolls sideways, in CSS px (WCAG 1.4.10: nothing at 320 px)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


# ---- What a page must not do -------------------------------------------------------------------

# Recorded before any of the page's own scripts run.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " " + event.sourceFile + ":" + event.lineNumber);
});
"""


def own_scripts(site: Path) -> set[str]:
    """The full address of every script file the site may run, and of its search worker."""
    own = published_html.Site(site, PRODUCTION)
    return {own.address(name) for name in own.scripts} | {own.address(own.worker)}


class PolicyWatch:
    """What the pages opened in ``page`` do that a page of the site must not: break their own
    Content-Security-Policy (the policy blocks something the page needs, or the page tries to load
    something it should not), open a dialog, or run a script file not in ``allowed_scripts``.
    Use it as a context manager around the pages' loads; ``found()`` after each load."""

    def __init__(self, page: Page, allowed_scripts: set[str]):
        self.page, self.allowed_scripts, self.events = page, allowed_scripts, []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", lambda message: self.events.append("console: " + message.text) if "Content Security Policy" in message.text else None)
        page.on("dialog", lambda dialog: (self.events.append("dialog: " + dialog.message), dialog.dismiss()))

    def _script(self, request: Request) -> None:
        if request.resource_type == "script" and request.url not in self.allowed_scripts:
            self.events.append("script: " + request.url)

    def __enter__(self) -> "PolicyWatch":
        # The context's requests, so that a worker's scripts count too; the context outlives the test.
        self.page.context.on("request", self._script)
        return self

    def __exit__(self, *exception) -> None:
        self.page.context.remove_listener("request", self._script)

    def found(self) -> list[str]:
        """What went wrong since the last call, in the page as it is now."""
        found = self.events + self.page.evaluate("window.__cspViolations")
        self.events = []
        return found


def search_once(page: Page, query: str = "beslut") -> None:
    """Open the search from the keyboard and type ``query``, so that the search worker runs."""
    page.keyboard.press("/")
    page.get_by_role("textbox", name="Sök").press_sequentially(query, delay=20)
    page.locator(".md-search-result__item").first.wait_for()


# Counts the queries Material's page script posts to its search worker ({type: 2}) and the
# answers ({type: 3}) it has shown: Material listens to its worker from the start and renders an
# answer in that message event, before this listener (added at the first post) hears it.
COUNT_SEARCHES = """
window.__searchesAsked = 0;
window.__searchesAnswered = 0;
const post = Worker.prototype.postMessage;
const counted = new WeakSet();
Worker.prototype.postMessage = function (message, ...rest) {
  if (!counted.has(this)) {
    counted.add(this);
    this.addEventListener("message", (event) => { if (event.data && event.data.type === 3) window.__searchesAnswered++; });
  }
  if (message && message.type === 2) window.__searchesAsked++;
  return post.call(this, message, ...rest);
};
"""


def count_searches(page: Page) -> None:
    """Before the page is opened: let ``search_for`` know when the results are those of the last query."""
    page.add_init_script(COUNT_SEARCHES)


def search_for(page: Page, query: str) -> None:
    """Put ``query`` in the search box and wait until the results shown are the answer to it: a
    condition, not a fixed pause (count_searches must have run before the page was opened). The
    query goes in whole, then a key is released, which is what Material's search listens for: one
    search, where typing searched once a letter. What a reader sees while typing is tested where
    the search opens from the keyboard (tests/test_quality.py)."""
    box = page.get_by_role("textbox", name="Sök")
    box.click()
    box.fill(query)
    box.press("End")
    wait_for_the_last_answer(page)


def wait_for_the_last_answer(page: Page) -> None:
    """Wait until the results shown answer the last query typed (count_searches ran first)."""
    page.wait_for_function("() => window.__searchesAsked > 0 && window.__searchesAnswered === window.__searchesAsked")


# LinkChecker: internal links (and anchors) only, as fast as the local server allows. Between two
# requests to a host it waits a random 1 to 6 times 1/maxrequestspersecond (linkcheck/director/
# aggregator.py): at 100 that was 35 ms a request, most of a run on a local server.
LINKCHECKER_CONFIG = """[checking]
threads=10
maxrequestspersecond=10000
[filtering]
checkextern=0
{internal}[output]
status=0
{anchors}"""


def linkchecker(url: str, tmp_path: Path, *, anchors: bool = True, internal: str = "") -> subprocess.CompletedProcess:
    """LinkChecker over ``url``. ``anchors``: its AnchorCheck too, which downloads and parses a
    page again for every distinct page#anchor (tests/test_links.py reads each page once instead).
    ``internal``: a pattern of the addresses to treat as internal, beyond those under ``url``."""
    config = tmp_path / "linkcheckerrc"
    config.write_text(
        LINKCHECKER_CONFIG.format(internal=f"internlinks={internal}\n" if internal else "", anchors="[AnchorCheck]\n" if anchors else ""),
        encoding="utf-8",
    )
    config.chmod(0o644)  # run as root, LinkChecker drops to the user nobody, who must read it
    tmp_path.chmod(0o755)
    executable = shutil.which("linkchecker", path=str(Path(sys.executable).parent)) or "linkchecker"
    return subprocess.run(
        [executable, "--config", str(config), "-o", "text", url],
        capture_output=True,
        text=True,
        timeout=600,
    )


def built_pages(site: Path) -> list[str]:
    """Every page of a built site (relative paths of its .html files), without the pages that only
    send a reader on: an event's old address after a move (macros/git_dates.py) is a small page
    with a refresh, not a page of the theme, and a browser leaves it at once."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")
    )


def page_addresses(site: Path) -> list[str]:
    """Every page of a built site (built_pages), as an address below its root: "" for the start
    page, "kalender/", "404.html"."""
    return [path.removesuffix("index.html") for path in built_pages(site)]


SIFFROR_HEIGHT_BEFORE = 15_591  # px at 360 px wide, measured 30 November 2026 before the redesign
