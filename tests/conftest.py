"""Shared fixtures: one strict build per test session of the real site (for the invariants any
valid content meets) and of the fixture site (for behaviour), served at the address each was built
for, and a Chromium browser (Debian's /usr/bin/chromium) for the browser tests."""

import fcntl
import functools
import inspect
import mimetypes
import re
import shutil
import ssl
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from playwright.sync_api import Page

from macros import content
from macros.links import PRODUCTION
from scripts import sitebuild
from scripts.browser import CHROMIUM, CHROMIUM_ARGS
from tests.support import serve, skip_or_fail

# The content under a root, loaded once per session (each_site asks for it once per test).
loaded_content = functools.cache(content.load)


# ---- The content gate ---------------------------------------------------------------------------

# The fixtures that are the real site. A test reads it only to hold it to an invariant that any
# valid content meets, so a test that asks for one of them is part of the content gate
# (./dev test --webbplatsen) whatever its module, and the gate cannot miss one.
REAL_SITE = {"site", "site_url"}


# pytest-xdist keeps a group on one worker by the "@group" each worker appends to a grouped test's
# id, which is what its scheduler reads. Under pytest 9.2 the append no longer takes
# (pytest-xdist#1386, open): the groups were spread without a word, and every worker built each
# module's site again (15-20 s of a run). pyproject.toml keeps pytest below 9.2; should a group
# be spread again, its tests fail and say so.
SPREAD = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)  # marks before any other plugin's hook, the check after all of them
def pytest_collection_modifyitems(config, items):
    for item in items:
        function = getattr(item, "function", None)
        if function is not None and REAL_SITE & set(inspect.signature(function).parameters):
            item.add_marker(pytest.mark.webbplatsen)
        # The tests that share a module's own fixture (a seeded site, built once per module) run
        # on one worker (--dist loadgroup in pyproject.toml): spread over two, each worker would
        # build it again. The other tests are spread one by one.
        if _uses_a_module_fixture(item):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
    ids = {id(item): item.nodeid for item in items}  # an item hashes by its id, which pytest-xdist changes
    result = yield
    if getattr(config.option, "loadgroup", False):  # set on pytest-xdist's workers only
        for item in items:
            item.stash[SPREAD] = item.get_closest_marker("xdist_group") is not None and item.nodeid == ids[id(item)]
    return result


def pytest_runtest_setup(item):
    if item.stash.get(SPREAD, False):
        pytest.fail(
            "pytest-xdist did not name this test's group in its id, which is how its loadgroup scheduler keeps a group on "
            "one worker: under pytest 9.2 it cannot (pytest-xdist#1386; see the pytest line in pyproject.toml). A "
            "pytest-xdist that sends groups some other way needs this check in tests/conftest.py changed."
        )


def _uses_a_module_fixture(item) -> bool:
    definitions = getattr(item, "_fixtureinfo", None)
    return definitions is not None and any(
        definition.scope == "module" for chain in definitions.name2fixturedefs.values() for definition in chain
    )


# ---- The built site ----------------------------------------------------------------------------


