"""The common core of export and import: a lazy stream of ``PairRow``.

Readers produce rows (``DocSource.rows()`` for an OUT_DIR, ``corpus.export.importers`` for
TMX/TSV/Moses/JSONL), filters pass them, writers consume them. Texts are keyed by language
(``en``/``zh``), never by side, because ``bitext align`` detects which side is which.

Reading an OUT_DIR is streaming: beads, sentences and ``pairs.jsonl`` are read line by line in
lockstep (beads partition the sentences in order), so memory does not grow with the document.
When ``pairs.jsonl`` is not in bead order (or is missing), scores and statuses are looked up
from a dict built from it instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from typing import IO, Any

from corpus.beads import STATUSES, bead_kind, parse_bead_line
from corpus.document import LANGUAGES, AlignedDocument, join_sentences
from corpus.errors import InputError
from corpus.lang.script import is_cjk_ideograph
from corpus.lang.variants import SIMPLIFIED, check_script, detect_script, language_tag
from corpus.outdir import ALIGNMENT, META, PAIRS, SRC_SENTS, TGT_SENTS
from corpus.signature import Signature


@dataclass(frozen=True)
class PairRow:
    """One bead as it travels through export: both texts by language, ids, score, status.

    ``src_ids``/``tgt_ids`` are the sentence ids of the aligner's source and target sides;
    ``src_lang`` says which language the source side is; ``zh_script`` which characters the
    Chinese is written in ("Hans" or "Hant"). ``filter_scores`` holds the raw scores of the
    export filters when they are kept (``keep_filter_scores``).
    """

    doc_id: str
    en: str
    zh: str
    src_lang: str = "en"
    src_ids: tuple[int, ...] = ()
    tgt_ids: tuple[int, ...] = ()
    score: float = 0.0
    status: str = "auto"
    zh_script: str = SIMPLIFIED
    filter_scores: Mapping[str, float] = field(default_factory=dict, compare=False)

    @property
    def tgt_lang(self) -> str:
        return "zh" if self.src_lang == "en" else "en"

    @property
    def zh_lang(self) -> str:
        """The Chinese side's BCP 47 tag: "zh-Hans" or "zh-Hant"."""
        return language_tag("zh", self.zh_script)

    @property
    def bead(self) -> str:
        """The bead type, e.g. "1-2" (source sentences - target sentences)."""
        return bead_kind(len(self.src_ids), len(self.tgt_ids))

    @property
    def is_deletion(self) -> bool:
        """True when one language side is empty (a 0-1 / 1-0 bead)."""
        return not self.en or not self.zh

    @property
    def len_ratio(self) -> float:
        """English characters per Chinese character (code points, spaces included).

        0.0 when either side is empty, so deletions never look like a normal ratio.
        """
        if not self.en or not self.zh:
            return 0.0
        return len(self.en) / len(self.zh)

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def to_record(self) -> dict[str, Any]:
        """The row as the datasets/JSONL schema writes it (``translation`` keyed by language)."""
        record: dict[str, Any] = {
            "translation": {"en": self.en, "zh": self.zh},
            "doc_id": self.doc_id,
            "src_lang": self.src_lang,
            "src_ids": list(self.src_ids),
            "tgt_ids": list(self.tgt_ids),
            "bead": self.bead,
            "score": round(self.score, 4),
            "len_ratio": round(self.len_ratio, 4),
            "status": self.status,
            "zh_lang": self.zh_lang,
        }
        for name, value in self.filter_scores.items():
            record[f"filter_{name}"] = value
        return record


def document_rows(doc: AlignedDocument) -> Iterator[PairRow]:
    """The beads of an aligned document in memory as rows, in order."""
    zh_script = (doc.tgt if doc.src.lang == "en" else doc.src).script
    for bead in doc.beads:
        src_text, tgt_text = doc.bead_texts(bead)
        en, zh = (src_text, tgt_text) if doc.src.lang == "en" else (tgt_text, src_text)
        yield PairRow(doc_id=doc.doc_id, en=en, zh=zh, src_lang=doc.src.lang, src_ids=bead.src,
                      tgt_ids=bead.tgt, score=bead.score, status=bead.status,
                      zh_script=zh_script)


