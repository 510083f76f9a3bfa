"""Broken pages must stop the strict build, each with a message that says what is wrong.

Each page in tests/fixtures/broken_pages/ is added to a copy of the real site, with the real
mkdocs.yml, so these tests fail if the site's own configuration stops catching the mistake.
"""

from pathlib import Path

import pytest

from tests import sitebuild

BROKEN_PAGES = Path(__file__).parent / "fixtures" / "broken_pages"

CASES = {
    # fixture page: text the build output must contain
    "link_to_missing_page.md": "contains a link 'sida-som-saknas.md', but the target is not found",
    "link_to_missing_anchor.md": "does not contain an anchor '#rubrik-som-saknas'",
    "undefined_variable.md": "'arsrapport_ar' is undefined",
    "macro_error.md": "senast_byggd() takes 0 positional arguments but 1 was given",
}


@pytest.mark.parametrize("fixture, expected", CASES.items(), ids=list(CASES))
def test_broken_page_stops_the_build(tmp_path, fixture, expected):
    project = sitebuild.copy_site(tmp_path / "project")
    (project / "docs" / "testsida.md").write_text(
        (BROKEN_PAGES / fixture).read_text(encoding="utf-8"), encoding="utf-8"
    )
    sitebuild.add_page_to_nav(project, "testsida.md")

    result = sitebuild.build(project, tmp_path / "site")

    assert result.returncode != 0, f"{fixture} was built without an error:\n{result.output}"
    assert expected in result.output
    assert "testsida.md" in result.output, "the message must name the broken page"


def test_copy_without_a_broken_page_builds(tmp_path):
    """Negative control: the copy and the nav edit alone do not break the build."""
    project = sitebuild.copy_site(tmp_path / "project")
    (project / "docs" / "testsida.md").write_text("# Testsida\n\n[Start](index.md)\n", encoding="utf-8")
    sitebuild.add_page_to_nav(project, "testsida.md")

    result = sitebuild.build(project, tmp_path / "site")

    assert result.returncode == 0, result.output


def test_every_broken_page_fixture_has_a_case():
    fixtures = {p.name for p in BROKEN_PAGES.glob("*.md")} - {"README.md"}
    assert fixtures == set(CASES)


def test_page_left_out_of_the_nav_stops_the_build(tmp_path):
    """A page neither in nav nor in not_in_nav is a forgotten page, not a deliberate one."""
    project = sitebuild.copy_site(tmp_path / "project")
    (project / "docs" / "glomd.md").write_text("# Glömd sida\n", encoding="utf-8")

    result = sitebuild.build(project, tmp_path / "site")

    assert result.returncode != 0, result.output
    assert "not included in the \"nav\" configuration" in result.output
    assert "glomd.md" in result.output
