"""Loading and validating everything in data/, once per build.

Each data file has a table of fields (see schema.py). ``load`` reads every file, checks every
record and every reference between files, and either returns the content ready for the pages
or raises one ContentError listing every problem in every file.
"""

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from . import editor_text, events, inventory, links, macro_table, page_links, pages_front_matter, provenance, reports, vocabulary
from .dates import PartialDate
from .problems import PROCESSING, ContentError, Problem, names_its_files
from .provenance import QUOTES, QUOTES_BY_NAME, QUOTES_EXAMPLE, QUOTES_MESSAGE
from .schema import DAY, DIARIENUMMER, ID_FILES, PARTIAL_DATE, SLUG, TEXT, Field, check_list, check_record, check_references, duplicates, records
from .yamlfiles import REPORTS_DIR, DataFile, is_template, read

DATE = PARTIAL_DATE
SOURCE_REFS = {"anyOf": [SLUG, {"type": "array", "items": SLUG, "minItems": 1}]}
MONTH = {"type": "integer", "minimum": 1, "maximum": 12}
DECISION_BODIES = [body.value for body in vocabulary.DECISION_BODIES]

# ---- The tables: one per data file ------------------------------------------------------------

SOURCE_FIELDS = {
    "id": Field(SLUG, "ett kort namn med små bokstäver, siffror och bindestreck", "ks-2024-09-11-221"),
    "titel": Field(TEXT, "handlingens titel", '"Tjänsteskrivelse: Årlig rapportering från Malmöandan"'),
    "utgivare": Field(TEXT, "vem som gav ut handlingen", "Stadskontoret, Malmö stad"),
    "datum": Field(DATE, "handlingens datum som ÅÅÅÅ-MM-DD (ÅÅÅÅ-MM eller ÅÅÅÅ om dagen inte står)", '"2020-01-16"'),
    "diarienummer": Field(DIARIENUMMER, "ett diarienummer som STK-ÅÅÅÅ-NNNN", "STK-2019-1569", required=False),
    "beskrivning": Field(TEXT, "en kort beskrivning av vad handlingen innehåller", '"Beslutet och två särskilda yttranden."', required=False),
    "citat": Field(QUOTES, "ett kort citat ur handlingen själv som visar titel, datum eller diarienummer", '"Årlig rapportering från Malmöandan STK-2019-1569"'),
}

DECISION_FIELDS = {
    "id": Field(SLUG, "ett kort namn med små bokstäver, siffror och bindestreck", "ks-2024-03-06-upphavande"),
    "rubrik": Field(TEXT, "vad som beslutades, i några ord, som rubrik på sidan Beslut", '"Samarbetsplanen 2021–2026 upphävs"', check=editor_text.one_line(90)),
    "organ": Field({"enum": DECISION_BODIES}, "vem som beslutade: " + ", ".join(DECISION_BODIES), "kommunstyrelsen"),
    "datum": Field(DATE, "beslutsdagen som ÅÅÅÅ-MM-DD (ÅÅÅÅ-MM eller ÅÅÅÅ om dagen är okänd)", '"2024-03-06"'),
    "paragraf": Field({"type": "integer", "minimum": 1}, "paragrafens nummer i protokollet, bara siffror", "60", required=False),
    "diarienummer": Field(DIARIENUMMER, "ett diarienummer som STK-ÅÅÅÅ-NNNN", "STK-2023-1697", required=False),
    "status": Field({"enum": [s.value for s in vocabulary.DECISION_STATUSES]}, "fattat, eller planerat om källan bara säger när beslutet skulle fattas", "planerat", required=False),
    "beslut": Field(TEXT, "vad som beslutades, i en mening", '"Kommunstyrelsen godkänner årsrapporten för 2023."'),
    "källa": Field(SOURCE_REFS, "id för källan i data/sources.yml (eller en lista med flera)", "ks-2024-09-11-221", refers_to="källa"),
    "anmärkning": Field(TEXT, "vad källorna säger olika om beslutet eller lämnar oklart", '"Källan anger inte diarienummer."', required=False),
    "skickas_till": Field({"type": "array", "minItems": 1, "items": TEXT}, "en lista med dem som beslutet skickas till", "[Malmö Ideella, Fritidsnämnden]", required=False),
    "citat": Field(QUOTES, QUOTES_MESSAGE, QUOTES_EXAMPLE),
}

