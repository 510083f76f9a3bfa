"""What the pages of a built site show and what they may not.

Behaviour is tested on the fixture site (tests/fixtures/site). The rules marked webbplatsen (or
taking each_site) hold the real site to invariants any valid content meets.
"""

import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scripts import sitebuild
from tests.support import built_pages, skip_or_fail


def read_page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def heading_text(heading) -> str:
    """A heading's text without its permalink sign."""
    return "".join(heading.find_all(string=True, recursive=False)).strip()


def text_of(soup: BeautifulSoup) -> str:
    """The visible text of a page's main content, with white space folded."""
    article = soup.select_one("article.md-content__inner")
    assert article is not None, "the page has no Material content article"
    return re.sub(r"\s+", " ", article.get_text(" "))




def test_every_page_is_swedish_with_one_main_heading(each_site):
    site, _ = each_site
    for path in built_pages(site):
        page = read_page(site, path)
        assert page.html["lang"] == "sv", path
        assert len(page.find_all("h1")) == 1, path


def test_start_page_is_swedish_and_titled(fixture_site):
    page = read_page(fixture_site, "index.html")
    assert page.html["lang"] == "sv"
    assert page.title.get_text() == "Malmöandan"
    assert [heading_text(h1) for h1 in page.find_all("h1")] == ["Malmöandan"]


@pytest.mark.parametrize(
    "fact",
    [
        "oktober 2014",  # work on the agreement began (samarbetsplan 2021–2026, Bakgrund)
        "kommunstyrelsen 24 maj 2017, § 117",  # KS decided to enter the agreement (KS 170524 § 117)
        "14 juni 2017",  # adopted at a ceremony in Rådhuset
        "Malmö Ideella",
        "kommunstyrelsen 13 juni 2018",  # KS adopted the plan 2018–2022
        "kommunstyrelsen 13 januari 2021, § 11",  # the revised plan 2021–2026 (KS 210113 § 11)
        "kommunstyrelsen 6 mars 2024, § 60",  # the plan repealed from 2024 (KS 240306 § 60)
        "kommunstyrelsen 11 september 2024, § 221",  # the last annual report
    ],
)
def test_start_page_tells_the_key_facts(fixture_site, fact):
    assert fact in text_of(read_page(fixture_site, "index.html"))


def test_start_page_names_its_sources(fixture_site):
    page = read_page(fixture_site, "index.html")
    sources = page.find("h2", id="kallor")
    assert sources is not None, "the start page has no Källor section"
    items = [li.get_text(" ", strip=True) for li in sources.find_next("ol").find_all("li")]
    assert any("STK-2023-1697" in item for item in items)
    assert any("Samarbetsplan Malmöandan 2021–2026" in item for item in items)


def test_about_page_shows_the_injected_build_time(fixture_site):
    # FIXED_EPOCH is 2026-11-22 17:00 UTC, 18.00 in Malmö (CET). The build stamp is for the
    # curious on Om webbplatsen, not on the start page.
    assert "Webbplatsen byggdes senast 22 november 2026 kl. 18.00." in text_of(
        read_page(fixture_site, "om-webbplatsen/index.html")
    )
    assert "byggdes senast" not in text_of(read_page(fixture_site, "index.html"))


def test_the_real_site_builds_strictly_and_every_page_has_its_policy(site):
    """The site fixture has built the real content with --strict (a warning fails it); every page
    it wrote starts its head with its Content-Security-Policy and sends no referrer elsewhere."""
    pages = sorted(site.rglob("*.html"))
    assert site / "index.html" in pages and site / "404.html" in pages
    for path in pages:
        html = path.read_text(encoding="utf-8")
        head = html.split("<head>", 1)[1].lstrip()
        assert head.startswith('<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src \'none\';'), path
        assert '<meta name="referrer" content="same-origin">' in html, path


def test_no_macro_leftovers_on_any_page(site):
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "Macro Rendering Error" not in text, html
        assert "{{" not in text and "{%" not in text, f"unrendered Jinja in {html}"


def test_every_page_has_the_footer_and_edit_links_only_where_they_belong(each_site):
    site, _ = each_site
    for path in built_pages(site):
        page = read_page(site, path)
        footer_links = {a.get_text(strip=True): a["href"] for a in page.select(".ma-footer__links a")}
        # "Kontakt" only once data/kontakt.yml has a confirmed route (tests/test_reader_pages.py).
        assert set(footer_links) - {"Kontakt"} == {
            "Tillgänglighetsredogörelse",
            "Personuppgifter och kakor",
            "Om webbplatsen",
            "Lättläst",
            "In English",
            "Källkod på GitHub",
        }, path
        # Links are relative, so the site works under a preview sub-path too (except on the 404
        # page, which is served at any address).
        if path != "404.html":
            assert not footer_links["Tillgänglighetsredogörelse"].startswith(("/", "http")), path
        # The GitHub pencil only on Om webbplatsen (and on previews, see test_preview.py).
        edit = page.find("a", title="Redigera sidan")
        if path.startswith("om-webbplatsen"):
            assert edit["href"] == "https://github.com/malmoandan/malmoandan.se/edit/main/docs/om-webbplatsen.md"
        else:
            assert edit is None, f"an edit link for editors on the public page {path}"


