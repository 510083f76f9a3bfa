"""Every internal link and anchor in the built output: LinkChecker follows the links over HTTP,
and every link to an anchor is looked up among the ids of the page it names.

MkDocs checks the links written in Markdown; this also covers what templates and macros write
(the footer, the status notice, calendar lists, .ics and feed links). External links are not
followed: the test suite makes no request outside 127.0.0.1.
"""

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import pytest

from tests.support import linkchecker, serve

BROKEN = Path(__file__).parent / "fixtures" / "broken_links"

# LinkChecker without its AnchorCheck plugin, which makes every distinct page#anchor a URL of its
# own: it downloads and parses the page again for each (211 times for the real site's 35 pages,
# 12 s of CPU time, nine tenths of the run). missing_anchors reads each page once instead.
SITE = "http://sajten/"  # any origin: a link is internal when it resolves to it


def missing_anchors(site: Path) -> list[str]:
    """Every link from a page of ``site`` to an anchor of one of its pages that has no element with
    that id (or <a name>), as "page: href". Hand-written for the reason above; it finds what
    AnchorCheck finds: the page's ids and names, the anchor percent-decoded."""
    anchors: dict[str, set[str]] = {}
    links: list[tuple[str, str]] = []
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        tree = lxml.html.parse(path)
        anchors[page] = {str(value) for value in tree.xpath("//@id | //a/@name")}
        links += [(page, str(href)) for href in tree.xpath("//@href") if "#" in href]
    missing = []
    for page, href in links:
        target = urlsplit(urljoin(SITE + page, href))
        if not target.fragment or target.netloc != "sajten":
            continue
        name = unquote(target.path).lstrip("/")
        name = name + "index.html" if name == "" or name.endswith("/") else name
        # A page that does not exist is LinkChecker's finding; a file that is not HTML has no anchors.
        if name in anchors and unquote(target.fragment) not in anchors[name]:
            missing.append(f"{page}: {href}")
    return missing


@pytest.mark.parametrize(
    ("site_fixture", "url_fixture"),
    [
        pytest.param("site", "site_url", marks=pytest.mark.webbplatsen, id="webbplatsen"),
        pytest.param("calendar_site", "calendar_url", id="kalenderfixturer"),
    ],
)
def test_no_broken_internal_link_or_anchor(request, tmp_path, site_fixture, url_fixture):
    result = linkchecker(request.getfixturevalue(url_fixture), tmp_path, anchors=False)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert "0 warnings found. 0 errors found." in result.stdout, result.stdout[-5000:]
    assert missing_anchors(request.getfixturevalue(site_fixture)) == []


def test_the_checks_find_a_missing_page_and_anchor(tmp_path):
    """Negative control: the checks above would fail on a broken link or anchor."""
    server = serve(BROKEN)
    url = next(server)
    try:
        result = linkchecker(url, tmp_path, anchors=False)
    finally:
        server.close()
    assert result.returncode == 1
    assert "saknas.html" in result.stdout and "1 error found" in result.stdout
    assert missing_anchors(BROKEN) == ["index.html: #finns-inte"]
