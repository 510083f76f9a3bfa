"""The one list of what the site is made of: every file under docs/ and data/, each matched
against one table of rules (RULES), before anything is read or built.

The folders are listed by the project itself with ``os.scandir``, following nothing: a symbolic
link anywhere in them, or anywhere among the repository's tracked files, is an error (a link
would let a content change publish a file from outside the repository, and MkDocs follows
links where Python's ``Path.rglob`` does not). A file no rule names is refused with a Swedish
``fil:rad`` message, so an editor cannot add HTML, script, SVG, XML, CSS or unknown files.
MkDocs is given exactly these files (generated_pages.on_files), so it cannot build a file the
checks did not see.
"""

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem
from .yamlfiles import TEXT_LIMIT, too_large

# Pictures an editor may add, and only here: raster formats, which cannot carry script.
IMAGES_DIR = "docs/assets/bilder"
IMAGE_LIMIT = 5_000_000  # a photo straight from a phone is 3–5 MB; a picture for the web is far less
# How each kind of picture begins (a WebP file also has "WEBP" at byte 8): a ".png" that is really
# an SVG or an HTML file is refused, whatever a browser would make of it.
IMAGE_SIGNATURES = {".png": b"\x89PNG\r\n\x1a\n", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff", ".webp": b"RIFF"}

# The project's own files in docs/, by exact path: changed by developers, never added by editors.
PROJECT_FILES = {
    "docs/CNAME",
    "docs/assets/logo.svg",
    "docs/assets/favicon.svg",
    "docs/assets/stylesheets/malmoandan.css",
    "docs/assets/javascripts/kalender.js",
    "docs/assets/javascripts/kalender-tidigt.js",
    "docs/assets/javascripts/meny.js",
    "docs/assets/javascripts/svensk-sokning.js",
    "docs/assets/javascripts/vendor/resize-observer-polyfill-1.5.1.js",
}


@dataclass(frozen=True)
class Rule:
    kind: str  # what the file is to the site
    path: re.Pattern[str]  # the project-relative path, matched whole
    limit: int  # bytes
    published: bool  # whether MkDocs may build or copy it


RULES = [
    Rule("projektfil", re.compile("|".join(re.escape(name) for name in sorted(PROJECT_FILES))), TEXT_LIMIT, True),
    Rule("mall", re.compile(r"docs/(?:[^/]+/)*_mall\.md|data/(?:reports/)?_mall[a-z_]*\.yml"), TEXT_LIMIT, False),
    Rule("tom fil som håller kvar en mapp", re.compile(r"(?:docs|data)/(?:[^/]+/)*\.gitkeep"), TEXT_LIMIT, False),
    # The file's name and folder are checked by events.py, which explains a wrong one.
    Rule("evenemang", re.compile(r"docs/kalender/evenemang/(?:[^/]+/)*[^/]+\.md"), TEXT_LIMIT, True),
    Rule("sida", re.compile(r"docs/(?:[^/]+/)*[^/.][^/]*\.md"), TEXT_LIMIT, True),
    Rule("bild", re.compile(re.escape(IMAGES_DIR) + r"/[a-z0-9][a-z0-9_-]*\.(?:png|jpe?g|webp)"), IMAGE_LIMIT, True),
    Rule("datafil", re.compile(r"data/(?:reports/)?[^/.][^/]*\.yml"), TEXT_LIMIT, False),
    Rule("källtext", re.compile(r"data/sources/[a-z0-9][a-z0-9-]*\.txt"), TEXT_LIMIT, False),
    # Every change from the original document, beside its stored text (tests/test_source_texts.py).
    Rule("källtextens ändringar", re.compile(r"data/sources/[a-z0-9][a-z0-9-]*\.andringar\.yml"), TEXT_LIMIT, False),
    Rule("instruktion", re.compile(r"data/README\.md"), TEXT_LIMIT, False),
]

# Folders whose own check names a wrong file more precisely than a rule can (a misspelt data
# file, an event saved without .md): the file is still left out of the build, but the message
# comes from there (events.stray_files, content._stray_data_files).
EXPLAINED_ELSEWHERE = (re.compile(r"docs/kalender/evenemang/.*"), re.compile(r"data/(?:reports/)?[^/.][^/]*"))

SCRIPT_TYPES = {".html", ".htm", ".xhtml", ".shtml", ".js", ".mjs", ".xml", ".xsl", ".xslt", ".css", ".json", ".webmanifest", ".wasm", ".swf", ".pdf"}


@dataclass
class Inventory:
    files: dict[str, Rule] = field(default_factory=dict)  # project-relative path -> its Rule
    problems: list[Problem] = field(default_factory=list)

    def published(self) -> set[str]:
        """The files MkDocs may build or copy, relative to docs/ (MkDocs' src_uri)."""
        return {path.removeprefix("docs/") for path, rule in self.files.items() if rule.published}

    def of_kind(self, kind: str) -> list[str]:
        return sorted(path for path, rule in self.files.items() if rule.kind == kind)


def take(root: Path) -> Inventory:
    """Every file under ``root``/docs and ``root``/data, matched against RULES; every link,
    unknown file, wrong picture and oversized file as a Problem."""
    inventory = Inventory()
    for top in ("docs", "data"):
        _walk(root, top, inventory)
    inventory.problems += tracked_problems(root)
    return inventory


def linked(relative: str) -> Problem:
    """The refusal of a symbolic link (here and in yamlfiles.read_text)."""
    return Problem(
        relative,
        1,
        "det här är en symbolisk länk (genväg) till en annan fil eller mapp; webbplatsen följer inga länkar, "
        "så att ingen fil utanför mappen kan publiceras. Lägg in filen själv i stället för länken",
    )


def _walk(root: Path, relative: str, inventory: Inventory) -> None:
    path = root / relative
    if os.path.islink(path):
        inventory.problems.append(linked(relative))
        return
    if not path.is_dir():
        return
    with os.scandir(path) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            inside = f"{relative}/{entry.name}"
            if entry.is_symlink():
                inventory.problems.append(linked(inside))
            elif entry.is_dir(follow_symlinks=False):
                _walk(root, inside, inventory)
            elif not entry.is_file(follow_symlinks=False):
                inventory.problems.append(Problem(inside, 1, "det här är ingen vanlig fil (en enhet, en kö eller ett uttag); ta bort den"))
            else:
                _judge(root, inside, entry.stat(follow_symlinks=False).st_size, inventory)


def _judge(root: Path, relative: str, size: int, inventory: Inventory) -> None:
    rule = next((rule for rule in RULES if rule.path.fullmatch(relative)), None)
    if rule is None:
        if not any(folder.fullmatch(relative) for folder in EXPLAINED_ELSEWHERE):
            inventory.problems.append(Problem(relative, 1, refusal(relative)))
        return
    if size > rule.limit:
        inventory.problems.append(too_large(relative, size, rule.limit))
        return
    if rule.kind == "bild" and (wrong := _not_the_picture_it_says(root / relative)):
        inventory.problems.append(Problem(relative, 1, wrong))
        return
    inventory.files[relative] = rule


def refusal(relative: str) -> str:
    """Why a file no rule names may not be in the site, and what to do instead, in Swedish."""
    suffix = Path(relative).suffix.lower()
    if relative.startswith("data/"):
        return "filen används inte av webbplatsen: i data/ finns datafilerna (.yml), årsrapporterna i data/reports/ och källornas texter i data/sources/ (.txt, med små bokstäver, siffror och bindestreck i namnet). Flytta eller ta bort filen"  # noqa: E501 - one message, one line (found by grep)
    if suffix == ".svg":
        return (
            "SVG-bilder kan innehålla skript och publiceras inte. Exportera bilden som PNG (i Inkscape: Arkiv → Exportera; "
            f"i Illustrator: Arkiv → Exportera → Exportera som → PNG) och lägg PNG-filen i {IMAGES_DIR}/"
        )
    if suffix in SCRIPT_TYPES:
        return f"filer av typen {suffix} publiceras inte från docs/, eftersom de kan köra skript på webbplatsen. Skriv innehållet som en sida i Markdown (.md) och ta bort filen"
    if suffix in (".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp", ".tif", ".tiff", ".heic", ".avif"):
        return f"bilder ska vara PNG, JPEG eller WebP, heta med små bokstäver, siffror och bindestreck (till exempel karta-2026.png) och ligga i {IMAGES_DIR}/; flytta eller exportera bilden dit"
    return f"filen hör inte hemma här: webbplatsen består av sidor (.md) och bilder (.png, .jpg, .webp i {IMAGES_DIR}/). Ta bort filen eller gör om den till en sida"


def _not_the_picture_it_says(path: Path) -> str | None:
    with path.open("rb") as file:
        head = file.read(12)
    suffix = path.suffix.lower()
    if not head.startswith(IMAGE_SIGNATURES[suffix]) or (suffix == ".webp" and head[8:12] != b"WEBP"):
        return f"filen heter {suffix} men är ingen sådan bild; exportera bilden på nytt som {suffix.lstrip('.').upper()} från bildprogrammet"
    return None


def tracked_problems(root: Path) -> list[Problem]:
    """Symbolic links anywhere among the repository's tracked files, and tracked files under
    .cache/ (caches are never content: a planted file there must not be loaded). A copy of the
    site without .git (made by a test) has nothing to ask; in a checkout, git must answer."""
    if not (root / ".git").exists():
        return []
    try:
        listed = subprocess.run(["git", "ls-files", "-s", "-z"], cwd=root, capture_output=True, check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError) as error:
        return [Problem(".git", 1, f"git kunde inte lista filerna ({error}), så länkar och .cache/ gick inte att kontrollera; kör kontrollen i en hel git-klon")]
    problems = []
    for entry in filter(None, listed.split(b"\0")):
        status, name = entry.split(b"\t", 1)  # "<mode> <object> <stage>\t<path>"
        relative = name.decode("utf-8", "replace")
        if status.startswith(b"120000 "):
            problems.append(linked(relative))
        elif relative.startswith(".cache/"):
            problems.append(Problem(relative, 1, ".cache/ är byggets egen mellanlagring och får inte finnas i git; ta bort filen med  git rm --cached"))
    return problems
