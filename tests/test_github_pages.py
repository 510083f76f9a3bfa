"""The preview publisher the workflows call (scripts/github_pages.py): which pages a change
touches, the pull request's artifact read as untrusted data (paths, links, sizes, the number,
noindex), pushes to the preview repository (here a local bare repository, no network), pruning,
and the sticky comment identified by its author."""

import json
import os
import stat
import subprocess
import zipfile
from pathlib import Path

import pytest

from scripts import github_pages
from scripts.github_pages import Refused

ROOT = Path(__file__).parent.parent
NOINDEX = '<!doctype html><html><head><meta name="robots" content="noindex, nofollow"><title>x</title></head><body>x</body></html>'
SHA = "a" * 40


# ---- which pages a change touches -------------------------------------------------------------


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
    # The pages whose front matter lists data/timeline.yml under uppgifter, and the changed page.
    assert changes == {"pages": ["", "beslut/", "historik/", "samarbetsplan-2018-2022/", "samarbetsplan-2021-2026/"], "everything": False}
    assert github_pages.changed_pages(ROOT, ["overrides/main.html"])["everything"] is True


# ---- the comment ---------------------------------------------------------------------------------


def test_comment_links_the_preview_origin_and_production():
    body = github_pages.comment_body(7, {"pages": ["historik/"], "everything": False})
    assert body.startswith(github_pages.MARKER)
    assert "https://malmoandan.github.io/forhandsvisning/pr-7/" in body
    assert (
        "| `/historik/` | [förhandsvisning](https://malmoandan.github.io/forhandsvisning/pr-7/historik/) "
        "| [publicerad](https://malmoandan.se/historik/) |"
    ) in body
    assert "malmoandan.se/pr-preview" not in body


@pytest.mark.parametrize(
    "data",
    [
        {"pages": ["historik/", "x) [klicka](https://ond.example"]},
        {"pages": ["../../x"]},
        {"pages": "historik/"},
        ["historik/"],
    ],
)
def test_changes_from_an_artifact_are_validated(tmp_path, data):
    bad = tmp_path / "changed.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(Refused):
        github_pages.validated_changes(bad)


def comment(login, body, kind="Bot", number=1):
    return {"id": number, "user": {"login": login, "type": kind}, "body": body}


def test_the_sticky_comment_is_known_by_its_author_not_its_text():
    marked = github_pages.MARKER + "\nFörhandsvisning: https://ond.example/"
    assert github_pages.is_own_comment(comment("github-actions[bot]", marked))
    assert not github_pages.is_own_comment(comment("mallory", marked, kind="User"))
    assert not github_pages.is_own_comment(comment("github-actions[bot]", marked, kind="User"))
    assert not github_pages.is_own_comment(comment("github-actions[bot]", "Tack! " + github_pages.MARKER))


def test_a_comment_with_the_marker_by_someone_else_is_never_edited(monkeypatch):
    calls = []
    listed = [comment("mallory", github_pages.MARKER + " fake", kind="User", number=5)]

    def fake(method, path, body=None):
        calls.append((method, path))
        return listed if method == "GET" else {}

    monkeypatch.setattr(github_pages, "github_request", fake)
    github_pages.post_sticky_comment("malmoandan/malmoandan.se", 7, "x")
    assert calls[-1] == ("POST", "repos/malmoandan/malmoandan.se/issues/7/comments")
    listed.append(comment("github-actions[bot]", github_pages.MARKER + " old", number=9))
    github_pages.post_sticky_comment("malmoandan/malmoandan.se", 7, "x")
    assert calls[-1] == ("PATCH", "repos/malmoandan/malmoandan.se/issues/comments/9")
    calls.clear()
    listed.pop()
    github_pages.post_sticky_comment("malmoandan/malmoandan.se", 7, "x", create=False)
    assert [method for method, _ in calls] == ["GET"]


# ---- the pull request's number -------------------------------------------------------------------


@pytest.mark.parametrize("text, number", [("7", 7), ("7\n", 7), ("1234567", 1234567)])
def test_a_pull_request_number_in_ascii_digits(text, number):
    assert github_pages.parse_number(text) == number


@pytest.mark.parametrize(
    "text",
    ["", "0", "-7", "+7", " 7", "7 ", "7\n\n", "7\r\n", "1e3", "12345678", "٧", "７", "𝟕", "7\u200b", "pr-7", "0x7"],
)
def test_anything_else_is_not_a_number(text):
    with pytest.raises(Refused):
        github_pages.parse_number(text)


