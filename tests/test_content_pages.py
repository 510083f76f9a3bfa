"""The content pages: key facts rendered from data/, the status notice on every page, and a
structure that makes sense without the visuals.

Behaviour is tested on the fixture site (tests/fixtures/site), whose pages and facts never change
with the real content. The rules marked webbplatsen (through each_site, or on the site fixture) hold
the real site to invariants that any valid content meets.
"""

import copy
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from macros import content, formatting, yamlfiles
from scripts import sitebuild
from tests.support import built_pages

DATA = content.load(sitebuild.FIXTURE_CONTENT)

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


def source_pages(root: Path):
    """Every page of docs/ under ``root`` with its built file and its front matter."""
    for source in sorted((root / "docs").rglob("*.md")):
        if yamlfiles.is_template(source):
            continue
        text = source.read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---\n", 2)[1]) if text.startswith("---\n") else {}
        relative = source.relative_to(root / "docs").with_suffix("")
        built = relative.parent if relative.name == "index" else relative
        yield source, (built / "index.html").as_posix().removeprefix("./"), meta or {}




def article_text(page: BeautifulSoup) -> str:
    """The article's text as it reads, without the citation references and their closed quotes."""
    article = copy.copy(page.select_one("article.md-content__inner"))
    for reference in article.select(".ma-ref, .ma-ref__quote"):
        reference.decompose()
    return re.sub(r"\s+", " ", re.sub(r"\s+([.,:;)])", r"\1", article.get_text(" "))).replace("\xa0", " ")


@pytest.mark.parametrize("path", CONTENT_PAGES)
def test_every_content_page_ends_with_its_sources(fixture_site, path):
    assert_ends_with_its_sources(soup(fixture_site, path), path)


def test_real_pages_with_facts_from_the_sources_end_with_their_sources(site):
    """Any page whose front matter names data/sources.yml among its facts (REDAKTORER.md §6) ends
    with a Källor heading and its list, and so does any page with a Källor heading at all."""
    with_facts = [built for _, built, meta in source_pages(sitebuild.ROOT) if "data/sources.yml" in (meta.get("uppgifter") or [])]
    with_heading = [path for path in built_pages(site) if soup(site, path).find("h2", id="kallor")]
    for path in sorted(set(with_facts) | set(with_heading)):
        assert_ends_with_its_sources(soup(site, path), path, list_class=None)


def assert_ends_with_its_sources(page: BeautifulSoup, path: str, list_class: str | None = "ma-sources") -> None:
    """The page's last section is Källor with a list that names at least one source: the
    kallor(…) macro's list (class ma-sources) on the pages it makes, or any list for pages an
    editor writes by hand (REDAKTORER.md §6, list_class=None)."""
    heading = page.find("h2", id="kallor")
    assert heading is not None, f"{path} has no Källor heading"
    sources = heading.find_next("ol", class_=list_class) if list_class else heading.find_next(["ol", "ul"])
    assert sources is not None and sources.find_all("li"), f"{path} lists no sources"
    # Nothing but the sources list comes after the heading.
    assert heading.find_next("h2") is None


@pytest.mark.parametrize("path", CONTENT_PAGES + ["om-webbplatsen/index.html", "404.html"])
def test_every_page_says_the_plan_was_repealed(fixture_site, path):
    # The start page says it once, in its lead box, instead of in the announcement bar.
    where = ".md-content .ma-status-lead" if path == "index.html" else "aside.md-banner .ma-status"
    notice = soup(fixture_site, path).select_one(where)
    assert notice is not None, f"no status notice on {path}"
    text = re.sub(r"\s+", " ", notice.get_text(" "))
    assert "Samarbetsplanen 2021–2026 gäller inte längre" in text
    assert "6 mars 2024" in text
    link = notice.find("a", string="Läs beslutet")
    expected = "./#ks-2024-03-06-upphavande" if path.startswith("beslut/") else "beslut/#ks-2024-03-06-upphavande"
    assert link["href"].endswith(expected)


