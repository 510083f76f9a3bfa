"""Made-up content for benchmarks, written into a temporary copy of the site, never into docs/
or data/: events, and decisions and timeline entries in proportion (one per ten events)."""

from datetime import date, timedelta
from pathlib import Path

from macros import vocabulary

TYPES = [t.value for t in vocabulary.EVENT_TYPES]
TOPICS = ["jämlik hälsa", "trygghet i staden", "ungas fritid", "demokrati och delaktighet", "föreningsliv", "arbete och aktivitet", "kultur för alla", "öppenhet"]
FIRST_DAY = date(2027, 1, 4)


QUOTE = "Kommunstyrelsen beslutade om anslag till Malmö Ideella"


def add_events(project: Path, count: int) -> None:
    folder = project / "docs" / "kalender" / "evenemang"
    for number in range(count):
        day = FIRST_DAY + timedelta(days=number * 3)
        kind = TYPES[number % len(TYPES)]
        topic = TOPICS[number % len(TOPICS)]
        slug = f"{day.isoformat()}-testevenemang-{number}"
        timed = number % 3 != 0
        lines = [
            "---",
            f'titel: "Testevenemang {number}: {topic.capitalize()}"',
            f"typ: {kind}",
            f'sammanfattning: "Ett påhittat evenemang om {topic} för att mäta hur bygget växer."',
            f'start: "{day.isoformat()} 12:00"' if timed else f'start: "{day.isoformat()}"',
        ]
        if timed:
            lines.append(f'slut: "{day.isoformat()} 13:30"')
        lines += ["plats: nobel-21" if number % 4 else "plats: okänd", "arrangör: [Malmöandan]", f"id: test-{number}", "---", "",
                  f"Ett påhittat evenemang om {topic}. Vi samtalar om hur staden och föreningslivet kan samarbeta.", ""]
        target = folder / str(day.year) / f"{slug}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines), encoding="utf-8")
    decisions = project / "data" / "decisions.yml"
    # Every fact must quote its source (macros/provenance.py): the made-up records quote a real
    # sentence of the source they name, so the check passes without an exception for them; a timeline
    # entry states no figure of its own (the support check wants every number in its quote).
    timeline = project / "data" / "timeline.yml"
    extra_decisions, extra_events = [], []
    for number in range(count // 10):
        day = FIRST_DAY + timedelta(days=number * 30)
        name = "".join(chr(ord("a") + int(digit)) for digit in str(number))  # a name, not a figure the check would look for
        extra_decisions.append(
            f'\n- id: test-{number}\n  rubrik: "Påhittat beslut {name}"\n  organ: styrgruppen\n  datum: "{day.isoformat()}"\n  beslut: "Ett påhittat beslut med namnet {name}."\n  källa: ks-2024-09-11-221\n  citat: "{QUOTE}"\n'  # noqa: E501 - one message, one line (found by grep)
        )
        extra_events.append(
            f'\n- datum: "{day.isoformat()}"\n  rubrik: Påhittad händelse\n  text: "En påhittad händelse."\n  beslut: test-{number}\n  källa: ks-2024-09-11-221\n  citat: "{QUOTE}"\n'
        )
    decisions.write_text(decisions.read_text(encoding="utf-8") + "".join(extra_decisions), encoding="utf-8")
    timeline.write_text(timeline.read_text(encoding="utf-8") + "".join(extra_events), encoding="utf-8")
