"""The rules for data files, on small fixture files: each broken file must be reported at the
right line with the right Swedish message, and a valid set must pass."""

import shutil
from pathlib import Path

import pytest

from macros import check, content, dates, escape
from macros.problems import ContentError, Problem

pytestmark = pytest.mark.snabb

FIXTURES = Path(__file__).parent / "fixtures" / "content"
VALID = FIXTURES / "valid"
BROKEN = FIXTURES / "broken"
REAL_DATA = Path(__file__).parent.parent / "data"


def project_with(tmp_path: Path, broken_file: str | None = None, folder: Path = BROKEN) -> Path:
    """A copy of the valid fixture project, with the data file that ``folder/broken_file``
    names on its first line (# replaces: …) replaced by it."""
    project = tmp_path / "project"
    shutil.copytree(VALID, project)
    if broken_file:
        source = folder / broken_file
        target = project / "data" / source.read_text(encoding="utf-8").splitlines()[0].removeprefix("# replaces: ")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    return project


def problems_in(project: Path) -> list[str]:
    return [str(problem) for problem in content.check(project)]


# fixture file: every problem it must produce, as "file:line: start of the message"
CASES = {
    "decisions_unknown_field.yml": [
        "data/decisions.yml:2: fältet 'datum' saknas: skriv beslutsdagen som ÅÅÅÅ-MM-DD",
        "data/decisions.yml:4: okänt fält 'datun'. Menade du 'datum'?",
    ],
    "decisions_bad_date.yml": [
        'data/decisions.yml:4: datum: datumet ska skrivas med siffror som ÅÅÅÅ-MM-DD (nu står det "6 mars 2024"). Skriv beslutsdagen som ÅÅÅÅ-MM-DD (ÅÅÅÅ-MM eller ÅÅÅÅ om dagen är okänd), till exempel  datum: "2024-03-06"',
        'data/decisions.yml:11: datum: datumet finns inte i kalendern (nu står det "2021-02-30")',
    ],
    "decisions_duplicate_id.yml": [
        "data/decisions.yml:9: id: 'ks-2024-03-06-upphavande' används redan av ett annat beslut på rad 2",
        "data/decisions.yml:17: organ: skriv vem som beslutade: kommunfullmäktige, kommunstyrelsen",
        "data/decisions.yml:20: källa: 'protokol' finns inte i data/sources.yml. Menade du 'protokoll'?",
    ],
    "decisions_yaml_syntax.yml": [
        "data/decisions.yml:5: texten innehåller ett kolon följt av mellanslag (eller raden är indragen för långt). Sätt hela texten inom raka citattecken",
    ],
    "timeline_missing_field.yml": [
        "data/timeline.yml:2: fältet 'rubrik' saknas: skriv en kort rubrik",
        "data/timeline.yml:9: beslut: 'ks-2024-03-06-upphavade' finns inte i data/decisions.yml. Menade du 'ks-2024-03-06-upphavande'?",
    ],
    "timeline_placeholder.yml": [
        "data/timeline.yml:2: datum: platshållaren 'FYLL I' från mallen står kvar",
        "data/timeline.yml:3: rubrik: platshållaren 'FYLL I' från mallen står kvar",
    ],
    "timeline_repeated_key.yml": [
        "data/timeline.yml:4: fältet 'rubrik' står två gånger i samma post; ta bort det ena",
    ],
    "annual_cycle_period_backwards.yml": [
        "data/annual_cycle.yml:3: till_månad (4) måste vara senare än månad (9)",
        "data/annual_cycle.yml:7: månad: skriv månadens nummer, 1 för januari till 12 för december",
    ],
    "plans_negative_number.yml": [
        "data/plans.yml:7: tal → styrgrupp_ledamöter: skriv namngivna tal",
    ],
    "sources_not_a_list.yml": [
        "data/sources.yml:2: filen ska vara en lista med källor, där varje post börjar med '- '",
    ],
}


def assert_reported(found: list[str], expected: list[str]) -> None:
    """Every expected problem (file:line: start of the message) is found, and nothing else."""
    for start in expected:
        assert any(problem.startswith(start) for problem in found), f"missing: {start}\nfound:\n" + "\n".join(found)
    assert len(found) == len(expected), "\n".join(found)


def test_the_valid_fixture_project_has_no_problems(tmp_path):
    assert problems_in(project_with(tmp_path)) == []


@pytest.mark.webbplatsen
def test_the_real_data_has_no_problems():
    assert problems_in(REAL_DATA.parent) == []


