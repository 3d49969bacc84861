// Model labels (id2label) read as a tagging scheme, and entity types: HIPAA Safe Harbor / i2b2-2014
// categories as `type` (NAME, DATE, AGE, LOCATION, CONTACT, ID, PROFESSION) plus the finer `subtype`
// (PATIENT, DOCTOR, HOSPITAL, PHONE, MEDICALRECORD, ...).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace mab {

// One label split as transformers' TokenClassificationPipeline.get_tag does: "B-X" -> ('B', "X"),
// "I-X" -> ('I', "X"), anything else -> ('I', label). With the BIOES scheme "E-X" and "S-X" (and their
// BILOU spellings "L-X", "U-X") are read as ('E', "X") and ('S', "X").
struct label_tag {
    char        bi;
    std::string tag;
};

struct label_set {
    std::vector<std::string> labels; // id2label
    std::vector<label_tag>   tags;   // parsed, one per label
    bool                     bioes = false; // some label starts with E-, S-, L- or U-
};

void label_set_build(const std::vector<std::string> & labels, label_set * out);

// The type of an entity tag. `label_types` (config.json "label_types", tag -> type) comes first;
// then the built-in i2b2-2014 table (PATIENT -> NAME, HOSPITAL -> LOCATION, MEDICALRECORD -> ID, ...)
// and common aliases (PER -> NAME, LOC -> LOCATION); a tag that is itself a type name is its own type;
// any other tag is reported as its own type. The subtype is the tag (so it equals the type when the
// model gives nothing finer, e.g. B-NAME).
void type_of_tag(const std::string & tag, const std::map<std::string, std::string> & label_types,
                 std::string * type, std::string * subtype);

// Adds every tag of the built-in table whose type is `type` (PATIENT, DOCTOR, … for NAME).
void builtin_tags_of_type(const std::string & type, std::set<std::string> * out);

} // namespace mab
