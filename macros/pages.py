"""The macros editors use in pages, each with a usage line as it is written in Markdown.

A page uses them only with ``render_macros: true`` in its front matter. ``{{ macros_info() }}``
lists them with these docstrings.
"""

import functools
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, ParamSpec, Protocol, TypeVar

from markupsafe import Markup

from . import citations, contact, formatting, provenance
from .clock import build_time
from .content import Content
from .figures import FigureRenderer
from .links import CALENDAR_FILE, DECISIONS_PAGE
from .render import CalendarRenderer, Renderer
from .reports import SURVEY_FIELDS
from .templating import piece, render

P = ParamSpec("P")
R = TypeVar("R")


class MacrosEnv(Protocol):
    """What the macros use of mkdocs-macros' environment (which publishes no types), and all
    prerender._MacrosEnv provides."""

    project_dir: str
    page: Any  # the MkDocs Page being rendered, or the pre-render path's stand-in
    variables: dict[str, object]
    macros: dict[str, Callable[..., object]]

    def macro(self, function: Callable[P, R], name: str = "") -> Callable[P, R]: ...
    def filter(self, function: Callable[P, R], name: str = "") -> Callable[P, R]: ...


def register(env: MacrosEnv, renderer: Renderer) -> None:
    """Define every macro and filter on the mkdocs-macros environment ``env``."""
    build = build_time()
    env.variables["byggtid"] = build
    env.filter(formatting.date, name="datum")

    @env.macro
    def lagesbild() -> str:
        """Startsidans ruta om vad som hände: att samarbetsplanen upphävdes, med länk till
        beslutet. Hämtas ur data/plans.yml och data/decisions.yml (se macros/status.py).

        Användning i Markdown: ``{{ lagesbild() }}``
        """
        return renderer.status_lead(env.page)

    @env.macro
    def genvagar() -> str:
        """Startsidans genvägar till det de flesta söker: överenskommelsen, besluten,
        årsrapporterna och siffrorna.

        Användning i Markdown: ``{{ genvagar() }}``
        """
        return renderer.top_tasks(env.page)

    @env.macro
    def senast_byggd() -> str:
        """När webbplatsen byggdes, som läsaren ser det.

        Användning i Markdown: ``Senast uppdaterad {{ senast_byggd() }}.``
        -> "Senast uppdaterad 22 november 2026 kl. 18.00."
        """
        return formatting.date_time(build)

    @env.macro
    def beslut(id: str) -> str:
        """En länk till beslutet i beslutsregistret: organ, datum och paragraf.

        Användning i Markdown: ``({{ beslut("ks-2024-03-06-upphavande") }})``
        -> "(kommunstyrelsen 6 mars 2024, § 60)" som länk till beslutet.
        """
        return renderer.markdown_link(env.page, DECISIONS_PAGE, id, renderer.decision_label(id))

    @env.macro
    def beslutsdatum(id: str) -> str:
        """Beslutets datum som länk till beslutet i beslutsregistret.

        Användning i Markdown: ``Planen upphävdes {{ beslutsdatum("ks-2024-03-06-upphavande") }}.``
        -> "Planen upphävdes 6 mars 2024." med datumet som länk.
        """
        return renderer.markdown_link(env.page, DECISIONS_PAGE, id, renderer.decision(id).datum.swedish())

    @env.macro
    def fakta(plan: str, name: str, tabell: bool = False, neutrum: bool = False) -> str:
        """Ett tal ur data/plans.yml, skrivet som Språkrådet rekommenderar: ett till tolv med
        bokstäver i löptext, siffror i tabeller (tabell=True) och för större tal.

        Användning i Markdown: ``Styrgruppen har {{ fakta("plan-2021-2026", "styrgrupp_ledamöter") }} ledamöter.``
        -> "Styrgruppen har åtta ledamöter." I en tabell: ``{{ fakta("plan-2021-2026", "styrgrupp_ledamöter", tabell=True) }}``
        -> "8". Före ett ett-ord: ``neutrum=True`` ger "ett" i stället för "en".
        """
        numbers = renderer.content.plans[plan].tal
        if name not in numbers:
            raise KeyError(f"talet '{name}' finns inte för {plan} i data/plans.yml (finns: {', '.join(numbers)})")
        return formatting.number(numbers[name]) if tabell else formatting.number_in_text(numbers[name], neuter=neutrum)

    @env.macro
    def kallor(*ids: str) -> str:
        """Listan med källor i slutet av en sida: de källor sidan citerar, numrerade i den
        ordning de först används, var och en med de citat sidan bygger på (fotnoter i texten
        och uppgifter ur data). En källa som anges här men aldrig citeras kommer sist, utan citat.

        Användning i Markdown: ``{{ kallor() }}`` eller ``{{ kallor("ks-2024-09-11-221") }}``
        """
        register = citations.register_of(env.page)
        # Then the sources named here, and every source an entry above links to (#kalla-<id>).
        for source_id in renderer.page_sources(env.page, ids):
            if source_id not in register.order:
                register.order.append(source_id)
        return renderer.sources(register.order, register.quotes)

    @env.macro
    def historik() -> str:
        """Hela tidslinjen ur data/timeline.yml, med en rubrik per år.

        Användning i Markdown: ``{{ historik() }}``
        """
        return renderer.timeline(env.page)

    @env.macro
    def beslutsregister() -> str:
        """Alla beslut ur data/decisions.yml, med en rubrik per år och per beslut.

        Användning i Markdown: ``{{ beslutsregister() }}``
        """
        return renderer.decisions(env.page)

    @env.macro
    def arshjul() -> str:
        """Årshjulet ur data/annual_cycle.yml: en bild och samma innehåll som lista.

        Användning i Markdown: ``{{ arshjul() }}``
        """
        return renderer.annual_cycle()

    @env.macro
    def deltagandematris() -> str:
        """Matrisen för deltagande ur data/participation_matrix.yml, som tabell.

        Användning i Markdown: ``{{ deltagandematris() }}``
        """
        return renderer.matrix()

    @env.macro
    def utmaningar(plan: str) -> str:
        """Tabellen med samhällsutmaningar och värdar för en plan i data/plans.yml.

        Användning i Markdown: ``{{ utmaningar("plan-2018-2022") }}``
        """
        return renderer.challenges(plan)


