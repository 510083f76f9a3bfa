"""MkDocs hook (mkdocs.yml, hooks:): what the git history gives the site: "Senast ändrad <datum>"
on every page, and a redirect page at every address an event page had before its file was
renamed (moved to another day, REDAKTORER.md §2).

A page counts as changed when its Markdown file changed or, for pages whose facts come from
data/, when one of the data files in its front matter (``uppgifter:``) changed. The dates come
from one ``git log`` over docs/ and data/ at the start of the build (the same one that finds
the renames), in Swedish (formatting.date).

Hand-written instead of mkdocs-git-revision-date-localized-plugin: that plugin knows only a
page's own file, not the data files its facts come from, and asks git once per page. Where
there is no history to trust (no git, or a shallow clone such as CI's default checkout, where
every file would show the last commit's date) the pages show no date rather than a wrong one;
CI must check out with fetch-depth: 0.

Redirects: an event's file is renamed when it moves (its name starts with the date), which
changes its address; its id, and so its calendar UID, stays (events.py). The renames come from
same ``git log -M`` (docs/kalender/evenemang/); each old address gets a small page of the build's
own (below) that sends the reader on with a meta refresh and a visible link, is kept out of
search engines (noindex, canonical to the new address) and runs no script, so the site's
Content-Security-Policy holds for it too. Hand-written rather than mkdocs-redirects: that plugin
needs every old address listed in mkdocs.yml by hand, and its page runs an inline script.
"""

import html
import logging
import subprocess
from datetime import date
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

# The one Swedish date format of the site (macros/formatting.py). MkDocs loads this file as a hook,
# outside the package, with its own folder on the path while it loads; the tests import it as
# macros.git_dates.
try:
    from . import formatting, links
except ImportError:
    import formatting  # type: ignore[import-not-found,no-redef]
    import links  # type: ignore[import-not-found,no-redef]

log = logging.getLogger("mkdocs.hooks.git_dates")

_changed: dict[str, date] = {}  # path from the project root -> date of its last commit
_moved: dict[str, str] = {}  # an event file's earlier path below docs/ -> its path now

EVENTS_FOLDER = "kalender/evenemang"  # below docs/, as events.EVENTS_DIR

REDIRECT_PAGE = """<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Evenemanget har flyttat – Malmöandan</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<main>
<h1>Evenemanget har flyttat</h1>
<p>Evenemanget har fått en ny adress: <a href="{target}">{canonical}</a></p>
</main>
</body>
</html>
"""


def _shallow_or_missing(project: Path) -> str | None:
    """Why there is no history to trust (in Swedish, for the log), or None when there is."""
    if _git(project, "rev-parse", "--show-toplevel") is None:
        return "Ingen git-historik"
    if (_git(project, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        return "Grund git-klon (shallow); hämta hela historiken (fetch-depth: 0)"
    return None


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def history(project: Path) -> tuple[dict[str, date], dict[str, str]]:
    """One ``git log`` over docs/ and data/ for the whole build: every path (relative to the
    project) -> the day of the last commit that touched it, and an event file's every earlier
    path -> its path now, both below docs/ (a file renamed twice has two earlier paths, both
    leading to the last). Empty when there is no history to trust."""
    if reason := _shallow_or_missing(project):
        log.info(f"{reason}: sidorna visar inte när de senast ändrades, och evenemang som flyttats får ingen omdirigering.")
        return {}, {}
    out = _git(project, "log", "-M", "--format=%x00%cs", "--name-status", "--relative", "--", "docs", "data") or ""
    changed: dict[str, date] = {}
    renamed: dict[str, str] = {}
    day = None
    for line in out.splitlines():  # newest first: "\x00<day>", then "M<tab>path" or "R095<tab>old<tab>new"
        if line.startswith("\x00"):
            day = date.fromisoformat(line[1:])
            continue
        status, *paths = line.split("\t")
        if not paths or day is None:
            continue
        changed.setdefault(paths[-1], day)  # the first date seen is the last change
        if status.startswith("R") and len(paths) == 2 and paths[0].startswith(f"docs/{EVENTS_FOLDER}/"):
            renamed.setdefault(paths[0].removeprefix("docs/"), paths[1].removeprefix("docs/"))
    moved = {}
    for old in renamed:
        now, seen = renamed[old], {old}
        while now in renamed and now not in seen:  # renamed again later
            seen.add(now)
            now = renamed[now]
        moved[old] = now
    return changed, moved


def redirect_page(target: str, canonical: str) -> str:
    """The page at an old address: ``target`` relative to it, ``canonical`` the full new address."""
    return REDIRECT_PAGE.format(target=html.escape(target), canonical=html.escape(canonical))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    changed, moved = history(Path(config.config_file_path).parent)
    _changed.clear()
    _changed.update(changed)
    _moved.clear()
    _moved.update(moved)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """A redirect page at each earlier address of an event page that exists now, unless a file
    has that address again (a new event on the old day and name)."""
    directory_urls = config.use_directory_urls
    for old, now in sorted(_moved.items()):
        if files.get_file_from_path(now) is None or files.get_file_from_path(old) is not None:
            continue
        old_address, new_address = links.page_address(old, directory_urls), links.page_address(now, directory_urls)
        output = old_address + "index.html" if old_address.endswith("/") else old_address
        if files.get_file_from_path(output) is not None:
            continue
        target = links.relative_url(new_address, output)
        files.append(File.generated(config, output, content=redirect_page(target, links.Site(config.site_url or links.PRODUCTION).url(new_address))))
    return files


def on_page_context(context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    if page.file.generated_by:  # a page the build makes (a type page) has no history of its own;
        return context  # git would still list the deleted file it once was
    sources = ["docs/" + page.file.src_uri] + [str(name) for name in (page.meta.get("uppgifter") or [])]
    days = [_changed[s] for s in sources if s in _changed]
    if days:
        last = max(days)
        page.meta["ma_senast_andrad"] = {"iso": last.isoformat(), "text": formatting.date(last)}
    return context
