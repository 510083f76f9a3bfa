"""One door for content: nothing reaches MkDocs, mkdocs-macros or the theme but the files the
content check listed (macros/inventory.py), read as the check read them (one front-matter
reader: yamlfiles.split_front_matter and parse, pages_front_matter.CheckedPage).

Two levels: the rules on small inputs, and a copy of the site seeded with every payload of
tests/fixtures/attacks/, which the check and the strict build must both refuse, each at its
file and line with a Swedish message.
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils.meta import get_data

import macros
from macros import content, generated_pages, inventory, page_links, pages_front_matter
from macros.problems import PROCESSING
from macros.yamlfiles import TEXT_LIMIT, front_matter_problem, parse, split_front_matter
from scripts import sitebuild

ATTACKS = Path(__file__).parent / "fixtures" / "attacks"

# ---- The rules ----------------------------------------------------------------------------------


@pytest.mark.snabb
def test_an_alias_bomb_is_refused_at_once_at_its_lines():
    text = (ATTACKS / "aliasbomb.md").read_text(encoding="utf-8")
    front, _body = split_front_matter(text)
    started = time.perf_counter()
    source = parse(front, "docs/aliasbomb.md", first_line=2)
    assert time.perf_counter() - started < 1
    assert source.data is None
    assert [problem.line for problem in source.problems] == list(range(5, 14))
    assert "YAML-ankare" in source.problems[0].message


@pytest.mark.snabb
def test_an_alias_in_the_menu_of_mkdocs_yml_is_refused_before_it_is_parsed(tmp_path):
    """Editors change mkdocs.yml's nav (REDAKTORER.md §6): an alias bomb there would stall the
    check's own reading of the menu, so the aliases are refused first, at their lines."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nnav:\n  - &a Start: index.md\n  - *a\n", encoding="utf-8")
    problems = page_links.check(tmp_path)
    assert [(p.path, p.line) for p in problems] == [("mkdocs.yml", 3), ("mkdocs.yml", 4)]
    assert "YAML-ankare" in problems[0].message


@pytest.mark.snabb
def test_no_file_stays_named_as_being_processed_after_the_check(tmp_path):
    """An error after the check (the build's own) is not blamed on the last file checked."""
    assert content.check(sitebuild.fixture_site(tmp_path / "project")) == []
    assert PROCESSING.get() == ""


@pytest.mark.snabb
def test_an_anchor_alone_is_refused_but_an_ampersand_or_star_in_text_is_not():
    [anchor] = parse("namn: &x Malmö\n", "data/x.yml").problems
    assert (anchor.line, anchor.message.split(" ")[0]) == (1, "&x")
    assert parse('namn: "A & B *C*"\nannat: A & B\n', "data/x.yml").problems == []


@pytest.mark.snabb
@pytest.mark.parametrize("ending", ["  ---", "\t---", " ..."])
def test_an_indented_closing_fence_is_refused_at_its_line(ending):
    text = f"---\ntitle: x\n{ending}\nrender_macros: 1\n---\n"
    assert split_front_matter(text) is None
    problem = front_matter_problem(text, "docs/sida.md")
    assert (problem.line, "utan mellanslag före" in problem.message) == (3, True)


@pytest.mark.snabb
def test_mkdocs_reads_exactly_the_fields_the_check_read():
    """The front matter handed to MkDocs is JSON written by the project: MkDocs' reader finds
    those fields and no others, the body keeps its line numbers, and render_macros passes only
    as the literal true."""
    meta = {"title": "Möte: del 1 (digitalt) & mer", "description": "Rad – med ”citat” och #", "uppgifter": ["data/sources.yml"], "search": {"exclude": True}}
    page = pages_front_matter.CheckedPage({**meta, "render_macros": 1}, "# Rubrik\n\nText {{ x }}\n", front_lines=8)
    body, read = get_data(page.source())
    assert read == meta and body.startswith("# Rubrik")
    assert page.source().split("\n").index("# Rubrik") == 8
    rendering = pages_front_matter.CheckedPage({**meta, "render_macros": True}, "x")
    assert get_data(rendering.source())[1]["render_macros"] is True


@pytest.mark.snabb
def test_an_event_is_never_rendered_and_takes_its_titel_as_title():
    source = parse('titel: "Möte &lt;b&gt;"\nrender_macros: true\n', "docs/kalender/evenemang/2026/2026-01-01-x.md", first_line=2)
    [problem], page = pages_front_matter.event_page(source, "Text {{ config }}\n")
    assert (problem.line, "&-koder" in problem.message) == (2, True)
    assert get_data(page.source())[1] == {"titel": "Möte &lt;b&gt;", "title": "Möte &lt;b&gt;"}


