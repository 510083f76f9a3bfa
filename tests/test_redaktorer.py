"""REDAKTORER.md, performed: every task in the editors' guide done as the guide writes it, on a
copy of the real content with the clock fixed, through GitHub's route (copy the template, create
the file) and the ``./dev`` route, after which the copy must pass the check, the strict build and
the cheap site invariants (every page has its policy, the calendar parses).

Where the guide gives literal text (the command in §1, the YAML in §2, the menu line in §6, the
redirect page in §7), the test reads it from REDAKTORER.md itself, so a change to the guide is a
change to what is tested. The made-up facts (an event, a source, a decision, a report) exist only
in the copy; the test names no real event, report or figure, only file names the guide itself
tells editors to use.
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import icalendar
import pytest
from bs4 import BeautifulSoup

from macros import content
from scripts import sitebuild

pytestmark = pytest.mark.bygger

GUIDE = (sitebuild.ROOT / "REDAKTORER.md").read_text(encoding="utf-8")
EVENTS = Path("docs/kalender/evenemang")


def section(number: int) -> str:
    """The text of the guide's section ``number`` (## N. …), up to the next section."""
    match = re.search(rf"^## {number}\. .*?(?=^## \d+\. |\Z)", GUIDE, flags=re.M | re.S)
    assert match, f"REDAKTORER.md has no section {number}"
    return match.group(0)


def code_blocks(text: str, language: str) -> list[str]:
    """The guide's code blocks in ``language``, as an editor would copy them (list indent removed)."""
    return [textwrap.dedent(block) for block in re.findall(rf"^ *```{language}\n(.*?)^ *```", text, flags=re.S | re.M)]


def fill(template: str, values: dict[str, str]) -> str:
    """Do what every template's comments say: replace each FYLL I by the value for its field and
    delete the optional lines ("(valfritt") the editor does not use, with the list items under
    them. A required field the test has no value for fails the test: the template asks for
    something this test does not know. A field whose items follow on their own lines (``ansvariga:``
    then ``  - {…}``) is written whole on its own line when the test gives a value."""
    lines: list[str] = []
    replaced_items = False  # the FYLL I items under the field just written or deleted are dropped
    for line in template.splitlines():
        match = re.match(r"^(\s*-?\s*)([\wåäö_]+):\s*(.*?)\s*(#.*)?$", line)
        if match is None or line.lstrip().startswith("#"):
            if not (replaced_items and re.match(r"^\s+- .*FYLL I", line)):
                lines.append(line)
            continue
        indent, field, value, comment = match.groups()
        replaced_items = False
        if "FYLL I" not in value and not (value == "" and field in values):
            lines.append(line)
        elif field in values:
            lines.append(f"{indent}{field}: {values[field]}")
            replaced_items = True
        elif comment and "(valfritt" in comment:
            replaced_items = True
        else:
            pytest.fail(f"the template asks for {field!r} and the guide's task gives no value: {line}")
    return "\n".join(lines) + "\n"


def template_entry(path: Path) -> str:
    """The entry a data template tells the editor to copy: from the line starting '- ' to the end."""
    text = path.read_text(encoding="utf-8")
    return text[text.index("\n- ") + 1 :]


def append_entry(path: Path, entry: str) -> None:
    """§3: paste the entry last in the file, with a blank line before."""
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + entry, encoding="utf-8")


def run_dev(project: Path, command: str) -> subprocess.CompletedProcess:
    """Run a ``./dev`` task as ./dev does (its Python module), in the copy."""
    words = shlex.split(command)
    assert words[0] == "./dev"
    modules = {"nytt-evenemang": ["macros.scaffold", "evenemang"], "ny-arsrapport": ["macros.scaffold", "arsrapport"], "check": ["scripts.site_check"]}
    return subprocess.run([sys.executable, "-m", *modules[words[1]], *words[2:]], cwd=project, capture_output=True, text=True, timeout=120)


