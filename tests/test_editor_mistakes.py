"""The mistakes coordinators make, as they make them (GitHub's web editor, paste from Word and
e-mail), all at once in one copy of the fixture site: ``./dev check`` must report every one in a
single run, in Swedish, at its file and line, saying how to fix it, with no traceback; the build
must stop with the same lines and leave no site behind.

Each case below writes one or more files; EXPECTED lists what each must produce. A second run
covers a broken places.yml, which must not make valid events look wrong.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import sitebuild

pytestmark = pytest.mark.snabb

ROOT = Path(__file__).resolve().parent.parent
EVENTS = "docs/kalender/evenemang/2026/"

# A valid event, to be broken one field at a time.
EVENT = """---
titel: Dialogforum om lokaler
typ: dialogforum
sammanfattning: "Hur kan föreningarna dela på lokaler?"
start: "2026-03-12 12:00"
slut: "2026-03-12 13:00"
plats: nobel-21
id: d7kq-4mzp
---

Beskrivning av forumet.
"""


EVENT_IDS = iter(range(1, 1000))  # every event file has its own id (events.py)


def event(**changes) -> str:
    text = EVENT.replace("id: d7kq-4mzp", f"id: test-{next(EVENT_IDS)}")
    for key, value in changes.items():
        old = next(line for line in text.split("\n") if line.startswith(key + ":")) if any(line.startswith(key + ":") for line in text.split("\n")) else None
        text = text.replace(old, f"{key}: {value}") if old else text.replace("plats: nobel-21\n", f"plats: nobel-21\n{key}: {value}\n")
    return text


# case: (files to write, relative to the project: text, or None to delete)
CASES = {
    "impossible registration deadline": {EVENTS + "2026-03-12-anmalan.md": event(**{"anmälan_senast": '"2026-02-30"'})},
    "impossible date of a change": {
        EVENTS + "2026-03-13-andring.md": event(start='"2026-03-13 12:00"', slut='"2026-03-13 13:00"', status="flyttad", **{"ändringar": '[{datum: "2026-02-30", text: "Flyttat."}]'})
    },
    "line break in a title": {EVENTS + "2026-03-14-titel.md": event(start='"2026-03-14 12:00"', slut='"2026-03-14 13:00"', titel="|\n  Dialogforum\n  om lokaler")},
    "2000-character title": {EVENTS + "2026-03-15-lang.md": event(start='"2026-03-15 12:00"', slut='"2026-03-15 13:00"', titel="Dialogforum " + "x" * 2000)},
    "24:00": {EVENTS + "2026-03-16-midnatt.md": event(start='"2026-03-16 23:00"', slut='"2026-03-16 24:00"')},
    "end before start": {EVENTS + "2026-03-17-baklanges.md": event(start='"2026-03-17 13:00"', slut='"2026-03-17 12:00"')},
    "deadline after start": {EVENTS + "2026-03-18-sen.md": event(start='"2026-03-18 12:00"', slut='"2026-03-18 13:00"', **{"anmälan_senast": '"2026-03-20"'})},
    "unknown place": {EVENTS + "2026-03-19-plats.md": event(start='"2026-03-19 12:00"', slut='"2026-03-19 13:00"', plats="nobel21")},
    "smart quotes from Word": {EVENTS + "2026-03-20-citat.md": event(start="”2026-03-20 12:00”", slut='"2026-03-20 13:00"')},
    "braces in an event body": {EVENTS + "2026-03-21-klammer.md": event(start='"2026-03-21 12:00"', slut='"2026-03-21 13:00"') + "\nVälkommen {{ namn }}!\n"},
    "em dash for ---": {EVENTS + "2026-03-22-streck.md": event(start='"2026-03-22 12:00"', slut='"2026-03-22 13:00"').replace("---\n\nBeskrivning", "—\n\nBeskrivning")},
    "saved without .md": {EVENTS + "2026-03-23-utan-filandelse": event(start='"2026-03-23 12:00"', slut='"2026-03-23 13:00"')},
    "BOM and CRLF are fine": {EVENTS + "2026-03-24-windows.md": "\ufeff" + event(start='"2026-03-24 12:00"', slut='"2026-03-24 13:00"').replace("\n", "\r\n")},
    "control character from Word": {"data/focus_areas.yml": None},  # filled in by the fixture
    "unclosed quote": {"data/annual_cycle.yml": None},
    "report copied to the next year": {"data/reports/2024.yml": None},
    "decimal comma inside braces": {"data/indicators.yml": None},
    "page mistakes": {
        "docs/om-webbplatsen.md": None,
    },
}

EXPECTED = [
    EVENTS + "2026-03-12-anmalan.md:8: anmälan_senast: datumet finns inte i kalendern",
    EVENTS + "2026-03-13-andring.md:8: ändringar, nummer 1 → datum: datumet finns inte i kalendern",
    EVENTS + "2026-03-14-titel.md:2: titel: texten ska stå på en rad",
    EVENTS + "2026-03-15-lang.md:2: titel: texten är 2012 tecken lång; korta den till högst 160 tecken",
    EVENTS + "2026-03-16-midnatt.md:6: slut: klockslaget 24:00 finns inte här; skriv 23:59, eller 00:00 och dagen efter",
    EVENTS + "2026-03-17-baklanges.md:6: slut: slutet (2026-03-17 12:00) kommer före eller samtidigt som starten (2026-03-17 13:00). Rätta",
    EVENTS + "2026-03-18-sen.md:8: anmälan_senast: sista anmälningsdag (2026-03-20) kommer efter att evenemanget har börjat (2026-03-18); skriv en dag före start",
    EVENTS + "2026-03-19-plats.md:7: plats: 'nobel21' finns inte i data/places.yml. Menade du 'nobel-21'?",
    EVENTS + '2026-03-20-citat.md:5: start: skriv "ÅÅÅÅ-MM-DD TT:MM" eller bara "ÅÅÅÅ-MM-DD" (nu står det "”2026-03-20 12:00”")',
    EVENTS + "2026-03-21-klammer.md:13: texten innehåller {{, {% eller {#",
    EVENTS + "2026-03-22-streck.md:9: raden ska vara tre vanliga bindestreck --- som avslutar fälten; nu står det —",
    EVENTS + "2026-03-23-utan-filandelse:1: filnamnet saknar .md i slutet, så evenemanget kommer inte med i kalendern; byt namn till 2026-03-23-utan-filandelse.md",
    "data/focus_areas.yml:{vt_line}: texten innehåller en vertikal tabb (från Word)",
    "data/annual_cycle.yml:{quote_line}: citattecknet som börjar på den här raden avslutas aldrig",
    "data/reports/2024.yml:{year_line}: år är 2023 men filen heter 2024.yml; ändra till  år: 2024 (rapporten för 2023 finns redan i data/reports/2023.yml)",
    "data/indicators.yml:{comma_line}: värden, nummer 1: okänt fält '3'. Står det ett decimaltal med kommatecken inom { } på raden, som  värde: 4,3?",
    "docs/om-webbplatsen.md:{link_line}: länken går till sidan historiken.md, som inte finns. Menade du historik.md?",
    "docs/om-webbplatsen.md:{anchor_line}: länken går till #vad-hande-sen, men det finns ingen sådan rubrik på lattlast.md",
    "docs/om-webbplatsen.md:{image_line}: länken går till bilden assets/logga.svg, som inte finns. Menade du assets/logo.svg?",
    "docs/om-webbplatsen.md:{macro_line}: beslut: 'ks-2024-03-06-upphavnde' finns inte. Menade du 'ks-2024-03-06-upphavande'?",
    "docs/om-webbplatsen.md:{variable_line}: mellan {{ och }} får bara ett makro stå",
    "docs/glomd.md:1: sidan finns inte i menyn. Lägg till den under nav: i mkdocs.yml",
]

# Words with which each message tells the editor what to do.
FIX_WORDS = ("skriv", "ta bort", "byt", "lägg till", "rätta", "ändra", "flytta", "kontrollera", "använd", "sätt", "avsluta", "korta", "spara", "kopiera", "välj", "menade du", "klistra in")


def _replace_line(path: Path, starts: str, new: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith(starts))
    lines[number] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


@pytest.fixture(scope="module")
def mistakes(tmp_path_factory):
    """A copy of the fixture site with every mistake of CASES in it; the lines they ended up on."""
    project = sitebuild.fixture_site(tmp_path_factory.mktemp("mistakes") / "project")
    for files in CASES.values():
        for name, text in files.items():
            if text is not None:
                (project / name).parent.mkdir(parents=True, exist_ok=True)
                (project / name).write_bytes(text.encode("utf-8"))
    lines = {}
    focus = project / "data" / "focus_areas.yml"
    lines["vt_line"] = _replace_line(focus, "  namn:", '  namn: "Jämlik\x0bhälsa"')
    cycle = project / "data" / "annual_cycle.yml"
    lines["quote_line"] = _replace_line(cycle, "  aktivitet:", '  aktivitet: "Malmöandans dialogforum')
    report = (project / "data" / "reports" / "2023.yml").read_text(encoding="utf-8")
    (project / "data" / "reports" / "2024.yml").write_text(report, encoding="utf-8")
    lines["year_line"] = report.split("\n").index("år: 2023") + 1
    indicators = project / "data" / "indicators.yml"
    lines["comma_line"] = _replace_line(indicators, "    - {år: 2023, värde: 4.3", "    - {år: 2023, värde: 4,3, avser: \"2023\", källa: ks-2024-09-11-221, avsnitt: \"Årsrapport 2023\", citat: \"4.3 av 5 blev genomsnittligt svar på frågan\"}")
    page = project / "docs" / "om-webbplatsen.md"
    text = page.read_text(encoding="utf-8")
    if "render_macros: true" not in text.split("---")[1]:
        text = text.replace("---\n", "---\nrender_macros: true\n", 1)
    body = [
        "",
        "Se [historiken](historiken.md).",
        "Se [vad som hände](lattlast.md#vad-hande-sen).",  # a page without macros: its anchors are checked before the build
        "![Logga](assets/logga.svg)",
        'Beslutet: {{ beslut("ks-2024-03-06-upphavnde") }}.',
        "Året: {{ arsrapport_ar }}.",
    ]
    text = text.rstrip("\n") + "\n" + "\n".join(body) + "\n"
    page.write_text(text, encoding="utf-8")
    count = text.count("\n")
    lines.update(link_line=count - 4, anchor_line=count - 3, image_line=count - 2, macro_line=count - 1, variable_line=count)
    (project / "docs" / "glomd.md").write_text("# Glömd sida\n", encoding="utf-8")
    return project, lines


@pytest.fixture(scope="module")
def checked(mistakes):
    project, _ = mistakes
    return subprocess.run([sys.executable, "-m", "macros.check", str(project)], capture_output=True, text=True, timeout=120, cwd=ROOT)


@pytest.mark.parametrize("expected", EXPECTED)
def test_every_mistake_is_reported_at_its_line_in_one_run(mistakes, checked, expected):
    _, lines = mistakes
    wanted = expected
    for name, line in lines.items():
        wanted = wanted.replace("{" + name + "}", str(line))
    reported = checked.stdout.splitlines()
    assert any(line.startswith(wanted) for line in reported), f"missing: {wanted}\n" + "\n".join(reported)


def test_the_check_fails_without_a_traceback(checked):
    assert checked.returncode == 1
    assert "Traceback" not in checked.stdout + checked.stderr
    assert "Innehållet är i ordning" not in checked.stdout


def test_every_message_says_how_to_fix_it(checked):
    for line in checked.stdout.splitlines():
        assert any(word in line.lower() for word in FIX_WORDS), f"says what is wrong but not how to fix it: {line}"


def test_word_quotes_are_explained(checked):
    line = next(line for line in checked.stdout.splitlines() if "2026-03-20-citat.md:5: start:" in line)
    assert "typografiska citattecken (” eller ’)" in line and 'raka citattecken (")' in line


def test_a_bom_and_windows_line_ends_are_accepted(checked):
    assert EVENTS + "2026-03-24-windows.md" not in checked.stdout


@pytest.mark.bygger
def test_the_build_stops_with_the_same_lines_and_builds_nothing(mistakes, checked, tmp_path):
    project, _ = mistakes
    result = sitebuild.build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.output
    for line in checked.stdout.splitlines():
        if ":" in line and not line.startswith(" "):
            assert line in result.output, f"./dev check reports it but the build does not: {line}"
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_broken_places_file_does_not_make_valid_events_wrong(tmp_path):
    project = sitebuild.fixture_site(tmp_path / "project")
    places = project / "data" / "places.yml"
    places.write_text(places.read_text(encoding="utf-8").replace("- id: nobel-21", "- id: nobel-21\n  namn: 'Nobel", 1), encoding="utf-8")
    (project / EVENTS).mkdir(parents=True, exist_ok=True)
    (project / EVENTS / "2026-03-12-dialogforum.md").write_text(EVENT, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros.check", str(project)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert "data/places.yml:" in result.stdout
    assert "2026-03-12-dialogforum.md" not in result.stdout, result.stdout


@pytest.mark.bygger
def test_a_failed_dev_build_leaves_no_site(tmp_path):
    """./dev build writes site/ only when the whole build succeeded, so nothing half-built can be
    served or deployed: a broken copy of the project gets no site/ at all."""
    project = sitebuild.fixture_site(tmp_path / "project")
    shutil.copy(ROOT / "dev", project / "dev")
    shutil.copy(ROOT / "requirements.lock", project / "requirements.lock")
    os.symlink(ROOT / ".venv", project / ".venv")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("gammal", encoding="utf-8")
    (project / "docs" / "glomd.md").write_text("# Glömd\n", encoding="utf-8")
    result = subprocess.run(["bash", str(project / "dev"), "build"], capture_output=True, text=True, timeout=300, cwd=project)
    assert result.returncode != 0
    assert not (project / "site").exists(), "a failed build left site/ behind"
    assert not (project / ".site-bygge").exists()
    assert "Ingen webbplats har skrivits till site/" in result.stderr


# ---- Every rule of every field table: a wrong value gets its Swedish message and example -------

from macros import content, events, pages_front_matter, reports  # noqa: E402
from macros.schema import check_record  # noqa: E402
from macros.yamlfiles import parse  # noqa: E402

TABLES = {
    **{f"data/{name}": table for name, (table, _what, _kind) in content.DATA_FILES.items()},
    "data/reports/ÅÅÅÅ.yml": reports.REPORT_FIELDS,
    "docs/kalender/evenemang/ÅÅÅÅ/….md": events.EVENT_FIELDS,
    "docs/….md (sidhuvud)": pages_front_matter.PAGE_FIELDS,
}
FIELDS = [(table, name) for table, fields in TABLES.items() for name in fields]


@pytest.mark.parametrize("table, name", FIELDS, ids=[f"{table}:{name}" for table, name in FIELDS])
def test_every_field_rule_explains_a_wrong_value_with_an_example(table, name):
    """A list of numbers is the wrong form for every field; the message names the field on its
    line and shows the form to write, with the table's own example."""
    fields = TABLES[table]
    source = parse(f"annat: 1\n{name}: [1, 2]\n", table)
    problems = [p for p in check_record(source, (), source.data, fields) if p.line == 2]
    assert problems, f"{table}: a wrong {name} is not reported"
    message = problems[0].message
    assert message.startswith(name), message
    # The table's own example, written as the editor would write it: a message without it (or
    # with another field's) fails here.
    assert f"till exempel  {name}: {fields[name].example}" in message, message
    assert any(word in message.lower() for word in FIX_WORDS), message


