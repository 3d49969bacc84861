"""The shipped default model, through the shipped engine, on held-out synthetic notes.

models/evaluate.py --engine runs `minialbert tag` (model + rules) on notes built from the held-out
templates with a seed no training run uses, and scores entities per HIPAA type. This test runs it on
a smaller sample than the model card's and fails if the default model or the pipeline around it gets
worse than the floors below, which sit under the model card's figures by the sampling margin.
Usage: python3 -m unittest tests/models/test_default_model.py (MINIALBERT_CLI = path of the CLI).
"""

import collections
import json
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "models"))

import evaluate  # noqa: E402
from synth import generate  # noqa: E402

CLI = os.environ.get("MINIALBERT_CLI", os.path.join(REPO, "build", "minialbert"))
MODEL = os.path.join(REPO, "models", "deid-minialbert-small")
NOTES = 120
SEED = 424242

# Floors: micro partial F1 over all types, and partial recall of every type. The shipped model
# gives 0.904 and AGE .615, CONTACT .964, DATE .983, ID .974, LOCATION .950, NAME .873,
# PROFESSION .688 on these 120 notes.
MIN_MICRO_F1 = 0.87
MIN_RECALL = {"AGE": 0.50, "CONTACT": 0.93, "DATE": 0.95, "ID": 0.93, "LOCATION": 0.92, "NAME": 0.84,
              "PROFESSION": 0.60}


class TestDefaultModel(unittest.TestCase):
    def test_heldout_notes_through_the_engine(self):
        with open(os.path.join(MODEL, "config.json")) as f:
            label_types = json.load(f)["label_types"]
        records = list(generate.generate("heldout", SEED, NOTES))
        gold = [[tuple(s) for s in rec["spans"]] for rec in records]
        pred = evaluate.engine_predictions(CLI, MODEL, [rec["text"] for rec in records], "all")
        self.assertEqual(len(pred), NOTES)
        counts = evaluate.score(gold, pred, lambda t: label_types[t], lambda t: t)
        total = sum(counts.values(), start=collections.Counter())
        _, _, f1 = evaluate.prf(total, "partial")
        self.assertGreaterEqual(f1, MIN_MICRO_F1)
        for name, c in counts.items():
            _, recall, _ = evaluate.prf(c, "partial")
            self.assertGreaterEqual(recall, MIN_RECALL[name], name)


if __name__ == "__main__":
    unittest.main()
