"""The one way the macros make HTML: Jinja templates in macros/templates/, autoescaped.

Python code gathers data (dicts, lists, strings) and renders a template with ``render``; it never
writes markup itself. Every ``{{ value }}`` passes through ``escape.text`` (the environment's
``finalize``) before autoescaping, so text from data shows as itself in both HTML and the
Markdown the macro output lands in. ``Markup`` values (already rendered by another template)
pass unchanged.
"""

from collections.abc import Sequence
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from markupsafe import escape as html_escape

from . import escape, formatting

# No bytecode cache: Jinja's cache on disk (.cache/jinja/) saved about 24 ms a build, but a file
# planted there (a force-added file in a pull request) is loaded as code by the check and the
# build. Compiling the templates each time is the safe answer with the least code.
templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    finalize=escape.text,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
templates.filters["kronor"] = formatting.kronor
# Counts in running text: one to twelve as words (Språkrådet), as fakta() writes them.
templates.filters["i_text"] = formatting.number_in_text
# For an attribute value the macros compute themselves (a page URL with its #anchor, a class
# name): HTML escaping only. Markdown stashes a raw tag whole and emphasis never looks inside
# one, so "#" and "__" can stay as themselves and the page source stays readable. Text from
# data files in attributes (aria-label, data-label) keeps the full escape.text.
templates.filters["attribute"] = html_escape
# tojson (JSON-LD): keys sorted for a deterministic build, å, ä and ö as themselves.
templates.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}


Row = Sequence[object]  # a table's row: its cells, each text, a number, markup or None for a missing figure


def render(name: str, **data: object) -> Markup:
    """The template ``name`` (in macros/templates/) rendered with ``data``, as safe markup."""
    return Markup(templates.get_template(name).render(**data))


def piece(name: str, *arguments: object, **keywords: object) -> Markup:
    """A small piece of markup from macros/templates/pieces.html (a link, a table cell's content)."""
    return Markup(getattr(templates.get_template("pieces.html").module, name)(*arguments, **keywords))


# The one marker for a missing figure, everywhere a table or chart has a gap: a dash the eye
# reads at a glance, said in words to screen readers. Pages explain it once.
MISSING = piece("missing")


def table(caption: str, headers: list[str], rows: Sequence[Row], numeric: set[int] | frozenset[int] = frozenset(), row_headers: bool = True,
          groups: Sequence[tuple[str, Sequence[Row]]] | None = None, row_ids: list[str | None] | None = None, css: str = "",
          row_classes: list[str | None] | None = None) -> Markup:
    """The site's one accessible table (macros/templates/table.html says how it reads).

    ``rows`` are lists of cells (text, Markup, or None for a missing figure); ``numeric`` the
    column indexes aligned as numbers; ``groups`` gives the rows in named groups instead, each a
    <tbody> headed by a row that spans the table; ``row_ids`` gives rows an id to link to and
    ``row_classes`` a class (both in row order, across groups).
    """
    if groups is None:
        groups = [("", rows)]
    ids, classes = iter(row_ids or []), iter(row_classes or [])
    bodies = [
        {"name": name, "rows": [{"cells": row, "id": next(ids, None), "css": next(classes, None)} for row in group_rows]}
        for name, group_rows in groups
    ]
    return render(
        "table.html", caption=caption, headers=headers, groups=bodies, numeric=set(numeric), row_headers=row_headers,
        css=css, missing=MISSING,
    )
