"""Build benchmark: prints the figures and writes them to test-results/benchmark.json.

    python -m benchmarks            (or ./dev bench)
    python -m benchmarks --quick    a tiny run for the smoke test: each stage once, 10 events, one
                                    profile (the real site's)
    python -m benchmarks --overhead [--events N]   the overhead table alone (real site and N events)

0. the overhead table: our build against plain Material's build of the same rendered pages, on the
   real site and on the 3 000-event site, median of several runs (wall and CPU time: the machine
   is shared, so CPU time and the load average are printed too), and where each millisecond goes
   (benchmarks/profile.py: one profiled build of each, grouped by whose code spends the time);
1. the real site: strict build, median of 5, wall time and peak memory;
2. the site with 100, 1 000 and 3 000 synthetic events in a temporary copy: wall time, time
   per page, peak memory, output bytes per page;
3. beside each, a plain Material build of the same rendered pages without macros and data;
4. the time from saving an event file to the changed page being served by mkdocs serve;
5. the weight of the start, calendar and event pages (HTML, CSS, JS, fonts; raw and gzip);
6. with every build, the search index's size, raw and gzip (target at 3 000 events: 300 kB gzip).
"""

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks import profile, synthetic
from macros import assembly, prerender
from scripts import sitebuild

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "test-results" / "benchmark.json"
CAPTURE_HOOK = '''
from pathlib import Path
OUT = Path(__file__).parent / "rendered"
def on_page_markdown(markdown, page, config, files):
    target = OUT / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown, encoding="utf-8")
    return markdown
'''


