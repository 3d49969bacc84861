"""Learn a cased WordPiece vocabulary for the default de-identification model (standard library only).

    cd models && python3 build_vocab.py --size 8000 --out deid-minialbert-small/vocab.txt

Corpus: synthetic TRAIN notes (synth.generate, seed 7) plus the clinical text of the training files
of ACI-Bench and MTS-Dialog (../shared/data, CC BY 4.0), pre-tokenised with BertTokenizer's basic
tokenizer (cased), so every learned piece is one the runtime tokenizer can produce.

The learner is the one the Hugging Face `tokenizers` WordPiece trainer uses: BPE merges by pair
frequency over words split into a first character and "##"-prefixed continuation characters; each
merge adds one token. Every printable ASCII character is in the alphabet in both forms ("x" and
"##x"), so digits and punctuation never become [UNK]. Output: [PAD] [UNK] [CLS] [SEP] [MASK]
(ids 0-4), then the alphabet, then the merged tokens in merge order.
"""

import argparse
import collections
import heapq
import os
import sys

from bert_tokenizer import BertTokenizer
from synth import background, generate

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def corpus_texts(synth_notes):
    for rec in generate.generate("train", 7, synth_notes):
        yield rec["text"]
    yield from background.documents("train")


def count_words(texts):
    basic = BertTokenizer({}, do_lower_case=False)
    counts = collections.Counter()
    for text in texts:
        for word in basic._basic(text, 0, len(text)):
            counts["".join(c for c, _ in word)] += 1
    return counts


def learn(counts, size, min_char_count):
    char_counts = collections.Counter()
    for w, c in counts.items():
        for ch in w:
            char_counts[ch] += c
    alphabet = set(ch for ch, c in char_counts.items() if c >= min_char_count)
    alphabet |= set(chr(c) for c in range(33, 127))
    vocab = list(SPECIALS)
    for ch in sorted(alphabet):
        vocab.append(ch)
    for ch in sorted(alphabet):
        vocab.append("##" + ch)
    known = set(vocab)

    # Words whose characters are all in the alphabet; others can only be [UNK] anyway.
    words, freqs = [], []
    for w, c in sorted(counts.items()):
        if len(w) <= 100 and all(ch in alphabet for ch in w):
            words.append([w[0]] + ["##" + ch for ch in w[1:]])
            freqs.append(c)

    pair_count = collections.Counter()
    pair_words = collections.defaultdict(set)
    for i, syms in enumerate(words):
        for a, b in zip(syms, syms[1:]):
            pair_count[(a, b)] += freqs[i]
            pair_words[(a, b)].add(i)
    # Max-heap with lazy deletion; ties broken by the pair itself so the result is deterministic.
    heap = [(-c, pair) for pair, c in pair_count.items()]
    heapq.heapify(heap)

    while len(vocab) < size and heap:
        neg, pair = heapq.heappop(heap)
        if pair_count.get(pair, 0) != -neg or -neg <= 0:
            continue
        a, b = pair
        new = a + (b[2:] if b.startswith("##") else b)
        if new not in known:
            vocab.append(new)
            known.add(new)
        touched = collections.Counter()
        for i in list(pair_words[pair]):
            syms, f = words[i], freqs[i]
            for x, y in zip(syms, syms[1:]):
                pair_count[(x, y)] -= f
                touched[(x, y)] += 0
            merged, k = [], 0
            while k < len(syms):
                if k + 1 < len(syms) and syms[k] == a and syms[k + 1] == b:
                    merged.append(new)
                    k += 2
                else:
                    merged.append(syms[k])
                    k += 1
            words[i] = merged
            for x, y in zip(merged, merged[1:]):
                pair_count[(x, y)] += f
                pair_words[(x, y)].add(i)
                touched[(x, y)] += 0
        del pair_words[pair]
        pair_count.pop(pair, None)
        for q in touched:
            if q != pair and pair_count.get(q, 0) > 0:
                heapq.heappush(heap, (-pair_count[q], q))
    return vocab


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=8000)
    ap.add_argument("--synth-notes", type=int, default=3000)
    ap.add_argument("--min-char-count", type=int, default=3)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    counts = count_words(corpus_texts(args.synth_notes))
    vocab = learn(counts, args.size, args.min_char_count)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        for tok in vocab:
            f.write(tok + "\n")
    print(f"{len(counts)} distinct words, {len(vocab)} tokens -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
