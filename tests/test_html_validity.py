"""Every built page is valid HTML according to the Nu HTML Checker (vnu).

Needs Java and the vnu-jar npm package (installed by ./dev test). Locally the test skips when
either is missing; in CI it fails instead.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts import sitebuild
from tests.support import skip_or_fail

pytestmark = pytest.mark.vnu

VNU_JAR = sitebuild.ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# One run of a few seconds: Java's quick compiler only (half the CPU time of the default, the same
# messages), with the larger thread stack vnu then asks for ("StackOverflowError while evaluating
# HTML schema ... at least 512k").
JAVA_OPTIONS = ["-XX:TieredStopAtLevel=1", "-Xss4m"]

# Documented exceptions: markup Material for MkDocs writes on every page that the checker rejects
# and no template block reaches. Each is matched on the message and the offending markup, so
# the same message on any other element still fails.
KNOWN_THEME_ERRORS = [
    # Material's hidden checkboxes that open the drawer and the search (partials in base.html)
    # carry autocomplete="off" so browsers do not restore their state on back navigation; the
    # attribute is only allowed on text-like inputs.
    (
        re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"),
        re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"'),
    ),
]


def is_known_theme_error(message: dict) -> bool:
    return any(
        text.search(message.get("message", "")) and markup.search(message.get("extract", ""))
        for text, markup in KNOWN_THEME_ERRORS
    )


@pytest.fixture(
    params=[
        pytest.param("site", marks=pytest.mark.webbplatsen, id="webbplatsen"),
        pytest.param("calendar_site", id="kalenderfixturer"),
    ]
)
def built(request) -> Path:
    """The real site (any valid content must pass), and the fixture site whose calendar has
    upcoming, cancelled and moved events."""
    return request.getfixturevalue(request.param)


def test_every_page_is_valid_html(built):
    site = built
    if not shutil.which("java"):
        skip_or_fail("Java not found", "Install it with: sudo apt-get install openjdk-17-jre-headless")
    if not VNU_JAR.is_file():
        skip_or_fail("vnu.jar not found", "Run ./dev test, which installs it with npm ci (needs npm).")

    completed = subprocess.run(
        ["java", *JAVA_OPTIONS, "-jar", str(VNU_JAR), "--skip-non-html", "--errors-only", "--format", "json", "--stdout", str(site)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(completed.stdout)["messages"]
    assert messages, "vnu reported nothing at all, not even the known theme errors: did it run?"

    errors = [
        f"{m['url'].split(str(site), 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if not is_known_theme_error(m)
    ]
    assert errors == []
