#include "pipeline/labels.h"

namespace mab {

void label_set_build(const std::vector<std::string> & labels, label_set * out) {
    out->labels = labels;
    out->tags.clear();
    out->bioes = false;
    for (const std::string & l : labels) {
        const bool prefixed = l.size() >= 2 && l[1] == '-';
        if (prefixed && (l[0] == 'E' || l[0] == 'S' || l[0] == 'L' || l[0] == 'U')) out->bioes = true;
    }
    for (const std::string & l : labels) {
        label_tag t{'I', l};
        if (l.size() >= 2 && l[1] == '-') {
            const char p = l[0];
            if (p == 'B' || p == 'I') t = {p, l.substr(2)};
            // E-/S- mean something only in a BIOES label set; elsewhere they are plain labels, as upstream.
            if (out->bioes && (p == 'E' || p == 'L')) t = {'E', l.substr(2)};
            if (out->bioes && (p == 'S' || p == 'U')) t = {'S', l.substr(2)};
        }
        out->tags.push_back(t);
    }
}

namespace {

// i2b2-2014 PHI subtypes and common NER spellings -> Safe Harbor type.
struct tag_type {
    const char * tag;
    const char * type;
};

const tag_type k_builtin_types[] = {
    {"PATIENT", "NAME"},        {"DOCTOR", "NAME"},          {"USERNAME", "NAME"},      {"PERSON", "NAME"},
    {"PER", "NAME"},            {"STAFF", "NAME"},           {"PROFESSION", "PROFESSION"},
    {"HOSPITAL", "LOCATION"},   {"DEPARTMENT", "LOCATION"},  {"ORGANIZATION", "LOCATION"}, {"ORG", "LOCATION"},
    {"ROOM", "LOCATION"},       {"STREET", "LOCATION"},      {"CITY", "LOCATION"},      {"STATE", "LOCATION"},
    {"COUNTRY", "LOCATION"},    {"ZIP", "LOCATION"},         {"LOCATION-OTHER", "LOCATION"}, {"LOC", "LOCATION"},
    {"AGE", "AGE"},             {"DATE", "DATE"},
    {"PHONE", "CONTACT"},       {"FAX", "CONTACT"},          {"PAGER", "CONTACT"},      {"EMAIL", "CONTACT"},
    {"URL", "CONTACT"},         {"IPADDR", "CONTACT"},       {"IP", "CONTACT"},
    {"SSN", "ID"},              {"MEDICALRECORD", "ID"},     {"MRN", "ID"},             {"HEALTHPLAN", "ID"},
    {"ACCOUNT", "ID"},          {"LICENSE", "ID"},           {"VEHICLE", "ID"},         {"DEVICE", "ID"},
    {"BIOID", "ID"},            {"IDNUM", "ID"},
    {"NAME", "NAME"},           {"LOCATION", "LOCATION"},    {"CONTACT", "CONTACT"},    {"ID", "ID"},
};

} // namespace

void type_of_tag(const std::string & tag, const std::map<std::string, std::string> & label_types,
                 std::string * type, std::string * subtype) {
    *subtype = tag;
    auto it = label_types.find(tag);
    if (it != label_types.end()) {
        *type = it->second;
        return;
    }
    for (const tag_type & t : k_builtin_types) {
        if (tag == t.tag) {
            *type = t.type;
            return;
        }
    }
    *type = tag;
}

void builtin_tags_of_type(const std::string & type, std::set<std::string> * out) {
    for (const tag_type & t : k_builtin_types) {
        if (type == t.type) out->insert(t.tag);
    }
}

} // namespace mab
