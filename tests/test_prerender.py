"""The pre-render path (issue 15): the site as plain Markdown with every macro expanded, built by
plain Material without mkdocs-macros or the project's hooks, must show readers the same thing as
the normal build.

Differences that are explained, and so left out of the comparison:
- "Senast ändrad" (p.ma-changed) comes from the MkDocs hook macros/git_dates.py, which a plain
  build does not run;
- the theme's bundle and search worker are rewritten after the normal build
  (macros/published_html.py: the polyfill on the site itself, no source-map comments); the
  pre-rendered site gets the same step by running that module on its output.

Both builds are of the fixture site (tests/fixtures/site): the path is code, tested on content
that does not change.
"""

import os
import subprocess
import sys

import pytest

from scripts import compare_builds, sitebuild

pytestmark = pytest.mark.bygger



@pytest.fixture(scope="module")
def prerendered(tmp_path_factory):
    project = sitebuild.fixture_site(tmp_path_factory.mktemp("fixturprojekt") / "projekt")
    out = tmp_path_factory.mktemp("forrendera") / "ut"
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(sitebuild.FIXED_EPOCH)}
    env.pop("SITE_URL", None)
    done = subprocess.run([sys.executable, "-m", "macros.prerender", str(out), "--projekt", str(project)], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="module")
def plain_site(prerendered):
    """The pre-rendered pages built by plain Material: no macros plugin, no hook, no project code."""
    result = sitebuild.build(prerendered, prerendered.parent / "site")
    assert result.returncode == 0, result.output
    assert "[macros]" not in result.output
    return result.site_dir


def test_the_prerendered_pages_hold_no_macro_and_the_config_no_project_code(prerendered):
    config = (prerendered / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- macros:" not in config and "hooks:" not in config and "module_name" not in config
    assert "malmoandan_status:" in config
    pages = list((prerendered / "docs").rglob("*.md"))
    assert len(pages) > 30
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "{{" not in text and "{%" not in text, page
        assert "render_macros" not in text, page


def test_every_page_reads_the_same_and_every_other_file_is_the_same(fixture_site, plain_site):
    """Article text of every page; calendar files, feed, open data and assets byte for byte."""
    assert compare_builds.compare(fixture_site, plain_site) == {
        "missing_pages": [], "extra_pages": [], "different_pages": [], "missing_files": [], "different_files": []
    }


def test_the_comparison_sees_a_difference(fixture_site, tmp_path):
    """Negative control: change one word of one page and one byte of one file."""
    import shutil

    site = fixture_site
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "beslut" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", " (ändrad)</h1>", 1), encoding="utf-8")  # not the page's wording, which editors change
    (copy / "kalender.ics").write_bytes((copy / "kalender.ics").read_bytes() + b" ")
    report = compare_builds.compare(site, copy)
    assert report["different_pages"] == ["beslut/index.html"] and report["different_files"] == ["kalender.ics"]
