"""``bitext import``: TMX / TSV / Moses / JSONL from other tools → rows → an OUT_DIR.

Every imported pair becomes a 1-1 bead (a pair with one side empty becomes a deletion bead,
so no empty sentence is invented); each side's text becomes one sentence line (newlines
inside a segment become spaces). Scores and statuses come from the file when it has them
(TMX ``<prop type="x-score">``/``x-status``, TSV/JSONL columns), else 0 / "auto".

XML is parsed with ``defusedxml`` (no entity expansion, no external entities or DTD fetches)
and iteratively, clearing each ``<tu>`` after use, so large TMX files stream.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from itertools import zip_longest
from pathlib import Path
from typing import Any

from corpus.beads import STATUSES, Bead
from corpus.document import AlignedDocument, Side
from corpus.errors import InputError, UnknownChoiceError
from corpus.export.escaping import tsv_unescape
from corpus.export.rows import PairRow
from corpus.outdir import write_outdir
from corpus.signature import Signature

_ZH = {"zh", "zho", "chi", "cmn", "yue", "wuu"}
_EN = {"en", "eng"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def map_lang(code: str, where: str = "") -> str:
    """zh-CN, zh_TW, ZH, zho, cmn-Hans … → "zh"; en-GB, EN, eng … → "en"."""
    primary = re.split(r"[-_.@]", code.strip().lower(), maxsplit=1)[0]
    if primary in _ZH:
        return "zh"
    if primary in _EN:
        return "en"
    raise InputError(f"{where}language code {code!r} is neither English nor Chinese")


def _clean(text: str | None) -> str:
    return re.sub(r"\s*[\r\n]+\s*", " ", text or "").strip()


def _float(value: Any, where: str) -> float:
    try:
        return float(value) if value not in (None, "") else 0.0
    except (TypeError, ValueError):
        raise InputError(f"{where}score {value!r} is not a number") from None


def _status(value: Any) -> str:
    return value if value in STATUSES else "auto"


# -- readers -----------------------------------------------------------------------------------
def read_tmx(path: str | Path, doc_id: str = "") -> Iterator[PairRow]:
    """The ``<tu>`` of a TMX file as rows (the first en and first zh ``<tuv>`` of each)."""
    from xml.etree.ElementTree import ParseError

    import defusedxml
    import defusedxml.ElementTree as safe_et

    path = Path(path)
    doc_id = doc_id or path.stem
    srclang = ""
    try:
        context = safe_et.iterparse(str(path), events=("start", "end"), forbid_dtd=False)
        for event, elem in context:
            tag = _local(elem.tag)
            if event == "start":
                if tag == "header":
                    srclang = elem.get("srclang", "")
                continue
            if tag != "tu":
                continue
            props = {p.get("type", ""): (p.text or "") for p in elem if _local(p.tag) == "prop"}
            texts: dict[str, str] = {}
            order: list[str] = []
            for tuv in elem:
                if _local(tuv.tag) != "tuv":
                    continue
                code = tuv.get(XML_LANG) or tuv.get("lang") or ""
                lang = map_lang(code, f"{path}: ")
                seg = next((s for s in tuv if _local(s.tag) == "seg"), None)
                if lang not in texts:
                    texts[lang] = _clean("".join(seg.itertext()) if seg is not None else "")
                    order.append(lang)
            elem.clear()
            if not texts:
                continue
            if srclang and srclang != "*all*":
                src_lang = map_lang(srclang, f"{path}: header srclang: ")
            else:
                src_lang = order[0]
            yield PairRow(
                doc_id=props.get("x-doc-id", doc_id),
                en=texts.get("en", ""),
                zh=texts.get("zh", ""),
                src_lang=src_lang,
                score=_float(props.get("x-score"), f"{path}: "),
                status=_status(props.get("x-status")),
            )
    except defusedxml.DefusedXmlException as exc:
        raise InputError(f"{path}: unsafe XML refused ({type(exc).__name__}): {exc}") from None
    except ParseError as exc:
        raise InputError(f"{path}: not well-formed XML: {exc}") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        with path.open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                yield number, line.rstrip("\r\n")
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text: {exc.reason}") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


def read_tsv(path: str | Path, doc_id: str = "") -> Iterator[PairRow]:
    """A TSV with a header naming at least ``en`` and ``zh`` (as ``bitext export`` writes)."""
    path = Path(path)
    lines = _lines(path)
    first = next(lines, None)
    if first is None:
        raise InputError(f"{path}: empty file")
    header = first[1].split("\t")
    if "en" not in header or "zh" not in header:
        raise InputError(f"{path}: the header must name an en and a zh column, got {header}")
    for number, line in lines:
        if not line.strip():
            continue
        values = line.split("\t")
        if len(values) != len(header):
            raise InputError(
                f"{path}:{number}: {len(values)} fields where the header has {len(header)}"
            )
        record = dict(zip(header, values, strict=True))
        yield PairRow(
            doc_id=tsv_unescape(record.get("doc_id", "")) or doc_id or path.stem,
            en=_clean(tsv_unescape(record["en"])),
            zh=_clean(tsv_unescape(record["zh"])),
            src_lang=record.get("src_lang") if record.get("src_lang") in ("en", "zh") else "en",
            score=_float(record.get("score"), f"{path}:{number}: "),
            status=_status(record.get("status")),
        )


def read_jsonl(path: str | Path, doc_id: str = "") -> Iterator[PairRow]:
    """JSON lines with ``translation: {en, zh}`` (datasets schema) or pairs.jsonl records."""
    path = Path(path)
    for number, line in _lines(path):
        if not line.strip():
            continue
        where = f"{path}:{number}: "
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{where}not JSON: {exc}") from None
        if not isinstance(record, dict):
            raise InputError(f"{where}expected a JSON object")
        if isinstance(record.get("translation"), dict):
            texts = {map_lang(k, where): v for k, v in record["translation"].items()}
            src_lang = record.get("src_lang", "en")
        elif "src" in record and "tgt" in record:
            src_lang = map_lang(str(record.get("src_lang", "")), where)
            texts = {src_lang: record["src"], map_lang(str(record.get("tgt_lang", "")), where):
                     record["tgt"]}
        else:
            texts = {map_lang(k, where): v for k, v in record.items() if k in ("en", "zh")}
            src_lang = "en"
        if set(texts) != {"en", "zh"}:
            raise InputError(f"{where}expected an en and a zh text")
        yield PairRow(
            doc_id=str(record.get("doc_id") or doc_id or path.stem),
            en=_clean(str(texts["en"] or "")),
            zh=_clean(str(texts["zh"] or "")),
            src_lang=src_lang if src_lang in ("en", "zh") else "en",
            score=_float(record.get("score"), where),
            status=_status(record.get("status")),
        )


def _moses_lang(path: Path) -> str:
    """The language of a Moses file from its last suffix: corpus.en, x.en-zh_CN.zh_CN."""
    suffix = path.suffix.lstrip(".")
    if not suffix:
        raise InputError(f"{path}: cannot tell the language; name Moses files NAME.en, NAME.zh")
    return map_lang(suffix, f"{path}: ")


def read_moses(paths: Sequence[str | Path], doc_id: str = "") -> Iterator[PairRow]:
    """Two line-parallel files (the first is the source side); languages from the suffixes."""
    if len(paths) != 2:
        raise InputError(f"moses import needs two files (NAME.en NAME.zh), got {len(paths)}")
    first, second = (Path(p) for p in paths)
    langs = (_moses_lang(first), _moses_lang(second))
    if set(langs) != {"en", "zh"}:
        raise InputError(f"moses files must be one en and one zh, got {first} and {second}")
    doc_id = doc_id or first.stem
    for a, b in zip_longest(_lines(first), _lines(second)):
        if a is None or b is None:
            raise InputError(f"{first} and {second} do not have the same number of lines")
        texts = {langs[0]: _clean(a[1]), langs[1]: _clean(b[1])}
        yield PairRow(doc_id=doc_id, en=texts["en"], zh=texts["zh"], src_lang=langs[0])


#: The formats read from one file; Moses, read from two, is the other import format.
ONE_FILE_READERS: dict[str, Callable[[str | Path, str], Iterator[PairRow]]] = {
    "jsonl": read_jsonl, "tmx": read_tmx, "tsv": read_tsv
}
IMPORT_FORMATS = tuple(sorted([*ONE_FILE_READERS, "moses"]))


def read_rows(fmt: str, paths: Sequence[str | Path], doc_id: str = "") -> Iterator[PairRow]:
    """Rows from files of a format; unknown formats list the valid ones."""
    if fmt not in IMPORT_FORMATS:
        raise UnknownChoiceError("import format", fmt, IMPORT_FORMATS)
    if fmt == "moses":
        return read_moses(paths, doc_id)
    if len(paths) != 1:
        raise InputError(f"{fmt} import takes one file, got {len(paths)}")
    return ONE_FILE_READERS[fmt](paths[0], doc_id)


# -- rows → an OUT_DIR ---------------------------------------------------------------------------
def rows_to_document(rows: Iterator[PairRow], doc_id: str, signature: Signature) -> AlignedDocument:
    """Each row a 1-1 bead (or a deletion bead when a side is empty)."""
    src_sents: list[str] = []
    tgt_sents: list[str] = []
    beads: list[Bead] = []
    src_lang = ""
    for row in rows:
        if not row.en and not row.zh:
            continue
        src_lang = src_lang or row.src_lang
        src_text, tgt_text = row.text(src_lang), row.text("zh" if src_lang == "en" else "en")
        src_ids = (len(src_sents),) if src_text else ()
        tgt_ids = (len(tgt_sents),) if tgt_text else ()
        if src_text:
            src_sents.append(src_text)
        if tgt_text:
            tgt_sents.append(tgt_text)
        beads.append(Bead(src_ids, tgt_ids, row.score, row.status))
    if not beads:
        raise InputError("no pairs found to import")
    src_lang = src_lang or "en"
    tgt_lang = "zh" if src_lang == "en" else "en"
    return AlignedDocument(
        doc_id=doc_id,
        src=Side(tuple(src_sents), src_lang),
        tgt=Side(tuple(tgt_sents), tgt_lang),
        beads=tuple(beads),
        signature=signature,
    )


def import_files(
    fmt: str, paths: Sequence[str | Path], out_dir: str | Path, doc_id: str = ""
) -> AlignedDocument:
    """Read ``paths`` in format ``fmt`` and write them as one aligned document to ``out_dir``."""
    rows = read_rows(fmt, paths, doc_id)
    first = Path(paths[0]) if paths else Path("import")
    doc_id = doc_id or first.stem
    signature = Signature(
        encoder=f"import:{fmt}",
        model="none",
        settings={"source": ",".join(Path(p).name for p in paths)},
    )
    doc = rows_to_document(rows, doc_id, signature)
    write_outdir(out_dir, doc)
    return doc
