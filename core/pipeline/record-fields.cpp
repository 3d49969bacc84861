#include "pipeline/record-fields.h"

#include "pipeline/clinical-terms.h"
#include "pipeline/dates.h"
#include "pipeline/table-columns.h"

#include <cstring>

namespace mab {

namespace {

// Keys whose Reference names a clinician, a place or organization, or the patient.
const char * const k_clinician_keys[] = {"generalpractitioner", "practitioner", "performer", "requester", "author",
                                         "recorder", "asserter", "enterer", "individual", "attender", "referrer",
                                         "careprovider", "prescriber", "party", "verifier", nullptr};
const char * const k_organization_keys[] = {"organization", "employer", nullptr};
// The provider that keeps the record or gives the care.
const char * const k_hospital_keys[] = {"managingorganization", "custodian", "serviceprovider", "location", "facility",
                                        "hospital", nullptr};
const char * const k_patient_keys[] = {"subject", "patient", "beneficiary", "subscriber", "policyholder", nullptr};

bool in(const char * const * list, const std::string & s) {
    for (; *list; list++) {
        if (s == *list) return true;
    }
    return false;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool digits(const char * s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i])) return false;
    }
    return true;
}

bool has_letter(const char * s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') return true;
        if ((unsigned char) s[i] >= 0x80) return true;
    }
    return false;
}

} // namespace

bool is_clinician_key(const std::string & name) { return in(k_clinician_keys, name); }

bool is_iso_date(const char * s, size_t n) {
    if (n < 7 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2)) return false;
    const int month = (s[5] - '0') * 10 + (s[6] - '0');
    if (month < 1 || month > 12) return false;
    if (n == 7) return true;
    if (n < 10 || s[7] != '-' || !digits(s + 8, 2)) return false;
    const int day = (s[8] - '0') * 10 + (s[9] - '0');
    if (day < 1 || day > 31) return false;
    if (n == 10) return true;
    if ((s[10] != 'T' && s[10] != ' ') || n < 16 || !digits(s + 11, 2) || s[13] != ':' || !digits(s + 14, 2)) return false;
    for (size_t i = 16; i < n; i++) {
        if (!is_digit(s[i]) && !strchr(":.+-Z", s[i])) return false;
    }
    return true;
}

span field_span(size_t b, size_t e, const field_kind & k, const char * origin) {
    span s = rule_span(b, e, 0.99f, k.type, k.subtype, origin);
    s.part = k.part;
    return s;
}

person_sex sex_field(const std::string & key, const char * s, size_t n) {
    if (key != "gender" && key != "sex" && key != "administrativegendercode") return SEX_UNKNOWN;
    std::string v(s, n);
    for (char & c : v) c = (char) (c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (v == "female" || v == "f") return SEX_FEMALE;
    if (v == "male" || v == "m") return SEX_MALE;
    return SEX_UNKNOWN;
}

field_kind telecom_kind(const char * s, size_t n) {
    if (memchr(s, '@', n)) return {"CONTACT", "EMAIL"};
    if ((n > 4 && !strncmp(s, "http", 4)) || (n > 4 && !strncmp(s, "www.", 4))) return {"CONTACT", "URL"};
    size_t nd = 0;
    for (size_t i = 0; i < n; i++) nd += is_digit(s[i]);
    return nd >= 7 ? field_kind{"CONTACT", "PHONE"} : field_kind{};
}

field_kind fhir_field_kind(const fhir_place & at, const char * s, size_t n) {
    const std::string & own = at.own, & parent = at.parent;
    const char * person = at.clinician || at.resource == "Practitioner" || at.resource == "PractitionerRole" ? "DOCTOR" : "PATIENT";
    if (own == "family") return {"NAME", person, NAME_PART_FAMILY};
    if (own == "given") return {"NAME", person, NAME_PART_GIVEN};
    if (own == "text" && parent == "name") return {"NAME", person};
    if (parent == "address") {
        if (own == "line" || own == "text") return {"LOCATION", "STREET"};
        if (own == "city" || own == "district") return {"LOCATION", "CITY"};
        if (own == "state") return {"LOCATION", "STATE"};
        if (own == "postalcode") return {"LOCATION", "ZIP"};
        if (own == "country") return {"LOCATION", "COUNTRY"};
    }
    if (own == "value" && parent == "telecom") return telecom_kind(s, n);
    if (own == "value" && parent == "identifier") return {"ID", "IDNUM"};
    if (own == "display") {
        if (in(k_clinician_keys, parent)) return {"NAME", "DOCTOR"};
        if (in(k_patient_keys, parent)) return {"NAME", "PATIENT"};
        if (in(k_organization_keys, parent)) return {"LOCATION", "ORGANIZATION"};
        if (in(k_hospital_keys, parent)) return {"LOCATION", "HOSPITAL"};
    }
    if (at.own_member && own == "id") return {"ID", "IDNUM"};
    if (at.own_member && own == "name") {
        if (at.resource == "Organization") return {"LOCATION", "ORGANIZATION"};
        if (at.resource == "Location" || at.resource == "HealthcareService") return {"LOCATION", "HOSPITAL"};
    }
    return {};
}

size_t fhir_reference_id(const char * s, size_t n) {
    size_t slash = n;
    while (slash > 0 && s[slash - 1] != '/') slash--;
    return slash > 0 && !memchr(s, ':', n) ? slash : n;
}

field_kind keyed_field_kind(const std::string & key, const char * s, size_t n, bool number, const char * person) {
    field_kind k;
    if (!column_header_type(key.data(), key.size(), &k.type, &k.subtype) || is_no_value(s, n)) return {};
    if (!strcmp(k.type, "NAME")) {
        if (number || !has_letter(s, n) || is_clinical_term(s, n)) return {};
        if (strcmp(k.subtype, "DOCTOR")) k.subtype = person; // "attending" says whose it is
        k.part = header_name_part(key.data(), key.size());
    }
    // "state": "active" is no state; a street's or ZIP code's first character is a digit.
    if (!strcmp(k.type, "LOCATION") && strcmp(k.subtype, "STREET") && strcmp(k.subtype, "ZIP") &&
        (number || (s[0] >= 'a' && s[0] <= 'z'))) {
        return {};
    }
    // A date is written with '-' or '/', or in words ("14 March 1961"), or as YYYYMMDD: no "Tuesday".
    parsed_date written;
    if (!strcmp(k.type, "DATE") && !memchr(s, '-', n) && !memchr(s, '/', n) && !(number && n == 8) &&
        !(!number && parse_date(s, n, false, &written) && written.month > 0)) {
        return {};
    }
    if (!strcmp(k.type, "ID") && n < 3) return {};
    if (!strcmp(k.type, "PROFESSION") && number) return {};
    return k;
}

} // namespace mab
