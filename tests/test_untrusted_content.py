"""Nothing an editor writes can run code at build time or script in a reader's browser.

Three levels: the rules on small strings (fast), a copy of the real site seeded with the
payloads of tests/fixtures/untrusted/ (each must stop the check and the build with a Swedish
fil:rad message), and the built real site (every page carries its Content-Security-Policy and
loads nothing from another origin; the browser crawl is in tests/test_browser.py).
"""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar
from selectolax.lexbor import LexborHTMLParser

from macros import editor_text, macro_table, published_html
from macros.figures import csv_bytes
from scripts import sitebuild

pytestmark = pytest.mark.snabb

UNTRUSTED = Path(__file__).parent / "fixtures" / "untrusted"
MACROS = macro_table.MACROS


def lines_of(problems) -> list[int]:
    return sorted(problem.line for problem in problems)


# ---- Macro calls: only registered macros with literal arguments --------------------------------

ESCAPES = [
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ self.__init__.__globals__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ config }}",
    "{{ page.meta }}",
    "{{ macros_info() }}",
    "{{ range(10) }}",
    "{{ namespace() }}",
    "{{ beslut.__globals__ }}",
    "{{ beslut(config) }}",
    "{{ beslut(id=page.title) }}",
    "{{ beslut('a') | attr('__class__') }}",
    "{{ beslut('a')['x'] }}",
    "{{ beslut(*['a']) }}",
    "{% set x = 1 %}",
    "{% include 'main.html' %}",
    "{% for x in [1] %}{% endfor %}",
    "{% import 'x' as y %}",
    "{{ (beslut)('a').upper() }}",
]


@pytest.mark.parametrize("payload", ESCAPES)
def test_anything_but_a_registered_macro_call_is_refused(payload):
    problems = editor_text.macro_call_problems(f"# Rubrik\n\n{payload}\n", "docs/sida.md", 5, MACROS)
    assert problems, f"{payload} was accepted"
    assert problems[0].line == 7
    assert problems[0].path == "docs/sida.md"


def test_literal_calls_of_registered_macros_pass():
    text = '{{ beslut("ks-2024-03-06-upphavande") }} {{ kalenderadress(webcal=True) }} {{ siffra("x", 2023) | capitalize }}'
    assert editor_text.macro_call_problems(text, "docs/sida.md", 1, MACROS) == []


def test_a_macro_call_is_checked_against_its_signature_and_the_data():
    references = {("beslut", "id"): {"ks-2024-03-06-upphavande"}}
    [wrong_id] = editor_text.macro_call_problems('{{ beslut("ks-2024-03-06-upphavnde") }}', "docs/s.md", 1, MACROS, references)
    assert "Menade du 'ks-2024-03-06-upphavande'?" in wrong_id.message
    [wrong_type] = editor_text.macro_call_problems('{{ rapport_fakta("2023") }}', "docs/s.md", 1, MACROS)
    assert "år ska vara ett heltal utan citattecken" in wrong_type.message
    [too_many] = editor_text.macro_call_problems('{{ senast_byggd("i går") }}', "docs/s.md", 1, MACROS)
    assert "fel antal" in too_many.message and "Skriv till exempel" in too_many.message


def test_a_jinja_syntax_error_names_its_line():
    [problem] = editor_text.macro_call_problems("a\nb\n{{ beslut(\"x\" }}\n", "docs/s.md", 4, MACROS)
    assert problem.line == 6 and "makrot går inte att läsa" in problem.message


# ---- Markdown bodies: an allowlist of HTML, safe links only ------------------------------------

UNSAFE_MARKDOWN = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//exempel.se/x.js></SCRIPT>",
    '<iframe src="https://exempel.se/"></iframe>',
    "<object data=x></object>",
    "<embed src=x>",
    "<style>body{display:none}</style>",
    '<base href="https://exempel.se/">',
    '<meta http-equiv="refresh" content="0;url=https://exempel.se/">',
    '<link rel="stylesheet" href="https://exempel.se/x.css">',
    '<form action="https://exempel.se/"></form>',
    '<p onclick="alert(1)">text</p>',
    '<span onmouseover=alert(1)>text</span>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="  JaVaScRiPt:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    "[x](javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html,hej)",
    "<javascript:alert(1)>",
    "[r]: javascript:alert(1)",
    '<pre class="mermaid">graph TD; A-->B</pre>',
    '<div class="mermaid">graph</div>',
    'Stycke.\n{: onclick="alert(1)" }',
    '[länk](https://exempel.se/){: href="javascript:alert(1)" }',
    "<svg onload=alert(1)>",
    "<img src=x onerror=alert(1)>",
    "Text med \x0b från Word",
]


