"""Building the site from tests and benchmarks: the real site, or a copy of it with pages added."""

import contextlib
import functools
import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from macros import check
from macros.yamlfiles import is_template
from scripts import site_check

ROOT = Path(__file__).resolve().parent.parent

# What a build of the site reads; a copy of these is a complete site.
SITE_SOURCES = ("mkdocs.yml", "docs", "data", "macros", "overrides")

# A fixed build instant (2026-11-22 18:00 in Malmö) so that tests know what "today" is and
# two builds can be compared byte for byte.
FIXED_EPOCH = 1795366800


@dataclass
class BuildResult:
    returncode: int
    output: str
    site_dir: Path


def build(project_dir: Path, site_dir: Path, epoch: int = FIXED_EPOCH, extra_env: dict | None = None) -> BuildResult:
    """Run a strict ``mkdocs build`` of ``project_dir`` into ``site_dir`` in a fresh process."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    for name in ("SITE_URL", "FORHANDSVISNING"):
        if not extra_env or name not in extra_env:
            env.pop(name, None)  # a build is a production build unless the test says otherwise
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(site_dir)],
        cwd=project_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return BuildResult(completed.returncode, completed.stdout + completed.stderr, site_dir)


def check_and_build(project_dir: Path, site_dir: Path, epoch: int = FIXED_EPOCH) -> BuildResult:
    """``./dev check`` of ``project_dir`` run in this process, keeping what its strict build writes
    in ``site_dir``: for a test that needs the check to pass and the site built, one build instead
    of the check's and ``build``'s (scripts/site_check.py runs ``./dev build``'s strict build;
    tests/test_check_is_build.py holds the two to the same findings). A production build, as
    ``build`` makes; ``output`` is what the check printed."""
    saved = dict(os.environ)
    os.environ.update(SOURCE_DATE_EPOCH=str(epoch), NO_MKDOCS_2_WARNING="1")
    for name in ("SITE_URL", "FORHANDSVISNING", "GITHUB_ACTIONS"):
        os.environ.pop(name, None)
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            code = check.main(project_dir, functools.partial(site_check.build_problems, site_dir=site_dir))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return BuildResult(code, printed.getvalue(), site_dir)


def copy_site(target: Path) -> Path:
    """Copy the real site's sources into ``target`` and return it."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SITE_SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


# The fixture site's content: a frozen copy of docs/ and data/ (without the editors' templates,
# the theme's assets or CNAME, which are code) and its menu. The behaviour tests read it instead of
# the real content, so a coordinator's correct change to docs/ or data/ never turns a test red.
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "site"
CONTENT = ("docs", "data")


def fixture_site(target: Path) -> Path:
    """The site's code with the fixture content of tests/fixtures/site in place of the real content.

    The real pages and data files go, the editors' templates (yamlfiles.is_template) stay, and the
    menu (not_in_nav and nav) comes from tests/fixtures/site/menu.yml.
    """
    project = copy_site(target)
    for folder in CONTENT:
        for path in (project / folder).rglob("*"):
            if path.is_file() and not is_template(path) and (folder != "docs" or path.suffix == ".md"):
                path.unlink()
        for path in sorted((project / folder).rglob("*"), reverse=True):  # deepest first
            if path.is_dir() and not any(path.iterdir()):
                path.rmdir()  # a folder only the real content had (a new year of events)
        shutil.copytree(FIXTURE_CONTENT / folder, project / folder, dirs_exist_ok=True)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"^not_in_nav: \|\n(?:  .*\n)+", "", text, count=1, flags=re.M)
    if not (text.endswith("\n") and "\nnav:\n" in text):
        raise ValueError("mkdocs.yml must end with its nav: block")
    text = text[: text.index("\nnav:\n") + 1] + (FIXTURE_CONTENT / "menu.yml").read_text(encoding="utf-8")
    config.write_text(text, encoding="utf-8")
    return project


CALENDAR_FIXTURES = ROOT / "tests" / "fixtures" / "calendar"

# "Today" for the calendar fixture site: 2026-03-20 12:00 in Malmö (CET).
CALENDAR_EPOCH = 1774004400


def calendar_site(target: Path) -> Path:
    """The fixture site with the made-up events of tests/fixtures/calendar added."""
    project = fixture_site(target)
    shutil.copytree(CALENDAR_FIXTURES / "evenemang", project / "docs" / "kalender" / "evenemang", dirs_exist_ok=True)
    places = project / "data" / "places.yml"
    places.write_text(places.read_text(encoding="utf-8") + (CALENDAR_FIXTURES / "places.yml").read_text(encoding="utf-8"), encoding="utf-8")
    return project


def add_page_to_nav(project_dir: Path, page: str, title: str = "Testsida") -> None:
    """List ``page`` first in the nav of the copied mkdocs.yml, as an editor would add a page."""
    config = project_dir / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if "\nnav:\n" not in text:
        raise ValueError("mkdocs.yml has no top-level nav: block")
    config.write_text(text.replace("\nnav:\n", f"\nnav:\n  - {title}: {page}\n", 1), encoding="utf-8")
