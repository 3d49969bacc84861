// The lookup of a word in a list compiled in from a generated .inc (generate_lists.py): lower case,
// sorted for a binary search.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string_view>

namespace mab {

// Whether text[0, n) is an entry of `list`, in any ASCII case, or with `first_words` also the first
// words of one ("san" of "san antonio": the entry goes on with a space). No list holds an entry of
// 48 bytes or more.
template <size_t N>
bool in_word_list(const std::string_view (&list)[N], const char * text, size_t n, bool first_words = false) {
    char lower[48];
    if (n == 0 || n >= sizeof lower) return false;
    for (size_t k = 0; k < n; k++) lower[k] = text[k] >= 'A' && text[k] <= 'Z' ? (char) (text[k] + 32) : text[k];
    const std::string_view word(lower, n);
    // The first entry not below word: word itself, else the first that begins with it (a space sorts
    // before every other character of an entry).
    const std::string_view * at = std::lower_bound(std::begin(list), std::end(list), word);
    if (at == std::end(list) || at->substr(0, n) != word) return false;
    return at->size() == n || (first_words && (*at)[n] == ' ');
}

} // namespace mab
