"""Counts the build derives from the graph's statements for the named queries.

A named query that ranks or counts over every statement of a kind reads every one of
them: at 10,000 papers ``orgs_by_practices`` and ``shared_practices`` read the 139,334
``mkg:adopts`` triples with a label each (3.3 and 1.5 s on a compacted store, a shared
machine). The build already holds every ``mkg:adopts`` triple and every label in
memory (the shared and global triples of :mod:`graph.fragments`), so it states the
answers' counts on the nodes they describe, and the queries read one triple per node:

* ``mkg:adoptedPracticeCount`` on each organisation that adopts a practice: how many
  distinct practices it is reported to adopt;
* ``mkg:adopterCount`` and ``mkg:adopterNames`` on each practice some organisation
  adopts: how many distinct organisations adopt it, and their names (``skos:prefLabel``),
  distinct, in code-point order, joined by `` | ``.

They follow from the shared triples alone, which every build (a rebuild too) has
complete, so a changed paper changes them with no state of their own to keep; the
store update of :mod:`graph.fragments` treats them as shared triples.

``indicators_by_year`` read every outcome (104,000 at 10,000 papers, 6 s). Outcomes are
local to their document, so each document's part is worked out when its fragment is
made (:func:`indicator_part`, kept in the fragment cache like the practice summaries)
and the parts of every document are added up at each build (:func:`merge_indicators`,
:func:`indicator_triples`): one ``mkg:IndicatorSummary`` per indicator, outcome
category and year (or no year), with the outcomes counted and their distinct values.
"""
from __future__ import annotations

from collections.abc import Iterable

from decimal import Decimal

from .triples import A, LABEL, PREF, Triple, indicator_summary_iri, lit, m, uri

_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
#: The separator of ``mkg:adopterNames`` (that of the ``shared_practices`` query before).
NAME_SEPARATOR = " | "


