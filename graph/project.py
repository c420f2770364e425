"""The whole build of a corpus: files → extractions.jsonl, graph.ttl, store/, graph.html,
report.json (DESIGN.md's data flow, end to end).

:func:`build_project` is what ``minekg build`` runs. Every output is written under a
temporary name and all are put in place together at the end (:mod:`graph.commit`), so a
build that fails or is killed leaves the previous outputs intact, byte for byte.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from extract.corpus import CorpusResult, extract_corpus
from extract.pipeline import extractor_version

from .build import build_graph, serialize_turtle
from .commit import Staging, recover
from .network import project
from .store import open_graph, write_store
from .validate import ShapeError, validate
from .viz import render_html

OUTPUTS = ("extractions.jsonl", "graph.ttl", "store", "graph.html", "report.json")


@dataclass
class BuildSummary:
    """What a build produced.

    Attributes:
        out: the output folder.
        files: input files read (a duplicate is not counted); ``skipped``: input files
            skipped; ``duplicates``: input files that were the same paper as another
            and were merged into its document.
        articles: articles extracted; ``organisations``, ``practices``, ``outcomes``,
            ``links``: units extracted (sums over articles); ``triples``: graph size.
    """

    out: str
    files: int
    skipped: int
    articles: int
    organisations: int
    practices: int
    outcomes: int
    links: int
    triples: int
    duplicates: int = 0


def build_project(inputs: Iterable[str | Path], out: str | Path,
                  progress: Callable[[str], None] | None = None, *, cache: bool = True,
                  jobs: int | None = 1, infer: bool = False) -> tuple[BuildSummary, CorpusResult]:
    """Build every output of a corpus into ``out``.

    Args:
        inputs: paper files and folders.
        out: the output folder (created).
        progress: called with each input file's path once it is extracted.
        cache: keep per-file extractions in ``out/cache`` and reuse them for files whose
            bytes and extractor version did not change (:mod:`extract.cache`).
        jobs: extraction processes (``None``: one per CPU); the outputs do not depend on it.
        infer: add the RDFS / OWL-RL entailments of ``ontology/minekg.ttl`` to
            ``graph.ttl`` and the store (``org:Organization`` then finds every mine).

    Returns:
        ``(summary, corpus)``.

    Raises:
        extract.corpus.NoInputError: a path is missing or no paper could be found.
        graph.validate.ShapeError: the built graph breaks ``ontology/shapes.ttl``.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    recover(out, OUTPUTS)  # a killed build's leftovers (graph/commit.py)
    corpus = extract_corpus(inputs, progress=progress, cache_dir=out / "cache" if cache else None,
                            jobs=jobs)
    version = extractor_version()
    staging = Staging(out)
    try:
        summary, report = _stage(corpus, version, staging, infer)
        staging.write_text("report.json", json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    except BaseException:
        staging.discard()  # the previous outputs stay as they are
        raise
    staging.commit()
    return summary, corpus


def _stage(corpus: CorpusResult, version: str, staging: Staging,
           infer: bool) -> tuple[BuildSummary, dict]:
    """Write every output but the report under its temporary name; return the summary
    and the report (``report.json``'s content).

    Raises:
        graph.validate.ShapeError: the built graph breaks ``ontology/shapes.ttl``.
    """
    out = staging.folder
    staging.write_text("extractions.jsonl", "".join(r.to_json() + "\n" for r in corpus.records))
    g = build_graph(corpus.records, version)
    # Checked before anything is put in place, so a graph that breaks the shapes never
    # replaces a good one.
    shapes = validate(g)
    if not shapes.conforms:
        raise ShapeError(f"the graph built from these papers breaks {len(shapes.violations)} SHACL "
                         "constraint(s) of ontology/shapes.ttl (a bug of minekg's build, please report "
                         "it with the papers); the previous graph is kept:\n" + shapes.summary())
    if infer:
        from .reason import expand

        expand(g)
    ttl = staging.write_text("graph.ttl", serialize_turtle(g))
    store = write_store(ttl, staging.directory("store"))
    new_store = open_graph(store)
    net = project(new_store)
    new_store.close()  # before the folder is renamed into place
    staging.write_text("graph.html", render_html(net, heading="minekg · 煤矿党建知识图谱"))
    summary = BuildSummary(
        out=str(out), files=len([f for f in corpus.files if f.status == "ok"]),
        skipped=len(corpus.skipped), articles=len(corpus.records),
        organisations=sum(len(r.organisations) for r in corpus.records),
        practices=sum(len(r.practices) for r in corpus.records),
        outcomes=sum(len(r.outcomes) for r in corpus.records),
        links=sum(len(r.links) for r in corpus.records), triples=len(g),
        duplicates=len(corpus.duplicates))
    report = {"extractor": version, "summary": asdict(summary),
              "files": [asdict(f) for f in corpus.files]}
    return summary, report
