// JSON records pasted into the tagger: FHIR resources ({"resourceType": "Patient", "name": [{"family":
// "Abernathy", "given": ["Cordelia"]}], ...}) and plain exports ({"patient_name": ..., "dob": ...}).
// The model, trained on notes, reads them as a run of words: of a FHIR Patient the default model left
// the given names, the city, the ZIP code and the whole next of kin. A value's key, and the keys
// around it, say what it holds.
#pragma once

#include "pipeline/span.h"

#include <cstddef>
#include <vector>

namespace mab {

// Whether text[b, e) (bytes), which the model took for an entity, is a JSON object's key: the whole
// string between double quotes, followed by a colon ("family" of `"family": "Abernathy"`).
bool is_json_key(const char * text, size_t len, size_t b, size_t e);

// Appends a span (BYTE offsets, source rule, origin "json", score 0.99) for each JSON value that
// holds PHI, in each JSON object of text[0, len) (a '{' then a string key and a colon; it ends where
// its braces close, at the text's end, or at the first byte that is no JSON, keeping what came
// before). A value is read by its key and the keys around it:
//   - any string that is an ISO date, with or without its time ("1948-07-30", "2026-03-01T10:40:00Z"):
//     DATE; a year alone is none;
//   - FHIR: a HumanName's "family", "given" and "text"; an Address's "line", "text", "city",
//     "district", "state", "postalCode" and "country"; a ContactPoint's "value" (by its form: an
//     e-mail address, a URL or a phone number); an Identifier's "value"; a Reference's "display"
//     under a key that names who or where (generalPractitioner, performer, subject: a person;
//     managingOrganization, serviceProvider, location: a HOSPITAL; organization, employer: an
//     ORGANIZATION) and the id of its "reference" ("Patient/7731"); a resource's own "id"; the "name"
//     of an Organization or a Location. A name is a DOCTOR's in a Practitioner or under a clinician's
//     key, else a PATIENT's;
//   - outside FHIR resources, a key that heads a table's column (column_header_type: "dob",
//     "firstName", "postal_code"), with string and number values; a name that is a clinical term, a
//     place in lower case and values that say there is none ("N/A") are left.
void scan_json_fields(const char * text, size_t len, std::vector<span> * out);

} // namespace mab