TIMELINE_FIELDS = {
    "datum": Field(DATE, "dagen som ÅÅÅÅ-MM-DD, eller ÅÅÅÅ-MM / ÅÅÅÅ om källan bara anger månad eller år", '"2019-09"'),
    "rubrik": Field(TEXT, "en kort rubrik", "HISO går i konkurs"),
    "text": Field(TEXT, "en eller två meningar om vad som hände", '"Handikappidrottens samorganisation går i konkurs."'),
    "beslut": Field(SLUG, "id för beslutet i data/decisions.yml", "ks-2024-03-06-upphavande", required=False, refers_to="beslut"),
    "källa": Field(SLUG, "id för källan i data/sources.yml", "tjansteskrivelse-2020-01-16", refers_to="källa"),
    "citat": Field(QUOTES, QUOTES_MESSAGE, QUOTES_EXAMPLE),
}

CYCLE_FIELDS = {
    "månad": Field(MONTH, "månadens nummer, 1 för januari till 12 för december", "10"),
    "till_månad": Field(MONTH, "sista månaden för en period, som nummer", "9", required=False),
    "aktivitet": Field(TEXT, "vad som händer", "Malmöandans dialogforum"),
    "beskrivning": Field(TEXT, "en mening till om aktiviteten", '"Höstens dialogforum."', required=False),
    "källa": Field(SLUG, "id för källan i data/sources.yml", "samarbetsplan-2021-2026", refers_to="källa"),
    "citat": Field(QUOTES, QUOTES_MESSAGE, QUOTES_EXAMPLE),
}

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

