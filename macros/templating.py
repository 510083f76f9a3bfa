"""The one way the macros make HTML: Jinja templates in macros/templates/, autoescaped.

Python code gathers data (dicts, lists, strings) and renders a template with ``render``; it never
writes markup itself. Every ``{{ value }}`` passes through ``escape.text`` (the environment's
``finalize``) before autoescaping, so text from data shows as itself in both HTML and the
Markdown the macro output lands in. ``Markup`` values (already rendered by another template)
pass unchanged.
"""

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape as html_escape

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


def render(name: str, **data) -> Markup:
    """The template ``name`` (in macros/templates/) rendered with ``data``, as safe markup."""
    return Markup(templates.get_template(name).render(**data))


def piece(name: str, *arguments, **keywords) -> Markup:
    """A small piece of markup from macros/templates/pieces.html (a link, a table cell's content)."""
    return Markup(getattr(templates.get_template("pieces.html").module, name)(*arguments, **keywords))
