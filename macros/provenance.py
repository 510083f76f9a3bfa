"""Provenance: every fact in data/ carries a short verbatim quote (``citat:``) from its source,
and the quote must occur in the source's text, data/sources/<id>.txt.

The comparison is exact except for whitespace: runs of spaces, tabs and line breaks count as one
space on both sides, so a quote copied across a line break in the source still matches. A soft
hyphen (U+00AD) is dropped as well, but only when the source text contains one. There is no other
fuzz and no list of exceptions: a changed word, letter or punctuation mark is a problem at the
file and line of the quote.

    citat: "Styrgruppen sammanträder fyra gånger per år."          # one quote
    citat: ["första citatet", "andra citatet"]                      # several
    citat: {styrgrupp_ledamöter: "totalt åtta personer"}            # plans: one per number

No library does this (it is a substring test after normalisation); it is written here.
"""

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import Any

from . import citations
from .editor_text import placeholder_in
from .problems import Problem
from .schema import TEXT
from .yamlfiles import DataFile, read, report_file

SOURCES_DIR = Path("data") / "sources"
MIN_LENGTH = 8  # shorter quotes ("2", "och") would match anywhere and prove nothing
MAX_LENGTH = 400  # the site quotes short passages only
SOFT_HYPHEN = "\u00ad"
_SPACE = re.compile(r"\s+")

# The schema of a citat field (used by the field tables in content.py and reports.py).
QUOTES = {"anyOf": [TEXT, {"type": "array", "minItems": 1, "items": TEXT}]}
QUOTES_BY_NAME = {"type": "object", "minProperties": 1, "additionalProperties": QUOTES}
QUOTES_MESSAGE = "ett kort citat, ordagrant ur källan (eller en lista med flera citat)"
QUOTES_EXAMPLE = '"Styrgruppen sammanträder fyra gånger per år."'


def normalise(text: str, soft_hyphens: bool = False) -> str:
    """Whitespace runs (line breaks too) become one space; soft hyphens go when asked."""
    if soft_hyphens:
        text = text.replace(SOFT_HYPHEN, "")
    return _SPACE.sub(" ", text).strip()


@dataclass
class SourceText:
    """A source's text, normalised once for every quote that is looked up in it."""

    id: str
    text: str
    soft_hyphens: bool

    @classmethod
    def read(cls, path: Path, source_id: str) -> "SourceText":
        raw = path.read_text(encoding="utf-8")
        soft = SOFT_HYPHEN in raw
        return cls(source_id, normalise(raw, soft), soft)

    def contains(self, quote: str) -> bool:
        return normalise(quote, self.soft_hyphens) in self.text

    def matching_start(self, quote: str) -> str:
        """The longest beginning of ``quote`` that the source contains (a hint for the editor)."""
        wanted = normalise(quote, self.soft_hyphens)
        low, high = 0, len(wanted)
        while low < high:  # binary search: containment of a prefix is monotone in its length
            middle = (low + high + 1) // 2
            if wanted[:middle] in self.text:
                low = middle
            else:
                high = middle - 1
        return wanted[:low]


def source_path(source_id: str) -> str:
    return (SOURCES_DIR / f"{source_id}.txt").as_posix()


def load_texts(root: Path, ids: list[str]) -> dict[str, SourceText]:
    """id -> SourceText for every source that has a text file."""
    texts = {}
    for source_id in ids:
        path = root / source_path(source_id)
        if path.is_file():
            texts[source_id] = SourceText.read(path, source_id)
    return texts


# ---- The stored texts, rebuilt from the original documents --------------------------------------


def rebuild(original: str, changes: list[dict[str, Any]]) -> str:
    """The stored text: ``original`` with each change ({rad, spalt, från, till}, line and column
    in the original, from 1 and 0) made. A change whose ``från`` is not at its place is a
    ValueError naming it, so a list that no longer fits its original cannot pass."""
    lines = original.split("\n")
    for change in sorted(changes, key=lambda c: (c["rad"], c["spalt"]), reverse=True):
        row, column, old = change["rad"] - 1, change["spalt"], change["från"]
        if row >= len(lines) or lines[row][column : column + len(old)] != old:
            raise ValueError(f"rad {change['rad']}, spalt {column}: originalet har inte ”{old}” där")
        lines[row] = lines[row][:column] + change["till"] + lines[row][column + len(old) :]
    return "\n".join(lines)


