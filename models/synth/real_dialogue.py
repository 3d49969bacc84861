"""TRAIN notes in the form of real transcripts: ACI-Bench train/validation dialogues (CC BY 4.0, read
at run time from ../shared/data), with their people renamed and labelled.

An ambient scribe hears doctor-patient conversations, and speech recognition writes them in lower
case with its own spacing (`[doctor] hi , andrew . how are you ?`). A model trained on written,
capitalised notes misses most names there. Here a run of turns of an ACI-Bench dialogue keeps its
form; the patient and doctor, whom the corpus metadata names, become the note's synthetic people in
the case they were said in (labelled PATIENT / DOCTOR, title outside the entity), `N-year-old` ages
become new labelled ages, and a turn that may still carry unlabelled PHI is dropped. Case cannot
tell names apart here, so a turn is dropped when one of its words is a listed first name, surname
or place that written clinical text never uses in lower case (`andrew`, `springfield`; `will`,
`may` and `hope` stay), or when it has a date, a month, an age in words, an occupation or a title
before such a word. PHI sentences and fields from mixed.py are said between some turns, in lower
case. TRAIN split only: the probe (probe_real_notes.py --dialogues) reads the corpus's test files.
"""

import csv
import os
import re

from . import background, mixed, phi, real_layout

SPEAKER = re.compile(r"^\s*\[[a-z_]+\]\s*")
# What a turn may say that no label covers: dates and months, years, long numbers, phone numbers,
# addresses and institutions, ages in words, e-mail and web addresses.
RISKY = re.compile(
    r"\d{1,2}/\d{1,2}|\b(19|20)\d\d\b|\b\d{5,}\b|\d{3}[-.]\d{4}|@|www|http|"
    r"\b(january|february|april|june|july|september|october|november|december)\b|"
    r"\b(hospital|clinic|university|street|avenue|road|county|city|town)\b|"
    r"\b(years?|months?)[- ]old\b|\byears of age\b|\baged?\b", re.IGNORECASE)
TITLE_WORD = re.compile(r"\b(dr|mr|mrs|ms|miss|doctor|nurse|professor)\b\.?\s+([a-z][a-z'\-]*)")


def _common_words():
    """Lower-case words of written clinical text (ACI-Bench notes and MTS-Dialog, which capitalise
    names): a listed name among them is an ordinary word too."""
    words = set()
    for folder, name in background.SOURCES["train"]:
        with open(os.path.join(background.DATA, folder, name), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for key in ("note", "section_text", "dialogue"):
                    text = row.get(key) or ""
                    if key == "dialogue" and folder == background.ACI:
                        continue  # lower case throughout: its names look like ordinary words
                    words.update(re.findall(r"(?<=[a-z,;] )[a-z][a-z'\-]*", text))
    return words


_NAME_WORDS = {w.lower() for w in background._PERSON_WORDS | background._PLACE_WORDS}


class Sources:
    """The corpus dialogues, and the words that mark a turn as risky."""

    def __init__(self, dialogues):
        self.dialogues = dialogues
        self.suspect = _NAME_WORDS - _common_words()


def load(data=background.DATA):
    return Sources(real_layout.load(data, "dialogue"))


def turn_pieces(rng, note, src, line, suspect):
    """The pieces of one turn with names and ages replaced and labelled, or None when the turn may
    hold PHI that cannot be labelled."""
    marks = real_layout.find_marks(src, line, cased=False)
    said = SPEAKER.sub("", real_layout.masked(line, marks))
    if RISKY.search(said) or background.OCCUPATION.search(said):
        return None
    if any(m.group(2) != "someone" for m in TITLE_WORD.finditer(said.lower())):
        return None
    if any(w in suspect for w in re.findall(r"[a-z][a-z'\-]*", said.lower())):
        return None
    return real_layout.relabel(rng, note, src, line, marks)


def _lower(pieces):
    return [(t.lower(), label) for t, label in pieces]


def render_dialogue(rng, note, sources):
    """Pieces of one transcript: a run of turns of a corpus dialogue, renamed, with PHI said in
    some turns between them."""
    src = rng.choice(sources.dialogues)
    note.pt = phi.Person(rng, src.sex)
    lines = src.lines
    a = rng.randrange(len(lines))
    lines = lines[a:a + rng.randint(8, 40)]
    pieces = []
    for line in lines:
        got = turn_pieces(rng, note, src, line, sources.suspect)
        if got is not None:
            pieces += got + phi.p("\n")
        if rng.random() < 0.1:
            said = rng.choice([mixed.sentence, mixed.clause])(rng, note)
            pieces += phi.p(rng.choice(["[patient] ", "[doctor] "])) + _lower(said) + phi.p("\n")
    return pieces
