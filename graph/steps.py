"""What a build tells the person waiting for it after the papers are read: the step it is
in and, for the long one, how far along it is. ``minekg build`` draws each step as a line
of its progress bar; at 10,000 papers the steps after extraction take over a minute
(README «Speed»: making the fragments 57 s, the store 8 s), which the bar, full once the
last paper was read, said nothing about.
"""
from __future__ import annotations

from typing import Protocol


class Steps(Protocol):
    """Receives a build's steps (:func:`graph.project.build_project`,
    :func:`graph.fragments.write_graph`), one after the other."""

    def begin(self, label: str, total: int | None = None) -> None:
        """A step begins (the one before it ended): ``label`` in English, lower case
        (``"making the graph"``); ``total``: the items it will :meth:`advance` by
        (fragments to make), ``None`` when it counts none."""

    def advance(self, n: int = 1) -> None:
        """``n`` more items of the current step are done."""


class NoSteps:
    """:class:`Steps` that shows nothing (a library call without ``steps``)."""

    def begin(self, label: str, total: int | None = None) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass


__all__ = ["NoSteps", "Steps"]
