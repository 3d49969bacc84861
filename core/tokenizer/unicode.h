// Unicode services of the tokenizer: UTF-8 decoding with replacement, the character classes
// BertTokenizer asks of Python's `unicodedata`, per-character lower case and NFD. The data comes from
// unicode-tables.h (generated from the UCD), never from the platform.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mab::unicode {

constexpr uint32_t REPLACEMENT_CHAR = 0xFFFD;

// Decodes UTF-8 into code points. Ill-formed input becomes U+FFFD, one per maximal subpart of an
// ill-formed sequence (the Unicode / WHATWG "substitution of maximal subparts" rule, which is what
// JavaScript's TextDecoder and Python's errors="replace" do), so the code point indices of the
// result match what those decoders give for the same bytes.
void decode_utf8(const char * text, size_t len, std::vector<uint32_t> * out);
// Length of the well-formed UTF-8 sequence at s (n >= 1 bytes available), or 0 if it is ill-formed.
size_t utf8_sequence_length(const unsigned char * s, size_t n);
// Appends the UTF-8 encoding of cp (a scalar value) to out.
void append_utf8(uint32_t cp, std::string * out);
// Code units of cp in UTF-16: 2 above U+FFFF, else 1.
inline int utf16_length(uint32_t cp) { return cp > 0xFFFF ? 2 : 1; }

// General category C* (Cc, Cf, Cs, Co, Cn).
bool is_category_c(uint32_t cp);
// General category Zs.
bool is_category_zs(uint32_t cp);
// General category P*.
bool is_category_p(uint32_t cp);
// General category Mn.
bool is_category_mn(uint32_t cp);
// Python's str.isspace(): bidirectional class WS, B or S, or category Zs.
bool is_python_space(uint32_t cp);

// Python's str.lower() of the single character cp: writes 1..3 code points to out, returns the count.
int to_lower(uint32_t cp, uint32_t out[3]);
// Python's str.lower() of UTF-8 text: "ØRSTED", "Ørsted" and "ørsted" give the same.
std::string lower_utf8(const char * text, size_t len);
// Letter case, read from the lower-case mapping: a capital (Lu, Lt) is a character str.lower()
// changes; a small letter is the lower case of some capital. Uncased characters (digits, CJK, marks)
// are neither, and so are the few small letters without a capital (U+0138 ĸ).
bool is_upper(uint32_t cp);
bool is_lower(uint32_t cp);
// Appends the full canonical decomposition of cp (Hangul included), not yet reordered.
void decompose(uint32_t cp, std::vector<uint32_t> * out);
// Canonical combining class.
uint8_t combining_class(uint32_t cp);

} // namespace mab::unicode
