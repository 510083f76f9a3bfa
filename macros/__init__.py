"""Entry point for mkdocs-macros (``module_name: macros`` in mkdocs.yml).

Only wiring lives here: the data is loaded and validated once per build (content.py), the
status notice is handed to the theme, and the page macros are registered (pages.py).
"""

from pathlib import Path

from . import content, pages, render, status


def define_env(env):
    """Called by mkdocs-macros once per build, before any page is rendered."""
    loaded = content.load(Path(env.project_dir))
    env.conf["extra"]["malmoandan_status"] = status.notice(loaded)
    pages.register(env, render.Renderer(loaded, env.conf["use_directory_urls"]))
