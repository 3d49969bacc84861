"""TRAIN notes in the layout of real clinical notes: ACI-Bench train/validation notes (CC BY 4.0, read
at run time from ../shared/data), with their people renamed and labelled.

The template and procedural notes put background text into sentences and fields; real notes are
headings, bullets, one-word lines (`Lupus.`, `MiraLAX`), exam findings (`Retina is attached`) and
medication lists with brand names. A model that has not seen that layout tags its capitalised words
as names. Here each ACI-Bench note keeps its lines and layout; the patient and doctor, whom the
corpus metadata names, become the note's synthetic people (labelled PATIENT / DOCTOR, title outside
the entity), `N-year-old` ages become new labelled ages, and a line that may still carry unlabelled
PHI (a date, another person's or a place's name, an occupation: background.RISKY and friends) is
dropped. PHI sentences and fields from mixed.py are put between some lines. TRAIN split only: the
held-out notes and the real-note probe (probe_real_notes.py) read the corpus's test files.
"""

import csv
import os
import re

from . import background, mixed, phi

FILES = ["train", "valid"]
TITLE = r"(?:(?:Dr|Mr|Mrs|Ms|Miss|Doctor)\.?\s+)?"
AGE = re.compile(r"\b(\d{1,3})([- ]years?[- ]old|-yo\b| yo\b)")
HEADING = re.compile(r"^[A-Z][A-Z &/,-]+$")


class Source:
    """One corpus note: its lines and the names its metadata gives."""

    def __init__(self, note, meta):
        self.lines = note.split("\n")
        self.sex = "F" if (meta.get("patient_gender") or "").strip().lower() == "female" else "M"
        self.patient = [w for w in ((meta.get("patient_firstname") or "").strip(), (meta.get("patient_familyname") or "").strip()) if w]
        doctor = re.sub(r"^(dr\.?|doctor)\s+", "", (meta.get("doctor_name") or "").strip(), flags=re.IGNORECASE)
        self.doctor = doctor.split()
        self.names = _names_pattern(self.patient, self.doctor)


def _names_pattern(patient, doctor):
    alts = []
    for words in (patient, doctor):
        if len(words) > 1:
            alts.append(r"\s+".join(map(re.escape, words)))
        alts += [re.escape(w) for w in words]
    alts.sort(key=len, reverse=True)
    return re.compile(r"\b" + TITLE + r"(" + "|".join(alts) + r")\b", re.IGNORECASE) if alts else None


