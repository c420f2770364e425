"""Extensions and helpers shared by the components."""
from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span

#: Clause separators inside a sentence.
CLAUSE_SEP = "，,；;：:。！？!?\n"


@dataclass
class OrgInfo:
    """An organisation of one article.

    Attributes:
        name: the preferred (fullest) name as written.
        type: GUIDELINES.md type (Group, Company, Mine, PartyCommittee, PartyBranch,
            Union, YouthLeague, Department, Team, Other).
        aliases: other names the article uses for it.
        parent: the name of the body it belongs to, or ``None``.
    """

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None


@dataclass(frozen=True)
class Quantity:
    """The measured part of an outcome.

    Attributes:
        indicator: the measured quantity (``设备故障率``).
        value: the number, or ``None`` for a qualitative result.
        unit: ``%``, ``万吨``, ``条`` … or ``None``.
        direction: ``increase``, ``decrease``, ``level`` or ``None``.
        year: four-digit year or ``None``.
    """

    indicator: str
    value: float | None = None
    unit: str | None = None
    direction: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class Link:
    """A practice → outcome attribution found in the text.

    Attributes:
        practice: the practice span.
        outcome: the outcome span.
        org: the name of the organisation that applies the practice there.
        sentence: the sentence that states it (the outcome's sentence).
        rule: which rule made the link (``same-sentence``, ``part-of``, ``refers-back``).
    """

    practice: Span
    outcome: Span
    org: str
    sentence: Span
    rule: str


def register_extensions() -> None:
    """Register the ``Doc`` and ``Span`` extensions once per process."""
    doc_ext = {"affiliation": "", "co_units": (), "title": "", "orgs": None, "subject": "", "links": None}
    for name, default in doc_ext.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    # ``chars``: the exact character range a rule found, which may be narrower or wider
    # than the span's tokens when jieba cut a word across the boundary.
    span_ext = {"canonical": "", "rule": "", "org": "", "part_of": None, "modality": "reported",
                "quantity": None, "chars": None}
    for name, default in span_ext.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


register_extensions()

#: The default of each ``Span`` extension of :func:`register_extensions`.
_SPAN_DEFAULTS = {name: Span.get_extension(name)[0]
                  for name in ("canonical", "rule", "org", "part_of", "modality", "quantity", "chars")}


def span_ext(span: Span, name: str):
    """``span._.<name>`` for an extension of :func:`register_extensions`, read where spaCy
    keeps it: ``doc.user_data[("._.", name, start_char, end_char)]`` (spaCy 3.8,
    ``Underscore._get_key``), else the default.

    ``span._`` makes an Underscore object on every access and reads the value through its
    ``__getattr__`` (2.2 µs a read, against 0.4 µs here); the pipeline reads each practice's
    name, rule and part some twenty times, half a million reads per 300 papers.
    ``tests/test_fast_paths.py`` holds it to what ``span._`` reads.
    """
    return span.doc.user_data.get(("._.", name, span.start_char, span.end_char), _SPAN_DEFAULTS[name])


def set_span_ext(span: Span, **values) -> None:
    """``span._.<name> = value`` for each ``name=value`` (:func:`span_ext`), without the
    Underscore object.

    Raises:
        AttributeError: a name is not an extension of :func:`register_extensions`.
    """
    user_data, start, end = span.doc.user_data, span.start_char, span.end_char
    for name, value in values.items():
        if name not in _SPAN_DEFAULTS:
            raise AttributeError(f"no span extension {name!r}")
        user_data[("._.", name, start, end)] = value


