"""The last gate before publishing: every built page is checked, then given its security policy.

The content check stops unsafe editor text at its file and line. This gate looks at what was
actually built, whatever produced it (editor text, data, macros, the theme), and stops the build
when a page would run or load something it should not:

- an inline script that is not one of the theme's own (listed below by content),
- an ``on…=`` handler, a ``javascript:``/``data:`` URL, an ``<iframe>``, ``<object>``,
  ``<embed>``, ``<base>`` or a mermaid diagram (the theme would load mermaid from unpkg.com),
- a script, style sheet or image loaded from another origin.

Then each page gets a Content-Security-Policy (as a ``<meta>``: GitHub Pages sets no headers)
that allows only the site's own files and the hashes of that page's theme scripts, and a
referrer policy that tells no other site which page a reader came from. The theme's bundle is
pointed at the site's own copy of the ResizeObserver polyfill instead of unpkg.com.

Hand-written with regular expressions rather than an HTML parser: the input is the theme's and
our own well-formed output, and it must keep up with 3 000 event pages (76 MB): checked in
about 1,2 s, 2 s with reading and writing them. Python's html.parser needs 4,2 s just to read
them; lxml is about as fast as this check but repairs broken markup before it can be looked at.
"""

import base64
import hashlib
import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

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

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
# A > inside a quoted attribute value does not end the tag (title="a>b" onclick=…).
TAG = re.compile(r"""<([a-zA-Z][a-zA-Z0-9-]*)\b([^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*)>""", re.S)
ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
LOADING = {("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"), ("video", "src"), ("audio", "src"), ("track", "src"), ("image", "href"), ("use", "href")}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data"}
UNSAFE_SCHEME = re.compile(r"^\s*(javascript|vbscript|data|file):", re.I)
URL_WHITESPACE = re.compile(r"[\t\n\r]")
# The one refresh allowed: at once, to a relative address on this site (git_dates.py's pages at
# an event's old address). Anything else would send a reader elsewhere or reload forever.
SAME_SITE_REFRESH = re.compile(r"0;\s*url=(?![a-z][a-z0-9+.-]*:|[/\\]{2})[^\s\"'<>]+", re.I)
HANDLER = re.compile(r"(?:^|[\s\"'/=])on", re.I)


def _may_be_unsafe(tag: str, attribute_text: str) -> bool:
    """False when no check below can fail on the tag's attributes: no on… name, no scheme and
    no other host (no ':', '//', entity, backslash or broken '/ /'), no mermaid, not a <meta>. Most of a page's tags are
    the theme's plain links and classes; only the rest are split into attributes. Substring
    tests, not one regular expression: at 3 000 pages (770 000 tags) that is 0,5 s against 1,2 s."""
    text = attribute_text.lower()
    if ":" in text or "//" in text or "&" in text or "\\" in text or "mermaid" in text or tag == "meta":
        return True  # a scheme or host, perhaps hidden by an entity or a backslash
    if "/\t" in text or "/\n" in text or "/\r" in text:
        return True  # a host hidden by a line break: /<tab>/elsewhere
    return "on" in text and HANDLER.search(text) is not None

REFERRER = '<meta name="referrer" content="same-origin">'
POLYFILL = "assets/javascripts/vendor/resize-observer-polyfill-1.5.1.js"


def normalised(script: str) -> str:
    return _BASE_URL.sub('new URL(BASE,location)', script)


def digest(script: str) -> str:
    return hashlib.sha256(normalised(script).encode("utf-8")).hexdigest()


def csp(hashes: list[str]) -> str:
    """The policy for one page. Styles keep 'unsafe-inline': the charts and the annual-cycle
    drawing are inline SVG with style attributes, and a style cannot run script; it cannot load
    anything from elsewhere either, since img-src and font-src are the site's own."""
    scripts = " ".join(["'self'"] + [f"'sha256-{h}'" for h in sorted(set(hashes))])
    return (
        "default-src 'none'; "
        f"script-src {scripts}; "
        "style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; "
        "font-src 'self'; "
        "connect-src 'self'; "
        "worker-src 'self'; "
        "manifest-src 'self'; "
        "base-uri 'none'; "
        "form-action 'self'; "
        "object-src 'none'"
    )


def _attributes(text: str) -> list[tuple[str, str]]:
    return [(name.lower(), value.strip("\"'")) for name, value in ATTRIBUTE.findall(text)]


def _is_executable(attributes: list[tuple[str, str]]) -> bool:
    kind = dict(attributes).get("type", "text/javascript").lower()
    return kind in ("", "text/javascript", "application/javascript", "module")


# <link rel=…> values that make the browser fetch something (canonical and alternate do not).
LOADING_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "icon", "shortcut", "apple-touch-icon", "manifest", "mask-icon"}


