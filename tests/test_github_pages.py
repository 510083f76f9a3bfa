"""The preview publisher the workflows call (scripts/github_pages.py) and the list of changed
pages (scripts/compare_builds.changes): which pages and files two builds differ in, the pull
request's artifact read as untrusted data (paths, links, sizes, the number, noindex as an HTML5
parser reads it, changed.json's shape and depth, the check's lines), the comment (titles, links
only to sides that exist, failures, GitHub's length limit), pushes to the preview repository
(here a local bare repository, no network), pruning, and the sticky comment identified by its
author. Every site here is made up in the test: nothing depends on the real content."""

import json
import os
import re
import shutil
import stat
import subprocess
import zipfile
from pathlib import Path

import pytest

from macros import scaffold
from scripts import compare_builds, github_pages, preview_build, sitebuild
from scripts.github_pages import Refused

# Rules on small inputs, no site build (those that build are marked bygger).
pytestmark = pytest.mark.snabb

ROOT = Path(__file__).parent.parent
NOINDEX = '<!doctype html><html><head><meta name="robots" content="noindex, nofollow"><title>x</title></head><body>x</body></html>'
SHA = "a" * 40


# ---- which pages a change touches: two builds compared ------------------------------------------


def page(title: str, body: str, changed: str = "1 januari 2026") -> str:
    return (
        f"<!doctype html><html><head><title>{title} - Webbplats</title></head><body><nav>meny</nav>"
        f'<article><h1>{title}</h1>{body}<p class="ma-changed">Senast ändrad {changed}</p></article>'
        "<footer>byggd nu</footer></body></html>"
    )


def write_site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_two_builds_differ_in_the_pages_and_files_a_reader_sees(tmp_path):
    base = write_site(
        tmp_path / "bas",
        {
            "index.html": page("Start", "<p>Välkommen</p>"),
            "kalender/index.html": page("Kalender", "<ul><li>Möte 1</li></ul>"),
            "historik/index.html": page("Historik", "<p>Förr</p>"),
            "gammal/index.html": page("Gammal sida", "<p>x</p>"),
            "kalender.ics": "BEGIN:VCALENDAR\nEND:VCALENDAR\n",
            "sitemap.xml": "<urlset>1</urlset>",
            "search/search_index.json": "{}",
        },
    )
    head = write_site(
        tmp_path / "ny",
        {
            # Only the navigation, the footer and "Senast ändrad" differ: not a changed page.
            "index.html": page("Start", "<p>Välkommen</p>", changed="2 januari 2026").replace("meny", "meny, Ny sida"),
            # A list the change reaches.
            "kalender/index.html": page("Kalender", "<ul><li>Möte 1</li><li>Möte 2</li></ul>"),
            # The same text, another link target: changed.
            "historik/index.html": page("Historik", '<p><a href="../x/">Förr</a></p>').replace("<p><a href=\"../x/\">Förr</a></p>", '<p><a href="../y/">Förr</a></p>'),
            "ny/index.html": page("Ny sida", "<p>y</p>"),
            "kalender.ics": "BEGIN:VCALENDAR\nUID:2\nEND:VCALENDAR\n",
            "sitemap.xml": "<urlset>2</urlset>",
            "search/search_index.json": "{\"x\": 1}",
        },
    )
    assert compare_builds.changes(base, head) == {
        "pages": [
            {"path": "gammal/", "title": "Gammal sida", "status": "removed"},
            {"path": "historik/", "title": "Historik", "status": "changed"},
            {"path": "kalender/", "title": "Kalender", "status": "changed"},
            {"path": "ny/", "title": "Ny sida", "status": "new"},
        ],
        "files": [{"path": "kalender.ics", "status": "changed"}],
    }
    assert compare_builds.changes(base, base) == {"pages": [], "files": []}


def test_a_retitled_page_is_changed(tmp_path):
    base = write_site(tmp_path / "bas", {"a/index.html": page("Gammal titel", "<p>x</p>")})
    head = write_site(tmp_path / "ny", {"a/index.html": page("Gammal titel", "<p>x</p>").replace("<h1>Gammal titel</h1>", "<h1>Ny titel</h1>")})
    assert compare_builds.changes(base, head)["pages"] == [{"path": "a/", "title": "Ny titel", "status": "changed"}]


