"""Citations in the prose: footnotes tie a sentence to a source and a quote, the reference is
numbered by the source's first use, the sources list holds only what the page cites, and the
check finds a figure the quote does not carry. On fixtures only."""

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from macros import citations, content, provenance
from macros.templating import render
from macros.yamlfiles import parse

FIXTURE = Path(__file__).parent / "fixtures" / "content" / "valid"
snabb = pytest.mark.snabb  # every test here but the browser's is a rule test on small inputs

PAGE = """Inledning utan källa.

Kommunstyrelsen godkände planen 2021.[^godkand] Den upphävdes 6 mars 2024.[^upphavd]

[^godkand]: protokoll: "Kommunstyrelsen godkände planen (KS 210113 § 11)."
[^upphavd]: protokoll: "Kommunstyrelsen beslutade (KS 240306 § 60) att upphäva"
"""


@snabb
def test_a_page_s_footnotes_become_citations_and_their_sentences_claims():
    page = citations.read(PAGE, "docs/sida.md", first_line=5)
    assert page.problems == []
    assert page.citations["godkand"].source == "protokoll"
    assert page.citations["upphavd"].line == 10
    assert [(c.sentence, c.keys, c.line) for c in page.claims] == [
        ("Kommunstyrelsen godkände planen 2021.", ("godkand",), 7),
        ("Den upphävdes 6 mars 2024.", ("upphavd",), 7),
    ]
    assert "[^godkand]:" not in page.body and page.body.count("\n") == PAGE.count("\n")


@snabb
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Text.[^saknas]\n", "docs/sida.md:1: hänvisningen [^saknas] har ingen fotnot"),
        ("Text.\n\n[^over]: protokoll: \"Kommunstyrelsen godkände\"\n", "docs/sida.md:3: fotnoten [^over] används inte"),
        ("Text.[^x]\n\n[^x]: Kommunstyrelsen godkände\n", "docs/sida.md:3: fotnoten [^x] ska ange källans id och ett citat"),
    ],
)
def test_a_footnote_mistake_is_reported_at_its_line(text, expected):
    found = [str(p) for p in citations.read(text, "docs/sida.md").problems]
    assert len(found) == 1 and found[0].startswith(expected), found


@snabb
@pytest.mark.parametrize(
    "sentence, support",
    [
        ("Planen godkändes 13 januari 2021.", "Beslut 2021-01-13"),
        ("Planen godkändes 13 januari 2021.", "kommunstyrelsen (KS 210113 § 11)"),
        ("Planen godkändes i januari 2021.", "2021-01-13"),
        ("Styrgruppen hade åtta ledamöter.", "totalt 8 personer"),
        ("Styrgruppen hade 8 ledamöter.", "totalt åtta personer"),
        ("Det kostade 1 000 000 kronor.", "1000000 kr"),
        ("Ärendet har diarienummer STK-2020-1357.", "(STK-2020-1357)"),
        ("Läs [planen 2021–2026](plan.md) om samverkan.", "samverkan"),
        ("\n1. Kommunstyrelsen godkänner rapporten.", "Kommunstyrelsen godkänner rapporten"),  # the list's own number
    ],
)
def test_a_figure_written_in_another_form_of_the_sources_is_carried(sentence, support):
    assert citations.unsupported(sentence, support) == []


@snabb
@pytest.mark.parametrize(
    "sentence, support, missing",
    [
        ("Planen godkändes 13 januari 2022.", "Beslut 2021-01-13", ["13 januari 2022"]),
        ("Planen godkändes i februari 2021.", "2021-01-13", ["februari 2021"]),
        ("Styrgruppen hade nio ledamöter.", "totalt åtta personer", ["nio"]),
        ("Det kostade 1 500 000 kronor 2019.", "1 000 000 kronor 2019", ["1 500 000"]),
        ("Ärendet STK-2020-1358.", "STK-2020-1357", ["STK-2020-1358"]),
        ("Det gällde två områden.", "diabetes typ 2", ["två"]),  # a name's number is no count
        ("Det gällde två beslut.", "enligt § 2", ["två"]),
    ],
)
def test_a_figure_the_support_does_not_carry_is_named(sentence, support, missing):
    assert [f.shown for f in citations.unsupported(sentence, support)] == missing


