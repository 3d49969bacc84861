// Allow-list and deny-list, one entry per line (blank lines are skipped, a trailing CR is ignored):
//   Jane Roe               an exact phrase, matched ignoring ASCII case
//   /MRN-\d{6}/            a regular expression (regex.h), /.../i for ignoring ASCII case
//   NAME/PATIENT: Jane Roe (deny-list only) the type and subtype the entry reports; without one, a
//                          deny-list entry reports type OTHER
// Allow-list: a span is dropped when its whole text equals an exact entry or matches a regex entry.
// Deny-list: every occurrence in the text becomes a span (score 1, source deny-list); exact phrases
// only match as whole words.
#pragma once

#include "minialbert.h"
#include "pipeline/regex.h"
#include "pipeline/span.h"

#include <string>
#include <vector>

namespace mab {

struct list_entry {
    std::string written; // the line as given (for the audit)
    bool        is_regex = false;
    std::vector<uint32_t> phrase; // exact: the phrase's code points, ASCII lower case
    regex       re;
    std::string type;
    std::string subtype;
};

// Parses a list; `name` ("allow-list", "deny-list") is used in messages. Bad regexes give
// MAB_STATUS_INVALID_ARGUMENT naming the line.
mab_status list_parse(const char * text, size_t len, bool deny, const char * name, std::vector<list_entry> * out);

// Whether the text cps[0, n) is allowed (matches an allow entry).
bool list_allows(const std::vector<list_entry> & allow, const uint32_t * cps, size_t n);

// Appends the deny-list occurrences in cps[0, n) as code point spans.
void list_find_denied(const std::vector<list_entry> & deny, const uint32_t * cps, size_t n, std::vector<span> * out);

} // namespace mab
