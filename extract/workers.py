"""What every worker process a build forks does first: arrange to end with the build.

A ``ProcessPoolExecutor`` worker started by ``fork`` inherits the write end of its own
task queue's pipe, so when the build's process is killed (``kill -9``, the kernel's
out-of-memory killer) the worker never reads an end of file and waits for good: measured,
both extraction workers of a build of 80 papers killed with ``kill -9`` were still alive,
idle, ten minutes later (at 10,000 papers a worker holds about a gigabyte).
"""
from __future__ import annotations

import ctypes
import os
import signal

from .signals import ignore_stops

#: ``PR_SET_PDEATHSIG`` of ``<linux/prctl.h>``.
PR_SET_PDEATHSIG = 1


def die_with(parent: int) -> None:
    """Have Linux send this process ``SIGKILL`` when the thread that forked it ends
    (``prctl(PR_SET_PDEATHSIG)``, prctl(2)); where there is no ``prctl`` (not Linux),
    nothing. First, ignore the stop signals (:func:`extract.signals.ignore_stops`): the
    build's process, told to stop, ends its workers. Meant as the ``initializer`` of a pool
    whose start method is ``fork``, with the forking process's id (under another start
    method the worker's parent is not the build).

    Args:
        parent: the process id of the build that forks the worker; when the worker's
            parent is already another (the build ended before the request), it exits now.
    """
    ignore_stops()
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)