def build_env() -> dict:
    """The environment of every measured build: the fixed clock, production's address."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(sitebuild.FIXED_EPOCH), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    return env


def timed_build(project: Path, site: Path, extra_env: dict | None = None) -> dict:
    """One strict build in a child process: seconds, peak memory (MB), pages and bytes."""
    env = {**build_env(), **(extra_env or {})}
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--quiet", "--site-dir", str(site)],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    output = child.stdout.read().decode("utf-8", "replace")
    if status != 0:
        raise RuntimeError(f"build failed in {project}:\n{output[-3000:]}")
    pages = sum(1 for _ in site.rglob("*.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = site / "search" / "search_index.json"
    search = {"search_index_bytes": index.stat().st_size, "search_index_gzip": len(gzip.compress(index.read_bytes(), 9, mtime=0))} if index.is_file() else {}
    return {"seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3), "peak_mb": round(usage.ru_maxrss / 1024, 1), "pages": pages, "bytes": size, **search}


def median_build(project: Path, runs: int) -> dict:
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(runs):
            results.append(timed_build(project, Path(folder) / f"site{run}"))
    best = sorted(results, key=lambda r: r["seconds"])[len(results) // 2]
    cpu = sorted(r["cpu_seconds"] for r in results)[len(results) // 2]
    return {**best, "cpu_seconds": cpu, "runs": [r["seconds"] for r in results], "peak_mb": max(r["peak_mb"] for r in results)}


def plain_project(project: Path, work: Path) -> Path:
    """The same pages as rendered Markdown, built by Material without macros or data."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "capture_hook.py").write_text(CAPTURE_HOOK, encoding="utf-8")
    # One hooks: list: the site's own hooks plus the one that captures the rendered Markdown.
    captured = config.replace("\nhooks:\n", "\nhooks:\n  - capture_hook.py\n", 1) if "\nhooks:\n" in config else config + "\nhooks:\n  - capture_hook.py\n"
    (project / "mkdocs.yml").write_text(captured, encoding="utf-8")
    timed_build(project, work / "capture-site")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    plain = work / "plain"
    shutil.copytree(project / "docs", plain / "docs", ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(project / "rendered", plain / "docs", dirs_exist_ok=True)
    shutil.copytree(project / "overrides", plain / "overrides")
    # Without the macros plugin and the project's hooks (macros/git_dates.py,
    # macros/generated_pages.py): the generated pages are among the captured ones.
    config = prerender.with_theme_extra(prerender.without_project_code(config), assembly.theme_extra())
    # The status notice and the preview banner come from the macros; without them the theme
    # override reads config.extra only, which stays as it is.
    (plain / "mkdocs.yml").write_text(config, encoding="utf-8")
    return plain


def overhead(project: Path, work: Path, runs: int, profiled: bool = True, copy: Path | None = None) -> dict:
    """Our build of ``project`` against plain Material's build of the same rendered pages: the
    medians, their ratio (wall and CPU time), and with ``profiled`` where the milliseconds go
    (benchmarks/profile.py: ``runs`` sampled builds of each), scaled to each build's median CPU time. The plain pages are
    captured from ``copy`` (a copy of ``project``) when the project itself must stay untouched."""
    site = median_build(project, runs)
    plain_dir = plain_project(copy or project, work)
    plain = median_build(plain_dir, runs)
    result = {
        "site": site,
        "plain_material": plain,
        "overhead_ratio": round(site["seconds"] / plain["seconds"], 3),
        "overhead_ratio_cpu": round(site["cpu_seconds"] / plain["cpu_seconds"], 3),
    }
    if profiled:
        result["where_ms"] = {
            "site": profile.in_milliseconds(profile.profile_build(project, build_env(), runs), site["cpu_seconds"]),
            "plain_material": profile.in_milliseconds(profile.profile_build(plain_dir, build_env(), runs), plain["cpu_seconds"]),
        }
    return result


def scaled(count: int, runs: int, profiled: bool = False) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        project = sitebuild.copy_site(work / "project")
        synthetic.add_events(project, count)
        measured = overhead(project, work, runs, profiled)
    real = measured["site"]
    return {
        "events": count,
        **measured,
        "seconds_per_page": round(real["seconds"] / real["pages"], 5),
        "bytes_per_page": round(real["bytes"] / real["pages"]),
    }


def real_site_overhead(runs: int) -> dict:
    """The overhead on the real site: our build of the repository itself (with its git history,
    as production builds it) against plain Material's build of a copy's rendered pages."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        return overhead(ROOT, work, runs, copy=sitebuild.copy_site(work / "project"))


def print_overhead(name: str, measured: dict) -> None:
    site, plain = measured["site"], measured["plain_material"]
    print(
        f"{name}: {site['seconds']} s (CPU {site['cpu_seconds']} s), Material utan makron {plain['seconds']} s "
        f"(CPU {plain['cpu_seconds']} s): kvot {measured['overhead_ratio']} (CPU {measured['overhead_ratio_cpu']}); "
        f"median av {len(site['runs'])}: {site['runs']} mot {plain['runs']}"
    )
    if "where_ms" in measured:
        where = measured["where_ms"]
        print(f"  Var tiden går (CPU-ms, fördelade som {where['site']['samples']} och {where['plain_material']['samples']} stickprov):")
        print("\n".join(profile.table(where["site"], where["plain_material"])))
        print("  Vår kod per modul (med biblioteken den anropar):")
        for module, ms in list(where["site"]["our_modules"].items())[:12]:
            print(f"    {module:28} {ms:>5} ms")


def rebuild_after_edit(timeout: float = 60) -> dict:
    """Seconds from saving an event file to the changed page being served by mkdocs serve."""
    with tempfile.TemporaryDirectory() as folder:
        project = sitebuild.copy_site(Path(folder) / "project")
        event = next((project / "docs" / "kalender" / "evenemang").rglob("20*.md"))
        url_path = event.relative_to(project / "docs").with_suffix("").as_posix() + "/"
        port = 8000 + os.getpid() % 1000
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}/{url_path}"
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                try:
                    urllib.request.urlopen(url, timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.2)
            marker = f"Ändrad för mätningen {time.time_ns()}"
            saved = time.perf_counter()
            event.write_text(event.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
            while time.monotonic() < deadline:
                try:
                    if marker in urllib.request.urlopen(url, timeout=2).read().decode("utf-8"):
                        return {"seconds": round(time.perf_counter() - saved, 3)}
                except OSError:
                    pass
                time.sleep(0.05)
            raise RuntimeError("the edited event never appeared")
        finally:
            server.terminate()
            server.wait(timeout=10)


# What the browser fetches when the page loads: stylesheets, icons, preloads and scripts (not
# rel=canonical or alternate, which only name addresses).
ASSET = re.compile(r'<(?:link[^>]+rel="(?:stylesheet|icon|preload|modulepreload)"[^>]+href|script[^>]+src)="([^"#?]+)')


def page_weight(site: Path, page: str) -> dict:
    """Bytes of the page and what it loads from the site: raw and gzip, by kind."""
    html_path = site / page / "index.html" if not page.endswith(".html") else site / page
    html = html_path.read_text(encoding="utf-8")
    kinds = {"html": [html_path]}
    for href in ASSET.findall(html):
        if href.startswith(("http:", "https:", "//")):
            kinds.setdefault("external", []).append(href)
            continue
        path = (html_path.parent / href).resolve()
        kind = {".css": "css", ".js": "js", ".woff2": "fonts", ".woff": "fonts"}.get(path.suffix)
        if kind and path.is_file():
            kinds.setdefault(kind, []).append(path)
    # The search loads these as soon as the page is open.
    scripts = [p for p in (site / "assets" / "javascripts").rglob("*.js") if "workers" in p.parts or p.name in ("lunr.stemmer.support.min.js", "lunr.sv.min.js")]
    for extra in ["search/search_index.json", *[p.relative_to(site).as_posix() for p in scripts]]:
        kinds.setdefault("search", []).append(site / extra)
    result = {}
    for kind, paths in kinds.items():
        if kind == "external":
            result[kind] = paths
            continue
        raw = sum(p.stat().st_size for p in paths)
        packed = sum(len(gzip.compress(p.read_bytes(), 9, mtime=0)) for p in paths)
        result[kind] = {"raw": raw, "gzip": packed}
    result["total_gzip"] = sum(v["gzip"] for k, v in result.items() if isinstance(v, dict))
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="a tiny run for the smoke test")
    parser.add_argument("--overhead", action="store_true", help="the overhead table alone: the real site and --events events")
    parser.add_argument("--events", type=int, default=3000, help="the synthetic site's events in the overhead table")
    parser.add_argument("--runs", type=int, default=5, help="builds per median")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the figures as JSON")
    args = parser.parse_args()
    runs, sizes = (1, [10]) if args.quick else (args.runs, [100, 1000, 3000])
    if args.overhead:
        sizes = [args.events]

    # The machine is shared: the load before and after says how far to trust the wall times.
    results: dict = {"machine": {"cpus": os.cpu_count(), "load_before": [round(x, 2) for x in os.getloadavg()]}}
    print("Den riktiga webbplatsen …", flush=True)
    results["real_site"] = real_site_overhead(runs)
    results["scaling"] = []
    for count in sizes:
        print(f"{count} påhittade evenemang …", flush=True)
        # One profile, at the largest size: the overhead table's second site. The smoke test
        # (--quick) has the real site's profile to check and skips this one's two builds.
        profiled = count == sizes[-1] and not args.quick
        results["scaling"].append(scaled(count, runs if count < 3000 else max(1, runs // 2), profiled))
    results["machine"]["load_after"] = [round(x, 2) for x in os.getloadavg()]
    last = results["scaling"][-1]
    if args.overhead:
        return report(results, {}, args.output)
    first = results["scaling"][0]
    results["scaling_ratios"] = {
        "seconds_per_page": round(last["seconds_per_page"] / first["seconds_per_page"], 3),
        "bytes_per_page": round(last["bytes_per_page"] / first["bytes_per_page"], 3),
    }
    print("Ombyggnad efter ändring …", flush=True)
    results["rebuild_after_edit"] = rebuild_after_edit()
    with tempfile.TemporaryDirectory() as folder:
        calendar_project = sitebuild.calendar_site(Path(folder) / "project")
        site = Path(folder) / "site"
        sitebuild.build(calendar_project, site, sitebuild.CALENDAR_EPOCH)
        results["page_weight"] = {
            name: page_weight(site, path)
            for name, path in {
                "start": "",
                "kalender": "kalender",
                "evenemang": "kalender/evenemang/2026/2026-03-29-dialogforum-var",
            }.items()
        }

    targets = {
        "overhead ≤ 1,25": results["real_site"]["overhead_ratio"] <= 1.25,
        f"overhead vid {last['events']} evenemang ≤ 1,25": last["overhead_ratio"] <= 1.25,
        "webbplatsen ≤ 1,5 s": results["real_site"]["site"]["seconds"] <= 1.5,
        f"sökindex vid {last['events']} evenemang ≤ 300 kB gzip": last["site"].get("search_index_gzip", 0) <= 300_000,
        "tid per sida 3000/100 ≤ 1,3": results["scaling_ratios"]["seconds_per_page"] <= 1.3,
        "byte per sida 3000/100 ≤ 1,2": results["scaling_ratios"]["bytes_per_page"] <= 1.2,
        "3000 evenemang < 60 s": last["site"]["seconds"] < 60,
        "3000 evenemang < 500 MB": last["site"]["peak_mb"] < 500,
        "ändring synlig < 2 s": results["rebuild_after_edit"]["seconds"] < 2,
        "evenemangssida < 150 kB gzip": results["page_weight"]["evenemang"]["total_gzip"] < 150_000,
        "inga externa resurser": all("external" not in w for w in results["page_weight"].values()),
    }
    return report(results, targets, args.output)


def report(results: dict, targets: dict, output: Path) -> int:
    """Print the figures (the overhead table first) and write them all to ``output``."""
    results["targets"] = targets
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    machine = results["machine"]
    print(f"\nÖverhead mot Material utan makron ({machine['cpus']} kärnor, belastning före {machine['load_before']}, efter {machine['load_after']}):")
    r = results["real_site"]
    print_overhead(f"Webbplatsen ({r['site']['pages']} sidor, {r['site']['peak_mb']} MB)", r)
    last = results["scaling"][-1]
    print_overhead(f"{last['events']} påhittade evenemang ({last['site']['pages']} sidor, {last['site']['peak_mb']} MB)", last)
    for s in results["scaling"]:
        print(
            f"{s['events']:>5} evenemang: {s['site']['seconds']} s, {s['site']['pages']} sidor, "
            f"{s['seconds_per_page'] * 1000:.2f} ms/sida, {s['site']['peak_mb']} MB, {s['bytes_per_page']} byte/sida, "
            f"utan makron {s['plain_material']['seconds']} s (kvot {s['overhead_ratio']}), "
            f"sökindex {s['site'].get('search_index_bytes', 0)} byte ({s['site'].get('search_index_gzip', 0)} gzip)"
        )
    if "scaling_ratios" in results:
        first = results["scaling"][0]
        print(f"Kvoter {last['events']}/{first['events']}: tid/sida {results['scaling_ratios']['seconds_per_page']}, byte/sida {results['scaling_ratios']['bytes_per_page']}")
    if "rebuild_after_edit" in results:
        print(f"Ändrat evenemang synligt efter {results['rebuild_after_edit']['seconds']} s")
    for name, weight in results.get("page_weight", {}).items():
        parts = ", ".join(f"{k} {v['gzip']}" for k, v in weight.items() if isinstance(v, dict))
        print(f"Sidvikt {name}: {weight['total_gzip']} byte gzip ({parts})")
    for target, ok in targets.items():
        print(f"  {'uppfyllt' if ok else 'EJ UPPFYLLT'}: {target}")
    print(f"\nSiffrorna finns i {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