def register_calendar(env: MacrosEnv, calendar: CalendarRenderer) -> None:
    """The calendar's macros (see render.CalendarRenderer)."""

    @env.macro
    def kommande_evenemang(typ: str | None = None) -> str:
        """Kommande evenemang, med en rubrik per månad (bara en typ om typ anges).

        Användning i Markdown: ``{{ kommande_evenemang() }}`` eller ``{{ kommande_evenemang("malmötimmen") }}``
        """
        return calendar.upcoming(env.page, typ, empty_text=calendar.nothing_upcoming())

    @env.macro
    def prenumeration() -> str:
        """Hur man prenumererar på kalendern, med rubrik, så länge något kan komma: ett kommande
        evenemang eller en samarbetsplan som gäller. Annars ingenting.

        Användning i Markdown: ``{{ prenumeration() }}``
        """
        return calendar.subscription(env.page)

    @env.macro
    def nasta_evenemang(antal: int = 3) -> str:
        """De närmaste evenemangen med rubriken "Kommande evenemang", till exempel på startsidan.
        Finns inga kommande evenemang visas ingenting alls, inte heller rubriken.

        Användning i Markdown: ``{{ nasta_evenemang(3) }}``
        """
        return calendar.next_events(env.page, antal)

    @env.macro
    def tidigare_evenemang() -> str:
        """Evenemang som har ägt rum, med en rubrik per år, senaste först.

        Användning i Markdown: ``{{ tidigare_evenemang() }}``
        """
        return calendar.past(env.page)

    @env.macro
    def evenemangstyper() -> str:
        """Länkar till en sida per evenemangstyp, som fungerar utan JavaScript.

        Användning i Markdown: ``{{ evenemangstyper() }}``
        """
        return calendar.type_links(env.page)

    @env.macro
    def kalenderadress(webcal: bool = False) -> str:
        """Adressen att prenumerera på, med https:// eller (webcal=True) webcal://.

        Användning i Markdown: ``{{ kalenderadress() }}``
        """
        url = calendar.site.url(CALENDAR_FILE)
        return "webcal://" + url.split("://", 1)[1] if webcal else url


