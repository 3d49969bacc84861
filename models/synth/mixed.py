"""Procedural training notes: record fields under many names, prose with PHI in varied phrases, and
non-PHI look-alikes (times, vital signs, doses, codes, medication names, headings).

The fixed templates teach layouts; a model trained on them alone learns "the word after `MRN:` is an
ID" and little else, and misses PHI in layouts it has not seen. These notes put every PHI type
behind many field names and separators, in sentences, and next to numbers and capitalised words that
are not PHI, so that the model has to read the value and its immediate context. TRAIN split only:
the held-out set keeps its own templates (templates_heldout.py), and no field name, heading or phrase
here occurs in the held-out templates unless the train templates have it too (tests/models/test_synth.py).
"""

from . import phi

# Field names per slot of generate.Note.slot; each is written in one of several cases and
# separators. Names are generic record vocabulary (EHR headers, forms, letters).
FIELDS = {
    "PT": ["Patient", "Patient name", "Name", "Pt", "Pt name", "Client", "Resident", "Member", "Subject",
           "Patient (last, first)", "Re", "Regarding", "Surname", "Legal name", "Preferred name"],
    "NOK": ["Emergency contact", "Guardian", "Health care proxy", "Contact person",
            "Mother", "Daughter", "Son", "Caregiver", "Power of attorney", "Informant"],
    "DATEF": ["DOB", "Date of birth", "Birth date", "D.O.B.", "Admission date", "Adm date",
              "Discharge date", "Date of service", "DOS", "Visit date", "Encounter date", "Exam date",
              "Collected", "Received", "Signed", "Procedure date", "Date of injury",
              "Date of death", "Transcribed", "Dictated", "Last visit", "Next appointment", "Surgery date"],
    "DATE": ["Date", "Onset", "LMP", "Last seen", "Follow-up", "Since", "Started", "Stopped", "Due",
             "Last dose", "Immunized", "Last colonoscopy", "Last mammogram", "Prior study"],
    "AGE": ["Age", "Age (yrs)", "Pt age", "Age at onset", "Age at diagnosis"],
    "DR": ["Attending", "Provider", "PCP", "Referring physician", "Ordering provider", "Surgeon", "Signed by",
           "Electronically signed by", "Author", "Resident", "Fellow", "Cosigned by",
           "Dictating physician", "Primary care", "Supervising physician", "Radiologist", "Reading physician",
           "Anesthesiologist", "Pathologist", "Referred by", "Seen by", "Covering", "Proceduralist", "cc"],
    "NURSE": ["Nurse", "RN", "Primary nurse", "Charge nurse", "Case manager", "Social worker",
              "Care coordinator", "Therapist", "Pharmacist", "Scribe", "Interpreter", "Midwife"],
    "MRN": ["MRN", "MR#", "MR No", "Medical record number", "Med Rec #", "Hospital number", "Hosp #",
            "Patient ID", "EMPI", "Record no.", "CMRN", "Registration #", "Pt ID"],
    "ACCT": ["Account", "Acct #", "Account no.", "Billing #", "FIN", "Encounter #", "Visit #", "HAR", "CSN",
             "Financial number", "Guarantor #", "Invoice"],
    "SSN": ["SSN", "Social Security #", "SS#", "Soc. Sec. No.", "Social security number"],
    "LIC": ["License", "Lic #", "DEA", "DEA #", "NPI", "State license", "Provider ID", "Certification #"],
    "ID": ["Accession #", "Accession", "Order number", "Specimen ID", "Specimen", "Requisition",
           "Insurance ID", "Member ID", "Policy #", "Group #", "Claim #", "Case #", "Ref", "Ref no.",
           "Study ID", "Serial #", "Subscriber ID", "Authorization #", "Ticket", "Batch", "Lot #", "Tracking #"],
    "PHONE": ["Phone", "Tel", "Telephone", "Cell", "Mobile", "Home phone", "Work phone", "Contact number",
              "Ph", "Call back", "Direct line", "Office", "Main line", "Hotline", "Daytime phone"],
    "PAGER": ["Pager", "Pgr", "Bleep", "Page"],
    "FAX": ["Fax", "Fax #", "Fax no.", "Fax number", "Facsimile", "Secure fax", "Return fax"],
    "EMAIL": ["Email", "E-mail", "Contact email", "Portal email", "Mail", "Send results to"],
    "URL": ["Web", "Website", "Portal", "URL", "Link", "Online", "More info"],
    "IP": ["IP", "IP address", "Client IP", "Workstation", "Source address", "Host"],
    "ADDR": ["Address", "Home address", "Addr", "Residence", "Mailing address", "Lives at", "Street address"],
    "CITY": ["City", "Town", "Place of birth", "Hometown", "Birthplace", "Residence city"],
    "CITYST": ["City/State", "Location", "Lives in", "Current location", "Resides in"],
    "STATE": ["State", "State of residence", "Licensed in"],
    "HOSP": ["Facility", "Hospital", "Site", "Referred from", "Transferred from", "Institution", "Practice",
             "Outside hospital", "OSH", "Admitting facility", "Sending facility", "Receiving facility"],
    "DEPT": ["Department", "Dept", "Service", "Ward", "Floor", "Specialty", "Division", "Location", "Admitted to",
             "Transferred to", "Bed location"],
    "ORG": ["Company", "Works for", "Employed at", "School", "Workplace", "Former employer"],
    "PROF": ["Job", "Profession", "Employment", "Works as", "Job title", "Former occupation"],
    "COUNTRY": ["Country", "Country of birth", "Nationality", "Recent travel", "Emigrated from", "Citizenship"],
    "USER": ["User", "Login", "Entered by", "Username", "Last modified by", "Updated by", "Author ID"],
}