def test_every_table_reports_unknown_and_missing_fields():
    for table, fields in TABLES.items():
        source = parse("okänt_fält: 1\n", table)
        messages = [p.message for p in check_record(source, (), source.data, fields)]
        assert any("okänt fält 'okänt_fält'" in m for m in messages), table
        required = [name for name, field in fields.items() if field.required]
        for name in required:
            assert any(f"fältet '{name}' saknas" in m for m in messages), (table, name)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("2026-03-12-dialogforum.MD", "byt namn till 2026-03-12-dialogforum.md"),
        ("2026-03-12-dialogforum.md.txt", "byt namn till 2026-03-12-dialogforum.md"),
        ("2026-03-12-dialogforum", "filnamnet saknar .md i slutet"),
        ("inbjudan.docx", "filen hör inte hemma här: webbplatsen består av sidor (.md) och bilder"),
    ],
)
def test_a_file_that_would_not_become_an_event_is_named(tmp_path, name, expected):
    from macros.events import stray_files

    folder = tmp_path / "docs" / "kalender" / "evenemang" / "2026"
    folder.mkdir(parents=True)
    (folder / name).write_text(EVENT, encoding="utf-8")
    [problem] = stray_files(tmp_path)
    assert expected in problem.message and problem.path.endswith(name)


