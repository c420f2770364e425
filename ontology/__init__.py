"""The minekg ontology (OWL) and shapes (SHACL), shipped as Turtle package data.

``ONTOLOGY`` is ``minekg.ttl``: classes and properties aligned to W3C ORG, PROV-O, SKOS,
SOSA, Web Annotation and Dublin Core, with the practice-domain and outcome-category
concept schemes. ``SHAPES`` is ``shapes.ttl``: the SHACL shapes every built graph
satisfies (checked by :func:`graph.validate.validate`).
"""
from pathlib import Path

HERE = Path(__file__).parent
ONTOLOGY = HERE / "minekg.ttl"
SHAPES = HERE / "shapes.ttl"
NS = "https://w3id.org/minekg/ontology#"
ID = "https://w3id.org/minekg/id/"
