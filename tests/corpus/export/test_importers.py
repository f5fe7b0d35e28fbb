"""``bitext import``: other tools' files into an OUT_DIR; unsafe XML refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.errors import InputError, UnknownChoiceError
from corpus.export.importers import import_files, map_lang, read_rows
from corpus.outdir import read_outdir

LF_ALIGNER_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
<header creationtool="LF Aligner" creationtoolversion="4.2" segtype="sentence"
 adminlang="en-US" srclang="EN-GB" o-tmf="TW4Win 2.0 Format" datatype="plaintext"/>
<body>
<tu creationdate="20240101T000000Z"><tuv xml:lang="EN-GB"><seg>Good <b>morning</b>.</seg></tuv>
<tuv xml:lang="ZH-TW"><seg>早安。</seg></tuv></tu>
<tu><tuv xml:lang="EN-GB"><seg>Only English.</seg></tuv><tuv xml:lang="ZH-TW"><seg/></tuv></tu>
</body>
</tmx>
"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>&lol3;</seg></tuv></tu></body></tmx>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>&xxe;</seg></tuv></tu></body></tmx>
"""


def test_lf_aligner_tmx(tmp_path: Path) -> None:
    path = tmp_path / "lf.tmx"
    path.write_text(LF_ALIGNER_TMX, encoding="utf-8")
    doc = import_files("tmx", [path], tmp_path / "out")
    back = read_outdir(tmp_path / "out")
    assert back.doc_id == "lf" and back.src.lang == "en" and back.tgt.lang == "zh"
    assert back.src.sentences == ("Good morning.", "Only English.")
    assert back.tgt.sentences == ("早安。",)
    assert [b.kind for b in back.beads] == ["1-1", "1-0"]
    assert back.signature.encoder == "import:tmx"
    assert doc.summary.beads == 2


@pytest.mark.parametrize(("payload", "kind"), [(BILLION_LAUGHS, "Entities"),
                                               (EXTERNAL_ENTITY, "Entities|External")])
def test_malicious_xml_refused(tmp_path: Path, payload: str, kind: str) -> None:
    path = tmp_path / "evil.tmx"
    path.write_text(payload, encoding="utf-8")
    with pytest.raises(InputError, match=f"unsafe XML refused \\(({kind})"):
        import_files("tmx", [path], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_broken_xml_is_input_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.tmx"
    path.write_text("<tmx><body><tu>", encoding="utf-8")
    with pytest.raises(InputError, match="not well-formed"):
        list(read_rows("tmx", [path]))


@pytest.mark.parametrize(
    ("code", "lang"),
    [("zh", "zh"), ("zh-CN", "zh"), ("zh_TW", "zh"), ("ZH", "zh"), ("zho", "zh"),
     ("cmn-Hans", "zh"), ("en", "en"), ("en-GB", "en"), ("EN-US", "en"), ("eng", "en")],
)
def test_map_lang(code: str, lang: str) -> None:
    assert map_lang(code) == lang


@pytest.mark.parametrize("code", ["fr", "de-DE", "", "x-klingon"])
def test_map_lang_unknown(code: str) -> None:
    with pytest.raises(InputError, match="neither English nor Chinese"):
        map_lang(code)


def test_moses_needs_two_matching_files(tmp_path: Path) -> None:
    (tmp_path / "c.en").write_text("a\nb\n", encoding="utf-8")
    (tmp_path / "c.zh_CN").write_text("甲\n", encoding="utf-8")
    with pytest.raises(InputError, match="same number of lines"):
        import_files("moses", [tmp_path / "c.en", tmp_path / "c.zh_CN"], tmp_path / "o")
    with pytest.raises(InputError, match="two files"):
        list(read_rows("moses", [tmp_path / "c.en"]))
    (tmp_path / "c.fr").write_text("a\n", encoding="utf-8")
    with pytest.raises(InputError, match="neither English nor Chinese"):
        list(read_rows("moses", [tmp_path / "c.en", tmp_path / "c.fr"]))


def test_unknown_import_format() -> None:
    with pytest.raises(UnknownChoiceError, match="valid choices: jsonl, moses, tmx, tsv"):
        read_rows("xliff", ["x"])
