"""The steps a build tells after extraction (graph/steps.py), which ``minekg build`` shows
as lines of its progress bar: before, the bar was full once the last paper was read and
said nothing of the minute that followed at 10,000 papers."""
from __future__ import annotations

import shutil

from graph.project import build_project

from .conftest import PAPERS

AFTER_EXTRACTION = ["making the graph", "checking the shapes", "drawing the page", "loading the store",
                    "writing the outputs", "tidying the cache"]


class Recorded:
    """A :class:`graph.steps.Steps` that keeps what it was told."""

    def __init__(self):
        self.steps: list[list] = []  # [label, total, advanced]

    def begin(self, label, total=None):
        self.steps.append([label, total, 0])

    def advance(self, n=1):
        self.steps[-1][2] += n


def test_a_build_tells_each_step_and_counts_the_fragments_it_makes(tmp_path):
    out = tmp_path / "out"
    told = Recorded()
    summary, _ = build_project([PAPERS], out, steps=told)
    assert [s[0] for s in told.steps] == AFTER_EXTRACTION
    making = told.steps[0]
    documents = len(list(PAPERS.iterdir()))
    assert making[1] == making[2] == documents  # every fragment made, each counted once

    again = Recorded()  # nothing changed: no fragment to make
    build_project([PAPERS], out, steps=again)
    assert [s[0] for s in again.steps] == AFTER_EXTRACTION and again.steps[0][1:] == [0, 0]

    one = tmp_path / "one"  # one paper changed: its fragment only
    shutil.copytree(PAPERS, one)
    paper = sorted(one.iterdir())[0]
    paper.write_bytes(paper.read_bytes() + "\n本文完。\n".encode("utf-8"))
    changed = Recorded()
    build_project([one], out, steps=changed)
    assert changed.steps[0][1:] == [1, 1]


def test_the_fragment_workers_count_what_they_make(tmp_path, monkeypatch):
    """Made by forked workers, the fragments are counted as their batches come back."""
    from graph import fragments

    monkeypatch.setattr(fragments, "MIN_PARALLEL", 1)
    monkeypatch.setattr(fragments, "CHUNK", 2)
    told = Recorded()
    build_project([PAPERS], tmp_path / "out", steps=told, jobs=2)
    documents = len(list(PAPERS.iterdir()))
    assert told.steps[0] == ["making the graph", documents, documents]


def test_with_entailments_the_page_is_drawn_after_the_store(tmp_path):
    """With --infer the page is projected from the store (its entailments add types): its
    step comes once the store is loaded, and only then."""
    told = Recorded()
    build_project([PAPERS], tmp_path / "out", steps=told, infer=True)
    assert [s[0] for s in told.steps] == ["making the graph", "checking the shapes", "loading the store",
                                          "drawing the page", "writing the outputs", "tidying the cache"]
