"""Domain exceptions of the extraction stages; each message says what to do."""
from __future__ import annotations

from pathlib import Path


class MinekgError(Exception):
    """Base class of every error minekg raises on purpose."""


class IngestError(MinekgError):
    """A file could not be read as a document.

    Args:
        path: the file.
        reason: why, and what the user can do about it.
    """

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class GoldError(MinekgError):
    """A gold annotation file breaks the schema of GUIDELINES.md."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
