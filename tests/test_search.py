"""The search in a real browser: what readers type finds the page they look for in the top three.

The queries run on the fixture site (tests/fixtures/site, with its own data/sokord.yml), whose
pages never change with the real content: a coordinator rewording a page can then never turn this
test red. Each query names its page by a page's own subject and address, a diarienummer of a
public document, a decision's body, a place or a role that the page is about; a query lists every
page that answers it.
"""

import json
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.support import count_searches, search_for

START = "/"
AGREEMENT = "/overenskommelsen/"
PLAN_2021 = "/samarbetsplan-2021-2026/"
PLAN_2018 = "/samarbetsplan-2018-2022/"
DECISIONS = "/beslut/"
HISTORY = "/historik/"
REPORTS = "/arsrapporter/"
MAPPING = "/kartlaggning-2019/"
FIGURES = "/siffror/"
CALENDAR = "/kalender/"

# (what a reader types, the pages that answer it). The first five blocks are the misses of the
# reader review (issue 22): synonyms, misspellings without å/ä/ö, diarienummer.
READER_QUERIES = [
    # Words the pages do not use
    ("värdegrund", {AGREEMENT, START}),
    ("enkät", {MAPPING}),
    ("undertecknades", {HISTORY, AGREEMENT, START}),
    ("lättläst", {"/lattlast/"}),
    ("malmöanden", {START, AGREEMENT}),
    ("avslutad", {START, DECISIONS, HISTORY}),
    ("civilsamhället", {START, AGREEMENT}),
    ("ärendenummer", {DECISIONS}),
    # Without å, ä and ö
    ("arsrapport", {REPORTS, REPORTS + "2018/", REPORTS + "2019/", REPORTS + "2023/"}),
    ("arsrapport 2023", {REPORTS + "2023/"}),
    ("overenskommelsen", {AGREEMENT, START}),
    ("kartlaggning", {MAPPING}),
    ("tillganglighet", {"/tillganglighet/"}),
    ("oppna data", {"/oppna-data/"}),
    ("arshjulet", {PLAN_2021 + "arshjul/"}),
    ("europaradet", {PLAN_2021 + "deltagandematris/"}),
    ("ideburen sektor", {AGREEMENT, START}),
    ("upphavd", {DECISIONS, START, HISTORY}),
    # Diarienummer, typed whole
    ("STK-2019-548", {REPORTS + "2018/", DECISIONS}),
    ("STK-2019-1569", {REPORTS + "2019/", DECISIONS}),
    ("STK-2023-1697", {REPORTS + "2023/", DECISIONS}),
    ("stk-2020-1357", {DECISIONS, PLAN_2021}),
    ("diarienummer", {DECISIONS}),
    # Topics
    ("idéburen sektor", {AGREEMENT, START}),
    ("samarbetsplan 2018", {PLAN_2018}),
    ("samarbetsplan", {PLAN_2021, PLAN_2018}),
    ("dialogforum", {PLAN_2021, REPORTS + "2023/"}),
    ("jämlik hälsa", {REPORTS + "2023/", DECISIONS}),
    ("prenumerera på kalendern", {CALENDAR}),
    ("personuppgifter", {"/personuppgifter/"}),
    ("in english", {"/in-english/"}),
    # Decisions
    ("upphävd", {DECISIONS, START, HISTORY}),
    ("kommunstyrelsen beslut 2024", {DECISIONS}),
    ("kommunfullmäktige", {DECISIONS, HISTORY}),
    ("arbetsutskottet", {DECISIONS}),
    # Places
    ("Nobel 21", {FIGURES, PLAN_2021, HISTORY}),
    ("Nobelvägen", {FIGURES, PLAN_2021, HISTORY}),
    ("Rådhuset", {"/kalender/evenemang/2017/2017-06-14-overenskommelsen-antas/", AGREEMENT, HISTORY}),
    # People's roles and organisations
    ("samordnare", {PLAN_2021, START, REPORTS + "2023/"}),
    ("styrgrupp", {PLAN_2021}),
    ("MISO", {START, DECISIONS, REPORTS + "2023/", HISTORY}),
    ("Malmö Ideella", {START, AGREEMENT, PLAN_2021}),
    ("värdar", {PLAN_2018, "/kalender/evenemang/2019/2019-11-13-utbildning-for-vardar/"}),
    ("kontakt", {"/om-webbplatsen/"}),
]


