"""Entry point for mkdocs-macros (``module_name: macros`` in mkdocs.yml).

Only wiring lives here: assembly.py loads and checks the content once per build and registers
the page macros (the same code the pre-render path uses), the status notice and the contact
route are handed to the theme, and after the build the pages are checked and the calendar
files and open data are written. The hooks in mkdocs.yml (git_dates.py, generated_pages.py) are
the rest of the wiring.
"""

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.exceptions import PluginError
from mkdocs_macros.errors import format_error

from . import assembly, citations, editor_text, page_links
from .problems import ContentError, Problem, unexpected

# mkdocs-macros prints a failing macro's error with a Python traceback; ours are for editors.
format_error.register(ContentError)(lambda error, markdown, page: str(error))


# mkdocs-macros' plugin object, handed to every hook below: the package publishes no types.
Env = Any
R = TypeVar("R")


def editor_facing(where: Callable[[Env], str]) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """Any unexpected exception in a hook becomes one Swedish line naming the file being
    processed (see problems.unexpected), so that no traceback ever reaches an editor."""

    def decorate(hook: Callable[..., R]) -> Callable[..., R]:
        @functools.wraps(hook)
        def run(env: Env, *args: object, **kwargs: object) -> R:
            try:
                return hook(env, *args, **kwargs)
            except ContentError as error:
                raise PluginError(str(error)) from error
            except Exception as error:  # reported, never swallowed
                raise PluginError(str(ContentError([unexpected(error, where(env))]))) from error

        return run

    return decorate


def _page_of(env: Env) -> str:
    page = getattr(env, "page", None)
    return f"docs/{page.file.src_uri}" if page is not None else ""


def _guard_macro(env: Env, name: str, function: Callable[..., object]) -> Callable[..., object]:
    """A macro that fails reports the page and the line of its call, in Swedish."""

    @functools.wraps(function)
    def call(*args: object, **kwargs: object) -> object:
        try:
            return function(*args, **kwargs)
        except ContentError:
            raise
        except Exception as error:  # reported, never swallowed
            where = _page_of(env)
            try:
                source = env.page.file.content_string.split("\n")
                line = next(number for number, text in enumerate(source, start=1) if name + "(" in text)
                where += f":{line}"
            except (AttributeError, OSError, StopIteration):
                pass
            raise ContentError([unexpected(error, where)]) from error

    return call


class _SwedishFindings(logging.Handler):
    """Adds a Swedish ``fil:rad`` line after each of MkDocs' English warnings about a link that
    the project's own check could not see (an anchor made by a macro)."""

    def __init__(self, docs: Path) -> None:
        super().__init__(logging.WARNING)
        self.docs = docs

    def emit(self, record: logging.LogRecord) -> None:
        problem = page_links.swedish_finding(record.getMessage(), self.docs)
        if problem is not None:
            logging.getLogger("mkdocs.plugins.malmoandan").warning(str(problem))


@editor_facing(lambda env: "")
def define_env(env: Env) -> None:
    """Called by mkdocs-macros once per build, before any page is rendered."""
    link_warnings = logging.getLogger("mkdocs.structure.pages")
    for handler in [h for h in link_warnings.handlers if isinstance(h, _SwedishFindings)]:
        link_warnings.removeHandler(handler)  # mkdocs serve calls define_env again on every rebuild
    link_warnings.addHandler(_SwedishFindings(Path(env.conf["docs_dir"])))
    built = assembly.assemble(env, Path(env.project_dir), env.conf["site_url"], env.conf["use_directory_urls"])
    env.conf["extra"].update(assembly.theme_extra(built.status, built.contact, env.conf["use_directory_urls"]))
    env.malmoandan_assembly = built  # also read by the hook generated_pages.py
    env.malmoandan_macros = built.macros
    for name in env.malmoandan_macros:
        env.macros[name] = _guard_macro(env, name, env.macros[name])


@editor_facing(_page_of)
def on_pre_page_macros(env: Env) -> None:
    """Before a page's macros run: the page may call registered macros with literal arguments
    and nothing else (the content check said so already; this holds even for a page it did not
    see). Pages without render_macros are not looked at: their text never meets Jinja. Every
    page's title must be free of Jinja, which mkdocs-macros would render."""
    page = env.page
    if editor_text.MACRO_MARK.search(page.title or ""):
        # mkdocs-macros renders a title with {{ in it; the check refuses one, so this is a page
        # whose title did not come from the check.
        raise ContentError([Problem(f"docs/{page.file.src_uri}", 1, "sidans namn innehåller {{, {% eller {#; skriv det som ren text")])
    if page.meta.get("render_macros") is True:
        first_line = page.file.content_string.count("\n") - env.markdown.count("\n") + 1
        problems = editor_text.macro_call_problems(env.markdown, f"docs/{page.file.src_uri}", first_line, env.malmoandan_macros)
        if problems:
            raise ContentError(problems)
        env.markdown = citations.prepare(page, env.markdown, f"docs/{page.file.src_uri}")


@editor_facing(lambda env: "site/ (kalenderfilerna, flödet och öppna data)")
def on_post_build(env: Env) -> None:
    """Check every built page and give it its security policy (published_html.py), then write
    kalender.ics, one .ics per event, the feed and the open data into the built site."""
    assembly.finish(env.malmoandan_assembly, Path(env.conf["site_dir"]), env.conf["site_url"])
