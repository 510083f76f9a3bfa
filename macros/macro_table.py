"""Every macro a page may call, as data: its name, its arguments and the line an editor copies.

The content check (content.py, through editor_text.macro_call_problems) reads this table to judge
a page's ``{{ … }}`` without running anything; the macro layer (pages.py) defines what each macro
does, and the build (assembly.py) refuses to start when the functions it registered differ from
this table in name, arguments or usage line. So the two cannot drift, and the check needs neither
MkDocs nor the renderers.
"""

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

REQUIRED = inspect.Parameter.empty


@dataclass(frozen=True)
class Argument:
    name: str
    kind: type  # what a literal must be: str, int or bool
    default: object = REQUIRED
    # The kind of id the values name (content.py's ids: "beslut", "källa", "plan", "indikator",
    # "typ", "år"), for "Menade du …?" when a page names one that does not exist.
    refers_to: str | None = None
    many: bool = False  # any number of values, as in kallor("a", "b")


@dataclass(frozen=True)
class Macro:
    name: str
    usage: str  # the docstring's "Användning i Markdown" example: what the check's messages show
    arguments: tuple[Argument, ...] = ()

    @property
    def signature(self) -> inspect.Signature:
        """The Python signature the macro's function has (editor_text binds a call's literals to it)."""
        return inspect.Signature(
            [
                inspect.Parameter(
                    a.name,
                    inspect.Parameter.VAR_POSITIONAL if a.many else inspect.Parameter.POSITIONAL_OR_KEYWORD,
                    default=a.default,
                    annotation=a.kind | None if a.default is None else a.kind,
                )
                for a in self.arguments
            ]
        )


def _macro(name: str, usage: str, *arguments: Argument) -> tuple[str, Macro]:
    return name, Macro(name, usage, arguments)


_YEAR = Argument("år", int, refers_to="år")
_PLAN = Argument("plan", str, refers_to="plan")
_DECISION = Argument("id", str, refers_to="beslut")

