"""Every page body is cleaned as a browser would parse it (the hook macros/clean_pages.py).

The content check (editor_text.markdown_problems) reads the Markdown an editor wrote and refuses
unsafe HTML at its file and line. It reads Markdown, not HTML: a code fence left open, a comment
written ``<!-->`` or ``<!-- --!>``, ``<![CDATA[ > …]]>`` or an attribute list with a quoted ``}``
made it see text where the browser sees a tag. So after Markdown (and the page's macros) have
made the page's HTML, that HTML is parsed here by html5ever, the parser of Servo, through
ammonia (``nh3``), and everything the allowlist below does not name is removed: the tag (its
text kept, except for script, style and the like, which go with their content), the attribute,
the class, the URL.

Removed, not refused. Whatever an editor can write on purpose is refused by the check with
``fil:rad``; what still reaches this point is what the check misread, and here there is no line
left to name (the HTML is Markdown's, not the editor's). Removing it keeps the page published
and inert, and the attack fixtures (tests/fixtures/html_attacks/) are built and crawled in a
browser to show that (tests/test_sanitiser.py, tests/test_browser_security.py).

The allowlist is editor_text's table (what editors may write, as REDAKTORER.md and SECURITY.md
say) plus what Markdown's extensions in mkdocs.yml and the project's templates
(macros/templates/) write; nothing is listed twice.

One element is not from the allowlist: an event page's JSON-LD (json_ld.json_ld_script),
a ``<script type="application/ld+json">`` that no sanitiser keeps. The hook asks the calendar
for the exact element the page should have, takes that out before cleaning and puts it back
after; any other script is removed.
"""

import re
import secrets

import nh3
from pygments.token import STANDARD_TYPES

from . import editor_text

# ---- The allowlist -----------------------------------------------------------------------------

# What Markdown writes with the extensions in mkdocs.yml: headings, lists, tables, code,
# footnotes (sup, hr), abbr, def_list, admonition and details (div/p/details with classes), images.
MARKDOWN_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "blockquote", "hr", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "thead", "tbody", "tr", "th", "td", "pre", "sup", "sub", "img", "del", "ins", "kbd",
}  # fmt: skip
# What the templates and macros write besides that (read from macros/templates/):
# <section> (next_events, event_list: the months), <nav> (top_tasks), <figure>/<figcaption>
# (annual_cycle), <caption> (table), <q>/<cite> (sources, report_statements).
TEMPLATE_TAGS = {"section", "nav", "figure", "figcaption", "caption", "q", "cite"}
# Inline SVG: the annual-cycle wheel (cycle_wheel.html), nothing else. charts.py's tags (g, defs,
# clipPath, rect, use) went with it; ARCHITECTURE.md's way back for charts adds them again.
SVG_TAGS = {"svg", "title", "desc", "path", "circle", "text"}
TAGS = editor_text.ALLOWED_TAGS | MARKDOWN_TAGS | TEMPLATE_TAGS | SVG_TAGS

# Attributes on every allowed tag: editor_text's list without href, type and markdown (href only
# on <a>, type only on <button>, below; md_in_html has consumed markdown= by now), plus what the
# templates write: hidden (status_lead), tabindex (table: a scrollable region), data-label (table
# cells on phones), data-search-exclude, hreflang (the English page), aria-*. data-ma-* is the
# project's own behaviour hooks (kalender.js, meny.js).
GENERIC_ATTRIBUTES = (editor_text.ALLOWED_ATTRIBUTES - {"href", "markdown", "type"}) | {"hidden", "tabindex", "data-label", "data-search-exclude", "hreflang"}
GENERIC_PREFIXES = {"data-ma-", "aria-"}
SVG_GEOMETRY = {"viewBox", "xmlns", "d", "x", "y", "cx", "cy", "r", "width", "height", "x1", "y1", "x2", "y2", "transform", "text-anchor", "dominant-baseline", "clip-path", "fill", "stroke"}
ATTRIBUTES = {
    "*": GENERIC_ATTRIBUTES,
    "a": {"href", "download", "rel"},
    # A citation's number opens its quotes in place (templates/citation.html): the popover API,
    # no script; popovertarget can only name an element of the same page.
    "button": {"type", "popovertarget"},
    "span": {"popover"},
    "img": {"src", "alt", "width", "height", "loading"},
    # Markdown's tables align columns with style="text-align: …" (only that property survives).
    "th": {"scope", "colspan", "rowspan", "style"},
    "td": {"colspan", "rowspan", "style"},
    "details": {"open"},  # pymdownx.details' ???+
    "ol": {"start"},
    "li": {"value"},
    **dict.fromkeys(SVG_TAGS - {"title", "desc"}, SVG_GEOMETRY),
}
# Markdown's column alignment is the only style the pages carry (no template writes one), and
# only table cells may have a style attribute (ATTRIBUTES).
STYLE_PROPERTIES = {"text-align"}

