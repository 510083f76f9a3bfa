"""``./dev check``: the content check, then the same strict MkDocs build as ``./dev build``, run
in this process into a temporary folder that is thrown away.

    python -m scripts.site_check [projektmapp]
    python -m scripts.site_check --kallor docs/sida.md    (./dev check --kallor …) a page's cited
        sentences, each with its quotes and whether they carry its figures (macros/provenance.py)

Whatever only the build can find (an anchor in headings a macro makes, a macro that fails on its
data, a warning from MkDocs or a plugin) is reported like the content check's problems, in
Swedish, as ``fil:rad: meddelande``, so the check fails exactly when the build would. The build
runs only once the content check passes: with a problem in the content it would stop at once,
on the same lines. Outside macros/, which does not import MkDocs (tests/test_macros.py).
./dev serve (scripts/serve.py) shows a failed build with the same lines.
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

from macros import check, page_links, provenance
from macros.problems import ContentError, Problem, unexpected

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


def build_problems(root: Path, site_dir: Path | None = None, site_url: str | None = None) -> list[Problem]:
    """Every problem the strict build of ``root`` stops on, found by running that build here,
    into ``site_dir`` or else a temporary folder thrown away afterwards (and with ``site_url``
    instead of mkdocs.yml's, for ./dev serve). Uses the macros package already imported in this
    process (the project's own, for ./dev check)."""
    findings = BuildFindings(root)
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(findings)
    with tempfile.TemporaryDirectory(prefix="malmoandan-kontroll-") as throwaway:
        try:
            config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir or throwaway), strict=True)
            if site_url:
                config.site_url = site_url
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


def main(root: Path) -> int:
    return check.main(root, build_problems)


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if len(sys.argv) > 2 and sys.argv[1] == "--kallor":  # ./dev check --kallor docs/sida.md: a page's claims and support
        sys.exit(provenance.main_report(Path.cwd(), sys.argv[2]))
    sys.exit(main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path.cwd()))
