"""models/calibrate.py's rule for the score floors, on hand-made validation notes.

Each note has gold spans of one type and model entities with chosen scores, so that the precision
and recall at every floor, and with them the floor the rule must choose, are known in advance.
Usage: python3 -m unittest tests/models/test_calibrate.py
"""

import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "models"))

import calibrate  # noqa: E402

LABEL_TYPES = {"PROFESSION": "PROFESSION", "AGE": "AGE"}


def notes(true_scores, false_scores, etype="PROFESSION"):
    """One note per entity: a true entity overlaps its note's gold span, a false one is in a note
    without gold. Returns (records, entities) as calibrate.choose takes them."""
    recs, ents = [], []
    for score in true_scores:
        recs.append({"spans": [(0, 5, etype)]})
        ents.append([{"start": 0, "end": 5, "type": etype, "score": score, "source": "model:" + etype}])
    for score in false_scores:
        recs.append({"spans": []})
        ents.append([{"start": 0, "end": 5, "type": etype, "score": score, "source": "model:" + etype}])
    return recs, ents


def chosen(true_scores, false_scores):
    recs, ents = notes(true_scores, false_scores)
    floors, table = calibrate.choose(recs, ents, LABEL_TYPES)
    return floors.get("PROFESSION"), table


class TestChooseFloors(unittest.TestCase):
    def test_no_floor_when_precision_meets_the_target(self):
        floor, _ = chosen([0.99] * 19, [0.55])
        self.assertIsNone(floor)

    def test_lowest_floor_that_reaches_the_margin_without_losing_recall(self):
        # 10 true at >= 0.96, false at 0.55, 0.65, 0.75: precision .77 with no floor, .91 at 0.7,
        # 1.0 at 0.8 (and above): 0.8 is the lowest at .95 or more.
        floor, table = chosen([0.96] * 10, [0.55, 0.65, 0.75])
        self.assertEqual(floor, 0.8, table)

    def test_best_floor_when_none_reaches_the_margin(self):
        # A false entity at .99 keeps every floor below .95: precision .625 with no floor, .909 at
        # 0.95 (10 of 11), where recall is still whole. Before, the type got no floor at all.
        floor, table = chosen([0.96] * 10, [0.55, 0.65, 0.75, 0.85, 0.92, 0.99])
        self.assertEqual(floor, 0.95, table)

    def test_a_floor_that_costs_recall_is_never_chosen(self):
        # A true entity at 0.45: every floor loses it, so no floor keeps recall.
        floor, table = chosen([0.45] + [0.99] * 5, [0.3, 0.99, 0.99, 0.99])
        self.assertIsNone(floor, table)

    def test_no_floor_when_none_improves_precision(self):
        # All false entities score as high as the true ones: no floor helps.
        floor, table = chosen([0.99] * 6, [0.99] * 4)
        self.assertIsNone(floor, table)

    def test_rule_entities_are_never_dropped(self):
        recs, ents = notes([0.96] * 10, [0.55, 0.65, 0.75])
        for e in ents[:10]:
            e[0]["source"] = "rule:profession"
            e[0]["score"] = 0.1
        floors, table = calibrate.choose(recs, ents, LABEL_TYPES)
        self.assertEqual(floors.get("PROFESSION"), 0.8, table)


if __name__ == "__main__":
    unittest.main()
