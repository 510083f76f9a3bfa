"""Pull-request previews: the artifact a pull request uploads (read as untrusted data),
publishing it on the separate preview origin, removing previews of closed pull requests, and
the sticky comment on the pull request (the preview, what failed, the changed pages).

Production does not go through this file: .github/workflows/publicera.yml deploys main with
actions/upload-pages-artifact and actions/deploy-pages (see SECURITY.md). The artifact itself is
built by scripts/preview_build.py in tester.yml.

The workflows only call this file; the logic lives here so it can be tested and run by hand:

    python3 scripts/github_pages.py publish-preview    (workflow_run: download, check, publish, comment)
    python3 scripts/github_pages.py prune              (remove the previews of closed pull requests)
    python3 scripts/github_pages.py check-artifact ARTIFACT.zip NUMBER   (the checks alone, locally)
    python3 scripts/github_pages.py comment NUMBER [RUN_URL]   (the comment from the artifact's
                                         files in this folder, unshortened: the run's summary)

The standard library plus html5lib (the HTML5 parser that reads every page as a browser does):
the privileged workflow installs html5lib and its two dependencies from scripts/publisher.lock,
taken from main and checked by hash, and nothing else. Previews are pushed to PREVIEW_BRANCH
(default gh-pages) of PREVIEW_REPOSITORY (default malmoandan/forhandsvisning) with the deploy key
in PREVIEW_DEPLOY_KEY, or to PAGES_REMOTE when set (tests: a local bare repository). Nothing in
an artifact is ever run: its files are extracted as bytes, checked, and copied.
"""

import argparse
import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
import tempfile
import unicodedata
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import html5lib

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = "https://malmoandan.se/"
PREVIEW_REPOSITORY = "malmoandan/forhandsvisning"
# The previews' own origin: a separate repository's GitHub Pages, never malmoandan.se.
PREVIEW_URL = "https://malmoandan.github.io/forhandsvisning/"
ARTIFACT = "forhandsvisning"  # the name tester.yml uploads the preview under
NUMBER_FILE = "pr-nummer.txt"
CHANGES_FILE = "changed.json"
CHECK_FILE = "kontroll.txt"  # what ./dev check printed
BUILD_FILE = "bygget.txt"  # what the preview build printed
MARKER = "<!-- malmoandan-forhandsvisning -->"
# The author of the sticky comment: the GITHUB_TOKEN's identity. A comment by anyone else is
# never edited, whatever its text.
COMMENT_AUTHOR = "github-actions[bot]"

# Plain ASCII only: [0-9] and not \d, which also accepts other scripts' digits.
NUMBER = re.compile(r"[0-9]{1,7}")
PREVIEW_FOLDER = re.compile(r"pr-([1-9][0-9]{0,6})")
SAFE_PAGE = re.compile(r"[A-Za-z0-9_./-]+")
# A file or folder name in an artifact: ASCII letters, digits, . _ -, never starting with a dot
# (so no "..", ".git", ".nojekyll" or hidden files).
SAFE_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}")
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".xht", ".shtml"}

# Caps on one artifact. The real site is about 4 MB in about 120 files (2026-11); a site with
# thousands of events stays far below these.
MAX_FILES = 20_000
MAX_BYTES = 300 * 1024 * 1024
MAX_DEPTH = 16
MAX_PATH = 400
# Caps on the artifact's reports: changed.json (a site with thousands of pages stays below), and
# what is read of kontroll.txt and bygget.txt.
MAX_REPORT_BYTES = 5 * 1024 * 1024
MAX_LISTED = 20_000
MAX_TITLE = 200
MAX_CHECK_LINES = 60
# Caps on what the comment says failed: the job and step names come from the pull request's
# workflow file, so without a cap 100 failed jobs with long step names would overflow the
# comment. With these caps the part before the list of pages stays far below COMMENT_LIMIT.
MAX_FAILED_JOBS = 10
MAX_FAILED_STEPS = 3
MAX_URL = 300
# GitHub refuses a comment longer than 65 536 characters; the margin is for what follows the list.
COMMENT_LIMIT = 65_536

# GitHub's published SSH host key (docs.github.com, "GitHub's SSH key fingerprints"): pinned,
# so that the deploy key is never offered to anyone else.
GITHUB_KNOWN_HOSTS = "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n"


class Refused(ValueError):
    """An artifact, event or argument that is not published. The message says why (English:
    it is read by developers in the workflow log)."""


class NoArtifact(Refused):
    """The run uploaded no preview (it stopped before the preview job ran): nothing to publish."""


class Superseded(Refused):
    """Nothing wrong, but nothing to do: a newer push to the pull request will publish."""


# ---- the artifact, as untrusted data ---------------------------------------------------------------