def test_a_preview_folder_is_pr_and_ascii_digits():
    assert github_pages.preview_folder(7) == "pr-7"
    assert github_pages.PREVIEW_FOLDER.fullmatch("pr-٧") is None
    assert github_pages.PREVIEW_FOLDER.fullmatch("pr-7/../x") is None


# ---- the artifact: zip entries -------------------------------------------------------------------


def make_zip(path: Path, entries: list) -> Path:
    """entries: (name, bytes) or (name, bytes, unix mode) or a ready zipfile.ZipInfo pair."""
    with zipfile.ZipFile(path, "w") as archive:
        for entry in entries:
            name, data, *mode = entry
            info = zipfile.ZipInfo(name)
            if mode:
                info.external_attr = mode[0] << 16
            archive.writestr(info, data)
    return path


def good_entries(number="7\n", page=NOINDEX):
    return [
        ("pr-nummer.txt", number),
        ("changed.json", json.dumps({"pages": ["historik/"], "everything": False})),
        ("site/index.html", page),
        ("site/historik/index.html", page, stat.S_IFREG | 0o755),
        ("site/assets/", b"", stat.S_IFDIR | 0o755),
        ("site/assets/style.css", "body{}"),
        ("site/search/search_index.json", "{}"),
    ]


def test_a_good_artifact_is_extracted_as_plain_files(tmp_path):
    archive = make_zip(tmp_path / "a.zip", good_entries())
    work = tmp_path / "work"
    work.mkdir()
    number, site, changes = github_pages.read_artifact(archive, work, 7)
    assert (number, changes) == (7, {"pages": ["historik/"], "everything": False})
    assert (site / "historik" / "index.html").read_text(encoding="utf-8") == NOINDEX
    # Modes from the archive are not kept: nothing extracted is executable.
    assert stat.S_IMODE((site / "historik" / "index.html").stat().st_mode) & 0o111 == 0
    with pytest.raises(Refused):
        github_pages.read_artifact(archive, tmp_path / "again", 8)


@pytest.mark.parametrize(
    "name",
    [
        "/etc/cron.d/x",
        "../x",
        "site/../../x",
        "site/./index.html",
        "site//index.html",
        "site\\..\\x",
        "C:/x",
        ".git/config",
        "site/.nojekyll",
        "site/.well-known/x",
        "site/å.html",
        "site/a b.html",
        "site/x\n.html",
        "site/" + "a/" * 20 + "x.html",
        "site/" + "a" * 200 + ".html",
    ],
)
def test_unsafe_names_are_refused_before_anything_is_written(tmp_path, name):
    archive = make_zip(tmp_path / "a.zip", [*good_entries(), (name, "x")])
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(Refused):
        github_pages.extract_artifact(archive, work)
    assert list(work.iterdir()) == []


@pytest.mark.parametrize(
    "entry",
    [
        ("site/link.html", "/etc/passwd", stat.S_IFLNK | 0o777),  # a symbolic link
        ("site/assets/link/", b"", stat.S_IFLNK | 0o777),  # a link to a folder
        ("site/fifo", b"", stat.S_IFIFO | 0o644),
        ("site/dev", b"", stat.S_IFCHR | 0o644),
        ("site/folder-as-file/", b"", stat.S_IFREG | 0o644),
        ("site/index.html", NOINDEX),  # the same entry twice
        ("site/index.html/x.html", NOINDEX),  # a file used as a folder
    ],
    ids=["symlink", "symlink-dir", "fifo", "device", "dir-typed-file", "duplicate", "file-as-folder"],
)
@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_links_and_special_entries_are_refused(tmp_path, entry):
    archive = make_zip(tmp_path / "a.zip", [*good_entries(), entry])
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(Refused):
        github_pages.extract_artifact(archive, work)
    assert list(work.iterdir()) == []


def test_an_encrypted_entry_is_refused(tmp_path):
    archive = make_zip(tmp_path / "a.zip", [*good_entries(), ("site/secret.html", "x")])
    # zipfile cannot write encrypted entries: set the "encrypted" bit in the central directory.
    data = bytearray(archive.read_bytes())
    header = data.rindex(b"PK\x01\x02")  # the last entry's central directory header
    data[header + 8] |= 0x1
    archive.write_bytes(bytes(data))
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(Refused, match="encrypted"):
        github_pages.extract_artifact(archive, work)


