// What a value of a structured record holds, by the names around it: the JSON and XML readers
// (json-fields.h, xml-fields.h) share FHIR's elements and the keys that head a table's column.
#pragma once

#include "pipeline/span.h"

#include <cstddef>
#include <string>

namespace mab {

struct field_kind {
    const char * type    = nullptr; // nullptr: nothing to hide
    const char * subtype = nullptr;
    name_part    part    = NAME_PART_ANY;
};

// The span (BYTE offsets, source rule) of a field's value text[b, e) of kind k, found by `origin`
// ("json", "xml"): the field's place says what it is, over the model's guess at the words.
span field_span(size_t b, size_t e, const field_kind & k, const char * origin);

// Where a FHIR element's value is: its own name and its parent's, in lower case ("family", "name"),
// the innermost resource around it as written ("Patient"), whether the value is that resource's own
// element, and whether a clinician's element is above it.
struct fhir_place {
    std::string own, parent;
    std::string resource;
    bool        own_member = false;
    bool        clinician  = false;
};

// Whether a name (lower case) is an element or key under which a Reference names a clinician
// ("generalpractitioner", "performer", "author").
bool is_clinician_key(const std::string & name);

// "1948-07-30", "1948-07", "2026-03-01T10:40:00.000-05:00": FHIR's date, dateTime and instant (a
// year alone is none: no PHI).
bool is_iso_date(const char * s, size_t n);

// What a ContactPoint's value is, by its form: an e-mail address, a URL or a phone number.
field_kind telecom_kind(const char * s, size_t n);

// A record's value s[0, n) that gives a person's sex, under a key or element that says so ("gender",
// "sex", CDA's "administrativeGenderCode"; `key` in lower case): "female", "F", "male", "M" in any case.
// SEX_UNKNOWN for any other key or value ("unknown", "other", "UN").
person_sex sex_field(const std::string & key, const char * s, size_t n);

// What a FHIR element's value text s[0, n) is: a HumanName's "family", "given" and "text"; an
// Address's parts; a ContactPoint's and an Identifier's "value"; a Reference's "display" under a
// key that names who or where; a resource's own "id"; an Organization's or a Location's "name".
field_kind fhir_field_kind(const fhir_place & at, const char * s, size_t n);

// Where a Reference's value ("Patient/7731") names an id outside the record: the id's offset in
// s[0, n), or n for none ("#contained", "urn:uuid:…").
size_t fhir_reference_id(const char * s, size_t n);

// What a plain record's value s[0, n) is, by its key read as a table's header ("dob", "firstName",
// "postal_code"); `number` for a value written as a number; `person` the subtype of a name there
// (PATIENT, DOCTOR) unless the key names a clinician ("attending"). Nothing for a value that says
// there is none ("N/A"), a name that is a number or a clinical term, a place in lower case ("state":
// "active"), a date written neither with '-' or '/' nor in words ("14 March 1961") but YYYYMMDD as a
// number, and an ID under 3 characters.
field_kind keyed_field_kind(const std::string & key, const char * s, size_t n, bool number, const char * person);

} // namespace mab
