"""Atomic file writes: a temporary file in the same folder, then ``os.replace``."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


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
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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
