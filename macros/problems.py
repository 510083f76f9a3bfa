"""Problems found in the content, reported together so an editor can fix all of them at once."""

import functools
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file: where it is and, in Swedish, what to do about it."""

    path: str  # relative to the project root, with forward slashes: data/decisions.yml
    line: int  # 1-based; 0 when the problem concerns the whole file
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class ContentError(Exception):
    """Raised once per build with every problem found, so the build stops before any page is made.

    Not tied to MkDocs: the wiring in __init__.py hands it to MkDocs as a PluginError, which
    MkDocs prints as a message, without a traceback."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        count = len(self.problems)
        heading = "1 fel i innehållet" if count == 1 else f"{count} fel i innehållet"
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"Bygget stoppades: {heading}. Rätta och bygg igen.\n{lines}")


# The file being read or checked right now, so that an unexpected error can name it.
PROCESSING: ContextVar[str] = ContextVar("processing", default="")


def names_its_files(function: Callable[P, R]) -> Callable[P, R]:
    """For a function that sets PROCESSING file by file: when it returns, the file it named last
    is no longer "being processed", so a later error is not blamed on it. When it raises, the
    file stays named for the message (unexpected())."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        token = PROCESSING.set(PROCESSING.get())
        result = function(*args, **kwargs)
        PROCESSING.reset(token)
        return result

    return run


def unexpected(error: BaseException, where: str = "") -> Problem:
    """A bug in the program, told to an editor without a traceback: which file was being
    processed, that the file may well be fine, and one line to send to the developers."""
    where = where or PROCESSING.get() or "webbplatsen"
    path, _, line = where.partition(":")
    return Problem(
        path,
        int(line) if line.isdigit() else 0,
        "ett oväntat fel i webbplatsens program stoppade arbetet med den här filen. Kontrollera filen en gång till; "
        f"ser den riktig ut, skicka den här raden till utvecklarna: {type(error).__name__}: {error}",
    )
