"""Guards on the theme overrides: a copied Material partial must match the installed Material
apart from the documented change, so an upgrade cannot silently keep an outdated copy."""

from pathlib import Path

import material

from tests import sitebuild

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


def test_every_override_explains_itself():
    for template in OVERRIDES.rglob("*.html"):
        text = template.read_text()
        assert text.startswith("{#-"), f"{template} must start with a comment saying what it changes and why"