def test_something_that_is_not_a_zip_is_refused(tmp_path):
    archive = tmp_path / "a.zip"
    archive.write_bytes(b"#!/bin/sh\necho hej\n")
    with pytest.raises(Refused, match="zip"):
        github_pages.extract_artifact(archive, tmp_path)


def test_size_and_count_are_capped(tmp_path, monkeypatch):
    archive = make_zip(tmp_path / "a.zip", [*good_entries(), ("site/big.bin", b"\0" * 5000)])
    monkeypatch.setattr(github_pages, "MAX_BYTES", 4000)
    (tmp_path / "w1").mkdir()
    with pytest.raises(Refused, match="larger"):
        github_pages.extract_artifact(archive, tmp_path / "w1")
    monkeypatch.setattr(github_pages, "MAX_BYTES", 10_000)
    monkeypatch.setattr(github_pages, "MAX_FILES", 5)
    (tmp_path / "w2").mkdir()
    with pytest.raises(Refused, match="entries"):
        github_pages.extract_artifact(archive, tmp_path / "w2")


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>x</title></head><body>x</body></html>",
        '<html><head><!-- <meta name="robots" content="noindex"> --></head></html>',
        '<html><head><script>let m = \'<meta name="robots" content="noindex">\'</script></head></html>',
        '<html><head><meta name="robots" content="index, follow"></head></html>',
        '<html><head><meta name="description" content="noindex"></head></html>',
    ],
    ids=["none", "in-comment", "in-script", "index", "other-meta"],
)
def test_every_html_page_must_carry_noindex(tmp_path, page):
    entries = [*good_entries(), ("site/kalender/index.html", page)]
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(Refused, match="noindex"):
        github_pages.read_artifact(make_zip(tmp_path / "a.zip", entries), work)


@pytest.mark.parametrize("missing", ["pr-nummer.txt", "site/index.html"])
def test_an_artifact_without_number_or_start_page_is_refused(tmp_path, missing):
    entries = [e for e in good_entries() if e[0] != missing]
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(Refused):
        github_pages.read_artifact(make_zip(tmp_path / "a.zip", entries), work)


def test_a_non_ascii_number_in_the_artifact_is_refused(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(Refused):
        github_pages.read_artifact(make_zip(tmp_path / "a.zip", good_entries(number="٧\n")), work)


# ---- the site on disk: never a link ----------------------------------------------------------------


def site_tree(root: Path) -> Path:
    (root / "historik").mkdir(parents=True)
    (root / "index.html").write_text(NOINDEX, encoding="utf-8")
    (root / "historik" / "index.html").write_text(NOINDEX, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "make",
    [
        lambda site: (site / "passwd").symlink_to("/etc/passwd"),
        lambda site: (site / "historik" / "etc").symlink_to("/etc", target_is_directory=True),  # nested
        lambda site: (site / "historik" / "start.html").symlink_to(site / "index.html"),
        lambda site: os.link(site / "index.html", site / "historik" / "hard.html"),
        lambda site: os.mkfifo(site / "historik" / "fifo"),
        lambda site: (site / ".git").mkdir(),
    ],
    ids=["symlink", "nested-dir-symlink", "nested-file-symlink", "hardlink", "fifo", "dotfolder"],
)
def test_a_tree_with_links_or_special_files_is_refused(tmp_path, make):
    site = site_tree(tmp_path / "site")
    make(site)
    with pytest.raises(Refused):
        github_pages.check_preview_site(site)


def test_a_site_folder_that_is_a_link_is_refused(tmp_path):
    site = site_tree(tmp_path / "site")
    (tmp_path / "link").symlink_to(site, target_is_directory=True)
    with pytest.raises(Refused):
        github_pages.check_preview_site(tmp_path / "link")


def test_copying_never_follows_a_link(tmp_path):
    site = site_tree(tmp_path / "site")
    files = github_pages.check_preview_site(site)
    (site / "historik" / "index.html").unlink()
    (site / "historik" / "index.html").symlink_to("/etc/passwd")  # swapped after the check
    with pytest.raises(OSError):
        github_pages.copy_tree(site, files, tmp_path / "out")
    assert not (tmp_path / "out" / "historik" / "index.html").exists()


# ---- pushing to the preview repository ----------------------------------------------------------------


def files_on_branch(remote: Path) -> set[str]:
    out = subprocess.run(["git", "ls-tree", "-r", "--name-only", "gh-pages"], cwd=remote, check=True, capture_output=True, text=True)
    return set(out.stdout.split())


@pytest.fixture
def remote(tmp_path, monkeypatch):
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(bare)], check=True)
    monkeypatch.setenv("PAGES_REMOTE", bare.as_uri())
    with github_pages.PreviewRemote() as preview:
        yield bare, preview


