"""Build benchmark: prints the figures and writes them to test-results/benchmark.json.

    python -m benchmarks            (or ./dev bench)
    python -m benchmarks --quick    a tiny run for the smoke test: fewer builds, 10 events

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

from benchmarks import synthetic
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


def timed_build(project: Path, site: Path, extra_env: dict | None = None, cold: bool = False) -> dict:
    """One strict build in a child process: seconds, peak memory (MB), pages and bytes."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(sitebuild.FIXED_EPOCH), "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    env.pop("SITE_URL", None)
    if cold:
        shutil.rmtree(ROOT / ".cache", ignore_errors=True)
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--quiet", "--site-dir", str(site)],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    output = child.stdout.read().decode("utf-8", "replace")
    if status != 0:
        raise RuntimeError(f"build failed in {project}:\n{output[-3000:]}")
    pages = sum(1 for _ in site.rglob("*.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = site / "search" / "search_index.json"
    search = {"search_index_bytes": index.stat().st_size, "search_index_gzip": len(gzip.compress(index.read_bytes(), 9, mtime=0))} if index.is_file() else {}
    return {"seconds": round(seconds, 3), "peak_mb": round(usage.ru_maxrss / 1024, 1), "pages": pages, "bytes": size, **search}


def median_build(project: Path, runs: int) -> dict:
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(runs):
            results.append(timed_build(project, Path(folder) / f"site{run}"))
    best = sorted(results, key=lambda r: r["seconds"])[len(results) // 2]
    return {**best, "runs": [r["seconds"] for r in results], "peak_mb": max(r["peak_mb"] for r in results)}


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


def scaled(count: int, runs: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        project = sitebuild.copy_site(work / "project")
        synthetic.add_events(project, count)
        real = median_build(project, runs)
        plain = median_build(plain_project(project, work), runs)
    per_page = real["seconds"] / real["pages"]
    return {
        "events": count,
        "site": real,
        "plain_material": plain,
        "seconds_per_page": round(per_page, 5),
        "bytes_per_page": round(real["bytes"] / real["pages"]),
        "overhead_ratio": round(real["seconds"] / plain["seconds"], 3),
    }


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
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the figures as JSON")
    args = parser.parse_args()
    runs, sizes = (1, [10]) if args.quick else (5, [100, 1000, 3000])

    results = {"machine": {"cpus": os.cpu_count()}}
    print("Den riktiga webbplatsen …", flush=True)
    results["real_site"] = median_build(ROOT, runs)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        project = sitebuild.copy_site(work / "project")
        results["real_site_plain_material"] = median_build(plain_project(project, work), runs)
    results["real_site"]["overhead_ratio"] = round(results["real_site"]["seconds"] / results["real_site_plain_material"]["seconds"], 3)
    with tempfile.TemporaryDirectory() as folder:
        results["real_site_cold"] = timed_build(ROOT, Path(folder) / "site", cold=True)
    results["scaling"] = []
    for count in sizes:
        print(f"{count} påhittade evenemang …", flush=True)
        results["scaling"].append(scaled(count, runs if count < 3000 else max(1, runs // 2)))
    first, last = results["scaling"][0], results["scaling"][-1]
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
        "webbplatsen ≤ 1,5 s": results["real_site"]["seconds"] <= 1.5,
        f"sökindex vid {last['events']} evenemang ≤ 300 kB gzip": last["site"].get("search_index_gzip", 0) <= 300_000,
        "tid per sida 3000/100 ≤ 1,3": results["scaling_ratios"]["seconds_per_page"] <= 1.3,
        "byte per sida 3000/100 ≤ 1,2": results["scaling_ratios"]["bytes_per_page"] <= 1.2,
        "3000 evenemang < 60 s": last["site"]["seconds"] < 60,
        "3000 evenemang < 500 MB": last["site"]["peak_mb"] < 500,
        "ändring synlig < 2 s": results["rebuild_after_edit"]["seconds"] < 2,
        "evenemangssida < 150 kB gzip": results["page_weight"]["evenemang"]["total_gzip"] < 150_000,
        "inga externa resurser": all("external" not in w for w in results["page_weight"].values()),
    }
    results["targets"] = targets
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    r = results["real_site"]
    print(f"\nWebbplatsen: {r['seconds']} s (median av {len(r['runs'])}: {r['runs']}), {r['peak_mb']} MB, {r['pages']} sidor")
    print(f"  Material utan makron: {results['real_site_plain_material']['seconds']} s; kvot {r['overhead_ratio']}")
    print(f"  Utan diagramcache (.cache/): {results['real_site_cold']['seconds']} s")
    for s in results["scaling"]:
        print(
            f"{s['events']:>5} evenemang: {s['site']['seconds']} s, {s['site']['pages']} sidor, "
            f"{s['seconds_per_page'] * 1000:.2f} ms/sida, {s['site']['peak_mb']} MB, {s['bytes_per_page']} byte/sida, "
            f"utan makron {s['plain_material']['seconds']} s (kvot {s['overhead_ratio']}), "
            f"sökindex {s['site'].get('search_index_bytes', 0)} byte ({s['site'].get('search_index_gzip', 0)} gzip)"
        )
    print(f"Kvoter {last['events']}/{first['events']}: tid/sida {results['scaling_ratios']['seconds_per_page']}, byte/sida {results['scaling_ratios']['bytes_per_page']}")
    print(f"Ändrat evenemang synligt efter {results['rebuild_after_edit']['seconds']} s")
    for name, weight in results["page_weight"].items():
        parts = ", ".join(f"{k} {v['gzip']}" for k, v in weight.items() if isinstance(v, dict))
        print(f"Sidvikt {name}: {weight['total_gzip']} byte gzip ({parts})")
    for target, ok in targets.items():
        print(f"  {'uppfyllt' if ok else 'EJ UPPFYLLT'}: {target}")
    print(f"\nSiffrorna finns i {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
