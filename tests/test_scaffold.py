"""The scaffolds (./dev nytt-evenemang, ./dev ny-arsrapport) make content that fails the check
until its FYLL I are filled in, and then, filled in as the check's messages say, passes the
check and its strict build (sitebuild.check_and_build). The filled-in content is
made up here, on a copy of the site."""

import re

import pytest

from macros import content, events, scaffold
from scripts import sitebuild


def test_slug_is_ascii_with_swedish_letters_folded():
    assert scaffold.event_slug("Malmötimmen: Jämlik hälsa, Åre & Öland!") == "malmotimmen-jamlik-halsa-are-oland"


@pytest.mark.bygger
def test_new_event_fails_until_filled_in_and_then_builds(tmp_path):
    project = sitebuild.copy_site(tmp_path / "project")
    path = scaffold.new_event(project, "Lärandelunch: Barnens karta", "2026-05-20", "12:00-13:00")

    assert path.relative_to(project).as_posix() == "docs/kalender/evenemang/2026/2026-05-20-larandelunch-barnens-karta.md"
    text = path.read_text(encoding="utf-8")
    written_id = re.match(r"---\nid: ([a-z0-9]{4}-[a-z0-9]{4}) +#.*\ntitel: \"Lärandelunch: Barnens karta\"", text)
    assert written_id, text[:200]
    assert written_id[1] not in "2026-05-20-larandelunch-barnens-karta", "the id is not made from the name or the date"
    assert 'start: "2026-05-20 12:00"' in text and 'slut: "2026-05-20 13:00"' in text
    problems = [str(p) for p in content.check(project)]
    assert problems and all("platshållaren 'FYLL I'" in p for p in problems), "\n".join(problems)
    assert sitebuild.build(project, tmp_path / "broken").returncode != 0

    # The editor fills in the required fields and deletes the optional lines not used.
    text = text.replace("typ: FYLL I", "typ: lärandelunch", 1)
    text = text.replace('sammanfattning: "FYLL I"', 'sammanfattning: "Om en karta som barnen själva gör."', 1)
    text = text.replace("plats: FYLL I", "plats: nobel-21", 1)
    text = re.sub(r"^(länk|arrangör|partner|anmälan|anmälan_senast|tolkning|fokusområde):.*FYLL I.*\n", "", text, flags=re.M)
    text = re.sub(r"^FYLL I: Beskriv evenemanget.*$", "Vi pratar om Barnens karta.", text, flags=re.M)
    path.write_text(text, encoding="utf-8")

    result = sitebuild.check_and_build(project, tmp_path / "site", sitebuild.CALENDAR_EPOCH)  # ./dev check, then the site
    assert result.returncode == 0, result.output
    assert (tmp_path / "site" / "kalender" / "evenemang" / "2026" / "2026-05-20-larandelunch-barnens-karta" / "index.html").is_file()
    assert f"UID:{written_id[1]}@malmoandan.se" in (tmp_path / "site" / "kalender.ics").read_text(encoding="utf-8")


def test_two_scaffolded_events_get_different_ids(tmp_path):
    project = sitebuild.copy_site(tmp_path / "project")
    first = scaffold.new_event(project, "Titel", "2026-03-12").read_text(encoding="utf-8")
    second = scaffold.new_event(project, "Titel två", "2026-03-12").read_text(encoding="utf-8")
    ids = [re.search(r"^id: (\S+)", text, re.M)[1] for text in (first, second)]
    assert ids[0] != ids[1] and all(re.fullmatch(r"[a-z0-9]{4}-[a-z0-9]{4}", i) for i in ids)
    assert all(not set(i.replace("-", "")) - set(events.ID_ALPHABET) for i in ids)


def test_scaffold_refuses_a_bad_date_and_an_existing_file(tmp_path):
    project = sitebuild.copy_site(tmp_path / "project")
    with pytest.raises(ValueError, match="datumet ska skrivas ÅÅÅÅ-MM-DD"):
        scaffold.new_event(project, "Titel", "12 mars")
    scaffold.new_event(project, "Titel", "2026-03-12")
    with pytest.raises(ValueError, match="finns redan"):
        scaffold.new_event(project, "Titel", "2026-03-12")


def test_new_report_fails_until_filled_in(tmp_path):
    project = sitebuild.copy_site(tmp_path / "project")
    created = scaffold.new_report(project, "2031")
    assert [p.relative_to(project).as_posix() for p in created] == ["data/reports/2031.yml", "docs/arsrapporter/2031.md"]
    assert created[0].read_text(encoding="utf-8").startswith("år: 2031")
    problems = [str(p) for p in content.check(project)]
    # Until filled in: the placeholders, and the page's place in the menu (mkdocs.yml) to add.
    assert problems and all("platshållaren 'FYLL I'" in p or "sidan finns inte i menyn" in p for p in problems), "\n".join(problems)
    assert "docs/arsrapporter/2031.md:1: sidan finns inte i menyn" in "\n".join(problems)
    assert any(p.startswith("data/reports/2031.yml") for p in problems)
    assert any(p.startswith("docs/arsrapporter/2031.md:10: platshållaren 'FYLL I'") for p in problems), "\n".join(problems)
    with pytest.raises(ValueError, match="finns redan"):
        scaffold.new_report(project, "2031")


