"""Every fact in data/ carries a verbatim quote from its source, and the quote check catches a
changed word in the source text or in the quote, at the data file's line.

The check is tested on the fixture content (tests/fixtures/site, and the small content fixture);
the tests marked webbplatsen hold the real data to the same rules, whatever facts it has.
"""

import shutil
from pathlib import Path

import pytest

from macros import content, provenance
from macros.yamlfiles import read
from scripts import sitebuild

# Rules on small inputs, no site build (those that build are marked bygger).
pytestmark = pytest.mark.snabb

ROOT = sitebuild.ROOT
SITE_FIXTURE = sitebuild.FIXTURE_CONTENT
FIXTURE = Path(__file__).parent / "fixtures" / "content" / "valid"
FACT_FILES = [
    "data/sources.yml",
    "data/decisions.yml",
    "data/timeline.yml",
    "data/annual_cycle.yml",
    "data/participation_matrix.yml",
    "data/plans.yml",
    "data/focus_areas.yml",
    "data/indicators.yml",
    "data/survey_2019.yml",
    "data/reports/2018.yml",
    "data/reports/2019.yml",
    "data/reports/2023.yml",
]


def site_copy(tmp_path: Path) -> Path:
    """The fixture site's data and pages in a folder of their own, to break one thing in."""
    project = tmp_path / "project"
    for name in ("data", "docs"):
        shutil.copytree(SITE_FIXTURE / name, project / name)
    return project


def problems(project: Path) -> list[str]:
    return [str(p) for p in content.check(project)]


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


# ---- the real data, and the fixture site's ------------------------------------------------------


@pytest.mark.webbplatsen
def test_every_source_has_its_text_in_the_repository():
    sources = read(ROOT / "data" / "sources.yml", ROOT).data
    for source in sources:
        assert (ROOT / "data" / "sources" / f"{source['id']}.txt").is_file(), source["id"]


def quotes_of(root: Path) -> list:
    """Every quote in the data under ``root``, after checking that each occurs in its source."""
    data = content.load(root)
    texts = provenance.load_texts(root, list(data.sources))
    quotes = [q for quotes in provenance.by_file(data).values() for q in quotes]
    for quote in quotes:
        assert any(texts[s].contains(quote.text) for s in quote.sources), quote
    return quotes


@pytest.mark.webbplatsen
def test_every_quote_in_the_real_data_occurs_in_its_source():
    quotes_of(ROOT)


def test_every_quote_in_the_fixture_data_is_found_and_none_is_lost():
    # The count in the fixture's reports; fewer means the loader lost facts' quotes.
    assert len(quotes_of(SITE_FIXTURE)) > 250


@pytest.mark.parametrize("name", FACT_FILES)
def test_every_fact_file_carries_quotes(name):
    source = read(SITE_FIXTURE / name, SITE_FIXTURE)
    assert list(provenance.quotes_in(source.data, name)), f"{name} has no quotes"


def test_the_2021_plan_has_its_letters_restored_but_not_its_words():
    """The fixture's copy of the plan's text, which the quote tests below break on purpose."""
    text = (SITE_FIXTURE / "data" / "sources" / "samarbetsplan-2021-2026.txt").read_text(encoding="utf-8")
    assert "Malméandan" not in text and "6verenskommelse" not in text
    assert "Styrgruppen sammanträder fyra gånger per år." in text
    assert "STYRGRUPEN FATTAR BESLUT" in text  # the plan's own misspelling stays


# ---- what breaks the check ----------------------------------------------------------------------


def test_a_changed_word_in_a_source_text_fails_at_the_quote(tmp_path):
    project = site_copy(tmp_path)
    source = project / "data" / "sources" / "samarbetsplan-2021-2026.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("sammanträder fyra gånger", "sammanträder fem gånger"), encoding="utf-8")
    line = line_of(project / "data" / "plans.yml", "Styrgruppen sammanträder fyra gånger per år.")
    found = problems(project)
    assert found == [
        f"data/plans.yml:{line}: citatet finns inte i källan samarbetsplan-2021-2026 (data/sources/samarbetsplan-2021-2026.txt). "
        "Kopiera citatet ordagrant ur källan: varje ord och tecken ska stämma, men radbrytningar och extra mellanslag "
        "spelar ingen roll. Texten stämmer med källan fram till: ”Styrgruppen sammanträder f”."
    ]


def test_a_changed_word_in_a_quote_fails_at_its_line(tmp_path):
    project = site_copy(tmp_path)
    timeline = project / "data" / "timeline.yml"
    original = "I september 2019 gick Handikappidrottens samorganisation, HISO, i konkurs."
    timeline.write_text(timeline.read_text(encoding="utf-8").replace(original, original.replace("gick", "försattes")), encoding="utf-8")
    line = line_of(timeline, "I september 2019 försattes")
    found = problems(project)
    assert len(found) == 1
    assert found[0].startswith(f"data/timeline.yml:{line}: citatet finns inte i källan tjansteskrivelse-2020-01-16 (data/sources/tjansteskrivelse-2020-01-16.txt).")


