"""The staging of a build's outputs (graph/commit.py) and the choice of the nodes the
page keeps (graph/network.py): the parts a one-paper rebuild was made faster in."""
from __future__ import annotations

import os
import random

import pytest


def test_the_nodes_kept_are_those_of_the_sort_by_degree_then_name():
    """``_highest`` keeps what sorting every node by (-degree, name) keeps, ties at the
    cut included (most nodes of a large graph share a degree of 1 or 2)."""
    from graph.network import _highest

    rng = random.Random(7)
    for _ in range(300):
        degree = {f"n{rng.randrange(10**6)}": rng.choice([0, 1, 1, 2, 2, 2, 3, 5, rng.randrange(50)])
                  for _ in range(rng.randrange(2, 200))}
        n = rng.randrange(1, len(degree) + 1)
        assert _highest(degree, n) == set(sorted(degree, key=lambda m: (-degree[m], m))[:n])


@pytest.mark.parametrize("max_nodes", [1, 2, 3, 4, 5, 100])
def test_the_trimmed_graph_takes_the_rows_the_whole_graph_takes(max_nodes):
    """``from_rows_trimmed`` keeps the node values and the edge values ``from_rows`` keeps
    when rows repeat a node or an edge: an organisation's row over another kind's, else a
    node's last row; an adoption's first row; a finding's last row, placed where its first
    row comes; edges to a node without a row dropped."""
    from graph.network import from_rows, from_rows_trimmed
    from graph.viz import _trim

    nodes = [("o1", "organisation", "矿党委", "PartyCommittee"), ("o1", "practice", "甲", "safety"),
             ("o1", "organisation", "党委", "PartyCommittee"), ("p1", "practice", "乙", "safety"),
             ("p1", "practice", "乙", "political"), ("p1", "outcome", "丙", "safety"),
             ("x1", "outcome", "", "safety"), ("p2", "practice", "丁", "culture")]
    edges = [("o1", "p1", "adopts", "", "", "", "", ""), ("o1", "p1", "adopts", "b", "", "", "", ""),
             ("p1", "x1", "contributesTo", "一句话", "d1", "3", "条", "2024"),
             ("p1", "x1", "contributesTo", "一句话", "d1", "1", "条", "2023"),
             ("p1", "x1", "contributesTo", "一句话", "d0", "2", "条", "2022"),
             ("p1", "x1", "contributesTo", "另一句", "d1", "5", "", ""),
             ("p2", "p1", "partOf", "", "", "", "", ""), ("p2", "nowhere", "adopts", "", "", "", "", ""),
             ("o1", "p2", "adopts", "", "", "", "", "")]
    for rows in (nodes, list(reversed(nodes))):
        whole, note = _trim(from_rows(rows, edges), max_nodes)
        trimmed = from_rows_trimmed(rows, list(reversed(edges)), max_nodes)
        assert list(trimmed.nodes(data=True)) == list(whole.nodes(data=True))
        assert list(trimmed.edges(keys=True, data=True)) == list(whole.edges(keys=True, data=True))
        assert _trim(trimmed, max_nodes)[1] == note