SEPARATORS = [": ", ": ", ":  ", " ", " - ", " #", " # ", ":\t", "\t", " no. ", " = ", ": #", "... ", " -- "]

# Lines with numbers and capitalised words that are not PHI.
VITALS = ["BP {a}/{b}", "HR {c}", "Pulse {c}", "Temp {t}", "T {t} F", "SpO2 {s}% on RA", "O2 sat {s}%", "RR {r}",
          "Wt {w} kg", "Weight {w} lb", "Ht {ht} cm", "BMI {bmi}", "Pain {p}/10", "GCS {g}", "Glucose {gl} mg/dL",
          "Hgb {hb}", "WBC {wbc}", "Plt {plt}", "Cr {cr}", "Na {na}", "K {k}", "INR {inr}", "A1c {a1c}%",
          "EF {ef}%", "LDL {ldl}", "TSH {tsh}", "Troponin {tro}", "Lactate {cr}", "BUN {r}"]
ORDINARY = [
    "Impression:", "Findings:", "Assessment and Plan:", "Plan:", "History:", "Medications:", "Allergies: NKDA",
    "Review of systems: negative except as noted.", "Physical exam:", "Labs:", "Vitals:", "Disposition: home",
    "Code status: Full code", "Diet: regular", "Activity: as tolerated", "Technique:",
    "Comparison: none.", "Procedure:", "Chief complaint:", "Social history:", "Family history:", "Results:",
    "Note type: Progress Note", "Status: Final", "Signed", "Addendum:", "Visit:", "Study:", "Case:", "Record:",
    "Report:", "Contact:", "Phone:", "Fax:", "Tel:", "Email:", "Location:", "Provider:",
    "Priority: routine", "Encounter type: office visit", "Source: patient", "Interpreter used: no",
    "=== END OF REPORT ===", "-----", "Page 1 of 2", "(continued)", "CC:", "RE:",
]
TIMES = ["{h:02d}:{mi:02d}", "{h:02d}{mi:02d}", "{h12}:{mi:02d} {ap}", "{h12}:{mi:02d}{ap2}", "{h12} {ap}", "{h:02d}{mi:02d} hrs"]
CODES = ["ICD-10 {L}{n2}.{n1}", "CPT {n5}", "T{n1}N{n1}M0", "C{n1}-C{n1}", "L{n1}-{n1}", "grade {n1}/6", "{n1} cm",
         "{n2} mm", "x{n1} days", "q{n1}h", "{n1}+ edema", "{n2} mL/hr", "{n1} of {n2} cores", "{n3} mcg",
         "stage {n1}", "NYHA class {r}", "{n2} pack-years", "{n1}/{n1} strength", "Room {n3}", "Bed {n1}"]
