"""Reading YAML data files with the line of every value, for messages that name file and line."""

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """PyYAML's safe loader (libyaml's C version where installed), except that dates stay text.

    Validation then sees exactly what the editor wrote ("2017-06-14", "2017-06", "juni 2017")
    and can explain a wrong date instead of PyYAML turning some of them into date objects.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class DataFile:
    """A parsed YAML file: its data, where each value stands, and what was wrong with the YAML."""

    path: str
    data: object = None
    lines: dict = field(default_factory=dict)  # (key or index, ...) -> 1-based line
    problems: list = field(default_factory=list)

    def line(self, location: tuple) -> int:
        """The line of the value at ``location``, or of the nearest enclosing value."""
        while location not in self.lines and location:
            location = location[:-1]
        return self.lines.get(location, 1)

    def problem(self, location: tuple, message: str) -> Problem:
        return Problem(self.path, self.line(location), message)


def read(path: Path, root: Path) -> DataFile:
    """Parse the YAML file ``path``; a syntax error or a repeated key becomes a Problem."""
    relative = path.relative_to(root).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return DataFile(relative, problems=[Problem(relative, 0, "filen är inte sparad som UTF-8; spara om den som UTF-8")])
    return parse(text, relative)


def parse(text: str, relative: str, first_line: int = 1) -> DataFile:
    """Parse YAML ``text`` from the file ``relative``, whose first line is line ``first_line``
    of that file (front matter starts on line 2, after its opening ``---``)."""
    result = DataFile(relative)
    offset = first_line - 1
    loader = _Loader(text)
    try:
        # One parse: the node tree gives the lines, the same tree gives the data.
        node = loader.get_single_node()
        result.data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + offset if mark else 0
        result.problems.append(
            Problem(
                relative,
                line,
                "YAML-texten går inte att läsa här. Kontrollera indraget (mellanslag, inte tabb), "
                "att varje fält har ett kolon och att text med kolon eller # står inom citattecken "
                f"(YAML säger: {error.problem})",
            )
        )
        return result
    finally:
        loader.dispose()
    if node is not None:
        _index(node, (), result, offset)
    return result


def _index(node, location: tuple, result: DataFile, offset: int) -> None:
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
