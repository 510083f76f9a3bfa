"""The content pages of the real site, built once per session: key facts rendered from data/,
the status notice on every page, and a structure that makes sense without the visuals."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros import content

ROOT = Path(__file__).parent.parent
DATA = content.load(ROOT)

CONTENT_PAGES = [
    "index.html",
    "overenskommelsen/index.html",
    "samarbetsplan-2021-2026/index.html",
    "samarbetsplan-2021-2026/arshjul/index.html",
    "samarbetsplan-2021-2026/deltagandematris/index.html",
    "samarbetsplan-2018-2022/index.html",
    "historik/index.html",
    "beslut/index.html",
    "arsrapporter/index.html",
    "arsrapporter/2018/index.html",
    "arsrapporter/2019/index.html",
    "arsrapporter/2023/index.html",
    "kartlaggning-2019/index.html",
    "siffror/index.html",
]


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def article_text(page: BeautifulSoup) -> str:
    return re.sub(r"\s+", " ", page.select_one("article.md-content__inner").get_text(" ")).replace("\xa0", " ")


@pytest.mark.parametrize("path", CONTENT_PAGES)
def test_every_content_page_ends_with_its_sources(site, path):
    page = soup(site, path)
    heading = page.find("h2", id="kallor")
    assert heading is not None, f"{path} has no Källor heading"
    sources = heading.find_next("ul", class_="ma-sources")
    assert sources is not None and sources.find_all("li"), f"{path} lists no sources"
    # Nothing but the sources list comes after the heading.
    assert heading.find_next("h2") is None


@pytest.mark.parametrize("path", CONTENT_PAGES + ["om-webbplatsen/index.html", "404.html"])
def test_every_page_says_the_plan_was_repealed(site, path):
    # The start page says it once, in its lead box, instead of in the announcement bar.
    where = ".md-content .ma-status-lead" if path == "index.html" else "aside.md-banner .ma-status"
    notice = soup(site, path).select_one(where)
    assert notice is not None, f"no status notice on {path}"
    text = re.sub(r"\s+", " ", notice.get_text(" "))
    assert "Samarbetsplanen 2021–2026 gäller inte längre" in text
    assert "6 mars 2024" in text
    link = notice.find("a", string="Läs beslutet")
    expected = "./#ks-2024-03-06-upphavande" if path.startswith("beslut/") else "beslut/#ks-2024-03-06-upphavande"
    assert link["href"].endswith(expected)


def test_plan_page_shows_the_steering_group_from_data(site):
    text = article_text(soup(site, "samarbetsplan-2021-2026/index.html"))
    numbers = DATA.plans["plan-2021-2026"].tal
    assert (
        f"Styrgruppen hade {numbers['styrgrupp_ledamöter']} ledamöter: "
        f"{numbers['styrgrupp_från_malmö_stad']} från Malmö stad och "
        f"{numbers['styrgrupp_från_idéburen_sektor']} från den idéburna sektorn."
    ) in text
    assert "Uppdraget varade 2 år i taget." in text
    assert "Styrgruppen möttes 4 gånger per år." in text
    assert "4 till 6 Malmötimmar" in text


def test_agreement_page_shows_the_adoption_from_the_register(site):
    page = soup(site, "overenskommelsen/index.html")
    text = article_text(page)
    assert "kommunstyrelsen 24 maj 2017, § 117" in text
    assert "Rådhuset 14 juni 2017" in text
    link = page.find("a", string="14 juni 2017")
    assert link["href"] == "../beslut/#overenskommelsen-antas-2017-06-14"


def test_register_shows_every_decision_with_its_anchor(site):
    page = soup(site, "beslut/index.html")
    for decision in DATA.decisions.values():
        heading = page.find(id=decision.id)
        assert heading is not None and heading.name == "h3", decision.id
        assert decision.datum.swedish() in heading.get_text()
    repeal = page.find(id="ks-2024-03-06-upphavande").find_next("dl")
    fields = {dt.get_text(strip=True): dt.find_next("dd").get_text(" ", strip=True) for dt in repeal.find_all("dt")}
    assert fields["Organ"] == "Kommunstyrelsen"
    assert fields["Paragraf"] == "§ 60"
    assert fields["Diarienummer"] == "Anges inte i källan"
    assert fields["Beslut"].startswith("Kommunstyrelsen upphäver beslutet om samarbetsplanen")


def test_register_says_where_sources_disagree_or_only_plan(site):
    page = soup(site, "beslut/index.html")
    adoption = page.find(id="overenskommelsen-antas-2017-06-14").find_next("dl").get_text(" ", strip=True)
    assert "Källorna beskriver dagen olika" in adoption
    planned = page.find(id="ks-2020-02-12-arsrapport-2019")
    assert "(planerat)" in planned.get_text()
    assert "inte att det fattades" in planned.find_next("dl").get_text(" ", strip=True)


def test_timeline_has_year_headings_and_a_list_of_dated_events(site):
    page = soup(site, "historik/index.html")
    years = [h2.get_text(strip=True) for h2 in page.select("article h2") if h2.get("id") != "kallor"]
    assert years == sorted(years) and years[0] == "2014" and years[-1] == "2024"
    entries = page.select("ol.ma-timeline > li")
    assert len(entries) == len(DATA.timeline)
    for entry in entries:
        heading = entry.find("h3")
        time = heading.find("time")
        assert time is not None and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", time["datetime"])
        # The heading reads as one sentence to a screen reader: date, then what happened.
        assert re.match(r"^\S.*: \S", heading.get_text())


def test_timeline_never_invents_a_day(site):
    page = soup(site, "historik/index.html")
    start = page.find("time", attrs={"datetime": "2014-10"})
    assert start is not None and start.get_text() == "oktober 2014"
    assert page.find("time", attrs={"datetime": "2020"}).get_text() == "2020"


def test_annual_cycle_has_a_described_image_and_the_same_list(site):
    page = soup(site, "samarbetsplan-2021-2026/arshjul/index.html")
    wheel = page.find("svg", class_="ma-cycle__wheel")
    assert wheel["role"] == "img"
    assert wheel.find("title").get_text() == "Årshjul för Malmöandan"
    items = [re.sub(r"\s+", " ", li.get_text(" ", strip=True)) for li in page.select("ol.ma-cycle__list > li")]
    assert len(items) == len(DATA.annual_cycle)
    assert items[0].startswith("Februari : Malmöandans dialogforum") or items[0].startswith("Februari: Malmöandans dialogforum")
    # A short text alternative: the list after the wheel says everything, so the wheel does not
    # repeat it to screen readers.
    description = wheel.find("desc").get_text()
    assert len(description) < 250
    assert not any(item.aktivitet in description for item in DATA.annual_cycle)
    markers = [t.get_text() for t in wheel.select("text.ma-cycle__marker-text")]
    assert markers == [str(n) for n in range(1, len(DATA.annual_cycle) + 1)]


def test_matrix_is_a_table_with_headers_and_malmoandans_levels(site):
    table = soup(site, "samarbetsplan-2021-2026/deltagandematris/index.html").find("table", class_="ma-matrix")
    assert table.find("caption") is not None
    columns = [th.get_text(strip=True) for th in table.select("thead th")]
    assert columns[0] == "Nivå av deltagande" and columns[1:] == DATA.matrix["steg"]
    rows = {tr.find("th").find(string=True).strip(): tr for tr in table.select("tbody tr")}
    assert list(rows) == ["Information", "Samråd", "Dialog", "Partnerskap"]
    assert all(th.get("scope") == "row" for th in table.select("tbody th"))
    marked = [name for name, row in rows.items() if "ma-matrix__row--malmoandan" in row.get("class", [])]
    assert marked == ["Samråd", "Dialog"]


def test_plan_2018_shows_money_with_sums_in_swedish_format(site):
    text = article_text(soup(site, "samarbetsplan-2018-2022/index.html"))
    assert "Avsatt för 2019" in text and "Summa 1 500 000 kr" in text
    assert "Använt under 2019" in text and "Summa 1 420 000 kr" in text
    assert "Ungas hälsa och livsstil ZigZag förening funktionsstödsförvaltningen" in text
    assert "Stadsliv, allmänna platser och lokaler MISO Ingen utsedd" in text


@pytest.mark.parametrize("path", CONTENT_PAGES)
def test_public_pages_carry_no_notes_for_editors(site, path):
    # Where the facts live and the edit pencil are for previews (see test_preview.py).
    page = soup(site, path)
    assert page.select_one(".ma-data-note") is None
    assert page.find("a", title="Redigera sidan") is None
    assert "datafilerna" not in article_text(page)


def test_start_page_leads_with_what_happened_and_the_top_tasks(site):
    start = soup(site, "index.html")
    assert start.select_one("aside.md-banner") is None, "the start page says it once, not in the bar too"
    article = start.select_one("article.md-content__inner")
    lead = article.select_one(".ma-status-lead")
    first_h2 = article.find("h2")
    assert lead is not None and first_h2 is not None
    assert lead.find_next("h2") is first_h2, "the status box comes before the first section"
    tasks = [a["href"] for a in article.select("nav.ma-tasks a")]
    assert tasks == ["overenskommelsen/", "beslut/", "arsrapporter/", "siffror/"]
    # No event lies ahead in the real data, so no events block at all (not an empty one).
    assert "Kommande evenemang" not in article.get_text(" ")
    assert article.select_one("[data-ma-upcoming]") is None


def test_contact_route_is_set_once_and_not_invented(site):
    from macros import contact

    route = contact.load(ROOT)
    for path in ("om-webbplatsen/index.html", "tillganglighet/index.html"):
        paragraph = soup(site, path).select_one(".ma-contact")
        assert paragraph is not None, path
        if not contact.has_route(route):
            assert "inte bekräftat en kontaktväg" in paragraph.get_text()
            assert paragraph.find("a") is None, "no address while none is confirmed"


def test_a_confirmed_contact_route_shows_its_ways():
    from macros import contact

    html = contact.route_html({"bekräftad": True, "ansvarig": "Exempelförvaltningen", "e_post": "synpunkt@example.org", "telefon": None, "formulär": None})
    assert 'href="mailto:synpunkt@example.org"' in html and "Exempelförvaltningen" in html
    unconfirmed = contact.route_html({"bekräftad": False, "ansvarig": None, "e_post": "x@example.org", "telefon": None, "formulär": None})
    assert "mailto" not in unconfirmed


def test_decisions_open_with_a_summary_table_linking_each_entry(site):
    page = soup(site, "beslut/index.html")
    table = page.select_one("table.ma-table--decisions")
    links = [a["href"] for a in table.select("tbody th a")]
    assert links == [f"#{d.id}" for d in sorted(DATA.decisions.values(), key=lambda d: d.datum.sort_key)]
    for href in links:
        assert page.find(id=href[1:]) is not None, href
