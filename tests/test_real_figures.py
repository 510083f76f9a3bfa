"""Annual reports, figures and open data on the real site: numbers formatted the Swedish way,
and the same in sentence, chart, table and download."""

import csv
import io
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros import content

ROOT = Path(__file__).parent.parent
DATA = content.load(ROOT)


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def text(page: BeautifulSoup) -> str:
    return re.sub(r"\s+", " ", page.select_one("article").get_text(" "))


def read_csv(site: Path, path: str) -> list[dict]:
    raw = (site / path).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV files start with a byte order mark for spreadsheets"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    "path, shown",
    [
        ("arsrapporter/2023/index.html", "Cirka 400 personer deltog i Malmöandans dialoger och evenemang"),
        ("arsrapporter/2023/index.html", "i genomsnitt betyget 4,3 av 5"),
        ("arsrapporter/2023/index.html", "minst 1\xa0226"),
        ("arsrapporter/2023/index.html", "2\xa0406"),
        ("arsrapporter/2019/index.html", "1\xa0500\xa0000\xa0kr"),
        ("arsrapporter/2019/index.html", "1\xa0420\xa0000\xa0kr"),
        ("samarbetsplan-2018-2022/index.html", "1\xa0500\xa0000\xa0kr"),
        ("kartlaggning-2019/index.html", "109,7\xa0mnkr"),
        ("kartlaggning-2019/index.html", "drygt 70\xa0mnkr"),
        ("kartlaggning-2019/index.html", "0,2–0,3\xa0mnkr"),
        ("siffror/index.html", "4,3 av 5"),
        ("siffror/index.html", "minst 1\xa0226 sammankomster"),
    ],
)
def test_key_figures_appear_formatted(site, path, shown):
    page_text = re.sub(r"[ \t\n]+", " ", soup(site, path).select_one("article").get_text(" "))
    assert shown in page_text


def test_report_index_lists_years_without_a_report(site):
    page = soup(site, "arsrapporter/index.html")
    rows = {tr.th.get_text(strip=True): tr for tr in page.select("tbody tr")}
    assert list(rows) == ["2018", "2019", "2023"]
    # The years without a report are said once, under the table, in runs (issue 22).
    gaps = " ".join(page.select_one(".ma-table-wrap").find_next("p").get_text().split())
    assert "ingen årsrapport för 2017, 2020–2022 eller 2024" in gaps
    assert "STK-2023-1697" in rows["2023"].get_text() and "cirka 400 personer" in rows["2023"].get_text()
    assert "(planerat)" in rows["2019"].get_text()


def test_report_2023_names_its_decisions_and_statements(site):
    page = soup(site, "arsrapporter/2023/index.html")
    links = [a.get_text() for a in page.select(".ma-decision a")]
    assert links == ["kommunstyrelsens arbetsutskott 12 augusti 2024, § 382", "kommunstyrelsen 11 september 2024, § 221"]
    statements = [li.get_text(" ", strip=True) for li in page.find("h2", id="sarskilda-yttranden").find_next("ul").find_all("li")]
    assert statements[0].startswith("Särskilt yttrande av Helena Nanne, Håkan Fäldt, Anton Sauer (M, C).")
    assert statements[1].startswith("Särskilt yttrande av Magnus Olsson, Anders Olin (SD).")




def indicator_rows(site: Path):
    """Each indicator with its row in the key-figures table (the row's id is the indicator's)."""
    page = soup(site, "siffror/index.html")
    for indicator in DATA.indicators.values():
        row = page.find("tr", id=indicator["id"])
        assert row is not None, f"no row for {indicator['id']}"
        yield indicator, row


def test_every_figure_has_its_value_period_source_and_csv(site):
    for indicator, row in indicator_rows(site):
        cells = {td["data-label"]: td for td in row.find_all("td")}
        assert set(cells) == {"Värde", "Avser", "Källa", "Data"}
        value = indicator["värden"][0]
        assert indicator["namn"] in row.th.get_text(" ")
        assert indicator["definition"] in row.th.get_text(" "), "what is counted is in the row (folded)"
        assert cells["Avser"].get_text(strip=True) == value["avser"]
        assert cells["Källa"].get_text(" ", strip=True).startswith(value["avsnitt"])
        csv_link = cells["Data"].find("a")["href"]
        assert csv_link == f"../oppna-data/siffror/{indicator['id']}.csv"
        assert (site / "siffror" / csv_link).resolve().is_file()


def test_figures_page_says_once_which_year_and_has_no_one_bar_charts(site):
    article = text(soup(site, "siffror/index.html"))
    years = {v["år"] for i in DATA.indicators.values() for v in i["värden"]}
    if years == {2023}:
        assert article.count("Alla tal gäller 2023") == 1
        assert "uppgift saknas" not in article, "no row of missing years when only one year has figures"
    page = soup(site, "siffror/index.html")
    # A chart only where it compares three years or more; today no indicator has that.
    charted = [i for i in DATA.indicators.values() if len(i["värden"]) >= 3]
    assert len(page.select("article svg.ma-chart")) == len(charted)


