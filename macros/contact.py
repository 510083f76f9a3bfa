"""The site's contact route, from data/kontakt.yml: set once, shown by the footer, Om
webbplatsen and the accessibility statement.

The sources name no owner of the site, so the file starts empty; until someone confirms a route,
the pages say that it is not settled instead of showing an invented address.
"""

from markupsafe import Markup

from .templating import render

# The file is read and checked with the other data files (content.CONTACT_FIELDS); the pages
# get it as Content.contact.


def has_route(contact: dict) -> bool:
    """Whether a reader can reach someone without an account."""
    return bool(contact["bekräftad"] and (contact["e_post"] or contact["telefon"] or contact["formulär"]))


def route_html(contact: dict) -> Markup:
    """The contact route as a paragraph, or the honest statement that it is not settled."""
    ways = [way for way in ("e_post", "telefon", "formulär") if contact[way]] if has_route(contact) else []
    return render("contact.html", route=has_route(contact), c=contact, ways=ways)