@pytest.mark.parametrize("triples", [
    [("_:b1", "<p>", '"z"'), ("_:b12", "<p>", '"a"'), ("<a>", "<p>", '"b c"'), ("<a>", "<p>", '"b"'),
     ("<a>", "<pq>", '"a"'), ("<a>", "<p>", '"b\x00c"'), ("<a>", "<p>", '"b\x00"'), ("<ab>", "<p>", '"a"')],
    # a NUL in a subject: the joined strings would not sort as the tuples
    [("<a\x00b>", "<p>", '"q"'), ("<a>", "<p\x00>", '"q"'), ("<a>", "<p>", '"q"'), ("<a>\x00", "<p>", '"q"')],
])
def test_triples_sort_as_tuples_sort(triples):
    """``sort_triples`` (the shared block of graph.ttl) gives the order of ``sorted``:
    a subject that begins another, objects that differ after a NUL."""
    from graph.turtle import sort_triples

    rng = random.Random(3)
    for _ in range(20):
        shuffled = triples[:]
        rng.shuffle(shuffled)
        assert sort_triples(shuffled) == sorted(triples)


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_a_staged_file_is_on_disk_before_anything_is_renamed(tmp_path, monkeypatch):
    """The fsync of a staged file runs while the build goes on; an fsync that fails
    fails the commit, before any output is renamed into place (the previous stays)."""
    from graph.commit import JOURNAL, Staging

    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("previous", encoding="utf-8")
    real = os.fsync
    synced: list[int] = []

    def failing(fd: int) -> None:  # the disk refuses the graph only (an injected fault)
        if os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp") and b"new graph" in os.pread(fd, 9, 0):
            raise OSError(5, "Input/output error")
        synced.append(fd)
        real(fd)

    before = _open_fds()
    monkeypatch.setattr(os, "fsync", failing)
    staging = Staging(out)
    staging.write_chunks("report.json", ["{}"])
    staged = staging.write_chunks("graph.ttl", ["new graph"])  # returns: the fsync runs aside
    assert staged.read_text(encoding="utf-8") == "new graph"
    with pytest.raises(OSError, match="Input/output"):
        staging.commit()
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "previous"
    assert not (out / "report.json").exists() and not (out / JOURNAL).exists()
    assert synced  # the other file was synced
    assert _open_fds() == before  # every descriptor handed to a sync was closed
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl"]  # the staged files went

    monkeypatch.setattr(os, "fsync", real)
    staging = Staging(out)
    staging.write_chunks("graph.ttl", ["new graph"])
    staging.commit()
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "new graph"
    assert _open_fds() == before


@pytest.mark.parametrize("in_child", [False, True, "no interpreter"])
def test_a_file_written_in_the_background_is_the_file_written_in_place(tmp_path, monkeypatch, in_child):
    """``write_chunks(background=True)`` writes the same bytes (text, bytes, a whole file
    and a range of one, copied by the kernel) as the write in place, by the commit — in a
    thread, or in a process of its own (many ranges: ``CHILD_RANGES``), or in the thread
    when there is no interpreter to start (``sys.executable`` empty, as when embedded)."""
    import sys

    import graph.commit
    from graph.commit import FileRange, Staging

    if in_child:
        monkeypatch.setattr(graph.commit, "CHILD_RANGES", 0)
    if in_child == "no interpreter":
        monkeypatch.setattr(sys, "executable", "")

    src = tmp_path / "block.ttl"
    src.write_bytes("前言\n".encode("utf-8") * 50_000)
    chunks = ["头 ", b"bytes ", src, FileRange(src, 7, 1_000), "尾\n"]
    out = tmp_path / "out"
    staging = Staging(out)
    staging.write_chunks("a.ttl", iter(chunks))
    staging.write_chunks("b.ttl", iter(chunks), background=True)
    staging.commit()
    assert (out / "b.ttl").read_bytes() == (out / "a.ttl").read_bytes()
    assert len((out / "a.ttl").read_bytes()) > src.stat().st_size


def test_a_staged_file_is_handed_to_the_disk_in_steps_as_it_is_written(tmp_path, monkeypatch):
    """``_write`` asks the kernel to start writing back (``posix_fadvise``) every
    ``WRITEBACK_STEP`` bytes: the
    ranges follow each other from the file's start without a gap, each reaches what was
    written by then (text, bytes, a whole file and a range of one copied by the kernel),
    and the file holds the bytes it held without the requests."""
    import graph.commit as gc

    src = tmp_path / "block.ttl"
    src.write_bytes("前言\n".encode("utf-8") * 50_000)
    chunks = ["头 ", b"bytes ", src, gc.FileRange(src, 7, 1_000), "尾\n" * 300, src]
    plain = tmp_path / "plain.ttl"
    with open(plain, "wb") as fh:
        gc._write(fh, chunks)
    calls = []
    real = os.posix_fadvise

    def record(fd, offset, size, advice):
        calls.append((offset, size, os.fstat(fd).st_size))
        return real(fd, offset, size, advice)

    monkeypatch.setattr(gc, "WRITEBACK_STEP", 1_000)
    monkeypatch.setattr(os, "posix_fadvise", record)
    stepped = tmp_path / "stepped.ttl"
    with open(stepped, "wb") as fh:
        gc._write(fh, chunks)
    assert stepped.read_bytes() == plain.read_bytes()
    assert len(calls) >= 4
    assert calls[0][0] == 0
    for (offset, size, on_disk), (following, _, _) in zip(calls, calls[1:]):
        assert following == offset + size and size >= 1_000
    assert all(offset + size <= on_disk for offset, size, on_disk in calls)
    assert calls[-1][0] + calls[-1][1] > plain.stat().st_size - 1_000


