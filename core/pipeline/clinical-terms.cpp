#include "pipeline/clinical-terms.h"

#include "pipeline/word-list.h"

namespace mab {

namespace {

constexpr std::string_view TERM_WORDS[] = {
#include "pipeline/clinical-terms.inc"
};

// A word is a run of letters, digits, hyphens and non-ASCII bytes ("Lantus2" and "Lantusé" are
// no clinical term's word).
bool word_byte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || (unsigned char) c >= 0x80;
}

} // namespace

bool is_clinical_term_word(const char * text, size_t n) { return in_word_list(TERM_WORDS, text, n); }

bool is_clinical_term(const char * text, size_t n) {
    bool any = false;
    for (size_t i = 0; i < n;) {
        if (!word_byte(text[i])) {
            i++;
            continue;
        }
        size_t e = i;
        while (e < n && word_byte(text[e])) e++;
        if (!is_clinical_term_word(text + i, e - i)) return false;
        any = true;
        i = e;
    }
    return any;
}

} // namespace mab
