"""Synthetic clinical notes with character-level PHI labels.

    cd models && python3 -m synth.generate --split train --seed 1 --count 4000 --out data/train.jsonl

Each output line is {"text", "spans": [[start, end, subtype], ...], "note_type", "template"} with
[start, end) in Python string indices (code points). Note i of a run uses random.Random(seed, i)
only, so a run is deterministic and any note can be regenerated alone.

Template syntax: {SLOT} is replaced by PHI (see SLOTS) or by background text ({BG}: 1-3 sentences,
{BG1}: one sentence, {CHAT}: a patient's utterance); [[a|b|c]] picks one alternative; a line that
starts with "?" is kept with probability 0.6.
"""

import argparse
import json
import random
import re

from . import background, mixed, phi, real_dialogue, real_layout
from . import templates_heldout, templates_train

SUBTYPES = ["PATIENT", "DOCTOR", "USERNAME", "PROFESSION", "HOSPITAL", "DEPARTMENT", "ORGANIZATION", "STREET",
            "CITY", "STATE", "COUNTRY", "ZIP", "AGE", "DATE", "PHONE", "FAX", "EMAIL", "URL", "IPADDR",
            "MEDICALRECORD", "SSN", "ACCOUNT", "LICENSE", "IDNUM"]

# Subtype -> HIPAA Safe Harbor / i2b2-2014 type, as the tagging pipeline (issue 5) reports it.
LABEL_TYPES = {
    "PATIENT": "NAME", "DOCTOR": "NAME", "USERNAME": "NAME", "PROFESSION": "PROFESSION",
    "HOSPITAL": "LOCATION", "DEPARTMENT": "LOCATION", "ORGANIZATION": "LOCATION", "STREET": "LOCATION",
    "CITY": "LOCATION", "STATE": "LOCATION", "COUNTRY": "LOCATION", "ZIP": "LOCATION",
    "AGE": "AGE", "DATE": "DATE",
    "PHONE": "CONTACT", "FAX": "CONTACT", "EMAIL": "CONTACT", "URL": "CONTACT", "IPADDR": "CONTACT",
    "MEDICALRECORD": "ID", "SSN": "ID", "ACCOUNT": "ID", "LICENSE": "ID", "IDNUM": "ID",
}

SLOT = re.compile(r"\{([A-Z_0-9]+)\}")
ALT = re.compile(r"\[\[([^\]]*)\]\]")


