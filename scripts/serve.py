"""``./dev serve``: the site on http://127.0.0.1:8000, rebuilt and reloaded in the browser on
every change to docs/, data/, macros/, overrides/ or mkdocs.yml, and a failed build shown in the
browser as a Swedish error page with the same ``fil:rad`` lines as ./dev check.

    python -m scripts.serve [--dev-addr 127.0.0.1:8000] [projektmapp]

Why not plain ``mkdocs serve`` (MkDocs 1.6.1, mkdocs/commands/serve.py and livereload/): when a
rebuild fails, its LiveReloadServer keeps the "wanted" version of the site ahead of the
"visible" one, and every page request waits for them to meet, so the browser hangs with no
message until the build is fixed ("The server will appear stuck", in the terminal only); and a
failed first build stops the server. Here the same LiveReloadServer runs with a builder that
never fails: it runs the strict build in-process (scripts/site_check.build_problems) and, when
that finds problems, replaces the site with one error page. Every address then answers with it,
and it asks the browser to load the page again every few seconds (a meta refresh, no script),
so the real page is back as soon as the build succeeds. A good build also reloads open pages
through MkDocs' own live-reload script, as with mkdocs serve.
"""

import argparse
import html
import logging
import shutil
import tempfile
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from scripts.site_check import build_problems

log = logging.getLogger("mkdocs.serve")

WATCHED = ("docs", "data", "macros", "overrides", "mkdocs.yml")
RETRY_SECONDS = 2

ERROR_PAGE = """<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="refresh" content="{retry}">
<title>Bygget misslyckades – Malmöandan</title>
</head>
<body>
<main>
<h1>Bygget misslyckades</h1>
<p>Webbplatsen kunde inte byggas. Rätta felen nedan och spara filen; sidan laddas om av sig själv
när bygget lyckas. Samma fel visar <code>./dev check</code>.</p>
<pre>{lines}</pre>
</main>
</body>
</html>
"""


def error_page(problems) -> str:
    """The page every address shows while the build fails: each problem as ``fil:rad: meddelande``."""
    return ERROR_PAGE.format(retry=RETRY_SECONDS, lines="\n".join(html.escape(str(problem)) for problem in problems))


class Builder:
    """Builds the site into ``site_dir``; on failure, the site is the error page alone."""

    def __init__(self, root: Path, site_dir: Path, site_url: str):
        self.root, self.site_dir, self.site_url = root, site_dir, site_url

    def __call__(self) -> None:
        log.info("Bygger webbplatsen …")
        problems = build_problems(self.root, self.site_dir, self.site_url)
        if not problems:
            log.info("Bygget lyckades.")
            return
        for problem in problems:
            log.error(str(problem))
        shutil.rmtree(self.site_dir, ignore_errors=True)
        self.site_dir.mkdir(parents=True)
        page = error_page(problems)
        for name in ("index.html", "404.html"):  # 404.html: MkDocs' server answers every other address with it
            (self.site_dir / name).write_text(page, encoding="utf-8")


def serve_error_page(site_dir: Path):
    """The server's answer for a missing address: the site's 404.html (the error page while the
    build fails, the theme's 404 page otherwise), as mkdocs serve does."""

    def answer(code: int) -> bytes | None:
        page = site_dir / "404.html"
        return page.read_bytes() if code == 404 and page.is_file() else None

    return answer


def make_server(root: Path, host: str, port: int) -> tuple[LiveReloadServer, Path]:
    """The server, built once and watching the project; not yet serving."""
    site_dir = Path(tempfile.mkdtemp(prefix="malmoandan-serve-"))
    builder = Builder(root, site_dir, f"http://{host}:{port}/")
    server = LiveReloadServer(builder=builder, host=host, port=port, root=str(site_dir))
    server.error_handler = serve_error_page(site_dir)
    builder()
    for name in WATCHED:
        if (root / name).exists():
            server.watch(str(root / name))
    return server, site_dir


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="./dev serve", description="Webbplatsen med omladdning, och byggfel i webbläsaren.")
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="adress och port (127.0.0.1:8000)")
    parser.add_argument("project", nargs="?", default=".", help="projektmappen (den här)")
    arguments = parser.parse_args(argv)
    host, _, port = arguments.dev_addr.rpartition(":")
    logging.basicConfig(level=logging.INFO, format="%(levelname)-8s-  %(message)s")
    server, site_dir = make_server(Path(arguments.project).resolve(), host or "127.0.0.1", int(port))
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info("Avslutar …")
    finally:
        server.shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
