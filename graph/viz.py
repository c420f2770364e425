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
import re
from collections import Counter
from html import escape as html_escape
from pathlib import Path

import networkx as nx

from .vocab import CATEGORY_ZH, DOMAIN_ZH

TEMPLATE_DIR = Path(__file__).parent / "templates"
KIND_COLOURS = {"organisation": "#4e79a7", "practice": "#59a14f", "outcome": "#9c9c9c"}
KIND_ZH = {"organisation": "组织 organisation", "practice": "做法 practice", "outcome": "成效 outcome"}
KIND_SHAPES = {"organisation": "dot", "practice": "diamond", "outcome": "dot"}
CATEGORY_COLOURS = {"safety": "#e15759", "production": "#f28e2b", "equipment": "#edc948",
                    "economic": "#b07aa1", "talent": "#76b7b2", "environment": "#8cd17d",
                    "integrity": "#ff9da7", "cohesion": "#bab0ac", "social": "#d4a6c8", "other": "#cccccc"}
SAFETY_BORDER = "#8b0000"
#: Quoted, because vis-network pastes ``face`` into a canvas ``font`` string as is; the
#: CJK faces come first so Han characters never fall back to a Latin font's tofu.
FONT_STACK = ('"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", '
              '"WenQuanYi Micro Hei", "WenQuanYi Zen Hei", sans-serif')
MAX_NODES = 1500
#: Physics runs at most this many iterations before the page freezes the layout.
STABILISATION_ITERATIONS = 150
_MARKERS = re.compile(r"/\*(VIS_CSS|VIS_JS|GRAPH_DATA)\*/")


def _group_zh(kind: str, group: str) -> str:
    if kind == "outcome":
        return f"{CATEGORY_ZH.get(group, group)} {group}"
    if kind == "practice":
        return f"{DOMAIN_ZH.get(group, group)} {group}"
    return group


def _info(g: nx.MultiDiGraph, n: str) -> list[str]:
    """Tooltip lines of a node: name, kind · group, then (outcomes) figure and evidence."""
    d = g.nodes[n]
    lines = [d["label"], f"{KIND_ZH[d['kind']]} · {_group_zh(d['kind'], d['group'])}",
             f"连接 degree: {g.degree(n)}"]
    if d["kind"] == "outcome":
        for _, _, e in g.in_edges(n, data=True):
            if e.get("rel") == "contributesTo":
                fig = " ".join(x for x in (e.get("value") or "", e.get("unit") or "",
                                           f"({e['year']})" if e.get("year") else "") if x)
                if fig:
                    lines.append(fig)
                lines += [f"证据 evidence: {e.get('sentence', '')}", f"来源 source: {e.get('source', '')}"]
                break
    elif d["kind"] == "practice":
        # A practice's own evidence: the first sentence that links it to a result.
        for _, o, e in g.out_edges(n, data=True):
            if e.get("rel") == "contributesTo":
                lines += [f"→ {g.nodes[o]['label']}", f"证据 evidence: {e.get('sentence', '')}",
                          f"来源 source: {e.get('source', '')}"]
                break
    return lines


def _trim(g: nx.MultiDiGraph, max_nodes: int) -> tuple[nx.MultiDiGraph, str]:
    """Keep the ``max_nodes`` nodes of highest degree; say what was left out, by kind.

    A graph trimmed already (:func:`graph.network.from_rows_trimmed`, ``graph["left_out"]``)
    keeps its nodes and gets the note of the whole graph it was trimmed from."""
    if "left_out" in g.graph:
        total, left = g.graph["left_out"]
        return g, _note(max_nodes, total, left)
    if g.number_of_nodes() <= max_nodes:
        return g, ""
    keep = sorted(g.nodes, key=lambda n: (-g.degree(n), n))[:max_nodes]
    kept = set(keep)
    left = Counter(d["kind"] for n, d in g.nodes(data=True) if n not in kept)
    # Not g.subgraph(keep).copy(): that walks the set ``kept``, whose order changes with
    # the hash seed (in-edges, organisations of equal label), so the page did too.
    h = nx.MultiDiGraph()
    h.add_nodes_from((n, d) for n, d in g.nodes(data=True) if n in kept)
    h.add_edges_from((u, v, k, d) for u, v, k, d in g.edges(keys=True, data=True) if u in kept and v in kept)
    return h, _note(max_nodes, g.number_of_nodes(), left)


def _note(max_nodes: int, total: int, left: dict[str, int]) -> str:
    parts = "，".join(f"{KIND_ZH[k].split()[0]} {c}" for k, c in sorted(left.items()))
    return (f"图太大：只显示度最高的 {max_nodes} 个节点，省略 {total - max_nodes} 个"
            f"（{parts}）。Graph too large: showing the {max_nodes} best-connected nodes, "
            f"{total - max_nodes} left out — use --focus.")


#: Rows of the pairs' arrays :func:`layout` works on at a time (32 × 1,500 float32: 190 kB an array).
_ROWS = 32


