"""Entry point for mkdocs-macros (``module_name: macros`` in mkdocs.yml).

Only wiring lives here: the data and the events are loaded and validated once per build
(content.py), the status notice is handed to the theme, the page macros are registered
(pages.py), every event page gets its header and footer (render.py), and after the build the
calendar files (calendar_files.py) and the open data (figures.py) are written.
"""

from pathlib import Path

from . import calendar_files, clock, content, editor_text, figures, pages, published_html, render, status
from .problems import ContentError


def define_env(env):
    """Called by mkdocs-macros once per build, before any page is rendered."""
    loaded = content.load(Path(env.project_dir))
    env.conf["extra"]["malmoandan_status"] = status.notice(loaded)
    renderer = render.Renderer(loaded, env.conf["use_directory_urls"])
    site = calendar_files.Site(env.conf["site_url"])
    env.malmoandan_calendar = render.CalendarRenderer(renderer, clock.build_time(), site)
    env.malmoandan_datasets = figures.Datasets(loaded, site)
    pages.register(env, renderer)
    pages.register_calendar(env, env.malmoandan_calendar)
    pages.register_figures(env, figures.FigureRenderer(renderer, site))
    pages.register_accessibility(env, renderer)
    env.malmoandan_macros = pages.registered_macros()


def on_pre_page_macros(env):
    """Before a page's macros run: the page may call registered macros with literal arguments
    and nothing else (the content check said so already; this holds even for a page it did not
    see). An event page: its fields above the editor's text, documentation and changes below."""
    page = env.page
    if page.meta.get("render_macros") is True:
        whole = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
        first_line = whole.count("\n") - env.markdown.count("\n") + 1
        problems = editor_text.macro_call_problems(env.markdown, f"docs/{page.file.src_uri}", first_line, env.malmoandan_macros)
        if problems:
            raise ContentError(problems)
    env.malmoandan_calendar.decorate_event_page(env)


def on_post_build(env):
    """Check every built page and give it its security policy (published_html.py), then write
    kalender.ics, one .ics per event, the feed and the open data into the built site."""
    published_html.secure(Path(env.conf["site_dir"]), env.conf["site_url"])
    calendar_files.write_all(env.malmoandan_calendar, Path(env.conf["site_dir"]))
    env.malmoandan_datasets.write(Path(env.conf["site_dir"]))
