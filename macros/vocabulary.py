"""The site's vocabularies, one table each: every value an editor may write, and what it becomes
for readers (Swedish label), in addresses (ASCII slug), in calendars (ICS) and for search
engines (schema.org). Everything else (field tables, pages, ICS, JSON-LD, open data, the
benchmark's made-up events) reads these tables; a new value is added here, once.
"""

from dataclasses import dataclass
from typing import Protocol, TypeVar


@dataclass(frozen=True)
class EventType:
    value: str  # as written in an event file:  typ: lärandelunch
    label: str  # as readers see it: Lärandelunch
    slug: str  # its page: kalender/typ/<slug>/


EVENT_TYPES = (
    EventType("dialogforum", "Dialogforum", "dialogforum"),
    EventType("idéverkstad", "Idéverkstad", "ideverkstad"),
    EventType("malmötimmen", "Malmötimmen", "malmotimmen"),
    EventType("lärandelunch", "Lärandelunch", "larandelunch"),
    EventType("seminarium", "Seminarium", "seminarium"),
    EventType("workshop", "Workshop", "workshop"),
    EventType("utbildning", "Utbildning", "utbildning"),
    EventType("konferens", "Konferens", "konferens"),
    EventType("annat", "Annat", "annat"),
)


@dataclass(frozen=True)
class EventStatus:
    value: str  # status: inställd
    ics: str  # STATUS in the .ics
    schema_org: str  # eventStatus in the JSON-LD
    ics_prefix: str  # before the title in calendar apps (a moved event simply moves there)
    feed_prefix: str  # before the title in the feed, where the old entry stays visible
    needs_changes: bool  # the event file must say what changed and when (ändringar)
    cancelled: bool
    adjective: str = ""  # "ett inställt evenemang": in messages to editors
    label: str = ""  # before the type in event lists: "Inställt."
    notice: str = ""  # at the top of the event's page: "Evenemanget är inställt."
    css: str = ""  # the modifier class: ma-event__status--cancelled


EVENT_STATUSES = (
    EventStatus("planerad", "CONFIRMED", "EventScheduled", "", "", False, False),
    EventStatus("inställd", "CANCELLED", "EventCancelled", "Inställt: ", "INSTÄLLT: ", True, True, "inställt", "Inställt.", "Evenemanget är inställt.", "cancelled"),
    EventStatus("flyttad", "CONFIRMED", "EventRescheduled", "", "FLYTTAT: ", True, False, "flyttat", "Flyttat.", "Evenemanget har flyttats.", "moved"),
    EventStatus("genomförd", "CONFIRMED", "EventScheduled", "", "", False, False),
)


@dataclass(frozen=True)
class AttendanceMode:
    value: str  # deltagande: hybrid
    schema_org: str  # eventAttendanceMode in the JSON-LD
    online: bool  # needs a link to the meeting
    in_person: bool  # needs a place (plats: okänd when the sources do not name it)


ATTENDANCE_MODES = (
    AttendanceMode("på plats", "OfflineEventAttendanceMode", online=False, in_person=True),  # the default
    AttendanceMode("digitalt", "OnlineEventAttendanceMode", online=True, in_person=False),
    AttendanceMode("hybrid", "MixedEventAttendanceMode", online=True, in_person=True),
)
DEFAULT_ATTENDANCE = ATTENDANCE_MODES[0].value  # an event file without deltagande:


@dataclass(frozen=True)
class DecisionStatus:
    value: str  # status: planerat
    planned: bool  # the sources say when it was to be decided, not that it was: "(planerat)" on the pages (pieces.planned_note)


DECISION_STATUSES = (
    DecisionStatus("fattat", planned=False),  # the default
    DecisionStatus("planerat", planned=True),
)
DEFAULT_DECISION_STATUS = DECISION_STATUSES[0].value


@dataclass(frozen=True)
class DecisionBody:
    value: str  # organ: kommunstyrelsen
    english: str  # on the English page and in its status notice


DECISION_BODIES = (
    DecisionBody("kommunfullmäktige", "the City Council"),
    DecisionBody("kommunstyrelsen", "the City Executive Board"),
    DecisionBody("kommunstyrelsens arbetsutskott", "the City Executive Board's working committee"),
    DecisionBody("styrgruppen", "the steering group"),
)


# Ratings. An indicator whose enhet is RATING_UNIT is a rating on its own skala; an event's and an
# annual report's activity's betyg are on the 1–RATING_SCALE scale of the city's evaluations.
RATING_UNIT = "betyg"
RATING_SCALE = 5


def is_rating(unit: object) -> bool:
    """Whether an indicator with this enhet is a rating (shown "4,3 av 5", with no unit after it)."""
    return unit == RATING_UNIT


class _Valued(Protocol):
    @property
    def value(self) -> str: ...


V = TypeVar("V", bound=_Valued)  # a record of one of the tables


def by_value(table: tuple[V, ...]) -> dict[str, V]:
    """value -> record, for lookups: by_value(EVENT_TYPES)["lärandelunch"].label"""
    return {record.value: record for record in table}
