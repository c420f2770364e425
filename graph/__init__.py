"""Graph: article records → RDF (Oxigraph store), SPARQL queries, networkx projection, HTML.

Modules, in data-flow order: :mod:`graph.vocab` (namespaces and fixed value sets),
:mod:`graph.build` (records → RDF), :mod:`graph.store` (the Oxigraph store on disk),
:mod:`graph.query` (SPARQL and the named queries), :mod:`graph.network` (networkx),
:mod:`graph.viz` (pyvis page), :mod:`graph.project` (the whole build of a corpus).
"""
