"""Every internal link and anchor in the built output, as LinkChecker follows them over HTTP.

MkDocs checks the links written in Markdown; this also covers what templates and macros write
(the footer, the status notice, calendar lists, .ics and feed links). External links are not
followed: the test suite makes no request outside 127.0.0.1.
"""

from pathlib import Path

import pytest

from tests.support import linkchecker, serve

BROKEN = Path(__file__).parent / "fixtures" / "broken_links"





@pytest.mark.parametrize(
    "url_fixture",
    [pytest.param("site_url", marks=pytest.mark.webbplatsen, id="webbplatsen"), pytest.param("calendar_url", id="kalenderfixturer")],
)
def test_no_broken_internal_link_or_anchor(request, tmp_path, url_fixture):
    result = linkchecker(request.getfixturevalue(url_fixture), tmp_path)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    # A missing anchor is a warning in LinkChecker; both must be zero.
    assert "0 warnings found. 0 errors found." in result.stdout, result.stdout[-5000:]


def test_linkchecker_finds_a_missing_page_and_anchor(tmp_path):
    """Negative control: the check above would fail on a broken link or anchor."""
    server = serve(BROKEN)
    url = next(server)
    try:
        result = linkchecker(url, tmp_path)
    finally:
        server.close()
    assert result.returncode == 1
    assert "saknas.html" in result.stdout
    assert "#finns-inte" in result.stdout and "1 warning found" in result.stdout
