// The lookup of a word in a list compiled in from a generated .inc (generate_lists.py): one string
// of lower-case entries, each ended by '\n', sorted for a binary search. One string rather than an
// array of views keeps a list to its letters in the binary (us-cities.inc holds 12,000 towns).
#pragma once

#include <cstddef>
#include <string_view>

namespace mab {

// Whether text[0, n) is an entry of `list`, in any ASCII case, or with `first_words` also the first
// words of one ("san" of "san antonio": the entry goes on with a space). No list holds an entry of
// 48 bytes or more.
bool in_word_list(std::string_view list, const char * text, size_t n, bool first_words = false);

} // namespace mab
