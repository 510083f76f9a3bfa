"""Reading YAML data files with the line of every value, for messages that name file and line."""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .editor_text import CONTROL, SMART_QUOTES, control_problem
from .problems import Problem

# An editor's template (_mall.md, _mall_places.yml, reports/_mall.yml): beside the content it
# describes, never read as content and never published.
TEMPLATE_PREFIX = "_mall"


def is_template(path: Path) -> bool:
    return path.name.startswith(TEMPLATE_PREFIX)


# The annual reports: one file per year, named after it.
REPORTS_DIR = Path("data") / "reports"


def report_file(year: object) -> str:
    """The year's report below the project: data/reports/2023.yml."""
    return (REPORTS_DIR / f"{year}.yml").as_posix()


# ---- Front matter: the one reader ---------------------------------------------------------------
#
# A page's or an event's fields stand between two lines of three hyphens. MkDocs, mkdocs-macros
# and the project each had a reader of their own, and where they disagreed (an indented closing
# ---, a file without front matter starting "namn: värde") a page reached the build unchecked.
# Now the project reads every file with split_front_matter and parse, refuses whatever it cannot
# read unambiguously, and hands MkDocs the fields it read (pages_front_matter.CheckedPage).

FENCES = ("---", "...")
DASHES = re.compile(r"^\s*[-‐‑‒–—―]{1,6}\s*$")  # what Word and phones make of ---


def front_matter_problem(text: str, relative: str) -> Problem | None:
    """Why ``text`` has no front matter the project can read unambiguously, at the line to change,
    or None if it has one (or none at all)."""
    lines = text.split("\n")
    first = lines[0].rstrip() if lines else ""
    if first != "---":
        if first.strip() == "---":
            return Problem(relative, 1, "den första raden ska vara --- längst till vänster, utan mellanslag före; ta bort mellanslagen")
        if DASHES.match(first):
            return Problem(relative, 1, f"den första raden ska vara tre vanliga bindestreck ---; nu står det {first.strip()} (Word och telefoner gör ofta om --- till ett tankstreck). Skriv om raden som ---")  # noqa: E501 - one message, one line (found by grep)
        return None
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in FENCES:
            return None
        if line.strip() in FENCES:
            return Problem(relative, number, f"raden som avslutar fälten ska vara {line.strip()} längst till vänster, utan mellanslag före; ta bort mellanslagen")
        if DASHES.match(line):
            return Problem(relative, number, f"raden ska vara tre vanliga bindestreck --- som avslutar fälten; nu står det {line.strip()}. Skriv om raden som ---")
    return Problem(relative, 1, "fälten överst börjar med --- men avslutas aldrig; skriv en rad med --- efter det sista fältet")


def split_front_matter(text: str) -> tuple[str, str] | None:
    """(front matter, body), or None when the file does not start with a --- block that
    front_matter_problem accepts."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in FENCES:
            return "\n".join(lines[1:number]), "\n".join(lines[number + 1 :])
        if line.strip() in FENCES:
            return None  # an indented fence: MkDocs' reader and a reader that strips disagree
    return None


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # chosen at import
    """PyYAML's safe loader (libyaml's C version where installed), except that dates stay text.

    Validation then sees exactly what the editor wrote ("2017-06-14", "2017-06", "juni 2017")
    and can explain a wrong date instead of PyYAML turning some of them into date objects.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# A record of a data file as YAML gives it (Any: the YAML boundary); its table has checked it.
Record = dict[str, Any]
Location = tuple[str | int, ...]  # a value's place in a file: its keys and list positions, outermost first


@dataclass
class DataFile:
    """A parsed YAML file: its data, where each value stands, and what was wrong with the YAML."""

    path: str
    data: object = None
    lines: dict[Location, int] = field(default_factory=dict)  # (key or index, ...) -> 1-based line
    problems: list[Problem] = field(default_factory=list)

    def line(self, location: Location) -> int:
        """The line of the value at ``location``, or of the nearest enclosing value."""
        while location not in self.lines and location:
            location = location[:-1]
        return self.lines.get(location, 1)

    def problem(self, location: Location, message: str) -> Problem:
        return Problem(self.path, self.line(location), message)


