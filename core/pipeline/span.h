// A found entity: a half-open range of code points of the text, its type, and why it was flagged.
#pragma once

#include <cstdint>
#include <string>

namespace mab {

enum span_source {
    SOURCE_MODEL,     // the token classifier; `origin` is the label ("B-PATIENT") or group tag ("PATIENT")
    SOURCE_RULE,      // a recognizer of rules.cpp; `origin` is the rule name ("phone", "date", ...)
    SOURCE_DENY_LIST, // an entry of the deny list; `origin` is the entry as written
};

struct span {
    int32_t     begin  = 0; // code points
    int32_t     end    = 0;
    float       score  = 0.0f;
    span_source source = SOURCE_MODEL;
    std::string type;    // NAME, DATE, AGE, LOCATION, CONTACT, ID, PROFESSION, ...
    std::string subtype; // PATIENT, HOSPITAL, PHONE, MEDICALRECORD, ... (the type when nothing finer is known)
    std::string origin;
};

const char * span_source_name(span_source s);

} // namespace mab
