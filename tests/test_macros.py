"""Rules of the macros package on their own, without building a site."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from macros import clock, formatting, macro_table

# Rules on small inputs, no site build (those that build are marked bygger).
pytestmark = pytest.mark.snabb

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_build_time_comes_from_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795366800")
    assert clock.build_time() == datetime(2026, 11, 22, 18, 0, tzinfo=STOCKHOLM)
    assert clock.build_time().date() == date(2026, 11, 22)


def test_today_is_the_date_in_malmo_not_in_utc(monkeypatch):
    # 2026-06-30 22:30 UTC is already 1 July in Malmö (CEST, UTC+2).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2026, 6, 30, 22, 30, tzinfo=ZoneInfo("UTC")).timestamp())))
    assert clock.build_time().date() == date(2026, 7, 1)


def test_bad_source_date_epoch_is_explained_in_swedish(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "igår")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH måste vara ett heltal"):
        clock.build_time()


def test_without_source_date_epoch_the_clock_is_now(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert abs((clock.build_time() - datetime.now(tz=STOCKHOLM)).total_seconds()) < 60


@pytest.mark.parametrize(
    "value, expected",
    [(date(2017, 6, 14), "14 juni 2017"), (date(2024, 3, 6), "6 mars 2024"), (date(2023, 12, 1), "1 december 2023")],
)
def test_dates_are_written_as_swedish_prose(value, expected):
    assert formatting.date(value) == expected


def test_date_time_uses_a_full_stop_between_hours_and_minutes():
    assert formatting.date_time(datetime(2026, 3, 29, 9, 5, tzinfo=STOCKHOLM)) == "29 mars 2026 kl. 09.05"


@pytest.mark.parametrize(
    "value, neuter, expected",
    [(1, False, "en"), (1, True, "ett"), (2, False, "två"), (4, False, "fyra"), (6, False, "sex"), (12, False, "tolv"), (13, False, "13"), (0, False, "0"), (1226, False, "1\u00a0226"), (4.3, False, "4,3")],
)
def test_one_to_twelve_are_words_in_running_text(value, neuter, expected):
    assert formatting.number_in_text(value, neuter=neuter) == expected


@pytest.mark.parametrize(
    "url, other",
    [
        ("beslut/", "historik/"), ("", "a/b/c/"), (".", "a/"), ("kalender/", "kalender/"), ("x/y/", "x/z/w/"),
        ("a.html", "b/c.html"), ("", ""), ("../x/", "a/"), ("a/", "404.html"), ("oppna-data/siffror.csv", "siffror/"),
    ],
)
def test_relative_urls_match_mkdocs(url, other):
    """macros/links.py keeps macros/ free of MkDocs; it must resolve exactly as MkDocs does."""
    from mkdocs.utils import get_relative_url

    from macros.links import relative_url

    assert relative_url(url, other) == get_relative_url(url, other)


def test_only_the_wiring_imports_mkdocs():
    """MkDocs and its plugins are reached only through the wiring (issue 15): macros/__init__.py
    and the hooks mkdocs.yml names. The rest of the package can run under another generator."""
    import ast
    from pathlib import Path

    from macros.page_links import read_config

    root = Path(__file__).parent.parent
    wiring = {"__init__.py"} | {Path(hook).name for hook in read_config(root)["hooks"]}
    assert wiring == {"__init__.py", "git_dates.py", "generated_pages.py", "clean_pages.py", "search_index.py"}
    for path in sorted((root / "macros").glob("*.py")):
        if path.name in wiring:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.split(".")[0] in ("mkdocs", "mkdocs_macros", "material") for n in names), f"{path.name} imports {names}"


def test_no_test_module_imports_another_and_benchmarks_import_no_tests():
    """Shared helpers live in tests/support.py and scripts/ (issue 14)."""
    import ast
    from pathlib import Path

    root = Path(__file__).parent.parent
    for path in [*sorted((root / "tests").glob("*.py")), *sorted((root / "benchmarks").glob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                module = node.module
                if path.parent.name == "benchmarks":
                    assert not module.startswith("tests"), f"{path.name} imports {module}"
                else:
                    assert not module.startswith(("tests.test_", "tests.conftest")), f"{path.name} imports {module}"


def test_output_paths_and_linked_pages_are_named_only_in_links_py():
    """One site-and-links service (macros/links.py): no other module writes these addresses."""
    import ast
    from pathlib import Path

    names = ("kalender.ics", "kalender.xml", "oppna-data", "beslut.md", "kalender/index.md", "kalender/tidigare.md", "kalender/typ/", "malmoandan.se/", "siffror.md", "historik.md", "overenskommelsen.md", "arsrapporter/")
    for path in sorted((Path(__file__).parent.parent / "macros").glob("*.py")):
        if path.name == "links.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree) if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body and isinstance(node.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                assert not any(name in node.value for name in names), f"{path.name}:{node.lineno}: {node.value!r}"


def test_the_hooks_import_as_part_of_the_package_too():
    """MkDocs loads macros/git_dates.py and macros/generated_pages.py as hooks, outside the
    package; tests and tools import them as macros.*. Both must work."""
    import importlib

    for name in ("macros.git_dates", "macros.generated_pages"):
        assert importlib.import_module(name)


def test_a_macro_that_differs_from_its_declaration_is_named():
    """pages.py and macro_table.py cannot drift: the build refuses to start (assembly.assemble)."""

    def beslut(id: str, extra: int = 1) -> str:
        """Användning i Markdown: ``({{ beslut("ks-2024-03-06-upphavande") }})``"""

    def beslutsdatum(id: str) -> str:
        """Användning i Markdown: ``{{ beslutsdatum("x") }}``"""

    def okand() -> str:
        """Användning i Markdown: ``{{ okand() }}``"""

    found = macro_table.differences({"beslut": beslut, "beslutsdatum": beslutsdatum, "okand": okand})
    assert "makrot okand finns i pages.py men inte i macros/macro_table.py" in found
    assert "makrot lagesbild finns i macros/macro_table.py men inte i pages.py" in found
    assert any(line.startswith("makrot beslut: pages.py har (id: str, extra: int = 1)") for line in found), found
    assert any(line.startswith("makrot beslutsdatum: användningsraden") for line in found), found
    assert not any(line.startswith("makrot beslut: användningsraden") for line in found), found
