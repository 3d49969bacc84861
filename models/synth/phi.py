"""PHI value generators for the synthetic notes.

Every generator takes a random.Random and returns a list of pieces (text, subtype-or-None): a
piece with a subtype is one entity, a piece with None is surrounding text that belongs to no
entity (titles such as "Dr.", credentials such as ", MD", words such as "ext."). The note renderer
concatenates the pieces, so character offsets come out exact by construction.

Formats follow what clinical notes actually contain (i2b2-2014 annotation guidelines): titles and
credentials are not part of a name, "45-year-old" tags only "45", an address is split into STREET,
CITY, STATE, ZIP, a pager number is a PHONE.
"""

import os
import string

LISTS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lists")


def _load(name):
    with open(os.path.join(LISTS_DIR, name), encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


FIRST_NAMES = _load("first_names.txt") + _load("extra_first_names.txt")
LAST_NAMES = _load("last_names.txt") + _load("extra_last_names.txt")
EN_FIRST_NAMES = _load("en_first_names.txt")
EN_LAST_NAMES = _load("en_last_names.txt")
US_CITIES = _load("us_cities.txt")
WORLD_CITIES = _load("world_cities.txt")
US_STATES = _load("us_states.txt")
US_STATE_ABBR = _load("us_state_abbr.txt")
STREET_SUFFIXES = _load("street_suffixes.txt")
COUNTRIES = _load("countries.txt")
EMAIL_DOMAINS = _load("free_email_domains.txt") + _load("extra_email_domains.txt")
PROFESSIONS = _load("professions.txt")
# Train notes only (see the file's header): the held-out notes keep to PROFESSIONS.
EXTRA_PROFESSIONS = _load("extra_professions.txt")
DEPARTMENTS = _load("departments.txt")
INDUSTRY_WORDS = _load("industry_words.txt")
DRUGS = _load("drugs.txt")
# Words for the people who treat the patient. i2b2's PROFESSION is the patient's or a relative's
# occupation, so a care-team role ("her pharmacist advised", "Covering registrar Dr. Roe") is not
# PHI, though some of these are also occupations ("works as a pharmacist"): the context tells.
CARE_ROLES = ["nurse", "registered nurse", "charge nurse", "nurse practitioner", "attending", "registrar",
              "resident", "intern", "fellow", "hospitalist", "physician", "surgeon", "pharmacist", "therapist",
              "physical therapist", "counselor", "psychologist", "social worker", "case manager", "dietitian",
              "physiotherapist", "chaplain", "specialist", "cardiologist", "oncologist", "neurologist",
              "psychiatrist", "GP", "midwife", "anesthetist", "dentist", "paramedic", "EMT", "medical student",
              "care coordinator", "home health aide", "medical assistant", "lab technician",
              "radiology technician", "dental hygienist", "CNA", "consultant", "consultant physician",
              "consultant surgeon", "house officer", "junior doctor", "chief resident", "locum", "anaesthetist",
              "occupational therapist", "speech therapist", "respiratory therapist", "district nurse",
              "health visitor", "podiatrist"]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MONTHS_ABBR = [m[:3] for m in MONTHS]


def p(text, label=None):
    return [(text, label)]


def digits(rng, n):
    return "".join(rng.choice(string.digits) for _ in range(n))


def letters(rng, n):
    return "".join(rng.choice(string.ascii_uppercase) for _ in range(n))


def recase(rng, text, upper_p=0.06, lower_p=0.04):
    r = rng.random()
    if r < upper_p:
        return text.upper()
    if r < upper_p + lower_p:
        return text.lower()
    return text


# ---------------------------------------------------------------- people

class Person:
    """One person of a note, so that the same name recurs in different forms."""

    def __init__(self, rng, sex=None):
        self.sex = sex or rng.choice("FM")
        english = rng.random() < 0.5
        self.first = rng.choice(EN_FIRST_NAMES if english else FIRST_NAMES)
        self.middle = rng.choice(EN_FIRST_NAMES if english else FIRST_NAMES) if rng.random() < 0.35 else None
        last = rng.choice(EN_LAST_NAMES if english else LAST_NAMES)
        r = rng.random()
        if r < 0.08:
            last = last + "-" + rng.choice(LAST_NAMES)           # hyphenated family name
        elif r < 0.12:
            last = rng.choice(["O'", "Mc", "Mac", "D'", "Fitz"]) + last.capitalize()
        self.last = last
        self.suffix = rng.choice(["Jr.", "Sr.", "II", "III", "IV"]) if rng.random() < 0.03 else None

    def title(self, rng):
        if self.sex == "F":
            return rng.choice(["Mrs.", "Ms.", "Ms", "Mrs", "Miss"])
        return rng.choice(["Mr.", "Mr"])

    def name_forms(self, rng):
        """The string of one mention (without title)."""
        f, l, m = self.first, self.last, self.middle
        forms = [f + " " + l, f + " " + l, f + " " + l, l + ", " + f, f[0] + ". " + l, l, f,
                 f + " " + (m[0] + ". " if m else "") + l, f + " " + (m + " " if m else "") + l,
                 f[0] + "." + (m[0] + "." if m else "") + " " + l, l + ", " + f[0] + ".",
                 l.upper() + ", " + f.upper(), f[0] + l[0] + (l[1] if len(l) > 1 else "")]
        s = rng.choice(forms)
        if self.suffix and " " in s and "," not in s and rng.random() < 0.7:
            s += " " + self.suffix
        return recase(rng, s)


def person_mention(rng, person, label, full_only=False):
    """A name with an optional title in front; the title is not part of the entity."""
    if full_only:
        s = recase(rng, person.first + " " + person.last)
        return p(s, label)
    r = rng.random()
    if r < 0.25:
        return p(person.title(rng) + " ") + p(recase(rng, person.last), label)
    return p(person.name_forms(rng), label)


def doctor_mention(rng, person, label="DOCTOR"):
    r = rng.random()
    f, l = person.first, person.last
    if r < 0.35:
        t = rng.choice(["Dr. ", "Dr ", "Dr. ", "Doctor ", "DR. "])
        name = rng.choice([l, l, f + " " + l, f[0] + ". " + l, f + " " + l])
        return p(t) + p(recase(rng, name), label)
    if r < 0.6:
        name = rng.choice([f + " " + l, f[0] + ". " + l, f + " " + (person.middle[0] + ". " if person.middle else "") + l])
        cred = rng.choice([", MD", ", M.D.", " MD", ", DO", ", PhD", ", NP", ", PA-C", ", RN", ", MD, PhD", ", FACS"])
        return p(recase(rng, name), label) + p(cred)
    if r < 0.7:
        return p(recase(rng, l + ", " + f), label)
    return p(recase(rng, rng.choice([f + " " + l, l, f[0] + ". " + l])), label)


def username(rng, person):
    f, l = person.first.lower(), person.last.lower().replace("'", "").replace("-", "").replace(" ", "")
    forms = [f[0] + l, l + f[0], f + "." + l, f[0] + l + digits(rng, rng.randint(1, 3)),
             l[:6] + f[:2], f[0] + l[0] + digits(rng, 4)]
    s = rng.choice(forms)
    return p(s.upper() if rng.random() < 0.15 else s, "USERNAME")


def initials(rng, person):
    s = person.first[0] + (person.middle[0] if person.middle else "") + person.last[0]
    return p(s if rng.random() < 0.6 else s.lower(), "DOCTOR")


# ---------------------------------------------------------------- dates, ages

def _ordinal(d):
    if 10 <= d % 100 <= 20:
        return str(d) + "th"
    return str(d) + {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")


def date_value(rng):
    y = rng.randint(1930, 2035) if rng.random() < 0.3 else rng.randint(2000, 2027)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28 if m == 2 else 30)
    return y, m, d


def date(rng, kind="any"):
    """A date in one of the common clinical formats; kind "full" excludes partial dates."""
    y, m, d = date_value(rng)
    full = [
        f"{m:02d}/{d:02d}/{y}", f"{m}/{d}/{y}", f"{m}/{d}/{y % 100:02d}", f"{m:02d}/{d:02d}/{y % 100:02d}",
        f"{y}-{m:02d}-{d:02d}", f"{y}/{m:02d}/{d:02d}", f"{d:02d}-{MONTHS_ABBR[m - 1]}-{y}",
        f"{d}-{MONTHS_ABBR[m - 1].upper()}-{y % 100:02d}", f"{MONTHS[m - 1]} {d}, {y}",
        f"{MONTHS_ABBR[m - 1]} {d}, {y}", f"{MONTHS_ABBR[m - 1]}. {d}, {y}", f"{MONTHS_ABBR[m - 1]} {d} {y}",
        f"{d} {MONTHS[m - 1]} {y}", f"{d} {MONTHS_ABBR[m - 1]} {y}", f"{d:02d}.{m:02d}.{y}",
        f"{m:02d}-{d:02d}-{y}", f"{m}-{d}-{y % 100:02d}", f"{MONTHS[m - 1]} {_ordinal(d)}, {y}",
        f"{y}{m:02d}{d:02d}", f"{MONTHS[m - 1].upper()} {d}, {y}", f"{d}/{m}/{y}",
    ]
    partial = [
        f"{MONTHS[m - 1]} {y}", f"{MONTHS_ABBR[m - 1]} {y}", f"{m}/{y}", f"{m:02d}/{y}", f"{m}/{d}",
        f"{m:02d}/{d:02d}", f"{MONTHS[m - 1]} {d}", f"{MONTHS_ABBR[m - 1]} {d}", f"{MONTHS[m - 1]} {_ordinal(d)}",
        f"{_ordinal(d)} of {MONTHS[m - 1]}", f"{y}", f"{y}", f"'{y % 100:02d}", f"{MONTHS[m - 1]}",
        f"{m}/{d}/{y}", f"{y}-{m:02d}",
    ]
    if kind == "full" or rng.random() < 0.62:
        return p(rng.choice(full), "DATE")
    return p(rng.choice(partial), "DATE")


def year(rng):
    return p(str(rng.randint(1950, 2026)), "DATE")


def month_year(rng):
    y, m, _ = date_value(rng)
    return p(rng.choice([f"{MONTHS[m - 1]} {y}", f"{MONTHS_ABBR[m - 1]} {y}", f"{m}/{y}", f"{m:02d}/{y}"]), "DATE")


def time_of_day(rng):
    h, mi = rng.randint(0, 23), rng.randint(0, 59)
    return rng.choice([f"{h:02d}:{mi:02d}", f"{h:02d}{mi:02d}", f"{(h % 12) or 12}:{mi:02d} {'AM' if h < 12 else 'PM'}",
                       f"{(h % 12) or 12}:{mi:02d}{'am' if h < 12 else 'pm'}"])


def date_time(rng):
    return date(rng, "full") + p(rng.choice([" ", " at ", " ", "  "]) + time_of_day(rng))


def age_number(rng):
    r = rng.random()
    if r < 0.15:
        return rng.randint(90, 104)
    if r < 0.22:
        return rng.randint(0, 17)
    return rng.randint(18, 89)


def age(rng, sex="F"):
    """An age phrase; only the number is the entity."""
    a = str(age_number(rng))
    sx = rng.choice(["female", "woman", "F", "lady"] if sex == "F" else ["male", "man", "M", "gentleman"])
    forms = [
        [(a, "AGE"), ("-year-old " + sx, None)], [(a, "AGE"), (" year old " + sx, None)],
        [(a, "AGE"), (" y/o " + sx, None)], [(a, "AGE"), ("yo " + sx, None)], [(a, "AGE"), (" yo " + sx, None)],
        [(a, "AGE"), ("-yo " + sx, None)], [(a, "AGE"), (" y.o. " + sx, None)], [(a, "AGE"), (sx[0] if len(sx) > 1 else sx, None)],
        [(a, "AGE"), (" " + sx[0], None)], [(a, "AGE"), ("-year-old " + sx, None)], [(a, "AGE"), (" YO " + sx.upper(), None)],
        [("aged ", None), (a, "AGE"), (" " + sx, None)], [(a, "AGE"), ("-yr-old " + sx, None)],
    ]
    return rng.choice(forms)


def age_bare(rng):
    return p(str(age_number(rng)), "AGE")


# ---------------------------------------------------------------- contact

def _area(rng):
    return str(rng.randint(2, 9)) + digits(rng, 2)


def phone_number(rng):
    a, b, c = _area(rng), str(rng.randint(2, 9)) + digits(rng, 2), digits(rng, 4)
    forms = [f"({a}) {b}-{c}", f"({a}){b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"{a} {b} {c}",
             f"{a}{b}{c}", f"+1 {a} {b} {c}", f"+1-{a}-{b}-{c}", f"1-{a}-{b}-{c}", f"{b}-{c}",
             f"+44 20 {digits(rng, 4)} {digits(rng, 4)}", f"+49 {digits(rng, 3)} {digits(rng, 7)}",
             f"({a}) {b} {c}"]
    s = rng.choice(forms)
    if rng.random() < 0.15:
        s += rng.choice([" x", " ext. ", " ext ", " x. ", " Ext. ", "x"]) + digits(rng, rng.randint(2, 5))
    return s


def phone(rng):
    return p(phone_number(rng), "PHONE")


def fax(rng):
    return p(phone_number(rng), "FAX")


def pager(rng):
    return p(rng.choice([digits(rng, 5), digits(rng, 4), "#" + digits(rng, 5), digits(rng, 1) + "-" + digits(rng, 4),
                         phone_number(rng), "(" + digits(rng, 3) + ") " + digits(rng, 4)]), "PHONE")


def email(rng, person=None, org_domain=None):
    if person is None:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    else:
        first, last = person.first, person.last
    f = "".join(ch for ch in first.lower() if ch.isascii() and ch.isalnum()) or "pt"
    l = "".join(ch for ch in last.lower() if ch.isascii() and ch.isalnum()) or "user"
    local = rng.choice([f + "." + l, f[0] + l, f + l + digits(rng, 2), l + "." + f[0], f + "_" + l, f + digits(rng, 3),
                        l + f[0] + digits(rng, 1)])
    domain = org_domain if org_domain and rng.random() < 0.6 else rng.choice(EMAIL_DOMAINS)
    s = local + "@" + domain
    return p(s.upper() if rng.random() < 0.05 else s, "EMAIL")


def url(rng, org_domain=None):
    dom = org_domain or (rng.choice(LAST_NAMES).lower().replace("'", "").replace(" ", "") +
                         rng.choice(["health", "clinic", "med", "care", "hospital", ""]) + rng.choice([".org", ".com", ".net", ".edu"]))
    path = rng.choice(["", "/", "/portal", "/patients", "/mychart/login", "/forms/intake.pdf", "/appointments?id=" + digits(rng, 6),
                       "/results/" + digits(rng, 8), "/en/contact-us"])
    s = rng.choice(["https://", "http://", "https://www.", "www.", ""]) + dom + path
    return p(s, "URL")


def ip_address(rng):
    if rng.random() < 0.1:
        s = ":".join("%x" % rng.randint(0, 65535) for _ in range(8))
    else:
        s = ".".join(str(rng.choice([rng.randint(1, 255), 10, 192, 172, 168])) for _ in range(4))
    return p(s, "IPADDR")


# ---------------------------------------------------------------- identifiers

def mrn(rng):
    return p(rng.choice([digits(rng, 7), digits(rng, 8), "00" + digits(rng, 6), digits(rng, 10), letters(rng, 1) + digits(rng, 7),
                         digits(rng, 3) + "-" + digits(rng, 2) + "-" + digits(rng, 2), letters(rng, 3) + digits(rng, 6),
                         digits(rng, 2) + "-" + digits(rng, 6), digits(rng, 9)]), "MEDICALRECORD")


def ssn(rng):
    a, b, c = str(rng.randint(100, 899)), digits(rng, 2), digits(rng, 4)
    return p(rng.choice([f"{a}-{b}-{c}", f"{a} {b} {c}", f"{a}{b}{c}", f"xxx-xx-{c}", f"XXX-XX-{c}", f"***-**-{c}"]), "SSN")


def account(rng):
    return p(rng.choice([digits(rng, 10), digits(rng, 12), "A" + digits(rng, 9), digits(rng, 4) + "-" + digits(rng, 6),
                         letters(rng, 2) + digits(rng, 8), digits(rng, 8)]), "ACCOUNT")


def license_number(rng):
    return p(rng.choice([letters(rng, 2) + digits(rng, 7), digits(rng, 10), letters(rng, 1) + digits(rng, 5),
                         letters(rng, 2) + "-" + digits(rng, 6), "MD" + digits(rng, 6), digits(rng, 6)]), "LICENSE")


def idnum(rng):
    return p(rng.choice([digits(rng, 6), digits(rng, 9), letters(rng, 3) + digits(rng, 9), letters(rng, 2) + "-" + digits(rng, 2) + "-" + digits(rng, 5),
                         letters(rng, 1) + digits(rng, 2) + "-" + digits(rng, 4), digits(rng, 4) + letters(rng, 2) + digits(rng, 3),
                         letters(rng, 3) + "-" + str(rng.randint(2000, 2026)) + "-" + digits(rng, 5), digits(rng, 12)]), "IDNUM")


# ---------------------------------------------------------------- places and organisations

def street(rng):
    num = str(rng.randint(1, 9999)) if rng.random() < 0.8 else str(rng.randint(1, 99999))
    name = rng.choice([rng.choice(LAST_NAMES), rng.choice(FIRST_NAMES), rng.choice(US_CITIES),
                       rng.choice(["Oak", "Maple", "Pine", "Cedar", "Elm", "Main", "Washington", "Lake", "Hill", "Park", "Church",
                                   "Highland", "Sunset", "River", "Mill", "Spring", "North", "School", "Meadow", "Forest"]),
                       _ordinal(rng.randint(1, 120))])
    suf = rng.choice(STREET_SUFFIXES + ["St", "St.", "Ave", "Ave.", "Rd", "Rd.", "Blvd", "Dr", "Ln", "Ct", "Street", "Road", "Avenue"])
    pre = rng.choice(["", "", "", "", "N ", "S. ", "East ", "W "])
    s = f"{num} {pre}{name} {suf}"
    if rng.random() < 0.2:
        s += rng.choice([", Apt ", " Apt. ", ", Unit ", " #", ", Suite ", ", Apt. "]) + rng.choice([digits(rng, 1), digits(rng, 3), digits(rng, 1) + letters(rng, 1)])
    if rng.random() < 0.05:
        s = "PO Box " + digits(rng, rng.randint(3, 5))
    return p(recase(rng, s, 0.08, 0.03), "STREET")


def city(rng):
    return p(recase(rng, rng.choice(US_CITIES) if rng.random() < 0.8 else rng.choice(WORLD_CITIES), 0.08, 0.03), "CITY")


def state(rng):
    return p(rng.choice(US_STATE_ABBR) if rng.random() < 0.55 else recase(rng, rng.choice(US_STATES), 0.08, 0.03), "STATE")


def zip_code(rng):
    return p(digits(rng, 5) if rng.random() < 0.8 else digits(rng, 5) + "-" + digits(rng, 4), "ZIP")


def country(rng):
    return p(recase(rng, rng.choice(COUNTRIES), 0.05, 0.03), "COUNTRY")


def address(rng, one_line=None):
    one_line = rng.random() < 0.6 if one_line is None else one_line
    sep = ", " if one_line else "\n"
    out = street(rng) + p(sep) + city(rng) + p(rng.choice([", ", " ", ", "])) + state(rng) + p(rng.choice([" ", "  ", " "])) + zip_code(rng)
    if rng.random() < 0.05:
        out += p(", ") + country(rng)
    return out


def city_state(rng):
    return city(rng) + p(rng.choice([", ", " "])) + state(rng)


class Hospital:
    """The care site of a note, reused for name mentions, domain names and e-mails."""

    def __init__(self, rng):
        c = rng.choice(US_CITIES)
        saint = rng.choice(FIRST_NAMES)
        last = rng.choice(LAST_NAMES)
        forms = [f"{c} General Hospital", f"St. {saint}'s Hospital", f"Saint {saint} Medical Center", f"{last} Memorial Hospital",
                 f"{c} Regional Medical Center", f"University of {rng.choice(US_STATES)} Medical Center", f"Mercy Hospital of {c}",
                 f"{c} Community Hospital", f"{last} Clinic", f"{c} Children's Hospital", f"{last}-{rng.choice(LAST_NAMES)} Health",
                 f"{c} Medical Center", f"Good Samaritan Hospital {c}", f"{last} Rehabilitation Center", f"{c} Family Health Center",
                 f"{last} Cancer Institute", f"{c} Veterans Affairs Medical Center", f"Sacred Heart Hospital", f"{c} Urgent Care",
                 f"{last} Nursing Home", f"{c} Hospice", f"Royal {c} Infirmary", f"{last} Heart Institute"]
        self.name = rng.choice(forms)
        words = [w for w in self.name.replace("-", " ").split() if w[0].isupper()]
        self.abbr = "".join(w[0] for w in words)[:5]
        self.domain = "".join(ch for ch in (c if rng.random() < 0.5 else last).lower() if ch.isascii() and ch.isalnum()) + \
            rng.choice(["health.org", "hospital.org", "med.org", "medical.com", "clinic.org", "hc.org"])

    def mention(self, rng):
        if len(self.abbr) >= 3 and rng.random() < 0.12:
            return p(self.abbr, "HOSPITAL")
        return p(recase(rng, self.name, 0.08, 0.03), "HOSPITAL")


def other_hospital(rng):
    return Hospital(rng).mention(rng)


def department(rng):
    return p(recase(rng, rng.choice(DEPARTMENTS), 0.06, 0.02), "DEPARTMENT")


def organization(rng):
    last = rng.choice(LAST_NAMES)
    forms = [f"{last} {rng.choice(INDUSTRY_WORDS)}", f"{last} & {rng.choice(LAST_NAMES)}", f"{last} {rng.choice(INDUSTRY_WORDS)} Inc.",
             f"{rng.choice(US_CITIES)} {rng.choice(INDUSTRY_WORDS)}", f"{last} {rng.choice(INDUSTRY_WORDS)} LLC",
             f"{rng.choice(US_CITIES)} Public Schools", f"{last} and Sons", f"{rng.choice(US_STATES)} Department of Transportation",
             f"{last} Group", f"{rng.choice(US_CITIES)} Fire Department", f"{last} {rng.choice(INDUSTRY_WORDS)} Corp."]
    return p(recase(rng, rng.choice(forms), 0.05, 0.03), "ORGANIZATION")


def profession(rng, professions):
    return p(recase(rng, rng.choice(professions), 0.04, 0.0), "PROFESSION")