#: ``doc.user_data`` keys of the text and of the token texts, set by the tokenizer
#: (:class:`extract.pipeline.JiebaTokenizer`) when its words make up the text exactly.
TEXT_KEY = "minekg_text"
WORDS_KEY = "minekg_words"


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per document.

    spaCy rebuilds ``doc.text`` from every token on each access (a Token object a
    token); the components read it seven times an article, a quarter of the extraction
    time. The tokenizer keeps the text it was given in ``doc.user_data``.
    """
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def token_texts(doc: Doc) -> list[str]:
    """``[t.text for t in doc]``, without a Token object per token: the tokenizer's words
    when it kept them (reading them back through spaCy took 2 % of the extraction)."""
    words = doc.user_data.get(WORDS_KEY)
    if words is None:
        words = doc.user_data.get("minekg_token_texts")
        if words is None:
            words = doc.user_data["minekg_token_texts"] = [t.text for t in doc]
    return words


def token_starts(doc: Doc) -> list[int]:
    """``[t.idx for t in doc]``: the character offset of every token, from the token
    texts (the tokenizer puts no space after a token; a ``Doc`` with spaces is read
    through spaCy)."""
    starts = doc.user_data.get("minekg_starts")
    if starts is None:
        if WORDS_KEY in doc.user_data:
            starts = list(accumulate(map(len, doc.user_data[WORDS_KEY]), initial=0))[:-1]
        else:
            starts = [t.idx for t in doc]
        doc.user_data["minekg_starts"] = starts
    return starts


class Found:
    """Where a :class:`Literal` was found: ``start()``, ``end()`` and ``group()`` as on
    an ``re.Match``."""

    __slots__ = ("_start", "_end", "_text")

    def __init__(self, start: int, end: int, text: str):
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, index: int = 0) -> str:
        if index:
            raise IndexError("no such group")
        return self._text


class Literal:
    """Words to find as written, with the ``finditer`` of a compiled pattern
    (non-overlapping, left to right) by ``str.find``.

    The organisation rules look for every name of every article: handed to
    ``re.finditer`` as escaped strings, they were compiled anew for each article and
    filled the ``re`` module's cache of 512 patterns, so the components' own patterns
    were compiled again too (900 compiles per 30 articles, 5 % of the extraction).
    """

    __slots__ = ("words",)

    def __init__(self, words: str):
        self.words = words

    def finditer(self, text: str):
        """The non-overlapping occurrences of the words in ``text``, as :class:`Found`."""
        words, n = self.words, len(self.words)
        if not n:  # what re finds for an empty pattern: every position
            yield from re.finditer("", text)
            return
        i = text.find(words)
        while i >= 0:
            yield Found(i, i + n, words)
            i = text.find(words, i + n)


def literal(words: str) -> Literal:
    """:class:`Literal` ``words``: ``literal(w).finditer(text)`` finds what
    ``re.finditer(re.escape(w), text)`` finds, without compiling a pattern."""
    return Literal(words)


def word_alternation(words: Iterable[str]) -> str:
    """A pattern that matches what ``"|".join(map(re.escape, words_longest_first))``
    matches, written as a trie: ``降(?:低(?:了)?|至)`` for 降, 降低, 降低了, 降至.

    At a position both match the longest word that starts there, and on backtracking the
    shorter ones in order (the words that match at one position are prefixes of each
    other), so the trie may stand for the flat alternation inside a larger pattern too.
    ``re`` tries every branch of a flat alternation at each position a word may start;
    over the 101 result phrases' 240 words it took 14 µs a sentence, the trie 6 µs.

    Args:
        words: the words (at least one; none empty).

    Returns:
        The pattern's source, an alternation at its top level (to be put in a group
        inside a larger pattern).

    Raises:
        ValueError: no word, or an empty one.
    """
    trie: dict = {}
    for word in words:
        if not word:
            raise ValueError("an empty word in an alternation of words")
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    if not trie:
        raise ValueError("no word for an alternation of words")

    def suffixes(node: dict) -> str:
        # the longer words first (a greedy optional group), then the word that ends here
        branches = [re.escape(ch) + suffixes(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if "" not in node:
            return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + "|".join(branches) + ")?"

    return "|".join(re.escape(ch) + suffixes(child) for ch, child in sorted(trie.items()))


def ordered_alternation(words: Iterable[str]) -> str:
    """A pattern that matches what ``"|".join(map(re.escape, words))`` matches, the words
    tried in the order given: as a trie (:func:`word_alternation`) when that order tries
    a word before every word that is a prefix of it (``制度体系`` before ``制度``) — the
    order of the trie, which tries the words that match at a position longest first —
    else as the words joined (another order may match otherwise).

    Raises:
        ValueError: no word, or an empty one.
    """
    words = list(dict.fromkeys(words))  # a word given twice is tried once
    for k, word in enumerate(words):
        if any(word.startswith(earlier) for earlier in words[:k]):
            return "|".join(map(re.escape, words))  # a prefix first: its order decides
    return word_alternation(words)


#: The most strings a run of literal items is spelt out as (:func:`required_words`).
_MAX_ALTERNATIVES = 8


def required_words(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Words one of which every match of ``pattern`` contains, read from its parsed form,
    or ``None`` when the pattern has none to offer.

    Sound by construction: a literal run of the top-level sequence, of a group, or of
    the body of a repetition of at least one is in every match; for an alternation, the
    words of every branch together (each branch must have some). A run takes in a class
    of characters or an alternation of words made of literals only, spelt out: every
    match holds one of ``为零, 为0`` (``为(?:零|0)``), rarer than ``为``; at most
    :data:`_MAX_ALTERNATIVES` strings. Lookarounds, other classes, optional parts and
    case-insensitive patterns offer nothing. Of the sets found
    (:func:`required_word_sets`), the one whose shortest word is longest is kept.
    """
    return _best(required_word_sets(pattern))


