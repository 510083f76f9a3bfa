"""Entry point for mkdocs-macros (``module_name: macros`` in mkdocs.yml).

Only wiring lives here: the data and the events are loaded and validated once per build
(content.py), the status notice is handed to the theme, the page macros are registered
(pages.py), every event page gets its header and footer (render.py), and after the build the
calendar files (calendar_files.py) and the open data (figures.py) are written.
"""

from pathlib import Path

from . import calendar_files, clock, contact, content, figures, pages, render, status


def define_env(env):
    """Called by mkdocs-macros once per build, before any page is rendered."""
    loaded = content.load(Path(env.project_dir))
    env.conf["extra"]["malmoandan_status"] = status.notice(loaded)
    contact_route = contact.load(Path(env.project_dir))
    env.conf["extra"]["malmoandan_contact"] = contact_route if contact.has_route(contact_route) else None
    renderer = render.Renderer(loaded, env.conf["use_directory_urls"])
    site = calendar_files.Site(env.conf["site_url"])
    env.malmoandan_calendar = render.CalendarRenderer(renderer, clock.build_time(), site)
    env.malmoandan_datasets = figures.Datasets(loaded, site)
    pages.register(env, renderer)
    pages.register_calendar(env, env.malmoandan_calendar)
    pages.register_figures(env, figures.FigureRenderer(renderer, site))
    pages.register_accessibility(env, renderer)
    pages.register_contact(env, contact_route)


def on_pre_page_macros(env):
    """An event page: its fields above the editor's text, documentation and changes below."""
    env.malmoandan_calendar.decorate_event_page(env)


def on_post_build(env):
    """Write kalender.ics, one .ics per event, the feed and the open data into the built site."""
    calendar_files.write_all(env.malmoandan_calendar, Path(env.conf["site_dir"]))
    env.malmoandan_datasets.write(Path(env.conf["site_dir"]))
