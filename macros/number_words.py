"""Numbers one to twelve are words in running text (klarspråk, Språkrådet's Svenska skrivregler):
"två samordnare", not "2 samordnare". Larger numbers, and numbers that are not counts, keep their
digits.

The rule reads what a reader sees as prose: the body of every page (docs/**/*.md, front matter
left out) and the data fields that are shown as running text (RUNNING_TEXT_FIELDS). It blanks what
is not prose (EXCLUDED, with the reason for each), then reports every remaining number from 1 to
12 that is a count (NOT_A_COUNT_AFTER/BEFORE name the numbers that are not), as
``fil:rad: Skriv "tre" med bokstäver …``.

Hand-written: no Swedish style checker on PyPI knows this rule (LanguageTool's Swedish rules do
not have it and would need Java); it is a table of regular expressions.
"""

import re
from pathlib import Path

from .citations import LIST_NUMBER, labelled
from .editor_text import without_code
from .pages_front_matter import CheckedPage
from .problems import Problem
from .yamlfiles import DataFile

WORDS = {1: 'en" eller "ett', 2: "två", 3: "tre", 4: "fyra", 5: "fem", 6: "sex", 7: "sju", 8: "åtta", 9: "nio", 10: "tio", 11: "elva", 12: "tolv"}

# Text that is not running prose, blanked before numbers are looked for (lines are kept).
EXCLUDED = [
    re.compile(r"<!--.*?-->", re.S),  # an HTML comment is not shown
    re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S),  # a macro call: its output is data, checked there
    re.compile(r"^\[\^[^\]]+\]:.*$", re.M),  # a footnote definition: a source id and a verbatim quote
    re.compile(r"\[\^[^\]]+\]"),  # a footnote reference: its key is a name ([^2014])
    re.compile(r"\]\([^)]*\)"),  # a link target: an address, not text (the link text is checked)
    re.compile(r"^\s{0,3}\[[^\]]+\]:.*$", re.M),  # a link reference definition
    re.compile(r"<[^>\n]+>"),  # an HTML tag or an autolink
    re.compile(r"\b(?:https?|mailto):\S+|\S+@\S+\.\w+"),  # a bare address
    re.compile(r"\{:?\s*[#.][^{}\n]*\}"),  # an attribute list, { #kontakt }
    # A quotation is the source's words, verbatim; it may not be reworded (never across a paragraph).
    re.compile(r"[”“„](?:[^”“„\n]|\n(?!\s*\n))*[”“]"),
    re.compile(r"\"(?:[^\"\n]|\n(?!\s*\n))*\""),
    re.compile(r"«[^»]*»"),
    re.compile(r"^\s*(?:\|.*|>.*)$", re.M),  # a table row (figures belong in tables) and a block quote
    re.compile(r"^#\s.*$", re.M),  # the page's title: a name (the title: field is not checked either)
    LIST_NUMBER,  # an ordered list's own numbering
]

# A number glued to other characters is part of something else: 2021-01-13, STK-2019-548, 4,3,
# WCAG 2.1, 12:00, 9.00, 1–5 and 4-6 (ranges), 3:e, 1/2, &#8203;, 2021/22.
NUMBER = re.compile(r"(?<![\w.,:;/#§%\-–−+×])\d+(?![\w/−]|[.,:–\-]\w)")

_MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
_MONTH_ABBREVIATIONS = r"jan|febr?|mar|apr|jun|jul|aug|sept?|okt|nov|dec"
NOT_A_COUNT_AFTER = re.compile(
    r"[\s\u00a0\u202f]*(?:"
    rf"(?:{_MONTHS}|{_MONTH_ABBREVIATIONS})\b"  # a date: 5 december, 5 dec.
    r"|\d{3}\b"  # a group of thousands: 1 500 000, 2 406
    # An amount or a measure with its unit or symbol: Språkrådet writes these with digits
    # (5 kr, 3 %, 2 MB). A time (timmar, dagar, år) is not a measure here: "tre timmar".
    r"|(?:kr|kronor|mnkr|tkr|mkr|sek|euro|procent|px|pixlar|kb|mb|gb|km|m|cm|mm|kg|g)\b|[%€$×]"
    r")",
    re.IGNORECASE,
)

# Data fields whose text is shown as running text (their ids, dates, names and quotes are not).
RUNNING_TEXT_FIELDS = {"text", "beskrivning", "anmärkning", "definition", "bedömning", "sammanfattning", "inför_framtiden", "beslut"}


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def prose(text: str) -> str:
    """``text`` with everything that is not running prose blanked, lines and columns kept."""
    text = without_code(text)
    for pattern in EXCLUDED:
        text = pattern.sub(_blank, text)
    return text


def digits_to_write(text: str) -> list[tuple[int, str]]:
    """(line offset, number as written) for each count from 1 to 12 written with digits."""
    found = []
    text = prose(text)
    for match in NUMBER.finditer(text):
        shown = match.group(0)
        if shown.startswith("0") or not 1 <= int(shown) <= 12:
            continue
        if NOT_A_COUNT_AFTER.match(text, match.end()) or labelled(text, match.start()):  # § 3, typ 2: one table with the support check
            continue
        found.append((text.count("\n", 0, match.start()), shown))
    return found


def message(shown: str) -> str:
    word = WORDS[int(shown)]
    return (
        f'Skriv "{word}" med bokstäver i stället för {shown} (tal från ett till tolv skrivs med bokstäver i löptext). '
        "Siffror går bra i tabeller, i datum och klockslag, i belopp och mått med enhet (5 kr, 3 %) och efter § och kapitel"
    )


def check_text(text: str, relative: str, first_line: int = 1) -> list[Problem]:
    """Every count from 1 to 12 written with digits in the running text ``text``, which begins on
    line ``first_line`` of ``relative``."""
    return [Problem(relative, first_line + offset, message(shown)) for offset, shown in digits_to_write(text)]


def check_pages(root: Path, pages: dict[str, CheckedPage]) -> list[Problem]:
    """The rule on every page body (src_uri -> pages_front_matter.CheckedPage) under ``root``. A
    page in another language (lang: en) is left out: the rule and its words are Swedish."""
    problems = []
    for src_uri, page in sorted(pages.items()):
        if page.meta.get("lang", "sv") == "sv":
            problems += check_text(page.body, f"docs/{src_uri}", _first_line(root / "docs" / src_uri, page))
    return problems


def _first_line(path: Path, page: CheckedPage) -> int:
    """The line of the file on which the page's body begins (an event's CheckedPage does not
    count its fields in front_lines; the file's text ends with the body either way)."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if page.body and text.endswith(page.body):
        return text[: len(text) - len(page.body)].count("\n") + 1
    return page.front_lines + 1


def check_data(files: list[DataFile]) -> list[Problem]:
    """The rule on the data fields shown as running text (RUNNING_TEXT_FIELDS), at each value's line."""
    problems: list[Problem] = []

    def walk(source: DataFile, location: tuple[str | int, ...], value: object, running: bool) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(source, (*location, key), item, (running or key in RUNNING_TEXT_FIELDS) and key != "citat")
        elif isinstance(value, list):
            for position, item in enumerate(value):
                walk(source, (*location, position), item, running)
        elif running and isinstance(value, str):
            problems.extend(source.problem(location, message(shown)) for _offset, shown in digits_to_write(value))

    for source in files:
        walk(source, (), source.data, False)
    return problems
