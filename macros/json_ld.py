"""An event as schema.org structured data (JSON-LD), for its page: search engines read the start
with its UTC offset, the status, the attendance mode and the place from it.

Below both the pages (render.py puts the element on the event page) and the publishing gate
(assembly.py hands the sanitiser the one element a page may keep).
"""

from datetime import date, datetime

from . import links, vocabulary
from .events import Event, Place
from .templating import piece

STATUS = vocabulary.by_value(vocabulary.EVENT_STATUSES)
ATTENDANCE_MODE = vocabulary.by_value(vocabulary.ATTENDANCE_MODES)


def _iso(value: date | datetime) -> str:
    return value.isoformat() if isinstance(value, date) and not isinstance(value, datetime) else value.isoformat(timespec="seconds")


def json_ld(event: Event, site: links.Site, places: dict[str, Place]) -> dict[str, object]:
    """A schema.org Event: start with its UTC offset, status, attendance mode and location."""
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.titel,
        "description": event.sammanfattning,
        "startDate": _iso(event.start),
        "eventStatus": f"https://schema.org/{STATUS[event.status].schema_org}",
        "eventAttendanceMode": f"https://schema.org/{ATTENDANCE_MODE[event.deltagande].schema_org}",
        "url": site.url(event.url_path),
        "inLanguage": "sv",
    }
    if event.slut:
        data["endDate"] = _iso(event.slut)
    locations = []
    if event.plats:
        place = places[event.plats]
        location: dict[str, object] = {"@type": "Place", "name": place.namn}
        address = {k: v for k, v in (("streetAddress", place.adress), ("addressLocality", place.ort)) if v}
        if address:
            location["address"] = {"@type": "PostalAddress", **address, "addressCountry": "SE"}
        locations.append(location)
    if event.attendance.online:
        locations.append({"@type": "VirtualLocation", "url": event.länk})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if event.arrangör:
        data["organizer"] = [{"@type": "Organization", "name": name} for name in event.arrangör]
    return data


def json_ld_script(event: Event, site: links.Site, places: dict[str, Place]) -> str:
    """The <script> element (macros/templates/pieces.html); <, > and & are escaped so no text can
    close the element early."""
    return piece("json_ld", json_ld(event, site, places))
