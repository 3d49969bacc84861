#include "pipeline/text-index.h"

#include "status.h"

#include <algorithm>
#include <climits>

namespace mab {

int utf8_next(const uint8_t * s, size_t len, size_t i, uint32_t * cp) {
    const uint8_t b0 = s[i];
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    // Table 3-7 of the Unicode standard: the lead byte fixes the length and the range of the second
    // byte (excluding overlongs, surrogates and values above U+10FFFF).
    int n = 0;
    uint8_t lo = 0x80, hi = 0xBF;
    uint32_t v = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        n = 2, v = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        n = 3, v = b0 & 0x0F;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        n = 4, v = b0 & 0x07;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;
    }
    if (n == 0) {
        *cp = 0xFFFD;
        return 1;
    }
    int k = 1;
    while (k < n && i + k < len) {
        const uint8_t b = s[i + k];
        if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) break;
        v = (v << 6) | (b & 0x3F);
        k++;
    }
    *cp = k == n ? v : 0xFFFD;
    return k;
}

mab_status text_index_build(const char * text, size_t len, text_index * out) {
    if (len > MAB_MAX_TEXT_BYTES) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "the text has %zu bytes, more than the %zu supported: split it", len,
                         MAB_MAX_TEXT_BYTES);
    }
    const uint8_t * s = (const uint8_t *) text;
    out->byte_of_cp.clear();
    out->utf16_of_cp.clear();
    out->byte_of_cp.reserve(len + 1);
    out->utf16_of_cp.reserve(len + 1);
    int32_t u16 = 0;
    size_t  i   = 0;
    while (i < len) {
        uint32_t cp;
        const int n = utf8_next(s, len, i, &cp);
        out->byte_of_cp.push_back((int32_t) i);
        out->utf16_of_cp.push_back(u16);
        u16 += cp > 0xFFFF ? 2 : 1;
        i += (size_t) n;
    }
    out->byte_of_cp.push_back((int32_t) len);
    out->utf16_of_cp.push_back(u16);
    return MAB_STATUS_OK;
}

int32_t text_index::cp_of_byte(int32_t b) const {
    // The last code point whose first byte is <= b.
    auto it = std::upper_bound(byte_of_cp.begin(), byte_of_cp.end(), b);
    return it == byte_of_cp.begin() ? 0 : (int32_t) (it - byte_of_cp.begin()) - 1;
}

int32_t text_index::cp_of_utf16(int32_t u) const {
    auto it = std::upper_bound(utf16_of_cp.begin(), utf16_of_cp.end(), u);
    return it == utf16_of_cp.begin() ? 0 : (int32_t) (it - utf16_of_cp.begin()) - 1;
}

} // namespace mab
