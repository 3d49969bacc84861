#include "pipeline/repeated-names.h"

#include "tokenizer/unicode.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>

namespace mab {

namespace {

// Words a NAME span may hold that are no name of their own: titles, greetings, pronouns and fillers
// ("mister thompson", "hi kenneth", "so andrew").
const char * const NOT_NAMES[] = {
    "mr",     "mrs",   "ms",    "miss",  "mister", "missus", "dr",   "doctor", "nurse", "professor", "sir",
    "madam",  "hi",    "hey",   "hello", "bye",    "goodbye", "dear", "morning", "afternoon", "evening",
    "good",   "the",   "a",     "an",    "and",    "of",     "to",   "so",     "ok",    "okay",      "yes",
    "no",     "um",    "uh",    "well",  "you",    "he",     "she",  "his",    "her",   "him",       "it",
    "we",     "they",  "patient", "baby",
};

bool digit(uint8_t c) { return c >= '0' && c <= '9'; }

// Bytes of the letter or digit at byte i, 0 when it is none: ASCII letters and digits, and any other
// character that is no punctuation, space or control ("é", "ß", "中").
size_t word_char(const uint8_t * s, size_t len, size_t i) {
    if (i >= len) return 0;
    if (s[i] < 0x80) return ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') || digit(s[i]) ? 1 : 0;
    uint32_t cp = 0;
    const size_t n = (size_t) utf8_next(s, len, i, &cp);
    return unicode::is_category_p(cp) || unicode::is_category_c(cp) || unicode::is_python_space(cp) ? 0 : n;
}

// Whether the character that ends at byte i (exclusive) is a letter or digit.
bool word_char_before(const uint8_t * s, size_t len, size_t i) {
    size_t k = i;
    while (k > 0 && i - k < 4) {
        k--;
        if ((s[k] & 0xC0) != 0x80) return word_char(s, len, k) == i - k;
    }
    return false;
}

// Bytes of the word character at byte i, where an apostrophe or hyphen between two letters or
// digits joins a word ("you're", "hawkins-kennedy"); 0 at the end of a word.
size_t word_step(const uint8_t * s, size_t len, size_t i) {
    if (const size_t n = word_char(s, len, i)) return n;
    const bool joiner = i < len && (s[i] == '\'' || s[i] == '-');
    return joiner && word_char_before(s, len, i) && word_char(s, len, i + 1) ? 1 : 0;
}

std::string ascii_lower(const char * s, size_t n) {
    std::string out(s, n);
    for (char & c : out) {
        if (c >= 'A' && c <= 'Z') c = (char) (c + 32);
    }
    return out;
}

// Whether text[b, e) is `lower` ignoring ASCII case.
bool equals_lower(const char * text, size_t b, size_t e, const std::string & lower) {
    if (e - b != lower.size()) return false;
    for (size_t k = 0; k < lower.size(); k++) {
        const char c = text[b + k];
        if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != lower[k]) return false;
    }
    return true;
}

bool not_a_name(const std::string & w) {
    for (const char * n : NOT_NAMES) {
        if (w == n) return true;
    }
    return false;
}

// Calls f(begin, end) for each whole word of text[0, len) that lies inside [b, e) (byte offsets): a
// maximal run of letters, digits and joining apostrophes and hyphens, with no digit. A final 's is
// not part of the word.
template <typename F> void for_each_word(const uint8_t * s, size_t len, size_t b, size_t e, F f) {
    size_t i = b;
    if (word_char_before(s, len, i)) {
        while (const size_t n = word_step(s, len, i)) i += n; // a word that b cuts
    }
    while (i < e) {
        if (!word_char(s, len, i)) {
            uint32_t cp = 0;
            i += (size_t) utf8_next(s, len, i, &cp);
            continue;
        }
        const size_t start = i;
        bool has_digit = false;
        while (const size_t n = word_step(s, len, i)) {
            has_digit |= digit(s[i]);
            i += n;
        }
        if (has_digit || i > e) continue;
        f(start, i - start > 2 && s[i - 2] == '\'' && (s[i - 1] | 32) == 's' ? i - 2 : i);
    }
}

struct repeated_word {
    std::string lower;
    std::string subtype;
    float       score;
};

} // namespace

void find_repeated_names(const char * text, size_t len, const text_index & index, std::vector<span> * spans) {
    const uint8_t * s = (const uint8_t *) text;
    std::vector<repeated_word> words;
    std::vector<std::pair<size_t, size_t>> names; // NAME spans in bytes
    for (const span & sp : *spans) {
        if (sp.type != "NAME") continue;
        const size_t b = (size_t) index.byte_of_cp[(size_t) sp.begin], e = (size_t) index.byte_of_cp[(size_t) sp.end];
        names.emplace_back(b, e);
        if (sp.source != SOURCE_MODEL || sp.score < REPEAT_MIN_SCORE) continue;
        for_each_word(s, len, b, e, [&](size_t wb, size_t we) {
            if (we - wb < 2 || !(s[wb] >= 'a' && s[wb] <= 'z')) return;
            const std::string w = ascii_lower(text + wb, we - wb);
            if (not_a_name(w)) return;
            for (repeated_word & r : words) {
                if (r.lower != w) continue;
                if (sp.score > r.score) r = {w, sp.subtype, sp.score};
                return;
            }
            words.push_back({w, sp.subtype, sp.score});
        });
    }
    if (words.empty()) return;
    std::sort(names.begin(), names.end());

    std::vector<span> found; // byte offsets until the end
    size_t next_name = 0;
    for_each_word(s, len, 0, len, [&](size_t wb, size_t we) {
        while (next_name < names.size() && names[next_name].second <= wb) next_name++;
        for (size_t k = next_name; k < names.size() && names[k].first <= wb; k++) {
            if (we <= names[k].second) return; // already inside a NAME
        }
        const auto r = std::find_if(words.begin(), words.end(),
                                    [&](const repeated_word & x) { return equals_lower(text, wb, we, x.lower); });
        if (r == words.end()) return;
        if (!found.empty() && found.back().subtype == r->subtype) {
            size_t gap = (size_t) found.back().end;
            while (gap < wb && s[gap] == ' ') gap++;
            if (gap == wb) {
                found.back().end   = (int32_t) we;
                found.back().score = std::min(found.back().score, r->score);
                return;
            }
        }
        span sp;
        sp.begin   = (int32_t) wb;
        sp.end     = (int32_t) we;
        sp.score   = r->score;
        sp.source  = SOURCE_RULE;
        sp.type    = "NAME";
        sp.subtype = r->subtype;
        sp.origin  = "repeat";
        found.push_back(std::move(sp));
    });
    for (span & sp : found) {
        sp.begin = index.cp_of_byte(sp.begin);
        sp.end   = index.cp_of_byte(sp.end);
        spans->push_back(std::move(sp));
    }
}

} // namespace mab
