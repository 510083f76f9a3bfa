"""The site as plain Markdown, every macro expanded, for any generator (issue 15).

    python -m macros.prerender UT [--site-url https://malmoandan.se/]     (or ./dev forrendera UT)

Writes ``UT/docs/`` (every page with its front matter, macros expanded, event pages assembled
and the generated pages added, plus every other file of docs/ and the calendar files and open
data in the places the build puts them) and ``UT/mkdocs.yml`` (the site's own, without mkdocs-macros and the hooks,
with the status notice the theme shows written into ``extra``). Material, or Zensical, can build
that folder with no plugin of this project: nothing in it runs code.

The same code as the MkDocs build does the work (assembly.py, the same macros, the same event
assembly, the same checks); only MkDocs is left out, through a stand-in for mkdocs-macros' env.
"""

import argparse
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import ParamSpec, TypeVar

import yaml
from jinja2 import Environment, StrictUndefined

from . import assembly, citations, editor_text, links
from .page_links import patterns, read_config
from .problems import ContentError, Problem
from .yamlfiles import Record, read_text, split_front_matter

P = ParamSpec("P")
R = TypeVar("R")

DEFAULT_SITE_URL = links.PRODUCTION


class _MacrosEnv:
    """The part of mkdocs-macros' env that the macros use: register macros and filters, know
    the project folder, the page being rendered and its Markdown."""

    def __init__(self, root: Path):
        self.project_dir = str(root)
        self.macros: dict[str, Callable[..., object]] = {}
        self.filters: dict[str, Callable[..., object]] = {}
        self.variables: dict[str, object] = {}
        self.page: SimpleNamespace | None = None
        self.markdown = ""

    def macro(self, function: Callable[P, R], name: str = "") -> Callable[P, R]:
        self.macros[name or function.__name__] = function
        return function

    def filter(self, function: Callable[P, R], name: str = "") -> Callable[P, R]:
        self.filters[name or function.__name__] = function
        return function


def _page(root: Path, src_uri: str, meta: Record) -> SimpleNamespace:
    return SimpleNamespace(
        file=SimpleNamespace(src_uri=src_uri, src_path=src_uri, abs_src_path=str(root / "docs" / src_uri)),
        url=links.page_address(src_uri),
        meta=meta,
        title=meta.get("title"),
        is_homepage=src_uri == "index.md",
    )


def _config(root: Path) -> tuple[Record, str]:
    return read_config(root), (root / "mkdocs.yml").read_text(encoding="utf-8")


def without_project_code(text: str) -> str:
    """The site's mkdocs.yml without what runs this project's code: the macros plugin, the hooks
    and the watch list (also the benchmark's plain-Material build)."""
    lines, skip_deeper_than = [], None
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip())
        if skip_deeper_than is not None and line.strip() and indent > skip_deeper_than:
            continue
        skip_deeper_than = None
        if line.strip() in ("- macros:", "hooks:", "watch:"):
            skip_deeper_than = indent
            continue
        lines.append(line)
    return "\n".join(lines)


def plain_config(text: str, built: assembly.Assembly) -> str:
    """The site's mkdocs.yml for the pre-rendered pages: without project code, the status notice in."""
    return with_theme_extra(without_project_code(text), assembly.theme_extra(built.status, built.contact))


def with_theme_extra(text: str, theme_extra: dict[str, object]) -> str:
    """mkdocs.yml with what the theme reads from config.extra written under extra:."""
    extra = yaml.safe_dump(theme_extra, allow_unicode=True, sort_keys=True)
    return text.replace("\nextra:\n", "\nextra:\n" + "".join("  " + line + "\n" for line in extra.strip().split("\n")), 1)


def prerender(root: Path, out: Path, site_url: str = DEFAULT_SITE_URL) -> list[str]:
    """Write the pre-rendered site of the project ``root`` into ``out``; the pages written."""
    env = _MacrosEnv(root)
    built = assembly.assemble(env, root, site_url)
    jinja = Environment(undefined=StrictUndefined, keep_trailing_newline=True)
    jinja.globals.update(env.macros)
    jinja.filters.update(env.filters)
    config, config_text = _config(root)
    excluded = patterns(config.get("exclude_docs", ""))
    docs, target = root / "docs", out / "docs"
    if out.exists():
        shutil.rmtree(out)
    written = []
    sources = {}  # src_uri -> the Markdown MkDocs would read: the files of docs/, then the generated pages
    for path in sorted(docs.rglob("*")):
        src_uri = path.relative_to(docs).as_posix()
        destination = target / src_uri
        if path.is_dir() or excluded.match_file(src_uri):
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix != ".md":
            shutil.copy2(path, destination)
            continue
        text = read_text(path, f"docs/{src_uri}")
        if isinstance(text, Problem):
            raise ContentError([text])
        sources[src_uri] = built.page_source(src_uri, links.page_address(src_uri), text) if built.is_event_page(src_uri) else text
    sources.update(built.generated_pages())
    for src_uri, text in sorted(sources.items()):
        parts = split_front_matter(text)
        front, body = parts if parts else ("", text)
        meta = yaml.safe_load(front) or {} if parts else {}
        env.page, env.markdown = _page(root, src_uri, meta), body
        markdown = body
        if meta.get("render_macros") is True:
            first_line = text.count("\n") - body.count("\n") + 1
            problems = editor_text.macro_call_problems(body, f"docs/{src_uri}", first_line, built.macros)
            if problems:
                raise ContentError(problems)
            markdown = jinja.from_string(citations.prepare(env.page, markdown, f"docs/{src_uri}")).render()
        # The macros may have changed the page's meta (kept out of search, noindex): write it
        # as it is now, without render_macros, which means nothing to the next generator.
        meta = {key: value for key, value in env.page.meta.items() if key != "render_macros"}
        header = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" if meta else ""
        destination = target / src_uri
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(header + markdown, encoding="utf-8")
        written.append(src_uri)
    assembly.write_files(built, target)
    (out / "mkdocs.yml").write_text(plain_config(config_text, built), encoding="utf-8")
    if (root / "overrides").is_dir():
        shutil.copytree(root / "overrides", out / "overrides")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Skriv webbplatsen som ren Markdown med alla makron utförda.")
    parser.add_argument("ut", type=Path, help="mappen att skriva till (töms först)")
    parser.add_argument("--site-url", default=DEFAULT_SITE_URL, help="webbplatsens adress")
    parser.add_argument("--projekt", type=Path, default=Path.cwd(), help="projektmappen (som standard den aktuella)")
    arguments = parser.parse_args(argv)
    try:
        written = prerender(arguments.projekt.resolve(), arguments.ut.resolve(), arguments.site_url)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{len(written)} sidor skrivna till {arguments.ut}/docs, med mkdocs.yml för ett bygge utan makron.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
