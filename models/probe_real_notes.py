"""How the engine tags real clinical notes: ACI-Bench's three test sets (120 notes, CC BY 4.0).

    cd models && /usr/bin/python3 probe_real_notes.py --model deid-minialbert-small --engine ../build/minialbert

The notes have no PHI labels, but the corpus metadata names each note's patient (and sometimes its
doctor), and they contain few other people and almost no places. So the probe counts:
- name recall: capitalised mentions of the metadata names that a NAME entity covers;
- NAME entities with a metadata name in them (confirmed) and without (mostly false positives:
  `Retina`, `Flovent`, `Lower`; a few are other people, `Dr. Miller`);
- LOCATION and PROFESSION entities (almost all false positives in these notes);
and prints the unconfirmed entities, most frequent first. The training notes never read these files
(synth.background and synth.real_layout take the corpus's train/validation files only).

With --dialogues it reads the transcripts of the same 120 encounters instead: doctor-patient
conversations as an ambient scribe hears them, in lower case ("[doctor] hi , andrew . how are you
?"), so every mention of a metadata name counts, whatever its case.

With --split train it reads the 87 train and validation encounters instead (the default model was
trained on synthetic notes in the layout of their notes, never on their transcripts): choices made on
real text, such as the repeat rule's score, are made there, and the test split only reports.
"""
import argparse
import collections
import csv
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from evaluate import engine_entities  # noqa: E402
from synth import background, phi  # noqa: E402

SPLITS = {"test": ["clinicalnlp_taskB_test1", "clinicalnlp_taskC_test2", "clef_taskC_test3"],
          "train": ["train", "valid"]}
WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


def load_notes(data=background.DATA, field="note", split="test"):
    """[(text of `field`, set of lower-case metadata name words)]"""
    folder = os.path.join(data, background.ACI)
    notes = []
    for name in SPLITS[split]:
        with open(os.path.join(folder, name + "_metadata.csv"), encoding="utf-8") as f:
            meta = {row["encounter_id"]: row for row in csv.DictReader(f)}
        with open(os.path.join(folder, name + ".csv"), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                m = meta.get(row["encounter_id"], {})
                words = {w.lower() for k in ("doctor_name", "patient_firstname", "patient_familyname")
                         for w in WORD.findall(m.get(k) or "") if w.lower() not in ("dr", "doctor")}
                notes.append((row[field], words))
    return notes


def probe(notes, entities, cased=True):
    """Counts and the unconfirmed entities (a Counter of (type, text)). With cased, only the
    capitalised mentions of a metadata name count (a note's `white` is a colour, not Mr. White)."""
    c = collections.Counter()
    unconfirmed = collections.Counter()
    brands = {d for d in phi.DRUGS if d[:1].isupper()}
    for (text, names), ents in zip(notes, entities):
        for e in ents:
            c["entities " + e["type"]] += 1
            s = text[e["start"]:e["end"]]
            words = {w.lower() for w in WORD.findall(s)}
            if e["type"] == "NAME" and words & names:
                c["NAME confirmed"] += 1
            elif e["type"] in ("NAME", "LOCATION", "PROFESSION"):
                c[e["type"] + " unconfirmed"] += 1
                unconfirmed[(e["type"], s)] += 1
                if s in brands:
                    c["unconfirmed: a brand in synth/lists/drugs.txt"] += 1
        for w in names:
            for m in re.finditer(r"\b" + re.escape(w) + r"\b", text, re.IGNORECASE):
                if cased and not text[m.start()].isupper():
                    continue
                c["name mentions"] += 1
                if any(e["type"] == "NAME" and e["start"] <= m.start() and m.end() <= e["end"] for e in ents):
                    c["name mentions covered"] += 1
    return c, unconfirmed


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True)
    ap.add_argument("--engine", required=True, help="the native CLI, build/minialbert")
    ap.add_argument("--top", type=int, default=40, help="unconfirmed entities to print")
    ap.add_argument("--dialogues", action="store_true", help="the encounters' transcripts instead of their notes")
    ap.add_argument("--split", choices=sorted(SPLITS), default="test",
                    help="train: the 87 train and validation encounters, on which choices are made (the "
                         "repeat rule's score); test: the 120 reported")
    ap.add_argument("--rules", default="all", help="the engine's rule families (--rules of minialbert tag)")
    args = ap.parse_args()
    notes = load_notes(field="dialogue" if args.dialogues else "note", split=args.split)
    c, unconfirmed = probe(notes, engine_entities(args.engine, args.model, [t for t, _ in notes], args.rules),
                           cased=not args.dialogues)
    print(f"{len(notes)} ACI-Bench {args.split} {'dialogues' if args.dialogues else 'notes'}, {args.model}")
    print(f"name recall: {c['name mentions covered']}/{c['name mentions']} metadata name mentions inside a NAME entity")
    print(f"NAME entities: {c['entities NAME']} ({c['NAME confirmed']} with a metadata name, {c['NAME unconfirmed']} without)")
    for t in ("LOCATION", "PROFESSION"):
        print(f"{t} entities: {c['entities ' + t]}")
    print(f"unconfirmed NAME/LOCATION/PROFESSION: {sum(unconfirmed.values())}, "
          f"{c['unconfirmed: a brand in synth/lists/drugs.txt']} of them brands the training lists have")
    for (t, s), n in unconfirmed.most_common(args.top):
        print(f"  {n:3d}  {t:10s} {s!r}")


if __name__ == "__main__":
    main()