@pytest.mark.parametrize("payload", UNSAFE_MARKDOWN)
def test_unsafe_markup_in_a_body_is_refused(payload):
    problems = editor_text.markdown_problems(f"# Rubrik\n\n{payload}\n", "docs/kalender/evenemang/2026/x.md", 8)
    assert problems, f"{payload!r} was accepted"
    assert lines_of(problems)[0] == 10 + payload.count("\n")  # the line the payload ends on
    assert all("tillåt" in problem.message or "Word" in problem.message for problem in problems)


SAFE_MARKDOWN = [
    "[Beslut](beslut.md#ks-2024) och [Malmö stad](https://malmo.se/) och <https://malmo.se/>",
    "[Mejla](mailto:info@exempel.se) eller [ring](tel:+4640000000)",
    '<p class="ma-lead">Ingress</p>',
    '<div lang="en" markdown>\nText\n</div>',
    '<button type="button" class="md-button ma-copy" data-ma-copy="x">Kopiera</button> <span role="status"></span>',
    "`<script>` och\n\n```html\n<script>alert(1)</script>\n```",
    "## Rubrik { #egen-rubrik }",
    "Ett citat: ”så här” – och {: .ma-klass } efter.",
]


@pytest.mark.parametrize("text", SAFE_MARKDOWN)
def test_what_the_pages_need_is_allowed(text):
    assert editor_text.markdown_problems(text, "docs/sida.md") == []


# ---- One-line fields -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ('Testsida"><script>alert(1)</script>', "får inte innehålla {{, {%, < eller >"),
        ('En "beskrivning"', "raka citattecken"),
        ("Rad ett\nrad två", "ska stå på en rad"),
        ("Med\x0bvertikal tabb", "vertikal tabb (från Word)"),
        ("Med\u2028radavgränsare", "radavgränsare (U+2028)"),
        ("Riktning\u202eomvänd", "styrtecken (U+202E)"),
        ("x" * 81, "korta den till högst 80 tecken"),
    ],
)
def test_a_one_line_field_refuses_markup_breaks_and_length(value, expected):
    message = editor_text.one_line(80, quotes=False)(value)
    assert message is not None and expected in message


# ---- A copy of the real site seeded with every payload --------------------------------------------


