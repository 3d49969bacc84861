// De-identification: every span is rewritten by the operator chosen for its type.
//   redact     remove the text
//   mask       one mask character per code point (length-preserving)
//   tag        "[TYPE]"
//   surrogate  a realistic fake value of the same kind, derived from HMAC-SHA-256(key, kind + value):
//              the same value always gets the same surrogate under the same key (within a document
//              without a key, across documents with one), and within a document no two values share
//              one and none is a value the document holds (a value whose entry another took takes
//              the next free one). Names are replaced word by word (so "John Smith" and "Mr. Smith"
//              keep the same surname), a word as the given name or surname the document reads it as,
//              a given name by a man's or a woman's; they keep titles, initials and letter case; phones,
//              IDs, ZIP codes and other codes keep their layout (each digit / letter replaced by one of
//              its kind); dates are shifted as by dateshift; ages over 89 become 90.
//   dateshift  DATE spans move by one offset per key (or document) of 1..max_shift_days days, forward or
//              back, written in their own format, so intervals between dates are kept; a date that
//              cannot be parsed is tagged instead
//   keep       leave the text as it is (still listed, for the audit)
// Without a key, the key is the SHA-256 of the document itself: repeatable for the same text, and not
// linkable across documents.
#pragma once

#include "minialbert.h"
#include "pipeline/span.h"
#include "pipeline/text-index.h"

#include <string>
#include <utility>
#include <vector>

namespace mab {

enum deid_operator { OPERATOR_REDACT, OPERATOR_MASK, OPERATOR_TAG, OPERATOR_SURROGATE, OPERATOR_DATESHIFT, OPERATOR_KEEP };

bool deid_operator_from_name(const char * name, size_t len, deid_operator * out);
const char * deid_operator_name(deid_operator op);

struct deid_options {
    // "TYPE/SUBTYPE" or "TYPE" -> operator; the most specific entry wins, then `fallback`.
    std::vector<std::pair<std::string, deid_operator>> operators;
    deid_operator fallback       = OPERATOR_TAG;
    std::string   key;
    bool          has_key        = false;
    uint32_t      mask_char      = '*';
    int32_t       max_shift_days = 365;
    bool          day_first      = false;
};

// The largest max_shift_days: 100 years keeps every shifted date in the years its format can write.
constexpr int32_t MAX_SHIFT_DAYS = 36500;

// Parses "NAME=surrogate,DATE=dateshift,ID/SSN=mask,*=tag" into opt->operators / opt->fallback.
mab_status deid_parse_operators(const char * spec, deid_options * opt);

// MAB_STATUS_INVALID_ARGUMENT with the reason when an option cannot be used (a shift of no days, an
// empty key, a mask character that is not a visible Unicode scalar value).
mab_status deid_options_check(const deid_options & opt);

struct replacement {
    const span *  source;
    deid_operator op;         // the operator actually applied (dateshift/surrogate may fall back to tag)
    std::string   text;       // the new text
    int32_t       new_begin;  // code points of the output
    int32_t       new_end;
    int32_t       new_begin_utf16;
    int32_t       new_end_utf16;
};

// Rewrites text[0, len) (indexed by `index`) replacing the sorted, non-overlapping `spans`.
mab_status deidentify_text(const char * text, size_t len, const text_index & index, const std::vector<span> & spans,
                           const deid_options & opt, std::string * out_text, std::vector<replacement> * out);

// The date-shift offset in days for a key (or a document when no key), exposed for tests.
int32_t deid_date_offset(const deid_options & opt, const char * text, size_t len);

} // namespace mab
