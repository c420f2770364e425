"""Atomic file and folder replacement: a temporary copy in the same folder, then a rename."""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

#: The suffix of the temporary file :func:`write_chunks` writes before its rename; the
#: full name is ``.<final name>.<random>.tmp``, in the final file's folder.
TMP_SUFFIX = ".tmp"


def write_text(path: str | Path, text: str, *, sync: bool = True) -> Path:
    """Write ``text`` as UTF-8 to ``path`` so that readers see the old or the new file,
    never a half-written one. Returns the path.

    ``sync=False`` skips the ``fsync``: for caches, whose readers check what they read,
    a file lost in a power cut is only work to redo, and thousands of syncs are slow."""
    return write_chunks(path, [text], sync=sync)


def write_chunks(path: str | Path, chunks: Iterable[str | bytes], *, sync: bool = True) -> Path:
    """Like :func:`write_text`, for text given in pieces (``str`` as UTF-8, ``bytes`` as
    they are), so a file larger than memory can be written atomically. Returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            fh.flush()
            if sync:
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def remove_unfinished(folder: str | Path) -> list[Path]:
    """Delete the temporary files that :func:`write_chunks` left in ``folder`` when its
    process was killed between writing and renaming (``.<name>.<random>.tmp``).

    Only call it when no other process writes into ``folder`` (a build at its start,
    :func:`graph.project.build_project`): a live writer's temporary file looks the same.
    Subfolders are not searched.

    Args:
        folder: the folder (need not exist).

    Returns:
        The files deleted, sorted.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    gone = sorted(p for p in folder.glob(f".*{TMP_SUFFIX}") if p.is_file())
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def old_copy(path: str | Path) -> Path:
    """Where :func:`replace_dir` keeps the previous folder during a swap: ``<path>.old``."""
    path = Path(path)
    return path.with_name(path.name + ".old")


def replace_dir(new: str | Path, path: str | Path) -> Path:
    """Put the complete folder ``new`` in place of the folder ``path``.

    A folder cannot be renamed over a non-empty one, so the previous folder first moves
    aside to :func:`old_copy` and is removed once ``new`` is in place. Between the two
    renames ``path`` does not exist: a reader then falls back to the aside copy (see
    :func:`graph.store.open_graph`), and calling this again with the same arguments
    finishes an interrupted swap (``new`` still there, ``path`` missing).

    Returns:
        ``path``.

    Raises:
        OSError: a rename failed (a process holds the folder, the disk is read-only).
    """
    new, path = Path(new), Path(path)
    old = old_copy(path)
    if path.exists():
        if old.exists():
            shutil.rmtree(old)  # left by an earlier swap that completed
        path.rename(old)
    new.rename(path)
    shutil.rmtree(old, ignore_errors=True)
    return path
