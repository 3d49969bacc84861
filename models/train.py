"""Train the default de-identification model (a miniALBERT token classifier) on synthetic notes.

    cd models
    python3 build_vocab.py --out deid-minialbert-small/vocab.txt
    nohup /usr/bin/python3 train.py --out DIR [size options] > train.log 2>&1 &
    /usr/bin/python3 train.py --out DIR [same options] --resume     # after an interruption
    # the shipped model, phase 2 from phase 1's weights (README "The default de-identification model")
    /usr/bin/python3 train.py --out deid-minialbert-small --init-from p1 --scheme io ...

Data: synth.generate TRAIN notes (templates and procedural notes), seed --data-seed, --train-notes
notes, tokenised with the model's vocab.txt by bert_tokenizer (BertTokenizer semantics), cut into
windows of at most max_seq_length - 2 tokens with [CLS]/[SEP]. Every sub-token of an entity is
labelled: B- on the first token that overlaps the span, I- on the rest (--scheme bio), or the bare
subtype (--scheme io). Cached under models/data/ (git-ignored).

Reproducible: weights from torch.manual_seed(--seed), batch order from a torch.Generator seeded from
--seed and the epoch, one thread. A checkpoint (model, optimiser, step) is written to
<out>/checkpoints/ every --ckpt-minutes; --resume continues from it with the same batch sequence.
At the end the model directory gets config.json, model.safetensors (f32), tokenizer_config.json and
special_tokens_map.json.
"""

import argparse
import json
import os
import random
import sys
import time

import numpy as np
import torch

from bert_tokenizer import BertTokenizer, load_vocab
from minialbert_torch import MiniAlbertForTokenClassification
from safetensors_io import write_safetensors
from synth import generate

HERE = os.path.dirname(os.path.abspath(__file__))


def label_list(scheme="bio"):
    """"bio": O, B-X, I-X per subtype X (IOB2). "io": O and X per subtype: an entity is a run of tokens
    with the same label, so the model never has to tell an entity's first token from the next."""
    labels = ["O"]
    for s in generate.SUBTYPES:
        labels += ["B-" + s, "I-" + s] if scheme == "bio" else [s]
    return labels


def token_labels(offsets, spans, scheme="bio"):
    """Label per token: a token overlapping span [s, e) gets B- if it is the first such token, else I-
    ("bio"), or the bare subtype ("io")."""
    out = ["O"] * len(offsets)
    j = 0
    spans = sorted(spans)
    for s, e, lab in spans:
        first = True
        while j < len(offsets) and offsets[j][1] <= s:
            j += 1
        k = j
        while k < len(offsets) and offsets[k][0] < e:
            if offsets[k][1] > s:
                out[k] = lab if scheme == "io" else ("B-" if first else "I-") + lab
                first = False
            k += 1
    return out


def windows(n, size, stride):
    """[start, end) token windows covering 0..n, each at most `size`, consecutive starts `stride` apart."""
    if n <= size:
        return [(0, n)]
    out = []
    start = 0
    while True:
        end = min(start + size, n)
        out.append((start, end))
        if end == n:
            return out
        start += stride


def make_config(args, vocab_size):
    labels = label_list(args.scheme)
    return {
        "architectures": ["MiniAlbertForTokenClassification"],
        "attention_probs_dropout_prob": 0.1,
        "bos_token_id": 2,
        "classifier_dropout": None,
        "classifier_dropout_prob": 0.1,
        "down_scale_factor": 1,
        "embedding_size": args.embedding_size,
        "eos_token_id": 3,
        "gap_size": 0,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "hidden_size": args.hidden_size,
        "id2label": {str(i): l for i, l in enumerate(labels)},
        "initializer_range": 0.02,
        "inner_group_num": 1,
        "intermediate_size": args.intermediate_size,
        "label2id": {l: i for i, l in sorted(enumerate(labels), key=lambda x: x[1])},
        "label_types": dict(generate.LABEL_TYPES),
        "layer_norm_eps": 1e-12,
        "max_position_embeddings": args.max_position_embeddings,
        "model_type": "albert",
        "net_structure_type": 0,
        "num_attention_heads": args.heads,
        "num_hidden_groups": 1,
        "num_hidden_layers": args.layers,
        "num_memory_blocks": 0,
        "pad_token_id": 0,
        "position_embedding_type": "absolute",
        "reduction_factor": args.reduction_factor,
        "torch_dtype": "float32",
        "type_vocab_size": 2,
        "use_adapter": True,
        "vocab_size": vocab_size,
    }


