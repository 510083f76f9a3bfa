"""HTML and Markdown that the macros put into pages, built from validated content.

Python here gathers data; the templates in macros/templates/ make the markup, through the one
Jinja environment (macros/templating.py), whose ``finalize`` passes every value through
``escape.text``: a ``|``, ``*``, ``<`` or ``{{`` in a data file shows as itself. Links are relative
to the page being rendered, so the site also works under a preview sub-path.
"""

import functools
import math
import posixpath
from collections.abc import Callable, Iterable
from datetime import date, datetime
from itertools import groupby
from types import SimpleNamespace
from typing import Any

from markupsafe import Markup

from . import formatting, status, vocabulary
from .content import Content, Decision
from .events import EVENT_TYPES, Event, Place, place_line
from .json_ld import json_ld_script
from .links import (
    AGREEMENT_PAGE,
    CALENDAR_FILE,
    CALENDAR_PAGE,
    DECISIONS_PAGE,
    FEED_FILE,
    FIGURES_PAGE,
    HISTORY_PAGE,
    PAST_EVENTS_PAGE,
    REPORTS_PAGE,
    Addressed,
    Located,
    Site,
    event_calendar_file,
    page_address,
    relative_url,
    type_page,
)
from .templating import piece, render, table
from .yamlfiles import split_front_matter

ANNUAL_CYCLE_PAGE = "samarbetsplan-2021-2026/arshjul.md"  # the calendar's subscription points to it


def quote_list(citat: object) -> list[str]:
    """A record's citat (one quote, a list, or quotes by name) as a flat list of texts."""
    if isinstance(citat, str):
        return [citat]
    if isinstance(citat, dict):
        return [q for value in citat.values() for q in quote_list(value)]
    return [q for value in citat for q in quote_list(value)] if isinstance(citat, list) else []



