"""Lighthouse scores for one page per template (a benchmark, not a test: scores move a few
points between runs). Installs Lighthouse into benchmarks/lighthouse/ on first use.

    python -m benchmarks.lighthouse        (or ./dev lighthouse)

Prints accessibility, best practices, SEO and performance (mobile) per page and writes them to
test-results/lighthouse.json. Targets: 100, 100, 100 and at least 95.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests import sitebuild
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, serve
from tests.test_quality import TEMPLATES

HERE = Path(__file__).resolve().parent / "lighthouse"
RESULTS = sitebuild.ROOT / "test-results" / "lighthouse.json"
CATEGORIES = ["accessibility", "best-practices", "seo", "performance"]


def main() -> int:
    if not (HERE / "node_modules" / "lighthouse").is_dir():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=HERE, check=True)
    scores = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        real = sitebuild.build(sitebuild.ROOT, work / "site")
        calendar = sitebuild.build(sitebuild.calendar_site(work / "calendar"), work / "calendar-site", sitebuild.CALENDAR_EPOCH)
        servers = {"site": serve(real.site_dir), "kalender": serve(calendar.site_dir)}
        bases = {name: next(server) for name, server in servers.items()}
        try:
            for name, which, path in TEMPLATES:
                url = bases[which] + path
                report = work / f"{name}.json"
                subprocess.run(
                    [
                        str(HERE / "node_modules" / ".bin" / "lighthouse"),
                        url,
                        "--quiet",
                        "--output=json",
                        f"--output-path={report}",
                        "--only-categories=" + ",".join(CATEGORIES),
                        "--chrome-flags=" + " ".join(CHROMIUM_ARGS),
                    ],
                    env={**os.environ, "CHROME_PATH": CHROMIUM},
                    check=True,
                    timeout=180,
                )
                data = json.loads(report.read_text(encoding="utf-8"))
                scores[name] = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}
                print(f"{name:15} " + "  ".join(f"{c} {scores[name][c]}" for c in CATEGORIES), flush=True)
        finally:
            for server in servers.values():
                server.close()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
    misses = [f"{n} {c} {v}" for n, s in scores.items() for c, v in s.items() if v < (95 if c == "performance" else 100)]
    print("Alla mål uppfyllda." if not misses else "Under målet: " + ", ".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
