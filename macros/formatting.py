"""Swedish formatting of dates and times, through babel's CLDR data for the ``sv`` locale."""

from datetime import date as Date, datetime

from babel.dates import format_date, format_time

LOCALE = "sv_SE"


def date(value: Date) -> str:
    """A date as Swedish prose writes it: ``14 juni 2017``.

    Användning i Markdown: ``{{ byggtid | datum }}`` -> "22 november 2026"
    """
    return format_date(value, format="d MMMM y", locale=LOCALE)


def date_time(value: datetime) -> str:
    """A date with the time of day as Swedish prose writes it: ``22 november 2026 kl. 18.00``.

    Språkrådet recommends a full stop between hours and minutes in running text.
    """
    return f"{date(value)} kl. {format_time(value, format='HH.mm', locale=LOCALE)}"
