"""Swedish formatting of dates, times and numbers, through babel's CLDR data for ``sv_SE``."""

from datetime import date as Date
from datetime import datetime
from decimal import Decimal

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_decimal

# The one Swedish locale of the site, parsed once (babel would parse "sv_SE" again on every call).
LOCALE = Locale.parse("sv_SE")


def date(value: Date) -> str:
    """A date as Swedish prose writes it: ``14 juni 2017``.

    Användning i Markdown: ``{{ byggtid | datum }}`` -> "22 november 2026"
    """
    return format_date(value, format="d MMMM y", locale=LOCALE)


def date_time(value: datetime) -> str:
    """A date with the time of day as Swedish prose writes it: ``22 november 2026 kl. 18.00``.

    Språkrådet recommends a full stop between hours and minutes in running text.
    """
    return f"{date(value)} kl. {clock(value)}"


def number(value: float | Decimal) -> str:
    """A number with a non-breaking space between thousands and a decimal comma: ``1 500 000``."""
    return format_decimal(value, locale=LOCALE)


# Språkrådet: in running text, numbers up to twelve are written as words ("två samordnare",
# "fyra gånger per år"); larger numbers, and numbers in tables, as digits.
_WORDS = ["noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"]


def number_in_text(value: float, neuter: bool = False) -> str:
    """A number as running text writes it: one to twelve as words, others as digits.

    ``number_in_text(2)`` -> "två", ``number_in_text(1, neuter=True)`` -> "ett" (ett år),
    ``number_in_text(65)`` -> "65", ``number_in_text(4.3)`` -> "4,3" (decimals stay digits).
    """
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 12:
        return "ett" if value == 1 and neuter else _WORDS[value]
    return number(value)


def kronor(value: int) -> str:
    """An amount in Swedish kronor: ``1 500 000 kr`` (the space before kr does not break either)."""
    return f"{number(value)}\u00a0kr"


def month_name(month: int) -> str:
    """The month's Swedish name, lower case as in running text: ``oktober``."""
    return format_date(Date(2000, month, 1), format="LLLL", locale=LOCALE)


def month_abbreviation(month: int) -> str:
    """The month's short Swedish name, for tight labels: ``okt``."""
    return format_date(Date(2000, month, 1), format="LLL", locale=LOCALE).rstrip(".")


def weekday_date(value: Date) -> str:
    """``torsdag 12 mars 2026``."""
    return format_date(value, format="EEEE d MMMM y", locale=LOCALE)


def clock(value: datetime) -> str:
    """``12.00``: hours and minutes with a full stop, as Swedish running text writes them."""
    return format_time(value, format="HH.mm", locale=LOCALE)


def month_year(value: Date) -> str:
    """``mars 2026``."""
    return format_date(value, format="LLLL y", locale=LOCALE)


def period(start: Date | datetime, end: Date | datetime | None) -> str:
    """When an event takes place, in Swedish, as precise as its data.

    ``torsdag 12 mars 2026 kl. 12.00–13.00``, ``12 mars 2026 kl. 09.00 – 13 mars 2026 kl. 16.00``,
    ``onsdag 14 juni 2017`` (a whole day) or ``13–14 november 2019`` (several whole days).
    """
    if isinstance(start, datetime):
        if not isinstance(end, datetime):  # no end (the check gives a timed start a timed end or none)
            return f"{weekday_date(start)} kl. {clock(start)}"
        if end.date() == start.date():
            return f"{weekday_date(start)} kl. {clock(start)}–{clock(end)}"
        return f"{date(start)} kl. {clock(start)} – {date(end)} kl. {clock(end)}"
    if end is None or end == start:
        return weekday_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{date(end)}"
    if start.year == end.year:
        return f"{format_date(start, format='d MMMM', locale=LOCALE)}–{date(end)}"
    return f"{date(start)}–{date(end)}"
