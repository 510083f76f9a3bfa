"""Events: one Markdown file per event under docs/kalender/evenemang/ÅÅÅÅ/, its structured
fields in the YAML front matter and its description in the body.

``check`` validates every event file against the table of fields and the calendar's own rules
(file name, dates and times in Europe/Stockholm, places, links) and returns every problem;
``build`` turns valid files into Event objects for the pages, the ICS files and the feed.
"""

import hashlib
import re
import secrets
from dataclasses import MISSING, dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TypedDict, cast

from . import editor_text, inventory, links, vocabulary
from .clock import STOCKHOLM
from .dates import parse_day, parse_when
from .editor_text import placeholder_in
from .problems import PROCESSING, Problem, names_its_files
from .provenance import QUOTES, QUOTES_EXAMPLE, QUOTES_MESSAGE
from .schema import DAY, SLUG, TEXT, WHEN, Field, Known, Quotes, check_record, check_references, records, rule, table
from .yamlfiles import TEMPLATE_PREFIX, DataFile, Record, front_matter_problem, parse, read_text, split_front_matter

EVENTS_DIR = Path("docs") / "kalender" / "evenemang"
TEMPLATE_NAME = TEMPLATE_PREFIX + ".md"

# Views of the tables in vocabulary.py: value -> label for event types, and the values.
EVENT_TYPES = {t.value: t.label for t in vocabulary.EVENT_TYPES}
STATUSES = [s.value for s in vocabulary.EVENT_STATUSES]
ATTENDANCE = [a.value for a in vocabulary.ATTENDANCE_MODES]
NEEDS_CHANGES = {s.value for s in vocabulary.EVENT_STATUSES if s.needs_changes}
UNKNOWN_PLACE = "okänd"

URL = {"type": "string", "pattern": r"^https?://[^\s<>\"'`]+$"}
URL_MESSAGE = "en hel webbadress som börjar med https:// (eller http://)"
TEXTS = {"type": "array", "minItems": 1, "items": TEXT}
FILE_NAME = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")  # ASCII digits, as in dates.py

# An event's own id: written once by the scaffold, never derived from the name or the date, so
# that it stays when the file is renamed (a move to another day). The ICS UID is made from it.
EVENT_ID = {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 40}
ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: read aloud or copied by hand


def new_event_id() -> str:
    """A fresh random id, short and readable: "k3f9-x2mw" (31^8, about 850 billion)."""
    return _readable([secrets.randbelow(len(ID_ALPHABET)) for _ in range(8)])


def suggested_id(path: str) -> str:
    """An id to paste into the event file at ``path``, for the check's messages: unrelated to
    the event's name or date like new_event_id, but the same in every run, so that ./dev check
    and the build print the same line."""
    return _readable(list(hashlib.sha256(path.encode()).digest()[:8]))


def _readable(numbers: list[int]) -> str:
    letters = "".join(ID_ALPHABET[number % len(ID_ALPHABET)] for number in numbers)
    return f"{letters[:4]}-{letters[4:]}"


ID_MESSAGE = "evenemangets eget id, med små bokstäver, siffror och bindestreck"


class Change(TypedDict):
    """One of an event's recorded changes (ändringar), its day parsed."""

    datum: date
    text: str


