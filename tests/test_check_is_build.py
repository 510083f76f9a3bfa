"""``./dev check`` (scripts/site_check.py) stops on everything the strict build stops on, in
Swedish at ``fil:rad``: it runs the same build in-process once the content check has passed."""

from pathlib import Path

import pytest

from macros import page_links, reports
from macros.yamlfiles import parse
from scripts import site_check, sitebuild

BROKEN_PAGES = Path(__file__).parent / "fixtures" / "broken_pages"

# A page whose headings come from a macro: the content check cannot see its anchors, the build can.
MACRO_PAGE = "---\nrender_macros: true\n---\n\n# Makrosida\n\nByggd {{ senast_byggd() }}.\n"
LINK_TO_MACRO_PAGE = "# Testsida\n\nSe [beslutet](makrosida.md#ks-1999-01-01).\n"


def site_with(tmp_path: Path, pages: dict[str, str]) -> Path:
    project = sitebuild.copy_site(tmp_path / "project")
    for name, text in pages.items():
        (project / "docs" / name).write_text(text, encoding="utf-8")
        sitebuild.add_page_to_nav(project, name)
    return project


@pytest.mark.bygger
def test_an_anchor_only_the_build_can_see_is_reported_by_the_check(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(sitebuild.FIXED_EPOCH))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")  # and shown at the line in the pull request
    project = site_with(tmp_path, {"makrosida.md": MACRO_PAGE, "testsida.md": LINK_TO_MACRO_PAGE})

    assert site_check.main(project) == 1
    out = capsys.readouterr().out.splitlines()
    message = "länken går till #ks-1999-01-01, men det finns ingen sådan rubrik på makrosida.md. Kontrollera rubrikens stavning på den sidan"
    assert out == [f"docs/testsida.md:3: {message}", f"::error file=docs/testsida.md,line=3,title=Fel i innehållet::{message}"]
    assert sitebuild.build(project, tmp_path / "site").returncode != 0, "the build must stop on the same link"


@pytest.mark.bygger
def test_the_check_passes_when_the_build_passes(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(sitebuild.FIXED_EPOCH))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    project = site_with(tmp_path, {"makrosida.md": MACRO_PAGE, "testsida.md": LINK_TO_MACRO_PAGE.replace("#ks-1999-01-01", "#makrosida")})

    assert site_check.main(project) == 0, capsys.readouterr().out
    assert not (project / "site").exists(), "the check writes no site"


@pytest.mark.bygger
def test_a_failure_inside_a_macro_is_a_swedish_line_at_the_call(tmp_path, capsys, monkeypatch):
    """What the build raises that no rule foresaw still reaches the editor at fil:rad, not as a traceback."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setattr(reports, "report_call_problems", lambda root, indicators, parsed: [])  # let the build meet it
    indicator = parse((sitebuild.ROOT / "data" / "indicators.yml").read_text(encoding="utf-8"), "data/indicators.yml").data[0]["id"]
    project = site_with(tmp_path, {"testsida.md": f'---\nrender_macros: true\n---\n\n# Testsida\n\n{{{{ siffra("{indicator}", 2017) }}}}\n'})

    assert site_check.main(project) == 1
    out = capsys.readouterr().out
    assert out.startswith("docs/testsida.md:7: ett oväntat fel i webbplatsens program"), out
    assert f"indikatorn {indicator} har inget värde för 2017" in out


@pytest.mark.snabb
def test_a_figure_for_a_year_without_a_value_is_named_at_its_line(tmp_path):
    """The copied report page: {{ siffra(id, år) }} for a year the indicator has no value for."""
    indicators = parse('- id: betyg-aktiviteter\n  värden:\n    - {år: 2023, värde: 4}\n', "data/indicators.yml")
    page = tmp_path / "docs" / "arsrapporter" / "2024.md"
    page.parent.mkdir(parents=True)
    page.write_text('---\nrender_macros: true\n---\n\nBetyget {{ siffra("betyg-aktiviteter", 2024) }} och {{ siffra("betyg-aktiviteter", 2023) }}.\n', encoding="utf-8")

    problems = [str(p) for p in reports.report_call_problems(tmp_path, indicators, [])]

    assert len(problems) == 1
    assert problems[0].startswith("docs/arsrapporter/2024.md:5: siffra: indikatorn betyg-aktiviteter har inget värde för 2024 i data/indicators.yml")


# The broken page whose mistake only the build finds (an anchor on a page made by macros): the
# content check stops before the build while any other page is broken, so it has a copy of its own.
BUILD_ONLY = "link_to_missing_anchor.md"


@pytest.mark.parametrize(
    "fixtures",
    [sorted(p.name for p in BROKEN_PAGES.glob("*.md") if p.name not in ("README.md", BUILD_ONLY)), [BUILD_ONLY]],
    ids=["innehallskontrollen", "bygget"],
)
def test_every_broken_page_that_stops_the_build_stops_the_check(tmp_path, capsys, monkeypatch, fixtures):
    """Each broken page of tests/fixtures/broken_pages/ at a page of its own: the check names every one."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    pages = {fixture.replace("_", "-"): (BROKEN_PAGES / fixture).read_text(encoding="utf-8") for fixture in fixtures}
    project = site_with(tmp_path, pages)
    assert site_check.main(project) == 1
    named = {line.split(":")[0] for line in capsys.readouterr().out.splitlines() if line.startswith("docs/")}
    assert named == {f"docs/{page}" for page in pages}


