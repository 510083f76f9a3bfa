"""./dev serve (scripts/serve.py) shows a failed build in the browser as a Swedish error page with
the check's fil:rad lines, and the real page once the build is fixed. HTTP on 127.0.0.1 only."""

import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from scripts import serve, sitebuild

BROKEN_PAGE = Path(__file__).parent / "fixtures" / "broken_pages" / "link_to_missing_page.md"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:  # the error page answers every other address with 404
        return error.read().decode("utf-8")
    except urllib.error.URLError:  # not listening yet
        return ""


def wait_for(url: str, wanted: str, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while True:
        page = get(url)
        if wanted in page or time.monotonic() > deadline:
            return page
        time.sleep(0.5)


@pytest.mark.bygger
def test_a_failed_build_is_an_error_page_until_it_is_fixed(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(sitebuild.FIXED_EPOCH))
    project = sitebuild.copy_site(tmp_path / "project")
    page = project / "docs" / "testsida.md"
    page.write_text(BROKEN_PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    sitebuild.add_page_to_nav(project, "testsida.md")
    port = free_port()
    server, site_dir = serve.make_server(project, "127.0.0.1", port)
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{port}/"
        shown = wait_for(base + "testsida/", "Bygget misslyckades")
        assert "<title>Bygget misslyckades – Malmöandan</title>" in shown
        assert "docs/testsida.md:3: länken går till sidan sida-som-saknas.md, som inte finns" in shown
        assert '<meta http-equiv="refresh"' in shown, "the error page asks to be loaded again"
        assert "Bygget misslyckades" in get(base), "every address shows the error page"

        page.write_text("# Testsida\n\nNu går länken till [startsidan](index.md).\n", encoding="utf-8")

        fixed = wait_for(base + "testsida/", "Nu går länken till")
        assert "Nu går länken till" in fixed and "Bygget misslyckades" not in fixed
        assert "Bygget misslyckades" not in (site_dir / "index.html").read_text(encoding="utf-8")
    finally:
        server.shutdown()
        thread.join(timeout=10)
        shutil.rmtree(site_dir, ignore_errors=True)