class Renderer:
    """Renders content for one page at a time (``page`` is the MkDocs page being built)."""

    def __init__(self, content: Content, use_directory_urls: bool = True):
        self.content = content
        self.use_directory_urls = use_directory_urls
        self._pointed_at: dict[str, list[str]] = {}  # page URL -> sources its entries link to
        # (page, data file, place in it) -> the numbered reference to the quotes there; set by
        # pages.register_citations, so that each decision and history entry cites its own quotes.
        self.cite: Callable[[Any, str, tuple[str | int, ...]], Markup] = lambda page, data_file, place: Markup("")

    def _point_at(self, page: Addressed | None, ids: Iterable[str]) -> None:
        """Note that entries on ``page`` link to these sources (#kalla-<id>), for page_sources."""
        if page is not None:
            noted = self._pointed_at.setdefault(page.url, [])
            noted.extend(i for i in ids if i not in noted)

    def page_sources(self, page: Addressed | None, ids: Iterable[str]) -> list[str]:
        """The sources list of ``page``: ``ids`` as the page names them, then every source an
        entry above it links to that the page leaves out. The list comes last on a page, so a
        source an editor adds to data/decisions.yml or data/timeline.yml never leaves an entry
        pointing at nothing."""
        noted = self._pointed_at.get(page.url, []) if page is not None else []
        return list(ids) + [i for i in noted if i not in ids]

    # ---- links and labels ----------------------------------------------------------------------

    def page_url(self, page: Addressed | None, target: str, anchor: str = "") -> str:
        """URL of the Markdown file ``target`` (relative to docs/) as seen from ``page``."""
        url = page_address(target, self.use_directory_urls)
        relative = relative_url(url or ".", page.url) if page is not None else url
        return relative + (f"#{anchor}" if anchor else "")

    def site_root(self, page: Addressed | None) -> str:
        """The relative way from ``page`` to the site's root, ending in / (or empty at the root)."""
        relative = relative_url(".", page.url) if page is not None else "."
        return "" if relative == "." else relative.rstrip("/") + "/"

    def markdown_link(self, page: Located | None, target: str, anchor: str, label: str) -> str:
        """A Markdown link MkDocs validates (file and anchor), with ``label`` escaped."""
        here = posixpath.dirname(page.file.src_uri) if page is not None else ""
        path = posixpath.relpath(target, here or ".")
        return piece("markdown_link", label, f"{path}#{anchor}")

    def decision(self, decision_id: str) -> Decision:
        try:
            return self.content.decisions[decision_id]
        except KeyError:
            known = ", ".join(self.content.decisions)
            raise KeyError(f"beslutet '{decision_id}' finns inte i data/decisions.yml (finns: {known})") from None

    def decision_label(self, decision_id: str) -> str:
        """``kommunstyrelsen 6 mars 2024, § 60``: body, date and paragraph where known."""
        decision = self.decision(decision_id)
        label = f"{decision.organ} {decision.datum.swedish()}"
        return label + (f", § {decision.paragraf}" if decision.paragraf else "")

    def source_label(self, source_id: str) -> str:
        source = self.content.sources[source_id]
        return source.titel + (f" ({source.diarienummer})" if source.diarienummer else "")

    def source_short(self, source_id: str) -> str:
        """How an entry names its source when it points into the page's sources list: the
        diarienummer, which is short and unique, or else the title up to its first comma."""
        source = self.content.sources[source_id]
        return source.diarienummer or source.titel.split(",")[0]

    # ---- blocks --------------------------------------------------------------------------------

    def sources(self, ids: Iterable[str], quotes: dict[str, list[tuple[str, str]]] | None = None) -> Markup:
        """The numbered list of sources, in the order of ``ids``; ``quotes`` (source id ->
        [(quote, what it backs)]) puts under each source the quotes the page cites from it."""
        unknown = [i for i in ids if i not in self.content.sources]
        if unknown:
            raise KeyError(f"källan {', '.join(unknown)} finns inte i data/sources.yml")
        return render("sources.html", ids=list(ids), sources=self.content.sources, quotes=quotes or {})

    def timeline(self, page: Addressed | None) -> Markup:
        years = [(year, list(entries)) for year, entries in groupby(self.content.timeline, key=lambda e: e.datum.year)]
        self._point_at(page, [entry.källa for entry in self.content.timeline])
        position = {id(entry): index for index, entry in enumerate(self.content.timeline)}
        return render(
            "timeline.md",
            years=years,
            cite=lambda entry: self.cite(page, "data/timeline.yml", (position[id(entry)],)),
            decision_url=lambda i: self.page_url(page, DECISIONS_PAGE, i),
            decision_label=self.decision_label,
            source_short=self.source_short,
            quotes=quote_list,
        )

    def decisions(self, page: Addressed | None = None) -> Markup:
        ordered = sorted(self.content.decisions.values(), key=lambda d: d.datum.sort_key)
        self._point_at(page, [ref for d in ordered for ref in d.källa])
        years = [(year, list(items)) for year, items in groupby(ordered, key=lambda d: d.datum.year)]
        position = {decision_id: index for index, decision_id in enumerate(self.content.decisions)}
        return render(
            "decisions.md",
            years=years,
            cite=lambda decision: self.cite(page, "data/decisions.yml", (position[decision.id],)), source_short=self.source_short, quotes=quote_list, summary=self.decision_summary(ordered)
        )

    def decision_summary(self, ordered: list[Decision]) -> Markup:
        """All decisions in one table (date, what was decided, body, paragraph), each date a link
        to the decision's full entry below: the register readable at a glance. What was decided is
        the entry's heading (rubrik), short enough to stay in the summary on a phone too; the
        entry below says it in full."""
        rows = []
        for d in ordered:
            rows.append([
                piece("decision_date_link", d.id, d.datum.swedish(), d.state),
                d.rubrik,
                d.organ.capitalize(),
                f"§ {d.paragraf}" if d.paragraf else None,
            ])
        return table("Alla beslut i korthet", ["Datum", "Vad som beslutades", "Organ", "Paragraf"], rows, css="ma-table--decisions")

    def annual_cycle(self) -> Markup:
        items = []
        for item in sorted(self.content.annual_cycle, key=lambda i: i.månad):
            when = formatting.month_name(item.månad)
            if item.till_månad:
                when += f"–{formatting.month_name(item.till_månad)}"
            items.append({"when": when, "aktivitet": item.aktivitet, "beskrivning": item.beskrivning, "item": item})
        return render("annual_cycle.html", items=items, wheel=annual_cycle_svg(items))

    def matrix(self) -> Markup:
        """Levels of participation (rows) in the steps of the decision process (columns). The
        cells are illegible in the source, so each shows the missing marker; Malmöandan's levels
        are marked as rows, which is what the plan's text says (not in which steps)."""
        matrix = self.content.matrix
        rows = [
            [piece("matrix_level", level["namn"], level.get("beskrivning"))]
            + [None for _step in matrix["steg"]]
            for level in matrix["nivåer"]
        ]
        return table(
            "Nivåer av deltagande (rader) i beslutsprocessens steg (kolumner). Vad rutorna innehåller går inte att läsa i källan. De markerade raderna är nivåerna där Malmöandans aktiviteter låg enligt planens text.",  # noqa: E501 - one sentence for readers, one line
            ["Nivå av deltagande", *matrix["steg"]],
            rows,
            css="ma-matrix",
            row_classes=["ma-matrix__row--malmoandan" if level["malmöandan"] else None for level in matrix["nivåer"]],
        )

    def challenges(self, plan_id: str) -> Markup:
        rows = [
            [c["namn"], c.get("idéburen_värd") or "Ingen utsedd", c.get("stadens_värd") or "Ingen utsedd"]
            for c in self.content.plans[plan_id].utmaningar
        ]
        headers = ["Samhällsutmaning", "Värd från idéburen sektor", "Värd från Malmö stad"]
        return table("Samhällsutmaningarna och deras värdar hösten 2019", headers, rows, css="ma-challenges")

    # ---- the start page ------------------------------------------------------------------------

    def status_lead(self, page: Addressed | None) -> Markup:
        """The start page's first box: what happened to the plan (macros/status.py), with links to
        the decision and the history, or nothing while the plan applies."""
        notice = status.notice(self.content)
        if notice is None:
            return Markup("")
        return render(
            "status_lead.html",
            status=notice,
            decision_url=self.page_url(page, DECISIONS_PAGE, notice["decision_id"]),
            history_url=self.page_url(page, HISTORY_PAGE),
        )

    def top_tasks(self, page: Addressed | None) -> Markup:
        """The three or four things most readers come for, as links with one line each."""
        tasks = [{**task, "url": self.page_url(page, task["page"])} for task in TOP_TASKS]
        return render("top_tasks.html", tasks=tasks)