class FakeSource:
    def __init__(self, titel):
        self.titel, self.utgivare, self.diarienummer, self.beskrivning = titel, "Malmö stad", None, None

    class datum:
        @staticmethod
        def swedish():
            return "2021"


@snabb
def test_sources_are_numbered_in_order_of_first_use_and_list_only_cited_quotes():
    register = citations.Register()
    first = register.reference([("plan", "Citat ur planen", ""), ("protokoll", "Citat ur protokollet", "Beslut")], str.upper)
    register.cite("plan", "Ett andra citat ur planen")
    again = register.reference([("protokoll", "Citat ur protokollet", "Beslut")], str.upper)
    assert register.order == ["plan", "protokoll"]
    assert 'aria-label="Citat ur källa 1">1</button>' in first and 'aria-label="Citat ur källa 2">2</button>' in first
    assert ">2</button>" in again and "popovertarget=\"citat-3\"" in again  # same number, its own popover
    assert "Källa 2: PROTOKOLL" in again and "\n" not in again  # one line: it stands in a paragraph
    listed = render("sources.html", ids=register.order, sources={"plan": FakeSource("Planen"), "protokoll": FakeSource("Protokollet")}, quotes=register.quotes)
    assert listed.index("Planen") < listed.index("Protokollet")
    assert listed.count("<q>") == 3  # the quotes cited, each once, and nothing else
    assert "Ett andra citat ur planen" in listed and 'id="kalla-protokoll"' in listed  # entries link to #kalla-<id>


@snabb
def test_a_quote_is_escaped_in_the_popover():
    register = citations.Register()
    shown = register.reference([("plan", "<b>fet</b> *stjärna*", "")], str)
    assert "<b>" not in shown and "&lt;b&gt;" in shown and "*stjärna*" not in shown


# ---- the content check, on a fixture project ------------------------------------------------------

CITED = """---
title: Sida
---

# Sida

Kommunstyrelsen godkände planen den 13 januari 2021.[^godkand]

Cirka 400 personer deltog under året.[^deltog]

[^godkand]: protokoll: "Kommunstyrelsen godkände planen (KS 210113 § 11)."
[^deltog]: protokoll: "Cirka 400 personer deltog under året."
"""


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(FIXTURE / "data", root / "data")
    (root / "docs").mkdir()
    return root


def citation_problems(root: Path, page: str) -> list[str]:
    (root / "docs" / "sida.md").write_text(page, encoding="utf-8")
    return [str(p) for p in content.check(root) if p.path == "docs/sida.md"]


@snabb
def test_a_page_whose_quotes_carry_its_figures_passes(project):
    assert citation_problems(project, CITED) == []


@snabb
@pytest.mark.parametrize(
    "old, new, line, figure",
    [
        ("13 januari 2021", "13 januari 2022", 7, "13 januari 2022"),  # a year changed in the sentence
        ("Cirka 400 personer deltog", "Cirka 450 personer deltog", 9, "450"),  # an amount changed
    ],
)
def test_a_changed_figure_in_a_cited_sentence_fails_at_its_line(project, old, new, line, figure):
    found = citation_problems(project, CITED.replace(old, new, 1))
    assert found == [f"docs/sida.md:{line}: ”{figure}” i meningen står inte i citatet ([^{'godkand' if line == 7 else 'deltog'}]). Rätta uppgiften efter källan, eller citera den mening i källan som innehåller den"]


@snabb
def test_a_changed_word_in_a_quote_fails_at_the_footnote(project):
    found = citation_problems(project, CITED.replace("personer deltog under året.\"", "personer deltog under hösten.\""))
    assert len(found) == 1 and found[0].startswith("docs/sida.md:12: fotnoten [^deltog]: citatet finns inte i källan protokoll")


