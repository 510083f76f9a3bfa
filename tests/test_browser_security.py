"""Pages in a real browser, at the address the site was built for (served from disk,
tests/conftest.py): no request leaves the site's origin, no dialog opens, no script file runs
that is not one of the site's own (macros/published_html.SCRIPT_FILES), and the page breaks
none of its own Content-Security-Policy (support.PolicyWatch). Every page of the real site is
held to this in the crawl of test_browser.py that also runs axe on it (one load a page); here,
a site that holds every attack of tests/fixtures/html_attacks/, and the watch's own test.

Locally these tests skip when Chromium is missing; in CI they fail instead (see conftest.py).
"""

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page

from macros.links import PRODUCTION
from scripts import sitebuild
from tests.support import PolicyWatch, own_scripts, search_once, serve

pytestmark = pytest.mark.browser

ATTACKS = Path(__file__).parent / "fixtures" / "html_attacks"


@pytest.fixture(scope="module")
def attack_url(tmp_path_factory, served_sites):
    """A copy of the real site with every page of tests/fixtures/html_attacks, built strictly and
    served like the real site; the local address of its folder of attack pages."""
    project = sitebuild.copy_site(tmp_path_factory.mktemp("attacks") / "project")
    (project / "docs" / "angrepp").mkdir()
    for page in sorted(ATTACKS.glob("*.md")):
        if page.name != "README.md":
            shutil.copy(page, project / "docs" / "angrepp" / page.name)
            sitebuild.add_page_to_nav(project, f"angrepp/{page.name}", page.stem)
    result = sitebuild.build(project, project.parent / "site")
    assert result.returncode == 0, result.output
    for url in serve(result.site_dir):
        served_sites[url] = (PRODUCTION, result.site_dir)
        yield url


def crawl(page: Page, addresses, base: str, paths: list[str], allowed_scripts: set[str], search: bool = True) -> dict:
    """Open each page; what went wrong on each (support.PolicyWatch). ``search``: open the search
    on the start page, so its worker runs too (``addresses``, conftest's production_addresses,
    gives the worker to that page alone)."""
    failures = {}
    with PolicyWatch(page, allowed_scripts) as watch:
        for path in paths:
            addresses.search = search and path == ""
            page.goto(base + path)
            if path == "" and search:
                search_once(page)
            found = watch.found()
            if found:
                failures[path] = found
    return failures


def test_the_attack_pages_are_inert_in_a_browser(attack_url, site, page: Page, outside_requests, production_addresses):
    base = attack_url
    paths = [""] + [f"angrepp/{path.stem}/" for path in sorted(ATTACKS.glob("*.md")) if path.name != "README.md"]
    page.set_viewport_size({"width": 1280, "height": 900})
    assert crawl(page, production_addresses, base, paths, own_scripts(site)) == {}
    for path in paths[1:]:
        page.goto(base + path)
        assert page.locator("article style, article form, article input, article script, article [style]").count() == 0
        assert page.locator("h1").first.is_visible()  # no style sheet hid the page, no overlay covers it
        assert page.evaluate("getComputedStyle(document.body).display") != "none"
    assert outside_requests == []


def test_the_crawl_notices_each_kind_of_failure(tmp_path, served_sites, page: Page, outside_requests, production_addresses):
    """The crawl above can fail: a made-up site with a script not in the list that opens a
    dialog, a page breaking its own policy, and an image from another origin."""
    folder = tmp_path / "site"
    (folder / "policy").mkdir(parents=True)
    (folder / "index.html").write_text('<!doctype html><title>x</title><script src="extra.js"></script><img src="https://ond.example/x.png" alt="">', encoding="utf-8")
    (folder / "extra.js").write_text("alert('hej')", encoding="utf-8")
    (folder / "policy" / "index.html").write_text(
        "<!doctype html><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"><title>x</title><script>document.title = 'y'</script>", encoding="utf-8"
    )
    for url in serve(folder):
        served_sites[url] = (PRODUCTION, folder)
        failures = crawl(page, production_addresses, url, ["", "policy/"], set(), search=False)
    assert any(event.startswith("script: " + PRODUCTION + "extra.js") for event in failures[""])
    assert "dialog: hej" in failures[""]
    assert any("script-src" in event for event in failures["policy/"])
    assert outside_requests == ["https://ond.example/x.png"]
