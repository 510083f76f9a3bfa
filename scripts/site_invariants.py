"""The site's invariants counted on any built folder, with the checkers the test suite uses, so
that a build by another generator (the Zensical job in tester.yml, MIGRATION.md) is measured by
the same rules as ours:

    python -m scripts.site_invariants SITE [--blocking csp,html,...]

    csp       the last gate (macros.published_html) accepts the page, so the page gets its policy
    html      the Nu HTML Checker finds no error but the theme's known ones (tests/test_html_validity.py)
    links     LinkChecker finds no broken internal link or anchor on the page (tests/support.py)
    axe       axe finds no violation in Chromium (tests/support.py; CHROMIUM names the browser)
    calendar  the calendar file parses (icalendar) and its addresses are web addresses

One line per invariant: how many pages (files, for calendar) pass, and the first that do not.
Exit 1 when an invariant named in --blocking has a failure; the others only report. An invariant
becomes blocking when the step of MIGRATION.md that fixes it lands.
"""

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import icalendar
from playwright.sync_api import sync_playwright

from macros import links, published_html
from macros.problems import ContentError
from scripts.browser import CHROMIUM, CHROMIUM_ARGS
from tests.support import axe_report, built_pages, linkchecker, serve
from tests.test_html_validity import VNU_JAR, is_known_theme_error

# An invariant: the site's folder and a scratch folder in, {page or file: why it fails} out.
Failures = dict[str, str]


def page_name(address: str) -> str:
    """A page's address relative to the site (kalender/ or 404.html) as its file's name."""
    return address + "index.html" if address == "" or address.endswith("/") else address


def csp(site: Path, scratch: Path) -> Failures:
    """Run on a copy: the gate writes the policy into every page when it accepts them all."""
    copy = scratch / "csp"
    shutil.copytree(site, copy)
    published_html.prune_unused_assets(copy)
    try:
        published_html.secure(copy, links.PRODUCTION)
    except ContentError as error:
        failures: Failures = {}
        for problem in error.problems:
            failures.setdefault(problem.path.removeprefix(copy.name + "/"), problem.message)
        return failures
    return {}


def html(site: Path, scratch: Path) -> Failures:
    completed = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--skip-non-html", "--errors-only", "--format", "json", "--stdout", str(site)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    failures: Failures = {}
    for message in json.loads(completed.stdout)["messages"]:
        if not is_known_theme_error(message):
            name = message["url"].split(site.resolve().as_posix() + "/", 1)[-1]
            failures.setdefault(name, f"rad {message.get('lastLine', '?')}: {message['message']}")
    return failures


def broken_links(site: Path, scratch: Path) -> Failures:
    server = serve(site)
    url = next(server)
    try:
        output = linkchecker(url, scratch).stdout
    finally:
        server.close()
    failures: Failures = {}
    # LinkChecker's text output: one block per link found wanting, its page on "Parent URL".
    for block in output.split("\n\n"):
        fields = dict(line.split(None, 1) if " " in line else (line, "") for line in block.replace("Parent URL", "Parent").replace("Real URL", "Real").splitlines())
        if "Parent" in fields and ("Error" in fields.get("Result", "") or "Warning" in fields):
            page = page_name(fields["Parent"].split(",")[0].removeprefix(url))
            failures.setdefault(page, f"{fields.get('URL', '').strip('`')}: {fields.get('Result') or fields.get('Warning')}")
    return failures


def axe(site: Path, scratch: Path) -> Failures:
    server = serve(site)
    url = next(server)
    failures: Failures = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            for name in built_pages(site):
                page.goto(url + name.removesuffix("index.html"))
                report = axe_report(page)
                if report:
                    failures[name] = f"{report.count(chr(10)) + 1} fynd, först {report.splitlines()[0]}"
            browser.close()
    finally:
        server.close()
    return failures


def calendar(site: Path, scratch: Path) -> Failures:
    failures: Failures = {}
    for path in sorted(site.rglob("*.ics")):
        name = path.relative_to(site).as_posix()
        try:
            icalendar.Calendar.from_ical(path.read_bytes())
        except ValueError as error:
            failures[name] = f"tolkas inte: {error}"
            continue
        problems = published_html.ics_problems(path.read_text(encoding="utf-8"), name)
        if problems:
            failures[name] = problems[0].message
    return failures


INVARIANTS: dict[str, Callable[[Path, Path], Failures]] = {
    "csp": csp,
    "html": html,
    "links": broken_links,
    "axe": axe,
    "calendar": calendar,
}


def measure(site: Path) -> dict[str, tuple[int, int, Failures]]:
    """{invariant: (pages or files that pass, how many it judged, every failure)}. The gate (csp)
    also names files that are not pages; they count against no page, but are listed."""
    pages = built_pages(site)
    calendars = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.ics"))
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name, invariant in INVARIANTS.items():
            folder = Path(scratch) / name
            folder.mkdir()
            failures = invariant(site, folder)
            judged = calendars if name == "calendar" else pages
            results[name] = (sum(1 for item in judged if item not in failures), len(judged), failures)
    return results


def main(argv: list[str]) -> int:
    site = Path(argv[0])
    blocking = argv[argv.index("--blocking") + 1].split(",") if "--blocking" in argv else []
    unknown = [name for name in blocking if name and name not in INVARIANTS]
    if unknown:
        print(f"Okänd invariant: {', '.join(unknown)} (finns: {', '.join(INVARIANTS)})", file=sys.stderr)
        return 2
    failed = False
    for name, (passing, total, failures) in measure(site).items():
        unit = "kalenderfiler" if name == "calendar" else "sidor"
        stops = name in blocking
        print(f"{name}: {passing} av {total} {unit} klarar det ({'blockerar' if stops else 'rapporterar'})")
        for page, why in sorted(failures.items())[:10]:
            print(f"  {page}: {why}")
        failed |= stops and bool(failures)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
