"""Annual reports (data/reports/ÅÅÅÅ.yml), indicators (data/indicators.yml) and the 2019
survey (data/survey_2019.yml): their tables of fields and the rules that tie numbers together.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, TemplateSyntaxError, nodes

from . import editor_text, formatting, vocabulary
from .problems import PROCESSING, Problem, names_its_files
from .provenance import QUOTES, QUOTES_EXAMPLE, QUOTES_MESSAGE
from .schema import DIARIENUMMER, PARTIAL_DATE, SLUG, TEXT, Field, Known, Quotes, check_record, check_references, nested, nested_record, part, rule, table
from .yamlfiles import REPORTS_DIR, DataFile, Record, read, read_text, report_file

ACTIVITY_TYPES = [t.value for t in vocabulary.EVENT_TYPES]  # a report's activities are events' types
PRECISION = {"enum": ["cirka", "minst", "drygt", "ungefär"]}
@dataclass(kw_only=True)
class Person:
    namn: str = part(TEXT)
    titel: str = part(TEXT)


@dataclass(kw_only=True)
class Activity:
    """One of a report's activities (aktiviteter)."""

    typ: str = part({"enum": ACTIVITY_TYPES})
    titel: str = part(TEXT)
    beskrivning: str | None = part(TEXT, default=None)
    partner: list[str] = part({"type": "array", "items": TEXT}, factory=list)
    deltagare: int | None = part({"type": "integer", "minimum": 0}, default=None)
    deltagare_ungefär: bool = part({"type": "boolean"}, default=False)
    betyg: float | None = part({"type": "number", "minimum": 1, "maximum": vocabulary.RATING_SCALE}, default=None)
    citat: Quotes = part(QUOTES)


@dataclass(kw_only=True)
class MoneyLine:
    post: str = part(TEXT)
    kronor: int = part({"type": "integer", "minimum": 0})
    citat: Quotes = part(QUOTES)


@dataclass(kw_only=True)
class Budget:
    avsatt_totalt: int = part({"type": "integer", "minimum": 0})
    avsatt: list[MoneyLine] = part(nested(MoneyLine, min_items=1), of=MoneyLine)
    använt: list[MoneyLine] = part(nested(MoneyLine, min_items=1), factory=list, of=MoneyLine)


@dataclass(kw_only=True)
class Statement:
    """A dissenting or concurring statement on the report (yttranden)."""

    typ: str = part({"enum": ["särskilt yttrande", "reservation"]})
    ledamöter: list[str] = part({"type": "array", "minItems": 1, "items": TEXT})
    partier: list[str] = part({"type": "array", "minItems": 1, "items": TEXT})
    instämmande: list[str] = part({"type": "array", "items": TEXT}, factory=list)
    sammanfattning: str = part(TEXT)
    citat: Quotes = part(QUOTES)


