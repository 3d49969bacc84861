// Rule recognizers: small hand-written scanners over the UTF-8 bytes (no std::regex: it throws, and
// core builds without exceptions), tuned for recall. Each family can be switched off.
//
//   phone    (555) 123-4567, 555-123-4567, 555.123.4567, +1 555 123 4567, 1-800-555-1234, +44 20 7946 0958,
//            with "ext. 12" / "x12"; 555-1234 and 5551234567 only after a context word (phone, tel,
//            call, cell, pager, beeper, fax); pager numbers of 4-10 digits after pager/beeper/pgr.
//            Subtype FAX when "fax" precedes it, else PHONE. Said digit by digit ("five five five, one two
//            three four"): 7 or 10 digits, or 11 from a leading 1 (scan_spoken_digits). Glued to its
//            label too ("Tel617-555-0134").
//   email    local@domain.tld; said or obfuscated: "kob1958 at hotmail dot com", "a (at) b [dot] org"
//   url      http(s)://..., ftp://..., www...., bare host names ending in a common TLD; a social
//            media handle (@jess_t88, @paddyob on Instagram) as a NAME/USERNAME
//   ip       IPv4 dotted quads (each part <= 255), IPv6 with "::" or at least 5 groups
//   ssn      123-45-6789, 123 45 6789; 9 bare digits after SSN / social security
//   id       after a context word (and fillers: number, #, card ( ...): MRN, medical record, chart,
//            account, acct, member, policy, insurance, health plan, license, DEA, NPI, ID, patient id,
//            accession, specimen, case, a token with >= 2 digits, or groups that spaces separate
//            ("Health card 4488 123 456 XK", "plate ABC 1234"); any token of >= 7 digits, or of >= 5
//            digits mixed with letters (score 0.6); said digit by digit with 8, 9 or 11 digits
//   date     the layouts of dates.h; month/day only after on, since, from, until, through, dated,
//            date, DOB, admitted, discharged, seen; holidays (Thanksgiving, Easter Sunday 2022); a range
//            of days in one month (Sept. 14-18, 2019)
//   zip      12345 or 12345-6789 after a US state (name or code) or the word zip / postal; UK and
//            Canadian postcodes in capitals (SW1A 1AA, K1A 0B1)
//   age      an age with a unit or after an age word (92 yo, 92-year-old, aged 92, age: 92); an age of
//            90 or more without one after a person and be/turn, after turned / lived to be, or
//            "at 94 she"
//   name     the patient introduced as "<up to 3 capitalised words> is a [3 lower-case words] 45-year-old"
//            (Jose is a 64-year-old male; Ms. Brittany Edwards is a pleasant 32-year-old), subtype
//            PATIENT; not a pronoun or generic noun (This, She, Patient, Baby); a relative's name
//            (Brother Jack); a nickname (goes by "Buddy", prefers to be called Bud)
//   repeat   every other mention of a lower-case name the model found with a score >= 0.7, or
//            the address rule found (spoken-names.h), subtype copied
//   address  a word the model's vocabulary lacks in lower case where people say names: after a
//            greeting or a title, in a dictated introduction (spoken-names.h)
//   street   a house number, 1-3 capitalised words and a street word (12 Oak Street), taking in the
//            model's spans over it (tagger.cpp)
//   room     the number after room / rm (Room 412, rm. 3104A, room #12), and a bed or bay after it
//            (Room 412, Bed B) or alone where its number or unit says so (4 West bed 17B, ED bay 7),
//            an operating room (taken to OR 7); not a count (the emergency room 3 times)
//   table    a pasted table's cells, typed by their column's header (table-columns.h), and the
//            fields of HL7 v2 segments that hold PHI (hl7-fields.h)
#pragma once

#include "pipeline/span.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mab {

enum rule_family : uint32_t {
    RULE_PHONE = 1u << 0,
    RULE_EMAIL = 1u << 1,
    RULE_URL   = 1u << 2,
    RULE_IP    = 1u << 3,
    RULE_SSN   = 1u << 4,
    RULE_ID    = 1u << 5,
    RULE_DATE  = 1u << 6,
    RULE_ZIP   = 1u << 7,
    RULE_AGE   = 1u << 8,
    RULE_NAME  = 1u << 9,
    // spoken-names.h, not in run_rules: they need the model's vocabulary and spans.
    RULE_REPEAT  = 1u << 10,
    RULE_ADDRESS = 1u << 11,
    RULE_STREET  = 1u << 12,
    RULE_ORGANIZATION = 1u << 13,
    RULE_CITY    = 1u << 14,
    RULE_PROFESSION = 1u << 15,
    RULE_ROOM    = 1u << 16,
    RULE_TABLE   = 1u << 17, // table-columns.h, hl7-fields.h, json-fields.h, xml-fields.h
    RULE_ALL     = (1u << 18) - 1,
};