@pytest.mark.snabb
@pytest.mark.parametrize(
    "heading, line",
    [
        ("# &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;", 5),
        ("# {{ config }}", 5),
        ("# Ren <em>HTML</em>", 5),
        ("Ingen rubrik alls", 4),  # the page has no name: the message stands where its text begins
    ],
)
def test_a_title_from_a_heading_must_be_plain_text(heading, line):
    title, problem = pages_front_matter.title_from_heading(f"\n{heading}\n", "docs/sida.md", 4)
    assert title is None and problem.line == line and ("title:" in problem.message)


@pytest.mark.snabb
def test_a_plain_first_heading_names_the_page():
    assert pages_front_matter.title_from_heading("\n# Möten 2026 – våren { #moten }\n", "docs/s.md", 4) == ("Möten 2026 – våren", None)


@pytest.mark.snabb
@pytest.mark.parametrize("value", ["&lt;script&gt;", "A &#60; B", "x &amp y"])
def test_titles_and_descriptions_take_no_character_references(value):
    assert "&-koder" in pages_front_matter.plain_line_problem(value)
    assert pages_front_matter.plain_line_problem("Frågor & svar") is None


@pytest.mark.snabb
@pytest.mark.parametrize(
    "name, expected",
    [
        ("docs/karta.svg", "Exportera bilden som PNG"),
        ("docs/info.html", "kan köra skript"),
        ("docs/assets/javascripts/ny.js", "kan köra skript"),
        ("docs/doc.xml", "kan köra skript"),
        ("docs/assets/stylesheets/stil.css", "kan köra skript"),
        ("docs/bild.png", "docs/assets/bilder/"),
        ("docs/anteckning.txt", "hör inte hemma här"),
        # MkDocs builds these as pages too; the check used to read only *.md.
        ("docs/sida.markdown", "hör inte hemma här"),
        ("docs/sida.MD", "hör inte hemma här"),
        ("docs/.htaccess", "hör inte hemma här"),
    ],
)
def test_a_file_no_rule_names_is_refused_with_what_to_do(tmp_path, name, expected):
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_text("x", encoding="utf-8")
    [problem] = inventory.take(tmp_path).problems
    assert (problem.path, problem.line) == (name, 1) and expected in problem.message


@pytest.mark.snabb
def test_a_stray_file_in_data_is_refused_too(tmp_path):
    (tmp_path / "data" / "sources").mkdir(parents=True)
    (tmp_path / "data" / "sources" / "Källa.txt").write_text("x", encoding="utf-8")
    [problem] = inventory.take(tmp_path).problems
    assert (problem.path, problem.line) == ("data/sources/Källa.txt", 1) and "data/sources/" in problem.message


@pytest.mark.snabb
@pytest.mark.parametrize(
    "front, line, expected",
    [
        ("title: [Historik]\n", 2, "title"),
        ("title: Historik\ndescription: {a: 1}\n", 3, "description"),
        ("title: Historik\ntitle: Annan\n", 3, "står två gånger"),
        ("title: Historik\nrender_macros: 1\n", 3, "render_macros"),
        ("title: Historik\nrender_macros: yes please\n", 3, "render_macros"),
    ],
)
def test_front_matter_the_check_cannot_read_unambiguously_is_refused(tmp_path, front, line, expected):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "sida.md").write_text(f"---\n{front}---\n\n# Historik\n", encoding="utf-8")
    problems, _pages = pages_front_matter.check(tmp_path, ["docs/sida.md"], {})
    assert [(p.line, expected in p.message) for p in problems] == [(line, True)]