def test_plan_page_shows_the_steering_group_from_data(fixture_site):
    text = article_text(soup(fixture_site, "samarbetsplan-2021-2026/index.html"))
    numbers = DATA.plans["plan-2021-2026"].tal
    words = formatting.number_in_text
    assert (
        f"Styrgruppen skulle ha {words(numbers['styrgrupp_ledamöter'])} ledamöter: "
        f"{words(numbers['styrgrupp_från_malmö_stad'])} från Malmö stad och "
        f"{words(numbers['styrgrupp_från_idéburen_sektor'])} från den idéburna sektorn."
    ) in text
    # Språkrådet: one to twelve in words in running text; the plan's rules stay the plan's.
    assert "Styrgruppen skulle ha åtta ledamöter: tre från Malmö stad och fem från den idéburna sektorn." in text
    assert "Uppdraget skulle gälla två år i taget." in text
    assert "Styrgruppen skulle mötas fyra gånger per år." in text
    assert "fyra till sex Malmötimmar" in text
    assert "resurser motsvarande två heltidstjänster" in text
    assert "beslutade senast i oktober" not in text and "i november 2022" in text


def test_agreement_page_shows_the_adoption_from_the_register(fixture_site):
    page = soup(fixture_site, "overenskommelsen/index.html")
    text = article_text(page)
    assert "kommunstyrelsen 24 maj 2017, § 117" in text
    assert "Rådhuset 14 juni 2017" in text
    link = page.find("a", string="14 juni 2017")
    assert link["href"] == "../beslut/#overenskommelsen-antas-2017-06-14"


def test_register_shows_every_decision_with_its_anchor(each_site):
    site, data = each_site
    page = soup(site, "beslut/index.html")
    for decision in data.decisions.values():
        heading = page.find(id=decision.id)
        assert heading is not None and heading.name == "h3", decision.id
        # The heading says what was decided; the date follows in the facts under it.
        assert heading.get_text(" ", strip=True).startswith(decision.rubrik)
        assert decision.datum.swedish() in heading.find_next("dl").get_text(" ")


def test_register_shows_each_field_of_a_decision(fixture_site):
    page = soup(fixture_site, "beslut/index.html")
    repeal = page.find(id="ks-2024-03-06-upphavande").find_next("dl")
    fields = {dt.get_text(strip=True): dt.find_next("dd").get_text(" ", strip=True) for dt in repeal.find_all("dt")}
    assert fields["Vem och när"].replace(" ,", ",") == "Kommunstyrelsen, 6 mars 2024, § 60"
    assert fields["Diarienummer"] == "Anges inte i källan"
    assert fields["Beslut"].startswith("Kommunstyrelsen upphäver beslutet om samarbetsplanen")


def test_register_says_where_sources_disagree_or_only_plan(fixture_site):
    page = soup(fixture_site, "beslut/index.html")
    # What to bear in mind stands in the decision's fold, after its facts.
    adoption = page.find(id="overenskommelsen-antas-2017-06-14").find_next("details").get_text(" ", strip=True)
    assert "Källorna beskriver dagen olika" in adoption
    planned = page.find(id="ks-2020-02-12-arsrapport-2019")
    assert "(planerat)" in planned.get_text()
    assert "inte att det fattades" in planned.find_next("dl").get_text(" ", strip=True)


def test_fixture_timeline_runs_from_its_first_year_to_its_last(fixture_site):
    page = soup(fixture_site, "historik/index.html")
    years = [h2.get_text(strip=True) for h2 in page.select("article h2") if h2.get("id") != "kallor"]
    assert years[0] == "2014" and years[-1] == "2024"


def test_timeline_has_year_headings_and_a_list_of_dated_events(each_site):
    site, data = each_site
    page = soup(site, "historik/index.html")
    years = [h2.get_text(strip=True) for h2 in page.select("article h2") if h2.get("id") != "kallor"]
    assert years and years == sorted(set(years)), "one heading per year, in order"
    entries = page.select("ol.ma-timeline > li")
    assert len(entries) == len(data.timeline)
    for entry in entries:
        heading = entry.find("h3")
        time = heading.find("time")
        assert time is not None and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", time["datetime"])
        # The heading reads as one sentence to a screen reader: date, then what happened.
        assert re.match(r"^\S.*: \S", heading.get_text())


def test_timeline_never_invents_a_day(fixture_site):
    page = soup(fixture_site, "historik/index.html")
    start = page.find("time", attrs={"datetime": "2014-10"})
    assert start is not None and start.get_text() == "oktober 2014"
    assert page.find("time", attrs={"datetime": "2020"}).get_text() == "2020"


def test_annual_cycle_has_a_described_image_and_the_same_list(fixture_site):
    page = soup(fixture_site, "samarbetsplan-2021-2026/arshjul/index.html")
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