DOSES = ["{drug} {dose} mg {freq}", "{Drug} {dose} mg {freq}", "{drug} {dose} mg", "Started {drug} {dose} mg",
         "{Drug} was held.", "Continue {drug}.", "{Drug} {dose} mg {route} {freq} x {n1} days",
         "{Drug} as needed.", "Continue {Drug}.", "Start {Drug}, {n1} puffs twice daily.", "{Drug}",
         "She uses {Drug} in the spring.", "He was switched to {Drug}.", "Refill {Drug}.", "{Drug} {n2} units at bedtime"]
FREQ = ["daily", "BID", "TID", "QID", "q.d.", "b.i.d.", "at bedtime", "PRN", "q6h", "weekly", "once"]
ROUTE = ["PO", "IV", "IM", "SC", "SL", "by mouth"]

# Sentences with one or two PHI slots; the slot names are those of generate.Note.slot.
SENTENCES = [
    "{PT} was admitted to {HOSP} on {DATE}.", "{PT} presented to {DEPT} on {DATE}.",
    "Follows with {DR} in {DEPT}.", "Lives in {CITYST} with {NOK}.", "Works as a {PROF} at {ORG}.",
    "Originally from {COUNTRY}; moved to {CITY} in {YEAR}.", "Can be reached at {PHONE}.",
    "Last saw {DR} on {DATE}.", "{PT} is a {PT_AGE} who {BGV}.", "Transferred from {HOSP2} on {DATE}.",
    "Seen in {DEPT} at {HOSP} in {MONTHYEAR}.", "Results were sent to {EMAIL}.",
    "Scheduled with {DR_T} on {DATE} at {TIME}.", "Please fax records to {FAX}.", "Call {PAGER} with questions.",
    "Discussed with {NOK}, who agrees with the plan.", "{NOK} ({REL}) called at {TIME} wanting news.",
    "Her {REL}, {NOK}, is a {PROF}.", "His {REL} {NOK} lives at {ADDR}.", "Mailing address: {ADDR}.",
    "Previously treated at {HOSP2} by {DR2}.", "Imaging from {HOSP2} dated {DATE} was reviewed.",
    "Prescription sent under {DR_T}, license {LIC}.", "Claim {ID} was submitted on {DATE}.",
    "Identity confirmed with MRN {MRN} and date of birth {DATEF}.", "Record {MRN} was merged with {MRN}.",
    "Billed to account {ACCT}.", "Patient portal at {URL}.", "Session opened from {IP} by {USER}.",
    "{DR_T} was paged at {TIME}.", "{NURSE} gave {DRUG} at {TIME}.", "Reviewed with {NURSE} at the bedside.",
    "I am writing about our mutual patient, {PT}.", "Thank you for referring {PT}, age {AGE}.",
    "{PT_T} returns on {DATE} for follow-up.", "Her daughter {NOK} will drive her home.",
    "The patient, a retired {PROF}, reports {BGV}.", "She was born in {CITY}, {COUNTRY}.",
    "He is {AGE} years old and lives alone in {CITY}.", "At age {AGE} she had {BGN}.",
    "Contact {DR} at {EMAIL} or {PHONE}.", "Send a copy to {DR2}, {DEPT}, {HOSP}.",
    "In {YEAR} he underwent surgery at {HOSP2}.", "Follow up on {DATE} with {DR_T} at {HOSP}.",
    "Ms. {PT_FIRST} said her {REL} {NOK} calls every day.", "{PT} ({PT_AGE}) was seen on {DATE}.",
    "SSN on file: {SSN}.", "Specimen {ID} received {DATEF} {TIME}.", "Requested by {DR} under {ID}.",
    "I saw {DET} {PT_AGE} in clinic today.", "Please see {DET} {PT_AGE} on {DATE}.",
    "We admitted {DET} {PT_AGE} with {BGN}.", "Kindly assess {DET} {PT_AGE} for {BGN}.",
    "Examined {DET} {PT_AGE} at the bedside.", "Reason for visit: {DET} {PT_AGE} who {BGV}.",
    "Her {REL} is a {PROF}.", "{NOK} is a {PROF} and {BGV}.", "By trade a {PROF}, {PT_FIRST} {BGV}.",
    "Message taken by {NURSE}.", "Handed over to {NURSE} at {TIME}.", "Per {NURSE}, the patient {BGV}.",
    # Care-team roles and a unit's phone points beside names and departments: not PHI.
    "{ROLEQC} {ROLE} {DR}.", "{ROLEQC} {ROLE}: {DR_T}.", "Discussed with the {ROLE}, {DR}.",
    "Discussed with {ROLEQ} {ROLE} {DR_T}.", "Her {ROLE} advised a lower dose.",
    "His {ROLE} will review the results on {DATE}.", "The {ROLE} recommended physical therapy.",
    "Seen by our {ROLE}, {DR_T}, today.", "Message left for the {ROLEQ} {ROLE}.",
    "{PT} was reviewed by the {ROLE} at {TIME}.", "Per the {ROLE}, the patient {BGV}.",
    "The {ROLEQ} {ROLE} was informed.", "Advised to ring {DEPT} {UNIT} with questions.",
    "Left a voicemail with {DEPT} {UNIT}.", "Call transferred to the {DEPT} {UNIT}.",
    "{DEPT} {UNIT} informed; {DR} will call back.",
]
ROLE_QUALIFIERS = ["treating", "covering", "supervising", "on-call", "admitting", "lead", "duty", "named", "primary",
                   "senior", "overseeing", "night", "weekend", "accountable"]