@dataclass(kw_only=True)
class Report:
    """An annual report to the city executive board (data/reports/ÅÅÅÅ.yml)."""

    år: int = rule(Field({"type": "integer", "minimum": 2017, "maximum": 2100}, "rapportens år, samma som filens namn", "2023"))
    diarienummer: str = rule(Field(DIARIENUMMER, "ärendets diarienummer som STK-ÅÅÅÅ-NNNN", "STK-2023-1697"))
    källa: str = rule(Field(SLUG, "id för handlingen i data/sources.yml", "ks-2024-09-11-221", refers_to="källa"))
    tjänsteskrivelse: str = rule(Field(PARTIAL_DATE, "tjänsteskrivelsens datum som ÅÅÅÅ-MM-DD (ÅÅÅÅ-MM om dagen inte står)", '"2024-08-06"'))
    beslut: list[str] = rule(
        Field({"type": "array", "minItems": 1, "items": SLUG}, "en lista med id för besluten i data/decisions.yml", "[ks-2024-09-11-arsrapport-2023]", refers_to="beslut")
    )
    handläggare: Person | None = rule(
        Field(nested_record(Person), "namn och titel för handläggaren", "{namn: Louise Ehrenberg, titel: utvecklingssamordnare}", required=False), of=Person
    )
    ansvariga: list[Person] = rule(
        Field(
            {"type": "array", "minItems": 1, "items": nested_record(Person)},
            "en lista med namn och titel för de ansvariga tjänstepersonerna", "[{namn: Andreas Norbrant, titel: stadsdirektör}]",
        ),
        of=Person,
    )
    rapportör: Person | None = rule(
        Field(nested_record(Person), "namn och titel för den som skrev rapporten", "{namn: Verence Bengtsson, titel: samordnare}", required=False), of=Person
    )
    fokusområden: list[str] = rule(
        Field({"type": "array", "minItems": 1, "items": TEXT}, "en lista med årets fokusområden", '["Jämlik hälsa"]', required=False), factory=list
    )
    aktiviteter: list[Activity] = rule(
        Field(
            nested(Activity),
            "en lista med aktiviteter: typ, titel, citat och ev. beskrivning, partner, deltagare (heltal, 0 eller mer) och betyg (1–5)",
            '[{typ: malmötimmen, titel: Jämlik hälsa, betyg: 4.6, citat: "Det genomsnittliga betyget blev 4,6 av 5"}]',
            required=False,
        ),
        factory=list,
        of=Activity,
    )
    bedömning: str = rule(Field(TEXT, "stadskontorets bedömning med egna ord", '"Verksamheten följde planen."'))
    budget: Budget | None = rule(
        Field(
            nested_record(Budget),
            "avsatt_totalt (kronor) och listor avsatt och använt med post, kronor och citat",
            '{avsatt_totalt: 1500000, avsatt: [{post: Lön, kronor: 1500000, citat: "För arbetet avsattes 1 500 000 kronor"}]}',
            required=False,
        ),
        of=Budget,
    )
    yttranden: list[Statement] = rule(
        Field(
            nested(Statement),
            "en lista med särskilda yttranden och reservationer: typ, ledamöter, partier, en neutral sammanfattning och citat",
            '[{typ: särskilt yttrande, ledamöter: [Helena Nanne], partier: [M], sammanfattning: ..., citat: "..."}]',
            required=False,
        ),
        factory=list,
        of=Statement,
    )
    anmärkning: str | None = rule(Field(TEXT, "vad källorna säger olika eller lämnar oklart", '"Namnet stavas olika."', required=False))
    inför_framtiden: str | None = rule(
        Field(TEXT, "vad rapporten säger om framtiden, med egna ord", '"Rapporten efterlyser ett starkare ledarskap."', required=False)
    )
    citat: Quotes = rule(Field(QUOTES, "korta citat ur källan för diarienummer, datum, ansvariga, fokusområden och bedömning", QUOTES_EXAMPLE))

    def text(self, name: str) -> str:
        """A text field by its name (the rapport_text macro); KeyError when the report has none."""
        value = getattr(self, name, None) if name in REPORT_FIELDS else None
        if not isinstance(value, str):
            raise KeyError(f"årsrapporten {self.år} har inget fält {name} i {report_file(self.år)}")
        return value


REPORT_FIELDS = table(Report)


@dataclass(kw_only=True)
class IndicatorValue:
    """One year's figure of an indicator (an item of its värden)."""

    år: int = part({"type": "integer", "minimum": 2017, "maximum": 2100})
    värde: float = part({"type": "number", "minimum": 0})
    precision: str | None = part(PRECISION, default=None)
    avser: str = part(TEXT)
    källa: str = part(SLUG)
    avsnitt: str = part(TEXT)
    anmärkning: str | None = part(TEXT, default=None)
    citat: Quotes = part(QUOTES)

    @property
    def prefix(self) -> str:
        """The precision before the number, "cirka ", or nothing for an exact figure."""
        return f"{self.precision} " if self.precision else ""


