"""Validation of data records: a table of fields, each with its rule, a message and an example.

The structure (which fields, which types and forms) is checked by jsonschema against a schema
built from the table; what the editor reads comes from the table, in Swedish, with an example
they can copy. Unknown fields and placeholders left from a template are errors too.
"""

import dataclasses
import difflib
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from . import dates
from .editor_text import SMART_QUOTES, control_problem, placeholder_in
from .problems import Problem
from .yamlfiles import DataFile, Location

# Text left from a template (data/*/_mall.yml) that an editor has not replaced yet.


Schema = dict[str, Any]  # a JSON Schema, as jsonschema reads it
Known = dict[str, list[str] | None]  # kind of reference -> the ids that exist (None: their file could not be read)


@dataclass(frozen=True)
class Field:
    """One field of a record type."""

    schema: Schema  # JSON Schema for the value
    message: str  # what the value must be, as a phrase: "ett datum som ÅÅÅÅ-MM-DD"
    example: str  # as the editor would write it in the file
    required: bool = True
    check: Callable[[object], str | None] | None = None  # a further rule; returns a message or None
    # References to other files, checked by check_references (one engine for all of them):
    # the kind of id the value (or each value of a list) must be, see REFERENCE_FILES ...
    refers_to: str | None = None
    # ... and, inside a nested value, (path, kind) with "*" for every item of a list.
    nested_refers_to: tuple[tuple[tuple[str, ...], str], ...] = ()
    also_allowed: tuple[str, ...] = ()  # values that are not ids but allowed anyway ("okänd" for a place)


Quotes = str | list[str]  # a citat: one quote, or several (provenance.QUOTES)

_UNSET = object()
R = TypeVar("R")  # a record dataclass


def rule(field: Field, default: object = _UNSET, factory: Callable[[], object] | None = None, of: type | None = None) -> Any:
    """One field of a record, declared once: in a record dataclass, ``name: type = rule(Field(...))``
    gives the field its type as the pages get it and its rule as the file has it. ``table``
    makes the field table from these lines. An optional field is None when left out, unless it
    has a ``default`` (or a ``factory`` for a list); ``default=dataclasses.MISSING`` makes the
    record need it even though the check reports it elsewhere (an event's id). ``of`` names the
    record type of a nested value (or of each item of a list), for ``make``.

    (mypy's dataclass plugin only knows ``dataclasses.field`` calls, so it takes every such
    field as having a default; the records are made in one place each, from checked data.)"""
    if default is _UNSET and factory is None:
        default = dataclasses.MISSING if field.required else None
    return _declared({"rule": field, "of": of}, default, factory)


def part(schema: Schema, default: object = _UNSET, factory: Callable[[], object] | None = None, of: type | None = None) -> Any:
    """A field of a record nested inside another record's field (an indicator's values): its
    type in the dataclass and its schema here; the outer field's message and example cover it.
    Required unless it has a ``default`` or a ``factory``."""
    return _declared({"schema": schema, "of": of}, dataclasses.MISSING if default is _UNSET else default, factory)


