#include "pipeline/word-list.h"

namespace mab {

bool in_word_list(std::string_view list, const char * text, size_t n, bool first_words) {
    char lower[48];
    if (n == 0 || n >= sizeof lower) return false;
    for (size_t k = 0; k < n; k++) lower[k] = text[k] >= 'A' && text[k] <= 'Z' ? (char) (text[k] + 32) : text[k];
    const std::string_view word(lower, n);
    // The first entry not below word, by a binary search over bytes that backs up to an entry's
    // start: word itself, else the first entry that begins with it (a space sorts before every
    // other character of an entry).
    size_t lo = 0, hi = list.size();
    while (lo < hi) {
        size_t start = (lo + hi) / 2;
        while (start > lo && list[start - 1] != '\n') start--;
        const size_t end = list.find('\n', start);
        if (list.substr(start, end - start) < word) lo = end + 1;
        else hi = start;
    }
    const size_t end = list.find('\n', lo);
    if (lo >= list.size() || end - lo < n || list.substr(lo, n) != word) return false;
    return end - lo == n || (first_words && list[lo + n] == ' ');
}

} // namespace mab
