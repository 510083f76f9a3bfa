"""The successor path (MIGRATION.md): the ProperDocs job must prove the same bytes as MkDocs,
its lock must be the project's lock plus ProperDocs, and the byte comparison must catch a
difference; every template in overrides/ must render under Zensical's template engine.
Rule tests on small inputs and on the workflow and theme files; nothing here builds the site."""

import re
import shutil
from pathlib import Path

import material
import minijinja
import pytest
import yaml

from macros import assembly
from scripts import compare_builds, site_invariants

pytestmark = pytest.mark.snabb

ROOT = Path(__file__).parent.parent
TESTER = ROOT / ".github" / "workflows" / "tester.yml"
LOCK_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+) \\$", re.M)


def pins(lock: str) -> dict[str, str]:
    """{package: version} of a pip-compile lock file in the repository."""
    return dict(LOCK_PIN.findall((ROOT / lock).read_text(encoding="utf-8")))


# ---- ProperDocs ---------------------------------------------------------------------------------


def properdocs_job() -> dict:
    return yaml.safe_load(TESTER.read_text(encoding="utf-8"))["jobs"]["properdocs"]


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


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
    job = properdocs_job()
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
    job = properdocs_job()
    break_it(job)
    assert properdocs_problems(job)


def test_the_properdocs_lock_is_the_projects_lock_plus_properdocs():
    """Both locks are installed into one environment: a package in both at two versions would
    leave whichever came last, and the build would no longer be the project's."""
    properdocs, project = pins("requirements-properdocs.lock"), pins("requirements.lock")
    assert {name: version for name, version in properdocs.items() if project.get(name) != version} == {"properdocs": properdocs["properdocs"]}


@pytest.mark.parametrize("package", ["properdocs", "zensical"])
def test_each_extra_lock_pins_what_its_in_file_asks_for(package):
    """Dependabot proposes a new release by changing the .in file only (dependabot.yml says
    why): its pull request fails here until the lock is made again with the command in the .in."""
    wanted = re.search(rf"^{package}==(\S+)$", (ROOT / f"requirements-{package}.in").read_text(encoding="utf-8"), re.M)
    assert wanted and pins(f"requirements-{package}.lock")[package] == wanted[1]


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


# ---- The theme under Zensical's template engine -------------------------------------------------

# Zensical renders the theme with MiniJinja (crates/zensical/src/template.rs: a plain
# minijinja::Environment, lenient about undefined values, no auto-escaping, no Python methods, and
# the filters striptags, url and script_tag added). The minijinja package is that engine, so each
# override is rendered here as Zensical would: a Python method (page.url.startswith), an attribute
# read through a value Zensical does not give (file.page.is_link), or Jinja2-only syntax fails a
# test instead of the Zensical build. The parents the overrides extend are Zensical's own
# templates; this skeleton keeps of its base.html only what reaches our overrides (the blocks
# main.html and 404.html fill, and the partials Zensical's base, header, content and footer
# include), and every other partial of Zensical's theme renders as nothing.
ZENSICAL_BASE = """{% import "partials/language.html" as lang with context %}
{% block htmltitle %}{% endblock %}{% block extrahead %}{% endblock %}
{% set features = config.theme.features or [] %}
{% block announce %}{% endblock %}
{% block header %}{% include "partials/header.html" %}{% endblock %}
{% block site_nav %}{% endblock %}
{% block content %}{% include "partials/content.html" %}{% endblock %}
{% block footer %}{% include "partials/copyright.html" %}{% endblock %}"""
# Material's translations, which custom.html falls back on (Zensical ships the same files).
ZENSICAL_LANGUAGE = """{% import "partials/languages/" ~ config.theme.language ~ ".html" as lang %}
{% macro t(key) %}{{ lang.t(key) or key }}{% endmacro %}"""
OVERRIDES = ROOT / "overrides"
MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"


class ZensicalTheme:
    """A MiniJinja environment set up as Zensical's, over overrides/; what it loaded is kept."""

    def __init__(self, overrides: Path = OVERRIDES):
        self.overrides, self.loaded = overrides, set()
        self.environment = minijinja.Environment(loader=self.load)
        self.environment.pycompat = False  # Zensical sets no unknown-method callback
        self.environment.auto_escape_callback = lambda name: False
        self.environment.add_filter("url", lambda value: str(value))
        self.environment.add_filter("script_tag", lambda value: f'<script src="{value}"></script>')
        self.environment.add_filter("striptags", lambda value: re.sub(r"<[^>]*>", "", str(value)))

    def load(self, name: str) -> str:
        if (self.overrides / name).is_file():
            self.loaded.add(name)
            return (self.overrides / name).read_text(encoding="utf-8")
        if name == "base.html":
            return ZENSICAL_BASE
        if name == "partials/language.html":
            return ZENSICAL_LANGUAGE
        if name.startswith("partials/languages/") and (MATERIAL_LANGUAGES / Path(name).name).is_file():
            return (MATERIAL_LANGUAGES / Path(name).name).read_text(encoding="utf-8")
        return ""

    def render(self, name: str, **context) -> str:
        return self.environment.render_template(name, **context)


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml's !ENV and !!python/name tags read as empty, as Zensical reads an unset one."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)
_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)