# The largest text file (Markdown, YAML, source text) the site reads. Today's largest is 46 kB;
# a page or a data file of a megabyte would already be a mistake (a pasted document, a generated
# dump), and reading it costs no more than a tenth of a second. The limit bounds what a mistaken or hostile
# file can cost the build, and is checked before a byte of the file is parsed.
TEXT_LIMIT = 1_000_000


def too_large(relative: str, size: int, limit: int) -> Problem:
    """The Swedish refusal of a file over its size limit (inventory.py and read_text)."""
    size_mb = f"{size / 1_000_000:.1f}".replace(".", ",")  # Swedish decimal comma
    return Problem(relative, 1, f"filen är {size_mb} MB; en sådan fil får vara högst {limit // 1_000_000} MB. Dela upp den eller gör den mindre")


def read_text(path: Path, relative: str) -> str | Problem:
    """A text file's contents (a byte-order mark dropped), or the problem that stops reading it:
    not UTF-8, unreadable, larger than TEXT_LIMIT, or reached through a symbolic link (in the
    file's name or a folder's: the file would then not be the one ``relative`` names)."""
    if not os.path.realpath(path).endswith(os.sep + os.path.normpath(relative)):
        return Problem(relative, 1, "filen nås genom en symbolisk länk (genväg); webbplatsen följer inga länkar. Lägg in filen själv i stället för länken")
    try:
        if (size := path.stat().st_size) > TEXT_LIMIT:
            return too_large(relative, size, TEXT_LIMIT)
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        return Problem(relative, line, "filen är inte sparad som UTF-8 (här står ett tecken i en annan teckenkodning); spara om filen som UTF-8")
    except OSError as error:
        return Problem(relative, 0, f"filen går inte att läsa ({error.strerror}); kontrollera att den finns och är en vanlig fil")


def read(path: Path, root: Path) -> DataFile:
    """Parse the YAML file ``path``; a syntax error or a repeated key becomes a Problem."""
    relative = path.relative_to(root).as_posix()
    text = read_text(path, relative)
    if isinstance(text, Problem):
        return DataFile(relative, problems=[text])
    return parse(text, relative)


def parse(text: str, relative: str, first_line: int = 1) -> DataFile:
    """Parse YAML ``text`` from the file ``relative``, whose first line is line ``first_line``
    of that file (front matter starts on line 2, after its opening ``---``).

    A byte-order mark is dropped. An invisible control character (pasted from Word or e-mail)
    is reported at its line and read as a space, so that the rest of the file is still checked:
    PyYAML would stop at the first one and hide every other problem."""
    result = DataFile(relative)
    offset = first_line - 1
    text = text.removeprefix("\ufeff")
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if message := control_problem(line.removesuffix("\r")):
            result.problems.append(Problem(relative, number + first_line, message))
            lines[number] = CONTROL.sub(" ", line)
    text = "\n".join(lines)
    if shared := anchors_and_aliases(text, offset, relative):
        result.problems += shared
        return result
    loader = _Loader(text)
    try:
        # One parse: the node tree gives the lines, the same tree gives the data.
        node = loader.get_single_node()
        result.data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        at, advice = _explain(error, lines)
        result.problems.append(Problem(relative, at + offset if at else 0, advice))
        return result
    finally:
        loader.dispose()
    if node is not None:
        _index(node, (), result, offset)
    return result


def anchors_and_aliases(text: str, offset: int, relative: str) -> list[Problem]:
    """Every YAML anchor (&namn) and alias (*namn) in ``text``, refused.

    An alias makes one value stand in two places, which an editor's file never needs, and lets a
    few lines grow into millions of values (a "billion laughs" file took 62 s at eight levels).
    libyaml's parser keeps no anchors on the nodes it returns, so the tokens are read first; a
    file whose tokens do not scan is left to the parse, which explains the syntax error."""
    problems: list[Problem] = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            line = token.start_mark.line + 1 + offset
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)) and not (problems and problems[-1].line == line):
                sign = "&" if isinstance(token, yaml.AnchorToken) else "*"
                problems.append(
                    Problem(
                        relative,
                        line,
                        f"{sign}{token.value} är ett YAML-ankare eller en hänvisning, som inte används på webbplatsen; "
                        f"skriv ut värdet i stället, eller sätt texten inom raka citattecken om {sign} hör till den",
                    )
                )
    except yaml.YAMLError:
        pass
    return problems


