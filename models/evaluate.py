"""Entity-level evaluation of a de-identification model on the held-out synthetic test set.

    cd models && python3 evaluate.py --model deid-minialbert-small [--notes 600] [--seed 424242]
    cd models && python3 evaluate.py --model deid-minialbert-small --engine ../build/minialbert [--rules all]

Without --engine this scores the PyTorch model alone. With --engine it scores what ships: the C++
engine's `tag` command (model + rule scanners, windows, aggregation and overlap resolution), fed the
same notes as JSON lines; its spans carry HIPAA types, so only the per-type table is printed.

The test notes come from synth.generate with the HELD-OUT templates and background sentences from the
corpora's test files, with a seed no training run uses. A note is tokenised with the model's
vocab (bert_tokenizer), cut into windows of max_position_embeddings - 2 tokens overlapping by half,
and each token takes its label from the window where it is farthest from an edge (the engine's
long-note rule). With --aggregation first (the engine's default) a word - a token and its "##"
continuations - takes its first token's label; "none" keeps token labels. Labels are decoded as IOB2 (an I- without a matching open entity starts one; a bare label, as the
io scheme writes, is read as I-), and
an entity spans from the first character of its first token to the last character of its last.

Scores, per subtype and per HIPAA type (config.json "label_types"):
  strict  - predicted (start, end) equals a gold span of the same subtype/type;
  partial - predicted span overlaps a gold span of the same subtype/type.
precision = matched predictions / predictions, recall = matched gold spans / gold spans.
"""

import argparse
import collections
import json
import os
import subprocess

import numpy as np
import torch

from bert_tokenizer import BertTokenizer, load_vocab
from minialbert_torch import MiniAlbertForTokenClassification
from safetensors_io import read_safetensors
from synth import generate

HERE = os.path.dirname(os.path.abspath(__file__))


def load_model(model_dir, checkpoint=False):
    """The exported model, or with checkpoint=True the last training checkpoint (to watch a run)."""
    if checkpoint:
        ck = torch.load(os.path.join(model_dir, "checkpoints", "last.pt"))
        cfg, state = ck["config"], ck["model"]
    else:
        with open(os.path.join(model_dir, "config.json")) as f:
            cfg = json.load(f)
        weights = read_safetensors(os.path.join(model_dir, "model.safetensors"))
        state = {k: torch.from_numpy(np.array(v)) for k, v in weights.items()}
    model = MiniAlbertForTokenClassification(cfg)
    model.load_state_dict(state)
    model.eval()
    return model, cfg