def load(data=background.DATA, field="note"):
    """The corpus's train/validation encounters as Sources of their `field`, "note" or "dialogue"."""
    sources = []
    folder = os.path.join(data, background.ACI)
    for name in FILES:
        with open(os.path.join(folder, name + "_metadata.csv"), encoding="utf-8") as f:
            meta = {row["encounter_id"]: row for row in csv.DictReader(f)}
        with open(os.path.join(folder, name + ".csv"), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                sources.append(Source(row[field], meta.get(row["encounter_id"], {})))
    return sources


def find_marks(src, line, cased=True):
    """The metadata names and the `N-year-old` ages of a line, [(start, end, kind, match)] in order.
    With cased, a lower-case match is an ordinary word ("white" of a Ms. White), not the name."""
    marks = []
    if src.names:
        marks += [(m.start(), m.end(), "name", m) for m in src.names.finditer(line) if not cased or m.group(1)[0].isupper()]
    for m in AGE.finditer(line):
        if not any(s <= m.start() < e for s, e, _, _ in marks):
            marks.append((m.start(), m.end(), "age", m))
    marks.sort(key=lambda x: x[0])
    return marks


def masked(line, marks):
    """The line with a neutral word standing for each mark, so that the word after it is not taken
    for the first word of a sentence."""
    for s, e, _, _ in reversed(marks):
        line = line[:s] + " someone " + line[e:]
    return line


def relabel(rng, note, src, line, marks):
    """The pieces of a line with each mark replaced: a new labelled age, or the note's person in the
    metadata name's place."""
    pieces, pos = [], 0
    for s, e, kind, m in marks:
        pieces += phi.p(line[pos:s])
        if kind == "age":
            pieces += phi.p(str(phi.age_number(rng)), "AGE") + phi.p(m.group(2))
        else:
            pieces += _name(rng, note, src, line[s:m.start(1)], m.group(1))
        pos = e
    return pieces + phi.p(line[pos:])


def _line_pieces(rng, note, src, line):
    """The pieces of one line with names and ages replaced and labelled, or None when the line may
    hold PHI that cannot be labelled."""
    marks = find_marks(src, line)
    # A name the metadata misses next to one it names ("Ralph Barnes" when it gives "Ralph", "Donna
    # Torres" when it spells "Tores") would be trained as O.
    if any(kind == "name" and re.match(r"\s*[A-Z][a-z]", line[e:]) for _, e, kind, _ in marks):
        return None
    text = masked(line, marks)
    if background.RISKY.search(text) or background.OCCUPATION.search(text):
        return None
    words = background._WORD.findall(text)
    for i, w in enumerate(words):
        if i > 0 and w[0].isupper() and not w.isupper() and (w in background._PERSON_WORDS or w in background._PLACE_WORDS):
            return None
    return relabel(rng, note, src, line, marks)


def _name(rng, note, src, title, text):
    words = text.split()
    doctor = bool(src.doctor) and words[-1].lower() in (w.lower() for w in src.doctor) and \
        not (src.patient and words[-1].lower() in (w.lower() for w in src.patient))
    person, label = (note.dr, "DOCTOR") if doctor else (note.pt, "PATIENT")
    people = src.doctor if doctor else src.patient
    if len(words) > 1:
        new = person.first + " " + person.last
    elif len(people) > 1 and words[0].lower() == people[0].lower():
        new = person.first
    else:
        new = person.last
    if text.isupper():
        new = new.upper()
    elif text.islower():
        new = new.lower()
    return phi.p(title) + phi.p(new, label)


# Share of lines in which one lower-case word is capitalised: real notes capitalise eponyms, brands,
# list items and findings (`Achilles reflexes`, `Retina is attached`), so capitals alone are no name.
CAPITALISE_P = 0.15
_LOWER_WORD = re.compile(r"\b[a-z]{5,}\b")


def _capitalise_a_word(rng, pieces):
    """The pieces with one lower-case word of five or more letters in an unlabelled piece capitalised."""
    spots = [(k, m) for k, (text, label) in enumerate(pieces) if label is None for m in _LOWER_WORD.finditer(text)
             if m.group().capitalize() not in background._PERSON_WORDS and m.group().capitalize() not in background._PLACE_WORDS]
    if not spots:
        return pieces
    k, m = rng.choice(spots)
    text = pieces[k][0]
    return pieces[:k] + [(text[:m.start()] + m.group().capitalize() + text[m.end():], None)] + pieces[k + 1:]


def render_real(rng, note, sources):
    """Pieces of one note: a run of lines of a corpus note (often all of it), renamed, with PHI
    sentences and fields between some lines and sometimes a header of fields."""
    src = rng.choice(sources)
    note.pt = phi.Person(rng, src.sex)
    lines = src.lines
    if rng.random() < 0.6:
        starts = [i for i, ln in enumerate(lines) if HEADING.match(ln.strip())] or [0]
        a = rng.choice(starts)
        lines = lines[a:a + rng.randint(6, 40)]
    pieces = []
    if rng.random() < 0.4:
        for _ in range(rng.randint(1, 4)):
            pieces += mixed.field(rng, note, rng.choice(list(mixed.FIELDS))) + phi.p(rng.choice(["\n", "   ", " | "]))
        pieces += phi.p("\n")
    for line in lines:
        got = _line_pieces(rng, note, src, line)
        if got is not None:
            if rng.random() < CAPITALISE_P:
                got = _capitalise_a_word(rng, got)
            pieces += got + phi.p("\n")
        if line.strip() and rng.random() < 0.08:
            extra = rng.choice([mixed.sentence, mixed.clause, lambda r, n: mixed.field(r, n, r.choice(list(mixed.FIELDS)))])
            pieces += extra(rng, note) + phi.p("\n")
    return pieces