@dataclass(kw_only=True)
class Indicator:
    """A key figure (data/indicators.yml) and its values, one per year."""

    område: str | None = rule(
        Field(TEXT, "rubriken som talet står under på sidan Deltagande i siffror", '"Dialogforum"', required=False, check=editor_text.one_line(60))
    )
    id: str = rule(Field(SLUG, "ett kort namn med små bokstäver, siffror och bindestreck", "deltagare-dialogforum"))
    namn: str = rule(Field(TEXT, "indikatorns namn", "Deltagare i Malmöandans dialogforum"))
    enhet: str = rule(Field(TEXT, "vad talet räknar, i plural", "personer"))
    skala: int | None = rule(Field({"type": "integer", "minimum": 2}, "skalans högsta värde, för betyg", "5", required=False))
    i_korthet: str | None = rule(
        Field(
            TEXT, "vad talet säger i 'Året i korthet' på årsrapportens sida och i tabellen över alla år, efter talet", '"deltog i dialoger och evenemang"',
            required=False, check=editor_text.one_line(80),
        )
    )
    period: str = rule(Field(TEXT, "vad talet gäller: under året, per månad, vid ett tillfälle", "under kalenderåret"))
    definition: str = rule(Field(TEXT, "vad som räknas, med egna ord", '"Deltagare i dialogforumet."'))
    värden: list[IndicatorValue] = rule(
        Field(
            nested(IndicatorValue, min_items=1),
            "en lista med år, värde (inte negativt), avser, källa, avsnitt och citat, och ev. precision (cirka, minst, drygt)",
            '[{år: 2023, värde: 80, precision: cirka, avser: "2023", källa: ks-2024-09-11-221, avsnitt: "Dialogforum", citat: "Cirka 80 personer deltog"}]',
            nested_refers_to=((("*", "källa"), "källa"),),
        ),
        of=IndicatorValue,
    )

    @property
    def is_rating(self) -> bool:
        return vocabulary.is_rating(self.enhet)

    @property
    def unit(self) -> str:
        """What the figure counts, after the number ("personer"); nothing for a rating, whose
        "av 5" says it."""
        return "" if self.is_rating else self.enhet

    @property
    def by_year(self) -> list[IndicatorValue]:
        return sorted(self.värden, key=lambda value: value.år)

    def value_for(self, year: int) -> IndicatorValue | None:
        """The figure for ``year``, or None when the indicator has none (the check allows one per year)."""
        return next((value for value in self.värden if value.år == year), None)

    def text(self, value: IndicatorValue) -> str:
        """A figure as readers see it: "cirka 400", "minst 1 226", "4,3 av 5"."""
        number = formatting.number(value.värde)
        return f"{value.prefix}{number} av {self.skala}" if self.is_rating else value.prefix + number


INDICATOR_FIELDS = table(Indicator)

@dataclass(kw_only=True)
class Support:
    """One administration's support to civil society in 2018 (stöd_2018)."""

    förvaltning: str = part(TEXT)
    mnkr: float = part({"type": "number", "minimum": 0})
    till_mnkr: float | None = part({"type": "number", "minimum": 0}, default=None)
    precision: str | None = part(PRECISION, default=None)
    vad: str = part(TEXT)
    citat: Quotes = part(QUOTES)

    @property
    def text(self) -> str:
        """The amount as readers see it: "drygt 109,7 mnkr", "1–2 mnkr"."""
        amount = formatting.number(self.mnkr) + (f"–{formatting.number(self.till_mnkr)}" if self.till_mnkr is not None else "")
        return (f"{self.precision} " if self.precision else "") + amount + "\u00a0mnkr"


@dataclass(kw_only=True)
class Example:
    namn: str = part(TEXT)
    text: str = part(TEXT)
    citat: Quotes = part(QUOTES)