# One line per field of an event: its type as the pages get it, and its rule as the file has it
# (schema.rule). A new field is one line here plus its line in templates/event_header.md;
# tests/test_records.py fails when a field does not reach the event page.
@dataclass(kw_only=True)
class Event:
    slug: str  # the file name without .md: 2026-03-12-malmotimmen-jamlik-halsa
    src_uri: str  # relative to docs/: kalender/evenemang/2026/2026-03-12-….md
    path: str  # relative to the project: docs/kalender/evenemang/2026/…
    # The event's own id: kept when the file moves; the ICS UID is made from it. Required, but
    # checked by _check_id: its message has an id made for the file to paste.
    id: str = rule(Field(EVENT_ID, ID_MESSAGE, "k3f9-x2mw", required=False), default=MISSING)
    titel: str = rule(Field(TEXT, "evenemangets namn som ren text", "Malmötimmen: Jämlik hälsa", check=editor_text.one_line(160)))
    typ: str = rule(Field({"enum": list(EVENT_TYPES)}, "en av: " + ", ".join(EVENT_TYPES), "malmötimmen"))
    sammanfattning: str = rule(
        Field(TEXT, "en mening om vad evenemanget handlar om", '"Hur kan vi tillsammans minska diabetes typ 2?"', check=editor_text.one_line(300))
    )
    start: datetime | date = rule(
        Field(WHEN, 'när det börjar, "ÅÅÅÅ-MM-DD TT:MM" i svensk tid, eller bara "ÅÅÅÅ-MM-DD" för heldag', '"2026-03-12 12:00"')
    )
    slut: datetime | date | None = rule(Field(WHEN, "när det slutar, i samma form som start", '"2026-03-12 13:00"', required=False))
    deltagande: str = rule(
        Field({"enum": ATTENDANCE}, ", ".join(ATTENDANCE[:-1]) + " eller " + ATTENDANCE[-1], "på plats", required=False),
        default=vocabulary.DEFAULT_ATTENDANCE,
    )
    plats: str | None = rule(
        Field(
            {"anyOf": [SLUG, {"const": UNKNOWN_PLACE}]}, f"id för platsen i data/places.yml, eller {UNKNOWN_PLACE} om källan inte anger den", "nobel-21",
            required=False, refers_to="plats", also_allowed=(UNKNOWN_PLACE,),
        )
    )  # None also for okänd: build() reads it as "no place known"
    länk: str | None = rule(Field(URL, URL_MESSAGE + " till mötet på nätet", "https://exempel.se/mote", required=False))
    arrangör: list[str] = rule(Field(TEXTS, "en lista med arrangörer", "[Malmöandan, Malmö Ideella]", required=False), factory=list)
    partner: list[str] = rule(Field(TEXTS, "en lista med samarbetspartner", "[Region Skåne]", required=False), factory=list)
    anmälan: str | None = rule(Field(URL, URL_MESSAGE + " till anmälan", "https://exempel.se/anmalan", required=False))
    anmälan_senast: date | None = rule(Field(DAY, "sista dag för anmälan som ÅÅÅÅ-MM-DD", '"2026-03-05"', required=False))
    status: str = rule(Field({"enum": STATUSES}, ", ".join(STATUSES[:-1]) + " eller " + STATUSES[-1], "planerad", required=False), default="planerad")
    ändringar: list[Change] = rule(
        Field(
            records(["datum", "text"], {"datum": DAY, "text": TEXT}, min_items=1),
            "en lista med ändringar, var och en med datum (ÅÅÅÅ-MM-DD) och text",
            '[{datum: "2026-02-20", text: "Flyttat från 12 mars."}]',
            required=False,
        ),
        factory=list,
    )
    språk: list[str] = rule(Field(TEXTS, "en lista med språk", "[svenska, engelska]", required=False), factory=list)  # not given: not shown (no source says)
    tolkning: str | None = rule(Field(TEXT, "vilken tolkning som finns", "Teckenspråkstolk", required=False, check=editor_text.one_line(200)))
    fokusområde: str | None = rule(
        Field(SLUG, "id för fokusområdet i data/focus_areas.yml", "jamlik-halsa-2023", required=False, refers_to="fokusområde")
    )
    dokumentation: list[dict[str, str]] = rule(
        Field(
            records(["titel", "länk"], {"titel": TEXT, "länk": URL}, min_items=1),
            "en lista med titel och länk (https://…) till inspelning eller rapport",
            '[{titel: "Inspelning", länk: "https://exempel.se/film"}]',
            required=False,
        ),
        factory=list,
    )
    deltagare: int | None = rule(Field({"type": "integer", "minimum": 0}, "antal deltagare som ett heltal, 0 eller mer", "50", required=False))
    betyg: float | None = rule(
        Field(
            {"type": "number", "minimum": 1, "maximum": vocabulary.RATING_SCALE},
            f"genomsnittligt betyg på skalan 1–{vocabulary.RATING_SCALE}, med punkt som decimaltecken", "4.3", required=False,
        )
    )
    källa: str | None = rule(Field(SLUG, "id för källan i data/sources.yml", "ks-2024-09-11-221", required=False, refers_to="källa"))
    citat: Quotes | None = rule(Field(QUOTES, QUOTES_MESSAGE, QUOTES_EXAMPLE, required=False))  # checked in provenance.check, as data's

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def ends(self) -> datetime:
        """The instant the event is over: for a whole-day event, midnight after its last day."""
        if isinstance(self.start, datetime):  # not all day
            return self.slut if isinstance(self.slut, datetime) else self.start
        last = self.slut or self.start
        return datetime.combine(last + timedelta(days=1), time(0), tzinfo=STOCKHOLM)

    @property
    def begins(self) -> datetime:
        return self.start if isinstance(self.start, datetime) else datetime.combine(self.start, time(0), tzinfo=STOCKHOLM)

    @property
    def attendance(self) -> vocabulary.AttendanceMode:
        """How one takes part, from the vocabulary: whether there is a place, a link or both."""
        return vocabulary.by_value(vocabulary.ATTENDANCE_MODES)[self.deltagande]

    @property
    def state(self) -> vocabulary.EventStatus:
        """The status's record in the vocabulary: its label, notice and class for the pages."""
        return vocabulary.by_value(vocabulary.EVENT_STATUSES)[self.status]

    @property
    def sequence(self) -> int:
        """ICS SEQUENCE: one more for every recorded change, so calendars replace the old version."""
        return len(self.ändringar)

    @property
    def url_path(self) -> str:
        """The page's address below the site root: kalender/evenemang/2026/2026-03-12-…/"""
        return links.page_address(self.src_uri)