# ---- the comment ---------------------------------------------------------------------------------


CHANGES = {
    "pages": [
        {"path": "kalender/", "title": "Kalender", "status": "changed"},
        {"path": "kalender/evenemang/2027/ny/", "title": "Ny lunch", "status": "new"},
        {"path": "gammal/", "title": "Gammal sida", "status": "removed"},
    ],
    "files": [{"path": "kalender.ics", "status": "changed"}],
    "compared": True,
    "code": False,
}
PREVIEW = "https://malmoandan.github.io/forhandsvisning/pr-7/"


def test_comment_links_each_page_by_title_on_the_sides_where_it_exists():
    body = github_pages.comment_body(7, CHANGES)
    assert body.startswith(github_pages.MARKER)
    assert f"**Förhandsvisning:** {PREVIEW}" in body
    assert f"| Kalender | [förhandsvisning]({PREVIEW}kalender/) | [publicerad](https://malmoandan.se/kalender/) |" in body
    assert f"| Ny lunch (ny sida) | [förhandsvisning]({PREVIEW}kalender/evenemang/2027/ny/) | – |" in body
    assert "| Gammal sida (borttagen) | – | [publicerad](https://malmoandan.se/gammal/) |" in body
    assert f"| `kalender.ics` (ändrad) | [förhandsvisning]({PREVIEW}kalender.ics) | [publicerad](https://malmoandan.se/kalender.ics) |" in body
    assert "Kontrollen, bygget och testerna gick igenom." in body
    assert "kod, mallar eller stil" not in body
    assert "kod, mallar eller stil" in github_pages.comment_body(7, {**CHANGES, "code": True})


def test_comment_lists_what_failed_in_swedish_with_the_check_lines_and_the_run():
    run_url = "https://github.com/malmoandan/malmoandan.se/actions/runs/123"
    failures = [{"name": "Innehållskontroll och tester", "steps": ["Innehållskontroll"], "url": run_url + "/job/9"}]
    lines = ["docs/kalender/evenemang/2027/x.md:4: typ: \"lunch\" finns inte. Välj en av: lärandelunch, seminarium"]
    body = github_pages.comment_body(7, CHANGES, failures=failures, check_lines=lines, run_url=run_url)
    assert "**Det här behöver rättas innan ändringen kan publiceras:**" in body
    assert f"- **Innehållskontroll och tester**: *Innehållskontroll* ([logg]({run_url}/job/9))" in body
    assert "```text\n" + lines[0] + "\n```" in body
    assert f"- Hela körningen: {run_url}" in body
    assert f"**Förhandsvisning:** {PREVIEW}" in body and "gick igenom" not in body


def test_comment_when_the_site_did_not_build():
    body = github_pages.comment_body(7, github_pages.NOTHING_COMPARED, built=False, check_lines=["docs/a.md:3: fel"])
    assert "**Ingen förhandsvisning: webbplatsen gick inte att bygga med ändringen.**" in body
    assert PREVIEW not in body and "docs/a.md:3: fel" in body


def test_text_from_the_pull_request_stays_text_in_the_comment():
    evil = {"path": "a/", "title": "x | [klicka](https://ond.example) <img src=x> @malmoandan/utvecklare\u202e", "status": "changed"}
    failures = [{"name": "![bild](https://ond.example/x.png)", "steps": ["`kod`"], "url": "https://github.com/o/r/actions/runs/1"}]
    body = github_pages.comment_body(7, {**CHANGES, "pages": [evil]}, failures=failures, check_lines=["docs/a.md:1: ``` bryt ut"])
    for unescaped in (r"(?<!\\)\[klicka", r"(?<!\\)<img", r"(?<!\\)!(?<!\\)\[bild"):
        assert not re.search(unescaped, body), unescaped
    assert "\\| \\[klicka\\]\\(https\\://ond\\.example\\)" in body
    assert "@malmoandan" not in body and "@\u2060malmoandan" in body and "\u202e" not in body
    assert body.count("```") == 2


