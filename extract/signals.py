"""Stop signals: how a long command ends when it is told to stop — Ctrl-C (SIGINT),
``kill`` or a service manager (SIGTERM), a closed terminal or SSH session (SIGHUP).

Python ends a process on SIGTERM and SIGHUP at once, without running ``finally`` blocks.
Measured (session 17): a 10,000-paper build sent SIGTERM in its graph stage exited with
status -15 and no message, and left 2.0 GB of staged outputs in its folder (``store.tmp``
1.4 GB, ``.extractions.jsonl.*.tmp`` 634 MB) until the next build removed them. Under
:func:`stop_on_signals` the first stop signal raises :class:`Stopped` in the main thread: a
``KeyboardInterrupt``, so the clean-up that Ctrl-C already ran (staged outputs removed,
workers and threads ended, the folder's lock let go) runs for ``kill`` too.

A signal that the process was started with ignored (``nohup`` ignores SIGHUP, a shell
script's background job SIGINT) stays ignored.
"""
from __future__ import annotations

import _imp
import logging
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: The signals that ask a command to stop.
STOP_SIGNALS: tuple[signal.Signals, ...] = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

#: The signals received inside :func:`held_stops` (``None``: not inside one).
_held: list[int] | None = None
#: Whether a stop signal came under the outermost :func:`stop_on_signals`.
_stopping = False
#: How many :func:`stop_on_signals` are open (nested: ``minekg serve`` in the CLI's).
_depth = 0
#: Seconds after which a stop that came where it could not be raised is sent again.
AGAIN_S = 0.01


class Stopped(KeyboardInterrupt):
    """A stop signal arrived; raised in the main thread under :func:`stop_on_signals`.

    A ``KeyboardInterrupt`` (not an ``Exception``): code that skips a broken file with
    ``except Exception`` does not take a stop for a broken file.

    Attributes:
        signum: the signal's number (``signal.SIGTERM`` …).
        written: ``True`` when the stop came after the command had put its outputs in
            place (set by the code that put them there; ``minekg build`` says so).
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)  # the only argument: a pickled copy is made again from it
        self.signum = signum
        self.written = False

    @property
    def name(self) -> str:
        """The signal's name (``"SIGTERM"``); SIGINT is named for its key, ``"Ctrl-C"``."""
        sig = signal.Signals(self.signum)
        return "Ctrl-C" if sig == signal.SIGINT else sig.name

    def __str__(self) -> str:
        return f"stopped by {self.name}"


@contextmanager
def stop_on_signals(signals: tuple[int, ...] = STOP_SIGNALS) -> Iterator[None]:
    """Under this context manager the first of ``signals`` raises :class:`Stopped` in the
    main thread (at once, or at the end of a :func:`held_stops` block) and the next ones
    do nothing, so that the clean-up the first one starts runs whole (systemd may send
    SIGHUP right after SIGTERM). The previous handlers come back at its end.

    A signal ignored when it begins (``SIG_IGN``: ``nohup``'s SIGHUP) stays ignored.
    Outside the main thread (where Python cannot set handlers) it changes nothing.

    The next signals get a handler that does nothing rather than ``SIG_IGN``: a signal
    pending when its handler became ``SIG_IGN`` raised Python's "ignored due to race
    condition", and ``SIG_IGN`` would be inherited by the programs started meanwhile.
    """
    global _stopping, _depth
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    mine = [sig for sig in signals if signal.getsignal(sig) is not signal.SIG_IGN]

    def stop(signum, frame) -> None:
        global _stopping
        if _unsafe_to_raise(frame):
            threading.Timer(AGAIN_S, os.kill, (os.getpid(), signum)).start()
            return
        _stopping = True
        for sig in mine:
            signal.signal(sig, _do_nothing)
        if _held is not None:
            _held.append(signum)
            return
        raise Stopped(signum)

    previous = {sig: signal.signal(sig, stop) for sig in mine}
    outermost = _depth == 0
    _depth += 1
    try:
        yield
    finally:
        for sig, handler in previous.items():
            # a nested one gives back the outer handler only while no stop has come: the
            # outer clean-up must not be cut short by the next signal either
            signal.signal(sig, handler if outermost or not _stopping else _do_nothing)
        _depth -= 1
        if outermost:
            _stopping = False


@contextmanager
def held_stops() -> Iterator[None]:
    """Hold a stop signal that arrives inside this block until the block has ended, then
    raise its :class:`Stopped` (unless the block is raising already): for a few steps that
    must not be cut in two, such as the renames that put a build's outputs in place
    (:meth:`graph.commit.Staging.commit`). Meant for short blocks: the stop waits for it.

    Outside :func:`stop_on_signals` it changes nothing (Ctrl-C raises at once, as always).
    """
    global _held
    outer, _held = _held, []
    try:
        yield
    finally:
        got, _held = _held, outer
    if got:
        if outer is not None:
            outer.extend(got)  # an enclosing block holds it on
        else:
            raise Stopped(got[0])


@contextmanager
def exit_on_signals(signals: tuple[int, ...] = STOP_SIGNALS) -> Iterator[None]:
    """:func:`stop_on_signals`, with the stop ending the process with status 0
    (``SystemExit(0)``): for ``minekg serve``, which runs until it is stopped.

    By default SIGTERM ended ``minekg serve`` and left its oxigraph server running,
    holding the port (measured, session 16).
    """
    with stop_on_signals(signals):
        try:
            yield
        except Stopped:
            raise SystemExit(0) from None


def ignore_stops() -> None:
    """Ignore the stop signals in this process: what a worker forked by a build does first
    (:func:`extract.workers.die_with`). The build's process, told to stop, ends its workers
    (it cancels what they have not begun and waits for what they have; one that outlives
    it is killed by the kernel). A worker that died of a stop sent to the whole process
    group (a terminal's Ctrl-C, systemd's default) while it sent its result left the
    pool's thread reading half a message for good, and the build hung (review, session
    17: 1 stop in 27); each one also printed its own ``KeyboardInterrupt`` traceback.

    ``SIG_IGN`` is inherited by programs a worker runs; the workers run none.
    """
    for sig in STOP_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)


def _unsafe_to_raise(frame) -> bool:
    """Whether an exception raised now could leave a lock of Python's held or be lost.

    CPython runs a signal's handler between any two bytecodes, importlib's own included.
    Seen (session 17, a build stopped as its store's thread began): the stop was raised
    in the main thread between importlib's ``_imp.acquire_lock()`` and its ``try``; the
    global import lock stayed held, the store's thread waited for it for good (importing
    pyoxigraph), and the build hung in its clean-up, waiting for that thread. A module's
    own code, run by an import, is not importlib's: a stop there fails the import cleanly.
    Seen too (review, 1 stop in 45): raised in logging's lock helper that ``os.fork``
    calls after each worker's fork, where CPython prints an exception and goes on, the
    stop was lost and logging's lock stayed held.
    """
    if _imp.lock_held():
        return True
    if frame is None:
        return False
    code = frame.f_code
    return code.co_filename.startswith("<frozen importlib") or (
        code.co_filename == logging.__file__ and code.co_name in _LOGGING_LOCKS)


#: logging's lock helpers, which ``os.fork`` calls around each fork.
_LOGGING_LOCKS = frozenset({"_acquireLock", "_releaseLock", "_after_at_fork_child_reinit_locks"})


def _do_nothing(signum, frame) -> None:
    pass
