// JSON nesting depth, counted before parsing. nlohmann's parser and destructor are iterative, but
// dump(), copies and comparisons recurse: a file nested 100,000 deep parses, then overflows the
// stack in the error message that quotes it. Every JSON the engine reads is at most a few levels deep.
#pragma once

#include <cstddef>

namespace mab {

constexpr int MAX_JSON_DEPTH = 64;

// Whether the brackets of `text` nest deeper than MAX_JSON_DEPTH (strings and their escapes skipped).
inline bool json_too_deep(const char * text, size_t len) {
    int  depth     = 0;
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') i++;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > MAX_JSON_DEPTH) return true;
        } else if (c == ']' || c == '}') {
            depth--;
        }
    }
    return false;
}

} // namespace mab