@pytest.mark.parametrize("broken_file, expected", CASES.items(), ids=list(CASES))
def test_broken_file_is_reported_at_the_right_line(tmp_path, broken_file, expected):
    found = problems_in(project_with(tmp_path, broken_file))
    assert_reported(found, expected)


def test_every_broken_fixture_has_a_case():
    assert {p.name for p in BROKEN.glob("*.yml")} == set(CASES)


def test_problems_in_several_files_are_reported_together(tmp_path):
    project = project_with(tmp_path, "decisions_bad_date.yml")
    shutil.copy(BROKEN / "timeline_placeholder.yml", project / "data" / "timeline.yml")
    with pytest.raises(ContentError) as raised:
        content.load(project)
    report = str(raised.value)
    assert report.startswith("Bygget stoppades: 4 fel i innehållet.")
    assert "data/decisions.yml:4:" in report and "data/timeline.yml:3:" in report


def test_a_missing_data_file_is_named(tmp_path):
    project = project_with(tmp_path)
    (project / "data" / "timeline.yml").unlink()
    assert problems_in(project) == ["data/timeline.yml: filen saknas; den ska innehålla händelser"]


@pytest.mark.parametrize("template", sorted(p.name for p in REAL_DATA.glob("_mall_*.yml")))
def test_templates_fail_only_for_their_placeholders(tmp_path, template):
    """A template pasted as it is at the end of its data file, as the editor guide says, must
    fail, and only because it still says FYLL I."""
    project = project_with(tmp_path)
    target = project / "data" / template.removeprefix("_mall_")
    pasted = target.read_text(encoding="utf-8") + "\n" + (REAL_DATA / template).read_text(encoding="utf-8")
    target.write_text(pasted, encoding="utf-8")
    found = problems_in(project)
    assert found, f"{template} passes the check although it is full of placeholders"
    assert all("platshållaren 'FYLL I'" in problem for problem in found), "\n".join(found)


# ---- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, swedish, iso",
    [("2017-06-14", "14 juni 2017", "2017-06-14"), ("2014-10", "oktober 2014", "2014-10"), ("2020", "2020", "2020")],
)
def test_dates_keep_the_precision_the_source_gives(text, swedish, iso):
    date = dates.PartialDate.parse(text)
    assert (date.swedish(), date.iso()) == (swedish, iso)


def test_partial_dates_sort_before_the_days_in_them():
    order = ["2020-01-16", "2020", "2019-09", "2020-01"]
    assert [d.iso() for d in sorted(map(dates.PartialDate.parse, order), key=lambda d: d.sort_key)] == [
        "2019-09", "2020", "2020-01", "2020-01-16"
    ]


# ---- escaping ----------------------------------------------------------------------------------


def test_text_from_data_cannot_become_markdown_or_html():
    escaped = str(escape.text('A | B *c* _d_ <b>e</b> {{ f }} [g](h) `i` "j" \'k\' & l'))
    for character in "|*_<>{}[]()`\"'":
        assert character not in escaped.replace("&#", "").replace(";", ""), character
    assert "&lt;b&gt;" in escaped and "&amp; l" in escaped


# ---- the content check command -------------------------------------------------------------


