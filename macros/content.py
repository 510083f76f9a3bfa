"""Loading and validating everything in data/, once per build.

Each data file has a table of fields (see schema.py). ``load`` reads every file, checks every
record and every reference between files, and either returns the content ready for the pages
or raises one ContentError listing every problem in every file.
"""

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from . import editor_text, events, inventory, links, macro_table, number_words, page_links, pages_front_matter, provenance, reports, vocabulary
from .dates import PartialDate
from .problems import PROCESSING, ContentError, Problem, names_its_files
from .provenance import QUOTES, QUOTES_BY_NAME, QUOTES_EXAMPLE, QUOTES_MESSAGE
from .reports import Indicator, Report, Survey
from .schema import DAY, DIARIENUMMER, ID_FILES, PARTIAL_DATE, SLUG, TEXT, Field, Quotes, check_list, check_record, check_references, duplicates, make, records, rule, table
from .yamlfiles import REPORTS_DIR, DataFile, Record, is_template, read

DATE = PARTIAL_DATE
SOURCE_REFS = {"anyOf": [SLUG, {"type": "array", "items": SLUG, "minItems": 1}]}
MONTH = {"type": "integer", "minimum": 1, "maximum": 12}
DECISION_BODIES = [body.value for body in vocabulary.DECISION_BODIES]

# ---- The records: one line per field, its type as the pages get it and its rule as the file has
# it (schema.rule); each record's table is made from its lines (schema.table) ---------------------

@dataclass(kw_only=True)
class Source:
    id: str = rule(Field(SLUG, "ett kort namn med små bokstäver, siffror och bindestreck", "ks-2024-09-11-221"))
    titel: str = rule(Field(TEXT, "handlingens titel", '"Tjänsteskrivelse: Årlig rapportering från Malmöandan"'))
    utgivare: str = rule(Field(TEXT, "vem som gav ut handlingen", "Stadskontoret, Malmö stad"))
    datum: PartialDate = rule(Field(DATE, "handlingens datum som ÅÅÅÅ-MM-DD (ÅÅÅÅ-MM eller ÅÅÅÅ om dagen inte står)", '"2020-01-16"'))
    diarienummer: str | None = rule(Field(DIARIENUMMER, "ett diarienummer som STK-ÅÅÅÅ-NNNN", "STK-2019-1569", required=False))
    beskrivning: str | None = rule(
        Field(TEXT, "en kort beskrivning av vad handlingen innehåller", '"Beslutet och två särskilda yttranden."', required=False)
    )
    citat: Quotes = rule(
        Field(QUOTES, "ett kort citat ur handlingen själv som visar titel, datum eller diarienummer", '"Årlig rapportering från Malmöandan STK-2019-1569"')
    )


@dataclass(kw_only=True)
class Decision:
    id: str = rule(Field(SLUG, "ett kort namn med små bokstäver, siffror och bindestreck", "ks-2024-03-06-upphavande"))
    rubrik: str = rule(  # what was decided, in a few words: the heading on Beslut
        Field(TEXT, "vad som beslutades, i några ord, som rubrik på sidan Beslut", '"Samarbetsplanen 2021–2026 upphävs"', check=editor_text.one_line(90))
    )
    organ: str = rule(Field({"enum": DECISION_BODIES}, "vem som beslutade: " + ", ".join(DECISION_BODIES), "kommunstyrelsen"))
    datum: PartialDate = rule(Field(DATE, "beslutsdagen som ÅÅÅÅ-MM-DD (ÅÅÅÅ-MM eller ÅÅÅÅ om dagen är okänd)", '"2024-03-06"'))
    paragraf: int | None = rule(Field({"type": "integer", "minimum": 1}, "paragrafens nummer i protokollet, bara siffror", "60", required=False))
    diarienummer: str | None = rule(Field(DIARIENUMMER, "ett diarienummer som STK-ÅÅÅÅ-NNNN", "STK-2023-1697", required=False))
    status: str = rule(
        Field(
            {"enum": [s.value for s in vocabulary.DECISION_STATUSES]}, "fattat, eller planerat om källan bara säger när beslutet skulle fattas", "planerat",
            required=False,
        ),
        default=vocabulary.DEFAULT_DECISION_STATUS,
    )
    beslut: str = rule(Field(TEXT, "vad som beslutades, i en mening", '"Kommunstyrelsen godkänner årsrapporten för 2023."'))
    källa: list[str] = rule(  # always a list here, though the file may give one id
        Field(SOURCE_REFS, "id för källan i data/sources.yml (eller en lista med flera)", "ks-2024-09-11-221", refers_to="källa")
    )
    anmärkning: str | None = rule(
        Field(TEXT, "vad källorna säger olika om beslutet eller lämnar oklart", '"Källan anger inte diarienummer."', required=False)
    )
    skickas_till: list[str] = rule(
        Field({"type": "array", "minItems": 1, "items": TEXT}, "en lista med dem som beslutet skickas till", "[Malmö Ideella, Fritidsnämnden]", required=False),
        factory=list,
    )
    citat: Quotes = rule(Field(QUOTES, QUOTES_MESSAGE, QUOTES_EXAMPLE))

    @property
    def state(self) -> vocabulary.DecisionStatus:
        """The status's record in the vocabulary: whether the decision was only planned."""
        return vocabulary.by_value(vocabulary.DECISION_STATUSES)[self.status]


