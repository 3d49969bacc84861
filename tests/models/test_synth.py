"""Tests of the default-model pipeline in models/: synthetic notes, tokenizer, vocabulary, torch module.

    /usr/bin/python3 -m unittest -v tests/models/test_synth.py

The tokenizer is checked against the upstream BertTokenizer outputs in ../shared/golden/tokenizer and
the torch module against the upstream miniALBERT logits in ../shared/golden/tiny*, so the model that
train.py writes is the architecture the engine runs.
"""

import collections
import json
import os
import random
import re
import sys
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODELS = os.path.join(REPO, "models")
GOLDEN = os.path.join(REPO, "..", "shared", "golden")
sys.path.insert(0, MODELS)

import probe_professions  # noqa: E402
from bert_tokenizer import BertTokenizer, load_vocab  # noqa: E402
import probe_real_notes  # noqa: E402
from synth import background, generate, mixed, phi, real_dialogue, real_layout, templates_heldout, templates_train  # noqa: E402

try:
    import numpy as np
    import torch
except ImportError:  # the torch tests need Debian's python3-torch (/usr/bin/python3)
    torch = None


class TestGenerator(unittest.TestCase):
    def test_deterministic_per_seed(self):
        a = list(generate.generate("train", 3, 4))
        b = list(generate.generate("train", 3, 4))
        c = list(generate.generate("train", 4, 4))
        self.assertEqual(a, b)
        self.assertNotEqual([r["text"] for r in a], [r["text"] for r in c])

    def test_spans_are_exact(self):
        seen = set()
        for split, seed in (("train", 11), ("heldout", 12)):
            for rec in generate.generate(split, seed, 150):
                text, prev_end = rec["text"], 0
                for s, e, lab in rec["spans"]:
                    self.assertIn(lab, generate.SUBTYPES)
                    self.assertTrue(prev_end <= s < e <= len(text), (rec["template"], s, e))
                    frag = text[s:e]
                    self.assertEqual(frag, frag.strip(), (rec["template"], frag))
                    prev_end = e
                    seen.add(lab)
        self.assertEqual(seen, set(generate.SUBTYPES), "every subtype must occur in 300 notes")

    def test_train_has_mixed_notes_without_heldout_vocabulary(self):
        kinds = collections.Counter(rec["note_type"] for rec in generate.generate("train", 5, 200))
        self.assertGreater(kinds["mixed"], 50)
        self.assertGreater(kinds["real"], 20)
        self.assertGreater(kinds["dialogue"], 20)
        self.assertGreater(sum(kinds.values()) - kinds["mixed"] - kinds["real"] - kinds["dialogue"], 25)
        # The held-out set measures generalisation to unseen layouts: the procedural notes must not
        # use a field name, heading or phrase that only the held-out templates have. Care roles are
        # vocabulary (what a word means on a ward, like the name lists), not layout, so they may
        # occur in held-out lines too ("Responsible consultant Dr. X").
        def templates(module):
            return "\n".join(t for ts in module.TEMPLATES.values() for t in ts).lower()
        heldout, train = templates(templates_heldout), templates(templates_train)
        phrases = [f for fs in mixed.FIELDS.values() for f in fs] + mixed.ORDINARY + \
            [part for s in mixed.SENTENCES + mixed.SUBJECTS + mixed.PREDICATES for part in re.split(r"\{[A-Z_0-9]+\}", s)] + \
            [a + " " + b for a in mixed.HEAD_FIRST for b in mixed.HEAD_SECOND] + \
            mixed.ROLE_QUALIFIERS + mixed.UNIT_POINTS
        for phrase in phrases:
            phrase = phrase.strip(" .,;:()#").lower()
            if len(phrase) < 3:
                continue
            word = re.compile(r"(?<![a-z])" + re.escape(phrase) + r"(?![a-z])")
            self.assertFalse(word.search(heldout) and not word.search(train), phrase)

    def test_extra_professions_in_train_notes_only(self):
        base = {x.lower() for x in phi.PROFESSIONS}
        extra = {x.lower() for x in phi.EXTRA_PROFESSIONS}
        self.assertFalse(base & extra)
        def professions(split, seed):
            return [rec["text"][s:e].lower() for rec in generate.generate(split, seed, 300)
                    for s, e, lab in rec["spans"] if lab == "PROFESSION"]
        self.assertTrue(set(professions("heldout", 13)) <= base)
        self.assertTrue(set(professions("train", 13)) & extra)
        # probe_professions.py measures occupations that no list has.
        listed = base | extra | {x.lower() for x in phi.CARE_ROLES}
        self.assertFalse(set(probe_professions.PROBE) & listed)

    def test_real_layout_renames_and_drops_unlabelled_phi(self):
        note = "\n".join([
            "HISTORY OF PRESENT ILLNESS", "Jane Roe is a 44-year-old female seen by Dr. Quill.",
            "Ms. Roe's knee is better; JANE walks daily.", "Seen on March 3, 2020 for a rash.",
            "Her sister Mary visited.", "He works as a plumber.", "Retina is attached.", "Flovent 2 puffs daily."])
        src = real_layout.Source(note, {"patient_firstname": "Jane ", "patient_familyname": "Roe",
                                        "patient_gender": "female", "doctor_name": "dr. quill"})
        rng = random.Random(3)
        gen = generate.Note(rng, ["Stable."], ["Fine."], phi.PROFESSIONS)
        lines = [real_layout._line_pieces(rng, gen, src, ln) for ln in src.lines]
        kept = ["".join(t for t, _ in ps) if ps is not None else None for ps in lines]
        self.assertEqual(kept[0], "HISTORY OF PRESENT ILLNESS")
        self.assertEqual(kept[3:6], [None, None, None], "a date, a listed first name, an occupation")
        self.assertEqual(kept[6:], ["Retina is attached.", "Flovent 2 puffs daily."])
        labels = [(t, lab) for ps in lines if ps for t, lab in ps if lab]
        self.assertEqual([lab for _, lab in labels], ["PATIENT", "AGE", "DOCTOR", "PATIENT", "PATIENT"])
        self.assertEqual(labels[0][0], gen.pt.first + " " + gen.pt.last)
        self.assertEqual(labels[2][0], gen.dr.last)
        self.assertEqual(labels[3][0], gen.pt.last)
        self.assertEqual(labels[4][0], gen.pt.first.upper())
        self.assertTrue(kept[1].endswith("-year-old female seen by Dr. " + gen.dr.last + "."), kept[1])
        self.assertTrue(kept[2].startswith("Ms. " + gen.pt.last + "'s knee"), kept[2])
        for text in filter(None, kept):
            self.assertNotRegex(text, r"Roe|Jane|JANE|Quill")
        # A name next to a metadata name that the metadata misses drops the line: it would be trained as O.
        for meta, line in (({"patient_firstname": "Ralph"}, "Ralph Barnes is a 62-year-old male."),
                           ({"patient_firstname": "Donna", "patient_familyname": "tores"}, "Donna Torres is a 40-year-old female."),
                           ({"patient_firstname": "Donna"}, "Donna Quxlyn is here.")):
            self.assertIsNone(real_layout._line_pieces(rng, gen, real_layout.Source(line, meta), line), line)
        white = real_layout.Source("Mr. White has a white cell count of 9.", {"patient_familyname": "White"})
        got = real_layout._line_pieces(rng, gen, white, white.lines[0])
        self.assertEqual([t for t, lab in got if lab], [gen.pt.last])
        self.assertTrue("".join(t for t, _ in got).endswith(" has a white cell count of 9."))
        # One unlabelled lower-case word may be capitalised (`Achilles reflexes`); labels never change.
        pieces = [("Patella and achilles ", None), ("jane", "PATIENT"), (" reflexes", None)]
        for seed in range(20):
            got = real_layout._capitalise_a_word(random.Random(seed), pieces)
            self.assertEqual(got[1], ("jane", "PATIENT"))
            self.assertEqual("".join(t for t, _ in got).lower(), "patella and achilles jane reflexes")
            self.assertEqual(sum(a != b for a, b in zip("".join(t for t, _ in got), "Patella and achilles jane reflexes")), 1)
        # Real-layout notes are train notes only, and the real-note probe reads other files.
        self.assertFalse(any(r["note_type"] == "real" for r in generate.generate("heldout", 5, 50)))
        self.assertFalse(set(real_layout.FILES) & set(probe_real_notes.SPLITS["test"]))
        self.assertGreater(len(real_layout.load()), 80)

    def test_real_dialogue_renames_in_lower_case_and_drops_unlabelled_phi(self):
        dialogue = "\n".join([
            "[doctor] hi , jane . how are you ?", "[doctor] so , jane roe is a 44-year-old female .",
            "[patient] my husband andrew drove me .", "[patient] we moved from springfield .",
            "[doctor] i saw you on january tenth .", "[patient] i'm ninety two years old .",
            "[patient] i work as a plumber .", "[doctor] doctor quill will see you , and doctor smith too .",
            "[doctor] hey dragon , order an x-ray .", "[patient] i will , i hope so , may i go ?"])
        sources = real_dialogue.load()
        src = real_layout.Source(dialogue, {"patient_firstname": "Jane", "patient_familyname": "Roe",
                                            "patient_gender": "female", "doctor_name": "Dr. Quill"})
        rng = random.Random(4)
        gen = generate.Note(rng, ["Stable."], ["Fine."], phi.PROFESSIONS)
        gen.pt = phi.Person(rng, "F")
        turns = [real_dialogue.turn_pieces(rng, gen, src, ln, sources.suspect) for ln in src.lines]
        kept = ["".join(t for t, _ in ps) if ps is not None else None for ps in turns]
        self.assertEqual(kept[0], "[doctor] hi , " + gen.pt.first.lower() + " . how are you ?")
        self.assertEqual(kept[2:8], [None] * 6, "another person, a place, a date, an age in words, an occupation, "
                                                "a title before an unlabelled name")
        self.assertEqual(kept[8:], ["[doctor] hey dragon , order an x-ray .", "[patient] i will , i hope so , may i go ?"])
        labels = [(t, lab) for ps in turns if ps for t, lab in ps if lab]
        self.assertEqual(labels, [(gen.pt.first.lower(), "PATIENT"), ((gen.pt.first + " " + gen.pt.last).lower(), "PATIENT"),
                                  (labels[2][0], "AGE")])
        self.assertTrue(kept[1].endswith("-year-old female ."), kept[1])
        # Dialogue notes are train notes only, and the transcript probe reads other files.
        for r in generate.generate("train", 6, 60):
            if r["note_type"] == "dialogue":
                for b, e, label in r["spans"]:
                    self.assertTrue(r["text"][b:e].strip(), (r["text"][b:e], label))
        self.assertFalse(any(r["note_type"] == "dialogue" for r in generate.generate("heldout", 5, 50)))
        self.assertGreater(len(sources.dialogues), 80)

    def test_title_and_credentials_outside_names(self):
        for rec in generate.generate("train", 21, 100):
            for s, e, lab in rec["spans"]:
                if lab in ("PATIENT", "DOCTOR"):
                    frag = rec["text"][s:e]
                    self.assertFalse(frag.startswith(("Dr.", "Mr.", "Mrs.", "Ms.")), frag)
                    self.assertFalse(frag.endswith((", MD", " MD", ", RN")), frag)

    def test_train_and_heldout_templates_are_disjoint(self):
        train = {t for ts in templates_train.TEMPLATES.values() for t in ts}
        held = {t for ts in templates_heldout.TEMPLATES.values() for t in ts}
        self.assertFalse(train & held)
        self.assertEqual(set(templates_train.TEMPLATES), set(templates_heldout.TEMPLATES))
        recs = list(generate.generate("heldout", 5, 20))
        self.assertTrue(all(r["template"].startswith("heldout/") for r in recs))

    def test_background_splits_are_disjoint(self):
        tn, td = background.load("train")
        hn, hd = background.load("heldout")
        self.assertGreater(len(tn), 1000)
        self.assertGreater(len(hn), 1000)
        self.assertFalse((set(tn) | set(td)) & (set(hn) | set(hd)))

    def test_background_has_no_titles_or_ages(self):
        notes, _ = background.load("train")
        for s in notes:
            self.assertIsNone(background.RISKY.search(s), s)

    def test_label_types_cover_subtypes(self):
        self.assertEqual(set(generate.LABEL_TYPES), set(generate.SUBTYPES))
        self.assertEqual(set(generate.LABEL_TYPES.values()),
                         {"NAME", "DATE", "AGE", "LOCATION", "CONTACT", "ID", "PROFESSION"})


