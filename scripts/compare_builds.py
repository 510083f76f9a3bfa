"""Compare two builds of the site as a reader would: the text of every page's article, and every
other file byte for byte. Used by tests/test_prerender.py (must be identical) and by the Zensical
job in CI (reports what differs, does not block).

    python -m scripts.compare_builds NORMAL OTHER     prints a report; exit 0 whatever it finds
"""

import sys
from pathlib import Path

from bs4 import BeautifulSoup

# Rewritten after the normal build (macros/published_html.py), or the generator's own index.
SKIPPED_FILES = {"assets/javascripts/bundle.a5f9d56c.min.js", "assets/javascripts/workers/search.a7633da7.min.js", "sitemap.xml.gz"}
SKIPPED_FOLDERS = ("search/",)


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


def main(argv: list[str]) -> int:
    normal, other = Path(argv[0]), Path(argv[1])
    report = compare(normal, other)
    for key, names in report.items():
        print(f"{key}: {len(names)}")
        for name in names[:50]:
            print(f"  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