@pytest.mark.parametrize("in_child", [False, True])
def test_a_background_write_that_fails_fails_the_commit(tmp_path, monkeypatch, in_child):
    """A piece that cannot be copied (a file shorter than its range: a cache entry changed
    under the build) fails the commit with the reason, in a thread or in a process of its
    own, and the previous output stays."""
    import graph.commit
    from graph.commit import FileRange, Staging

    if in_child:
        monkeypatch.setattr(graph.commit, "CHILD_RANGES", 0)

    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("previous", encoding="utf-8")
    src = tmp_path / "short.ttl"
    src.write_bytes(b"12345")
    before = _open_fds()
    staging = Staging(out)
    staging.write_chunks("report.json", ["{}"])
    staging.write_chunks("graph.ttl", ["new ", FileRange(src, 0, 50)], background=True)
    with pytest.raises(OSError, match="short.ttl: 45 bytes fewer"):
        staging.commit()
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl"]
    assert _open_fds() == before


def test_a_staged_file_takes_what_it_shares_with_the_output_in_place_from_it(tmp_path):
    """With layouts kept, the pieces of a staged file that the output in place holds (same
    source file, offset and size) are copied from that output, in joined ranges, and the
    file is the same bytes as one written from the sources; an output changed since its
    layout was written (edited by hand, here) is not copied from."""
    from graph.commit import FileRange, Staging

    sources = tmp_path / "cache"
    sources.mkdir()
    a, b, c = (sources / f"{n}.json" for n in "abc")
    a.write_bytes("甲乙丙\n".encode("utf-8") * 1_000)
    b.write_bytes("丁戊\n".encode("utf-8") * 2_000)
    c.write_bytes("己庚辛壬\n".encode("utf-8") * 500)
    out = tmp_path / "out"

    def stage(chunks):
        staging = Staging(out, layouts=sources)
        staging.write_chunks("extractions.jsonl", iter(chunks), background=True)
        staging.commit()
        expected = b"".join(ch if isinstance(ch, bytes) else ch.path.read_bytes()[ch.offset:ch.offset + ch.size]
                            for ch in chunks)
        assert (out / "extractions.jsonl").read_bytes() == expected
        return staging.reused["extractions.jsonl"]

    ra, rb, rc = FileRange(a, 12, 900), FileRange(b, 0, b.stat().st_size), FileRange(c, 30, 4_000)
    assert stage([b"head\n", ra, rb, b"middle\n", rc]) == 0  # nothing in place yet
    assert (sources / "extractions.jsonl.layout").exists()
    # a new piece between two kept ones, and one piece moved: every kept piece is taken
    assert stage([b"head\n", ra, b"new\n", rb, rc, b"tail\n"]) == ra.size + rb.size + rc.size

    from graph.commit import _read_layout, plan

    layout = _read_layout(sources / "extractions.jsonl.layout")
    pieces, _, reused = plan([ra, rb, rc, b"x"], out / "extractions.jsonl", layout)
    # in place: head, ra, new, rb, rc, tail; rb and rc lie one after the other: one range
    at_rb = len(b"head\n") + ra.size + len(b"new\n")
    assert pieces == [FileRange(out / "extractions.jsonl", len(b"head\n"), ra.size),
                      FileRange(out / "extractions.jsonl", at_rb, rb.size + rc.size), b"x"]
    assert reused == ra.size + rb.size + rc.size

    edited = out / "extractions.jsonl"
    data = bytearray(edited.read_bytes())
    data[len(b"head\n")] ^= 1
    edited.write_bytes(bytes(data))
    assert stage([b"head\n", ra, rb, rc]) == 0
    assert stage([b"head\n", ra, rb, rc]) == ra.size + rb.size + rc.size
    # sources of another format (a cache entry of an older layout is written again under
    # its name with other bytes): a layout of another context is not used
    layout = _read_layout(sources / "extractions.jsonl.layout")
    assert plan([ra, rb, rc], out / "extractions.jsonl", layout, context="entries of another format")[2] == 0