def test_check_command_prints_problems_and_fails(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert check.main(project_with(tmp_path, "timeline_repeated_key.yml")) == 1
    assert capsys.readouterr().out.splitlines() == [
        "data/timeline.yml:4: fältet 'rubrik' står två gånger i samma post; ta bort det ena"
    ]


def test_check_command_writes_github_annotations(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    check.main(project_with(tmp_path, "timeline_repeated_key.yml"))
    assert (
        "::error file=data/timeline.yml,line=4,title=Fel i innehållet::"
        "fältet 'rubrik' står två gånger i samma post; ta bort det ena"
    ) in capsys.readouterr().out.splitlines()


def test_check_command_passes_valid_content(tmp_path, capsys):
    assert check.main(project_with(tmp_path)) == 0
    assert "Innehållet är i ordning." in capsys.readouterr().out


def test_annotation_escapes_what_github_reserves():
    line = check.github_annotation(Problem("data/a,b.yml", 3, "100 % fel\nrad två"))
    assert line == "::error file=data/a%2Cb.yml,line=3,title=Fel i innehållet::100 %25 fel%0Arad två"


# ---- event files -------------------------------------------------------------------------------

BROKEN_EVENTS = FIXTURES / "broken_events"
EVENTS = "docs/kalender/evenemang/"

# fixture folder: every problem it must produce, as "file:line: start of the message"
EVENT_CASES = {
    "missing_and_unknown_fields": [
        EVENTS + "2026/2026-03-12-malmotimmen.md:2: fältet 'typ' saknas: skriv en av: dialogforum",
        EVENTS + "2026/2026-03-12-malmotimmen.md:7: okänt fält 'platsnamn'. Menade du 'plats'?",
    ],
    "unknown_type_and_place": [
        EVENTS + '2026/2026-03-12-malmotimmen.md:3: typ: skriv en av: dialogforum, idéverkstad, malmötimmen, lärandelunch, seminarium, workshop, utbildning, konferens, annat, till exempel  typ: malmötimmen  (nu står det "frukostmöte")',
        EVENTS + "2026/2026-03-12-malmotimmen.md:7: plats: 'stadshuset' finns inte i data/places.yml",
    ],
    "impossible_dates": [
        EVENTS + '2026/2026-02-30-dialogforum.md:5: start: datumet finns inte i kalendern (nu står det "2026-02-30 10:00")',
        EVENTS + '2026/2026-02-30-dialogforum.md:6: slut: datumet finns inte i kalendern (nu står det "2026-02-30 12:00")',
    ],
    "summer_time_gap": [
        EVENTS + '2026/2026-03-29-dialogforum.md:5: start: klockslaget "2026-03-29 02:30" finns inte i Sverige',
    ],
    "end_before_start": [
        EVENTS + "2026/2026-03-12-malmotimmen.md:6: slut: slutet (2026-03-12 12:00) kommer före eller samtidigt som starten",
    ],
    "duplicate_slug": [
        EVENTS + "2025/2026-03-12-malmotimmen.md:2: filen ligger i mappen 2025 men namnet börjar med 2026-03-12",
        EVENTS + "2026/2026-03-12-malmotimmen.md:2: ett annat evenemang har redan namnet 2026-03-12-malmotimmen",
    ],
    "unsafe_urls": [
        EVENTS + '2026/2026-03-12-malmotimmen.md:8: länk: skriv en hel webbadress som börjar med https://',
        EVENTS + '2026/2026-03-12-malmotimmen.md:9: anmälan: skriv en hel webbadress som börjar med https:// (eller http://) till anmälan, till exempel  anmälan: https://exempel.se/anmalan  (nu står det "www.exempel.se/anmalan")',
    ],
    "placeholders_left": [
        EVENTS + "2026/2026-03-12-malmotimmen.md:2: titel: platshållaren 'FYLL I' från mallen står kvar",
        EVENTS + "2026/2026-03-12-malmotimmen.md:4: sammanfattning: platshållaren 'FYLL I' från mallen står kvar",
        EVENTS + "2026/2026-03-12-malmotimmen.md:10: platshållaren 'FYLL I' från mallen står kvar i texten",
    ],
    "yaml_syntax": [
        EVENTS + "2026/2026-03-12-malmotimmen.md:2: texten innehåller ett kolon följt av mellanslag",
    ],
    "markup_in_title_and_text": [
        EVENTS + "2026/2026-03-12-malmotimmen.md:2: titel: texten får inte innehålla {{, {%, < eller >",
        EVENTS + "2026/2026-03-12-malmotimmen.md:10: texten innehåller {{, {% eller {#",
    ],
    "bad_file_name": [
        EVENTS + "2026/2026-03-12-Malmötimmen.md:2: filnamnet ska vara ÅÅÅÅ-MM-DD-namn.md med bara a–z, siffror och bindestreck",
    ],
    "wrong_folder_and_date": [
        EVENTS + "2025/2026-03-12-malmotimmen.md:2: filen ligger i mappen 2025 men namnet börjar med 2026-03-12; flytta den till kalender/evenemang/2026/",
        EVENTS + "2025/2026-03-12-malmotimmen.md:5: start (2026-03-19) är inte samma dag som datumet i filnamnet (2026-03-12)",
    ],
    "rules_between_fields": [
        EVENTS + "2026/2026-03-12-malmotimmen.md:2: deltagare och betyg behöver fältet källa",
        EVENTS + "2026/2026-03-12-malmotimmen.md:5: start: ett evenemang med klockslag behöver också slut",
        EVENTS + "2026/2026-03-12-malmotimmen.md:6: status: ett inställt evenemang behöver fältet ändringar",
        EVENTS + "2026/2026-03-12-malmotimmen.md:7: ett evenemang som är hybrid behöver fältet länk",
        EVENTS + "2026/2026-03-12-malmotimmen.md:9: anmälan_senast: sista anmälningsdag (2026-03-20) kommer efter att evenemanget har börjat (2026-03-12); skriv en dag före start",
        EVENTS + "2026/2026-03-12-malmotimmen.md:10: betyg: skriv genomsnittligt betyg på skalan 1–5",
    ],
    "no_front_matter": [
        EVENTS + "2026/2026-03-12-malmotimmen.md:1: filen måste börja med fälten mellan två rader med tre bindestreck (---)",
    ],
}


def project_with_events(tmp_path: Path, case: str) -> Path:
    project = project_with(tmp_path)
    shutil.copytree(BROKEN_EVENTS / case, project / EVENTS)
    return project


@pytest.mark.parametrize("case, expected", EVENT_CASES.items(), ids=list(EVENT_CASES))
def test_broken_event_is_reported_at_the_right_line(tmp_path, case, expected):
    found = problems_in(project_with_events(tmp_path, case))
    assert_reported(found, expected)


def test_every_broken_event_fixture_has_a_case():
    assert {p.name for p in BROKEN_EVENTS.iterdir() if p.is_dir()} == set(EVENT_CASES)


def test_all_broken_events_are_reported_in_one_run(tmp_path):
    project = project_with(tmp_path)
    cases = ("unsafe_urls", "summer_time_gap", "impossible_dates")  # three different files
    for case in cases:
        shutil.copytree(BROKEN_EVENTS / case, project / EVENTS, dirs_exist_ok=True)
    assert sorted(problems_in(project)) == sorted(p for case in cases for p in problems_in(project_with_events(tmp_path / case, case)))


def test_the_event_template_fails_only_for_its_placeholders(tmp_path):
    """The commented template, copied as it is into a year folder, fails only because of FYLL I."""
    project = project_with(tmp_path)
    target = project / EVENTS / "2026" / "2026-03-12-nytt-evenemang.md"
    target.parent.mkdir(parents=True)
    template = (REAL_DATA.parent / "docs" / "kalender" / "evenemang" / "_mall.md").read_text(encoding="utf-8")
    target.write_text(template, encoding="utf-8")
    found = problems_in(project)
    assert found
    # A copied template has no id yet: the check gives one to paste (events.py).
    assert all("platshållaren 'FYLL I'" in problem or "fältet 'id' saknas" in problem for problem in found), "\n".join(found)


# ---- page front matter -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "front_matter, expected",
    [
        ("title: Sida\nrender_macro: true\n", "docs/sida.md:3: okänt fält 'render_macro'. Menade du 'render_macros'?"),
        ("title: Sida: med kolon\n", "docs/sida.md:2: texten innehåller ett kolon följt av mellanslag"),
        ("uppgifter: [data/finns-inte.yml]\n", "docs/sida.md:2: uppgifter: filen data/finns-inte.yml finns inte"),
        ("hide: [meny]\n", "docs/sida.md:2: hide, nummer 1: skriv en lista med delar av sidan att dölja"),
    ],
    ids=["okänt fält", "yaml-fel", "datafil saknas", "fel värde"],
)
def test_page_front_matter_is_checked(tmp_path, front_matter, expected):
    project = project_with(tmp_path)
    (project / "docs").mkdir()
    (project / "docs" / "sida.md").write_text(f"---\n{front_matter}---\n\n# Sida\n", encoding="utf-8")
    found = problems_in(project)
    assert any(problem.startswith(expected) for problem in found), "\n".join(found)


# ---- annual reports and indicators ---------------------------------------------------------------

BROKEN_REPORTS = FIXTURES / "broken_reports"

REPORT_CASES = {
    "report_year_and_budget.yml": [
        "data/reports/2019.yml:2: år är 2018 men filen heter 2019.yml",
        "data/reports/2019.yml:6: beslut: 'ks-2099-01-01-finns-inte' finns inte i data/decisions.yml",
        "data/reports/2019.yml:10: aktiviteter, nummer 1 → deltagare: skriv en lista med aktiviteter",
        "data/reports/2019.yml:10: aktiviteter, nummer 1 → betyg: skriv en lista med aktiviteter",
        "data/reports/2019.yml:13: budget: posterna under avsatt blir 1250000 kronor men avsatt_totalt är 1500000",
    ],
    "indicators_without_source_or_unit.yml": [
        "data/indicators.yml:2: fältet 'enhet' saknas: skriv vad talet räknar",
        "data/indicators.yml:7: värden, nummer 1: fältet 'källa' saknas; skriv en lista med år, värde (inte negativt), avser, källa, avsnitt och citat",
        "data/indicators.yml:16: värde: betyget 5.3 är högre än skalan (5)",
        "data/indicators.yml:17: år: 2023 står redan för den här indikatorn",
    ],
}


@pytest.mark.parametrize("broken_file, expected", REPORT_CASES.items(), ids=list(REPORT_CASES))
def test_broken_report_or_indicator_is_reported(tmp_path, broken_file, expected):
    found = problems_in(project_with(tmp_path, broken_file, BROKEN_REPORTS))
    assert_reported(found, expected)


def test_every_broken_report_fixture_has_a_case():
    assert {p.name for p in BROKEN_REPORTS.glob("*.yml")} == set(REPORT_CASES)


# ---- Pages the build makes (generated_pages.py) ----------------------------------------------


def test_a_hand_written_type_page_is_refused_not_silently_replaced(tmp_path):
    project = project_with(tmp_path)
    leftover = project / "docs" / "kalender" / "typ" / "dialogforum.md"
    leftover.parent.mkdir(parents=True)
    leftover.write_text("# Dialogforum\n", encoding="utf-8")
    problems = [p for p in content.check(project) if p.path == "docs/kalender/typ/dialogforum.md"]
    assert len(problems) == 1 and "görs av webbplatsen" in problems[0].message and "vocabulary.py" in problems[0].message


def test_a_type_page_keeps_any_label_whole_in_its_front_matter():
    """A label with ': ', parentheses or & must neither break the YAML nor show entities."""
    import yaml

    from macros.templating import render

    source = str(render("type_page_source.md", label="Möte: del 1 (digitalt) & mer", has_events=False, calendar_link="../index.md", events=""))
    meta = yaml.safe_load(source.split("---\n")[1])
    assert meta["title"] == "Kalender: Möte: del 1 (digitalt) & mer"
    assert meta["search"] == {"exclude": True} and meta["ma_noindex"] is True


@pytest.mark.parametrize("ending", ["---", "---\n", "---  \n\n", "---\r\n"], ids=["at-end-of-file", "newline", "trailing-spaces", "crlf"])
def test_a_real_event_page_keeps_its_front_matter_however_the_file_ends_it(ending):
    """The editor's closing --- may end the file or have spaces after it; the page MkDocs reads must
    still start with front matter that MkDocs recognises (events.check accepts all of these)."""
    from mkdocs.utils.meta import get_data

    from macros import assembly
    from macros.prerender import _MacrosEnv

    root = Path(__file__).parent.parent
    built = assembly.assemble(_MacrosEnv(root), root, "https://malmoandan.se/")
    event = built.content.events[0]
    text = (root / "docs" / event.src_uri).read_text(encoding="utf-8")
    front = text.split("---\n")[1]
    markdown, meta = get_data(built.page_source(event.src_uri, event.url_path, "---\n" + front + ending))
    assert meta["titel"] == event.titel and markdown.lstrip().startswith("# ")


def test_an_event_file_name_takes_ascii_digits_only():
    """Like every date rule (dates.py): \\d would also take Arabic-Indic and other digits."""
    from macros.events import FILE_NAME

    assert FILE_NAME.match("2026-03-12-malmotimmen.md")
    assert FILE_NAME.match("\u0662\u0660\u0662\u0666-03-12-malmotimmen.md") is None


def test_an_event_text_may_not_open_a_jinja_comment_either(tmp_path):
    """One rule for where Jinja would begin ({{, {% and {#), for pages and event files alike."""
    project = project_with(tmp_path)
    event = project / "docs" / "kalender" / "evenemang" / "2026" / "2026-03-12-test.md"
    event.parent.mkdir(parents=True)
    event.write_text(
        '---\ntitel: Test\ntyp: annat\nsammanfattning: "En mening."\nstart: "2026-03-12"\nplats: okänd\nid: t4fw-8nrb\n---\n\nText {# en kommentar #}\n',
        encoding="utf-8",
    )
    problems = [str(p) for p in content.check(project) if p.path.endswith("2026-03-12-test.md")]
    assert problems == ["docs/kalender/evenemang/2026/2026-03-12-test.md:10: texten innehåller {{, {% eller {# — makron fungerar inte på evenemangssidor; skriv utan klammerparenteser (ett ankare skrivs { #namn })"]


def test_a_stray_file_among_the_reports_gets_one_clear_message(tmp_path):
    """Not read as a report (its own errors would only confuse): named, with the rule for names."""
    project = project_with(tmp_path)
    (project / "data" / "reports").mkdir(exist_ok=True)
    (project / "data" / "reports" / "_gammal.yml").write_text("år: 2020\n", encoding="utf-8")
    problems = [str(p) for p in content.check(project) if "_gammal" in p.path]
    assert problems == ["data/reports/_gammal.yml:1: en årsrapport ska heta ÅÅÅÅ.yml efter sitt år, till exempel data/reports/2023.yml; byt namn på filen"]