UNCLOSED_QUOTE = re.compile(r"""^\s*(?:-\s+)?[^\s:#"'][^:#]*:\s+(["'])""")


def _explain(error: yaml.YAMLError, lines: list[str]) -> tuple[int, str]:
    """The line an editor must change (1-based, in ``lines``) and what to do there, in Swedish.

    PyYAML marks where it gave up, which is often the line after the mistake: an unclosed quote
    is noticed at the end of the file, a missing colon on the next line. Its ``context_mark``
    points at where the broken piece began, and that is the line to name."""
    problem = getattr(error, "problem", "") or ""
    context = getattr(error, "context", "") or ""
    problem_mark, context_mark = getattr(error, "problem_mark", None), getattr(error, "context_mark", None)
    line = problem_mark.line + 1 if problem_mark else 1
    advice = (
        "YAML-texten går inte att läsa här. Kontrollera indraget (mellanslag, inte tabb), att varje fält har ett kolon "
        f"och att text med kolon eller # står inom raka citattecken (YAML säger: {problem or error})"
    )
    if "quoted scalar" in context and context_mark:
        line = context_mark.line + 1
        advice = 'citattecknet som börjar på den här raden avslutas aldrig. Avsluta texten med samma sorts citattecken (" eller \')'
    elif "simple key" in context and context_mark:
        line = context_mark.line + 1
        advice = "raden saknar kolon efter fältnamnet. Skriv fältet som 'namn: värde', till exempel  titel: Dialogforum"
    elif "tab" in problem or "'\\t'" in problem:
        advice = "raden är indragen med tabb. Använd mellanslag (två per nivå) i stället"
    elif "mapping values are not allowed" in problem:
        advice = (
            "texten innehåller ett kolon följt av mellanslag (eller raden är indragen för långt). Sätt hela texten inom "
            'raka citattecken, till exempel  rubrik: "Tid: kl. 12"  – eller ta bort indraget'
        )
    elif "did not find expected" in problem and problem_mark:
        if "flow" in context and context_mark:
            line = context_mark.line + 1
            advice = "en lista eller post inom [ ] eller { } avslutas aldrig, eller så saknas ett kommatecken mellan värdena"
        else:
            advice = "indraget stämmer inte med raderna ovanför. Rada upp fälten i samma post under varandra, med lika många mellanslag"
    elif isinstance(error, yaml.reader.ReaderError):
        line = "\n".join(lines)[: error.position].count("\n") + 1  # ReaderError keeps no text of its own
        advice = "filen innehåller ett tecken som inte får stå i YAML; skriv om texten på raden för hand"
    if advice.startswith(("YAML-texten", "indraget", "en lista")):
        # A quoted value without its closing quote runs on over the next lines, and PyYAML
        # notices only further down: name the line where the quote was opened, if there is one.
        for number in range(min(line, len(lines)), 0, -1):
            opened = UNCLOSED_QUOTE.match(lines[number - 1])
            if opened and lines[number - 1].count(opened.group(1)) % 2 == 1:
                line = number
                advice = 'citattecknet som börjar på den här raden avslutas aldrig. Avsluta texten med samma sorts citattecken (" eller \')'
                break
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if SMART_QUOTES.search(text):
        advice += '. Raden har typografiska citattecken (” eller ’) från Word eller e-post: byt dem mot raka (")'
    return line, advice


def _index(node: yaml.Node, location: Location, result: DataFile, offset: int) -> None:
    result.lines.setdefault(location, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            name = key.value
            if name in seen:
                result.problems.append(
                    Problem(
                        result.path,
                        key.start_mark.line + 1 + offset,
                        f"fältet '{name}' står två gånger i samma post; ta bort det ena",
                    )
                )
            seen.add(name)
            result.lines.setdefault(location + (name,), key.start_mark.line + 1 + offset)
            _index(value, location + (name,), result, offset)
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            _index(item, location + (position,), result, offset)