class Note:
    """The people and places of one note, so that mentions stay consistent inside it."""

    def __init__(self, rng, bg_notes, bg_chat, professions):
        self.rng = rng
        self.professions = professions
        self.pt = phi.Person(rng)
        self.dr = phi.Person(rng)
        self.dr2 = phi.Person(rng)
        self.nok = phi.Person(rng)
        self.nok.last = self.pt.last if rng.random() < 0.5 else self.nok.last
        self.nurse = phi.Person(rng)
        self.hosp = phi.Hospital(rng)
        self.hosp2 = phi.Hospital(rng)
        self.bg_notes = bg_notes
        self.bg_chat = bg_chat

    def slot(self, name):
        rng = self.rng
        table = {
            "PT": lambda: phi.person_mention(rng, self.pt, "PATIENT"),
            "PT_FIRST": lambda: phi.p(phi.recase(rng, self.pt.first), "PATIENT"),
            "PT_T": lambda: phi.p(self.pt.title(rng) + " ") + phi.p(phi.recase(rng, self.pt.last), "PATIENT"),
            "PT_AGE": lambda: phi.age(rng, self.pt.sex),
            "PT_EMAIL": lambda: phi.email(rng, self.pt),
            "AGE": lambda: phi.age_bare(rng),
            "NOK": lambda: phi.person_mention(rng, self.nok, "PATIENT"),
            "DR": lambda: phi.doctor_mention(rng, self.dr),
            "DR2": lambda: phi.doctor_mention(rng, self.dr2),
            "DR_T": lambda: phi.p(rng.choice(["Dr. ", "Dr ", "Doctor "])) + phi.p(phi.recase(rng, self.dr2.last), "DOCTOR"),
            "DR_LAST": lambda: phi.p(phi.recase(rng, self.dr.last), "DOCTOR"),
            "DR_SIG": lambda: phi.doctor_mention(rng, self.dr),
            "NURSE": lambda: phi.p(phi.recase(rng, rng.choice([self.nurse.first + " " + self.nurse.last, self.nurse.first,
                                                               self.nurse.first[0] + ". " + self.nurse.last])), "DOCTOR"),
            "INIT": lambda: phi.initials(rng, self.dr),
            "USER": lambda: phi.username(rng, rng.choice([self.dr, self.nurse])),
            "DATE": lambda: phi.date(rng),
            "DATEF": lambda: phi.date(rng, "full"),
            "DATETIME": lambda: phi.date_time(rng),
            "PHONE": lambda: phi.phone(rng),
            "FAX": lambda: phi.fax(rng),
            "PAGER": lambda: phi.pager(rng),
            "EMAIL": lambda: phi.email(rng, rng.choice([self.dr, self.dr2, self.nurse]), self.hosp.domain),
            "URL": lambda: phi.url(rng, self.hosp.domain if rng.random() < 0.5 else None),
            "IP": lambda: phi.ip_address(rng),
            "MRN": lambda: phi.mrn(rng),
            "SSN": lambda: phi.ssn(rng),
            "ACCT": lambda: phi.account(rng),
            "LIC": lambda: phi.license_number(rng),
            "ID": lambda: phi.idnum(rng),
            "ADDR": lambda: phi.address(rng),
            "COUNTRY": lambda: phi.country(rng),
            "CITY": lambda: phi.city(rng),
            "STATE": lambda: phi.state(rng),
            "CITYST": lambda: phi.city_state(rng),
            "HOSP": lambda: self.hosp.mention(rng),
            "HOSP2": lambda: self.hosp2.mention(rng),
            "DEPT": lambda: phi.department(rng),
            "ORG": lambda: phi.organization(rng),
            "PROF": lambda: phi.profession(rng, self.professions),
            "BG": lambda: phi.p(" ".join(rng.choice(self.bg_notes) for _ in range(rng.randint(1, 3)))),
            "BG1": lambda: phi.p(rng.choice(self.bg_notes)),
            "CHAT": lambda: phi.p(rng.choice(self.bg_chat)),
        }
        return table[name]()

    def filler(self):
        """A sentence with PHI in a random place, so that PHI also appears outside template fields."""
        rng = self.rng
        choices = [
            lambda: self.slot("BG1") + phi.p(" Seen again on ") + self.slot("DATE") + phi.p("."),
            lambda: phi.p("Per ") + self.slot("DR") + phi.p(", ") + self.slot("BG1"),
            lambda: self.slot("BG1") + phi.p(" " + rng.choice(["Her", "His"]) + " " + rng.choice(["sister", "brother", "friend"]) + " ")
            + phi.person_mention(rng, phi.Person(rng), "PATIENT") + phi.p(" " + rng.choice(["is a", "works as a"]) + " ")
            + phi.profession(rng, self.professions) + phi.p("."),
            lambda: phi.p("Moved from ") + phi.city(rng) + phi.p(rng.choice([", ", " in "])) + phi.country(rng)
            + phi.p(" in ") + phi.year(rng) + phi.p("."),
            lambda: phi.p(rng.choice(["Records faxed to ", "Copy to ", "cc: "])) + self.slot("FAX") + phi.p("."),
            lambda: self.slot("BG1") + phi.p(" (" + rng.choice(["since", "dx", "diagnosed", "last"]) + " ") + phi.year(rng) + phi.p(")"),
            lambda: phi.p(rng.choice(["SSN ", "Social security number: ", "SS# "])) + phi.ssn(rng) + phi.p("."),
            lambda: phi.p(rng.choice(["Billing account ", "Acct. no. ", "Account number "])) + phi.account(rng) + phi.p("."),
            lambda: phi.p(rng.choice(["Employed by ", "Works at ", "Retired from "])) + phi.organization(rng) + phi.p("."),
            lambda: phi.p(rng.choice(["State license ", "DEA# ", "Lic. "])) + phi.license_number(rng),
            lambda: phi.p(rng.choice(["Accessed from ", "Login from IP ", "Remote session "])) + phi.ip_address(rng) + phi.p("."),
            lambda: self.slot("BG1"),
            lambda: self.slot("BG1"),
        ]
        return rng.choice(choices)()