@dataclass(frozen=True)
class DocInfo:
    """What is known about an input document before its rows are read."""

    doc_id: str
    src_lang: str
    tgt_lang: str
    signature: Signature
    path: str = ""
    zh_script: str = SIMPLIFIED


def guess_lang(texts: list[str]) -> str:
    """"zh" when most lines with letters are mostly CJK ideographs, else "en" ("" if none)."""
    votes = []
    for text in texts:
        letters = [c for c in text if c.isalpha()]
        if letters:
            votes.append(sum(1 for c in letters if is_cjk_ideograph(c)) * 2 >= len(letters))
    if not votes:
        return ""
    return "zh" if sum(votes) * 2 >= len(votes) else "en"


def _head(path: Path, n: int = 50) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [line.rstrip("\n") for _, line in zip(range(n), fh, strict=False)]


class DocSource:
    """An OUT_DIR of ``bitext align`` opened for a lazy read of its rows."""

    def __init__(self, out_dir: str | Path):
        self.path = Path(out_dir)
        if not self.path.is_dir():
            raise InputError(f"no such output folder: {self.path}")
        missing = [n for n in (SRC_SENTS, TGT_SENTS, ALIGNMENT) if not (self.path / n).is_file()]
        if missing:
            raise InputError(
                f"{self.path} is not a bitext output folder: missing {', '.join(missing)}"
            )
        meta: dict[str, Any] = {}
        if (self.path / META).is_file():
            try:
                meta = json.loads((self.path / META).read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError) as exc:
                raise InputError(f"{self.path / META}: not valid JSON: {exc}") from None
        src_lang = str(meta.get("src", {}).get("lang", "")) or guess_lang(
            _head(self.path / SRC_SENTS)
        )
        tgt_lang = str(meta.get("tgt", {}).get("lang", "")) or guess_lang(
            _head(self.path / TGT_SENTS)
        )
        if src_lang not in LANGUAGES or tgt_lang not in LANGUAGES or src_lang == tgt_lang:
            raise InputError(
                f"{self.path}: cannot tell the languages of the sides "
                f"(src={src_lang or '?'}, tgt={tgt_lang or '?'}); expected one zh and one en"
            )
        zh_side = "src" if src_lang == "zh" else "tgt"
        self.info = DocInfo(
            doc_id=str(meta.get("doc_id") or self.path.name),
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            signature=Signature.from_dict(meta.get("signature", {})),
            path=str(self.path),
            zh_script=self._zh_script(meta.get(zh_side, {}).get("script"),
                                      SRC_SENTS if zh_side == "src" else TGT_SENTS),
        )

    def _zh_script(self, recorded: Any, sentences: str) -> str:
        """The Chinese side's script as meta.json records it, else (an OUT_DIR written before
        scripts were recorded) detected from its sentences, read as a stream."""
        if not recorded:
            with (self.path / sentences).open(encoding="utf-8") as fh:
                return detect_script("zh", (line.rstrip("\n") for line in fh))
        try:
            return check_script("zh", recorded)
        except ValueError as exc:
            raise InputError(f"{self.path / META}: {exc}") from None

    def _pairs_in_bead_order(self) -> bool:
        """True when pairs.jsonl lists exactly the beads of alignment.align, in order."""
        pairs_path = self.path / PAIRS
        if not pairs_path.is_file():
            return False
        with (self.path / ALIGNMENT).open(encoding="utf-8") as beads, pairs_path.open(
            encoding="utf-8"
        ) as pairs:
            bead_lines = (line for line in beads if line.strip())
            pair_lines = (line for line in pairs if line.strip())
            for bead_line, pair_line in zip_longest(bead_lines, pair_lines):
                if bead_line is None or pair_line is None:
                    return False
                bead = parse_bead_line(bead_line)
                try:
                    record = json.loads(pair_line)
                    ids = (tuple(record["src_ids"]), tuple(record["tgt_ids"]))
                except (ValueError, KeyError, TypeError):
                    return False
                if ids != (bead.src, bead.tgt):
                    return False
            return True

    def _pairs_by_ids(self) -> dict[tuple[tuple[int, ...], tuple[int, ...]], tuple[float, str]]:
        found: dict[tuple[tuple[int, ...], tuple[int, ...]], tuple[float, str]] = {}
        pairs_path = self.path / PAIRS
        if not pairs_path.is_file():
            return found
        with pairs_path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    record = json.loads(line)
                    found[(tuple(record["src_ids"]), tuple(record["tgt_ids"]))] = _score_status(
                        record
                    )
        return found

    def rows(self) -> Iterator[PairRow]:
        """The beads of the document as rows, read lazily; checks the partition as it goes."""
        info = self.info
        lockstep = self._pairs_in_bead_order()
        lookup = {} if lockstep else self._pairs_by_ids()
        where = f"{self.path}: alignment does not match the sentence files: "
        with (self.path / ALIGNMENT).open(encoding="utf-8") as beads, (
            self.path / SRC_SENTS
        ).open(encoding="utf-8") as src, (self.path / TGT_SENTS).open(encoding="utf-8") as tgt:
            pairs: IO[str] | None = (self.path / PAIRS).open(encoding="utf-8") if lockstep else None
            try:
                next_src = next_tgt = 0
                for number, line in enumerate(beads, 1):
                    if not line.strip():
                        continue
                    bead = parse_bead_line(line, f"{self.path / ALIGNMENT}:{number}: ")
                    if bead.src != tuple(range(next_src, next_src + len(bead.src))) or (
                        bead.tgt != tuple(range(next_tgt, next_tgt + len(bead.tgt)))
                    ):
                        raise InputError(f"{where}bead {bead.to_line()} is out of order")
                    if not bead.src and not bead.tgt:
                        raise InputError(f"{where}a bead is empty on both sides")
                    next_src += len(bead.src)
                    next_tgt += len(bead.tgt)
                    src_text = join_sentences(_take(src, len(bead.src), where), info.src_lang)
                    tgt_text = join_sentences(_take(tgt, len(bead.tgt), where), info.tgt_lang)
                    if pairs is not None:
                        pair_line = next(pairs)
                        while not pair_line.strip():
                            pair_line = next(pairs)
                        score, status = _score_status(json.loads(pair_line))
                    else:
                        score, status = lookup.get((bead.src, bead.tgt), (0.0, "auto"))
                    en, zh = (src_text, tgt_text) if info.src_lang == "en" else (tgt_text, src_text)
                    yield PairRow(
                        doc_id=info.doc_id,
                        en=en,
                        zh=zh,
                        src_lang=info.src_lang,
                        src_ids=bead.src,
                        tgt_ids=bead.tgt,
                        score=score,
                        status=status,
                        zh_script=info.zh_script,
                    )
                if src.readline() or tgt.readline():
                    raise InputError(f"{where}some sentences are in no bead")
            finally:
                if pairs is not None:
                    pairs.close()


def _take(fh: IO[str], n: int, where: str) -> list[str]:
    out = []
    for _ in range(n):
        line = fh.readline()
        if not line:
            raise InputError(f"{where}a bead refers to a sentence past the end of the file")
        out.append(line.rstrip("\n"))
    return out


def _score_status(record: Mapping[str, Any]) -> tuple[float, str]:
    status = record.get("status", "auto")
    return float(record.get("score", 0.0) or 0.0), status if status in STATUSES else "auto"


def open_sources(paths: list[str | Path]) -> list[DocSource]:
    """Open every OUT_DIR up front, so a bad path fails before anything is written."""
    if not paths:
        raise InputError("no input folders given")
    return [DocSource(path) for path in paths]
