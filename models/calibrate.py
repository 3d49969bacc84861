"""Per-type score floors for the engine (config.json "min_scores"), chosen on the validation notes.

    cd models && /usr/bin/python3 calibrate.py --model deid-minialbert-small --engine ../build/minialbert [--write]

The engine drops a model entity whose score (its probability) is below the floor of its type; rule
entities are kept. The floors are chosen on the VALIDATION notes (held-out templates, seed 777, the
set that picks what ships), never on the test seed, by this rule:

  * a type gets a floor only if its engine partial precision on validation is below the project's
    target (0.90);
  * its floor is the lowest of FLOORS at which validation precision reaches 0.95 (a margin over the
    target: the test notes differ) while validation recall stays where it was with no floor;
  * if no floor reaches 0.95 that way, it is the floor of the highest precision among those that
    keep recall (the lowest of equals), if that precision beats no floor's. (Before, such a type
    got no floor and stayed below the target although a floor helped at no cost in recall.)

De-identification wants recall first, so a floor may only remove false positives on validation.
Prints, per type, precision and recall at every floor; --write stores the chosen floors in the
model's config.json (other keys unchanged).
"""
import argparse
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evaluate  # noqa: E402
from synth import generate  # noqa: E402

FLOORS = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95]
TARGET_PRECISION = 0.90
MARGIN_PRECISION = 0.95
MODEL_FILES = ["model.safetensors", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json"]


def engine_entities(engine, model_dir, texts):
    """Every entity of `<engine> tag --jsonl` for each text, with no floors (config.json's
    "min_scores" removed in a temporary copy of the model directory)."""
    with open(os.path.join(model_dir, "config.json")) as f:
        cfg = json.load(f)
    cfg.pop("min_scores", None)
    with tempfile.TemporaryDirectory() as tmp:
        for name in MODEL_FILES:
            if os.path.exists(os.path.join(model_dir, name)):
                os.symlink(os.path.abspath(os.path.join(model_dir, name)), os.path.join(tmp, name))
        with open(os.path.join(tmp, "config.json"), "w") as f:
            json.dump(cfg, f)
        return evaluate.engine_entities(engine, tmp, texts, "all"), cfg


def precision_recall(recs, entities, label_types, etype, floor):
    """Partial-match precision and recall of one entity type when model entities below floor are dropped."""
    tp = fp = found = gold_n = 0
    for rec, ents in zip(recs, entities):
        gold = [(s, e) for s, e, t in rec["spans"] if label_types[t] == etype]
        pred = [(x["start"], x["end"]) for x in ents
                if x["type"] == etype and not (x["source"].startswith("model") and x["score"] < floor)]
        for a, b in pred:
            if any(s < b and a < e for s, e in gold):
                tp += 1
            else:
                fp += 1
        gold_n += len(gold)
        found += sum(any(a < e and s < b for a, b in pred) for s, e in gold)
    return tp / max(1, tp + fp), found / max(1, gold_n)


def choose(recs, entities, label_types):
    """{type: floor} by the rule of the docstring, and the table that shows why."""
    floors, lines = {}, ["| type | " + " | ".join(f"floor {f:g}" for f in [0] + FLOORS) + " | chosen |",
                         "|---|" + "---:|" * (len(FLOORS) + 2)]
    for etype in sorted(set(label_types.values())):
        pr = [precision_recall(recs, entities, label_types, etype, f) for f in [0] + FLOORS]
        chosen = None
        if pr[0][0] < TARGET_PRECISION:
            keep_recall = [(p, f) for f, (p, r) in zip(FLOORS, pr[1:]) if r >= pr[0][1]]
            chosen = next((f for p, f in keep_recall if p >= MARGIN_PRECISION), None)
            if chosen is None and keep_recall:
                best = max(p for p, _ in keep_recall)
                if best > pr[0][0]:
                    chosen = next(f for p, f in keep_recall if p == best)
        if chosen is not None:
            floors[etype] = chosen
        cells = " | ".join(f"{p:.3f} / {r:.3f}" for p, r in pr)
        lines.append(f"| {etype} | {cells} | {'-' if chosen is None else chosen} |")
    return floors, "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True, help="model directory (config.json with label_types)")
    ap.add_argument("--engine", required=True, help="the native CLI, build/minialbert")
    ap.add_argument("--seed", type=int, default=777, help="validation seed (not the test seed 424242)")
    ap.add_argument("--notes", type=int, default=300)
    ap.add_argument("--write", action="store_true", help="store the floors in the model's config.json")
    args = ap.parse_args()
    if args.seed == 424242:
        raise SystemExit("calibrate.py: 424242 is the test seed; floors are chosen on validation notes")

    recs = list(generate.generate("heldout", args.seed, args.notes))
    entities, cfg = engine_entities(args.engine, args.model, [r["text"] for r in recs])
    floors, table = choose(recs, entities, cfg["label_types"])
    print(f"validation: {args.notes} notes, seed {args.seed}; engine partial precision / recall per floor\n")
    print(table)
    print("\nmin_scores:", json.dumps(floors))
    if args.write:
        path = os.path.join(args.model, "config.json")
        with open(path) as f:
            full = json.load(f)
        full["min_scores"] = floors
        with open(path, "w") as f:
            json.dump(full, f, indent=2, sort_keys=True)
            f.write("\n")


if __name__ == "__main__":
    main()
