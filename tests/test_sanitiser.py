"""The page bodies through the HTML5 sanitiser (macros/sanitiser.py), the output gate on every
file type with its Content-Security-Policy (macros/published_html.py), and CSV cells that cannot
become formulas (macros/figures.py).

The attack fixtures (tests/fixtures/html_attacks/) each hide markup from the content check's
Markdown reader; each is first shown to be live markup in what Markdown makes of it, then inert
after the sanitiser, then absent from every file of a strict build of a site that holds them all.
"""

import csv
import io
import shutil
from pathlib import Path

import markdown
import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from macros import published_html, sanitiser
from macros.figures import csv_bytes
from macros.problems import ContentError
from scripts import sitebuild

ATTACKS = Path(__file__).parent / "fixtures" / "html_attacks"
ATTACK_PAGES = sorted(path for path in ATTACKS.glob("*.md") if path.name != "README.md")
# What each fixture tries to put on the page; none of it may survive anywhere in the built site.
PAYLOAD_MARKS = ("personnummer", "ond.example", "attack.js", "display: none", "position: fixed", "alert(1)")


def markdown_extensions() -> list[str]:
    """The Markdown extensions mkdocs.yml lists (its !ENV tags read as their defaults)."""
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    config = yaml.load((sitebuild.ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=loader)
    return [next(iter(item)) if isinstance(item, dict) else item for item in config["markdown_extensions"]]


def body_of(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[2]


def live_markup(html: str) -> list[str]:
    """What a browser would act on in ``html``: style and script elements, forms and inputs,
    style and on… attributes (outside SVG drawings, where the sanitiser keeps a few styles)."""
    found = []
    for node in LexborHTMLParser(html).body.traverse():
        if node.tag in ("style", "script", "form", "input", "iframe"):
            found.append(node.tag)
        for name in node.attributes:
            if name.startswith("on") or (name == "style" and node.tag not in sanitiser.SVG_TAGS):
                found.append(f"{node.tag} {name}=")
    return found


@pytest.mark.snabb
@pytest.mark.parametrize("page", ATTACK_PAGES, ids=lambda p: p.stem)
def test_each_attack_is_live_without_the_sanitiser_and_inert_with_it(page):
    html = markdown.markdown(body_of(page), extensions=markdown_extensions())
    assert live_markup(html), f"{page.name} is no attack: Markdown makes no live markup of it"
    cleaned = sanitiser.clean(html)
    assert live_markup(cleaned) == []
    assert not [mark for mark in PAYLOAD_MARKS if mark in cleaned]


@pytest.mark.snabb
def test_what_the_templates_write_is_kept():
    wheel = (
        '<figure class="ma-cycle"><svg class="ma-cycle__wheel" data-search-exclude viewBox="0 0 320 320" role="img" '
        'aria-labelledby="t" xmlns="http://www.w3.org/2000/svg"><title id="t">Hjul</title>'
        '<path class="ma-cycle__segment" d="M 1 1 L 2 2"/><text class="ma-cycle__label" x="1" y="2" text-anchor="middle">jan</text>'
        '<g id="c-axes"><path style="fill: var(--ma-chart-bar); position: fixed" d="M 0 0"/></g>'
        '<defs><clipPath id="c-p"><rect x="0" y="0" width="1" height="1"/></clipPath></defs><g clip-path="url(#c-p)"><use xlink:href="#c-p"/></g>'
        "<foreignObject><p>Inbäddad HTML</p></foreignObject></svg></figure>"
    )
    cleaned = sanitiser.clean(wheel)
    tree = LexborHTMLParser(cleaned)
    assert tree.css_first("svg").attributes["viewBox"] == "0 0 320 320"
    assert tree.css_first("path.ma-cycle__segment").attributes["d"] == "M 1 1 L 2 2"
    assert tree.css_first("text").attributes["text-anchor"] == "middle"
    # charts.py's drawing (g, defs, clipPath, rect, use, style) is gone, and so are its tags.
    assert "style" not in tree.css_first("svg").html and tree.css_first("use, rect, clipPath, g") is None
    assert "Inbäddad" not in cleaned  # foreignObject goes with its content
    assert '<a href="webcal://malmoandan.se/kalender.ics">' in sanitiser.clean('<a href="webcal://malmoandan.se/kalender.ics">x</a>')


# Every Markdown extension of mkdocs.yml, as an editor may use it (made-up text).
EVERY_EXTENSION = """# Rubrik { #egen .ma-lead }

| Namn | Belopp |
|:-----|-------:|
| A    | 10     |

Text med fotnot[^1] och FN.

*[FN]: Förenta nationerna

!!! note "Observera"
    Innehåll.

???+ info "Öppen"
    Mer.

Term
:   Definition

```python
print("hej")
```

![Bild](assets/bild.png){ width="300" }

<div class="ma-lead" markdown>
**fet**
</div>

[^1]: Fotnoten.
"""


def structure(html: str) -> list[str]:
    """Each element with its attributes (style without spaces), and the text: what a reader gets."""
    tree = LexborHTMLParser(html)
    elements = [
        f"{node.tag} {sorted((name, (value or '').replace(' ', '').rstrip(';')) for name, value in node.attributes.items())}"
        for node in tree.body.traverse()
        if not node.tag.startswith("-")
    ]
    return elements + [tree.body.text()]


@pytest.mark.snabb
def test_what_markdown_writes_is_kept():
    html = markdown.markdown(EVERY_EXTENSION, extensions=markdown_extensions())
    assert structure(sanitiser.clean(html)) == structure(html)


@pytest.mark.snabb
def test_only_the_calendars_own_json_ld_is_kept():
    own = '<script type="application/ld+json">{"@type": "Event"}</script>'
    planted = '<script type="application/ld+json">{"@type": "Person"}</script>'
    cleaned = sanitiser.clean(f"<p>a</p>{own}{planted}<p>b</p>", own)
    assert own in cleaned and "Person" not in cleaned
    assert "script" not in sanitiser.clean(f"<p>a</p>{own}")  # on a page that is no event's


@pytest.mark.snabb
@pytest.mark.parametrize(
    "html, expected",
    [
        ('<p class="ma-lead md-header evil">x</p>', '<p class="ma-lead">x</p>'),
        ('<a class="md-button md-button--primary" href="kalender/">x</a>', '<a class="md-button md-button--primary" href="kalender/">x</a>'),
        ('<a href="https:evil.example">x</a>', "<a>x</a>"),
        ('<p id="__config">{}</p>', "<p>{}</p>"),  # Material reads its settings from #__config
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<img src="data:image/svg+xml,x" alt="">', '<img alt="">'),
        ('<svg><use href="https://ond.example/a.svg#x"/></svg>', "<svg></svg>"),
        ('<table><tr><td style="font-size: 90px; opacity: 0; text-align: right">x</td></tr></table>', '<table><tbody><tr><td style="text-align:right">x</td></tr></tbody></table>'),
        ("<p>a<!-- kommentar -->b</p>", "<p>ab</p>"),
    ],
)
def test_classes_urls_and_comments(html, expected):
    assert sanitiser.clean(html) == expected


# More ways in, tried beyond the list: each must come out inert.
MORE_PAYLOADS = [
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<svg><animate attributeName="href" to="javascript:alert(1)"/><a><text>x</text></a></svg>',
    '<svg><set attributeName="onload" to="alert(1)"/></svg>',
    '<svg><style>@import "https://ond.example/x.css";</style></svg>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="\x01javascript:alert(1)">x</a>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<base href="https://ond.example/">',
    '<meta http-equiv="refresh" content="0;url=https://ond.example/">',
    '<link rel="stylesheet" href="https://ond.example/x.css">',
    '<img srcset="https://ond.example/x.png 2x">',
    '<details open ontoggle="alert(1)">x</details>',
    '<button formaction="https://ond.example/">x</button>',
    "<template><img src=x onerror=alert(1)></template>",
    "<input autofocus onfocus=alert(1)>",
    '<map name="m"><area href="javascript:alert(1)"></map>',
]


@pytest.mark.snabb
@pytest.mark.parametrize("payload", MORE_PAYLOADS)
def test_more_payloads_are_inert(payload):
    cleaned = sanitiser.clean(payload)
    assert live_markup(cleaned) == []
    assert not [mark for mark in ("javascript:", "ond.example", "onerror=", "onload", "ontoggle", "onfocus", "<style", "<base", "<meta") if mark in cleaned], cleaned


# ---- A site holding every attack, built strictly ----------------------------------------------


def attack_site(target: Path) -> Path:
    """A copy of the real site with every fixture of tests/fixtures/html_attacks as a page."""
    project = sitebuild.copy_site(target)
    (project / "docs" / "angrepp").mkdir()
    for page in ATTACK_PAGES:
        shutil.copy(page, project / "docs" / "angrepp" / page.name)
        sitebuild.add_page_to_nav(project, f"angrepp/{page.name}", page.stem)
    return project


@pytest.mark.bygger
def test_no_attack_reaches_any_built_file(tmp_path):
    result = sitebuild.build(attack_site(tmp_path / "project"), tmp_path / "site")
    assert result.returncode == 0, result.output
    found = {}
    for path in sorted(result.site_dir.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".ics", ".csv", ".svg", ".txt"):
            text = path.read_text(encoding="utf-8")
            if marks := [mark for mark in PAYLOAD_MARKS if mark in text]:
                found[path.relative_to(result.site_dir).as_posix()] = marks
    assert found == {}
    for page in ATTACK_PAGES:
        html = (result.site_dir / "angrepp" / page.stem / "index.html").read_text(encoding="utf-8")
        article = LexborHTMLParser(html).css_first("article").html
        assert live_markup(article) == [], page.name
    events = list((result.site_dir / "kalender" / "evenemang").rglob("index.html"))
    for path in events:  # the calendar's own JSON-LD passed the sanitiser whole
        [json_ld] = LexborHTMLParser(path.read_text(encoding="utf-8")).css('script[type="application/ld+json"]')
        assert '"@type": "Event"' in json_ld.text() or '"@type":"Event"' in json_ld.text()


# ---- CSV -----------------------------------------------------------------------------------------


@pytest.mark.snabb
@pytest.mark.parametrize("text", [" =1+1", "\t=1+1", "\n=1+1", "＝1+1", "＋1", "－1", "＠SUM(A1)", "　＝1", "x\n=1+1", "x\r\n =1", "a, -1", "b; @x", "\tx"])
def test_a_formula_after_whitespace_or_a_full_width_sign_is_neutralised(text):
    data = csv_bytes(["a"], [{"a": text}]).decode("utf-8-sig")
    [cell] = list(csv.reader(io.StringIO(data)))[1]
    for piece in cell.replace(";", ",").replace("\r", "\n").replace("\n", ",").split(","):
        stripped = piece.lstrip(" \t\u3000")
        assert not stripped.startswith(("=", "+", "-", "@", "＝", "＋", "－", "＠")), (text, cell)
    assert cell.replace("'", "") == text  # only the apostrophes are added


@pytest.mark.snabb
def test_plain_text_and_numbers_are_left_alone():
    data = csv_bytes(["a", "b"], [{"a": "Malmö, 2023 – idéburen sektor", "b": -4.5}]).decode("utf-8-sig")
    assert data.splitlines()[1] == '"Malmö, 2023 – idéburen sektor",-4.5'


# ---- The output gate (macros/published_html.py) on small made-up sites ---------------------------

THEME_HEAD = '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>x</title></head>'


def small_site(tmp_path: Path, files: dict[str, str]) -> Path:
    """A built site of a few files: the theme's bundle and search worker, plus ``files``."""
    site = tmp_path / "site"
    base = {
        "assets/javascripts/bundle.abc123.min.js": "/* theme */",
        "assets/javascripts/workers/search.def456.min.js": "/* worker */",
        "assets/javascripts/meny.js": "/* own */",
        "index.html": THEME_HEAD + '<body><script src="assets/javascripts/bundle.abc123.min.js"></script><script src="assets/javascripts/meny.js"></script></body></html>',
    }
    for name, text in {**base, **files}.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    return site


def gate_messages(site: Path) -> str:
    try:
        published_html.secure(site, "https://malmoandan.se/")
    except ContentError as error:
        return str(error)
    return ""


@pytest.mark.snabb
def test_every_script_the_project_ships_is_in_the_list():
    """mkdocs.yml's extra_javascript and the theme override's scripts are each in SCRIPT_FILES:
    one missing would be refused by the gate and blocked by the policy."""
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((sitebuild.ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=loader)
    assert config["extra_javascript"]
    for script in config["extra_javascript"]:
        assert script in published_html.SCRIPT_FILES
    assert "assets/javascripts/kalender-tidigt.js" in (sitebuild.ROOT / "overrides" / "main.html").read_text(encoding="utf-8")


@pytest.mark.snabb
def test_the_policy_names_the_sites_own_scripts_and_nothing_else(tmp_path):
    site = small_site(tmp_path, {})
    assert gate_messages(site) == ""
    [meta] = LexborHTMLParser((site / "index.html").read_text(encoding="utf-8")).css('meta[http-equiv="Content-Security-Policy"]')
    policy = dict(directive.strip().split(" ", 1) for directive in meta.attributes["content"].split(";"))
    scripts = policy["script-src"].split()
    assert "https://malmoandan.se/assets/javascripts/bundle.abc123.min.js" in scripts
    assert "https://malmoandan.se/assets/javascripts/meny.js" in scripts
    assert "'self'" not in scripts and not [source for source in scripts if source.endswith("/")]  # files, never folders
    assert policy["worker-src"] == "https://malmoandan.se/assets/javascripts/workers/search.def456.min.js"
    for directive, value in {"object-src": "'none'", "base-uri": "'none'", "form-action": "'none'", "default-src": "'none'"}.items():
        assert policy[directive] == value


@pytest.mark.snabb
@pytest.mark.parametrize(
    "head",
    [
        "<head><meta charset=UTF-8><title>x</title>",
        "<head><title>x</title>",
        '<head><!-- <meta charset="utf-8"> --><title>x</title>',
        "<title>x</title>",
        '<head>\n  <meta charset="utf-8">',
    ],
    ids=["other-charset", "no-charset", "charset-in-comment", "no-head", "line-break"],
)
def test_every_page_gets_its_policy_first_whatever_its_markup(tmp_path, head):
    site = small_site(tmp_path, {"sida.html": f"<!doctype html><html>{head}<script>alert(1)</script></head><body><p>x</p></body></html>".replace("<script>alert(1)</script>", "")})
    assert gate_messages(site) == ""
    tree = LexborHTMLParser((site / "sida.html").read_text(encoding="utf-8"))
    elements = [node for node in tree.head.iter() if not node.tag.startswith("-")]
    if elements[0].tag == "meta" and "charset" in elements[0].attributes:
        elements = elements[1:]
    assert elements[0].attributes.get("http-equiv") == "Content-Security-Policy"


@pytest.mark.snabb
@pytest.mark.parametrize(
    "name, text, expected",
    [
        ("sida.html", '<p><a href="https:evil.example">x</a></p>', "ingen // efter https:"),
        ("sida.html", '<img src="https:evil.example/x.png">', "ingen // efter https:"),
        ("sida.html", '<script src="info.js"></script>', "webbplatsens egna"),
        ("sida.html", "<p>x</p><script>alert(1)</script>", "inbäddat skript"),
        ("sida.html", '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>', "javascript:"),
        ("sida.html", '<svg><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>', "<set>"),
        ("info.js", "alert(1)", "webbplatsens egna"),
        ("karta.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script>"),
        ("karta.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "onload"),
        ("karta.svg", '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://ond.example/x.png"/></svg>', "utanför webbplatsen"),
        ("doc.xml", '<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="x.xsl"?><a/>', "xml-stylesheet"),
        ("doc.xml", '<a:b xmlns:a="http://www.w3.org/1999/xhtml"><a:script>alert(1)</a:script></a:b>', "<script>"),
        ("bomb.xml", '<!DOCTYPE a [<!ENTITY a "aaaa">]><a>&a;</a>', "DOCTYPE"),
        ("kalender.xml", '<feed xmlns="http://www.w3.org/2005/Atom"><entry><summary type="html">&lt;img src=x onerror=alert(1)&gt;</summary></entry></feed>', "onerror"),
        ("kalender.xml", '<feed xmlns="http://www.w3.org/2005/Atom"><link href="https://ond.example/"/></feed>', "utanför webbplatsen"),
        ("search/search_index.json", '{"docs": [{"location": "", "title": "x", "text": "<img src=x onerror=alert(1)>"}]}', "onerror"),
        ("oppna-data/x.json", "[" * 100000, "går inte att läsa"),
        ("kalender.ics", "BEGIN:VCALENDAR\r\nURL:javascript:alert(1)\r\nEND:VCALENDAR\r\n", "inte en webbadress"),
        ("oppna-data/x.csv", '"a"\r\n" =1+1"\r\n', "formel"),
        ("info.xhtml", "<html/>", "filtypen .xhtml"),
    ],
)
def test_the_gate_refuses_each_file_type_s_own_danger(tmp_path, name, text, expected):
    if name.endswith(".html"):
        text = THEME_HEAD + f"<body>{text}</body></html>"
    messages = gate_messages(small_site(tmp_path, {name: text}))
    assert expected in messages
    assert f"site/{name}" in messages


@pytest.mark.snabb
def test_what_the_site_itself_writes_passes(tmp_path):
    files = {
        "kalender.xml": '<feed xmlns="http://www.w3.org/2005/Atom"><link href="https://malmoandan.se/kalender.xml" rel="self"/><entry><summary>Text &lt;b&gt;</summary></entry></feed>',
        "sitemap.xml": '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://malmoandan.se/</loc></url></urlset>',
        "assets/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><use href="#a"/><circle id="a" r="1"/></svg>',
        "kalender.ics": "BEGIN:VCALENDAR\r\nURL:https://malmoandan.se/kalender/\r\nEND:VCALENDAR\r\n",
        "oppna-data/x.csv": "\ufeff\"a\",\"b\"\r\n\"'=1\",-4.5\r\n",
        "search/search_index.json": '{"docs": [{"location": "kalender/", "title": "Kalender", "text": "<p>Text</p>"}]}',
        "sida.html": THEME_HEAD + '<body><a href="https://www.malmo.se/">Malmö stad</a><a href="webcal://malmoandan.se/kalender.ics">x</a></body></html>',
    }
    assert gate_messages(small_site(tmp_path, files)) == ""