def test_previews_side_by_side_then_pruned(tmp_path, remote):
    bare, preview = remote
    site = site_tree(tmp_path / "site")
    assert github_pages.publish_preview(preview, 7, site)
    assert github_pages.publish_preview(preview, 8, site)
    (site / "historik" / "index.html").unlink()  # the next push drops a page
    assert github_pages.publish_preview(preview, 7, site)
    assert files_on_branch(bare) == {".nojekyll", "pr-7/index.html", "pr-8/index.html", "pr-8/historik/index.html"}
    assert not github_pages.publish_preview(preview, 7, site)  # nothing changed, nothing pushed

    assert github_pages.prune(preview, lambda number: number == 8) == [7]
    assert files_on_branch(bare) == {".nojekyll", "pr-8/index.html", "pr-8/historik/index.html"}
    assert github_pages.remove_preview(preview, 8)
    assert files_on_branch(bare) == {".nojekyll"}


def test_a_refused_site_pushes_nothing(tmp_path, remote):
    bare, preview = remote
    site = site_tree(tmp_path / "site")
    assert github_pages.publish_preview(preview, 7, site)
    (site / "historik" / "etc").symlink_to("/etc", target_is_directory=True)
    with pytest.raises(Refused):
        github_pages.publish_preview(preview, 7, site)
    assert files_on_branch(bare) == {".nojekyll", "pr-7/index.html", "pr-7/historik/index.html"}


def test_the_deploy_key_is_offered_to_github_only(monkeypatch):
    monkeypatch.delenv("PAGES_REMOTE", raising=False)
    monkeypatch.delenv("PREVIEW_DEPLOY_KEY", raising=False)
    with pytest.raises(Refused, match="PREVIEW_DEPLOY_KEY"):
        github_pages.PreviewRemote()
    monkeypatch.setenv("PREVIEW_DEPLOY_KEY", "-----BEGIN OPENSSH PRIVATE KEY-----\nx\n-----END OPENSSH PRIVATE KEY-----")
    with github_pages.PreviewRemote() as preview:
        assert preview.url == "git@github.com:malmoandan/forhandsvisning.git"
        command = preview.env["GIT_SSH_COMMAND"]
        assert "StrictHostKeyChecking=yes" in command and "IdentitiesOnly=yes" in command
        key = Path(command.split("-i ")[1].split()[0])
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
        assert Path(command.split("UserKnownHostsFile=")[1]).read_text() == github_pages.GITHUB_KNOWN_HOSTS
    assert not key.exists()
    monkeypatch.setenv("PREVIEW_REPOSITORY", "malmoandan/x.git --upload-pack=evil")
    with pytest.raises(Refused):
        github_pages.PreviewRemote()


# ---- the triggering run and the pull request ----------------------------------------------------------


def run(**changes):
    event = {
        "event": "pull_request",
        "conclusion": "success",
        "id": 123,
        "head_sha": SHA,
        "head_repository": {"full_name": "malmoandan/malmoandan.se"},
    }
    return {"workflow_run": {**event, **changes}}


@pytest.mark.parametrize(
    "changes",
    [
        {"event": "push"},
        {"conclusion": "failure"},
        {"head_repository": {"full_name": "mallory/malmoandan.se"}},
        {"head_sha": "main"},
        {"id": "123; rm -rf /"},
    ],
)
def test_only_successful_pull_request_runs_of_this_repository_publish(changes):
    with pytest.raises(Refused):
        github_pages.triggering_run(run(**changes), "malmoandan/malmoandan.se")
    assert github_pages.triggering_run(run(), "malmoandan/malmoandan.se")["id"] == 123


