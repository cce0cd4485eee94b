"""A dyad's chart: events per period by quad class (cooperation up, conflict down) and its score."""

from __future__ import annotations

from pathlib import Path

from dragoman.corpus.dyads import DyadSeries
from dragoman.corpus.quads import QUAD_NAMES

#: Bar colours per quad class: greens for cooperation, reds for conflict.
_COLOURS = {
    "verbal_cooperation": "#8fd18f",
    "material_cooperation": "#2e8b57",
    "verbal_conflict": "#f4a582",
    "material_conflict": "#b2182b",
}


def plot_dyad(series: DyadSeries, path: str | Path) -> Path:
    """Draw ``series`` into the image file ``path`` (PNG, SVG or PDF by its suffix); return the path.

    Bars count events per period, stacked by quad class, cooperation above the axis and conflict
    below; the line is the period's cooperation–conflict score on a second axis.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [p.period or "" for p in series.periods]
    x = range(len(labels))
    fig, bars = plt.subplots(figsize=(max(6.0, 0.6 * len(labels) + 3), 4.5), dpi=100)
    try:
        up = [0] * len(labels)
        down = [0] * len(labels)
        for quad in QUAD_NAMES.values():
            counts = [sum(p.counts[d][quad] for d in p.counts) for p in series.periods]
            conflict = quad.endswith("conflict")
            base = down if conflict else up
            heights = [-c if conflict else c for c in counts]
            bars.bar(x, heights, bottom=base, color=_COLOURS[quad], label=quad.replace("_", " "))
            for i, h in enumerate(heights):
                base[i] += h
        bars.axhline(0, color="black", linewidth=0.8)
        bars.set_ylabel("events (conflict below the axis)")
        bars.set_xticks(list(x), labels, rotation=45 if len(labels) > 6 else 0, ha="right")
        score = bars.twinx()
        score.plot(list(x), [p.score for p in series.periods], color="black", marker="o", label="score")
        score.set_ylabel("cooperation–conflict score (sum of PLOVER intensities)")
        lines = bars.get_legend_handles_labels()
        more = score.get_legend_handles_labels()
        bars.legend(lines[0] + more[0], lines[1] + more[1], loc="upper left", fontsize="small")
        include = ", ".join(series.include) or "all"
        bars.set_title(
            f"{series.a_name} – {series.b_name}\n{series.events} events ({series.reports} reports); "
            f"counted: {include}; by {series.by}",
            fontsize="medium",
        )
        fig.tight_layout()
        out = Path(path)
        fig.savefig(out)
    finally:
        plt.close(fig)
    return out