def test_a_quote_in_a_list_and_in_a_nested_record_is_reported_at_its_own_line(tmp_path):
    project = site_copy(tmp_path)
    report = project / "data" / "reports" / "2019.yml"
    text = report.read_text(encoding="utf-8").replace("20 000 kronor har använts", "25 000 kronor har använts")
    report.write_text(text, encoding="utf-8")
    line = line_of(report, "25 000 kronor har använts")
    assert [p.split(": citatet")[0] for p in problems(project)] == [f"data/reports/2019.yml:{line}"]


def test_a_fact_without_a_quote_is_reported(tmp_path):
    project = site_copy(tmp_path)
    focus = project / "data" / "focus_areas.yml"
    text = focus.read_text(encoding="utf-8")
    focus.write_text(text[: text.index("  citat:")], encoding="utf-8")
    found = problems(project)
    assert len(found) == 1 and found[0].startswith("data/focus_areas.yml:5: fältet 'citat' saknas")


def test_a_number_without_a_quote_is_reported(tmp_path):
    project = site_copy(tmp_path)
    plans = project / "data" / "plans.yml"
    lines = [line for line in plans.read_text(encoding="utf-8").splitlines(keepends=True) if "    samordnare_heltidstjänster: \"" not in line]
    plans.write_text("".join(lines), encoding="utf-8")
    line = line_of(plans, "    samordnare_heltidstjänster: 2")
    assert problems(project) == [f"data/plans.yml:{line}: talet samordnare_heltidstjänster har inget citat; skriv det under citat:, till exempel  citat: {{samordnare_heltidstjänster: \"…\"}}"]


def test_a_source_without_text_is_reported_at_its_id(tmp_path):
    project = site_copy(tmp_path)
    (project / "data" / "sources" / "tjansteskrivelse-2019-05.txt").unlink()
    line = line_of(project / "data" / "sources.yml", "- id: tjansteskrivelse-2019-05")
    assert problems(project) == [
        f"data/sources.yml:{line}: källan tjansteskrivelse-2019-05 har ingen text. Lägg handlingens text i "
        "data/sources/tjansteskrivelse-2019-05.txt, så att citaten ur den kan kontrolleras"
    ]


# ---- the comparison -----------------------------------------------------------------------------


def test_line_breaks_and_spaces_do_not_matter_but_letters_do():
    source = provenance.SourceText("x", provenance.normalise("De båda \n samordnarna fanns\tpå plats."), False)
    assert source.contains("De båda samordnarna fanns på plats.")
    assert source.contains("De båda\nsamordnarna   fanns på plats.")
    assert not source.contains("De båda samordnarna fanns på plats!")
    assert not source.contains("de båda samordnarna fanns på plats.")


def test_soft_hyphens_are_ignored_only_when_the_source_has_them(tmp_path):
    with_soft = tmp_path / "a.txt"
    with_soft.write_text("samarbets\u00adplanen gäller", encoding="utf-8")
    assert provenance.SourceText.read(with_soft, "a").contains("samarbetsplanen gäller")
    without = tmp_path / "b.txt"
    without.write_text("samarbetsplanen gäller", encoding="utf-8")
    assert not provenance.SourceText.read(without, "b").contains("samarbets\u00adplanen gäller")


def test_a_quote_must_be_long_enough_to_prove_something(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    focus = project / "data" / "focus_areas.yml"
    focus.write_text(focus.read_text(encoding="utf-8").replace('"Fokusområdet för 2023 var jämlik hälsa."', '"2023"'), encoding="utf-8")
    found = problems(project)
    assert len(found) == 1 and "är för kort för att visa något" in found[0] and found[0].startswith("data/focus_areas.yml:5:")


def test_a_quote_from_a_decision_with_several_sources_may_come_from_any_of_them(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    decisions = project / "data" / "decisions.yml"
    # The second decision names both sources; its quote stands only in the plan.
    decisions.write_text(decisions.read_text(encoding="utf-8").replace('"Kommunstyrelsen godkände planen"', '"Samarbetsplan 2021"'), encoding="utf-8")
    assert problems(project) == []
    decisions.write_text(decisions.read_text(encoding="utf-8").replace('"Samarbetsplan 2021"', '"Samarbetsplan 2022"'), encoding="utf-8")
    [problem] = problems(project)
    assert "finns inte i någon av källorna protokoll (data/sources/protokoll.txt), plan (data/sources/plan.txt)" in problem