def test_a_long_list_is_cut_to_githubs_limit_with_a_pointer_to_the_whole_list():
    many = [{"path": f"sida-{n}/", "title": f"Sida nummer {n}", "status": "changed"} for n in range(3000)]
    run_url = "https://github.com/malmoandan/malmoandan.se/actions/runs/123"
    body = github_pages.comment_body(7, {**CHANGES, "pages": many}, run_url=run_url)
    assert len(body) <= github_pages.COMMENT_LIMIT
    assert "| Sida nummer 0 |" in body and "| Sida nummer 2999 |" not in body
    assert f"Hela listan finns i körningens sammanfattning: {run_url}" in body
    kept = body.count("| Sida nummer ")
    assert f"… och {3000 - kept + 1} rader till." in body  # the rest of the pages, and the one file
    whole = github_pages.comment_body(7, {**CHANGES, "pages": many}, run_url=run_url, limit=None)
    assert "| Sida nummer 2999 |" in whole and len(whole) > github_pages.COMMENT_LIMIT


def test_a_hundred_failed_jobs_with_long_names_stay_within_githubs_limit():
    """The job and step names come from the pull request's workflow file: however many and long
    they are, the whole comment fits GitHub's limit, and it says how much more failed."""
    run_url = "https://github.com/malmoandan/malmoandan.se/actions/runs/123"
    long = "|[*.-" * 200  # punctuation: every character is escaped, so it doubles
    failures = [{"name": f"jobb {n} {long}", "steps": [f"steg {s} {long}" for s in range(20)], "url": run_url + "/job/" + "9" * 1000} for n in range(100)]
    check_lines = [f"docs/{n}.md:{n}: {long}" for n in range(1000)]
    many = [{"path": f"sida-{n}/", "title": f"Sida {long}", "status": "changed"} for n in range(3000)]
    body = github_pages.comment_body(7, {**CHANGES, "pages": many}, failures=failures, check_lines=check_lines, run_url=run_url)
    assert len(body) <= 65536
    assert body.count("([logg](") == github_pages.MAX_FAILED_JOBS
    assert f"- … och {100 - github_pages.MAX_FAILED_JOBS} jobb till som misslyckades (se körningen)." in body
    assert f" och {20 - github_pages.MAX_FAILED_STEPS} steg till" in body
    assert "docs/59.md:59: " in body and "docs/60.md:60: " not in body
    assert "| Sida " in body  # the list of pages still begins


def entry(path="historik/", title="Historik", status="changed"):
    return {"path": path, "title": title, "status": status}


@pytest.mark.parametrize(
    "data",
    [
        {"pages": [entry(), entry(path="x) [klicka](https://ond.example")]},
        {"pages": [entry(path="../../x")]},
        {"pages": [entry(status="hacked")]},
        {"pages": [entry(title=["x"])]},
        {"pages": [{**entry(), "extra": 1}]},
        {"pages": [entry()], "unknown": True},
        {"pages": "historik/"},
        {"files": [{"path": "/etc/passwd", "status": "new"}]},
        ["historik/"],
    ],
)
def test_changes_from_an_artifact_are_validated(tmp_path, data):
    bad = tmp_path / "changed.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(Refused):
        github_pages.validated_changes(bad)


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, '{"pages": ' + "[" * 50_000 + "]" * 50_000 + "}", "{", "\xff"])
def test_deep_or_broken_json_is_refused_not_a_crash(tmp_path, text):
    bad = tmp_path / "changed.json"
    bad.write_bytes(text.encode("latin-1"))
    with pytest.raises(Refused):
        github_pages.validated_changes(bad)


def test_valid_changes_are_read_and_titles_made_one_line(tmp_path):
    good = tmp_path / "changed.json"
    good.write_text(json.dumps({**CHANGES, "pages": [entry(title="Två\nrader\u200b")]}), encoding="utf-8")
    assert github_pages.validated_changes(good)["pages"] == [entry(title="Två rader")]


def test_only_check_and_build_error_lines_reach_the_comment(tmp_path):
    check = tmp_path / "kontroll.txt"
    check.write_text(
        "Installerar Python-paket …\n::error file=docs/a.md,line=3::fel\ndocs/a.md:3: typ saknas\n"
        "docs/a.md:3: typ saknas\n1 fel. Rätta dem.\n",
        encoding="utf-8",
    )
    build = tmp_path / "bygget.txt"
    build.write_text("INFO    -  Cleaning\nERROR   -  Fel i docs/b.md\n", encoding="utf-8")
    assert github_pages.error_lines(check, build, tmp_path / "saknas.txt") == ["docs/a.md:3: typ saknas", "ERROR - Fel i docs/b.md"]


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


