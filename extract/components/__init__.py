"""spaCy components of the extraction pipeline, registered on import.

- ``minekg_sentencizer`` (:mod:`.sentences`, the pipe named ``sentencizer``): spaCy's
  sentencizer, read from the token arrays.
- ``minekg_sentence_openers`` (:mod:`.sentences`): an opening quote or bracket after a
  sentence end starts the next sentence (runs right after the sentencizer).
- ``minekg_orgs`` (:mod:`.orgs`): organisations → ``doc.spans["org"]``, ``doc._.orgs``.
- ``minekg_practices`` (:mod:`.practices`): practices → ``doc.spans["practice"]``.
- ``minekg_outcomes`` (:mod:`.outcomes`): results → ``doc.spans["outcome"]``.
- ``minekg_links`` (:mod:`.links`): practice → outcome → ``doc._.links``.
"""
from . import common, links, orgs, outcomes, practices, sentences  # noqa: F401