// The families' names in the order of their bits ("phone" is RULE_PHONE, ...), nullptr-terminated.
extern const char * const RULE_FAMILY_NAMES[];

// A name of RULE_FAMILY_NAMES -> its bit; 0 when unknown.
uint32_t rule_family_from_name(const char * name, size_t len);

// The words that end a street's name, lower case ("street", "st", "avenue", ...; not "dr", which
// is a doctor as often): the street rule ends at one, and street surrogates keep them.
extern const char * const STREET_WORDS[];

// Whether the model DATE text[b, e) (byte offsets), with the digits, '+', '-' and '/' around it, is a
// reading on a clinical scale rather than a date: N/D or N-M/D on a scale of 4, 5, 6 or 10 (pulses, strength, murmur grade, pain), each
// reading at most D, with a scale word (pain, rates, scale, score, grade, strength, motor, pulses,
// reflexes, murmur, ...) within 40 bytes before or 20 after, and, unless it is a range (N-M/D), no
// date context word (on, since, seen, ...) just before it. "Pain 7/10", "grade 2/6 systolic
// murmur", "strength 5/5", "pain to 2-3/10". A named score (score, MMSE, MoCA, Tinetti, ...)
// within 40 bytes before allows any top: "MoCA 24/30", "gait score of 6-8/12". A reading whose
// predecessor within 30 bytes is a reading on the same scale is one too ("weakness, 4/5 on the
// right and 3/5 on the left").
bool is_clinical_scale(const char * text, size_t len, size_t b, size_t e);

// Widens text[*b, *e) (byte offsets) over the digits around it that a character of `joiners` joins
// to it: "8" of "8-10 years" with "-/" becomes "8-10"; a joiner not between two digits stays out.
void widen_to_joined_digits(const char * text, size_t len, const char * joiners, size_t * b, size_t * e);

// Whether the model DATE text[b, e) (byte offsets), with the digits, '-' and '/' around it, is a
// quantity rather than a date: a number or range followed by a unit of time or amount ("6-9 months",
// "8-10 years", "2000 mg"), or a slash reading with a three-digit number ("130-140/70-80").
bool is_clinical_quantity(const char * text, size_t len, size_t b, size_t e);

// Whether the model AGE text[b, e) (byte offsets), a number, is followed by a unit of amount: a dose
// ("doxycycline , 100 milligrams", "5040 cGy"), not an age.
bool is_amount(const char * text, size_t len, size_t b, size_t e);

// Whether the model DATE text[b, e) (byte offsets) is an ordinal that counts something clinical
// rather than a day: "4th" or "3rd and 4th" before finger(s), toe(s), rib, metatarsal, intercostal,
// vertebra, ventricle, cranial nerve, degree, trimester, percentile, cousin, ... ("the 3rd and 4th
// fingers", "5th metatarsal", "2nd degree burn"), or after such a noun earlier in the same sentence
// (within 40 bytes) with no date context word just before ("the 4th and 5th fingers in the left hand
// and 3rd and 4th on the right").
bool is_clinical_ordinal(const char * text, size_t len, size_t b, size_t e);

// Whether the model LOCATION text[b, e) (byte offsets) names no place: only demonyms ("African-American
// male", "the American Heart Association"), or a place's name that a disease is named after
// ("Huntington disease", "Morton neuroma").
bool is_place_word_of_another_kind(const char * text, size_t len, size_t b, size_t e);

// Whether text[b, e) (byte offsets; a hyphen at its end allowed) is one common word that begins a
// compound with a lower-case word: "Spring-loaded", "Reading-based", the model's town (not
// "Boston-based", nor "Smith-Jones").
bool is_common_word_of_a_compound(const char * text, size_t len, size_t b, size_t e);

// Whether the model LOCATION text[b, e) (byte offsets) only says a kind of care, not which site
// gives it ("Skilled Nursing", "Home Care", "Adult Day Health"): words of the endings of
// care_site_tail_end and of kinds of care.
bool is_only_kinds_of_care(const char * text, size_t len, size_t b, size_t e);

// Whether text[b, e) (byte offsets) holds words and each is a demonym ("African-American", "Hispanic"):
// no place, and no person's name either.
bool is_only_demonyms(const char * text, size_t len, size_t b, size_t e);

// Whether the model AGE or DATE text[b, e) (byte offsets) is a number joined by a hyphen to the word
// before it, which names a thing rather than an age or a date: "COVID-19", "SARS-CoV-2", "IL-6",
// "chem-12"; a month's name before it makes a date ("Jan-19").
bool is_number_in_a_name(const char * text, size_t len, size_t b, size_t e);

