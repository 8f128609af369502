"""Small helpers shared by the extractors.

``Token.sent`` re-checks the whole document's sentence annotation on every call, which
is slow inside loops; :func:`sentence_of` answers from bounds computed once per doc.
"""
from __future__ import annotations

import bisect
import functools


def per_token(fn):
    """Remember ``fn(tok)`` per token of a parsed doc (in ``doc.user_data``): for pure
    functions of the parse that the event stages ask about the same tokens again and
    again ("does this phrase look like an actor?"). The value must be plain data (no
    tokens), so a doc keeps no references to itself."""
    key = f"redline.per_token.{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def cached(tok):
        if tok is None:
            return fn(tok)
        doc = tok.doc
        memo = doc.user_data.get(key)
        if memo is None or memo[0] != len(doc):
            memo = (len(doc), {})
            doc.user_data[key] = memo
        values = memo[1]
        i = tok.i
        if i not in values:
            values[i] = fn(tok)
        return values[i]
    return cached


def sentence_bounds(doc) -> list[tuple[int, int]]:
    """(first token index, end token index) of each sentence, computed once per doc."""
    cached = doc.user_data.get("redline.sent_bounds")
    if cached is None or (cached and cached[-1][1] != len(doc)):
        try:
            cached = [(s.start, s.end) for s in doc.sents]
        except ValueError:  # no sentence boundaries: the whole doc is one sentence
            cached = [(0, len(doc))]
        doc.user_data["redline.sent_bounds"] = cached
    return cached


def sentence_of(tok):
    """The sentence Span containing ``tok`` (like ``tok.sent``, but cheap)."""
    doc = tok.doc
    bounds = sentence_bounds(doc)
    # the first tokens, kept with the bounds they come from (called for most candidates)
    cached = doc.user_data.get("redline.sent_starts")
    if cached is None or cached[0] is not bounds:
        cached = (bounds, [b[0] for b in bounds])
        doc.user_data["redline.sent_starts"] = cached
    k = bisect.bisect_right(cached[1], tok.i) - 1
    s, e = bounds[max(0, k)]
    return doc[s:e]


def doc_text(doc) -> str:
    """``doc.text`` computed once (spaCy rebuilds the string on every access)."""
    cached = doc.user_data.get("redline.text")
    if cached is None or cached[0] != len(doc):
        cached = (len(doc), doc.text)
        doc.user_data["redline.text"] = cached
    return cached[1]


def seed_text(doc, text: str) -> None:
    """Let :func:`doc_text` return ``text``, the string ``doc`` was parsed from, instead
    of rebuilding it from the tokens (a few milliseconds per story); ignored when the
    lengths differ, so a doc parsed from another string is never given it."""
    if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(text):
        doc.user_data["redline.text"] = (len(doc), text)


def token_table(doc) -> tuple[list[int], list[str], list[str]]:
    """(start offsets, texts, trailing whitespace) of the tokens, built once per doc."""
    cached = doc.user_data.get("redline.tokens")
    if cached is None or len(cached[0]) != len(doc):
        starts, words, spaces = [], [], []
        for t in doc:
            starts.append(t.idx)
            words.append(t.text)
            spaces.append(t.whitespace_)
        cached = (starts, words, spaces)
        doc.user_data["redline.tokens"] = cached
    return cached


def token_at(doc, pos: int, within: bool = False):
    """The token that starts at or before character ``pos`` (None before the first).

    With ``within``, only a token that covers ``pos`` or ends just before it (its
    trailing space) counts.
    """
    i = bisect.bisect_right(token_table(doc)[0], pos) - 1
    if not 0 <= i < len(doc):
        return None
    tok = doc[i]
    if within and not tok.idx <= pos < tok.idx + len(tok.text) + 1:
        return None
    return tok


def entity_of(tok):
    """The named entity (a span of ``doc.ents``) that ``tok`` is a word of, or None."""
    if tok.ent_iob_ == "O":
        return None
    return next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)


def is_to_infinitive(tok) -> bool:
    """Is ``tok`` a verb with the infinitive marker "to" ("... *to* withdraw")?"""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


#: the adverbs English uses as verb particles ("step *down*", "pull *out*")
_PARTICLE_ADVERBS = frozenset({"down", "out", "back", "off", "up", "away", "over"})


def is_particle(tok) -> bool:
    """A verb particle: the parser's ``prt``, or a particle it attached as an adverb
    ("pulled *back* its forces": tagged RP, labelled advmod; "has stepped *down* from
    his post": tagged RB, right after its verb)."""
    return tok.dep_ == "prt" or (tok.dep_ == "advmod" and (
        tok.tag_ == "RP" or (tok.i == tok.head.i + 1 and tok.lower_ in _PARTICLE_ADVERBS)))


def actor_head(doc, actor):
    """The syntactic head of an actor's (or any record's) ``start:end`` span in the parse
    (None if it cannot be found)."""
    if doc is None or actor.start is None or actor.end is None or actor.end <= actor.start:
        return None
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None