def test_a_forged_bot_comment_gets_the_true_text_and_older_ones_go(monkeypatch):
    """A workflow on a branch can comment as the bot with the marker, before or after the
    publisher's own comment: the newest gets the true text, the others are deleted."""
    calls = []
    listed = [
        comment("github-actions[bot]", github_pages.MARKER + " falsk, före", number=3),
        comment("github-actions[bot]", github_pages.MARKER + " sann", number=9),
        comment("mallory", github_pages.MARKER + " falsk", kind="User", number=10),
        comment("github-actions[bot]", github_pages.MARKER + " falsk, efter", number=12),
    ]

    def fake(method, path, body=None):
        calls.append((method, path, body))
        return listed if method == "GET" else {}

    monkeypatch.setattr(github_pages, "github_request", fake)
    github_pages.post_sticky_comment("malmoandan/malmoandan.se", 7, "sann text")
    assert calls[1:] == [
        ("DELETE", "repos/malmoandan/malmoandan.se/issues/comments/3", None),
        ("DELETE", "repos/malmoandan/malmoandan.se/issues/comments/9", None),
        ("PATCH", "repos/malmoandan/malmoandan.se/issues/comments/12", {"body": "sann text"}),
    ]


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
        ("changed.json", json.dumps({"pages": [entry()], "files": [], "compared": True, "code": False})),
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
    number, site, changes, lines = github_pages.read_artifact(archive, work, 7)
    assert (number, changes, lines) == (7, {"pages": [entry()], "files": [], "compared": True, "code": False}, [])
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
    # The caps the publisher runs with (SECURITY.md names them): the test above lowers them.
    monkeypatch.undo()
    assert (github_pages.MAX_FILES, github_pages.MAX_BYTES) == (20_000, 300 * 1024 * 1024)


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>x</title></head><body>x</body></html>",
        '<html><head><!-- <meta name="robots" content="noindex"> --></head></html>',
        '<html><head><script>let m = \'<meta name="robots" content="noindex">\'</script></head></html>',
        '<html><head><meta name="robots" content="index, follow"></head></html>',
        '<html><head><meta name="description" content="noindex"></head></html>',
        '<html><head><template><meta name="robots" content="noindex"></template></head></html>',
        '<html><head><title>x</title></head><body><textarea><meta name="robots" content="noindex"></textarea></body></html>',
        '<html><head></head><body><svg><meta name="robots" content="noindex"></svg></body></html>',
        '<html><head><noscript><meta name="robots" content="noindex"></noscript></head></html>',
        '<html><head><title>x</title></head><body><meta name="robots" content="noindex"></body></html>',
    ],
    ids=["none", "in-comment", "in-script", "index", "other-meta", "in-template", "in-textarea", "in-svg", "in-noscript", "in-body"],
)
def test_every_html_page_must_carry_noindex(tmp_path, page):
    entries = [*good_entries(), ("site/kalender/index.html", page)]
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(Refused, match="noindex"):
        github_pages.read_artifact(make_zip(tmp_path / "a.zip", entries), work)


@pytest.mark.parametrize(
    "page",
    [
        NOINDEX,
        '<!doctype html><meta charset="utf-8"><meta name=ROBOTS content="NOINDEX,nofollow"><title>x</title>',
        '<html><head><title>x</title><meta content="nofollow , noindex" name="robots"></head></html>',
    ],
)
def test_noindex_in_the_head_is_found(page):
    assert github_pages.has_noindex(page)


def test_an_artifact_whose_site_did_not_build_carries_the_error_lines(tmp_path):
    entries = [("pr-nummer.txt", "7\n"), ("kontroll.txt", "docs/a.md:3: typ saknas\n"), ("bygget.txt", "ERROR   -  Aborted\n")]
    work = tmp_path / "work"
    work.mkdir()
    number, site, changes, lines = github_pages.read_artifact(make_zip(tmp_path / "a.zip", entries), work, 7)
    assert (number, site, changes["compared"], lines) == (7, None, False, ["docs/a.md:3: typ saknas", "ERROR - Aborted"])


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


