"""SVG charts drawn at build time with matplotlib: no JavaScript, nothing fetched by the reader.

Each chart is a bar per year (used only where there are three years or more to compare), with
years that have no value marked by the site's one missing-data marker, a dash (never drawn as
zero). Axes count in whole numbers where the figures are whole, and every number is written the
Swedish way through babel (decimal comma, space between thousands). The figure is drawn at
about a phone's width, so its text stays legible at 360 px. Text stays text (svg.fonttype none) in the page's own font and colour, and the
colours are CSS variables, so a chart follows light and dark mode. The SVG gets role="img",
a <title> and a <desc> that says the same as the table beside it.
"""

import functools
import hashlib
import io
import json
import re
from importlib.metadata import version
from pathlib import Path

from markupsafe import Markup

from . import formatting
from .templating import piece

# Placeholder colours that are swapped for CSS variables in the SVG text.
_TEXT, _BAR, _GRID = "#010203", "#040506", "#070809"
_COLOURS = {_TEXT: "var(--md-default-fg-color)", _BAR: "var(--ma-chart-bar)", _GRID: "var(--md-default-fg-color--lighter)"}


@functools.cache
def _pyplot():
    """matplotlib, imported and set up on the first chart drawn: importing it costs about 0.3 s,
    and most builds draw no chart (none today, and cached ones are read from .cache/charts)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    pyplot.rcParams.update(
        {
            "svg.fonttype": "none",  # text as <text>, in the page's font
            "svg.hashsalt": "malmoandan",  # stable ids: the same input gives the same bytes
            "font.size": 11,
            "text.color": _TEXT,
            "axes.labelcolor": _TEXT,
            "axes.edgecolor": _TEXT,
            "xtick.color": _TEXT,
            "ytick.color": _TEXT,
            "font.family": "sans-serif",
            "figure.facecolor": "none",  # transparent: the page's background shows through
            "axes.facecolor": "none",
        }
    )
    return pyplot


# Drawing a chart takes a tenth of a second; the same input always gives the same SVG, so a
# chart once drawn is kept in .cache/charts/ (not in git) and reused by later builds.
CACHE = Path(__file__).resolve().parent.parent / ".cache" / "charts"


def bar_chart(chart_id: str, title: str, description: str, years: list[int], values: dict, labels: dict, unit: str) -> Markup:
    """A bar per year in ``years``; ``values`` maps year -> number, ``labels`` year -> the
    number as readers see it ("cirka 400")."""
    key = hashlib.sha256(
        json.dumps([chart_id, title, description, years, sorted(values.items()), sorted(labels.items()), unit, version("matplotlib"), _VERSION]).encode()
    ).hexdigest()
    cached = CACHE / f"{key}.svg"
    if cached.is_file():
        return Markup(cached.read_text(encoding="utf-8"))
    svg = _draw(chart_id, title, description, years, values, labels, unit)
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        cached.write_text(svg, encoding="utf-8")
    except OSError:
        pass  # a read-only checkout still builds, only slower
    return Markup(svg)


_VERSION = 2  # raise when _draw changes, so cached charts are drawn anew


def _draw(chart_id: str, title: str, description: str, years: list[int], values: dict, labels: dict, unit: str) -> str:
    pyplot = _pyplot()
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    figure, axes = pyplot.subplots(figsize=(4.6, 3.0))
    figure.subplots_adjust(left=0.16, right=0.98, top=0.93, bottom=0.12)
    positions = list(range(len(years)))
    axes.bar([p for p, y in zip(positions, years) if y in values], [values[y] for y in years if y in values], color=_BAR, width=0.6)
    top = max(values.values(), default=1) or 1
    for position, year in zip(positions, years):
        if year in values:
            axes.text(position, values[year] + top * 0.03, labels[year], ha="center", va="bottom", fontsize=10)
        else:
            axes.text(position, top * 0.03, "–", ha="center", va="bottom", fontsize=12)  # uppgift saknas
    axes.set_xticks(positions, [str(y) for y in years])
    axes.set_ylim(0, top * 1.25)
    whole = all(float(v).is_integer() for v in values.values())
    axes.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=whole))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _position: formatting.number(round(value, 2))))
    axes.set_ylabel(unit)
    axes.spines[["top", "right"]].set_visible(False)
    axes.yaxis.grid(True, color=_GRID, linewidth=0.5)
    axes.set_axisbelow(True)
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    pyplot.close(figure)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # no XML declaration or DOCTYPE inside HTML
    for placeholder, variable in _COLOURS.items():
        svg = svg.replace(placeholder, variable)
    svg = re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"', r"<svg \1", svg, count=1)
    svg = svg.replace(
        "<svg ",
        f'<svg class="ma-chart" data-search-exclude role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" ',
        1,
    )
    head = piece("chart_title", chart_id, title, description)
    svg = re.sub(r"(<svg[^>]*>)", lambda m: m.group(1) + head, svg, count=1)
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r"<defs>\s*<style.*?</style>\s*</defs>", "", svg, flags=re.S)
    # Several charts share a page: matplotlib's ids (figure_1, clip paths) get the chart's prefix.
    svg = re.sub(r'\bid="(?!' + re.escape(chart_id) + r'-)([^"]+)"', lambda m: f'id="{chart_id}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{chart_id}-{m.group(1)})", svg)
    # One line: inside a Markdown page, a blank line would end the HTML block.
    return " ".join(line.strip() for line in svg.splitlines() if line.strip())