def test_matrix_is_a_table_with_headers_and_malmoandans_levels(fixture_site):
    table = soup(fixture_site, "samarbetsplan-2021-2026/deltagandematris/index.html").find("table", class_="ma-matrix")
    assert table.find("caption") is not None
    columns = [th.get_text(strip=True) for th in table.select("thead th")]
    assert columns[0] == "Nivå av deltagande" and columns[1:] == DATA.matrix["steg"]
    rows = {tr.find("th").find(string=True).strip(): tr for tr in table.select("tbody tr")}
    assert list(rows) == ["Information", "Samråd", "Dialog", "Partnerskap"]
    assert all(th.get("scope") == "row" for th in table.select("tbody th"))
    marked = [name for name, row in rows.items() if "ma-matrix__row--malmoandan" in row.get("class", [])]
    assert marked == ["Samråd", "Dialog"]


def test_plan_2018_shows_money_with_sums_in_swedish_format(fixture_site):
    text = article_text(soup(fixture_site, "samarbetsplan-2018-2022/index.html"))
    assert "Avsatt för 2019" in text and "Summa, uträknad ur posterna 1 500 000 kr" in text
    assert "Använt under 2019" in text and "Summa, uträknad ur posterna 1 420 000 kr" in text
    assert "Ungas hälsa och livsstil ZigZag förening funktionsstödsförvaltningen" in text
    assert "Stadsliv, allmänna platser och lokaler MISO Ingen utsedd" in text


def test_public_pages_carry_no_notes_for_editors(each_site):
    # Where the facts live and the edit pencil are for previews (see test_preview.py).
    site, _ = each_site
    for path in built_pages(site):
        page = soup(site, path)
        assert page.select_one(".ma-data-note") is None, path
        # Om webbplatsen explains how the site is made, so it alone keeps the pencil
        # (overrides/partials/actions.html).
        if path != "om-webbplatsen/index.html":
            assert page.find("a", title="Redigera sidan") is None, path
        article = page.select_one("article.md-content__inner")
        assert article is None or "datafilerna" not in article_text(page), path


def test_start_page_leads_with_what_happened_and_the_top_tasks(fixture_site):
    start = soup(fixture_site, "index.html")
    assert start.select_one("aside.md-banner") is None, "the start page says it once, not in the bar too"
    article = start.select_one("article.md-content__inner")
    lead = article.select_one(".ma-status-lead")
    first_h2 = article.find("h2")
    assert lead is not None and first_h2 is not None
    assert lead.find_next("h2") is first_h2, "the status box comes before the first section"
    tasks = [a["href"] for a in article.select("nav.ma-tasks a")]
    assert tasks == ["overenskommelsen/", "beslut/", "arsrapporter/", "siffror/"]
    # No event lies ahead in the fixture data, so no events block at all (not an empty one).
    assert "Kommande evenemang" not in article.get_text(" ")
    assert article.select_one("[data-ma-upcoming]") is None


def test_contact_route_is_set_once_and_not_invented(fixture_site):
    from macros import contact

    route = DATA.contact
    for path in ("om-webbplatsen/index.html", "tillganglighet/index.html"):
        paragraph = soup(fixture_site, path).select_one(".ma-contact")
        assert paragraph is not None, path
        if not contact.has_route(route):
            assert "ännu ingen e-postadress" in paragraph.get_text()
            assert paragraph.find("a") is None, "no address while none is confirmed"


def test_a_confirmed_contact_route_shows_its_ways():
    from macros import contact

    html = contact.route_html({"bekräftad": True, "ansvarig": "Exempelförvaltningen", "e_post": "synpunkt@example.org", "telefon": None, "formulär": None})
    assert 'href="mailto:synpunkt@example.org"' in html and "Exempelförvaltningen" in html
    unconfirmed = contact.route_html({"bekräftad": False, "ansvarig": None, "e_post": "x@example.org", "telefon": None, "formulär": None})
    assert "mailto" not in unconfirmed


def test_decisions_open_with_a_summary_table_linking_each_entry(each_site):
    site, data = each_site
    page = soup(site, "beslut/index.html")
    table = page.select_one("table.ma-table--decisions")
    links = [a["href"] for a in table.select("tbody th a")]
    assert links == [f"#{d.id}" for d in sorted(data.decisions.values(), key=lambda d: d.datum.sort_key)]
    for href in links:
        assert page.find(id=href[1:]) is not None, href


