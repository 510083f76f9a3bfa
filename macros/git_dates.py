"""MkDocs hook (mkdocs.yml, hooks:): "Senast ändrad <datum>" on every page, from the git history.

A page counts as changed when its Markdown file changed or, for pages whose facts come from
data/, when one of the data files in its front matter (``uppgifter:``) changed. The dates come
from one ``git log`` over docs/ and data/ at the start of the build, in Swedish (formatting.date).

Hand-written instead of mkdocs-git-revision-date-localized-plugin: that plugin knows only a
page's own file, not the data files its facts come from, and asks git once per page. Where
there is no history to trust (no git, or a shallow clone such as CI's default checkout, where
every file would show the last commit's date) the pages show no date rather than a wrong one;
CI must check out with fetch-depth: 0.
"""

import logging
import subprocess
from datetime import date
from pathlib import Path

# The one Swedish date format of the site (macros/formatting.py). MkDocs loads this file as a hook,
# outside the package, with its own folder on the path while it loads; the tests import it as
# macros.git_dates.
try:
    from . import formatting
except ImportError:
    import formatting

log = logging.getLogger("mkdocs.hooks.git_dates")

_changed: dict[str, date] = {}  # path from the project root -> date of its last commit


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def last_changes(project: Path) -> dict[str, date]:
    """Path (relative to the project) -> the day of the last commit that touched it."""
    top = _git(project, "rev-parse", "--show-toplevel")
    if top is None:
        log.info("Ingen git-historik: sidorna visar inte när de senast ändrades.")
        return {}
    if (_git(project, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        log.info("Grund git-klon (shallow): sidorna visar inte när de senast ändrades. Hämta hela historiken (fetch-depth: 0).")
        return {}
    out = _git(project, "log", "--format=%x00%cs", "--name-only", "--relative", "--", "docs", "data") or ""
    changed: dict[str, date] = {}
    day = None
    for line in out.splitlines():
        if line.startswith("\x00"):
            day = date.fromisoformat(line[1:])
        elif line and day is not None:
            changed.setdefault(line, day)  # newest first: the first date seen is the last change
    return changed


def on_config(config):
    _changed.clear()
    _changed.update(last_changes(Path(config.config_file_path).parent))
    return config


def on_page_context(context, page, config, nav):
    if page.file.generated_by:  # a page the build makes (a type page) has no history of its own;
        return context  # git would still list the deleted file it once was
    sources = ["docs/" + page.file.src_uri] + [str(name) for name in (page.meta.get("uppgifter") or [])]
    days = [_changed[s] for s in sources if s in _changed]
    if days:
        last = max(days)
        page.meta["ma_senast_andrad"] = {"iso": last.isoformat(), "text": formatting.date(last)}
    return context