# What readers of an ended initiative come for, in order (the start page's "Genvägar").
TOP_TASKS = [
    {"page": AGREEMENT_PAGE, "title": "Vad är Malmöandan?", "text": "Överenskommelsen, parterna och hur den kom till."},
    {"page": DECISIONS_PAGE, "title": "Besluten", "text": "Vad kommunstyrelsen, arbetsutskottet och styrgruppen beslutade, från starten till upphävandet."},
    {"page": REPORTS_PAGE, "title": "Årsrapporterna", "text": "Vad som gjordes de år som det finns en årsrapport för."},
    {"page": FIGURES_PAGE, "title": "Deltagande i siffror", "text": "Talen ur årsrapporterna, med källor och öppna data."},
]


# ---- The annual cycle as a wheel ---------------------------------------------------------------
# Drawn here rather than with a chart library: it is a fixed diagram (a ring of twelve months
# with numbered markers), not a chart of data, and no charting library draws it without a
# JavaScript runtime. Colours come from CSS (malmoandan.css), so it follows light and dark mode.

CENTRE, OUTER, INNER, LABEL, MARKER = 160, 150, 86, 134, 104
MARKER_SPREAD = 13  # degrees between the markers of activities in the same month


def _point(radius: float, degrees: float) -> tuple[float, float]:
    radians = math.radians(degrees - 90)  # 0 degrees = twelve o'clock = the start of January
    return round(CENTRE + radius * math.cos(radians), 2), round(CENTRE + radius * math.sin(radians), 2)