@pytest.mark.snabb
def test_a_report_section_without_its_data_is_named_for_removal(tmp_path):
    """The scaffolded page has every section; a report that leaves out an optional field gets
    the section named, not an "oväntat fel" from the build."""
    report = parse("år: 2031\nbedömning: Bra.\n", "data/reports/2031.yml")
    page = tmp_path / "docs" / "arsrapporter" / "2031.md"
    page.parent.mkdir(parents=True)
    page.write_text('{{ rapport_text(2031, "bedömning") }}\n\n{{ rapport_text(2031, "inför_framtiden") }}\n\n{{ rapport_i_korthet(2032) }}\n', encoding="utf-8")

    problems = [str(p) for p in reports.report_call_problems(tmp_path, parse("[]", "data/indicators.yml"), [report])]

    assert problems == [
        "docs/arsrapporter/2031.md:3: rapport_text: årsrapporten för 2031 har inget fält inför_framtiden i data/reports/2031.yml. Skriv det där, eller ta bort avsnittet med makrot från sidan",
        "docs/arsrapporter/2031.md:5: rapport_i_korthet: det finns ingen årsrapport för 2032 (data/reports/2032.yml saknas); skapa den med ./dev ny-arsrapport 2032 eller rätta året",
    ]


@pytest.mark.snabb
def test_a_link_from_an_event_file_is_suggested_from_the_event_s_folder(tmp_path):
    """Not "Menade du" another event whose name looks alike: the page meant, as seen from the
    folder of the file, and why the link as written does not reach it."""
    docs = tmp_path / "docs"
    for name in ("overenskommelsen.md", "historik.md", "kalender/evenemang/2017/2017-06-14-overenskommelsen-antas.md"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("# Sida\n", encoding="utf-8")
    (docs / "kalender/evenemang/2026").mkdir(parents=True)
    (docs / "kalender/evenemang/2026/2026-03-12-forum.md").write_text("# Forum\n\n[Ö](overenskommelsen.md) och [H](../../historiken.md)\n", encoding="utf-8")
    (docs / "index.md").write_text("# Start\n\n[H](historiken.md)\n", encoding="utf-8")

    problems = [str(p) for p in page_links.check(tmp_path)]

    folder = " Länken räknas från mappen där filen ligger, docs/kalender/evenemang/2026/, och varje ../ går upp en mapp."
    assert problems == [
        "docs/index.md:3: länken går till sidan historiken.md, som inte finns. Menade du historik.md? Kontrollera stavningen och var filen ligger i docs/",
        f"docs/kalender/evenemang/2026/2026-03-12-forum.md:3: länken går till sidan overenskommelsen.md, som inte finns. Menade du ../../../overenskommelsen.md?{folder} Kontrollera stavningen och var filen ligger i docs/",
        f"docs/kalender/evenemang/2026/2026-03-12-forum.md:3: länken går till sidan ../../historiken.md, som inte finns. Menade du ../../../historik.md?{folder} Kontrollera stavningen och var filen ligger i docs/",
    ]


@pytest.mark.snabb
def test_every_link_warning_of_mkdocs_is_said_in_swedish_at_its_line(tmp_path):
    """What only MkDocs sees (anchors a macro makes, links in macro-rendered pages) reaches the
    editor as fil:rad in Swedish; MkDocs 1.6's wording of each kind (mkdocs/structure/pages.py)."""
    (tmp_path / "sida.md").write_text("# Sida\n\nSe [a](#saknas), [b](annan.md#saknas) och [c](borta.md).\n", encoding="utf-8")
    findings = {
        "Doc file 'sida.md' contains a link '#saknas', but there is no such anchor on this page.":
            "docs/sida.md:3: länken går till #saknas, men det finns ingen sådan rubrik på sidan. Kontrollera rubrikens stavning",
        "Doc file 'sida.md' contains a link 'annan.md#saknas', but the doc 'annan.md' does not contain an anchor '#saknas'.":
            "docs/sida.md:3: länken går till #saknas, men det finns ingen sådan rubrik på annan.md. Kontrollera rubrikens stavning på den sidan",
        "Doc file 'sida.md' contains a link 'borta.md', but the target is not found among documentation files.":
            "docs/sida.md:3: länken går till borta.md, som inte finns. Kontrollera stavningen och var filen ligger i docs/",
    }
    for english, swedish in findings.items():
        assert str(page_links.swedish_finding(english, tmp_path)) == swedish
    assert page_links.swedish_finding("Doc file 'sida.md' contains an unrecognized relative link 'x', it was left as is.", tmp_path) is None