def required_word_sets(pattern: re.Pattern) -> list[tuple[str, ...]]:
    """Every set of words that :func:`required_words` chooses from: each is sound on its
    own (every match of ``pattern`` holds one of its words), so a text that lacks all the
    words of any one of them is not matched. ``[]`` when the pattern offers none."""
    from re import _constants as c, _parser  # the parser of the re module itself

    if pattern.flags & re.IGNORECASE:
        return []

    def alternatives(op, av) -> list[str] | None:
        # The strings an item matches when it is made of literals only: a character, a
        # class of characters (为[零0]), an alternation of words, a group of them.
        if op is c.LITERAL:
            return [chr(av)]
        if op is c.IN:
            return [chr(v) for _, v in av] if all(o is c.LITERAL for o, _ in av) else None
        if op is c.SUBPATTERN:
            _, add_flags, _, sub = av
            return None if add_flags & c.SRE_FLAG_IGNORECASE else sequence(sub)
        if op is c.BRANCH:
            words: list[str] = []
            for branch in av[1]:
                alts = sequence(branch)
                if alts is None:
                    return None
                words += alts
            return words
        return None

    def sequence(seq) -> list[str] | None:
        words = [""]
        for op, av in seq:
            alts = alternatives(op, av)
            if alts is None or len(words) * len(alts) > _MAX_ALTERNATIVES:
                return None
            words = [w + a for w in words for a in alts]
        return words

    def sets(seq) -> list[tuple[str, ...]]:
        out: list[tuple[str, ...]] = []
        # The strings the run of literal items so far can be: one, or each of a few when
        # a class or an alternation of words is part of it (全部通过|均通过).
        run: list[str] = [""]
        for op, av in seq:
            alts = alternatives(op, av)
            if alts is not None and len(run) * len(alts) <= _MAX_ALTERNATIVES:
                run = [w + a for w in run for a in alts]
                continue
            if run != [""]:
                out.append(tuple(dict.fromkeys(run)))
            run = [""]
            if alts is not None and len(alts) <= _MAX_ALTERNATIVES:
                run = alts
            elif op is c.SUBPATTERN:
                _, add_flags, _, sub = av
                if not add_flags & c.SRE_FLAG_IGNORECASE:
                    out += sets(sub)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
                out += sets(av[2])
            elif op is c.BRANCH:
                words: list[str] = []
                for branch in av[1]:
                    best = _best(sets(branch))
                    if best is None:
                        break
                    words += best
                else:
                    out.append(tuple(dict.fromkeys(words)))
        if run != [""]:
            out.append(tuple(dict.fromkeys(run)))
        return out

    try:
        found = sets(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # an unknown form of the parser: no shortcut, the pattern still works
        return []
    return [ws for ws in found if ws and all(ws)]


def _max_width(pattern: re.Pattern) -> int | None:
    """The most characters a match of ``pattern`` can span, or ``None`` when unbounded."""
    from re import _constants as c, _parser

    try:
        hi = _parser.parse(pattern.pattern, pattern.flags).getwidth()[1]
    except Exception:  # an unknown form of the parser: no shortcut
        return None
    return hi if hi < c.MAXREPEAT else None


def leading_words(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Words one of which every match of ``pattern`` starts with, read from its parsed
    form, or ``None`` when the pattern has none to offer.

    Sound by construction: zero-width assertions at the start (``^``, lookarounds) are
    passed over, since the match's first characters are those of what follows; a
    literal run gives itself; a group or a repetition of at least one, the words of
    its body; an alternation, the words of every branch together (each must have some).
    Anything else first (a class, an optional part, a backreference) or a
    case-insensitive pattern offers nothing.
    """
    from re import _constants as c, _parser

    if pattern.flags & re.IGNORECASE:
        return None
    zero_width = (c.AT, c.ASSERT, c.ASSERT_NOT)

    def empty(op, av) -> bool:  # a zero-width item, or an alternation of them: (?:^|(?<=，))
        return op in zero_width or (op is c.BRANCH and all(all(empty(*i) for i in b) for b in av[1]))

    def lead(seq) -> list[str] | None:
        items = list(seq)
        k = 0
        while k < len(items) and empty(*items[k]):
            k += 1
        if k == len(items):
            return None
        op, av = items[k]
        if op is c.LITERAL:
            run = []
            while k < len(items) and items[k][0] is c.LITERAL:
                run.append(chr(items[k][1]))
                k += 1
            return ["".join(run)]
        if op is c.SUBPATTERN:
            _, add_flags, _, sub = av
            return None if add_flags & c.SRE_FLAG_IGNORECASE else lead(sub)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            return lead(av[2])
        if op is c.BRANCH:
            words: list[str] = []
            for branch in av[1]:
                w = lead(branch)
                if not w:
                    return None
                words += w
            return words
        return None

    try:
        words = lead(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # an unknown form of the parser: no shortcut, the pattern still works
        return None
    return tuple(dict.fromkeys(words)) if words and all(words) else None


def _best(candidates: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    best = max(candidates, key=lambda ws: (min(map(len, ws)), -len(ws)), default=None)
    return best if best and min(map(len, best)) > 0 else None


class Quick:
    """A compiled pattern that is tried only on a text holding one of its
    :func:`required_words`: most clauses hold none of a rule's words, and ``str``'s
    ``in`` answers that faster than the pattern can, which starts again at every
    character (``[^，,。；;]{0,8}安全…``).

    Args:
        pattern: a compiled pattern; :meth:`search` and :meth:`match` return what its
            own do.
    """

    __slots__ = ("pattern", "words", "width", "lead", "rest")

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        word_sets = required_word_sets(pattern)
        self.words = _best(word_sets)
        # The other sets of words every match holds (常态化通过…复审: 通过, and one of 复审,
        # 复评, 达标验收), for :meth:`holds_rest`.
        self.rest = tuple(dict.fromkeys(ws for ws in word_sets if ws != self.words))
        self.width = _max_width(pattern)
        # The words a match starts with, as one alternation (longest first): re scans for
        # it only at the characters that begin one (a charset prefix), in C.
        lead = leading_words(pattern)
        self.lead = re.compile(word_alternation(lead)) if lead else None

    def holds_rest(self, text: str) -> bool:
        """False when ``text`` lacks every word of one of :attr:`rest`: the pattern cannot
        match it. For a text that holds one of :attr:`words` already (a candidate of
        :meth:`QuickIndex.candidates`), where a common word (通过) chose the pattern and a
        rarer one it also needs is missing."""
        for ws in self.rest:
            for w in ws:
                if w in text:
                    break
            else:
                return False
        return True

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        """``pattern.search(text, pos, endpos)``: the words looked for between ``pos`` and
        ``endpos``, where a match's own characters lie (lookarounds give no word)."""
        words = self.words
        if pos or endpos is not None:
            end = len(text) if endpos is None else endpos
            if words:
                for w in words:
                    if text.find(w, pos, end) >= 0:
                        return self.pattern.search(text, pos, end)
                return None
            return self.pattern.search(text, pos, end)
        if words:
            for w in words:  # a loop, not any(): this runs for each rule on each clause
                if w in text:
                    return self.pattern.search(text)
            return None
        return self.pattern.search(text)

    def finditer(self, text: str):
        """``pattern.finditer(text)``.

        When the words are rare in ``text`` and the pattern's matches are at most
        :attr:`width` characters long, only the starts close enough before an occurrence
        to reach it are tried (a match holds a word, so it starts at most ``width - len(word)``
        characters before it): ``LEGAL_RE`` expands up to 24 characters at every Chinese
        character of an article, while its words occur a few times.
        """
        if self.lead is not None:
            return self._starting(text)
        words = self.words
        if not words:
            return self.pattern.finditer(text)
        found = [(i, len(w)) for w in words for i in occurrences(text, w)]
        if not found:
            return iter(())
        if self.width is None or len(found) * self.width * 8 > len(text):
            return self.pattern.finditer(text)  # words everywhere: re scans faster
        return self._near(text, found)

    def _starting(self, text: str):
        """``pattern.finditer(text)`` for a pattern whose every match starts with one of
        its :func:`leading_words`: tried only where one begins (every such place, words
        that overlap included), ``unit_re`` of the organisations and ``TRADE_NAME_RE``
        started again at every character of an article."""
        search, match, end = self.lead.search, self.pattern.match, 0
        found = search(text)
        while found is not None:
            at = found.start()
            # What finditer tries at ``at``, after the last match (``_near``).
            if at >= end and (m := match(text, at)) is not None:
                yield m
                end = m.end()  # never empty: a match starts with a word
            found = search(text, max(at + 1, end))

    def _near(self, text: str, found: list[tuple[int, int]]):
        starts = sorted({s for at, n in found for s in range(max(0, at + n - self.width), at + 1)})
        match, end = self.pattern.match, 0
        for s in starts:
            # What finditer tries at s, after the last match: match(text, s) sees the text
            # before s too (lookbehind), and ^ holds only where it holds for finditer.
            if s >= end and (m := match(text, s)) is not None:
                yield m
                end = m.end()  # never empty: a match holds a word

    def match(self, text: str) -> re.Match | None:
        """``pattern.match(text)``."""
        words = self.words
        if words:
            for w in words:
                if w in text:
                    return self.pattern.match(text)
            return None
        return self.pattern.match(text)


def finditer_ending_at(pattern: re.Pattern, text: str, ends: Iterable[int]):
    """``pattern.finditer(text)`` for a pattern whose every match ends at one of the
    offsets ``ends``: tried only at the starts close enough before one, the way
    :meth:`Quick.finditer` tries the starts close before a word. For a pattern that ends
    with a lookahead (``…(?=\\d+人)``): the offsets where the lookahead holds.

    Args:
        pattern: a compiled pattern that never matches an empty text.
        text: the text searched.
        ends: character offsets, every place a match may end (more do no harm).

    Returns:
        The matches ``pattern.finditer(text)`` returns, in order.

    Raises:
        ValueError: a match of ``pattern`` may be empty.
    """
    low, width = _widths(pattern)
    if low == 0:
        raise ValueError(f"a match of {pattern.pattern!r} may be empty")
    if width is None:
        yield from pattern.finditer(text)
        return
    starts = sorted({s for e in ends for s in range(max(0, e - width), e - low + 1)})
    match, end = pattern.match, 0
    for s in starts:
        # What finditer tries at s, after the last match (Quick._near).
        if s >= end and (m := match(text, s)) is not None:
            yield m
            end = m.end()


def occurrences(text: str, word: str) -> list[int]:
    """Every offset where ``word`` starts in ``text``, in order, overlapping ones included
    (``aa`` in ``aaa``: 0 and 1)."""
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def finditer_starting_at(pattern: re.Pattern, text: str, starts: Iterable[int]):
    """``pattern.finditer(text)`` for a pattern whose every match starts at one of the
    offsets ``starts`` (sorted; more do no harm): tried only there, as
    :func:`finditer_ending_at` tries only the starts before its ends. For a pattern that
    opens with a lookbehind or ``^`` that re would try at every character.

    Raises:
        ValueError: a match of ``pattern`` may be empty.
    """
    if _widths(pattern)[0] == 0:
        raise ValueError(f"a match of {pattern.pattern!r} may be empty")
    match, end = pattern.match, 0
    for s in starts:
        # What finditer tries at s, after the last match (Quick._near).
        if s >= end and (m := match(text, s)) is not None:
            yield m
            end = m.end()


@functools.lru_cache(maxsize=64)
def _widths(pattern: re.Pattern) -> tuple[int, int | None]:
    """The fewest and the most characters a match of ``pattern`` spans (``None``:
    unbounded, or unknown)."""
    from re import _constants as c, _parser

    try:
        lo, hi = _parser.parse(pattern.pattern, pattern.flags).getwidth()
    except Exception:  # an unknown form of the parser: no shortcut
        return 1, None
    return lo, (hi if hi < c.MAXREPEAT else None)


def any_words(patterns: list[Quick]) -> re.Pattern | None:
    """A pattern that finds any of the :func:`required_words` of ``patterns``: a text
    where it finds nothing is matched by none of them (``None`` when one pattern has no
    words, so that every text must be tried)."""
    words: set[str] = set()
    for quick in patterns:
        if not quick.words:
            return None
        words.update(quick.words)
    return re.compile(word_alternation(words))


class QuickIndex:
    """The patterns of a list of :class:`Quick` that a text can match: those without
    :attr:`Quick.words` and those one of whose words the text holds, in the list's order.

    A text is scanned once for the words of all the patterns, where asking each pattern
    for its own words scans it once a pattern: the 101 result phrases of
    :mod:`extract.components.outcomes` were each asked on every clause that held a word
    of one of them, and 2 of them held theirs on average (4 % of the extraction).

    Args:
        patterns: the patterns, in the order they are to be tried.
    """

    __slots__ = ("patterns", "_always", "_without_words", "_words_re", "_of", "words")

    @property
    def without_words(self) -> list[Quick]:
        """The patterns that have no words (tried on every text)."""
        return self._without_words

    def __init__(self, patterns: Iterable[Quick]):
        self.patterns = list(patterns)
        self._always = frozenset(k for k, quick in enumerate(self.patterns) if not quick.words)
        self._without_words = [quick for quick in self.patterns if not quick.words]
        by_word: dict[str, set[int]] = {}
        for k, quick in enumerate(self.patterns):
            for w in quick.words or ():
                by_word.setdefault(w, set()).add(k)
        # Where the scan finds a word, the words that are its prefixes are there too (the
        # scan reports only the longest word that starts at a character).
        self._of = {w: frozenset(k for p, ks in by_word.items() if w.startswith(p) for k in ks) for w in by_word}
        self.words = frozenset(by_word)  # every word of every pattern
        # (the longest word that starts at a character: a trie, common.word_alternation)
        self._words_re = re.compile(word_alternation(by_word)) if by_word else None

    def candidates(self, text: str) -> list[Quick]:
        """The patterns that may match ``text`` (the others cannot: none of their
        words is in it), in the order of the list; a list not to be changed."""
        if self._words_re is None:
            return self.patterns  # none has words
        search = self._words_re.search
        m = search(text)
        if m is None:  # most texts: no word at all
            return self._without_words
        found, of = set(self._always), self._of
        while m is not None:  # every place a word starts, overlapping words included
            found |= of[m.group()]
            m = search(text, m.start() + 1)
        patterns = self.patterns
        return [patterns[k] for k in sorted(found)]

    def places(self, text: str) -> tuple[list[int], list[str]] | None:
        """Every place a word starts in ``text`` and the longest word there, as
        :meth:`candidates` scans ``text``: ``(starts, words)``, for :meth:`candidates_in`
        (``None`` when no pattern has words)."""
        if self._words_re is None:
            return None
        starts, words = [], []
        search = self._words_re.search
        m = search(text)
        while m is not None:
            starts.append(m.start())
            words.append(m.group())
            m = search(text, m.start() + 1)
        return starts, words

    def candidates_in(self, places: tuple[list[int], list[str]] | None, start: int, end: int) -> list[Quick]:
        """``candidates(text[start:end])`` from ``places(text)``: one scan of a sentence
        for all its clauses. Exact when no word holds a character found at ``start - 1``
        or at ``end`` (a clause's separator or a space), so that the longest word at a
        place inside is the same in the part as in the whole."""
        if places is None:
            return self.patterns  # none has words
        starts, words = places
        i, j = bisect_left(starts, start), bisect_left(starts, end)
        if i == j:
            return self._without_words
        found, of = set(self._always), self._of
        for w in words[i:j]:
            found |= of[w]
        patterns = self.patterns
        return [patterns[k] for k in sorted(found)]


def char_span(doc: Doc, start: int, end: int, label: str = "") -> Span | None:
    """A span for the characters ``[start, end)``, snapped to token boundaries.

    Tries an exact match, then the largest span inside, then the smallest around.
    Returns ``None`` for an empty range.
    """
    if end <= start:
        return None
    if WORDS_KEY in doc.user_data:
        # The tokens tile the text (no spaces): [start, end) is aligned when start is a
        # token's start and end the next token's start or the text's end, and the span
        # is then the one "strict" makes, without its two Token objects and lookups.
        starts = token_starts(doc)
        i = bisect_left(starts, start)
        if i < len(starts) and starts[i] == start:
            j = bisect_left(starts, end, i)
            if starts[j] == end if j < len(starts) else end == len(doc.user_data[TEXT_KEY]):
                return Span(doc, i, j, label=label)
    for mode in ("strict", "contract", "expand"):
        span = doc.char_span(start, end, label=label, alignment_mode=mode)
        if span is not None and len(span) > 0:
            return span
    return None


def token_ends(doc: Doc) -> set[int]:
    """The character offsets where a token ends (``{t.idx + len(t) for t in doc}``)."""
    if WORDS_KEY in doc.user_data:  # no space after a token: the running sums of lengths
        return set(accumulate(map(len, doc.user_data[WORDS_KEY])))
    return {start + len(word) for start, word in zip(token_starts(doc), token_texts(doc))}


class TokenEnds:
    """:func:`token_ends` as a container for ``in`` alone, tested by bisection over
    :func:`token_starts`: an article asks some thirty places whether a token ends there,
    and the set of every end (1,900 a paper) cost more than all the questions.

    When the tokens tile the text (no spaces), the ends are every start but the first
    one, and the text's end: ``{starts[1], …, starts[-1], len(text)}`` — the running sums
    of the token lengths that :func:`token_ends` makes. Otherwise the set itself.
    ``tests/test_fast_paths.py`` holds it to :func:`token_ends`.
    """

    __slots__ = ("_starts", "_n", "_set")

    def __init__(self, doc: Doc):
        if WORDS_KEY in doc.user_data:
            self._starts, self._set = token_starts(doc), None
            self._n = len(doc.user_data[TEXT_KEY]) if self._starts else None  # no token: no end
        else:
            self._starts, self._n, self._set = (), None, token_ends(doc)

    def __contains__(self, pos: int) -> bool:
        if self._set is not None:
            return pos in self._set
        if pos == self._n:
            return True
        return in_sorted(self._starts, pos, 1)  # (from 1: the first start ends no token)


def in_sorted(values: Sequence[int], x: int, lo: int = 0) -> bool:
    """``x in values[lo:]`` for ``values`` sorted, by bisection: no set made to ask a few
    places (a token's start or end among an article's 1,900, :func:`token_starts`)."""
    k = bisect_left(values, x, lo)
    return k < len(values) and values[k] == x


def sentence_of(doc: Doc, offset: int) -> Span:
    """The sentence that contains character ``offset`` (clamped to the text)."""
    starts = token_starts(doc)
    i = max(0, min(len(doc) - 1, bisect_right(starts, offset) - 1))
    return sentence_at(doc, i)


#: ``doc.user_data`` key of the span groups read (:func:`span_group`).
GROUPS_KEY = "minekg_groups"


def span_group(doc: Doc, name: str) -> list[Span]:
    """``list(doc.spans.get(name, []))``, made once per span group and shared by its readers:
    a span group makes a new ``Span`` object for every item on every iteration (some
    9,000 instructions a span), and the practices, results and organisations were read
    two to three times each, by the results, the links and the record. A group set anew
    (``doc.spans[name] = …``) is a new object, read anew.

    Returns:
        The spans in the group's order: a list not to be changed, whose spans are not to
        be changed either (``label_``), since the next reader gets the same objects.
    """
    group = doc.spans.get(name)
    if group is None:
        return []
    cache = doc.user_data.get(GROUPS_KEY)
    if cache is None:
        cache = doc.user_data[GROUPS_KEY] = {}
    hit = cache.get(name)
    if hit is not None and hit[0] is group and len(hit[1]) == len(group):
        return hit[1]
    spans = list(group)
    cache[name] = (group, spans)  # (the group itself kept: its identity is the test above)
    return spans


#: ``doc.user_data`` key of the sentence starts (:func:`sentence_starts`).
SENT_STARTS_KEY = "minekg_sent_starts"


def sentence_starts(doc: Doc) -> list[int]:
    """The indices of the tokens that start a sentence (``is_sent_start``), read once per
    document: to be read only once the sentences are final (after
    ``minekg_sentence_openers``, which drops what was read before it)."""
    starts = doc.user_data.get(SENT_STARTS_KEY)
    if starts is None:
        flags = doc.to_array([SENT_START]).view("int64")  # -1, 0, 1 (stored as uint64)
        starts = doc.user_data[SENT_STARTS_KEY] = (flags == 1).nonzero()[0].tolist()
    return starts


#: ``doc.user_data`` key of the sentences (:func:`sentences`).
SENTS_KEY = "minekg_sents"


def sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, made once per document and shared by the components: spaCy
    makes every sentence's ``Span`` (two ``Token`` objects each) again on each walk of
    ``doc.sents``, which the components took three times an article, and ``sent_of`` made
    one per call (150,000 spans per 300 papers). To be read only once the sentences are
    final, as :func:`sentence_starts`.

    Returns:
        The sentences in order, as ``doc.sents`` yields them (a list not to be changed).
    """
    sents = doc.user_data.get(SENTS_KEY)
    if sents is None:
        n = len(doc)
        # As spaCy 3.8's Doc.sents: the first sentence from token 0, a new one at each start.
        bounds = [0] + [s for s in sentence_starts(doc) if s > 0]
        sents = [Span(doc, a, b) for a, b in zip(bounds, bounds[1:] + [n])] if n else []
        doc.user_data[SENTS_KEY] = sents
    return sents


def sentence_at(doc: Doc, i: int) -> Span:
    """``doc[i].sent`` (as spaCy 3.8's ``Span.sent`` finds it: from the last sentence start
    at or before token ``i`` to the next one after it) by bisection over
    :func:`sentence_starts`; spaCy walks the tokens back and forth on every call, a fifth
    of the time of ``PracticeRecognizer._part_of``. The span of :func:`sentences`, not a
    new one, when token 0 starts a sentence (as the sentencizer sets it)."""
    starts = sentence_starts(doc)
    k = bisect_right(starts, i)
    if k and starts[0] == 0 and i < len(doc):
        return sentences(doc)[k - 1]
    # Span(doc, a, b) is what doc[a:b] makes, without its slice normalised in Python
    # (0.8 against 2.2 µs a span).
    return Span(doc, starts[k - 1] if k else 0, starts[k] if k < len(starts) else len(doc))


def sent_of(span: Span) -> Span:
    """``span.sent``: the sentence of the span's first token (:func:`sentence_at`)."""
    return sentence_at(span.doc, span.start)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``[start, end)``: up to the nearest separators either side."""
    s = start
    while s > 0 and text[s - 1] not in CLAUSE_SEP:
        s -= 1
    e = end
    while e < len(text) and text[e] not in CLAUSE_SEP:
        e += 1
    return s, e


YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")


def year_in(text: str) -> int | None:
    """The first four-digit year written as ``2024年`` in ``text``."""
    m = YEAR_RE.search(text)
    return int(m.group(1)) if m else None


def in_order(form: str, name: str) -> bool:
    """True when the characters of ``form`` occur in ``name`` in order (``联保`` in
    ``党员安全联保机制``): Chinese short forms keep characters of the full name."""
    it = iter(name)
    return all(ch in it for ch in form)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when two character ranges share a character."""
    return a[0] < b[1] and b[0] < a[1]


def starting_in(spans: list, starts: list[int], lo: int, hi: int) -> list:
    """The spans whose token start is in ``[lo, hi)``: ``spans`` sorted by start,
    ``starts`` their starts. A sentence's spans by bisection rather than by a scan of the
    document's (a scan per sentence made long articles quadratic)."""
    return spans[bisect_left(starts, lo):bisect_left(starts, hi)]


class Intervals:
    """Character ranges that do not overlap, kept sorted, for the longest-first choice
    of spans: :meth:`overlaps` by bisection instead of a scan of every range taken."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` overlaps a range added before."""
        k = bisect_right(self.starts, start)
        return (k > 0 and self.ends[k - 1] > start) or (k < len(self.starts) and self.starts[k] < end)

    def add(self, start: int, end: int) -> None:
        """Add ``[start, end)`` (it must not overlap one added before)."""
        k = bisect_right(self.starts, start)
        self.starts.insert(k, start)
        self.ends.insert(k, end)