def _segment(month: int) -> str:
    start, end = (month - 1) * 30, month * 30
    (x1, y1), (x2, y2) = _point(OUTER, start), _point(OUTER, end)
    (x3, y3), (x4, y4) = _point(INNER, end), _point(INNER, start)
    return f"M{x1} {y1}A{OUTER} {OUTER} 0 0 1 {x2} {y2}L{x3} {y3}A{INNER} {INNER} 0 0 0 {x4} {y4}Z"


def annual_cycle_svg(items: list[dict[str, Any]]) -> Markup:
    """An SVG wheel: months with an activity are filled, and each activity's list number sits on
    its month, inside the ring under the month's name (several in one month side by side). The
    text alternative is short; the list after the wheel says everything in words."""
    busy: set[int] = set()
    for entry in items:
        item = entry["item"]
        busy.update(range(item.månad, (item.till_månad or item.månad) + 1))
    months = []
    for month in range(1, 13):
        x, y = _point(LABEL, (month - 0.5) * 30)
        kind = "busy" if month in busy else "free"
        months.append({"kind": kind, "path": _segment(month), "x": x, "y": y, "label": formatting.month_abbreviation(month)})
    numbers_by_month: dict[int, list[int]] = {}
    for number, entry in enumerate(items, start=1):
        numbers_by_month.setdefault(entry["item"].månad, []).append(number)
    markers = []
    for month, numbers in sorted(numbers_by_month.items()):
        first = (month - 0.5) * 30 - MARKER_SPREAD * (len(numbers) - 1) / 2
        for index, number in enumerate(numbers):
            x, y = _point(MARKER, first + MARKER_SPREAD * index)
            markers.append({"x": x, "y": y, "number": number})
    return render("cycle_wheel.html", months=months, markers=markers, busy_months=len(busy))


# ---- The calendar ------------------------------------------------------------------------------