def prepare(split, seed, count, vocab_path, max_tokens, stride, scheme):
    """Token windows (ids, label ids) of `count` generated notes; cached in models/data/."""
    cache = os.path.join(HERE, "data", f"{split}-g{generate.VERSION}-s{seed}-n{count}-t{max_tokens}-st{stride}-{scheme}.pt")
    vocab_sig = os.path.getsize(vocab_path)
    if os.path.exists(cache):
        d = torch.load(cache)
        if d["vocab_sig"] == vocab_sig:
            return d["ids"], d["labels"]
    vocab = load_vocab(vocab_path)
    tok = BertTokenizer(vocab, do_lower_case=False)
    l2i = {l: i for i, l in enumerate(label_list(scheme))}
    cls, sep = vocab["[CLS]"], vocab["[SEP]"]
    all_ids, all_labels = [], []
    for rec in generate.generate(split, seed, count):
        toks = tok.tokenize_with_offsets(rec["text"])
        ids = tok.convert_tokens_to_ids([t for t, _, _ in toks])
        labs = [l2i[l] for l in token_labels([(s, e) for _, s, e in toks], rec["spans"], scheme)]
        for s, e in windows(len(ids), max_tokens, stride):
            all_ids.append([cls] + ids[s:e] + [sep])
            all_labels.append([-100] + labs[s:e] + [-100])
    os.makedirs(os.path.dirname(cache), exist_ok=True)
    torch.save({"vocab_sig": vocab_sig, "ids": all_ids, "labels": all_labels}, cache)
    return all_ids, all_labels


def pad_batch(ids, labels):
    L = max(len(x) for x in ids)
    B = len(ids)
    t_ids = torch.zeros(B, L, dtype=torch.long)
    t_mask = torch.zeros(B, L, dtype=torch.long)
    t_lab = torch.full((B, L), -100, dtype=torch.long)
    for i, (x, y) in enumerate(zip(ids, labels)):
        t_ids[i, :len(x)] = torch.tensor(x)
        t_mask[i, :len(x)] = 1
        t_lab[i, :len(y)] = torch.tensor(y)
    return t_ids, t_mask, t_lab


def batch_order(n, batch, seed, epoch):
    g = torch.Generator()
    g.manual_seed(seed * 1000 + epoch)
    perm = torch.randperm(n, generator=g).tolist()
    return [perm[i:i + batch] for i in range(0, n - batch + 1, batch)]


def init_weights(model, std):
    for name, p in model.named_parameters():
        if name.endswith("LayerNorm.weight") or name.endswith("norm.weight") or name.endswith("layer_norm.weight"):
            torch.nn.init.ones_(p)
        elif name.endswith("bias"):
            torch.nn.init.zeros_(p)
        else:
            torch.nn.init.normal_(p, 0.0, std)


def adapt_classifier(state, old_labels, new_labels):
    """Classifier rows for new_labels from a model trained with old_labels (another scheme): a label
    takes the row of the same label, else of "I-" + label (io from bio), else of its subtype (bio
    from io)."""
    w, b = state["classifier.weight"], state["classifier.bias"]
    index = {l: i for i, l in enumerate(old_labels)}
    rows = [index.get(l, index.get("I-" + l, index.get(l.split("-", 1)[-1]))) for l in new_labels]
    if None in rows:
        sys.exit(f"--init-from: no classifier row for label {new_labels[rows.index(None)]}")
    state["classifier.weight"], state["classifier.bias"] = w[rows].clone(), b[rows].clone()