@snabb
def test_a_footnote_naming_an_unknown_source_is_reported(project):
    found = citation_problems(project, CITED.replace('[^deltog]: protokoll:', '[^deltog]: protokol:'))
    assert found == ["docs/sida.md:12: fotnoten [^deltog] citerar källan protokol, som inte finns i data/sources.yml. Menade du protokoll?"]


@snabb
def test_a_decision_the_sentence_links_carries_its_date(project):
    page = CITED.replace("den 13 januari 2021.[^godkand]", '13 januari 2021 ({{ beslut("ks-2021-01-13-plan") }}).[^godkand]').replace("(KS 210113 § 11).", "")
    page = page.replace("title: Sida\n", "title: Sida\nrender_macros: true\n")
    assert citation_problems(project, page) == []


# ---- data facts: a quote must carry the figure it backs -------------------------------------------


def data_problems(root: Path, name: str, old: str, new: str) -> list[str]:
    path = root / "data" / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return [str(p) for p in content.check(root) if p.path == f"data/{name}"]


@snabb
def test_the_fixture_data_s_quotes_carry_their_figures(project):
    assert [str(p) for p in content.check(project)] == []


@snabb
def test_a_plan_number_its_quote_does_not_carry_fails_at_the_number(project):
    found = data_problems(project, "plans.yml", "styrgrupp_ledamöter: 8", "styrgrupp_ledamöter: 9")
    assert found == ["data/plans.yml:7: talet styrgrupp_ledamöter: 9 står inte i dess citat ”Styrgruppen består av totalt åtta personer.”. Rätta talet efter källan, eller citera den mening som innehåller det"]


@snabb
def test_a_timeline_date_neither_its_quote_nor_its_decision_carries_fails_at_the_date(project):
    assert data_problems(project, "timeline.yml", 'datum: "2014-10"', 'datum: "2014-11"') == [
        "data/timeline.yml:1: ”2014-11” står inte i händelsens citat eller i beslutet den länkar till. Rätta uppgiften efter källan, eller citera den mening i källan som innehåller den"
    ]


@snabb
def test_a_figure_in_a_timeline_text_is_checked_and_a_linked_decision_carries_the_date(project):
    # the second entry's date 2024-03-06 is carried by the decision it links to, not by its quote
    assert data_problems(project, "timeline.yml", 'text: "Planen upphävs."', 'text: "Planen upphävs 2025."') == [
        "data/timeline.yml:9: ”2025” står inte i händelsens citat eller i beslutet den länkar till. Rätta uppgiften efter källan, eller citera den mening i källan som innehåller den"
    ]


@snabb
def test_the_page_report_lists_each_claim_with_its_quotes_and_support(project):
    (project / "docs" / "sida.md").write_text(CITED.replace("Cirka 400", "Cirka 450", 1), encoding="utf-8")
    lines = provenance.report(project, "docs/sida.md")
    assert lines[0] == "docs/sida.md:7: Kommunstyrelsen godkände planen den 13 januari 2021."
    assert '    [^godkand] protokoll: ”Kommunstyrelsen godkände planen (KS 210113 § 11).”' in lines
    assert "    stöds: 13 januari 2021" in lines and "    STÖDS INTE: 450" in lines
    assert provenance.main_report(project, "docs/sida.md") == 1


