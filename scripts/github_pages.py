"""Publishing to GitHub Pages from the workflows: production at the root of the gh-pages
branch, pull-request previews under pr-preview/pr-N/, and the sticky comment on the pull request.

The workflows only call this file; the logic lives here so it can be tested and run by hand:

    python scripts/github_pages.py changed-pages BASE HEAD            > changed.json
    python scripts/github_pages.py publish SITE_DIR [--target pr-preview/pr-7]
    python scripts/github_pages.py remove pr-preview/pr-7
    python scripts/github_pages.py comment NUMBER changed.json  |  comment-closed NUMBER

publish and remove push to the branch named by PAGES_BRANCH (default gh-pages) of the
repository at PAGES_REMOTE, or of GITHUB_REPOSITORY on github.com with GITHUB_TOKEN.
The preview's files are copied as data: nothing in them is run.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = "https://malmoandan.se/"
PREVIEWS = "pr-preview"
MARKER = "<!-- malmoandan-forhandsvisning -->"
SAFE_PATH = re.compile(r"^[A-Za-z0-9_./-]+$")
KEEP_AT_ROOT = {".git", PREVIEWS, ".nojekyll", "CNAME"}


# ---- which pages a change touches -------------------------------------------------------------


def page_path(source: str) -> str | None:
    """The site path of a page's Markdown file: docs/historik.md -> historik/."""
    if not source.startswith("docs/") or not source.endswith(".md") or Path(source).name.startswith("_mall"):
        return None
    inner = source[len("docs/") : -len(".md")]
    if inner == "index":
        return ""
    if inner.endswith("/index"):
        return inner[: -len("index")]
    return inner + "/"


def pages_using(root: Path, data_file: str) -> list[str]:
    """Pages whose front matter lists ``data_file`` under uppgifter."""
    pattern = re.compile(r"^uppgifter:.*\b" + re.escape(data_file) + r"\b", re.M)
    found = []
    for page in sorted((root / "docs").rglob("*.md")):
        head = page.read_text(encoding="utf-8").split("\n---", 1)[0]
        if pattern.search(head):
            found.append(page.relative_to(root).as_posix())
    return found


def changed_pages(root: Path, files: list[str]) -> dict:
    """{"pages": [site paths], "everything": bool}: what a reviewer should look at."""
    pages: set[str] = set()
    everything = False
    for name in files:
        if name.startswith("docs/") and name.endswith(".md"):
            path = page_path(name)
            if path is not None:
                pages.add(path)
        elif name.startswith("data/"):
            pages.update(p for p in map(page_path, pages_using(root, name)) if p is not None)
        elif name.startswith(("macros/", "overrides/", "docs/assets/")) or name == "mkdocs.yml":
            everything = True
    return {"pages": sorted(pages), "everything": everything}


def git_changed_files(base: str, head: str) -> list[str]:
    out = subprocess.run(["git", "diff", "--name-only", f"{base}...{head}"], cwd=ROOT, check=True, capture_output=True, text=True)
    return [line for line in out.stdout.splitlines() if line]


# ---- the comment ---------------------------------------------------------------------------------


def comment_body(number: int, changes: dict, production: str = PRODUCTION) -> str:
    preview = f"{production}{PREVIEWS}/pr-{number}/"
    lines = [
        MARKER,
        f"**Förhandsvisning:** {preview}",
        "",
        "Förhandsvisningen byggs om vid varje ny ändring och tas bort när förslaget stängs.",
    ]
    if changes["pages"]:
        lines += ["", "**Ändrade sidor**", "", "| Sida | Förhandsvisning | Publicerad nu |", "|---|---|---|"]
        for path in changes["pages"]:
            label = "/" + path
            lines.append(f"| `{label}` | [förhandsvisning]({preview}{path}) | [publicerad]({production}{path}) |")
    if changes["everything"]:
        lines += ["", "Ändringen rör mallar, stil eller kod och kan påverka alla sidor."]
    if not changes["pages"] and not changes["everything"]:
        lines += ["", "Ändringen rör inga sidor direkt."]
    return "\n".join(lines) + "\n"


def validated_changes(path: Path) -> dict:
    """Read changed.json from a build artifact, as untrusted data."""
    data = json.loads(path.read_text(encoding="utf-8"))
    pages = data.get("pages", [])
    if not isinstance(pages, list) or not all(isinstance(p, str) and (p == "" or SAFE_PATH.match(p)) for p in pages):
        raise ValueError("changed.json: pages must be a list of plain paths")
    return {"pages": pages, "everything": bool(data.get("everything"))}


