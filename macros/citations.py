"""Citations in a page's prose: a sentence tied to its source by a quote, written as a footnote.

    Kommunstyrelsen godkände planen den 13 januari 2021.[^godkand]

    [^godkand]: ks-2024-09-11-221: "Kommunstyrelsen beslutade den 13 januari 2021"

The definition names the source's id (data/sources.yml) and a quote, verbatim from the source's
text (data/sources/<id>.txt, as for ``citat:`` in data/). Several references may follow one
sentence; one definition may be used by several sentences.

The build turns each reference into a small number after the sentence, the number of its source
in the page's list of sources (``{{ kallor() }}``: numbered in order of first use, each source
with the quotes the page cites). The number is a button that opens the quote in place, with the
HTML popover attribute: no JavaScript, no leaving the page. Facts rendered from data
(``beslut()``, ``fakta()``) get the same reference from their own ``citat:``.

The content check verifies support, not only presence: every figure in the cited sentence (a
number, a number word two to twelve, a date, a diarienummer) must occur in the sentence's quotes
or in a decision the sentence links with ``beslut()``/``beslutsdatum()``, in any of the forms the
sources use ("13 januari 2021", "2021-01-13"). Text in a link (``[planen 2021–2026](…)``) is a
name, not a claim, and is not looked at.

Hand-written: Python-Markdown's footnotes extension renders footnotes at the end of the page,
not in place, and knows nothing of sources; the parsing here is a few regular expressions.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from .problems import Problem
from .templating import render

REFERENCE = re.compile(r"\[\^([\w-]+)\](?!:)")
REFERENCES = re.compile(r"(?:\[\^[\w-]+\](?!:))+")  # one or more references side by side
DEFINITION = re.compile(r"^\[\^([\w-]+)\]:[ \t]*(.*)$")
DEFINITION_BODY = re.compile(r'^(?P<source>[a-z0-9][a-z0-9-]*):[ \t]*"(?P<quote>[^"]+)"[ \t]*$')
DEFINITION_EXAMPLE = '[^nyckel]: ks-2024-09-11-221: "ordagrant citat ur handlingen"'
MACRO_CALL = re.compile(r"\{\{.*?\}\}", re.S)
DECISION_CALL = re.compile(r"""\{\{\s*(?:beslut|beslutsdatum)\(\s*["']([^"']+)["']\s*\)\s*\}\}""")
LINK_TEXT = re.compile(r"\[([^\]]*)\]\([^)]*\)")
LIST_NUMBER = re.compile(r"^\s*\d+[.)](?=\s)", re.M)  # "1." opening an item of a numbered list: not a figure
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ(„”\"])|\n\s*\n|\n\s*(?:[-*+]|\d+\.)\s")

# ---- Figures: the numbers, dates and diarienummer a sentence states ------------------------------

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"]
NUMBER_WORDS = {"två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12}
_MONTH = "|".join(MONTHS)
FIGURE = re.compile(
    r"(?P<dnr>\b[A-ZÅÄÖ]{2,}-\d{4}-\d+\b)"
    r"|(?P<iso>\b\d{4}-\d{2}-\d{2}\b)"
    r"|\b(?:KS|KSAU|KF) (?P<compact>\d{6})\b"
    r"|(?P<date>\b\d{1,2}) (?P<date_month>MONTH)(?: (?P<date_year>\d{4}))?\b"
    r"|\b(?P<month>MONTH) (?P<month_year>\d{4})\b"
    r"|(?P<number>(?<![\d,])\d{1,3}(?: \d{3})+(?:,\d+)?(?!\d)|\b\d+(?:[.,]\d+)?\b)"
    r"|\b(?P<word>WORDS)\b".replace("MONTH", _MONTH).replace("WORDS", "|".join(NUMBER_WORDS)),
    re.IGNORECASE,
)
# A label that makes the number after it a name or a place in a document, not a count: § 3,
# kapitel 3, sid. 5, bilaga 2, del 1, punkt 4, nr 3, typ 2 (diabetes), version 2, vecka 5, kl. 9;
# and the scale of a score with decimals (4,3 av 5). Searched in the few characters before the
# number. The number rule (number_words.py) leaves such numbers as digits, and a labelled number
# in a support does not carry a count word ("två" is not carried by "diabetes typ 2").
NUMBER_LABEL = re.compile(
    r"(?:§§?|\bkap\.|\bkapitel|\bsid\.|\bsidan|\bs\.|\bbilaga|\bbilagan|\bdel|\bavsnitt|\bavsnittet|\bpunkt|\bpunkten"
    r"|\bnr\.?|\bnummer|\brad|\braden|\bsteg|\btyp|\bversion|\bvecka|\bkl\.|\bklockan|\bartikel|\bWCAG)"
    r"[\s\u00a0]*$"
    r"|\d,\d+\s+av\s+$",
    re.IGNORECASE,
)
_LABEL_REACH = 14  # characters before a number in which its label is looked for


def labelled(text: str, start: int) -> bool:
    """Whether the number at ``start`` in ``text`` has a label before it (NUMBER_LABEL)."""
    return NUMBER_LABEL.search(text[max(0, start - _LABEL_REACH) : start]) is not None
DAY_SPAN = re.compile(r"\b(\d{1,2})[–-](\d{1,2}) ((?:MONTH)(?: \d{4})?)\b".replace("MONTH", _MONTH), re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """One figure as written (``shown``) and the forms that carry it (``key``)."""

    shown: str
    key: str
    count: bool = False  # a number that counts something: a word (två) or a digit with no label before it


def figures(text: str) -> list[Figure]:
    """The figures stated in ``text``, each with the one normal form a support must hold."""
    found = []
    for match in FIGURE.finditer(text):
        shown = match.group(0)
        if match["dnr"]:
            key = match["dnr"].upper()
        elif match["iso"]:
            key = match["iso"]
        elif match["compact"]:  # the minutes' short form: KS 210113 = 13 January 2021
            digits = match["compact"]
            key = f"20{digits[:2]}-{digits[2:4]}-{digits[4:]}"
        elif match["date"]:
            month = MONTHS.index(match["date_month"].lower()) + 1
            day = int(match["date"])
            key = f"{match['date_year']}-{month:02}-{day:02}" if match["date_year"] else f"--{month:02}-{day:02}"
        elif match["month"]:
            key = f"{match['month_year']}-{MONTHS.index(match['month'].lower()) + 1:02}"
        elif match["number"]:
            key = match["number"].replace(" ", "").replace(".", ",")
            found.append(Figure(shown, key, count=not labelled(text, match.start())))
            continue
        else:
            found.append(Figure(shown, str(NUMBER_WORDS[match["word"].lower()]), count=True))
            continue
        found.append(Figure(shown, key))
    return found


def carried(text: str) -> set[str]:
    """Every normal form the support ``text`` carries: a full date carries its month, its year,
    its day and month and its numbers; a month carries its year; a span of days ("13–14
    november 2019") carries each of its days. A count also carries its word ("#2"): "två" in a
    sentence needs a count in the support, not the 2 of "typ 2" or "§ 2"."""
    keys = set()
    for figure in figures(DAY_SPAN.sub(r"\1 \3 \2 \3", text)):
        key = figure.key
        keys.add(key)
        if figure.count:
            keys.add("#" + key)
        full = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", key)
        month = re.fullmatch(r"(\d{4})-(\d{2})", key)
        if full:
            year, mm, dd = full.groups()
            keys |= {year, f"{year}-{mm}", f"--{mm}-{dd}", str(int(dd))}
        elif month:
            keys.add(month.group(1))
        elif key.startswith("--"):
            keys.add(str(int(key[-2:])))
    return keys


def unsupported(sentence: str, support: str) -> list[Figure]:
    """The figures of ``sentence`` that ``support`` does not carry."""
    have = carried(support)
    return [f for f in figures(claim_text(sentence)) if (f"#{f.key}" if f.shown.isalpha() else f.key) not in have]


# ---- Names: the bodies and parties a sentence names ------------------------------------------------

# Each named body, with the forms the sources write it in: a word's beginning, case aside
# ("kommunstyrelse" finds "Kommunstyrelsens"), or an abbreviation as written ("KS"). A more
# specific body stands before the one its name contains (the arbetsutskott before kommunstyrelsen),
# and its words are taken first. A new body is one line here.
BODIES = {
    "kommunstyrelsens arbetsutskott": ("kommunstyrelsens arbetsutskott", "arbetsutskott", "KSAU"),
    "kommunstyrelsen": ("kommunstyrelse", "KS"),
    "kommunfullmäktige": ("kommunfullmäktige", "KF"),
    "stadskontoret": ("stadskontor",),
    "fritidsförvaltningen": ("fritidsförvaltning",),
    "styrgruppen": ("styrgrupp",),
    "Malmö Ideella": ("Malmö Ideella",),
    "MISO": ("MISO", "Malmö Idrottsföreningars Samorganisation", "Malmöidrottens samorganisation"),
    "HISO": ("HISO", "Handikappidrottens samorganisation"),
    "Sensus": ("Sensus",),
    "NyföretagarCentrum": ("NyföretagarCentrum",),
    "MUCF": ("MUCF", "Myndigheten för ungdoms- och civilsamhällesfrågor"),
    "Länsstyrelsen": ("Länsstyrelse",),
    "Region Skåne": ("Region Skåne",),
    "Moderaterna": ("Moderaterna", "(M)"),
    "Centerpartiet": ("Centerpartiet", "(C)"),
    "Sverigedemokraterna": ("Sverigedemokraterna", "(SD)"),
}


def _form(text: str) -> str:
    if text.startswith("("):  # a party's letter after a name: "Helena Nanne (M)"
        return re.escape(text)
    if text.isupper():
        return rf"\b{text}\b"
    return rf"(?i:\b{re.escape(text)})"


BODY_FORMS = [(name, re.compile("|".join(_form(f) for f in forms))) for name, forms in BODIES.items()]


def bodies(text: str) -> list[str]:
    """The bodies ``text`` names (BODIES), each once, in the table's order."""
    found = []
    for name, pattern in BODY_FORMS:
        if pattern.search(text):
            found.append(name)
            text = pattern.sub(" ", text)  # "kommunstyrelsens arbetsutskott" is not kommunstyrelsen too
    return found


def unnamed(sentence: str, support: str) -> list[str]:
    """The bodies ``sentence`` names that ``support`` does not."""
    have = set(bodies(support))
    return [name for name in bodies(claim_text(sentence)) if name not in have]


def claim_text(sentence: str) -> str:
    """What a sentence itself states: without macro calls (their output is data, checked there),
    without link targets and link texts (names of pages), without a numbered list's item
    numbers, without references."""
    text = LIST_NUMBER.sub(" ", MACRO_CALL.sub(" ", sentence))
    text = LINK_TEXT.sub(" ", text)
    return REFERENCE.sub("", text)


def readable(sentence: str) -> str:
    """The sentence as a reader sees its words: links as their text, a macro call as "…"."""
    text = LINK_TEXT.sub(r"\1", MACRO_CALL.sub("…", sentence))
    return " ".join(REFERENCE.sub("", text).split())


# ---- Reading a page ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """One footnote definition: its key, the source and the quote, and its line."""

    key: str
    source: str
    quote: str
    line: int


@dataclass(frozen=True)
class Claim:
    """One cited sentence: its text, the keys it cites, the decisions it links and its line."""

    sentence: str
    keys: tuple[str, ...]
    decisions: tuple[str, ...]
    line: int


@dataclass
class Page:
    citations: dict[str, Citation] = field(default_factory=dict)  # key -> Citation
    claims: list[Claim] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    body: str = ""  # the Markdown without the definitions


def read(text: str, path: str, first_line: int = 1) -> Page:
    """The citations and cited sentences of a page body that begins at ``first_line``."""
    page = Page()
    kept = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        match = DEFINITION.match(line)
        if match is None:
            kept.append(line)
            continue
        kept.append("")  # keep the line numbers of what follows
        key, body = match.groups()
        parsed = DEFINITION_BODY.match(body.strip())
        if parsed is None:
            page.problems.append(Problem(path, number, f"fotnoten [^{key}] ska ange källans id och ett citat inom raka citattecken, till exempel  {DEFINITION_EXAMPLE}"))
        elif key in page.citations:
            page.problems.append(Problem(path, number, f"fotnoten [^{key}] finns redan på rad {page.citations[key].line}; ge den här fotnoten ett annat namn"))
        else:
            page.citations[key] = Citation(key, parsed["source"], parsed["quote"], number)
    page.body = "\n".join(kept)
    used = set()
    for group in REFERENCES.finditer(page.body):
        keys = tuple(REFERENCE.findall(group.group(0)))
        at = first_line + page.body.count("\n", 0, group.start())
        before = page.body[: group.start()]
        sentence = SENTENCE_END.split(REFERENCE.sub("", before))[-1].strip()
        decisions = tuple(DECISION_CALL.findall(sentence))
        page.claims.append(Claim(sentence, keys, decisions, at))
        for key in keys:
            used.add(key)
            if key not in page.citations and not any(p.message.startswith(f"fotnoten [^{key}] ska") for p in page.problems):
                page.problems.append(Problem(path, at, f"hänvisningen [^{key}] har ingen fotnot; skriv den under stycket, till exempel  {DEFINITION_EXAMPLE.replace('nyckel', key)}"))
    page.claims += _decision_claims(page.body, first_line)
    for key, citation in page.citations.items():
        if key not in used:
            page.problems.append(Problem(path, citation.line, f"fotnoten [^{key}] används inte i texten; skriv [^{key}] efter meningen den styrker, eller ta bort fotnoten"))
    return page


def _decision_claims(body: str, first_line: int) -> list[Claim]:
    """The sentences without a footnote that link a decision (``beslut()``, ``beslutsdatum()``):
    the decision is their citation, and it must carry their figures and names."""
    breaks = list(SENTENCE_END.finditer(body))
    claims: list[Claim] = []
    starts = set()
    for call in DECISION_CALL.finditer(body):
        start = max([0] + [m.end() for m in breaks if m.end() <= call.start()])
        end = min([len(body)] + [m.start() for m in breaks if m.start() >= call.end()])
        sentence = body[start:end]
        if start in starts or REFERENCE.search(sentence):
            continue  # once per sentence; one with a footnote is a claim already
        starts.add(start)
        line = first_line + body.count("\n", 0, call.start())
        claims.append(Claim(sentence.strip(), (), tuple(DECISION_CALL.findall(sentence)), line))
    return claims


# ---- Rendering: the numbered reference and the page's register ------------------------------------


@dataclass
class Register:
    """The citations of one page as it is rendered: sources numbered in order of first use, and
    the quotes cited from each (source id -> [(quote, what it backs)])."""

    citations: dict[str, Citation] = field(default_factory=dict)  # key -> Citation (the page's footnotes)
    order: list[str] = field(default_factory=list)  # source ids, in order of first use
    quotes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    count: int = 0  # references rendered, for unique ids

    def cite(self, source: str, quote: str, what: str = "") -> int:
        """Note that the page cites ``quote`` from ``source``; the source's number."""
        if source not in self.order:
            self.order.append(source)
        entries = self.quotes.setdefault(source, [])
        if all(q != quote for q, _ in entries):  # a quote is listed once, with what it first backed
            entries.append((quote, what))
        return self.order.index(source) + 1

    def reference(self, cited: list[tuple[str, str, str]], title: Callable[[str], str]) -> Markup:
        """The small numbered reference for ``cited`` ([(source, quote, what)]) that opens its
        quotes in place: one number per source, all its quotes in one popover; ``title`` gives a
        source's title."""
        by_source: dict[str, list[str]] = {}
        for source, quote, what in cited:
            self.cite(source, quote, what)
            by_source.setdefault(source, []).append(quote)
        parts = []
        for source, quotes in by_source.items():
            number = self.order.index(source) + 1
            self.count += 1
            target = f"citat-{self.count}"
            parts.append(render("citation.html", target=target, number=number, quotes=list(dict.fromkeys(quotes)), title=title(source)).strip())
        return Markup("").join(parts)


def register_of(page: Any) -> Register:  # page: an MkDocs Page, or None outside a build
    """The page's register, made on first use (a page without footnotes still cites data)."""
    register = getattr(page, "malmoandan_citations", None)
    if isinstance(register, Register):
        return register
    register = Register()
    if page is not None:
        page.malmoandan_citations = register
    return register


def prepare(page: Any, markdown: str, path: str) -> str:
    """Before a page's macros run: its footnote definitions go into the page's register and out
    of the text, and each group of references side by side becomes a call of the macro ``kalla`` that renders it, so
    references and data facts are numbered together in the order they stand on the page."""
    read_page = read(markdown, path)
    register = register_of(page)
    register.citations = read_page.citations

    def call(group: re.Match[str]) -> str:
        keys = [k for k in REFERENCE.findall(group.group(0)) if k in read_page.citations]
        return "{{ kalla(" + ", ".join(f'"{k}"' for k in keys) + ") }}" if keys else group.group(0)

    return REFERENCES.sub(call, read_page.body)
