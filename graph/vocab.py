"""Namespaces and the fixed value sets of the graph.

``MKG`` is a :class:`rdflib.namespace.DefinedNamespace` with ``_fail = True``: a misspelt
term raises at import or first use instead of producing an empty query. Its terms are
those declared in ``ontology/minekg.ttl`` (a test checks the two agree).
"""
from __future__ import annotations

from enum import Enum

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from ontology import ID, NS


class MKG(DefinedNamespace):
    """The minekg ontology namespace (``https://w3id.org/minekg/ontology#``)."""

    _NS = Namespace(NS)
    _fail = True

    Group: URIRef
    Company: URIRef
    Mine: URIRef
    PartyCommittee: URIRef
    PartyBranch: URIRef
    Union: URIRef
    YouthLeague: URIRef
    Department: URIRef
    Team: URIRef
    OtherOrganisation: URIRef
    Practice: URIRef
    practices: URIRef
    domains: URIRef
    Adoption: URIRef
    Outcome: URIRef
    Indicator: URIRef
    indicators: URIRef
    categories: URIRef
    Unit: URIRef
    Finding: URIRef
    Summary: URIRef
    PracticeSummary: URIRef
    IndicatorSummary: URIRef
    EvidenceSentence: URIRef
    Article: URIRef
    Document: URIRef
    organisation: URIRef
    practice: URIRef
    outcome: URIRef
    adopts: URIRef
    contributesTo: URIRef
    domain: URIRef
    category: URIRef
    unit: URIRef
    modality: URIRef
    value: URIRef
    direction: URIRef
    year: URIRef
    rule: URIRef
    outcomeCategory: URIRef
    findingCount: URIRef
    documentCount: URIRef
    organisationCount: URIRef
    exampleFinding: URIRef
    adoptedPracticeCount: URIRef
    adopterCount: URIRef
    adopterNames: URIRef
    indicator: URIRef
    forYear: URIRef
    outcomeCount: URIRef
    reportedValues: URIRef
    countedIn: URIRef
    text: URIRef


ORG = Namespace("http://www.w3.org/ns/org#")
SOSA = Namespace("http://www.w3.org/ns/sosa/")
OA = Namespace("http://www.w3.org/ns/oa#")
QUDT_UNIT = Namespace("http://qudt.org/vocab/unit/")
BASE = Namespace(ID)

PREFIXES = {
    "mkg": NS, "id": ID, "org": str(ORG), "sosa": str(SOSA), "oa": str(OA),
    "prov": "http://www.w3.org/ns/prov#", "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "unit": str(QUDT_UNIT),
}


class OrgType(str, Enum):
    """Organisation types of GUIDELINES.md; each is a class of the ontology."""

    Group = "Group"
    Company = "Company"
    Mine = "Mine"
    PartyCommittee = "PartyCommittee"
    PartyBranch = "PartyBranch"
    Union = "Union"
    YouthLeague = "YouthLeague"
    Department = "Department"
    Team = "Team"
    Other = "Other"


class Domain(str, Enum):
    """Practice domains (GUIDELINES.md «Practice»)."""

    political = "political"
    ideological = "ideological"
    organisational = "organisational"
    integrity = "integrity"
    talent = "talent"
    culture = "culture"
    mass = "mass"
    digital = "digital"
    safety = "safety"
    production = "production"
    management = "management"


class Category(str, Enum):
    """Outcome categories (GUIDELINES.md «Outcome»), top concepts of the indicator scheme."""

    safety = "safety"
    production = "production"
    equipment = "equipment"
    economic = "economic"
    talent = "talent"
    environment = "environment"
    integrity = "integrity"
    cohesion = "cohesion"
    social = "social"
    other = "other"


CATEGORY_ZH = {"safety": "安全", "production": "生产", "equipment": "设备", "economic": "经济",
               "talent": "人才", "environment": "环境", "integrity": "廉洁", "cohesion": "凝聚力",
               "social": "社会", "other": "其他"}
DOMAIN_ZH = {"political": "政治建设", "ideological": "思想建设", "organisational": "组织建设",
             "integrity": "党风廉政", "talent": "人才队伍", "culture": "企业文化", "mass": "群团统战",
             "digital": "数字化", "safety": "安全生产", "production": "生产经营", "management": "管理创新"}

#: QUDT units for the units papers write; others become ``mkg:Unit`` individuals.
QUDT_UNITS = {"%": QUDT_UNIT.PERCENT, "吨": QUDT_UNIT.TONNE, "米": QUDT_UNIT.M}
