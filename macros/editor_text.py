"""Rules for the text editors write: what may stand in a page or an event, and what may not.

Everything an editor can touch is untrusted input. Three kinds of text, three allowlists:

- **One-line fields** (titles, descriptions, names): no line breaks, no control or direction
  characters, no markup, a maximum length. ``one_line`` is the rule.
- **Markdown bodies** (pages, event descriptions): raw HTML only from a short list of tags and
  attributes the pages need, links only to web pages, e-mail and phone numbers.
  ``markdown_problems`` is the rule.
- **Macro calls** on pages with ``render_macros: true``: only ``{{ makro("bokstavligt", 1) }}``
  with a registered macro and literal arguments. No variables, attributes, filters or
  statements, so no page can reach Python through Jinja. ``macro_call_problems`` is the rule.

Each function returns Problems with the file's line; nothing here raises.
"""

import difflib
import html
import inspect
import re
from collections.abc import Callable, Collection, Mapping
from html.parser import HTMLParser
from typing import Protocol

from jinja2 import Environment, TemplateSyntaxError, nodes

from .problems import Problem

# ---- Characters --------------------------------------------------------------------------------

# C0 controls except tab and line breaks, DEL, C1 controls (U+0085 is a line break to some
# readers), the Unicode line and paragraph separators, and the bidirectional overrides that can
# make text read differently from how it is stored.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
LINE_BREAK = re.compile(r"[\r\n]")

# Word and e-mail punctuation that breaks YAML or Markdown when typed where ASCII is expected.
SMART_QUOTES = re.compile("[”“„″’‘«»]")


def character_name(char: str) -> str:
    names = {
        "\x0b": "en vertikal tabb (från Word)", "\x0c": "en sidbrytning (från Word)", "\u2028": "en radavgränsare (U+2028)",
        "\u2029": "en styckeavgränsare (U+2029)", "\x85": "en radbrytning (U+0085)", "\ufeff": "ett osynligt BOM-tecken",
        "\u200b": "ett osynligt mellanrum (U+200B)",
    }
    return names.get(char, f"ett osynligt styrtecken (U+{ord(char):04X})")


def control_problem(text: str) -> str | None:
    """A message when ``text`` holds an invisible control or direction character."""
    match = CONTROL.search(text)
    if match is None:
        return None
    return (
        f"texten innehåller {character_name(match.group(0))}. Det brukar följa med när man klistrar in från "
        "Word eller e-post; skriv om texten för hand på den platsen, eller klistra in den som oformaterad text"
    )


# ---- One-line fields ---------------------------------------------------------------------------

# Where Jinja would begin: an expression, a statement or a comment. Editors' text may hold none of
# them outside a page that calls macros (render_macros: true); { #id } with a space is an anchor.
MACRO_MARK = re.compile(r"\{\{|\{%|\{#")
MARKUP_IN_LINE = re.compile(MACRO_MARK.pattern + r"|<|>")


def one_line(max_length: int, quotes: bool = True) -> Callable[[object], str | None]:
    """A Field.check for a one-line text: no line break, control character or markup, at most
    ``max_length`` characters. ``quotes=False`` also forbids the straight quote ``"``, for texts
    the theme prints inside an HTML attribute (a page's title and description)."""

    def check(value: object) -> str | None:
        if not isinstance(value, str):
            return None
        if LINE_BREAK.search(value.strip()):
            return "texten ska stå på en rad. Ta bort radbrytningen (och | eller > efter kolonet), till exempel  titel: Dialogforum om lokaler"
        if message := control_problem(value):
            return message
        if MARKUP_IN_LINE.search(value):
            return "texten får inte innehålla {{, {%, < eller >; skriv den som ren text utan HTML och makron"
        if not quotes and '"' in value:
            return 'texten får inte innehålla raka citattecken ("); använd svenska citattecken ” ”'
        if len(value) > max_length:
            return f"texten är {len(value)} tecken lång; korta den till högst {max_length} tecken"
        return None

    return check


# ---- Markdown bodies ---------------------------------------------------------------------------

# Raw HTML the pages use today, and nothing else: a lead paragraph with a class, the calendar's
# copy button and its status, a language switch for the English page, a link to the feed.
ALLOWED_TAGS = {"p", "span", "div", "code", "button", "a", "abbr", "br", "wbr", "strong", "em", "small", "time", "details", "summary"}
ALLOWED_ATTRIBUTES = {"class", "id", "lang", "markdown", "href", "title", "type", "role", "datetime"}
ALLOWED_DATA_ATTRIBUTE = re.compile(r"^data-ma-[a-z-]+$")  # the project's own behaviour hooks
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)  # a URL's scheme (RFC 3986), in any case
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
# Not a footnote, [^nyckel]: källa: "citat", which names a source, not a link (macros/citations.py).
REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[(?!\^)[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]*:[^>\s]*)>")
ATTRIBUTE_LIST = re.compile(r"(?<!\{)\{(?![{%#]):?\s*([^{}\n]*=[^{}\n]*)\}(?!\})")
ATTRIBUTE_NAME = re.compile(r"([^\s=#.{}\"']+)\s*=")

