"""MkDocs hook (mkdocs.yml, hooks:): each page's HTML, once Markdown and the page's macros have
made it, goes through the sanitiser (macros/sanitiser.py) before the theme or the search index
sees it. Like generated_pages.py, it reaches the build's content through mkdocs-macros' plugin
(define_env in __init__.py keeps the Assembly there), so it imports nothing from macros/.
"""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    built = next((plugin.malmoandan_assembly for plugin in config.plugins.values() if hasattr(plugin, "malmoandan_assembly")), None)
    if built is None:
        raise PluginError(
            "Bygget stoppades: macros/clean_pages.py hittar inte innehållet. mkdocs-macros med "
            "module_name: macros ska stå under plugins: i mkdocs.yml."
        )
    return str(built.clean_page(page.file.src_uri, html))