# ---- Where the quotes are ----------------------------------------------------------------------

Location = tuple[str | int, ...]  # keys and positions from the file's top to a value


@dataclass(frozen=True)
class Quote:
    """One quote in a data file: the text, the sources it must come from, and where it stands."""

    text: str
    sources: tuple[str, ...]  # source ids; the quote must occur in one of them
    location: Location  # the path to the quote inside the data file, for its line number
    label: str  # what the quote backs, for readers: "Beslut: …", "Historik: …"


def _sources_of(record: dict[str, Any], inherited: tuple[str, ...]) -> tuple[str, ...]:
    value = record.get("källa", record.get("källor"))
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return tuple(value)
    return inherited


def _label(record: dict[str, Any], fallback: str) -> str:
    for key in ("rubrik", "beslut", "aktivitet", "titel", "namn", "post", "förvaltning", "id"):
        value = record.get(key)
        if isinstance(value, str):
            return value
    return fallback


def quotes_in(data: object, fallback: str, location: Location = (), sources: tuple[str, ...] = ()) -> Iterator[Quote]:
    """Every quote in ``data`` (a parsed data file), with the sources it must come from.

    A record's ``källa`` (or a decision's list of sources) holds for the quotes in it and in
    the records nested inside it, unless a nested record names its own källa.
    """
    if isinstance(data, list):
        for position, item in enumerate(data):
            yield from quotes_in(item, fallback, location + (position,), sources)
        return
    if not isinstance(data, dict):
        return
    sources = _sources_of(data, sources)
    label = _label(data, fallback)
    citat = data.get("citat")
    entries = []
    if isinstance(citat, str):
        entries.append((citat, location + ("citat",)))
    elif isinstance(citat, list):
        entries += [(q, location + ("citat", i)) for i, q in enumerate(citat) if isinstance(q, str)]
    elif isinstance(citat, dict):
        for name, value in citat.items():
            if isinstance(value, str):
                entries.append((value, location + ("citat", name)))
            elif isinstance(value, list):
                entries += [(q, location + ("citat", name, i)) for i, q in enumerate(value) if isinstance(q, str)]
    for text, where in entries:
        yield Quote(text, sources, where, label)
    for key, value in data.items():
        if key != "citat" and isinstance(value, (list, dict)):
            yield from quotes_in(value, label, location + (key,), sources)


# ---- The check -----------------------------------------------------------------------------------


def check(root: Path, files: dict[str, DataFile], reports: list[DataFile], faulty: frozenset[str] | set[str] = frozenset(), events: Sequence[DataFile] = ()) -> list[Problem]:
    """Every quote in the parsed data files ``files`` (name -> DataFile), ``reports`` (the
    annual reports' DataFiles) and ``events`` (the event files' front matter) that does not occur
    in its source's text, and every source without a text; every figure of a cited sentence or a
    data fact its quotes do not carry. ``faulty``: the files with problems already, whose figures
    are compared once they are fixed (a wrong value is then reported once, by its field)."""
    sources_file = files.get("sources.yml") or DataFile("data/sources.yml")  # none: no ids, nothing to check
    ids = [r["id"] for r in sources_file.data if isinstance(r, dict) and isinstance(r.get("id"), str)] if sources_file and isinstance(sources_file.data, list) else []
    texts = load_texts(root, ids)
    problems = []
    for source_id in ids:
        if source_id not in texts and not placeholder_in(source_id):
            record = next(i for i, r in enumerate(sources_file.data if isinstance(sources_file.data, list) else []) if isinstance(r, dict) and r.get("id") == source_id)
            problems.append(
                sources_file.problem(
                    (record, "id"),
                    f"källan {source_id} har ingen text. Lägg handlingens text i {source_path(source_id)}, "
                    "så att citaten ur den kan kontrolleras",
                )
            )
    parsed = list(files.values()) + list(reports) + list(events)
    for source in parsed:
        if source.data is None:
            continue
        data = source.data
        if source is sources_file and isinstance(data, list):  # a source's quotes come from itself
            data = [{**r, "källa": r["id"]} if isinstance(r, dict) and isinstance(r.get("id"), str) else r for r in data]
        for quote in quotes_in(data, source.path):
            problems += _check_quote(source, quote, texts)
    plans = files.get("plans.yml") or DataFile("data/plans.yml")
    for position, plan in enumerate(plans.data if plans and isinstance(plans.data, list) else []):
        if isinstance(plan, dict) and isinstance(plan.get("tal"), dict) and isinstance(plan.get("citat"), dict):
            for name in plan["tal"]:
                if name not in plan["citat"]:
                    problems.append(plans.problem((position, "tal", name), f"talet {name} har inget citat; skriv det under citat:, till exempel  citat: {{{name}: \"…\"}}"))
            for name in plan["citat"]:
                if name not in plan["tal"]:
                    problems.append(plans.problem((position, "citat", name), f"citat: {name} är inget tal under tal:; ta bort citatet eller rätta namnet"))
    decisions = files.get("decisions.yml")
    writers = publishers(sources_file)
    problems += check_pages(root, texts, ids, decision_support(decisions), writers)
    problems += check_data_support({n: f for n, f in files.items() if f.path not in faulty and "data/decisions.yml" not in faulty}, decision_support(decisions), ids, writers)
    problems += [p for event in events if event.path not in faulty for p in check_event_support(event)]
    return problems