// Whether text[b, e) (byte offsets) ends in a digit that a thousands group continues: "100 , 1" of
// "100 , 1,000 milligrams" is a part of a number, no date or age.
bool is_cut_number(const char * text, size_t len, size_t b, size_t e);

// Whether text[b, e) (byte offsets) is an obstetric history, gravida then para ("G3P1011",
// "G2P1-0-1-1", "g1p0"): no identifier, though the id rule's shape fits it.
bool is_obstetric_history(const char * text, size_t len, size_t b, size_t e);

// Whether a model PROFESSION at byte b follows what says it is a person's job: "I'm a", "I am an",
// "I've been a", "I have been a", "used to be a", "who is a" (`i'm a paralegal`, `I've been a feed
// salesman`). Such an entity may score under the type's floor (tagger.cpp).
bool is_said_to_be_ones_job(const char * text, size_t len, size_t b);

// Whether the model PROFESSION text[b, e) (byte offsets) ends in a word that can name what a person
// does, less the words an occupation may be followed by ("counselor too"): one with the ending of a
// person's role (-er, -or, -ist, -ian, -ant, -ent, -man, -ee, -ess, -ic, -ive, -al, -ing: "teacher",
// "mechanic", "paralegal", "nursing"), a listed occupation or field ("nurse", "chef", "sales"), or an
// abbreviation in capitals ("RN"); not an -al or -ive word tagged alone before its noun
// ("paracentral disc", "convulsive activity"). The default model also tags things ("coughing up a
// storm", "chew tobacco", "Happy as a clam", "a day old"), and those go (tagger.cpp).
bool has_a_job_head(const char * text, size_t len, size_t b, size_t e);

// Whether a comma and a US state, its code or its capitalised name, follow byte e: what ends there is
// a place whatever its words ("Normal, Missouri", "Enterprise, AL").
bool is_before_a_state(const char * text, size_t len, size_t e);

// Whether the model PHONE or FAX text[b, e) (byte offsets), with the digits that '-', '.' or a space
// join to it, has fewer than 7 digits and no phone or pager word (call, phone, pager, beeper, page,
// ext, ...) within 20 bytes before it: a reading ("it was 116 on the dot", "averaged 135-145") or a
// part of a number ("1,792 grams") is no one's number, while "Call 38572 with questions" and "Page
// 9585" are. An extension marker in it ("x1234") keeps it.
bool is_too_short_for_a_phone(const char * text, size_t len, size_t b, size_t e);

// Whether the model DATE text[b, e) (byte offsets), with the digits that '/', '-' or '.' join to
// it, is a mixed number ("1-1/2 packs", "a 2-1/2-year-old", the "1" of it): a whole, '-', and a
// proper fraction with a denominator of at most 16. No date is written so.
bool is_mixed_number(const char * text, size_t len, size_t b, size_t e);

// Whether a model DATE text[b, e) (bytes) is a count out of a total, a fraction with no year whose
// top is not above its bottom (at most 31), with a counting word before or after it: "Recall 1/3",
// "Day 3/7 of antibiotics", "attended 4/6 sessions", "nodes 3/12 positive", "Moves 3/4 extremities".
// dateshift would rewrite such a count as a date.
bool is_count_of_total(const char * text, size_t len, size_t b, size_t e);

// Whether the model NAME or LOCATION text[b, e) (byte offsets) is the word room, rm or bed before its
// number ("Room 412, Bed B", "rm 3104A"): the room rule takes the number, and the word is no place.
bool is_room_word_before_its_number(const char * text, size_t len, size_t b, size_t e);

// Whether the model NAME or LOCATION text[b, e) (bytes) is a role before a person's name, which the
// name rule takes ("Officer" of "Officer M. Delacroix", "Chaplain" of "Chaplain Thomas Beck"): no
// person nor place itself, whose surrogate would read "Plymouth R. Martin".
bool is_role_word_before_a_name(const char * text, size_t len, size_t b, size_t e);

// The end of the ending of a care site's name at byte i, each word capitalised ("Senior Living",
// "Nursing and Rehabilitation Center", "Hospice", "Manor"); i when none starts there.
size_t care_site_tail_end(const char * text, size_t len, size_t i);

// Whether the model's person or place text[b, e) (bytes) names a care site: the end of the site's
// name when a care site's ending follows it ("Seasons" of "Seasons Hospice", "Brookdale" of
// "Brookdale Senior Living") or ends it ("Golden Oaks Manor"), else 0. A person (person = true)
// after a title is none ("Mr. John Manor").
size_t care_site_name_end(const char * text, size_t len, size_t b, size_t e, bool person);

// The end of "of <Town>" after the model's place that ends at byte e, or with the "of" in the place
// ("Sunrise of" + "Wellesley", "University" + "of Michigan"): the town's words as
// scan_facility_of_a_town reads them; 0 when none follows.
size_t place_of_a_town_end(const char * text, size_t len, size_t e);

