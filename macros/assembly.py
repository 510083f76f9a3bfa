"""What a build needs, put together in one place for both ways of building the site: MkDocs
with mkdocs-macros (``__init__.py``) and the pre-render path (``prerender.py``), which writes
plain Markdown for any generator. Nothing here imports MkDocs.
"""

from dataclasses import dataclass
from pathlib import Path

from . import calendar_files, clock, contact, content, figures, json_ld, links, macro_table, pages, published_html, render, sanitiser, status
from .problems import ContentError, unexpected


@dataclass
class Assembly:
    content: content.Content
    status: status.Notice | None  # the announcement bar's notice (status.notice)
    contact: dict[str, object] | None  # the contact route when it is confirmed (contact.py), else None
    calendar: render.CalendarRenderer
    datasets: figures.Datasets
    macros: dict[str, macro_table.Macro]  # what a page may call (macro_table.MACROS)

    def generated_pages(self) -> dict[str, str]:
        """The pages made from data alone, with no file in docs/: source path -> Markdown.
        Today the event types' pages (render.CalendarRenderer.type_page_sources)."""
        return self.calendar.type_page_sources()

    def is_event_page(self, src_uri: str) -> bool:
        return self.calendar.event_at(src_uri) is not None

    def page_source(self, src_uri: str, url: str, text: str) -> str:
        """What MkDocs reads for the event file ``src_uri`` (its address ``url``) instead of its
        ``text``: the page that templates/event_page.md makes of it."""
        return self.calendar.event_page_source(src_uri, url, text)

    def clean_page(self, src_uri: str, html: str) -> str:
        """The HTML of page ``src_uri`` through the sanitiser, an event page's JSON-LD kept."""
        event = self.calendar.event_at(src_uri)
        script = json_ld.json_ld_script(event, self.calendar.site, self.content.places) if event is not None else ""
        return sanitiser.clean(html, script)

    @staticmethod
    def failure(error: Exception, where: str) -> str:
        """An error while making pages, as the Swedish lines an editor gets (problems.py)."""
        return str(error if isinstance(error, ContentError) else ContentError([unexpected(error, where)]))


def theme_extra(status: status.Notice | None = None, contact: dict[str, object] | None = None, use_directory_urls: bool = True) -> dict[str, object]:
    """What the theme (overrides/) reads from config.extra, for every way of building: the status
    notice, the contact route, the feed's and production's addresses and the pages it links."""
    return {
        "malmoandan_status": status,
        "malmoandan_contact": contact,
        "malmoandan_feed": links.FEED_FILE,
        "malmoandan_production": links.PRODUCTION,
        "malmoandan_pages": links.theme_pages(use_directory_urls),
    }


def assemble(env: pages.MacrosEnv, root: Path, site_url: str, use_directory_urls: bool = True) -> Assembly:
    """Load and check the content (ContentError on any problem), and register every macro on
    ``env`` (mkdocs-macros' env, or prerender's stand-in with the same ``macro``/``filter``)."""
    loaded = content.load(root)
    renderer = render.Renderer(loaded, use_directory_urls)
    site = links.Site(site_url)
    calendar = render.CalendarRenderer(renderer, clock.build_time(), site)
    contact_route = loaded.contact
    before = set(env.macros)
    pages.register(env, renderer)
    pages.register_calendar(env, calendar)
    pages.register_figures(env, figures.FigureRenderer(renderer, site))
    pages.register_accessibility(env, renderer)
    pages.register_contact(env, contact_route)
    pages.register_citations(env, renderer)
    # A developer's mistake, not an editor's: pages.py and macro_table.py must name the same
    # macros with the same arguments and usage lines, or the check would judge pages wrongly.
    # (mkdocs serve calls this again on every rebuild, with the macros of the last one in env.)
    ours = {name: function for name, function in env.macros.items() if name not in before or name in macro_table.MACROS}
    drift = macro_table.differences(ours)
    if drift:
        raise RuntimeError("; ".join(drift))
    return Assembly(
        content=loaded,
        status=status.notice(loaded),
        contact=contact_route if contact.has_route(contact_route) else None,
        calendar=calendar,
        datasets=figures.Datasets(loaded, site),
        macros=macro_table.MACROS,
    )


def write_files(assembly: Assembly, site_dir: Path) -> None:
    """The files that are not pages: kalender.ics, one .ics per event, the feed, open data."""
    calendar = assembly.calendar
    calendar_files.write_all(calendar.content.events, calendar.upcoming_events(), calendar.content.places, calendar.site, calendar.built, site_dir)
    assembly.datasets.write(site_dir)


def finish(assembly: Assembly, site_dir: Path, site_url: str) -> None:
    """After the pages are built: write the calendar files and the open data, drop the theme
    files no page loads, then check every file and give each page its policy (the gate sees
    exactly what is published)."""
    write_files(assembly, site_dir)
    published_html.prune_unused_assets(site_dir)
    published_html.secure(site_dir, site_url)