# Class names the site's style sheets and scripts know: the project's own (ma-…), the theme's
# button, and what Markdown's extensions write. Any other class is dropped: a theme class (md-…)
# in editor text could dress content up as the site's own interface.
OWN_CLASS = re.compile(r"^ma-[a-z0-9_-]+$")
MARKDOWN_CLASSES = {
    "md-button", "md-button--primary", "admonition", "admonition-title", "footnote", "footnote-ref",
    "footnote-backref", "highlight", "note", "abstract", "info", "tip", "success", "question",
    "warning", "failure", "danger", "bug", "example", "quote", "toclink",
}  # fmt: skip
# Pygments' token classes in highlighted code (pymdownx.superfences): the theme colours them
# only inside .highlight.
CODE_CLASSES = {name for name in STANDARD_TYPES.values() if name} | {"filename", "linenos", "hll"}
# Only what a reader's browser may follow (editor_text.ALLOWED_SCHEMES), and the calendar's
# subscription link (webcal:, written by the calendar template); relative links stay.
URL_SCHEMES = editor_text.ALLOWED_SCHEMES | {"webcal"}
# Removed with everything inside, not only the tag: their content is code or a document.
CLEAN_CONTENT = {"script", "style", "template", "noscript", "iframe", "object", "embed", "textarea", "xmp", "noembed", "noframes", "math", "select", "form", "foreignObject"}


# Schemes a browser reads "https:host" in as a host, or as a path, depending on the page's own.
SPECIAL_SCHEME_WITHOUT_SLASHES = re.compile(r"^\s*(https?|wss?|ftp):(?!//)", re.I)


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name == "id" and value.startswith("__"):
        return None  # the theme's own (__config, __search, __drawer): Material finds them by id
    if name in ("href", "src") and SPECIAL_SCHEME_WITHOUT_SLASHES.match(value):
        return None  # https:evil.example: read differently on http and https pages
    if name == "class":
        kept = [token for token in value.split() if OWN_CLASS.match(token) or token in MARKDOWN_CLASSES or (tag == "span" and token in CODE_CLASSES)]
        return " ".join(kept) or None
    if name == "src" and tag == "img" and editor_text.SCHEME.match(value.strip()) and not value.strip().lower().startswith("https:"):
        return None  # data:, http: and the like; an https: image from elsewhere the gate refuses
    return value


CLEANER = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags=CLEAN_CONTENT,
    attributes=ATTRIBUTES,
    attribute_filter=_attribute,
    strip_comments=True,
    link_rel=None,
    generic_attribute_prefixes=GENERIC_PREFIXES,
    url_schemes=URL_SCHEMES,
    filter_style_properties=STYLE_PROPERTIES,
)


def clean(html: str, kept: str = "") -> str:
    """``html`` with everything outside the allowlist removed; ``kept``, when it stands in
    ``html``, is put back unchanged (an event page's own JSON-LD element)."""
    if kept and kept in html:
        token = "ma" + secrets.token_hex(16)  # unguessable: no editor text can stand for it
        return CLEANER.clean(html.replace(kept, token, 1)).replace(token, kept, 1)
    return CLEANER.clean(html)