UNIT_POINTS = ["reception", "front office", "nurses' station", "switchboard", "secretary", "coordinator", "main line",
               "on-call line", "charge nurse", "office", "answering service", "scheduler", "clerk"]
# Words before an age phrase in object position ("I saw our 40-yr-old woman").
DETERMINERS = ["the", "our", "your", "that", "a", "a pleasant", "an otherwise healthy", "a known", "the above",
               "my", "their", "a frail", "a well-appearing"]
RELATIONS = ["husband", "wife", "son", "daughter", "mother", "father", "sister", "brother", "partner", "friend",
             "neighbor", "niece", "grandson", "caregiver"]
VERB_PHRASES = ["presents with chest pain", "reports worsening shortness of breath", "has a history of diabetes",
                "comes in for a routine visit", "complains of back pain", "denies fever or chills",
                "is here for medication refill", "notes intermittent headaches"]
NOUN_PHRASES = ["an appendectomy", "a fracture of the wrist", "pneumonia", "a tonsillectomy", "rheumatic fever",
                "a motor vehicle accident", "her first seizure"]

# Compositional sentences: a person (in any role and name form, sometimes with an age beside the
# name) followed by a predicate. Fixed sentences teach fixed neighbours; these put names and ages at
# the start of lines, before verbs of every kind, and after words that are not field names.
SUBJECTS = ["{PT}", "{PT}", "{PT_T}", "{PT_FIRST}", "{NOK}", "{DR}", "{NURSE}", "{PT}, {AGE},", "{PT_T}, {AGE},",
            "{PT} ({AGE})", "{PT_T} ({AGE} {YEARS})", "A {PT_AGE}", "{PT}, a {PT_AGE},",
            "{PT}, age {AGE},", "{PT_T}, now {AGE},", "{PT} is {AGE} and", "{DETC} {PT_AGE}", "{DETC} {PT_AGE}"]
PREDICATES = ["writes:", "called the office", "phoned back", "left a message", "asked about the results",
              "was seen today", "was reviewed on the ward", "attended with {NOK}", "was discharged home",
              "came to {DEPT}", "was transferred to {HOSP}", "returned from {CITY}", "was seen by {DR}",
              "agrees with the plan", "declined the flu shot", "is doing better", "requested a refill",
              "had a fall at home", "reports pain in the left knee", "missed the last appointment",
              "was admitted overnight", "tolerated the procedure well", "is followed at {HOSP2}",
              "works as a {PROF}", "is a retired {PROF}", "used to work as a {PROF}", "has been a {PROF} for years",
              "lives with {NOK} in {CITY}", "moved here from {COUNTRY}", "will phone {PHONE} with any concerns",
              "signed the consent", "was counselled about smoking", "confirmed the date of birth {DATEF}",
              "was last seen on {DATE}", "is booked for {DATE}", "spoke with {DR_T}", "was examined by {NURSE}",
              "is a {PROF}", "is a {PROF} by trade", "trained as a {PROF}", "is employed as a {PROF}",
              "works nights as a {PROF}", "was a {PROF} until {YEAR}", "was seen by the {ROLE}",
              "spoke with the {ROLEQ} {ROLE}", "was reviewed by {ROLEQ} {ROLE} {DR}"]
