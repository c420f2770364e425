"""Export the graph for other tools: RDF (Turtle, JSON-LD, N-Triples) or the networkx
projection (GraphML, GEXF for Gephi, CSV node and edge lists).

:func:`export_graph` is what ``minekg export`` runs. RDF formats carry every triple;
the network formats carry the organisation → practice → outcome projection of
:func:`graph.network.project` (one node per organisation, practice and outcome).
"""
from __future__ import annotations

import csv
import io
from enum import Enum
from pathlib import Path

import networkx as nx
from rdflib import Graph

from extract.errors import MinekgError

from .atomic import write_text


class ExportError(MinekgError):
    """The export cannot be written where asked."""


class ExportFormat(str, Enum):
    """The formats of ``minekg export``."""

    ttl = "ttl"
    jsonld = "jsonld"
    nt = "nt"
    graphml = "graphml"
    gexf = "gexf"
    csv = "csv"


#: rdflib serializer names of the RDF formats.
_RDF = {ExportFormat.ttl: "turtle", ExportFormat.jsonld: "json-ld", ExportFormat.nt: "nt"}

NODE_COLUMNS = ("id", "kind", "label", "group")
EDGE_COLUMNS = ("source", "target", "rel", "sentence", "doc", "value", "unit", "year")


def export_graph(graph: Graph, fmt: ExportFormat | str, out: str | Path) -> list[Path]:
    """Write ``graph`` in format ``fmt``.

    Args:
        graph: the RDF graph (the embedded store or a parsed ``graph.ttl``).
        fmt: an :class:`ExportFormat` (or its value).
        out: the file to write; for ``csv`` a folder that receives ``nodes.csv`` and
            ``edges.csv``.

    Returns:
        The paths written.

    Raises:
        ExportError: ``out`` is a folder where a file is needed (or the reverse), or
            cannot be written.
    """
    fmt = ExportFormat(fmt)
    out = Path(out)
    try:
        if fmt in _RDF:
            _need_file(out)
            text = graph.serialize(format=_RDF[fmt])
            return [write_text(out, text if isinstance(text, str) else text.decode("utf-8"))]
        from .network import project

        net = project(graph)
        if fmt is ExportFormat.csv:
            if out.exists() and not out.is_dir():
                raise ExportError(f"{out}: csv writes nodes.csv and edges.csv into a folder; give a folder")
            out.mkdir(parents=True, exist_ok=True)
            return _write_csv(net, out)
        _need_file(out)
        flat = _flat(net)
        buf = io.BytesIO()
        if fmt is ExportFormat.graphml:
            nx.write_graphml(flat, buf, encoding="utf-8")
        else:
            nx.write_gexf(flat, buf, encoding="utf-8")
        return [write_text(out, buf.getvalue().decode("utf-8"))]
    except OSError as exc:
        raise ExportError(f"{out}: cannot write the export ({exc})") from exc


def _need_file(out: Path) -> None:
    if out.is_dir():
        raise ExportError(f"{out} is a folder; give a file name such as {out / 'graph'}.<ext>")


def _flat(net: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attribute values are all strings: GraphML and GEXF reject ``None``
    and write a column's type from its first value."""
    flat = nx.MultiDiGraph()
    for n, d in net.nodes(data=True):
        flat.add_node(n, **{k: "" if v is None else str(v) for k, v in d.items()})
    for s, o, k, d in net.edges(keys=True, data=True):
        flat.add_edge(s, o, key=k, **{a: "" if v is None else str(v) for a, v in d.items()})
    return flat


def _write_csv(net: nx.MultiDiGraph, folder: Path) -> list[Path]:
    def table(header: tuple[str, ...], rows: list[list[str]]) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
        return buf.getvalue()

    nodes = sorted([n, d.get("kind", ""), d.get("label", ""), d.get("group", "")] for n, d in net.nodes(data=True))
    edges = sorted([s, o, d.get("rel", ""), d.get("sentence") or "", d.get("source") or "",
                    d.get("value") or "", d.get("unit") or "", d.get("year") or ""]
                   for s, o, d in net.edges(data=True))
    return [write_text(folder / "nodes.csv", table(NODE_COLUMNS, nodes)),
            write_text(folder / "edges.csv", table(EDGE_COLUMNS, edges))]
