"""Character tokenizer for the loanclause NER model: one token per character, offsets 1:1.

Text goes through two steps:

1. ``normalize`` — a length-preserving character map (``str.translate``): full-width ASCII → ASCII, ``￥`` → ``¥``,
   every horizontal white-space character (U+3000, tab, NBSP, …) → ``" "``, ``\\r`` and line/paragraph separators →
   ``"\\n"``, Kangxi radicals and CJK compatibility ideographs → the unified ideograph (NFKC, only where that is one
   character), and Traditional characters that are not GB2312 characters → their Simplified form (OpenCC, only
   one-to-one mappings, so 於→于, 後→后, but 著/乾 stay).  The map is saved with the model as ``charmap.json`` so
   inference does not need OpenCC.
2. ``tokenizer.json`` — a ``tokenizers`` WordLevel model over single characters: a ``Split`` pre-tokenizer with the
   regex ``[\\s\\S]`` (isolated) makes every character, white space included, one token; ``[CLS] … [SEP]`` are added by
   a template post-processor.  ``" "`` is the white-space token (``[SPACE]`` in the model card), ``"\\n"`` the
   line-break token; unknown characters become ``[UNK]``.

This module imports only ``tokenizers`` (fast); ``transformers`` is needed only to write ``tokenizer_config.json``.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "SPECIAL_TOKENS",
    "CharTokenizer",
    "base_charmap",
    "build_charmap",
    "build_vocab",
    "normalize",
]

SPECIAL_TOKENS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")
SPACE = " "
NEWLINE = "\n"

_HSPACES = (
    "\t\x0b\x0c\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_VSPACES = "\r\x85\u2028\u2029"


def base_charmap() -> dict[str, str]:
    """The map every build and every inference applies, without the Traditional→Simplified part."""
    m: dict[str, str] = {}
    for cp in range(0xFF01, 0xFF5F):  # full-width ASCII
        m[chr(cp)] = chr(cp - 0xFEE0)
    m["\uffe5"] = "\u00a5"  # ￥ → ¥
    m["\uffe0"] = "\u00a2"
    m["\uffe1"] = "\u00a3"
    for ch in _HSPACES:
        m[ch] = SPACE
    for ch in _VSPACES:
        m[ch] = NEWLINE
    for lo, hi in ((0x2E80, 0x2EF4), (0x2F00, 0x2FD6), (0xF900, 0xFB00)):  # radicals, Kangxi, compatibility
        for cp in range(lo, hi):
            ch = chr(cp)
            n = unicodedata.normalize("NFKC", ch)
            if len(n) == 1 and n != ch:
                m[ch] = n
    return m


def _is_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def build_charmap() -> dict[str, str]:
    """``base_charmap`` plus one-to-one Traditional→Simplified mappings for CJK ideographs outside GB2312.

    Needs ``opencc`` (opencc-python-reimplemented) at build time only."""
    from opencc import OpenCC

    cc = OpenCC("t2s")
    m = base_charmap()
    for cp in range(0x4E00, 0xA000):
        ch = chr(cp)
        if _is_gb2312(ch):
            continue
        s = cc.convert(ch)
        if len(s) == 1 and s != ch and _is_gb2312(s):
            m[ch] = s
    return m


_DEFAULT_TABLE: dict[int, str] | None = None


def normalize(text: str, table: dict[int, str] | None = None) -> str:
    """Apply the character map; the result has the same length as ``text`` (offsets stay valid)."""
    global _DEFAULT_TABLE
    if table is None:
        if _DEFAULT_TABLE is None:
            _DEFAULT_TABLE = str.maketrans(base_charmap())
        table = _DEFAULT_TABLE
    return text.translate(table)


def build_vocab(
    counts: Counter[str] | dict[str, int],
    *,
    min_count: int = 2,
    always: Iterable[str] = (),
) -> dict[str, int]:
    """Vocabulary: the specials, then ``" "`` and ``"\\n"``, then every character with ``count >= min_count`` or in
    ``always``, most frequent first (ties by code point).  ``counts`` must be of *normalised* characters."""
    vocab: dict[str, int] = {tok: i for i, tok in enumerate(SPECIAL_TOKENS)}
    vocab[SPACE] = len(vocab)
    vocab[NEWLINE] = len(vocab)
    always = set(always)
    keep = [(c, n) for c, n in counts.items() if (n >= min_count or c in always) and len(c) == 1]
    keep += [(c, 0) for c in always if c not in counts and len(c) == 1]
    for ch, _ in sorted(keep, key=lambda kv: (-kv[1], kv[0])):
        if ch not in vocab and not ch.isspace():
            vocab[ch] = len(vocab)
    return vocab


class CharTokenizer:
    """The character map plus a ``tokenizers.Tokenizer``; encodes text to ids one-to-one with its characters."""

    def __init__(self, tokenizer, charmap: dict[str, str]):
        self.tokenizer = tokenizer
        self.charmap = charmap
        self._table = str.maketrans(charmap)
        vocab = tokenizer.get_vocab()
        self.vocab: dict[str, int] = vocab
        self.pad_id = vocab["[PAD]"]
        self.unk_id = vocab["[UNK]"]
        self.cls_id = vocab["[CLS]"]
        self.sep_id = vocab["[SEP]"]
        self.mask_id = vocab["[MASK]"]

    # ---------------------------------------------------------------------------------------------- building
    @classmethod
    def from_vocab(cls, vocab: dict[str, int], charmap: dict[str, str]) -> CharTokenizer:
        from tokenizers import Regex, Tokenizer, models, pre_tokenizers, processors

        tok = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
        tok.pre_tokenizer = pre_tokenizers.Split(Regex(r"[\s\S]"), behavior="isolated")
        tok.post_processor = processors.TemplateProcessing(
            single="[CLS] $A [SEP]",
            pair="[CLS] $A [SEP] $B:1 [SEP]:1",
            special_tokens=[("[CLS]", vocab["[CLS]"]), ("[SEP]", vocab["[SEP]"])],
        )
        return cls(tok, charmap)

    def save(self, directory: str | Path, *, hf_config: bool = True, model_max_length: int = 512) -> None:
        """Write ``tokenizer.json`` and ``charmap.json`` (and, if transformers is importable and ``hf_config``,
        ``tokenizer_config.json`` so ``AutoTokenizer.from_pretrained`` works)."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        if hf_config:
            from transformers import PreTrainedTokenizerFast

            fast = PreTrainedTokenizerFast(
                tokenizer_object=self.tokenizer,
                unk_token="[UNK]",
                pad_token="[PAD]",
                cls_token="[CLS]",
                sep_token="[SEP]",
                mask_token="[MASK]",
                model_max_length=model_max_length,
            )
            fast.save_pretrained(str(directory))
        self.tokenizer.save(str(directory / "tokenizer.json"))
        (directory / "charmap.json").write_text(
            json.dumps(self.charmap, ensure_ascii=False, sort_keys=True, indent=0), encoding="utf-8"
        )

    @classmethod
    def load(cls, directory: str | Path) -> CharTokenizer:
        from tokenizers import Tokenizer

        directory = Path(directory)
        tok = Tokenizer.from_file(str(directory / "tokenizer.json"))
        cm_path = directory / "charmap.json"
        charmap = json.loads(cm_path.read_text(encoding="utf-8")) if cm_path.exists() else base_charmap()
        return cls(tok, charmap)

    # ---------------------------------------------------------------------------------------------- using
    @property
    def vocab_size(self) -> int:
        return max(self.vocab.values()) + 1

    def normalize(self, text: str) -> str:
        return text.translate(self._table)

    def encode(self, text: str, *, specials: bool = False) -> list[int]:
        """Ids for ``text`` after normalisation: exactly ``len(text)`` ids (plus CLS/SEP when ``specials``)."""
        enc = self.tokenizer.encode(self.normalize(text), add_special_tokens=specials)
        return enc.ids

    def encode_batch(self, texts: list[str], *, specials: bool = False) -> list[list[int]]:
        encs = self.tokenizer.encode_batch([self.normalize(t) for t in texts], add_special_tokens=specials)
        return [e.ids for e in encs]

    def unk_rate(self, texts: Iterable[str]) -> float:
        n = unk = 0
        for ids in self.encode_batch(list(texts)):
            n += len(ids)
            unk += sum(1 for i in ids if i == self.unk_id)
        return unk / max(1, n)
