"""``export``: OUT_DIRs → rows → filters → split → a writer → an ``ExportReport``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from corpus.export.filters import Filter, FilterChain, default_filters
from corpus.export.registry import writer_class
from corpus.export.report import ExportReport
from corpus.export.rows import DocSource, PairRow, open_sources
from corpus.export.splits import SplitSpec, assign_splits
from corpus.export.writer import WriteOptions


@dataclass(frozen=True)
class ExportOptions:
    """What to export and how: format, filters, split, writer settings.

    The default filters are ``default_filters()`` (drop rejected beads); pass ``filters=()``
    for none.
    """

    format: str = "hf"
    filters: tuple[Filter, ...] = field(default_factory=lambda: tuple(default_filters()))
    split: SplitSpec = field(default_factory=SplitSpec)
    keep_filter_scores: bool = False
    write: WriteOptions = field(default_factory=WriteOptions)


def _stream(
    sources: Sequence[DocSource], chain: FilterChain, split_of: dict[str, str]
) -> Iterator[tuple[str, PairRow]]:
    for source in sources:
        split = split_of[source.info.doc_id]
        for row in chain(source.rows()):
            yield split, row


def export_rows(
    sources: Sequence[DocSource], out: str | Path, options: ExportOptions
) -> ExportReport:
    """Export already opened sources (``export`` opens OUT_DIRs; the benchmark feeds its own)."""
    writer_cls = writer_class(options.format)
    chain = FilterChain(options.filters, keep_scores=options.keep_filter_scores)
    extra = tuple(
        f.name.replace("-", "_") for f in chain.filters if f.exports_score
    ) if options.keep_filter_scores else ()
    write_options = replace(options.write, extra_columns=extra)
    split_of = assign_splits((s.info.doc_id for s in sources), options.split)
    writer = writer_cls(out, [s.info for s in sources], write_options, options.split.names)
    stats = writer.write(_stream(sources, chain, split_of))
    try:
        counts = chain.counts()
        docs_per_split = {
            name: tuple(doc for doc, split in split_of.items() if split == name)
            for name in options.split.names
        }
        report = ExportReport(
            format=options.format,
            output=str(out),
            inputs=tuple(s.info.path or s.info.doc_id for s in sources),
            signatures=tuple(dict.fromkeys(str(s.info.signature) for s in sources)),
            split=str(options.split),
            seed=options.split.seed,
            filters=counts.filters,
            rows_in=counts.rows_in,
            dropped=counts.dropped,
            rows_kept=counts.rows_out,
            skipped_deletions=stats.skipped_deletions,
            rows_written=sum(stats.splits.values()),
            splits={name: stats.splits.get(name, 0) for name in options.split.names},
            docs_per_split={k: v for k, v in docs_per_split.items() if v},
            kinds=dict(sorted(stats.kinds.items())),
            statuses=dict(sorted(stats.statuses.items())),
            score_quantiles=stats.score_quantiles(),
            score_histogram=tuple(stats.score_histogram()),
            files=tuple(writer.files),
        )
    except BaseException:
        writer.abort()
        raise
    writer.finalize(report)
    return report


def export(
    out_dirs: Iterable[str | Path], out: str | Path, options: ExportOptions | None = None
) -> ExportReport:
    """Export the aligned documents in ``out_dirs`` to ``out`` (see ``corpus.export``)."""
    options = options or ExportOptions()
    writer_class(options.format)  # an unknown format fails before any input is read
    return export_rows(open_sources(list(out_dirs)), out, options)
