"""Split evaluation: re-split gold sentence files and score the sentence boundaries.

For each chapter (``DATA/mac-dev/{zh,en}/NNN``, one gold sentence a line) the gold sentences
are joined back into one text per side — Chinese with ``""``, English with ``" "`` — and the
whole chapter is given to ``split_sentences`` as **one paragraph** (the gold files carry no
paragraph breaks, so none are inserted: this is harder than real input, where paragraph
breaks are free boundaries). A boundary is the start of every sentence but the first, as a
character offset in the joined text counted in non-whitespace characters (so that where the
joining space or a stray space before a closing quote lands does not matter). Precision,
recall and F1 of the predicted boundaries against the gold ones are given per chapter and in
total (micro-averaged over boundaries), per language.

    python -m eval.split_eval [DATA_DIR] [--bible] [--variants]

``--variants`` also scores the Chinese rule variants (``；`` splitting, ellipsis handling)
and English without the added abbreviations / with Punkt trained on the text itself.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import BitextError
from corpus.split import split_sentences

Splitter = Callable[[str, str], list[str]]


@dataclass(frozen=True)
class BoundaryScore:
    name: str
    lang: str
    gold_sentences: int
    predicted_sentences: int
    gold_boundaries: int
    predicted_boundaries: int
    true_positives: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted_boundaries if self.predicted_boundaries else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold_boundaries if self.gold_boundaries else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @classmethod
    def total(cls, rows: Sequence[BoundaryScore]) -> BoundaryScore:
        """Micro-average: the counts of all rows added up."""
        return cls(
            "total",
            rows[0].lang,
            *(
                sum(getattr(row, name) for row in rows)
                for name in (
                    "gold_sentences",
                    "predicted_sentences",
                    "gold_boundaries",
                    "predicted_boundaries",
                    "true_positives",
                )
            ),
        )


def _boundaries(sentences: Sequence[str]) -> set[int]:
    offsets: set[int] = set()
    position = 0
    for sentence in sentences[:-1]:
        position += sum(not ch.isspace() for ch in sentence)
        offsets.add(position)
    return offsets


def score_split(
    name: str, gold: Sequence[str], lang: str, splitter: Splitter = split_sentences
) -> BoundaryScore:
    """Join ``gold`` as one paragraph, re-split it with ``splitter`` and score the boundaries."""
    gold = [line.strip() for line in gold if line.strip()]
    text = ("" if lang == "zh" else " ").join(gold)
    predicted = splitter(text, lang)
    if sum(not c.isspace() for s in predicted for c in s) != sum(not c.isspace() for c in text):
        raise BitextError(f"{name}: the splitter lost or added text")
    gold_b, predicted_b = _boundaries(gold), _boundaries(predicted)
    return BoundaryScore(
        name,
        lang,
        len(gold),
        len(predicted),
        len(gold_b),
        len(predicted_b),
        len(gold_b & predicted_b),
    )


def evaluate(
    data_dir: Path, corpus: str = "mac-dev", splitter: Splitter = split_sentences
) -> dict[str, list[BoundaryScore]]:
    """Scores per chapter, the total last, per language."""
    results: dict[str, list[BoundaryScore]] = {}
    for lang in ("zh", "en"):
        folder = data_dir / corpus / lang
        rows = [
            score_split(path.name, path.read_text(encoding="utf-8").splitlines(), lang, splitter)
            for path in sorted(folder.iterdir())
            if path.is_file()
        ]
        if rows:
            rows.append(BoundaryScore.total(rows))
        results[lang] = rows
    return results


def format_table(results: dict[str, list[BoundaryScore]], title: str = "") -> str:
    lines = [title] if title else []
    lines.append(f"{'lang':<5}{'chapter':<9}{'gold':>7}{'split':>7}{'P':>8}{'R':>8}{'F1':>8}")
    for rows in results.values():
        for r in rows:
            lines.append(
                f"{r.lang:<5}{r.name:<9}{r.gold_sentences:>7}{r.predicted_sentences:>7}"
                f"{r.precision:>8.3f}{r.recall:>8.3f}{r.f1:>8.3f}"
            )
    return "\n".join(lines)


def _variants() -> dict[str, Splitter]:
    from corpus import split as sp

    def zh_variant(semicolon: bool, ellipsis: str) -> Splitter:
        def run(text: str, lang: str) -> list[str]:
            if lang != "zh":
                return split_sentences(text, lang)
            return sp.join_enumerators(sp.split_zh(text, semicolon=semicolon, ellipsis=ellipsis))

        return run

    def en_plain(text: str, lang: str) -> list[str]:
        import punkt

        if lang != "en":
            return split_sentences(text, lang)
        tokenizer = punkt.PunktSentenceTokenizer(punkt.load_model("english"))
        return [s for s in (sp.clean_sentence(t) for t in tokenizer.tokenize(text)) if s]

    def en_no_join(text: str, lang: str) -> list[str]:
        if lang != "en":
            return split_sentences(text, lang)
        return sp.join_enumerators(sp.split_en(text, join_lowercase=False))

    def en_trained(text: str, lang: str) -> list[str]:
        import punkt

        if lang != "en":
            return split_sentences(text, lang)
        base = sp.en_tokenizer().params
        learned = punkt.train(text)
        params = punkt.PunktParameters(
            abbrev_types=set(base.abbrev_types) | set(learned.abbrev_types),
            collocations=set(base.collocations) | set(learned.collocations),
            sent_starters=set(base.sent_starters),
            numeric_abbrev_types=set(base.numeric_abbrev_types),
            ortho_context=dict(base.ortho_context),
        )
        tokenizer = punkt.PunktSentenceTokenizer(params)
        return sp.join_enumerators([s for s in map(sp.clean_sentence, tokenizer.tokenize(text)) if s])

    variants: dict[str, Splitter] = {}
    for semicolon in (False, True):
        for ellipsis in ("never", "closed", "always"):
            variants[f"zh ；={'split' if semicolon else 'keep'} …={ellipsis}"] = zh_variant(
                semicolon, ellipsis
            )
    variants["en bundled Punkt, no added abbreviations"] = en_plain
    variants["en without joining lower-case starts"] = en_no_join
    variants["en + abbreviations learned from the text"] = en_trained
    return variants


def default_data_dir() -> Path:
    repo = Path(__file__).resolve().parent.parent
    return Path(os.environ.get("BITEXT_SHARED_DATA", repo.parent / "shared" / "data"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.split_eval", description=__doc__)
    parser.add_argument("data_dir", nargs="?", type=Path, default=default_data_dir())
    parser.add_argument("--bible", action="store_true", help="also score the Bible pair")
    parser.add_argument("--variants", action="store_true", help="also score rule variants")
    args = parser.parse_args(argv)
    if not (args.data_dir / "mac-dev").is_dir():
        print(f"split_eval: no mac-dev folder under {args.data_dir}", file=sys.stderr)
        return 2
    corpora = ["mac-dev"] + (["bible"] if args.bible else [])
    try:
        _report(args.data_dir, corpora, args.variants)
    except BitextError as exc:
        print(f"split_eval: error: {exc}", file=sys.stderr)
        return 1
    return 0


def _report(data_dir: Path, corpora: list[str], variants: bool) -> None:
    for corpus in corpora:
        print(format_table(evaluate(data_dir, corpus), f"== {corpus}: split_sentences"))
        print()
    if variants:
        for name, splitter in _variants().items():
            for corpus in corpora:
                results = evaluate(data_dir, corpus, splitter)
                lang = "zh" if name.startswith("zh") else "en"
                total = results[lang][-1]
                print(
                    f"{corpus:<8}{name:<44} P={total.precision:.3f} R={total.recall:.3f} "
                    f"F1={total.f1:.3f}"
                )


if __name__ == "__main__":
    sys.exit(main())
