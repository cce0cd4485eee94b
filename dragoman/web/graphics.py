"""Geometry for the inline SVG pictures: the actor network and a dyad's cooperation–conflict chart.

The pages draw plain SVG from these numbers (no JavaScript library); the layout is computed here,
on the server, so a page shows the same picture every time for the same corpus.
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx

#: Quad classes above the axis (cooperation) and below it (conflict), inner first.
COOPERATION = ("verbal_cooperation", "material_cooperation")
CONFLICT = ("verbal_conflict", "material_conflict")
QUAD_COLOURS = {
    "verbal_cooperation": "#8cc9a5", "material_cooperation": "#1f7a4d",
    "verbal_conflict": "#f0a195", "material_conflict": "#b42318",
}  # fmt: skip


def network_layout(
    graph: nx.DiGraph, *, nodes: int = 30, width: int = 900, height: int = 520
) -> dict[str, Any]:
    """The ``nodes`` actors with most events and the dyads between them, placed for an SVG.

    Returns ``{"width", "height", "nodes": [{id, name, x, y, r, events}], "edges": [{a, b, x1, y1, x2,
    y2, events, score, w, colour}]}``; directions are merged (an edge per pair of actors).
    """
    ranked = sorted(graph.nodes(data=True), key=lambda n: (-n[1].get("events", 0), n[0]))[:nodes]
    linked = set(graph.subgraph([n for n, _ in ranked]).to_undirected().edges())
    touched = {n for edge in linked for n in edge}
    # an actor with no dyad among the others would float off and squeeze the rest into a corner
    ranked = [(n, d) for n, d in ranked if n in touched]
    keep = [n for n, _ in ranked]
    pairs: dict[tuple[str, str], dict[str, float]] = {}
    for a, b, data in graph.subgraph(keep).edges(data=True):
        pair = (min(a, b), max(a, b))
        total = pairs.setdefault(pair, {"events": 0.0, "score": 0.0})
        total["events"] += data.get("events", 0)
        total["score"] += data.get("score", 0.0)
    undirected = nx.Graph()
    undirected.add_nodes_from(keep)
    undirected.add_edges_from((a, b, {"weight": t["events"]}) for (a, b), t in pairs.items())
    if not keep:
        return {"width": width, "height": height, "nodes": [], "edges": []}
    positions = nx.spring_layout(undirected, seed=7, k=1.6 / math.sqrt(len(keep)), weight="weight")
    margin = 60
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]

    def place(value: float, low: float, high: float, size: int) -> float:
        return margin + (value - low) / ((high - low) or 1.0) * (size - 2 * margin)

    most = max((d.get("events", 0) for _, d in ranked), default=1) or 1
    placed = {
        n: {
            "id": n, "name": d.get("name", n), "events": d.get("events", 0),
            "x": round(place(positions[n][0], min(xs), max(xs), width), 1),
            "y": round(place(positions[n][1], min(ys), max(ys), height), 1),
            "r": round(4 + 14 * math.sqrt(d.get("events", 0) / most), 1),
        }
        for n, d in ranked
    }  # fmt: skip
    heaviest = max((t["events"] for t in pairs.values()), default=1) or 1
    edges = [
        {
            "a": a, "b": b, "events": int(t["events"]), "score": t["score"],
            "x1": placed[a]["x"], "y1": placed[a]["y"], "x2": placed[b]["x"], "y2": placed[b]["y"],
            "w": round(1 + 5 * t["events"] / heaviest, 1),
            "colour": "#1f7a4d" if t["score"] > 0 else ("#b42318" if t["score"] < 0 else "#98a2b3"),
        }
        for (a, b), t in sorted(pairs.items(), key=lambda p: p[1]["events"])
    ]  # fmt: skip
    return {"width": width, "height": height, "nodes": list(placed.values()), "edges": edges}


def dyad_chart(series: dict[str, Any], *, width: int = 900, height: int = 300) -> dict[str, Any]:
    """Bars per period for a dyad (``DyadSeries.to_dict()``): cooperation stacked up from the axis,
    conflict down, by quad class, both directions together; a line for the period's score.

    Returns ``{"width", "height", "axis_y", "bars": [{x, y, w, h, colour, quad, count, period}],
    "labels": [{x, text}], "score_points": "x,y x,y …", "max": n, "max_score": s}``.
    """
    periods = series.get("periods", [])
    left, right, top, bottom = 40, 16, 16, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = []
    for p in periods:
        quads = {q: sum(p["counts"][d].get(q, 0) for d in p["counts"]) for q in (*COOPERATION, *CONFLICT)}
        totals.append(quads)
    most = max([1] + [sum(t[q] for q in side) for t in totals for side in (COOPERATION, CONFLICT)])
    axis_y = top + plot_h / 2
    unit = (plot_h / 2) / most
    slot = plot_w / max(len(periods), 1)
    bar_w = round(max(4.0, min(48.0, slot * 0.6)), 1)
    bars: list[dict[str, Any]] = []
    labels, points = [], []
    max_score = max([abs(p["score"]) for p in periods] + [1.0])
    every = max(1, math.ceil(len(periods) / 14))  # at most ~14 labels under the axis
    for i, (p, quads) in enumerate(zip(periods, totals, strict=True)):
        cx = left + slot * (i + 0.5)
        x = round(cx - bar_w / 2, 1)
        for side, sign in ((COOPERATION, -1), (CONFLICT, 1)):
            edge = axis_y
            for q in (q for q in side if quads[q]):
                h = quads[q] * unit
                y = edge - h if sign < 0 else edge
                edge += sign * h
                bar = {"x": x, "y": round(y, 1), "w": bar_w, "h": round(h, 1), "colour": QUAD_COLOURS[q]}
                bars.append({**bar, "quad": q, "count": quads[q], "period": p["period"]})
        if i % every == 0:
            labels.append({"x": round(cx, 1), "text": p["period"]})
        points.append(f"{cx:.1f},{axis_y - p['score'] / max_score * (plot_h / 2):.1f}")
    return {
        "width": width, "height": height, "axis_y": round(axis_y, 1), "left": left, "right": width - right,
        "top": top, "bottom": height - bottom, "bars": bars, "labels": labels,
        "score_points": " ".join(points), "max": most, "max_score": max_score, "colours": QUAD_COLOURS,
    }  # fmt: skip