def check_event_support(event: DataFile) -> list[Problem]:
    """An event that quotes its source: the quotes carry its first and last day, as a full date,
    or as day and month with the year in another of its quotes (a report's "Den 13–14 november"
    and "hösten 2019")."""
    record = event.data if isinstance(event.data, dict) else {}
    quotes = [q.text for q in quotes_in(record, "")]
    if not quotes:
        return []
    if not record.get("källa"):
        return [event.problem(("citat",), "citatet behöver fältet källa: id för handlingen i data/sources.yml som citatet kommer ur")]
    carried = citations.carried(" ".join(quotes))
    problems = []
    for name in ("start", "slut"):
        day = str(record.get(name) or "")[:10]
        if VALID_DATE.fullmatch(day) and len(day) == 10 and day not in carried and not {day[:4], "--" + day[5:]} <= carried:
            problems.append(event.problem((name,), f"dagen {day} står inte i evenemangets citat. Rätta datumet efter källan, eller citera den mening i källan som anger dagen"))
    return problems


def _number_key(value: object) -> str:
    """A number from data in the normal form citations.figures gives: 4.3 -> "4,3", 8.0 -> "8"."""
    return f"{value:g}".replace(".", ",") if isinstance(value, float) else str(value)


def _letters(text: str) -> str:
    """Only the letters and digits: a recipient is carried by its quote whatever the punctuation
    ("Hälsa-, vård- och omsorgsnämnden" as the list writes it, "Hälsa- vård och …" as a source does)."""
    return "".join(c for c in text.lower() if c.isalnum())


VALID_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")


