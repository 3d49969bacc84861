#include "tokenizer/unicode.h"

#include "tokenizer/unicode-tables.h"

namespace mab::unicode {

namespace t = unicode_tables;

void decode_utf8(const char * text, size_t len, std::vector<uint32_t> * out) {
    const uint8_t * s = (const uint8_t *) text;
    out->clear();
    out->reserve(len);
    size_t i = 0;
    while (i < len) {
        const uint8_t b0 = s[i];
        if (b0 < 0x80) {
            out->push_back(b0);
            i++;
            continue;
        }
        // Table 3-7 of the Unicode standard: the lead byte fixes the length and the range allowed for
        // the second byte (which excludes overlongs, surrogates and values above U+10FFFF).
        int n = 0;
        uint8_t lo = 0x80, hi = 0xBF;
        uint32_t cp = 0;
        if (b0 >= 0xC2 && b0 <= 0xDF) { n = 2; cp = b0 & 0x1F; }
        else if (b0 >= 0xE0 && b0 <= 0xEF) {
            n = 3; cp = b0 & 0x0F;
            if (b0 == 0xE0) lo = 0xA0;
            if (b0 == 0xED) hi = 0x9F;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            n = 4; cp = b0 & 0x07;
            if (b0 == 0xF0) lo = 0x90;
            if (b0 == 0xF4) hi = 0x8F;
        }
        if (n == 0) {
            out->push_back(REPLACEMENT_CHAR);
            i++;
            continue;
        }
        // Consume the longest valid prefix; if it is not a whole character it becomes one U+FFFD.
        size_t k = 1;
        while ((int) k < n && i + k < len) {
            const uint8_t b = s[i + k];
            const uint8_t blo = k == 1 ? lo : 0x80;
            const uint8_t bhi = k == 1 ? hi : 0xBF;
            if (b < blo || b > bhi) break;
            cp = (cp << 6) | (b & 0x3F);
            k++;
        }
        out->push_back((int) k == n ? cp : REPLACEMENT_CHAR);
        i += k;
    }
}

size_t utf8_sequence_length(const unsigned char * s, size_t n) {
    if (s[0] < 0x80) return 1;
    size_t k = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (s[0] >= 0xC2 && s[0] <= 0xDF) k = 2;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF) { k = 3; if (s[0] == 0xE0) lo = 0xA0; if (s[0] == 0xED) hi = 0x9F; }
    else if (s[0] >= 0xF0 && s[0] <= 0xF4) { k = 4; if (s[0] == 0xF0) lo = 0x90; if (s[0] == 0xF4) hi = 0x8F; }
    if (k == 0 || k > n) return 0;
    if (s[1] < lo || s[1] > hi) return 0;
    for (size_t i = 2; i < k; i++) if (s[i] < 0x80 || s[i] > 0xBF) return 0;
    return k;
}

std::string lower_utf8(const char * text, size_t len) {
    std::vector<uint32_t> cps;
    decode_utf8(text, len, &cps);
    std::string out;
    out.reserve(len);
    for (const uint32_t c : cps) {
        uint32_t lower[3];
        const int n = to_lower(c, lower);
        for (int i = 0; i < n; i++) append_utf8(lower[i], &out);
    }
    return out;
}

