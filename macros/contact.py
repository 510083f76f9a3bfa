"""The site's contact route, from data/kontakt.yml: set once, shown by the footer, Om
webbplatsen and the accessibility statement.

The sources name no owner of the site, so the file starts empty; until someone confirms a route,
the pages say that it is not settled instead of showing an invented address.
"""

from pathlib import Path

import yaml
from markupsafe import Markup

from .templating import render

FIELDS = ("bekräftad", "ansvarig", "e_post", "telefon", "formulär")


def load(project_dir: Path) -> dict:
    """The contact fields; a missing file or field counts as unknown. An unknown field stops
    the build with a Swedish message, as every other data file does."""
    path = project_dir / "data" / "kontakt.yml"
    data = (yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None) or {}
    unknown = [key for key in data if key not in FIELDS]
    if unknown:
        raise ValueError(f"data/kontakt.yml: okänt fält {', '.join(unknown)}. Fälten är: {', '.join(FIELDS)}.")
    return {key: data.get(key) for key in FIELDS}


def has_route(contact: dict) -> bool:
    """Whether a reader can reach someone without an account."""
    return bool(contact["bekräftad"] and (contact["e_post"] or contact["telefon"] or contact["formulär"]))


def route_html(contact: dict) -> Markup:
    """The contact route as a paragraph, or the honest statement that it is not settled."""
    ways = [way for way in ("e_post", "telefon", "formulär") if contact[way]] if has_route(contact) else []
    return render("contact.html", route=has_route(contact), c=contact, ways=ways)
