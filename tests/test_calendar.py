"""The calendar on fixture sites: the fixture site plus made-up events (tests/fixtures/calendar),
built with "today" = 2026-03-20 12:00, and the fixture site alone, whose events are all past.
Pages, ICS, JSON-LD and the feed are read back with independent parsers.

The tests that take each_site also hold the real site (marked webbplatsen) to the rules any
calendar meets, whatever events it has: its files parse, and its lists say what they hold.
"""

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from scripts import sitebuild

UPCOMING = [
    "2026-03-29-dialogforum-var",
    "2026-04-15-larandelunch-installd",
    "2026-05-06-ideverkstad-flyttad",
    "2026-06-01-utbildning-civilsamhallet",
    "2026-09-10-konferens-jamlikhet-oppenhet-delaktighet",
    "2026-10-25-seminarium-nar-vintertiden-borjar",
]
PAST = [
    "2026-03-12-malmotimmen-jamlik-halsa",
    "2023-04-13-larandekonferens-malmo-tillsammans",
    "2019-11-13-utbildning-for-vardar",
    "2017-06-14-overenskommelsen-antas",
]
# Every event's start in UTC, as a calendar must show it (local Stockholm time in the files).
UTC_STARTS = {
    "2026-03-12-malmotimmen-jamlik-halsa": datetime(2026, 3, 12, 11, 0, tzinfo=UTC),  # CET
    "2026-03-29-dialogforum-var": datetime(2026, 3, 29, 8, 0, tzinfo=UTC),  # CEST from 02:00 that night
    "2026-04-15-larandelunch-installd": datetime(2026, 4, 15, 10, 0, tzinfo=UTC),
    "2026-05-06-ideverkstad-flyttad": datetime(2026, 5, 6, 15, 0, tzinfo=UTC),
    "2026-10-25-seminarium-nar-vintertiden-borjar": datetime(2026, 10, 25, 9, 0, tzinfo=UTC),  # CET again
}
ALL_DAY_STARTS = {
    "2026-06-01-utbildning-civilsamhallet": date(2026, 6, 1),
    "2026-09-10-konferens-jamlikhet-oppenhet-delaktighet": date(2026, 9, 10),
    "2023-04-13-larandekonferens-malmo-tillsammans": date(2023, 4, 13),
    "2019-11-13-utbildning-for-vardar": date(2019, 11, 13),
    "2017-06-14-overenskommelsen-antas": date(2017, 6, 14),
}
EVENT_YEAR_DIR = "kalender/evenemang/{year}/{slug}/"


def _slugs_by_uid() -> dict:
    """UID -> the file name of the event it belongs to: the UID is made from the event's own id
    (macros/events.py), read here from the event files the calendar site is built from."""
    files = [*(sitebuild.CALENDAR_FIXTURES / "evenemang").rglob("20*.md"), *(sitebuild.ROOT / "docs" / "kalender" / "evenemang").rglob("20*.md")]
    return {re.search(r"^id: (\S+)", path.read_text(encoding="utf-8"), re.M)[1] + "@malmoandan.se": path.stem for path in files}


SLUG_OF_UID = _slugs_by_uid()


def event_dir(slug: str) -> str:
    return EVENT_YEAR_DIR.format(year=slug[:4], slug=slug)


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def linked_slugs(element) -> list[str]:
    return [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in element.select("a.ma-events__link")]


# ---- pages -----------------------------------------------------------------------------------------


def test_calendar_lists_upcoming_events_in_order_under_month_headings(calendar_site):
    calendar = page(calendar_site, "kalender").select_one("[data-ma-upcoming]")
    assert linked_slugs(calendar) == UPCOMING
    months = [h2.get_text(strip=True) for h2 in calendar.select(".ma-month h2")]
    assert months == ["Mars 2026", "April 2026", "Maj 2026", "Juni 2026", "September 2026", "Oktober 2026"]
    assert calendar.select_one(".ma-upcoming__empty").has_attr("hidden")


def test_link_text_holds_date_time_and_title(calendar_site):
    calendar = page(calendar_site, "kalender")
    texts = [re.sub(r"\s+", " ", a.get_text()) for a in calendar.select("a.ma-events__link")]
    assert texts[0] == "söndag 29 mars 2026 kl. 10.00–12.00: Dialogforum våren 2026"
    assert "1–3 juni 2026: Civilsamhället i samhället" in texts  # several whole days
    meta = [re.sub(r"\s+", " ", p.get_text()) for p in calendar.select(".ma-events__meta")]
    assert meta[0] == "Dialogforum · Testhuset, Exempelgatan 1, Malmö, Digitalt: https://example.org/mote"
    assert meta[1].startswith("Inställt. Lärandelunch")


