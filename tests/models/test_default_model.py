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
import probe_real_notes  # noqa: E402
from synth import generate  # noqa: E402

CLI = os.environ.get("MINIALBERT_CLI", os.path.join(REPO, "build", "minialbert"))
MODEL = os.path.join(REPO, "models", "deid-minialbert-small")
NOTES = 120
SEED = 424242

# Floors: micro partial F1 over all types, and partial precision and recall of every type. The
# shipped model and rules give on these 120 notes micro F1 0.982 and (precision / recall) AGE
# 1.000/1.000, CONTACT .994/1.000, DATE 1.000/.996, ID .993/.993, LOCATION .967/.983, NAME .945/.991,
# PROFESSION .947/1.000 (18 gold entities: one error moves a figure by about .05; recall was .944
# before the profession rule found `Occupation: lab technician`).
MIN_MICRO_F1 = 0.96
MIN_PRECISION = {"AGE": 0.95, "CONTACT": 0.96, "DATE": 0.97, "ID": 0.95, "LOCATION": 0.93, "NAME": 0.90,
                 "PROFESSION": 0.85}
MIN_RECALL = {"AGE": 0.95, "CONTACT": 0.96, "DATE": 0.97, "ID": 0.95, "LOCATION": 0.95, "NAME": 0.95,
              "PROFESSION": 0.94}