def test_the_number_must_name_the_pull_request_that_was_built():
    good = {"number": 7, "head": {"sha": SHA, "repo": {"full_name": "malmoandan/malmoandan.se"}}}
    built = run()["workflow_run"]
    github_pages.check_pull_request(good, built, "malmoandan/malmoandan.se")
    with pytest.raises(github_pages.Superseded):
        github_pages.check_pull_request({**good, "head": {**good["head"], "sha": "b" * 40}}, built, "malmoandan/malmoandan.se")
    with pytest.raises(Refused):
        github_pages.check_pull_request({**good, "head": {"sha": SHA, "repo": {"full_name": "mallory/x"}}}, built, "malmoandan/malmoandan.se")


def test_check_artifact_on_the_command_line(tmp_path, capsys):
    archive = make_zip(tmp_path / "a.zip", good_entries())
    assert github_pages.main(["check-artifact", str(archive), "7"]) == 0
    bad = make_zip(tmp_path / "b.zip", [*good_entries(), ("site/link", "/etc", stat.S_IFLNK | 0o777)])
    assert github_pages.main(["check-artifact", str(bad), "7"]) == 1
    assert "symbolic link" in capsys.readouterr().err


# ---- the whole workflow_run job, with GitHub's API replaced ----------------------------------------


@pytest.fixture
def github(tmp_path, monkeypatch, remote):
    """The publish-preview command's world: an event file, a fake API and a local preview repository."""
    bare, _preview = remote
    event = tmp_path / "event.json"
    event.write_text(json.dumps(run()), encoding="utf-8")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    monkeypatch.setenv("GITHUB_REPOSITORY", "malmoandan/malmoandan.se")
    world = {"artifact": make_zip(tmp_path / "artifact.zip", good_entries()), "state": "open", "sha": SHA, "comments": [], "bare": bare}

    def download(repository, run_id, destination):
        assert (repository, run_id) == ("malmoandan/malmoandan.se", 123)
        destination.write_bytes(world["artifact"].read_bytes())

    def pull_request(repository, number):
        return {"number": number, "state": world["state"], "head": {"sha": world["sha"], "repo": {"full_name": repository}}}

    monkeypatch.setattr(github_pages, "download_artifact", download)
    monkeypatch.setattr(github_pages, "pull_request", pull_request)
    monkeypatch.setattr(github_pages, "is_open", lambda repository, number: world["state"] == "open")
    monkeypatch.setattr(github_pages, "post_sticky_comment", lambda repository, number, body, create=True: world["comments"].append((number, body, create)))
    return world


def test_publish_preview_end_to_end(github):
    assert github_pages.main(["publish-preview"]) == 0
    assert files_on_branch(github["bare"]) >= {"pr-7/index.html", "pr-7/historik/index.html"}
    number, body, create = github["comments"][-1]
    assert (number, create) == (7, True) and "https://malmoandan.github.io/forhandsvisning/pr-7/historik/" in body


def test_a_closed_pull_request_is_removed_not_published(github):
    assert github_pages.main(["publish-preview"]) == 0
    github["state"] = "closed"
    assert github_pages.main(["publish-preview"]) == 0
    assert files_on_branch(github["bare"]) == {".nojekyll"}
    assert github["comments"][-1] == (7, github_pages.CLOSED_BODY, False)


def test_a_newer_push_supersedes_the_run(github):
    github["sha"] = "b" * 40
    assert github_pages.main(["publish-preview"]) == 0
    assert github["comments"] == []
    assert subprocess.run(["git", "rev-parse", "--verify", "gh-pages"], cwd=github["bare"], capture_output=True).returncode != 0


def test_a_refused_artifact_fails_the_job_and_publishes_nothing(github, tmp_path):
    github["artifact"] = make_zip(tmp_path / "bad.zip", [*good_entries(), ("site/x", "/etc/passwd", stat.S_IFLNK | 0o777)])
    assert github_pages.main(["publish-preview"]) == 1
    assert github["comments"] == []
    assert subprocess.run(["git", "rev-parse", "--verify", "gh-pages"], cwd=github["bare"], capture_output=True).returncode != 0


def test_prune_on_the_command_line(github):
    assert github_pages.main(["publish-preview"]) == 0
    github["state"] = "closed"
    assert github_pages.main(["prune"]) == 0
    assert files_on_branch(github["bare"]) == {".nojekyll"}
    assert github["comments"][-1] == (7, github_pages.CLOSED_BODY, False)
