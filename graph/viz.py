"""The interactive HTML page of a graph (pyvis), self-contained and offline.

pyvis builds the node and edge data (:class:`pyvis.network.Network`); the page is
rendered from its ``generate_html()`` with minekg's own template
(``graph/templates/page.html``), which inlines the vis-network files that pyvis ships,
so the page makes no request (a Content-Security-Policy forbids any). Every text from a
paper reaches the page only as JSON data set with ``textContent``, never as HTML.
"""
from __future__ import annotations

import json
import math
from html import escape as html_escape
from pathlib import Path

import networkx as nx

TEMPLATE_DIR = Path(__file__).parent / "templates"
KIND_COLOURS = {"organisation": "#4e79a7", "practice": "#59a14f", "outcome": "#9c9c9c"}
KIND_ZH = {"organisation": "组织 organisation", "practice": "做法 practice", "outcome": "成效 outcome"}
CATEGORY_COLOURS = {"safety": "#e15759", "production": "#f28e2b", "equipment": "#edc948",
                    "economic": "#b07aa1", "talent": "#76b7b2", "environment": "#8cd17d",
                    "integrity": "#ff9da7", "cohesion": "#bab0ac", "social": "#d4a6c8", "other": "#cccccc"}
MAX_NODES = 1500


def _info(g: nx.MultiDiGraph, n: str) -> list[str]:
    d = g.nodes[n]
    lines = [d["label"], f"{KIND_ZH[d['kind']]} · {d['group']}"]
    if d["kind"] == "outcome":
        for _, _, e in g.in_edges(n, data=True):
            if e.get("rel") == "contributesTo":
                fig = " ".join(x for x in (e.get("value") or "", e.get("unit") or "",
                                           f"({e['year']})" if e.get("year") else "") if x)
                if fig:
                    lines.append(fig)
                lines += [f"证据 evidence: {e.get('sentence', '')}", f"来源 source: {e.get('source', '')}"]
                break
    return lines


def render_html(g: nx.MultiDiGraph, heading: str = "minekg", max_nodes: int = MAX_NODES) -> str:
    """Render a projected graph (:func:`graph.network.project`) as a self-contained page.

    Args:
        g: the typed networkx graph.
        heading: the page title.
        max_nodes: above this, the nodes of lowest degree are left out and the page says
            how many.

    Returns:
        The HTML text (UTF-8 when written).
    """
    from pyvis.network import Network

    note = ""
    if g.number_of_nodes() > max_nodes:
        ranked = sorted(g.nodes, key=lambda n: (-g.degree(n), n))[:max_nodes]
        note = f"图太大：只显示度最高的 {max_nodes} 个节点，省略 {g.number_of_nodes() - max_nodes} 个 (use --focus)."
        g = g.subgraph(ranked).copy()
    # Lay out once (networkx), then the page freezes physics after a short stabilisation.
    # From 500 nodes on networkx lays out with scipy, which is not a dependency (a
    # 100-paper build crashed on it): fall back to a circle that physics then relaxes.
    try:
        pos = nx.spring_layout(nx.Graph(g), seed=7, k=1.5 / math.sqrt(max(g.number_of_nodes(), 1))) if len(g) else {}
    except ImportError:
        pos = nx.circular_layout(sorted(g.nodes))
    net = Network(height="100%", width="100%", directed=True, cdn_resources="remote")
    for n in sorted(g.nodes):
        d = g.nodes[n]
        colour = CATEGORY_COLOURS.get(d["group"], "#ccc") if d["kind"] == "outcome" else KIND_COLOURS[d["kind"]]
        size = 8 + 4 * math.sqrt(g.degree(n))
        x, y = pos.get(n, (0, 0))
        net.add_node(n, label=d["label"][:24], color=colour, size=size, x=float(x) * 1000, y=float(y) * 1000,
                     shape="dot" if d["kind"] != "practice" else "diamond",
                     kind=d["kind"], group_=d["group"], info=_info(g, n),
                     borderWidth=3 if d["group"] == "safety" else 1)
    for s, o, e in sorted(g.edges(data=True), key=lambda t: (t[0], t[1], t[2].get("rel", ""))):
        info = None
        if e.get("rel") == "contributesTo":
            info = [f"{g.nodes[s]['label']} → {g.nodes[o]['label']}", f"证据 evidence: {e.get('sentence', '')}",
                    f"来源 source: {e.get('source', '')}"]
        net.add_edge(s, o, title=None, rel=e.get("rel"), info=info,
                     dashes=e.get("rel") == "partOf", arrows="to")
    nodes = [dict(n, group=n.pop("group_")) for n in net.nodes]
    for n in nodes:
        n.pop("title", None)
    data = {
        "nodes": nodes,
        "edges": [{k: v for k, v in e.items() if k != "title"} for e in net.edges],
        "note": note,
        "orgs": sorted(({"id": n, "label": d["label"]} for n, d in g.nodes(data=True)
                        if d["kind"] == "organisation"), key=lambda o: o["label"]),
        "legend": {
            "kinds": [{"key": k, "label": KIND_ZH[k], "color": c} for k, c in KIND_COLOURS.items()],
            "categories": [{"key": k, "label": k, "color": c} for k, c in CATEGORY_COLOURS.items()],
        },
        "options": {"physics": {"stabilization": {"iterations": 150}, "barnesHut": {"gravitationalConstant": -3000}},
                    "interaction": {"hover": True, "tooltipDelay": 100},
                    "nodes": {"font": {"face": "Microsoft YaHei, PingFang SC, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif"}}},
    }
    net.set_template_dir(str(TEMPLATE_DIR), "page.html")
    net.heading = html_escape(heading)
    html = net.generate_html()
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/").replace("<!--", "<\\!--")
    lib = Path(__import__("pyvis").__file__).parent / "templates" / "lib" / "vis-9.1.2"
    html = html.replace("/*GRAPH_DATA*/", payload)
    html = html.replace("/*VIS_JS*/", (lib / "vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script"))
    html = html.replace("/*VIS_CSS*/", (lib / "vis-network.css").read_text(encoding="utf-8"))
    return html


def write_html(g: nx.MultiDiGraph, path: str | Path, heading: str = "minekg", max_nodes: int = MAX_NODES) -> Path:
    """Render and write the page as UTF-8, atomically. Returns the path."""
    from .atomic import write_text

    return write_text(path, render_html(g, heading, max_nodes))