@dataclass(kw_only=True)
class Survey:
    """The 2019 survey of the city's cooperation with civil society (data/survey_2019.yml)."""

    källa: str = rule(Field(SLUG, "id för kartläggningen i data/sources.yml", "kartlaggning-2019-05-13", refers_to="källa"))
    insamling: str = rule(Field(TEXT, "när uppgifterna samlades in", '"december 2018 till början av april 2019"'))
    intervjuer: int = rule(Field({"type": "integer", "minimum": 0}, "antal intervjuer", "65"))
    intervjuade_personer: int = rule(Field({"type": "integer", "minimum": 0}, "antal intervjuade personer", "80"))
    intervjuade_precision: str | None = rule(Field(PRECISION, "cirka, minst, drygt eller ungefär", "ungefär", required=False))
    citat: Quotes = rule(Field(QUOTES, QUOTES_MESSAGE, '"Sammantaget har 65 intervjuer genomförts med ett åttiotal personer."'))
    stöd_2018: list[Support] = rule(
        Field(
            nested(Support, min_items=1),
            "en lista med förvaltning, mnkr (miljoner kronor, punkt som decimaltecken), vad stödet är och citat",
            '[{förvaltning: Fritidsförvaltningen, mnkr: 109.7, vad: stöd, citat: "totalt 109,7 miljoner kronor"}]',
        ),
        of=Support,
    )
    exempel: list[Example] = rule(
        Field(nested(Example), "en lista med namn, text och citat", '[{namn: KRUT, text: ..., citat: "KRUT är Stadsbibliotekets verksamhet"}]'),
        of=Example,
    )


SURVEY_FIELDS = table(Survey)


REPORT_NAME = re.compile(r"[0-9]{4}\.yml")  # data/reports/2023.yml; content.py names any other file


def report_files(root: Path) -> list[Path]:
    """The annual reports' files. Any other file in the folder (but the template) gets its own
    message from content.py, "en årsrapport ska heta ÅÅÅÅ.yml", instead of being read."""
    folder = root / REPORTS_DIR
    return sorted(p for p in folder.glob("*.yml") if REPORT_NAME.fullmatch(p.name)) if folder.is_dir() else []


@names_its_files
def check_reports(root: Path, known: Known) -> tuple[list[Problem], list[DataFile]]:
    """Every problem in data/reports/*.yml; also the parsed files."""
    problems, parsed = [], []
    for path in report_files(root):
        PROCESSING.set(path.relative_to(root).as_posix())
        source = read(path, root)
        problems += source.problems
        if source.data is None:
            if not source.problems:
                problems.append(Problem(source.path, 0, "filen är tom"))
            continue
        if not isinstance(source.data, dict):
            problems.append(source.problem((), "filen ska bestå av fält, ett per rad som 'namn: värde'"))
            continue
        report = source.data
        problems += check_record(source, (), report, REPORT_FIELDS)
        if isinstance(report.get("år"), int) and path.stem != str(report["år"]):
            if (path.parent / f"{report['år']}.yml").exists() or not path.stem.isdigit():
                fix = f"ändra till  år: {path.stem}" if path.stem.isdigit() else f"byt namn på filen till {report['år']}.yml"
                if (path.parent / f"{report['år']}.yml").exists():
                    fix += f" (rapporten för {report['år']} finns redan i {report_file(report['år'])})"
            else:
                fix = f"ändra till  år: {path.stem}, eller byt namn på filen till {report['år']}.yml om det är rapporten för {report['år']}"
            problems.append(source.problem(("år",), f"år är {report['år']} men filen heter {path.name}; {fix}"))
        problems += check_references(source, (), report, REPORT_FIELDS, known)
        budget = report.get("budget")
        if isinstance(budget, dict) and isinstance(budget.get("avsatt_totalt"), int) and isinstance(budget.get("avsatt"), list):
            parts = [line.get("kronor") for line in budget["avsatt"] if isinstance(line, dict)]
            amounts = [k for k in parts if isinstance(k, int)]
            if len(amounts) == len(parts) and sum(amounts) != budget["avsatt_totalt"]:
                problems.append(
                    source.problem(
                        ("budget", "avsatt_totalt"),
                        f"budget: posterna under avsatt blir {sum(amounts)} kronor men avsatt_totalt är {budget['avsatt_totalt']}; rätta en post eller summan",
                    )
                )
        parsed.append(source)
    return problems, parsed


