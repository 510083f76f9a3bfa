"""The last gate before publishing: every built file is checked, then every page is given its
security policy.

The content check stops unsafe editor text at its file and line, and the sanitiser
(sanitiser.py) cleans every page body. This gate looks at what was actually built, whatever
produced it (editor text, data, macros, the theme), every file type the site publishes, and
stops the build when a file would run or load something it should not:

- HTML pages (and the HTML inside the search index and the feed), read with lexbor, the HTML5
  parser of a browser engine, so the gate sees the elements a browser would: an inline script
  that is not one of the theme's own (by digest), a script file that is not one of the site's
  own (``SCRIPT_FILES``), an ``on…=`` handler, a ``javascript:``/``data:`` URL, an address with
  a scheme but no ``//`` (``https:evil.example``, which browsers read differently depending on
  the page's own scheme), an ``<iframe>``/``<object>``/``<embed>``/``<base>``, a refresh, a
  mermaid diagram, anything loaded from another origin;
- SVG and XML (the feed, the sitemap): no script, no event handler, no style sheet instruction,
  no entity or DOCTYPE, no address on another origin;
- JSON (search index, open data) must parse; ICS addresses are web addresses; CSV cells cannot
  start a formula; a JavaScript file must be one of ``SCRIPT_FILES``; a file of a type the site
  does not publish is refused.

Then each page gets a Content-Security-Policy as the first thing after its character set
(a ``<meta>``: GitHub Pages sets no headers), put in by parsing the page, so a page without the
theme's exact ``<meta charset="utf-8">`` gets it too. The policy names the site's own script
files by full address (path-specific source expressions, CSP level 2: every browser the site
supports), the hashes of that page's theme scripts, and the search worker; see ``csp``.

Measured on a site with 3 000 synthetic events (benchmarks/synthetic.py: 3 035 pages, 108 MB,
every file type): 4,3 s to check every file and write every page, on a loaded two-core machine
where the regular-expression gate this replaces took 4,5 s for the pages alone. lexbor rather
than html5lib (pure Python, some ten times slower) or lxml (libxml2 repairs markup the way no
browser does).
"""

import base64
import csv
import gzip
import hashlib
import io
import json
import re
import sys
import xml.etree.ElementTree as ElementTree
from fnmatch import fnmatch
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from . import links
from .problems import ContentError, Problem

# The theme's inline scripts (Material 9.8.1, base.html and main.html), as written with the
# relative base URL taken out. A Material update that changes one fails the build here with the
# new text: read it, then add its digest.
THEME_SCRIPTS = {
    # __md_scope, __md_get/__md_set: local storage helpers (base.html, block "site_meta")
    "89614d6b864bbe7884f6ad1ab21aa2216e6686af528a97cd15075dda2fe14374",
    # the colour scheme chosen by the reader (base.html, palette)
    "0eb10c249dbdb0beef225a10ce5cbe55418cc4a7014cc208f8e7d6ed8f00906e",
    # focus the element a #fragment names (base.html, "container")
    "ffcc0f7735fdab434d257c80e65cec2e88d716991e69757185b7e450e41a5b2f",
}
_BASE_URL = re.compile(r'new URL\("[A-Za-z0-9._/~-]*",location\)')

POLYFILL = "assets/javascripts/vendor/resize-observer-polyfill-1.5.1.js"
# Every script a page may run, below the site root: the theme's bundle, the project's own
# (mkdocs.yml extra_javascript and overrides/main.html; tests/test_browser_security.py checks
# that each is listed) and the polyfill the bundle loads in old browsers. The CSP names exactly
# these files; the browser crawl fails on any other.
SCRIPT_FILES = (
    "assets/javascripts/bundle.*.min.js",
    "assets/javascripts/kalender-tidigt.js",
    "assets/javascripts/svensk-sokning.js",
    "assets/javascripts/kalender.js",
    "assets/javascripts/meny.js",
    POLYFILL,
)
# Material's search runs in a Web Worker, which loads lunr and its languages itself.
SEARCH_WORKER = "assets/javascripts/workers/search.*.min.js"
WORKER_SCRIPTS = "assets/javascripts/lunr/*"
# The one refresh allowed: at once, to a relative address on this site (git_dates.py's pages at
# an event's old address). Anything else would send a reader elsewhere or reload forever.
SAME_SITE_REFRESH = re.compile(r"0;\s*url=(?![a-z][a-z0-9+.-]*:|[/\\]{2})[^\s\"'<>]+", re.I)

