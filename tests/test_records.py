"""Records declared once (issue 24, item 2): a record's field table is made from its dataclass
(schema.rule, schema.table), and every field of an event reaches the event's page, so that a
new field is one line in events.Event plus its line in templates/event_header.md, and forgetting
the template line fails here.

On the fixture content (tests/fixtures/content/valid) and a made-up event; nothing here reads
the real site.
"""

import dataclasses
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from macros import content, events, reports, schema
from macros.links import Site
from macros.problems import PROCESSING
from macros.render import CalendarRenderer, Renderer
from macros.yamlfiles import DataFile, parse
from scripts import sitebuild

VALID = Path(__file__).parent / "fixtures" / "content" / "valid"
BUILT = datetime(2026, 3, 20, 12, tzinfo=ZoneInfo("Europe/Stockholm"))  # the event below is upcoming
pytestmark = pytest.mark.snabb

SLUG = "2026-04-02-test"
SRC_URI = f"kalender/evenemang/2026/{SLUG}.md"

# Fields whose value the page shows as something else: (the value in the file, what the page shows).
# A text, a list of texts or an address needs no line here: its own name becomes its value.
SHOWN_AS = {
    "typ": ("konferens", "Konferens"),
    "start": ("2026-04-02 10:00", "2 april 2026 kl. 10.00"),
    "slut": ("2026-04-02 12:15", "12.15"),
    "deltagande": ("hybrid", "Du kan också delta digitalt"),
    "plats": ("nobel-21", "Föreningscentret Nobel 21"),
    "anmälan_senast": ("2026-03-30", "senast 30 mars 2026"),
    "status": ("flyttad", "Evenemanget har flyttats."),
    "ändringar": ([{"datum": "2026-03-01", "text": "ändringar-värde"}], "ändringar-värde"),
    "fokusområde": ("fokus-2023", "Jämlik hälsa (2023)"),
    "dokumentation": ([{"titel": "dokumentation-värde", "länk": "https://exempel.se/dokumentation"}], "dokumentation-värde"),
    "deltagare": (1234, "Deltagare: 1\xa0234"),
    "betyg": (3.7, "3,7 av 5"),
    "källa": ("plan", "Samarbetsplan"),
    "citat": ("citat-värde", "citat-värde"),  # under the source, as the quotes of every page
}
# Fields the page does not show, and why.
NOT_ON_PAGE = {"id": "the calendar files' UID is made from it, so calendars know the event when it moves"}


def value_and_text(name: str, field: schema.Field) -> tuple[object, list[str]]:
    """The field's value in the made-up event file, and the texts the page must then show."""
    if name in SHOWN_AS:
        value, shown = SHOWN_AS[name]
        return value, [shown]
    if field.schema == schema.TEXT:
        return f"{name}-värde", [f"{name}-värde"]
    if field.schema == events.URL:
        return f"https://exempel.se/{name}", [f"https://exempel.se/{name}"]
    if field.schema == events.TEXTS:
        return [f"{name}-värde-1", f"{name}-värde-2"], [f"{name}-värde-1", f"{name}-värde-2"]
    pytest.fail(f"events.Event.{name}: give the field a value and what the page shows for it in SHOWN_AS (tests/test_records.py)")


def full_record() -> dict:
    """A made-up event with every field of the table set, each to a value of its own."""
    record = {name: value_and_text(name, field)[0] for name, field in events.EVENT_FIELDS.items() if name not in NOT_ON_PAGE}
    return {"id": "t3st-0001", **record}


@pytest.fixture(scope="module")
def fixture_content() -> content.Content:
    return content.load(VALID)


def event_page(data: content.Content, record: dict) -> str:
    """The event page's source (front matter, fields, the editor's text) for ``record``."""
    source = DataFile(f"docs/{SRC_URI}", data=record)
    (event,) = events.build([(source, "Brödtext.", SLUG)])
    calendar = CalendarRenderer(Renderer(dataclasses.replace(data, events=[event])), BUILT, Site("https://exempel.se/"))
    return calendar.event_page_source(SRC_URI, f"kalender/evenemang/2026/{SLUG}/", "---\ntitel: x\n---\nBrödtext.")


def test_the_made_up_event_passes_the_check():
    """The values below are ones an editor could write: the table's own rules accept them."""
    record = full_record()
    assert schema.check_record(DataFile(f"docs/{SRC_URI}", data=record), (), record, events.EVENT_FIELDS) == []


@pytest.mark.parametrize("name", [name for name in events.EVENT_FIELDS if name not in NOT_ON_PAGE])
def test_every_event_field_reaches_the_event_page(fixture_content, name):
    """Each field's value is on the page, and (for an optional field) gone when the field is."""
    page = event_page(fixture_content, full_record())
    shown = value_and_text(name, events.EVENT_FIELDS[name])[1]
    for text in shown:
        assert text.casefold() in page.casefold(), f"{name}: the event page does not show {text!r}; add the field to templates/event_header.md"
    if not events.EVENT_FIELDS[name].required:
        without = event_page(fixture_content, {k: v for k, v in full_record().items() if k != name})
        assert all(text.casefold() not in without.casefold() for text in shown), f"{name}: {shown} is on the page without the field"