STATUS = {"text": "Planen gäller inte längre.", "text_en": "The plan no longer applies.", "decision_id": "beslut-1"}
CONTACT = {"e_post": "info@example.org", "telefon": "040-00 00 00", "formulär": "https://example.org/form"}


def zensical_context(url: str, contact: dict | None = None, meta: dict | None = None) -> dict:
    """What Zensical hands a page template (structure/page.rs render_template), for a made-up
    page at ``url``: its page data, its menu (Navigation: items and homepage) and the project
    configuration with what the pre-rendered mkdocs.yml adds under extra (macros/prerender.py)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    config["extra"].update(assembly.theme_extra(STATUS, contact))
    config["plugins"] = {"search": {"config": {"enabled": True}}}  # Zensical's name for it
    config["theme"].setdefault("variant", "modern")  # Zensical's default (config.py)
    item = {"title": "Kalender", "url": "kalender/", "canonical_url": "https://malmoandan.se/kalender/", "meta": {}, "children": [], "is_index": False, "active": False}
    sections = [{"title": f"Del {n}", "content": "", "id": f"del-{n}", "url": f"#del-{n}", "children": [], "level": 2} for n in range(6)]
    page = {
        "url": url,
        "canonical_url": "https://malmoandan.se/" + url,
        "edit_url": "https://github.com/malmoandan/malmoandan.se/edit/main/docs/sida.md",
        "title": "Sida",
        "meta": meta or {},
        "path": "sida.md",
        "content": "<h1>Sida</h1>" + "".join(f'<h2 id="del-{n}">Del {n}</h2>' for n in range(6)),
        "toc": [{"title": "Sida", "content": "", "id": "sida", "url": "#sida", "children": sections, "level": 1}],
        "search": [],
        "ancestors": [],
        "previous_page": None,
        "next_page": None,
    }
    return {
        "generator": "zensical-0.0.73",
        "nav": {"items": [item], "pages": [item], "homepage": dict(item, title="Start", url="")},
        "base_url": "..",
        "extra_css": config["extra_css"],
        "extra_javascript": config["extra_javascript"],
        "config": config,
        "tags": [],
        "page": page,
    }


@pytest.mark.parametrize(
    "template, url, contact, meta",
    [
        ("main.html", "", None, {}),
        ("main.html", "kalender/tidigare/", None, {"ma_noindex": True}),
        ("main.html", "in-english/", CONTACT, {"lang": "en", "ma_senast_andrad": {"iso": "2026-12-01", "text": "1 december 2026"}}),
        ("404.html", "404.html", CONTACT, {}),
    ],
    ids=["start", "kalender", "english-with-contact", "404"],
)
def test_the_page_templates_render_under_zensicals_engine(template, url, contact, meta):
    theme = ZensicalTheme()
    html = theme.render(template, **zensical_context(url, contact, meta))
    assert "Tillgänglighetsredogörelse" in html  # the footer (partials/copyright.html) was reached
    assert 'id="__toc"' not in html  # the modern variant's base.html writes it on every page
    if template == "404.html":  # with the main pages, from Zensical's nav.items
        assert "Sidan finns inte" in html and '<a href="kalender/">Kalender</a>' in html
    else:  # the page's own H1, once, and under it the contents list from Zensical's page.toc
        assert html.count("<h1>") == 1 and re.search(r"<h1>Sida</h1>\s*<details class=\"ma-page-contents\">", html)
        assert html.count('<li><a href="#del-') == 6
    if url.startswith("kalender/"):
        assert "kalender-tidigt.js" in html and '<meta name="robots" content="noindex">' in html
    if url == "":  # the start page: the early calendar script, and the status said in its lead box
        assert "kalender-tidigt.js" in html and 'class="ma-status"' not in html
    elif template == "main.html":
        assert 'class="ma-status"' in html


@pytest.mark.parametrize("url, checkboxes", [("om-webbplatsen/", 1), ("kalender/", 0)], ids=["outside-the-menu", "in-the-menu"])
def test_the_classic_variant_gets_the_contents_checkbox_only_outside_the_menu(url, checkboxes):
    """Zensical's classic variant writes the __toc checkbox for a page in the menu only (its
    nav-item.html); main.html adds it for the others, as it does under MkDocs."""
    context = zensical_context(url)
    context["config"]["theme"]["variant"] = "classic"
    assert ZensicalTheme().render("main.html", **context).count('id="__toc"') == checkboxes


def test_the_sitemap_renders_under_zensicals_engine():
    """Zensical hands sitemap.xml its menu's pages (template.rs: pages => nav.iter()), not
    MkDocs' files; a page in front matter ma_noindex stays out."""
    context = zensical_context("")
    listed = {"url": "beslut/", "canonical_url": "https://malmoandan.se/beslut/", "meta": {}, "title": "Beslut"}
    hidden = {"url": "kalender/typ/x/", "canonical_url": "https://malmoandan.se/kalender/typ/x/", "meta": {"ma_noindex": True}, "title": "X"}
    sitemap = ZensicalTheme().render("sitemap.xml", **context, pages=[listed, hidden])
    assert "beslut" in sitemap and "typ" not in sitemap


