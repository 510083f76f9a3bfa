"""MkDocs hook (mkdocs.yml, hooks:): what Material's lunr search needs beyond its own index, so
that it answers the words readers type (docs/assets/javascripts/svensk-sokning.js uses it).

Once the search plugin has written search/search_index.json, this hook

- gives the pages' source lists ("Källor") a low weight: lunr multiplies a document's score by
  its ``boost`` (Material passes it on), so the text that explains a subject ranks above the
  list of documents it was taken from, which repeats every subject's words;
- writes each definition list's label and value as a sentence ("Organ: Styrgruppen."): the
  search plugin drops the <dt>/<dd> tags and leaves "Organ Styrgruppen Datum 2021", or glues
  them into one word ("DiarienummerSTK-2023-1697") where the page has no space between them;
- writes search/sokord.json: the synonyms of data/sokord.yml (checked with the other data files
  by content.py before the build reaches this point), and for every indexed word with å, ä, ö
  or é the same word without them ("arsrapport" -> "årsrapport"). lunr cannot fold letters: its
  Swedish stemmer keeps them, so the query side looks a folded word up here.

Like clean_pages.py it is wiring and imports nothing from macros/.
"""

import functools
import json
import re
import unicodedata
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from selectolax.lexbor import LexborHTMLParser  # the HTML5 parser of published_html.py: fast, as browsers parse

SEARCH_WORDS = "data/sokord.yml"
# Sections that list sources rather than explain (macros/templates write them under this title).
SOURCE_SECTION_TITLES = {"Källor"}
SOURCE_SECTION_BOOST = 0.05
HTML_TAG = re.compile(r"<[^>]+>")


def _labelled(label: str, stop: str, match: re.Match[str]) -> str:
    return f"{label}: {match.group(1)}{stop}"


def folded(word: str) -> str:
    """The word without diacritics: "årsrapport" -> "arsrapport", "idéburen" -> "ideburen"."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def definition_pairs(html: str) -> list[tuple[str, str]]:
    """The (label, value) pairs of every <dl> on a page, as plain text: each <dd> with the <dt>
    before it (a <dt> or <dd> inside another belongs to the outer one's text)."""
    pairs: list[tuple[str, str]] = []
    label = ""
    for node in LexborHTMLParser(html).css("dt, dd"):
        parent = node.parent
        while parent is not None and parent.tag not in ("dt", "dd"):
            parent = parent.parent
        if parent is not None:
            continue
        text = " ".join((node.text(deep=True) or "").split())
        if node.tag == "dt":
            label = text
        elif label and text:
            pairs.append((label, text))
    return pairs


def _words(text: str) -> str:
    return r"\s+".join(re.escape(word) for word in text.split())


def as_sentences(text: str, pairs: list[tuple[str, str]]) -> str:
    """``text`` with each "label value" of ``pairs`` written "label: value." Where the value
    does not stand whole in ``text`` (markup inside it), only the colon is added, before its
    first words; a pair not found is left alone."""
    # A page's every pair is tried on each of its sections, so a pair is looked for only where
    # the words its pattern needs all stand (3 000 events: 40 s of regular expressions before).
    missing = []
    for label, value in pairs:
        if not _all_in(label.split(), text):
            continue  # neither pattern below can match
        if _all_in(value.split(), text):
            stop = "" if value[-1] in ".!?:;)" else "."
            whole = re.compile(rf"(?<![\w:]){_words(label)}\s*({_words(value)})(?![\w.])")
            text, found = whole.subn(functools.partial(_labelled, label, stop), text, count=1)
            if found:
                continue
        missing.append((label, value))
    for label, value in missing:
        lead = value[:24].rsplit(" ", 1)[0] or value[:24]
        if _all_in(lead.split(), text):
            start = re.compile(rf"(?<![\w:]){_words(label)}\s*(?={_words(lead)})")
            text = start.sub(f"{label}: ", text, count=1)
    return text


def _all_in(words: list[str], text: str) -> bool:
    return all(word in text for word in words)


def on_post_build(config: MkDocsConfig, **kwargs: object) -> None:
    index_path = Path(config["site_dir"]) / "search" / "search_index.json"
    if not index_path.is_file():
        return  # the search plugin is off
    index = json.loads(index_path.read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    unfolded: dict[str, set[str]] = {}
    site = Path(config["site_dir"])
    pairs_of: dict[str, list[tuple[str, str]]] = {}
    for document in index["docs"]:
        page = document["location"].split("#")[0]
        if page not in pairs_of:
            html = site / page / "index.html" if not page.endswith(".html") else site / page
            pairs_of[page] = definition_pairs(html.read_text(encoding="utf-8")) if html.is_file() else []
        if pairs_of[page] and document.get("text"):
            document["text"] = as_sentences(document["text"], pairs_of[page])
        if document.get("title") in SOURCE_SECTION_TITLES:
            document["boost"] = SOURCE_SECTION_BOOST
        text = HTML_TAG.sub(" ", f"{document.get('title', '')} {document.get('text', '')}")
        for word in separator.split(text.lower()):
            # An ASCII word has nothing to fold: only the others are normalised.
            if word and not word.isascii() and (plain := folded(word)) != word:
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