@pytest.mark.browser
def test_a_reference_opens_its_quote_in_place_without_javascript(browser, site_url):
    """On the built site, with JavaScript off: the first reference on each page that has one
    opens its quote where the reader is, without leaving the page or its place."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    seen = 0
    for path in ("", "beslut/", "historik/", "overenskommelsen/", "samarbetsplan-2021-2026/", "kartlaggning-2019/", "samarbetsplan-2018-2022/"):
        page.goto(site_url + path)
        reference = page.locator("button.ma-ref__number").first
        if page.locator("button.ma-ref__number").count() == 0:
            continue
        seen += 1
        quote = page.locator("#" + reference.get_attribute("popovertarget"))
        expect(quote).to_be_hidden()
        reference.click()
        expect(quote).to_be_visible()
        expect(quote.locator("q").first).not_to_be_empty()
        expect(quote).to_contain_text("Källa " + reference.inner_text())
        assert page.url == site_url + path  # no jump to another page or an anchor
    context.close()
    if not seen:
        pytest.skip("no page of the site has a citation reference")


# ---- data-driven facts: the same reference, the sources list by first use --------------------------


def _numbers_and_sources(page: BeautifulSoup) -> tuple[list[int], list[str]]:
    numbers = [int(b.get_text()) for b in page.select("button.ma-ref__number")]
    listed = [li["id"].removeprefix("kalla-") for li in page.select("ol.ma-sources > li")]
    return numbers, listed


@pytest.mark.parametrize(("path", "entry"), [("beslut/index.html", "dl.ma-decision > dd:first-of-type"), ("historik/index.html", "li.ma-timeline__entry > p:first-of-type")])
def test_each_decision_and_history_entry_opens_its_own_quotes_and_the_list_holds_what_is_cited(fixture_site, path, entry):
    page = BeautifulSoup((fixture_site / path).read_text(encoding="utf-8"), "html.parser")
    entries = page.select(entry)
    assert entries
    for shown in entries:
        reference = shown.select_one("button.ma-ref__number")
        assert reference is not None, shown.get_text()
        quote = page.find(id=reference["popovertarget"])
        assert quote.find("q").get_text().strip()
    numbers, listed = _numbers_and_sources(page)
    # Numbered by first use: each new number is the next one, and the list has exactly those sources.
    first_uses = list(dict.fromkeys(numbers))
    assert first_uses == list(range(1, len(listed) + 1))
    for li in page.select("ol.ma-sources > li"):
        assert li.select("q"), li["id"]  # a listed source is a cited one


EVENT = """titel: Lärandekonferens
start: "2019-11-13"
slut: "2019-11-14"
källa: rapport
citat:
  - "Den 13–14 november anordnades en utbildning"
  - "under hösten 2019"