YEARS = ["years", "yrs", "y", "yo", "years old"]

# Line starts that are capitalised like names and places but are not PHI: the words that hospital and
# department names are made of ("Clinic", "Memorial", "Unit"), alone or as headings ("Clinic note:").
HOSPITAL_WORDS = ["Hospital", "General", "Medical", "Center", "Regional", "Community", "Memorial", "Clinic", "Health",
                  "Family", "Rehabilitation", "Cancer", "Institute", "Heart", "Urgent", "Care", "Nursing", "Home",
                  "Hospice", "Royal", "Infirmary", "University", "Saint", "Children's", "Veterans", "Affairs"]
HEAD_FIRST = sorted({w for d in phi.DEPARTMENTS for w in d.split() if w.isalpha() and w[0].isupper() and len(w) > 2}
                    | set(HOSPITAL_WORDS))
HEAD_SECOND = ["note", "summary", "visit", "course", "history", "plan", "update", "assessment",
               "details", "comments", "status", "letter", "staff", "notes", "call", "log", "entry", "list",
               "instructions", "findings", "goals", "policy", "hours", "schedule", "referral", "team"]
DECORATIONS = ["***", "**", "===", "---", "###", "~~", "==", "*", "[", "<<"]
CLOSERS = {"[": "]", "<<": ">>"}

TITLES = ["PROGRESS NOTE", "Clinic Note", "CONSULTATION", "Discharge Instructions", "Emergency Department Note",
          "Operative Report", "PATHOLOGY REPORT", "Telephone Encounter", "History and Physical", "Letter",
          "Care Coordination Note", "Lab Report", "Medication Reconciliation", "Transfer Summary", "Intake Form",
          "Physical Therapy Evaluation", "Social Work Note", "Referral", "Procedure Note", "Nursing Assessment"]


def _key(rng, name):
    r = rng.random()
    if r < 0.15:
        return name.upper()
    if r < 0.22:
        return name.lower()
    return name


def _numbers(rng):
    h = rng.randint(0, 23)
    return {"h": h, "a": rng.randint(90, 180), "b": rng.randint(50, 110), "c": rng.randint(45, 140),
            "t": f"{rng.uniform(96.0, 103.5):.1f}", "s": rng.randint(85, 100), "r": rng.randint(10, 32),
            "w": rng.randint(3, 150), "ht": rng.randint(50, 200), "bmi": f"{rng.uniform(16, 45):.1f}",
            "p": rng.randint(0, 10), "g": rng.randint(3, 15), "gl": rng.randint(60, 400), "hb": f"{rng.uniform(6, 17):.1f}",
            "wbc": f"{rng.uniform(2, 25):.1f}", "plt": rng.randint(40, 600), "cr": f"{rng.uniform(0.4, 6):.1f}",
            "na": rng.randint(125, 150), "k": f"{rng.uniform(2.8, 6.2):.1f}", "inr": f"{rng.uniform(0.9, 4.5):.1f}",
            "a1c": f"{rng.uniform(4.5, 13):.1f}", "ef": rng.randint(15, 70), "ldl": rng.randint(40, 220),
            "tsh": f"{rng.uniform(0.1, 9):.2f}", "tro": f"{rng.uniform(0, 2):.2f}",
            "h12": (h % 12) or 12, "mi": rng.randint(0, 59), "ap": "AM" if h < 12 else "PM", "ap2": "am" if h < 12 else "pm",
            "L": rng.choice("ABCDEFGIJKLMNRZ"), "n1": rng.randint(1, 9), "n2": rng.randint(10, 99),
            "n3": rng.randint(100, 999), "n5": rng.randint(10000, 99999), "dose": rng.choice([5, 10, 20, 25, 40, 50, 81, 100, 250, 500, 1000])}


def _fill(rng, pattern):
    drug = rng.choice(phi.DRUGS)
    n = _numbers(rng)
    return pattern.format(drug=drug, Drug=drug[:1].upper() + drug[1:], freq=rng.choice(FREQ), route=rng.choice(ROUTE), **n)


