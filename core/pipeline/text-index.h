// Positions in a UTF-8 text in the three units the pipeline speaks: bytes (how core scans and
// rewrites text), code points (Python str indices) and UTF-16 code units (JavaScript indices).
#pragma once

#include "minialbert.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mab {

// One entry per code point plus one for the end of the text. Ill-formed UTF-8 counts as one U+FFFD
// per maximal ill-formed subpart, the rule the tokenizer and TextDecoder use, so indices agree with
// the tokenizer's offsets and with JavaScript's view of the same bytes.
struct text_index {
    std::vector<int32_t> byte_of_cp;  // [n_cp + 1]
    std::vector<int32_t> utf16_of_cp; // [n_cp + 1]

    int32_t n_codepoints() const { return (int32_t) byte_of_cp.size() - 1; }
    int32_t n_utf16() const { return utf16_of_cp.back(); }
    int32_t n_bytes() const { return byte_of_cp.back(); }
    // The code point that starts at or contains byte `b` (b == n_bytes gives n_codepoints).
    int32_t cp_of_byte(int32_t b) const;
    // The code point at UTF-16 index `u`; an index inside a surrogate pair gives that code point.
    int32_t cp_of_utf16(int32_t u) const;
};

// Builds the index of text[0, len). len must be at most MAB_MAX_TEXT_BYTES.
mab_status text_index_build(const char * text, size_t len, text_index * out);

// Decodes the code point at byte i of text[0, len) (U+FFFD for an ill-formed subpart) and returns the
// number of bytes it spans.
int utf8_next(const uint8_t * s, size_t len, size_t i, uint32_t * cp);

} // namespace mab