@pytest.mark.snabb
def test_the_site_s_own_files_and_an_editors_picture_are_listed(tmp_path):
    for name in sorted(inventory.PROJECT_FILES) + ["docs/sida.md", "docs/kalender/evenemang/2026/2026-01-01-x.md", "data/sources/a.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / inventory.IMAGES_DIR).mkdir(parents=True)
    (tmp_path / inventory.IMAGES_DIR / "karta-2026.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    taken = inventory.take(tmp_path)
    assert taken.problems == []
    assert "assets/bilder/karta-2026.png" in taken.published() and "sida.md" in taken.published()
    assert "data/sources/a.txt" not in taken.published() and "sources/a.txt" not in taken.published()


@pytest.mark.snabb
def test_links_are_refused_wherever_they_stand(tmp_path):
    (tmp_path / "docs" / "kalender").mkdir(parents=True)
    (tmp_path / "utanfor").mkdir()
    (tmp_path / "utanfor" / "x.md").write_text("# X\n", encoding="utf-8")
    (tmp_path / "docs" / "kalender" / "2027").symlink_to(tmp_path / "utanfor", target_is_directory=True)
    (tmp_path / "docs" / "losenord.md").symlink_to("/etc/passwd")
    (tmp_path / "data").symlink_to(tmp_path / "utanfor", target_is_directory=True)
    problems = inventory.take(tmp_path).problems
    assert [(p.path, p.line) for p in problems] == [("docs/kalender/2027", 1), ("docs/losenord.md", 1), ("data", 1)]
    assert all("symbolisk länk" in p.message for p in problems)


@pytest.mark.snabb
def test_a_file_over_its_limit_is_refused_before_it_is_read(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "stor.md").write_bytes(b"x" * (TEXT_LIMIT + 1))
    [problem] = inventory.take(tmp_path).problems
    assert (problem.path, problem.line) == ("docs/stor.md", 1) and "högst 1 MB" in problem.message


@pytest.mark.snabb
def test_tracked_links_and_cache_files_are_refused(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".cache" / "jinja").mkdir(parents=True)
    (tmp_path / ".cache" / "jinja" / "planterad").write_text("x", encoding="utf-8")
    (tmp_path / "lank.html").symlink_to("/etc/passwd")
    subprocess.run(["git", "add", "-f", ".cache/jinja/planterad", "lank.html"], cwd=tmp_path, check=True)
    problems = inventory.tracked_problems(tmp_path)
    assert [(p.path, p.line) for p in problems] == [(".cache/jinja/planterad", 1), ("lank.html", 1)]
    assert "git rm --cached" in problems[0].message and "symbolisk länk" in problems[1].message


class _Config(dict):
    """What generated_pages.on_files reads of MkDocs' config: docs_dir, and the plugin that
    holds the content the check read."""

    def __init__(self, docs_dir: Path, published: set, pages: dict):
        content = SimpleNamespace(published=published, pages=pages)
        built = SimpleNamespace(content=content, generated_pages=dict, is_event_page=lambda src_uri: False)
        super().__init__(docs_dir=str(docs_dir), use_directory_urls=True)
        self.plugins = {"macros": SimpleNamespace(malmoandan_assembly=built)}


@pytest.mark.snabb
def test_mkdocs_builds_no_file_the_inventory_does_not_hold(tmp_path):
    """A file MkDocs found in docs/ (by following a link, or added after the check) stops the
    build; a file the rules keep out and MkDocs excludes too is left out."""
    config = _Config(tmp_path, {"sida.md"}, {"sida.md": pages_front_matter.CheckedPage({"title": "Sida"}, "# Sida\n")})
    page = File("sida.md", str(tmp_path), str(tmp_path / "site"), True)
    page.content_string = "title: Något annat\n\n# Sida\n"
    template = File("_mall.md", str(tmp_path), str(tmp_path / "site"), True, inclusion=InclusionLevel.EXCLUDED)
    kept = generated_pages.on_files(Files([page, template]), config)
    assert [file.src_uri for file in kept] == ["sida.md"]
    assert get_data(page.content_string)[1] == {"title": "Sida"}
    planted = File("info.html", str(tmp_path), str(tmp_path / "site"), True)
    with pytest.raises(PluginError, match=re.escape("docs/info.html:1: filen fanns inte när innehållet kontrollerades")):
        generated_pages.on_files(Files([planted]), config)


@pytest.mark.snabb
def test_mkdocs_macros_never_meets_a_title_with_jinja():
    """mkdocs-macros renders {{ in a page's title; a title the check did not read stops the page."""
    page = SimpleNamespace(title="{{ config }}", meta={}, file=SimpleNamespace(src_uri="sida.md", content_string="# x\n"))
    with pytest.raises(PluginError, match=re.escape("docs/sida.md:1: sidans namn innehåller")):
        macros.on_pre_page_macros(SimpleNamespace(page=page, markdown="# x\n", malmoandan_macros={}))
    page.title = "Historik"
    macros.on_pre_page_macros(SimpleNamespace(page=page, markdown="# x\n", malmoandan_macros={}))


# ---- A copy of the site seeded with every payload -----------------------------------------------

PAGES = ["indraget-slut.md", "alias-titel.md", "render-macros-ett.md", "jinja-titel.md", "entitetsrubrik.md", "falt-utan-sidhuvud.md", "aliasbomb.md"]
STATIC = {"info.html": "docs/info.html", "info.js": "docs/info.js", "karta.svg": "docs/karta.svg", "doc.xml": "docs/doc.xml", "stil.css": "docs/assets/stylesheets/stil.css", "falsk-bild.png": "docs/assets/bilder/karta.png"}

# file:line that must be refused -> a piece of the Swedish message
EXPECTED = {
    "docs/indraget-slut.md:4": "utan mellanslag före",
    "docs/alias-titel.md:2": "YAML-ankare",
    "docs/alias-titel.md:3": "YAML-ankare",
    "docs/render-macros-ett.md:3": "render_macros",
    "docs/jinja-titel.md:2": "får inte innehålla {{",
    "docs/entitetsrubrik.md:5": "rubriken blir sidans namn",
    "docs/falt-utan-sidhuvud.md:1": "ser ut som ett fält",
    "docs/aliasbomb.md:5": "YAML-ankare",
    "docs/aliasbomb.md:13": "YAML-ankare",
    "docs/info.html:1": "kan köra skript",
    "docs/info.js:1": "kan köra skript",
    "docs/karta.svg:1": "Exportera bilden som PNG",
    "docs/doc.xml:1": "kan köra skript",
    "docs/assets/stylesheets/stil.css:1": "kan köra skript",
    "docs/assets/bilder/karta.png:1": "är ingen sådan bild",
    "docs/kalender/evenemang/2027:1": "symbolisk länk",
    "docs/losenord.md:1": "symbolisk länk",
    "docs/stor.md:1": "högst 1 MB",
    ".cache/jinja/planterad:1": "git rm --cached",
    "overrides/lank.html:1": "symbolisk länk",
}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    project = sitebuild.fixture_site(tmp_path_factory.mktemp("attacks") / "project")  # frozen content: no real 2027 folder in the way
    docs = project / "docs"
    for name in PAGES:
        (docs / name).write_bytes((ATTACKS / name).read_bytes())
    for name, target in STATIC.items():
        (project / target).parent.mkdir(parents=True, exist_ok=True)
        (project / target).write_bytes((ATTACKS / name).read_bytes())
    # Made here, never committed: links, an oversized page and a planted cache file.
    (project / "data" / "extra").mkdir()
    (project / "data" / "extra" / "2027-01-01-lankat.md").write_bytes((ATTACKS / "alias-titel.md").read_bytes())
    os.symlink("../../../data/extra", docs / "kalender" / "evenemang" / "2027")
    os.symlink("/etc/passwd", docs / "losenord.md")
    (docs / "stor.md").write_text("---\ntitle: Stor\n---\n\n# Stor\n\n" + "Text. " * 200_000, encoding="utf-8")
    (project / ".cache" / "jinja").mkdir(parents=True)
    (project / ".cache" / "jinja" / "planterad").write_bytes((ATTACKS / "planterad-cache").read_bytes())
    os.symlink("/etc/passwd", project / "overrides" / "lank.html")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run(["git", "add", "-f", ".cache/jinja/planterad"], cwd=project, check=True)
    return project


@pytest.fixture(scope="module")
def checked(seeded):
    return subprocess.run([sys.executable, "-m", "macros.check", str(seeded)], capture_output=True, text=True, timeout=120)


def _refusals(output: str) -> dict[str, str]:
    found = {}
    for line in output.splitlines():
        where, _, message = line.strip().partition(": ")
        found.setdefault(where, "")
        found[where] += message
    return found


@pytest.mark.snabb
@pytest.mark.parametrize("where", EXPECTED)
def test_the_check_refuses_each_payload_at_its_line(checked, where):
    assert checked.returncode == 1
    assert EXPECTED[where] in _refusals(checked.stdout).get(where, ""), f"{where} not refused:\n{checked.stdout}"
    assert "Traceback" not in checked.stdout + checked.stderr
    assert "root:" not in checked.stdout, "a line of /etc/passwd reached the output"


@pytest.mark.bygger
def test_the_strict_build_refuses_every_payload_and_publishes_nothing(seeded, tmp_path):
    result = sitebuild.build(seeded, tmp_path / "site")
    assert result.returncode != 0
    refused = _refusals(result.output)
    missing = [where for where in EXPECTED if EXPECTED[where] not in refused.get(where, "")]
    assert missing == [], result.output
    assert not (tmp_path / "site" / "losenord").exists() and not (tmp_path / "site" / "info.html").exists()
    assert "root:" not in result.output