def check_indicators(source: DataFile, root: Path | None = None, reports: list[DataFile] | tuple[()] = ()) -> list[Problem]:
    """The rules between fields of data/indicators.yml (the table checks each field), and, with
    ``root``, every macro call on its pages that asks for a value or a report field that is not
    there (report_call_problems)."""
    problems = report_call_problems(root, source, list(reports)) if root is not None else []
    for position, indicator in enumerate(source.data if isinstance(source.data, list) else []):
        if not isinstance(indicator, dict):
            continue
        is_rating = vocabulary.is_rating(indicator.get("enhet"))
        if is_rating and "skala" not in indicator:
            problems.append(source.problem((position,), "ett betyg behöver fältet skala, till exempel  skala: 5"))
        years = set()
        for index, value in enumerate(indicator.get("värden") or []):
            if not isinstance(value, dict):
                continue
            where = (position, "värden", index)
            if is_rating and isinstance(indicator.get("skala"), int) and isinstance(value.get("värde"), (int, float)) and value["värde"] > indicator["skala"]:
                problems.append(source.problem(where + ("värde",), f"värde: betyget {value['värde']} är högre än skalan ({indicator['skala']})"))
            if value.get("år") in years:
                problems.append(source.problem(where + ("år",), f"år: {value['år']} står redan för den här indikatorn; ett värde per år"))
            years.add(value.get("år"))
    return problems


def report_call_problems(root: Path, indicators: DataFile, reports: list[DataFile]) -> list[Problem]:
    """Every macro call on a page that asks the data for what it does not have, so that the
    check names it instead of the build stopping with "oväntat fel": {{ siffra("id", år) }} for a
    year the indicator has no value for (a report page copied from another year's and given the
    new year is the common way to get one), {{ rapport_text(år, "fält") }} for a field the year's
    report leaves out, {{ rapport_i_korthet(år) }} for a year without a report. (An unknown id is
    reported with the other macro arguments, by pages_front_matter.py.)"""
    values = {
        indicator["id"]: {value.get("år") for value in indicator.get("värden") or [] if isinstance(value, dict)}
        for indicator in (indicators.data if isinstance(indicators.data, list) else [])
        if isinstance(indicator, dict) and isinstance(indicator.get("id"), str)
    }
    by_year = {source.data.get("år"): source.data for source in reports if isinstance(source.data, dict)}
    problems = []
    for path in sorted((root / "docs").rglob("*.md")):
        text = read_text(path, path.relative_to(root).as_posix())  # refuses links and huge files
        if isinstance(text, Problem) or "{{" not in text:
            continue
        try:
            calls = Environment().parse(text).find_all(nodes.Call)
        except TemplateSyntaxError:
            continue  # reported, at its line, by the check of the page's macros
        for call in calls:
            arguments = [argument.value for argument in call.args if isinstance(argument, nodes.Const)]
            if isinstance(call.node, nodes.Name) and len(arguments) == len(call.args):
                message = _missing_data(call.node.name, arguments, values, by_year)
                if message:
                    problems.append(Problem(path.relative_to(root).as_posix(), call.lineno, message))
    return problems


def _missing_data(macro: str, arguments: list[object], values: dict[str, set[object]], by_year: dict[object, Record]) -> str | None:
    if macro == "siffra" and len(arguments) == 2 and arguments[0] in values and arguments[1] not in values[arguments[0]]:
        indicator, year = arguments
        return (
            f"siffra: indikatorn {indicator} har inget värde för {year} i data/indicators.yml. Lägg till värdet under värden: för "
            f"{indicator} (år, värde, avser, källa, avsnitt och citat), eller ta bort meningen från sidan. Är sidan kopierad från "
            "ett annat års rapport, gå igenom varje mening: texten och siffrorna gäller det året"
        )
    if macro == "rapport_text" and len(arguments) == 2 and arguments[0] in by_year and arguments[1] not in by_year[arguments[0]]:
        year, name = arguments
        return f"rapport_text: årsrapporten för {year} har inget fält {name} i {report_file(year)}. Skriv det där, eller ta bort avsnittet med makrot från sidan"
    if macro == "rapport_i_korthet" and len(arguments) == 1 and arguments[0] not in by_year:
        return f"rapport_i_korthet: det finns ingen årsrapport för {arguments[0]} ({report_file(arguments[0])} saknas); skapa den med ./dev ny-arsrapport {arguments[0]} eller rätta året"
    return None