@pytest.mark.parametrize(
    "value, expected",
    [
        ('"2026-03-12 12.00"', "klockslaget ska skrivas med kolon"),
        ('"2026-3-12 12:00"', 'skriv "ÅÅÅÅ-MM-DD TT:MM"'),
        ('"Dialog\\u200bforum"', "osynligt mellanrum (U+200B)"),
    ],
)
def test_more_mistakes_from_phones_and_word(value, expected):
    from macros.events import EVENT_FIELDS

    key = "titel" if "Dialog" in value else "start"
    source = parse(f"{key}: {value}\n", "x.md")
    messages = [p.message for p in check_record(source, (), source.data, EVENT_FIELDS) if p.line == 1]
    assert any(expected in m for m in messages), messages


REFERENCES = [(table, name) for table, fields in TABLES.items() for name, field in fields.items() if field.refers_to or field.nested_refers_to]


@pytest.mark.parametrize("table, name", REFERENCES, ids=[f"{t}:{n}" for t, n in REFERENCES])
def test_every_reference_field_suggests_the_id_meant(table, name):
    """One engine (schema.check_references) checks every reference in every table."""
    from macros.schema import check_references

    field = TABLES[table][name]
    kind = field.refers_to or field.nested_refers_to[0][1]
    if field.refers_to:
        value = "ks-2024-09-11-22"
    else:
        path, _ = field.nested_refers_to[0]
        value = {path[-1]: "ks-2024-09-11-22"}
        for step in reversed(path[:-1]):
            value = [value] if step == "*" else {step: value}
    record = {name: value}
    [problem] = check_references(parse("x: 1\n", table), (), record, TABLES[table], {kind: ["ks-2024-09-11-221"]})
    assert "'ks-2024-09-11-22' finns inte i data/" in problem.message and "Menade du 'ks-2024-09-11-221'?" in problem.message


def test_references_are_checked_in_one_place():
    """No module but schema.py words its own "finns inte i data/…" for a reference."""
    for path in (ROOT / "macros").glob("*.py"):
        if path.name in ("schema.py", "render.py", "content.py"):
            continue  # render.py: a developer's KeyError; content.py: files nothing reads
        assert "finns inte i data/" not in path.read_text(encoding="utf-8"), path.name
