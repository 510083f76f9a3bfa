"""A pull-request preview: the same site built with its own address on the preview origin
(https://malmoandan.github.io/forhandsvisning/pr-7/), served under that sub-path, must work in
full: links, assets, search; it must say that it is a preview, ask search engines not to index
it, and pass the checks the preview publisher makes before publishing (scripts/github_pages.py)."""

import os
import re
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from scripts import github_pages, sitebuild
from tests.support import linkchecker, serve

SUB_PATH = "forhandsvisning/pr-7/"
ADDRESS = "https://malmoandan.github.io/" + SUB_PATH


@pytest.fixture(scope="module")
def preview_root(tmp_path_factory):
    """A folder laid out like the preview origin, with the preview in forhandsvisning/pr-7/."""
    root = tmp_path_factory.mktemp("pages")
    project = sitebuild.calendar_site(tmp_path_factory.mktemp("preview-project"))
    result = sitebuild.build(
        project,
        root / SUB_PATH,
        sitebuild.CALENDAR_EPOCH,
        {"SITE_URL": ADDRESS, "FORHANDSVISNING": "7"},
    )
    assert result.returncode == 0, result.output
    return root


@pytest.fixture(scope="module")
def preview_url(preview_root, served_sites):
    for url in serve(preview_root):
        served_sites[url + SUB_PATH] = (ADDRESS, preview_root / SUB_PATH)  # a browser opens it at ADDRESS (conftest.py)
        yield url + SUB_PATH


def test_preview_says_so_and_is_not_indexed(preview_root):
    for path in ("index.html", "historik/index.html", "kalender/evenemang/2026/2026-03-29-dialogforum-var/index.html"):
        page = BeautifulSoup((preview_root / SUB_PATH / path).read_text(encoding="utf-8"), "html.parser")
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
        banner = page.select_one(".ma-preview")
        assert banner is not None and "Förhandsvisning av ändringsförslag #7" in banner.get_text()
        assert page.find("link", rel="canonical")["href"].startswith(ADDRESS)


def test_preview_calendar_files_name_the_preview_address(preview_root):
    calendar = (preview_root / SUB_PATH / "kalender.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    assert f"URL:{ADDRESS}kalender/evenemang/2026/2026-03-29-dialogforum-var/" in calendar


def test_the_publisher_accepts_the_preview_and_refuses_a_production_build(preview_root, fixture_site):
    """What the publisher checks on its own (safe names, no links, noindex on every HTML page)
    holds for a real preview build, and a production build, which may be indexed, is refused."""
    files = github_pages.check_preview_site(preview_root / SUB_PATH)
    assert ("index.html",) in files and ("404.html",) in files
    with pytest.raises(github_pages.Refused, match="noindex"):
        github_pages.check_preview_site(fixture_site)


def test_dev_preview_build_uses_the_preview_origin(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PREVIEW_BASE_URL", "SITE_URL", "FORHANDSVISNING")}
    dev = str(sitebuild.ROOT / "dev")
    built = subprocess.run([dev, "preview-build", "7", "--site-dir", str(tmp_path / "site")], env=env, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    page = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("link", rel="canonical")["href"] == ADDRESS
    github_pages.check_preview_site(tmp_path / "site")
    for number in ("７", "7a", "../7", ""):
        refused = subprocess.run([dev, "preview-build", number], env=env, capture_output=True, text=True, timeout=60)
        assert refused.returncode != 0


# LinkChecker obeys <meta name="robots" content="… nofollow">, which every preview page has
# (test_preview_says_so_and_is_not_indexed): on the preview itself it checks the start page and
# follows nothing. It follows a copy of the preview without that one tag.
ROBOTS = '<meta name="robots" content="noindex, nofollow">'


def test_every_link_works_under_the_sub_path(preview_root, tmp_path):
    followable = tmp_path / "pages"
    shutil.copytree(preview_root, followable)
    for page in followable.rglob("*.html"):
        page.write_text(page.read_text(encoding="utf-8").replace(ROBOTS, ""), encoding="utf-8")
    # Links only (test_links.py checks the anchors of the same pages, the calendar fixture site),
    # and every address on the server is internal: a link that leaves the sub-path (/kalender/)
    # is checked, and broken, not skipped as external.
    server = serve(followable)
    try:
        result = linkchecker(next(server) + SUB_PATH, tmp_path, anchors=False, internal=r"^http://127\.0\.0\.1:")
    finally:
        server.close()
    assert "0 warnings found. 0 errors found." in result.stdout, result.stdout[-5000:]
    checked = int(re.search(r"(\d+) links? in \d+ URLs? checked", result.stdout)[1])
    assert checked > len(list(followable.rglob("*.html"))), "LinkChecker followed the links of every page"


@pytest.mark.browser
@pytest.mark.sok
def test_preview_works_in_a_browser(page: Page, preview_url, outside_requests):
    failed = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(preview_url)
    expect(page.locator(".ma-preview")).to_be_visible()
    header = page.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert header == "rgb(11, 81, 86)", "the stylesheets did not load under the sub-path"
    search = page.get_by_role("textbox", name="Sök")
    search.click()
    search.press_sequentially("kakorna", delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("Escape")
    page.get_by_role("link", name=re.compile("^Historik$")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Historik")
    assert page.url.startswith(ADDRESS)
    assert failed == [] and outside_requests == []


def test_preview_shows_editors_where_facts_live_and_how_to_edit(preview_root):
    page = BeautifulSoup((preview_root / SUB_PATH / "beslut" / "index.html").read_text(encoding="utf-8"), "html.parser")
    note = page.select_one(".ma-data-note")
    links = {a.get_text(): a["href"] for a in note.find_all("a")}
    assert links == {
        "data/decisions.yml": "https://github.com/malmoandan/malmoandan.se/edit/main/data/decisions.yml",
        "data/sources.yml": "https://github.com/malmoandan/malmoandan.se/edit/main/data/sources.yml",
    }
    assert page.find("a", title="Redigera sidan")["href"].endswith("/edit/main/docs/beslut.md")
