"""MkDocs hook (mkdocs.yml, hooks:): what MkDocs builds, and where the pages that are not written
by hand come from.

Runs once per build, after mkdocs-macros has loaded and checked the content (define_env in
__init__.py, assembly.py), before any page is read:

- MkDocs is given exactly the files the content check listed (inventory.py): a file it found
  in docs/ that the inventory does not hold (through a link, or added after the check) stops the
  build, and one the rules keep out of the site (a template, .gitkeep) is left out;
- every page is read as the check read it (pages_front_matter.CheckedPage): front matter the
  project wrote, so MkDocs' and mkdocs-macros' readers cannot see other fields than the check;
- every event type in vocabulary.EVENT_TYPES gets its page, kalender/typ/<slug>.md, made whole
  from macros/templates/type_page_source.md (there is no file for it in docs/);
- every event file in docs/kalender/evenemang/ is read as macros/templates/event_page.md makes
  it: the event's fields above the editor's text, documentation, changes and source below. The
  editor's text is put in as it is, never rendered as a template.

The pre-render path (prerender.py) makes the same pages through the same Assembly methods.
"""

import os
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, file_sort_key
from mkdocs.utils.meta import get_data


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # The content loaded by define_env (macros/__init__.py), which keeps it on the plugin.
    built = next((plugin.malmoandan_assembly for plugin in config.plugins.values() if hasattr(plugin, "malmoandan_assembly")), None)
    if built is None:
        raise PluginError(
            "Bygget stoppades: macros/generated_pages.py hittar inte innehållet. mkdocs-macros med "
            "module_name: macros ska stå under plugins: i mkdocs.yml, före den här kroken."
        )
    docs_dir = os.path.normpath(config["docs_dir"])
    where = "docs/"
    kept = []
    try:
        for file in files:
            if file.src_dir is None or os.path.normpath(file.src_dir) != docs_dir:
                kept.append(file)  # the theme's own files
                continue
            where = "docs/" + file.src_uri
            if file.src_uri not in built.content.published:
                if file.inclusion.is_included():  # type: ignore[no-untyped-call]  # MkDocs leaves InclusionLevel.is_included unannotated
                    raise PluginError(
                        f"Bygget stoppades: {where}:1: filen fanns inte när innehållet kontrollerades, eller får inte "
                        "publiceras (macros/inventory.py). Kör ./dev check och rätta det som står där."
                    )
                continue  # excluded by MkDocs too (a template, a dotfile): never built
            kept.append(file)
            if file.is_documentation_page():
                file.content_string = _as_checked(built, file)
        for src_uri, text in built.generated_pages().items():
            where = "docs/" + src_uri
            kept.append(File.generated(config, src_uri, content=text))
    except PluginError:
        raise
    except Exception as error:  # reported in Swedish, never swallowed
        raise PluginError(built.failure(error, where)) from error
    return Files(sorted(kept, key=file_sort_key))  # in MkDocs' own order, as if the pages were files


def _as_checked(built: Any, file: File) -> str:  # built: the Assembly on the plugin (assembly.py), not imported here
    """The page as the content check read it, never the file again: an event inside its
    template, every page with the front matter the project wrote. MkDocs' own reader must
    find exactly those fields in it, or the build stops."""
    checked = built.content.pages[file.src_uri]
    text: str = checked.source()
    if built.is_event_page(file.src_uri):
        text = built.page_source(file.src_uri, file.url, text)
    _body, meta = get_data(text)
    wanted = {name: value for name, value in checked.meta.items() if name != "render_macros" or value is True}
    if meta != wanted:
        raise PluginError(f"Bygget stoppades: docs/{file.src_uri}:1: MkDocs läser sidhuvudet på ett annat sätt än kontrollen; skriv om det som 'namn: värde', ett fält per rad.")
    return text