PLAN_FIELDS = {
    "id": Field(SLUG, "ett kort namn med små bokstäver, siffror och bindestreck", "plan-2021-2026"),
    "namn": Field(TEXT, "planens namn", "Samarbetsplanen 2021–2026"),
    "källa": Field(SLUG, "id för källan i data/sources.yml", "samarbetsplan-2021-2026", refers_to="källa"),
    "antagen": Field(SLUG, "id för beslutet som antog planen, i data/decisions.yml", "ks-2021-01-13-samarbetsplan", refers_to="beslut"),
    "upphävd": Field(SLUG, "id för beslutet som upphävde planen", "ks-2024-03-06-upphavande", required=False, refers_to="beslut"),
    "tal": Field(
        {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
        "namngivna tal, ett per rad som 'namn: tal' (heltal, inte negativa)",
        "{styrgrupp_ledamöter: 8}",
    ),
    "utmaningar": Field(
        records(["namn", "citat"], {"namn": TEXT, "idéburen_värd": TEXT, "stadens_värd": TEXT, "citat": QUOTES}),
        "en lista med utmaningar, var och en med namn, citat och ev. idéburen_värd och stadens_värd",
        '[{namn: Ungas hälsa och livsstil, idéburen_värd: ZigZag förening, citat: "Ungas hälsa och livsstil (ZigZag förening)."}]',
        required=False,
    ),
    "citat": Field(QUOTES_BY_NAME, "ett citat ur källan för varje tal under tal:, med talets namn", '{styrgrupp_ledamöter: "Styrgruppen består av totalt åtta personer"}'),
}

PLACE_FIELDS = {
    "id": Field(SLUG, "ett kort namn med små bokstäver, siffror och bindestreck", "nobel-21"),
    "namn": Field(TEXT, "platsens namn", "Föreningscentret Nobel 21"),
    "adress": Field(TEXT, "gatuadress", "Nobelvägen 21", required=False),
    "ort": Field(TEXT, "ort", "Malmö", required=False),
    "karta": Field(events.URL, events.URL_MESSAGE + " till en karta", "https://www.openstreetmap.org/…", required=False),
    "tillgänglighet": Field(TEXT, "hur det är att ta sig in och runt, med egna ord", '"Entré utan trappsteg."', required=False),
    "hörselslinga": Field({"type": "boolean"}, "true eller false", "true", required=False),
    "stegfritt": Field({"type": "boolean"}, "true om det går att komma in utan trappsteg, annars false", "true", required=False),
    "källa": Field(SLUG, "id för källan som nämner platsen, i data/sources.yml", "ks-2024-09-11-221", required=False, refers_to="källa"),
    "citat": Field(QUOTES, QUOTES_MESSAGE, QUOTES_EXAMPLE, required=False),
}

FOCUS_FIELDS = {
    "id": Field(SLUG, "ett kort namn med små bokstäver, siffror och bindestreck", "jamlik-halsa-2023"),
    "år": Field({"type": "integer", "minimum": 2017, "maximum": 2100}, "året som fokusområdet gällde", "2023"),
    "namn": Field(TEXT, "fokusområdets namn", '"Jämlik hälsa"'),
    "beslut": Field(SLUG, "id för styrgruppens beslut i data/decisions.yml", "styrgruppen-2022-11-fokus-2023", required=False, refers_to="beslut"),
    "källa": Field(SLUG, "id för källan i data/sources.yml", "ks-2024-09-11-221", refers_to="källa"),
    "citat": Field(QUOTES, QUOTES_MESSAGE, QUOTES_EXAMPLE),
}

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
class Source:
    id: str
    titel: str
    utgivare: str
    datum: PartialDate
    diarienummer: str | None = None
    beskrivning: str | None = None
    citat: object = None


@dataclass
class Decision:
    id: str
    rubrik: str  # what was decided, in a few words: the heading on Beslut
    organ: str
    datum: PartialDate
    beslut: str
    källor: list
    paragraf: int | None = None
    diarienummer: str | None = None
    status: str = vocabulary.DEFAULT_DECISION_STATUS
    anmärkning: str | None = None
    skickas_till: list = field(default_factory=list)
    citat: object = None

    @property
    def state(self) -> vocabulary.DecisionStatus:
        """The status's record in the vocabulary: whether the decision was only planned."""
        return vocabulary.by_value(vocabulary.DECISION_STATUSES)[self.status]


@dataclass
class TimelineEntry:
    datum: PartialDate
    rubrik: str
    text: str
    källa: str
    beslut: str | None = None
    citat: object = None


@dataclass
class CycleItem:
    månad: int
    aktivitet: str
    källa: str
    till_månad: int | None = None
    beskrivning: str | None = None
    citat: object = None


@dataclass
class Plan:
    id: str
    namn: str
    källa: str
    antagen: str
    tal: dict
    upphävd: str | None = None
    utmaningar: list = field(default_factory=list)
    citat: dict = field(default_factory=dict)


@dataclass
class Content:
    sources: dict  # id -> Source, in file order
    decisions: dict  # id -> Decision, in file order
    timeline: list  # TimelineEntry, oldest first
    annual_cycle: list  # CycleItem, in file order
    matrix: dict
    plans: dict  # id -> Plan
    places: dict  # id -> the place's fields
    focus_areas: dict  # id -> the focus area's fields
    events: list  # events.Event, by start
    reports: dict  # year -> the report's fields, oldest first
    indicators: dict  # id -> the indicator's fields, in file order
    survey: dict  # data/survey_2019.yml
    accessibility: dict  # data/accessibility.yml
    contact: dict  # data/kontakt.yml, every field of CONTACT_FIELDS (None where unknown)
    # Every page and event file as the check read it (src_uri -> pages_front_matter.CheckedPage),
    # and the files in docs/ that MkDocs may build or copy (inventory.py): all it is given.
    pages: dict = field(default_factory=dict)
    published: set = field(default_factory=set)


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
    "places.yml": (PLACE_FIELDS, "platser", "list"),
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
    pages: dict  # src_uri -> pages_front_matter.CheckedPage
    published: set  # inventory.Inventory.published


@names_its_files
def _read_all(root: Path) -> tuple[dict[str, DataFile], list[DataFile], list[Problem], list, _Read]:
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


def _ids(source: DataFile | None) -> list | None:
    """The ids in a list file; None when the file is missing or its YAML cannot be read, so that
    references to it are not reported as wrong on top of the file's own problem."""
    if source is None or not isinstance(source.data, list):
        return None
    return [r["id"] for r in source.data if isinstance(r, dict) and isinstance(r.get("id"), str)]


def _check_periods(files: dict) -> list[Problem]:
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


def _build(files: dict, reports_read: list, parsed_events, read: _Read) -> Content:
    def records(name):
        return files[name].data

    sources = {r["id"]: Source(**{**r, "datum": PartialDate.parse(r["datum"])}) for r in records("sources.yml")}
    decisions = {}
    for r in records("decisions.yml"):
        refs = r["källa"] if isinstance(r["källa"], list) else [r["källa"]]
        fields = {k: v for k, v in r.items() if k != "källa"}
        decisions[r["id"]] = Decision(**{**fields, "datum": PartialDate.parse(r["datum"]), "källor": refs})
    timeline = sorted(
        (TimelineEntry(**{**r, "datum": PartialDate.parse(r["datum"])}) for r in records("timeline.yml")),
        key=lambda entry: entry.datum.sort_key,
    )
    annual_cycle = [CycleItem(**r) for r in records("annual_cycle.yml")]
    plans = {r["id"]: Plan(**r) for r in records("plans.yml")}
    places = {r["id"]: r for r in records("places.yml")}
    focus_areas = {r["id"]: r for r in records("focus_areas.yml")}
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
        {r.data["år"]: r.data for r in reports_read},
        {r["id"]: r for r in records("indicators.yml")},
        records("survey_2019.yml"),
        records("accessibility.yml"),
        {name: (records("kontakt.yml") or {}).get(name) for name in CONTACT_FIELDS},
        pages=read.pages,
        published=read.published,
    )