def layout(g: nx.MultiDiGraph, seed: int = 7, iterations: int = 50) -> dict[str, tuple[float, float]]:
    """Force-directed positions in [-1, 1]² (Fruchterman–Reingold, as networkx's dense
    ``spring_layout``: optimal distance ``k`` = 1.5/√n, linear cooling over ``iterations``).

    One numpy step moves every node at once: 1,500 nodes take about a second where
    networkx's sparse variant, which it picks from 500 nodes on, takes eight. Nodes are
    taken in sorted order from a seeded start, so the same graph gives the same page.

    Returns:
        node → ``(x, y)``; empty for an empty graph.
    """
    import numpy as np

    nodes = sorted(g.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {v: i for i, v in enumerate(nodes)}
    adj = np.zeros((n, n), dtype=np.float32)
    for u, v in g.edges():
        if u != v:
            adj[index[u], index[v]] = adj[index[v], index[u]] = 1.0
    pos = np.random.RandomState(seed).rand(n, 2).astype(np.float32)
    k = np.float32(1.5 / math.sqrt(n))
    t = max(float(np.ptp(pos[:, 0])), float(np.ptp(pos[:, 1]))) * 0.1
    dt = t / (iterations + 1)
    # A step works through the n×n pairs _ROWS rows at a time, in arrays made once: the
    # whole n×n arrays (9 MB each at 1,500 nodes) went through memory a dozen times a
    # step; a band of rows stays in the cache (1.40 → 1.17 s of CPU at 1,000 papers, six
    # runs in turns). Each value is computed as before, elementwise and per row, so the
    # positions are the same to the bit (tests/test_graph_fast_paths.py).
    rows = min(n, _ROWS)
    dx, dy, dist, w, a = (np.empty((rows, n), dtype=np.float32) for _ in range(5))
    disp = np.empty((n, 2), dtype=np.float32)
    for _ in range(iterations):
        px, py = pos[None, :, 0], pos[None, :, 1]
        for r0 in range(0, n, rows):
            r1 = min(n, r0 + rows)
            X, Y, D, W, A = (x[:r1 - r0] for x in (dx, dy, dist, w, a))
            np.subtract(pos[r0:r1, 0, None], px, out=X)
            np.subtract(pos[r0:r1, 1, None], py, out=Y)
            np.hypot(X, Y, out=D)
            np.clip(D, 0.01, None, out=D)
            # Repulsion k²/d between every pair, attraction d²/k along edges, per unit
            # vector: k * k / (d * d) - adj * d / k.
            np.multiply(D, D, out=W)
            np.divide(k * k, W, out=W)
            np.multiply(adj[r0:r1], D, out=A)
            np.divide(A, k, out=A)
            np.subtract(W, A, out=W)
            np.multiply(X, W, out=X)
            np.multiply(Y, W, out=Y)
            X.sum(axis=1, out=disp[r0:r1, 0])
            Y.sum(axis=1, out=disp[r0:r1, 1])
        length = np.sqrt((disp ** 2).sum(axis=1))
        np.clip(length, 0.01, None, out=length)
        pos += disp * (np.float32(t) / length)[:, None]
        t -= dt
    pos -= pos.mean(axis=0)
    lim = float(np.abs(pos).max()) or 1.0
    pos /= lim
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for v, i in index.items()}


