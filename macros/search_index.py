"""MkDocs hook (mkdocs.yml, hooks:): what Material's lunr search needs beyond its own index, so
that it answers the words readers type (docs/assets/javascripts/svensk-sokning.js uses it).

Once the search plugin has written search/search_index.json, this hook

- gives the pages' source lists ("Källor") a low weight: lunr multiplies a document's score by
  its ``boost`` (Material passes it on), so the text that explains a subject ranks above the
  list of documents it was taken from, which repeats every subject's words;
- writes search/sokord.json: the synonyms of data/sokord.yml (checked with the other data files
  by content.py before the build reaches this point), and for every indexed word with å, ä, ö
  or é the same word without them ("arsrapport" -> "årsrapport"). lunr cannot fold letters: its
  Swedish stemmer keeps them, so the query side looks a folded word up here.

Like clean_pages.py it is wiring and imports nothing from macros/.
"""

import json
import re
import unicodedata
from pathlib import Path

import yaml

SEARCH_WORDS = "data/sokord.yml"
# Sections that list sources rather than explain (macros/templates write them under this title).
SOURCE_SECTION_TITLES = {"Källor"}
SOURCE_SECTION_BOOST = 0.05
HTML_TAG = re.compile(r"<[^>]+>")


def folded(word: str) -> str:
    """The word without diacritics: "årsrapport" -> "arsrapport", "idéburen" -> "ideburen"."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def on_post_build(config, **kwargs):
    index_path = Path(config["site_dir"]) / "search" / "search_index.json"
    if not index_path.is_file():
        return  # the search plugin is off
    index = json.loads(index_path.read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    unfolded: dict[str, set[str]] = {}
    for document in index["docs"]:
        if document.get("title") in SOURCE_SECTION_TITLES:
            document["boost"] = SOURCE_SECTION_BOOST
        text = HTML_TAG.sub(" ", f"{document.get('title', '')} {document.get('text', '')}")
        for word in separator.split(text.lower()):
            plain = folded(word)
            if word and plain != word:
                unfolded.setdefault(plain, set()).add(word)
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    words_file = Path(config["config_file_path"]).parent / SEARCH_WORDS
    entries = yaml.safe_load(words_file.read_text(encoding="utf-8")) if words_file.is_file() else []
    synonyms: dict[str, list[str]] = {}
    for entry in entries or []:
        for key in {entry["söker"].lower(), folded(entry["söker"].lower())}:
            synonyms.setdefault(key, []).extend(word.lower() for word in entry["hittar"])
    words = {
        "synonymer": dict(sorted(synonyms.items())),
        "utan_prickar": {plain: sorted(forms) for plain, forms in sorted(unfolded.items())},
    }
    (index_path.parent / "sokord.json").write_text(json.dumps(words, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