def time_text(rng):
    return _fill(rng, rng.choice(TIMES))


def lookalike(rng):
    """One line of non-PHI: vital signs, doses, codes, times, headings."""
    r = rng.random()
    if r < 0.3:
        return ", ".join(_fill(rng, rng.choice(VITALS)) for _ in range(rng.randint(1, 5)))
    if r < 0.5:
        return _fill(rng, rng.choice(DOSES))
    if r < 0.65:
        return rng.choice(["Noted at ", "Given at ", "Time: ", "", "Called at ", "Arrived "]) + time_text(rng) + \
            rng.choice(["", ".", " - vitals stable", ", " + _fill(rng, rng.choice(VITALS))])
    if r < 0.8:
        return _fill(rng, rng.choice(CODES))
    return rng.choice(ORDINARY)


def field(rng, note, slot):
    """`Name: value` with a random field name for the slot and a random separator."""
    key = _key(rng, rng.choice(FIELDS[slot]))
    return phi.p(key + rng.choice(SEPARATORS)) + note.slot(slot)


def _pattern(rng, note, pattern):
    """Pieces of a pattern whose {SLOT}s are filled from the note (or from the lists above)."""
    out, pos = [], 0
    while True:
        i = pattern.find("{", pos)
        if i < 0:
            out += phi.p(pattern[pos:])
            return out
        j = pattern.index("}", i)
        out += phi.p(pattern[pos:i])
        name = pattern[i + 1:j]
        if name == "REL":
            out += phi.p(rng.choice(RELATIONS))
        elif name in ("DET", "DETC"):
            det = rng.choice(DETERMINERS)
            out += phi.p(det[:1].upper() + det[1:] if name == "DETC" else det)
        elif name == "ROLE":
            out += phi.p(rng.choice(phi.CARE_ROLES))
        elif name in ("ROLEQ", "ROLEQC"):
            q = rng.choice(ROLE_QUALIFIERS)
            out += phi.p(q[:1].upper() + q[1:] if name == "ROLEQC" else q)
        elif name == "UNIT":
            out += phi.p(rng.choice(UNIT_POINTS))
        elif name == "YEARS":
            out += phi.p(rng.choice(YEARS))
        elif name == "TIME":
            out += phi.p(time_text(rng))
        elif name == "DRUG":
            out += phi.p(rng.choice(phi.DRUGS))
        elif name == "BGV":
            out += phi.p(rng.choice(VERB_PHRASES))
        elif name == "BGN":
            out += phi.p(rng.choice(NOUN_PHRASES))
        elif name == "YEAR":
            out += phi.year(rng)
        elif name == "MONTHYEAR":
            out += phi.month_year(rng)
        else:
            out += note.slot(name)
        pos = j + 1


def sentence(rng, note):
    return _pattern(rng, note, rng.choice(SENTENCES))


def clause(rng, note):
    """A person (sometimes with an age) and a predicate, as a sentence or a line start."""
    lead = rng.choice(["", "", "", "Today ", "Per nursing, ", "Yesterday ", "At {TIME} ", "{DATE}: ", "{DATETIME} - "])
    subject = _pattern(rng, note, lead + rng.choice(SUBJECTS))
    if rng.random() < 0.2:
        # A name straight before ordinary text, as in "RN note: Zula Occasional ...".
        return subject + phi.p(" ") + note.slot("BG1")
    end = rng.choice([".", ".", "", " " + rng.choice(VERB_PHRASES) + "."])
    return subject + _pattern(rng, note, " " + rng.choice(PREDICATES)) + phi.p(end)


# Slots whose values can be told by their form or words alone, whatever the field name.
LOOSE_SLOTS = ["PT_AGE", "PT_AGE", "PROF", "PROF", "PT", "NOK", "DR", "NURSE", "DATE", "DATEF", "HOSP", "DEPT",
               "PHONE", "CITYST", "MRN", "EMAIL"]


def loose_field(rng, note):
    """A value behind a field name no slot uses (`Lower extremity: 56 yo F`), so that the model reads
    the value and not only the field name."""
    return phi.p(heading_words(rng, note) + rng.choice(SEPARATORS)) + note.slot(rng.choice(LOOSE_SLOTS))


