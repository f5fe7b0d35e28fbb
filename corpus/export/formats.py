"""Writers: one small class per format on a shared base (sacrebleu style).

``Writer.write(rows)`` takes ``(split, PairRow)`` pairs and owns the loop, the counting, the
skipping of deletions a format cannot hold and the atomic files; a format only fills hooks:
``_open(stack, split)`` (open the split's files, write headers; returns a state),
``_write_row(state, row)`` and ``_close(state)`` (footers).

File names: without ``--split`` the output is ``-o`` itself (Moses: ``-o NAME`` gives
``NAME.en`` and ``NAME.zh``); with several splits the split goes before the suffix
(``out.train.tmx``, ``NAME.train.en``). The export report goes beside, as
``<output>.export_report.json`` (HF: ``DATASET_DIR/export_report.json``).

Text conventions:
- TSV: a header line; ``\\``, tab, newline and carriage return in a text are written as
  ``\\\\``, ``\\t``, ``\\n``, ``\\r`` (the importer undoes this); ids as ``0,1``.
- TMX/XLIFF: text XML-escaped; characters XML 1.0 cannot hold (C0 controls other than tab,
  newline, carriage return) become U+FFFD.
- Moses: newlines/carriage returns in a text become spaces (sentences never hold them).
"""

from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, ClassVar
from xml.sax.saxutils import escape, quoteattr

from corpus.atomic import atomic_open
from corpus.errors import ConfigError, UnknownChoiceError
from corpus.export.report import ExportReport, RowStats
from corpus.export.rows import DocInfo, PairRow
from corpus.signature import package_version


@dataclass(frozen=True)
class WriteOptions:
    """Settings shared by writers; each uses what applies to it."""

    zh_tag: str = "zh-CN"
    en_tag: str = "en-US"
    keep_deletions: bool | None = None  # None: the format's default
    extra_columns: tuple[str, ...] = ()  # raw filter scores (TSV header, HF schema)
    shard_rows: int = 500_000  # HF: rows per parquet shard
    batch_rows: int = 10_000  # HF: rows per parquet row group
    license: str = "unknown"  # HF card
    pretty_name: str = ""  # HF card


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return escape(_XML_BAD.sub("\ufffd", text))


def xml_attr(text: str) -> str:
    return quoteattr(_XML_BAD.sub("\ufffd", text))


_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_TSV_ESCAPE = re.compile(r"[\\\t\n\r]")
_TSV_UNESCAPE = re.compile(r"\\(.)")
_TSV_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def tsv_escape(text: str) -> str:
    return _TSV_ESCAPE.sub(lambda m: _TSV_ESCAPES[m.group()], text)


def tsv_unescape(text: str) -> str:
    return _TSV_UNESCAPE.sub(lambda m: _TSV_UNESCAPES.get(m.group(1), m.group()), text)


def lang_tag(lang: str, options: WriteOptions) -> str:
    return options.en_tag if lang == "en" else options.zh_tag