def _built_once_per_run(tmp_path_factory, worker_id: str, name: str, build) -> Path:
    """``build(folder)`` (a BuildResult) run once per test run, its site directory.

    With pytest-xdist every worker sets up the session fixtures itself: the first worker to get
    here builds into a folder the run's workers share (pytest-xdist's documented recipe: the
    parent of each worker's base temporary folder, new for every run), the other waits on the
    lock and reads the same output. The built sites are only read.
    """
    if worker_id == "master":  # no xdist: nothing to share
        result = build(tmp_path_factory.mktemp(name))
        assert result.returncode == 0, f"{name}: the site does not build:\n{result.output}"
        return result.site_dir
    shared = tmp_path_factory.getbasetemp().parent / name
    with open(f"{shared}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        built = shared / "byggd"
        if not built.is_file():
            shutil.rmtree(shared, ignore_errors=True)  # a failed build's leftovers
            result = build(shared)
            assert result.returncode == 0, f"{name}: the site does not build:\n{result.output}"
            built.write_text(str(result.site_dir), encoding="utf-8")
        return Path(built.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def site(tmp_path_factory, worker_id) -> Path:
    """The real site, built once per session in strict mode; its output directory.

    Read it only for invariants that any valid content meets, and mark such tests webbplatsen
    (the content gate); behaviour is tested on fixture_site.
    """
    return _built_once_per_run(tmp_path_factory, worker_id, "site", lambda folder: sitebuild.build(sitebuild.ROOT, folder / "site"))


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory, worker_id) -> Path:
    """The site's code with the frozen content of tests/fixtures/site, built strictly once per
    session; its output directory. Tests of behaviour that name pages, figures or wording read this,
    never the real site, so that no change to docs/ or data/ can turn them red."""
    return _built_once_per_run(
        tmp_path_factory, worker_id, "fixture", lambda folder: sitebuild.build(sitebuild.fixture_site(folder / "project"), folder / "site")
    )


@pytest.fixture(
    params=[
        pytest.param("site", marks=pytest.mark.webbplatsen, id="webbplatsen"),
        pytest.param("fixture_site", id="fixturer"),
    ]
)
def each_site(request) -> tuple[Path, content.Content]:
    """A rule that holds for any valid content, checked on the real site (the content gate) and
    on the fixture site (so that it is tested even when the real content has nothing it applies
    to): the built site's output directory and the content it was built from."""
    built = request.getfixturevalue(request.param)
    return built, loaded_content(sitebuild.ROOT if request.param == "site" else sitebuild.FIXTURE_CONTENT)


@pytest.fixture(scope="session")
def calendar_site(tmp_path_factory, worker_id) -> Path:
    """The fixture site plus the made-up events of tests/fixtures/calendar, built with "today"
    2026-03-20 12:00 (sitebuild.CALENDAR_EPOCH); its output directory."""
    return _built_once_per_run(
        tmp_path_factory,
        worker_id,
        "calendar",
        lambda folder: sitebuild.build(sitebuild.calendar_site(folder / "project"), folder / "site", sitebuild.CALENDAR_EPOCH),
    )


@pytest.fixture(scope="session")
def served_sites() -> dict:
    """Local address -> (the address the site was built for, its folder): a browser opening the
    local address is sent to the site's own address, served from the folder (``_ProductionAddresses``)."""
    return {}


def _served_at_production(folder: Path, served_sites: dict):
    """Serve ``folder`` for the session; a browser opening it is sent to the production address."""
    for url in serve(folder):
        served_sites[url] = (PRODUCTION, folder)
        yield url


@pytest.fixture(scope="session")
def site_url(site, served_sites) -> str:
    """The built real site, served for as long as the session runs."""
    yield from _served_at_production(site, served_sites)


@pytest.fixture(scope="session")
def fixture_url(fixture_site, served_sites) -> str:
    """The fixture site, served for as long as the session runs."""
    yield from _served_at_production(fixture_site, served_sites)


@pytest.fixture(scope="session")
def calendar_url(calendar_site, served_sites) -> str:
    """The calendar fixture site, served for as long as the session runs."""
    yield from _served_at_production(calendar_site, served_sites)


# ---- The browser (pytest-playwright fixtures, pointed at Debian's Chromium) ------------------


@pytest.fixture
def url_of(request):
    """The address of a page of scripts.browser.TEMPLATES: "site" is the fixture site, "kalender"
    the calendar fixture site (the real site is crawled whole, by the content gate)."""

    def resolve(which: str, path: str) -> str:
        return request.getfixturevalue("fixture_url" if which == "site" else "calendar_url") + path

    return resolve


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, production_addresses):
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).is_file()):
        skip_or_fail(
            f"Chromium not found at {CHROMIUM}",
            "Install it with: sudo apt-get install chromium (or set CHROMIUM=/path/to/chromium).",
        )
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS + production_addresses.chromium_args}