class TestTokenizer(unittest.TestCase):
    def test_matches_upstream_bert_tokenizer(self):
        vocab = load_vocab(os.path.join(GOLDEN, "tokenizer", "vocab-cased.txt"))
        with open(os.path.join(GOLDEN, "tokenizer", "cases.json"), encoding="utf-8") as f:
            cases = json.load(f)["cases"]
        self.assertGreater(len(cases), 50)
        for case in cases:
            for run, lower in (("cased", False), ("uncased", True)):
                got = BertTokenizer(vocab, lower).tokenize_with_offsets(case["text"])
                ref = case[run]
                self.assertEqual([t for t, _, _ in got], ref["tokens"], (run, case["text"]))
                self.assertEqual([[s, e] for _, s, e in got], ref["offsets_cp"], (run, case["text"]))
                self.assertEqual(BertTokenizer(vocab, lower).convert_tokens_to_ids(ref["tokens"]), ref["ids"])

    def test_shipped_vocab(self):
        path = os.path.join(MODELS, "deid-minialbert-small", "vocab.txt")
        vocab = load_vocab(path)
        for i, tok in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]):
            self.assertEqual(vocab[tok], i)
        for ch in "0123456789-/()@.:#":
            self.assertIn(ch, vocab)
            self.assertIn("##" + ch, vocab)
        tok = BertTokenizer(vocab)
        self.assertNotIn("[UNK]", tok.tokenize("Seen 03/14/2021 by Dr. O'Brien-Smith, MRN 0012345, (617) 555-0123."))