def register_figures(env: MacrosEnv, figures: FigureRenderer) -> None:
    """The macros for annual reports, figures and open data (see figures.FigureRenderer)."""

    @env.macro
    def siffra(indikator: str, år: int, tabell: bool = False) -> str:
        """Ett tal ur data/indicators.yml, skrivet som på sidan Deltagande i siffror, men med
        ett till tolv som ord i löptext (betyg och tabeller, tabell=True, behåller siffror).

        Användning i Markdown: ``{{ siffra("deltagare-dialogforum", 2023) | capitalize }} personer deltog.``
        -> "Cirka 80 personer deltog." och ``{{ siffra("utbildningsplatser", 2023) }} platser`` -> "fyra platser"
        """
        text = figures.value(indikator, år)  # KeyError, in Swedish, for a year without a value
        indicator = figures.content.indicators[indikator]
        value = indicator.value_for(år)
        if tabell or indicator.is_rating or value is None:
            return text
        return value.prefix + formatting.number_in_text(value.värde)

    @env.macro
    def rapport_fakta(år: int) -> str:
        """Ärende, beslut, datum och ansvariga för årsrapporten ett visst år.

        Användning i Markdown: ``{{ rapport_fakta(2023) }}``
        """
        return figures.report_facts(env.page, år)

    @env.macro
    def rapport_i_korthet(år: int) -> str:
        """Årets viktigaste uppgifter ur data som en kort lista: deltagare, betyg, aktiviteter,
        fokusområden, budget och beslutet om rapporten.

        Användning i Markdown: ``{{ rapport_i_korthet(2023) }}``
        """
        return figures.report_summary(env.page, år)

    @env.macro
    def rapport_lista(år: int, fält: str) -> str:
        """En lista ur årsrapportens data, till exempel fokusområdena.

        Användning i Markdown: ``{{ rapport_lista(2023, "fokusområden") }}``
        """
        return figures.report_list(år, fält)

    @env.macro
    def rapport_text(år: int, fält: str) -> str:
        """En text ur årsrapportens data, till exempel stadskontorets bedömning.

        Användning i Markdown: ``{{ rapport_text(2023, "bedömning") }}``
        """
        return piece("text", figures.report(år).text(fält))

    @env.macro
    def rapport_aktiviteter(år: int) -> str:
        """Tabellen med årets aktiviteter.

        Användning i Markdown: ``{{ rapport_aktiviteter(2023) }}``
        """
        return figures.report_activities(år)

    @env.macro
    def rapport_siffror(år: int) -> str:
        """Tabellen med årets tal ur data/indicators.yml, med länkar till Deltagande i siffror.

        Användning i Markdown: ``{{ rapport_siffror(2023) }}``
        """
        return figures.report_figures(env.page, år)

    @env.macro
    def rapport_budget(år: int, del_: str) -> str:
        """Budgeten för året: avsatt eller använt, med summa.

        Användning i Markdown: ``{{ rapport_budget(2019, "avsatt") }}``
        """
        return figures.report_budget(år, del_)

    @env.macro
    def rapport_yttranden(år: int) -> str:
        """Särskilda yttranden och reservationer, sammanfattade neutralt.

        Användning i Markdown: ``{{ rapport_yttranden(2023) }}``
        """
        return figures.report_statements(år)

    @env.macro
    def rapportregister() -> str:
        """Tabellen över alla år, med och utan årsrapport.

        Användning i Markdown: ``{{ rapportregister() }}``
        """
        return figures.report_index(env.page)

    @env.macro
    def indikatorer() -> str:
        """Alla indikatorer i en tabell per område: värde, vad som räknas, tid, källa och
        CSV-länk.

        Användning i Markdown: ``{{ indikatorer() }}``
        """
        return figures.indicators(env.page)

    @env.macro
    def stod_per_forvaltning() -> str:
        """Kartläggningens tabell över stödet per förvaltning 2018.

        Användning i Markdown: ``{{ stod_per_forvaltning() }}``
        """
        return figures.survey_support()

    @env.macro
    def kartlaggning(fält: str) -> str:
        """Ett värde ur data/survey_2019.yml, till exempel antalet intervjuer.

        Användning i Markdown: ``{{ kartlaggning("intervjuer") }}`` -> "65"
        """
        if fält not in SURVEY_FIELDS:
            raise KeyError(f"kartläggningen har inget fält {fält}; fälten är: {', '.join(SURVEY_FIELDS)}")
        value = getattr(figures.content.survey, fält)
        return formatting.number(value) if isinstance(value, (int, float)) else piece("text", value)

    @env.macro
    def samverkansexempel() -> str:
        """Kartläggningens exempel på medskapande samverkan.

        Användning i Markdown: ``{{ samverkansexempel() }}``
        """
        return figures.survey_examples()

    @env.macro
    def datamangder() -> str:
        """Alla öppna datamängder med länkar och en beskrivning av varje kolumn.

        Användning i Markdown: ``{{ datamangder() }}``
        """
        return figures.datasets(env.page)