def _declared(metadata: dict[str, object], default: object, factory: Callable[[], object] | None) -> Any:
    if factory is not None:
        return dataclasses.field(default_factory=factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def table(record_type: type) -> dict[str, Field]:
    """The field table of a record dataclass declared with ``rule``: name -> Field, in the order
    the dataclass declares them (the order the messages list them)."""
    return {f.name: f.metadata["rule"] for f in dataclasses.fields(record_type) if "rule" in f.metadata}


def nested_record(record_type: type) -> Schema:
    """The schema of a record declared with ``part``: those fields, the ones without a default
    required, no others."""
    parts = [f for f in dataclasses.fields(record_type) if "schema" in f.metadata]
    required = [f.name for f in parts if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    return record(required, {f.name: f.metadata["schema"] for f in parts})


def nested(record_type: type, min_items: int = 0) -> Schema:
    """The schema of a list of records declared with ``part``."""
    return {"type": "array", "minItems": min_items, "items": nested_record(record_type)}


def make(record_type: type[R], data: dict[str, Any]) -> R:
    """The record of ``record_type`` from checked data (a YAML mapping, hence Any), nested
    records (``of=``) made too, however deep."""
    values: dict[str, Any] = {}
    for declared in dataclasses.fields(record_type):  # type: ignore[arg-type]  # R is a dataclass: every caller passes one
        if declared.name in data:
            value, inner = data[declared.name], declared.metadata.get("of")
            if inner is not None:
                value = [make(inner, item) for item in value] if isinstance(value, list) else make(inner, value)
            values[declared.name] = value
    return record_type(**values)


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


def record(required: list[str], properties: dict[str, Schema]) -> Schema:
    """The schema of a nested record: these fields, these required, no others."""
    return {"type": "object", "required": required, "additionalProperties": False, "properties": properties}


def records(required: list[str], properties: dict[str, Schema], min_items: int = 0) -> Schema:
    """The schema of a list of nested records."""
    return {"type": "array", "minItems": min_items, "items": record(required, properties)}


def record_schema(fields: dict[str, Field]) -> Schema:
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


def check_record(source: DataFile, location: Location, record: object, fields: dict[str, Field]) -> list[Problem]:
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
    reported: set[tuple[Location, str]] = set()
    for error in sorted(validator.iter_errors(record), key=lambda e: list(map(str, e.absolute_path))):
        path = tuple(error.absolute_path)
        if not path:
            problems += _record_level(source, location, record, fields, error, failed)
            continue
        name = path[0]
        # One message per value and kind of mistake: a record inside a list may both lack a
        # field and have one misspelt, and the misspelt one is what to name.
        if name in failed or (path, error.validator) in reported:
            continue
        reported.add((path, error.validator))
        field = fields[name]
        label = str(name) + "".join(f", nummer {part + 1}" if isinstance(part, int) else f" → {part}" for part in path[1:])
        if error.validator == "required":
            for missing in error.validator_value:
                if isinstance(error.instance, dict) and missing not in error.instance and not _misspelt(missing, error.instance, error.schema):
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


def _texts(value: object, location: Location) -> Iterator[tuple[Location, str]]:
    """(location inside the value, text) for every string in a value, however nested."""
    if isinstance(value, str):
        yield location, value
    elif isinstance(value, list):
        for position, item in enumerate(value):
            yield from _texts(item, location + (position,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, location + (key,))


def _record_level(source: DataFile, location: Location, record: dict[str, object], fields: dict[str, Field], error: ValidationError, failed: set[str]) -> list[Problem]:
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


def _misspelt(missing: str, record: dict[str, object], schema: Schema) -> bool:
    """Whether a nested record has a field not in its schema that is close to ``missing``
    ("avsr" for avser): then the unknown field's message, with its "Menade du", says it all."""
    unknown = [str(key) for key in record if key not in schema.get("properties", {})]
    return bool(difflib.get_close_matches(missing, unknown, n=1))


def unknown_field(name: object, fields: Collection[str]) -> str:
    if isinstance(name, (int, float)) or str(name).strip().isdigit():
        return (
            f"okänt fält '{name}'. Står det ett decimaltal med kommatecken inom {{ }} på raden, som  värde: 4,3? "
            "Där skiljer kommatecknet fälten åt; skriv decimaltal med punkt:  värde: 4.3"
        )
    close = difflib.get_close_matches(str(name), list(fields), n=1)
    hint = f" Menade du '{close[0]}'?" if close else ""
    return f"okänt fält '{name}'.{hint} Rätta namnet eller ta bort fältet; fälten som finns är: {', '.join(fields)}"


def wrong_value(label: str, value: object, field: Field, name: str, reason: str = "") -> str:
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


def check_references(source: DataFile, location: Location, record: object, fields: dict[str, Field], known: Known) -> list[Problem]:
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


def _values_at(value: object, path: tuple[str, ...], where: Location) -> Iterator[tuple[Location, object]]:
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
    seen: dict[object, int] = {}
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
