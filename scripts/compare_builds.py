"""Compare two builds of the site as a reader would: the text of every page's article, and every
other file byte for byte. Used by tests/test_prerender.py (must be identical), by the Zensical
job in CI (reports what differs, does not block), by the ProperDocs job in CI (every byte the
same, or it fails), and for a pull request's preview: which pages and files the change alters,
compared with the base commit built the same way.

    python -m scripts.compare_builds NORMAL OTHER            prints a report; exit 0 whatever it finds
    python -m scripts.compare_builds --same-pages NORMAL OTHER   the same report; exit 1 when a page
                                                             is missing, extra or reads differently
    python -m scripts.compare_builds --same-bytes NORMAL OTHER   every file identical, the generator
                                                             tag aside; exit 1 and the names otherwise
    python -m scripts.compare_builds --changes BASE HEAD     the changed pages as JSON (changed.json)
"""

import json
import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup

# Rewritten after the normal build (macros/published_html.py), or the generator's own index.
SKIPPED_FILES = {"assets/javascripts/bundle.a5f9d56c.min.js", "assets/javascripts/workers/search.a7633da7.min.js", "sitemap.xml.gz"}
SKIPPED_FOLDERS = ("search/",)
# Files that change with any page (the search index, the sitemap's list of dates) or not at all
# for a reader: left out of a pull request's list of changed files.
UNLISTED_FILES = {"sitemap.xml", "sitemap.xml.gz", "CNAME"}
# The one thing a drop-in fork of MkDocs writes differently: Material's <meta name="generator">
# names the generator ("mkdocs-1.6.1, …" against "mkdocs-ProperDocs 1.6.7, …").
GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')


def article_text(path: Path) -> str:
    """What a reader reads in the page's article, whitespace normalised. "Senast ändrad"
    (p.ma-changed) is left out: it comes from a MkDocs hook that other builds do not run."""
    article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article")
    if article is None:
        return ""
    for changed in article.select("p.ma-changed"):
        changed.decompose()
    return " ".join(article.get_text(" ").split())


def compare(normal: Path, other: Path) -> dict:
    """{"missing_pages", "extra_pages", "different_pages", "missing_files", "different_files"}."""
    pages = {p.relative_to(normal).as_posix() for p in normal.rglob("*.html")}
    other_pages = {p.relative_to(other).as_posix() for p in other.rglob("*.html")}
    report = {
        "missing_pages": sorted(pages - other_pages),
        "extra_pages": sorted(other_pages - pages),
        "different_pages": sorted(p for p in pages & other_pages if article_text(normal / p) != article_text(other / p)),
        "missing_files": [],
        "different_files": [],
    }
    for path in sorted(p for p in normal.rglob("*") if p.is_file() and p.suffix != ".html"):
        name = path.relative_to(normal).as_posix()
        if name in SKIPPED_FILES or name.startswith(SKIPPED_FOLDERS):
            continue
        twin = other / name
        if not twin.is_file():
            report["missing_files"].append(name)
        elif twin.read_bytes() != path.read_bytes():
            report["different_files"].append(name)
    return report


def byte_differences(normal: Path, other: Path) -> list[str]:
    """Every file that is not byte-for-byte the same in both builds (missing, extra or different),
    with the generator tag (GENERATOR_TAG) left out of each HTML page; [] when the builds are the same."""
    names = {p.relative_to(normal).as_posix() for p in normal.rglob("*") if p.is_file()}
    other_names = {p.relative_to(other).as_posix() for p in other.rglob("*") if p.is_file()}
    found = [f"bara i {normal}: {name}" for name in sorted(names - other_names)]
    found += [f"bara i {other}: {name}" for name in sorted(other_names - names)]
    for name in sorted(names & other_names):
        first, second = (normal / name).read_bytes(), (other / name).read_bytes()
        if name.endswith(".html"):
            first, second = GENERATOR_TAG.sub(b"", first), GENERATOR_TAG.sub(b"", second)
        if first != second:
            found.append(f"olika: {name}")
    return found


def _article(path: Path):
    """The page's article without "Senast ändrad" (git dates: a data file edited for another page
    moves it, and nothing a reader reads changes), or None for a page without one."""
    article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article")
    if article is not None:
        for changed in article.select("p.ma-changed"):
            changed.decompose()
    return article


def page_title(article, path: Path) -> str:
    """The title a reader sees: the article's first heading, else the document's <title>."""
    heading = article.find("h1") if article is not None else None
    if heading is not None:
        return " ".join(heading.get_text(" ").split())
    title = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").title
    return " ".join(title.get_text(" ").split()) if title else ""


def page_address(name: str) -> str:
    """kalender/index.html -> kalender/; index.html -> "" (the site's own addresses)."""
    return name[: -len("index.html")] if name == "index.html" or name.endswith("/index.html") else name


def changes(base: Path, head: Path) -> dict:
    """What a pull request changes, from its build ``head`` and the base commit's build ``base``,
    both built with the same address and SOURCE_DATE_EPOCH so that only content differs:
    {"pages": [{"path", "title", "status"}], "files": [{"path", "status"}]}, status "changed",
    "new" or "removed". A page counts as changed when its article (markup included, so a changed
    link counts) or its title differs: a list or calendar the change reaches is listed too,
    while the navigation and footer, which change on every page, are not compared."""
    found = {"pages": [], "files": []}
    names = {p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()}
    names |= {p.relative_to(head).as_posix() for p in head.rglob("*") if p.is_file()}
    for name in sorted(names):
        if name in SKIPPED_FILES or name in UNLISTED_FILES or name.startswith(SKIPPED_FOLDERS):
            continue
        before, after = base / name, head / name
        status = "new" if not before.is_file() else "removed" if not after.is_file() else "changed"
        if name.endswith(".html"):
            old, new = (_article(before) if before.is_file() else None), (_article(after) if after.is_file() else None)
            if status == "changed" and str(old) == str(new) and page_title(old, before) == page_title(new, after):
                continue
            title = page_title(new, after) if after.is_file() else page_title(old, before)
            found["pages"].append({"path": page_address(name), "title": title, "status": status})
        elif status != "changed" or before.read_bytes() != after.read_bytes():
            found["files"].append({"path": name, "status": status})
    return found


def main(argv: list[str]) -> int:
    if argv[0] == "--changes":
        print(json.dumps(changes(Path(argv[1]), Path(argv[2])), ensure_ascii=False, indent=1))
        return 0
    if argv[0] == "--same-bytes":
        found = byte_differences(Path(argv[1]), Path(argv[2]))
        print("\n".join(found) or f"Samma bytes i alla {sum(1 for p in Path(argv[1]).rglob('*') if p.is_file())} filer (generatortaggen undantagen).")
        return 1 if found else 0
    same_pages = argv[0] == "--same-pages"
    normal, other = Path(argv[same_pages]), Path(argv[same_pages + 1])
    report = compare(normal, other)
    for key, names in report.items():
        print(f"{key}: {len(names)}")
        for name in names[:50]:
            print(f"  {name}")
    return 1 if same_pages and any(report[key] for key in ("missing_pages", "extra_pages", "different_pages")) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