@dataclass(kw_only=True)
class TimelineEntry:
    datum: PartialDate = rule(Field(DATE, "dagen som ÅÅÅÅ-MM-DD, eller ÅÅÅÅ-MM / ÅÅÅÅ om källan bara anger månad eller år", '"2019-09"'))
    rubrik: str = rule(Field(TEXT, "en kort rubrik", "HISO går i konkurs"))
    text: str = rule(Field(TEXT, "en eller två meningar om vad som hände", '"Handikappidrottens samorganisation går i konkurs."'))
    beslut: str | None = rule(Field(SLUG, "id för beslutet i data/decisions.yml", "ks-2024-03-06-upphavande", required=False, refers_to="beslut"))
    källa: str = rule(Field(SLUG, "id för källan i data/sources.yml", "tjansteskrivelse-2020-01-16", refers_to="källa"))
    citat: Quotes = rule(Field(QUOTES, QUOTES_MESSAGE, QUOTES_EXAMPLE))


@dataclass(kw_only=True)
class CycleItem:
    månad: int = rule(Field(MONTH, "månadens nummer, 1 för januari till 12 för december", "10"))
    till_månad: int | None = rule(Field(MONTH, "sista månaden för en period, som nummer", "9", required=False))
    aktivitet: str = rule(Field(TEXT, "vad som händer", "Malmöandans dialogforum"))
    beskrivning: str | None = rule(Field(TEXT, "en mening till om aktiviteten", '"Höstens dialogforum."', required=False))
    källa: str = rule(Field(SLUG, "id för källan i data/sources.yml", "samarbetsplan-2021-2026", refers_to="källa"))
    citat: Quotes = rule(Field(QUOTES, QUOTES_MESSAGE, QUOTES_EXAMPLE))