def github_request(method: str, url: str, token: str, body: dict | None = None):
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode() if body is not None else None,
        method=method,
        headers={"Authorization": f"Bearer {token}", "Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - api.github.com only
        return json.loads(response.read() or b"null")


def post_sticky_comment(number: int, body: str) -> None:
    """Create the preview comment, or update it if an earlier push made one."""
    repository, token = os.environ["GITHUB_REPOSITORY"], os.environ["GITHUB_TOKEN"]
    api = f"https://api.github.com/repos/{repository}/issues"
    comments = github_request("GET", f"{api}/{number}/comments?per_page=100", token)
    mine = next((c for c in comments if MARKER in (c.get("body") or "")), None)
    if mine:
        github_request("PATCH", f"{api}/comments/{mine['id']}", token, {"body": body})
    else:
        github_request("POST", f"{api}/{number}/comments", token, {"body": body})


# ---- the gh-pages branch -------------------------------------------------------------------------


def remote_url() -> str:
    if os.environ.get("PAGES_REMOTE"):
        return os.environ["PAGES_REMOTE"]
    return f"https://x-access-token:{os.environ['GITHUB_TOKEN']}@github.com/{os.environ['GITHUB_REPOSITORY']}.git"


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def update_branch(change, message: str, attempts: int = 3) -> bool:
    """Apply ``change(worktree)`` to the tip of the pages branch and push; retry if someone
    else pushed in between. Returns whether anything changed."""
    branch = os.environ.get("PAGES_BRANCH", "gh-pages")
    remote = remote_url()
    for attempt in range(attempts):
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            git("init", "--quiet", cwd=work)
            git("config", "user.name", "malmoandan-publicering", cwd=work)
            git("config", "user.email", "publicering@malmoandan.se", cwd=work)
            git("checkout", "--quiet", "--orphan", branch, cwd=work)
            exists = subprocess.run(["git", "fetch", "--quiet", "--depth", "1", remote, branch], cwd=work, capture_output=True).returncode == 0
            if exists:
                git("reset", "--quiet", "--hard", "FETCH_HEAD", cwd=work)
            change(work)
            (work / ".nojekyll").touch()  # GitHub Pages serves the files as they are
            git("add", "--all", cwd=work)
            if exists and not git("status", "--porcelain", cwd=work).strip():
                return False
            git("commit", "--quiet", "-m", message, cwd=work)
            if subprocess.run(["git", "push", "--quiet", remote, f"HEAD:{branch}"], cwd=work, capture_output=True).returncode == 0:
                return True
    raise RuntimeError(f"could not push to {branch} after {attempts} attempts")


def replace_tree(source: Path, target: Path, keep: set[str] = frozenset()) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for child in target.iterdir():
        if child.name not in keep:
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    for child in source.iterdir():
        if child.is_symlink():
            continue  # a build has no links; one in an artifact is not copied
        destination = target / child.name
        shutil.copytree(child, destination, symlinks=False) if child.is_dir() else shutil.copy2(child, destination)


def check_target(target: str) -> str:
    if target and not re.fullmatch(rf"{PREVIEWS}/pr-\d+", target):
        raise ValueError(f"target must be empty (production) or {PREVIEWS}/pr-N, not {target!r}")
    return target


def publish(site: Path, target: str = "") -> bool:
    target = check_target(target)
    if target:
        return update_branch(lambda work: replace_tree(site, work / target), f"Förhandsvisning {target}")
    return update_branch(lambda work: replace_tree(site, work, keep=KEEP_AT_ROOT), "Publicera webbplatsen")


def remove(target: str) -> bool:
    target = check_target(target)
    if not target:
        raise ValueError("only a preview can be removed")
    return update_branch(lambda work: shutil.rmtree(work / target, ignore_errors=True), f"Ta bort {target}")


# ---- command line ----------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    changed = commands.add_parser("changed-pages")
    changed.add_argument("base")
    changed.add_argument("head")
    publish_cmd = commands.add_parser("publish")
    publish_cmd.add_argument("site", type=Path)
    publish_cmd.add_argument("--target", default="")
    remove_cmd = commands.add_parser("remove")
    remove_cmd.add_argument("target")
    comment = commands.add_parser("comment")
    comment.add_argument("number", type=int)
    comment.add_argument("changes", type=Path)
    closed = commands.add_parser("comment-closed")
    closed.add_argument("number", type=int)
    args = parser.parse_args(argv)

    if args.command == "changed-pages":
        print(json.dumps(changed_pages(ROOT, git_changed_files(args.base, args.head)), ensure_ascii=False))
    elif args.command == "publish":
        publish(args.site, args.target)
    elif args.command == "remove":
        remove(args.target)
    elif args.command == "comment":
        post_sticky_comment(args.number, comment_body(args.number, validated_changes(args.changes)))
    elif args.command == "comment-closed":
        post_sticky_comment(args.number, f"{MARKER}\nFörslaget är stängt och förhandsvisningen är borttagen.\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