# Attributes that make a browser fetch something when the page loads (links the reader clicks,
# <a href>, are not requests and may point anywhere).
FETCHING = re.compile(
    r"""<(?:script|img|iframe|link|source|video|audio|embed|object)\b[^>]*?\b(?:src|href|data)\s*=\s*["']?(?P<url>[^"'\s>]+)""",
    re.IGNORECASE,
)
CSS_URL = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])(?P<url>[^"')\s]+)""")


def test_nothing_is_fetched_from_another_origin(site):
    """Static check of every output file; the browser test checks the same at run time."""
    offenders = []
    for path in site.rglob("*"):
        if path.suffix == ".html":
            urls = [m["url"] for m in FETCHING.finditer(path.read_text(encoding="utf-8"))]
        elif path.suffix == ".css":
            urls = [m["url"] for m in CSS_URL.finditer(path.read_text(encoding="utf-8"))]
        else:
            continue
        for url in urls:
            # <link rel="canonical"> and friends name the site's own public address.
            if re.match(r"(?i)^(https?:)?//", url) and not url.startswith("https://malmoandan.se/"):
                offenders.append(f"{path.relative_to(site)}: {url}")
    assert offenders == []
    assert "fonts.googleapis.com" not in (site / "index.html").read_text(encoding="utf-8")


def test_search_index_is_swedish(site):
    config = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"lang":["sv"]' in config.replace(" ", "")


def test_same_input_gives_same_bytes(site, tmp_path):
    again = sitebuild.build(sitebuild.ROOT, tmp_path / "again")
    assert again.returncode == 0, again.output
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again.site_dir): p.read_bytes() for p in again.site_dir.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    differing = [str(name) for name in first if first[name] != second[name]]
    assert differing == []


def test_no_embedded_third_party_content(site):
    """Video and other embeds are plain links; no page loads an iframe."""
    for html in site.rglob("*.html"):
        assert "<iframe" not in html.read_text(encoding="utf-8").lower(), html


def test_english_page_is_marked_english(fixture_site):
    page = BeautifulSoup((fixture_site / "in-english" / "index.html").read_text(encoding="utf-8"), "html.parser")
    english = page.find("div", lang="en")
    assert english is not None and english.find("h1").get_text(strip=True) == "Malmöandan in English"
    link = page.select_one('.ma-footer__links a[lang="en"]')
    assert link.get_text() == "In English" and link["hreflang"] == "en"


def test_fixture_accessibility_statement_gives_its_dates(fixture_site):
    text = text_of(read_page(fixture_site, "tillganglighet/index.html"))
    assert "delvis förenlig" in text  # the compliance status in the prescribed wording
    assert "Bedömningen gjordes senast 22 november 2026" in text
    assert "Redogörelsen uppdaterades senast 22 november 2026" in text


def test_accessibility_statement_has_every_required_part(each_site):
    site, data = each_site
    page = read_page(site, "tillganglighet/index.html")
    text = re.sub(r"\s+", " ", page.select_one("article").get_text(" "))
    for required in (
        # the public body, or that it is not yet confirmed (no source names one: issue 13)
        "malmoandan.se",  # the service
        "förenlig",  # the compliance status ("delvis förenlig" in the fixture)
        "Kända brister",
        "Oskälig börda",
        "Innehåll som inte omfattas av lagen",
        "Hur vi testat webbplatsen",
        "Bedömningen gjordes senast",
        "Redogörelsen uppdaterades senast",
    ):
        assert required in text, required
    body = data.accessibility["offentlig_aktör"]
    assert (f"{body} står bakom" if body else "Vilken offentlig aktör som står bakom webbplatsen malmoandan.se är ännu inte bekräftat") in text
    assert page.find("a", href="https://www.digg.se/tdosanmalan") is not None
    assert page.select_one(".ma-contact") is not None  # the contact route, or that there is none yet


def test_pages_say_when_they_or_their_data_last_changed_from_git(tmp_path):
    """'Senast ändrad' comes from the git history of the page and of the data files its facts
    come from (macros/git_dates.py); without history the pages say nothing rather than guess."""
    import shutil
    import subprocess

    if shutil.which("git") is None:
        skip_or_fail("git not found", "Install it with: sudo apt-get install git")
    project = sitebuild.fixture_site(tmp_path / "project")

    def commit(message: str, when: str) -> None:
        env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
               "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
               "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
        subprocess.run(["git", "add", "-A"], cwd=project, check=True, env=env)
        subprocess.run(["git", "commit", "-q", "-m", message], cwd=project, check=True, env=env)

    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    old_type_page = project / "docs" / "kalender" / "typ" / "dialogforum.md"  # as before the pages were made
    old_type_page.parent.mkdir(parents=True)
    old_type_page.write_text("# Kalender: Dialogforum\n", encoding="utf-8")
    commit("Allt", "2026-03-01T12:00:00+01:00")
    decisions = project / "data" / "decisions.yml"
    decisions.write_text(decisions.read_text(encoding="utf-8") + "\n# En ändring i registret.\n", encoding="utf-8")
    old_type_page.unlink()
    commit("Ett beslut ändras", "2026-04-02T12:00:00+02:00")
    result = sitebuild.build(project, tmp_path / "site")
    assert result.returncode == 0, result.output

    def changed(path: str) -> str:
        page = read_page(result.site_dir, path).select_one(".ma-changed")
        return page.get_text(" ", strip=True) if page else ""

    assert changed("beslut/index.html") == "Senast ändrad 2 april 2026"  # its data file changed
    assert changed("personuppgifter/index.html") == "Senast ändrad 1 mars 2026"
    assert changed("kalender/typ/dialogforum/index.html") == ""  # made by the build: no history, not its old file's
