"""Validation of data records: a table of fields, each with its rule, a message and an example.

The structure (which fields, which types and forms) is checked by jsonschema against a schema
built from the table; what the editor reads comes from the table, in Swedish, with an example
they can copy. Unknown fields and placeholders left from a template are errors too.
"""

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from jsonschema import Draft202012Validator, FormatChecker

from . import dates
from .editor_text import SMART_QUOTES, control_problem, placeholder_in
from .problems import Problem
from .yamlfiles import DataFile

# Text left from a template (data/*/_mall.yml) that an editor has not replaced yet.


@dataclass(frozen=True)
class Field:
    """One field of a record type."""

    schema: dict  # JSON Schema for the value
    message: str  # what the value must be, as a phrase: "ett datum som ÅÅÅÅ-MM-DD"
    example: str  # as the editor would write it in the file
    required: bool = True
    check: Callable[[object], str | None] | None = None  # a further rule; returns a message or None
    # References to other files, checked by check_references (one engine for all of them):
    # the kind of id the value (or each value of a list) must be, see REFERENCE_FILES ...
    refers_to: str | None = None
    # ... and, inside a nested value, (path, kind) with "*" for every item of a list.
    nested_refers_to: tuple = ()
    also_allowed: tuple = ()  # values that are not ids but allowed anyway ("okänd" for a place)


