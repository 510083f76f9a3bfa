"""Numbers one to twelve are words in running text: the rule on small strings, each exception
shown, and the rule at work in the content check on the fixture project."""

import shutil
from pathlib import Path

import pytest

from macros import content, number_words
from scripts import sitebuild

pytestmark = pytest.mark.snabb

VALID = Path(__file__).parent / "fixtures" / "content" / "valid"


def found(text: str) -> list[str]:
    return [shown for _line, shown in number_words.digits_to_write(text)]


@pytest.mark.parametrize(
    "text, digits",
    [
        ("Styrgruppen hade 8 ledamöter.", ["8"]),
        ("Det blev 2 planer och 12 möten.", ["2", "12"]),
        ("Planen hade 1 styrgrupp.", ["1"]),
        ("Sedan kom 3.", ["3"]),  # the end of a sentence is not a decimal
        ("Punkterna 3, 4 och 5 gäller.", ["3", "4", "5"]),
        ("En länktext: [de 3 rapporterna](arsrapporter/index.md).", ["3"]),  # link text is read
        ("## De 5 utmaningarna", ["5"]),  # a section heading is running text
        ("- en punkt med 6 luncher", ["6"]),
        ("Betyget blev 4 av 5.", ["4", "5"]),  # a whole score in prose: "fyra av fem"
    ],
)
def test_a_count_from_one_to_twelve_in_digits_is_found(text, digits):
    assert found(text) == digits


@pytest.mark.parametrize(
    "text",
    [
        "Det var 13 deltagare och 400 besökare.",  # above twelve: digits
        "Beslutet togs den 5 december 2021.",  # a date
        "Mötet var 5 dec. och 12 sept.",  # a date, abbreviated
        "Beslutet 2021-01-13 och planen 2021–2026.",  # an ISO date, years
        "Kommunstyrelsen (KS 210113 § 11) och §§ 3–4.",  # paragraphs
        "Se kapitel 3, kap. 4, sid. 5, bilaga 2 och punkt 7.",  # places in a document
        "Ärendet STK-2019-548 och STK-2020-1357.",  # diarienummer
        "Mötet börjar kl. 9 och slutar 12.00, klockan 10 eller 12:00.",  # times
        "Det kostade 5 kr, 3 kronor, 2 mnkr, 7 % och 9 procent.",  # amounts
        "Bilden får vara 5 MB och knappen 2 px, eller 3 × 3 pixlar.",  # measures with a unit
        "Betyget 4,3 av 5 och 4,6 av 5.",  # a score with decimals and its scale
        "Skala 1–5 och 4-6 gånger.",  # ranges
        "Totalt 1 500 000 kr, 2 406 besök.",  # groups of thousands
        "WCAG 2.1 på nivå AA, version 2.",  # versions
        "Diabetes typ 2, del 1 och vecka 5.",  # a name's number
        "| Betyg | 4 av 5 |\n| Lokaler | 8 |",  # table cells
        "Som källan säger: ”det blev 6 lärandeluncher”.",  # a quotation is verbatim
        'Som källan säger: "det blev 6 lärandeluncher".',
        "> Under 2023 genomförde vi 6 lärandeluncher",  # a block quote
        "Se `3 saker` i koden.\n\n```\nantal = 3\n```",  # code
        "Se [planen](samarbetsplan-2018-2022.md#5-utmaningar) och <https://exempel.se/3>.",  # link targets
        "Siffran {{ siffra(\"deltagare\", 2023) }} och {{ fakta(\"plan\", 3) }}.",  # macro calls: data, checked there
        "Fotnoten[^2014] står här.\n\n[^2014]: ks: \"beslutade den 3 maj\"",  # footnote keys and quotes
        "1. första steget\n2. andra steget",  # an ordered list's numbering
        "# Malmötimme 3",  # the page's title is a name
        "Ett ankare { #steg-2 } och en kommentar <!-- 3 saker -->.",
        "De 3:e och 2-åriga planerna, 1/2 av tiden.",  # glued to other characters
    ],
)
def test_numbers_that_are_not_counts_in_running_text_are_left_alone(text):
    assert found(text) == []


def test_the_line_of_each_count_is_given_and_the_message_names_the_word():
    problems = number_words.check_text("Rad ett.\n\nHär står 3 saker.\n\nOch 1 till.", "docs/sida.md", first_line=7)
    assert [(p.path, p.line) for p in problems] == [("docs/sida.md", 9), ("docs/sida.md", 11)]
    assert problems[0].message.startswith('Skriv "tre" med bokstäver i stället för 3')
    assert problems[1].message.startswith('Skriv "en" eller "ett" med bokstäver i stället för 1')


def test_a_quotation_over_a_paragraph_break_does_not_hide_the_next_paragraph():
    assert found('Ett "citat utan slut.\n\nHär står 3 saker.') == ["3"]


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(VALID, root)
    return root


def test_the_content_check_reports_digits_in_a_page_at_the_file_s_own_line(tmp_path):
    root = project(tmp_path)
    (root / "docs").mkdir()
    (root / "docs" / "sida.md").write_text("---\ntitle: Sida\n---\n\n# Sida\n\nDet fanns 4 samordnare den 4 maj 2021.\n", encoding="utf-8")
    problems = [str(p) for p in content.check(root)]
    assert [p for p in problems if "med bokstäver" in p] == [
        'docs/sida.md:7: Skriv "fyra" med bokstäver i stället för 4 (tal från ett till tolv skrivs med bokstäver i löptext). '
        "Siffror går bra i tabeller, i datum och klockslag, i belopp och mått med enhet (5 kr, 3 %) och efter § och kapitel"
    ]


def test_a_page_in_english_is_left_to_its_own_language(tmp_path):
    root = project(tmp_path)
    (root / "docs").mkdir()
    (root / "docs" / "sida.md").write_text("---\ntitle: Page\nlang: en\n---\n\n# Page\n\nThere were 4 coordinators.\n", encoding="utf-8")
    assert [p for p in content.check(root) if "med bokstäver" in p.message] == []


def test_the_content_check_reads_data_fields_shown_as_running_text_but_not_names_or_quotes(tmp_path):
    root = project(tmp_path)
    timeline = root / "data" / "timeline.yml"
    lines = timeline.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.strip().startswith("text:"))
    lines[number] = lines[number].split("text:")[0] + 'text: "Planen fick 3 fokusområden."'
    timeline.write_text("\n".join(lines), encoding="utf-8")
    problems = [p for p in content.check(root) if "med bokstäver" in p.message]
    assert [(p.path, p.line, p.message[:13]) for p in problems] == [("data/timeline.yml", number + 1, 'Skriv "tre" m')]


def test_an_event_s_text_is_read_and_its_line_counted_from_the_file_s_first_line(tmp_path):
    root = sitebuild.fixture_site(tmp_path / "project")
    event = next((root / "docs" / "kalender" / "evenemang").rglob("2*.md"))
    text = event.read_text(encoding="utf-8").rstrip("\n") + "\n\nDet kom 5 personer.\n"
    event.write_text(text, encoding="utf-8")
    problems = [p for p in content.check(root) if "med bokstäver" in p.message]
    assert [(p.path, p.line) for p in problems] == [(event.relative_to(root).as_posix(), text.count("\n"))]