def check_data_support(files: dict[str, DataFile], decisions: dict[str, str], known: list[str], writers: dict[str, str] | None = None) -> list[Problem]:
    """The figures of the data facts are carried by their quotes: a plan's number by its quote,
    an indicator's value by its quote, a timeline entry's date and the figures and names of its
    text by its quotes, the decision it links to or who wrote its source (``writers``)."""
    problems = []
    plans = files.get("plans.yml") or DataFile("data/plans.yml")
    for position, plan in enumerate(plans.data if plans and isinstance(plans.data, list) else []):
        if not (isinstance(plan, dict) and isinstance(plan.get("tal"), dict) and isinstance(plan.get("citat"), dict)):
            continue
        for name, value in plan["tal"].items():
            quote = plan["citat"].get(name)
            quote = " ".join(quote) if isinstance(quote, list) else quote
            if isinstance(quote, str) and isinstance(value, (int, float)) and value != 1 and _number_key(value) not in citations.carried(quote):
                problems.append(plans.problem((position, "tal", name), f"talet {name}: {value} står inte i dess citat ”{quote}”. Rätta talet efter källan, eller citera den mening som innehåller det"))
    indicators = files.get("indicators.yml") or DataFile("data/indicators.yml")
    for position, indicator in enumerate(indicators.data if indicators and isinstance(indicators.data, list) else []):
        for index, value in enumerate(indicator.get("värden") or [] if isinstance(indicator, dict) else []):
            quote = value.get("citat") if isinstance(value, dict) else None
            quote = " ".join(quote) if isinstance(quote, list) else quote
            if isinstance(quote, str) and isinstance(value.get("värde"), (int, float)) and _number_key(value["värde"]) not in citations.carried(quote):
                problems.append(indicators.problem((position, "värden", index, "värde"), f"värdet {value['värde']} står inte i dess citat ”{quote}”. Rätta värdet efter källan, eller citera den mening som innehåller det"))  # noqa: E501 - one message, one line (found by grep)
    decision_file = files.get("decisions.yml") or DataFile("data/decisions.yml")
    for position, decision in enumerate(decision_file.data if decision_file and isinstance(decision_file.data, list) else []):
        if not isinstance(decision, dict):
            continue
        support = decisions.get(str(decision.get("id")), "")
        for field_name in ("rubrik", "beslut"):  # what was decided: its figures and bodies are the decision's own
            for shown in [f.shown for f in citations.unsupported(str(decision.get(field_name, "")), support)] + citations.unnamed(str(decision.get(field_name, "")), support):
                problems.append(decision_file.problem((position, field_name), f"”{shown}” står inte i beslutets citat, datum, organ eller diarienummer. Rätta uppgiften efter källan, eller citera den mening i källan som innehåller den"))  # noqa: E501 - one message, one line (found by grep)
        quoted = _letters(" ".join(q.text for q in quotes_in(decision, "")))
        for index, recipient in enumerate(decision.get("skickas_till") or []):
            if isinstance(recipient, str) and _letters(recipient) not in quoted:
                problems.append(decision_file.problem((position, "skickas_till", index), f"mottagaren ”{recipient}” står inte i beslutets citat. Citera listan i källan där mottagaren står"))
    timeline = files.get("timeline.yml") or DataFile("data/timeline.yml")
    for position, entry in enumerate(timeline.data if timeline and isinstance(timeline.data, list) else []):
        if not isinstance(entry, dict) or not VALID_DATE.fullmatch(str(entry.get("datum"))) or not all(s in known for s in _sources_of(entry, ())):
            continue  # a wrong date or an unknown source is reported by the field table, once
        quotes = [q.text for q in quotes_in(entry, "")]
        support = " ".join(quotes + [decisions.get(str(entry.get("beslut")), "")])
        named = support + " " + (writers or {}).get(str(entry.get("källa")), "")  # who wrote the source carries a name, never a figure
        carried = citations.carried(support)
        missing = [("datum", entry["datum"])] if isinstance(entry.get("datum"), str) and entry["datum"] not in carried else []
        missing += [("text", f.shown) for k in ("rubrik", "text") for f in citations.unsupported(str(entry.get(k, "")), support)]
        missing += [("text", name) for k in ("rubrik", "text") for name in citations.unnamed(str(entry.get(k, "")), named)]
        for field_name, shown in missing:
            problems.append(timeline.problem((position, field_name), f"”{shown}” står inte i händelsens citat eller i beslutet den länkar till. Rätta uppgiften efter källan, eller citera den mening i källan som innehåller den"))  # noqa: E501 - one message, one line (found by grep)
    return problems


def _check_quote(source: DataFile, quote: Quote, texts: dict[str, SourceText]) -> list[Problem]:
    return [source.problem(quote.location, message) for message in quote_problems(quote.text, quote.sources, texts)]


def quote_problems(quote: str, sources: tuple[str, ...], texts: dict[str, SourceText]) -> list[str]:
    """What is wrong with ``quote``, which must occur in one of ``sources``: the messages."""
    if placeholder_in(quote):
        return []  # the field table already says the template's placeholder is left
    shown = normalise(quote)
    if len(shown) < MIN_LENGTH:
        return [f"citatet ”{shown}” är för kort för att visa något; citera minst {MIN_LENGTH} tecken ur källan, till exempel hela meningen"]
    if len(shown) > MAX_LENGTH:
        return [f"citatet är {len(shown)} tecken långt; webbplatsen citerar bara korta stycken (högst {MAX_LENGTH} tecken). Korta citatet till det som styrker uppgiften"]
    candidates = [texts[s] for s in sources if s in texts]
    if not candidates or len(candidates) < len(sources) or any(text.contains(quote) for text in candidates):
        return []  # an unknown source or one without text (the quote may be in it) is reported elsewhere, once
    if len(candidates) == 1:
        where = f"källan {candidates[0].id} ({source_path(candidates[0].id)})"
    else:
        where = "någon av källorna " + ", ".join(f"{t.id} ({source_path(t.id)})" for t in candidates)
    start = max((t.matching_start(quote) for t in candidates), key=len)
    hint = f" Texten stämmer med källan fram till: ”{start}”." if len(start) >= MIN_LENGTH else " Inte ens början av citatet finns i källan."
    return [
        f"citatet finns inte i {where}. Kopiera citatet ordagrant ur källan: varje ord och tecken "
        f"ska stämma, men radbrytningar och extra mellanslag spelar ingen roll.{hint}"
    ]


