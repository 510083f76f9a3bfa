"""The site's contact route, from data/kontakt.yml: set once, shown by the footer, Om
webbplatsen and the accessibility statement.

The sources name no owner of the site, so the file starts empty; until someone confirms a route,
the pages say that it is not settled instead of showing an invented address.
"""

from pathlib import Path

import yaml
from markupsafe import Markup

from . import escape

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
    if not has_route(contact):
        return Markup(
            '<p class="ma-contact ma-contact--unknown">Webbplatsens ägare har ännu inte bekräftat en '
            "kontaktväg för synpunkter på webbplatsen som fungerar utan konto.</p>"
        )
    ways = []
    if contact["e_post"]:
        ways.append(f'e-post till <a href="mailto:{escape.text(contact["e_post"])}">{escape.text(contact["e_post"])}</a>')
    if contact["telefon"]:
        ways.append(f'telefon <a href="tel:{escape.text(contact["telefon"]).replace(" ", "")}">{escape.text(contact["telefon"])}</a>')
    if contact["formulär"]:
        ways.append(f'<a href="{escape.text(contact["formulär"])}">webbformuläret</a>')
    who = f"{escape.text(contact['ansvarig'])} tar emot synpunkter på webbplatsen." if contact["ansvarig"] else ""
    return Markup(f'<p class="ma-contact">{who} Nå oss genom {" eller ".join(ways)}.</p>')
