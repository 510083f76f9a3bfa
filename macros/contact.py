"""The site's contact route, from data/kontakt.yml: set once, shown by the footer, the 404 page,
Om webbplatsen, the privacy page and the accessibility statement.

The sources name no owner of the site, so the file starts empty. Until someone confirms a route,
no page offers one (no "Kontakt" link that leads to a page saying there is none), the pages say
plainly that there is no address yet, and ``./dev check`` reminds the editors with a notice that
does not fail the build (``notice``).
"""

from pathlib import Path

from markupsafe import Markup

from . import yamlfiles
from .templating import render

# The file is read and checked with the other data files (content.CONTACT_FIELDS); the pages
# get it as Content.contact, the theme as config.extra.malmoandan_contact (assembly.theme_extra).

CONTACT_FILE = "data/kontakt.yml"


def has_route(contact: dict[str, object]) -> bool:
    """Whether a reader can reach someone without an account."""
    return bool(contact["bekräftad"] and (contact["e_post"] or contact["telefon"] or contact["formulär"]))


def route_html(contact: dict[str, object]) -> Markup:
    """The contact route as a paragraph, or the plain statement that there is none yet."""
    ways = [way for way in ("e_post", "telefon", "formulär") if contact[way]] if has_route(contact) else []
    return render("contact.html", route=has_route(contact), c=contact, ways=ways)


def notice(contact: dict[str, object]) -> str | None:
    """What ``./dev check`` tells the editors while no route is confirmed (None once one is): a
    reminder, not an error, because the site is right to say it has none until the owner says."""
    if has_route(contact):
        return None
    return (
        f"{CONTACT_FILE}: Obs! Webbplatsen har ingen bekräftad kontaktväg utan konto. Sidfoten, 404-sidan "
        "och tillgänglighetsredogörelsen visar ingen förrän den som äger webbplatsen har bekräftat en "
        "e-postadress, ett telefonnummer eller ett webbformulär. Fyll i den i filen och sätt "
        "bekräftad: true (se REDAKTORER.md, Kontaktvägen)."
    )


def notice_for(root: Path) -> str | None:
    """``notice`` for the project at ``root``, read from its data/kontakt.yml after the content
    check has passed (a project without the file, such as a data-only fixture, gets none)."""
    path = root / CONTACT_FILE
    if not path.is_file():
        return None
    data = yamlfiles.read(path, root).data
    if not isinstance(data, dict):
        return None  # the check reports a file that is not a mapping
    return notice({way: data.get(way) for way in ("bekräftad", "e_post", "telefon", "formulär")})


def github_warning(text: str) -> str:
    """``notice`` as a GitHub Actions annotation: a yellow warning on the pull request."""
    path, _, message = text.partition(": ")
    message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::warning file={path},line=1,title=Kontaktväg saknas::{message}"