def test_new_report_page_has_every_section_of_a_report_page(tmp_path):
    """The sections every report page is expected to have, each made from the year's data."""
    project = sitebuild.copy_site(tmp_path / "project")
    page = scaffold.new_report(project, "2031")[1].read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", page, re.M)
    assert headings == [
        "Året i korthet", "Årets fokusområden", "Aktiviteter", "Siffror", "Stadskontorets bedömning",
        "Inför framtiden", "Särskilda yttranden", "Om rapporten", "Källor",
    ]
    assert "{{ rapport_i_korthet(2031) }}" in page
    assert "2023" not in page and "2024" not in page, "nothing from another year's report"


# A made-up source and decision for the made-up report of 2031 (made-up data lives in tests only).
SOURCE_TEXT = "Protokoll 2032-09-10 § 7 Årsrapport Malmöandan 2031 STK-2032-0007. Kommunstyrelsen godkänner rapporten. Verksamheten följde planen."
SOURCE = """
- id: test-ks-2032-09-10
  titel: "Protokoll: Årsrapport Malmöandan 2031"
  utgivare: Kommunstyrelsen, Malmö stad
  datum: "2032-09-10"
  citat: "Protokoll 2032-09-10 § 7 Årsrapport Malmöandan 2031"
"""
DECISION = """
- id: test-ks-2032-09-10-arsrapport
  rubrik: "Årsrapporten för 2031 godkänns"
  organ: kommunstyrelsen
  datum: "2032-09-10"
  beslut: "Kommunstyrelsen godkänner årsrapporten för 2031."
  källa: test-ks-2032-09-10
  citat: ["Kommunstyrelsen godkänner rapporten.", "Årsrapport Malmöandan 2031"]
"""
REPORT_FIELDS = {
    "diarienummer": "STK-2032-0007",
    "källa": "test-ks-2032-09-10",
    "tjänsteskrivelse": '"2032-08-06"',
    "beslut": "[test-ks-2032-09-10-arsrapport]",
    "ansvariga": None,  # the list item below
    "fokusområden": '["Jämlik hälsa"]',
    "bedömning": '"Verksamheten följde planen."',
    "inför_framtiden": '"Rapporten säger att arbetet fortsätter."',
    "citat": '["STK-2032-0007", "Verksamheten följde planen."]',
}


@pytest.mark.bygger
def test_new_report_filled_in_as_the_check_says_passes_check_and_build(tmp_path):
    project = sitebuild.copy_site(tmp_path / "project")
    data, page = scaffold.new_report(project, "2031")
    with (project / "data" / "sources.yml").open("a", encoding="utf-8") as sources:
        sources.write(SOURCE)
    (project / "data" / "sources" / "test-ks-2032-09-10.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    with (project / "data" / "decisions.yml").open("a", encoding="utf-8") as decisions:
        decisions.write(DECISION)

    text = data.read_text(encoding="utf-8")
    for name, value in REPORT_FIELDS.items():
        if value is not None:
            text = re.sub(rf"^{name}: .*FYLL I.*$", f"{name}: {value}", text, count=1, flags=re.M)
    text = text.replace("  - {namn: FYLL I, titel: FYLL I}", "  - {namn: Testa Testsson, titel: stadsdirektör}")
    text = re.sub(r"^(handläggare|aktiviteter):.*\n(  - .*FYLL I.*\n)?", "", text, flags=re.M)  # optional, deleted
    data.write_text(text, encoding="utf-8")
    page.write_text(
        page.read_text(encoding="utf-8")
        .replace("FYLL I: Beskriv med egna ord vad året handlade om.", "Året 2031 handlade om jämlik hälsa.")
        .replace('kallor("FYLL I")', 'kallor("test-ks-2032-09-10")'),
        encoding="utf-8",
    )
    sitebuild.add_page_to_nav(project, "arsrapporter/2031.md", "Årsrapport 2031")

    result = sitebuild.check_and_build(project, tmp_path / "site")  # ./dev check, then the site
    assert result.returncode == 0, result.output
    built = (tmp_path / "site" / "arsrapporter" / "2031" / "index.html").read_text(encoding="utf-8")
    assert "Året i korthet" in built and "Rapporten säger att arbetet fortsätter." in built