# Slots spliced into background sentences, names most often.
SPLICE_SLOTS = ["PT", "PT", "NOK", "DR", "DR", "NURSE", "PT_FIRST", "DR_T", "PT_T", "HOSP", "CITY", "DATE", "PROF",
                "PT_AGE", "DEPT", "PHONE"]


def spliced(rng, note):
    """A background sentence with a PHI value put between two of its words (`She reported telephone
    Jane Roe pain`): ungrammatical, but the words on both sides of the value are ordinary words
    labelled O, which teaches where an entity ends in contexts no template has."""
    words = rng.choice(note.bg_notes).split()
    i = rng.randint(0, len(words))
    left, right = " ".join(words[:i]), " ".join(words[i:])
    before, after = rng.choice([(" ", " "), (" ", " "), (", ", ", "), (" (", ") "), (": ", " "), (" ", ", ")])
    return phi.p(left + before if left else "") + note.slot(rng.choice(SPLICE_SLOTS)) + phi.p(after.rstrip() + " " + right if right else ".")


def heading(rng, note):
    """A capitalised non-PHI line start: `Clinic note:`, `Memorial -- `, or the first words of a
    background sentence (`Lower extremity:`)."""
    return heading_words(rng, note) + rng.choice([":", ": ", " -- ", " - ", ".", "\n", " "])


def heading_words(rng, note):
    if rng.random() < 0.4:
        words = " ".join(rng.choice(note.bg_notes).split()[:rng.randint(1, 3)]).strip(".,;:")
    else:
        words = rng.choice(HEAD_FIRST) + (" " + rng.choice(HEAD_SECOND) if rng.random() < 0.7 else "")
    if rng.random() < 0.2:
        words = words.upper()
    return words


def banner(rng, note):
    """A decorated title line, `*** St. Mary's Hospital ***`; only the hospital or department is PHI."""
    deco = rng.choice(DECORATIONS)
    inner = rng.choice([lambda: note.slot("HOSP"), lambda: note.slot("DEPT"), lambda: phi.p(rng.choice(TITLES)),
                        lambda: phi.p(rng.choice(HEAD_FIRST).upper())])()
    return phi.p(deco + " ") + inner + phi.p(" " + CLOSERS.get(deco, deco) + rng.choice(["  ", " ", "\n"]))


def render_mixed(rng, note):
    """Pieces of one procedural note: a title, a header of fields, then sections mixing background
    text, PHI sentences, field lines and look-alikes, then an optional signature."""
    slots = list(FIELDS)
    pieces = banner(rng, note) if rng.random() < 0.25 else phi.p(rng.choice(TITLES) + "\n")
    joiners = ["   ", "  ", " | ", "; ", "\t", ", "]
    for _ in range(rng.randint(2, 7)):
        line = field(rng, note, rng.choice(slots))
        while rng.random() < 0.35:
            line += phi.p(rng.choice(joiners)) + field(rng, note, rng.choice(slots))
        pieces += line + phi.p("\n")
    for _ in range(rng.randint(2, 5)):
        start = phi.p(heading(rng, note)) if rng.random() < 0.4 else phi.p(rng.choice(ORDINARY) + rng.choice(["\n", " "]))
        pieces += phi.p("\n") + start
        for _ in range(rng.randint(2, 6)):
            r = rng.random()
            if r < 0.15:
                pieces += note.slot("BG1")
            elif r < 0.25:
                pieces += spliced(rng, note)
            elif r < 0.4:
                pieces += sentence(rng, note)
            elif r < 0.6:
                pieces += clause(rng, note)
            elif r < 0.68:
                pieces += field(rng, note, rng.choice(slots))
            elif r < 0.75:
                pieces += loose_field(rng, note)
            elif r < 0.9:
                pieces += phi.p(lookalike(rng))
            else:
                pieces += note.filler()
            pieces += phi.p(rng.choice([" ", " ", "\n", "\n", "  "]))
        pieces += phi.p("\n")
    if rng.random() < 0.6:
        pieces += phi.p(rng.choice(["Signed: ", "-- ", "Electronically signed by ", "", "Thanks, "])) + \
            note.slot(rng.choice(["DR_SIG", "NURSE", "DR"])) + phi.p(" " + rng.choice(["", time_text(rng), ""]) + "\n")
    return pieces
