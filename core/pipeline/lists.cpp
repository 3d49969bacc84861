#include "pipeline/lists.h"

#include "pipeline/text-index.h"
#include "status.h"
#include "tokenizer/unicode.h"

#include <cstring>

namespace mab {

namespace {

uint32_t fold(uint32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
bool is_word_cp(uint32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

std::vector<uint32_t> decode(const char * s, size_t n) {
    std::vector<uint32_t> out;
    for (size_t k = 0; k < n;) {
        uint32_t c;
        k += (size_t) utf8_next((const uint8_t *) s, n, k, &c);
        out.push_back(c);
    }
    return out;
}

// "TYPE:" or "TYPE/SUBTYPE:" at the start of a deny-list line: upper-case letters, digits, '_' and '-'.
size_t type_prefix(const std::string & line, std::string * type, std::string * subtype) {
    size_t k = 0, slash = std::string::npos;
    for (; k < line.size(); k++) {
        const char c = line[k];
        if (c == '/' && slash == std::string::npos && k > 0) slash = k;
        else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) break;
    }
    if (k == 0 || k >= line.size() || line[k] != ':' || slash == k - 1) return 0;
    *type    = line.substr(0, slash == std::string::npos ? k : slash);
    *subtype = slash == std::string::npos ? *type : line.substr(slash + 1, k - slash - 1);
    k++;
    while (k < line.size() && line[k] == ' ') k++;
    return k;
}

} // namespace

mab_status list_parse(const char * text, size_t len, bool deny, const char * name, std::vector<list_entry> * out) {
    size_t line_no = 0;
    // A byte-order mark, as some editors write one, is no part of the first entry.
    const size_t start = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    for (size_t p = start; p < len;) {
        size_t e = p;
        while (e < len && text[e] != '\n') e++;
        std::string line(text + p, e - p);
        p = e + 1;
        line_no++;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        // An entry with a broken byte would match nothing anyone wrote.
        for (size_t k = 0; k < line.size();) {
            const size_t n = unicode::utf8_sequence_length((const uint8_t *) line.data() + k, line.size() - k);
            if (n == 0) {
                return set_error(MAB_STATUS_INVALID_ARGUMENT, "%s line %zu: not valid UTF-8 (byte 0x%02X at offset %zu)", name,
                                 line_no, (unsigned) (uint8_t) line[k], k);
            }
            k += n;
        }
        list_entry entry;
        entry.written = line;
        entry.type = entry.subtype = "OTHER";
        const size_t body = deny ? type_prefix(line, &entry.type, &entry.subtype) : 0;
        const std::string rest = line.substr(body);
        const size_t close = rest.rfind('/');
        if (rest.size() >= 2 && rest[0] == '/' && close > 0 && (close == rest.size() - 1 || rest.substr(close + 1) == "i")) {
            std::string error;
            if (!regex_compile(rest.data() + 1, close - 1, close != rest.size() - 1, &entry.re, &error)) {
                return set_error(MAB_STATUS_INVALID_ARGUMENT, "%s line %zu: bad regular expression %s: %s", name, line_no,
                                 rest.c_str(), error.c_str());
            }
            entry.is_regex = true;
        } else {
            entry.phrase = decode(rest.data(), rest.size());
            for (uint32_t & c : entry.phrase) c = fold(c);
        }
        out->push_back(std::move(entry));
    }
    return MAB_STATUS_OK;
}

bool list_allows(const std::vector<list_entry> & allow, const uint32_t * cps, size_t n) {
    for (const list_entry & a : allow) {
        if (a.is_regex) {
            if (regex_full_match(a.re, cps, n)) return true;
            continue;
        }
        bool same = a.phrase.size() == n;
        for (size_t k = 0; same && k < n; k++) same = fold(cps[k]) == a.phrase[k];
        if (same) return true;
    }
    return false;
}

void list_find_denied(const std::vector<list_entry> & deny, const uint32_t * cps, size_t n, std::vector<span> * out) {
    for (const list_entry & d : deny) {
        span sp;
        sp.score   = 1.0f;
        sp.source  = SOURCE_DENY_LIST;
        sp.type    = d.type;
        sp.subtype = d.subtype;
        sp.origin  = d.written;
        if (d.is_regex) {
            size_t from = 0, b, e;
            while (from < n && regex_search(d.re, cps, n, from, &b, &e)) {
                sp.begin = (int32_t) b;
                sp.end   = (int32_t) e;
                out->push_back(sp);
                from = e;
            }
            continue;
        }
        const size_t m = d.phrase.size();
        for (size_t i = 0; m > 0 && i + m <= n; i++) {
            if ((i > 0 && is_word_cp(cps[i - 1]) && is_word_cp(d.phrase[0])) ||
                (i + m < n && is_word_cp(cps[i + m]) && is_word_cp(d.phrase[m - 1])))
                continue;
            size_t k = 0;
            while (k < m && fold(cps[i + k]) == d.phrase[k]) k++;
            if (k < m) continue;
            sp.begin = (int32_t) i;
            sp.end   = (int32_t) (i + m);
            out->push_back(sp);
            i += m - 1;
        }
    }
}

} // namespace mab
