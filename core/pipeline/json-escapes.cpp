#include "pipeline/json-escapes.h"

#include "tokenizer/unicode.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace mab {

namespace {

using range = std::pair<size_t, size_t>;

// The value of the four hexadecimal digits at s[0, 4), or -1.
int32_t hex4(const char * s) {
    int32_t v = 0;
    for (int k = 0; k < 4; k++) {
        const char c = s[k];
        const int d = c >= '0' && c <= '9' ? c - '0' : (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10 : -1;
        if (d < 0) return -1;
        v = v << 4 | d;
    }
    return v;
}

bool high_surrogate(int32_t v) { return v >= 0xD800 && v < 0xDC00; }
bool low_surrogate(int32_t v) { return v >= 0xDC00 && v < 0xE000; }

} // namespace

uint32_t json_escape_value(const char * text, const range & r) {
    const char c = text[r.first + 1];
    if (c != 'u') {
        static const char escapes[] = "\"\\/bfnrt", unescaped[] = "\"\\/\b\f\n\r\t";
        const char * at = c ? strchr(escapes, c) : nullptr;
        return at ? (unsigned char) unescaped[at - escapes] : 0xFFFD;
    }
    const int32_t v = hex4(text + r.first + 2);
    if (r.second - r.first == 12) return 0x10000 + (uint32_t) ((v - 0xD800) << 10) + (uint32_t) (hex4(text + r.first + 8) - 0xDC00);
    return high_surrogate(v) || low_surrogate(v) ? 0xFFFD : (uint32_t) v;
}

const range * json_escape_at(const std::vector<range> & escapes, size_t p) {
    const auto r = std::partition_point(escapes.begin(), escapes.end(), [&](const range & x) { return x.second <= p; });
    return r != escapes.end() && r->first <= p ? &*r : nullptr;
}

bool json_escape_is_letter(const char * text, const range & r) {
    if (text[r.first + 1] != 'u') return false;
    const uint32_t cp = json_escape_value(text, r);
    return cp != 0xFFFD && !unicode::is_category_c(cp) && !unicode::is_category_p(cp) && !unicode::is_python_space(cp);
}

std::vector<range> json_escapes(const char * text, size_t len) {
    std::vector<range> out;
    for (size_t i = 0; i + 1 < len; i++) {
        if (text[i] != '\\') continue;
        const char c = text[i + 1];
        if (c && strchr("\"\\/bfnrt", c)) {
            out.emplace_back(i, i + 2);
            i++;
            continue;
        }
        if (c != 'u' || i + 6 > len) continue;
        const int32_t v = hex4(text + i + 2);
        if (v < 0) continue;
        const bool pair = high_surrogate(v) && i + 12 <= len && text[i + 6] == '\\' && text[i + 7] == 'u' &&
                          low_surrogate(hex4(text + i + 8));
        out.emplace_back(i, i + (pair ? 12 : 6));
        i = out.back().second - 1;
    }
    return out;
}

std::string text_unescaped(const char * text, size_t len, const std::vector<range> & escapes) {
    std::string out;
    out.reserve(len + len / 4);
    size_t done = 0;
    for (const range & r : escapes) {
        out.append(text + done, r.first - done);
        done = r.second;
        // Markup written as spaces over a part of it: no escape any more.
        if (json_escapes(text + r.first, r.second - r.first) != std::vector<range>{{0, r.second - r.first}}) {
            out.append(text + r.first, r.second - r.first);
            continue;
        }
        const uint32_t cp = json_escape_value(text, r);
        // A control character but a line's or a tab's the tokenizer drops anyway: a filler too.
        const bool kept = cp >= 0x20 || cp == '\n' || cp == '\r' || cp == '\t';
        if (kept) unicode::append_utf8(cp, &out);
        out.append(r.second - r.first - (kept ? 1 : 0), '\x01');
    }
    out.append(text + done, len - done);
    return out;
}

std::string json_unescaped(const char * text, size_t len) {
    std::string out;
    size_t done = 0;
    for (const range & r : json_escapes(text, len)) {
        out.append(text + done, r.first - done);
        unicode::append_utf8(json_escape_value(text, r), &out);
        done = r.second;
    }
    out.append(text + done, len - done);
    return out;
}

std::string json_escaped(const std::string & s) {
    std::string out;
    for (const char c : s) {
        if (c == '"' || c == '\\') out += {'\\', c};
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if ((unsigned char) c < 0x20) out += "\\u00" + std::string(1, "01"[c >> 4]) + "0123456789abcdef"[c & 15];
        else out.push_back(c);
    }
    return out;
}

void keep_escapes_whole(const char * text, size_t len, const std::vector<range> & escapes, const text_index & index,
                        std::vector<span> * spans) {
    if (escapes.empty()) return;
    const auto escape_at = [&](size_t p) { return json_escape_at(escapes, p); };
    const auto letter    = [&](const range * r) { return r && json_escape_is_letter(text, *r); };
    const auto word_byte = [&](size_t p) {
        const unsigned char c = (unsigned char) text[p];
        return !escape_at(p) && (isalnum(c) || c >= 0x80);
    };
    // The word's begin and end around an escape of a letter at its edge.
    const auto word_begin = [&](size_t p) {
        while (p > 0 && (word_byte(p - 1) || letter(escape_at(p - 1)))) p = word_byte(p - 1) ? p - 1 : escape_at(p - 1)->first;
        return p;
    };
    const auto word_end = [&](size_t p) {
        while (p < len && (word_byte(p) || letter(escape_at(p)))) p = word_byte(p) ? p + 1 : escape_at(p)->second;
        return p;
    };
    std::vector<span> kept;
    for (span s : *spans) {
        size_t b = (size_t) index.byte_of_cp[(size_t) s.begin], e = (size_t) index.byte_of_cp[(size_t) s.end];
        if (const range * r = escape_at(b); r && r->first < b) b = letter(r) ? r->first : r->second;
        if (const range * r = e > 0 ? escape_at(e - 1) : nullptr; r && e < r->second) e = letter(r) ? r->second : r->first;
        for (const range * r; b < e && (r = escape_at(b)) && !letter(r);) b = r->second;
        for (const range * r; b < e && (r = escape_at(e - 1)) && !letter(r);) e = r->first;
        if (b >= e) continue;
        if ((b > 0 && letter(escape_at(b - 1))) || (letter(escape_at(b)) && b > 0 && word_byte(b - 1))) b = word_begin(b);
        if ((e < len && letter(escape_at(e))) || (letter(escape_at(e - 1)) && e < len && word_byte(e))) e = word_end(e);
        s.begin = index.cp_of_byte((int32_t) b);
        s.end   = index.cp_of_byte((int32_t) e);
        kept.push_back(std::move(s));
    }
    *spans = std::move(kept);
}

} // namespace mab