# On ACI-Bench's 120 test notes the shipped model and rules put all 266 metadata name mentions inside
# a NAME entity (the model alone 263; the name rule adds the patients introduced as "Jose is a
# 64-year-old"), and make 71 NAME / LOCATION / PROFESSION entities with no metadata name in them, two
# of them true (`his daughter, Theresa`, `came to Atlanta`). Each check of the tagger's step 5 took
# this count down from 125; the README's "The default de-identification model" has the current one.
MIN_REAL_NAME_MENTIONS = 265
MAX_REAL_UNCONFIRMED = 80
# On the transcripts of the same 120 encounters (lower case): 325 of 331 name mentions found, 116
# without the address and repeat rules; 107 entities with no metadata name, about 20 of them other
# people (`dr. harris`), relatives, cities and streets (`my son sean`, `i live in dallas`).
MIN_TRANSCRIPT_NAME_MENTIONS = 320
MAX_TRANSCRIPT_UNCONFIRMED = 112
NO_SPOKEN_NAMES = "phone,email,url,ip,ssn,id,date,zip,age,name"


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
            precision, recall, _ = evaluate.prf(c, "partial")
            self.assertGreaterEqual(precision, MIN_PRECISION[name], name)
            self.assertGreaterEqual(recall, MIN_RECALL[name], name)

    def test_real_notes(self):
        # ACI-Bench's 120 test notes (models/probe_real_notes.py): the metadata names must be found,
        # and the entities that are no metadata name (mostly false positives) must stay few.
        notes = probe_real_notes.load_notes()
        entities = evaluate.engine_entities(CLI, MODEL, [t for t, _ in notes], "all")
        c, unconfirmed = probe_real_notes.probe(notes, entities)
        self.assertGreaterEqual(c["name mentions covered"], MIN_REAL_NAME_MENTIONS)
        self.assertLessEqual(sum(unconfirmed.values()), MAX_REAL_UNCONFIRMED)

    def test_real_transcripts(self):
        # The encounters' conversations, in lower case as speech recognition writes them: the address
        # rule finds names said after a greeting or a title or in a dictated introduction, and the
        # repeat rule carries them and the names the model is sure of to their other mentions.
        notes = probe_real_notes.load_notes(field="dialogue")
        texts = [t for t, _ in notes]
        c, unconfirmed = probe_real_notes.probe(notes, evaluate.engine_entities(CLI, MODEL, texts, "all"), cased=False)
        self.assertGreaterEqual(c["name mentions covered"], MIN_TRANSCRIPT_NAME_MENTIONS)
        self.assertLessEqual(sum(unconfirmed.values()), MAX_TRANSCRIPT_UNCONFIRMED)
        without, _ = probe_real_notes.probe(notes, evaluate.engine_entities(CLI, MODEL, texts, NO_SPOKEN_NAMES),
                                            cased=False)
        self.assertLess(without["name mentions covered"], c["name mentions covered"] - 150)

    def test_medications_are_no_names(self):
        # The model takes a medication for a person now and then (these lines are from ACI-Bench and
        # MTS-Dialog, where it did; the last one adapted, with a name that is also a brand), and the
        # repeat rule then carried "doxycycline" to 13 more mentions; the tagger drops such spans
        # (core/pipeline/clinical-terms.h), also after a filler ("Keep Wixela"), and keeps the names.
        texts = ["[doctor] with that being said , doxycycline is low risk .\n[patient] it is ? okay .\n"
                 "[doctor] so we will start the doxycycline today , sarah .",
                 "Doctor: We've been pretty aggressive with downwardly adjusting both your Lantus and your Humalog "
                 "insulins.",
                 "Patient: Ah yes, I am taking Lyrica.\nDoctor: Lyrica okay and is it helping?",
                 "Patient: Yeah, so I take Dilantin for my seizures, Toprol for my high blood pressure and Pravachol "
                 "for my cholesterol.\nDoctor: Pravachol for my cholesterol. Wow, thank you for that, Mr. Jensen.",
                 "Plan: Start Alvesco, 2 puffs twice daily. Keep Wixela as a backup. Continue "
                 "Xeljanz XR 11 mg daily; Aleve as needed. Seen with her daughter Yasmin."]
        preds = evaluate.engine_predictions(CLI, MODEL, texts, "all")
        names = [[text[b:e] for b, e, t in pred if t in ("NAME", "LOCATION", "PROFESSION")] for text, pred in zip(texts, preds)]
        self.assertEqual(names, [["sarah"], [], [], ["Jensen"], ["Yasmin"]])

    def test_speaker_labels_and_greetings_are_no_names(self):
        # After a speaker's label the model takes the first word of the turn for a doctor's name
        # ("Doctor: How about ...": 2,792 such entities on MTS-Dialog), and the greeting or filler
        # next to a name for part of it ("hi , james"); the tagger drops them and keeps the names.
        texts = ["Doctor: Good afternoon, Anna. How are you doing today?\nPatient: I am okay.\nDoctor: How about joint "
                 "pain?\nPatient: No.\nDoctor: Do you have any back pain?\nPatient: No.\nDoctor: Are you still working, "
                 "sir?\nPatient: Yes.\nDoctor: Well, given this, and your history, I'd like an MRI.",
                 "[doctor] hi , james , how are you ?\n[patient] hi , i'm good .\n[doctor] so , james is a 57-year-old "
                 "male here for a cough ."]
        preds = evaluate.engine_predictions(CLI, MODEL, texts, "all")
        names = [[text[b:e] for b, e, t in pred if t == "NAME"] for text, pred in zip(texts, preds)]
        self.assertEqual(names, [["Anna"], ["james", "james"]])

    def test_clinical_readings_are_not_dates(self):
        # Pain scores, murmur grades, strength, visual acuity, gait scores, durations, amounts and the
        # ordinals of fingers look like dates to the model (all are from ACI-Bench notes); the tagger
        # drops them, also when the model tags a part ("20" of "20/20"), and keeps the real dates
        # around them, a range of years too.
        text = ("Pain is 7/10 today; she rates it 2-3/10 at best. Grade 2/6 systolic murmur. Strength 5/5 "
                "bilaterally. Vision 20/20, BP 135/85. Numbness of the 3rd and 4th fingers and the 4th and 5th "
                "fingers in the left hand and 3rd and 4th on the right-hand. He presented with 8-10 years of "
                "progressive gait difficulty and received a gait score of 6-8/12 and a balance score of 12/16. "
                "Target BP is 130-140/70-80. Reduce sodium intake to 1500 to <2000 mg per day. Return to clinic "
                "in 6-9 months. Seen on 3/4 and again 12/16/2024. She lived abroad 2019-2020.")
        pred = evaluate.engine_predictions(CLI, MODEL, [text], "all")[0]
        dates = sorted(text[b:e] for b, e, t in pred if t == "DATE")
        self.assertEqual(dates, ["12/16/2024", "2019-2020", "3/4"])


if __name__ == "__main__":
    unittest.main()