def _urls(name: str, value: str) -> list[str]:
    """The addresses in an attribute as a browser reads them: entities decoded, tabs and line
    breaks dropped (browsers ignore them in a URL), a backslash read as a slash, and every
    candidate of a srcset, not only the first."""
    value = URL_WHITESPACE.sub("", unescape(value)).replace("\\", "/").strip()
    if name == "srcset":
        return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
    return [value]


def _loads_elsewhere(tag: str, name: str, url: str, attributes: list, origin: str) -> bool:
    if (tag, name) not in LOADING:
        return False
    if tag == "link" and not LOADING_RELS & set(dict(attributes).get("rel", "").lower().split()):
        return False
    parts = urlsplit(url)
    return bool(parts.netloc) and f"{parts.scheme}://{parts.netloc}" != origin


def page_problems(html: str, where: str, origin: str = "") -> tuple[list[Problem], list[str]]:
    """What is unsafe on one built page, and the CSP hashes of its (allowed) inline scripts."""
    problems, hashes = [], []

    def problem(message: str) -> None:
        problems.append(Problem(where, 0, message))

    for match in SCRIPT.finditer(html):
        attributes = _attributes(match.group(1))
        names = dict(attributes)
        if "src" in names:
            continue  # checked below with every loading attribute
        body = match.group(2)
        if _is_executable(attributes):
            if digest(body) not in THEME_SCRIPTS:
                problem(f"sidan har ett inbäddat skript som inte är temats eget: {body.strip()[:120]!r}")
            else:
                hashes.append(base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii"))
        elif names.get("type") == "application/ld+json":
            try:
                json.loads(body)
            except ValueError:
                problem("sidans JSON-LD (strukturerade data) går inte att läsa som JSON")
    # Script bodies out (a "<" in them is no tag), their attributes kept: src is checked below.
    for match in TAG.finditer(SCRIPT.sub(r"<script\1></script>", html)):
        tag = match.group(1).lower()
        if tag in FORBIDDEN_TAGS:
            problem(f"sidan innehåller <{tag}>, som inte är tillåtet")
        if not _may_be_unsafe(tag, match.group(2)):
            continue
        attributes = _attributes(match.group(2))
        if tag == "meta" and dict(attributes).get("http-equiv", "").lower() == "refresh" and not SAME_SITE_REFRESH.fullmatch(unescape(dict(attributes).get("content", ""))):
            problem("sidan innehåller <meta http-equiv=refresh>, som inte är tillåtet")
        for name, value in attributes:
            if name.startswith("on"):
                problem(f"<{tag}> har attributet {name}=, som skulle köra ett skript")
            elif name == "class" and "mermaid" in value.split():
                problem("sidan har ett mermaid-diagram, som skulle ladda kod från unpkg.com")
            elif name in URL_ATTRIBUTES or (tag, name) in LOADING:
                for url in _urls(name, value):
                    if name in URL_ATTRIBUTES and UNSAFE_SCHEME.match(url) and not (tag == "img" and url.lower().startswith("data:image/")):
                        problem(f"<{tag} {name}=…> pekar på en adress som börjar med {url.split(':')[0]}:, som inte är tillåtet")
                    elif _loads_elsewhere(tag, name, url, attributes, origin):
                        problem(f"<{tag} {name}=\"{url}\"> laddar en fil från en annan webbplats; lägg filen på webbplatsen i stället")
    return problems, hashes


def secure(site_dir: Path, site_url: str) -> None:
    """Check every built page, give it its policy, and keep the theme's bundle on this origin.
    Raises ContentError listing every unsafe page; writes nothing then."""
    pages = sorted(site_dir.rglob("*.html"))
    problems, policies = [], {}
    parts = urlsplit(site_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    for path in pages:
        html = path.read_text(encoding="utf-8")
        found, hashes = page_problems(html, (Path(site_dir.name) / path.relative_to(site_dir)).as_posix(), origin)
        problems += found
        policies[path] = (html, hashes)
    if problems:
        raise ContentError(problems)
    for path, (html, hashes) in policies.items():
        head = f'<meta http-equiv="Content-Security-Policy" content="{csp(hashes)}">{REFERRER}'
        path.write_text(html.replace('<meta charset="utf-8">', '<meta charset="utf-8">' + head, 1), encoding="utf-8")
    own = urlsplit(site_url).path or "/"
    for bundle in (site_dir / "assets" / "javascripts").glob("bundle.*.min.js"):
        text = bundle.read_text(encoding="utf-8")
        text = text.replace("https://unpkg.com/resize-observer-polyfill", own + POLYFILL)
        # Mermaid is never offered (the content check and this gate reject it); the loader is
        # pointed at this origin so that not even a mistake could ask unpkg.com.
        text = text.replace("https://unpkg.com/mermaid@11/dist/mermaid.min.js", own + "assets/javascripts/vendor/mermaid-finns-inte.js")
        bundle.write_text(text, encoding="utf-8")


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
    import sys

    site_dir = Path(argv[0])
    try:
        secure(site_dir, argv[1] if len(argv) > 1 else links.PRODUCTION)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    prune_unused_assets(site_dir)
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
