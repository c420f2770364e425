"""Seconds per stage of a build, for the benchmarks (``benchmarks/bench.py``)."""
from __future__ import annotations

import time


#: Prefix of the key under which a stage's CPU seconds (this process) are added.
CPU = "cpu: "


class Laps:
    """A stopwatch that adds the time since its last lap to a named stage: wall seconds
    under ``stage``, CPU seconds of this process under ``"cpu: " + stage`` (on a shared
    machine the two differ: the CPU seconds are the stage's own work).

    Args:
        into: the dict to add to (stage name → seconds); ``None``: measure nothing.
    """

    def __init__(self, into: dict[str, float] | None):
        self.into = into
        self.last = time.perf_counter()
        self.last_cpu = time.process_time()

    def __call__(self, stage: str) -> None:
        """End the current lap and count it to ``stage``."""
        now, cpu = time.perf_counter(), time.process_time()
        if self.into is not None:
            self.into[stage] = self.into.get(stage, 0.0) + now - self.last
            self.into[CPU + stage] = self.into.get(CPU + stage, 0.0) + cpu - self.last_cpu
        self.last, self.last_cpu = now, cpu


__all__ = ["CPU", "Laps"]
