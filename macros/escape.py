"""Escaping for text from data files that lands in a Markdown page.

Macro output goes into the page's Markdown before Markdown runs, so text from data must be safe
twice: as HTML (``<``, ``&``, quotes) and as Markdown (``*``, ``_``, ``|`` in tables, ``[`` for
links, backticks). Each Markdown character becomes a numeric character reference, which
Markdown leaves alone and the browser shows as the character itself.
"""

from markupsafe import Markup

# One table for both languages, applied in a single pass so that no replacement is replaced
# again: HTML's special characters, then those with a meaning in Python-Markdown and the
# extensions the site uses (emphasis, code, links, tables, attr_list, footnotes).
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_MARKDOWN = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()#|~^"}
_TABLE = str.maketrans({**_MARKDOWN, **_HTML, "\n": " "})


def text(value: object) -> Markup:
    """``value`` as plain text that neither HTML nor Markdown will interpret.

    Markup (already built HTML, for example from another template) passes unchanged.
    """
    if isinstance(value, Markup):
        return value
    return Markup(str(value).translate(_TABLE))
