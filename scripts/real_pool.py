"""Build the pool of real items to label (issue 10), split by source document.

Usage::

    python scripts/real_pool.py                 # writes data/real/pool.jsonl and prints counts per split
    python scripts/real_pool.py --shards 6      # also data/real/shards/shard-N.jsonl for annotators (by document)
    python scripts/real_pool.py --supplement 3  # rate-bearing items no shard holds → shards/supp-N.jsonl

Sources (read-only, beside the checkout):

* ``shared/realdata/contracts/`` (7 templates): every line.  The DEV set (``data/eval/clauses_dev.jsonl``) was cut
  from the same repositories and the rules were tuned on these texts, so they go to **train** only;
* ``shared/realdata/contracts_more/`` (27 templates of six other platforms): every line; split **by repository**
  (one platform's templates share their wording, so a platform is one source);
* the loan-dispute judgments in ``shared/corpus/legal_zh.txt.gz`` (CAIL2019 sentences, in corpus order): lines that
  name money, a rate, a party role or a term; a judgment's sentences are consecutive there but its boundaries are
  not marked, so blocks of ``BLOCK`` consecutive corpus lines stand for documents and are split as units (a
  judgment cut by a block boundary can reach two splits at most once per block).

Lines of a DEV item are dropped (whitespace and punctuation removed before comparing).  Long lines are cut at
sentence ends into items of at most ``MAX_CHARS`` characters.  The split of each document is fixed here, by rule,
never by looking at labels: see ``split_of``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
OUT = ROOT / "data" / "real"

BLOCK = 40
MAX_CHARS = 300
MIN_CHARS = 6

#: contracts_more repositories → split (whole platforms; test-real holds the largest, unseen platform)
REPO_SPLIT = {
    "zhighest": "test",
    "Tinsson": "test",
    "tuotiansudai": "dev",
    "zhangLei-1989": "dev",
    "yanzj": "train",
    "topchenxi": "train",
}

#: items to label per split (issue 10: ≥ 2,500 in all, test-real ≥ 500); the rest of the pool stays unlabelled
TARGET = {"train": 1350, "dev": 550, "test": 750}

SUPPLEMENT_TRAIN = 400
_RATE_CUE_RE = re.compile(
    r"利率|利息|[%％‰]|月息|年息|日息|罚息|违约金|服务费|管理费|手续费|咨询费|万分之|千分之|百分之|[0-9一二三四五六七八九两]分(?!之)|厘"
)
_CUE_RE = re.compile(
    r"元|利率|利息|息|违约金|罚息|费|借款|借到|出借|期限|管辖|地址|原告|被告|保证|还款|逾期|月|%|％|‰"
)
_PUNCT_RE = re.compile(r"[\s\W_]+", re.UNICODE)


def norm(text: str) -> str:
    """Text without whitespace and punctuation: the key for "the same sentence"."""
    return _PUNCT_RE.sub("", text)


def split_of_block(block: int) -> str:
    """Judgment blocks: 60 % train, 20 % dev, 20 % test, by a hash of the block number (stable, label-blind)."""
    h = int(hashlib.sha256(f"cail-block-{block}".encode()).hexdigest(), 16) % 10
    return "train" if h < 6 else "dev" if h < 8 else "test"


def _pieces(line: str) -> list[str]:
    line = line.strip()
    if len(line) <= MAX_CHARS:
        return [line]
    out, cur = [], ""
    for part in re.split(r"(?<=[。；;])", line):
        if cur and len(cur) + len(part) > MAX_CHARS:
            out.append(cur)
            cur = ""
        cur += part
    if cur:
        out.append(cur)
    return out


def _judgment_range(lines: list[str]) -> tuple[int, int]:
    """The corpus lines of the judgment section: after the last 法答网 attribution before the CAIL text, up to the
    first statute that follows it (the corpus README lists CAIL as the end of tier 1's civil cases)."""
    start = next(i for i in range(len(lines)) if lines[i].startswith("责任编辑") and i > 4000) + 1
    end = next(
        i for i in range(start, len(lines)) if re.match(r"第一条\s*中华人民共和国对外国中央银行", lines[i])
    )
    return start, end


def build() -> list[dict]:
    dev_keys = {
        norm(json.loads(x)["text"]) for x in (ROOT / "data/eval/clauses_dev.jsonl").open(encoding="utf-8")
    }
    items: list[dict] = []
    counts: dict[str, int] = {}

    def add(doc: str, split: str, source: str, text: str) -> None:
        for piece in _pieces(text):
            if len(piece) < MIN_CHARS or norm(piece) in dev_keys or not norm(piece):
                continue
            counts[doc] = counts.get(doc, 0) + 1
            items.append(
                {
                    "id": f"real-{doc}-{counts[doc]:04d}",
                    "doc": doc,
                    "split": split,
                    "source": source,
                    "text": piece,
                }
            )

    for path in sorted((SHARED / "realdata/contracts").glob("*.txt")):
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            add(f"c7-{path.stem[:40]}", "train", f"shared/realdata/contracts/{path.name}#L{i}", line)
    for path in sorted((SHARED / "realdata/contracts_more").glob("*.txt")):
        repo = path.stem.split("_")[0]
        split = REPO_SPLIT[repo]
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            add(f"cm-{path.stem[:48]}", split, f"shared/realdata/contracts_more/{path.name}#L{i}", line)
    with gzip.open(SHARED / "corpus/legal_zh.txt.gz", "rt", encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    lo, hi = _judgment_range(lines)
    for i in range(lo, hi):
        line = lines[i]
        if not _CUE_RE.search(line):
            continue
        block = (i - lo) // BLOCK
        add(f"j-{block:03d}", split_of_block(block), f"shared/corpus/legal_zh.txt.gz#L{i + 1}", line)
    # a sentence shared by two platforms' templates (boilerplate) stays only in the earlier split: test-real must
    # hold nothing the model or the rules could have seen in train or dev
    rank = {"train": 0, "dev": 1, "test": 2}
    first: dict[str, int] = {}
    for it in items:
        key = norm(it["text"])
        first[key] = min(first.get(key, 9), rank[it["split"]])
    return [it for it in items if first[norm(it["text"])] == rank[it["split"]]]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--shards", type=int, default=0, help="also write this many annotator shards, by document"
    )
    ap.add_argument(
        "--supplement",
        type=int,
        default=0,
        help="write this many shards of rate-bearing items that no shard holds yet (all of dev and test, "
        f"the first {SUPPLEMENT_TRAIN} of train in a label-blind order)",
    )
    ap.add_argument(
        "--train-round",
        type=int,
        default=0,
        help="write this many shards (train-N.jsonl, --per-shard items each) of train items no shard holds yet: "
        "more real text for the model, never dev or test",
    )
    ap.add_argument("--per-shard", type=int, default=250)
    ap.add_argument(
        "--round-name",
        default="train",
        help="shard prefix of the --train-round (round 3: train, round 4: train4)",
    )
    args = ap.parse_args()
    items = build()
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "pool.jsonl").open("w", encoding="utf-8") as fh:
        for it in items:
            fh.write(json.dumps(it, ensure_ascii=False) + "\n")
    for split in ("train", "dev", "test"):
        part = [it for it in items if it["split"] == split]
        print(f"{split:5}  {len(part):5} items  {len({it['doc'] for it in part}):3} documents")
    if args.supplement:
        supplement(items, args.supplement)
    if args.train_round:
        train_round(items, args.train_round, args.per_shard, args.round_name)
    if args.shards:
        docs: dict[str, list[dict]] = {}
        for it in items:
            docs.setdefault(it["doc"], []).append(it)
        # whole documents, in a label-blind order (hash of the id), until each split has its target
        chosen: list[str] = []
        for split, target in TARGET.items():
            have = 0
            for doc in sorted(docs, key=lambda d: hashlib.sha256(d.encode()).hexdigest()):
                if docs[doc][0]["split"] == split and have < target:
                    chosen.append(doc)
                    have += len(docs[doc])
            print(f"to label: {split} {have} items")
        shards: list[list[dict]] = [[] for _ in range(args.shards)]
        for doc in sorted(chosen, key=lambda d: -len(docs[d])):
            min(shards, key=len).extend(docs[doc])
        (OUT / "shards").mkdir(exist_ok=True)
        for k, shard in enumerate(shards, 1):
            with (OUT / "shards" / f"shard-{k}.jsonl").open("w", encoding="utf-8") as fh:
                for it in shard:
                    fh.write(json.dumps({x: it[x] for x in ("id", "doc", "text")}, ensure_ascii=False) + "\n")
            print(f"shard-{k}: {len(shard)} items")


