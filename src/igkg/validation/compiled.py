"""SHACL shapes compiled to SPARQL SELECTs (the ``sparql`` engine): one or two queries per shape.

pySHACL walks the data graph in Python, focus node by focus node (and runs a SHACL-SPARQL query
per focus node): minutes at 100k triples. Here each shape becomes a query that returns only its
violations, run by Oxigraph over the whole graph at once (:mod:`.sparql_engine`).

Every constraint component is compiled to a SPARQL expression that is true when one value node
conforms (``COALESCE(…, false)``: a comparison that errors is a violation, as SHACL says); a
property shape's value constraints become ``FILTER (!(E1 && E2 …))`` over its values, its counts
a ``GROUP BY … HAVING``; ``sh:or``, ``sh:not`` and nested ``sh:property`` become nested
expressions (``EXISTS`` / ``NOT EXISTS``). SHACL-SPARQL constraints (``sh:sparql``) run as
sub-queries joined to the shape's targets. Whatever this module does not know is refused with
:class:`~igkg.errors.InputError` (never passed silently): use ``--engine pyshacl`` then.

Supported: targets ``sh:targetClass`` (with ``rdfs:subClassOf*`` in the data), ``sh:targetNode``,
``sh:targetSubjectsOf``, ``sh:targetObjectsOf``, ``sh:target`` of ``sh:SPARQLTarget``; paths an
IRI or ``[ sh:inversePath IRI ]``; ``sh:class``, ``sh:datatype`` (with well-formed lexical
forms), ``sh:nodeKind``, ``sh:in``, ``sh:hasValue``, ``sh:minCount``, ``sh:maxCount``,
``sh:minInclusive`` / ``sh:maxInclusive`` / ``sh:minExclusive`` / ``sh:maxExclusive``,
``sh:minLength`` / ``sh:maxLength``, ``sh:pattern`` (+ ``sh:flags``), ``sh:uniqueLang``,
``sh:or`` / ``sh:and`` / ``sh:not`` / ``sh:node``, ``sh:sparql`` (``sh:select``, ``sh:prefixes``);
``sh:message``, ``sh:severity``, ``sh:deactivated``. Each shape with constraints needs an
``sh:message`` (pySHACL's generated messages are not reproduced).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from ..errors import InputError
from ..namespaces import compact

__all__ = ["Check", "compile_shapes"]
#: Counts inside a nested shape (sh:node, sh:or …) are checked by that many distinct values in one
#: pattern, so only small ones: a larger bound is refused, naming the construct.
_MAX_NESTED_COUNT = 4

#: The checks the graph's class hierarchy is needed for: class IRI → its subclasses (itself too).
Subclasses = Callable[[str], list[str]]
#: The answer of a ``SELECT (COUNT(*) AS ?n)`` query on the data, to choose a join order.
Sizes = Callable[[str], int]
#: A check reads a path's triples before its targets (see :meth:`_Compiler.values_first`) unless the
#: path holds this many times more triples than the shape has focus nodes.
_VALUES_FIRST_UP_TO = 4

_ANNOTATIONS = {RDF.type, RDFS.label, RDFS.comment, SH.message, SH.severity, SH.deactivated, SH.name,
                SH.description, SH.order, SH.group, SH.declare, SH.prefixes}
_TARGETS = {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target}
_VALUE = {SH["class"], SH.datatype, SH.nodeKind, SH["in"], SH.minInclusive, SH.maxInclusive, SH.minExclusive,
          SH.maxExclusive, SH.minLength, SH.maxLength, SH.pattern, SH.flags, SH["or"], SH["and"], SH["not"],
          SH.node}
_FOCUS = {SH.minCount, SH.maxCount, SH.hasValue, SH.uniqueLang}
_KNOWN = _ANNOTATIONS | _TARGETS | _VALUE | _FOCUS | {SH.path, SH.property, SH.sparql}
#: Datatypes whose lexical forms Oxigraph can check by casting (ill-formed: the cast fails).
_CASTS = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.boolean, XSD.date, XSD.dateTime,
          XSD.gYear, XSD.gYearMonth, XSD.time, XSD.duration}


@dataclass(frozen=True)
class Check:
    """One query that returns violations: ``?this``, maybe ``?value``, and message variables."""

    shape: str
    query: str
    message: str
    severity: str
    path: str
    value_from: str  # "value": ?value; "focus": the focus node; "": none
    sparql: bool = False  # an sh:sparql constraint (the costliest kind: run first)


def _n3(term: rdflib.term.Node) -> str:
    if isinstance(term, rdflib.URIRef):
        return f"<{term}>"
    if isinstance(term, rdflib.Literal):
        return term.n3()
    raise InputError(f"a blank node ({term}) cannot be a value in a compiled SHACL constraint")


class _Compiler:
    def __init__(self, shapes: rdflib.Graph, subclasses: Subclasses, where: str, sizes: Sizes | None) -> None:
        self.g = shapes
        self.subclasses = subclasses
        self.where = where
        self.sizes = sizes
        self._counted: dict[str, int] = {}
        self._names = itertools.count()

    # -- helpers --------------------------------------------------------------------------------
    def var(self, stem: str) -> str:
        return f"?_{stem}{next(self._names)}"

    def refuse(self, shape: rdflib.term.Node, what: str) -> InputError:
        name = compact(str(shape)) if isinstance(shape, rdflib.URIRef) else "a shape"
        return InputError(f"{self.where}: {name} uses {what}, which the sparql engine does not support "
                          f"(use --engine pyshacl)")

    def one(self, node: rdflib.term.Node, predicate: rdflib.URIRef) -> rdflib.term.Node | None:
        values = list(self.g.objects(node, predicate))
        if len(values) > 1:
            raise self.refuse(node, f"several values of {compact(str(predicate))}")
        return values[0] if values else None

    def items(self, node: rdflib.term.Node) -> list[rdflib.term.Node]:
        return list(Collection(self.g, node))

    def check_known(self, shape: rdflib.term.Node) -> None:
        for predicate in set(self.g.predicates(shape)):
            if predicate not in _KNOWN:
                raise self.refuse(shape, compact(str(predicate)))

    def classes(self, cls: rdflib.term.Node) -> str:
        return " ".join(f"<{c}>" for c in self.subclasses(str(cls)))

    def size(self, pattern: str, prologue: str) -> int:
        """The number of solutions of a group pattern in the data (counted once)."""
        query = f"{prologue}\nSELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"
        if self.sizes is None:
            return 0
        if query not in self._counted:
            self._counted[query] = self.sizes(query)
        return self._counted[query]

    def values_first(self, target: str, path: str, prologue: str) -> bool:
        """Whether a check on a path's values reads the path's triples first, in a sub-select
        joined to the targets afterwards, instead of looking up each focus node's values.

        Oxigraph evaluates a join of the targets with the path by looking up the path for each
        focus node (on disk, a database read per node) and a ``FILTER`` by decoding every value;
        a sub-select over the path alone is one scan of its index, hash-joined to the targets.
        Measured at 1M triples on disk: the ``sh:maxCount 1`` self-join of 60k actions 0.76 s
        against 0.16 s grouped first, a class anti-join 0.37 s against 0.09 s. Worse only when
        the path is far more common than the shape's focus nodes (a few targets, a predicate
        every resource has): then the focus nodes go first. Without ``sizes``: values first."""
        if self.sizes is None:
            return True
        return self.size(f"?this {path} ?value", "") <= _VALUES_FIRST_UP_TO * max(1, self.size(target, prologue))

    def path(self, shape: rdflib.term.Node) -> tuple[str, str]:
        """(SPARQL path text, the report's path text) of a property shape."""
        path = self.one(shape, SH.path)
        if isinstance(path, rdflib.URIRef):
            return f"<{path}>", compact(str(path))
        inverse = self.one(path, SH.inversePath) if isinstance(path, rdflib.BNode) else None
        if isinstance(inverse, rdflib.URIRef) and len(set(self.g.predicates(path))) == 1:
            return f"^<{inverse}>", f"^{compact(str(inverse))}"
        raise self.refuse(shape, "a path other than an IRI or [ sh:inversePath IRI ]")

    # -- expressions: true when ``x`` conforms ----------------------------------------------------
    def class_sets(self, shape: rdflib.term.Node) -> tuple[list[list[str]], set[rdflib.term.Node]]:
        """The shape's ``sh:class`` constraints, and its ``sh:or`` of single ``sh:class`` shapes (a
        value of one class *or* another: of the union of their classes), as sets of class IRIs, for
        an anti-join (``MINUS``: far faster on Oxigraph than ``FILTER NOT EXISTS`` per value); and
        the ``sh:or`` lists so handled."""
        sets = [self.subclasses(str(cls)) for cls in self.g.objects(shape, SH["class"])]
        handled = set()
        for listing in self.g.objects(shape, SH["or"]):
            members = self.items(listing)
            if members and all(set(self.g.predicates(m)) == {SH["class"]} and len(list(self.g.objects(m, SH["class"])))
                               == 1 for m in members):
                sets.append(sorted({c for m in members for c in self.subclasses(str(self.one(m, SH["class"])))}))
                handled.add(listing)
        return sets, handled

    def value_expression(self, shape: rdflib.term.Node, x: str, *, skip: set[rdflib.term.Node] | None = None) -> str:
        """The conjunction of the shape's value constraints (not its property shapes) on ``x``;
        ``skip``: leave out ``sh:class`` and these ``sh:or`` lists (checked by anti-joins)."""
        parts: list[str] = []
        g = self.g
        for cls in (g.objects(shape, SH["class"]) if skip is None else ()):
            t = self.var("t")
            parts.append(f"EXISTS {{ {x} a {t} . VALUES {t} {{ {self.classes(cls)} }} }}")
        for datatype in g.objects(shape, SH.datatype):
            parts.append(self.datatype(x, datatype))
        for kind in g.objects(shape, SH.nodeKind):
            parts.append(self.node_kind(shape, x, kind))
        for listing in g.objects(shape, SH["in"]):
            members = self.items(listing)
            parts.append("(" + (" || ".join(f"sameTerm({x}, {_n3(m)})" for m in members) or "false") + ")")
        for predicate, operator in ((SH.minInclusive, ">="), (SH.maxInclusive, "<="), (SH.minExclusive, ">"),
                                    (SH.maxExclusive, "<")):
            for bound in g.objects(shape, predicate):
                parts.append(f"COALESCE({x} {operator} {_n3(bound)}, false)")
        for predicate, operator in ((SH.minLength, ">="), (SH.maxLength, "<=")):
            for bound in g.objects(shape, predicate):
                parts.append(f"COALESCE(!isBlank({x}) && STRLEN(STR({x})) {operator} {int(str(bound))}, false)")
        for pattern in g.objects(shape, SH.pattern):
            flags = self.one(shape, SH.flags)
            extra = f", {rdflib.Literal(str(flags)).n3()}" if flags is not None else ""
            parts.append(f"COALESCE(!isBlank({x}) && REGEX(STR({x}), {rdflib.Literal(str(pattern)).n3()}{extra}), "
                         f"false)")
        for listing in g.objects(shape, SH["or"]):
            if skip is not None and listing in skip:
                continue
            parts.append("(" + " || ".join(self.conforms(m, x) for m in self.items(listing)) + ")")
        for listing in g.objects(shape, SH["and"]):
            parts.append("(" + " && ".join(self.conforms(m, x) for m in self.items(listing)) + ")")
        for negated in g.objects(shape, SH["not"]):
            parts.append(f"!({self.conforms(negated, x)})")
        for node in g.objects(shape, SH.node):
            parts.append(self.conforms(node, x))
        return " && ".join(parts) if parts else "true"

    def datatype(self, x: str, datatype: rdflib.term.Node) -> str:
        test = f"isLiteral({x}) && sameTerm(DATATYPE({x}), <{datatype}>)"
        if datatype == RDF.langString:
            test += f" && LANG({x}) != \"\""
        elif datatype in _CASTS:  # well-formed: the cast from its own lexical form succeeds
            test += f" && BOUND({x}) && sameTerm(DATATYPE(<{datatype}>(STR({x}))), <{datatype}>)"
        elif datatype != XSD.string:
            raise self.refuse(datatype, f"sh:datatype {compact(str(datatype))} (its lexical forms are not checked)")
        return f"COALESCE({test}, false)"

    def node_kind(self, shape: rdflib.term.Node, x: str, kind: rdflib.term.Node) -> str:
        tests = {SH.IRI: f"isIRI({x})", SH.BlankNode: f"isBlank({x})", SH.Literal: f"isLiteral({x})",
                 SH.BlankNodeOrIRI: f"(isBlank({x}) || isIRI({x}))",
                 SH.BlankNodeOrLiteral: f"(isBlank({x}) || isLiteral({x}))",
                 SH.IRIOrLiteral: f"(isIRI({x}) || isLiteral({x}))"}
        if kind not in tests:
            raise self.refuse(shape, f"sh:nodeKind {kind}")
        return tests[kind]  # type: ignore[index]

    def conforms(self, shape: rdflib.term.Node, x: str) -> str:
        """True when node ``x`` conforms to the whole (nested) shape."""
        self.check_known(shape)
        if any(True for _ in self.g.objects(shape, SH.sparql)):
            raise self.refuse(shape, "sh:sparql inside sh:or, sh:not, sh:and or sh:node")
        parts = [self.value_expression(shape, x)]
        for prop in self.g.objects(shape, SH.property):
            parts.append(self.property_conforms(prop, x))
        if (shape, SH.path, None) in self.g:  # a property shape used as a node's shape
            parts.append(self.property_conforms(shape, x))
        return "(" + " && ".join(parts) + ")"

    def distinct_values(self, x: str, path: str, n: int) -> str:
        """A group pattern that matches when ``x`` has at least ``n`` distinct values on ``path``
        (n values, pairwise different: a count without a sub-select, so it can sit inside EXISTS)."""
        values = [self.var("v") for _ in range(n)]
        triples = " . ".join(f"{x} {path} {v}" for v in values)
        different = [f"{a} != {b}" for i, a in enumerate(values) for b in values[i + 1:]]
        return triples + (f" FILTER ({' && '.join(different)})" if different else "")

    def property_conforms(self, prop: rdflib.term.Node, x: str) -> str:
        self.check_known(prop)
        path, _ = self.path(prop)
        w = self.var("w")
        parts = [f"NOT EXISTS {{ {x} {path} {w} FILTER (!({self.value_expression(prop, w)})) }}"]
        low, high = self.one(prop, SH.minCount), self.one(prop, SH.maxCount)
        if any(bound is not None and int(str(bound)) > _MAX_NESTED_COUNT for bound in (low, high)):
            raise self.refuse(prop, f"sh:minCount or sh:maxCount above {_MAX_NESTED_COUNT} inside a nested shape")
        if low is not None and int(str(low)) >= 1:
            parts.append(f"EXISTS {{ {self.distinct_values(x, path, int(str(low)))} }}")
        if high is not None:
            parts.append(f"NOT EXISTS {{ {self.distinct_values(x, path, int(str(high)) + 1)} }}")
        for value in self.g.objects(prop, SH.hasValue):
            parts.append(f"EXISTS {{ {x} {path} {_n3(value)} }}")
        if self.one(prop, SH.uniqueLang) is not None:
            raise self.refuse(prop, "sh:uniqueLang inside a nested shape")
        return "(" + " && ".join(parts) + ")"

    # -- targets ------------------------------------------------------------------------------------
    def target(self, shape: rdflib.term.Node, prologue: str) -> str | None:
        """A group pattern binding ``?this`` to every focus node, or None without targets."""
        g = self.g
        branches = []
        for cls in g.objects(shape, SH.targetClass):
            classes = self.subclasses(str(cls))
            # one class without subclasses: a constant (Oxigraph joins it faster than a VALUES)
            branches.append(f"?this a <{classes[0]}>" if len(classes) == 1 else
                            f"?this a ?_tc . VALUES ?_tc {{ {self.classes(cls)} }}")
        for node in g.objects(shape, SH.targetNode):
            branches.append(f"VALUES ?this {{ {_n3(node)} }}")
        for p in g.objects(shape, SH.targetSubjectsOf):
            branches.append(f"?this <{p}> ?_ts")
        for p in g.objects(shape, SH.targetObjectsOf):
            branches.append(f"?_to <{p}> ?this")
        for custom in g.objects(shape, SH.target):
            select = self.one(custom, SH.select)
            if (custom, RDF.type, SH.SPARQLTarget) not in g or select is None:
                raise self.refuse(shape, "an sh:target that is not an sh:SPARQLTarget with sh:select")
            branches.append(f"{{ {str(select)} }}")
        if not branches:
            return None
        if len(branches) == 1 and not branches[0].startswith("{"):  # a plain pattern joins fastest
            return branches[0] + " ."
        union = " UNION ".join(f"{{ {b} }}" for b in branches)
        return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"

    def prologue(self, node: rdflib.term.Node) -> str:
        lines = []
        for declarer in self.g.objects(node, SH.prefixes):
            for declaration in self.g.objects(declarer, SH.declare):
                prefix, namespace = self.one(declaration, SH.prefix), self.one(declaration, SH.namespace)
                lines.append(f"PREFIX {prefix}: <{namespace}>")
        return "\n".join(sorted(set(lines)))

    # -- the checks of one node shape -----------------------------------------------------------------
    def checks(self, shape: rdflib.term.Node) -> Iterator[Check]:
        self.check_known(shape)
        if self.one(shape, SH.deactivated) == rdflib.Literal(True):
            return
        prologue = "\n".join(self.prologue(s) for s in self.g.objects(shape, SH.target))
        target = self.target(shape, prologue)
        if target is None:
            return
        name = compact(str(shape)) if isinstance(shape, rdflib.URIRef) else str(shape)
        severity = self.severity(shape)
        node_value = self.value_expression(shape, "?this")
        if node_value != "true":
            yield Check(name, f"{prologue}\nSELECT DISTINCT ?this WHERE {{ {target} FILTER (!({node_value})) }}",
                        self.message(shape), severity, "", "focus")
        for prop in self.g.objects(shape, SH.property):
            yield from self.property_checks(name, prop, target, prologue)
        for constraint in self.g.objects(shape, SH.sparql):
            if self.one(constraint, SH.deactivated) == rdflib.Literal(True):
                continue
            select = self.one(constraint, SH.select)
            if select is None:
                raise self.refuse(shape, "an sh:sparql constraint without sh:select")
            both = "\n".join(sorted(set(f"{self.prologue(constraint)}\n{prologue}".split("\n")) - {""}))
            text = str(select).replace("$this", "?this")
            yield Check(name, f"{both}\nSELECT * WHERE {{ {target} {{ {text} }} }}",
                        self.message(constraint), self.severity(shape), "", "focus", sparql=True)

    def property_checks(self, name: str, prop: rdflib.term.Node, target: str, prologue: str) -> Iterator[Check]:
        self.check_known(prop)
        if self.one(prop, SH.deactivated) == rdflib.Literal(True):
            return
        if any(True for _ in self.g.objects(prop, SH.sparql)) or any(True for _ in self.g.objects(prop, SH.property)):
            raise self.refuse(prop, "sh:sparql or sh:property inside a property shape")
        path, shown = self.path(prop)
        message, severity = self.message(prop), self.severity(prop)
        sets, handled = self.class_sets(prop)
        first = self.values_first(target, path, prologue)

        def on_values(condition: str) -> str:
            """The focus nodes' values that meet ``condition`` (a MINUS or a FILTER)."""
            if first:
                return (f"{prologue}\nSELECT DISTINCT ?this ?value WHERE {{ {{ SELECT DISTINCT ?this ?value WHERE "
                        f"{{ ?this {path} ?value {condition} }} }} {target} }}")
            return f"{prologue}\nSELECT DISTINCT ?this ?value WHERE {{ {target} ?this {path} ?value {condition} }}"

        for classes in sets:
            listed = " ".join(f"<{c}>" for c in classes)
            yield Check(name, on_values(f"MINUS {{ ?value a ?_c . VALUES ?_c {{ {listed} }} }}"),
                        message, severity, shown, "value")
        values = self.value_expression(prop, "?value", skip=handled)
        if values != "true":
            yield Check(name, on_values(f"FILTER (!({values}))"), message, severity, shown, "value")
        low, high = self.one(prop, SH.minCount), self.one(prop, SH.maxCount)
        # at least one value: an anti-join; at most one: the subjects with two values grouped from
        # the path's triples first (or a self-join from the focus nodes)
        if low is not None and int(str(low)) == 1:
            yield Check(name, f"{prologue}\nSELECT DISTINCT ?this WHERE {{ {target} MINUS {{ ?this {path} ?_v }} }}",
                        message, severity, shown, "")
        if high is not None and int(str(high)) == 1:
            if first:
                query = (f"{prologue}\nSELECT DISTINCT ?this WHERE {{ {{ SELECT ?this WHERE {{ ?this {path} ?_v }} "
                         f"GROUP BY ?this HAVING (COUNT(DISTINCT ?_v) > 1) }} {target} }}")
            else:
                query = (f"{prologue}\nSELECT DISTINCT ?this WHERE {{ {target} ?this {path} ?_a . "
                         f"?this {path} ?_b FILTER (!sameTerm(?_a, ?_b)) }}")
            yield Check(name, query, message, severity, shown, "")
        grouped = []
        if low is not None and int(str(low)) != 1:
            grouped.append(f"COUNT(DISTINCT ?_v) < {int(str(low))}")
        if high is not None and int(str(high)) != 1:
            grouped.append(f"COUNT(DISTINCT ?_v) > {int(str(high))}")
        if grouped:
            yield Check(name, f"{prologue}\nSELECT ?this WHERE {{ {target} OPTIONAL {{ ?this {path} ?_v }} }} "
                              f"GROUP BY ?this HAVING ({' || '.join(grouped)})", message, severity, shown, "")
        for value in self.g.objects(prop, SH.hasValue):
            yield Check(name, f"{prologue}\nSELECT ?this WHERE {{ {target} FILTER NOT EXISTS {{ ?this {path} "
                              f"{_n3(value)} }} }}", message, severity, shown, "")
        if self.one(prop, SH.uniqueLang) == rdflib.Literal(True):
            yield Check(name, f"{prologue}\nSELECT DISTINCT ?this WHERE {{ {target} ?this {path} ?_a, ?_b "
                              f"FILTER (!sameTerm(?_a, ?_b) && LANG(?_a) != \"\" && LANG(?_a) = LANG(?_b)) }}",
                        message, severity, shown, "")

    def message(self, node: rdflib.term.Node) -> str:
        message = self.one(node, SH.message)
        if message is None:
            raise self.refuse(node, "no sh:message (the sparql engine does not write pySHACL's default messages)")
        return str(message)

    def severity(self, node: rdflib.term.Node) -> str:
        severity = self.one(node, SH.severity)
        return str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation"


def compile_shapes(shapes: rdflib.Graph, subclasses: Subclasses, where: str,
                   sizes: Sizes | None = None) -> list[Check]:
    """Every check of every node shape (a shape with targets) in ``shapes``; ``sizes`` (counts in
    the data) chooses each check's join order, which never changes its answer."""
    compiler = _Compiler(shapes, subclasses, where, sizes)
    roots = set(shapes.subjects(RDF.type, SH.NodeShape))
    for predicate in _TARGETS:
        roots.update(shapes.subjects(predicate, None))
    roots -= set(shapes.objects(None, SH.property))
    if any(isinstance(r, rdflib.URIRef) and (r, RDF.type, SH.PropertyShape) in shapes for r in roots):
        raise compiler.refuse(next(iter(roots)), "a property shape with its own targets")
    checks: list[Check] = []
    for shape in sorted(roots, key=str):
        checks.extend(compiler.checks(shape))
    return checks

