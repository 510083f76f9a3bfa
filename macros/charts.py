"""SVG charts drawn at build time with matplotlib: no JavaScript, nothing fetched by the reader.

Each chart is a bar per year, with years that have no value marked "uppgift saknas" (never
drawn as zero). Text stays text (svg.fonttype none) in the page's own font and colour, and the
colours are CSS variables, so a chart follows light and dark mode. The SVG gets role="img",
a <title> and a <desc> that says the same as the table beside it.
"""

import io
import re

import matplotlib

matplotlib.use("Agg")
from matplotlib import pyplot  # noqa: E402  (the backend must be chosen first)
from markupsafe import Markup  # noqa: E402

from . import escape  # noqa: E402

# Placeholder colours that are swapped for CSS variables in the SVG text.
_TEXT, _BAR, _GRID = "#010203", "#040506", "#070809"
_COLOURS = {_TEXT: "var(--md-default-fg-color)", _BAR: "var(--ma-chart-bar)", _GRID: "var(--md-default-fg-color--lighter)"}

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


def bar_chart(chart_id: str, title: str, description: str, years: list[int], values: dict, labels: dict, unit: str) -> Markup:
    """A bar per year in ``years``; ``values`` maps year -> number, ``labels`` year -> the
    number as readers see it ("cirka 400")."""
    figure, axes = pyplot.subplots(figsize=(6.4, 3.2))
    positions = list(range(len(years)))
    heights = [values.get(year, 0) for year in years]
    axes.bar([p for p, y in zip(positions, years) if y in values], [values[y] for y in years if y in values], color=_BAR, width=0.6)
    top = max(values.values(), default=1) or 1
    for position, year in zip(positions, years):
        if year in values:
            axes.text(position, values[year] + top * 0.03, labels[year], ha="center", va="bottom", fontsize=10)
        else:
            axes.text(position, top * 0.05, "uppgift\nsaknas", ha="center", va="bottom", fontsize=9, style="italic")
    axes.set_xticks(positions, [str(y) for y in years])
    axes.set_ylim(0, top * 1.25)
    axes.set_ylabel(unit)
    axes.spines[["top", "right"]].set_visible(False)
    axes.yaxis.grid(True, color=_GRID, linewidth=0.5)
    axes.set_axisbelow(True)
    del heights
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    pyplot.close(figure)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # no XML declaration or DOCTYPE inside HTML
    for placeholder, variable in _COLOURS.items():
        svg = svg.replace(placeholder, variable)
    svg = re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"', r"<svg \1", svg, count=1)
    svg = svg.replace(
        "<svg ",
        f'<svg class="ma-chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" ',
        1,
    )
    head = f'<title id="{chart_id}-title">{escape.text(title)}</title><desc id="{chart_id}-desc">{escape.text(description)}</desc>'
    svg = re.sub(r"(<svg[^>]*>)", lambda m: m.group(1) + head, svg, count=1)
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r"<defs>\s*<style.*?</style>\s*</defs>", "", svg, flags=re.S)
    # Several charts share a page: matplotlib's ids (figure_1, clip paths) get the chart's prefix.
    svg = re.sub(r'\bid="(?!' + re.escape(chart_id) + r'-)([^"]+)"', lambda m: f'id="{chart_id}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{chart_id}-{m.group(1)})", svg)
    # One line: inside a Markdown page, a blank line would end the HTML block.
    return Markup(" ".join(line.strip() for line in svg.splitlines() if line.strip()))
