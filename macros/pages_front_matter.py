"""The front matter of ordinary pages (everything in docs/ but events and templates).

MkDocs ignores front matter it cannot read and keeps keys it does not know, so a typo in a
key or broken YAML would pass silently. Here both are errors, reported like data problems.
"""

from pathlib import Path

from . import editor_text
from .events import EVENTS_DIR
from .problems import PROCESSING, Problem
from .schema import TEXT, Field, check_record, placeholder_in
from .yamlfiles import front_matter_problem, is_template, parse, read_text, split_front_matter

DATA_FILE = {"type": "string", "pattern": r"^data/([a-z0-9_]+/)?[a-z0-9_]+\.yml$"}

PAGE_FIELDS = {
    # The theme prints title and description inside HTML attributes: no markup, no straight quotes.
    "title": Field(TEXT, "sidans namn i menyn och i webbläsarens flik", "Historik", required=False, check=editor_text.one_line(80, quotes=False)),
    "description": Field(
        TEXT, "en mening om sidan, för sökmotorer och länkförhandsvisningar", '"Malmöandan år för år."', required=False, check=editor_text.one_line(300, quotes=False)
    ),
    "lang": Field({"enum": ["sv", "en"]}, "sidans språk: sv (svenska, om fältet saknas) eller en för en sida på engelska", "en", required=False),
    "render_macros": Field({"type": "boolean"}, "true om sidan använder makron som {{ beslut(...) }}", "true", required=False),
    "hide": Field(
        {"type": "array", "items": {"enum": ["navigation", "toc", "footer", "path", "tags"]}},
        "en lista med delar av sidan att dölja: navigation, toc eller footer",
        "[toc]",
        required=False,
    ),
    "search": Field(
        {"type": "object", "additionalProperties": False, "properties": {"exclude": {"type": "boolean"}}},
        "search: {exclude: true} för att hålla sidan utanför sökningen",
        "{exclude: true}",
        required=False,
    ),
    "uppgifter": Field(
        {"type": "array", "minItems": 1, "items": DATA_FILE},
        "en lista med de datafiler som sidans uppgifter kommer från",
        "[data/decisions.yml, data/sources.yml]",
        required=False,
    ),
}


def check(root: Path, macros: dict, references: dict | None = None) -> list[Problem]:
    """Every problem in the front matter and the text of the pages under ``root/docs``.

    ``macros`` are the macros a page may call (pages.registered_macros), ``references`` the
    values their arguments may take (pages.argument_references)."""
    docs = root / "docs"
    if not docs.is_dir():
        return []
    problems = []
    events = root / EVENTS_DIR
    for path in sorted(docs.rglob("*.md")):
        if is_template(path) or events in path.parents:
            continue
        relative = path.relative_to(root).as_posix()
        PROCESSING.set(relative)
        text, unreadable = read_text(path, relative)
        if unreadable is not None:
            problems.append(unreadable)
            continue
        for number, line in enumerate(text.split("\n"), start=1):
            if leftover := placeholder_in(line):
                problems.append(Problem(relative, number, f"platshållaren '{leftover}' från mallen står kvar; skriv in den riktiga texten"))
        if wrong := front_matter_problem(text, relative):
            problems.append(wrong)
            continue
        if not text.startswith("---"):
            problems += _body_problems(text, relative, 1, False, macros, references)
            continue
        parts = split_front_matter(text)
        source = parse(parts[0], relative, first_line=2)
        renders = isinstance(source.data, dict) and source.data.get("render_macros") is True
        problems += _body_problems(parts[1], relative, parts[0].count("\n") + 4, renders, macros, references)
        problems += source.problems
        if isinstance(source.data, dict):
            problems += check_record(source, (), source.data, PAGE_FIELDS)
            for position, name in enumerate(source.data.get("uppgifter") or []):
                if isinstance(name, str) and not (root / name).is_file():
                    problems.append(source.problem(("uppgifter", position), f"uppgifter: filen {name} finns inte"))
        elif source.data is not None:
            problems.append(source.problem((), "sidhuvudet ska bestå av fält, ett per rad som 'namn: värde'"))
    return problems


def _body_problems(body: str, relative: str, first_line: int, renders: bool, macros: dict, references) -> list[Problem]:
    """Unsafe HTML and links anywhere; on a page with render_macros: true, anything between
    {{ }} that is not a registered macro with literal arguments; elsewhere, any {{ at all (it
    would be shown as it stands, which is never what the editor meant)."""
    problems = editor_text.markdown_problems(body, relative, first_line)
    if renders:
        return problems + editor_text.macro_call_problems(body, relative, first_line, macros, references)
    for number, line in enumerate(body.split("\n"), start=first_line):
        if editor_text.MACRO_MARK.search(line):
            problems.append(
                Problem(relative, number, "raden innehåller {{, {% eller {# men sidan har inte render_macros: true i sidhuvudet; lägg till det om du vill använda ett makro, annars ta bort klammerparenteserna")
            )
    return problems
