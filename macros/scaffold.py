"""Create a new event file, or a new annual report, from the templates, named and placed the
way the checks require.

    python -m macros.scaffold evenemang "Malmötimmen: Jämlik hälsa" 2026-03-12 [12:00-13:00]
    (or ./dev nytt-evenemang "Malmötimmen: Jämlik hälsa" 2026-03-12 12:00-13:00)
    python -m macros.scaffold arsrapport 2024          (or ./dev ny-arsrapport 2024)

Fills in the title and the date (and the times, if given) and leaves every other FYLL I in
place, so the content check fails until the editor has filled in the rest.
"""

import re
import sys
from datetime import date
from pathlib import Path

from slugify import slugify

from . import links
from .events import EVENTS_DIR, TEMPLATE_NAME, new_event_id
from .yamlfiles import REPORTS_DIR, TEMPLATE_PREFIX, report_file

MAX_SLUG_WORDS = 6


def event_slug(title: str) -> str:
    """ASCII, lower case, words joined by hyphens: "Malmötimmen: Jämlik hälsa" -> "malmotimmen-jamlik-halsa"."""
    words = slugify(title, separator="-").split("-")
    return "-".join(words[:MAX_SLUG_WORDS])


def new_event(root: Path, title: str, day: str, times: str | None = None) -> Path:
    """Write the new event file and return its path; ValueError, in Swedish, for bad input."""
    try:
        when = date.fromisoformat(day)
    except ValueError:
        raise ValueError(f'datumet ska skrivas ÅÅÅÅ-MM-DD, till exempel 2026-03-12; fick "{day}"') from None
    if times is not None and not re.fullmatch(r"[0-9]{2}:[0-9]{2}-[0-9]{2}:[0-9]{2}", times):
        raise ValueError(f'tiden ska skrivas TT:MM-TT:MM, till exempel 12:00-13:00; fick "{times}"')
    slug = event_slug(title)
    if not slug:
        raise ValueError("titeln måste innehålla minst en bokstav eller siffra")
    target = root / EVENTS_DIR / f"{when.year}" / f"{when.isoformat()}-{slug}.md"
    if target.exists():
        raise ValueError(f"{target.relative_to(root)} finns redan; välj en annan titel eller redigera den filen")
    template = (root / EVENTS_DIR / TEMPLATE_NAME).read_text(encoding="utf-8")
    # The template's opening comment (about the template itself) does not belong in the event.
    template = re.sub(r"\A---\n(#[^\n]*\n)+\n", "---\n", template)
    start, end = (f"{day} {times[:5]}", f"{day} {times[6:]}") if times else (day, None)
    quoted_title = title.replace("\\", "\\\\").replace('"', '\\"')
    text = re.sub(r"^titel: FYLL I(\s)", lambda m: f'titel: "{quoted_title}"{m.group(1)}', template, count=1, flags=re.M)
    # The event's own id, random, in place of the template's comment about it (events.EVENT_ID).
    event_id = f"id: {new_event_id()}"
    text = re.sub(r"^# id:.*$", f"{event_id:<32}# evenemangets eget id: ändra det aldrig, inte ens när filen byter namn", text, count=1, flags=re.M)
    text = re.sub(r'^start: "FYLL I"', f'start: "{start}"', text, count=1, flags=re.M)
    if end:
        text = re.sub(r'^slut: "FYLL I"', f'slut: "{end}"', text, count=1, flags=re.M)
    else:
        text = re.sub(r'^slut: "FYLL I".*\n', "", text, count=1, flags=re.M)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


# Every section the report pages have, each from the year's data (data/reports/ÅÅÅÅ.yml and
# the indicators' values for the year): nothing from another year is carried over. A section
# whose data the report lacks is named by the check (reports.report_call_problems) for removal.
REPORT_PAGE = """---
title: Årsrapport {year}
description: Årsrapporten om Malmöandan för {year}.
render_macros: true
uppgifter: [data/reports/{year}.yml, data/indicators.yml, data/decisions.yml, data/sources.yml]
---

# Årsrapport {year}

FYLL I: Beskriv med egna ord vad året handlade om.

## Året i korthet

{{{{ rapport_i_korthet({year}) }}}}

## Årets fokusområden

{{{{ rapport_lista({year}, "fokusområden") }}}}

## Aktiviteter

{{{{ rapport_aktiviteter({year}) }}}}

## Siffror

{{{{ rapport_siffror({year}) }}}}

## Stadskontorets bedömning

{{{{ rapport_text({year}, "bedömning") }}}}

## Inför framtiden

{{{{ rapport_text({year}, "inför_framtiden") }}}}

## Särskilda yttranden

{{{{ rapport_yttranden({year}) }}}}

## Om rapporten

{{{{ rapport_fakta({year}) }}}}

## Källor

{{{{ kallor("FYLL I") }}}}
"""


def new_report(root: Path, year: str) -> list[Path]:
    """The data file and the page for a new annual report, both with placeholders to fill in."""
    if not re.fullmatch(r"20[0-9]{2}", year):
        raise ValueError(f'året ska skrivas med fyra siffror, till exempel 2024; fick "{year}"')
    data = root / report_file(year)
    page = root / "docs" / links.report_page(year)
    for path in (data, page):
        if path.exists():
            raise ValueError(f"{path.relative_to(root)} finns redan")
    template = (root / REPORTS_DIR / f"{TEMPLATE_PREFIX}.yml").read_text(encoding="utf-8")
    template = re.sub(r"\A(#[^\n]*\n)+\n", "", template)
    data.write_text(re.sub(r"^år: FYLL I", f"år: {year}", template, count=1, flags=re.M), encoding="utf-8")
    page.write_text(REPORT_PAGE.format(year=year), encoding="utf-8")
    return [data, page]


def main(argv: list[str], root: Path | None = None) -> int:
    root = root or Path.cwd()
    try:
        if len(argv) >= 3 and argv[0] == "evenemang":
            created = [new_event(root, argv[1], argv[2], argv[3] if len(argv) > 3 else None)]
        elif len(argv) == 2 and argv[0] == "arsrapport":
            created = new_report(root, argv[1])
        else:
            print('Användning: ./dev nytt-evenemang "Titel" ÅÅÅÅ-MM-DD [TT:MM-TT:MM]  eller  ./dev ny-arsrapport ÅÅÅÅ', file=sys.stderr)
            return 2
    except ValueError as error:
        print(f"Fel: {error}", file=sys.stderr)
        return 1
    for path in created:
        print(f"Skapade {path.relative_to(root)}.")
    if len(created) > 1:
        print("Lägg till sidan i mkdocs.yml under Årsrapporter.")
    print("Fyll i varje FYLL I och kör ./dev check.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