def _json_for_script(data: object) -> str:
    """JSON safe inside ``<script type=application/json>``: ``<``, ``>`` and ``&`` become
    ``\\uXXXX`` escapes (valid JSON, unlike ``<\\!--``), so no paper text can close the
    element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_html(g: nx.MultiDiGraph, heading: str = "minekg", max_nodes: int = MAX_NODES) -> str:
    """Render a projected graph (:func:`graph.network.project`) as a self-contained page.

    Args:
        g: the typed networkx graph.
        heading: the page title.
        max_nodes: above this, the nodes of lowest degree are left out and the page says
            how many, of which kind.

    Returns:
        The HTML text (UTF-8 when written).
    """
    from pyvis.network import Network

    g, note = _trim(g, max_nodes)
    # Lay out once so the page starts near its final shape; the page then freezes
    # physics after a bounded stabilisation.
    pos = layout(g)
    net = Network(height="100%", width="100%", directed=True, cdn_resources="remote")
    for n in sorted(g.nodes):
        d = g.nodes[n]
        safety = d["kind"] == "outcome" and d["group"] == "safety"
        fill = CATEGORY_COLOURS.get(d["group"], "#ccc") if d["kind"] == "outcome" else KIND_COLOURS[d["kind"]]
        # Area grows with degree: the hubs of the graph are what a reader looks for first.
        size = 8 + 5 * math.sqrt(g.degree(n)) + (4 if safety else 0)
        x, y = pos.get(n, (0, 0))
        net.add_node(n, label=d["label"][:24], size=size, x=float(x) * 1000, y=float(y) * 1000,
                     color={"background": fill, "border": SAFETY_BORDER if safety else "#555"},
                     shape=KIND_SHAPES[d["kind"]], kind=d["kind"], group_=d["group"], name=d["label"],
                     info=_info(g, n), safety=safety, borderWidth=4 if safety else 1,
                     font={"color": SAFETY_BORDER, "size": 16, "strokeWidth": 3, "strokeColor": "#fff"}
                     if safety else None)
    edges: list[dict] = []
    for s, o, e in sorted(g.edges(data=True), key=lambda t: (t[0], t[1], t[2].get("rel", ""))):
        info = None
        if e.get("rel") == "contributesTo":
            info = [f"{g.nodes[s]['label']} → {g.nodes[o]['label']}", f"证据 evidence: {e.get('sentence', '')}",
                    f"来源 source: {e.get('source', '')}"]
        elif e.get("rel") == "partOf":
            info = [f"{g.nodes[s]['label']} —是…的组成部分 part of→ {g.nodes[o]['label']}"]
        safe_edge = e.get("rel") == "contributesTo" and g.nodes[o]["group"] == "safety"
        # What pyvis's ``add_edge`` adds to its list, without its checks that both nodes
        # exist, each a scan of the list of node ids (1,500): 0.86 of 2.2 s of the page
        # at 1,000 papers (29,520 edges). Here both are nodes of ``g``.
        edges.append({"rel": e.get("rel"), "info": info, "dashes": e.get("rel") == "partOf", "arrows": "to",
                      "color": CATEGORY_COLOURS["safety"] if safe_edge else "#aaa",
                      "width": 2.5 if safe_edge else 1, "from": s, "to": o})
    # pyvis adds ``title`` (which vis would show as HTML): dropped. The group goes out as
    # ``category``, not ``group``: vis-network styles a node by its ``group`` and that
    # palette painted over our colours.
    nodes = []
    for n in net.nodes:
        n = {k: v for k, v in n.items() if k != "title" and v is not None}
        n["category"] = n.pop("group_")
        nodes.append(n)
    counts = Counter((d["kind"], d["group"]) for _, d in g.nodes(data=True))
    kinds = Counter(d["kind"] for _, d in g.nodes(data=True))
    data = {
        "nodes": nodes,
        "edges": edges,
        "note": note,
        "orgs": sorted(({"id": n, "label": d["label"]} for n, d in g.nodes(data=True)
                        if d["kind"] == "organisation"), key=lambda o: o["label"]),
        "legend": {
            "kinds": [{"key": k, "label": f"{KIND_ZH[k]} ({kinds[k]})", "color": c, "shape": KIND_SHAPES[k]}
                      for k, c in KIND_COLOURS.items()],
            "categories": [{"key": k, "label": f"{CATEGORY_ZH[k]} {k} ({counts[('outcome', k)]})", "color": c}
                           for k, c in CATEGORY_COLOURS.items()],
        },
        "stabilisation": STABILISATION_ITERATIONS,
        "options": {"physics": {"stabilization": {"iterations": STABILISATION_ITERATIONS, "updateInterval": 25},
                                "barnesHut": {"gravitationalConstant": -3000}},
                    "interaction": {"hover": True, "tooltipDelay": 100},
                    "nodes": {"font": {"face": FONT_STACK, "size": 14}}},
    }
    net.set_template_dir(str(TEMPLATE_DIR), "page.html")
    # The heading passes through Jinja unescaped; escape it, and break any marker the
    # user typed so the substitution below only ever hits the template's own.
    net.heading = html_escape(heading).replace("/*", "/&#42;")
    html = net.generate_html()
    lib = Path(__import__("pyvis").__file__).parent / "templates" / "lib" / "vis-9.1.2"
    parts = {
        "VIS_CSS": (lib / "vis-network.css").read_text(encoding="utf-8"),
        "VIS_JS": (lib / "vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script"),
        "GRAPH_DATA": _json_for_script(data),
    }
    # One pass: text substituted in (paper text in the data) is never searched again.
    return _MARKERS.sub(lambda m: parts[m.group(1)], html)


def write_html(g: nx.MultiDiGraph, path: str | Path, heading: str = "minekg", max_nodes: int = MAX_NODES) -> Path:
    """Render and write the page as UTF-8, atomically. Returns the path."""
    from .atomic import write_text

    return write_text(path, render_html(g, heading, max_nodes))


def page_key(g: nx.MultiDiGraph, heading: str = "minekg", max_nodes: int = MAX_NODES) -> str:
    """A digest of everything :func:`render_html` reads: the graph (nodes, edges, their
    attributes and order, in-edges in order), the heading, ``max_nodes``, and the code and
    files that draw the page. Two graphs with the same key give the same page, so a build
    whose graph did not change (as drawn) takes the previous page as it is.

    Returns:
        SHA-256, hex.
    """
    import hashlib
    import pickle

    import pyvis

    h = hashlib.sha256()
    for path in (Path(__file__), TEMPLATE_DIR / "page.html"):
        h.update(path.read_bytes())
    h.update(f"{pyvis.__version__}\0{heading}\0{max_nodes}\0".encode("utf-8"))
    h.update(pickle.dumps((list(g.nodes(data=True)), list(g.edges(keys=True, data=True)),
                           [list(g.in_edges(n, keys=True)) for n in g], dict(g.graph)), protocol=4))
    return h.hexdigest()
