"""Annual reports, indicators and the 2019 survey as pages show them, and as open data.

Every number comes from data/ once: the same records feed the sentence, the chart, the table
and the CSV/JSON downloads, so they cannot disagree.
"""

import csv
import re
import io
import json
from pathlib import Path

from markupsafe import Markup

from . import charts, escape, formatting
from .dates import PartialDate
from .calendar_files import place_text
from .events import EVENT_TYPES

CHART_YEARS = list(range(2018, 2024))  # the years annual reports covered (none in the sources for 2020–2022)
REPORT_YEARS = list(range(2017, 2025))  # the agreement's years, for the report index
OPEN_DATA = "oppna-data"


def value_text(value, indicator: dict | None = None) -> str:
    """A figure as readers see it: "cirka 400", "minst 1 226", "4,3 av 5"."""
    number = formatting.number(value["värde"])
    prefix = f"{value['precision']} " if value.get("precision") else ""
    if indicator and indicator.get("enhet") == "betyg":
        return f"{prefix}{number} av {indicator['skala']}"
    return prefix + number


def mnkr_text(row: dict) -> str:
    text = formatting.number(row["mnkr"])
    if row.get("till_mnkr") is not None:
        text += "–" + formatting.number(row["till_mnkr"])
    return (f"{row['precision']} " if row.get("precision") else "") + text + "\u00a0mnkr"


# ---- open data ----------------------------------------------------------------------------------


# A cell, or a piece of it after ; or , (what a spreadsheet reading the file with another
# separator would take for a cell), that starts with one of these would run as a formula.
FORMULA_START = re.compile(r"(^|[;,]\s*)([=+\-@\t\r])")


