"""spaCy components of the extraction pipeline, registered on import.

- ``minekg_orgs`` (:mod:`.orgs`): organisations → ``doc.spans["org"]``, ``doc._.orgs``.
- ``minekg_practices`` (:mod:`.practices`): practices → ``doc.spans["practice"]``.
- ``minekg_outcomes`` (:mod:`.outcomes`): results → ``doc.spans["outcome"]``.
- ``minekg_links`` (:mod:`.links`): practice → outcome → ``doc._.links``.
"""
from . import common, links, orgs, outcomes, practices  # noqa: F401
