"""The scaffolder makes an event file that fails the check until filled in, then builds."""

import re

import pytest

from macros import content, scaffold
from scripts import sitebuild


def test_slug_is_ascii_with_swedish_letters_folded():
    assert scaffold.event_slug("Malmötimmen: Jämlik hälsa, Åre & Öland!") == "malmotimmen-jamlik-halsa-are-oland"


def test_new_event_fails_until_filled_in_and_then_builds(tmp_path):
    project = sitebuild.copy_site(tmp_path / "project")
    path = scaffold.new_event(project, "Lärandelunch: Barnens karta", "2026-05-20", "12:00-13:00")

    assert path.relative_to(project).as_posix() == "docs/kalender/evenemang/2026/2026-05-20-larandelunch-barnens-karta.md"
    text = path.read_text(encoding="utf-8")
    assert re.match(r"---\nid: ([a-z0-9]{4}-[a-z0-9]{4}) +#.*\ntitel: \"Lärandelunch: Barnens karta\"", text), text[:200]
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

    assert content.check(project) == []
    result = sitebuild.build(project, tmp_path / "site", sitebuild.CALENDAR_EPOCH)
    assert result.returncode == 0, result.output
    assert (tmp_path / "site" / "kalender" / "evenemang" / "2026" / "2026-05-20-larandelunch-barnens-karta" / "index.html").is_file()


def test_scaffold_refuses_a_bad_date_and_an_existing_file(tmp_path):
    project = sitebuild.copy_site(tmp_path / "project")
    with pytest.raises(ValueError, match="datumet ska skrivas ÅÅÅÅ-MM-DD"):
        scaffold.new_event(project, "Titel", "12 mars")
    scaffold.new_event(project, "Titel", "2026-03-12")
    with pytest.raises(ValueError, match="finns redan"):
        scaffold.new_event(project, "Titel", "2026-03-12")


def test_new_report_fails_until_filled_in(tmp_path):
    project = sitebuild.copy_site(tmp_path / "project")
    created = scaffold.new_report(project, "2024")
    assert [p.relative_to(project).as_posix() for p in created] == ["data/reports/2024.yml", "docs/arsrapporter/2024.md"]
    assert created[0].read_text(encoding="utf-8").startswith("år: 2024")
    problems = [str(p) for p in content.check(project)]
    # Until filled in: the placeholders, and the page's place in the menu (mkdocs.yml) to add.
    assert problems and all("platshållaren 'FYLL I'" in p or "sidan finns inte i menyn" in p for p in problems), "\n".join(problems)
    assert "docs/arsrapporter/2024.md:1: sidan finns inte i menyn" in "\n".join(problems)
    assert any(p.startswith("data/reports/2024.yml") for p in problems)
    assert any(p.startswith("docs/arsrapporter/2024.md:10: platshållaren 'FYLL I'") for p in problems), "\n".join(problems)
    with pytest.raises(ValueError, match="finns redan"):
        scaffold.new_report(project, "2024")