// The start of the capitalised words the model's hospital or organization text[b, e) (bytes) left
// before it, one space apart: "Fairfax" of "(Fairfax County Fire & Rescue", "Pacific" of "Pacific
// Crest Neuroscience Institute", "ABCD General" of "ABCD General Hospital"; up to three, none that
// begins a line, sentence or field, is a common word, clinical term, title, month or weekday, or is
// in capitals and longer than an initialism or before a place in capitals. b when none.
size_t place_name_start(const char * text, size_t len, size_t b, size_t e);

// The end of the surname after the model's one-word name text[b, e) (bytes), which the model left:
// "Marisol" of "From: Marisol Etxeberria" -> the end of "Etxeberria". The next word, one space on, is
// capitalised, then in lower case, and is no common word, clinical term, title, weekday, month, word
// of a care site or of a place ("Cross Country", "Essex County") or of a letter's or message's lines
// ("Copy to", "Login from"), no label before a colon, and, at 7 letters or more, has no ending of an
// English adjective, adverb or noun ("Additionally", "Genitourinary", "Residence"); e when there is
// none, or the name is not one capitalised word.
size_t name_surname_end(const char * text, size_t len, size_t b, size_t e);

// Whether text[0, n) is a surname's lower-case particle ("de", "van", "della", "bin"), in any case.
bool is_name_particle(const char * text, size_t n);

// Whether the model NAME text[b, e) (bytes) is a month's name alone after a word of time ("in
// Sept.", "since January", "last Oct"): a date. Not after "by" or "from", where a person named April
// or June may be ("seen by June").
bool is_month_after_a_word_of_time(const char * text, size_t len, size_t b, size_t e);

// Whether the model entity text[b, e) (bytes) lies in a pedigree's position, a generation's Roman
// numeral and a number ("II-2", "III-1" of "Proband (II-2)"): no date, age or identifier.
bool is_pedigree_position(const char * text, size_t len, size_t b, size_t e);

// Whether the model DATE text[b, e) (bytes) is "may" after a subject and before a word: the verb
// ("To Whom It May Concern", "symptoms May worsen"), no month.
bool is_may_the_verb(const char * text, size_t len, size_t b, size_t e);

// Whether the model DATE text[b, e) (bytes) is one word before a colon that names no date: a form's
// label ("Decedent: Harold Whitcomb"; not "December:", "Monday:", "Christmas:", "Spring:").
bool is_label_of_no_date(const char * text, size_t len, size_t b, size_t e);

// Whether the model DATE text[b, e) (bytes) is the minutes of a clock time ("52" of "departed
// 14:52 on 11/26"): no date.
bool is_minutes_of_a_time(const char * text, size_t len, size_t b, size_t e);

// Whether the model entity text[b, e) (bytes) is a sex after its label ("Sex: M", "Gender: Female"):
// no person's initial, place or anything else a note must hide.
bool is_sex_after_its_label(const char * text, size_t len, size_t b, size_t e);

// The end of the year after the model's place text[b, e) (bytes) when it is a season's name alone
// ("Spring" of "Spring 2025", "fall of 2019", "Winter '24"): the season of a year is a date, which
// dateshift moves, and no town; 0 when no year follows.
size_t season_year_end(const char * text, size_t len, size_t b, size_t e);

// Appends the spans found in text[0, len); their begin/end are BYTE offsets.
void run_rules(const char * text, size_t len, uint32_t families, bool day_first, std::vector<span> * out);

struct text_index;

// Appends, for each city of *spans (code points; LOCATION CITY, capitalised, of the city rule's
// lists), a span for each other mention of it with the same letters and outside every span: "at
// home in Leominster" makes "the Leominster Road Runners" a place too. Type LOCATION CITY, source
// rule, origin "city".
void find_repeated_cities(const char * text, size_t len, const text_index & index, std::vector<span> * spans);

// Whether a span is a value that a structure's reader found by its place: a table's cell, an HL7
// field, a JSON or an XML value (the RULE_TABLE family).
bool is_structure_field(const span & s);

// Appends, for each word of a name that a record's structure gave (*spans' NAME spans of the table,
// HL7, JSON and XML readers: "Beaulieu" of a CDA header's <family>), a span for each other mention
// of it, capitalised or in capitals and outside every span, the words of a name one space apart as
// one: the default model left "Lee Zoë" of a FHIR resource's narrative, whose <name> held them.
// Words of two letters or more with a capital, not common words or clinical terms, nor before a
// disease's noun, nor at a sentence's start when the text writes the word in lower case too ("Will
// call, he will"). Type NAME with the record's subtype, source rule, origin "record".
void find_record_names_again(const char * text, size_t len, const text_index & index, std::vector<span> * spans);

} // namespace mab
