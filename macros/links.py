"""The site's addresses, in one place: the public address (site_url), where each output file
lies, which source file each page the code links to is, and the rule for a link from one page
to another.

``relative_url`` is hand-written rather than imported from MkDocs (mkdocs.utils.get_relative_url,
which it matches case for case): macros/ must not depend on MkDocs, so that the same code can
feed another generator (MIGRATION.md) and be tested without a build.
"""

from typing import Protocol
from urllib.parse import urlsplit

# The public site, where production is published: mkdocs.yml's site_url unless SITE_URL says
# otherwise (a preview has its own address). Named here for the code that runs outside a build.
PRODUCTION = "https://malmoandan.se/"

# Files the build writes besides the pages, below the site root.
CALENDAR_FILE = "kalender.ics"  # the whole calendar, to subscribe to
FEED_FILE = "kalender.xml"  # Atom feed of upcoming events
OPEN_DATA_FOLDER = "oppna-data"  # CSV and JSON of the registers and figures

# Pages the code links to, as their source files below docs/.
DECISIONS_PAGE = "beslut.md"
CALENDAR_PAGE = "kalender/index.md"
PAST_EVENTS_PAGE = "kalender/tidigare.md"
OPEN_DATA_PAGE = "oppna-data.md"
FIGURES_PAGE = "siffror.md"
HISTORY_PAGE = "historik.md"
AGREEMENT_PAGE = "overenskommelsen.md"
REPORTS_PAGE = "arsrapporter/index.md"


class Addressed(Protocol):
    """A page as the renderers see it: its address below the site root (MkDocs' Page.url, or a
    stand-in with one, like an event page rendered before MkDocs has its Page)."""

    @property
    def url(self) -> str: ...


class SourceFile(Protocol):
    @property
    def src_uri(self) -> str: ...


class Located(Addressed, Protocol):
    """A page with its source file too (MkDocs' Page.file), for links MkDocs validates."""

    @property
    def file(self) -> SourceFile: ...


def report_page(year: int | str) -> str:
    """The source file of a year's annual report page."""
    return f"arsrapporter/{year}.md"


# Pages the theme (overrides/) links on every page, by name: the theme gets their addresses from
# theme_pages() through config.extra.malmoandan_pages instead of writing them itself.
THEME_PAGES = {
    "beslut": DECISIONS_PAGE,
    "historik": HISTORY_PAGE,
    "kalender": CALENDAR_PAGE,
    "lattlast": "lattlast.md",
    "in_english": "in-english.md",
    "om_webbplatsen": "om-webbplatsen.md",
    "tillganglighet": "tillganglighet.md",
    "personuppgifter": "personuppgifter.md",
}


def theme_pages(use_directory_urls: bool = True) -> dict[str, str]:
    """name -> the page's address below the site root, for the theme's | url filter."""
    return {name: page_address(src_uri, use_directory_urls) for name, src_uri in THEME_PAGES.items()}


def page_address(src_uri: str, use_directory_urls: bool = True) -> str:
    """The address of the page made from ``src_uri`` (below docs/), below the site root, as
    MkDocs makes it: kalender/evenemang/2026/x/ (x.html without directory URLs), "" for the
    start page, kalender/ for kalender/index.md."""
    if src_uri == "index.md" or src_uri.endswith("/index.md"):
        return src_uri[: -len("index.md")]
    return src_uri[: -len(".md")] + ("/" if use_directory_urls else ".html")


def event_calendar_file(slug: str) -> str:
    """An event's own .ics, beside its page (the page links it by this name)."""
    return f"{slug}.ics"


TYPE_PAGES_FOLDER = "kalender/typ"  # below docs/: made by the build, no files of their own


def type_page(slug: str) -> str:
    """The source file of an event type's page (vocabulary.EventType.slug)."""
    return f"{TYPE_PAGES_FOLDER}/{slug}.md"


class Site:
    """The public address the files name: site_url from mkdocs.yml (a preview has its own)."""

    def __init__(self, site_url: str):
        self.base = site_url if site_url.endswith("/") else site_url + "/"
        self.host = urlsplit(self.base).hostname or urlsplit(PRODUCTION).hostname

    def url(self, path: str) -> str:
        return self.base + path

    def uid(self, event_id: str) -> str:
        """An event's ICS UID: its own id (events.EVENT_ID, kept when the file is renamed) and the
        domain, so that a moved event replaces itself in subscribers' calendars. (Until 2026-12 the
        UID was the file name; the three events then published got new ids and UIDs once, as no
        calendar of note subscribed yet.)"""
        return f"{event_id}@{self.host}"


def _parts(path: str) -> list[str]:
    """The path's segments with . and .. resolved; going above the root stays at the root."""
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part and part != ".":
            parts.append(part)
    return parts


def relative_url(url: str, other: str) -> str:
    """``url`` (relative to the site root) as seen from the page at ``other``.

    The last segment of ``other`` is dropped when it holds a dot (a file, not a folder).
    """
    folder, _, last = other.rpartition("/")
    if "." in last:
        other = folder
    here, there = _parts(other), _parts(url)
    common = 0
    for a, b in zip(here, there, strict=False):  # the common prefix of two paths of any length
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    return relative + "/" if url.endswith("/") else relative
