"""Inference for the loanclause character NER model.

    from loanclause.extract.ner import NerModel
    model = NerModel.load()                      # the shipped weights, loaded once per process
    model.predict(["借款金额：人民币壹拾万元整（¥100,000.00），月利率1.5%。"])
    # [[Entity(label='PRINCIPAL', text='人民币壹拾万元整（¥100,000.00）', start=5, end=25, score=0.99, source='model'), ...]]

The weights are a BERT token classifier (``transformers`` format: config.json + model.safetensors).  Inference
does not import ``transformers``: a small torch module below reproduces ``BertForTokenClassification``'s forward
pass (post-LN encoder, exact GELU) and loads the same tensors, so loading costs the torch import plus ~0.1 s.

Long texts are cut into windows of at most ``window`` characters that end, where possible, at a clause boundary
(。；\\n …) and overlap by about ``overlap`` characters; the class probabilities of characters seen by several
windows are averaged with weights that favour the window in which the character sits farthest from an edge.
Decoding is constrained BIO (Viterbi over log-probabilities: no ``I-X`` after ``O`` or after another type).

Precision: ``int8`` (dynamic int8 quantisation of the linear layers; the fastest on a CPU, same F1 within noise:
see ``scripts/eval_ner.py``), ``bf16`` (weights cast once; on CPUs with AVX512-BF16 or AMX) or ``fp32``.  The
default is int8 where this torch still has ``torch.ao.quantization`` (deprecated upstream), else bf16 where the CPU
has it, else fp32.

Environment: ``LOANCLAUSE_NER_MODEL`` (model directory), ``LOANCLAUSE_THREADS`` (torch intra-op threads),
``LOANCLAUSE_NER_PRECISION`` (``int8`` / ``bf16`` / ``fp32``: overrides the default).
Neither this module nor ``import loanclause`` imports torch; torch is imported when a model is loaded.
"""

from __future__ import annotations

import functools
import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loanclause.models import Entity

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

__all__ = [
    "NerModel",
    "decode_tags",
    "default_model_path",
    "model_identity",
    "resolve_model",
    "spans_from_tags",
]

_BOUNDARY = set("。；;！？!?\n")
_SOFT_BOUNDARY = set("，,、：:）)")


# ------------------------------------------------------------------------------------------------ locating


def default_model_path() -> Path:
    """``$LOANCLAUSE_NER_MODEL``, else the package data (``loanclause/models_data/loanclause-ner``), else the
    repository's ``models/loanclause-ner`` (a source checkout that has trained but not shipped a model)."""
    env = os.environ.get("LOANCLAUSE_NER_MODEL")
    if env:
        return Path(env)
    from importlib.resources import files

    try:
        pkg = Path(str(files("loanclause") / "models_data" / "loanclause-ner"))
        if (pkg / "model.safetensors").exists():
            return pkg
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - exotic loaders
        pass
    repo = Path(__file__).resolve().parents[3] / "models" / "loanclause-ner"
    return repo


# ------------------------------------------------------------------------------------------------ decoding


def _allowed(labels: list[str]) -> tuple[Any, Any]:
    """(start_ok[L], trans_ok[L, L]) for BIO: I-X only after B-X or I-X, never first."""
    import numpy as np

    n = len(labels)
    start_ok = np.ones(n, dtype=bool)
    trans_ok = np.ones((n, n), dtype=bool)
    for j, lab in enumerate(labels):
        if lab.startswith("I-"):
            start_ok[j] = False
            typ = lab[2:]
            for i, prev in enumerate(labels):
                trans_ok[i, j] = prev in (f"B-{typ}", f"I-{typ}")
    return start_ok, trans_ok


@functools.cache
def _allowed_cached(labels: tuple[str, ...]):
    return _allowed(list(labels))