void append_utf8(uint32_t cp, std::string * out) {
    if (cp < 0x80) {
        out->push_back((char) cp);
    } else if (cp < 0x800) {
        out->push_back((char) (0xC0 | (cp >> 6)));
        out->push_back((char) (0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out->push_back((char) (0xE0 | (cp >> 12)));
        out->push_back((char) (0x80 | ((cp >> 6) & 0x3F)));
        out->push_back((char) (0x80 | (cp & 0x3F)));
    } else {
        out->push_back((char) (0xF0 | (cp >> 18)));
        out->push_back((char) (0x80 | ((cp >> 12) & 0x3F)));
        out->push_back((char) (0x80 | ((cp >> 6) & 0x3F)));
        out->push_back((char) (0x80 | (cp & 0x3F)));
    }
}

static inline uint8_t flags_of(uint32_t cp) {
    if (cp >= 0x110000) return t::FLAG_C;
    const uint8_t block = t::flags_stage1[cp >> t::FLAGS_BLOCK_SHIFT];
    return t::flags_stage2[block][cp & ((1u << t::FLAGS_BLOCK_SHIFT) - 1)];
}

bool is_category_c(uint32_t cp)   { return flags_of(cp) & t::FLAG_C; }
bool is_category_zs(uint32_t cp)  { return flags_of(cp) & t::FLAG_ZS; }
bool is_category_p(uint32_t cp)   { return flags_of(cp) & t::FLAG_P; }
bool is_category_mn(uint32_t cp)  { return flags_of(cp) & t::FLAG_MN; }
bool is_python_space(uint32_t cp) { return flags_of(cp) & t::FLAG_SPACE; }

// Index of the entry whose key equals cp in a table sorted by key, or -1.
template <typename T, size_t N, typename Key>
static int find_sorted(const T (&table)[N], uint32_t cp, Key key) {
    size_t lo = 0, hi = N;
    while (lo < hi) {
        const size_t mid = (lo + hi) / 2;
        if (key(table[mid]) < cp) lo = mid + 1;
        else hi = mid;
    }
    return lo < N && key(table[lo]) == cp ? (int) lo : -1;
}

int to_lower(uint32_t cp, uint32_t out[3]) {
    if (cp < 0x80) {
        out[0] = cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
        return 1;
    }
    const int m = find_sorted(t::lower_multi, cp, [](const t::lower_multi_entry & e) { return e.cp; });
    if (m >= 0) {
        for (uint32_t i = 0; i < t::lower_multi[m].n; i++) out[i] = t::lower_multi[m].lower[i];
        return (int) t::lower_multi[m].n;
    }
    const int s = find_sorted(t::lower_simple, cp, [](const t::lower_entry & e) { return e.cp; });
    out[0] = s >= 0 ? t::lower_simple[s].lower : cp;
    return 1;
}

bool is_upper(uint32_t cp) {
    uint32_t lower[3];
    return to_lower(cp, lower) != 1 || lower[0] != cp;
}

// The table is sorted by capital, so this is a scan: it serves the few letters of a name, and a
// second table sorted by small letter would double the data for that.
bool is_lower(uint32_t cp) {
    if (cp < 0x80) return cp >= 'a' && cp <= 'z';
    for (const t::lower_entry & e : t::lower_simple) {
        if (e.lower == cp) return true;
    }
    return false;
}

void decompose(uint32_t cp, std::vector<uint32_t> * out) {
    // Hangul syllables decompose by arithmetic (Unicode 3.12): L V or L V T jamo.
    constexpr uint32_t S_BASE = 0xAC00, L_BASE = 0x1100, V_BASE = 0x1161, T_BASE = 0x11A7;
    constexpr uint32_t V_COUNT = 21, T_COUNT = 28, N_COUNT = V_COUNT * T_COUNT, S_COUNT = 19 * N_COUNT;
    if (cp >= S_BASE && cp < S_BASE + S_COUNT) {
        const uint32_t s = cp - S_BASE;
        out->push_back(L_BASE + s / N_COUNT);
        out->push_back(V_BASE + (s % N_COUNT) / T_COUNT);
        if (s % T_COUNT != 0) out->push_back(T_BASE + s % T_COUNT);
        return;
    }
    if (cp < 0xC0) {
        out->push_back(cp);
        return;
    }
    const int d = find_sorted(t::decomp_index, cp, [](const t::decomp_entry & e) { return e.cp; });
    if (d < 0) {
        out->push_back(cp);
        return;
    }
    for (int i = 0; i < t::decomp_index[d].n; i++) out->push_back(t::decomp_pool[t::decomp_index[d].start + i]);
}

uint8_t combining_class(uint32_t cp) {
    if (cp < 0x300) return 0;
    size_t lo = 0, hi = sizeof t::ccc_ranges / sizeof t::ccc_ranges[0];
    while (lo < hi) {
        const size_t mid = (lo + hi) / 2;
        if (t::ccc_ranges[mid].last < cp) lo = mid + 1;
        else hi = mid;
    }
    if (lo < sizeof t::ccc_ranges / sizeof t::ccc_ranges[0] && t::ccc_ranges[lo].first <= cp) return t::ccc_ranges[lo].ccc;
    return 0;
}

} // namespace mab::unicode
