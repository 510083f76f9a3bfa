"""Guards on the theme overrides: a copied Material partial must match the installed Material
apart from the documented change, so an upgrade cannot silently keep an outdated copy."""

from pathlib import Path

import material
import pytest

from scripts import sitebuild

# Reads files, builds nothing.
pytestmark = pytest.mark.snabb

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
OVERRIDES = sitebuild.ROOT / "overrides"


def without_leading_comment(template: str) -> str:
    """The template with its leading {#- … -#} comment removed."""
    assert template.startswith("{#-"), "an override must start with a comment saying why"
    return template.split("-#}", 1)[1].lstrip("\n")


def test_search_partial_is_materials_plus_a_dialog_name():
    original = without_leading_comment((MATERIAL_TEMPLATES / "partials" / "search.html").read_text())
    ours = without_leading_comment((OVERRIDES / "partials" / "search.html").read_text())
    dialog = '<div class="md-search" data-md-component="search" role="dialog"'
    assert dialog + ">" in original, "Material's search dialog changed: copy partials/search.html anew"
    assert ours == original.replace(dialog + ">", dialog + " aria-label=\"{{ lang.t('search') }}\">")


def test_header_partial_is_materials_with_buttons_and_two_language_links():
    original = without_leading_comment((MATERIAL_TEMPLATES / "partials" / "header.html").read_text())
    ours = without_leading_comment((OVERRIDES / "partials" / "header.html").read_text())
    expected = original
    for target, button in [
        ("__drawer", "data-ma-toggle=\"__drawer\" aria-label=\"{{ lang.t('ma.menu') }}\""),
        ("__search", "data-ma-toggle=\"__search\" aria-label=\"{{ lang.t('search') }}\""),
    ]:
        label = f'<label class="md-header__button md-icon" for="{target}">'
        assert expected.count(label) == 1, f"Material's header changed: copy partials/header.html anew ({target})"
        start = expected.index(label)
        end = expected.index("</label>", start)
        extra = " ma-header-button--search" if target == "__search" else ""
        opening = f'<button type="button" class="md-header__button md-icon ma-header-button{extra}" {button} aria-expanded="false">'
        expected = expected[:start] + opening + expected[start + len(label) : end] + "</button>" + expected[end + len("</label>") :]
    menu_end = '      {% include ".icons/" ~ icon ~ ".svg" %}\n    </button>\n'
    assert expected.count(menu_end) == 1  # the menu button (the search button is indented deeper)
    noscript = (
        "    <noscript><label class=\"md-header__button md-icon\" for=\"__drawer\" title=\"{{ lang.t('ma.menu') }}\">"
        '{% include ".icons/" ~ (config.theme.icon.menu or "material/menu") ~ ".svg" %}</label></noscript>\n'
    )
    expected = expected.replace(menu_end, menu_end + noscript, 1)
    palette = "    {% if config.theme.palette %}\n"
    assert expected.count(palette) == 1
    links = (
        '    <div class="ma-header-links">\n'
        "      <a href=\"{{ config.extra.malmoandan_pages.lattlast | url }}\">{{ lang.t(\"ma.footer.easy\") }}</a>\n"
        "      <a href=\"{{ config.extra.malmoandan_pages.in_english | url }}\" lang=\"en\" hreflang=\"en\">In English</a>\n"
        "    </div>\n"
    )
    expected = expected.replace(palette, links + palette)
    assert ours == expected


def test_actions_partial_is_materials_inside_one_condition():
    original = without_leading_comment((MATERIAL_TEMPLATES / "partials" / "actions.html").read_text())
    ours = without_leading_comment((OVERRIDES / "partials" / "actions.html").read_text())
    condition = "{% if config.extra.forhandsvisning or (page.url == config.extra.malmoandan_pages.om_webbplatsen) %}\n"
    assert ours == condition + original + "{% endif %}\n"


def test_content_partial_is_materials_with_a_contents_list_for_long_pages():
    original = without_leading_comment((MATERIAL_TEMPLATES / "partials" / "content.html").read_text())
    ours = without_leading_comment((OVERRIDES / "partials" / "content.html").read_text())
    assert original.count("{{ page.content }}\n") == 1, "Material's content partial changed: copy it anew"
    assert ours == original.replace("{{ page.content }}\n", '{% include "partials/ma-page-contents.html" %}\n')


def test_every_override_explains_itself():
    for template in OVERRIDES.rglob("*.html"):
        text = template.read_text()
        assert text.startswith("{#-"), f"{template} must start with a comment saying what it changes and why"


def test_the_theme_links_pages_by_name_from_links_py():
    """The header, footer, status notice and 404 page get page addresses from links.THEME_PAGES
    (config.extra.malmoandan_pages); every page named there exists, and no template spells one."""
    import re

    from macros import links

    root = Path(__file__).parent.parent
    for name, src_uri in links.THEME_PAGES.items():
        assert (root / "docs" / src_uri).is_file(), name
    for template in sorted((root / "overrides").rglob("*.html")):
        spelled = re.findall(r"""['"]([a-z][a-z0-9-]*/(?:#[^'"]*)?)['"]\s*\|\s*url""", template.read_text(encoding="utf-8"))
        assert not [s for s in spelled if not s.startswith("assets/")], (template.name, spelled)
