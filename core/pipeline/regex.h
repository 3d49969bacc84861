// A small regular-expression engine for user allow/deny lists (std::regex throws, and core builds
// without exceptions). Patterns compile to a Thompson NFA that a Pike VM runs in time linear in the
// text (no backtracking, so no catastrophic patterns), over code points.
//
// Syntax (a subset of JavaScript's): literals; . (any but \n); [abc] [^a-z] with \d \w \s inside;
// \d \D \w \W \s \S \b \B; \t \n \r and \<punctuation> escapes; ( ) (?: ) groups; |; * + ? {m} {m,}
// {m,n} (a trailing ? is accepted and ignored); ^ and $ at line starts and ends. Matches are
// leftmost-longest (POSIX), not leftmost-first. Case-insensitive matching folds ASCII letters. Word
// characters (\w, \b) are ASCII letters, digits, '_' and every non-ASCII code point.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mab {

struct regex {
    struct inst {
        enum op_t : uint8_t { CHAR, ANY, CLASS, SPLIT, JMP, MATCH, BOL, EOL, WORDB, NWORDB } op;
        uint32_t c = 0;      // CHAR: code point; CLASS: index in classes
        int32_t  x = 0, y = 0; // SPLIT: both targets; JMP: x
    };
    struct char_class {
        std::vector<uint32_t> ranges; // pairs [lo, hi]
        bool digit = false, word = false, space = false, not_digit = false, not_word = false, not_space = false;
        bool negated = false;
    };
    std::vector<inst>       prog;
    std::vector<char_class> classes;
    bool                    icase = false;
};

// Compiles pattern[0, len) (UTF-8). On a syntax error returns false and describes it in *error.
bool regex_compile(const char * pattern, size_t len, bool icase, regex * out, std::string * error);

// The leftmost-longest match in cps[from, n); [*b, *e) in code point indices. Empty matches are not
// reported.
bool regex_search(const regex & re, const uint32_t * cps, size_t n, size_t from, size_t * b, size_t * e);

// Whether the whole of cps[0, n) matches.
bool regex_full_match(const regex & re, const uint32_t * cps, size_t n);

} // namespace mab
