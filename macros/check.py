"""The content check editors and CI run: every problem the build would stop on, then exit 1 if
there was any.

    python -m macros.check [projektmapp]     (or ./dev check; the folder defaults to the current one)

First the content check (content.check: data/, the events, the pages, their links and macro
calls). When it finds nothing, the same strict MkDocs build as ``./dev build`` runs in this
process into a temporary folder that is thrown away, so that whatever only the build can find
(an anchor made by a macro, a macro that fails on its data) is reported here too, in Swedish,
as ``fil:rad: meddelande``. So the check fails exactly when the build would.

In GitHub Actions it also prints each problem as a workflow annotation, so it shows on the
changed line of the pull request.
"""

import logging
import os
import re
import sys
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from . import content, page_links
from .problems import ContentError, Problem, unexpected

# One problem as problems.Problem writes it, "docs/sida.md:12: meddelande", in the Swedish lines
# a ContentError gives mkdocs-macros to log (its format_error, registered in __init__.py).
PROBLEM_LINE = re.compile(r"^\s*(?P<path>(?:docs|data|overrides|site)/[^\s:]*|mkdocs\.yml|webbplatsen)(?::(?P<line>[0-9]+))?: (?P<message>.+)$")
PAGE_NAMED = re.compile(r"'(?P<page>[^']+\.md)'")


class BuildFindings(logging.Handler):
    """Every warning and error MkDocs (and its plugins) log during one build, as Problems."""

    def __init__(self, root: Path):
        super().__init__(logging.WARNING)
        self.docs = root / "docs"
        self.problems: list[Problem] = []

    def emit(self, record):
        message = record.getMessage()
        if finding := page_links.swedish_finding(message, self.docs):
            self.problems.append(finding)
        elif record.name == "mkdocs.plugins.malmoandan":
            pass  # __init__.py's Swedish copy of an English link warning, already taken above
        elif lines := [m for m in map(PROBLEM_LINE.match, message.split("\n")) if m]:
            self.problems += [Problem(m["path"], int(m["line"] or 0), m["message"]) for m in lines]
        else:
            page = PAGE_NAMED.search(message)
            path = f"docs/{page['page']}" if page and (self.docs / page["page"]).is_file() else "mkdocs.yml"
            self.problems.append(Problem(path, 0, f"bygget stoppas av MkDocs varning (på engelska): {message}"))

    def stopped(self, error: BaseException) -> None:
        """The exception the build ended with, unless the lines logged before it say it all."""
        if isinstance(error, PluginError) and isinstance(error.__cause__, ContentError):
            self.problems += error.__cause__.problems
        elif not self.problems:
            self.problems.append(unexpected(error))


def build_problems(root: Path, site_dir: Path | None = None) -> list[Problem]:
    """Every problem the strict build of ``root`` stops on, found by running that build here,
    into ``site_dir`` or else a temporary folder thrown away afterwards. Uses the macros package
    already imported in this process (the project's own, for ./dev check)."""
    findings = BuildFindings(root)
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(findings)
    with tempfile.TemporaryDirectory(prefix="malmoandan-kontroll-") as throwaway:
        try:
            config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir or throwaway), strict=True)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except Abort as error:  # "Aborted with 2 warnings in strict mode!": the warnings are taken
            if not findings.problems:
                findings.stopped(error)
        except SystemExit as error:  # mkdocs-macros exits after logging a failing macro (on_error_fail)
            findings.stopped(error)
        except Exception as error:  # noqa: BLE001 - an editor gets a Swedish line, never a traceback
            findings.stopped(error)
        finally:
            mkdocs_log.removeHandler(findings)
    return sorted(set(findings.problems))


def github_annotation(problem) -> str:
    """``::error file=…,line=…::…`` with the characters GitHub's format reserves escaped."""
    message = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    path = problem.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
    return f"::error file={path},line={problem.line or 1},title=Fel i innehållet::{message}"


def main(root: Path = Path.cwd()) -> int:
    try:
        problems = content.check(root)
    except Exception as error:  # noqa: BLE001 - an editor gets a Swedish line, never a traceback
        problems = [unexpected(error)]
    if not problems and (root / "mkdocs.yml").is_file():  # a folder of data alone has no build
        problems = build_problems(root)
    for problem in problems:
        print(problem)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(github_annotation(problem))
    if problems:
        print(f"\n{len(problems)} fel. Rätta dem och kör kontrollen igen.", file=sys.stderr)
        return 1
    print("Innehållet är i ordning.")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.exit(main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path.cwd()))