def test_the_field_tables_are_made_from_the_records():
    """One declaration: the table lists exactly the dataclass's fields that have a rule, in order."""
    for record_type, table in [
        (events.Event, events.EVENT_FIELDS),
        (content.Source, content.SOURCE_FIELDS),
        (content.Decision, content.DECISION_FIELDS),
        (content.TimelineEntry, content.TIMELINE_FIELDS),
        (content.CycleItem, content.CYCLE_FIELDS),
        (content.Plan, content.PLAN_FIELDS),
    ]:
        declared = [f.name for f in dataclasses.fields(record_type) if "rule" in f.metadata]
        assert list(table) == declared and declared
    # An optional field is None when left out; a required one must be given.
    assert events.Event.__dataclass_fields__["tolkning"].default is None
    assert events.Event.__dataclass_fields__["titel"].default is dataclasses.MISSING
    assert events.Event.__dataclass_fields__["id"].default is dataclasses.MISSING  # checked by _check_id, needed all the same


# ---- Nested records name a misspelt field ----------------------------------------------------------

INDICATOR = """- id: x
  namn: X
  enhet: personer
  period: under året
  definition: Något som räknas.
  värden:
    - år: 2023
      värde: 4
      {key}: "2023"
      källa: a
      avsnitt: b
      citat: "c"
"""


def test_a_misspelt_field_inside_a_nested_record_is_named_with_its_right_name():
    source = parse(INDICATOR.format(key="avsr"), "data/indicators.yml")
    [problem] = schema.check_list(source, reports.INDICATOR_FIELDS, "indikatorer")
    assert (problem.line, problem.message.split(" Rätta")[0]) == (9, "värden, nummer 1: okänt fält 'avsr'. Menade du 'avser'?")


def test_a_nested_field_left_out_is_still_missing_when_nothing_is_close():
    source = parse(INDICATOR.format(key="xyz"), "data/indicators.yml")
    messages = sorted(problem.message.split(";")[0].split(".")[0] for problem in schema.check_list(source, reports.INDICATOR_FIELDS, "indikatorer"))
    assert messages == ["värden, nummer 1: fältet 'avser' saknas", "värden, nummer 1: okänt fält 'xyz'"]


# ---- Indicators: the lookups, written once ---------------------------------------------------------


def indicator(enhet: str, skala: int | None = None) -> reports.Indicator:
    value = {"avser": "2023", "källa": "a", "avsnitt": "b", "citat": "c"}
    return schema.make(reports.Indicator, {
        "id": "x", "namn": "X", "enhet": enhet, "skala": skala, "period": "p", "definition": "d",
        "värden": [{"år": 2024, "värde": 4.3, **value}, {"år": 2023, "värde": 1226, "precision": "minst", **value}],
    })  # fmt: skip


def test_an_indicator_gives_its_value_for_a_year_and_none_for_a_year_without():
    counted = indicator("personer")
    assert (counted.value_for(2023).värde, counted.value_for(2022)) == (1226, None)
    assert [value.år for value in counted.by_year] == [2023, 2024]


def test_a_figure_is_written_with_its_precision_and_a_rating_with_its_scale_and_no_unit():
    counted, rated = indicator("personer"), indicator("betyg", skala=5)
    assert (counted.text(counted.value_for(2023)), counted.unit) == ("minst 1\xa0226", "personer")
    assert (rated.text(rated.value_for(2024)), rated.unit) == ("4,3 av 5", "")


# ---- Reports and the survey: nested records made from checked data ---------------------------------

REPORT = {
    "år": 2031, "diarienummer": "STK-2032-1", "källa": "a", "tjänsteskrivelse": "2032-05", "beslut": ["b"],
    "ansvariga": [{"namn": "N", "titel": "T"}], "bedömning": "Bra.", "citat": "c",
    "budget": {"avsatt_totalt": 10, "avsatt": [{"post": "Lön", "kronor": 10, "citat": "c"}]},
    "aktiviteter": [{"typ": "annat", "titel": "Möte", "deltagare": 5, "citat": "c"}],
}  # fmt: skip


def test_a_report_is_made_with_its_nested_records_and_defaults_for_what_it_leaves_out():
    report = schema.make(reports.Report, REPORT)
    assert report.ansvariga == [reports.Person(namn="N", titel="T")]
    assert report.budget == reports.Budget(avsatt_totalt=10, avsatt=[reports.MoneyLine(post="Lön", kronor=10, citat="c")])
    [activity] = report.aktiviteter
    assert (activity.deltagare, activity.deltagare_ungefär, activity.partner, report.yttranden, report.handläggare) == (5, False, [], [], None)


def test_a_report_text_it_does_not_have_is_a_key_error_naming_the_file():
    report = schema.make(reports.Report, REPORT)
    assert report.text("bedömning") == "Bra."
    for name in ("inför_framtiden", "budget", "finns_inte"):
        with pytest.raises(KeyError, match=r"inget fält .* i data/reports/2031\.yml"):
            report.text(name)


def test_a_survey_amount_is_written_with_its_precision_and_range():
    support = reports.Support(förvaltning="F", mnkr=1.5, till_mnkr=2, precision="drygt", vad="v", citat="c")
    assert support.text == "drygt 1,5–2\xa0mnkr"


def test_an_error_while_the_records_are_made_names_the_file(tmp_path, monkeypatch):
    """The build names the file whose records it was making, not the last file checked."""
    project = sitebuild.fixture_site(tmp_path / "project")

    def broken(record_type, data):
        if record_type is reports.Report and data["år"] == 2019:
            raise ValueError("trasig")
        return schema.make(record_type, data)

    monkeypatch.setattr(content, "make", broken)
    with pytest.raises(ValueError, match="trasig"):
        content.load(project)
    assert PROCESSING.get() == "data/reports/2019.yml"
    PROCESSING.set("")