# ---- The prose: footnote citations in the pages (macros/citations.py) ----------------------------


def publishers(sources: DataFile | None) -> dict[str, str]:
    """source id -> who wrote it, as its record says (utgivare, beskrivning): a sentence that
    says "enligt stadskontoret" is carried by a quote from stadskontoret's own document."""
    records = sources.data if sources and isinstance(sources.data, list) else []
    return {r["id"]: f"{r.get('utgivare', '')} {r.get('beskrivning', '')}" for r in records if isinstance(r, dict) and isinstance(r.get("id"), str)}


def claim_support(quoted: list[citations.Citation], linked: tuple[str, ...], decisions: dict[str, str], writers: dict[str, str]) -> str:
    """What carries a cited sentence: its quotes, the decisions it links and who wrote its sources
    (``writers``: for its names only; pass {} for its figures)."""
    return " ".join([c.quote for c in quoted] + [decisions.get(d, "") for d in linked] + [writers.get(c.source, "") for c in quoted])


def decision_support(decisions: DataFile | None) -> dict[str, str]:
    """decision id -> what the decision itself carries: its date, body, paragraph, diarienummer and quotes."""
    found = {}
    for record in decisions.data if decisions and isinstance(decisions.data, list) else []:
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            quotes = [q.text for q in quotes_in(record, "")]
            found[record["id"]] = " ".join([str(record.get("datum", "")), str(record.get("organ", "")), f"§ {record.get('paragraf', '')}", str(record.get("diarienummer") or "")] + quotes)
    return found


def page_citations(path: Path, relative: str) -> citations.Page | None:
    """The citations of one page, or None when it has none (no footnote, no linked decision)."""
    text = path.read_text(encoding="utf-8")
    return citations.read(text, relative) if "[^" in text or citations.DECISION_CALL.search(text) else None


def check_pages(root: Path, texts: dict[str, SourceText], known_sources: list[str], decisions: dict[str, str], writers: dict[str, str] | None = None) -> list[Problem]:
    """Every page's footnote citations: each names a known source and quotes it verbatim, and
    every figure and named body of each cited sentence is carried by its quotes, by a decision it
    links or, for a body, by who wrote a source it cites (``writers``: "enligt stadskontoret")."""
    problems = []
    for path in sorted((root / "docs").rglob("*.md")) if (root / "docs").is_dir() else []:
        relative = path.relative_to(root).as_posix()
        page = page_citations(path, relative)
        if page is None:
            continue
        problems += page.problems
        for citation in page.citations.values():
            if citation.source not in known_sources:
                close = difflib.get_close_matches(citation.source, known_sources, n=1)
                hint = f" Menade du {close[0]}?" if close else ""
                problems.append(Problem(relative, citation.line, f"fotnoten [^{citation.key}] citerar källan {citation.source}, som inte finns i data/sources.yml.{hint}"))
                continue
            problems += [Problem(relative, citation.line, f"fotnoten [^{citation.key}]: {m}") for m in quote_problems(citation.quote, (citation.source,), texts)]
        for claim in page.claims:
            quoted = [page.citations[k] for k in claim.keys if k in page.citations]
            support = claim_support(quoted, claim.decisions, decisions, {})
            names = claim_support(quoted, claim.decisions, decisions, writers or {})
            named = ", ".join(f"[^{c.key}]" for c in quoted)
            where = (f"citatet ({named})" + (" eller i beslutet den länkar till" if claim.decisions else "")) if quoted else "beslutet den länkar till"
            for figure in citations.unsupported(claim.sentence, support):
                problems.append(Problem(relative, claim.line, f"”{figure.shown}” i meningen står inte i {where}. Rätta uppgiften efter källan, eller citera den mening i källan som innehåller den"))
            for name in citations.unnamed(claim.sentence, names):
                problems.append(Problem(relative, claim.line, f"namnet ”{name}” i meningen står inte i {where}. Rätta namnet efter källan, eller citera den mening i källan som nämner det"))
    return problems


