"""Swedish formatting of dates, times and numbers, through babel's CLDR data for ``sv_SE``."""

from datetime import date as Date, datetime

from babel.dates import format_date, format_time
from babel.numbers import format_decimal

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


def number(value) -> str:
    """A number with a non-breaking space between thousands and a decimal comma: ``1 500 000``."""
    return format_decimal(value, locale=LOCALE)


def kronor(value: int) -> str:
    """An amount in Swedish kronor: ``1 500 000 kr`` (the space before kr does not break either)."""
    return f"{number(value)}\u00a0kr"


def month_name(month: int) -> str:
    """The month's Swedish name, lower case as in running text: ``oktober``."""
    return format_date(Date(2000, month, 1), format="LLLL", locale=LOCALE)


def month_abbreviation(month: int) -> str:
    """The month's short Swedish name, for tight labels: ``okt``."""
    return format_date(Date(2000, month, 1), format="LLL", locale=LOCALE).rstrip(".")