MACROS: dict[str, Macro] = dict(
    [
        _macro("lagesbild", "{{ lagesbild() }}"),
        _macro("genvagar", "{{ genvagar() }}"),
        _macro("senast_byggd", "Senast uppdaterad {{ senast_byggd() }}."),
        _macro("beslut", '({{ beslut("ks-2024-03-06-upphavande") }})', _DECISION),
        _macro("beslutsdatum", 'Planen upphävdes {{ beslutsdatum("ks-2024-03-06-upphavande") }}.', _DECISION),
        _macro(
            "fakta",
            'Styrgruppen har {{ fakta("plan-2021-2026", "styrgrupp_ledamöter") }} ledamöter.',
            _PLAN,
            Argument("name", str),
            Argument("tabell", bool, default=False),
            Argument("neutrum", bool, default=False),
        ),
        _macro("kallor", '{{ kallor() }}', Argument("ids", str, refers_to="källa", many=True)),
        _macro("historik", "{{ historik() }}"),
        _macro("beslutsregister", "{{ beslutsregister() }}"),
        _macro("arshjul", "{{ arshjul() }}"),
        _macro("deltagandematris", "{{ deltagandematris() }}"),
        _macro("utmaningar", '{{ utmaningar("plan-2018-2022") }}', _PLAN),
        # The calendar (render.CalendarRenderer)
        _macro("kommande_evenemang", "{{ kommande_evenemang() }}", Argument("typ", str, default=None, refers_to="typ")),
        _macro("nasta_evenemang", "{{ nasta_evenemang(3) }}", Argument("antal", int, default=3)),
        _macro("tidigare_evenemang", "{{ tidigare_evenemang() }}"),
        _macro("evenemangstyper", "{{ evenemangstyper() }}"),
        _macro("kalenderadress", "{{ kalenderadress() }}", Argument("webcal", bool, default=False)),
        _macro("prenumeration", "{{ prenumeration() }}"),
        # Annual reports, figures and open data (figures.FigureRenderer)
        _macro(
            "siffra",
            '{{ siffra("deltagare-dialogforum", 2023) | capitalize }} personer deltog.',
            Argument("indikator", str, refers_to="indikator"),
            Argument("år", int),
            Argument("tabell", bool, default=False),
        ),
        _macro("rapport_fakta", "{{ rapport_fakta(2023) }}", _YEAR),
        _macro("rapport_i_korthet", "{{ rapport_i_korthet(2023) }}", _YEAR),
        _macro("rapport_lista", '{{ rapport_lista(2023, "fokusområden") }}', _YEAR, Argument("fält", str)),
        _macro("rapport_text", '{{ rapport_text(2023, "bedömning") }}', _YEAR, Argument("fält", str)),
        _macro("rapport_aktiviteter", "{{ rapport_aktiviteter(2023) }}", _YEAR),
        _macro("rapport_siffror", "{{ rapport_siffror(2023) }}", _YEAR),
        _macro("rapport_budget", '{{ rapport_budget(2019, "avsatt") }}', _YEAR, Argument("del_", str)),
        _macro("rapport_yttranden", "{{ rapport_yttranden(2023) }}", _YEAR),
        _macro("rapportregister", "{{ rapportregister() }}"),
        _macro("indikatorer", "{{ indikatorer() }}"),
        _macro("stod_per_forvaltning", "{{ stod_per_forvaltning() }}"),
        _macro("kartlaggning", '{{ kartlaggning("intervjuer") }}', Argument("fält", str)),
        _macro("samverkansexempel", "{{ samverkansexempel() }}"),
        _macro("datamangder", "{{ datamangder() }}"),
        _macro("tillganglighetsredogorelse", "{{ tillganglighetsredogorelse() }}"),
        _macro("kontaktvag", "{{ kontaktvag() }}"),
        # Written by the build for a page's footnote references ([^nyckel]), not by editors.
        _macro("kalla", "Planen antogs 2021.[^antogs]", Argument("nycklar", str, many=True)),
    ]
)


def references(ids: dict[str, list[Any] | None]) -> dict[tuple[str, str], set[Any]]:
    """(macro, argument) -> the values that exist, from ``ids`` (kind -> known ids), so that a
    page calling {{ beslut("ks-2024-03-06-upphavnde") }} gets "Menade du …?" at check time."""
    return {
        (macro.name, argument.name): set(ids[argument.refers_to] or ())
        for macro in MACROS.values()
        for argument in macro.arguments
        if argument.refers_to and ids.get(argument.refers_to)
    }


def usage(function: Callable[..., object]) -> str:
    """The usage line of a macro function's docstring ("Användning i Markdown: ``…``")."""
    for line in (inspect.getdoc(function) or "").splitlines():
        if line.startswith("Användning i Markdown:"):
            return line.split(":", 1)[1].strip().split("``")[1] if "``" in line else ""
    return ""


def differences(registered: Mapping[str, Callable[..., object]]) -> list[str]:
    """How the macro functions a build registered (name -> function) differ from MACROS: a
    macro missing on either side, another signature or another usage line. Empty when they agree."""
    found = []
    for name in sorted(registered.keys() - MACROS.keys()):
        found.append(f"makrot {name} finns i pages.py men inte i macros/macro_table.py")
    for name in sorted(MACROS.keys() - registered.keys()):
        found.append(f"makrot {name} finns i macros/macro_table.py men inte i pages.py")
    for name in sorted(MACROS.keys() & registered.keys()):
        function, declared = registered[name], MACROS[name]
        if list(inspect.signature(function).parameters.values()) != list(declared.signature.parameters.values()):
            found.append(f"makrot {name}: pages.py har {inspect.signature(function)}, macros/macro_table.py {declared.signature}")
        if usage(function) != declared.usage:
            found.append(f"makrot {name}: användningsraden i pages.py är {usage(function)!r}, i macros/macro_table.py {declared.usage!r}")
    return found
