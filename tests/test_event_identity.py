"""An event keeps its identity when its file moves: its own id (macros/events.py) makes the ICS
UID, the check says what to do when the id is missing or taken twice, and the old address
leads to the new one."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from macros import content, events, git_dates
from macros.links import Site
from scripts import sitebuild

VALID = Path(__file__).parent / "fixtures" / "content" / "valid"
FOLDER = "docs/kalender/evenemang/2026/"
EVENT = '---\ntitel: Idéverkstad\ntyp: idéverkstad\nsammanfattning: "Om lokaler."\nstart: "2026-05-06"\nplats: okänd\n{id}---\n\nText.\n'


def project_with_events(tmp_path: Path, files: dict[str, str]) -> Path:
    project = tmp_path / "project"
    shutil.copytree(VALID, project)
    for name, text in files.items():
        (project / FOLDER).mkdir(parents=True, exist_ok=True)
        (project / FOLDER / name).write_text(text, encoding="utf-8")
    return project


@pytest.mark.snabb
def test_new_ids_are_short_readable_and_random():
    ids = {events.new_event_id() for _ in range(200)}
    assert len(ids) == 200
    assert all(re.fullmatch(r"[2-9a-z]{4}-[2-9a-z]{4}", i) and not set(i) & set("01ilo") for i in ids)


@pytest.mark.snabb
def test_a_missing_id_is_reported_with_one_to_paste(tmp_path):
    project = project_with_events(tmp_path, {"2026-05-06-ideverkstad.md": EVENT.format(id="")})
    problems = [str(p) for p in content.check(project)]
    suggestion = events.suggested_id(FOLDER + "2026-05-06-ideverkstad.md")
    assert problems == [
        f"{FOLDER}2026-05-06-ideverkstad.md:2: fältet 'id' saknas. Har det tagits bort, skriv tillbaka det gamla (filens historik på GitHub "
        f"visar det), så känner kalenderprogrammen igen evenemanget; är evenemanget nytt, skriv  id: {suggestion}"
    ]
    assert re.fullmatch(r"[a-z0-9]{4}-[a-z0-9]{4}", suggestion) and "2026" not in suggestion and "ideverk" not in suggestion
    # What the check suggests passes it.
    (project / FOLDER / "2026-05-06-ideverkstad.md").write_text(EVENT.format(id=f"id: {suggestion}\n"), encoding="utf-8")
    assert content.check(project) == []


@pytest.mark.snabb
def test_an_id_taken_twice_names_both_files(tmp_path):
    project = project_with_events(
        tmp_path,
        {"2026-05-06-ideverkstad.md": EVENT.format(id="id: k3f9-x2mw\n"), "2026-05-07-kopia.md": EVENT.format(id="id: k3f9-x2mw\n").replace("2026-05-06", "2026-05-07")},
    )
    problems = [str(p) for p in content.check(project)]
    assert len(problems) == 1
    assert problems[0].startswith(f"{FOLDER}2026-05-07-kopia.md:7: id: k3f9-x2mw står redan i {FOLDER}2026-05-06-ideverkstad.md; två evenemang kan inte ha samma id")
    assert f"id: {events.suggested_id(FOLDER + '2026-05-07-kopia.md')}" in problems[0]


@pytest.mark.snabb
def test_the_uid_is_the_id_not_the_file_name(tmp_path):
    project = project_with_events(tmp_path, {"2026-05-13-ideverkstad.md": EVENT.format(id="id: k3f9-x2mw\n").replace("2026-05-06", "2026-05-13")})
    (event,) = content.load(project).events
    assert event.id == "k3f9-x2mw" and event.slug == "2026-05-13-ideverkstad"
    assert Site("https://malmoandan.se/").uid(event.id) == "k3f9-x2mw@malmoandan.se"


# ---- the old address leads to the new one (macros/git_dates.py) ----------------------------------

GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@exempel.se", "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@exempel.se"}


def git(project: Path, *arguments: str) -> None:
    subprocess.run(["git", *arguments], cwd=project, env={**os.environ, **GIT_ENV}, check=True, capture_output=True)


def move(project: Path, old: str, new: str) -> None:
    """Rename an event file as REDAKTORER.md §2 says, with its date, and commit."""
    git(project, "mv", old, new)
    path = project / new
    path.write_text(path.read_text(encoding="utf-8").replace(Path(old).name[:10], Path(new).name[:10]), encoding="utf-8")
    git(project, "commit", "-qam", f"Flyttat {old}")


@pytest.mark.snabb
def test_every_earlier_path_of_an_event_leads_to_its_path_now(tmp_path):
    project = tmp_path / "repo"
    (project / "docs" / FOLDER.removeprefix("docs/")).mkdir(parents=True)
    (project / FOLDER / "2026-05-06-ideverkstad.md").write_text(EVENT.format(id="id: k3f9-x2mw\n"), encoding="utf-8")
    (project / FOLDER / "2026-05-20-annat.md").write_text(EVENT.format(id="id: p7rt-4wcz\n").replace("Om lokaler", "Om annat"), encoding="utf-8")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Två evenemang")
    move(project, FOLDER + "2026-05-06-ideverkstad.md", FOLDER + "2026-05-13-ideverkstad.md")
    move(project, FOLDER + "2026-05-13-ideverkstad.md", FOLDER + "2026-05-27-ideverkstad.md")

    assert git_dates.history(project)[1] == {
        "kalender/evenemang/2026/2026-05-06-ideverkstad.md": "kalender/evenemang/2026/2026-05-27-ideverkstad.md",
        "kalender/evenemang/2026/2026-05-13-ideverkstad.md": "kalender/evenemang/2026/2026-05-27-ideverkstad.md",
    }


@pytest.mark.snabb
def test_no_history_no_redirects(tmp_path):
    assert git_dates.history(tmp_path) == ({}, {})


@pytest.mark.bygger
def test_a_moved_event_keeps_its_uid_and_its_old_address_redirects(tmp_path):
    project = sitebuild.calendar_site(tmp_path / "project")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Webbplatsen")
    old, new = "2026-05-06-ideverkstad-flyttad", "2026-05-13-ideverkstad-flyttad"
    event_id = re.search(r"^id: (\S+)$", (project / FOLDER / f"{old}.md").read_text(encoding="utf-8"), re.M)[1]
    move(project, f"{FOLDER}{old}.md", f"{FOLDER}{new}.md")

    result = sitebuild.build(project, tmp_path / "site", sitebuild.CALENDAR_EPOCH)

    assert result.returncode == 0, result.output
    site = tmp_path / "site" / "kalender" / "evenemang" / "2026"
    assert (site / new / "index.html").is_file()
    redirect = (site / old / "index.html").read_text(encoding="utf-8")
    assert f'<meta http-equiv="refresh" content="0; url=../{new}/">' in redirect
    assert f'<a href="../{new}/">https://malmoandan.se/kalender/evenemang/2026/{new}/</a>' in redirect
    assert f'<link rel="canonical" href="https://malmoandan.se/kalender/evenemang/2026/{new}/">' in redirect
    assert '<meta name="robots" content="noindex">' in redirect and "<script" not in redirect
    assert "Content-Security-Policy" in redirect, "the gate gives the redirect page its policy like every page"
    calendar = (tmp_path / "site" / "kalender.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    assert f"UID:{event_id}@malmoandan.se" in calendar
    assert f"/{new}/" in calendar and f"/{old}/" not in calendar