def predict_tokens(model, cfg, ids, cls_id, sep_id, batch=32):
    """Label id per token of one note, windows of L-2 tokens with stride (L-2)/2, best-context rule."""
    size = cfg["max_position_embeddings"] - 2
    stride = max(1, size // 2)
    n = len(ids)
    spans = [(0, n)] if n <= size else []
    if n > size:
        s = 0
        while True:
            e = min(s + size, n)
            spans.append((s, e))
            if e == n:
                break
            s += stride
    best = [-1] * n
    labels = [0] * n
    for b in range(0, len(spans), batch):
        chunk = spans[b:b + batch]
        L = max(e - s for s, e in chunk) + 2
        t_ids = torch.zeros(len(chunk), L, dtype=torch.long)
        t_mask = torch.zeros(len(chunk), L, dtype=torch.long)
        for i, (s, e) in enumerate(chunk):
            row = [cls_id] + ids[s:e] + [sep_id]
            t_ids[i, :len(row)] = torch.tensor(row)
            t_mask[i, :len(row)] = 1
        with torch.no_grad():
            pred = model(t_ids, t_mask).argmax(-1).tolist()
        for i, (s, e) in enumerate(chunk):
            for j in range(s, e):
                # context = distance to the nearer window edge, except at the note's own ends
                ctx = min(j - s if s > 0 else n, e - 1 - j if e < n else n)
                if ctx > best[j]:
                    best[j] = ctx
                    labels[j] = pred[i][j - s + 1]
    return labels


def decode(labels, offsets):
    """IOB2 or io token labels -> [(start, end, subtype)] character spans."""
    out = []
    cur = None
    for lab, (s, e) in zip(labels, offsets):
        if lab == "O":
            cur = None
            continue
        # IOB2 "B-X" / "I-X", or a bare "X" (io scheme), read as "I-X" as transformers does
        tag, sub = lab.split("-", 1) if lab[:2] in ("B-", "I-") else ("I", lab)
        if tag == "I" and cur is not None and cur[2] == sub:
            cur[1] = e
        else:
            cur = [s, e, sub]
            out.append(cur)
    return [tuple(x) for x in out]


def words_first(tokens, labels):
    """Hugging Face "first" aggregation: a word is a token plus its "##" continuations; it takes the
    label of its first token and spans all of them. This is the engine's default aggregation."""
    out_labels, out_offsets = [], []
    for (tok, s, e), lab in zip(tokens, labels):
        if tok.startswith("##") and out_offsets:
            out_offsets[-1] = (out_offsets[-1][0], e)
        else:
            out_labels.append(lab)
            out_offsets.append((s, e))
    return out_labels, out_offsets


def engine_entities(engine, model_dir, texts, rules):
    """The entities (JSON objects: start, end, type, score, source, ...) per text from
    `<engine> tag --jsonl` (code point offsets, as Python's)."""
    cmd = [engine, "tag", "--model", model_dir, "--jsonl", "--offsets", "codepoints", "--rules", rules]
    lines = "".join(json.dumps({"text": t}) + "\n" for t in texts)
    out = subprocess.run(cmd, input=lines, capture_output=True, text=True, encoding="utf-8")
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {out.stderr.strip()}")
    return [json.loads(line)["entities"] for line in out.stdout.splitlines()]


def engine_predictions(engine, model_dir, texts, rules):
    """[(start, end, type)] per text from `<engine> tag --jsonl`."""
    return [[(e["start"], e["end"], e["type"]) for e in ents] for ents in engine_entities(engine, model_dir, texts, rules)]


def score(gold, pred, key, pred_key=None):
    """Counts per class for strict and partial matching; key maps a subtype to the class (pred_key,
    if given, maps the predicted labels)."""
    pred_key = pred_key or key
    c = collections.defaultdict(lambda: collections.Counter())
    for doc_gold, doc_pred in zip(gold, pred):
        g = [(s, e, key(t)) for s, e, t in doc_gold]
        p = [(s, e, pred_key(t)) for s, e, t in doc_pred]
        gset = set(g)
        for s, e, t in p:
            c[t]["pred"] += 1
            c[t]["strict_tp_pred"] += (s, e, t) in gset
            c[t]["partial_tp_pred"] += any(t == t2 and s < e2 and s2 < e for s2, e2, t2 in g)
        pset = set(p)
        for s, e, t in g:
            c[t]["gold"] += 1
            c[t]["strict_tp_gold"] += (s, e, t) in pset
            c[t]["partial_tp_gold"] += any(t == t2 and s < e2 and s2 < e for s2, e2, t2 in p)
    return c


def prf(c, mode):
    p = c[mode + "_tp_pred"] / c["pred"] if c["pred"] else 0.0
    r = c[mode + "_tp_gold"] / c["gold"] if c["gold"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def table(counts, title):
    lines = [f"| {title} | gold | pred | strict P | strict R | strict F1 | partial P | partial R | partial F1 |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    total = collections.Counter()
    for name in sorted(counts):
        c = counts[name]
        total.update(c)
        sp, sr, sf = prf(c, "strict")
        pp, pr, pf = prf(c, "partial")
        lines.append(f"| {name} | {c['gold']} | {c['pred']} | {sp:.3f} | {sr:.3f} | {sf:.3f} | {pp:.3f} | {pr:.3f} | {pf:.3f} |")
    sp, sr, sf = prf(total, "strict")
    pp, pr, pf = prf(total, "partial")
    lines.append(f"| **all (micro)** | {total['gold']} | {total['pred']} | {sp:.3f} | {sr:.3f} | {sf:.3f} | {pp:.3f} | {pr:.3f} | {pf:.3f} |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True, help="model directory")
    ap.add_argument("--notes", type=int, default=600)
    ap.add_argument("--seed", type=int, default=424242)
    ap.add_argument("--split", choices=["heldout", "train"], default="heldout")
    ap.add_argument("--aggregation", choices=["first", "none"], default="first")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--checkpoint", action="store_true", help="evaluate <model>/checkpoints/last.pt")
    ap.add_argument("--json", help="also write the counts here")
    ap.add_argument("--engine", help="score the C++ engine's `tag` (model + rules) instead of the PyTorch model")
    ap.add_argument("--rules", default="all", help="with --engine: the tag command's --rules value")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    model_dir = os.path.join(HERE, args.model) if not os.path.isabs(args.model) else args.model
    model, cfg = load_model(model_dir, args.checkpoint)
    vocab = load_vocab(os.path.join(model_dir, "vocab.txt"))
    tok = BertTokenizer(vocab, do_lower_case=False)
    id2label = {int(k): v for k, v in cfg["id2label"].items()}
    label_types = cfg["label_types"]

    if args.engine:
        records = list(generate.generate(args.split, args.seed, args.notes))
        gold = [[tuple(s) for s in rec["spans"]] for rec in records]
        pred = engine_predictions(args.engine, model_dir, [rec["text"] for rec in records], args.rules)
        by_type = score(gold, pred, lambda t: label_types[t], lambda t: t)
        print(f"{args.split} set: {args.notes} notes, seed {args.seed}, engine {args.engine} (rules {args.rules}), "
              f"model {args.model}\n")
        print(table(by_type, "type"))
        if args.json:
            with open(args.json, "w") as f:
                json.dump({"by_type": by_type}, f, indent=1, sort_keys=True)
        return

    gold, pred = [], []
    for rec in generate.generate(args.split, args.seed, args.notes):
        toks = tok.tokenize_with_offsets(rec["text"])
        ids = tok.convert_tokens_to_ids([t for t, _, _ in toks])
        labels = [id2label[i] for i in predict_tokens(model, cfg, ids, vocab["[CLS]"], vocab["[SEP]"])]
        if args.aggregation == "first":
            pred.append(decode(*words_first(toks, labels)))
        else:
            pred.append(decode(labels, [(s, e) for _, s, e in toks]))
        gold.append([tuple(s) for s in rec["spans"]])

    by_type = score(gold, pred, lambda t: label_types[t])
    by_sub = score(gold, pred, lambda t: t)
    print(f"{args.split} set: {args.notes} notes, seed {args.seed}, model {args.model}, aggregation {args.aggregation}\n")
    print(table(by_type, "type"))
    print()
    print(table(by_sub, "subtype"))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"by_type": by_type, "by_subtype": by_sub}, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
