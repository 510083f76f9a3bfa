"""What the browser tests and the Lighthouse benchmark share: which Chromium to run, how, and
one page per template of the site. A neutral module, so that benchmarks/ need not import tests/.
"""

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# One page per template: (name, site, path). "kalender" is the fixture site with upcoming events.
TEMPLATES = [
    ("start", "site", ""),
    ("innehall", "site", "overenskommelsen/"),
    ("historik", "site", "historik/"),
    ("kalender", "kalender", "kalender/"),
    ("evenemang", "kalender", "kalender/evenemang/2026/2026-03-29-dialogforum-var/"),
    ("tidigare", "kalender", "kalender/tidigare/"),
    ("arsrapport", "site", "arsrapporter/2023/"),
    ("siffror", "site", "siffror/"),
    ("oppna-data", "site", "oppna-data/"),
    ("tillganglighet", "site", "tillganglighet/"),
    ("404", "site", "404.html"),
]
