"""The offline default encoder: CC-CEDICT glosses of the Chinese side matched against English.

Its signals, stacked: dictionary coverage of each sentence by the window opposite
(``align.encoders.coverage``, over the bags of ``align.encoders.bags``; it ranks candidate
translations, and after a first alignment learns the document's own lexicon), and whether two
windows begin and end alike (``align.encoders.speech``).
"""

from __future__ import annotations

import logging

from align.encoders.bags import document_bags
from align.encoders.base import Encoder, StackedFeatures
from align.encoders.coverage import LexicalFeatures
from align.encoders.speech import SpeechFeatures
from corpus.document import Side
from corpus.lang.cedict import cedict_date
from corpus.lang.cues import speech_marks

logger = logging.getLogger(__name__)


class LexicalEncoder(Encoder):
    """CC-CEDICT + jieba coverage encoder (offline, no model)."""

    name = "lexical"

    @property
    def model_id(self) -> str:
        return f"cc-cedict-{cedict_date()}"

    def features(self, src: Side, tgt: Side) -> StackedFeatures:
        zh, en = (src, tgt) if src.lang == "zh" else (tgt, src)
        bags = document_bags(zh.sentences, en.sentences)
        logger.debug("lexical features: %d zh units, %d en terms", *bags.lexicon.shape)
        coverage = LexicalFeatures(bags, zh_is_src=src.lang == "zh")
        speech = SpeechFeatures(
            [speech_marks(s) for s in src.sentences], [speech_marks(s) for s in tgt.sentences]
        )
        return StackedFeatures((coverage, speech))