def _csv_cell(value):
    """A value for the open-data CSV: numbers stay numbers; in text, each place where a formula
    could start gets a ' before it, which spreadsheets show as text."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return FORMULA_START.sub(lambda m: m.group(1) + "'" + m.group(2), str(value))


def csv_bytes(columns: list[str], rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    # Every text cell in quotes: a reader who opens the file with ';' as separator (Swedish
    # Excel) still sees each value whole.
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(row.get(column)) for column in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM lets spreadsheet programs read å, ä, ö


def json_bytes(columns: list[str], rows: list[dict]) -> bytes:
    return (json.dumps([{c: row.get(c) for c in columns} for row in rows], ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class Datasets:
    """The open datasets: name -> (title, description, {column: meaning}, rows)."""

    def __init__(self, content, site):
        self.content = content
        self.site = site

    def all(self) -> dict:
        c = self.content
        return {
            "beslut": (
                "Beslut",
                "Besluten om Malmöandan, som i beslutsregistret.",
                {
                    "id": "beslutets id",
                    "organ": "vem som beslutade",
                    "datum": "beslutsdag (ÅÅÅÅ-MM-DD, eller ÅÅÅÅ-MM/ÅÅÅÅ när källan inte anger dagen)",
                    "paragraf": "paragraf i protokollet, tom om okänd",
                    "diarienummer": "diarienummer, tomt om okänt",
                    "status": "fattat eller planerat",
                    "beslut": "vad som beslutades",
                    "kallor": "källornas id, åtskilda med semikolon",
                },
                [
                    {
                        "id": d.id,
                        "organ": d.organ,
                        "datum": d.datum.iso(),
                        "paragraf": d.paragraf,
                        "diarienummer": d.diarienummer,
                        "status": d.status,
                        "beslut": d.beslut,
                        "kallor": ";".join(d.källor),
                    }
                    for d in sorted(c.decisions.values(), key=lambda d: d.datum.sort_key)
                ],
            ),
            "evenemang": (
                "Evenemang",
                "Alla evenemang i kalendern, kommande och tidigare.",
                {
                    "id": "evenemangets id (filnamnet)",
                    "titel": "namn",
                    "typ": "typ av evenemang",
                    "start": "start, svensk tid med UTC-förskjutning, eller datum för heldag",
                    "slut": "slut i samma form, tomt om inte angivet",
                    "plats": "plats, tom om okänd",
                    "status": "planerad, inställd, flyttad eller genomförd",
                    "deltagare": "antal deltagare, om det rapporterats",
                    "betyg": "genomsnittligt betyg 1–5, om det rapporterats",
                    "adress": "evenemangets sida",
                },
                [
                    {
                        "id": e.slug,
                        "titel": e.titel,
                        "typ": EVENT_TYPES[e.typ],
                        "start": e.start.isoformat(),
                        "slut": e.slut.isoformat() if e.slut else None,
                        "plats": place_text(e, c.places),
                        "status": e.status,
                        "deltagare": e.deltagare,
                        "betyg": e.betyg,
                        "adress": self.site.url(e.url_path),
                    }
                    for e in c.events
                ],
            ),
            "siffror": (
                "Deltagande i siffror",
                "Varje tal på sidan Deltagande i siffror, ett per indikator och år.",
                {
                    "indikator": "indikatorns id",
                    "namn": "indikatorns namn",
                    "ar": "år",
                    "varde": "talet (punkt som decimaltecken)",
                    "precision": "cirka, minst, drygt eller tomt om talet är exakt",
                    "enhet": "vad talet räknar",
                    "skala": "skalans högsta värde för betyg",
                    "avser": "vilken tid eller vilket tillfälle talet gäller",
                    "kalla": "källans id",
                    "avsnitt": "var i källan talet står",
                },
                [
                    {
                        "indikator": i["id"],
                        "namn": i["namn"],
                        "ar": v["år"],
                        "varde": v["värde"],
                        "precision": v.get("precision"),
                        "enhet": i["enhet"],
                        "skala": i.get("skala"),
                        "avser": v["avser"],
                        "kalla": v["källa"],
                        "avsnitt": v["avsnitt"],
                    }
                    for i in c.indicators.values()
                    for v in sorted(i["värden"], key=lambda v: v["år"])
                ],
            ),
            "arsrapporter": (
                "Årsrapporter",
                "Årsrapporterna till kommunstyrelsen, med ärende och beslut.",
                {
                    "ar": "rapportens år",
                    "diarienummer": "ärendets diarienummer",
                    "tjansteskrivelse": "tjänsteskrivelsens datum",
                    "beslut": "id för besluten, åtskilda med semikolon",
                    "kalla": "källans id",
                },
                [
                    {
                        "ar": year,
                        "diarienummer": r["diarienummer"],
                        "tjansteskrivelse": r["tjänsteskrivelse"],
                        "beslut": ";".join(r["beslut"]),
                        "kalla": r["källa"],
                    }
                    for year, r in sorted(c.reports.items())
                ],
            ),
            "stod-2018": (
                "Stöd till idéburen sektor 2018",
                "Stödet per förvaltning 2018 enligt kartläggningen 2019, i miljoner kronor.",
                {
                    "forvaltning": "förvaltning",
                    "mnkr": "miljoner kronor (punkt som decimaltecken)",
                    "till_mnkr": "övre gräns när källan anger ett spann",
                    "precision": "drygt, cirka eller tomt",
                    "vad": "vad stödet är",
                },
                [
                    {"forvaltning": r["förvaltning"], "mnkr": r["mnkr"], "till_mnkr": r.get("till_mnkr"), "precision": r.get("precision"), "vad": r["vad"]}
                    for r in c.survey["stöd_2018"]
                ],
            ),
        }

    def write(self, site_dir: Path) -> None:
        folder = site_dir / OPEN_DATA
        (folder / "siffror").mkdir(parents=True, exist_ok=True)
        for name, (_title, _description, columns, rows) in self.all().items():
            (folder / f"{name}.csv").write_bytes(csv_bytes(list(columns), rows))
            (folder / f"{name}.json").write_bytes(json_bytes(list(columns), rows))
        _title, _description, columns, rows = self.all()["siffror"]
        for indicator in self.content.indicators:
            (folder / "siffror" / f"{indicator}.csv").write_bytes(csv_bytes(list(columns), [r for r in rows if r["indikator"] == indicator]))


# ---- page blocks --------------------------------------------------------------------------------


def _table(caption: str, headers: list[str], rows: list[list], numeric: set[int] = frozenset(), row_headers: bool = True) -> str:
    """An accessible table: caption, column headers, a row header in the first column."""
    number_class = ' class="ma-number"'
    head = "".join(f'<th scope="col"{number_class if i in numeric else ""}>{escape.text(h)}</th>' for i, h in enumerate(headers))
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            text = cell if isinstance(cell, Markup) else escape.text(cell)
            css = ' class="ma-number"' if i in numeric else ""
            cells.append(f'<th scope="row"{css}>{text}</th>' if i == 0 and row_headers else f"<td{css}>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<div class="ma-table-wrap" role="region" tabindex="0" aria-label="{escape.text(caption)}"><table class="ma-table">'
        f"<caption>{escape.text(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


class FigureRenderer:
    def __init__(self, renderer, site):
        self.renderer = renderer
        self.content = renderer.content
        self.site = site

    def report(self, year: int) -> dict:
        try:
            return self.content.reports[year]
        except KeyError:
            raise KeyError(f"det finns ingen årsrapport för {year} i data/reports/") from None

    def value(self, indicator_id: str, year: int) -> str:
        indicator = self.content.indicators[indicator_id]
        value = next((v for v in indicator["värden"] if v["år"] == year), None)
        if value is None:
            raise KeyError(f"indikatorn {indicator_id} har inget värde för {year}")
        return value_text(value, indicator)

    def report_facts(self, page, year: int) -> Markup:
        r = self.report(year)
        decisions = "; ".join(
            f'<a href="{self.renderer.page_url(page, "beslut.md", d)}">{escape.text(self.renderer.decision_label(d))}</a>'
            + (" (planerat)" if self.content.decisions[d].status == "planerat" else "")
            for d in r["beslut"]
        )
        people = lambda persons: "; ".join(f"{escape.text(p['namn'])}, {escape.text(p['titel'])}" for p in persons)  # noqa: E731
        rows = [("Diarienummer", escape.text(r["diarienummer"])), ("Beslut", decisions)]
        rows.append(("Tjänsteskrivelse", escape.text(PartialDate.parse(r["tjänsteskrivelse"]).swedish())))
        if r.get("handläggare"):
            rows.append(("Handläggare", people([r["handläggare"]])))
        rows.append(("Ansvariga", people(r["ansvariga"])))
        if r.get("rapportör"):
            rows.append(("Rapporten skrevs av", people([r["rapportör"]])))
        items = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
        return Markup(f'<dl class="ma-decision">{items}</dl>')

    def report_list(self, year: int, key: str) -> Markup:
        return Markup('<ul>' + "".join(f"<li>{escape.text(item)}</li>" for item in self.report(year).get(key, [])) + "</ul>")

    def report_activities(self, year: int) -> Markup:
        rows = []
        for a in self.report(year).get("aktiviteter", []):
            participants = ""
            if a.get("deltagare") is not None:
                participants = ("cirka " if a.get("deltagare_ungefär") else "") + formatting.number(a["deltagare"])
            rating = f"{formatting.number(a['betyg'])} av 5" if a.get("betyg") is not None else ""
            rows.append([a["titel"], EVENT_TYPES[a["typ"]], ", ".join(a.get("partner", [])), participants or "–", rating or "–"])
        return Markup(_table(f"Aktiviteter {year}", ["Aktivitet", "Typ", "Tillsammans med", "Deltagare", "Betyg"], rows, numeric={3, 4}))

    def report_figures(self, page, year: int) -> Markup:
        rows = []
        for indicator in self.content.indicators.values():
            for v in indicator["värden"]:
                if v["år"] == year:
                    link = Markup(f'<a href="{self.renderer.page_url(page, "siffror.md", indicator["id"])}">{escape.text(indicator["namn"])}</a>')
                    rows.append([link, value_text(v, indicator), indicator["enhet"], v["avser"]])
        return Markup(_table(f"Siffror i årsrapporten {year}", ["Indikator", "Värde", "Enhet", "Avser"], rows, numeric={1}))

    def report_budget(self, year: int, part: str) -> Markup:
        budget = self.report(year).get("budget")
        if not budget or part not in budget:
            raise KeyError(f"årsrapporten {year} har ingen budget med {part}")
        lines = budget[part]
        rows = [[line["post"], formatting.kronor(line["kronor"])] for line in lines]
        rows.append([Markup("<strong>Summa</strong>"), Markup(f"<strong>{escape.text(formatting.kronor(sum(l['kronor'] for l in lines)))}</strong>")])
        caption = {"avsatt": f"Avsatt för {year}", "använt": f"Använt under {year}"}[part]
        return Markup(_table(caption, ["Post", "Kronor"], rows, numeric={1}, row_headers=False))

    def report_statements(self, year: int) -> Markup:
        items = []
        for s in self.report(year).get("yttranden", []):
            who = ", ".join(s["ledamöter"]) + f" ({', '.join(s['partier'])})"
            also = f" Med instämmande av {', '.join(s['instämmande'])}." if s.get("instämmande") else ""
            items.append(f"<li><strong>{escape.text(s['typ'].capitalize())} av {escape.text(who)}.</strong>{escape.text(also)} {escape.text(s['sammanfattning'])}</li>")
        if not items:
            return Markup("<p>Inga särskilda yttranden eller reservationer.</p>")
        return Markup("<ul>" + "".join(items) + "</ul>")

    def report_index(self, page) -> Markup:
        rows = []
        for year in REPORT_YEARS:
            r = self.content.reports.get(year)
            if r is None:
                rows.append([str(year), Markup("<em>Ingen årsrapport i källorna</em>"), "–", "–", "–"])
                continue
            link = Markup(f'<a href="{self.renderer.page_url(page, f"arsrapporter/{year}.md")}">{year}</a>')
            last = self.content.decisions[r["beslut"][-1]]
            decided = f"{last.organ} {last.datum.swedish()}" + (" (planerat)" if last.status == "planerat" else "")
            focus = "; ".join(r.get("fokusområden", [])[:1]) + (" m.fl." if len(r.get("fokusområden", [])) > 1 else "") or "–"
            figures = [
                f"{value_text(v, i)} {i['enhet']}" if i["enhet"] != "betyg" else f"betyg {value_text(v, i)}"
                for i in self.content.indicators.values()
                for v in i["värden"]
                if v["år"] == year and i["id"] in ("deltagare-dialoger-och-evenemang", "betyg-aktiviteter")
            ]
            if r.get("budget"):
                figures.append(f"{formatting.kronor(r['budget']['avsatt_totalt'])} avsatt")
            rows.append([link, r["diarienummer"], decided, focus, "; ".join(figures) or "–"])
        return Markup(_table("Årsrapporter per år", ["År", "Diarienummer", "Beslut", "Fokus", "Nyckeltal"], rows))

    def indicators(self, page) -> Markup:
        parts = []
        for number, indicator in enumerate(self.content.indicators.values(), start=1):
            values = {v["år"]: v for v in indicator["värden"]}
            sentences = []
            for year, v in sorted(values.items()):
                unit = "" if indicator["enhet"] == "betyg" else f" {indicator['enhet']}"
                sentences.append(f"{year}: {value_text(v, indicator)}{unit} ({v['avser']}).")
            missing = [y for y in CHART_YEARS if y not in values]
            sentence = " ".join(sentences) + (f" Uppgift saknas för {', '.join(map(str, missing))}." if missing else "")
            chart = charts.bar_chart(
                f"diagram-{number}",
                indicator["namn"],
                sentence,
                CHART_YEARS,
                {y: v["värde"] for y, v in values.items() if y in CHART_YEARS},
                {y: value_text(v, indicator) for y, v in values.items()},
                indicator["enhet"],
            )
            table_rows = [
                [str(y), value_text(values[y], indicator) if y in values else "uppgift saknas", values[y]["avser"] if y in values else "–"]
                for y in CHART_YEARS
            ]
            sources = "; ".join(
                f"{escape.text(self.renderer.source_label(v['källa']))}, {escape.text(v['avsnitt'])}" for v in values.values()
            )
            notes = "".join(f"<p class=\"ma-note\">{escape.text(v['anmärkning'])}</p>" for v in values.values() if v.get("anmärkning"))
            csv_link = self.renderer.site_root(page) + f"{OPEN_DATA}/siffror/{indicator['id']}.csv"
            parts.append(
                f"## {escape.text(indicator['namn'])} {{ #{indicator['id']} }}\n\n"
                f'<div class="ma-indicator">'
                f"<p>{escape.text(sentence)}</p>"
                f'<p class="ma-indicator__definition"><strong>Vad räknas:</strong> {escape.text(indicator["definition"])} '
                f"<strong>Period:</strong> {escape.text(indicator['period'])}.</p>"
                f"<figure>{chart}</figure>"
                + _table(f"{indicator['namn']} per år", ["År", "Värde", "Avser"], table_rows, numeric={1})
                + notes
                + f'<p class="ma-indicator__source">Källa: {sources}. <a href="{csv_link}">Ladda ner som CSV</a></p>'
                "</div>\n"
            )
        return Markup("\n".join(parts))

    def survey_support(self) -> Markup:
        rows = [[r["förvaltning"], r["vad"], mnkr_text(r)] for r in self.content.survey["stöd_2018"]]
        return Markup(_table("Stöd till idéburen sektor 2018, per förvaltning", ["Förvaltning", "Stöd", "Belopp"], rows, numeric={2}))

    def survey_examples(self) -> Markup:
        return Markup(
            '<dl class="ma-examples">'
            + "".join(f"<dt>{escape.text(e['namn'])}</dt><dd>{escape.text(e['text'])}</dd>" for e in self.content.survey["exempel"])
            + "</dl>"
        )

    def datasets(self, page) -> Markup:
        parts = []
        for name, (title, description, columns, rows) in Datasets(self.content, self.site).all().items():
            base = self.renderer.site_root(page) + f"{OPEN_DATA}/{name}"
            dictionary = "".join(f"<li><code>{escape.text(c)}</code>: {escape.text(m)}</li>" for c, m in columns.items())
            parts.append(
                f"## {escape.text(title)} {{ #{name} }}\n\n"
                f"<div class=\"ma-dataset\"><p>{escape.text(description)} {len(rows)} rader.</p>"
                f'<p><a href="{base}.csv">Ladda ner CSV</a> · <a href="{base}.json">Ladda ner JSON</a></p>'
                f"<p>Kolumner:</p><ul>{dictionary}</ul></div>\n"
            )
        return Markup("\n".join(parts))
