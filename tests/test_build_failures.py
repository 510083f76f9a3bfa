"""Broken pages must stop the strict build, each with a message that says what is wrong.

Each page in tests/fixtures/broken_pages/ is added to a copy of the fixture site, with the real
mkdocs.yml, so these tests fail if the site's own configuration stops catching the mistake.
"""

import shutil
from pathlib import Path

from scripts import sitebuild

BROKEN_PAGES = Path(__file__).parent / "fixtures" / "broken_pages"

CASES = {
    # fixture page: text the build output must contain, at the page it is copied to ({page}).
    # Found by the content check before MkDocs renders anything, in Swedish and at the line
    # (macros/page_links.py for the link).
    "link_to_missing_page.md": "{page}:3: länken går till sidan sida-som-saknas.md, som inte finns",
    "undefined_variable.md": "{page}:7: mellan {{{{ och }}}} får bara ett makro stå",
    "macro_error.md": "{page}:7: senast_byggd: fel antal eller namn på argumenten",
}
# Found by MkDocs, which runs only once the content check passes: the anchor is on a page whose
# headings come from macros (index.md), which page_links.py leaves to the build.
ANCHOR_CASE = ("link_to_missing_anchor.md", "{page}:3: länken går till #rubrik-som-saknas, men det finns ingen sådan rubrik på index.md")


def with_broken_pages(tmp_path: Path, fixtures: list[str]) -> sitebuild.BuildResult:
    """The fixture site with each broken page of ``fixtures`` added to it and to the menu, built,
    each at docs/<its name, with hyphens> (page_for)."""
    project = sitebuild.fixture_site(tmp_path / "project")
    for fixture in fixtures:
        (project / "docs" / page_for(fixture)).write_text((BROKEN_PAGES / fixture).read_text(encoding="utf-8"), encoding="utf-8")
        sitebuild.add_page_to_nav(project, page_for(fixture), fixture)
    return sitebuild.build(project, tmp_path / "site")


def page_for(fixture: str) -> str:
    return fixture.replace("_", "-")


def test_every_broken_page_stops_the_build_each_at_its_line(tmp_path):
    """Every broken page the content check finds, in one copy: the one build stops and names each
    page's own mistake at its line (an editor gets every mistake in one run), not only the first."""
    result = with_broken_pages(tmp_path, list(CASES))

    assert result.returncode != 0, f"the broken pages were built without an error:\n{result.output}"
    unreported = [fixture for fixture, expected in CASES.items() if expected.format(page=f"docs/{page_for(fixture)}") not in result.output]
    assert unreported == [], result.output


def test_a_link_to_a_missing_anchor_stops_the_build_at_its_line(tmp_path):
    fixture, expected = ANCHOR_CASE
    result = with_broken_pages(tmp_path, [fixture])

    assert result.returncode != 0, f"{fixture} was built without an error:\n{result.output}"
    assert expected.format(page=f"docs/{page_for(fixture)}") in result.output, result.output


def test_copy_without_a_broken_page_builds(tmp_path):
    """Negative control: the copy and the nav edit alone do not break the build."""
    project = sitebuild.fixture_site(tmp_path / "project")
    (project / "docs" / "testsida.md").write_text("# Testsida\n\n[Start](index.md)\n", encoding="utf-8")
    sitebuild.add_page_to_nav(project, "testsida.md")

    result = sitebuild.build(project, tmp_path / "site")

    assert result.returncode == 0, result.output


def test_every_broken_page_fixture_has_a_case():
    fixtures = {p.name for p in BROKEN_PAGES.glob("*.md")} - {"README.md"}
    assert fixtures == {*CASES, ANCHOR_CASE[0]}


def test_page_left_out_of_the_nav_stops_the_build(tmp_path):
    """A page neither in nav nor in not_in_nav is a forgotten page, not a deliberate one."""
    project = sitebuild.fixture_site(tmp_path / "project")
    (project / "docs" / "glomd.md").write_text("# Glömd sida\n", encoding="utf-8")

    result = sitebuild.build(project, tmp_path / "site")

    assert result.returncode != 0, result.output
    assert "docs/glomd.md:1: sidan finns inte i menyn. Lägg till den under nav: i mkdocs.yml" in result.output


def test_broken_data_stops_the_build_with_every_problem(tmp_path):
    """Mistakes in two data files: the build reports both, with file and line, and makes no pages."""
    project = sitebuild.fixture_site(tmp_path / "project")
    decisions = project / "data" / "decisions.yml"
    text = decisions.read_text(encoding="utf-8")
    decisions.write_text(text.replace('datum: "2024-03-06"', 'datum: "6 mars 2024"', 1), encoding="utf-8")
    line = text.splitlines().index('  datum: "2024-03-06"') + 1
    timeline = project / "data" / "timeline.yml"
    timeline.write_text(timeline.read_text(encoding="utf-8") + '\n- datum: "2024-13"\n  rubrik: Fel\n  text: "Fel."\n  källa: finns-inte\n  citat: "Ett citat som inte kan kontrolleras."\n', encoding="utf-8")

    result = sitebuild.build(project, tmp_path / "site")

    assert result.returncode != 0
    assert "Bygget stoppades: 3 fel i innehållet." in result.output
    assert f'data/decisions.yml:{line}: datum: datumet ska skrivas med siffror som ÅÅÅÅ-MM-DD (nu står det "6 mars 2024"). Skriv beslutsdagen' in result.output
    assert "data/timeline.yml:" in result.output and 'månaden måste vara 01–12 (nu står det "2024-13")' in result.output
    assert "källa: 'finns-inte' finns inte i data/sources.yml" in result.output
    assert not (tmp_path / "site" / "index.html").exists(), "a page was written although the data is broken"


def test_data_text_is_shown_as_text_on_the_page(tmp_path):
    """Markdown and HTML characters and Jinja braces in a data string render as themselves."""
    project = sitebuild.fixture_site(tmp_path / "project")
    timeline = project / "data" / "timeline.yml"
    tricky = "A | B *c* <b>d</b> {{ e }} [f](g)"
    timeline.write_text(
        timeline.read_text(encoding="utf-8") + f'\n- datum: "2022-11"\n  rubrik: \'{tricky}\'\n  text: "x"\n  källa: ks-2024-09-11-221\n  citat: "I november 2022 beslutade styrgruppen"\n',
        encoding="utf-8",
    )

    result = sitebuild.build(project, tmp_path / "site")

    assert result.returncode == 0, result.output
    from bs4 import BeautifulSoup

    page = BeautifulSoup((tmp_path / "site" / "historik" / "index.html").read_text(encoding="utf-8"), "html.parser")
    headings = [h.get_text() for h in page.select("h3.ma-timeline__title")]
    assert any(h.endswith(tricky) for h in headings), headings
    assert page.find("b", string="d") is None and page.find("em", string="c") is None


def test_broken_event_stops_the_build_before_any_page(tmp_path):
    project = sitebuild.fixture_site(tmp_path / "project")
    broken = Path(__file__).parent / "fixtures" / "content" / "broken_events" / "summer_time_gap"
    shutil.copytree(broken, project / "docs" / "kalender" / "evenemang", dirs_exist_ok=True)

    result = sitebuild.build(project, tmp_path / "site")

    assert result.returncode != 0
    assert (
        'docs/kalender/evenemang/2026/2026-03-29-dialogforum.md:5: start: klockslaget "2026-03-29 02:30" finns inte i Sverige'
        in result.output
    )
    assert not (tmp_path / "site").exists() or not any((tmp_path / "site").rglob("*.html"))
