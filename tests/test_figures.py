"""Annual reports, figures and open data: numbers formatted the Swedish way, and the same in
sentence, table and download.

Behaviour is tested on the fixture site (tests/fixtures/site). The rules that take each_site also
hold the real site (marked webbplatsen) to them: numbers shown equal the data, whatever the data.
"""

import csv
import io
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros import content
from scripts import sitebuild

DATA = content.load(sitebuild.FIXTURE_CONTENT)


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
def test_key_figures_appear_formatted(fixture_site, path, shown):
    article = soup(fixture_site, path).select_one("article")
    for reference in article.select(".ma-ref, .ma-ref__quote"):  # a figure's citation, read as its own
        reference.decompose()
    page_text = re.sub(r"\s+([.,:;)])", r"\1", re.sub(r"[ \t\n]+", " ", article.get_text(" ")))
    assert shown in page_text


def test_report_index_lists_years_without_a_report(fixture_site):
    page = soup(fixture_site, "arsrapporter/index.html")
    rows = {tr.th.get_text(strip=True): tr for tr in page.select("tbody tr")}
    assert list(rows) == ["2018", "2019", "2023"]
    # The years without a report are said once, under the table, in runs (issue 22).
    gaps = " ".join(page.select_one(".ma-table-wrap").find_next("p").get_text().split())
    assert "ingen årsrapport för 2017, 2020–2022 eller 2024" in gaps
    assert "STK-2023-1697" in rows["2023"].get_text() and "cirka 400 personer" in rows["2023"].get_text()
    assert "(planerat)" in rows["2019"].get_text()


def test_report_2023_names_its_decisions_and_statements(fixture_site):
    page = soup(fixture_site, "arsrapporter/2023/index.html")
    links = [a.get_text() for a in page.select(".ma-decision a")]
    assert links == ["kommunstyrelsens arbetsutskott 12 augusti 2024, § 382", "kommunstyrelsen 11 september 2024, § 221"]
    statements = [li.get_text(" ", strip=True) for li in page.find("h2", id="sarskilda-yttranden").find_next("ul").find_all("li")]
    assert statements[0].startswith("Särskilt yttrande av Helena Nanne, Håkan Fäldt, Anton Sauer (M, C).")
    assert statements[1].startswith("Särskilt yttrande av Magnus Olsson, Anders Olin (SD).")




def indicator_rows(site: Path, data: content.Content):
    """Each indicator with its row in the key-figures table (the row's id is the indicator's)."""
    page = soup(site, "siffror/index.html")
    for indicator in data.indicators.values():
        row = page.find("tr", id=indicator.id)
        assert row is not None, f"no row for {indicator.id}"
        yield indicator, row


def test_every_figure_has_its_value_period_source_and_csv(each_site):
    site, data = each_site
    for indicator, row in indicator_rows(site, data):
        cells = {td["data-label"]: td for td in row.find_all("td")}
        assert set(cells) == {"Värde", "Avser", "Källa", "Data"}
        value = indicator.by_year[0]
        assert indicator.namn in row.th.get_text(" ")
        assert indicator.definition in row.th.get_text(" "), "what is counted is in the row (folded)"
        assert cells["Avser"].get_text(strip=True) == value.avser
        assert cells["Källa"].get_text(" ", strip=True).startswith(value.avsnitt)
        csv_link = cells["Data"].find("a")["href"]
        assert csv_link == f"../oppna-data/siffror/{indicator.id}.csv"
        assert (site / "siffror" / csv_link).resolve().is_file()


def test_figures_page_says_once_which_year(each_site):
    site, data = each_site
    article = text(soup(site, "siffror/index.html"))
    years = {v.år for i in data.indicators.values() for v in i.värden}
    if years == {2023}:
        assert article.count("Alla tal gäller 2023") == 1
        assert "uppgift saknas" not in article, "no row of missing years when only one year has figures"


def test_csv_and_json_hold_exactly_the_numbers_the_tables_show(each_site):
    site, data = each_site
    rows = read_csv(site, "oppna-data/siffror.csv")
    downloaded = json.loads((site / "oppna-data" / "siffror.json").read_text(encoding="utf-8"))
    assert len(rows) == len(downloaded) == sum(len(i.värden) for i in data.indicators.values())
    for indicator, row in indicator_rows(site, data):
        shown = row.find("td", attrs={"data-label": "Värde"}).get_text(strip=True)
        own = read_csv(site, f"oppna-data/siffror/{indicator.id}.csv")
        for record in own:
            value = float(record["varde"])
            number = f"{value:,.1f}".rstrip("0").rstrip(".").replace(",", "\xa0").replace(".", ",")
            assert number in shown, (indicator.id, record, shown)
        assert [r for r in rows if r["indikator"] == indicator.id] == own