"""


@snabb
def test_an_event_s_quotes_carry_its_days_a_span_of_days_and_a_year_in_another_quote():
    assert provenance.check_event_support(parse(EVENT, "docs/kalender/evenemang/e.md", first_line=2)) == []


@snabb
@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('slut: "2019-11-14"', 'slut: "2019-11-15"', "docs/kalender/evenemang/e.md:4: dagen 2019-11-15 står inte i evenemangets citat"),
        ('  - "under hösten 2019"\n', "", "docs/kalender/evenemang/e.md:3: dagen 2019-11-13 står inte i evenemangets citat"),
        ("källa: rapport\n", "", "docs/kalender/evenemang/e.md:5: citatet behöver fältet källa"),
    ],
)
def test_an_event_day_its_quotes_do_not_carry_fails_at_the_day(old, new, expected):
    problems = provenance.check_event_support(parse(EVENT.replace(old, new), "docs/kalender/evenemang/e.md", first_line=2))
    assert problems and str(problems[0]).startswith(expected)


# ---- names: the bodies a cited sentence names are in its support ------------------------------------


@snabb
@pytest.mark.parametrize(
    ("sentence", "support", "missing"),
    [
        ("Kommunstyrelsen gav pengar till Malmö Ideella och MISO.", "Kommunstyrelsen beslutade om anslag till Malmö Ideella", ["MISO"]),
        ("MISO begärde att befrias.", "Malmö Idrottsföreningars Samorganisation begärde", []),  # another form of the same name
        ("Kommunstyrelsens arbetsutskott gav uppdraget.", "kommunstyrelsen (KS 240306 § 60)", ["kommunstyrelsens arbetsutskott"]),
        ("Kommunstyrelsens arbetsutskott gav uppdraget.", "(KSAU 231023 § 491)", []),  # not kommunstyrelsen as well
        ("Ledamöterna från Moderaterna skrev ett yttrande.", "Helena Nanne (M) avser lämna in", []),
        ("Läs [om HISO](hiso.md) här.", "ett citat utan namn", []),  # a link's text names a page
    ],
)
def test_a_named_body_its_support_does_not_name_is_reported(sentence, support, missing):
    assert citations.unnamed(sentence, support) == missing


@snabb
def test_a_changed_body_in_a_cited_sentence_fails_at_its_line_and_the_writer_of_the_source_carries_its_own_name(project):
    found = citation_problems(project, CITED.replace("Kommunstyrelsen godkände", "Stadskontoret godkände", 1))
    assert found == ["docs/sida.md:7: namnet ”stadskontoret” i meningen står inte i citatet ([^godkand]). Rätta namnet efter källan, eller citera den mening i källan som nämner det"]
    # "Enligt kommunstyrelsen": the source's utgivare (data/sources.yml) is Kommunstyrelsen.
    assert citation_problems(project, CITED.replace("Cirka 400 personer deltog", "Enligt kommunstyrelsen deltog cirka 400 personer", 1)) == []


@snabb
def test_a_recipient_the_decision_s_quotes_do_not_name_fails_at_the_recipient(project):
    listed = 'beslut: "Planen upphävs."\n  skickas_till: [Kommunstyrelsen, Kulturnämnden]'
    assert data_problems(project, "decisions.yml", 'beslut: "Planen upphävs."', listed) == [
        "data/decisions.yml:7: mottagaren ”Kulturnämnden” står inte i beslutets citat. Citera listan i källan där mottagaren står"
    ]


@snabb
def test_a_figure_in_what_was_decided_that_the_decision_does_not_carry_fails_at_the_field(project):
    assert data_problems(project, "decisions.yml", 'beslut: "Planen upphävs."', 'beslut: "Planen upphävs från 2025."') == [
        "data/decisions.yml:6: ”2025” står inte i beslutets citat, datum, organ eller diarienummer. Rätta uppgiften efter källan, eller citera den mening i källan som innehåller den"
    ]


@snabb
def test_a_sentence_whose_only_citation_is_a_linked_decision_is_checked_against_it(project):
    page = "---\ntitle: Sida\nrender_macros: true\n---\n\n# Sida\n\nStadskontoret godkände planen 2022 ({{ beslut(\"ks-2021-01-13-plan\") }}).\n"
    assert sorted(citation_problems(project, page)) == [
        "docs/sida.md:8: namnet ”stadskontoret” i meningen står inte i beslutet den länkar till. Rätta namnet efter källan, eller citera den mening i källan som nämner det",
        "docs/sida.md:8: ”2022” i meningen står inte i beslutet den länkar till. Rätta uppgiften efter källan, eller citera den mening i källan som innehåller den",
    ]
    assert citation_problems(project, page.replace("Stadskontoret", "Kommunstyrelsen").replace("2022", "2021")) == []


def test_a_decision_in_running_text_opens_its_first_quote_and_the_register_all(fixture_site):
    """The start page's beslut() opens the quote that says what was decided; Beslut shows every quote."""
    start = BeautifulSoup((fixture_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = start.find("a", href=lambda h: h and h.endswith("#ks-2017-05-24-overenskommelse"))
    quotes = link.find_next("span", class_="ma-ref__quote").find_all("q")
    register = BeautifulSoup((fixture_site / "beslut" / "index.html").read_text(encoding="utf-8"), "html.parser")
    entry = register.find(id="ks-2017-05-24-overenskommelse").find_next("dl").select_one(".ma-ref__quote")
    assert len(quotes) == 1 and len(entry.find_all("q")) > 1
    assert quotes[0].get_text() == entry.find("q").get_text()


@snabb
def test_a_place_may_quote_its_source_and_the_quote_is_checked(project):
    quoted = 'ort: Malmö\n  källa: protokoll\n  citat: "Kommunstyrelsen godkände planen"'
    assert data_problems(project, "places.yml", "ort: Malmö", quoted) == []
    found = data_problems(project, "places.yml", 'citat: "Kommunstyrelsen godkände planen"', 'citat: "Kommunstyrelsen godkände inte planen"')
    assert len(found) == 1 and found[0].startswith("data/places.yml:6: citatet finns inte i källan protokoll")