EVENT_FIELDS = table(Event)  # the rules of an event file's fields, for check_record and the messages


def stray_files(root: Path) -> list[Problem]:
    """Files in the events folder that would not become events: saved without .md (MkDocs would
    publish them as raw text), other kinds of files, and folders that are not a year."""
    folder = root / EVENTS_DIR
    if not folder.is_dir():
        return []
    problems = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(root).as_posix()
        inside = path.relative_to(folder).parts
        if path.is_dir():
            if len(inside) > 1 or not re.fullmatch(r"[0-9]{4}", path.name):
                problems.append(Problem(relative, 1, f"mappen {path.name} hör inte hemma här; evenemangen ligger i en mapp per år, som kalender/evenemang/2026/"))
        elif path.suffix != ".md" and path.name != ".gitkeep":
            if path.suffix.lower() == ".md" or path.name.lower().endswith(".md.txt"):
                right = path.name[: path.name.lower().index(".md")] + ".md"
                problems.append(Problem(relative, 1, f"filen ska sluta på .md med små bokstäver, så evenemanget kommer med i kalendern; byt namn till {right}"))
            elif path.suffix == "" or FILE_NAME.match(path.name + ".md"):
                problems.append(Problem(relative, 1, f"filnamnet saknar .md i slutet, så evenemanget kommer inte med i kalendern; byt namn till {path.stem}.md"))
            else:
                problems.append(Problem(relative, 1, inventory.refusal(relative)))
    return problems


def event_files(root: Path) -> list[Path]:
    folder = root / EVENTS_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.md") if p.name != TEMPLATE_NAME)


@names_its_files
def check(root: Path, known: Known) -> tuple[list[Problem], list[tuple[DataFile, str, str]]]:
    """Every problem in the event files; also the parsed files, for ``build``.

    ``known`` maps reference fields to the ids that exist: {"plats": [...], "källa": [...],
    "fokusområde": [...]}.
    """
    problems: list[Problem] = stray_files(root)
    parsed = []
    seen: dict[str, str] = {}
    ids: dict[str, str] = {}  # event id -> the first file that has it
    for path in event_files(root):
        relative = path.relative_to(root).as_posix()
        PROCESSING.set(relative)
        text = read_text(path, relative)
        if isinstance(text, Problem):
            problems.append(text)
            continue
        parts = split_front_matter(text)
        if parts is None:
            problems.append(
                front_matter_problem(text, relative)
                or Problem(relative, 1, "filen måste börja med fälten mellan två rader med tre bindestreck (---); utgå från kalender/evenemang/_mall.md")
            )
            continue
        front, body = parts
        source = parse(front, relative, first_line=2)
        problems += source.problems
        if source.data is None and source.problems:
            continue
        if not isinstance(source.data, dict):
            problems.append(source.problem((), "fälten ska stå som 'namn: värde', ett per rad"))
            continue
        record = source.data
        problems += check_record(source, (), record, EVENT_FIELDS)
        problems += _check_name(path, root, source, record, seen)
        problems += _check_id(source, record, ids)
        problems += _check_rules(source, record, known)
        body_line = front.count("\n") + 4  # ---, the fields, ---, then the text
        problems += editor_text.markdown_problems(body, relative, body_line)
        for number, line in enumerate(body.split("\n"), start=body_line):
            if editor_text.MACRO_MARK.search(line):
                problems.append(
                    Problem(relative, number, "texten innehåller {{, {% eller {# — makron fungerar inte på evenemangssidor; skriv utan klammerparenteser (ett ankare skrivs { #namn })")
                )
            elif leftover := placeholder_in(line):
                problems.append(Problem(relative, number, f"platshållaren '{leftover}' från mallen står kvar i texten; skriv din egen beskrivning"))
        parsed.append((source, body, path.stem))
    return problems, parsed