def test_a_chart_compares_years_with_whole_ticks_and_swedish_numbers():
    from macros import charts

    svg = charts._draw("d", "Titel", "Text", [2019, 2020, 2021, 2022], {2019: 2, 2021: 1, 2022: 2}, {2019: "2", 2021: "1", 2022: "2"}, "tillfällen")
    ticks = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "0,5" not in ticks and "1,5" not in ticks and "0.5" not in ticks, ticks
    assert "–" in ticks, "the missing year 2020 has the site's missing-data marker"
    big = charts._draw("e", "Titel", "Text", [2021, 2022, 2023], {2021: 1500, 2022: 1000, 2023: 1226}, {2021: "1 500", 2022: "1 000", 2023: "1 226"}, "besök")
    assert "1\xa0000" in re.findall(r"<text[^>]*>([^<]*)</text>", big), "thousands with a space, the Swedish way"
    assert not re.search(r"#[0-9a-fA-F]{6}", svg), "a chart must take its colours from CSS variables"
    assert "var(--ma-chart-bar)" in svg


def test_csv_and_json_hold_exactly_the_numbers_the_tables_show(site):
    rows = read_csv(site, "oppna-data/siffror.csv")
    data = json.loads((site / "oppna-data" / "siffror.json").read_text(encoding="utf-8"))
    assert len(rows) == len(data) == sum(len(i["värden"]) for i in DATA.indicators.values())
    for indicator, row in indicator_rows(site):
        shown = row.find("td", attrs={"data-label": "Värde"}).get_text(strip=True)
        own = read_csv(site, f"oppna-data/siffror/{indicator['id']}.csv")
        for record in own:
            value = float(record["varde"])
            number = f"{value:,.1f}".rstrip("0").rstrip(".").replace(",", "\xa0").replace(".", ",")
            assert number in shown, (indicator["id"], record, shown)
        assert [r for r in rows if r["indikator"] == indicator["id"]] == own


def test_decisions_download_matches_the_register(site):
    rows = read_csv(site, "oppna-data/beslut.csv")
    assert {r["id"] for r in rows} == set(DATA.decisions)
    repeal = next(r for r in rows if r["id"] == "ks-2024-03-06-upphavande")
    assert (repeal["organ"], repeal["datum"], repeal["paragraf"]) == ("kommunstyrelsen", "2024-03-06", "60")


def test_open_data_page_links_every_file_and_describes_every_column(site):
    page = soup(site, "oppna-data/index.html")
    hrefs = {a["href"] for a in page.select(".ma-dataset a")}
    for name in ("beslut", "evenemang", "siffror", "arsrapporter", "stod-2018"):
        assert f"../oppna-data/{name}.csv" in hrefs and f"../oppna-data/{name}.json" in hrefs
        assert (site / "oppna-data" / f"{name}.csv").is_file()
    assert len(page.select(".ma-dataset li code")) >= 30


def test_real_open_data_columns_are_their_fields_in_ascii_named_in_one_place():
    """One table of columns per dataset (figures.Column): the CSV/JSON name is derived from the
    field's own name, so år, värde and källa cannot drift from ar, varde and kalla."""
    from macros.figures import Column, Datasets

    assert [Column(f, "", None).name for f in ("år", "värde", "källor", "tjänsteskrivelse", "förvaltning", "till_mnkr")] == [
        "ar", "varde", "kallor", "tjansteskrivelse", "forvaltning", "till_mnkr"
    ]
    datasets = Datasets(content.load(Path(__file__).parent.parent), None).all()
    for dataset in datasets.values():
        assert all(re.fullmatch(r"[a-z0-9_]+", name) for name in dataset.column_names)
        assert len(set(dataset.column_names)) == len(dataset.columns)


def test_csv_neutralises_spreadsheet_formulas():
    from macros.figures import csv_bytes

    out = csv_bytes(["a"], [{"a": "=HYPERLINK(\"x\")"}, {"a": "-1+2"}, {"a": "vanlig text"}]).decode("utf-8-sig")
    assert out.splitlines()[1:] == ['"\'=HYPERLINK(""x"")"', '"\'-1+2"', '"vanlig text"']


def test_each_report_opens_with_the_year_in_brief_from_data(site):
    for year, report in DATA.reports.items():
        page = soup(site, f"arsrapporter/{year}/index.html")
        heading = page.find("h2", id="aret-i-korthet")
        assert heading is not None and heading.find_previous("h2") is None, "'Året i korthet' is the first section"
        summary = heading.find_next("ul", class_="ma-year-summary")
        text = summary.get_text(" ", strip=True)
        assert f"{len(report['aktiviteter'])} aktiviteter" in text
        assert summary.find("a", href=lambda h: h and h.endswith("#" + report["beslut"][-1]))
    summary_2023 = soup(site, "arsrapporter/2023/index.html").select_one(".ma-year-summary").get_text(" ", strip=True)
    assert "Cirka 400 personer deltog i dialoger och evenemang" in summary_2023
