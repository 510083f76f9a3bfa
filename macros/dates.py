"""Dates as precise as the sources give them: a day, a month or only a year.

The history must never show an invented day, so a date the sources give as "oktober 2014" is
stored as ``2014-10`` and shown as "oktober 2014".
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from . import formatting
from .clock import STOCKHOLM

# ASCII digits only: \d would also accept Arabic-Indic and other digits.
_PARTS = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_WHEN = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})(?: ([0-9]{2}):([0-9]{2}))?$")


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """``2017-06-14``, ``2017-06`` or ``2017``; ValueError, in Swedish, for anything else."""
        match = _PARTS.match(str(text).strip())
        if not match:
            raise ValueError("datumet ska skrivas med siffror som ÅÅÅÅ-MM-DD")
        year = int(match.group(1))
        month, day = (int(part) if part else None for part in match.groups()[1:])
        if month is not None and not 1 <= month <= 12:
            raise ValueError("månaden måste vara 01–12")
        if day is not None:
            try:
                date(year, month or 0, day)
            except ValueError:
                raise ValueError("datumet finns inte i kalendern") from None
        return cls(year, month, day)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Chronological order; a month or year without a day sorts before the days in it."""
        return (self.year, self.month or 0, self.day or 0)

    @property
    def precision(self) -> str:
        return "dag" if self.day else "månad" if self.month else "år"

    def as_date(self) -> date:
        """The day as a date; only for a date with a day (check ``day`` first)."""
        if self.month is None or self.day is None:
            raise ValueError(f"{self.iso()} har ingen dag")
        return date(self.year, self.month, self.day)

    def iso(self) -> str:
        """The value for ``<time datetime="…">``: as precise as the date itself."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def swedish(self) -> str:
        """As Swedish prose writes it: ``14 juni 2017``, ``oktober 2014`` or ``2020``."""
        if self.day:
            return formatting.date(self.as_date())
        if self.month:
            return formatting.month_year(date(self.year, self.month, 1))
        return str(self.year)


def parse_day(text: str) -> date:
    """``2026-03-05``; ValueError, in Swedish, for anything else (2026-02-30 included)."""
    if not isinstance(text, str) or not _DAY.match(text.strip()):
        raise ValueError("skriv dagen som ÅÅÅÅ-MM-DD")
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError("datumet finns inte i kalendern") from None


def parse_when(text: str) -> datetime | date:
    """``2026-03-12 12:00`` (Stockholm time) or ``2026-03-12``; ValueError in Swedish otherwise."""
    match = _WHEN.match(text.strip()) if isinstance(text, str) else None
    if not match and isinstance(text, str) and re.search(r"[0-9]{1,2}\.[0-9]{2}$", text.strip()):
        raise ValueError('klockslaget ska skrivas med kolon, som "2026-03-12 12:00" (inte 12.00)')
    if not match:
        raise ValueError('skriv "ÅÅÅÅ-MM-DD TT:MM" eller bara "ÅÅÅÅ-MM-DD"')
    day = parse_day(match.group(1))
    if match.group(2) is None:
        return day
    hour, minute = int(match.group(2)), int(match.group(3))
    if hour == 24 and minute == 0:
        raise ValueError("klockslaget 24:00 finns inte här; skriv 23:59, eller 00:00 och dagen efter")
    if hour > 23 or minute > 59:
        raise ValueError(f"klockslaget {match.group(2)}:{match.group(3)} finns inte; timmen ska vara 00–23 och minuten 00–59")
    naive = datetime(day.year, day.month, day.day, hour, minute)
    local = naive.replace(tzinfo=STOCKHOLM)
    # A time in the hour skipped when summer time begins does not exist in Malmö.
    if local.astimezone(UTC).astimezone(STOCKHOLM).replace(tzinfo=None) != naive:
        raise ValueError(f'klockslaget "{text}" finns inte i Sverige: klockan ställs fram den natten. Välj en tid efter 03:00')
    return local