@pytest.fixture(scope="session")
def base_url(site_url):
    """pytest-playwright's base URL: page.goto("/") opens the served site."""
    return site_url


# Material's files with a hash in their names: every site served at one address has the same bytes
# under the same name (the build rewrites bundle.*.min.js for the site's path, the same for each
# site at that address), so the browser may keep them as a reader's browser does.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(js|css)$")


# Material starts its search worker on every page load, and the worker builds the whole search
# index before it answers: 0.13 of the 0.45 CPU-s a load of the fixture site's report page took
# (with Playwright's routing). Only a test marked "sok" (one that searches) gets it; the other
# tests' pages get an empty worker from the same address, under the same policy, which never
# answers, as if the index were still being built.
SEARCH_WORKER = re.compile(r"/assets/javascripts/workers/search\.[0-9a-f]{8}\.min\.js$")


class _ProductionAddresses:
    """Serves each built site at the address it was built for: the Content-Security-Policy names
    the site's scripts by full address (macros/published_html.csp), so at 127.0.0.1 none of them
    would run. page.goto translates a local test server's address into the site's own (Playwright
    cannot route a redirect). Chromium sends every host name to this worker's HTTPS server
    (``chromium_args``), which answers from the folder of the site opened at that address last,
    and with 404 for any other address: no request leaves the machine.

    A server of its own rather than Playwright's request routing, which sends each request
    through this process and turns the browser's cache off: a page load took 0.45 s of CPU that
    way and 0.34 s this way (the fixture site's report page), Material's scripts being compiled once,
    not on every load."""

    def __init__(self, served_sites: dict, folder: Path):
        self.served_sites = served_sites
        self.shown: dict[str, Path] = {}  # the site's own address -> the folder of the site opened there last
        self.base_urls: dict = {}  # context -> the address "/" means in its pages (pytest-playwright's base_url)
        self.search = True  # whether the pages opened now get Material's search worker (SEARCH_WORKER)
        # A certificate of the run's own: the browser is told to accept it (no request leaves
        # the machine, so nothing else could present one).
        key, certificate = folder / "key.pem", folder / "cert.pem"
        command = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=malmoandan.se"
        subprocess.run([*command.split(), "-keyout", str(key), "-out", str(certificate)], check=True, capture_output=True)
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(certificate, key)
        self.server = _QuietServer(("127.0.0.1", 0), _SiteFiles)
        # The handshake in the request's own thread, not in accept(): a connection that never
        # finishes one would hold up every other.
        self.server.socket = tls.wrap_socket(self.server.socket, server_side=True, do_handshake_on_connect=False)
        self.server.addresses = self  # type: ignore[attr-defined]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.chromium_args = [f"--host-resolver-rules=MAP * 127.0.0.1:{self.server.server_address[1]}, EXCLUDE 127.0.0.1", "--ignore-certificate-errors"]

    def serve(self, context, base_url: str, search: bool) -> None:
        self.base_urls[context] = base_url
        self.search = search

    def file(self, url: str) -> tuple[int, Path | None]:
        """The status and file that answer ``url``."""
        base = next((address for address in tuple(self.shown) if url.startswith(address)), None)  # the test's thread adds to it
        if base is None:
            return 404, None
        folder = self.shown[base]
        path = unquote(urlsplit(url).path)[len(urlsplit(base).path) :]
        file = folder / path
        file = file / "index.html" if path == "" or path.endswith("/") else file
        if file.is_file() and folder.resolve() in file.resolve().parents:
            return 200, file
        return 404, folder / "404.html" if (folder / "404.html").is_file() else None

    def address(self, page: Page, url: str) -> str:
        if page.context not in self.base_urls:
            return url
        absolute = urljoin(self.base_urls[page.context], url)
        for local, (address, folder) in self.served_sites.items():
            if absolute.startswith(local):
                self.shown[address] = folder
                return address + absolute[len(local) :]
        return url


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A page closed or left mid-load breaks its connection: nothing to report."""
        if not isinstance(sys.exc_info()[1], (ConnectionError, ssl.SSLError)):
            super().handle_error(request, client_address)


class _SiteFiles(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # a connection per page, not per file: each answer says its length

    def do_GET(self) -> None:
        status, file = self.server.addresses.file(f"https://{self.headers.get('Host', '')}{self.path}")  # type: ignore[attr-defined]
        worker = SEARCH_WORKER.search(urlsplit(self.path).path) is not None
        body = file.read_bytes() if file is not None and (self.server.addresses.search or not worker) else b""  # type: ignore[attr-defined]
        self.send_response(status)
        if file is not None:
            self.send_header("Content-Type", mimetypes.guess_type(file.name)[0] or "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        cached = status == 200 and not worker and FINGERPRINTED.search(file.name)
        self.send_header("Cache-Control", "max-age=86400, immutable" if cached else "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # the signature is http.server's
        pass


@pytest.fixture(scope="session")
def production_addresses(served_sites, tmp_path_factory):
    if not shutil.which("openssl"):
        skip_or_fail("openssl not found (the browser tests' HTTPS server needs a certificate)", "Install it with: sudo apt-get install openssl.")
    addresses = _ProductionAddresses(served_sites, tmp_path_factory.mktemp("tls"))
    goto = Page.goto
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Page, "goto", lambda page, url, **kwargs: goto(page, addresses.address(page, url), **kwargs))
        yield addresses
    addresses.server.shutdown()
    addresses.server.server_close()


@pytest.fixture(scope="session")
def shared_context(browser, browser_context_args, production_addresses):
    """One browser context per worker, in which every test gets a page of its own (``page``): a
    new context per test cost about 0.2 s of CPU more than a new page in this one (measured on the
    real site's pages). A test that changes what the whole context shares (its clock, its
    permissions) asks for ``own_page``, a page in a context of its own."""
    context = browser.new_context(**browser_context_args)
    context.add_init_script(FIRST_VISIT)
    yield context
    context.close()


# Each test's page meets the site as a first visit does: the first document of an origin in a new
# page (a tab: sessionStorage is the tab's) empties what earlier tests' pages stored there, such as
# the colour scheme the theme's toggle saves. (set_storage_state does the same from outside, in
# 0.3 s a test.) The site stores no cookies.
FIRST_VISIT = """try {
  if (!sessionStorage.getItem("test:besökt")) { localStorage.clear(); sessionStorage.setItem("test:besökt", "1"); }
} catch (error) {}  // about:blank and data: addresses have no storage"""


