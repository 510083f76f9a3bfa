"""The macros editors use in pages, each with a usage line as it is written in Markdown.

A page uses them only with ``render_macros: true`` in its front matter. ``{{ macros_info() }}``
lists them with these docstrings.
"""

from . import formatting
from .clock import build_time
from .render import DECISIONS_PAGE, Renderer


def register(env, renderer: Renderer) -> None:
    """Define every macro and filter on the mkdocs-macros environment ``env``."""
    build = build_time()
    env.variables["byggtid"] = build
    env.filter(formatting.date, name="datum")

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
    def fakta(plan: str, name: str) -> str:
        """Ett tal ur data/plans.yml, skrivet på svenskt sätt.

        Användning i Markdown: ``Styrgruppen har {{ fakta("plan-2021-2026", "styrgrupp_ledamöter") }} ledamöter.``
        -> "Styrgruppen har 8 ledamöter."
        """
        numbers = renderer.content.plans[plan].tal
        if name not in numbers:
            raise KeyError(f"talet '{name}' finns inte för {plan} i data/plans.yml (finns: {', '.join(numbers)})")
        return formatting.number(numbers[name])

    @env.macro
    def kallor(*ids: str) -> str:
        """Listan med källor i slutet av en sida.

        Användning i Markdown: ``{{ kallor("ks-2024-09-11-221", "samarbetsplan-2021-2026") }}``
        """
        return renderer.sources(ids)

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
        return renderer.decisions()

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

    @env.macro
    def medel(plan: str, del_: str, rubrik: str) -> str:
        """En tabell över pengar (avsatt eller använt) för en plan i data/plans.yml, med summa.

        Användning i Markdown: ``{{ medel("plan-2018-2022", "använt", "Så användes pengarna 2019") }}``
        """
        return renderer.money(plan, del_, rubrik)


def register_calendar(env, calendar) -> None:
    """The calendar's macros (see render.CalendarRenderer)."""

    @env.macro
    def kommande_evenemang(typ: str | None = None) -> str:
        """Kommande evenemang, med en rubrik per månad (bara en typ om typ anges).

        Användning i Markdown: ``{{ kommande_evenemang() }}`` eller ``{{ kommande_evenemang("malmötimmen") }}``
        """
        return calendar.upcoming(env.page, typ, empty_text="Inga kommande evenemang just nu.")

    @env.macro
    def nasta_evenemang(antal: int = 3) -> str:
        """De närmaste evenemangen, till exempel på startsidan.

        Användning i Markdown: ``{{ nasta_evenemang(3) }}``
        """
        return calendar.upcoming(env.page, limit=antal, empty_text="Inga kommande evenemang just nu.")

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
        url = calendar.site.url("kalender.ics")
        return "webcal://" + url.split("://", 1)[1] if webcal else url
