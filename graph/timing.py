"""Seconds per stage of a build, for the benchmarks (``benchmarks/bench.py``)."""
from __future__ import annotations

import time


class Laps:
    """A stopwatch that adds the time since its last lap to a named stage.

    Args:
        into: the dict to add to (stage name → seconds); ``None``: measure nothing.
    """

    def __init__(self, into: dict[str, float] | None):
        self.into = into
        self.last = time.perf_counter()

    def __call__(self, stage: str) -> None:
        """End the current lap and count it to ``stage``."""
        now = time.perf_counter()
        if self.into is not None:
            self.into[stage] = self.into.get(stage, 0.0) + now - self.last
        self.last = now


__all__ = ["Laps"]