def _check_name(path: Path, root: Path, source: DataFile, record: Record, seen: dict[str, str]) -> list[Problem]:
    problems = []
    match = FILE_NAME.match(path.name)
    if not match:
        return [
            source.problem(
                (),
                "filnamnet ska vara ÅÅÅÅ-MM-DD-namn.md med bara a–z, siffror och bindestreck (å och ä blir a, ö blir o), "
                f"till exempel 2026-03-12-malmotimmen-jamlik-halsa.md; nu heter filen {path.name}",
            )
        ]
    stem = path.stem
    if stem in seen:
        problems.append(source.problem((), f"ett annat evenemang har redan namnet {stem} ({seen[stem]}); ge filen ett eget namn"))
    else:
        seen[stem] = source.path
    year_folder = path.parent.name
    if year_folder != match.group(1)[:4]:
        problems.append(
            source.problem((), f"filen ligger i mappen {year_folder} men namnet börjar med {match.group(1)}; flytta den till kalender/evenemang/{match.group(1)[:4]}/")
        )
    start = record.get("start")
    try:
        parse_when(start)  # type: ignore[arg-type]  # anything an editor wrote: what fails is reported
    except (TypeError, ValueError):
        start = None  # a start that does not parse is reported by its own format
    if isinstance(start, str) and not placeholder_in(start) and not start.startswith(match.group(1)):
        problems.append(
            source.problem(("start",), f"start ({start}) är inte samma dag som datumet i filnamnet ({match.group(1)}); rätta start eller byt namn på filen")
        )
    return problems


def _check_id(source: DataFile, record: Record, ids: dict[str, str]) -> list[Problem]:
    """Every event has an id, and no two events the same: they would be one event to every
    calendar that subscribes."""
    event_id = record.get("id")
    if "id" not in record:
        return [
            source.problem(
                (),
                f"fältet 'id' saknas. Har det tagits bort, skriv tillbaka det gamla (filens historik på GitHub visar det), så "
                f"känner kalenderprogrammen igen evenemanget; är evenemanget nytt, skriv  id: {suggested_id(source.path)}",
            )
        ]
    if not isinstance(event_id, str) or placeholder_in(event_id):
        return []
    if event_id not in ids:
        ids[event_id] = source.path
        return []
    return [
        source.problem(
            ("id",),
            f"id: {event_id} står redan i {ids[event_id]}; två evenemang kan inte ha samma id. Är den här filen en kopia "
            f"av den andra, ge den ett nytt id:  id: {suggested_id(source.path)}  (ett flyttat evenemang behåller sitt)",
        )
    ]


def _check_rules(source: DataFile, record: Record, known: Known) -> list[Problem]:
    """The rules that tie fields together, for fields that have the right form."""
    problems = []

    def problem(key: str, message: str) -> None:
        problems.append(source.problem((key,), f"{key}: {message}"))

    def when(key: str) -> datetime | date | None:
        """The parsed value, or None when the field is missing or wrong (reported by its format)."""
        try:
            return parse_when(record[key]) if isinstance(record.get(key), str) else None
        except ValueError:
            return None

    start, end = when("start"), when("slut")
    if start is not None and end is not None:
        if isinstance(start, datetime) != isinstance(end, datetime):
            problem("slut", 'skriv slut i samma form som start: båda med klockslag ("ÅÅÅÅ-MM-DD TT:MM") eller båda som datum')
        elif end < start or (isinstance(end, datetime) and end == start):
            example = f'"{record["start"][:10]} {(start + timedelta(hours=1)).strftime("%H:%M")}"' if isinstance(start, datetime) else f'"{record["start"]}"'
            problem(
                "slut",
                f"slutet ({record['slut']}) kommer före eller samtidigt som starten ({record['start']}). "
                f"Rätta den av dem som är fel; slutar evenemanget samma dag, skriv till exempel  slut: {example}",
            )
    elif isinstance(start, datetime) and "slut" not in record:
        problem("start", f'ett evenemang med klockslag behöver också slut, till exempel  slut: "{record["start"][:10]} 13:00"')
    attendance = record.get("deltagande", vocabulary.DEFAULT_ATTENDANCE)
    mode = vocabulary.by_value(vocabulary.ATTENDANCE_MODES).get(attendance) if isinstance(attendance, str) else None
    if mode is not None and mode.in_person and "plats" not in record:
        problems.append(source.problem((), f"fältet 'plats' saknas: skriv id för platsen i data/places.yml, eller  plats: {UNKNOWN_PLACE}"))
    if mode is not None and mode.online and "länk" not in record:
        problems.append(source.problem(("deltagande",), f"ett evenemang som är {attendance} behöver fältet länk med adressen till mötet"))
    status = record.get("status", "planerad")
    if status in NEEDS_CHANGES and "ändringar" not in record:
        adjective = vocabulary.by_value(vocabulary.EVENT_STATUSES)[status].adjective
        problem("status", f"ett {adjective} evenemang behöver fältet ändringar, som säger vad som ändrades och när")
    try:
        deadline = parse_day(record["anmälan_senast"]) if isinstance(record.get("anmälan_senast"), str) else None
    except ValueError:
        deadline = None  # reported by the field's format
    first_day = start if isinstance(start, date) and not isinstance(start, datetime) else start.date() if start else None
    if deadline is not None and first_day is not None and deadline > first_day:
        problem(
            "anmälan_senast",
            f"sista anmälningsdag ({deadline.isoformat()}) kommer efter att evenemanget har börjat ({first_day.isoformat()}); "
            f'skriv en dag före start, till exempel  anmälan_senast: "{(first_day - timedelta(days=7)).isoformat()}"',
        )
    if ("deltagare" in record or "betyg" in record) and "källa" not in record:
        problems.append(source.problem((), "deltagare och betyg behöver fältet källa, som säger var siffran kommer ifrån"))
    problems += check_references(source, (), record, EVENT_FIELDS, known)
    return problems


