// The lookup of a word in a list compiled in from a generated .inc (generate_lists.py): lower case,
// sorted for a binary search.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string_view>

namespace mab {

// Whether text[0, n) is a word of `list`, in any ASCII case. No list holds a word of 48 bytes or more.
template <size_t N> bool in_word_list(const std::string_view (&list)[N], const char * text, size_t n) {
    char lower[48];
    if (n == 0 || n >= sizeof lower) return false;
    for (size_t k = 0; k < n; k++) lower[k] = text[k] >= 'A' && text[k] <= 'Z' ? (char) (text[k] + 32) : text[k];
    return std::binary_search(std::begin(list), std::end(list), std::string_view(lower, n));
}

} // namespace mab