def parse_number(text: str) -> int:
    """A pull request's number from an artifact: ASCII digits only, nothing around them but one
    final newline."""
    if text.endswith("\n"):
        text = text[:-1]
    if not NUMBER.fullmatch(text) or int(text) == 0:
        raise Refused(f"not a pull request number: {text[:20]!r}")
    return int(text)


def check_relative_path(name: str) -> tuple[str, ...]:
    """The parts of a relative path from an artifact, or Refused: no absolute paths, no ``..``,
    no backslashes or empty parts, only SAFE_NAME parts, bounded length and depth."""
    if len(name) > MAX_PATH:
        raise Refused(f"path too long: {name[:60]!r}…")
    parts = tuple(name.split("/"))
    if name.startswith("/") or len(parts) > MAX_DEPTH or not all(SAFE_NAME.fullmatch(part) for part in parts):
        raise Refused(f"unsafe path in the artifact: {name!r}")
    return parts


def extract_artifact(archive: Path, target: Path) -> None:
    """Extract the zip ``archive`` into the empty folder ``target``. Every entry is checked
    before anything is written: only regular files and folders (no symbolic links, devices or
    anything else), safe relative names, no duplicates, no encryption, at most MAX_FILES files
    and MAX_BYTES bytes, counted again while reading so a lying header cannot inflate it."""
    try:
        _extract_checked(archive, target)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as broken:
        raise Refused(f"not a readable zip archive: {broken}") from broken


