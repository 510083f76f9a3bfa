"""The publishing script the workflows call: which pages a change touches, the comment, and
pushes to a gh-pages branch (here a local bare repository, no network)."""

import json
import subprocess
from pathlib import Path

import pytest

from scripts import github_pages

ROOT = Path(__file__).parent.parent


@pytest.mark.parametrize(
    "source, path",
    [
        ("docs/index.md", ""),
        ("docs/historik.md", "historik/"),
        ("docs/samarbetsplan-2021-2026/index.md", "samarbetsplan-2021-2026/"),
        ("docs/kalender/evenemang/2023/2023-04-13-x.md", "kalender/evenemang/2023/2023-04-13-x/"),
        ("docs/kalender/evenemang/_mall.md", None),
        ("README.md", None),
    ],
)
def test_page_path(source, path):
    assert github_pages.page_path(source) == path


def test_a_data_file_change_lists_the_pages_that_show_it():
    changes = github_pages.changed_pages(ROOT, ["data/timeline.yml", "docs/beslut.md"])
    assert changes == {"pages": ["beslut/", "historik/"], "everything": False}
    assert github_pages.changed_pages(ROOT, ["overrides/main.html"])["everything"] is True


def test_comment_links_preview_and_production():
    body = github_pages.comment_body(7, {"pages": ["historik/"], "everything": False})
    assert body.startswith(github_pages.MARKER)
    assert "https://malmoandan.se/pr-preview/pr-7/" in body
    assert "| `/historik/` | [förhandsvisning](https://malmoandan.se/pr-preview/pr-7/historik/) | [publicerad](https://malmoandan.se/historik/) |" in body


def test_changes_from_an_artifact_are_validated(tmp_path):
    bad = tmp_path / "changed.json"
    bad.write_text(json.dumps({"pages": ["historik/", "x) [klicka](https://ond.example"]}), encoding="utf-8")
    with pytest.raises(ValueError):
        github_pages.validated_changes(bad)


def test_only_production_or_a_preview_folder_can_be_targeted():
    with pytest.raises(ValueError):
        github_pages.check_target("../main")
    with pytest.raises(ValueError):
        github_pages.remove("")


def files_on_branch(remote: Path) -> set[str]:
    out = subprocess.run(["git", "ls-tree", "-r", "--name-only", "gh-pages"], cwd=remote, check=True, capture_output=True, text=True)
    return set(out.stdout.split())


def test_publish_previews_and_production_side_by_side(tmp_path, monkeypatch):
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    monkeypatch.setenv("PAGES_REMOTE", remote.as_uri())
    site = tmp_path / "site"
    (site / "historik").mkdir(parents=True)
    (site / "index.html").write_text("start", encoding="utf-8")
    (site / "historik" / "index.html").write_text("historik", encoding="utf-8")

    assert github_pages.publish(site)
    assert github_pages.publish(site, "pr-preview/pr-7")
    (site / "historik" / "index.html").unlink()  # production drops a page
    assert github_pages.publish(site)
    assert files_on_branch(remote) == {
        ".nojekyll",
        "index.html",
        "pr-preview/pr-7/index.html",
        "pr-preview/pr-7/historik/index.html",
    }
    assert not github_pages.publish(site)  # nothing changed, nothing pushed

    assert github_pages.remove("pr-preview/pr-7")
    assert files_on_branch(remote) == {".nojekyll", "index.html"}