@pytest.fixture
def page(shared_context, production_addresses, base_url, request):
    """A new page in the worker's shared context, closed after the test."""
    production_addresses.serve(shared_context, base_url, search=request.node.get_closest_marker("sok") is not None)
    page = shared_context.new_page()
    yield page
    page.close()


@pytest.fixture
def context(context, production_addresses, base_url, request):
    """pytest-playwright's context, one for the test alone, serving the built sites as ``page`` does."""
    production_addresses.serve(context, base_url, search=request.node.get_closest_marker("sok") is not None)
    return context


@pytest.fixture
def own_page(context) -> Page:
    """A page in a context of the test's own: for a test that sets what a context shares with all
    its pages, such as the clock (Playwright's page.clock is the context's) or a permission."""
    return context.new_page()


@pytest.fixture
def outside_requests(page, served_sites) -> list[str]:
    """Every request the page makes to a host other than 127.0.0.1 and the served sites' own.

    The site may not send its visitors anywhere else (no fonts, scripts or trackers), so a test
    that uses this fixture asserts the list stays empty. (Such a request never leaves the
    machine: Chromium sends every host name to the local server, which answers 404.)
    """
    recorded: list[str] = []

    def note(request):
        host = urlsplit(request.url).hostname
        own = {urlsplit(public).hostname for public, _folder in served_sites.values()}
        if not (host == "127.0.0.1" or host in own or request.url.startswith(("data:", "blob:"))):
            recorded.append(request.url)

    page.on("request", note)
    return recorded