@pytest.fixture(scope="module")
def seeded_site(tmp_path_factory):
    project = sitebuild.copy_site(tmp_path_factory.mktemp("seeded") / "project")
    for name in ("macro_escape.md", "raw_html.md", "front_matter.md"):
        (project / "docs" / name).write_text((UNTRUSTED / name).read_text(encoding="utf-8"), encoding="utf-8")
        sitebuild.add_page_to_nav(project, name)
    event_dir = project / "docs" / "kalender" / "evenemang" / "2026"
    event_dir.mkdir(parents=True, exist_ok=True)
    (event_dir / "2026-05-01-skadligt.md").write_text((UNTRUSTED / "event.md").read_text(encoding="utf-8"), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def seeded_check(seeded_site):
    completed = subprocess.run([sys.executable, "-m", "macros.check", str(seeded_site)], capture_output=True, text=True, timeout=120)
    return completed


EXPECTED = {
    # file: lines that must be reported
    "docs/macro_escape.md": [9, 11, 13, 15, 17, 19, 21, 23, 25],
    "docs/raw_html.md": [7, 9, 11, 13, 15, 17, 19, 22, 24, 26, 28],
    "docs/front_matter.md": [2, 3],
    "docs/kalender/evenemang/2026/2026-05-01-skadligt.md": [2, 14, 16, 18],
}


@pytest.mark.parametrize("path", EXPECTED)
def test_each_payload_stops_the_check_at_its_line(seeded_check, path):
    assert seeded_check.returncode == 1
    reported = {int(line.split(":")[1]) for line in seeded_check.stdout.splitlines() if line.startswith(path + ":")}
    assert set(EXPECTED[path]) <= reported, f"{path}: expected lines {EXPECTED[path]}, got {sorted(reported)}\n{seeded_check.stdout}"
    assert "Traceback" not in seeded_check.stdout + seeded_check.stderr


def test_code_in_a_page_is_only_text(seeded_check):
    """The code span on the last line of raw_html.md is shown, not rejected."""
    assert "docs/raw_html.md:30:" not in seeded_check.stdout


@pytest.mark.bygger
def test_the_seeded_site_does_not_build_and_leaves_nothing(seeded_site, tmp_path):
    result = sitebuild.build(seeded_site, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/macro_escape.md:9:" in result.output
    assert "uid=" not in result.output, "the shell command ran"


# ---- Allowed text with special characters comes out inert everywhere ---------------------------


def test_ics_escapes_text_and_the_calendar_name():
    from macros.calendar_files import _calendar_frame
    from macros.links import Site

    head, end = _calendar_frame('Möte; med, komma \\ och "citat"', Site("https://malmoandan.se/"))
    text = (head + end).decode("utf-8")
    assert "NAME:Möte\\; med\\, komma \\\\ och" in text
    assert "X-WR-CALNAME:Möte\\; med\\, komma \\\\ och" in text
    head, end = _calendar_frame("Rad ett\r\nURL:https://ond.example/\rDESCRIPTION:x", Site("https://malmoandan.se/"))
    parsed = Calendar.from_ical(head + end)
    assert "URL:https://ond" not in (head + end).decode("utf-8").split("\r\n")[0:20]
    assert parsed.get("url") == "https://malmoandan.se/kalender.ics"


def test_csv_cells_cannot_become_formulas_in_any_separator():
    data = csv_bytes(["a", "b"], [{"a": "x;=HYPERLINK(\"https://ond.example\")", "b": "=1+1"}, {"a": "Malmö, 2023", "b": 4.3}]).decode("utf-8-sig")
    for separator in (",", ";"):
        for row in csv.reader(io.StringIO(data), delimiter=separator):
            for cell in row:
                assert not cell.lstrip(' "').startswith(("=", "+", "@")), (separator, cell)
    assert '"Malmö, 2023",4.3' in data


# ---- The output gate and the Content-Security-Policy ---------------------------------------------


def test_the_gate_refuses_what_the_theme_never_writes():
    html = (
        '<html><head><meta charset="utf-8"><script>alert(1)</script>'
        '<script src="https://unpkg.com/x.js"></script><link rel="stylesheet" href="https://cdn.example/x.css">'
        '<link rel="canonical" href="https://malmoandan.se/">'
        '</head><body><img src="x" onerror="alert(1)"><iframe src="/"></iframe>'
        '<a href="javascript:alert(1)">x</a><pre class="mermaid">x</pre>'
        '<script type="application/ld+json">{"broken": </script></body></html>'
    )
    problems, _hashes = published_html.page_problems(html, "site/x.html", "https://malmoandan.se")
    messages = "\n".join(p.message for p in problems)
    for expected in ("inbäddat skript", '<script src="https://unpkg.com/x.js"> laddar', "cdn.example", "onerror", "<iframe>", "javascript:", "mermaid", "JSON-LD"):
        assert expected in messages
    assert "canonical" not in messages and "malmoandan.se/\"" not in messages


@pytest.mark.parametrize(
    "tag, expected",
    [
        ('<svg/ONLOAD="alert(1)">', "onload"),
        ('<img src=x\tOnError=alert(1)>', "onerror"),
        ("<a class='x'onclick=alert(1)>", "onclick"),
        ('<script src="//cdn.example/x.js"></script>', "cdn.example"),
        ('<img srcset="//cdn.example/x.png 2x">', "cdn.example"),
        ('<a href=" JAVASCRIPT:alert(1)">x</a>', "javascript:"),
        ('<meta http-equiv="Refresh" content="0">', "refresh"),
        ('<div class="content mermaid">x</div>', "mermaid"),
        ("<div =onclick=alert(1)>", "onclick"),
        ('<a href="javascript&colon;alert(1)">x</a>', "javascript:"),
        ('<a href="java&#x09;script&#58;alert(1)">x</a>', "javascript:"),
        ('<script src="/\t/cdn.example/x.js"></script>', "cdn.example"),
        ('<script src="&#47;&#47;cdn.example/x.js"></script>', "cdn.example"),
        ('<img src="\\\\cdn.example\\x.png">', "cdn.example"),
        ('<img srcset="bild.png 1x, //cdn.example/x.png 2x">', "cdn.example"),
        ('<a title="a>b" onclick="alert(1)">x</a>', "onclick"),
    ],
)
def test_the_gates_quick_pass_lets_no_unsafe_tag_through(tag, expected):
    """The gate splits only tags that might fail into attributes (published_html._may_be_unsafe);
    each of these must still be caught."""
    problems, _ = published_html.page_problems(f'<html><body><p class="content button">{tag}</p></body></html>', "site/x.html", "https://malmoandan.se")
    assert expected in "\n".join(p.message for p in problems).lower()


@pytest.mark.bygger
def test_every_built_page_has_the_policy_first_and_loads_only_its_own_files(site):
    pages_ = sorted(site.rglob("*.html"))
    assert len(pages_) > 20
    for path in pages_:
        html = path.read_text(encoding="utf-8")
        head = html.split("<head>", 1)[1].lstrip()
        assert head.startswith('<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src https://malmoandan.se/assets/javascripts/'), path
        assert '<meta name="referrer" content="same-origin">' in html
        problems, _ = published_html.page_problems(html, str(path), "https://malmoandan.se")
        assert problems == [], problems
    for path in site.rglob("*"):
        if path.suffix in (".js", ".html", ".css", ".json"):
            assert "unpkg.com" not in path.read_text(encoding="utf-8", errors="replace"), path


@pytest.mark.bygger
def test_the_theme_bundle_finds_its_polyfill_on_the_site(site):
    [bundle] = (site / "assets" / "javascripts").glob("bundle.*.min.js")
    assert '"/assets/javascripts/vendor/resize-observer-polyfill-1.5.1.js"' in bundle.read_text(encoding="utf-8")
    assert (site / published_html.POLYFILL).is_file()


@pytest.mark.bygger
def test_json_ld_cannot_close_its_script_element(site):
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for script in LexborHTMLParser(html).css('script[type="application/ld+json"]'):
            json.loads(script.text())
            assert "</" not in script.text()


# ---- Text that is allowed but special everywhere: inert in every output ------------------------

TRICKY = 'Semikolon; komma, "citat" & \'apostrof\' \\\\ snedstreck =1+1 @x -2 </p> ]]> *stjärnor* |rör|'


@pytest.mark.bygger
def test_allowed_special_characters_come_out_as_text_in_every_output(tmp_path):
    """An event's summary with ; , " & ' \\ = @ - < / > * | in it: the same text in the ICS (after
    unfolding and unescaping), the JSON-LD, the feed, the CSV and the search index, and shown as
    text on the page."""
    import feedparser
    from bs4 import BeautifulSoup

    project = sitebuild.copy_site(tmp_path / "project")
    folder = project / "docs" / "kalender" / "evenemang" / "2026"
    folder.mkdir(parents=True, exist_ok=True)
    summary = TRICKY.replace("</p>", "p/").replace("]]>", "]]")  # < and > are refused in one-line fields
    (folder / "2026-12-01-specialtecken.md").write_text(
        "---\n"
        'titel: "Möte; med, komma & \\"citat\\""\n'
        "typ: dialogforum\n"
        f"sammanfattning: '{summary.replace(chr(39), chr(39) * 2)}'\n"
        'start: "2026-12-01 10:00"\n'
        'slut: "2026-12-01 12:00"\n'
        "plats: okänd\n"
        "id: s9pc-2hxe\n"
        "---\n\nText.\n",
        encoding="utf-8",
    )
    result = sitebuild.build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    site = tmp_path / "site"
    event_dir = site / "kalender" / "evenemang" / "2026" / "2026-12-01-specialtecken"
    calendar = Calendar.from_ical((event_dir / "2026-12-01-specialtecken.ics").read_bytes())
    [ics_event] = calendar.walk("VEVENT")
    assert str(ics_event["SUMMARY"]) == 'Möte; med, komma & "citat"'
    assert str(ics_event["DESCRIPTION"]).startswith(summary)
    raw = (event_dir / "2026-12-01-specialtecken.ics").read_bytes().decode("utf-8")
    # icalendar's parser leaves these two as written; calendar clients read them as TEXT.
    assert '\r\nNAME:Möte\\; med\\, komma & "citat"\r\n' in raw
    assert '\r\nX-WR-CALNAME:Möte\\; med\\, komma & "citat"\r\n' in raw
    html = (event_dir / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    [ld] = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    assert ld["description"] == summary and ld["name"] == 'Möte; med, komma & "citat"'
    assert summary in page.get_text()
    assert "<stjärnor>" not in html and "<em>stjärnor</em>" not in html.split("<article")[1]
    feed = feedparser.parse((site / "kalender.xml").read_bytes())
    assert feed.bozo == 0
    assert any(summary in entry.summary for entry in feed.entries)
    rows = list(csv.reader(io.StringIO((site / "oppna-data" / "evenemang.csv").read_text(encoding="utf-8-sig"))))
    row = next(r for r in rows if any("specialtecken" in cell or "Möte; med" in cell for cell in r))
    assert not any(cell.startswith(("=", "+", "@")) for cell in row)
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] + doc["title"] for doc in index["docs"] if "specialtecken" in doc["location"])
    assert "<script" not in text and "Möte; med, komma" in text


@pytest.mark.bygger
def test_only_files_that_pages_load_are_deployed(site):
    """No source maps, no search languages but Swedish, no Japanese or Thai word splitters."""
    assert list(site.rglob("*.map")) == []
    lunr = site / "assets" / "javascripts" / "lunr"
    assert sorted(p.name for p in lunr.rglob("*.js")) == ["lunr.stemmer.support.min.js", "lunr.sv.min.js"]
    for path in (site / "assets" / "javascripts").rglob("*.js"):
        assert "sourceMappingURL=" not in path.read_text(encoding="utf-8"), path
