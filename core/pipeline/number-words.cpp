#include "pipeline/number-words.h"

#include <cstring>

namespace mab {

namespace {

const char * const k_ones[] = {"one",     "two",     "three",     "four",     "five",    "six",      "seven",
                               "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen", "fourteen",
                               "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
const char * const k_tens[] = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
const char * const k_ones_th[] = {"first",      "second",     "third",       "fourth",     "fifth",
                                  "sixth",      "seventh",    "eighth",      "ninth",      "tenth",
                                  "eleventh",   "twelfth",    "thirteenth",  "fourteenth", "fifteenth",
                                  "sixteenth",  "seventeenth", "eighteenth", "nineteenth"};
const char * const k_tens_th[] = {"twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth",
                                  "ninetieth"};

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_word(char c) { return is_alpha(c) || (c >= '0' && c <= '9') || (unsigned char) c >= 0x80; }

// The case-insensitive word w at p, not followed by a letter.
bool word_at(const char * s, size_t n, size_t p, const char * w) {
    size_t k = 0;
    for (; w[k]; k++) {
        if (p + k >= n) return false;
        const char c = s[p + k] >= 'A' && s[p + k] <= 'Z' ? (char) (s[p + k] + 32) : s[p + k];
        if (c != w[k]) return false;
    }
    return p + k >= n || !is_alpha(s[p + k]);
}

// The word of list[0, count) at p, as its index + 1, with *end past it; 0 when none.
int list_word_at(const char * s, size_t n, size_t p, const char * const * list, int count, size_t * end) {
    if (p >= n) return 0;
    const char first = s[p] >= 'A' && s[p] <= 'Z' ? (char) (s[p] + 32) : s[p];
    for (int k = 0; k < count; k++) {
        if (list[k][0] == first && word_at(s, n, p, list[k])) {
            size_t len = 0;
            while (list[k][len]) len++;
            *end = p + len;
            return k + 1;
        }
    }
    return 0;
}

// One joiner (space or hyphen) at p with a letter after it.
bool joined(const char * s, size_t n, size_t p) { return p + 1 < n && (s[p] == ' ' || s[p] == '-') && is_alpha(s[p + 1]); }

// 1 to 99 at p: "seventy two", "nineteen", or with ordinal = true "twenty-first", "thirtieth", "ninth".
int below_100_at(const char * s, size_t n, size_t p, bool ordinal, size_t * end) {
    // Every word of 1 to 99 starts with one of these letters; most words stop here, before 35 lists.
    if (p >= n || !is_alpha(s[p]) || !memchr("efnost", s[p] | 32, 6)) return 0;
    size_t q;
    if (ordinal) {
        if (const int t = list_word_at(s, n, p, k_tens_th, 8, &q)) {
            *end = q;
            return 10 * (t + 1);
        }
    }
    if (const int t = list_word_at(s, n, p, k_tens, 8, &q)) {
        size_t r;
        const int u = joined(s, n, q) ? list_word_at(s, n, q + 1, ordinal ? k_ones_th : k_ones, 9, &r) : 0;
        if (ordinal && !u) return 0; // "twenty" alone is no ordinal
        *end = u ? r : q;
        return 10 * (t + 1) + u;
    }
    return list_word_at(s, n, p, ordinal ? k_ones_th : k_ones, 19, end);
}

bool word_start(const char * s, size_t i) { return i == 0 || !is_word(s[i - 1]); }

std::string below_100(int v, char joiner, bool ordinal) {
    // Pointers, not "(ordinal ? a : b)[i]": GCC 12's -fsanitize=bounds miscompiles a conditional
    // array indexed like that.
    const char * const * ones = ordinal ? k_ones_th : k_ones;
    const char * const * tens = ordinal ? k_tens_th : k_tens;
    if (v < 20) return ones[v - 1];
    if (v % 10 == 0) return tens[v / 10 - 2];
    return std::string(k_tens[v / 10 - 2]) + joiner + ones[v % 10 - 1];
}

} // namespace

int cardinal_words_at(const char * s, size_t n, size_t i, size_t * end) {
    if (i >= n || !word_start(s, i)) return 0;
    // "one hundred", "a hundred", then "and" and the rest: "one hundred and one".
    const size_t article = word_at(s, n, i, "a") ? 1 : word_at(s, n, i, "one") ? 3 : 0;
    if (article && joined(s, n, i + article) && word_at(s, n, i + article + 1, "hundred")) {
        size_t q = i + article + 8, r = q, rest_end = q;
        if (joined(s, n, r) && word_at(s, n, r + 1, "and")) r += 4;
        const int rest = joined(s, n, r) ? below_100_at(s, n, r + 1, false, &rest_end) : 0;
        *end = rest ? rest_end : q;
        return 100 + rest;
    }
    return below_100_at(s, n, i, false, end);
}

int ordinal_words_at(const char * s, size_t n, size_t i, size_t * end) {
    if (i >= n || !word_start(s, i)) return 0;
    return below_100_at(s, n, i, true, end);
}

int digit_word_at(const char * s, size_t n, size_t i, size_t * end) {
    static const char * const words[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "oh"};
    const int v = list_word_at(s, n, i, words, 11, end);
    if (!v || (*end < n && s[*end] >= '0' && s[*end] <= '9')) return -1;
    return v == 11 ? 0 : v - 1;
}

const char * digit_word(int v) {
    static const char * const words[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
    return v >= 0 && v <= 9 ? words[v] : "";
}

std::string cardinal_words(int v, char joiner) { return v >= 1 && v <= 99 ? below_100(v, joiner, false) : std::string(); }

std::string ordinal_words(int v, char joiner) { return v >= 1 && v <= 99 ? below_100(v, joiner, true) : std::string(); }

} // namespace mab
