"""Lighthouse scores for one page per template (a benchmark, not a test: scores move a few
points between runs). Installs Lighthouse into benchmarks/lighthouse/ on first use.

    python -m benchmarks.lighthouse        (or ./dev lighthouse)

Prints accessibility, best practices, SEO and performance (mobile) per page and writes them to
test-results/lighthouse.json. Targets: 100, 100, 100 and at least 95.
"""

import functools
import gzip
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from scripts import sitebuild
from scripts.browser import CHROMIUM, CHROMIUM_ARGS, TEMPLATES

HERE = Path(__file__).resolve().parent / "lighthouse"
RESULTS = sitebuild.ROOT / "test-results" / "lighthouse.json"
CATEGORIES = ["accessibility", "best-practices", "seo", "performance"]


class PagesLikeHandler(SimpleHTTPRequestHandler):
    """Serves the built site as GitHub Pages does: gzip for text and a cache lifetime of 10
    minutes, so Lighthouse measures what readers get rather than Python's bare file server."""

    TEXT = frozenset({".html", ".css", ".js", ".json", ".svg", ".xml", ".ics", ".csv"})

    def log_message(self, format, *args):  # the base class names it format
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in self.TEXT or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


def serve(directory: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PagesLikeHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


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