@pytest.fixture(scope="session")
def base_url(fixture_url):
    """This module's pages open on the fixture site."""
    return fixture_url


def search_top_three(page: Page, query: str) -> list[str]:
    """The addresses (paths) of the first three result pages for ``query``."""
    search_for(page, query)
    pages = page.locator(".md-search-result__item")  # one per page, its sections inside
    hrefs = pages.evaluate_all("items => items.map(li => li.querySelector('a').href)")
    return [urlsplit(href).path for href in hrefs[:3]]


@pytest.mark.sok
def test_reader_queries_find_the_page_in_the_top_three(page: Page, outside_requests):
    page.set_viewport_size({"width": 1280, "height": 900})
    count_searches(page)
    page.goto("/")
    found, missed, shown = 0, [], {}
    for query, wanted in READER_QUERIES:
        top = search_top_three(page, query)
        shown[query] = top
        if wanted & set(top):
            found += 1
        else:
            missed.append(f"{query!r}: {top}")
    print(json.dumps({"found": found, "of": len(READER_QUERIES), "top": shown}, ensure_ascii=False))
    assert len(READER_QUERIES) >= 40
    # The bar of issue 22: 38 of 40 (95 %). Today's one miss: "idéburen sektor", which Öppna
    # data's dataset heading says word for word (the agreement says "den idéburna sektorn").
    assert len(missed) <= len(READER_QUERIES) // 20, f"{found} of {len(READER_QUERIES)} in the top three; missed:\n" + "\n".join(missed)
    assert outside_requests == []


@pytest.mark.sok
def test_no_result_says_a_word_is_missing(page: Page):
    """Material's "Saknas: ~~ord~~" line struck out the word highlighted above it."""
    page.set_viewport_size({"width": 1280, "height": 900})
    count_searches(page)
    page.goto("/")
    search_top_three(page, "samordnare")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    expect(page.locator(".md-search-result__terms").filter(visible=True)).to_have_count(0)
    assert "Saknas" not in page.locator(".md-search-result").inner_text()


def test_search_words_are_published_with_the_index(fixture_site):
    """search/sokord.json carries data/sokord.yml and the words with å, ä and ö folded; the
    source lists weigh less than the text that explains."""
    site = fixture_site
    words = json.loads((site / "search" / "sokord.json").read_text(encoding="utf-8"))
    assert words["synonymer"]["värdegrund"] == ["värderingar"]
    assert words["synonymer"]["vardegrund"] == ["värderingar"]
    assert "årsrapport" in words["utan_prickar"]["arsrapport"]
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    sources = [doc for doc in index["docs"] if doc["title"] == "Källor"]
    assert sources and all(doc["boost"] < 1 for doc in sources)


def test_definition_lists_read_as_sentences_in_results():
    """The search plugin flattens <dl> into "Organ Styrgruppen Datum 2021", or glues label and
    value into one word where the page has no space between them."""
    from macros.search_index import as_sentences

    pairs = [("Organ", "Styrgruppen"), ("Datum", "2021 (källan anger inte dagen)"), ("Paragraf", "§ 60")]
    assert as_sentences("Beslut MISO tar ansvar. Organ Styrgruppen Datum 2021 (källan anger inte dagen) Paragraf § 60 Källa X", pairs) == (
        "Beslut MISO tar ansvar. Organ: Styrgruppen. Datum: 2021 (källan anger inte dagen) Paragraf: § 60. Källa X"
    )
    glued = [("Diarienummer", "STK-2023-1697"), ("Beslut", "kommunstyrelsen 11 september 2024, § 221")]
    assert as_sentences("DiarienummerSTK-2023-1697 Beslutkommunstyrelsen 11 september 2024, § 221", glued) == (
        "Diarienummer: STK-2023-1697. Beslut: kommunstyrelsen 11 september 2024, § 221."
    )
    # A value with markup inside: only the colon, before its first words.
    assert as_sentences("Källa Protokoll <ul><li>citat</li></ul>", [("Källa", "Protokoll citat")]) == "Källa: Protokoll <ul><li>citat</li></ul>"