# ---- For readers: the quotes behind the facts on a page ----------------------------------------


def _plain(value: object) -> object:
    """Dataclasses (Decision, TimelineEntry, …) as dicts, so one walker serves all content."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def by_file(content: Any) -> dict[str, list[Quote]]:  # content: content.Content (a layer above would be a cycle)
    """data file -> its quotes, from the loaded content (see content.Content)."""
    parts = {
        "data/sources.yml": list(content.sources.values()),
        "data/decisions.yml": list(content.decisions.values()),
        "data/timeline.yml": content.timeline,
        "data/annual_cycle.yml": content.annual_cycle,
        "data/participation_matrix.yml": content.matrix,
        "data/plans.yml": list(content.plans.values()),
        "data/focus_areas.yml": list(content.focus_areas.values()),
        "data/indicators.yml": list(content.indicators.values()),
        "data/survey_2019.yml": content.survey,
    }
    for year, report in content.reports.items():
        parts[report_file(year)] = report
    labels = {
        "data/participation_matrix.yml": "matrisen för deltagande",
        "data/survey_2019.yml": "kartläggningen 2019",
        **{report_file(year): f"årsrapporten {year}" for year in content.reports},
    }
    result = {}
    for name, data in parts.items():
        plain = _plain(data)
        if name == "data/sources.yml" and isinstance(plain, list):  # a source's own quotes come from the source itself
            plain = [{**r, "källa": r["id"]} for r in plain]
        result[name] = list(quotes_in(plain, labels.get(name, name)))
    return result


def source_of(quote: Quote, texts: dict[str, SourceText]) -> str | None:
    """The source whose text holds ``quote`` (a decision's quote may come from any of its sources)."""
    return next((s for s in quote.sources if s in texts and texts[s].contains(quote.text)), None)


def shown(index: dict[str, list[Quote]], name: str, prefix: Location = ()) -> list[Quote]:
    """The quotes of data file ``name`` whose place in the file begins with ``prefix``: a record
    (its position), or a part of it ((position, "citat", "styrgrupp_ledamöter"))."""
    return [q for q in index.get(name, []) if q.location[: len(prefix)] == prefix]


# ---- For an editor reviewing a page: ./dev check --kallor docs/sida.md -----------------------------


def report(root: Path, page_path: str) -> list[str]:
    """The page's cited sentences, each with its quotes and, per figure, what carries it."""
    relative = Path(page_path).as_posix().removeprefix("./")
    path = root / relative
    if not path.is_file():
        return [f"{relative}: sidan finns inte"]
    page = page_citations(path, relative)
    if page is None or not page.claims:
        return [f"{relative}: sidan har inga fotnoter med källor ([^nyckel])"]
    decisions = decision_support(read(root / "data" / "decisions.yml", root))
    writers = publishers(read(root / "data" / "sources.yml", root))
    lines = []
    for claim in page.claims:
        quoted = [page.citations[k] for k in claim.keys if k in page.citations]
        carried = citations.carried(claim_support(quoted, claim.decisions, decisions, {}))
        lines.append(f"{relative}:{claim.line}: {citations.readable(claim.sentence)}")
        for citation in quoted:
            lines.append(f"    [^{citation.key}] {citation.source}: ”{citation.quote}”")
        for decision in claim.decisions:
            lines.append(f"    beslut {decision}")
        for figure in citations.figures(citations.claim_text(claim.sentence)):
            lines.append(f"    {'stöds' if figure.key in carried else 'STÖDS INTE'}: {figure.shown}")
        named = citations.bodies(claim_support(quoted, claim.decisions, decisions, writers))
        for name in citations.bodies(citations.claim_text(claim.sentence)):
            lines.append(f"    {'stöds' if name in named else 'STÖDS INTE'}: {name}")
    return lines


def main_report(root: Path, page_path: str) -> int:
    lines = report(root, page_path)
    print("\n".join(lines))
    return 1 if any("STÖDS INTE" in line for line in lines) else 0