def supplement(items: list[dict], n_shards: int) -> None:
    """The first labelling round left the rate fields thin (judgments talk about parties more than rates), so a
    second round takes the items that state a rate, a penalty or a fee.  Their documents keep their split."""
    held = set()
    for path in (OUT / "shards").glob("shard-*.jsonl"):
        held |= {json.loads(x)["id"] for x in path.open(encoding="utf-8")}
    chosen = [it for it in items if it["id"] not in held and _RATE_CUE_RE.search(it["text"])]
    train = sorted(
        (it for it in chosen if it["split"] == "train"),
        key=lambda it: hashlib.sha256(it["id"].encode()).hexdigest(),
    )
    chosen = [it for it in chosen if it["split"] != "train"] + train[:SUPPLEMENT_TRAIN]
    _write_shards("supp", chosen, n_shards)


def _write_shards(prefix: str, chosen: list[dict], n_shards: int) -> None:
    """``shards/PREFIX-k.jsonl``: whole documents, largest first, each into the emptiest shard."""
    docs: dict[str, list[dict]] = {}
    for it in sorted(chosen, key=lambda it: (it["doc"], it["id"])):
        docs.setdefault(it["doc"], []).append(it)
    shards: list[list[dict]] = [[] for _ in range(n_shards)]
    for doc in sorted(docs, key=lambda d: -len(docs[d])):
        min(shards, key=len).extend(docs[doc])
    for k, shard in enumerate(shards, 1):
        with (OUT / "shards" / f"{prefix}-{k}.jsonl").open("w", encoding="utf-8") as fh:
            for it in shard:
                fh.write(json.dumps({x: it[x] for x in ("id", "doc", "text")}, ensure_ascii=False) + "\n")
        print(f"{prefix}-{k}: {len(shard)} items")


def train_round(items: list[dict], n_shards: int, per_shard: int, prefix: str = "train") -> None:
    """A round for the model only: train items that no earlier shard holds, those stating a rate, a penalty or a
    fee first (the labels the model is weakest on), each group in a label-blind order (hash of the id); whole
    documents are kept together in one shard.  ``prefix`` names the round (round 3: ``train``, round 4:
    ``train4``); its own shards are not counted as held, so a rerun writes the same ones again."""
    held = set()
    for path in (OUT / "shards").glob("*.jsonl"):
        if not path.name.startswith(prefix + "-"):
            held |= {json.loads(x)["id"] for x in path.open(encoding="utf-8")}
    free = [it for it in items if it["split"] == "train" and it["id"] not in held]
    blind = sorted(free, key=lambda it: hashlib.sha256(it["id"].encode()).hexdigest())
    ordered = [it for it in blind if _RATE_CUE_RE.search(it["text"])]
    ordered += [it for it in blind if not _RATE_CUE_RE.search(it["text"])]
    _write_shards(prefix, ordered[: n_shards * per_shard], n_shards)


if __name__ == "__main__":
    main()