def test_a_preview_page_renders_under_zensicals_engine():
    """The preview banner and the data files' edit links (config.extra.forhandsvisning)."""
    context = zensical_context("beslut/", None, {"uppgifter": ["data/decisions.yml", "data/timeline.yml"]})
    context["config"]["extra"]["forhandsvisning"] = "12"
    html = ZensicalTheme().render("main.html", **context)
    assert ">malmoandan.se</a>" in html and "timeline.yml</code>" in html  # MiniJinja escapes / as &#x2f;


# Overrides that Zensical's templates never include today, each rendered on its own here, and why.
NOT_INCLUDED_BY_ZENSICAL = {
    # overrides/partials/header.html includes it when "material/search" is among the plugins;
    # Zensical names its search plugin "search", so the header has no search (MIGRATION.md).
    "partials/search.html",
}


def test_every_override_is_rendered_under_zensicals_engine():
    """The renders above reach every file in overrides/ but those NOT_INCLUDED_BY_ZENSICAL, which
    are rendered on their own: a new override is either reached or named there."""
    theme = ZensicalTheme()
    for template, url in [("main.html", ""), ("404.html", "404.html")]:
        theme.render(template, **zensical_context(url, CONTACT))
    theme.render("sitemap.xml", **zensical_context(""), pages=[])
    assert not theme.loaded & NOT_INCLUDED_BY_ZENSICAL, "now included: take it off NOT_INCLUDED_BY_ZENSICAL"
    for name in sorted(NOT_INCLUDED_BY_ZENSICAL):
        source = '{% import "partials/language.html" as lang with context %}{% set features = config.theme.features %}{% include "' + name + '" %}'
        theme.environment.render_str(source, **zensical_context(""))
    assert theme.loaded == {p.relative_to(OVERRIDES).as_posix() for p in OVERRIDES.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    "template, line, replacement, error",
    [
        # The regression of 30 November 2026 (overrides/main.html:15): a Python string method.
        (
            "main.html",
            "page.url[:config.extra.malmoandan_pages.kalender | length] == config.extra.malmoandan_pages.kalender",
            "page.url.startswith(config.extra.malmoandan_pages.kalender)",
            "unknown method: string has no method named startswith",
        ),
        # The contents list split the page with Python's str.split.
        ("main.html", 'page.content | replace("</h1>", contents)', 'page.content.split("</h1>", 1) | join(contents)', "unknown method: string has no method named split"),
        # MkDocs hands the sitemap files (file.page); Zensical hands it pages, with no .page.
        ("sitemap.xml", "file.page if file.page is defined else file", "file.page", "undefined value"),
        # Python's % formatting works in Jinja2, not in MiniJinja.
        ("404.html", '{{ lang.t("ma.404.title") }} – {{ config.site_name }}', '{{ "%s – %s" % (lang.t("ma.404.title"), config.site_name) }}', "invalid operation"),
    ],
    ids=["startswith", "split", "file-page", "percent-format"],
)
def test_the_engine_check_catches_what_zensical_refuses(tmp_path, template, line, replacement, error):
    copy = tmp_path / "overrides"
    shutil.copytree(OVERRIDES, copy)
    changed = [p for p in copy.rglob("*") if p.is_file() and line in p.read_text(encoding="utf-8")]
    assert len(changed) == 1, line
    pages = {"pages": [{"url": "a/", "canonical_url": "https://malmoandan.se/a/", "meta": {}}]} if template == "sitemap.xml" else {}
    context = zensical_context("kalender/" if template == "main.html" else "404.html") | pages
    ZensicalTheme(copy).render(template, **context)  # the overrides as they are render
    changed[0].write_text(changed[0].read_text(encoding="utf-8").replace(line, replacement), encoding="utf-8")
    with pytest.raises(minijinja.TemplateError, match=error):
        ZensicalTheme(copy).render(template, **context)


