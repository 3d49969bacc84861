// Numbers written in words, as transcripts and dictated notes write ages ("ninety two years old"),
// days ("March twenty first") and years ("two thousand and four", "nineteen ninety five"): reading
// them at a word start, and writing them back (a shifted date keeps the words it was said in).
#pragma once

#include <cstddef>
#include <string>

namespace mab {

// The cardinal from 1 to 199 at byte i of s[0, n): "seventy-two", "Ninety six", "one hundred and
// one", "a hundred"; 0 when none starts there (i must start a word). *end is set past its last word.
int cardinal_words_at(const char * s, size_t n, size_t i, size_t * end);

// The ordinal from 1 to 99 at byte i: "third", "twenty-first", "Thirtieth"; 0 when none.
int ordinal_words_at(const char * s, size_t n, size_t i, size_t * end);

// A digit said as a word at byte i ("five", "Zero", "oh" for 0), as phone numbers and IDs are read
// out: its value with *end past it; -1 when none (i must start a word).
int digit_word_at(const char * s, size_t n, size_t i, size_t * end);

// The word of digit v (0 to 9): "zero" .. "nine".
const char * digit_word(int v);

// v from 1 to 99 in lower-case words, tens and units joined by `joiner` (' ' or '-').
std::string cardinal_words(int v, char joiner);
std::string ordinal_words(int v, char joiner);

} // namespace mab
