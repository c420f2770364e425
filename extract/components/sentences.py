"""``minekg_sentence_openers``: an opening quote or bracket begins the next sentence.

spaCy's ``sentencizer`` keeps every punctuation token that follows a sentence end in the
sentence that ended (right for ``好。”``), so an opening mark went with it too:
``…汇报如下：\\n“`` + ``三心”活动…``. A practice named in quotes then had for its
evidence the sentence before, which does not contain it (found by the property test of
``tests/test_extraction_property.py``). This component, run right after the
sentencizer, moves the opening marks at the end of a sentence to the start of the next.
"""
from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .common import SENT_STARTS_KEY, token_texts

#: Characters that open a quotation or a parenthesis.
OPENERS = frozenset("“‘「『（(《〈【[{")


@Language.component("minekg_sentence_openers", requires=["token.is_sent_start"],
                    assigns=["token.is_sent_start"])
def sentence_openers(doc: Doc) -> Doc:
    """Move the opening marks that end a sentence to the start of the next sentence.

    Args:
        doc: a ``Doc`` with sentence starts set (by the sentencizer).

    Returns:
        The same ``Doc``; a sentence never ends in an opening mark that a next sentence
        could take, and none is left with an opening mark only.
    """
    # Read and written as one array: setting ``token.is_sent_start`` checks the whole
    # document's annotation on each call, which made long articles quadratic.
    flags = doc.to_array([SENT_START]).view("int64")  # -1, 0, 1 (stored as uint64)
    texts = token_texts(doc)
    starts = ((flags[1:] == 1).nonzero()[0] + 1).tolist()  # not a numpy scalar per token
    moved = False
    for s in starts:
        j = s
        # Keep at least one token, and the sentence's own start, before the moved marks.
        while j - 1 > 0 and flags[j - 1] != 1 and _is_opener(texts[j - 1]):
            j -= 1
        if j < s:
            flags[j], flags[s] = 1, -1
            moved = True
    if moved:
        doc.from_array([SENT_START], flags.view("uint64"))
        doc.user_data.pop(SENT_STARTS_KEY, None)  # sentence starts read before are stale
    return doc


def _is_opener(text: str) -> bool:
    return bool(text) and all(ch in OPENERS for ch in text)