@dataclass(kw_only=True)
class Plan:
    id: str = rule(Field(SLUG, "ett kort namn med små bokstäver, siffror och bindestreck", "plan-2021-2026"))
    namn: str = rule(Field(TEXT, "planens namn", "Samarbetsplanen 2021–2026"))
    källa: str = rule(Field(SLUG, "id för källan i data/sources.yml", "samarbetsplan-2021-2026", refers_to="källa"))
    antagen: str = rule(Field(SLUG, "id för beslutet som antog planen, i data/decisions.yml", "ks-2021-01-13-samarbetsplan", refers_to="beslut"))
    upphävd: str | None = rule(Field(SLUG, "id för beslutet som upphävde planen", "ks-2024-03-06-upphavande", required=False, refers_to="beslut"))
    tal: dict[str, int] = rule(
        Field(
            {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
            "namngivna tal, ett per rad som 'namn: tal' (heltal, inte negativa)",
            "{styrgrupp_ledamöter: 8}",
        )
    )
    utmaningar: list[dict[str, Quotes]] = rule(
        Field(
            records(["namn", "citat"], {"namn": TEXT, "idéburen_värd": TEXT, "stadens_värd": TEXT, "citat": QUOTES}),
            "en lista med utmaningar, var och en med namn, citat och ev. idéburen_värd och stadens_värd",
            '[{namn: Ungas hälsa och livsstil, idéburen_värd: ZigZag förening, citat: "Ungas hälsa och livsstil (ZigZag förening)."}]',
            required=False,
        ),
        factory=list,
    )
    citat: dict[str, Quotes] = rule(
        Field(QUOTES_BY_NAME, "ett citat ur källan för varje tal under tal:, med talets namn", '{styrgrupp_ledamöter: "Styrgruppen består av totalt åtta personer"}')
    )


SOURCE_FIELDS = table(Source)
DECISION_FIELDS = table(Decision)
TIMELINE_FIELDS = table(TimelineEntry)
CYCLE_FIELDS = table(CycleItem)
PLAN_FIELDS = table(Plan)

# ---- The other data files' tables --------------------------------------------------------------

MATRIX_FIELDS = {
    "källa": Field(SLUG, "id för källan i data/sources.yml", "samarbetsplan-2021-2026", refers_to="källa"),
    "nivåer": Field(
        records(["namn", "malmöandan"], {"namn": TEXT, "beskrivning": TEXT, "malmöandan": {"type": "boolean"}}, min_items=1),
        "en lista med nivåer, var och en med namn, malmöandan (true eller false) och ev. beskrivning",
        "[{namn: Dialog, malmöandan: true}]",
    ),
    "steg": Field({"type": "array", "minItems": 1, "items": TEXT}, "en lista med stegen i beslutsprocessen", "[Formulering, Beslut]"),
    "citat": Field(QUOTES, QUOTES_MESSAGE, QUOTES_EXAMPLE),
}

@dataclass(kw_only=True)
class FocusArea:
    id: str = rule(Field(SLUG, "ett kort namn med små bokstäver, siffror och bindestreck", "jamlik-halsa-2023"))
    år: int = rule(Field({"type": "integer", "minimum": 2017, "maximum": 2100}, "året som fokusområdet gällde", "2023"))
    namn: str = rule(Field(TEXT, "fokusområdets namn", '"Jämlik hälsa"'))
    beslut: str | None = rule(
        Field(SLUG, "id för styrgruppens beslut i data/decisions.yml", "styrgruppen-2022-11-fokus-2023", required=False, refers_to="beslut")
    )
    källa: str = rule(Field(SLUG, "id för källan i data/sources.yml", "ks-2024-09-11-221", refers_to="källa"))
    citat: Quotes = rule(Field(QUOTES, QUOTES_MESSAGE, QUOTES_EXAMPLE))


FOCUS_FIELDS = table(FocusArea)

ACCESSIBILITY_FIELDS = {
    "offentlig_aktör": Field(
        {"anyOf": [TEXT, {"type": "null"}]}, "den offentliga aktör som står bakom webbplatsen, eller null så länge det inte är bekräftat", "null",
        check=editor_text.one_line(120),
    ),
    "tjänst": Field(TEXT, "tjänsten redogörelsen gäller", "Webbplatsen malmoandan.se"),
    "status": Field({"enum": ["helt förenlig", "delvis förenlig", "inte förenlig"]}, "helt förenlig, delvis förenlig eller inte förenlig", "delvis förenlig"),
    "bedömningsdatum": Field(DAY, "dagen för bedömningen som ÅÅÅÅ-MM-DD", '"2026-11-22"'),
    "senast_uppdaterad": Field(DAY, "dagen redogörelsen senast uppdaterades", '"2026-11-22"'),
    "metod": Field(TEXT, "hur tillgängligheten bedömdes", '"Självskattning med automatiska tester."'),
    "brister": Field(
        records(["typ", "beskrivning"], {"typ": {"enum": ["automatisk", "manuell", "granskning"]}, "regel": TEXT, "beskrivning": TEXT, "åtgärd": TEXT}),
        "en lista med kända brister: typ (automatisk, manuell eller granskning), ev. regel, beskrivning och åtgärd",
        '[{typ: manuell, beskrivning: "..."}]',
    ),
    "oskälig_börda": Field({"type": "array", "items": TEXT}, "en lista med innehåll som undantas som oskälig börda, med skäl", "[]"),
    "utanför_lagen": Field({"type": "array", "items": TEXT}, "en lista med innehåll som inte omfattas av lagen", "[]"),
}

# The contact route (data/kontakt.yml, shown by contact.py): null means not yet confirmed.
CONTACT_FIELDS = {
    "bekräftad": Field({"type": "boolean"}, "true när den som äger webbplatsen har bekräftat kontaktvägen, annars false", "false"),
    "ansvarig": Field({"anyOf": [TEXT, {"type": "null"}]}, "vem som tar emot synpunkter, eller null om det inte är bekräftat", "null", check=editor_text.one_line(120)),
    "e_post": Field({"anyOf": [{"type": "string", "pattern": r"^[^@\s<>\"']+@[^@\s<>\"']+\.[a-z]{2,}$"}, {"type": "null"}]}, "en e-postadress, eller null", "synpunkter@exempel.se"),
    "telefon": Field({"anyOf": [{"type": "string", "pattern": r"^\+?[0-9 ()-]{5,20}$"}, {"type": "null"}]}, "ett telefonnummer med siffror, eller null", '"040-00 00 00"'),
    "formulär": Field({"anyOf": [events.URL, {"type": "null"}]}, "adressen till ett webbformulär (https://…), eller null", "https://exempel.se/synpunkter"),
}

# The search's own words (data/sokord.yml, read by macros/search_index.py): a word readers type,
# and the words the pages use for the same thing.
SEARCH_WORD_FIELDS = {
    "söker": Field(TEXT, "ordet som läsare skriver i sökrutan", "värdegrund", check=editor_text.one_line(60)),
    "hittar": Field({"type": "array", "items": TEXT, "minItems": 1}, "en lista med ord som står på sidorna", "[värderingar]"),
}

# ---- What the pages get ------------------------------------------------------------------------


@dataclass
class Content:
    sources: dict[str, Source]  # id -> Source, in file order
    decisions: dict[str, Decision]  # id -> Decision, in file order
    timeline: list[TimelineEntry]  # oldest first
    annual_cycle: list[CycleItem]  # in file order
    matrix: Record
    plans: dict[str, Plan]  # id -> Plan
    places: dict[str, events.Place]  # id -> place, in file order
    focus_areas: dict[str, FocusArea]  # id -> focus area, in file order
    events: list[events.Event]  # by start
    reports: dict[int, Report]  # year -> report, oldest first
    indicators: dict[str, Indicator]  # id -> indicator, in file order
    survey: Survey  # data/survey_2019.yml
    accessibility: Record  # data/accessibility.yml
    contact: dict[str, object]  # data/kontakt.yml, every field of CONTACT_FIELDS (None where unknown)
    # Every page and event file as the check read it (src_uri -> pages_front_matter.CheckedPage),
    # and the files in docs/ that MkDocs may build or copy (inventory.py): all it is given.
    pages: dict[str, pages_front_matter.CheckedPage] = field(default_factory=dict)
    published: set[str] = field(default_factory=set)


# ---- Loading -----------------------------------------------------------------------------------


def load(root: Path) -> Content:
    """Read and check every data file and event file; raise ContentError on any problem."""
    files, reports_read, problems, parsed_events, read = _read_all(root)
    if not problems:
        return _build(files, reports_read, parsed_events, read)
    raise ContentError(problems)


def check(root: Path) -> list[Problem]:
    """Every problem in the data files under ``root/data`` (an empty list when all is well)."""
    return sorted(set(_read_all(root)[2]))


DATA_FILES = {
    # file: (table, what one record is, kind)
    "sources.yml": (SOURCE_FIELDS, "källor", "list"),
    "decisions.yml": (DECISION_FIELDS, "beslut", "list"),
    "timeline.yml": (TIMELINE_FIELDS, "händelser", "list"),
    "annual_cycle.yml": (CYCLE_FIELDS, "aktiviteter i årshjulet", "list"),
    "participation_matrix.yml": (MATRIX_FIELDS, "nivåer och steg", "mapping"),
    "plans.yml": (PLAN_FIELDS, "samarbetsplaner", "list"),
    "places.yml": (events.PLACE_FIELDS, "platser", "list"),
    "focus_areas.yml": (FOCUS_FIELDS, "fokusområden", "list"),
    "indicators.yml": (reports.INDICATOR_FIELDS, "indikatorer", "list"),
    "survey_2019.yml": (reports.SURVEY_FIELDS, "kartläggningens uppgifter", "mapping"),
    "accessibility.yml": (ACCESSIBILITY_FIELDS, "tillgänglighetsredogörelsens uppgifter", "mapping"),
    "kontakt.yml": (CONTACT_FIELDS, "kontaktvägens uppgifter", "mapping"),
    "sokord.yml": (SEARCH_WORD_FIELDS, "sökord", "list"),
}
# Data files a site may leave out: without a synonym list the search takes the words as typed.
OPTIONAL_DATA_FILES = {"sokord.yml"}


def _hand_written_type_pages(root: Path) -> list[Problem]:
    """A file in docs/kalender/typ/ would be silently replaced by the page the build makes of
    the type (generated_pages.py): say so instead."""
    folder = root / "docs" / links.TYPE_PAGES_FOLDER
    return [
        Problem(
            path.relative_to(root).as_posix(),
            0,
            f"sidorna i docs/{links.TYPE_PAGES_FOLDER}/ görs av webbplatsen, en för varje typ i macros/vocabulary.py; "
            "ta bort filen (en ny typ läggs till där, med en rad)",
        )
        for path in (sorted(folder.rglob("*")) if folder.is_dir() else [])
        if path.is_file()
    ]


@dataclass
class _Read:
    pages: dict[str, pages_front_matter.CheckedPage]  # src_uri -> the page as the check read it
    published: set[str]  # inventory.Inventory.published


@names_its_files
def _read_all(root: Path) -> tuple[dict[str, DataFile], list[DataFile], list[Problem], list[tuple[DataFile, str, str]], _Read]:
    """(data file name -> DataFile, the annual reports read, every problem, the events read,
    the pages read and the files to publish)."""
    files: dict[str, DataFile] = {}
    # First the inventory: every file in docs/ and data/ must be one the rules name (inventory.py).
    taken = inventory.take(root)
    problems: list[Problem] = list(taken.problems)
    for name, (fields, what, kind) in DATA_FILES.items():
        PROCESSING.set(f"data/{name}")
        path = root / "data" / name
        if not path.is_file():
            if name not in OPTIONAL_DATA_FILES:
                problems.append(Problem(f"data/{name}", 0, f"filen saknas; den ska innehålla {what}"))
            continue
        source = read(path, root)
        files[name] = source
        problems += source.problems
        if source.data is None and source.problems:
            continue  # the YAML itself does not parse; there are no records to check
        if kind == "list":
            problems += check_list(source, fields, what)
        elif isinstance(source.data, dict):
            problems += check_record(source, (), source.data, fields)
        else:
            problems.append(source.problem((), f"filen ska innehålla fälten {', '.join(fields)}"))
    problems += _stray_data_files(root)
    problems += _hand_written_type_pages(root)
    for id_file in ID_FILES:
        listed = files.get(id_file.path.removeprefix("data/"))
        if listed is not None and isinstance(listed.data, list):
            problems += duplicates(listed, "id", id_file.another)
    problems += _check_periods(files)
    # Every reference between files, by one engine (schema.check_references), from the tables.
    known = {id_file.kind: _ids(files.get(id_file.path.removeprefix("data/"))) for id_file in ID_FILES}
    for name, (fields, _what, kind) in DATA_FILES.items():
        data_file = files.get(name)
        if data_file is None:
            continue
        if kind == "list" and isinstance(data_file.data, list):
            for position, record in enumerate(data_file.data):
                problems += check_references(data_file, (position,), record, fields, known)
        elif kind == "mapping":
            problems += check_references(data_file, (), data_file.data, fields, known)
    event_problems, parsed_events = events.check(root, known)
    ids = {
        **known,
        "typ": list(events.EVENT_TYPES),
        "år": [int(path.stem) for path in reports.report_files(root) if path.stem.isdigit()],
    }
    page_problems, checked_pages = pages_front_matter.check(root, taken.of_kind("sida"), macro_table.MACROS, macro_table.references(ids))
    problems += page_problems
    for source, body, _slug in parsed_events:
        title_problems, checked_pages[source.path.removeprefix("docs/")] = pages_front_matter.event_page(source, body)
        problems += title_problems
    problems += page_links.check(root)
    report_problems, parsed_reports = reports.check_reports(root, known)
    problems += report_problems
    if "indicators.yml" in files:
        problems += reports.check_indicators(files["indicators.yml"], root, parsed_reports)
    event_files = [source for source, _body, _slug in parsed_events]
    problems += provenance.check(root, files, parsed_reports, {p.path for p in problems}, event_files)
    problems += number_words.check_pages(root, checked_pages) + number_words.check_data([*files.values(), *parsed_reports])
    return files, parsed_reports, problems + event_problems, parsed_events, _Read(checked_pages, taken.published())


def _stray_data_files(root: Path) -> list[Problem]:
    """A file in data/ that nothing reads is a mistake (a misspelt name, a copy saved beside the
    original, a report with the wrong name): say so instead of leaving it out in silence."""
    problems: list[Problem] = []
    folder = root / "data"
    if not folder.is_dir():
        return problems
    for path in sorted(folder.iterdir()):
        relative = path.relative_to(root).as_posix()
        if path.is_dir() or is_template(path) or path.name.startswith(".") or path.name in DATA_FILES or path.name == "README.md":
            continue
        close = difflib.get_close_matches(path.name, list(DATA_FILES), n=1)
        hint = f" Menade du data/{close[0]}?" if close else ""
        problems.append(Problem(relative, 1, f"filen används inte av webbplatsen.{hint} Filerna i data/ är: {', '.join(DATA_FILES)}"))
    reports_folder = root / REPORTS_DIR
    for path in sorted(reports_folder.iterdir()) if reports_folder.is_dir() else []:
        if not is_template(path) and not path.name.startswith(".") and not reports.REPORT_NAME.fullmatch(path.name):
            problems.append(Problem(path.relative_to(root).as_posix(), 1, "en årsrapport ska heta ÅÅÅÅ.yml efter sitt år, till exempel data/reports/2023.yml; byt namn på filen"))
    return problems


def _ids(source: DataFile | None) -> list[str] | None:
    """The ids in a list file; None when the file is missing or its YAML cannot be read, so that
    references to it are not reported as wrong on top of the file's own problem."""
    if source is None or not isinstance(source.data, list):
        return None
    return [r["id"] for r in source.data if isinstance(r, dict) and isinstance(r.get("id"), str)]


def _check_periods(files: dict[str, DataFile]) -> list[Problem]:
    """A period in the annual cycle must not end before it starts."""
    problems: list[Problem] = []
    cycle = files.get("annual_cycle.yml")
    if cycle is None:
        return problems
    for position, record in enumerate(cycle.data if isinstance(cycle.data, list) else []):
        if isinstance(record, dict) and isinstance(record.get("månad"), int) and isinstance(record.get("till_månad"), int):
            if record["till_månad"] <= record["månad"]:
                problems.append(
                    cycle.problem(
                        (position, "till_månad"),
                        f"till_månad ({record['till_månad']}) måste vara senare än månad ({record['månad']}); "
                        "ta bort till_månad om aktiviteten bara pågår en månad",
                    )
                )
    return problems


@names_its_files
def _build(files: dict[str, DataFile], reports_read: list[DataFile], parsed_events: list[tuple[DataFile, str, str]], read: _Read) -> Content:
    """The records of every file, each file named while its records are made, so that an
    unexpected error names the file it came from (problems.unexpected)."""

    def records(name: str) -> Any:  # the file's checked data: a list of records or a mapping, as its table says
        PROCESSING.set(f"data/{name}")
        return files[name].data

    def report(source: DataFile) -> Report:
        PROCESSING.set(source.path)
        return make(Report, cast(Record, source.data))  # check_reports passed mappings only

    sources = {r["id"]: Source(**{**r, "datum": PartialDate.parse(r["datum"])}) for r in records("sources.yml")}
    decisions = {}
    for r in records("decisions.yml"):
        refs = r["källa"] if isinstance(r["källa"], list) else [r["källa"]]
        decisions[r["id"]] = Decision(**{**r, "datum": PartialDate.parse(r["datum"]), "källa": refs})
    timeline = sorted(
        (TimelineEntry(**{**r, "datum": PartialDate.parse(r["datum"])}) for r in records("timeline.yml")),
        key=lambda entry: entry.datum.sort_key,
    )
    annual_cycle = [CycleItem(**r) for r in records("annual_cycle.yml")]
    plans = {r["id"]: Plan(**r) for r in records("plans.yml")}
    places = {r["id"]: make(events.Place, r) for r in records("places.yml")}
    focus_areas = {r["id"]: make(FocusArea, r) for r in records("focus_areas.yml")}
    return Content(
        sources,
        decisions,
        timeline,
        annual_cycle,
        records("participation_matrix.yml"),
        plans,
        places,
        focus_areas,
        events.build(parsed_events),
        {made.år: made for made in map(report, reports_read)},
        {r["id"]: make(Indicator, r) for r in records("indicators.yml")},
        make(Survey, records("survey_2019.yml")),
        records("accessibility.yml"),
        {name: (records("kontakt.yml") or {}).get(name) for name in CONTACT_FIELDS},
        pages=read.pages,
        published=read.published,
    )