ALLOWED_TEXT = (
    "Tillåten HTML: " + ", ".join(f"<{tag}>" for tag in sorted(ALLOWED_TAGS)) + " med attributen " + ", ".join(sorted(ALLOWED_ATTRIBUTES))
)


def unsafe_url(url: str) -> str | None:
    """The scheme of ``url`` when it is not one a reader's browser may follow safely."""
    cleaned = re.sub(r"[\s\x00-\x1f]+", "", html.unescape(url)).lower()
    match = SCHEME.match(cleaned)
    if match and match.group(1) not in ALLOWED_SCHEMES:
        return match.group(1)
    return None


def url_problem(url: str) -> str | None:
    scheme = unsafe_url(url)
    if scheme is None:
        return None
    return (
        f"länken börjar med '{scheme}:', som inte är tillåtet. Länka till en webbsida (https://…), "
        "en e-postadress (mailto:…) eller en annan sida på webbplatsen (sida.md)"
    )


class _TagScanner(HTMLParser):
    def __init__(self, relative: str, first_line: int):
        super().__init__(convert_charrefs=True)
        self.relative, self.line_offset = relative, first_line - 1
        self.problems: list[Problem] = []

    def _problem(self, message: str) -> None:
        self.problems.append(Problem(self.relative, self.getpos()[0] + self.line_offset, message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self._problem(f"HTML-taggen <{tag}> är inte tillåten i texten. Skriv med Markdown i stället. {ALLOWED_TEXT}")
            return
        for name, value in attrs:
            if name.startswith("on"):
                self._problem(f"attributet {name}= på <{tag}> skulle köra ett skript och är inte tillåtet; ta bort det")
            elif name not in ALLOWED_ATTRIBUTES and not ALLOWED_DATA_ATTRIBUTE.match(name):
                self._problem(f"attributet {name}= på <{tag}> är inte tillåtet. {ALLOWED_TEXT}")
            elif name == "href" and value and (message := url_problem(value)):
                self._problem(message)
            elif name == "class" and value and "mermaid" in value.split():
                self._problem("diagram med mermaid laddar kod från en annan webbplats och är inte tillåtna; beskriv med text eller en tabell")

    handle_startendtag = handle_starttag

    def handle_decl(self, decl: str) -> None:
        self._problem(f"<!{decl}> hör inte hemma i texten; ta bort raden")

    def handle_pi(self, data: str) -> None:
        self._problem(f"<?{data}> hör inte hemma i texten; ta bort raden")


def without_code(text: str) -> str:
    """The text with fenced code blocks and code spans blanked (kept as many lines and columns):
    Markdown shows what stands there as text, so it is no markup."""
    lines, fence = [], None
    for line in text.split("\n"):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            lines.append("")
        elif fence is not None:
            if line.strip().startswith(fence):
                fence = None
            lines.append("")
        else:
            lines.append(CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line))
    return "\n".join(lines)


def markdown_problems(text: str, relative: str, first_line: int = 1) -> list[Problem]:
    """Every unsafe thing in a Markdown body that starts on line ``first_line`` of ``relative``."""
    text = without_code(text)
    problems = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        if message := control_problem(line):
            problems.append(Problem(relative, number, message))
        for pattern in (MARKDOWN_LINK, REFERENCE_DEFINITION, AUTOLINK):
            for match in pattern.finditer(line):
                if message := url_problem(match.group(1)):
                    problems.append(Problem(relative, number, message))
        for match in ATTRIBUTE_LIST.finditer(line):
            for name in ATTRIBUTE_NAME.findall(match.group(1)):
                if name.lower() not in ALLOWED_ATTRIBUTES or name.lower() == "href":
                    problems.append(Problem(relative, number, f"attributet {name}= i {{…}} är inte tillåtet; bara #id, .klass, lang= och title= går att sätta så"))
    # Autolinks are not tags: blank them before the HTML scan (their scheme was checked above).
    scanner = _TagScanner(relative, first_line)
    scanner.feed(AUTOLINK.sub(lambda m: " " * len(m.group(0)), text))
    scanner.close()
    return problems + scanner.problems


# ---- Macro calls -------------------------------------------------------------------------------

class Declared(Protocol):
    """What the check needs of a macro's declaration (macro_table.Macro)."""

    @property
    def signature(self) -> inspect.Signature: ...
    @property
    def usage(self) -> str: ...


# The same delimiters as mkdocs-macros' defaults, which mkdocs.yml does not change.
_JINJA = Environment()
# Filters a macro's result may pass through: text case only, nothing that reaches objects.
SAFE_FILTERS = {"capitalize"}


def macro_call_problems(
    text: str, relative: str, first_line: int, macros: Mapping[str, Declared], references: Mapping[tuple[str, str], Collection[object]] | None = None
) -> list[Problem]:
    """Every ``{{ … }}`` or ``{% … %}`` in ``text`` that is not a call of a registered macro with
    literal arguments. ``macros`` is the table of what a page may call (macro_table.MACROS);
    ``references`` maps (macro, parameter) to the values that exist, for "Menade du …?"."""
    offset = first_line - 1
    try:
        tree = _JINJA.parse(text)
    except TemplateSyntaxError as error:
        return [
            Problem(
                relative,
                (error.lineno or 1) + offset,
                "makrot går inte att läsa: kontrollera att det står som {{ namn(\"värde\") }} med raka citattecken och "
                f"att varje {{{{ har sin }}}} (Jinja säger: {error.message})",
            )
        ]
    problems = []
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            problems.append(Problem(relative, node.lineno + offset, "{% … %} är inte tillåtet på sidorna; ta bort det och använd bara makron som {{ beslut(\"id\") }}"))
            continue
        for child in node.nodes:
            if not isinstance(child, nodes.TemplateData):
                if message := _call_problem(child, macros, references or {}):
                    problems.append(Problem(relative, child.lineno + offset, message))
    return problems


def _literal(node: nodes.Expr) -> tuple[bool, object]:
    if isinstance(node, nodes.Const) and isinstance(node.value, (str, int, float, bool)):
        return True, node.value
    if isinstance(node, nodes.Neg) and isinstance(node.node, nodes.Const) and isinstance(node.node.value, (int, float)):
        return True, -node.node.value
    return False, None


def _call_problem(node: nodes.Node, macros: Mapping[str, Declared], references: Mapping[tuple[str, str], Collection[object]]) -> str | None:
    names = ", ".join(sorted(macros))
    if isinstance(node, nodes.Filter) and node.node is not None:
        if node.name not in SAFE_FILTERS or node.args or node.kwargs or node.dyn_args or node.dyn_kwargs:
            return f"filtret | {node.name} är inte tillåtet; det enda som går är | " + ", | ".join(sorted(SAFE_FILTERS))
        node = node.node
    if not (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name)):
        return f"mellan {{{{ och }}}} får bara ett makro stå, som {{{{ beslut(\"id\") }}}}. Skriv ett av makrona ({names}) eller ta bort klammerparenteserna"
    name = node.node.name
    if name not in macros:
        close = difflib.get_close_matches(name, list(macros), n=1)
        hint = f" Menade du '{close[0]}'?" if close else ""
        return f"makrot '{name}' finns inte.{hint} Skriv ett av makrona som finns: {names}"
    if node.dyn_args is not None or node.dyn_kwargs is not None:
        return f"{name}: skriv argumenten ut, ett och ett"
    args, kwargs = [], {}
    for argument in node.args:
        ok, value = _literal(argument)
        if not ok:
            return f'{name}: argumenten ska vara text inom raka citattecken ("…") eller tal, inte namn eller uttryck'
        args.append(value)
    for keyword in node.kwargs:
        ok, value = _literal(keyword.value)
        if not ok:
            return f'{name}: argumentet {keyword.key} ska vara text inom raka citattecken ("…") eller ett tal'
        kwargs[keyword.key] = value
    signature, usage = macros[name].signature, macros[name].usage
    try:
        bound = signature.bind(*args, **kwargs)
    except TypeError:
        return f"{name}: fel antal eller namn på argumenten. Skriv till exempel  {usage or name + '()'}"
    for parameter, value in bound.arguments.items():
        kind = signature.parameters[parameter].annotation
        values = value if signature.parameters[parameter].kind is inspect.Parameter.VAR_POSITIONAL else (value,)
        for single in values:
            if (kind in (int, str, bool) and not isinstance(single, kind)) or (kind is int and isinstance(single, bool)):
                wanted = {int: "ett heltal utan citattecken", str: "text inom citattecken", bool: "true eller false"}[kind]
                return f"{name}: {parameter} ska vara {wanted}. Skriv till exempel  {usage or name + '()'}"
            known = references.get((name, parameter))
            if known is not None and single not in known and not placeholder_in(single):
                close = difflib.get_close_matches(str(single), [str(k) for k in known], n=1)
                hint = f" Menade du '{close[0]}'?" if close else ""
                return f"{name}: '{single}' finns inte.{hint} Kontrollera stavningen mot datafilen"
    return None


# ---- Placeholders ------------------------------------------------------------------------------

# What the templates (data/_mall_*.yml, _mall.md) leave for the editor to replace.
PLACEHOLDER = re.compile(r"FYLL I|FIXME|ÄNDRA HÄR", re.IGNORECASE)


def placeholder_in(value: object) -> str | None:
    """The first template placeholder anywhere in ``value`` (strings, lists, mappings)."""
    if isinstance(value, str):
        match = PLACEHOLDER.search(value)
        return match.group(0) if match else None
    if isinstance(value, list):
        return next(filter(None, map(placeholder_in, value)), None)
    if isinstance(value, dict):
        return next(filter(None, map(placeholder_in, value.values())), None)
    return None
