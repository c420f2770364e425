"""Score extractions against gold annotations (``minekg evaluate``).

Implements «Scoring» of GUIDELINES.md: names match after normalisation (NFKC; quotes,
brackets, spaces and punctuation removed) when equal, when one contains the other and
the shorter is at least half the longer, or when their fuzzy ratio (rapidfuzz) is 85 or
more. An outcome matches when its indicator and value match, or its text matches as a
name. A link matches when both ends match (the practice end by the gold entry's name or
aliases, as a practice does). Matching is one-to-one (greedy, best first)
within a source document: the articles of a page are pooled, since a page's article
boundaries are themselves an extraction result.

Units scored: organisations, practices, outcomes, links, safety links (links whose gold
or extracted outcome category is safety) and safety practices (the distinct practices of
safety links: the answer to «which mechanisms link to safety results»).
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import GoldError
from .gold_schema import check_gold
from .ingest import normalise_name
from .matching import FUZZY_THRESHOLD, names_match  # noqa: F401 (the scorer's rule, re-exported)
from .records import read_jsonl

UNITS = ("organisations", "practices", "outcomes", "links", "safety_links", "safety_practices")


def _value_eq(a, b) -> bool:
    if a is None or b is None:
        return False
    try:
        return abs(float(a) - float(b)) < 1e-9
    except (TypeError, ValueError):
        return False


def outcomes_match(gold: dict, found: dict) -> bool:
    """Indicator and value match, or the texts match as names."""
    if _value_eq(gold.get("value"), found.get("value")) and names_match(
            gold.get("indicator") or "", found.get("indicator") or ""):
        return True
    return names_match(gold.get("text") or "", found.get("text") or "")


def org_match(gold: dict, found: dict) -> bool:
    """An organisation matches by its name or any alias on either side."""
    g = [gold["name"], *gold.get("aliases", [])]
    f = [found["name"], *found.get("aliases", [])]
    return names_match(gold["name"], found["name"]) or any(
        normalise_name(a) == normalise_name(b) for a in g for b in f)


def practice_match(gold: dict, found: dict) -> bool:
    """A practice matches by its name, or by an alias of the gold entry."""
    return any(names_match(n, found["name"]) for n in [gold["name"], *gold.get("aliases", [])])


@dataclass
class Score:
    """Counts and figures of one unit.

    Attributes:
        tp: matched pairs; ``gold``: gold items; ``found``: extracted items.
        misses: gold items not found; ``false``: extracted items not in the gold.
    """

    tp: int = 0
    gold: int = 0
    found: int = 0
    misses: list = field(default_factory=list)
    false: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    """The scores of every unit, per unit name in :data:`UNITS`."""

    scores: dict[str, Score]

    def figures(self) -> dict[str, dict[str, float]]:
        """``{unit: {precision, recall, f1, tp, gold, found}}`` rounded to 3 places."""
        return {u: {"precision": round(s.precision, 3), "recall": round(s.recall, 3),
                    "f1": round(s.f1, 3), "tp": s.tp, "gold": s.gold, "found": s.found}
                for u, s in self.scores.items()}

    def errors(self) -> dict[str, dict[str, list]]:
        """``{unit: {"misses": [...], "false": [...]}}``, each item ``[doc, description,
        sentence]``: the sentence of the text where the item stands (the extracted evidence
        for a false find; for a miss, the gold evidence or the first sentence of the
        extracted text that contains the name; ``""`` when the text does not contain it)."""
        return {u: {"misses": s.misses, "false": s.false} for u, s in self.scores.items()}

    def to_json(self, with_errors: bool = False) -> str:
        data = {"figures": self.figures()}
        if with_errors:
            data["errors"] = self.errors()
        return json.dumps(data, ensure_ascii=False, indent=2)


def load_gold(gold_dir: str | Path) -> dict[str, list[dict]]:
    """Read the gold files of a folder (recursively), grouped by ``doc``.

    Raises:
        GoldError: the folder has no gold file, or a file is not valid JSON or breaks
            the schema (:mod:`extract.gold_schema`; the message names the file, the
            place and the reason). One bad file stops the evaluation: figures over
            part of the gold would pass for figures over all of it.
    """
    files = sorted(Path(gold_dir).rglob("*.json"))
    if not files:
        raise GoldError(gold_dir, "no gold .json files here; give the folder of the gold annotations")
    out: dict[str, list[dict]] = defaultdict(list)
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise GoldError(path, f"not a readable JSON file ({exc})") from exc
        check_gold(data, path)
        out[data["doc"]].append(data)
    return dict(out)


def _pool(items: list[dict], key: str) -> list[dict]:
    return [x for item in items for x in item.get(key, [])]


def _greedy(gold: list[dict], found: list[dict], match, show) -> tuple[int, list[int], list[int]]:
    """One-to-one matching, exact names first, then the GUIDELINES.md rule.

    Returns:
        ``(tp, unmatched gold indices, unmatched found indices)``.
    """
    used_f: set[int] = set()
    matched_g: set[int] = set()
    exact = lambda g, f: normalise_name(show(g)) == normalise_name(show(f))
    for rule in (exact, match):
        for gi, g in enumerate(gold):
            if gi in matched_g:
                continue
            hit = next((fi for fi, f in enumerate(found) if fi not in used_f and rule(g, f)), None)
            if hit is not None:
                used_f.add(hit)
                matched_g.add(gi)
    return (len(matched_g), [i for i in range(len(gold)) if i not in matched_g],
            [i for i in range(len(found)) if i not in used_f])


def evaluate(gold_dir: str | Path, extractions: str | Path) -> Evaluation:
    """Score ``extractions.jsonl`` against the gold folder.

    Args:
        gold_dir: folder of gold JSON files (GUIDELINES.md format).
        extractions: the ``extractions.jsonl`` written by ``minekg build``.

    Returns:
        The :class:`Evaluation`. A record answers for its ``doc`` and for every name
        in its ``sources``. Documents of the gold that have no extraction count as all
        misses; extracted documents without gold are not scored.

    Raises:
        GoldError: a gold file breaks the schema.
        FileNotFoundError: ``extractions`` does not exist.
    """
    gold = load_gold(gold_dir)
    records = read_jsonl(extractions)
    found_by_doc: dict[str, list[dict]] = defaultdict(list)
    texts: dict[str, list[str]] = defaultdict(list)
    for rec in records:
        # A paper read under several names (extract/duplicates.py) is one record whose
        # ``sources`` lists them all: a gold file may use any of those names.
        for name in dict.fromkeys([rec.doc, *rec.sources]):
            found_by_doc[name].append(asdict(rec))
            texts[name].append(rec.text)
    scores = {u: Score() for u in UNITS}
    for doc, gold_items in sorted(gold.items()):
        found_items = found_by_doc.get(doc, [])
        g_out, f_out = _pool(gold_items, "outcomes"), _pool(found_items, "outcomes")
        pairs = {
            "organisations": (_pool(gold_items, "organisations"), _pool(found_items, "organisations"),
                              org_match, lambda x: x["name"]),
            "practices": (_pool(gold_items, "practices"), _pool(found_items, "practices"),
                          practice_match, lambda x: x["name"]),
            "outcomes": (g_out, f_out, outcomes_match, lambda x: x["text"]),
        }
        g_links = _with_practice(_with_category(_pool(gold_items, "links"), g_out), _pool(gold_items, "practices"))
        f_links = _with_category(_pool(found_items, "links"), f_out)
        # Each end matches as its unit does: the practice by the gold entry's name or aliases,
        # the outcome by its indicator and value or its text.
        link_match = lambda g, f: practice_match(g["_practice"], {"name": f["practice"]}) and outcomes_match(
            g["_outcome"], f["_outcome"])
        pairs["links"] = (g_links, f_links, link_match, lambda x: f'{x["practice"]} → {x["outcome"]}')
        g_safe = [x for x in g_links if x["_outcome"].get("category") == "safety"]
        f_safe = [x for x in f_links if x["_outcome"].get("category") == "safety"]
        pairs["safety_links"] = (g_safe, f_safe, link_match, lambda x: f'{x["practice"]} → {x["outcome"]}')
        pairs["safety_practices"] = (_distinct_practices(g_safe), _distinct_practices(f_safe),
                                     practice_match, lambda x: x["name"])
        for unit, (g, f, match, show) in pairs.items():
            tp, miss, false = _greedy(g, f, match, show)
            s = scores[unit]
            s.tp += tp
            s.gold += len(g)
            s.found += len(f)
            s.misses += [[doc, show(g[i]), _where(g[i], texts[doc])] for i in miss]
            s.false += [[doc, show(f[i]), _where(f[i], texts[doc])] for i in false]
    return Evaluation(scores)


_SENTENCE_END = "。！？!?\n"


def _where(item: dict, texts: list[str]) -> str:
    """The sentence behind an item: its own evidence, else the first sentence of the
    texts that contains its name (quotes tried as written, then without)."""
    own = item.get("sentence") or item.get("evidence")
    if own:
        return own.strip()
    name = item.get("name") or item.get("text") or item.get("practice") or ""
    for needle in dict.fromkeys([name, name.strip("“”\"'「」")]):
        for text in texts:
            at = text.find(needle) if needle else -1
            if at >= 0:
                start = max(text.rfind(c, 0, at) for c in _SENTENCE_END) + 1
                ends = [e for e in (text.find(c, at + len(needle)) for c in _SENTENCE_END) if e >= 0]
                return text[start:min(ends) + 1 if ends else len(text)].strip()
    return ""


def _with_category(links: list[dict], outcomes: list[dict]) -> list[dict]:
    by_text = {o["text"]: o for o in outcomes}
    out = []
    for link in links:
        o = by_text.get(link["outcome"]) or {"text": link["outcome"], "indicator": "", "value": None}
        out.append({**link, "_outcome": o})
    return out


def _with_practice(links: list[dict], practices: list[dict]) -> list[dict]:
    """Each gold link with ``_practice``: the practice entry it names (GUIDELINES.md:
    ``links[].practice`` repeats a ``practices[].name``), whose aliases name it too."""
    by_name = {p["name"]: p for p in practices}
    return [{**link, "_practice": by_name.get(link["practice"]) or {"name": link["practice"]}} for link in links]


def _distinct_practices(links: list[dict]) -> list[dict]:
    seen, out = set(), []
    for link in links:
        key = normalise_name(link["practice"])
        if key not in seen:
            seen.add(key)
            out.append(link.get("_practice") or {"name": link["practice"]})
    return out
