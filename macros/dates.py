"""Dates as precise as the sources give them: a day, a month or only a year.

The history must never show an invented day, so a date the sources give as "oktober 2014" is
stored as ``2014-10`` and shown as "oktober 2014".
"""

import re
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

LOCALE = "sv_SE"
PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_PARTS = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


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
            raise ValueError(f'skriv datumet som ÅÅÅÅ-MM-DD (eller ÅÅÅÅ-MM, ÅÅÅÅ om dagen är okänd); fick "{text}"')
        year, month, day = (int(part) if part else None for part in match.groups())
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f'månaden måste vara 01–12; fick "{text}"')
        if day is not None:
            try:
                date(year, month, day)
            except ValueError:
                raise ValueError(f'datumet finns inte i kalendern; fick "{text}"') from None
        return cls(year, month, day)

    @property
    def sort_key(self) -> tuple:
        """Chronological order; a month or year without a day sorts before the days in it."""
        return (self.year, self.month or 0, self.day or 0)

    @property
    def precision(self) -> str:
        return "dag" if self.day else "månad" if self.month else "år"

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
            return format_date(date(self.year, self.month, self.day), format="d MMMM y", locale=LOCALE)
        if self.month:
            return format_date(date(self.year, self.month, 1), format="LLLL y", locale=LOCALE)
        return str(self.year)


def check(text) -> str | None:
    """The rule used by the data schemas: None when ``text`` is a valid (partial) date."""
    try:
        PartialDate.parse(text)
    except ValueError as error:
        return str(error)
    return None
