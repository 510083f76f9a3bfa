"""The successor path (MIGRATION.md): the ProperDocs job must prove the same bytes as MkDocs,
its lock must be the project's lock plus ProperDocs, and the byte comparison must catch a
difference. Rule tests on small inputs and on the workflow file; nothing here builds the site."""

import re
from pathlib import Path

import pytest

from scripts import compare_builds
from tests.test_workflows import WORKFLOW_DIR, load, steps

pytestmark = pytest.mark.snabb

ROOT = Path(__file__).parent.parent
LOCK_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+) \\$", re.M)


def pins(lock: str) -> dict[str, str]:
    """{package: version} of a pip-compile lock file in the repository."""
    return dict(LOCK_PIN.findall((ROOT / lock).read_text(encoding="utf-8")))


# ---- ProperDocs ---------------------------------------------------------------------------------


def properdocs_problems(job: dict) -> list[str]:
    """What would let the ProperDocs job pass without proving the same bytes as MkDocs."""
    runs = [str(step.get("run", "")) for step in steps(job)]
    problems = []
    if "continue-on-error" in job or any("continue-on-error" in step for step in steps(job)):
        problems.append("the ProperDocs job must fail when its build or its bytes differ")
    if any(re.search(r"\|\|\s*(true|:)\b", run) for run in runs):
        problems.append("a failure in the ProperDocs job is swallowed with || true")
    if not any("SOURCE_DATE_EPOCH=" in run for run in runs):
        problems.append("SOURCE_DATE_EPOCH must be set so the two builds share one clock")
    if not any(run.strip() == "./dev build" for run in runs):
        problems.append("the normal build (./dev build) is what ProperDocs is compared with")
    if not any(re.search(r"properdocs\" build --strict\b", run) for run in runs):
        problems.append("ProperDocs must build strictly, as ./dev build does")
    if not any("--require-hashes --no-deps -r requirements-properdocs.lock" in run for run in runs):
        problems.append("ProperDocs comes from requirements-properdocs.lock, hash-checked")
    if not any(run.startswith(".venv/bin/python -m scripts.compare_builds --same-bytes site ") for run in runs):
        problems.append("the last word is scripts.compare_builds --same-bytes against site/")
    return problems


def test_the_properdocs_job_fails_unless_the_bytes_are_the_same():
    job = load(WORKFLOW_DIR / "tester.yml")["jobs"]["properdocs"]
    assert properdocs_problems(job) == []
    assert job["permissions"] == {"contents": "read"}


@pytest.mark.parametrize(
    "break_it",
    [
        lambda job: job.update({"continue-on-error": True}),
        lambda job: job["steps"][-1].update(run=job["steps"][-1]["run"] + " || true"),
        lambda job: job["steps"][-1].update(run=job["steps"][-1]["run"].replace("--same-bytes ", "")),
        lambda job: job["steps"][-2].update(run=job["steps"][-2]["run"].replace("--strict ", "")),
        lambda job: job["steps"].pop(2),
    ],
    ids=["continue-on-error", "or-true", "report-only", "not-strict", "no-epoch"],
)
def test_the_properdocs_rule_catches(break_it):
    job = load(WORKFLOW_DIR / "tester.yml")["jobs"]["properdocs"]
    break_it(job)
    assert properdocs_problems(job)


def test_the_properdocs_lock_is_the_projects_lock_plus_properdocs():
    """Both locks are installed into one environment: a package in both at two versions would
    leave whichever came last, and the build would no longer be the project's."""
    properdocs, project = pins("requirements-properdocs.lock"), pins("requirements.lock")
    assert re.search(r"^properdocs==(\S+)$", (ROOT / "requirements-properdocs.in").read_text(encoding="utf-8"), re.M)[1] == properdocs["properdocs"]
    assert {name: version for name, version in properdocs.items() if project.get(name) != version} == {"properdocs": properdocs["properdocs"]}


def write(folder: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


PAGE = b'<head><meta name="generator" content="%s"></head><p>Text</p>'


def test_the_same_bytes_but_the_generator_tag_is_the_same_build(tmp_path):
    mkdocs = write(tmp_path / "a", {"index.html": PAGE % b"mkdocs-1.6.1, mkdocs-material-9.8.1", "feed.xml": b"<feed/>"})
    properdocs = write(tmp_path / "b", {"index.html": PAGE % b"mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1", "feed.xml": b"<feed/>"})
    assert compare_builds.byte_differences(mkdocs, properdocs) == []
    assert compare_builds.main(["--same-bytes", str(mkdocs), str(properdocs)]) == 0


@pytest.mark.parametrize(
    "other, expected",
    [
        ({"index.html": PAGE % b"x", "feed.xml": b"<feed />"}, "olika: feed.xml"),
        ({"index.html": (PAGE % b"x").replace(b"Text", b"Test"), "feed.xml": b"<feed/>"}, "olika: index.html"),
        ({"index.html": PAGE % b"x"}, "bara i {a}: feed.xml"),
        ({"index.html": PAGE % b"x", "feed.xml": b"<feed/>", "extra.js": b""}, "bara i {b}: extra.js"),
    ],
    ids=["one-byte", "page-text", "missing", "extra"],
)
def test_the_byte_comparison_names_what_differs(tmp_path, other, expected):
    normal = write(tmp_path / "a", {"index.html": PAGE % b"mkdocs-1.6.1", "feed.xml": b"<feed/>"})
    built = write(tmp_path / "b", other)
    assert compare_builds.byte_differences(normal, built) == [expected.format(a=normal, b=built)]
    assert compare_builds.main(["--same-bytes", str(normal), str(built)]) == 1
