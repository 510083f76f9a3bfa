"""Links, images and the menu, checked on the pages' own Markdown: a missing page, anchor or
image, and a page left out of the menu, reported as ``fil:rad`` in Swedish before MkDocs runs.

MkDocs finds the same mistakes during the build, but in English, without a line, and only once
every data file is right. This check runs with the others, so an editor sees all of them at
once. One thing it leaves to MkDocs: anchors in pages whose headings come from macros (their
headings exist only after rendering); docs/-level links to those pages are still checked.
"""

import difflib
import posixpath
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pathspec  # MkDocs' own dependency for not_in_nav and exclude_docs
import yaml
from markdown.extensions.toc import slugify

from .editor_text import SCHEME, without_code
from .problems import PROCESSING, Problem, names_its_files
from .yamlfiles import anchors_and_aliases, read_text, split_front_matter

LINK = re.compile(r"(!?)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
ATTRIBUTE_ID = re.compile(r"\{:?[^}]*#([A-Za-z][\w-]*)[^}]*\}\s*$")
HTML_ID = re.compile(r"\sid=\"([^\"]+)\"")


def _anchors(text: str) -> set[str]:
    """The anchors MkDocs gives a page: one per heading (toc's slugify, -1, -2 … for repeats),
    or the heading's own { #id }, plus id="…" in raw HTML."""
    anchors: set[str] = set()
    seen: dict[str, int] = {}
    for line in without_code(text).split("\n"):
        match = HEADING.match(line)
        if match:
            explicit = ATTRIBUTE_ID.search(match.group(2))
            if explicit:
                anchors.add(explicit.group(1))
                continue
            title = re.sub(r"\{[^}]*\}\s*$", "", match.group(2))
            title = re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", r"\1", title)
            slug = slugify(title, "-")
            if slug in seen:
                seen[slug] += 1
                slug = f"{slug}_{seen[slug]}"
            else:
                seen[slug] = 0
            anchors.add(slug)
        anchors.update(HTML_ID.findall(line))
    return anchors


def _nav_pages(nav: object) -> list[str]:
    pages: list[str] = []
    if isinstance(nav, list):
        for item in nav:
            pages += _nav_pages(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            pages += _nav_pages(value)
    elif isinstance(nav, str) and not SCHEME.match(nav):
        pages.append(nav)
    return pages


class _Tolerant(yaml.SafeLoader):
    """mkdocs.yml with its !ENV and !!python tags read as plain values: only nav is wanted."""


_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(root: Path) -> dict[str, Any]:
    """mkdocs.yml as data (its tags read as nothing); empty when there is none."""
    path = root / "mkdocs.yml"
    return (yaml.load(path.read_text(encoding="utf-8"), Loader=_Tolerant) or {}) if path.is_file() else {}  # noqa: S506 - a SafeLoader


def patterns(text: str) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines((text or "").splitlines())


@names_its_files
def check(root: Path) -> list[Problem]:
    """Every broken link, anchor or image in docs/, and every page missing from the menu."""
    docs = root / "docs"
    if not docs.is_dir():
        return []
    config_path = root / "mkdocs.yml"
    if config_path.is_file() and (shared := anchors_and_aliases(config_path.read_text(encoding="utf-8"), 0, "mkdocs.yml")):
        return shared  # editors change its nav: an alias bomb there would stall the parse below
    config = read_config(root)
    excluded = patterns(config.get("exclude_docs", ""))
    files = {path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file()}
    pages = {name for name in files if name.endswith(".md") and not excluded.match_file(name)}
    texts, rendered = {}, set()
    for name in sorted(pages):
        text = read_text(docs / name, f"docs/{name}")
        if isinstance(text, Problem):
            continue
        parts = split_front_matter(text)
        body, offset = (parts[1], parts[0].count("\n") + 3) if parts else (text, 0)
        texts[name] = (body, offset)
        if parts and re.search(r"^render_macros:\s*true\s*$", parts[0], re.M):
            rendered.add(name)
    anchors = {name: _anchors(body) for name, (body, _) in texts.items()}
    problems = []
    for name, (body, offset) in sorted(texts.items()):
        PROCESSING.set(f"docs/{name}")
        here = posixpath.dirname(name)
        for number, line in enumerate(without_code(body).split("\n"), start=offset + 1):
            if "{{" in line and name in rendered:
                continue  # a link a macro writes is checked where the macro makes it
            for match in LINK.finditer(line):
                image, target = match.group(1) == "!", match.group(2)
                if SCHEME.match(target) or target.startswith("//"):
                    continue
                path, _, anchor = target.partition("#")
                path = path.split("?")[0]
                resolved = posixpath.normpath(posixpath.join(here, path)) if path else name
                if path.startswith("/"):
                    resolved = path.lstrip("/")
                what = "bilden" if image else "sidan"
                if path and resolved not in files:
                    close = _closest_file(resolved, files if image else pages)
                    hint = f" Menade du {posixpath.relpath(close, here or '.')}?" if close else ""
                    if here:  # the usual mistake in a file deep down (an event): writing the link as if from docs/
                        hint += f" Länken räknas från mappen där filen ligger, docs/{here}/, och varje ../ går upp en mapp."
                    problems.append(Problem(f"docs/{name}", number, f"länken går till {what} {path}, som inte finns.{hint} Kontrollera stavningen och var filen ligger i docs/"))
                elif anchor and resolved in anchors and resolved not in rendered and anchor not in anchors[resolved]:
                    close = _closest(anchor, anchors[resolved])
                    hint = f" Menade du #{close}?" if close else ""
                    problems.append(
                        Problem(f"docs/{name}", number, f"länken går till #{anchor}, men det finns ingen sådan rubrik på {path or 'sidan'}.{hint} Ankaret är rubrikens text med små bokstäver och bindestreck, utan å, ä och ö (”Det som blev svårt” blir #det-som-blev-svart)")  # noqa: E501 - one message, one line (found by grep)
                    )
    in_nav = {posixpath.normpath(page) for page in _nav_pages(config.get("nav"))}
    not_in_nav = patterns(config.get("not_in_nav", ""))
    if config.get("nav") is not None:
        for name in sorted(pages):
            if name not in in_nav and not not_in_nav.match_file(name):
                problems.append(
                    Problem(f"docs/{name}", 1, f"sidan finns inte i menyn. Lägg till den under nav: i mkdocs.yml, till exempel  - Rubrik: {name}  (eller ta bort filen om den inte ska finnas)")
                )
        for page in sorted(in_nav - pages):
            problems.append(Problem("mkdocs.yml", _line_of(config_path, page), f"menyn (nav) pekar på {page}, som inte finns i docs/; rätta filnamnet eller ta bort raden"))
    return problems


def _closest_file(wanted: str, candidates: Iterable[str]) -> str | None:
    """The file meant by a link to ``wanted`` that does not exist: the closest file name, and of
    files with equally close names the one whose path is closest. The name comes first because a
    link written from the wrong folder has the right name but the wrong path: from an event
    file, overenskommelsen.md is ../../../overenskommelsen.md, not another event's page."""
    name = posixpath.basename(wanted)

    def likeness(candidate: str) -> tuple[float, float]:
        return (
            difflib.SequenceMatcher(None, name, posixpath.basename(candidate)).ratio(),
            difflib.SequenceMatcher(None, wanted, candidate).ratio(),
        )

    best = max(sorted(candidates), key=likeness, default=None)
    return best if best is not None and likeness(best)[0] >= 0.6 else None


def _closest(wanted: str, candidates: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(wanted, sorted(candidates), n=1, cutoff=0.6)
    return close[0] if close else None


def _line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if text in line:
            return number
    return 0


# ---- MkDocs' own findings, in Swedish --------------------------------------------------------------

# MkDocs 1.6's messages (mkdocs/structure/pages.py). The check above finds the same mistakes in
# hand-written links first, with a suggestion; MkDocs alone sees anchors among the headings a
# macro makes and links inside macro-rendered pages. tests/test_check_is_build.py holds each one.
MKDOCS_FINDINGS = [
    (
        re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the doc '(?P<target>[^']+)' does not contain an anchor '#(?P<anchor>[^']+)'"),
        "länken går till #{anchor}, men det finns ingen sådan rubrik på {target}. Kontrollera rubrikens stavning på den sidan",
    ),
    (
        re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>#(?P<anchor>[^']+))', but there is no such anchor on this page"),
        "länken går till #{anchor}, men det finns ingen sådan rubrik på sidan. Kontrollera rubrikens stavning",
    ),
    (
        re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the target(?: '(?P<target>[^']+)')? is not found"),
        "länken går till {link}, som inte finns. Kontrollera stavningen och var filen ligger i docs/",
    ),
]


def swedish_finding(message: str, docs: Path) -> Problem | None:
    """MkDocs' English warning about a link, as ``docs/sida.md:rad: meddelande``; None for others.
    The line is the first one of the page that holds the link."""
    for pattern, template in MKDOCS_FINDINGS:
        match = pattern.search(message)
        if match:
            fields = match.groupdict()
            line = 0
            page = docs / fields["page"]
            if page.is_file():
                for number, text in enumerate(page.read_text(encoding="utf-8-sig").split("\n"), start=1):
                    if fields["link"] in text:
                        line = number
                        break
            return Problem(f"docs/{fields['page']}", line, template.format(**fields))
    return None
