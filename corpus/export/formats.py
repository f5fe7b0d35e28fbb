"""The text-file writers: JSONL, TSV, Moses, TMX and XLIFF (the base is ``writer.py``).

Text conventions:
- TSV: a header line; texts escaped as ``escaping.tsv_escape`` says (the importer undoes
  this); ids as ``0,1``.
- TMX/XLIFF: texts XML-escaped (``escaping.xml_text``/``xml_attr``).
- Moses: newlines/carriage returns in a text become spaces (sentences never hold them).
"""

from __future__ import annotations

import json
from contextlib import ExitStack
from typing import IO, Any

from corpus.export.escaping import tsv_escape, xml_attr, xml_text
from corpus.export.rows import PairRow
from corpus.export.writer import Writer, filter_column
from corpus.signature import package_version


class JsonlWriter(Writer):
    """One JSON object a line, the datasets schema (``translation`` keyed by language)."""

    name = "jsonl"

    def _open(self, stack: ExitStack, split: str) -> IO[str]:
        return self._file(stack, self.path_for(split))

    def _write_row(self, state: IO[str], row: PairRow) -> None:
        state.write(json.dumps(row.to_record(), ensure_ascii=False) + "\n")


TSV_COLUMNS = (
    "en", "zh", "score", "doc_id", "bead", "src_lang", "src_ids", "tgt_ids", "status", "len_ratio",
    "zh_lang",
)


class TsvWriter(Writer):
    """Tab-separated with a header line (see the module doc for escaping)."""

    name = "tsv"

    def _open(self, stack: ExitStack, split: str) -> IO[str]:
        fh = self._file(stack, self.path_for(split))
        columns = TSV_COLUMNS + tuple(map(filter_column, self.options.extra_columns))
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
            row.zh_lang,
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
        tags = {self.options.lang_tag(doc.src_lang, doc.zh_script) for doc in self.docs}
        srclang = tags.pop() if len(tags) == 1 else "*all*"
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
                f"      <tuv xml:lang={xml_attr(self.options.lang_tag(lang, row.zh_script))}>"
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
            f" srcLang={xml_attr(self.options.lang_tag(src, self.zh_script))}"
            f" trgLang={xml_attr(self.options.lang_tag(tgt, self.zh_script))}>\n"
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
