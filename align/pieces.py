"""Over-long sentences scored as pieces, and the beads over pieces read back as beads over
the sentences.

A sentence longer than ``LONGEST_SENTENCE`` characters (a PDF's text layer, OCR output or
a minified page without sentence marks: tens of thousands of characters on one line) is
scored as pieces of at most ``PIECE`` characters, cut at clause marks and then at that
length (``corpus.lang.clauses``), so that its pieces can meet the sentences that translate
them, and no step of the aligner grows with the length of one sentence. A bead over pieces becomes a bead over the sentences
they belong to: the beads from the first piece of a sentence to its last merge into one,
with those between them. Outputs keep the sentences as read, each once, whole.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from corpus.beads import Bead
from corpus.document import Side
from corpus.lang.clauses import clause_pieces

# The longest sentence scored whole, in characters: longer than any of MAC-Dev, the Bible
# or the white papers (217 Chinese characters, 578 English ones), and about the same text
# in either language (an English character carries a third of a Chinese one).
LONGEST_SENTENCE = {"zh": 300, "en": 1000}
# The longest piece of a longer one: about a sentence (the pieces of a text without
# sentence marks meet the sentences of its translation in beads of up to four).
PIECE = {"zh": 50, "en": 150}


@dataclass(frozen=True)
class Pieces:
    """A side as the aligner scores it: ``side`` holds the pieces, ``sentence[k]`` the
    sentence piece k belongs to (the identity when no sentence is over-long)."""

    side: Side
    sentence: np.ndarray

    @classmethod
    def of(cls, side: Side) -> Pieces:
        longest, piece = LONGEST_SENTENCE[side.lang], PIECE[side.lang]
        if all(len(s) <= longest for s in side.sentences):
            return cls(side, np.arange(len(side)))
        texts, owners, paragraphs = [], [], []
        for index, sentence in enumerate(side.sentences):
            cut = clause_pieces(sentence, piece) if len(sentence) > longest else [sentence]
            texts.extend(cut)
            owners.extend([index] * len(cut))
            if side.paragraphs:
                paragraphs.extend([side.paragraphs[index]] * len(cut))
        return cls(replace(side, sentences=tuple(texts), paragraphs=tuple(paragraphs)),
                   np.array(owners, dtype=np.int64))


def sentence_beads(spans: tuple[tuple[int, int, int, int], ...], posteriors: np.ndarray,
                   corners: np.ndarray, src: Pieces, tgt: Pieces) -> tuple[Bead, ...]:
    """Beads over sentences from beads over pieces (``spans``: start and size on each side).

    A bead whose pieces are whole sentences keeps its posterior. Beads merged around an
    over-long sentence are right when the alignment passes through the merged bead's two
    corners: its confidence is the lesser posterior of those (``corners[k]``: the
    probability that the alignment passes through the corner before piece bead k).
    """
    src_of, tgt_of = src.sentence.tolist(), tgt.sentence.tolist()
    beads: list[Bead] = []
    group_start = 0
    for k, (si, a, sj, b) in enumerate(spans):
        # The group goes on while a sentence in it has pieces left for the beads after.
        src_end, tgt_end = si + a, sj + b
        if (0 < src_end < len(src_of) and src_of[src_end - 1] == src_of[src_end]) or (
                0 < tgt_end < len(tgt_of) and tgt_of[tgt_end - 1] == tgt_of[tgt_end]):
            continue
        first_i, first_j = spans[group_start][0], spans[group_start][2]
        src_ids = tuple(dict.fromkeys(src_of[first_i:src_end]))
        tgt_ids = tuple(dict.fromkeys(tgt_of[first_j:tgt_end]))
        if group_start == k:
            score = float(posteriors[k])
        else:
            score = float(min(corners[group_start], corners[k + 1]))
        beads.append(Bead(src_ids, tgt_ids, round(score, 4)))
        group_start = k + 1
    return tuple(beads)