def _extract_checked(archive: Path, target: Path) -> None:
    with zipfile.ZipFile(archive) as zipped:
        entries = zipped.infolist()
        if len(entries) > MAX_FILES:
            raise Refused(f"more than {MAX_FILES} entries")
        seen: dict[tuple[str, ...], bool] = {}  # parts -> is a folder
        files = []
        declared = 0
        for info in entries:
            is_dir = info.filename.endswith("/")
            parts = check_relative_path(info.filename[:-1] if is_dir else info.filename)
            kind = stat.S_IFMT(info.external_attr >> 16)  # 0 when the zip records no Unix type
            if info.flag_bits & 0x1:
                raise Refused(f"encrypted entry: {info.filename!r}")
            if kind == stat.S_IFLNK:
                raise Refused(f"symbolic link in the artifact: {info.filename!r}")
            if kind and kind != (stat.S_IFDIR if is_dir else stat.S_IFREG):
                raise Refused(f"not a regular file or folder: {info.filename!r}")
            if parts in seen:
                raise Refused(f"entry twice in the artifact: {info.filename!r}")
            seen[parts] = is_dir
            if not is_dir:
                files.append((info, parts))
                declared += info.file_size
        for parts in seen:
            for depth in range(1, len(parts)):
                if seen.get(parts[:depth]) is False:
                    raise Refused(f"a file is also used as a folder: {'/'.join(parts[:depth])!r}")
        if declared > MAX_BYTES:
            raise Refused(f"artifact larger than {MAX_BYTES} bytes")
        written = 0
        for parts, is_dir in seen.items():
            if is_dir:
                target.joinpath(*parts).mkdir(parents=True, exist_ok=True)
        for info, parts in files:
            destination = target.joinpath(*parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            with zipped.open(info) as source, os.fdopen(os.open(destination, flags, 0o644), "wb") as out:
                size = 0
                while chunk := source.read(1 << 16):
                    size += len(chunk)
                    written += len(chunk)
                    if size > info.file_size or written > MAX_BYTES:
                        raise Refused(f"{info.filename!r} is larger than its header says")
                    out.write(chunk)


def walk_tree(root: Path) -> list[tuple[str, ...]]:
    """The files under ``root`` (relative parts), never following a link, or Refused for any
    symbolic link, hard link, device, pipe or socket, unsafe name, or too many or too large files."""
    if not stat.S_ISDIR(os.lstat(root).st_mode):
        raise Refused(f"{root} is not a folder (or is a link)")
    files: list[tuple[str, ...]] = []
    total = 0
    pending = [()]
    while pending:
        parts = pending.pop()
        with os.scandir(root.joinpath(*parts)) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                child = (*parts, entry.name)
                check_relative_path("/".join(child))
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISDIR(info.st_mode):
                    pending.append(child)
                elif stat.S_ISREG(info.st_mode):
                    if info.st_nlink != 1:
                        raise Refused(f"hard link in the preview: {'/'.join(child)!r}")
                    files.append(child)
                    total += info.st_size
                else:
                    kind = "symbolic link" if stat.S_ISLNK(info.st_mode) else "not a regular file"
                    raise Refused(f"{kind} in the preview: {'/'.join(child)!r}")
                if len(files) > MAX_FILES or total > MAX_BYTES:
                    raise Refused(f"preview larger than {MAX_FILES} files or {MAX_BYTES} bytes")
    return sorted(files)


def has_noindex(html: str) -> bool:
    """Whether the page's <head> holds <meta name="robots" content="…noindex…">, as a browser
    parses it (html5lib implements the HTML5 parsing algorithm): a meta tag in a comment,
    script, <template>, <textarea>, <svg> or anywhere in the body does not count."""
    document = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    head = document.find("head")
    for meta in head.findall("meta") if head is not None else []:
        if meta.get("name", "").strip().lower() == "robots":
            if "noindex" in {token.strip().lower() for token in meta.get("content", "").split(",")}:
                return True
    return False


def check_preview_site(site: Path) -> list[tuple[str, ...]]:
    """The checks the publisher makes itself rather than trusting the pull request's build:
    walk_tree's, plus a robots noindex meta tag on every HTML page. Returns the files."""
    files = walk_tree(site)
    if ("index.html",) not in files:
        raise Refused("the preview has no index.html")
    for parts in files:
        if Path(parts[-1]).suffix.lower() in HTML_SUFFIXES:
            text = site.joinpath(*parts).read_bytes().decode("utf-8", errors="replace")
            if not has_noindex(text):
                raise Refused(f"{'/'.join(parts)} has no <meta name=\"robots\" content=\"noindex\">: not published")
    return files


def read_artifact(archive: Path, work: Path, expected_number: int | None = None) -> tuple[int, Path | None, dict, list[str]]:
    """Extract and check an artifact: (pull request number, site folder or None when the pull
    request's site did not build, changed pages, the error lines of the check and the build)."""
    extract_artifact(archive, work)
    number_file = work / NUMBER_FILE
    if not number_file.is_file():
        raise Refused(f"the artifact has no {NUMBER_FILE}")
    number = parse_number(number_file.read_bytes().decode("ascii", errors="replace"))
    if expected_number is not None and number != expected_number:
        raise Refused(f"the artifact is for #{number}, not #{expected_number}")
    site = work / "site"
    if site.exists():
        check_preview_site(site)
    changes = work / CHANGES_FILE
    found = validated_changes(changes) if changes.is_file() else {**NOTHING_COMPARED}
    return number, site if site.exists() else None, found, error_lines(work / CHECK_FILE, work / BUILD_FILE)


NOTHING_COMPARED = {"pages": [], "files": [], "compared": False, "code": True}
STATUSES = {"changed", "new", "removed"}


def _entries(data: dict, key: str, titled: bool) -> list[dict]:
    entries = data.get(key, [])
    if not isinstance(entries, list) or len(entries) > MAX_LISTED:
        raise Refused(f"changed.json: {key} must be a list of at most {MAX_LISTED}")
    fields = {"path", "title", "status"} if titled else {"path", "status"}
    checked = []
    for entry in entries:
        if not isinstance(entry, dict) or set(entry) != fields:
            raise Refused(f"changed.json: each of {key} has exactly {sorted(fields)}")
        path, status = entry["path"], entry["status"]
        if not isinstance(path, str) or not (path == "" or SAFE_PAGE.fullmatch(path)) or path.startswith("/") or ".." in path.split("/") or len(path) > MAX_PATH:
            raise Refused(f"changed.json: not a plain path: {str(path)[:60]!r}")
        if status not in STATUSES:
            raise Refused(f"changed.json: unknown status {str(status)[:20]!r}")
        if titled and not isinstance(entry["title"], str):
            raise Refused("changed.json: a title is text")
        checked.append({**entry, "title": plain_line(entry["title"])} if titled else dict(entry))
    return checked


def validated_changes(path: Path) -> dict:
    """Read changed.json from a build artifact, as untrusted data: bounded size, no nesting
    beyond the format's own (a deeply nested document is refused, never a crash), exactly the
    format's keys and types, plain paths, titles reduced to one line of text."""
    if path.stat().st_size > MAX_REPORT_BYTES:
        raise Refused(f"changed.json is larger than {MAX_REPORT_BYTES} bytes")
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except RecursionError as deep:
        raise Refused("changed.json is nested too deeply") from deep
    except (UnicodeDecodeError, ValueError) as broken:
        raise Refused(f"changed.json is not JSON: {broken}") from broken
    if not isinstance(data, dict) or set(data) - {"pages", "files", "compared", "code"}:
        raise Refused("changed.json must be an object with pages, files, compared and code")
    return {
        "pages": _entries(data, "pages", titled=True),
        "files": _entries(data, "files", titled=False),
        "compared": data.get("compared") is True,
        "code": data.get("code") is not False,
    }


# A line of ./dev check (fil:rad: meddelande) or an error line of the build.
CHECK_LINE = re.compile(r"[^\s:]{1,300}:[0-9]{1,7}: .+|(?:ERROR|WARNING)\s+-\s+.+")


def plain_line(text: str, limit: int = MAX_TITLE) -> str:
    """One line of text from untrusted input: control, format (direction) and other invisible
    characters removed, whitespace collapsed, cut to ``limit`` characters."""
    kept = "".join(" " if unicodedata.category(c) in ("Zl", "Zp", "Cc") else c for c in text if unicodedata.category(c) not in ("Cf", "Co", "Cn", "Cs"))
    line = " ".join(kept.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def error_lines(*reports: Path) -> list[str]:
    """The error lines of the artifact's reports (untrusted text): only lines of the form
    ``fil:rad: meddelande`` or the build's ``ERROR - …``, each one plain line, at most
    MAX_CHECK_LINES in all."""
    found: list[str] = []
    for report in reports:
        if not report.is_file():
            continue
        with report.open("rb") as stream:
            text = stream.read(MAX_REPORT_BYTES).decode("utf-8", errors="replace")
        for line in text.splitlines():
            line = plain_line(line, 300)
            if CHECK_LINE.fullmatch(line) and line not in found:
                found.append(line)
    return found[:MAX_CHECK_LINES]


# ---- the comment ---------------------------------------------------------------------------------


def preview_address(number: int, base: str = PREVIEW_URL) -> str:
    return f"{base}pr-{number}/"


# Markdown's ASCII punctuation, escaped in every text that comes from the pull request.
MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~&\"'=:$^%])")
PAGE_HEADER = "| Sida | Förhandsvisning | Publicerad nu |"
FILE_HEADER = "| Fil | Förhandsvisning | Publicerad nu |"
STATUS_LABELS = {"new": "ny sida", "removed": "borttagen", "changed": ""}


def markdown_text(text: str) -> str:
    """Untrusted text as literal Markdown text: punctuation escaped (no link, image, HTML or
    table cell can start), and an @ kept from mentioning anyone (a word joiner after it)."""
    return MARKDOWN_PUNCTUATION.sub(r"\\\1", plain_line(text)).replace("@", "@\u2060")


def page_row(entry: dict, preview: str, production: str) -> str:
    """A table row: the page's title, and links only to the sides where the page exists."""
    path, status = entry["path"], entry["status"]
    label = markdown_text(entry["title"] or "/" + path)
    if status != "changed":
        label += f" ({STATUS_LABELS[status]})"
    shown = "–" if status == "removed" else f"[förhandsvisning]({preview}{path})"
    published = "–" if status == "new" else f"[publicerad]({production}{path})"
    return f"| {label} | {shown} | {published} |"


def file_row(entry: dict, preview: str, production: str) -> str:
    path, status = entry["path"], entry["status"]
    shown = "–" if status == "removed" else f"[förhandsvisning]({preview}{path})"
    published = "–" if status == "new" else f"[publicerad]({production}{path})"
    label = {"new": "ny", "removed": "borttagen", "changed": "ändrad"}[status]
    return f"| `{path}` ({label}) | {shown} | {published} |"


def failure_lines(failures: list[dict], run_url: str | None) -> list[str]:
    """What failed in the run: each job and step by name (from GitHub's API; the names come
    from the pull request's workflow file, so they are escaped), with a link to its log. At most
    MAX_FAILED_JOBS jobs and MAX_FAILED_STEPS steps of each, then how many more."""
    lines = []
    for job in failures[:MAX_FAILED_JOBS]:
        steps = ", ".join(f"*{markdown_text(step)}*" for step in job["steps"][:MAX_FAILED_STEPS]) or "ett steg före testerna"
        if len(job["steps"]) > MAX_FAILED_STEPS:
            steps += f" och {len(job['steps']) - MAX_FAILED_STEPS} steg till"
        lines.append(f"- **{markdown_text(job['name'])}**: {steps} ([logg]({job['url'][:MAX_URL]}))")
    if len(failures) > MAX_FAILED_JOBS:
        lines.append(f"- … och {len(failures) - MAX_FAILED_JOBS} jobb till som misslyckades (se körningen).")
    if run_url:
        lines.append(f"- Hela körningen: {run_url}")
    return lines


def comment_body(
    number: int,
    changes: dict,
    base: str = PREVIEW_URL,
    production: str = PRODUCTION,
    *,
    built: bool = True,
    failures: list[dict] | None = None,
    check_lines: list[str] | None = None,
    run_url: str | None = None,
    limit: int | None = COMMENT_LIMIT,
    verdict: bool = True,
) -> str:
    """The pull request's comment, in Swedish: the preview's address (or that the site did not
    build), what failed and the check's fil:rad lines, then every changed page and file with
    links to the sides where it exists. Cut to ``limit`` characters (GitHub's maximum) with a
    pointer to the run, whose summary holds the whole list."""
    preview = preview_address(number, base)
    failures, check_lines = failures or [], check_lines or []
    head = [MARKER]
    if built:
        head += [
            f"**Förhandsvisning:** {preview}",
            "",
            "Förhandsvisningen ligger på en egen adress, skild från malmoandan.se. Den byggs om vid varje "
            "ny ändring och tas bort när förslaget stängs.",
        ]
    else:
        head += [
            "**Ingen förhandsvisning: webbplatsen gick inte att bygga med ändringen.** "
            "Rätta felen nedan (samma rader visar `./dev check` och `./dev build` på din dator) och spara igen.",
        ]
    if failures or check_lines:
        head += ["", "**Det här behöver rättas innan ändringen kan publiceras:**", ""]
        head += failure_lines(failures, run_url)
        if check_lines:
            fence = "```"
            head += ["", "Fel som kontrollen hittade (fil:rad: vad som är fel):", "", fence + "text"]
            head += [plain_line(line, 300).replace("`", "'") for line in check_lines[:MAX_CHECK_LINES]]
            head += [fence]
    elif built and verdict:
        head += ["", "Kontrollen, bygget och testerna gick igenom."]
    rows: list[str] = []
    if changes["pages"]:
        rows += ["", f"**Ändrade sidor ({len(changes['pages'])})**", "", PAGE_HEADER, "|---|---|---|"]
        rows += [page_row(entry, preview, production) for entry in changes["pages"]]
    if changes["files"]:
        rows += ["", f"**Ändrade filer ({len(changes['files'])})**", "", FILE_HEADER, "|---|---|---|"]
        rows += [file_row(entry, preview, production) for entry in changes["files"]]
    tail = []
    if built and not changes["compared"]:
        tail += ["", "Jämförelsen med den publicerade webbplatsen kunde inte göras, så ändrade sidor listas inte."]
    elif built and not changes["pages"] and not changes["files"]:
        tail += ["", "Ändringen ändrar inget innehåll på sidorna."]
    if built and changes["code"]:
        tail += ["", "Ändringen rör också kod, mallar eller stil: sidhuvud, meny och utseende kan ändras på alla sidor."]
    body = "\n".join(head + rows + tail) + "\n"
    if limit is None or len(body) <= limit:
        return body
    more = "**Listan är för lång för en kommentar.** Hela listan finns i körningens sammanfattning" + (f": {run_url}" if run_url else ".")
    kept, full, left = "\n".join(head) + "\n", False, 0
    for row in rows:
        full = full or len(kept) + len(row) + len(more) + 100 > limit
        if not full:
            kept += row + "\n"
        elif row.startswith("| ") and row not in (PAGE_HEADER, FILE_HEADER):
            left += 1  # a page or file not shown
    return kept + f"\n… och {left} rader till. {more}\n"


CLOSED_BODY = f"{MARKER}\nFörslaget är stängt och förhandsvisningen är borttagen.\n"


def is_own_comment(comment: dict, author: str = COMMENT_AUTHOR) -> bool:
    """The sticky comment: written by ``author`` (a bot account) and carrying the marker. The
    marker alone proves nothing: anyone can write it in a comment."""
    user = comment.get("user") or {}
    return user.get("login") == author and user.get("type") == "Bot" and (comment.get("body") or "").startswith(MARKER)


# ---- GitHub's API --------------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # urllib's signature
        return None


def github_request(method: str, path: str, body: dict | None = None):
    """One call to api.github.com with the workflow's GITHUB_TOKEN."""
    request = urllib.request.Request(
        f"https://api.github.com/{path}",
        data=json.dumps(body).encode() if body is not None else None,
        method=method,
        headers={
            "Authorization": f"Bearer {os.environ['GITHUB_TOKEN']}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - https only
        return json.loads(response.read() or b"null")


def download_artifact(repository: str, run_id: int, destination: Path) -> None:
    """Download the run's preview artifact as a zip, without unpacking it. GitHub answers with a
    redirect to storage; that request is made without the token, so it never leaves GitHub."""
    listing = github_request("GET", f"repos/{repository}/actions/runs/{run_id}/artifacts?name={ARTIFACT}&per_page=10")
    found = [a for a in listing.get("artifacts", []) if a.get("name") == ARTIFACT and not a.get("expired")]
    if not found:
        raise NoArtifact(f"run {run_id} has no artifact named {ARTIFACT}")
    if len(found) != 1:
        raise Refused(f"expected one artifact named {ARTIFACT} in run {run_id}, found {len(found)}")
    if int(found[0].get("size_in_bytes", 0)) > MAX_BYTES:
        raise Refused(f"artifact larger than {MAX_BYTES} bytes")
    request = urllib.request.Request(
        f"https://api.github.com/repos/{repository}/actions/artifacts/{int(found[0]['id'])}/zip",
        headers={"Authorization": f"Bearer {os.environ['GITHUB_TOKEN']}", "Accept": "application/vnd.github+json"},
    )
    try:
        urllib.request.build_opener(_NoRedirect).open(request, timeout=60)
        raise Refused("GitHub did not redirect to the artifact's storage")
    except urllib.error.HTTPError as redirect:
        location = redirect.headers.get("Location", "")
        if redirect.code not in (301, 302, 303, 307, 308) or not location.startswith("https://"):
            raise
    with urllib.request.urlopen(location, timeout=120) as response, destination.open("wb") as out:  # noqa: S310
        size = 0
        while chunk := response.read(1 << 16):
            size += len(chunk)
            if size > MAX_BYTES:
                raise Refused(f"artifact larger than {MAX_BYTES} bytes")
            out.write(chunk)


def failed_jobs(repository: str, run_id: int) -> list[dict]:
    """The jobs of the run that failed, each with its failed steps and the link to its log,
    from GitHub's API (not from the artifact, which the pull request writes)."""
    failed = []
    listing = github_request("GET", f"repos/{repository}/actions/runs/{int(run_id)}/jobs?per_page=100")
    for job in listing.get("jobs", []):
        if job.get("conclusion") not in ("failure", "timed_out"):
            continue
        url = str(job.get("html_url") or "")
        if not url.startswith(f"https://github.com/{repository}/actions/runs/{int(run_id)}/job/"):
            url = f"https://github.com/{repository}/actions/runs/{int(run_id)}"
        steps = [str(step.get("name", "")) for step in job.get("steps", []) if step.get("conclusion") in ("failure", "timed_out")]
        failed.append({"name": str(job.get("name", "")), "steps": steps, "url": url})
    return failed


def pull_request(repository: str, number: int) -> dict:
    return github_request("GET", f"repos/{repository}/pulls/{number}")


def is_open(repository: str, number: int) -> bool:
    return pull_request(repository, number).get("state") == "open"


def post_sticky_comment(repository: str, number: int, body: str, create: bool = True) -> None:
    """Update our comment on the pull request, or write a new one if ``create``. A workflow on
    any branch can comment as the bot with the marker (SECURITY.md), so the newest such comment
    gets the true text and every older one is deleted: after each run there is one, and it is
    true."""
    mine = []
    for page in range(1, 11):
        comments = github_request("GET", f"repos/{repository}/issues/{number}/comments?per_page=100&page={page}")
        mine += [c for c in comments if is_own_comment(c)]
        if len(comments) < 100:
            break
    mine.sort(key=lambda c: int(c["id"]))
    for older in mine[:-1]:
        github_request("DELETE", f"repos/{repository}/issues/comments/{int(older['id'])}")
    if mine:
        github_request("PATCH", f"repos/{repository}/issues/comments/{int(mine[-1]['id'])}", {"body": body})
    elif create:
        github_request("POST", f"repos/{repository}/issues/{number}/comments", {"body": body})


# ---- the preview repository ------------------------------------------------------------------------


def git(*args: str, cwd: Path, env: dict | None = None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout


class PreviewRemote:
    """Where previews are pushed: PAGES_REMOTE (tests), or the preview repository over SSH with
    the deploy key in PREVIEW_DEPLOY_KEY, which can write to that repository only."""

    def __init__(self):
        self.env = dict(os.environ)
        if os.environ.get("PAGES_REMOTE"):
            self.url, self.folder = os.environ["PAGES_REMOTE"], None
            return
        key = os.environ.get("PREVIEW_DEPLOY_KEY", "")
        if "PRIVATE KEY" not in key:
            raise Refused("PREVIEW_DEPLOY_KEY is not set (the forhandsvisning environment's secret)")
        repository = os.environ.get("PREVIEW_REPOSITORY", PREVIEW_REPOSITORY)
        if not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", repository):
            raise Refused(f"PREVIEW_REPOSITORY is not owner/name: {repository!r}")
        self.url = f"git@github.com:{repository}.git"
        self.folder = tempfile.TemporaryDirectory()
        key_file, hosts = Path(self.folder.name) / "key", Path(self.folder.name) / "known_hosts"
        key_file.touch(mode=0o600)
        key_file.write_text(key.strip() + "\n", encoding="ascii")
        hosts.write_text(GITHUB_KNOWN_HOSTS, encoding="ascii")
        self.env["GIT_SSH_COMMAND"] = (
            f"ssh -i {shlex.quote(str(key_file))} -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes"
            f" -o UserKnownHostsFile={shlex.quote(str(hosts))}"
        )

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.folder:
            self.folder.cleanup()

    def update(self, change, message: str, attempts: int = 5) -> bool:
        """Apply ``change(worktree)`` to the tip of the preview branch and push; start again from
        the new tip if another run pushed in between. Returns whether anything changed.

        Each update replaces the branch with one commit without parents, so the branch holds only
        the previews of open pull requests, never every earlier copy of the site (it would grow
        without bound). The push is forced only if the branch is still at the commit this run
        started from (--force-with-lease), so a preview another run pushed meanwhile is never lost:
        this run starts again from the new tip instead."""
        branch = os.environ.get("PREVIEW_BRANCH", "gh-pages")
        for _attempt in range(attempts):
            with tempfile.TemporaryDirectory() as folder:
                work = Path(folder)
                git("init", "--quiet", cwd=work)
                git("config", "user.name", "malmoandan-forhandsvisning", cwd=work)
                git("config", "user.email", "forhandsvisning@malmoandan.se", cwd=work)
                git("config", "core.symlinks", "false", cwd=work)
                git("checkout", "--quiet", "--orphan", branch, cwd=work)
                fetched = subprocess.run(["git", "fetch", "--quiet", "--depth", "1", self.url, branch], cwd=work, capture_output=True, env=self.env)
                exists = fetched.returncode == 0
                tip = git("rev-parse", "FETCH_HEAD", cwd=work).strip() if exists else ""
                if exists:
                    git("reset", "--quiet", "--hard", "FETCH_HEAD", cwd=work)
                change(work)
                (work / ".nojekyll").touch()  # GitHub Pages serves the files as they are
                git("add", "--all", cwd=work)
                if exists and not git("status", "--porcelain", cwd=work).strip():
                    return False
                commit = git("commit-tree", git("write-tree", cwd=work).strip(), "-m", message, cwd=work).strip()
                lease = f"--force-with-lease=refs/heads/{branch}:{tip}"
                pushed = subprocess.run(["git", "push", "--quiet", lease, self.url, f"{commit}:refs/heads/{branch}"], cwd=work, capture_output=True, env=self.env)
                if pushed.returncode == 0:
                    return True
        raise RuntimeError(f"could not push to {branch} after {attempts} attempts")


def copy_tree(site: Path, files: list[tuple[str, ...]], target: Path) -> None:
    """Replace ``target`` with the checked ``files`` of ``site``: bytes only, no links followed,
    no modes kept (nothing becomes executable)."""
    if target.is_symlink() or target.exists():
        shutil.rmtree(target) if target.is_dir() and not target.is_symlink() else target.unlink()
    target.mkdir(parents=True)
    for parts in files:
        source, destination = site.joinpath(*parts), target.joinpath(*parts)
        destination.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
        with os.fdopen(os.open(source, flags), "rb") as src, destination.open("xb") as out:
            shutil.copyfileobj(src, out)


def preview_folder(number: int) -> str:
    folder = f"pr-{number}"
    if not PREVIEW_FOLDER.fullmatch(folder):
        raise Refused(f"not a preview folder: {folder!r}")
    return folder


def publish_preview(remote: PreviewRemote, number: int, site: Path) -> bool:
    files = check_preview_site(site)
    folder = preview_folder(number)
    return remote.update(lambda work: copy_tree(site, files, work / folder), f"Förhandsvisning av #{number}")


def remove_preview(remote: PreviewRemote, number: int) -> bool:
    folder = preview_folder(number)
    return remote.update(lambda work: shutil.rmtree(work / folder, ignore_errors=True), f"Ta bort förhandsvisningen av #{number}")


def prune(remote: PreviewRemote, still_open) -> list[int]:
    """Remove every pr-N folder whose pull request is not open (``still_open(N)`` asks GitHub);
    a folder that is not pr-N is left alone. Returns the numbers removed."""
    removed: list[int] = []

    def change(work: Path) -> None:
        removed.clear()
        for child in sorted(work.iterdir()):
            match = PREVIEW_FOLDER.fullmatch(child.name)
            if match and child.is_dir() and not child.is_symlink() and not still_open(int(match.group(1))):
                shutil.rmtree(child)
                removed.append(int(match.group(1)))

    remote.update(change, "Ta bort förhandsvisningar av stängda förslag")
    return removed


# ---- the workflow_run job ----------------------------------------------------------------------------


def triggering_run(event: dict, repository: str) -> dict:
    """The workflow_run that triggered us, if it is a finished pull-request run (successful, or
    failed: a preview is published whenever the site built, with what failed in the comment) of
    a branch in this repository (forks get no preview); otherwise Refused."""
    run = event.get("workflow_run") or {}
    if run.get("event") != "pull_request" or run.get("conclusion") not in ("success", "failure"):
        raise Refused("not a finished (successful or failed) pull_request run")
    if (run.get("head_repository") or {}).get("full_name") != repository:
        raise Refused("the pull request comes from a fork: no preview")
    if not re.fullmatch(r"[0-9a-f]{40}", run.get("head_sha") or "") or not isinstance(run.get("id"), int):
        raise Refused("the event has no head commit or run id")
    if run.get("html_url") != f"https://github.com/{repository}/actions/runs/{run['id']}":
        run = {**run, "html_url": None}  # only a link to this repository's own run is shown
    return run


def check_pull_request(pr: dict, run: dict, repository: str) -> None:
    """The number in the artifact must name an open pull request whose head is exactly the
    commit the run built, from this repository: a run cannot publish into another's slot."""
    if (pr.get("head") or {}).get("sha") != run["head_sha"]:
        raise Superseded(f"#{pr.get('number')} is no longer at {run['head_sha']}: a newer run publishes it")
    if ((pr.get("head") or {}).get("repo") or {}).get("full_name") != repository:
        raise Refused(f"#{pr.get('number')} comes from a fork")


def publish_from_event() -> int:
    repository = os.environ["GITHUB_REPOSITORY"]
    event = json.loads(Path(os.environ["GITHUB_EVENT_PATH"]).read_text(encoding="utf-8"))
    run = triggering_run(event, repository)
    base = os.environ.get("PREVIEW_URL", PREVIEW_URL)
    with tempfile.TemporaryDirectory() as folder, PreviewRemote() as remote:
        archive, work = Path(folder) / "artifact.zip", Path(folder) / "artifact"
        work.mkdir()
        download_artifact(repository, run["id"], archive)
        number, site, changes, check_lines = read_artifact(archive, work)
        pr = pull_request(repository, number)
        check_pull_request(pr, run, repository)
        if pr.get("state") != "open":
            remove_preview(remote, number)  # closed while it was built: never published after close
            post_sticky_comment(repository, number, CLOSED_BODY, create=False)
            print(f"#{number} is closed: its preview is removed, not published")
            return 0
        if site is not None:
            publish_preview(remote, number, site)
        failures = failed_jobs(repository, run["id"]) if run["conclusion"] == "failure" else []
        body = comment_body(number, changes, base, built=site is not None, failures=failures, check_lines=check_lines, run_url=run["html_url"])
    post_sticky_comment(repository, number, body)
    print(f"Published #{number} at {preview_address(number, base)}" if site is not None else f"#{number} did not build: comment only")
    return 0


def prune_closed() -> int:
    repository = os.environ["GITHUB_REPOSITORY"]
    with PreviewRemote() as remote:
        removed = prune(remote, lambda number: is_open(repository, number))
    for number in removed:
        post_sticky_comment(repository, number, CLOSED_BODY, create=False)
    print("Removed: " + (", ".join(f"#{n}" for n in removed) or "nothing"))
    return 0


# ---- command line ----------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    summary = commands.add_parser("comment")
    summary.add_argument("number", type=parse_number)
    summary.add_argument("run_url", nargs="?")
    commands.add_parser("publish-preview")
    commands.add_parser("prune")
    check = commands.add_parser("check-artifact")
    check.add_argument("archive", type=Path)
    check.add_argument("number", type=parse_number)
    args = parser.parse_args(argv)

    try:
        if args.command == "comment":
            changes = ROOT / CHANGES_FILE
            site = ROOT / "site"
            print(
                comment_body(
                    args.number,
                    validated_changes(changes) if changes.is_file() else {**NOTHING_COMPARED},
                    built=site.is_dir(),
                    check_lines=error_lines(ROOT / CHECK_FILE, ROOT / BUILD_FILE),
                    run_url=args.run_url,
                    limit=None,
                    verdict=False,  # the tests may still be running: the comment says how they ended
                ),
                end="",
            )
        elif args.command == "publish-preview":
            return publish_from_event()
        elif args.command == "prune":
            return prune_closed()
        elif args.command == "check-artifact":
            with tempfile.TemporaryDirectory() as folder:
                number, _site, changes, _lines = read_artifact(args.archive, Path(folder), args.number)
                print(f"#{number}: OK, {len(changes['pages'])} changed pages")
    except (Superseded, NoArtifact) as nothing:
        print(f"Nothing to do: {nothing}")
    except Refused as refused:
        print(f"Not published: {refused}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
