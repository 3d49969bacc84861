// A found entity: a half-open range of code points of the text, its type, and why it was flagged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace mab {

enum span_source {
    SOURCE_MODEL,     // the token classifier; `origin` is the label ("B-PATIENT") or group tag ("PATIENT")
    SOURCE_RULE,      // a recognizer of rules.cpp; `origin` is the rule name ("phone", "date", ...)
    SOURCE_DENY_LIST, // an entry of the deny list; `origin` is the entry as written
};

// Which part of a person's name a record's field holds ("given", "family", a "Last name" column):
// the surrogates of de-identification take a given name for a given name, a surname for a surname.
enum name_part { NAME_PART_ANY, NAME_PART_GIVEN, NAME_PART_FAMILY };

// A person's sex as a record gives it (FHIR's "gender", CDA's administrativeGenderCode, HL7's PID-8):
// a given name's surrogate is a woman's or a man's name as the person's is.
enum person_sex { SEX_UNKNOWN, SEX_MALE, SEX_FEMALE };

struct span {
    int32_t     begin  = 0; // code points
    int32_t     end    = 0;
    float       score  = 0.0f;
    span_source source = SOURCE_MODEL;
    std::string type;    // NAME, DATE, AGE, LOCATION, CONTACT, ID, PROFESSION, ...
    std::string subtype; // PATIENT, HOSPITAL, PHONE, MEDICALRECORD, ... (the type when nothing finer is known)
    std::string origin;
    name_part   part = NAME_PART_ANY;   // of a NAME read from a record's field
    person_sex  sex  = SEX_UNKNOWN;     // of a NAME read from a record that says it
};

// A recognizer's span (SOURCE_RULE) over [begin, end), in the unit its caller counts in.
inline span rule_span(size_t begin, size_t end, float score, const char * type, const char * subtype, const char * rule) {
    span s;
    s.begin   = (int32_t) begin;
    s.end     = (int32_t) end;
    s.score   = score;
    s.source  = SOURCE_RULE;
    s.type    = type;
    s.subtype = subtype;
    s.origin  = rule;
    return s;
}

const char * span_source_name(span_source s);

} // namespace mab