def copy_project(tmp_path: Path) -> Path:
    """A copy of the real site and of the code ./dev check runs, in a git repository of its own,
    as the editor's branch on GitHub is (moves are found in its history)."""
    project = sitebuild.copy_site(tmp_path / "project")
    shutil.copytree(sitebuild.ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    commit(project, "Innehållet som det är")
    return project


def commit(project: Path, message: str) -> None:
    """What *Commit changes…* does on GitHub: every change in the copy, as one commit."""
    git = ["git", "-c", "user.name=Redaktör", "-c", "user.email=redaktor@example.org"]
    if not (project / ".git").exists():
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", message], cwd=project, check=True)


def publishable(project: Path, tmp_path: Path) -> Path:
    """The copy passes ./dev check, and the site its strict build writes (sitebuild.check_and_build:
    one build for both) keeps the invariants any valid content meets: every page has its policy,
    every calendar file parses."""
    result = sitebuild.check_and_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    for page in result.site_dir.rglob("*.html"):
        assert 'http-equiv="Content-Security-Policy"' in page.read_text(encoding="utf-8"), page
    for calendar in result.site_dir.rglob("*.ics"):
        icalendar.Calendar.from_ical(calendar.read_bytes())
    return result.site_dir


def add_source(project: Path, source_id: str, text: str) -> None:
    """§5.1 (and the template data/_mall_sources.yml): a source with its text in data/sources/."""
    entry = fill(
        template_entry(project / "data" / "_mall_sources.yml"),
        {"id": source_id, "titel": '"Påhittad handling för testet"', "utgivare": "Stadskontoret", "datum": '"2025-08-06"', "citat": '"Påhittad handling för testet"'},
    )
    append_entry(project / "data" / "sources.yml", entry)
    (project / "data" / "sources" / f"{source_id}.txt").write_text("Påhittad handling för testet\n" + text, encoding="utf-8")


APPROVAL = "Kommunstyrelsen beslutade den 10 september 2025 att godkänna årsrapporten för 2024."


def add_decision(project: Path, decision_id: str, heading: str) -> None:
    """§3: a decision from data/_mall_decisions.yml, quoting the made-up source's approval."""
    entry = fill(
        template_entry(project / "data" / "_mall_decisions.yml"),
        {
            "id": decision_id,
            "rubrik": f'"{heading}"',
            "organ": "kommunstyrelsen",
            "datum": '"2025-09-10"',
            "beslut": '"Kommunstyrelsen godkände rapporten."',
            "källa": "testhandling-2025",
            "citat": f'"{APPROVAL}"',
        },
    )
    append_entry(project / "data" / "decisions.yml", entry)


EVENT_VALUES = {
    "titel": '"Lärandelunch om föreningsbidrag"',
    "typ": "lärandelunch",
    "sammanfattning": '"Om hur föreningar söker bidrag."',
    "start": '"2027-02-10 12:00"',
    "slut": '"2027-02-10 13:00"',
    "plats": "okänd",
}


def new_event_from_template(project: Path) -> Path:
    """§1 on GitHub: copy the template, create the file in the year's folder, fill it in, and
    paste the id that the check offers for a new event (§1)."""
    template = (project / EVENTS / "_mall.md").read_text(encoding="utf-8")
    front, _, _ = template.partition("\n---\n\n")
    text = fill(front, EVENT_VALUES) + "---\n\nVi pratar om hur föreningar söker bidrag.\n"
    path = project / EVENTS / "2027" / "2027-02-10-larandelunch-om-foreningsbidrag.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    check = run_dev(project, "./dev check")
    offered = re.search(r"är evenemanget nytt, skriv  (id: [a-z0-9-]+)", check.stdout)
    assert offered, check.stdout
    path.write_text(text.replace("---\n", f"---\n{offered.group(1)}\n", 1), encoding="utf-8")
    return path


def test_1_publish_an_event_on_github(tmp_path):
    project = copy_project(tmp_path)
    new_event_from_template(project)
    site = publishable(project, tmp_path)
    assert "Lärandelunch om föreningsbidrag" in (site / "kalender" / "index.html").read_text(encoding="utf-8")
    assert "Lärandelunch om föreningsbidrag" in (site / "kalender.ics").read_text(encoding="utf-8")


def test_1_publish_an_event_with_the_dev_command(tmp_path):
    project = copy_project(tmp_path)
    [command] = [line for block in code_blocks(section(1), "sh") for line in block.splitlines() if "nytt-evenemang" in line]
    made = run_dev(project, command)
    assert made.returncode == 0, made.stdout + made.stderr
    [path] = [p for p in (project / EVENTS).rglob("*.md") if not (sitebuild.ROOT / p.relative_to(project)).exists()]
    # The command did steps 1-4; the editor fills in what is left, as the file's comments say.
    front, _, _ = path.read_text(encoding="utf-8").partition("\n---\n\n")
    path.write_text(fill(front, EVENT_VALUES) + "---\n\nVi pratar om jämlik hälsa.\n", encoding="utf-8")
    publishable(project, tmp_path)


def test_2_cancel_and_move_an_event(tmp_path):
    project = copy_project(tmp_path)
    path = new_event_from_template(project)
    commit(project, "Ny lärandelunch")
    # The new event is published as in §1 (test_1_publish_an_event_on_github); not built again here.

    # Cancel: status inställd and a line in ändringar, written as the guide's YAML shows.
    [changes] = code_blocks(section(2), "yaml")
    cancelled = path.read_text(encoding="utf-8").replace("status: planerad", "status: inställd")
    cancelled = cancelled.replace("\n---\n\n", "\n" + changes + "---\n\n", 1)
    path.write_text(cancelled, encoding="utf-8")
    site = publishable(project, tmp_path / "cancelled")
    # The calendar identity is the event's id, which cancelling leaves alone (tests/test_event_identity.py:
    # the uid is the id, whatever else changes); the move below must keep it too.
    uid = icalendar.Calendar.from_ical(next((site / "kalender" / "evenemang").rglob("*foreningsbidrag*.ics")).read_bytes()).walk("VEVENT")[0]["UID"]
    [event] = [e for e in icalendar.Calendar.from_ical((site / "kalender.ics").read_bytes()).walk("VEVENT") if str(e["UID"]) == str(uid)]
    assert str(event["STATUS"]) == "CANCELLED"

    commit(project, "Ställ in lärandelunchen")

    # Move a week: new start and end, status flyttad, what changed, and the file renamed.
    text = path.read_text(encoding="utf-8").replace("status: inställd", "status: flyttad").replace("2027-02-10", "2027-02-17")
    text = text.replace('text: "', 'text: "Flyttat från 10 februari till 17 februari. ', 1)
    moved = path.with_name(path.name.replace("2027-02-10", "2027-02-17"))
    moved.write_text(text, encoding="utf-8")
    path.unlink()
    commit(project, "Flytta lärandelunchen en vecka")
    site = publishable(project, tmp_path / "moved")
    after = icalendar.Calendar.from_ical(next((site / "kalender" / "evenemang").rglob("*foreningsbidrag*.ics")).read_bytes()).walk("VEVENT")[0]
    assert str(after["UID"]) == str(uid), "a moved event keeps its calendar identity"
    old_address = site / "kalender" / "evenemang" / "2027" / path.stem / "index.html"
    assert f'href="../{moved.stem}/"' in old_address.read_text(encoding="utf-8"), "the old address leads to the new one"


def test_3_add_a_decision_and_a_timeline_entry(tmp_path):
    project = copy_project(tmp_path)
    add_source(project, "testhandling-2025", APPROVAL + "\n")
    add_decision(project, "ks-2025-09-10-testbeslut", "Rapporten godkänns")
    entry = fill(
        template_entry(project / "data" / "_mall_timeline.yml"),
        {
            "datum": '"2025-09-10"',
            "rubrik": "Rapporten godkänns",
            "text": '"Kommunstyrelsen godkände rapporten."',
            "beslut": "ks-2025-09-10-testbeslut",
            "källa": "testhandling-2025",
            "citat": f'"{APPROVAL}"',
        },
    )
    append_entry(project / "data" / "timeline.yml", entry)
    site = publishable(project, tmp_path)
    assert "Rapporten godkänns" in (site / "beslut" / "index.html").read_text(encoding="utf-8")
    assert "Rapporten godkänns" in (site / "historik" / "index.html").read_text(encoding="utf-8")


def test_6_add_a_page_to_the_menu(tmp_path):
    project = copy_project(tmp_path)
    text = section(6)
    heading = re.search(r"`(# [^`]+)`", text).group(1)
    file_name = re.search(r"`docs/([a-z0-9-]+\.md)`", text).group(1)
    nav_line = re.search(r"`(  - [^`]+: [a-z0-9-]+\.md)`", text).group(1)
    (project / "docs" / file_name).write_text(f"{heading}\n\nEn sida som testet har skrivit.\n\n## Källor\n\n- Inga.\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("\nnav:\n", f"\nnav:\n{nav_line}\n", 1), encoding="utf-8")
    site = publishable(project, tmp_path)
    assert (site / file_name.removesuffix(".md") / "index.html").is_file()


def test_7_rename_a_page_and_leave_a_redirect(tmp_path):
    project = copy_project(tmp_path)
    # A page of the editor's own (from §6), renamed as §7 says.
    (project / "docs" / "om-samverkan.md").write_text("# Om samverkan\n\nText.\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("\nnav:\n", "\nnav:\n  - Om samverkan: om-samverkan.md\n", 1), encoding="utf-8")
    # Publishing a new page is §6's test; here the page only has to pass the content check.
    assert [str(problem) for problem in content.check(project)] == []

    (project / "docs" / "om-samverkan.md").rename(project / "docs" / "samverkan.md")
    config.write_text(config.read_text(encoding="utf-8").replace("om-samverkan.md", "samverkan.md"), encoding="utf-8")
    [redirect] = code_blocks(section(7), "markdown")
    (project / "docs" / "om-samverkan.md").write_text(redirect.replace("nytt-namn.md", "samverkan.md"), encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8").replace("not_in_nav: |\n", "not_in_nav: |\n  /om-samverkan.md\n", 1), encoding="utf-8")
    site = publishable(project, tmp_path / "after")
    assert 'href="../samverkan/"' in (site / "om-samverkan" / "index.html").read_text(encoding="utf-8")


def test_4_change_a_figure(tmp_path):
    project = copy_project(tmp_path)
    # Step 1: the page names its data files with a link to edit each (in the preview of a change).
    preview = sitebuild.build(project, tmp_path / "preview", extra_env={"FORHANDSVISNING": "1"})
    assert preview.returncode == 0, preview.output
    edit_link = "/edit/main/data/indicators.yml"
    assert any(edit_link in page.read_text(encoding="utf-8") for page in (tmp_path / "preview").rglob("*.html"))
    # Steps 2-3: a new number, written without spaces, its source and the sentence that carries it.
    add_source(project, "testhandling-2025", "Under året deltog 1234 personer i dialogerna.\n")
    indicators = project / "data" / "indicators.yml"
    text = indicators.read_text(encoding="utf-8")
    first_value = re.search(r"^    - \{år: (\d{4}), värde: [^,]+,.*\}$", text, flags=re.M)
    year = first_value.group(1)
    indicators.write_text(
        text.replace(
            first_value.group(0),
            f'    - {{år: {year}, värde: 1234, avser: "{year}", källa: testhandling-2025, avsnitt: "Testet", citat: "Under året deltog 1234 personer i dialogerna."}}',
        ),
        encoding="utf-8",
    )
    site = publishable(project, tmp_path)
    shown = BeautifulSoup((site / "siffror" / "index.html").read_text(encoding="utf-8"), "html.parser").get_text()
    assert "1\N{NO-BREAK SPACE}234" in shown, "the new figure is on the figures page, in Swedish form"


REPORT_SOURCE = """Årsrapport för Malmöandan 2024, dnr STK-2025-0001.
Stadsdirektör Anna Andersson ansvarar för rapporten.
Under året genomfördes en Malmötimme om föreningsbidrag.
Stadskontoret bedömer att arbetet följde planen.
Under året deltog 1234 personer i dialogerna.
Kommunstyrelsen beslutade den 10 september 2025 att godkänna årsrapporten för 2024.
"""


def test_5_publish_an_annual_report_with_the_dev_command(tmp_path):
    project = copy_project(tmp_path)
    # Step 1: the source and the decision (§3).
    add_source(project, "testhandling-2025", REPORT_SOURCE)
    add_decision(project, "ks-2025-09-10-arsrapport-2024", "Årsrapporten för 2024 godkänns")
    # Step 2: the command, as §5 writes it.
    [command] = re.findall(r"`(\./dev ny-arsrapport \d{4})`", section(5))
    made = run_dev(project, command)
    assert made.returncode == 0, made.stdout + made.stderr
    year = command.split()[-1]
    # Step 3: every FYLL I in the data file; optional fields the report lacks are deleted.
    data = project / "data" / "reports" / f"{year}.yml"
    data.write_text(
        fill(
            data.read_text(encoding="utf-8"),
            {
                "diarienummer": "STK-2025-0001",
                "källa": "testhandling-2025",
                "tjänsteskrivelse": '"2025-08-06"',
                "beslut": "[ks-2025-09-10-arsrapport-2024]",
                "ansvariga": "[{namn: Anna Andersson, titel: stadsdirektör}]",
                "aktiviteter": '[{typ: malmötimmen, titel: "Föreningsbidrag", citat: "Under året genomfördes en Malmötimme om föreningsbidrag."}]',
                "bedömning": '"Arbetet följde planen."',
                "citat": '["Årsrapport för Malmöandan 2024, dnr STK-2025-0001.", "Stadsdirektör Anna Andersson ansvarar för rapporten.", "Stadskontoret bedömer att arbetet följde planen."]',
            },
        ),
        encoding="utf-8",
    )
    # Step 4: the page's text in the editor's own words, and the source's id in kallor("…").
    page = project / "docs" / "arsrapporter" / f"{year}.md"
    text = re.sub(r"^FYLL I:.*$", "Året handlade om föreningarnas villkor.", page.read_text(encoding="utf-8"), flags=re.M)
    page.write_text(text.replace('kallor("FYLL I")', 'kallor("testhandling-2025")'), encoding="utf-8")
    # Step 3 again: an optional field left out means its section leaves the page; the check says which.
    for line in sorted(missing_fields(project, page), reverse=True):
        remove_section(page, line)
    # Step 5: the report's figure, a new value under its indicator.
    indicators = project / "data" / "indicators.yml"
    text = indicators.read_text(encoding="utf-8")
    text = text.replace(
        "  värden:\n",
        f'  värden:\n    - {{år: {year}, värde: 1234, avser: "{year}", källa: testhandling-2025, avsnitt: "Årsrapport {year}", citat: "Under året deltog 1234 personer i dialogerna."}}\n',
        1,
    )
    indicators.write_text(text, encoding="utf-8")
    # Step 6: the page in the menu under Årsrapporter.
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      - Alla år: arsrapporter/index.md\n", f"      - Alla år: arsrapporter/index.md\n      - Årsrapport {year}: arsrapporter/{year}.md\n", 1
        ),
        encoding="utf-8",
    )
    site = publishable(project, tmp_path)
    built = (site / "arsrapporter" / year / "index.html").read_text(encoding="utf-8")
    assert "Arbetet följde planen." in built and "STK-2025-0001" in built
    made_headings = set(re.findall(r"^## (.+)$", page.read_text(encoding="utf-8"), flags=re.M))
    assert made_headings >= {"Året i korthet", "Aktiviteter", "Källor"}, made_headings


def missing_fields(project: Path, page: Path) -> list[int]:
    """The lines of ``page`` where the check says a section asks for a field the report left out."""
    check = run_dev(project, "./dev check")
    where = page.relative_to(project).as_posix()
    return [int(n) for n in re.findall(rf"^{re.escape(where)}:(\d+): .*ta bort avsnittet", check.stdout, flags=re.M)]


def remove_section(page: Path, line: int) -> None:
    """Delete the section (from its ## heading to the next) that holds line ``line``."""
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    start = max(n for n in range(line) if lines[n].startswith("## "))
    end = next((n for n in range(line, len(lines)) if lines[n].startswith("## ")), len(lines))
    page.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


def test_8_a_mistake_shows_at_its_line_in_the_pull_request(tmp_path):
    """§8: on GitHub the check's errors stand at the line of the change (workflow annotations)."""
    project = copy_project(tmp_path)
    path = new_event_from_template(project)
    path.write_text(path.read_text(encoding="utf-8").replace("plats: okänd", "plats: FYLL I"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "scripts.site_check"], cwd=project, capture_output=True, text=True, env={**os.environ, "GITHUB_ACTIONS": "true"})
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text.startswith("plats:"))
    assert result.returncode == 1
    assert f"::error file={path.relative_to(project).as_posix()},line={line}," in result.stdout, result.stdout
