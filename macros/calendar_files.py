"""What the calendar publishes besides pages: iCalendar files and an Atom feed (the event pages'
schema.org JSON-LD is json_ld.py).

Everything is derived from the validated events and the build's clock, so the same input and
the same SOURCE_DATE_EPOCH give the same bytes. ``icalendar`` writes the ICS (CRLF line ends,
folding at 75 octets, text escaping, the Europe/Stockholm VTIMEZONE); ``feedgen`` the feed.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from . import formatting, links, vocabulary
from .clock import STOCKHOLM
from .events import EVENT_TYPES, Event, Place, place_line, place_text

if TYPE_CHECKING:
    from icalendar import Event as IcsEvent
    from icalendar import Timezone

# icalendar and feedgen are imported where the files are written, after the pages: the content
# check (./dev check) and the pages never need them.

CALENDAR_NAME = "Malmöandans kalender"
ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
FEED_PATH = links.FEED_FILE
CALENDAR_PATH = links.CALENDAR_FILE
STATUS = vocabulary.by_value(vocabulary.EVENT_STATUSES)


def ics_event_url(event: Event) -> str:
    """Where the event's own .ics lies, below the site root."""
    return event.url_path + links.event_calendar_file(event.slug)


# ---- iCalendar -----------------------------------------------------------------------------------


def _ics_event(event: Event, site: links.Site, places: dict[str, Place], stamp: datetime) -> IcsEvent:
    from icalendar import STATUS as ICS_STATUS
    from icalendar import Event as IcsEvent

    end: date | None
    if event.all_day:
        start, end = event.start, (event.slut or event.start) + timedelta(days=1)  # DTEND is exclusive
    else:
        start, end = event.start, event.slut
    page = site.url(event.url_path)
    status = STATUS[event.status]
    summary = status.ics_prefix + event.titel
    last_change = max((c["datum"] for c in event.ändringar), default=None)
    ics = IcsEvent.new(
        uid=site.uid(event.id),
        stamp=stamp,
        start=start,
        end=end,
        summary=summary,
        description=f"{event.sammanfattning}\n\n{page}",
        location=place_text(event, places),
        url=page,
        categories=[EVENT_TYPES[event.typ]],
        sequence=event.sequence,
        status=ICS_STATUS(status.ics),
    )
    if last_change:
        ics.add("last-modified", datetime.combine(last_change, time(0), tzinfo=STOCKHOLM).astimezone(UTC))
    return ics


# icalendar serialises every component; the pieces are put together here so that each event is
# serialised once for kalender.ics and reused for its own .ics (3 000 events: half the time).
def _calendar_frame(name: str, site: links.Site) -> tuple[bytes, bytes]:
    from icalendar import Calendar
    from icalendar.prop import vText

    calendar = Calendar.new(
        prodid=f"-//Malmöandan//{urlsplit(links.PRODUCTION).hostname}//SV",
        uid=f"kalender@{site.host}",
        url=site.url(CALENDAR_PATH),
        refresh_interval=timedelta(hours=12),
    )
    # Calendar.new(name=…) writes NAME and X-WR-CALNAME unescaped; as vText they get TEXT
    # escaping (; , \) like every other text. An event's title is one line by the content rules;
    # any line break or control character left would still become a space here, never a new line.
    one_line = " ".join(ONE_LINE.sub(" ", name).split())
    calendar.add("name", vText(one_line))
    calendar.add("x-wr-calname", vText(one_line))
    calendar.add("x-wr-timezone", STOCKHOLM.key)
    text = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert text.endswith(end)  # noqa: S101 - icalendar's own format; if that changes, stop the build
    return text[: -len(end)], end


def _event_bytes(event: Event, site: links.Site, places: dict[str, Place], built: datetime) -> bytes:
    ics: bytes = _ics_event(event, site, places, built.astimezone(UTC).replace(microsecond=0)).to_ical()
    return ics


def _assemble(name: str, site: links.Site, pieces: list[bytes], events: list[Event]) -> bytes:
    head, end = _calendar_frame(name, site)
    timed = [e for e in events if not e.all_day]
    zone = stockholm(min(e.start for e in timed).year, max(e.ends for e in timed).year).to_ical() if timed else b""
    return head + zone + b"".join(pieces) + end


def stockholm(first_year: int, last_year: int) -> Timezone:
    """The Europe/Stockholm VTIMEZONE for whole years."""
    from icalendar import Timezone

    return Timezone.from_tzid(STOCKHOLM.key, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1))


# ---- Atom feed --------------------------------------------------------------------------------------


def feed_bytes(upcoming: list[Event], site: links.Site, places: dict[str, Place], built: datetime) -> bytes:
    """An Atom feed of upcoming events, soonest first."""
    from feedgen.feed import FeedGenerator

    feed = FeedGenerator()
    feed.id(site.url(FEED_PATH))
    feed.title("Malmöandan: kommande evenemang")
    feed.subtitle("Evenemang i Malmöandans kalender som inte har ägt rum än.")
    feed.language("sv")
    feed.link(href=site.url(FEED_PATH), rel="self", type="application/atom+xml")
    feed.link(href=site.url(links.page_address(links.CALENDAR_PAGE)), rel="alternate", type="text/html")
    feed.updated(built.replace(microsecond=0))
    feed.author({"name": "Malmöandan"})
    feed.generator("Malmöandan (feedgen)")
    # feedgen lists entries newest-added first; add the latest event first so the soonest ends on top.
    for event in reversed(upcoming):
        entry = feed.add_entry(order="prepend")
        entry.id(f"tag:{site.host},2026:evenemang/{event.id}")  # the event's own id: a moved event stays one entry
        when = formatting.period(event.start, event.slut)
        status = STATUS[event.status].feed_prefix
        entry.title(f"{status}{when}: {event.titel}")
        entry.link(href=site.url(event.url_path), rel="alternate", type="text/html")
        entry.updated(built.replace(microsecond=0))
        place = place_line(event, places)
        entry.summary(f"{event.sammanfattning} {EVENT_TYPES[event.typ]}. {place}.")
    atom: bytes = feed.atom_str(pretty=True)  # feedgen has no types
    return atom


def write_all(events: list[Event], upcoming: list[Event], places: dict[str, Place], site: links.Site, built: datetime, site_dir: Path) -> None:
    """Write every calendar file of the build into ``site_dir``: all ``events`` in the ICS files,
    the ``upcoming`` ones in the feed."""
    pieces = {event.slug: _event_bytes(event, site, places, built) for event in events}
    (site_dir / CALENDAR_PATH).write_bytes(_assemble(CALENDAR_NAME, site, list(pieces.values()), events))
    for event in events:
        target = site_dir / ics_event_url(event)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_assemble(event.titel, site, [pieces[event.slug]], [event]))
    (site_dir / FEED_PATH).write_bytes(feed_bytes(upcoming, site, places, built))
