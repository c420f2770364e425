"""The SHACL shapes of ``ontology/shapes.ttl`` checked fast, document by document.

pyshacl needs the graph in rdflib and takes about 30 µs a triple; a 10,000-paper graph
would take an hour. :class:`ShapeChecker` compiles the shapes into plain Python checks
over triples in N-Triples form and runs them on one document's triples at a time, with
the triples shared between documents alongside (:mod:`graph.fragments`). It implements
the part of SHACL Core the shapes use — targets ``sh:targetClass`` (with the
``rdfs:subClassOf`` closure of ``ontology/minekg.ttl``, as pyshacl with the ontology
graph), ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``, ``sh:targetNode``; node
constraints ``sh:class`` and ``sh:or``; property shapes on a predicate path with
``sh:minCount``, ``sh:maxCount``, ``sh:nodeKind``, ``sh:datatype``, ``sh:class``;
``sh:message`` and ``sh:severity`` — and raises :class:`Unsupported` for anything else,
so a new kind of shape falls back to pyshacl instead of passing unchecked. A test runs
both on broken graphs and compares the violations; ``minekg validate`` still runs
pyshacl on the whole store.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from .validate import SH, Violation, _ontology, _qname, _shapes

Triple = tuple[str, str, str]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_LANG_STRING = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>"
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_LABELS = ("<http://www.w3.org/2004/02/skos/core#prefLabel>", "<https://w3id.org/minekg/ontology#text>",
           "<http://www.w3.org/2000/01/rdf-schema#label>")
#: Lexical forms of the datatypes the build writes (XML Schema 1.1 Part 2).
_LEXICAL = {
    _XSD + "decimal": re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)\Z"),
    _XSD + "integer": re.compile(r"[+-]?\d+\Z"),
    _XSD + "nonNegativeInteger": re.compile(r"\+?\d+\Z|-0+\Z"),
    _XSD + "gYear": re.compile(r"-?\d{4,}(Z|[+-]\d{2}:\d{2})?\Z"),
}
_NODE_KINDS = {
    SH.IRI: ("<",), SH.Literal: ('"',), SH.BlankNode: ("_:",), SH.BlankNodeOrIRI: ("<", "_:"),
    SH.IRIOrLiteral: ("<", '"'), SH.BlankNodeOrLiteral: ("_:", '"'),
}
_IGNORED = {RDF.type, SH.name, SH.description, RDFS.comment, RDFS.label}
_NODE_KEYS = _IGNORED | {SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode,
                         SH.property, SH["class"], SH["or"], SH.message, SH.severity}
_PROPERTY_KEYS = _IGNORED | {SH.path, SH.minCount, SH.maxCount, SH.nodeKind, SH.datatype, SH["class"],
                             SH.message, SH.severity}
#: Predicates whose triples about a shared node (an organisation, a practice) are spread
#: over documents; a count over them needs the whole graph, so shapes on them go to pyshacl.
SPLIT_PREDICATES = {"<http://purl.org/dc/terms/source>", "<https://w3id.org/minekg/ontology#contributesTo>"}
#: Classes whose nodes are made for one document (their IRIs name it: graph/triples.py), so
#: every triple about them is in that document's fragment: a count over a split predicate
#: is exact on them (a document's dcterms:source, one per file it was read from).
DOCUMENT_CLASSES = {"<https://w3id.org/minekg/ontology#Document>", "<https://w3id.org/minekg/ontology#Article>"}


class Unsupported(Exception):
    """The shapes use a SHACL feature :class:`ShapeChecker` does not implement."""


def _nt(node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    raise Unsupported(f"{node!r} in a shape")


@dataclass
class _Property:
    path: str
    message: str | None
    severity: str
    min: int | None = None
    max: int | None = None
    kinds: tuple[str, ...] | None = None
    datatype: str | None = None
    classes: list[frozenset[str]] = field(default_factory=list)


@dataclass
class _Shape:
    message: str | None
    severity: str
    classes: set[str] = field(default_factory=set)
    subjects_of: set[str] = field(default_factory=set)
    objects_of: set[str] = field(default_factory=set)
    nodes: set[str] = field(default_factory=set)
    node_classes: list[frozenset[str]] = field(default_factory=list)
    properties: list[_Property] = field(default_factory=list)
    ors: list[list["_Shape | _Property"]] = field(default_factory=list)


class View:
    """Triples indexed by subject, over one or more layers (a document and the shared
    triples): a lookup sees every layer."""

    def __init__(self, *layers: dict[str, dict[str, list[str]]]):
        self.layers = layers

    @staticmethod
    def index(triples: Iterable[Triple]) -> dict[str, dict[str, list[str]]]:
        """An index ``subject → predicate → objects`` of triples (each object once, in the
        order first given)."""
        unique = isinstance(triples, (set, frozenset))
        idx: dict[str, dict[str, list[str]]] = {}
        for s, p, o in triples:
            idx.setdefault(s, {}).setdefault(p, []).append(o)
        if not unique:
            # Repeats dropped afterwards, not by a test of the list before each append: the
            # shared triples give some organisation thousands of mkg:adopts, and those tests
            # took 0.6 s of a one-paper rebuild at 10,000 papers (a set has no repeats).
            for props in idx.values():
                for p, objs in props.items():
                    if len(objs) > 1:
                        props[p] = list(dict.fromkeys(objs))
        return idx

    @staticmethod
    def index_sorted(triples: Sequence[Triple]) -> dict[str, dict[str, list[str]]]:
        """:meth:`index` of triples without repeats whose subjects, and each subject's
        predicates, come together (sorted triples: a fragment's, :class:`graph.triples.Fragment`):
        the same index, in the same order, made without a lookup per triple (:meth:`index`
        took a twentieth of the making of a fragment).

        Raises:
            ValueError: a subject, or a subject's predicate, comes back after another.
        """
        idx: dict[str, dict[str, list[str]]] = {}
        last_s = last_p = None
        props: dict[str, list[str]] = {}
        objs: list[str] = []
        for s, p, o in triples:
            if s != last_s:
                if s in idx:
                    raise ValueError(f"triples not sorted: {s} again")
                props = idx[s] = {}
                last_s, last_p = s, None
            if p != last_p:
                if p in props:
                    raise ValueError(f"triples not sorted: {s} {p} again")
                objs = props[p] = []
                last_p = p
            objs.append(o)
        return idx

    def is_a(self, node: str, classes: frozenset[str]) -> bool:
        """Whether ``node`` has a type among ``classes`` (the ``sh:class`` test)."""
        return any(t in classes for t in self.values(node, _TYPE))

    def values(self, node: str, path: str) -> list[str]:
        out: list[str] = []
        for layer in self.layers:
            got = layer.get(node)
            if got:
                vals = got.get(path)
                if vals:
                    out.extend(v for v in vals if v not in out)
        return out


@dataclass
class FragmentCheck:
    """What :meth:`ShapeChecker.check_fragment` leaves for :meth:`ShapeChecker.settle`.

    Attributes:
        broken: a target of the document breaks a shape whatever the other documents say.
        needs: ``(node, class set number)``: type tests passed for now; each holds if
            the corpus's shared triples give ``node`` a type of that set
            (:attr:`ShapeChecker.class_ids`).
        deferred: ``(shape number, focus)``: targets that are not the document's own
            nodes, to check against the corpus's shared triples.
        about: each deferred focus → predicate → objects, the document's triples about it.
        foreign: node → the types the document's local triples give it, for the nodes
            that are not its own.
    """

    broken: bool
    needs: list[tuple[str, int]]
    deferred: list[tuple[int, str]]
    about: dict[str, dict[str, list[str]]]
    foreign: dict[str, list[str]]


class _Pending(View):
    """A document's triples and its shared types, for :meth:`ShapeChecker.check_fragment`:
    a type test of a node that is not the document's own and is not typed here passes,
    and is noted in :attr:`needs` (``(node, class set number)``)."""

    def __init__(self, *layers, is_local: Callable[[str], bool], ids: dict[frozenset[str], int]):
        super().__init__(*layers)
        self.is_local, self.ids = is_local, ids
        self.needs: set[tuple[str, int]] = set()

    def is_a(self, node: str, classes: frozenset[str]) -> bool:
        if super().is_a(node, classes):
            return True
        if self.is_local(node):
            return False
        self.needs.add((node, self.ids[classes]))
        return True


class _Open(Exception):
    """A lookup :meth:`ShapeChecker.settle` cannot answer from what a fragment left."""


class _Settled(View):
    """The view of a deferred focus in :meth:`ShapeChecker.settle`: its triples in the
    document and in the shared ones, and the types of other nodes; any other lookup
    raises :class:`_Open` (the fragment is then checked whole)."""

    def __init__(self, focus: str, own: dict[str, list[str]], shared: dict[str, list[str]],
                 foreign: dict[str, list[str]], types: dict[str, list[str]], is_local: Callable[[str], bool]):
        super().__init__()
        self.focus, self.own, self.shared = focus, own, shared
        self.foreign, self.types, self.is_local = foreign, types, is_local

    def values(self, node: str, path: str) -> list[str]:
        if node == self.focus:
            layers = (self.own.get(path, ()), self.shared.get(path, ()))
        elif path == _TYPE and not self.is_local(node):
            layers = (self.foreign.get(node, ()), self.types.get(node, ()))
        else:
            raise _Open(node)
        out: list[str] = []
        for vals in layers:
            out.extend(v for v in vals if v not in out)
        return out


def _label(view: View, node: str) -> str:
    for p in _LABELS:
        vals = view.values(node, p)
        if vals:
            return _literal_text(vals[0])
    return node.strip("<>").rsplit("/", 1)[-1]


def _literal_text(term: str) -> str:
    if not term.startswith('"'):
        return term.strip("<>")
    body = term[1:term.rindex('"')]
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "r": "\r", '"': '"', "\\": "\\"}.get(m.group(1), m.group(1)), body)


def _datatype(term: str) -> str | None:
    """The datatype IRI (N-Triples form) of a literal term; ``None`` for a non-literal."""
    if not term.startswith('"'):
        return None
    end = term.rindex('"')
    rest = term[end + 1:]
    if rest.startswith("^^"):
        return rest[2:]
    return _LANG_STRING if rest.startswith("@") else f"<{_XSD}string>"


class ShapeChecker:
    """The shapes of a shapes graph, compiled.

    Args:
        shapes: the shapes graph (default ``ontology/shapes.ttl``).
        ontology: the ontology whose ``rdfs:subClassOf`` extend class targets and
            ``sh:class`` (default ``ontology/minekg.ttl``).

    Raises:
        Unsupported: a shape uses a feature outside the implemented part of SHACL Core.
    """

    def __init__(self, shapes: Graph | None = None, ontology: Graph | None = None):
        self.sg = shapes if shapes is not None else _shapes()
        onto = ontology if ontology is not None else _ontology()
        self.sub: dict[str, set[str]] = {}
        #: Each class set of an ``sh:class`` (with its subclasses) → its number, in the
        #: order compiled: what :meth:`check_fragment` names a pending type test by.
        self.class_ids: dict[frozenset[str], int] = {}
        for s, o in onto.subject_objects(RDFS.subClassOf):
            if isinstance(s, URIRef) and isinstance(o, URIRef):
                self.sub.setdefault(f"<{o}>", set()).add(f"<{s}>")
        roots = set(self.sg.subjects(RDF.type, SH.NodeShape)) | set(self.sg.subjects(SH.targetClass, None))
        if any(isinstance(s, URIRef) and (s, RDF.type, RDFS.Class) in self.sg for s in roots):
            raise Unsupported("implicit class targets")
        self.shapes = [self._node_shape(s) for s in sorted(roots, key=str)]
        self._by_class: dict[str, list[int]] | None = None  # class → shapes targeting it (_targets)
        self._by_subject: dict[str, list[int]] = {}
        self._by_object: dict[str, list[int]] = {}

    def _closure(self, cls: str) -> frozenset[str]:
        out, todo = {cls}, [cls]
        while todo:
            for sub in self.sub.get(todo.pop(), ()):
                if sub not in out:
                    out.add(sub)
                    todo.append(sub)
        found = frozenset(out)
        self.class_ids.setdefault(found, len(self.class_ids))
        return found

    def _common(self, node) -> tuple[str | None, str]:
        msg = self.sg.value(node, SH.message)
        sev = self.sg.value(node, SH.severity) or SH.Violation
        if self.sg.value(node, SH.deactivated) is not None:
            raise Unsupported("sh:deactivated")
        return (str(msg) if msg is not None else None), str(sev).rsplit("#", 1)[-1]

    def _node_shape(self, node) -> _Shape:
        keys = set(self.sg.predicates(node, None))
        if keys - _NODE_KEYS or (node, SH.path, None) in self.sg:
            raise Unsupported(f"{sorted(map(str, keys - _NODE_KEYS))} on {node}")
        shape = _Shape(*self._common(node))
        for c in self.sg.objects(node, SH.targetClass):
            shape.classes |= self._closure(_nt(c))
        shape.subjects_of = {_nt(p) for p in self.sg.objects(node, SH.targetSubjectsOf)}
        shape.objects_of = {_nt(p) for p in self.sg.objects(node, SH.targetObjectsOf)}
        shape.nodes = {_nt(n) for n in self.sg.objects(node, SH.targetNode)}
        shape.node_classes = [self._closure(_nt(c)) for c in self.sg.objects(node, SH["class"])]
        local = bool(shape.classes) and shape.classes <= DOCUMENT_CLASSES and not (
            shape.subjects_of or shape.objects_of or shape.nodes)
        shape.properties = [self._property(p, local) for p in self.sg.objects(node, SH.property)]
        for lst in self.sg.objects(node, SH["or"]):
            shape.ors.append([self._property(x) if (x, SH.path, None) in self.sg else self._node_shape(x)
                              for x in Collection(self.sg, lst)])
        return shape

    def _property(self, node, local: bool = False) -> _Property:
        keys = set(self.sg.predicates(node, None))
        if keys - _PROPERTY_KEYS:
            raise Unsupported(f"{sorted(map(str, keys - _PROPERTY_KEYS))} on a property shape")
        path = self.sg.value(node, SH.path)
        if not isinstance(path, URIRef) or isinstance(path, BNode):
            raise Unsupported("a path other than one predicate")
        if _nt(path) in SPLIT_PREDICATES and not local:
            raise Unsupported(f"a count over {path}, whose triples are spread over documents")
        prop = _Property(_nt(path), *self._common(node))
        for attr, key in (("min", SH.minCount), ("max", SH.maxCount)):
            v = self.sg.value(node, key)
            if v is not None:
                setattr(prop, attr, int(v))
        kind = self.sg.value(node, SH.nodeKind)
        if kind is not None:
            if kind not in _NODE_KINDS:
                raise Unsupported(f"sh:nodeKind {kind}")
            prop.kinds = _NODE_KINDS[kind]
        dt = self.sg.value(node, SH.datatype)
        prop.datatype = _nt(dt) if dt is not None else None
        prop.classes = [self._closure(_nt(c)) for c in self.sg.objects(node, SH["class"])]
        return prop

    # --- running ---------------------------------------------------------------

    def focus_nodes(self, shape: _Shape, idx: dict[str, dict[str, list[str]]]) -> set[str]:
        """The targets of a shape among the triples of one index."""
        return self._targets(idx)[self.shapes.index(shape)]

    def _targets(self, idx: dict[str, dict[str, list[str]]]) -> list[set[str]]:
        """The targets of every shape (in :attr:`shapes` order) among the triples of one
        index, in one pass over its subjects: a pass per shape, each testing every
        target of the shape on every subject, took 6 of the 11 s the checks took at
        1,000 papers (pyinstrument)."""
        if self._by_class is None:
            by_class: dict[str, list[int]] = {}
            by_subject: dict[str, list[int]] = {}
            by_object: dict[str, list[int]] = {}
            for i, shape in enumerate(self.shapes):
                for cls in shape.classes:
                    by_class.setdefault(cls, []).append(i)
                for p in shape.subjects_of:
                    by_subject.setdefault(p, []).append(i)
                for p in shape.objects_of:
                    by_object.setdefault(p, []).append(i)
            self._by_class, self._by_subject, self._by_object = by_class, by_subject, by_object
            # the predicates that make a target: a subject's others are not looked at
            self._target_paths = frozenset(by_subject) | frozenset(by_object) | {_TYPE}
        by_class, by_subject, by_object = self._by_class, self._by_subject, self._by_object
        paths = self._target_paths
        out: list[set[str]] = [{n for n in shape.nodes if n in idx} for shape in self.shapes]
        for s, preds in idx.items():
            # the intersection in C: a lookup per predicate took half of the checks' time
            for p in preds.keys() & paths:
                objs = preds[p]
                if p == _TYPE:
                    for t in objs:
                        for i in by_class.get(t, ()):
                            out[i].add(s)
                for i in by_subject.get(p, ()):
                    out[i].add(s)
                for i in by_object.get(p, ()):
                    out[i].update(objs)
        return out

    def check(self, own: Iterable[Triple], context: dict[str, dict[str, list[str]]] | None = None,
              *, indexed: dict[str, dict[str, list[str]]] | None = None) -> list[Violation]:
        """Violations of the shapes by the targets found in ``own``.

        Args:
            own: the triples to check (a document's), in N-Triples form.
            context: an index (:meth:`View.index`) of the triples they may refer to
                (the shared ones); their values count, their own targets are not checked.
            indexed: ``own`` indexed already (:meth:`View.index`); ``own`` is then not read.

        Returns:
            The violations, sorted and without duplicates, as :func:`graph.validate.validate`
            reports them.
        """
        idx = indexed if indexed is not None else View.index(own)
        view = View(idx, context) if context else View(idx)
        found: set[Violation] = set()
        for shape, targets in zip(self.shapes, self._targets(idx)):
            for focus in targets:
                self._node(shape, focus, view, found)
        return sorted(found, key=lambda v: (v.label, v.path, v.focus, v.message, v.value))

    def check_fragment(self, own: Iterable[Triple], shared: Iterable[Triple],
                       is_local: Callable[[str], bool], *,
                       indexed: dict[str, dict[str, list[str]]] | None = None) -> "FragmentCheck":
        """What :meth:`check` of a document's triples against every shared triple finds,
        as far as the document alone decides it; the rest is left to :meth:`settle`, which
        has the shared triples of the whole corpus (the fragment workers of
        :mod:`graph.fragments` run this, while the corpus's shared triples are not known).

        A lookup on a node made for this document only (``is_local``: every triple about
        it is in ``own``; :meth:`settle` makes sure no shared triple is about one) is
        answered here. A target that is not such a node (an organisation named by a
        finding: its name is chosen from every document) is deferred with this
        document's triples about it; an ``sh:class`` test of a value that is not such a
        node and is not typed in ``own`` or in the document's own ``shared`` triples
        passes for now and is listed as pending. Passing for now can only hide a
        violation (the checks have no ``sh:not``), so a violation found here is one.

        Args:
            own: the document's local triples (N-Triples form).
            shared: its shared triples (a subset of the corpus's).
            is_local: whether a node is made for this document only
                (:func:`graph.triples.document_node`).
            indexed: ``own`` indexed already (:meth:`View.index`); ``own`` is then not read.

        Returns:
            A :class:`FragmentCheck`.
        """
        idx = indexed if indexed is not None else View.index(own)
        types = View.index(t for t in shared if t[1] == _TYPE)
        view = _Pending(idx, types, is_local=is_local, ids=self.class_ids)
        broken = False
        deferred: list[tuple[int, str]] = []
        for i, (shape, targets) in enumerate(zip(self.shapes, self._targets(idx))):
            for focus in targets:
                if not is_local(focus):
                    deferred.append((i, focus))
                elif not self._node(shape, focus, view, None):
                    broken = True
        about = {focus: idx.get(focus, {}) for _, focus in deferred}
        # the types this document states of nodes not its own (none, as graph/triples.py writes)
        foreign = {s: preds[_TYPE] for s, preds in idx.items() if _TYPE in preds and not is_local(s)}
        return FragmentCheck(broken, sorted(view.needs), sorted(deferred), about, foreign)

    def settle(self, parts: Iterable["FragmentCheck"], shared: Iterable[Triple],
               is_local: Callable[[str], bool]) -> bool:
        """Whether the fragments of these :meth:`check_fragment` results pass the shapes
        against the corpus's shared triples ``shared``: their pending type tests and
        deferred targets are decided. ``False`` when one breaks a shape, or when it cannot
        be decided exactly from what the fragment left (then check the fragment whole,
        :meth:`check`, which also words the violations).

        Raises nothing for a broken graph: the caller checks again to report.
        """
        parts = list(parts)
        if any(p.broken for p in parts):
            return False
        foci = {focus for p in parts for _, focus in p.deferred}
        types: dict[str, list[str]] = {}
        about: dict[str, dict[str, list[str]]] = {}
        shared = shared if isinstance(shared, (set, list, tuple)) else list(shared)
        # each subject asked once (a shared triple about a document's own node: not
        # decided here): asking per triple took 0.3 s of a one-paper rebuild at 10,000 papers
        if any(map(is_local, {t[0] for t in shared})):
            return False
        for s, p, o in shared:
            if p == _TYPE:
                types.setdefault(s, []).append(o)
            if s in foci:
                about.setdefault(s, {}).setdefault(p, []).append(o)
        class_sets = list(self.class_ids)
        for part in parts:
            for node, cid in part.needs:
                classes = class_sets[cid]
                if not any(t in classes for t in types.get(node, ())):
                    return False
            for i, focus in part.deferred:
                view = _Settled(focus, part.about.get(focus, {}), about.get(focus, {}), part.foreign, types,
                                is_local)
                try:
                    if not self._node(self.shapes[i], focus, view, None):
                        return False
                except _Open:
                    return False
        return True

    def _is_a(self, view: View, node: str, classes: frozenset[str]) -> bool:
        return view.is_a(node, classes)

    def _node(self, shape: _Shape, focus: str, view: View, found: set[Violation] | None) -> bool:
        ok = True

        def report(path: str, message: str | None, severity: str, value: str | None) -> None:
            nonlocal ok
            ok = False
            if found is not None:
                found.add(Violation(
                    focus=focus.strip("<>"), label=_label(view, focus),
                    path=_qname(URIRef(path.strip("<>"))) if path else "",
                    message=message or "breaks a shape", severity=severity,
                    value=_qname(_term(value)) if value is not None and value != focus else ""))

        for classes in shape.node_classes:
            if not self._is_a(view, focus, classes):
                report("", shape.message, shape.severity, focus)
        for prop in shape.properties:
            for value in self._property_values(prop, focus, view):
                report(prop.path, prop.message, prop.severity, value)
        for alternatives in shape.ors:
            if not any(self._conforms(alt, focus, view) for alt in alternatives):
                report("", shape.message, shape.severity, focus)
        return ok

    def _conforms(self, alt: "_Shape | _Property", focus: str, view: View) -> bool:
        if isinstance(alt, _Property):
            return not self._property_values(alt, focus, view)
        return self._node(alt, focus, view, None)

    def _property_values(self, prop: _Property, focus: str, view: View) -> list[str | None]:
        """One entry per broken constraint: the offending value, or ``None`` for a count."""
        vals = view.values(focus, prop.path)
        bad: list[str | None] = []
        if prop.min is not None and len(vals) < prop.min:
            bad.append(None)
        if prop.max is not None and len(vals) > prop.max:
            bad.append(None)
        for v in vals:
            if prop.kinds is not None and not v.startswith(prop.kinds):
                bad.append(v)
            if prop.datatype is not None:
                dt = _datatype(v)
                rx = _LEXICAL.get(prop.datatype.strip("<>"))
                if dt != prop.datatype or (rx is not None and not rx.match(_literal_text(v))):
                    bad.append(v)
            for classes in prop.classes:
                if not self._is_a(view, v, classes):
                    bad.append(v)
        return bad


def _term(nt: str):
    if nt.startswith("<"):
        return URIRef(nt[1:-1])
    dt = _datatype(nt)
    text = _literal_text(nt)
    if dt == _LANG_STRING:
        return Literal(text, lang=nt[nt.rindex('"') + 2:])
    return Literal(text, datatype=URIRef(dt.strip("<>")) if dt != f"<{_XSD}string>" else None)


__all__ = ["FragmentCheck", "ShapeChecker", "Unsupported", "View", "SPLIT_PREDICATES"]