class CalendarRenderer:
    """The calendar's pages, each event's page around its editor's text, and the type pages."""

    def __init__(self, renderer: Renderer, built: datetime, site: Site) -> None:
        self.renderer = renderer
        self.content = renderer.content
        self.built = built  # the build's clock: what is upcoming and what is past
        self.site = site

    def upcoming_events(self, typ: str | None = None) -> list[Event]:
        return [e for e in self.content.events if e.ends > self.built and (typ is None or e.typ == typ)]

    def past_events(self, typ: str | None = None) -> list[Event]:
        return [e for e in self.content.events if e.ends <= self.built and (typ is None or e.typ == typ)]

    def types_with_events(self) -> list[str]:
        """The event types that have at least one event, upcoming or past, in EVENT_TYPES order."""
        used = {e.typ for e in self.content.events}
        return [typ for typ in EVENT_TYPES if typ in used]

    def _item(self, page: Addressed | None, event: Event) -> dict[str, object]:
        return {
            "event": event,
            "url": self.renderer.page_url(page, event.src_uri),
            "when": formatting.period(event.start, event.slut),
            "ends_iso": event.ends.isoformat(timespec="seconds"),
            "type_label": EVENT_TYPES[event.typ],
            "place": place_line(event, self.content.places),
        }

    def upcoming(self, page: Addressed | None, typ: str | None = None, limit: int | None = None, empty_text: str = "") -> Markup:
        if typ is not None and typ not in EVENT_TYPES:
            raise KeyError(f"typen '{typ}' finns inte; typerna är {', '.join(EVENT_TYPES)}")
        events = self.upcoming_events(typ)[:limit]
        months = []
        for key, items in groupby(events, key=lambda e: (e.begins.year, e.begins.month)):
            label = formatting.month_year(date(key[0], key[1], 1))
            months.append(({"key": f"{key[0]}-{key[1]:02d}", "label": label}, [self._item(page, e) for e in items]))
        return render("event_list.html", months=months, empty_text=empty_text)

    def nothing_upcoming(self, of_type: bool = False) -> str:
        """What the calendar (or, ``of_type``, a type page) says when it has no upcoming event:
        while the plan applies, that there is none just now; once it is repealed
        (status.notice), that none are planned."""
        kind = " av den här typen" if of_type else ""
        if status.notice(self.content) is None:
            return f"Inga kommande evenemang{kind} just nu."
        return f"Inga nya evenemang{kind} är planerade."

    def subscription(self, page: Addressed | None) -> Markup:
        """The invitation to subscribe (templates/subscription.md) while something is to come:
        an upcoming event by the build's clock, or a plan that still applies. When the plan is
        repealed and nothing is coming, nothing: no subscription for events that will not come.
        The next build with an upcoming event brings the invitation back."""
        address = self.site.url(CALENDAR_FILE)
        return render(
            "subscription.md",
            invite=bool(self.upcoming_events()) or status.notice(self.content) is None,
            address=address,
            webcal="webcal://" + address.split("://", 1)[1],
            feed_url=self.renderer.site_root(page) + FEED_FILE,
            cycle_url=self.renderer.page_url(page, ANNUAL_CYCLE_PAGE),
        )

    def past(self, page: Addressed | None, typ: str | None = None, heading: str = "##") -> Markup:
        events = sorted(self.past_events(typ), key=lambda e: (e.begins, e.slug), reverse=True)
        years = [(year, [self._item(page, e) for e in items]) for year, items in groupby(events, key=lambda e: e.begins.year)]
        return render(
            "past_events.md",
            years=years, heading=Markup(heading), empty_text="Det finns inga tidigare evenemang i kalendern."
        )

    def next_events(self, page: Addressed | None, limit: int) -> Markup:
        """The start page's next events with their heading, or nothing at all when the build
        knows of no upcoming event (an ended initiative does not open with an empty list).
        kalender.js hides the section when the reader's clock has passed them all."""
        if not self.upcoming_events():
            return Markup("")
        return render(
            "next_events.html",
            events=self.upcoming(page, limit=limit, empty_text=""),
            calendar_url=self.renderer.page_url(page, CALENDAR_PAGE),
        )

    def type_page(self, page: Addressed | None, typ: str) -> Markup:
        """A type page: its upcoming events, then its past events by year; for a type with no
        events at all, one sentence (and the page stays out of search and search engines)."""
        if typ not in EVENT_TYPES:
            raise KeyError(f"typen '{typ}' finns inte; typerna är {', '.join(EVENT_TYPES)}")
        return render(
            "type_page.md",
            label=EVENT_TYPES[typ].lower(),
            has_events=typ in self.types_with_events(),
            upcoming=self.upcoming(page, typ, empty_text=self.nothing_upcoming(of_type=True)),
            past=self.past(page, typ, heading="###") if self.past_events(typ) else None,
        )

    def type_page_sources(self) -> dict[str, str]:
        """The Markdown of every event type's page (links.type_page), one per type in
        vocabulary.EVENT_TYPES, from templates/type_page_source.md: a new type gets its page
        without a file of its own. The page is made here, whole, so it runs no macro."""
        sources = {}
        for event_type in vocabulary.EVENT_TYPES:
            src_uri = type_page(event_type.slug)
            at = SimpleNamespace(url=self.renderer.page_url(None, src_uri))
            sources[src_uri] = str(
                render(
                    "type_page_source.md",
                    label=event_type.label,
                    has_events=event_type.value in self.types_with_events(),
                    calendar_link=relative_url(CALENDAR_PAGE, src_uri),
                    events=self.type_page(at, event_type.value),
                )
            )
        return sources

    def type_links(self, page: Addressed | None) -> Markup:
        """Links to the type pages of the types that have events."""
        links = [
            {"url": self.renderer.page_url(page, type_page(vocabulary.by_value(vocabulary.EVENT_TYPES)[typ].slug)), "label": EVENT_TYPES[typ]}
            for typ in self.types_with_events()
        ]
        return render("type_links.html", links=links)

    @functools.cached_property
    def _events_by_source(self) -> dict[str, Event]:
        return {e.src_uri: e for e in self.content.events}

    def event_at(self, src_uri: str) -> Event | None:
        """The event whose file is ``src_uri`` (relative to docs/), or None."""
        return self._events_by_source.get(src_uri)

    def event_page_source(self, src_uri: str, url: str, text: str) -> str:
        """The Markdown of the event file ``src_uri``'s page: the file's front matter, then
        templates/event_page.md, which puts the event's fields above the editor's text and its
        documentation, changes and source below. ``url`` is the page's address (MkDocs'
        File.url), for the relative links on it."""
        parts = split_front_matter(text)
        if parts is None:  # events.check refuses an event file without front matter
            raise ValueError(f"{src_uri} har inget sidhuvud")
        front, body = parts
        event = self.event_at(src_uri)
        if event is None:  # assembly.py asks only for the pages of events it loaded
            raise ValueError(f"{src_uri} är inget evenemang")
        fields = self._event_fields(event, url)
        # The front matter written anew, delimiters on lines of their own: the editor's closing
        # --- may end the file, or stand indented, where MkDocs would no longer see front matter.
        return "---\n" + front + "\n---\n\n" + str(render("event_page.md", editor_text=Markup(body), **fields))

    def _event_fields(self, event: Event, url: str) -> dict[str, object]:
        page = SimpleNamespace(url=url)
        place = self.content.places.get(event.plats) if event.plats else None
        focus = self.content.focus_areas.get(event.fokusområde) if event.fokusområde else None
        changes = sorted(event.ändringar, key=lambda c: c["datum"])
        return dict(  # noqa: C408 - the template's variables, named as keywords
            event=event,
            is_past=event.ends <= self.built,
            ends_iso=event.ends.isoformat(timespec="seconds"),
            past_url=self.renderer.page_url(page, PAST_EVENTS_PAGE),
            latest_change=changes[-1]["text"] if changes else "",
            start_iso=event.start.isoformat(timespec="minutes") if isinstance(event.start, datetime) else event.start.isoformat(),
            when=formatting.period(event.start, event.slut),
            type_label=EVENT_TYPES[event.typ],
            place=place,
            accessibility=accessibility_text(place, event.tolkning),
            deadline=formatting.date(event.anmälan_senast) if event.anmälan_senast else None,
            focus=focus,
            ics_file=event_calendar_file(event.slug),
            calendar_url=self.renderer.page_url(page, CALENDAR_PAGE),
            json_ld=Markup(json_ld_script(event, self.site, self.content.places)),
            changes=[{**c, "when": formatting.date(c["datum"])} for c in changes],
            participants=formatting.number(event.deltagare) if event.deltagare is not None else None,
            rating=formatting.number(event.betyg) if event.betyg is not None else None,
            rating_scale=vocabulary.RATING_SCALE,
            source=self.content.sources.get(event.källa) if event.källa else None,
            source_quotes=[(quote, "") for quote in quote_list(event.citat)],  # under the source, as on other pages
        )


def accessibility_text(place: Place | None, interpretation: str | None) -> str:
    """What is known about access to the place and interpretation, and that the rest is unknown."""
    parts = []
    if place:
        if place.tillgänglighet:
            parts.append(place.tillgänglighet.rstrip(".") + ".")
        if place.stegfritt is not None:
            parts.append("Det går att komma in utan trappsteg." if place.stegfritt else "Det finns trappsteg vid entrén.")
        if place.hörselslinga is not None:
            parts.append("Hörselslinga finns." if place.hörselslinga else "Hörselslinga finns inte.")
        if not parts:
            parts.append("Uppgifter om platsens tillgänglighet saknas.")
    if interpretation:
        parts.append(f"Tolkning: {interpretation}.")
    return " ".join(parts)

