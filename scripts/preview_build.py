"""A pull request's preview, built read-only in tester.yml (job preview-build), or by hand:

    python3 scripts/preview_build.py NUMBER BASE

It writes, in the repository's folder, what the artifact "forhandsvisning" holds:

- kontroll.txt: what ./dev check printed. A failing check does not stop the preview: its
  ``fil:rad`` lines go into the pull request's comment, next to the preview;
- site/: ./dev preview-build NUMBER (the preview origin's address, banner, noindex);
- changed.json: the pages and files that differ from the base commit BASE built the same way in
  a git worktree (scripts/compare_builds.changes), and whether code changed (scripts/change_scope);
- pr-nummer.txt.

Only the standard library here, so the runner's python3 can start it before ./dev check has set
up .venv; the comparisons run in .venv as their own commands. Both builds get the same SOURCE_DATE_EPOCH (the caller's, or now), so nothing differs by build
time. The exit status is 1 when the pull request's site does not build (kontroll.txt, bygget.txt
and pr-nummer.txt are still written, so the comment can say why), else 0 whatever the check said.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ("site", "changed.json", "kontroll.txt", "bygget.txt", "pr-nummer.txt")


def run(command: list[str], cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)


def python(root: Path) -> str:
    return str(root / ".venv" / "bin" / "python")


def build_base(root: Path, base: str, site: Path, env: dict) -> bool:
    """Build commit ``base`` into ``site`` with this checkout's packages: a git worktree of it,
    built by the same strict mkdocs command as ./dev preview-build. False when it does not build
    (a base whose packages differ from this checkout's, for one): then nothing is compared."""
    with tempfile.TemporaryDirectory() as folder:
        tree = Path(folder) / "bas"
        if run(["git", "worktree", "add", "--detach", "--quiet", str(tree), base], root, env).returncode != 0:
            return False
        try:
            built = run([python(root), "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(site)], tree, env)
            return built.returncode == 0
        finally:
            run(["git", "worktree", "remove", "--force", str(tree)], root, env)


def build_preview(number: int, base: str, epoch: int, root: Path = ROOT) -> int:
    """Write the artifact's files into ``root`` (a checkout of the pull request)."""
    for name in OUTPUTS:
        target = root / name
        shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
    (root / "pr-nummer.txt").write_text(f"{number}\n", encoding="ascii")
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GITHUB_ACTIONS", None)  # kontroll.txt gets the fil:rad lines, not the annotations
    checked = run([str(root / "dev"), "check"], root, env)
    (root / "kontroll.txt").write_text(checked.stdout + checked.stderr, encoding="utf-8")
    built = run([str(root / "dev"), "preview-build", str(number)], root, env)
    (root / "bygget.txt").write_text((built.stdout + built.stderr)[-20_000:], encoding="utf-8")
    if built.returncode != 0:
        return 1
    preview_env = {
        **env,
        "FORHANDSVISNING": str(number),
        "SITE_URL": f"{os.environ.get('PREVIEW_BASE_URL', 'https://malmoandan.github.io/forhandsvisning/')}pr-{number}/",
    }
    with tempfile.TemporaryDirectory() as folder:
        base_site = Path(folder) / "site"
        compared = build_base(root, base, base_site, preview_env)
        found = run([python(root), "-m", "scripts.compare_builds", "--changes", str(base_site), str(root / "site")], root, env) if compared else None
    scope = run([python(root), "-m", "scripts.change_scope", base], root, env).stdout.strip()
    changes = json.loads(found.stdout) if found and found.returncode == 0 else {"pages": [], "files": []}
    changes.update(compared=bool(found and found.returncode == 0), code=scope != "innehall")
    (root / "changed.json").write_text(json.dumps(changes, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def main(argv: list[str]) -> int:
    number, base = int(argv[0]), argv[1]
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())
    return build_preview(number, base, epoch)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
