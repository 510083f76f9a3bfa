"""Annual reports, indicators and the 2019 survey as pages show them, and as open data.

Every number comes from data/ once: the same records feed the sentence, the table
and the CSV/JSON downloads, so they cannot disagree.
"""

import csv
import functools
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup
from slugify import slugify

from . import formatting, links, status, vocabulary
from .content import Content
from .dates import PartialDate
from .events import EVENT_TYPES, place_text
from .links import Addressed
from .render import Renderer
from .reports import Indicator, MoneyLine, Report
from .templating import piece, render, table

OPEN_DATA = links.OPEN_DATA_FOLDER


def report_years(content: Content) -> list[int]:
    """The years the report index lists, from data: from the first decision about the agreement
    to the year the current plan was repealed (or to the latest report while it applies)."""
    first = min(d.datum.year for d in content.decisions.values())
    plan = status.current_plan(content)
    last = content.decisions[plan.upphävd].datum.year if plan.upphävd else max(content.reports, default=first)
    return list(range(first, last + 1))


def year_spans(years: list[int]) -> list[str]:
    """Years as runs: [2017, 2020, 2021, 2022, 2024] -> ["2017", "2020–2022", "2024"]."""
    spans: list[list[int]] = []
    for year in sorted(years):
        if spans and year == spans[-1][-1] + 1:
            spans[-1].append(year)
        else:
            spans.append([year])
    return [str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in spans]


# ---- open data ----------------------------------------------------------------------------------


# A cell, or a piece of it after ; , or a line break (what a spreadsheet reading the file with
# another separator, or pasting it line by line, would take for a cell), that starts with one of
# these would run as a formula: = + - @ (also after spaces, tabs or line breaks, which
# spreadsheets skip), their full-width and small forms (＝ ＋ － ＠ ﹦ ﹢ ﹣, which some convert to
# ASCII), or a tab alone. The ' goes first in the piece, before any spaces or tabs.
FORMULA_START = re.compile(r"(^|[;,\r\n])([^\S\r\n]*[=+\-@＝＋－＠﹦﹢﹣]|\t)")


