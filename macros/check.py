"""The content check editors and CI run: every problem, then exit 1 if there was any.

    python -m macros.check [projektmapp]     the content check alone (data/, events, pages, links)
    ./dev check (python -m scripts.site_check)   the same, then the strict build, thrown away

Prints one line per problem as ``fil:rad: meddelande``. ``./dev check`` adds the strict MkDocs
build run in-process (scripts/site_check.py), so it fails exactly when the build would.

In GitHub Actions it also prints each problem as a workflow annotation, so it shows on the
changed line of the pull request.
"""

import os
import sys
from collections.abc import Callable
from pathlib import Path

from . import contact, content
from .problems import Problem, unexpected


def github_annotation(problem: Problem) -> str:
    """``::error file=…,line=…::…`` with the characters GitHub's format reserves escaped."""
    message = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    path = problem.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
    return f"::error file={path},line={problem.line or 1},title=Fel i innehållet::{message}"


def main(root: Path, build_problems: Callable[[Path], list[Problem]] | None = None) -> int:
    """Print every problem; 0 when there is none. ``build_problems`` runs the build once the
    content check passes (scripts/site_check.py hands it MkDocs'; macros/ does not import MkDocs)."""
    try:
        problems = content.check(root)
    except Exception as error:  # noqa: BLE001 - an editor gets a Swedish line, never a traceback
        problems = [unexpected(error)]
    if not problems and build_problems is not None and (root / "mkdocs.yml").is_file():  # data alone has no build
        problems = build_problems(root)
    for problem in problems:
        print(problem)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(github_annotation(problem))
    if problems:
        print(f"\n{len(problems)} fel. Rätta dem och kör kontrollen igen.", file=sys.stderr)
        return 1
    print("Innehållet är i ordning.")
    # Reminders that do not fail the check: the content is right, but an editor has work to do.
    reminder = contact.notice_for(root)
    if reminder is not None:
        print(reminder)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(contact.github_warning(reminder))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()))