def render(rng, template, note):
    pieces = []
    for line in template.split("\n"):
        if line.startswith("?"):
            if rng.random() >= 0.6:
                continue
            line = line[1:]
        line = ALT.sub(lambda m: rng.choice(m.group(1).split("|")), line)
        pos = 0
        for m in SLOT.finditer(line):
            pieces.append((line[pos:m.start()], None))
            pieces.extend(note.slot(m.group(1)))
            pos = m.end()
        pieces.append((line[pos:], None))
        if rng.random() < 0.12:
            pieces.append((" ", None))
            pieces.extend(note.filler())
        pieces.append(("\n", None))
    return pieces


def assemble(rng, pieces, note_type):
    """Joins pieces into text and spans; applies note-wide case and line-ending variation."""
    upper = rng.random() < 0.05
    lower_names = note_type == "patient_message" and rng.random() < 0.3
    crlf = rng.random() < 0.05
    text, spans = [], []
    pos = 0
    for s, label in pieces:
        if upper:
            s = s.upper()
        elif lower_names and label in ("PATIENT", "DOCTOR", "CITY", "STREET"):
            s = s.lower()
        if crlf:
            s = s.replace("\n", "\r\n")
        if label is not None and s:
            spans.append([pos, pos + len(s), label])
        text.append(s)
        pos += len(s)
    return "".join(text), spans


# Bumped whenever the output for a given split and seed changes, so that cached data is rebuilt.
VERSION = 11
# Shares of TRAIN notes built by real_layout.render_real, real_dialogue.render_dialogue and
# mixed.render_mixed instead of a template.
REAL_SHARE = 0.3
DIALOGUE_SHARE = 0.2
MIXED_SHARE = 0.3


def generate(split, seed, count):
    templates = (templates_train if split == "train" else templates_heldout).TEMPLATES
    bg_notes, bg_chat = background.load(split)
    professions = phi.PROFESSIONS + phi.EXTRA_PROFESSIONS if split == "train" else phi.PROFESSIONS
    keys = [(t, i) for t in sorted(templates) for i in range(len(templates[t]))]
    sources = real_layout.load() if split == "train" else []
    dialogues = real_dialogue.load() if split == "train" else None
    for n in range(count):
        rng = random.Random(seed * 1000003 + n)
        r = rng.random() if split == "train" else 1.0
        if r < REAL_SHARE:
            note = Note(rng, bg_notes, bg_chat, professions)
            text, spans = assemble(rng, real_layout.render_real(rng, note, sources), "real")
            yield {"text": text, "spans": spans, "note_type": "real", "template": "train/real"}
            continue
        if r < REAL_SHARE + DIALOGUE_SHARE:
            note = Note(rng, bg_notes, bg_chat, professions)
            text, spans = assemble(rng, real_dialogue.render_dialogue(rng, note, dialogues), "dialogue")
            yield {"text": text, "spans": spans, "note_type": "dialogue", "template": "train/dialogue"}
            continue
        if r < REAL_SHARE + DIALOGUE_SHARE + MIXED_SHARE:
            note = Note(rng, bg_notes, bg_chat, professions)
            text, spans = assemble(rng, mixed.render_mixed(rng, note), "mixed")
            yield {"text": text, "spans": spans, "note_type": "mixed", "template": "train/mixed"}
            continue
        note_type, i = rng.choice(keys)
        note = Note(rng, bg_notes, bg_chat, professions)
        text, spans = assemble(rng, render(rng, templates[note_type][i], note), note_type)
        yield {"text": text, "spans": spans, "note_type": note_type, "template": f"{split}/{note_type}/{i}"}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["train", "heldout"], required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    with open(args.out, "w", encoding="utf-8") as f:
        for rec in generate(args.split, args.seed, args.count):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