def export(model, cfg, out_dir):
    tensors = {k: v.detach().cpu().numpy() for k, v in model.state_dict().items()}
    tensors = {k: (v.astype(np.int64) if v.dtype.kind == "i" else v.astype(np.float32)) for k, v in tensors.items()}
    write_safetensors(os.path.join(out_dir, "model.safetensors"), tensors, {"format": "pt"})
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2, sort_keys=True)
        f.write("\n")
    with open(os.path.join(out_dir, "tokenizer_config.json"), "w") as f:
        json.dump({"do_lower_case": False, "model_max_length": cfg["max_position_embeddings"],
                   "tokenizer_class": "BertTokenizer"}, f, indent=2)
        f.write("\n")
    with open(os.path.join(out_dir, "special_tokens_map.json"), "w") as f:
        json.dump({"cls_token": "[CLS]", "mask_token": "[MASK]", "pad_token": "[PAD]", "sep_token": "[SEP]",
                   "unk_token": "[UNK]"}, f, indent=2)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="model directory (holds vocab.txt)")
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--init-from", help="model directory whose model.safetensors starts this run")
    ap.add_argument("--seed", type=int, default=20261128)
    ap.add_argument("--data-seed", type=int, default=1)
    ap.add_argument("--train-notes", type=int, default=6000)
    ap.add_argument("--scheme", choices=["bio", "io"], default="bio", help="label scheme (see label_list)")
    ap.add_argument("--max-seq-length", type=int, default=128)
    ap.add_argument("--window-stride", type=int, default=96)
    ap.add_argument("--embedding-size", type=int, default=64)
    ap.add_argument("--hidden-size", type=int, default=128)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--intermediate-size", type=int, default=512)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--reduction-factor", type=int, default=8)
    ap.add_argument("--max-position-embeddings", type=int, default=128)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--steps", type=int, default=1100)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--fast-lr-mult", type=float, default=10.0)
    ap.add_argument("--warmup", type=int, default=30)
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument("--dropout", type=float, default=0.0)
    ap.add_argument("--ckpt-minutes", type=float, default=4.0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--measure", type=int, default=0, help="time this many steps and exit")
    ap.add_argument("--stop-at", type=int, default=0, help="export after this many steps of the --steps schedule")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    out_dir = os.path.join(HERE, args.out) if not os.path.isabs(args.out) else args.out
    vocab_path = os.path.join(out_dir, "vocab.txt")
    vocab_size = len(load_vocab(vocab_path))
    cfg = make_config(args, vocab_size)

    t0 = time.time()
    ids, labels = prepare("train", args.data_seed, args.train_notes, vocab_path, args.max_seq_length - 2, args.window_stride,
                          args.scheme)
    n_tokens = sum(len(x) for x in ids)
    print(f"data: {len(ids)} windows, {n_tokens} tokens, {time.time() - t0:.0f}s", flush=True)

    torch.manual_seed(args.seed)
    random.seed(args.seed)
    # Dropout is off by default: the synthetic set is large next to the model and a dropout mask
    # costs as much as a matmul on this CPU. The config keeps upstream's values (inert at inference).
    train_cfg = dict(cfg, hidden_dropout_prob=args.dropout, attention_probs_dropout_prob=args.dropout)
    model = MiniAlbertForTokenClassification(train_cfg)
    init_weights(model, cfg["initializer_range"])
    if args.init_from:
        # A second phase: start a new schedule from the weights of a finished run.
        from safetensors_io import read_safetensors
        init_dir = os.path.join(HERE, args.init_from)
        weights = read_safetensors(os.path.join(init_dir, "model.safetensors"))
        state = {k: torch.from_numpy(np.array(v)) for k, v in weights.items()}
        with open(os.path.join(init_dir, "config.json")) as f:
            old = json.load(f)["id2label"]
        adapt_classifier(state, [old[str(i)] for i in range(len(old))], label_list(args.scheme))
        model.load_state_dict(state)
        print(f"initialised from {args.init_from}/model.safetensors", flush=True)
    n_params = sum(p.numel() for p in model.parameters())
    print(f"model: {n_params} parameters", flush=True)

    # The classifier and the embedding tables learn at --fast-lr-mult times the base rate. With one
    # rate for all, the post-LN stack sat at the label prior (loss ~1.7) for the first 250 steps of
    # a run; with 10x on these, the loss leaves the prior within 20 steps. The position table must be
    # in the fast group too: otherwise the growing word vectors drown it in the embedding LayerNorm
    # and the model cannot tell a B- token from the I- tokens after it.
    groups = {}
    for n, p in model.named_parameters():
        fast = n.startswith("classifier.") or (".embeddings." in n and "LayerNorm" not in n)
        decay = p.dim() >= 2 and "embeddings" not in n
        groups.setdefault((fast, decay), []).append(p)
    opt = torch.optim.AdamW([{"params": ps, "weight_decay": args.weight_decay if decay else 0.0,
                              "lr_mult": args.fast_lr_mult if fast else 1.0}
                             for (fast, decay), ps in sorted(groups.items())], lr=args.lr)

    def lr_at(step):
        if step < args.warmup:
            return args.lr * (step + 1) / args.warmup
        return args.lr * max(0.0, (args.steps - step) / max(1, args.steps - args.warmup))

    ckpt_dir = os.path.join(out_dir, "checkpoints")
    ckpt_path = os.path.join(ckpt_dir, "last.pt")
    step = 0
    if args.resume and os.path.exists(ckpt_path):
        ck = torch.load(ckpt_path)
        if ck["config"] != cfg or ck["args"]["steps"] != args.steps:
            sys.exit("checkpoint was written with other settings; start without --resume")
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        step = ck["step"]
        torch.set_rng_state(ck["torch_rng"])
        print(f"resumed at step {step}", flush=True)

    def save():
        os.makedirs(ckpt_dir, exist_ok=True)
        tmp = ckpt_path + ".tmp"
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "step": step, "config": cfg,
                    "args": vars(args), "torch_rng": torch.get_rng_state()}, tmp)
        os.replace(tmp, ckpt_path)

    per_epoch = len(ids) // args.batch
    model.train()
    last_ckpt = time.time()
    t_start = time.time()
    loss_avg = None
    while step < (args.stop_at or args.steps):
        epoch, k = divmod(step, per_epoch)
        order = batch_order(len(ids), args.batch, args.seed, epoch)[k]
        b_ids, b_mask, b_lab = pad_batch([ids[i] for i in order], [labels[i] for i in order])
        for g in opt.param_groups:
            g["lr"] = lr_at(step) * g["lr_mult"]
        logits = model(b_ids, b_mask)
        loss = torch.nn.functional.cross_entropy(logits.view(-1, logits.shape[-1]), b_lab.view(-1), ignore_index=-100)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        loss_avg = loss.item() if loss_avg is None else 0.98 * loss_avg + 0.02 * loss.item()
        if args.measure and step >= args.measure:
            dt = time.time() - t_start
            print(f"{step} steps in {dt:.1f}s: {dt / step:.3f} s/step", flush=True)
            return
        if step % 50 == 0:
            el = time.time() - t_start
            print(f"step {step}/{args.steps} epoch {epoch} loss {loss_avg:.4f} lr {lr_at(step):.2e} "
                  f"{el / 60:.1f} min", flush=True)
        if time.time() - last_ckpt > args.ckpt_minutes * 60:
            save()
            last_ckpt = time.time()
    save()
    model.eval()
    export(model, cfg, out_dir)
    print(f"done: {step} steps, exported to {out_dir}", flush=True)


if __name__ == "__main__":
    main()