class Writer(ABC):
    """Consume ``(split, PairRow)`` pairs into one format."""

    name: ClassVar[str]
    suffix: ClassVar[str] = ""
    #: False for formats where a unit needs both languages (deletions are skipped, counted).
    holds_deletions: ClassVar[bool] = True

    def __init__(
        self,
        out: str | Path,
        docs: Sequence[DocInfo],
        options: WriteOptions | None = None,
        splits: Sequence[str] = ("train",),
    ):
        self.out = Path(out)
        self.docs = list(docs)
        self.options = options or WriteOptions()
        self.splits = tuple(splits)
        self.stats = RowStats()
        self.files: list[str] = []
        keep = self.options.keep_deletions
        self.keep_deletions = self.holds_deletions if keep is None else keep
        if self.keep_deletions and not self.holds_deletions:
            raise ConfigError(f"{self.name} needs both languages in a unit; cannot keep deletions")

    # -- the public method -------------------------------------------------------------------
    def write(self, rows: Iterable[tuple[str, PairRow]]) -> RowStats:
        """Write every row to its split's files (atomically); returns the counts."""
        with ExitStack() as stack:
            self._begin(stack)
            states: dict[str, Any] = {}
            for split, row in rows:
                if row.is_deletion and not self.keep_deletions:
                    self.stats.skipped_deletions += 1
                    continue
                state = states.get(split)
                if state is None:
                    state = states[split] = self._open(stack, split)
                self._write_row(state, row)
                self.stats.add(split, row)
            if not states:  # an empty but valid file, so the output exists
                states[self.splits[0]] = self._open(stack, self.splits[0])
            for state in states.values():
                self._close(state)
        return self.stats

    def finalize(self, report: ExportReport) -> None:
        """After the report is known: file formats write it beside the output."""
        from corpus.atomic import atomic_write_text

        path = self.out.with_name(self.out.name + ".export_report.json")
        atomic_write_text(path, json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")

    def abort(self) -> None:  # noqa: B027 — an optional hook
        """Called when the export fails after ``write``; atomic files need nothing."""

    # -- hooks ---------------------------------------------------------------------------------
    def _begin(self, stack: ExitStack) -> None:  # noqa: B027 — an optional hook
        """Before the first row."""

    @abstractmethod
    def _open(self, stack: ExitStack, split: str) -> Any: ...

    @abstractmethod
    def _write_row(self, state: Any, row: PairRow) -> None: ...

    def _close(self, state: Any) -> None:  # noqa: B027 — an optional hook
        """Write footers."""

    # -- helpers -------------------------------------------------------------------------------
    def path_for(self, split: str, suffix: str = "") -> Path:
        base = self.out
        if len(self.splits) > 1:
            if suffix or not base.suffix:
                base = base.with_name(f"{base.name}.{split}")
            else:
                base = base.with_name(f"{base.stem}.{split}{base.suffix}")
        return base.with_name(base.name + suffix) if suffix else base

    def _file(self, stack: ExitStack, path: Path) -> IO[str]:
        self.files.append(str(path))
        return stack.enter_context(atomic_open(path, "w"))

    @property
    def src_lang(self) -> str:
        """The source language of the inputs: the first document's source side."""
        return self.docs[0].src_lang if self.docs else "en"


class JsonlWriter(Writer):
    """One JSON object a line, the datasets schema (``translation`` keyed by language)."""

    name = "jsonl"

    def _open(self, stack: ExitStack, split: str) -> IO[str]:
        return self._file(stack, self.path_for(split))

    def _write_row(self, state: IO[str], row: PairRow) -> None:
        state.write(json.dumps(row.to_record(), ensure_ascii=False) + "\n")


TSV_COLUMNS = (
    "en", "zh", "score", "doc_id", "bead", "src_lang", "src_ids", "tgt_ids", "status", "len_ratio"
)


class TsvWriter(Writer):
    """Tab-separated with a header line (see the module doc for escaping)."""

    name = "tsv"

    def _open(self, stack: ExitStack, split: str) -> IO[str]:
        fh = self._file(stack, self.path_for(split))
        columns = TSV_COLUMNS + tuple(f"filter_{c}" for c in self.options.extra_columns)
        fh.write("\t".join(columns) + "\n")
        return fh

    def _write_row(self, state: IO[str], row: PairRow) -> None:
        values = [
            tsv_escape(row.en),
            tsv_escape(row.zh),
            f"{row.score:.4f}",
            tsv_escape(row.doc_id),
            row.bead,
            row.src_lang,
            ",".join(map(str, row.src_ids)),
            ",".join(map(str, row.tgt_ids)),
            row.status,
            f"{row.len_ratio:.4f}",
        ]
        values += [f"{row.filter_scores.get(c, 0.0):.4f}" for c in self.options.extra_columns]
        state.write("\t".join(values) + "\n")


class MosesWriter(Writer):
    """Two line-parallel plain-text files, ``NAME.en`` and ``NAME.zh``."""

    name = "moses"
    holds_deletions = False

    def _open(self, stack: ExitStack, split: str) -> tuple[IO[str], IO[str]]:
        return (
            self._file(stack, self.path_for(split, ".en")),
            self._file(stack, self.path_for(split, ".zh")),
        )

    def _write_row(self, state: tuple[IO[str], IO[str]], row: PairRow) -> None:
        en, zh = state
        en.write(_one_line(row.en) + "\n")
        zh.write(_one_line(row.zh) + "\n")


def _one_line(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ")


class TmxWriter(Writer):
    """TMX 1.4b, written as a stream; one ``<tu>`` per bead, the signature in the header."""

    name = "tmx"
    holds_deletions = False

    def _open(self, stack: ExitStack, split: str) -> IO[str]:
        fh = self._file(stack, self.path_for(split))
        langs = {doc.src_lang for doc in self.docs}
        srclang = lang_tag(langs.pop(), self.options) if len(langs) == 1 else "*all*"
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n')
        fh.write(
            f'  <header creationtool="bitext" creationtoolversion={xml_attr(package_version())}'
            f' srclang={xml_attr(srclang)} adminlang="en" segtype="sentence" o-tmf="bitext"'
            ' datatype="plaintext">\n'
        )
        for signature in dict.fromkeys(str(doc.signature) for doc in self.docs):
            fh.write(f'    <prop type="x-bitext-signature">{xml_text(signature)}</prop>\n')
        fh.write("  </header>\n  <body>\n")
        return fh

    def _write_row(self, state: IO[str], row: PairRow) -> None:
        props = (
            ("x-doc-id", row.doc_id),
            ("x-bead", row.bead),
            ("x-src-ids", ",".join(map(str, row.src_ids))),
            ("x-tgt-ids", ",".join(map(str, row.tgt_ids))),
            ("x-score", f"{row.score:.4f}"),
            ("x-status", row.status),
        )
        parts = ["    <tu>\n"]
        parts += [f'      <prop type="{kind}">{xml_text(value)}</prop>\n' for kind, value in props]
        for lang in (row.src_lang, row.tgt_lang):
            parts.append(
                f"      <tuv xml:lang={xml_attr(lang_tag(lang, self.options))}>"
                f"<seg>{xml_text(row.text(lang))}</seg></tuv>\n"
            )
        parts.append("    </tu>\n")
        state.write("".join(parts))

    def _close(self, state: IO[str]) -> None:
        state.write("  </body>\n</tmx>\n")


class XliffWriter(Writer):
    """XLIFF 2.0: one ``<file>`` per document, one ``<unit>`` per bead (source → target)."""

    name = "xliff"
    holds_deletions = False

    def _open(self, stack: ExitStack, split: str) -> dict[str, Any]:
        fh = self._file(stack, self.path_for(split))
        src = self.src_lang
        tgt = "zh" if src == "en" else "en"
        fh.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"'
            f" srcLang={xml_attr(lang_tag(src, self.options))}"
            f" trgLang={xml_attr(lang_tag(tgt, self.options))}>\n"
        )
        return {"fh": fh, "doc": None, "files": 0, "units": 0, "src": src, "tgt": tgt}

    def _write_row(self, state: dict[str, Any], row: PairRow) -> None:
        fh = state["fh"]
        if row.doc_id != state["doc"]:
            if state["doc"] is not None:
                fh.write("  </file>\n")
            state["doc"] = row.doc_id
            state["files"] += 1
            fh.write(f'  <file id="f{state["files"]}" original={xml_attr(row.doc_id)}>\n')
        state["units"] += 1
        fh.write(
            f'    <unit id="u{state["units"]}" name={xml_attr(row.bead)}>\n'
            "      <segment>\n"
            f"        <source>{xml_text(row.text(state['src']))}</source>\n"
            f"        <target>{xml_text(row.text(state['tgt']))}</target>\n"
            "      </segment>\n    </unit>\n"
        )

    def _close(self, state: dict[str, Any]) -> None:
        if state["doc"] is not None:
            state["fh"].write("  </file>\n")
        state["fh"].write("</xliff>\n")


def writer_class(name: str) -> type[Writer]:
    """The writer for a format name; unknown names list the valid ones."""
    from corpus.export.hf import HfWriter

    classes: dict[str, type[Writer]] = {
        cls.name: cls
        for cls in (HfWriter, TmxWriter, TsvWriter, MosesWriter, JsonlWriter, XliffWriter)
    }
    if name not in classes:
        raise UnknownChoiceError("export format", name, classes)
    return classes[name]


EXPORT_FORMATS = ("hf", "jsonl", "moses", "tmx", "tsv", "xliff")