# SVG animation can set an attribute (href, on…) to a value no attribute check sees: <set to=…>.
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "foreignobject", "set", "animate", "animatemotion", "animatetransform"}
# Attributes that make the browser fetch something for the page (links that a reader follows are
# not loads). <link> loads only with one of LOADING_RELS.
LOADING = {
    ("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"), ("video", "src"),
    ("video", "poster"), ("audio", "src"), ("track", "src"), ("input", "src"), ("image", "href"), ("image", "xlink:href"), ("use", "href"),
    ("use", "xlink:href"), ("feimage", "href"),
}
LOADING_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "icon", "shortcut", "apple-touch-icon", "manifest", "mask-icon", "import"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data", "ping", "background", "cite", "longdesc"}
UNSAFE_SCHEME = re.compile(r"^(javascript|vbscript|data|file|blob|filesystem):", re.I)
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)
# Schemes a browser reads "https:host" (no //) as a host in, when the page's scheme differs.
SPECIAL_SCHEMES = {"http", "https", "ws", "wss", "ftp"}
URL_IGNORED = re.compile(r"[\t\n\r]")
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
# What an attribute's name looks like in markup a program wrote; the parser keeps anything else
# (<div =onclick=…> has an attribute named "=onclick"), which only broken or hostile markup has.
ATTRIBUTE_NAME = re.compile(r"^[a-z_][a-z0-9_.:-]*$")

