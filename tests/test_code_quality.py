"""The code's structure, held by tests: macros/ has no import cycle, and no module imports inside
a function (the way a cycle used to be hidden), except the few imports kept local for their cost."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.snabb

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("macros", "scripts", "benchmarks")

# Imports that stay inside a function, and why. Nothing here may import a module of this project:
# a local import of our own code only ever hid a cycle.
LOCAL_FOR_COST = {
    # icalendar and feedgen write the calendar files after the pages; the content check
    # (./dev check) and every page render never need them.
    ("macros/calendar_files.py", "icalendar"),
    ("macros/calendar_files.py", "icalendar.prop"),
    ("macros/calendar_files.py", "feedgen.feed"),
}


def _modules(package: str) -> dict[str, ast.Module]:
    return {path.relative_to(ROOT).as_posix(): ast.parse(path.read_text(encoding="utf-8")) for path in sorted((ROOT / package).rglob("*.py"))}


def function_level_imports(trees: dict[str, ast.Module]) -> list[tuple[str, int, str]]:
    """(file, line, module) for every import statement inside a function body."""
    found = []
    for path, tree in trees.items():
        for function in ast.walk(tree):
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(function):
                    if isinstance(node, ast.Import):
                        found += [(path, node.lineno, alias.name) for alias in node.names]
                    elif isinstance(node, ast.ImportFrom):
                        found.append((path, node.lineno, "." * node.level + (node.module or "")))
    return found


def import_graph(trees: dict[str, ast.Module]) -> dict[str, set[str]]:
    """macros/ module name -> the macros/ modules it imports (anywhere in the file)."""
    names = {Path(path).stem for path in trees}
    graph: dict[str, set[str]] = {name: set() for name in names}
    for path, tree in trees.items():
        here = Path(path).stem
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                targets = [node.module] if node.module else [alias.name for alias in node.names]
                graph[here] |= {t.split(".")[0] for t in targets} & names
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("macros"):
                graph[here] |= {(node.module or "").removeprefix("macros.").split(".")[0] or a.name for a in node.names} & names
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), or a module importing itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph[node]:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_macros_has_no_import_cycle():
    assert cycles(import_graph(_modules("macros"))) == []


# The layers of ARCHITECTURE.md. A module imports only from its own layer or the ones below;
# page blocks and the files published beside the pages are side by side, neither importing the other.
# Every module not named here is foundation (it imports only the foundation).
MODEL = {"content", "events", "json_ld", "reports", "provenance", "schema", "pages_front_matter", "page_links", "inventory", "number_words"}
BLOCKS = {"render", "figures", "status", "contact", "pages"}
OUTPUTS = {"calendar_files", "published_html"}
WIRING = {"__init__", "assembly", "prerender", "check", "scaffold", "generated_pages", "git_dates", "clean_pages", "search_index"}


def test_layers_import_only_downwards():
    graph = import_graph(_modules("macros"))
    upwards = {
        (module, imported)
        for module, imports in graph.items()
        for imported in imports
        if (module in MODEL and imported in BLOCKS | OUTPUTS | WIRING)
        or (module in BLOCKS and imported in OUTPUTS | WIRING)
        or (module in OUTPUTS and imported in BLOCKS | WIRING)
        or (module not in MODEL | BLOCKS | OUTPUTS | WIRING and imported in MODEL | BLOCKS | OUTPUTS | WIRING)
    }
    assert upwards == set()


def test_no_import_inside_a_function_but_the_listed_ones():
    found = [f for package in PACKAGES for f in function_level_imports(_modules(package))]
    unlisted = [f"{path}:{line} {module}" for path, line, module in found if (path, module) not in LOCAL_FOR_COST]
    assert unlisted == [], "import at the top of the module; if it would make a cycle, move the shared code down a layer"
    assert {(path, module) for path, _line, module in found} == LOCAL_FOR_COST, "an entry of LOCAL_FOR_COST is no longer needed"


def test_the_checks_find_what_they_look_for():
    """The two checks above, shown to fail: a made-up cycle and a made-up local import."""
    made_up = {
        "macros/a.py": ast.parse("from . import b\n"),
        "macros/b.py": ast.parse("from .c import x\n"),
        "macros/c.py": ast.parse("def f():\n    from .a import y\n"),
        "macros/d.py": ast.parse("from macros import a\n"),
    }
    assert cycles(import_graph(made_up)) == [["a", "b", "c"]]
    assert function_level_imports(made_up) == [("macros/c.py", 2, ".a")]


# ---- Lint and types: the rules are in pyproject.toml ([tool.ruff], [tool.mypy]) ----------------


def _tool(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_finds_nothing():
    result = _tool("ruff", "check", "--output-format", "concise", *PACKAGES, "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing():
    result = _tool("mypy")  # its cache (.mypy_cache/) makes a second run take a second
    assert result.returncode == 0, result.stdout + result.stderr


def test_architecture_md_draws_the_layers_this_test_holds():
    """ARCHITECTURE.md's table of layers names every module of macros/ once, in the layer above."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (Wiring|Page blocks · outputs[^|]*|Rules and model|Foundation) \| (.+) \|$", text, re.M))
    named = {layer.split(" (")[0]: set(re.findall(r"`(\w+)`", modules)) for layer, modules in rows.items()}
    blocks_and_outputs = named.pop("Page blocks · outputs")
    everything = {path.stem for path in (ROOT / "macros").glob("*.py")}
    assert named["Wiring"] == WIRING
    assert blocks_and_outputs == BLOCKS | OUTPUTS
    assert named["Rules and model"] == MODEL
    assert named["Foundation"] == everything - WIRING - BLOCKS - OUTPUTS - MODEL