# Building blocks for the tables.
TEXT = {"type": "string", "minLength": 1}
SLUG = {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"}
DIARIENUMMER = {"type": "string", "pattern": r"^STK-[0-9]{4}-[0-9]+$"}  # the city office's case number: STK-2023-1697

# Dates and times are checked by the same functions that turn them into Python values when the
# content is built (dates.py), wherever they stand, however deeply nested: what passes the check
# always parses. Each format's parser raises ValueError with the reason in Swedish.
FORMATS = FormatChecker(formats=())
_PARSERS = {"dag": dates.parse_day, "datum": dates.PartialDate.parse, "tidpunkt": dates.parse_when}
for _name, _parse in _PARSERS.items():
    FORMATS.checks(_name, raises=ValueError)(lambda value, parse=_parse: not isinstance(value, str) or parse(value) is not None)
DAY = {"type": "string", "format": "dag"}  # 2026-03-05
PARTIAL_DATE = {"type": "string", "format": "datum"}  # 2017-06-14, 2017-06 or 2017
WHEN = {"type": "string", "format": "tidpunkt"}  # "2026-03-12 12:00" or 2026-03-12


def record(required: list[str], properties: dict) -> dict:
    """The schema of a nested record: these fields, these required, no others."""
    return {"type": "object", "required": required, "additionalProperties": False, "properties": properties}


def records(required: list[str], properties: dict, min_items: int = 0) -> dict:
    """The schema of a list of nested records."""
    return {"type": "array", "minItems": min_items, "items": record(required, properties)}


def record_schema(fields: dict[str, Field]) -> dict:
    return {
        "type": "object",
        "properties": {name: field.schema for name, field in fields.items()},
        "required": [name for name, field in fields.items() if field.required],
        "additionalProperties": False,
    }


def check_list(source: DataFile, fields: dict[str, Field], what: str) -> list[Problem]:
    """Check that ``source.data`` is a list of records of the type ``fields`` describes."""
    if source.data is None:
        return [Problem(source.path, 0, f"filen är tom; den ska innehålla en lista med {what}")]
    if not isinstance(source.data, list):
        return [source.problem((), f"filen ska vara en lista med {what}, där varje post börjar med '- '")]
    problems = []
    for position, record in enumerate(source.data):
        problems += check_record(source, (position,), record, fields)
    return problems


def check_record(source: DataFile, location: tuple, record, fields: dict[str, Field]) -> list[Problem]:
    """Every problem with one record: missing, unknown and malformed fields, leftover placeholders."""
    if not isinstance(record, dict):
        return [source.problem(location, "posten ska bestå av fält, ett per rad som 'namn: värde'")]
    problems = []
    # A value still holding the template's placeholder gets that message only: the editor's
    # next step is to fill it in, whatever form the value must then take.
    failed = set()
    for name, value in record.items():
        if name in fields and (leftover := placeholder_in(value)):
            failed.add(name)
            problems.append(
                source.problem(
                    location + (name,),
                    f"{name}: platshållaren '{leftover}' från mallen står kvar; skriv {fields[name].message}, "
                    f"till exempel  {name}: {fields[name].example}",
                )
            )
    validator = Draft202012Validator(record_schema(fields), format_checker=FORMATS)
    reported: set = set()
    for error in sorted(validator.iter_errors(record), key=lambda e: list(map(str, e.absolute_path))):
        path = tuple(error.absolute_path)
        if not path:
            problems += _record_level(source, location, record, fields, error, failed)
            continue
        name = path[0]
        if name in failed or path in reported:
            continue
        reported.add(path)
        field = fields[name]
        label = str(name) + "".join(f", nummer {part + 1}" if isinstance(part, int) else f" → {part}" for part in path[1:])
        if error.validator == "required":
            for missing in error.validator_value:
                if isinstance(error.instance, dict) and missing not in error.instance:
                    problems.append(source.problem(location + path, f"{label}: fältet '{missing}' saknas; skriv {field.message}, till exempel  {name}: {field.example}"))
        elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = error.schema.get("properties", {})
            for extra in error.instance:
                if extra not in known:
                    problems.append(source.problem(location + path + (extra,), f"{label}: {unknown_field(extra, known)}"))
        else:
            reason = str(error.cause) if error.validator == "format" and error.cause else ""
            problems.append(source.problem(location + path, wrong_value(label, error.instance, field, name, reason)))
        if len(path) == 1:
            failed.add(name)
    for name, value in record.items():
        rule = fields.get(name)
        if rule and rule.check and name not in failed and (message := rule.check(value)):
            problems.append(source.problem(location + (name,), f"{name}: {message}"))
        elif name in fields:
            # Invisible characters pasted from Word or e-mail, in any text of any field.
            for inner, text in _texts(value, ()):
                if message := control_problem(text):
                    problems.append(source.problem(location + (name,) + inner, f"{name}: {message}"))
                    break
    return problems


def _texts(value, location: tuple):
    """(location inside the value, text) for every string in a value, however nested."""
    if isinstance(value, str):
        yield location, value
    elif isinstance(value, list):
        for position, item in enumerate(value):
            yield from _texts(item, location + (position,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, location + (key,))


def _record_level(source: DataFile, location: tuple, record: dict, fields: dict[str, Field], error, failed: set) -> list[Problem]:
    """Missing and unknown fields of the record itself."""
    problems = []
    if error.validator == "required":
        for name, field in fields.items():
            if field.required and name not in record and name not in failed:
                failed.add(name)
                problems.append(source.problem(location, f"fältet '{name}' saknas: skriv {field.message}, till exempel  {name}: {field.example}"))
    elif error.validator == "additionalProperties":
        for name in record:
            if name not in fields and name not in failed:
                failed.add(name)
                problems.append(source.problem(location + (name,), unknown_field(name, fields)))
    return problems


def unknown_field(name, fields: dict[str, Field]) -> str:
    if isinstance(name, (int, float)) or str(name).strip().isdigit():
        return (
            f"okänt fält '{name}'. Står det ett decimaltal med kommatecken inom {{ }} på raden, som  värde: 4,3? "
            "Där skiljer kommatecknet fälten åt; skriv decimaltal med punkt:  värde: 4.3"
        )
    close = difflib.get_close_matches(str(name), list(fields), n=1)
    hint = f" Menade du '{close[0]}'?" if close else ""
    return f"okänt fält '{name}'.{hint} Rätta namnet eller ta bort fältet; fälten som finns är: {', '.join(fields)}"


def wrong_value(label: str, value, field: Field, name: str, reason: str = "") -> str:
    """``label`` is the field, or the path inside it ("tal → styrgrupp_ledamöter") for a nested value."""
    shown = f'"{value}"' if isinstance(value, str) else "inget värde" if value is None else repr(value)
    hint = ""
    if isinstance(value, str) and SMART_QUOTES.search(value):
        hint = ' Värdet har typografiska citattecken (” eller ’), som Word och e-post sätter in; skriv raka citattecken (") eller inga alls.'
    if reason:  # the format's own reason first: "datumet finns inte i kalendern"
        return f"{label}: {reason} (nu står det {shown}). Skriv {field.message}, till exempel  {name}: {field.example}{hint}"
    return f"{label}: skriv {field.message}, till exempel  {name}: {field.example}  (nu står det {shown}).{hint}"


@dataclass(frozen=True)
class IdFile:
    """A data file whose records have ids that other files refer to."""

    kind: str  # the reference's name in the field tables: refers_to="källa"
    path: str  # data/sources.yml
    another: str  # for a repeated id: "… ge den ett eget id, som för en annan källa"


ID_FILES = (
    IdFile("källa", "data/sources.yml", "en annan källa"),
    IdFile("beslut", "data/decisions.yml", "ett annat beslut"),
    IdFile("plan", "data/plans.yml", "en annan plan"),
    IdFile("plats", "data/places.yml", "en annan plats"),
    IdFile("fokusområde", "data/focus_areas.yml", "ett annat fokusområde"),
    IdFile("indikator", "data/indicators.yml", "en annan indikator"),
)
REFERENCE_FILES = {id_file.kind: id_file.path for id_file in ID_FILES}  # which file each kind points into


def check_references(source: DataFile, location: tuple, record, fields: dict[str, Field], known: dict) -> list[Problem]:
    """Every reference in ``record`` to an id that does not exist, with "Menade du …?".

    ``known`` maps a kind of reference to the ids that exist, or to None when its file could not
    be read (then nothing is reported: that file's own problem is, and every reference to it
    would be a false alarm)."""
    if not isinstance(record, dict):
        return []
    problems = []
    for name, field in fields.items():
        if name not in record:
            continue
        targets = ([((), field.refers_to)] if field.refers_to else []) + list(field.nested_refers_to)
        for path, kind in targets:
            ids = known.get(kind)
            if ids is None:
                continue
            for where, value in _values_at(record[name], path, (name,)):
                for position, ref in enumerate(value if isinstance(value, list) and not path else [value]):
                    if not isinstance(ref, str) or ref in ids or ref in field.also_allowed or placeholder_in(ref):
                        continue
                    at = where + ((position,) if isinstance(value, list) and not path else ())
                    close = difflib.get_close_matches(ref, list(ids), n=1)
                    hint = f" Menade du '{close[0]}'?" if close else ""
                    target = REFERENCE_FILES[kind]
                    extra = f", eller  {name}: {field.also_allowed[0]}" if field.also_allowed else ""
                    label = at[-1] if isinstance(at[-1], str) else name
                    problems.append(source.problem(location + at, f"{label}: '{ref}' finns inte i {target}.{hint} Skriv id:t som det står i {target}{extra}."))
    return problems


def _values_at(value, path: tuple, where: tuple):
    """(location, value) for each value at ``path`` inside ``value`` ("*" = every list item)."""
    if not path:
        yield where, value
        return
    step, rest = path[0], path[1:]
    if step == "*" and isinstance(value, list):
        for position, item in enumerate(value):
            yield from _values_at(item, rest, where + (position,))
    elif isinstance(value, dict) and step in value:
        yield from _values_at(value[step], rest, where + (step,))


def duplicates(source: DataFile, key: str, what: str) -> list[Problem]:
    """A problem for every record whose ``key`` repeats an earlier record's."""
    seen: dict = {}
    problems = []
    for position, record in enumerate(source.data if isinstance(source.data, list) else []):
        if not isinstance(record, dict) or not isinstance(record.get(key), str):
            continue
        value = record[key]
        if value in seen:
            problems.append(
                source.problem(
                    (position, key),
                    f"{key}: '{value}' används redan av {what} på rad {seen[value]}; välj ett annat {key}",
                )
            )
        else:
            seen[value] = source.line((position, key))
    return problems