def decode_tags(logp: np.ndarray, labels: list[str]) -> list[str]:
    """Most probable BIO-valid tag sequence for a ``[T, L]`` array of log-probabilities."""
    import numpy as np

    T = logp.shape[0]
    if T == 0:
        return []
    start_ok, trans_ok = _allowed_cached(tuple(labels))
    best = logp.argmax(-1)
    # fast path: the arg-max sequence is already valid
    if start_ok[best[0]] and bool(trans_ok[best[:-1], best[1:]].all()):
        return [labels[i] for i in best]
    neg = np.float32(-1e9)
    trans = np.where(trans_ok, np.float32(0), neg)
    score = np.where(start_ok, logp[0], neg)
    back = np.zeros((T, logp.shape[1]), dtype=np.int32)
    for t in range(1, T):
        cand = score[:, None] + trans
        back[t] = cand.argmax(0)
        score = cand.max(0) + logp[t]
    path = [int(score.argmax())]
    for t in range(T - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    path.reverse()
    return [labels[i] for i in path]


def spans_from_tags(tags: list[str], *, merge_adjacent: bool = False) -> list[tuple[int, int, str]]:
    """BIO tags → ``(start, end, label)``.  With ``merge_adjacent``, a span that starts exactly where the previous
    span of the same label ends (``B-X I-X B-X I-X``) is joined to it: the model sometimes restarts an entity in
    its middle (``3`` + ``50000元``), and two different entities of one type are never written without a
    separator."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tags):
        t = tags[i]
        if t.startswith("B-"):
            lab = t[2:]
            j = i + 1
            while j < len(tags) and tags[j] == f"I-{lab}":
                j += 1
            if merge_adjacent and out and out[-1][1] == i and out[-1][2] == lab:
                out[-1] = (out[-1][0], j, lab)
            else:
                out.append((i, j, lab))
            i = j
        else:
            i += 1
    return out


# ------------------------------------------------------------------------------------------------ windows


def windows(text: str, window: int, overlap: int) -> list[tuple[int, int]]:
    """Clause-aware windows ``[(start, end)]`` covering ``text``; consecutive windows overlap."""
    n = len(text)
    if n <= window:
        return [(0, n)]
    out = []
    start = 0
    while True:
        end = min(n, start + window)
        if end < n:
            lo = start + window // 2
            cut = next((i + 1 for i in range(end - 1, lo - 1, -1) if text[i] in _BOUNDARY), None)
            if cut is None:
                cut = next((i + 1 for i in range(end - 1, lo - 1, -1) if text[i] in _SOFT_BOUNDARY), None)
            end = cut or end
        out.append((start, end))
        if end >= n:
            return out
        ns = max(start + 1, end - overlap)
        snap = next(
            (i + 1 for i in range(ns, end) if text[i] in _BOUNDARY or text[i] in _SOFT_BOUNDARY), None
        )
        start = snap if snap is not None and snap < end - 8 else ns


# ------------------------------------------------------------------------------------------------ the network


def _build_module(config: dict):
    """A torch module with the parameter names of ``BertForTokenClassification`` (no pooler)."""
    import torch
    from torch import nn
    from torch.nn import functional as F

    H = config["hidden_size"]
    heads = config["num_attention_heads"]
    eps = config.get("layer_norm_eps", 1e-12)
    act = config.get("hidden_act", "gelu")
    if act not in ("gelu", "gelu_python"):
        raise ValueError(f"unsupported activation {act!r}")

    class Embeddings(nn.Module):
        def __init__(self):
            super().__init__()
            self.word_embeddings = nn.Embedding(config["vocab_size"], H)
            self.position_embeddings = nn.Embedding(config["max_position_embeddings"], H)
            self.token_type_embeddings = nn.Embedding(config.get("type_vocab_size", 2), H)
            self.LayerNorm = nn.LayerNorm(H, eps=eps)

        def forward(self, ids):
            pos = torch.arange(ids.shape[1], device=ids.device)
            x = (
                self.word_embeddings(ids)
                + self.position_embeddings(pos)[None]
                + self.token_type_embeddings.weight[0]
            )
            return self.LayerNorm(x)

    class SelfAttn(nn.Module):
        def __init__(self):
            super().__init__()
            self.query = nn.Linear(H, H)
            self.key = nn.Linear(H, H)
            self.value = nn.Linear(H, H)

    class Dense(nn.Module):
        def __init__(self, i, o, ln: bool):
            super().__init__()
            self.dense = nn.Linear(i, o)
            if ln:
                self.LayerNorm = nn.LayerNorm(o, eps=eps)

    class Attention(nn.Module):
        def __init__(self):
            super().__init__()
            self.self = SelfAttn()
            self.output = Dense(H, H, True)

    class Layer(nn.Module):
        def __init__(self):
            super().__init__()
            self.attention = Attention()
            self.intermediate = Dense(H, config["intermediate_size"], False)
            self.output = Dense(config["intermediate_size"], H, True)
            self.qkv: nn.Linear | None = None

        def fuse(self) -> None:
            """One [3H × H] matrix instead of three: fewer, larger matrix products (about 5 % faster).  The three
            stay as loaded (their names are BERT's, so the weights load unchanged); forward uses the fused one."""
            a = self.attention.self
            qkv = nn.Linear(H, 3 * H).to(a.query.weight.dtype)
            with torch.no_grad():
                qkv.weight.copy_(torch.cat([a.query.weight, a.key.weight, a.value.weight]))
                qkv.bias.copy_(torch.cat([a.query.bias, a.key.bias, a.value.bias]))
            self.qkv = qkv

        def forward(self, x, mask):
            B, T, _ = x.shape
            assert self.qkv is not None, "call fuse() after loading the weights"
            q, k, v = self.qkv(x).view(B, T, 3, heads, H // heads).permute(2, 0, 3, 1, 4)
            ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
            ctx = ctx.transpose(1, 2).reshape(B, T, H)
            o = self.attention.output
            x = o.LayerNorm(o.dense(ctx) + x)
            h = F.gelu(self.intermediate.dense(x))
            return self.output.LayerNorm(self.output.dense(h) + x)

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.layer = nn.ModuleList(Layer() for _ in range(config["num_hidden_layers"]))

    class Bert(nn.Module):
        def __init__(self):
            super().__init__()
            self.embeddings = Embeddings()
            self.encoder = Encoder()

    class TokenClassifier(nn.Module):
        def __init__(self):
            super().__init__()
            self.bert = Bert()
            self.classifier = nn.Linear(H, len(config["id2label"]))

        def forward(self, ids, attention_mask):
            mask = attention_mask[:, None, None, :].bool()
            x = self.bert.embeddings(ids)
            for layer in self.bert.encoder.layer:
                x = layer(x, mask)
            return self.classifier(x)

    return TokenClassifier()


PRECISIONS = ("int8", "bf16", "fp32")


def _int8_available() -> bool:
    try:
        import torch

        return hasattr(torch.ao.quantization, "quantize_dynamic") and any(
            e in torch.backends.quantized.supported_engines for e in ("x86", "fbgemm", "onednn")
        )
    except Exception:
        return False


def default_precision() -> str:
    """``$LOANCLAUSE_NER_PRECISION``, else int8 where available, else bf16 where the CPU has it, else fp32."""
    env = os.environ.get("LOANCLAUSE_NER_PRECISION", "").strip().lower()
    if env:
        if env not in PRECISIONS:
            raise ValueError(f"LOANCLAUSE_NER_PRECISION must be one of {', '.join(PRECISIONS)}, not {env!r}")
        return env
    if _int8_available():
        return "int8"
    return "bf16" if _cpu_has_bf16() else "fp32"


def _quantize_int8(net):
    import warnings

    import torch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", UserWarning)
        return torch.ao.quantization.quantize_dynamic(net, {torch.nn.Linear}, dtype=torch.qint8)


def _cpu_has_bf16() -> bool:
    try:
        import torch

        if torch.backends.cpu.get_cpu_capability() not in ("AVX512", "AMX", "AVX512_BF16"):
            return False
        flags = Path("/proc/cpuinfo").read_text(errors="ignore")
        return "avx512_bf16" in flags or "amx_bf16" in flags
    except Exception:
        return False


# ------------------------------------------------------------------------------------------------ the model


class NerModel:
    """A loaded NER model: tokenizer, network, labels.  Use ``NerModel.load()``; ``predict`` is thread-compatible
    for reading (no state changes) but torch runs one forward at a time per process sensibly."""

    def __init__(
        self, path: Path, net, tokenizer, labels: list[str], precision: str, window: int, overlap: int
    ):
        self.path = path
        self.net = net
        self.tokenizer = tokenizer
        self.labels = labels
        self.precision = precision
        self.window = window
        self.overlap = overlap
        self.load_seconds = 0.0
        self.name = path.name

    @classmethod
    def load(cls, path: str | Path | None = None, *, precision: str | None = None) -> NerModel:
        """Load (once per process, path and precision) the model at ``path`` or ``default_model_path()``."""
        from loanclause.errors import LoanClauseError, ModelError

        p = Path(path) if path is not None else default_model_path()
        try:
            return _load_cached(str(p.resolve()), precision or default_precision())
        except LoanClauseError:
            raise
        except Exception as err:  # a corrupt or mismatched model directory: one reason, not a traceback
            raise ModelError(f"cannot load the NER model at {p}: {type(err).__name__}: {err}") from err

    @classmethod
    def _load(cls, path: Path, precision: str | None = None) -> NerModel:
        t0 = time.perf_counter()
        if not (path / "model.safetensors").exists():
            from loanclause.errors import ModelError

            raise ModelError(f"no NER model at {path} (model.safetensors missing)")
        import torch
        from safetensors.torch import load_file

        from loanclause.extract.tokenizer import CharTokenizer

        threads = os.environ.get("LOANCLAUSE_THREADS")
        if threads:
            torch.set_num_threads(max(1, int(threads)))
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        labels_path = path / "labels.json"
        if labels_path.exists():
            labels = json.loads(labels_path.read_text(encoding="utf-8"))
        else:
            labels = [config["id2label"][str(i)] for i in range(len(config["id2label"]))]
        net = _build_module(config)
        state = load_file(str(path / "model.safetensors"))
        state = {
            k: v.float() for k, v in state.items() if not k.endswith("position_ids") and "pooler" not in k
        }
        missing, unexpected = net.load_state_dict(state, strict=False)
        if missing or unexpected:
            raise ValueError(f"weights do not fit the network: missing {missing}, unexpected {unexpected}")
        net.eval()
        for layer in net.bert.encoder.layer:
            layer.fuse()
        tok = CharTokenizer.load(path)
        precision = precision or default_precision()
        if precision not in PRECISIONS:
            from loanclause.errors import ConfigError

            raise ConfigError(f"precision must be one of {', '.join(PRECISIONS)}, not {precision!r}")
        if precision == "int8":
            net = _quantize_int8(net)
        elif precision == "bf16":  # cast once here, not by autocast on every call (~10 % faster)
            net.to(torch.bfloat16)
        limit = int(config["max_position_embeddings"]) - 2
        window = min(254, limit)
        model = cls(path, net, tok, labels, precision, window=window, overlap=64)
        model.name = model_identity(path) or path.name
        model.load_seconds = time.perf_counter() - t0
        return model

    # -------------------------------------------------------------------------------------------- predict
    def predict_logprobs(
        self, texts: list[str], *, batch_size: int = 8, max_tokens: int = 512
    ) -> list[np.ndarray]:
        """Per text a ``[len(text), L]`` float32 array of (merged) log-probabilities.

        Windows are sorted by length and batched up to ``max_tokens`` padded tokens (at least ``batch_size``
        windows), so short clauses run in large batches; a window more than twice as long as the batch's first
        starts a new batch (padding would cost more than the extra forward pass).  512 tokens a batch measured
        fastest on one thread for the sentences the pipeline reads (16,600 chars/s vs 13,600 at 2048) and is
        as fast for long texts on two threads."""
        import numpy as np
        import torch

        tok = self.tokenizer
        n_lab = len(self.labels)
        all_ids = tok.encode_batch(texts)
        pieces = []  # (text index, start, end)
        for ti, text in enumerate(texts):
            if text:
                pieces.extend((ti, s, e) for s, e in windows(text, self.window, self.overlap))
        single = {ti for ti, s, e in pieces if s == 0 and e == len(texts[ti])}
        order = sorted(range(len(pieces)), key=lambda k: pieces[k][2] - pieces[k][1])
        out: list[np.ndarray | None] = [None] * len(texts)
        acc: dict[int, np.ndarray] = {}
        wsum: dict[int, np.ndarray] = {}
        b0 = 0
        with torch.inference_mode():
            while b0 < len(order):
                shortest = longest = pieces[order[b0]][2] - pieces[order[b0]][1]
                b1 = b0
                while b1 < len(order):
                    ln = pieces[order[b1]][2] - pieces[order[b1]][1]
                    if b1 - b0 >= batch_size and (ln + 2) * (b1 - b0 + 1) > max_tokens:
                        break
                    if b1 > b0 and ln > 2 * shortest + 32:
                        break  # padding would cost more than a second forward pass
                    longest = ln
                    b1 += 1
                chunk = [pieces[k] for k in order[b0:b1]]
                b0 = b1
                L = longest + 2
                arr = np.full((len(chunk), L), tok.pad_id, dtype=np.int64)
                for r, (ti, s, e) in enumerate(chunk):
                    arr[r, 0] = tok.cls_id
                    arr[r, 1 : e - s + 1] = all_ids[ti][s:e]
                    arr[r, e - s + 1] = tok.sep_id
                ids = torch.from_numpy(arr)
                mask = ids != tok.pad_id
                logits = self.net(ids, mask)
                logp = torch.log_softmax(logits.float(), -1).numpy()
                for r, (ti, s, e) in enumerate(chunk):
                    n = e - s
                    if ti in single:
                        out[ti] = logp[r, 1 : n + 1]
                        continue
                    pos = np.arange(n, dtype=np.float32)
                    w = np.minimum(pos + 1, n - pos)[:, None]
                    if s == 0:
                        w[: n // 2] = n  # the text's own start is not a window edge
                    if e == len(texts[ti]):
                        w[n // 2 :] = np.maximum(w[n // 2 :], n)
                    if ti not in acc:
                        acc[ti] = np.zeros((len(texts[ti]), n_lab), dtype=np.float32)
                        wsum[ti] = np.zeros((len(texts[ti]), 1), dtype=np.float32)
                    acc[ti][s:e] += np.exp(logp[r, 1 : n + 1]) * w
                    wsum[ti][s:e] += w
        for ti, a in acc.items():
            out[ti] = np.log(np.maximum(a / np.maximum(wsum[ti], 1e-9), 1e-9)).astype(np.float32)
        return [o if o is not None else np.zeros((0, n_lab), dtype=np.float32) for o in out]

    def predict(
        self, texts: list[str] | str, *, batch_size: int = 8, max_tokens: int = 512
    ) -> list[list[Entity]]:
        """Entities per text; offsets index the text as given (the character map keeps lengths)."""
        import numpy as np

        if isinstance(texts, str):
            texts = [texts]
        index = {lab: i for i, lab in enumerate(self.labels)}
        results: list[list[Entity]] = []
        logps = self.predict_logprobs(texts, batch_size=batch_size, max_tokens=max_tokens)
        for text, logp in zip(texts, logps, strict=True):
            if not text:
                results.append([])
                continue
            tags = decode_tags(logp, self.labels)
            ents = []
            for s, e, lab in spans_from_tags(tags, merge_adjacent=True):
                # trim white space the model may have swallowed at the edges
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                if e <= s:
                    continue
                cols = [index[tags[i]] for i in range(s, e)]
                score = float(np.exp(logp[np.arange(s, e), cols]).mean())
                ents.append(
                    Entity(label=lab, text=text[s:e], start=s, end=e, score=round(score, 4), source="model")
                )
            results.append(ents)
        return results

    def __repr__(self) -> str:
        return f"NerModel({str(self.path)!r}, labels={len(self.labels)}, precision={self.precision!r})"


@functools.cache
def _load_cached(path: str, precision: str) -> NerModel:
    return NerModel._load(Path(path), precision)


def model_identity(path: str | os.PathLike[str]) -> str | None:
    """``<directory name>@<first 12 hex digits of the weights' sha256>`` (None when there are no weights): what a
    report records as its extractor and a scan puts in its fingerprint, so results made with different weights
    never pass for comparable.  Reads the file only; no torch."""
    import hashlib

    weights = Path(path) / "model.safetensors"
    if not weights.exists():
        return None
    return f"{Path(path).name}@{hashlib.sha256(weights.read_bytes()).hexdigest()[:12]}"


def resolve_model(ner: bool | str | os.PathLike[str] | NerModel | None) -> tuple[NerModel | None, str | None]:
    """The model a pipeline run should use, and why there is none when the default one cannot be had.

    ``True`` asks for the default model (``default_model_path()``): if it is absent (a trimmed install) the
    pipeline goes on with the rules alone and says so, rather than fail every file.  An explicit path or model
    must load: a wrong path is the caller's error.  ``False`` / ``None``: rules alone, nothing to say."""
    if ner is None or ner is False:
        return None, None
    if isinstance(ner, NerModel):
        return ner, None
    if ner is True:
        path = default_model_path()
        if not (path / "model.safetensors").exists():
            return None, f"no NER model at {path}: terms were read by the rule baseline alone"
        return NerModel.load(path), None
    return NerModel.load(ner), None