def test_each_item_carries_its_end_for_the_roll_over_script(calendar_site):
    items = page(calendar_site, "kalender").select("[data-ma-slut]")
    ends = [item["data-ma-slut"] for item in items]
    assert ends[0] == "2026-03-29T12:00:00+02:00"
    assert "2026-06-04T00:00:00+02:00" in ends  # a whole-day event ends at midnight after its last day


def test_past_events_by_year_newest_first(calendar_site):
    past = page(calendar_site, "kalender/tidigare")
    assert linked_slugs(past) == PAST
    years = [h2.get_text(strip=True) for h2 in past.select("article h2")]
    assert years == ["2026", "2023", "2019", "2017"]


def test_start_page_shows_the_next_three(calendar_site):
    # With upcoming events the start page's events block comes back by itself, with its heading.
    start = BeautifulSoup((calendar_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    section = start.select_one("[data-ma-upcoming-section]")
    assert section.find("h2").get_text(strip=True) == "Kommande evenemang"
    assert linked_slugs(section.select_one("[data-ma-upcoming]")) == UPCOMING[:3]


def test_type_pages_work_without_javascript(calendar_site):
    assert linked_slugs(page(calendar_site, "kalender/typ/dialogforum")) == ["2026-03-29-dialogforum-var"]
    malmotimmen = page(calendar_site, "kalender/typ/malmotimmen")
    # No upcoming Malmötimme, but the past one is listed under "Tidigare".
    assert linked_slugs(malmotimmen.select_one("[data-ma-upcoming]")) == []
    empty = malmotimmen.select_one(".ma-upcoming__empty")
    assert not empty.has_attr("hidden") and empty.get_text() == "Inga nya evenemang av den här typen är planerade."  # the plan is repealed
    assert linked_slugs(malmotimmen) == ["2026-03-12-malmotimmen-jamlik-halsa"]
    assert [h.get_text(strip=True) for h in malmotimmen.select("article h2")][:2] == ["Kommande", "Tidigare"]


def test_every_event_type_gets_its_page_from_the_vocabulary_alone(calendar_site):
    """Type pages are made from vocabulary.EVENT_TYPES (macros/generated_pages.py): no file in
    docs/ per type, and a type added to the table has its page with nothing else to write."""
    from macros import links, vocabulary

    assert not (sitebuild.ROOT / "docs" / "kalender" / "typ").exists()
    for event_type in vocabulary.EVENT_TYPES:
        built = page(calendar_site, links.type_page(event_type.slug)[: -len(".md")])
        assert built.find("h1").get_text(strip=True) == f"Kalender: {event_type.label}"
        assert built.find("a", string="Hela kalendern")["href"] == "../../"
        assert built.find("a", string="Redigera sidan") is None  # nothing to edit: no file


def test_event_page_is_the_editors_text_inside_its_template(calendar_site):
    """An event page is templates/event_page.md around the editor's text, which goes in as it is."""
    slug = "2026-03-12-malmotimmen-jamlik-halsa"
    source = next((sitebuild.ROOT / "tests" / "fixtures" / "calendar").rglob(f"{slug}.md")).read_text(encoding="utf-8")
    first_paragraph = source.split("---\n", 2)[2].strip().split("\n\n")[0].replace("\n", " ")
    article = page(calendar_site, event_dir(slug)).find("article")
    elements = article.find_all(["h1", "dl", "p", "h2"])
    order = [e.name + "".join("." + c for c in e.get("class", [])) for e in elements]
    text_at = next(i for i, e in enumerate(elements) if re.sub(r"\s+", " ", e.get_text(" ", strip=True)) == first_paragraph)
    assert order[0] == "h1" and order.index("dl.ma-event__facts") < text_at < order.index("h2")
    assert [e.get_text(strip=True) for e in article.find_all("h2")] == ["Efter evenemanget", "Källa"]


def test_search_indexes_each_event_on_its_own_page_not_in_every_list(calendar_site):
    """What the index holds is chosen (issue 14): list pages keep their own text, but the lists
    (data-search-exclude on their headings) and the same sentence on every event page stay out."""
    index = json.loads((calendar_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    on_lists = [d for d in index["docs"] if d["location"].split("#")[0] in ("kalender/", "kalender/typ/dialogforum/")]
    assert on_lists and not any("manad-" in d["location"] for d in index["docs"])
    assert "Dialogforum våren 2026" not in json.dumps(on_lists, ensure_ascii=False)
    own = [d for d in index["docs"] if d["location"].startswith(event_dir("2026-03-29-dialogforum-var"))]
    assert own and own[0]["title"] == "Dialogforum våren 2026" and "Hörselslinga" in own[0]["text"]
    everything = json.dumps(index["docs"], ensure_ascii=False)
    assert "Evenemanget har redan ägt rum" not in everything and "Lägg till i kalendern" not in everything


def test_type_pages_list_past_events_or_stay_out_of_search(fixture_site):
    # The fixture site has only past events: a konferens, an utbildning and one of type annat.
    site = fixture_site
    konferens = page(site, "kalender/typ/konferens")
    assert linked_slugs(konferens) == ["2023-04-13-larandekonferens-malmo-tillsammans"]
    assert konferens.find("meta", attrs={"name": "robots"}) is None
    dialogforum = page(site, "kalender/typ/dialogforum")
    assert "Kalendern har inga evenemang av typen dialogforum." in dialogforum.get_text(" ")
    assert dialogforum.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "kalender/typ/konferens/" in locations and "kalender/typ/dialogforum/" not in locations
    type_links = [a.get_text(strip=True) for a in page(site, "kalender").select(".ma-type-links a")]
    assert type_links == ["Utbildning", "Konferens", "Annat"]


def test_type_pages_without_events_stay_out_of_search(each_site):
    """A type page is indexed when it lists an event, and says so and keeps out of search when not."""
    from macros import links, vocabulary

    site, _ = each_site
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    for event_type in vocabulary.EVENT_TYPES:
        path = links.type_page(event_type.slug)[: -len(".md")]
        built = page(site, path)
        robots = built.find("meta", attrs={"name": "robots"})
        if linked_slugs(built):
            assert robots is None and f"{path}/" in locations, path
        else:
            assert "Kalendern har inga evenemang av typen" in built.get_text(" "), path
            assert robots["content"] == "noindex" and f"{path}/" not in locations, path


def test_past_events_have_no_add_to_calendar_button(calendar_site):
    past = page(calendar_site, event_dir("2023-04-13-larandekonferens-malmo-tillsammans"))
    assert past.find("a", string="Lägg till i kalendern") is None
    assert past.select_one(".ma-event__actions a")["href"] == "../../../tidigare/"
    upcoming = page(calendar_site, event_dir("2026-03-29-dialogforum-var"))
    assert upcoming.find("a", string="Lägg till i kalendern")["data-ma-until"] == "2026-03-29T12:00:00+02:00"


def test_calendar_lists_what_lies_ahead_or_says_it_is_empty(each_site):
    """The calendar lists every event not yet over at the build instant, in order, and shows its
    empty notice exactly when there is none; so does the start page."""
    site, data = each_site
    built_at = datetime.fromtimestamp(sitebuild.FIXED_EPOCH, UTC)
    ahead = [event.slug for event in sorted(data.events, key=lambda e: e.begins) if event.ends > built_at]
    calendar = page(site, "kalender")
    assert linked_slugs(calendar.select_one("[data-ma-upcoming]")) == ahead
    assert calendar.select_one(".ma-upcoming__empty").has_attr("hidden") == bool(ahead)
    start = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    section = start.select_one("[data-ma-upcoming-section]")
    if ahead:
        assert linked_slugs(section.select_one("[data-ma-upcoming]")) == ahead[:3]
    else:
        assert section is None and "Kommande evenemang" not in start.select_one("article").get_text(" ")


def test_calendar_without_upcoming_events_has_an_honest_empty_state(fixture_site):
    site = fixture_site
    calendar = page(site, "kalender")
    assert linked_slugs(calendar) == []
    assert not calendar.select_one(".ma-upcoming__empty").has_attr("hidden")
    text = calendar.get_text(" ")
    # No invitation to subscribe to events that will not come (issue 22): the plan is repealed.
    assert calendar.select_one(".ma-upcoming__empty").get_text() == "Inga nya evenemang är planerade."
    assert calendar.select_one(".ma-subscribe") is None and calendar.find(id="prenumerera") is None
    assert "Kalendern uppdaterades 22 november 2026 kl. 18.00." in re.sub(r"\s+", " ", text)


def facts(event_page: BeautifulSoup) -> dict:
    dl = event_page.select_one(".ma-event__facts")
    return {dt.get_text(strip=True): re.sub(r"\s+", " ", dt.find_next("dd").get_text(" ", strip=True)) for dt in dl.find_all("dt")}


def test_event_page_shows_every_field(calendar_site):
    event = page(calendar_site, event_dir("2026-03-29-dialogforum-var"))
    assert event.find("h1").get_text(strip=True) == "Dialogforum våren 2026"
    shown = facts(event)
    assert shown["När"] == "söndag 29 mars 2026 kl. 10.00–12.00"
    assert shown["Var"].startswith("Testhuset, Exempelgatan 1, Malmö ( karta ). Du kan också delta digitalt")
    assert shown["Tillgänglighet"] == (
        "Entrén och alla rum nås utan trappsteg. Toalett för rullstol finns. Det går att komma in utan trappsteg. "
        "Hörselslinga finns. Tolkning: Teckenspråkstolk."
    )
    assert shown["Arrangör"] == "Malmöandan, Malmö Ideella"
    assert shown["Samarbetspartner"] == "Region Skåne"
    assert shown["Språk"] == "Svenska, engelska"
    assert shown["Anmälan"] == "Anmäl dig , senast 25 mars 2026."
    link = event.find("a", string="Lägg till i kalendern")
    assert link["href"] == "2026-03-29-dialogforum-var.ics"
    assert (calendar_site / event_dir("2026-03-29-dialogforum-var") / link["href"]).is_file()


def test_cancelled_and_moved_events_say_so(calendar_site):
    cancelled = page(calendar_site, event_dir("2026-04-15-larandelunch-installd"))
    status = cancelled.select_one(".ma-event__status--cancelled").get_text(" ", strip=True)
    assert status == "Evenemanget är inställt. Lunchen är inställd eftersom talaren är sjuk."
    moved = page(calendar_site, event_dir("2026-05-06-ideverkstad-flyttad"))
    assert moved.select_one(".ma-event__status--moved").get_text(" ", strip=True).startswith("Evenemanget har flyttats. Flyttad från 29 april")
    changes = [li.get_text(" ", strip=True) for li in moved.select(".ma-event__changes li")]
    assert changes == ["1 mars 2026 : Flyttad från 22 april till 29 april.", "15 mars 2026 : Flyttad från 29 april till 6 maj."]


def test_past_event_shows_documentation_and_figures_with_source(calendar_site):
    event = page(calendar_site, event_dir("2026-03-12-malmotimmen-jamlik-halsa"))
    assert event.select_one(".ma-event__status--past") is not None
    after = [re.sub(r"\s+", " ", li.get_text(" ", strip=True)) for li in event.select(".ma-event__after li")]
    assert after == ["Inspelning", "Deltagare: 2 406", "Genomsnittligt betyg: 4,3 av 5"]
    assert event.find("h2", string="Källa") is not None
    assert facts(event)["Fokusområde"].startswith("Jämlik hälsa")


def test_event_pages_stay_out_of_the_navigation(calendar_site):
    nav = page(calendar_site, "kalender").select_one("nav.md-nav--primary")
    assert "evenemang/" not in str(nav)


# ---- iCalendar -------------------------------------------------------------------------------------


def calendar_text(site: Path) -> str:
    return (site / "kalender.ics").read_bytes().decode("utf-8")


def test_ics_lines_end_in_crlf_and_fold_at_75_octets(calendar_site):
    raw = (calendar_site / "kalender.ics").read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75
    unfolded = raw.decode("utf-8").replace("\r\n ", "")
    assert (
        "SUMMARY:Konferens om jämlikhet\\, öppenhet och delaktighet för föreningar och förvaltningar "
        "i Malmö – två dagars samtal om vår gemensamma stad\r\n"
    ) in unfolded


def test_ics_has_the_required_parts_and_unique_uids(calendar_site):
    text = calendar_text(calendar_site).replace("\r\n ", "")
    for required in ("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:", "BEGIN:VTIMEZONE", "TZID:Europe/Stockholm"):
        assert required in text
    uids = re.findall(r"^UID:([^\r\n]+)", text, flags=re.M)
    event_uids = [u for u in uids if not u.startswith("kalender@")]
    assert sorted(SLUG_OF_UID[uid] for uid in event_uids) == sorted(UPCOMING + PAST)
    assert text.count("BEGIN:VEVENT") == len(event_uids)
    assert text.count("DTSTAMP:") == len(event_uids)
    assert "DTSTART;TZID=Europe/Stockholm:20260329T100000" in text


def test_cancelled_and_moved_events_in_ics(calendar_site):
    import icalendar

    calendar = icalendar.Calendar.from_ical(calendar_text(calendar_site))
    events = {SLUG_OF_UID[str(e["UID"])]: e for e in calendar.walk("VEVENT")}
    assert events["2026-04-15-larandelunch-installd"]["STATUS"] == "CANCELLED"
    assert events["2026-04-15-larandelunch-installd"]["SEQUENCE"] == 1
    assert events["2026-05-06-ideverkstad-flyttad"]["STATUS"] == "CONFIRMED"
    assert events["2026-05-06-ideverkstad-flyttad"]["SEQUENCE"] == 2
    assert events["2026-06-01-utbildning-civilsamhallet"]["DTEND"].dt == date(2026, 6, 4)  # exclusive end


def starts_by_icalendar(text: str) -> dict:
    import icalendar

    return {SLUG_OF_UID[str(e["UID"])]: e["DTSTART"].dt for e in icalendar.Calendar.from_ical(text).walk("VEVENT")}


def starts_by_vobject(text: str) -> dict:
    import vobject

    parsed = vobject.readOne(text, validate=True)
    return {SLUG_OF_UID[e.uid.value]: e.dtstart.value for e in parsed.vevent_list}


def starts_by_ics(text: str) -> dict:
    import ics

    result = {}
    for event in ics.Calendar(text).events:
        value = event.begin.date() if event.all_day else event.begin.datetime
        result[SLUG_OF_UID[event.uid]] = value
    return result


@pytest.mark.parametrize("reader", [starts_by_icalendar, starts_by_vobject, starts_by_ics], ids=["icalendar", "vobject", "ics"])
def test_three_parsers_agree_on_every_start(calendar_site, reader):
    starts = reader(calendar_text(calendar_site))
    for slug, utc in UTC_STARTS.items():
        assert starts[slug].astimezone(UTC) == utc, slug
    for slug, day in ALL_DAY_STARTS.items():
        value = starts[slug]
        assert (value.date() if isinstance(value, datetime) else value) == day, slug


def test_ics_is_byte_identical_and_uids_stable_across_builds(calendar_site, tmp_path):
    project = sitebuild.calendar_site(tmp_path / "project")
    again = sitebuild.build(project, tmp_path / "site", sitebuild.CALENDAR_EPOCH)
    assert again.returncode == 0, again.output
    for path in [Path("kalender.ics"), Path("kalender.xml"), *[Path(event_dir(s)) / f"{s}.ics" for s in UPCOMING + PAST]]:
        assert (calendar_site / path).read_bytes() == (again.site_dir / path).read_bytes(), path
    later = sitebuild.build(project, tmp_path / "later", sitebuild.CALENDAR_EPOCH + 86400)
    uids = lambda site: re.findall(r"^UID:([^\r\n]+)", calendar_text(site), flags=re.M)  # noqa: E731
    assert uids(later.site_dir) == uids(calendar_site)


def test_each_event_has_its_own_ics(calendar_site):
    import icalendar

    for slug in UPCOMING + PAST:
        text = (calendar_site / event_dir(slug) / f"{slug}.ics").read_text(encoding="utf-8")
        events = icalendar.Calendar.from_ical(text).walk("VEVENT")
        assert [SLUG_OF_UID[str(e["UID"])] for e in events] == [slug]


# ---- structured data and feed ----------------------------------------------------------------------


def json_ld_items(site: Path, slug: str) -> list:
    import extruct

    html = (site / event_dir(slug) / "index.html").read_text(encoding="utf-8")
    return extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]


# schema_org-py builds its models of all schema.org when first imported (3.6 s): the tests that
# validate with it run on one worker (--dist loadgroup), so a run pays that once, not once a worker.
SCHEMA_ORG = pytest.mark.xdist_group("schema_org")


@SCHEMA_ORG
@pytest.mark.parametrize("slug", UPCOMING + PAST)
def test_json_ld_is_a_valid_schema_org_event(calendar_site, slug):
    from schema_org.registry import get_model

    items = json_ld_items(calendar_site, slug)
    assert len(items) == 1 and items[0]["@type"] == "Event"
    assert items[0]["@context"] == "https://schema.org"
    # The model checks every property name and value; @context is JSON-LD, not a property.
    get_model("Event").model_validate({k: v for k, v in items[0].items() if k != "@context"}, strict=False)
    start = items[0]["startDate"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?", start), start


def test_json_ld_status_attendance_and_location(calendar_site):
    hybrid = json_ld_items(calendar_site, "2026-03-29-dialogforum-var")[0]
    assert hybrid["startDate"] == "2026-03-29T10:00:00+02:00"
    assert hybrid["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [loc["@type"] for loc in hybrid["location"]] == ["Place", "VirtualLocation"]
    cancelled = json_ld_items(calendar_site, "2026-04-15-larandelunch-installd")[0]
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert cancelled["location"]["@type"] == "VirtualLocation"
    moved = json_ld_items(calendar_site, "2026-05-06-ideverkstad-flyttad")[0]
    assert moved["eventStatus"] == "https://schema.org/EventRescheduled"


def test_feed_lists_upcoming_events_and_parses_cleanly(calendar_site):
    raw = (calendar_site / "kalender.xml").read_bytes()
    etree.fromstring(raw)
    feed = feedparser.parse(raw)
    assert feed.bozo == 0
    assert feed.feed.title == "Malmöandan: kommande evenemang"
    assert [e.link.rstrip("/").rsplit("/", 1)[-1] for e in feed.entries] == UPCOMING
    assert feed.entries[1].title.startswith("INSTÄLLT: onsdag 15 april 2026")
    head = BeautifulSoup((calendar_site / "index.html").read_text(encoding="utf-8"), "html.parser").find(
        "link", attrs={"type": "application/atom+xml"}
    )
    assert head["href"] == "kalender.xml"


def test_subscription_offers_https_and_webcal(calendar_site):
    calendar = page(calendar_site, "kalender")
    assert calendar.select_one(".ma-subscribe__url").get_text() == "https://malmoandan.se/kalender.ics"
    assert calendar.find("a", href="webcal://malmoandan.se/kalender.ics") is not None
    text = calendar.get_text(" ")
    for client in ("Outlook", "Google Kalender", "Apple Kalender"):
        assert client in text


def test_json_ld_cannot_close_its_script_element():
    """Text from an event file lands in a <script>; <, > and & are escaped there."""
    from datetime import date

    from macros.events import Event
    from macros.json_ld import json_ld_script
    from macros.links import Site

    event = Event(
        slug="2026-01-01-test",
        src_uri="kalender/evenemang/2026/2026-01-01-test.md",
        path="docs/kalender/evenemang/2026/2026-01-01-test.md",
        id="t3st-2026",
        titel="Test",
        typ="annat",
        sammanfattning='</script><script>alert("x")</script> & mer',
        start=date(2026, 1, 1),
    )
    script = json_ld_script(event, Site("https://malmoandan.se/"), {})
    inner = script[len('<script type="application/ld+json">') : -len("</script>")]
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner)["description"] == '</script><script>alert("x")</script> & mer'


# ---- rules any calendar meets (the real site too) --------------------------------------------------


def utc_or_day(value):
    return value.astimezone(UTC) if isinstance(value, datetime) else value


def test_every_calendar_file_parses_alike_in_three_readers(each_site):
    """kalender.ics and each event's own file: CRLF lines folded at 75 octets, one VEVENT with a
    unique UID per event, and icalendar, vobject and ics read the same start for each."""
    site, data = each_site
    files = sorted(site.rglob("*.ics"))
    assert site / "kalender.ics" in files and len(files) == 1 + len(data.events)
    for path in files:
        raw = path.read_bytes()
        assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b""), path
        assert max(len(line) for line in raw.split(b"\r\n")) <= 75, path
        text = raw.decode("utf-8")
        readings = [reader(text) for reader in (starts_by_icalendar, starts_by_vobject, starts_by_ics)]
        normalised = [{uid: utc_or_day(start) for uid, start in reading.items()} for reading in readings]
        assert normalised[0] == normalised[1] == normalised[2], path
    text = calendar_text(site).replace("\r\n ", "")
    uids = [u for u in re.findall(r"^UID:([^\r\n]+)", text, flags=re.M) if not u.startswith("kalender@")]
    assert len(uids) == len(set(uids)) == len(data.events) == text.count("BEGIN:VEVENT")


@SCHEMA_ORG
def test_every_event_page_has_valid_json_ld_and_the_feed_parses(each_site):
    from schema_org.registry import get_model

    site, data = each_site
    for event in data.events:
        items = json_ld_items(site, event.slug)
        assert len(items) == 1 and items[0]["@type"] == "Event", event.slug
        get_model("Event").model_validate({k: v for k, v in items[0].items() if k != "@context"}, strict=False)
    raw = (site / "kalender.xml").read_bytes()
    etree.fromstring(raw)
    assert feedparser.parse(raw).bozo == 0