def register_accessibility(env: MacrosEnv, renderer: Renderer) -> None:
    """The accessibility statement's macro."""

    @env.macro
    def tillganglighetsredogorelse() -> str:
        """Redogörelsens uppgifter ur data/accessibility.yml, med alla delar som Digg kräver.

        Användning i Markdown: ``{{ tillganglighetsredogorelse() }}``
        """
        a = renderer.content.accessibility
        def when(key: str) -> str:
            return formatting.date(date.fromisoformat(a[key]))

        return render("accessibility.md", a=a, assessed=when("bedömningsdatum"), updated=when("senast_uppdaterad"))


def register_contact(env: MacrosEnv, contact_route: dict[str, object]) -> None:
    """The contact route's macro (data/kontakt.yml, see contact.py)."""

    @env.macro
    def kontaktvag() -> str:
        """Hur läsaren når den som ansvarar för webbplatsen, ur data/kontakt.yml. Är kontaktvägen
        inte bekräftad står det så, i stället för en påhittad adress.

        Användning i Markdown: ``{{ kontaktvag() }}``
        """
        return contact.route_html(contact_route)


# What each macro shows from data, for the page's citations: (data file, the place in it) from
# the macro's arguments. A fact in running text (a decision, a plan's number) also gets the
# numbered reference after it; a table or list only puts its quotes in the page's sources list.
Shown = list[tuple[str, tuple[str | int, ...]]]  # (data file, the place in it) of what a macro call shows


