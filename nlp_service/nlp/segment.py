"""underthesea word segmentation into spaCy ``Doc`` objects whose text is the input, exactly.

underthesea returns words (multi-syllable words keep their inner spaces) but no offsets, and by
default rewrites tone-mark placement ("hoà" → "hòa"); we call it with
``use_token_normalize=False`` on NFC text and align each word back to the text, so every token
has true character offsets and ``doc.text == text`` always holds. Anything the tokenizer changed
anyway falls back to whitespace tokens for that stretch, never to a shifted offset.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc
from spacy.vocab import Vocab


@lru_cache(maxsize=1)
def _vocab() -> Vocab:
    return Vocab()


def _word_tokenize(text: str) -> list[str]:
    # Imported lazily: underthesea loads its CRF model at import (~0.3 s, ~125 MB); CLI commands
    # that never segment (schema, deadline) should not pay for it.
    from underthesea import word_tokenize

    words: list[str] = word_tokenize(text, use_token_normalize=False)
    return words


def align(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Character spans of ``words`` in ``text``; unmatched stretches become whitespace tokens."""
    spans: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    for word in words:
        while pos < n and text[pos].isspace():
            pos += 1
        if text.startswith(word, pos):
            spans.append((pos, pos + len(word)))
            pos += len(word)
            continue
        found = text.find(word, pos, pos + len(word) + 20)
        if found < 0:
            continue  # the tokenizer rewrote this word: its text is covered by the fallback below
        _whitespace_tokens(text, pos, found, spans)
        spans.append((found, found + len(word)))
        pos = found + len(word)
    _whitespace_tokens(text, pos, n, spans)
    return spans


def _whitespace_tokens(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    i = start
    while i < end:
        while i < end and text[i].isspace():
            i += 1
        j = i
        while j < end and not text[j].isspace():
            j += 1
        if j > i:
            out.append((i, j))
        i = j


def to_doc(text: str) -> Doc:
    """Segment ``text`` (NFC) into a spaCy Doc with ``doc.text == text``."""
    if not text.strip():
        return Doc(_vocab(), words=[text] if text else [], spaces=[False] if text else [])
    spans = align(text, _word_tokenize(text))
    return doc_from_spans(text, spans)


def doc_from_spans(text: str, spans: list[tuple[int, int]]) -> Doc:
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    lead = ""
    for start, end in spans:
        gap = text[pos:start]
        if words:
            if gap == " ":
                spaces[-1] = True
            elif gap:
                words.append(gap)  # other whitespace (newlines, double spaces) is a token
                spaces.append(False)
        elif gap:
            lead = gap
            words.append(lead)
            spaces.append(False)
        words.append(text[start:end])
        spaces.append(False)
        pos = end
    if pos < len(text):
        words.append(text[pos:])
        spaces.append(False)
    doc = Doc(_vocab(), words=words, spaces=spaces)
    assert doc.text == text, "segmentation must preserve the text"
    return doc