def _csv_cell(value: object) -> object:
    """A value for the open-data CSV: numbers stay numbers; in text, each place where a formula
    could start gets a ' before it, which spreadsheets show as text."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return FORMULA_START.sub(lambda m: m.group(1) + "'" + m.group(2), str(value))


def csv_bytes(columns: list[str], rows: list[dict[str, object]]) -> bytes:
    buffer = io.StringIO()
    # Every text cell in quotes: a reader who opens the file with ';' as separator (Swedish
    # Excel) still sees each value whole.
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(row.get(column)) for column in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM lets spreadsheet programs read å, ä, ö


def json_bytes(columns: list[str], rows: list[dict[str, object]]) -> bytes:
    return (json.dumps([{c: row.get(c) for c in columns} for row in rows], ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@dataclass(frozen=True)
class Column:
    """One column of an open dataset: the field it shows, what it holds, how to get it."""

    field: str  # as the data files spell it: år, värde, källa (or a name of its own: adress)
    meaning: str  # for readers of Öppna data
    value: Callable[[Any], object]  # record -> the cell (each dataset has its own kind of record: Any)

    @property
    def name(self) -> str:
        """The column's name in the CSV and JSON: the field in ASCII (år -> ar, källa -> kalla),
        by one rule, so that every program reads it and no third spelling is kept by hand."""
        return _ascii_name(self.field)


@functools.cache  # slugify is slow, and a build asks for each name many times
def _ascii_name(field: str) -> str:
    return slugify(field, separator="_", lowercase=False)


@dataclass(frozen=True)
class Dataset:
    title: str
    description: str
    columns: tuple[Column, ...]
    records: list[Any]  # what value() of each column takes

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def rows(self) -> list[dict[str, object]]:
        return [{column.name: column.value(record) for column in self.columns} for record in self.records]


class Datasets:
    """The open datasets, name -> Dataset: one table of columns each."""

    def __init__(self, content: Content, site: links.Site) -> None:
        self.content = content
        self.site = site

    def all(self) -> dict[str, Dataset]:
        c = self.content
        return {
            "beslut": Dataset(
                "Beslut",
                "Besluten om Malmöandan, som i beslutsregistret.",
                (
                    Column("id", "beslutets id", lambda d: d.id),
                    Column("organ", "vem som beslutade", lambda d: d.organ),
                    Column("datum", "beslutsdag (ÅÅÅÅ-MM-DD, eller ÅÅÅÅ-MM/ÅÅÅÅ när källan inte anger dagen)", lambda d: d.datum.iso()),
                    Column("paragraf", "paragraf i protokollet, tom om okänd", lambda d: d.paragraf),
                    Column("diarienummer", "diarienummer, tomt om okänt", lambda d: d.diarienummer),
                    Column("status", "fattat eller planerat", lambda d: d.status),
                    Column("beslut", "vad som beslutades", lambda d: d.beslut),
                    Column("källor", "källornas id, åtskilda med semikolon", lambda d: ";".join(d.källa)),
                ),
                sorted(c.decisions.values(), key=lambda d: d.datum.sort_key),
            ),
            "evenemang": Dataset(
                "Evenemang",
                "Alla evenemang i kalendern, kommande och tidigare.",
                (
                    Column("id", "evenemangets id (filnamnet)", lambda e: e.slug),
                    Column("titel", "namn", lambda e: e.titel),
                    Column("typ", "typ av evenemang", lambda e: EVENT_TYPES[e.typ]),
                    Column("start", "start, svensk tid med UTC-förskjutning, eller datum för heldag", lambda e: e.start.isoformat()),
                    Column("slut", "slut i samma form, tomt om inte angivet", lambda e: e.slut.isoformat() if e.slut else None),
                    Column("plats", "plats, tom om okänd", lambda e: place_text(e, c.places)),
                    Column("status", "planerad, inställd, flyttad eller genomförd", lambda e: e.status),
                    Column("deltagare", "antal deltagare, om det rapporterats", lambda e: e.deltagare),
                    Column("betyg", f"genomsnittligt betyg 1–{vocabulary.RATING_SCALE}, om det rapporterats", lambda e: e.betyg),
                    Column("adress", "evenemangets sida", lambda e: self.site.url(e.url_path)),
                ),
                c.events,
            ),
            "siffror": Dataset(
                "Deltagande i siffror",
                "Varje tal på sidan Deltagande i siffror, ett per indikator och år.",
                (
                    Column("indikator", "indikatorns id", lambda r: r[0].id),
                    Column("namn", "indikatorns namn", lambda r: r[0].namn),
                    Column("år", "år", lambda r: r[1].år),
                    Column("värde", "talet (punkt som decimaltecken)", lambda r: r[1].värde),
                    Column("precision", "cirka, minst, drygt eller tomt om talet är exakt", lambda r: r[1].precision),
                    Column("enhet", "vad talet räknar", lambda r: r[0].enhet),
                    Column("skala", "skalans högsta värde för betyg", lambda r: r[0].skala),
                    Column("avser", "vilken tid eller vilket tillfälle talet gäller", lambda r: r[1].avser),
                    Column("källa", "källans id", lambda r: r[1].källa),
                    Column("avsnitt", "var i källan talet står", lambda r: r[1].avsnitt),
                ),
                [(i, v) for i in c.indicators.values() for v in i.by_year],
            ),
            "arsrapporter": Dataset(
                "Årsrapporter",
                "Årsrapporterna till kommunstyrelsen, med ärende och beslut.",
                (
                    Column("år", "rapportens år", lambda r: r[0]),
                    Column("diarienummer", "ärendets diarienummer", lambda r: r[1].diarienummer),
                    Column("tjänsteskrivelse", "tjänsteskrivelsens datum", lambda r: r[1].tjänsteskrivelse),
                    Column("beslut", "id för besluten, åtskilda med semikolon", lambda r: ";".join(r[1].beslut)),
                    Column("källa", "källans id", lambda r: r[1].källa),
                ),
                sorted(c.reports.items()),
            ),
            "stod-2018": Dataset(
                "Stöd till idéburen sektor 2018",
                "Stödet per förvaltning 2018 enligt kartläggningen 2019, i miljoner kronor.",
                (
                    Column("förvaltning", "förvaltning", lambda r: r.förvaltning),
                    Column("mnkr", "miljoner kronor (punkt som decimaltecken)", lambda r: r.mnkr),
                    Column("till_mnkr", "övre gräns när källan anger ett spann", lambda r: r.till_mnkr),
                    Column("precision", "drygt, cirka eller tomt", lambda r: r.precision),
                    Column("vad", "vad stödet är", lambda r: r.vad),
                ),
                c.survey.stöd_2018,
            ),
        }

    def write(self, site_dir: Path) -> None:
        folder = site_dir / OPEN_DATA
        (folder / "siffror").mkdir(parents=True, exist_ok=True)
        for name, dataset in self.all().items():
            rows = dataset.rows()
            (folder / f"{name}.csv").write_bytes(csv_bytes(dataset.column_names, rows))
            (folder / f"{name}.json").write_bytes(json_bytes(dataset.column_names, rows))
            if name == "siffror":  # and one file per indicator
                for indicator in self.content.indicators:
                    (folder / "siffror" / f"{indicator}.csv").write_bytes(csv_bytes(dataset.column_names, [r for r in rows if r["indikator"] == indicator]))


# ---- page blocks --------------------------------------------------------------------------------


class FigureRenderer:
    def __init__(self, renderer: Renderer, site: links.Site) -> None:
        self.renderer = renderer
        self.content = renderer.content
        self.site = site

    def report(self, year: int) -> Report:
        try:
            return self.content.reports[year]
        except KeyError:
            raise KeyError(f"det finns ingen årsrapport för {year} i data/reports/") from None

    def value(self, indicator_id: str, year: int) -> str:
        indicator = self.content.indicators[indicator_id]
        value = indicator.value_for(year)
        if value is None:
            raise KeyError(f"indikatorn {indicator_id} har inget värde för {year}")
        return indicator.text(value)

    def report_facts(self, page: Addressed | None, year: int) -> Markup:
        r = self.report(year)
        decisions = [
            {
                "url": self.renderer.page_url(page, links.DECISIONS_PAGE, d),
                "label": self.renderer.decision_label(d),
                "state": self.content.decisions[d].state,
            }
            for d in r.beslut
        ]
        return render("report_facts.html", report=r, decisions=decisions, memo_date=PartialDate.parse(r.tjänsteskrivelse).swedish())

    def headline_indicators(self) -> dict[str, Indicator]:
        """The indicators a year is summed up by (those with i_korthet in data/indicators.yml)."""
        return {key: i for key, i in self.content.indicators.items() if i.i_korthet}

    def report_summary(self, page: Addressed | None, year: int) -> Markup:
        """'Året i korthet': the year's key facts from data, as a short list: how many took part
        and their rating (where the report has them), the budget and the decision on the report."""
        r = self.report(year)
        figures = []
        for indicator_id, indicator in self.headline_indicators().items():
            value = indicator.value_for(year)
            if value is not None:
                figures.append({
                    "url": self.renderer.page_url(page, links.FIGURES_PAGE, indicator_id),
                    "value": indicator.text(value).capitalize(),
                    "unit": f" {indicator.unit}".rstrip(),
                    "what": indicator.i_korthet,
                })
        last = self.content.decisions[r.beslut[-1]]
        return render(
            "report_summary.html",
            figures=figures,
            budget=r.budget.avsatt_totalt if r.budget else None,
            decision={
                "url": self.renderer.page_url(page, links.DECISIONS_PAGE, last.id),
                "label": self.renderer.decision_label(last.id),
                "state": last.state,
            },
        )

    def report_list(self, year: int, key: str) -> Markup:
        return render("list.html", items=getattr(self.report(year), key, None) or [])  # a field the report leaves out: no items

    def report_activities(self, year: int) -> Markup:
        rows = []
        for a in self.report(year).aktiviteter:
            participants = ""
            if a.deltagare is not None:
                participants = ("cirka " if a.deltagare_ungefär else "") + formatting.number(a.deltagare)
            rating = f"{formatting.number(a.betyg)} av {vocabulary.RATING_SCALE}" if a.betyg is not None else ""
            # The description holds facts from the report (who, when, how many): shown under the title.
            rows.append([piece("with_note", a.titel, a.beskrivning), participants or None, rating or None, EVENT_TYPES[a.typ], ", ".join(a.partner) or None])
        # What mattered first: the activity, how many came and what they thought of it.
        return table(f"Aktiviteter {year}", ["Aktivitet", "Deltagare", "Betyg", "Typ", "Tillsammans med"], rows, numeric={1, 2})

    def report_figures(self, page: Addressed | None, year: int) -> Markup:
        rows = []
        for indicator in self.content.indicators.values():
            if (v := indicator.value_for(year)) is not None:
                link = piece("link", self.renderer.page_url(page, links.FIGURES_PAGE, indicator.id), indicator.namn)
                # The value with its unit in one cell ("4 platser"), as the key figures show it.
                rows.append([link, f"{indicator.text(v)} {indicator.unit}".rstrip(), v.avser])
        return table(f"Siffror i årsrapporten {year}", ["Indikator", "Värde", "Avser"], rows)

    def report_budget(self, year: int, part: str) -> Markup:
        budget = self.report(year).budget
        lines: list[MoneyLine] = {"avsatt": budget.avsatt, "använt": budget.använt}.get(part, []) if budget else []
        if not lines:
            raise KeyError(f"årsrapporten {year} har ingen budget med {part}")
        rows = [[line.post, formatting.kronor(line.kronor)] for line in lines]
        # The site's own arithmetic, not a figure a source states: the row says so.
        rows.append([piece("strong", "Summa, uträknad ur posterna"), piece("strong", formatting.kronor(sum(line.kronor for line in lines)))])
        caption = {"avsatt": f"Avsatt för {year}", "använt": f"Använt under {year}"}[part]
        return table(caption, ["Post", "Kronor"], rows, numeric={1}, row_headers=False)

    def report_statements(self, year: int) -> Markup:
        statements = [
            {
                "kind": s.typ.capitalize(),
                "who": ", ".join(s.ledamöter) + f" ({', '.join(s.partier)})",
                "also": ", ".join(s.instämmande),
                "summary": s.sammanfattning,
            }
            for s in self.report(year).yttranden
        ]
        return render("report_statements.html", statements=statements)

    def report_index(self, page: Addressed | None) -> Markup:
        rows: list[list[object]] = []
        gaps: list[int] = []
        for year in report_years(self.content):
            r = self.content.reports.get(year)
            if r is None:
                gaps.append(year)  # said once, under the table, not as a row per year
                continue
            link = piece("link", self.renderer.page_url(page, links.report_page(year)), year)
            last = self.content.decisions[r.beslut[-1]]
            decided = piece("with_planned_note", f"{last.organ} {last.datum.swedish()}", last.state)
            # The whole list: its first item followed by "m.fl." made one of equal challenges the year's focus.
            focus = "; ".join(r.fokusområden) or None
            figures = [
                f"betyg {i.text(v)}" if i.is_rating else f"{i.text(v)} {i.unit}"
                for i in self.headline_indicators().values()
                if (v := i.value_for(year)) is not None
            ]
            if r.budget:
                figures.append(f"{formatting.kronor(r.budget.avsatt_totalt)} avsatt")
            rows.append([link, "; ".join(figures) or None, focus, decided, r.diarienummer])
        # The key columns first (what the year showed), the paperwork last.
        register = table("Årsrapporter per år", ["År", "Nyckeltal", "Fokus", "Beslut", "Diarienummer"], rows)
        return register + render("report_gaps.html", spans=year_spans(gaps))

    def indicators(self, page: Addressed | None) -> Markup:
        """The key figures as one table, grouped: value with unit, what is counted, when, where
        in the source, and a CSV per indicator. What is true of every figure (their year, their
        source document, the missing-data marker) is said once above it."""
        indicators = list(self.content.indicators.values())
        years = sorted({v.år for i in indicators for v in i.värden})
        sources = {v.källa for i in indicators for v in i.värden}
        common_source = next(iter(sources)) if len(sources) == 1 else None
        all_csv = self.renderer.site_root(page) + f"{OPEN_DATA}/siffror.csv"

        # The areas come from data (område in data/indicators.yml), in the order they first
        # appear there; an indicator without one goes under "Övrigt" at the end.
        areas: dict[str, list[Indicator]] = {}
        for indicator in indicators:
            areas.setdefault(indicator.område or "Övrigt", []).append(indicator)
        groups = [(name, members) for name, members in areas.items() if name != "Övrigt"]
        rest = areas.get("Övrigt", [])
        if rest:
            groups.append(("Övrigt", rest))

        table_groups, row_ids = [], []
        for name, members in groups:
            rows = []
            for indicator in members:
                csv_link = self.renderer.site_root(page) + f"{OPEN_DATA}/siffror/{indicator.id}.csv"
                for n, v in enumerate(indicator.by_year):
                    source = v.avsnitt if common_source else f"{self.renderer.source_label(v.källa)}, {v.avsnitt}"
                    rows.append([
                        # The name opens the definition ("what is counted" is one tap away); the
                        # definition, the period and any note fold away, so that fourteen figures
                        # fit on a few phone screens; they stay in the page for search.
                        piece("kpi_name", indicator.namn, indicator.definition, indicator.period, v.anmärkning),
                        piece("kpi_value", indicator.text(v), indicator.unit),
                        v.avser,
                        source,
                        piece("csv_link", csv_link, indicator.namn),
                    ])
                    row_ids.append(indicator.id if n == 0 else None)
            table_groups.append((name, rows))

        kpi_table = table(
            "Nyckeltal per område",
            ["Nyckeltal", "Värde", "Avser", "Källa", "Data"],
            [],
            numeric=set(),
            groups=table_groups,
            row_ids=row_ids,
            css="ma-table--kpi",
        )
        return render(
            "indicators.html",
            years=years,
            common_source=common_source,
            table=kpi_table,
            all_csv=all_csv,
            open_data_url=self.renderer.page_url(page, links.OPEN_DATA_PAGE),
        )

    def survey_support(self) -> Markup:
        rows = [[r.förvaltning, r.text, r.vad] for r in self.content.survey.stöd_2018]
        return table("Stöd till idéburen sektor 2018, per förvaltning", ["Förvaltning", "Belopp", "Stöd"], rows, numeric={1})

    def survey_examples(self) -> Markup:
        return render("survey_examples.html", examples=self.content.survey.exempel)

    def datasets(self, page: Addressed | None) -> Markup:
        datasets = [
            {
                "name": name,
                "title": dataset.title,
                "description": dataset.description,
                "count": len(dataset.records),
                "base": self.renderer.site_root(page) + f"{OPEN_DATA}/{name}",
                "columns": {column.name: column.meaning for column in dataset.columns},
            }
            for name, dataset in Datasets(self.content, self.site).all().items()
        ]
        return render("datasets.md", datasets=datasets)