@names_its_files
def build(parsed: list[tuple[DataFile, str, str]]) -> list[Event]:
    """Events from files that passed ``check``, sorted by start and name."""
    events = []
    for source, _body, stem in parsed:
        PROCESSING.set(source.path)  # an error while building names this file, not the last one checked
        record = cast(Record, source.data)  # check() passed only files whose fields are a mapping
        fields = dict(record)
        fields["start"] = parse_when(record["start"])
        fields["slut"] = parse_when(record["slut"]) if "slut" in record else None
        if "anmälan_senast" in record:
            fields["anmälan_senast"] = parse_day(record["anmälan_senast"])
        fields["ändringar"] = [{**change, "datum": parse_day(change["datum"])} for change in record.get("ändringar", [])]
        if fields.get("plats") == UNKNOWN_PLACE:
            fields["plats"] = None
        src_uri = Path(source.path).relative_to("docs").as_posix()
        events.append(Event(slug=stem, src_uri=src_uri, path=source.path, **fields))
    return sorted(events, key=lambda e: (e.begins, e.slug))


@dataclass(kw_only=True)
class Place:
    """A place events are held at (data/places.yml)."""

    id: str = rule(Field(SLUG, "ett kort namn med små bokstäver, siffror och bindestreck", "nobel-21"))
    namn: str = rule(Field(TEXT, "platsens namn", "Föreningscentret Nobel 21"))
    adress: str | None = rule(Field(TEXT, "gatuadress", "Nobelvägen 21", required=False))
    ort: str | None = rule(Field(TEXT, "ort", "Malmö", required=False))
    karta: str | None = rule(Field(URL, URL_MESSAGE + " till en karta", "https://www.openstreetmap.org/…", required=False))
    tillgänglighet: str | None = rule(Field(TEXT, "hur det är att ta sig in och runt, med egna ord", '"Entré utan trappsteg."', required=False))
    hörselslinga: bool | None = rule(Field({"type": "boolean"}, "true eller false", "true", required=False))  # None: not known
    stegfritt: bool | None = rule(Field({"type": "boolean"}, "true om det går att komma in utan trappsteg, annars false", "true", required=False))
    källa: str | None = rule(Field(SLUG, "id för källan som nämner platsen, i data/sources.yml", "ks-2024-09-11-221", required=False, refers_to="källa"))
    citat: Quotes | None = rule(Field(QUOTES, QUOTES_MESSAGE, QUOTES_EXAMPLE, required=False))


PLACE_FIELDS = table(Place)


# ---- Where, as readers see it (pages, open data and calendar files alike) -----------------------


def place_text(event: Event, places: dict[str, Place]) -> str | None:
    """The place as one line: "Föreningscentret Nobel 21, Nobelvägen 21, Malmö"."""
    parts = []
    if event.plats:
        place = places[event.plats]
        parts = [place.namn, place.adress, place.ort]
    if event.attendance.online:
        parts.append(f"Digitalt: {event.länk}")
    return ", ".join(p for p in parts if p) or None


def place_line(event: Event, places: dict[str, Place]) -> str:
    """The place as one line, or that it is not known: for event lists and the feed."""
    return place_text(event, places) or "Plats: uppgift saknas"
