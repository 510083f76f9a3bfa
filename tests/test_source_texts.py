"""The stored source texts are reproducible: each data/sources/<id>.txt is its original document
(in ../shared/sources/, beside the checkout, read-only) with the changes its list
data/sources/<id>.andringar.yml names, line by line, and nothing else."""

from pathlib import Path

import pytest
import yaml

from macros import provenance

pytestmark = pytest.mark.snabb

ROOT = Path(__file__).parent.parent
ORIGINALS = ROOT.parent / "shared" / "sources"
STORED = sorted((ROOT / "data" / "sources").glob("*.txt"))


def changes_of(text_path: Path) -> dict:
    return yaml.safe_load(text_path.with_suffix(".andringar.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("text_path", STORED, ids=lambda p: p.stem)
def test_every_stored_text_is_its_original_with_the_listed_changes(text_path):
    listed = changes_of(text_path)
    original = ORIGINALS / listed["original"]
    assert original.is_file(), f"originalet {original} saknas: ../shared/sources/ ska ligga bredvid utcheckningen"
    rebuilt = provenance.rebuild(original.read_text(encoding="utf-8"), listed["ändringar"] or [])
    assert rebuilt == text_path.read_text(encoding="utf-8")


@pytest.mark.parametrize("text_path", STORED, ids=lambda p: p.stem)
def test_every_change_is_described(text_path):
    for change in changes_of(text_path)["ändringar"] or []:
        assert set(change) == {"rad", "spalt", "från", "till", "slag"} and change["slag"] in {"å/ä/ö", "OCR"}, change


# ---- the rebuild on fixtures -----------------------------------------------------------------


ORIGINAL = "Malmé stad\n| denna plan\n"


def test_the_changes_are_made_at_their_line_and_column():
    changes = [{"rad": 1, "spalt": 4, "från": "é", "till": "ö"}, {"rad": 2, "spalt": 0, "från": "|", "till": "I"}]
    assert provenance.rebuild(ORIGINAL, changes) == "Malmö stad\nI denna plan\n"


@pytest.mark.parametrize(
    "change",
    [
        {"rad": 2, "spalt": 1, "från": "|", "till": "I"},  # the wrong column
        {"rad": 1, "spalt": 4, "från": "ö", "till": "ö"},  # a change the original does not hold
        {"rad": 9, "spalt": 0, "från": "x", "till": "y"},  # past the last line
    ],
)
def test_a_change_that_does_not_fit_its_original_fails(change):
    with pytest.raises(ValueError, match=f"rad {change['rad']}, spalt {change['spalt']}"):
        provenance.rebuild(ORIGINAL, [change])


def test_an_unlisted_change_in_the_stored_text_is_seen():
    stored = "Malmö stad\nI denna plan!\n"
    assert provenance.rebuild(ORIGINAL, [{"rad": 1, "spalt": 4, "från": "é", "till": "ö"}, {"rad": 2, "spalt": 0, "från": "|", "till": "I"}]) != stored
