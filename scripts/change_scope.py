"""Is a change content only, or does it touch code? The answer picks the gate in front of the
public (issue 20): content (pages and data, which editors own) is published after ./dev check,
the strict build and the site's invariants (./dev test --webbplatsen); anything else (code,
templates, styles, scripts, workflows, dependencies, tests) first runs the developers' whole
suite (bash .ci/run).

    python -m scripts.change_scope SINCE [HEAD]     prints "innehall" or "kod", the reasons on stderr

SINCE is the commit production was last built from (publicera.yml asks GitHub for its last
successful run) or a pull request's base. When SINCE is empty, unknown here, or not an ancestor of
HEAD (a force push rewrote main, the history is shallow, or GitHub gave nothing), the answer is
"kod": the developers' suite is the safe default, never the shortcut.
"""

import subprocess
import sys
from pathlib import Path, PurePosixPath

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONTENT = "innehall"
CODE = "kod"

# What editors own: Markdown pages, YAML and CSV data, plain-text sources, raster images. Any
# other file type under docs/ or data/ (a script, a style sheet, an SVG, HTML) is code, and so is
# everything the project ships to the browser from docs/assets/.
CONTENT_FOLDERS = ("docs/", "data/")
CONTENT_SUFFIXES = {".md", ".yml", ".yaml", ".csv", ".txt", ".png", ".jpg", ".jpeg", ".webp"}
CODE_IN_CONTENT = ("docs/assets/javascripts/", "docs/assets/stylesheets/")
CONFIG = "mkdocs.yml"


def is_content(path: str) -> bool:
    return (
        path.startswith(CONTENT_FOLDERS)
        and not path.startswith(CODE_IN_CONTENT)
        and PurePosixPath(path).suffix.lower() in CONTENT_SUFFIXES
    )


class _AnyTag(yaml.SafeLoader):
    """mkdocs.yml with its tags (!ENV, !!python/name) read as plain values, never constructed."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: f"{suffix}:{getattr(node, 'value', '')!s}")


def without_nav(text: str) -> dict | None:
    """mkdocs.yml without its nav: what only developers change. None when it is not a mapping."""
    try:
        config = yaml.load(text, Loader=_AnyTag)  # noqa: S506 - _AnyTag is a SafeLoader that constructs no tag
    except yaml.YAMLError:
        return None
    if not isinstance(config, dict):
        return None
    config.pop("nav", None)
    return config


def scope(files: list[str], config_before: str | None = None, config_after: str | None = None) -> tuple[str, list[str]]:
    """(CONTENT or CODE, the files that make it code). mkdocs.yml counts as content when only its
    nav changed: REDAKTORER.md has editors add their pages to the menu there."""
    code = []
    for path in files:
        if path == CONFIG and config_before is not None and config_after is not None:
            before, after = without_nav(config_before), without_nav(config_after)
            if before is not None and before == after:
                continue
        if not is_content(path):
            code.append(path)
    return (CODE if code else CONTENT), code


def scope_since(since: str, head: str = "HEAD", root: Path = ROOT) -> tuple[str, list[str]]:
    """The scope of everything between ``since`` and ``head`` in the repository ``root``; CODE
    when that is unknown."""

    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)

    if not since or git("merge-base", "--is-ancestor", since, head).returncode != 0:
        return CODE, [f"{since or 'ingen commit'} är inte en tidigare version av {head}: hela sviten körs"]
    # --no-renames: a moved file counts at its old and its new place.
    listed = git("diff", "--no-renames", "--name-only", since, head)
    if listed.returncode != 0:
        return CODE, [listed.stderr.strip()]
    files = [line for line in listed.stdout.splitlines() if line]
    before, after = git("show", f"{since}:{CONFIG}"), git("show", f"{head}:{CONFIG}")
    return scope(files, before.stdout if before.returncode == 0 else None, after.stdout if after.returncode == 0 else None)


def main(argv: list[str]) -> int:
    answer, reasons = scope_since(argv[0] if argv else "", argv[1] if len(argv) > 1 else "HEAD")
    for reason in reasons[:50]:
        print(reason, file=sys.stderr)
    print(answer)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
