"""The schema of a gold annotation file (GUIDELINES.md «File format»), checked with pydantic.

:func:`check_gold` says, for a file that breaks it, where and what in one line
(``practices[3].name: Field required``) instead of letting the scorer fail on it later
with a ``KeyError``. Only what scoring reads is required; other keys are allowed.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, StrictStr, ValidationError

from .errors import GoldError


class _Item(BaseModel):
    model_config = ConfigDict(extra="allow")


class GoldOrganisation(_Item):
    """``organisations[]``: a name, its aliases."""

    name: StrictStr
    aliases: list[StrictStr] = []
    type: StrictStr | None = None
    parent: StrictStr | None = None


class GoldPractice(_Item):
    """``practices[]``: a name, its aliases."""

    name: StrictStr
    aliases: list[StrictStr] = []
    modality: StrictStr | None = None
    adopted_by: list[StrictStr] = []
    part_of: StrictStr | None = None
    domain: StrictStr | None = None


class GoldOutcome(_Item):
    """``outcomes[]``: the text as written, the measured indicator and value."""

    text: StrictStr
    indicator: StrictStr | None = None
    value: float | None = None
    unit: StrictStr | None = None
    direction: StrictStr | None = None
    year: int | None = None
    category: StrictStr | None = None
    org: StrictStr | None = None


class GoldLink(_Item):
    """``links[]``: a practice name and an outcome text of the same file."""

    practice: StrictStr
    outcome: StrictStr
    org: StrictStr | None = None
    evidence: StrictStr | None = None


class GoldFile(_Item):
    """One gold file: one article of one source document."""

    doc: StrictStr
    organisations: list[GoldOrganisation]
    practices: list[GoldPractice]
    outcomes: list[GoldOutcome]
    links: list[GoldLink]


def check_gold(data: Any, path: str | Path) -> None:
    """Check a parsed gold file against :class:`GoldFile`.

    Args:
        data: the file's parsed JSON.
        path: the file, for the message.

    Raises:
        GoldError: the first place the file breaks the schema and why, e.g.
            ``schema error at «practices[3].name»: Field required (see GUIDELINES.md)``.
    """
    try:
        GoldFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"]).lstrip(".")
        msg = err["msg"].split(" or instance of ")[0]  # not the model class: the file's words
        raise GoldError(path, f"schema error at «{where or 'the top level'}»: {msg} "
                              "(see GUIDELINES.md)") from None
