"""All HTML the macros make comes from templates in macros/templates/, escaped in one way."""

import ast
import re
from pathlib import Path

import pytest
from markupsafe import Markup

from macros import contact
from macros.templating import MISSING, piece, table

pytestmark = pytest.mark.snabb

MACROS = Path(__file__).resolve().parent.parent / "macros"

# Where an f-string may still hold a tag, and why. Nothing that renders page content belongs here.
ALLOWED = {
    # Rewrites each built page after the build: the Content-Security-Policy <meta> in <head>.
    ("published_html.py", "with_policy"),
}

TAG = re.compile(r"<[A-Za-z/]")  # the start of a tag written in the code, not "<{tag}>" in a message


def _html_f_strings(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            if TAG.search(literal):
                owner = min(
                    (f for f in functions if f.lineno <= node.lineno <= f.end_lineno),
                    key=lambda f: f.end_lineno - f.lineno,
                    default=None,
                )
                yield node.lineno, owner.name if owner else "<module>"


def test_no_macro_module_writes_html_in_an_f_string():
    found = [
        f"macros/{path.name}:{line} ({function})"
        for path in sorted(MACROS.glob("*.py"))
        for line, function in _html_f_strings(path)
        if (path.name, function) not in ALLOWED
    ]
    assert not found, "HTML belongs in macros/templates/, rendered by macros.templating: " + ", ".join(found)


def test_the_allowlist_names_only_functions_that_still_need_it():
    used = {(path.name, function) for path in MACROS.glob("*.py") for _line, function in _html_f_strings(path)}
    assert ALLOWED <= used, f"no longer needed, remove from ALLOWED: {sorted(ALLOWED - used)}"


def test_table_has_caption_outside_the_scroll_area_labels_and_row_headers():
    html = table("Stöd *per* förvaltning", ["Förvaltning", "Belopp", "Stöd"], [["Fritid", "10 mnkr", None]], numeric={1})
    caption = "Stöd &#42;per&#42; förvaltning"
    assert html.index(f'<p class="ma-table-caption" aria-hidden="true">{caption}</p>') < html.index('<div class="ma-table-wrap"')
    assert f'aria-label="{caption}"' in html
    assert f'<caption class="ma-visually-hidden">{caption}</caption>' in html
    assert '<th scope="col" class="ma-number">Belopp</th>' in html
    assert '<th scope="row">Fritid</th>' in html
    assert '<td class="ma-number" data-label="Belopp">10 mnkr</td>' in html
    assert f'<td data-label="Stöd">{MISSING}</td>' in html


def test_table_groups_ids_and_whole_row_statements():
    html = table(
        "Tal",
        ["År", "Tal", "Källa"],
        [],
        groups=[("Första <gruppen>", [["2019", "1", "a"]]), ("Andra", [["2020", Markup("<em>ingen</em>")]])],
        row_ids=["forsta", None],
        css="ma-table--kpi",
    )
    assert '<table class="ma-table ma-table--kpi">' in html
    assert html.count("<tbody>") == 2
    assert '<th scope="rowgroup" colspan="3">Första &lt;gruppen&gt;</th>' in html
    assert '<tr id="forsta">' in html
    assert '<tr><th scope="row">2020</th><td colspan="2"><em>ingen</em></td></tr>' in html


def test_table_without_row_headers_keeps_every_cell_a_td():
    html = table("Budget", ["Post", "Kronor"], [["Lokaler", "5 kr"]], numeric={1}, row_headers=False)
    assert 'scope="row"' not in html
    assert '<td data-label="Post">Lokaler</td>' in html


def test_text_from_data_is_escaped_for_html_and_markdown_in_pieces():
    assert piece("link", "../siffror/#a_b", "A_b <c>") == '<a href="../siffror/#a_b">A&#95;b &lt;c&gt;</a>'
    assert "<" not in piece("json_ld", {"d": "</script>"})[len('<script type="application/ld+json">') : -len("</script>")]


def test_confirmed_contact_route_is_escaped_and_links_each_way():
    html = contact.route_html(
        {"bekräftad": True, "ansvarig": "Stadskontoret <x>", "e_post": "a@malmo.se", "telefon": "040 34 10 00", "formulär": None}
    )
    assert html.startswith('<p class="ma-contact">Stadskontoret &lt;x&gt; tar emot')
    assert '<a href="mailto:a@malmo.se">a@malmo.se</a> eller telefon <a href="tel:040341000">040 34 10 00</a>.' in html


def test_every_table_comes_from_the_one_table_template():
    templates = MACROS / "templates"
    others = [p.name for p in sorted(templates.iterdir()) if p.name != "table.html" and "<table" in p.read_text(encoding="utf-8")]
    assert not others, f"build these tables with templating.table (templates/table.html): {others}"


def test_table_rows_can_carry_a_class_and_computed_attributes_stay_readable():
    html = table("Matris", ["Nivå", "Steg"], [["Dialog", None], ["Samråd", None]], row_classes=["ma-matrix__row--malmoandan", None])
    assert '<tr class="ma-matrix__row--malmoandan">' in html
    assert html.count("<tr class=") == 1
