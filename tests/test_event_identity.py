"""An event keeps its identity when its file moves: its own id (macros/events.py) makes the ICS
UID, the check says what to do when the id is missing or taken twice, and the old address
leads to the new one."""

import re
import shutil
from pathlib import Path

import pytest

from macros import content, events
from macros.links import Site

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
