"""MkDocs hook (mkdocs.yml, hooks:): where the pages that are not written by hand come from.

Runs once per build, after mkdocs-macros has loaded and checked the content (define_env in
__init__.py, assembly.py), before any page is read:

- every event type in vocabulary.EVENT_TYPES gets its page, kalender/typ/<slug>.md, made whole
  from macros/templates/type_page_source.md (there is no file for it in docs/);
- every event file in docs/kalender/evenemang/ is read as macros/templates/event_page.md makes
  it: the event's fields above the editor's text, documentation, changes and source below. The
  editor's text is put in as it is, never rendered as a template.

The pre-render path (prerender.py) makes the same pages through the same Assembly methods.
"""

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, file_sort_key


def on_files(files, config):
    # The content loaded by define_env (macros/__init__.py), which keeps it on the plugin.
    built = next((plugin.malmoandan_assembly for plugin in config.plugins.values() if hasattr(plugin, "malmoandan_assembly")), None)
    if built is None:
        raise PluginError(
            "Bygget stoppades: macros/generated_pages.py hittar inte innehållet. mkdocs-macros med "
            "module_name: macros ska stå under plugins: i mkdocs.yml, före den här kroken."
        )
    where = "docs/"
    try:
        for src_uri, text in built.generated_pages().items():
            where = "docs/" + src_uri
            files.append(File.generated(config, src_uri, content=text))
        for file in files.documentation_pages():
            where = "docs/" + file.src_uri
            if built.is_event_page(file.src_uri):
                file.content_string = built.page_source(file.src_uri, file.url, file.content_string)
    except Exception as error:  # noqa: BLE001 - reported in Swedish, never swallowed
        raise PluginError(built.failure(error, where)) from error
    return Files(sorted(files, key=file_sort_key))  # in MkDocs' own order, as if the pages were files
