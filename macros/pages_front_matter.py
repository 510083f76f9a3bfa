"""The front matter of ordinary pages (everything in docs/ but events and templates), read once.

MkDocs ignores front matter it cannot read and keeps keys it does not know, so a typo in a
key or broken YAML would pass silently. Here both are errors, reported like data problems.

The project is the only reader: each page is read here (yamlfiles.split_front_matter and
parse), and MkDocs and mkdocs-macros are handed what was read, never the file
(CheckedPage.source, put in place by generated_pages.on_files). So no second reader can see
other fields, another title or a render_macros the check did not.
"""

import json
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from . import editor_text
from .editor_text import Declared, placeholder_in
from .problems import PROCESSING, Problem, names_its_files
from .schema import TEXT, Field, check_record
from .yamlfiles import DataFile, Record, front_matter_problem, parse, read_text, split_front_matter

DATA_FILE = {"type": "string", "pattern": r"^data/([a-z0-9_]+/)?[a-z0-9_]+\.yml$"}

# A title or description is one plain line: the theme prints page.meta.title raw into <title>
# and page.title through striptags, which decodes &lt; into <. So no character reference either.
ENTITY = re.compile(r"&[#A-Za-z0-9]")
# The first line of a page without front matter that MkDocs would take for a field (the
# MultiMarkdown form its reader falls back to: mkdocs.utils.meta.META_RE).
LOOKS_LIKE_A_FIELD = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:(?:\s|$)")
# A first heading the title is taken from: plain text, nothing Markdown or HTML would change.
HEADING = re.compile(r"^#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
NOT_PLAIN_IN_HEADING = re.compile(r"[<>&{}\[\]*_`\\]")
# The theme names the start page by the site's name alone unless it has a title of its own, so
# its heading is only checked as plain (MkDocs' title from it is then that same text).
HOMEPAGE = "docs/index.md"


def plain_line_problem(value: object) -> str | None:
    """Why a title or description is not one plain line the theme can print as it is."""
    if isinstance(value, str) and ENTITY.search(value):
        return "texten får inte innehålla &-koder som &lt; eller &#60;; skriv tecknet självt, eller ordet och i stället för &"
    return None


def _plain(max_length: int) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        return editor_text.one_line(max_length, quotes=False)(value) or plain_line_problem(value)

    return check


PAGE_FIELDS = {
    # The theme prints title and description inside HTML attributes: no markup, no straight quotes.
    "title": Field(TEXT, "sidans namn i menyn och i webbläsarens flik", "Historik", required=False, check=_plain(80)),
    "description": Field(
        TEXT, "en mening om sidan, för sökmotorer och länkförhandsvisningar", '"Malmöandan år för år."', required=False, check=_plain(300)
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


@dataclass(frozen=True)
class CheckedPage:
    """A page as the check read it: what MkDocs is given instead of the file."""

    meta: Record  # the fields, with the page's title
    body: str
    front_lines: int = 0  # lines the front matter took in the file, both --- included

    def source(self) -> str:
        """The page for MkDocs: front matter the project writes itself, as one line of JSON (valid
        YAML, which MkDocs' reader reads as nothing else), padded to the lines the editor's took
        so that a line number in the body is still the file's. render_macros only when it is
        the literal true (mkdocs-macros tests == True, which 1 also passes)."""
        fields = {name: value for name, value in self.meta.items() if name != "render_macros"}
        if self.meta.get("render_macros") is True:
            fields["render_macros"] = True
        padding = "\n" * max(self.front_lines - 3, 0)
        return "---\n" + json.dumps(fields, ensure_ascii=False, sort_keys=True) + "\n" + padding + "---\n" + self.body


def event_page(source: DataFile, body: str) -> tuple[list[Problem], CheckedPage]:
    """An event file as events.check read it (its DataFile and text), as MkDocs is given it: the
    event's name is the page's title, and must be as plain as a page's."""
    problems = []
    record: Record = source.data if isinstance(source.data, dict) else {}  # events.check passed mappings only
    title = record.get("titel")
    if message := plain_line_problem(title):
        problems.append(source.problem(("titel",), f"titel: {message}"))
    fields = {name: value for name, value in record.items() if name != "render_macros"}  # an event is never rendered
    return problems, CheckedPage({**fields, "title": title}, body)


def title_from_heading(body: str, relative: str, first_line: int) -> tuple[str | None, Problem | None]:
    """The page's name taken from its first line, a heading # …, when the front matter names
    none; the text must be plain, so the name never comes from decoding HTML."""
    for number, line in enumerate(body.split("\n"), start=first_line):
        if not line.strip():
            continue
        heading = HEADING.match(line)
        if heading is None:
            break
        text = re.sub(r"\s*\{[^{}]*\}$", "", heading.group(1)).strip()  # an attribute list { #id }
        if NOT_PLAIN_IN_HEADING.search(text) or editor_text.control_problem(text):
            return None, Problem(
                relative, number,
                "rubriken blir sidans namn i fliken och menyn och får då inte innehålla < > & { } [ ] * _ ` eller \\; "
                "skriv sidans namn som ren text i sidhuvudet, till exempel  title: Historik",
            )
        return text, None
    return None, Problem(relative, first_line, "sidan saknar namn: skriv title: i sidhuvudet, till exempel  title: Historik, eller börja texten med en rubrik  # Historik")


@names_its_files
def check(
    root: Path, paths: list[str], macros: Mapping[str, Declared], references: Mapping[tuple[str, str], Collection[object]] | None = None
) -> tuple[list[Problem], dict[str, CheckedPage]]:
    """Every problem in the front matter and the text of the pages under ``root/docs``, and
    each page as read (docs-relative path -> CheckedPage).

    ``macros`` are the macros a page may call (macro_table.MACROS), ``references`` the
    values their arguments may take (macro_table.references). ``paths`` are the pages to
    read, project-relative: the inventory's (inventory.Inventory.of_kind("sida"))."""
    problems = []
    checked = {}
    for relative in paths:
        path = root / relative
        PROCESSING.set(relative)
        text = read_text(path, relative)
        if isinstance(text, Problem):
            problems.append(text)
            continue
        for number, line in enumerate(text.split("\n"), start=1):
            if leftover := placeholder_in(line):
                problems.append(Problem(relative, number, f"platshållaren '{leftover}' från mallen står kvar; skriv in den riktiga texten"))
        if wrong := front_matter_problem(text, relative):
            problems.append(wrong)
            continue
        parts = split_front_matter(text)
        if parts is None:
            if LOOKS_LIKE_A_FIELD.match(text):
                problems.append(
                    Problem(relative, 1, "den första raden ser ut som ett fält (namn: värde) men står inte mellan två rader med ---; "
                            "sätt fälten mellan en rad --- före och en rad --- efter, eller börja sidan med en rubrik  # Rubrik")
                )
            body, body_line, meta, front_lines = text, 1, {}, 0
        else:
            source = parse(parts[0], relative, first_line=2)
            problems += source.problems
            if isinstance(source.data, dict):
                problems += check_record(source, (), source.data, PAGE_FIELDS)
                for position, name in enumerate(source.data.get("uppgifter") or []):
                    if isinstance(name, str) and not (root / name).is_file():
                        problems.append(source.problem(("uppgifter", position), f"uppgifter: filen {name} finns inte"))
            elif source.data is not None:
                problems.append(source.problem((), "sidhuvudet ska bestå av fält, ett per rad som 'namn: värde'"))
            meta = source.data if isinstance(source.data, dict) else {}
            body, front_lines = parts[1], parts[0].count("\n") + 3
            body_line = front_lines + 1
        problems += _body_problems(body, relative, body_line, meta.get("render_macros") is True, macros, references)
        if "title" not in meta:
            title, wrong = title_from_heading(body, relative, body_line)
            if wrong is not None:
                problems.append(wrong)
            elif relative != HOMEPAGE:
                meta = {**meta, "title": title}
        checked[relative.removeprefix("docs/")] = CheckedPage(meta, body, front_lines)
    return problems, checked


def _body_problems(
    body: str, relative: str, first_line: int, renders: bool, macros: Mapping[str, Declared], references: Mapping[tuple[str, str], Collection[object]] | None
) -> list[Problem]:
    """Unsafe HTML and links anywhere; on a page with render_macros: true, anything between
    {{ }} that is not a registered macro with literal arguments; elsewhere, any {{ at all (it
    would be shown as it stands, which is never what the editor meant)."""
    problems = editor_text.markdown_problems(body, relative, first_line)
    if renders:
        return problems + editor_text.macro_call_problems(body, relative, first_line, macros, references)
    for number, line in enumerate(body.split("\n"), start=first_line):
        if editor_text.MACRO_MARK.search(line):
            problems.append(
                Problem(relative, number, "raden innehåller {{, {% eller {# men sidan har inte render_macros: true i sidhuvudet; lägg till det om du vill använda ett makro, annars ta bort klammerparenteserna")  # noqa: E501 - one message, one line (found by grep)
            )
    return problems