def test_decisions_download_matches_the_register(each_site):
    site, data = each_site
    assert {r["id"] for r in read_csv(site, "oppna-data/beslut.csv")} == set(data.decisions)


def test_decisions_download_has_each_field(fixture_site):
    rows = read_csv(fixture_site, "oppna-data/beslut.csv")
    repeal = next(r for r in rows if r["id"] == "ks-2024-03-06-upphavande")
    assert (repeal["organ"], repeal["datum"], repeal["paragraf"]) == ("kommunstyrelsen", "2024-03-06", "60")


def test_open_data_page_links_every_file_and_describes_every_column(each_site):
    site, _data = each_site
    page = soup(site, "oppna-data/index.html")
    hrefs = {a["href"] for a in page.select(".ma-dataset a")}
    for name in ("beslut", "evenemang", "siffror", "arsrapporter", "stod-2018"):
        assert f"../oppna-data/{name}.csv" in hrefs and f"../oppna-data/{name}.json" in hrefs
        assert (site / "oppna-data" / f"{name}.csv").is_file()
    assert len(page.select(".ma-dataset li code")) >= 30


def test_open_data_columns_are_their_fields_in_ascii_named_in_one_place():
    """One table of columns per dataset (figures.Column): the CSV/JSON name is derived from the
    field's own name, so år, värde and källa cannot drift from ar, varde and kalla."""
    from macros.figures import Column, Datasets

    assert [Column(f, "", None).name for f in ("år", "värde", "källor", "tjänsteskrivelse", "förvaltning", "till_mnkr")] == [
        "ar", "varde", "kallor", "tjansteskrivelse", "forvaltning", "till_mnkr"
    ]
    datasets = Datasets(DATA, None).all()
    for dataset in datasets.values():
        assert all(re.fullmatch(r"[a-z0-9_]+", name) for name in dataset.column_names)
        assert len(set(dataset.column_names)) == len(dataset.columns)


def test_csv_neutralises_spreadsheet_formulas():
    from macros.figures import csv_bytes

    out = csv_bytes(["a"], [{"a": "=HYPERLINK(\"x\")"}, {"a": "-1+2"}, {"a": "vanlig text"}]).decode("utf-8-sig")
    assert out.splitlines()[1:] == ['"\'=HYPERLINK(""x"")"', '"\'-1+2"', '"vanlig text"']


def test_each_report_opens_with_the_year_in_brief_from_data(each_site):
    site, data = each_site
    for year, report in data.reports.items():
        page = soup(site, f"arsrapporter/{year}/index.html")
        heading = page.find("h2", id="aret-i-korthet")
        assert heading is not None and heading.find_previous("h2") is None, "'Året i korthet' is the first section"
        summary = heading.find_next("ul", class_="ma-year-summary")
        text = summary.get_text(" ", strip=True)
        # No count of data rows: the rows are not what the report counts (issue 23's "3 fokusområden").
        assert "aktiviteter i rapporten" not in text and "fokusområden" not in text
        assert summary.find("a", href=re.compile(re.escape("#" + report.beslut[-1]) + "$"))


def test_year_in_brief_says_how_many_took_part(fixture_site):
    summary_2023 = soup(fixture_site, "arsrapporter/2023/index.html").select_one(".ma-year-summary").get_text(" ", strip=True)
    assert "Cirka 400 personer deltog i dialoger och evenemang" in summary_2023


SIFFRA_CALL = re.compile(r"""siffra\(\s*["']([^"']+)["']\s*,\s*(\d{4})\s*(?:,\s*tabell\s*=\s*True\s*)?\)""")


def test_numbers_in_prose_equal_the_data(each_site, request):
    """Every figure a page writes with siffra(…) shows the value data/indicators.yml holds for it,
    written as the site writes numbers (one to twelve in words in running text)."""
    from macros import formatting

    site, data = each_site
    root = sitebuild.ROOT if request.node.callspec.params["each_site"] == "site" else sitebuild.FIXTURE_CONTENT
    calls = 0
    for source in sorted((root / "docs").rglob("*.md")):
        relative = source.relative_to(root / "docs").with_suffix("")
        built = (relative.parent if relative.name == "index" else relative) / "index.html"
        page_text = None
        for call in SIFFRA_CALL.finditer(source.read_text(encoding="utf-8")):
            indicator = data.indicators[call[1]]
            value = indicator.value_for(int(call[2]))
            if "tabell" in call[0] or indicator.is_rating:
                expected = indicator.text(value)
            else:
                expected = value.prefix + formatting.number_in_text(value.värde)
            page_text = page_text or re.sub(r"[ \t\n]+", " ", soup(site, built.as_posix()).select_one("article").get_text(" ")).lower()
            assert expected.lower() in page_text, f"{built}: {call[0]} should show {expected!r}"
            calls += 1
    assert calls or root == sitebuild.ROOT, "the fixture site writes figures with siffra(…): the rule checked nothing"