@unittest.skipIf(torch is None, "needs torch (run with /usr/bin/python3)")
class TestTorchModule(unittest.TestCase):
    def check_golden(self, name):
        from minialbert_torch import MiniAlbertForTokenClassification
        from safetensors_io import read_safetensors
        d = os.path.join(GOLDEN, name)
        with open(os.path.join(d, "config.json")) as f:
            cfg = json.load(f)
        model = MiniAlbertForTokenClassification(cfg).eval()
        weights = read_safetensors(os.path.join(d, "model.safetensors"))
        self.assertEqual(set(weights), set(model.state_dict()))
        model.load_state_dict({k: torch.from_numpy(np.array(v)) for k, v in weights.items()})
        with open(os.path.join(d, "cases.json")) as f:
            cases = json.load(f)["cases"]
        with open(os.path.join(d, "cases.bin"), "rb") as f:
            blob = f.read()
        for case in cases:
            ids = torch.tensor(case["input_ids"])
            mask = torch.tensor(case["attention_mask"])
            tt = torch.tensor(case["token_type_ids"]) if case["token_type_ids"] is not None else None
            with torch.no_grad():
                logits = model(ids, mask, tt).numpy()
            arr = next(a for a in case["arrays"] if a["name"] == case["name"] + "/logits")
            ref = np.frombuffer(blob[arr["offset"]:arr["offset"] + arr["nbytes"]], dtype="<f4").reshape(arr["shape"])
            np.testing.assert_allclose(logits, ref, atol=2e-5, rtol=0, err_msg=f"{name}/{case['name']}")

    def test_golden_tiny(self):
        self.check_golden("tiny")

    def test_golden_tiny_gelu_new_no_adapters(self):
        self.check_golden("tiny-gelu-new")

    def test_token_labels(self):
        import train
        # tokens: "Dr" "." "Ann" "O" "'" "Neil" "seen" "3" "/" "4"
        offsets = [(0, 2), (2, 3), (4, 7), (8, 9), (9, 10), (10, 14), (15, 19), (20, 21), (21, 22), (22, 23)]
        spans = [[4, 14, "DOCTOR"], [20, 23, "DATE"]]
        self.assertEqual(train.token_labels(offsets, spans),
                         ["O", "O", "B-DOCTOR", "I-DOCTOR", "I-DOCTOR", "I-DOCTOR", "O", "B-DATE", "I-DATE", "I-DATE"])
        self.assertEqual(train.token_labels(offsets, spans, "io"),
                         ["O", "O", "DOCTOR", "DOCTOR", "DOCTOR", "DOCTOR", "O", "DATE", "DATE", "DATE"])

    def test_classifier_rows_follow_labels_across_schemes(self):
        import train
        bio, io = train.label_list("bio"), train.label_list("io")
        self.assertEqual(len(bio), 2 * len(io) - 1)
        state = {"classifier.weight": torch.arange(len(bio), dtype=torch.float32)[:, None].repeat(1, 3),
                 "classifier.bias": torch.arange(len(bio), dtype=torch.float32)}
        train.adapt_classifier(state, bio, io)
        self.assertEqual(state["classifier.bias"].tolist(), [0.0 if l == "O" else float(bio.index("I-" + l)) for l in io])
        train.adapt_classifier(state, io, bio)
        self.assertEqual(state["classifier.bias"].tolist(),
                         [0.0 if l == "O" else float(bio.index("I-" + l.split("-", 1)[1])) for l in bio])

    def test_average_of_runs(self):
        import average
        import tempfile
        from safetensors_io import read_safetensors, write_safetensors
        src = os.path.join(MODELS, "deid-minialbert-small")
        with tempfile.TemporaryDirectory() as tmp:
            runs = []
            for k, scale in enumerate((1.0, 3.0)):
                d = os.path.join(tmp, f"run{k}")
                os.makedirs(d)
                for name in average.FILES:
                    with open(os.path.join(src, name), "rb") as a, open(os.path.join(d, name), "wb") as b:
                        b.write(a.read())
                state = read_safetensors(os.path.join(src, "model.safetensors"))
                write_safetensors(os.path.join(d, "model.safetensors"),
                                  {n: (t * scale if t.dtype.kind == "f" else t) for n, t in state.items()})
                runs.append(d)
            average.average(os.path.join(tmp, "mean"), runs)
            mean = read_safetensors(os.path.join(tmp, "mean", "model.safetensors"))
            self.assertEqual(set(mean), set(state))
            for n, t in state.items():
                np.testing.assert_allclose(mean[n], t * 2.0 if t.dtype.kind == "f" else t, rtol=1e-6, err_msg=n)
            with open(os.path.join(runs[1], "vocab.txt"), "a") as f:
                f.write("extra\n")
            with self.assertRaises(SystemExit):
                average.average(os.path.join(tmp, "bad"), runs)

    def test_windows_cover_every_token(self):
        import train
        for n in (1, 126, 127, 300, 1000):
            ws = train.windows(n, 126, 96)
            covered = set(j for s, e in ws for j in range(s, e))
            self.assertEqual(covered, set(range(n)))
            self.assertTrue(all(e - s <= 126 for s, e in ws))

    def test_decode_iob2(self):
        import evaluate
        offsets = [(0, 3), (4, 9), (10, 12), (13, 15), (16, 20)]
        labels = ["B-PATIENT", "I-PATIENT", "I-DATE", "O", "I-CITY"]
        self.assertEqual(evaluate.decode(labels, offsets), [(0, 9, "PATIENT"), (10, 12, "DATE"), (16, 20, "CITY")])
        io = ["PATIENT", "PATIENT", "DATE", "O", "CITY"]
        self.assertEqual(evaluate.decode(io, offsets), [(0, 9, "PATIENT"), (10, 12, "DATE"), (16, 20, "CITY")])


if __name__ == "__main__":
    unittest.main()