REFERRER = '<meta name="referrer" content="same-origin">'
# What the site publishes, by file type (suffix); anything else is refused.
PUBLISHED_TYPES = {".html", ".svg", ".xml", ".json", ".ics", ".csv", ".js", ".css", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff2", ".gz", ".pdf", ".txt", ""}


def normalised(script: str) -> str:
    return _BASE_URL.sub("new URL(BASE,location)", script)


def digest(script: str) -> str:
    return hashlib.sha256(normalised(script).encode("utf-8")).hexdigest()


def csp(hashes: list[str], scripts: list[str], worker: str) -> str:
    """The policy for one page: scripts only from the full addresses in ``scripts`` and the
    inline scripts with ``hashes``, the search worker from ``worker``, nothing else that runs.

    Path sources rather than hashes with integrity attributes: every browser since CSP level 2
    honours them (a hash for an external file is CSP level 3, and some browsers the site
    supports would block the theme), the bundle's own polyfill loader gets no integrity
    attribute, and worker-src takes no hashes. The price is that the policy names this origin:
    the browser tests open the site at its real address and serve it from disk
    (tests/conftest.py). Styles keep 'unsafe-inline': Markdown's tables align
    columns with style attributes, and a style cannot run script; it cannot load anything
    from elsewhere either, since img-src and font-src are the site's own."""
    script_sources = " ".join(scripts + [f"'sha256-{h}'" for h in sorted(set(hashes))])
    return (
        "default-src 'none'; "
        f"script-src {script_sources}; "
        "style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; "
        "font-src 'self'; "
        "connect-src 'self'; "
        f"worker-src {worker}; "
        "manifest-src 'self'; "
        "base-uri 'none'; "
        "form-action 'none'; "
        "object-src 'none'"
    )


class Site:
    """What the gate needs to know about the site being checked: its address and its scripts."""

    def __init__(self, site_dir: Path, site_url: str):
        self.dir = site_dir
        self.url = site_url if site_url.endswith("/") else site_url + "/"
        parts = urlsplit(self.url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.files = sorted(path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*") if path.is_file())
        self.scripts = [name for name in self.files if any(fnmatch(name, pattern) for pattern in SCRIPT_FILES)]
        if POLYFILL not in self.scripts:
            self.scripts.append(POLYFILL)
        workers = [name for name in self.files if fnmatch(name, SEARCH_WORKER)]
        self.worker = workers[0] if workers else ""

    def address(self, name: str) -> str:
        """The full address of a file below the site root, as a CSP source (; and , escaped)."""
        return self.url + quote(name, safe="/._~-")

    def policy(self, hashes: list[str]) -> str:
        return csp(hashes, [self.address(name) for name in self.scripts], self.address(self.worker) if self.worker else "'none'")


def _url(value: str) -> str:
    """An attribute's address as a browser reads it: tabs and line breaks dropped, a backslash
    read as a slash, spaces at the ends trimmed (lexbor has decoded entities already)."""
    return URL_IGNORED.sub("", value).replace("\\", "/").strip(" \x00\x0c")


def _addresses(name: str, value: str) -> list[str]:
    if name == "srcset":
        return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
    return [_url(value)]


def url_problem(tag: str, name: str, url: str, loads: bool, origin: str) -> str | None:
    """What is wrong with ``url`` in attribute ``name`` of ``tag``, or None."""
    match = SCHEME.match(url)
    scheme = match.group(1).lower() if match else ""
    if UNSAFE_SCHEME.match(url) and not (tag == "img" and url.lower().startswith("data:image/") and not url.lower().startswith("data:image/svg")):
        return f"<{tag} {name}=…> pekar på en adress som börjar med {scheme}:, som inte är tillåtet"
    if scheme in SPECIAL_SCHEMES and not url[len(scheme) + 1 :].startswith("//"):
        return f"<{tag} {name}=\"{url}\"> har ingen // efter {scheme}:, så webbläsare läser adressen olika; skriv {scheme}://…"
    parts = urlsplit(url)
    if loads and (parts.netloc or url.startswith("//")) and f"{parts.scheme}://{parts.netloc}".lower() != origin.lower():
        return f"<{tag} {name}=\"{url}\"> laddar en fil från en annan webbplats; lägg filen på webbplatsen i stället"
    return None


def _loads(tag: str, name: str, attributes: dict[str, str]) -> bool:
    if (tag, name) not in LOADING:
        return False
    return tag != "link" or bool(LOADING_RELS & set((attributes.get("rel") or "").lower().split()))


def html_problems(root: LexborNode | None, where: str, origin: str, scripts: set[str] | None = None, page_url: str = "") -> tuple[list[Problem], list[str]]:
    """What is unsafe in the parsed HTML under ``root``, and the CSP hashes of its theme scripts.
    ``scripts``: the full addresses a script element may name (``page_url`` is the page's own,
    for relative ones); None when the HTML is no page of the site."""
    problems, hashes = [], []

    def problem(message: str) -> None:
        problems.append(Problem(where, 0, message))

    for node in root.traverse() if root is not None else ():  # None: an empty document
        tag = (node.tag or "").lower()
        if tag.startswith("-"):
            continue  # text, comments, the doctype
        attributes = {name.lower(): value or "" for name, value in node.attributes.items()}
        if tag in FORBIDDEN_TAGS:
            problem(f"sidan innehåller <{tag}>, som inte är tillåtet")
        if tag == "script":
            kind = attributes.get("type", "").strip().lower()
            if "src" in attributes:
                if scripts is not None:
                    target = urljoin(page_url, _url(attributes["src"])).split("#")[0].split("?")[0]
                    if target not in scripts:
                        problem(f"sidan laddar skriptet {attributes['src']}, som inte är ett av webbplatsens egna ({', '.join(SCRIPT_FILES)})")
            elif kind in EXECUTABLE_TYPES:
                body = node.text(deep=True)
                if digest(body) not in THEME_SCRIPTS:
                    problem(f"sidan har ett inbäddat skript som inte är temats eget: {body.strip()[:120]!r}")
                else:
                    hashes.append(base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii"))
            elif kind in ("application/ld+json", "application/json"):
                # Data, never run: the theme's settings (__config) and an event's JSON-LD.
                try:
                    json.loads(node.text(deep=True))
                except ValueError:
                    problem(f"sidans {'JSON-LD' if 'ld+' in kind else 'JSON'} (strukturerade data) går inte att läsa som JSON")
            else:
                problem(f"sidan har ett skript av typen {kind!r}, som inte är tillåtet")
        if tag == "meta" and attributes.get("http-equiv", "").strip().lower() == "refresh" and not SAME_SITE_REFRESH.fullmatch(attributes.get("content", "").strip()):
            problem("sidan innehåller <meta http-equiv=refresh>, som inte är tillåtet")
        for name, value in attributes.items():
            if not ATTRIBUTE_NAME.match(name):
                problem(f"<{tag}> har ett attribut med det trasiga namnet {name!r}; sidans HTML är fel skriven")
            elif name.startswith("on"):
                problem(f"<{tag}> har attributet {name}=, som skulle köra ett skript")
            elif name == "class" and "mermaid" in value.split():
                problem("sidan har ett mermaid-diagram, som skulle ladda kod från unpkg.com")
            elif name in URL_ATTRIBUTES or (tag, name) in LOADING:
                loads = _loads(tag, name, attributes)
                for url in _addresses(name, value):
                    if message := url_problem(tag, name, url, loads, origin):
                        problem(message)
    return problems, hashes


def page_problems(html: str, where: str, origin: str = "") -> tuple[list[Problem], list[str]]:
    """What is unsafe on one page on its own (script files are not looked up), and the CSP
    hashes of its (allowed) inline scripts."""
    return html_problems(LexborHTMLParser(html).root, where, origin.rstrip("/"))


def fragment_problems(html: str, where: str, site: Site) -> list[Problem]:
    """What is unsafe in a piece of HTML that another program shows as HTML (the search results,
    a feed reader): the same rules as a page, and no script at all."""
    tree = LexborHTMLParser(html)
    problems, _ = html_problems(tree.body, where, site.origin)
    if tree.body is not None and tree.body.css_first("script"):
        problems.append(Problem(where, 0, "texten har ett <script>, som inte är tillåtet"))
    return problems


# ---- Other file types --------------------------------------------------------------------------


def xml_problems(text: str, where: str, site: Site, same_origin_only: bool = False) -> list[Problem]:
    """SVG and XML: well-formed, no DOCTYPE or entities, no style sheet instruction (XSLT runs
    script), no script, handler or foreign object, addresses only to this site (a drawing) or
    web addresses on this origin (feed and sitemap, ``same_origin_only``)."""
    problems = []

    def problem(message: str) -> None:
        problems.append(Problem(where, 0, message))

    if re.search(r"<!DOCTYPE|<!ENTITY|<\?xml-stylesheet", text, re.I):
        problem("filen har en DOCTYPE, en ENTITY eller en xml-stylesheet-instruktion, som inte är tillåtet")
        return problems
    try:
        root = ElementTree.fromstring(text)  # noqa: S314 - DOCTYPE and ENTITY were refused above: no entity expansion
    except ElementTree.ParseError as error:
        problem(f"filen går inte att läsa som XML ({error})")
        return problems
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""
        if tag in {"script", "handler"} | FORBIDDEN_TAGS:
            problem(f"filen innehåller <{tag}>, som inte är tillåtet")
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                problem(f"<{tag}> har attributet {local}=, som skulle köra ett skript")
            elif local in ("href", "src"):
                url = _url(value)
                if same_origin_only:
                    foreign = not url.lower().startswith(site.url.lower()) and SCHEME.match(url) is not None
                else:
                    foreign = not url.startswith("#")
                if foreign or UNSAFE_SCHEME.match(url):
                    problem(f"<{tag} {local}=\"{url}\"> pekar utanför webbplatsen, som inte är tillåtet här")
        if tag == "loc" and not (element.text or "").strip().lower().startswith(site.url.lower()):
            problem(f"adressen {element.text} i webbplatskartan ligger inte på webbplatsen")
        if tag in ("content", "summary", "title", "subtitle") and element.get("type") in ("html", "xhtml"):
            problems += fragment_problems(element.text or "", where, site)
    return problems


def search_index_problems(text: str, where: str, site: Site) -> list[Problem]:
    """Material's search shows each entry's title and text as HTML: both are checked like a page."""
    problems = []
    for document in json.loads(text).get("docs", []):
        for field in ("title", "text"):
            problems += fragment_problems(str(document.get(field, "")), where, site)
        if SCHEME.match(str(document.get("location", ""))) or str(document.get("location", "")).startswith("//"):
            problems.append(Problem(where, 0, f"sökindexet pekar på {document['location']}, utanför webbplatsen"))
    return problems


def ics_problems(text: str, where: str) -> list[Problem]:
    """Every URL property of a calendar is a web address."""
    problems = []
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    for line in unfolded.splitlines():
        name, _, value = line.partition(":")
        if name.split(";")[0].upper() in ("URL", "ATTACH", "TZURL", "SOURCE") and not re.match(r"https?://", value, re.I):
            problems.append(Problem(where, 0, f"kalenderns {name.split(';')[0]} är inte en webbadress: {value[:80]}"))
    return problems


FORMULA = re.compile(r"(^|[;,\r\n])[^\S\r\n]*[=+\-@＝＋－＠﹦﹢﹣]")


def csv_problems(text: str, where: str) -> list[Problem]:
    """No text cell (numbers are written unquoted) can start a formula in any separator."""
    problems = []
    for number, row in enumerate(csv.reader(io.StringIO(text.lstrip("\ufeff")), quoting=csv.QUOTE_NONNUMERIC), start=1):
        for cell in row:
            if isinstance(cell, str) and FORMULA.search(cell):
                problems.append(Problem(where, number, f"cellen {cell[:40]!r} kan läsas som en formel i ett kalkylprogram"))
    return problems


def file_problems(path: Path, site: Site) -> list[Problem]:
    """What is unsafe in one published file that is not a page."""
    name = path.relative_to(site.dir).as_posix()
    where = f"{site.dir.name}/{name}"
    suffix = path.suffix.lower()
    if suffix not in PUBLISHED_TYPES:
        return [Problem(where, 0, f"filtypen {suffix} publiceras inte på webbplatsen; ta bort filen")]
    if suffix == ".js" and name not in site.scripts and name != site.worker and not fnmatch(name, WORKER_SCRIPTS):
        return [Problem(where, 0, f"skriptet är inte ett av webbplatsens egna ({', '.join(SCRIPT_FILES)})")]
    try:
        if suffix == ".svg":
            return xml_problems(path.read_text(encoding="utf-8"), where, site)
        if suffix == ".xml":
            return xml_problems(path.read_text(encoding="utf-8"), where, site, same_origin_only=True)
        if suffix == ".gz":
            if not name.endswith("sitemap.xml.gz"):
                return [Problem(where, 0, "bara sitemap.xml.gz publiceras komprimerad")]
            return xml_problems(gzip.decompress(path.read_bytes()).decode("utf-8"), where, site, same_origin_only=True)
        if suffix == ".json":
            text = path.read_text(encoding="utf-8")
            if name == "search/search_index.json":
                return search_index_problems(text, where, site)
            json.loads(text)
        if suffix == ".ics":
            return ics_problems(path.read_text(encoding="utf-8"), where)
        if suffix == ".csv":
            return csv_problems(path.read_text(encoding="utf-8"), where)
    except (ValueError, RecursionError, UnicodeDecodeError, OSError) as error:
        return [Problem(where, 0, f"filen går inte att läsa ({type(error).__name__}: {str(error)[:120]})")]
    return []


# ---- The policy ----------------------------------------------------------------------------------


def with_policy(html: str, policy: str) -> str:
    """The page with its policy and referrer policy as the first elements of its head, right after
    the character set when the head starts with one (it must stay in the first 1 024 bytes).

    Parsed, not matched: the theme's own pages keep their bytes (the two tags go in after the
    ``<meta charset>`` that the parser found first in the head, and the result is parsed again to
    prove it); any other page is written out by the parser with the tags in place."""
    head = f'<meta http-equiv="Content-Security-Policy" content="{policy}">{REFERRER}'
    tree = LexborHTMLParser(html)
    first = next((child for child in tree.head.iter() if child.tag != "-text"), None) if tree.head else None
    charset = first if first is not None and first.tag == "meta" and "charset" in first.attributes else None
    theme_start = '<meta charset="utf-8">'
    if charset is not None and html.count(theme_start) >= 1:
        at = html.index(theme_start) + len(theme_start)
        candidate = html[:at] + head + html[at:]
        if _policy_first(candidate, policy):
            return candidate
    tags = LexborHTMLParser(f"<head>{head}</head>").head
    page_head = tree.head
    if tags is None or page_head is None:  # lexbor always makes a head; nothing to put the policy in
        raise ValueError("the page has no head to put the policy in")
    anchor = charset
    for tag in reversed([child for child in tags.iter() if child.tag == "meta"]):
        if anchor is not None:
            anchor.insert_after(tag)
        elif page_head.child is None:
            page_head.insert_child(tag)
        else:
            page_head.child.insert_before(tag)
    written = tree.html or ""
    if not _policy_first(written, policy):
        raise ValueError("the policy could not be put first in the page's head")
    return written


def _policy_first(html: str, policy: str) -> bool:
    """Whether the head's first elements are (a character set and) this policy."""
    tree = LexborHTMLParser(html)
    elements = [child for child in tree.head.iter() if not (child.tag or "-").startswith("-")] if tree.head else []
    if elements and elements[0].tag == "meta" and "charset" in elements[0].attributes:
        elements = elements[1:]
    return bool(elements) and elements[0].tag == "meta" and (elements[0].attributes.get("http-equiv") or "").lower() == "content-security-policy" and elements[0].attributes.get("content") == policy


def secure(site_dir: Path, site_url: str) -> None:
    """Check every built file, give every page its policy, and keep the theme's bundle on this
    origin. Raises ContentError listing every unsafe file; writes no page then."""
    own = urlsplit(site_url).path or "/"
    for bundle in (site_dir / "assets" / "javascripts").glob("bundle.*.min.js"):
        text = bundle.read_text(encoding="utf-8")
        text = text.replace("https://unpkg.com/resize-observer-polyfill", own + POLYFILL)
        # Mermaid is never offered (the content check and this gate reject it); the loader is
        # pointed at this origin so that not even a mistake could ask unpkg.com.
        text = text.replace("https://unpkg.com/mermaid@11/dist/mermaid.min.js", own + "assets/javascripts/vendor/mermaid-finns-inte.js")
        bundle.write_text(text, encoding="utf-8")
    site = Site(site_dir, site_url)
    scripts = {site.address(name) for name in site.scripts}
    problems, pages = [], {}
    for name in site.files:
        path = site_dir / name
        if path.suffix.lower() != ".html":
            problems += file_problems(path, site)
            continue
        html = path.read_text(encoding="utf-8", errors="replace")
        page_url = site.url + (name[: -len("index.html")] if name.endswith("index.html") else name)
        found, hashes = html_problems(LexborHTMLParser(html).root, f"{site_dir.name}/{name}", site.origin, scripts, page_url)
        problems += found
        pages[path] = (html, hashes)
    secured = {}
    for path, (html, hashes) in pages.items():
        try:
            secured[path] = with_policy(html, site.policy(hashes))
        except ValueError:
            problems.append(Problem(f"{site_dir.name}/{path.relative_to(site_dir).as_posix()}", 0, "sidan kunde inte få sin säkerhetspolicy först i <head>; sidans HTML är fel skriven"))
    if problems:
        raise ContentError(problems)
    for path, html in secured.items():
        path.write_text(html, encoding="utf-8")


def prune_unused_assets(site_dir: Path) -> list[str]:
    """Remove the theme's files that no page loads: source maps (1.2 MB), and the search
    languages and word splitters other than those the search index names (Material copies all
    thirty; its search worker loads lunr.stemmer.support plus one file per configured language,
    and tinyseg.js/wordcut.js only for Japanese, Hindi and Thai). Returns what was removed."""
    removed = []
    assets = site_dir / "assets"
    for path in sorted(assets.rglob("*.map")):
        path.unlink()
        removed.append(path.relative_to(site_dir).as_posix())
    for path in sorted((assets / "javascripts").glob("**/*.min.*")):
        text = path.read_text(encoding="utf-8")
        if "sourceMappingURL=" in text:
            path.write_text(re.sub(r"\n?(//|/\*)# sourceMappingURL=\S+( \*/)?\s*$", "\n", text), encoding="utf-8")
    index = site_dir / "search" / "search_index.json"
    languages = json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("lang", []) if index.is_file() else []
    lunr = assets / "javascripts" / "lunr"
    keep = {"lunr.stemmer.support.min.js"} | {f"lunr.{language}.min.js" for language in languages}
    if len(languages) > 1:
        keep.add("lunr.multi.min.js")
    if "ja" in languages:
        keep.add("tinyseg.js")
    if {"hi", "th"} & set(languages):
        keep.add("wordcut.js")
    for path in sorted(lunr.rglob("*.js")) if lunr.is_dir() else []:
        if path.name not in keep:
            path.unlink()
            removed.append(path.relative_to(site_dir).as_posix())
    return removed


def main(argv: list[str]) -> int:
    """``python -m macros.published_html SITE [SITE_URL]``: the same last gate for a site that
    another generator built (MIGRATION.md)."""
    site_dir = Path(argv[0])
    prune_unused_assets(site_dir)
    try:
        secure(site_dir, argv[1] if len(argv) > 1 else links.PRODUCTION)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