def test_the_preview_branch_keeps_one_commit_and_loses_no_concurrent_preview(tmp_path, remote):
    """The branch never grows with every copy of the site, and a run that pushed in between (here
    from inside this run's change) is kept: the lease fails, and this run starts again from it."""
    bare, preview = remote
    site = site_tree(tmp_path / "site")
    assert github_pages.publish_preview(preview, 7, site)
    assert github_pages.publish_preview(preview, 8, site)
    meanwhile = []

    def change(work):
        if not meanwhile:
            meanwhile.append(github_pages.publish_preview(preview, 9, site))
        github_pages.copy_tree(site, github_pages.walk_tree(site), work / "pr-10")

    assert preview.update(change, "Förhandsvisning av #10")
    assert meanwhile == [True]
    assert {path.split("/")[0] for path in files_on_branch(bare)} == {".nojekyll", "pr-7", "pr-8", "pr-9", "pr-10"}
    log = subprocess.run(["git", "rev-list", "gh-pages"], cwd=bare, check=True, capture_output=True, text=True).stdout.split()
    assert len(log) == 1


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
        {"conclusion": "cancelled"},
        {"conclusion": "skipped"},
        {"head_repository": {"full_name": "mallory/malmoandan.se"}},
        {"head_sha": "main"},
        {"id": "123; rm -rf /"},
    ],
)
def test_only_finished_pull_request_runs_of_this_repository_publish(changes):
    with pytest.raises(Refused):
        github_pages.triggering_run(run(**changes), "malmoandan/malmoandan.se")
    assert github_pages.triggering_run(run(), "malmoandan/malmoandan.se")["id"] == 123
    assert github_pages.triggering_run(run(conclusion="failure"), "malmoandan/malmoandan.se")["id"] == 123


def test_only_a_link_to_this_repositorys_run_is_shown():
    own = "https://github.com/malmoandan/malmoandan.se/actions/runs/123"
    assert github_pages.triggering_run(run(html_url=own), "malmoandan/malmoandan.se")["html_url"] == own
    assert github_pages.triggering_run(run(html_url="https://ond.example/"), "malmoandan/malmoandan.se")["html_url"] is None


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


def test_a_failed_run_publishes_its_preview_and_says_what_failed(github, monkeypatch):
    asked = []

    def failed(repository, run_id):
        asked.append(run_id)
        return [{"name": "Innehållskontroll och tester", "steps": ["Tester"], "url": f"https://github.com/{repository}/actions/runs/{run_id}"}]

    monkeypatch.setattr(github_pages, "failed_jobs", failed)
    event = Path(os.environ["GITHUB_EVENT_PATH"])
    event.write_text(json.dumps(run(conclusion="failure")), encoding="utf-8")
    assert github_pages.main(["publish-preview"]) == 0
    assert asked == [123]
    assert files_on_branch(github["bare"]) >= {"pr-7/index.html", "pr-7/historik/index.html"}
    body = github["comments"][-1][1]
    assert f"**Förhandsvisning:** {PREVIEW}" in body and "- **Innehållskontroll och tester**: *Tester*" in body


def test_a_site_that_did_not_build_gets_a_comment_and_no_preview(github, tmp_path, monkeypatch):
    monkeypatch.setattr(github_pages, "failed_jobs", lambda repository, run_id: [])
    github["artifact"] = make_zip(tmp_path / "nosite.zip", [("pr-nummer.txt", "7\n"), ("kontroll.txt", "docs/a.md:3: typ saknas\n")])
    Path(os.environ["GITHUB_EVENT_PATH"]).write_text(json.dumps(run(conclusion="failure")), encoding="utf-8")
    assert github_pages.main(["publish-preview"]) == 0
    assert subprocess.run(["git", "rev-parse", "--verify", "gh-pages"], cwd=github["bare"], capture_output=True).returncode != 0
    body = github["comments"][-1][1]
    assert "Ingen förhandsvisning" in body and "docs/a.md:3: typ saknas" in body and PREVIEW not in body


def test_a_run_without_a_preview_artifact_does_nothing(github, monkeypatch):
    def no_artifact(repository, run_id, destination):
        raise github_pages.NoArtifact(f"run {run_id} has no artifact named forhandsvisning")

    monkeypatch.setattr(github_pages, "download_artifact", no_artifact)
    assert github_pages.main(["publish-preview"]) == 0
    assert github["comments"] == []


