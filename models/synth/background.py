"""Background clinical sentences from ACI-Bench and MTS-Dialog (CC BY 4.0), read at run time.

ACI-Bench (Yim et al., Nature Scientific Data 2023) and MTS-Dialog (Ben Abacha et al., EACL 2023)
are read from ../shared/data relative to the repository root; nothing of them is copied into the
repository. Their notes give the generator real clinical language around the inserted PHI.

Both corpora mention their fictitious patients and doctors by name, with ages and dates. Such a
sentence would teach the model that a name is not PHI, so every sentence that may carry PHI
(a name from the corpus metadata or the name lists, a title, an age, a date-like number, a place, an
occupation) is dropped. Care-team roles ("the nurse will call") are not PHI and stay. Training notes draw from the corpora's train/validation files, held-out notes from their
test files, so the two sets share no background sentence.
"""

import csv
import os
import re

from . import phi

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(REPO, "..", "shared", "data")

ACI = os.path.join("aci-bench", "data", "challenge_data")
MTS = os.path.join("mts-dialog", "Main-Dataset")
SOURCES = {
    "train": [(ACI, "train.csv"), (ACI, "valid.csv"), (MTS, "MTS-Dialog-TrainingSet.csv"), (MTS, "MTS-Dialog-ValidationSet.csv")],
    "heldout": [(ACI, "clinicalnlp_taskB_test1.csv"), (ACI, "clinicalnlp_taskC_test2.csv"), (ACI, "clef_taskC_test3.csv"),
                (MTS, "MTS-Dialog-TestSet-1-MEDIQA-Chat-2023.csv"), (MTS, "MTS-Dialog-TestSet-2-MEDIQA-Sum-2023.csv")],
}

# Sentences that may contain PHI: titles, ages, dates, times, years, identifiers, phone numbers.
RISKY = re.compile(
    r"\b(Dr|Mr|Mrs|Ms|Miss|Doctor|Nurse|Professor)\b\.?\s*[A-Z]?|year[- ]old|years old|\by/?o\b|\baged?\b|"
    r"\b\d{1,2}/\d{1,2}(/\d{2,4})?\b|\b(19|20)\d\d\b|\b\d{5,}\b|\d{3}[-.]\d{4}|@|www|http|"
    r"\b(" + "|".join(phi.MONTHS + phi.MONTHS_ABBR) + r")\b\.?\s*\d|"
    r"\b(hospital|clinic|university|street|avenue|county|city)\b", re.IGNORECASE)

# Sentences that may state someone's occupation ("I work as a cashier", "he is a student"): i2b2
# counts it as PHI (PROFESSION), and the corpora do not label it.
OCCUPATION = re.compile(
    r"\b(work(s|ed|ing)?\s+(as|in|at|for)|employ(ed|er|ment)|unemployed|jobs?|occupation|profession|career|"
    r"retired|by trade|" + "|".join(re.escape(p) for p in phi.PROFESSIONS if p not in phi.CARE_ROLES) + r")s?\b",
    re.IGNORECASE)

_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\[])|\n+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


def _name_set(metadata_paths):
    names = set()
    for path in metadata_paths:
        with open(path, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for key in ("doctor_name", "patient_firstname", "patient_familyname"):
                    for w in _WORD.findall(row.get(key) or ""):
                        names.add(w.lower())
    return names


_PLACE_WORDS = set(w for s in phi.US_CITIES + phi.US_STATES + phi.COUNTRIES + phi.WORLD_CITIES for w in s.split())
_PERSON_WORDS = set(phi.FIRST_NAMES) | set(phi.LAST_NAMES)


def _clean(sentence, corpus_names):
    s = " ".join(sentence.replace("\t", " ").split())
    if len(s) < 12 or len(s) > 400 or RISKY.search(s) or OCCUPATION.search(s):
        return None
    words = _WORD.findall(s)
    for i, w in enumerate(words):
        if w.lower() in corpus_names:
            return None
        # A capitalised word inside the sentence that is also a name or a place may be PHI.
        if i > 0 and w[0].isupper() and not w.isupper() and (w in _PERSON_WORDS or w in _PLACE_WORDS):
            return None
    return s


def documents(split):
    """Each text field of each row of the split's files, in file order: a note, a section, a dialogue."""
    for folder, name in SOURCES[split]:
        with open(os.path.join(DATA, folder, name), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for key in ("note", "section_text", "dialogue"):
                    if row.get(key):
                        yield row[key]


def load(split):
    """Returns (note_sentences, dialogue_sentences) for split "train" or "heldout", in file order."""
    meta = []
    for folder in (ACI, MTS):
        d = os.path.join(DATA, folder)
        meta += [os.path.join(d, n) for n in sorted(os.listdir(d)) if n.endswith("_metadata.csv")]
    corpus_names = _name_set(meta)
    notes, dialogue = [], []
    seen = set()
    if split == "heldout":
        # A sentence that also occurs in a training file ("No known drug allergies.") stays out.
        train_notes, train_dialogue = load("train")
        seen = set(train_notes) | set(train_dialogue)
    for folder, name in SOURCES[split]:
        with open(os.path.join(DATA, folder, name), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                note = row.get("note") or row.get("section_text") or ""
                for sent in _SPLIT.split(note):
                    s = _clean(sent.strip(" -*#:"), corpus_names)
                    if s and s not in seen:
                        seen.add(s)
                        notes.append(s)
                for turn in (row.get("dialogue") or "").split("\n"):
                    m = re.match(r"\s*\[?(patient|Patient)\]?:?\s*(.*)", turn)
                    if m:
                        s = _clean(m.group(2), corpus_names)
                        if s and s not in seen and len(s) < 200:
                            seen.add(s)
                            dialogue.append(s)
    return notes, dialogue
