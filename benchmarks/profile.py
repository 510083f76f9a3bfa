"""Where a build's time goes: one strict build, sampled, its CPU time grouped by whose code spends
it (our macros/, our templates, mkdocs-macros, MkDocs, Material, Markdown, Jinja2, …).

A sample every millisecond of CPU time (setitimer's ITIMER_PROF, so other work on a shared machine
is not counted) records the stack. Each sample goes to the group of the innermost frame outside
the standard library: ``html.parser`` called by our search hook counts as ours, called by
Material's search plugin as Material's. Each sample with a frame of macros/ on the stack also goes
to the innermost such module, with the libraries it calls: what that module costs.

Sampling instead of cProfile: cProfile's cost per call slowed the build 3.5 times (7 times with
a CPU-time clock) and unevenly, so that call-heavy code (Jinja's compiler, Markdown) looked
larger than it is. Samples cost next to nothing; a long call into C that spans several
intervals counts once, so C libraries come out somewhat small.
"""

import json
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

# The groups, in the order the table prints them; a file belongs to the first whose marker is
# in its path. Our templates run as code Jinja compiled from them ("overrides/main.html").
GROUPS = (
    ("vår kod (macros/)", ("/macros/",)),
    ("våra mallar (overrides/)", ("/overrides/",)),
    ("mkdocs-macros", ("/mkdocs_macros/",)),
    ("Material", ("/material/",)),
    ("MkDocs", ("/mkdocs/",)),
    ("Markdown", ("/markdown/", "/pymdownx/")),
    ("Jinja2", ("/jinja2/", "/markupsafe/")),
    ("YAML", ("/yaml/",)),
)
OTHER = "andra bibliotek"
STANDARD = "standardbiblioteket"  # a sample with no frame outside it (the interpreter starting)
INTERVAL = 0.001  # seconds of CPU time between samples

# The child process: mkdocs build with the sampler on; it writes the samples as JSON.
CHILD = """
import collections, json, signal, sys
from mkdocs.__main__ import cli
output, site, interval, stdlib = sys.argv[1:5]
stacks = collections.Counter()
def sample(signum, frame):
    files = []
    while frame is not None:
        files.append(frame.f_code.co_filename)
        frame = frame.f_back
    stacks[tuple(f for f in files if "/site-packages/" in f or not f.startswith((stdlib, "<")))] += 1
signal.signal(signal.SIGPROF, sample)
signal.setitimer(signal.ITIMER_PROF, float(interval), float(interval))
sys.argv = ["mkdocs", "build", "--strict", "--quiet", "--site-dir", site]
code = 0
try:
    cli()
except SystemExit as end:
    code = end.code
signal.setitimer(signal.ITIMER_PROF, 0)
with open(output, "w", encoding="utf-8") as out:
    json.dump([[list(stack), count] for stack, count in stacks.items()], out)
sys.exit(code)
"""


def group_of(filename: str, project: Path) -> str:
    """The group of the code in ``filename`` (never the standard library: the child leaves it out)."""
    if filename.startswith(str(project)) and "/site-packages/" not in filename:
        return GROUPS[0][0] if "/macros/" in filename else GROUPS[1][0] if "/overrides/" in filename else OTHER
    for name, markers in GROUPS:
        if any(marker in filename for marker in markers):
            return name
    return OTHER


def profile_build(project: Path, env: dict, runs: int = 1) -> dict:
    """``runs`` strict builds of ``project``, each sampled in a child process: samples per group
    and per module of macros/ (with what it calls), and the total. The kernel delivers at most
    one sample per tick (4 ms on most machines), so a small site wants several runs."""
    samples = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(runs):
            output = Path(folder) / f"samples{run}.json"
            command = [sys.executable, "-c", CHILD, str(output), str(Path(folder) / f"site{run}"), str(INTERVAL), sysconfig.get_paths()["stdlib"]]
            done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise RuntimeError(f"sampled build failed in {project}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
            samples += json.loads(output.read_text(encoding="utf-8"))
    groups: dict[str, int] = {}
    modules: dict[str, int] = {}
    for stack, count in samples:  # innermost frame first
        group = group_of(stack[0], project) if stack else STANDARD
        groups[group] = groups.get(group, 0) + count
        ours = next((Path(f).name for f in stack if group_of(f, project) == GROUPS[0][0]), None)
        if ours is not None:
            modules[ours] = modules.get(ours, 0) + count
    return {"total": sum(groups.values()), "groups": groups, "modules": modules}


def in_milliseconds(profiled: dict, cpu_seconds: float) -> dict:
    """The samples' shares as milliseconds of a build that took ``cpu_seconds`` of CPU time."""
    scale = 1000 * cpu_seconds / max(profiled["total"], 1)
    return {
        "samples": profiled["total"],
        "groups": {name: round(count * scale) for name, count in sorted(profiled["groups"].items(), key=lambda item: -item[1])},
        "our_modules": {name: round(count * scale) for name, count in sorted(profiled["modules"].items(), key=lambda item: -item[1]) if count * scale >= 1},
    }


def table(site: dict, plain: dict) -> list[str]:
    """Rows: group, ms in our build, ms in plain Material's build of the same pages, difference."""
    rows = [f"  {'':28} {'vår':>7} {'Material':>9} {'skillnad':>9}"]
    for name in [name for name, _ in GROUPS] + [OTHER, STANDARD]:
        ours, theirs = site["groups"].get(name, 0), plain["groups"].get(name, 0)
        if ours or theirs:
            rows.append(f"  {name:28} {ours:>5} ms {theirs:>6} ms {ours - theirs:>+6} ms")
    total, total_plain = sum(site["groups"].values()), sum(plain["groups"].values())
    rows.append(f"  {'summa':28} {total:>5} ms {total_plain:>6} ms {total - total_plain:>+6} ms")
    return rows