def test_failed_jobs_come_from_the_api_with_links_only_into_the_run(monkeypatch):
    listing = {
        "jobs": [
            {"name": "Bygg förhandsvisning", "conclusion": "success", "steps": []},
            {
                "name": "Innehållskontroll och tester",
                "conclusion": "failure",
                "html_url": "https://github.com/malmoandan/malmoandan.se/actions/runs/123/job/9",
                "steps": [{"name": "Innehållskontroll", "conclusion": "success"}, {"name": "Tester", "conclusion": "failure"}],
            },
            {"name": "Zensical", "conclusion": "timed_out", "html_url": "https://ond.example/", "steps": []},
        ]
    }
    monkeypatch.setattr(github_pages, "github_request", lambda method, path, body=None: listing)
    assert github_pages.failed_jobs("malmoandan/malmoandan.se", 123) == [
        {"name": "Innehållskontroll och tester", "steps": ["Tester"], "url": "https://github.com/malmoandan/malmoandan.se/actions/runs/123/job/9"},
        {"name": "Zensical", "steps": [], "url": "https://github.com/malmoandan/malmoandan.se/actions/runs/123"},
    ]


# ---- the preview build (scripts/preview_build.py) on a made-up change ---------------------------


def git_in(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, text=True).stdout.strip()


@pytest.mark.bygger
def test_the_preview_build_lists_what_an_added_event_changes(tmp_path):
    """A copy of the site in its own repository, a made-up event added with the scaffold and a
    made-up page added to the menu: the artifact's files say which pages and files differ from the
    base commit built the same way. Only made-up content is named."""
    project = sitebuild.copy_site(tmp_path / "projekt")
    for name in ("dev", "requirements.lock"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    (project / ".venv").symlink_to((ROOT / ".venv").resolve())
    (project / ".gitignore").write_text("/.venv\n/site/\n.site-bygge/\n", encoding="utf-8")
    git_in(project, "init", "--quiet", "-b", "main")
    git_in(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "--quiet", "--allow-empty", "-m", "tom")
    git_in(project, "add", "-A")
    git_in(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "--quiet", "-m", "bas")

    event = scaffold.new_event(project, "Påhittad lunch för testet", "2027-02-10", "12:00-13:00")
    text = event.read_text(encoding="utf-8").replace("typ: FYLL I", "typ: lärandelunch", 1)
    text = text.replace('sammanfattning: "FYLL I"', 'sammanfattning: "Ett påhittat evenemang."', 1).replace("plats: FYLL I", "plats: okänd", 1)
    event.write_text("\n".join(line for line in text.splitlines() if "FYLL I" not in line) + "\n", encoding="utf-8")
    (project / "docs" / "provsida.md").write_text("---\ntitle: Påhittad provsida\ndescription: En sida för testet.\n---\n\n# Påhittad provsida\n\nText.\n", encoding="utf-8")
    sitebuild.add_page_to_nav(project, "provsida.md", "Provsida")
    git_in(project, "add", "-A")
    git_in(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "--quiet", "-m", "innehåll")

    assert preview_build.build_preview(7, "HEAD^1", sitebuild.FIXED_EPOCH, project) == 0, (project / "bygget.txt").read_text(encoding="utf-8")
    changes = json.loads((project / "changed.json").read_text(encoding="utf-8"))
    slug = event.stem
    pages = {entry["path"]: (entry["title"], entry["status"]) for entry in changes["pages"]}
    assert pages[f"kalender/evenemang/2027/{slug}/"] == ("Påhittad lunch för testet", "new")
    assert pages["provsida/"] == ("Påhittad provsida", "new")
    assert pages["kalender/"][1] == pages["kalender/typ/larandelunch/"][1] == "changed"
    files = {entry["path"]: entry["status"] for entry in changes["files"]}
    assert files[f"kalender/evenemang/2027/{slug}/{slug}.ics"] == "new" and files["kalender.ics"] == "changed"
    assert (changes["compared"], changes["code"]) == (True, False)  # a page and a menu line: content
    assert (project / "pr-nummer.txt").read_text(encoding="ascii") == "7\n"
    assert "Innehållet är i ordning." in (project / "kontroll.txt").read_text(encoding="utf-8")
    assert github_pages.has_noindex((project / "site" / "provsida" / "index.html").read_text(encoding="utf-8"))