def _literal_value(term: str) -> str:
    """The text of an N-Triples literal as :func:`graph.triples.lit` writes it."""
    body = term[1:term.rindex('"')]
    if "\\" not in body:
        return body
    out, i = [], 0
    escapes = {"\\": "\\", '"': '"', "n": "\n", "r": "\r"}
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            out.append(escapes.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def adoption_triples(shared: Iterable[Triple]) -> set[Triple]:
    """The adoption counts of organisations and practices.

    Args:
        shared: the shared and global triples of a graph (N-Triples terms): its
            ``mkg:adopts`` triples and the ``skos:prefLabel`` of each organisation.

    Returns:
        ``(org, mkg:adoptedPracticeCount, n)`` for every organisation with an
        ``mkg:adopts``; ``(practice, mkg:adopterCount, n)`` and
        ``(practice, mkg:adopterNames, "a | b")`` for every practice adopted. Counts are
        ``xsd:integer``; the names are plain strings. An adopter without a name adds to
        the count and not to the names (the shapes require one name each).
    """
    adopts = m("adopts")
    practices_of: dict[str, set[str]] = {}
    adopters_of: dict[str, set[str]] = {}
    names: dict[str, set[str]] = {}
    for s, p, o in shared:
        if p == adopts:
            practices_of.setdefault(s, set()).add(o)
            adopters_of.setdefault(o, set()).add(s)
        elif p == PREF:
            names.setdefault(s, set()).add(_literal_value(o))
    out: set[Triple] = set()
    count, adopter_count, adopter_names = m("adoptedPracticeCount"), m("adopterCount"), m("adopterNames")
    for org, practices in practices_of.items():
        out.add((org, count, lit(str(len(practices)), datatype=_XSD_INTEGER)))
    for practice, orgs in adopters_of.items():
        labels = sorted({n for org in orgs for n in names.get(org, ())})
        out.add((practice, adopter_count, lit(str(len(orgs)), datatype=_XSD_INTEGER)))
        out.add((practice, adopter_names, lit(NAME_SEPARATOR.join(labels))))
    return out


def canonical_decimal(lexical: str) -> str:
    """The XSD 1.1 canonical form of an ``xsd:decimal`` (``100.0`` → ``100``, ``0.50`` →
    ``0.5``): what Oxigraph's ``STR()`` gives for a stored decimal, since it keeps the
    value, not the text."""
    text = format(Decimal(lexical), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def indicator_part(local: Iterable[Triple], shared: Iterable[Triple],
                   indexed: dict[str, dict[str, list[str]]] | None = None) -> dict[str, dict]:
    """What one document's outcomes add to the indicator summaries.

    Args:
        local: the document's local triples (its outcomes: ``sosa:observedProperty``,
            ``mkg:category``, ``mkg:year``, ``mkg:value``, ``mkg:unit``).
        shared: its shared triples (the ``rdfs:label`` of each unit it uses).
        indexed: ``local`` sorted and indexed (:meth:`graph.checks.View.index_sorted`, as
            the build makes it for the Turtle block and the shapes): ``local`` is then
            not read, and a document's 185 subjects are looked at rather than its 970
            triples (the same part: a predicate's last object is the one a walk over the
            sorted triples keeps).

    Returns:
        ``"<indicator> <category> <year literal or ->"`` (N-Triples terms) →
        ``{"outcomes": n, "findings": n, "values": [...]}``: the document's outcomes of
        that indicator, category and year, the findings (``mkg:outcome``) that link a
        practice to one of them, and their distinct values as ``indicators_by_year``
        shows them (the decimal's canonical form followed by the unit's label), sorted.
    """
    observed, category, year = uri("http://www.w3.org/ns/sosa/observedProperty"), m("category"), m("year")
    value, unit = m("value"), m("unit")
    outcome = m("Outcome")
    per: dict[str, dict[str, str]] = {}
    kinds: set[str] = set()
    labels: dict[str, str] = {}
    for s, p, o in shared:
        if p == LABEL:
            labels[s] = _literal_value(o)
    findings: dict[str, int] = {}  # outcome node -> the findings that name it
    finding_of = m("outcome")
    if indexed is not None:
        wanted = (observed, category, year, value, unit)
        for s, props in indexed.items():
            types = props.get(A)
            if types is not None and outcome in types:
                kinds.add(s)
            got = None
            for p in wanted:
                objs = props.get(p)
                if objs:
                    if got is None:
                        got = per[s] = {}
                    got[p] = objs[-1]
            for o in props.get(finding_of, ()):
                findings[o] = findings.get(o, 0) + 1
        local = ()
    for s, p, o in local:
        if p == A:
            if o == outcome:
                kinds.add(s)
        elif p in (observed, category, year, value, unit):
            per.setdefault(s, {})[p] = o
        elif p == finding_of:
            findings[o] = findings.get(o, 0) + 1
    out: dict[str, dict] = {}
    for node in sorted(kinds):
        props = per.get(node, {})
        if observed not in props or category not in props:
            continue
        key = f"{props[observed]} {props[category]} {props.get(year, '-')}"
        acc = out.setdefault(key, {"outcomes": 0, "findings": 0, "values": set()})
        acc["outcomes"] += 1
        acc["findings"] += findings.get(node, 0)
        if value in props:
            shown = canonical_decimal(_literal_value(props[value]))
            acc["values"].add(shown + labels.get(props.get(unit, ""), ""))
    return {k: {"outcomes": v["outcomes"], "findings": v["findings"], "values": sorted(v["values"])}
            for k, v in out.items()}


def merge_indicators(parts: Iterable[dict[str, dict]]) -> dict[str, dict]:
    """The :func:`indicator_part` of every document, added up: per key the outcomes and
    findings (totals) and the values (the union)."""
    out: dict[str, dict] = {}
    for part in parts:
        for key, v in part.items():
            acc = out.setdefault(key, {"outcomes": 0, "findings": 0, "values": set()})
            acc["outcomes"] += v["outcomes"]
            acc["findings"] += v["findings"]
            acc["values"].update(v["values"])
    return out


def indicator_triples(merged: dict[str, dict]) -> set[Triple]:
    """One ``mkg:IndicatorSummary`` per indicator, outcome category and year.

    Args:
        merged: :func:`merge_indicators` of every document.

    Returns:
        Per summary node (``id/indicator-summary/…``,
        :func:`graph.triples.indicator_summary_iri`, which each outcome names by
        ``mkg:countedIn``): ``mkg:indicator``, ``mkg:outcomeCategory``, ``mkg:forYear``
        (``xsd:gYear``; none for the outcomes that give no year), ``mkg:outcomeCount`` and
        ``mkg:findingCount`` (``xsd:integer``: the findings that link a practice to its
        outcomes, what the named query ``mechanisms`` needs to pick the newest) and, when some
        outcome gives a value, ``mkg:reportedValues``: the distinct values (``5万吨``)
        in code-point order joined by `` | ``, as the named query ``indicators_by_year``
        lists them.
    """
    out: set[Triple] = set()
    for key, acc in merged.items():
        indicator, category, year = key.split(" ", 2)
        node = indicator_summary_iri(indicator, category, None if year == "-" else year)
        out.update([(node, A, m("IndicatorSummary")), (node, m("indicator"), indicator),
                    (node, m("outcomeCategory"), category),
                    (node, m("outcomeCount"), lit(str(acc["outcomes"]), datatype=_XSD_INTEGER)),
                    (node, m("findingCount"), lit(str(acc["findings"]), datatype=_XSD_INTEGER))])
        if year != "-":
            out.add((node, m("forYear"), year))
        if acc["values"]:
            out.add((node, m("reportedValues"), lit(NAME_SEPARATOR.join(sorted(acc["values"])))))
    return out


__all__ = ["NAME_SEPARATOR", "adoption_triples", "canonical_decimal", "indicator_part", "indicator_triples",
           "merge_indicators"]