# The decisions register and the history cite entry by entry (Renderer.cite), so are not here.
def _shows(content: Content) -> dict[str, Callable[..., Shown]]:
    decisions, plans, indicators = list(content.decisions), list(content.plans), list(content.indicators)

    def decision_quote(id: str) -> tuple[str | int, ...]:
        """A decision in running text opens its first quote, the one that says what was decided;
        the register (Beslut) shows all of them, the recipients and the statements too."""
        first: tuple[str | int, ...] = (decisions.index(id), "citat")
        return first + (0,) if isinstance(content.decisions[id].citat, list) else first

    def report(year: object, *part: str | int) -> Shown:
        return [(f"data/reports/{year}.yml", part)]

    return {
        "beslut": lambda id: [("data/decisions.yml", decision_quote(id))],
        "beslutsdatum": lambda id: [("data/decisions.yml", decision_quote(id))],
        "fakta": lambda plan, name, *a, **k: [("data/plans.yml", (plans.index(plan), "citat", name))],
        "siffra": lambda indikator, *a, **k: [("data/indicators.yml", (indicators.index(indikator),))],
        "utmaningar": lambda plan: [("data/plans.yml", (plans.index(plan), "utmaningar"))],
        "arshjul": lambda: [("data/annual_cycle.yml", ())],
        "deltagandematris": lambda: [("data/participation_matrix.yml", ())],
        "indikatorer": lambda: [("data/indicators.yml", ())],
        "kartlaggning": lambda fält: [("data/survey_2019.yml", (fält,))],
        "samverkansexempel": lambda: [("data/survey_2019.yml", ("exempel",))],
        "stod_per_forvaltning": lambda: [("data/survey_2019.yml", ())],
        "rapport_fakta": lambda år: report(år),
        "rapport_lista": lambda år, fält: report(år, fält),
        "rapport_text": lambda år, fält: report(år, fält),
        "rapport_aktiviteter": lambda år: report(år, "aktiviteter"),
        "rapport_yttranden": lambda år: report(år, "yttranden"),
        "rapport_budget": lambda år, del_: report(år, "budget"),
    }


IN_RUNNING_TEXT = {"beslut", "beslutsdatum", "fakta", "siffra"}


def register_citations(env: MacrosEnv, renderer: Renderer) -> None:
    """The footnotes' macro, and the citations of the macros that show data: each call notes
    the quotes behind what it shows in the page's register (citations.Register), so that the
    sources list holds what the page cites and nothing else. Call after every other register_."""

    @env.macro
    def kalla(*nycklar: str) -> str:
        """De numrerade hänvisningarna för fotnoter, en per källa. Skriv den inte själv: skriv
        ``[^nyckel]`` efter meningen och fotnoten ``[^nyckel]: källans-id: "citat"`` under stycket.

        Användning i Markdown: ``Planen antogs 2021.[^antogs]``
        """
        register = citations.register_of(env.page)
        cited = [register.citations[key] for key in nycklar]
        return register.reference([(c.source, c.quote, "") for c in cited], renderer.source_label)

    texts = provenance.load_texts(Path(env.project_dir), list(renderer.content.sources))
    index = provenance.by_file(renderer.content)  # every data file's quotes
    shows = _shows(renderer.content)

    def quotes_at(data_file: str, place: tuple[str | int, ...]) -> list[tuple[str, str, str]]:
        """(source, quote, what it backs) for every quote at ``place`` in ``data_file``."""
        cited = []
        for quote in provenance.shown(index, data_file, place):
            source = provenance.source_of(quote, texts)
            if source is not None:
                cited.append((source, provenance.normalise(quote.text), quote.label))
        return cited

    # Each decision on Beslut and each entry on Historik: its reference, numbered as it is shown.
    renderer.cite = lambda page, data_file, place: citations.register_of(page).reference(quotes_at(data_file, place), renderer.source_label)

    def citing(name: str, function: Callable[..., object]) -> Callable[..., object]:
        @functools.wraps(function)
        def call(*args: object, **kwargs: object) -> object:
            shown = function(*args, **kwargs)
            cited = [c for data_file, place in shows[name](*args, **kwargs) for c in quotes_at(data_file, place)]
            register = citations.register_of(env.page)
            if name in IN_RUNNING_TEXT:
                return Markup(shown) + register.reference(cited, renderer.source_label)
            for source, text, what in cited:
                register.cite(source, text, what)
            return shown

        return call

    for name in shows:
        if name in env.macros:
            env.macros[name] = citing(name, env.macros[name])

