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

import re
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path

from .editor_text import placeholder_in
from .problems import Problem
from .schema import TEXT
from .yamlfiles import DataFile, report_file

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


def load_texts(root: Path, ids: list) -> dict:
    """id -> SourceText for every source that has a text file."""
    texts = {}
    for source_id in ids:
        path = root / source_path(source_id)
        if path.is_file():
            texts[source_id] = SourceText.read(path, source_id)
    return texts


# ---- Where the quotes are ----------------------------------------------------------------------


@dataclass(frozen=True)
class Quote:
    """One quote in a data file: the text, the sources it must come from, and where it stands."""

    text: str
    sources: tuple  # source ids; the quote must occur in one of them
    location: tuple  # the path to the quote inside the data file, for its line number
    label: str  # what the quote backs, for readers: "Beslut: …", "Historik: …"


def _sources_of(record: dict, inherited: tuple) -> tuple:
    value = record.get("källa", record.get("källor"))
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return tuple(value)
    return inherited


def _label(record: dict, fallback: str) -> str:
    for key in ("rubrik", "beslut", "aktivitet", "titel", "namn", "post", "förvaltning", "id"):
        if isinstance(record.get(key), str):
            return record[key]
    return fallback


def quotes_in(data, fallback: str, location: tuple = (), sources: tuple = ()):
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


def check(root: Path, files: dict, reports: list) -> list[Problem]:
    """Every quote in the parsed data files ``files`` (name -> DataFile) and ``reports`` (the
    annual reports' DataFiles) that does not occur in its source's text, and every source
    without a text."""
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
    parsed = list(files.values()) + list(reports)
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
    return problems


def _check_quote(source: DataFile, quote: Quote, texts: dict) -> list[Problem]:
    if placeholder_in(quote.text):
        return []  # the field table already says the template's placeholder is left
    shown = normalise(quote.text)
    if len(shown) < MIN_LENGTH:
        return [source.problem(quote.location, f"citatet ”{shown}” är för kort för att visa något; citera minst {MIN_LENGTH} tecken ur källan, till exempel hela meningen")]
    if len(shown) > MAX_LENGTH:
        return [source.problem(quote.location, f"citatet är {len(shown)} tecken långt; webbplatsen citerar bara korta stycken (högst {MAX_LENGTH} tecken). Korta citatet till det som styrker uppgiften")]  # noqa: E501 - one message, one line (found by grep)
    candidates = [texts[s] for s in quote.sources if s in texts]
    if not candidates or any(text.contains(quote.text) for text in candidates):
        return []  # an unknown source or one without text is reported elsewhere, once
    if len(candidates) == 1:
        text = candidates[0]
        where = f"källan {text.id} ({source_path(text.id)})"
    else:
        where = "någon av källorna " + ", ".join(f"{t.id} ({source_path(t.id)})" for t in candidates)
        text = candidates[0]
    start = max((t.matching_start(quote.text) for t in candidates), key=len)
    hint = f" Texten stämmer med källan fram till: ”{start}”." if len(start) >= MIN_LENGTH else " Inte ens början av citatet finns i källan."
    return [
        source.problem(
            quote.location,
            f"citatet finns inte i {where}. Kopiera citatet ordagrant ur källan: varje ord och tecken "
            f"ska stämma, men radbrytningar och extra mellanslag spelar ingen roll.{hint}",
        )
    ]


# ---- For readers: the quotes behind the facts on a page ----------------------------------------


def _plain(value):
    """Dataclasses (Decision, TimelineEntry, …) as dicts, so one walker serves all content."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def by_file(content) -> dict:
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
        if name == "data/sources.yml":  # a source's own quotes come from the source itself
            plain = [{**r, "källa": r["id"]} for r in plain]
        result[name] = list(quotes_in(plain, labels.get(name, name)))
    return result


def for_page(index: dict, texts: dict, data_files, source_ids) -> dict:
    """source id -> the distinct quotes (text, label) from ``data_files`` that cite it.

    ``index`` is by_file() of the build's content, made once; ``texts`` is load_texts(): a
    quote with several possible sources is shown under the one whose text contains it.
    """
    wanted: dict = {}
    for name in data_files:
        for quote in index.get(name, []):
            for source_id in quote.sources:
                if source_id in source_ids and source_id in texts and texts[source_id].contains(quote.text):
                    entry = (normalise(quote.text), quote.label)
                    if entry not in wanted.setdefault(source_id, []):
                        wanted[source_id].append(entry)
    return wanted
