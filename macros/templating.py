"""The one way the macros make HTML: Jinja templates in macros/templates/, autoescaped.

Python code gathers data (dicts, lists, strings) and renders a template with ``render``; it never
writes markup itself. Every ``{{ value }}`` passes through ``escape.text`` (the environment's
``finalize``) before autoescaping, so text from data shows as itself in both HTML and the
Markdown the macro output lands in. ``Markup`` values (already rendered by another template)
pass unchanged.
"""

import hashlib
from pathlib import Path

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape as html_escape

from . import escape, formatting

# Compiled templates are kept in .cache/jinja/ (not in git) between builds: compiling the 27
# templates was 45 ms of every build. Jinja checks each template's source against the cached
# copy, so an edited template is compiled again; the pages come out the same either way.
# The folder is named by this file and Jinja's version: compiled code depends on the options below
# (trim_blocks, finalize, …), which Jinja's own check of the template source does not see.
BYTECODE = Path(__file__).resolve().parent.parent / ".cache" / "jinja" / hashlib.sha256(Path(__file__).read_bytes() + jinja2.__version__.encode()).hexdigest()[:16]
try:
    BYTECODE.mkdir(parents=True, exist_ok=True)
    _bytecode_cache = FileSystemBytecodeCache(str(BYTECODE))
except OSError:  # a read-only checkout builds as well, compiling every time
    _bytecode_cache = None

templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    bytecode_cache=_bytecode_cache,
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