# ---- The site's invariants on another generator's output ----------------------------------------

PAGE_HEAD = '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Sida</title></head>'
EVENT = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//\r\nBEGIN:VEVENT\r\nUID:1@example.org\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260102T100000Z\r\nURL:{url}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.fixture
def built_elsewhere(tmp_path) -> Path:
    """A made-up build: one clean page, one with a script the gate refuses, a good calendar, one
    whose address is not a web address and one that does not parse."""
    return write(
        tmp_path / "site",
        {
            "index.html": (PAGE_HEAD + "<body><p>Hej</p></body></html>").encode(),
            "kalender/index.html": (PAGE_HEAD + "<body><script>alert(1)</script></body></html>").encode(),
            "kalender/bra.ics": EVENT.format(url="https://malmoandan.se/kalender/").encode(),
            "kalender/skript.ics": EVENT.format(url="javascript:alert(1)").encode(),
            "kalender/trasig.ics": b"BEGIN:VCALENDAR\r\ninte en kalender",
        },
    )


def test_the_invariants_name_each_failing_page_and_file(built_elsewhere, tmp_path):
    csp = site_invariants.csp(built_elsewhere, tmp_path)
    assert csp.keys() == {"kalender/index.html", "kalender/skript.ics"}
    assert "inbäddat skript" in csp["kalender/index.html"]
    calendars = site_invariants.calendar(built_elsewhere, tmp_path)
    assert calendars.keys() == {"kalender/skript.ics", "kalender/trasig.ics"}
    assert calendars["kalender/trasig.ics"].startswith("tolkas inte")


def test_the_zensical_job_blocks_on_the_invariants_its_comment_names():
    """The job's --blocking list is what its comment (and MIGRATION.md) call blocking, names real
    invariants, and a blocking failure fails the step (pipefail through tee)."""
    text = TESTER.read_text(encoding="utf-8")
    job = yaml.safe_load(text)["jobs"]["zensical"]
    [run] = [step["run"] for step in steps(job) if "scripts.site_invariants" in str(step.get("run", ""))]
    blocking = re.search(r"--blocking (\S+)", run)[1].split(",")
    assert "set -o pipefail" in run and set(blocking) <= set(site_invariants.INVARIANTS)
    assert re.search(r"# Blocking now: ([a-z, ]+?) \(", text)[1].split(", ") == blocking
    # The pages' comparison blocks too, once the invariants have been written out.
    assert "compare_builds --same-pages site " in run and run.rstrip().splitlines()[-1].startswith('exit "$pages"')


ARTICLE = b"<html><body><article><h1>Sida</h1><p>%s</p></article></body></html>"


@pytest.mark.parametrize(
    "other, status",
    [
        ({"index.html": ARTICLE % b"Text", "feed.xml": b"<feed />"}, 0),
        ({"index.html": ARTICLE % b"Text  ", "feed.xml": b"<feed/>"}, 0),
        ({"index.html": ARTICLE % b"Test", "feed.xml": b"<feed/>"}, 1),
        ({"feed.xml": b"<feed/>"}, 1),
        ({"index.html": ARTICLE % b"Text", "feed.xml": b"<feed/>", "extra/index.html": ARTICLE % b"Ny"}, 1),
    ],
    ids=["other-file-differs", "whitespace", "text-differs", "page-missing", "page-extra"],
)
def test_same_pages_fails_only_on_what_a_reader_reads(tmp_path, other, status):
    normal = write(tmp_path / "a", {"index.html": ARTICLE % b"Text", "feed.xml": b"<feed/>"})
    assert compare_builds.main(["--same-pages", str(normal), str(write(tmp_path / "b", other))]) == status


def test_only_a_blocking_invariant_fails_the_run(built_elsewhere, monkeypatch, capsys):
    # The browser, Java and LinkChecker ones are the suite's own checkers, tested there.
    monkeypatch.setattr(site_invariants, "INVARIANTS", {"csp": site_invariants.csp, "calendar": site_invariants.calendar})
    assert site_invariants.main([str(built_elsewhere)]) == 0
    assert "csp: 1 av 2 sidor klarar det (rapporterar)" in capsys.readouterr().out
    assert site_invariants.main([str(built_elsewhere), "--blocking", "calendar"]) == 1
    assert "calendar: 1 av 3 kalenderfiler klarar det (blockerar)" in capsys.readouterr().out
    assert site_invariants.main([str(built_elsewhere), "--blocking", "kalender"]) == 2
