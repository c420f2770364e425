"""The output folder of a build: made, writable, and written by one build at a time.

Two builds into one folder would stage their outputs under the same temporary names
(``store.tmp`` …), delete each other's unfinished cache entries and roll back each other's
commits (:func:`graph.commit.recover`): measured, two ``minekg build`` of 100 papers started
a second apart into one folder both failed, with Oxigraph's "No such file or directory"
about a file of ``store.tmp`` the other build had removed. :func:`build_lock` makes the
second build stop at once with an error that says what to do; and a folder the build
cannot write to stops it before it reads a paper (it failed with a traceback of
``PermissionError`` on ``OUT/cache`` before). A writable SPARQL server holds the same lock
(:func:`graph.server.start_server`).
"""
from __future__ import annotations

import errno
import fcntl
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from extract.errors import MinekgError


#: The descriptors of the locks this process holds (:func:`build_lock`).
_HELD: set[int] = set()


def _close_in_child() -> None:
    # A forked child shares the lock with the build (flock belongs to the open file,
    # which fork shares): measured, the workers of a build killed with kill -9 kept it,
    # and every later build was refused. The child closes its copy; the build's stays.
    for fd in _HELD:
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()


os.register_at_fork(after_in_child=_close_in_child)


class FolderBusy(MinekgError):
    """Another build, or a writable server (:func:`graph.server.start_server`), is writing
    to the output folder."""


class FolderUnwritable(MinekgError):
    """The output folder cannot be made or written to."""


@contextmanager
def build_lock(folder: str | Path, option: str = "--out") -> Iterator[int]:
    """Make ``folder`` if it is missing and hold its build lock while the ``with`` block runs.

    The lock is an exclusive ``flock`` (BSD advisory lock) on the folder itself: no lock file
    is left among the outputs, and the kernel releases it when the holder exits, killed or
    not, so a killed build never leaves a stale lock; a process forked while it is held
    closes its copy (``os.register_at_fork``), so that no worker left behind keeps it.
    Readers (``minekg query`` …) do not take it; a writable server does, for as long as it
    runs (:func:`graph.server.start_server`). On a file system where ``flock`` fails
    (NFS emulates it with ``fcntl`` locks, which need a file open for writing: EBADF on a
    folder) the block runs unlocked, as before this lock existed.

    Args:
        folder: the output folder.
        option: the command-line option that chooses ``folder``, named in the errors.

    Yields:
        The descriptor that holds the lock (a child process given it holds it too).

    Raises:
        FolderBusy: another process holds the lock.
        FolderUnwritable: ``folder`` cannot be made, opened or written to.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise FolderUnwritable(f"{folder}: cannot make or open the output folder ({exc.strerror}); "
                               f"choose another folder ({option})") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FolderBusy(f"{folder}: another minekg build, or a writable `minekg serve`, is writing "
                             f"to this folder; wait for the build to end or stop the server, or choose "
                             f"another folder ({option})") from None
        except OSError as exc:
            if exc.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EBADF):
                raise
        _HELD.add(fd)
        try:
            with tempfile.TemporaryFile(dir=folder):
                pass
        except OSError as exc:
            raise FolderUnwritable(f"{folder}: cannot write to the output folder ({exc.strerror}); "
                                   f"choose another folder ({option})") from None
        yield fd
    finally:
        _HELD.discard(fd)
        os.close(fd)  # releases the lock