# ---- quotes behind the facts ---------------------------------------------------------------------


def test_sources_list_shows_the_quotes_behind_the_pages_facts(fixture_site):
    page = soup(fixture_site, "samarbetsplan-2021-2026/index.html")
    sources = page.find("h2", id="kallor").find_next("ol", class_="ma-sources")
    quotes = [re.sub(r"\s+", " ", q.get_text()) for q in sources.select("ul.ma-quotes q")]
    assert quotes, "no quotes under the sources"
    # Every number on the page has its sentence from the plan under the plan's entry.
    for quote in DATA.plans["plan-2021-2026"].citat.values():
        assert quote in quotes


def test_every_timeline_entry_and_decision_shows_its_quotes(each_site):
    site, data = each_site
    # A history entry points into the page's sources list, where its quotes are.
    history = soup(site, "historik/index.html")
    for entry in history.select("ol.ma-timeline > li"):
        source = history.find(id=entry.select_one('.ma-timeline__meta a[href^="#kalla-"]')["href"][1:])
        assert source.select("details .ma-quotes q"), entry.find("h3").get_text()
    register = soup(site, "beslut/index.html")
    for decision in data.decisions.values():
        assert register.find(id=decision.id).find_next("details").find_all("q"), decision.id


def test_register_lists_who_the_2023_report_was_sent_to(fixture_site):
    register = soup(fixture_site, "beslut/index.html")
    heading = register.find(id="ks-2024-09-11-arsrapport-2023")
    facts = heading.find_next("dl")
    fields = {dt.get_text(strip=True): dt.find_next("dd").get_text(" ", strip=True) for dt in facts.find_all("dt")}
    assert "för kännedom" in fields["Beslut"]
    fold = " ".join(heading.find_next("details").get_text(" ").split())
    assert "Beslutet skickas till: Malmö Ideella, Malmö Idrottens Samorganisation (MISO), Arbetsmarknads- och socialnämnden" in fold
    assert "Två särskilda yttranden" in fold


def test_corrected_claims_stay_corrected(fixture_site):
    """Claims the sources do not make (issue 13) must not come back."""
    start = article_text(soup(fixture_site, "index.html"))
    assert "rapporterade varje år" not in start and "samordnare på heltid" not in start
    assert "årsrapporterna för 2018, 2019 och 2023" in start
    report_2023 = article_text(soup(fixture_site, "arsrapporter/2023/index.html"))
    assert "tre fokusområden" not in report_2023 and "arbetade ensam" not in report_2023
    assert "ett fokusområde för 2023" in report_2023
    assert "styrets ledning av projektet" in " ".join(s.sammanfattning for s in DATA.reports[2023].yttranden)
    assert "utan anmärkning" in report_2023 or "fortsatte samordningen" in report_2023
    assert "Inför framtiden" in report_2023
    plan_2018 = article_text(soup(fixture_site, "samarbetsplan-2018-2022/index.html"))
    assert "bara två organisationer kvar" not in plan_2018
    assert "MISO och Malmö Ideella de enda som företrädde den idéburna sektorn" in plan_2018
    report_2018 = DATA.reports[2018]
    assert not any("Verkstäder" in a.titel for a in report_2018.aktiviteter)
    figures = article_text(soup(fixture_site, "siffror/index.html"))
    assert "varje tal ur årsrapporterna" not in figures
    easy = article_text(soup(fixture_site, "lattlast/index.html"))
    assert "fungerade inte så bra" not in easy
    english = article_text(soup(fixture_site, "in-english/index.html"))
    assert "reported on the work to the City Executive Board every year" not in english
    assert "6 March 2024" in english and "mars" not in english
    kf = DATA.decisions["overenskommelsen-antas-2017-06-14"]
    assert kf.diarienummer is None and "STK-2017-1039" in kf.anmärkning
    assert any(r.förvaltning.startswith("Kommunstyrelsen") and r.mnkr == 25.2 for r in DATA.survey.stöd_2018)


def test_the_english_page_says_the_status_in_english(fixture_site):
    notice = soup(fixture_site, "in-english/index.html").select_one(".ma-status")
    assert notice["lang"] == "en"
    text = " ".join(notice.get_text(" ").split())
    assert "The City Executive Board repealed it on 6 March 2024" in text
    assert "Observera" not in text and "upphävde" not in text
