"""The domain lexicons: tab-separated data files shipped in ``extract/lexicons/``.

Each file says in its header comment what it holds and where its entries come from.
The extractor reads them through :func:`load_lexicons`; nothing of the lexicons lives
in code, so a user can extend them for their own corpus (``--lexicons DIR``).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).parent / "lexicons"
FILES = ("practices.tsv", "practice_types.tsv", "org_suffixes.tsv", "known_orgs.tsv",
         "mine_units.tsv", "indicators.tsv", "cues.tsv", "slogans.tsv", "domains.tsv")


# What Lexicons.category_of drops of an indicator and the list of fields it looks for,
# compiled once (it runs for every outcome).
_QUOTED_EXAMPLES_RE = re.compile(r"(?:[“\"][^”\"]*[”\"][、，,]?)+(?=等)")
_BEFORE_DENG_RE = re.compile(r"[^\s]*(?<![一二三特])等(?![级奖次])(?=[\u4e00-\u9fff])")
_FIELDS_RE = re.compile(r"在(?P<list>[^，,。；;]+、[^，,。；;]+?)等?(?:领域|方面)")


@dataclass(frozen=True)
class PracticeEntry:
    """A curated practice: canonical ``name``, ``aliases`` and ``domain``."""

    name: str
    aliases: tuple[str, ...]
    domain: str


@dataclass(frozen=True)
class Lexicons:
    """All lexicons, loaded.

    Attributes:
        practices: curated practices (practices.tsv).
        practice_types: type word → domain hint, longest first (practice_types.tsv).
        org_suffixes: suffix → organisation type, longest first (org_suffixes.tsv).
        known_orgs: name → (type, aliases) for enterprises named without a suffix.
        mine_units: work-area words that name teams and branches (mine_units.tsv).
        indicators: indicator head → category, longest first (indicators.tsv).
        cues: cue word → kind (cues.tsv); kinds: decrease, increase, level, result,
            target, recommend, refer, adopt.
        slogans: quoted formulas that are not practices (slogans.tsv).
        domains: keyword → practice domain, longest first (domains.tsv).
        digest: SHA-256 of the lexicon files; part of the extractor version.
    """

    practices: tuple[PracticeEntry, ...]
    practice_types: tuple[tuple[str, str], ...]
    org_suffixes: tuple[tuple[str, str], ...]
    known_orgs: dict[str, tuple[str, tuple[str, ...]]]
    mine_units: tuple[str, ...]
    indicators: tuple[tuple[str, str], ...]
    cues: dict[str, frozenset[str]] = field(default_factory=dict)
    slogans: frozenset[str] = frozenset()
    domains: tuple[tuple[str, str], ...] = ()
    digest: str = ""

    def cue_words(self, kind: str) -> tuple[str, ...]:
        """The cue words of one kind, longest first."""
        return tuple(sorted((w for w, kinds in self.cues.items() if kind in kinds),
                            key=len, reverse=True))

    @cached_property
    def _alias_map(self) -> dict[str, PracticeEntry]:
        from .ingest import normalise_name

        out: dict[str, PracticeEntry] = {}
        for entry in self.practices:
            for name in (entry.name, *entry.aliases):
                out.setdefault(normalise_name(name), entry)
        return out

    def practice_alias_map(self) -> dict[str, PracticeEntry]:
        """Every normalised name and alias of a curated practice → its entry."""
        return self._alias_map

    def domain_of(self, name: str, hint: str = "organisational") -> str:
        """The practice domain of a name: the lexicon entry's, else the longest keyword of
        domains.tsv found in it, else ``hint`` (the type word's)."""
        key = (name, hint)
        domain = self._domain_memo.get(key)
        if domain is None:
            domain = self._domain_memo[key] = self._domain_of(name, hint)
        return domain

    @cached_property
    def _domain_memo(self) -> dict[tuple[str, str], str]:
        # The same names come back in every article: the scan of domains.tsv was 1.4 %
        # of the extraction time (py-spy, 1,000 papers).
        return {}

    def _domain_of(self, name: str, hint: str) -> str:
        from .ingest import normalise_name

        entry = self.practice_alias_map().get(normalise_name(name))
        if entry:
            return entry.domain
        for word, domain in self.domains:
            if word in name:
                return domain
        return hint

    def category_of(self, indicator: str) -> str:
        """The outcome category of an indicator: its longest head in indicators.tsv.

        Returns ``"other"`` when no head occurs in it.
        """
        # 解决“高瓦斯区域抽采效率低”等技术难题: quoted examples before 等 do not
        # decide; the head noun after 等 does.
        # A quoted term that is the indicator itself decides (查处“三违”312人次).
        indicator = _QUOTED_EXAMPLES_RE.sub("", indicator)
        # (技术等级, 一等奖: 等 of a grade, no list)
        indicator = _BEFORE_DENG_RE.sub("", indicator)
        # 在安全生产、精益化管理、人才培养等领域实现突破: a result across several
        # fields of different categories belongs to none of them.
        fields = _FIELDS_RE.search(indicator)
        if fields:
            cats = {self.category_of(item) for item in fields["list"].split("、")}
            if len(cats) > 1:
                return "other"
        # 破碎顶板段的月进尺: the noun after the last 的 heads the phrase, what is before it
        # qualifies it (Chinese puts the head last), so it decides when it names a category.
        first = indicator.split(" ", 1)[0]
        if "的" in first:
            tail = first.rsplit("的", 1)[1]
            for head, category in self.indicators:
                if head in tail:
                    return category
        for head, category in self.indicators:
            if head in indicator:
                return category
        return "other"


def _rows(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([c.strip() for c in line.split("\t")])
    return rows


def _by_length(pairs):
    return tuple(sorted(pairs, key=lambda p: len(p[0]), reverse=True))


@lru_cache(maxsize=8)
def load_lexicons(directory: str | None = None) -> Lexicons:
    """Load the lexicons from ``directory`` (default: the shipped ``extract/lexicons``).

    Raises:
        FileNotFoundError: a lexicon file is missing from ``directory``.
    """
    base = Path(directory) if directory else LEXICON_DIR
    digest = hashlib.sha256()
    for name in FILES:
        digest.update((base / name).read_bytes())
    practices = tuple(
        PracticeEntry(r[0], tuple(a for a in (r[1].split("|") if len(r) > 1 else []) if a),
                      r[2] if len(r) > 2 else "organisational")
        for r in _rows(base / "practices.tsv"))
    known = {}
    for r in _rows(base / "known_orgs.tsv"):
        known[r[0]] = (r[1], tuple(a for a in (r[2].split("|") if len(r) > 2 else []) if a))
    cues: dict[str, set[str]] = {}
    for r in _rows(base / "cues.tsv"):
        cues.setdefault(r[0], set()).add(r[1])
    return Lexicons(
        practices=practices,
        practice_types=_by_length((r[0], r[1]) for r in _rows(base / "practice_types.tsv")),
        org_suffixes=_by_length((r[0], r[1]) for r in _rows(base / "org_suffixes.tsv")),
        known_orgs=known,
        mine_units=tuple(sorted((r[0] for r in _rows(base / "mine_units.tsv")), key=len, reverse=True)),
        indicators=_by_length((r[0], r[1]) for r in _rows(base / "indicators.tsv")),
        cues={k: frozenset(v) for k, v in cues.items()},
        slogans=frozenset(r[0] for r in _rows(base / "slogans.tsv")),
        domains=_by_length((r[0], r[1]) for r in _rows(base / "domains.tsv")),
        digest=digest.hexdigest(),
    )
