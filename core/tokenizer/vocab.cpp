#include "tokenizer/vocab.h"

#include "status.h"

namespace mab {

static uint64_t hash_bytes(std::string_view s) {
    uint64_t h = 1469598103934665603ull; // FNV-1a
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

int32_t vocab::find(std::string_view token) const {
    if (slots.empty() || token.size() > max_token_bytes) return -1;
    const size_t mask = slots.size() - 1;
    for (size_t i = hash_bytes(token) & mask;; i = (i + 1) & mask) {
        const int32_t e = slots[i];
        if (e < 0) return -1;
        if (entry_length[e] == token.size() && std::string_view(arena.data() + entry_offset[e], entry_length[e]) == token) {
            return entry_id[e];
        }
    }
}

const char * vocab::token(int32_t id) const {
    if (id < 0 || id >= n_ids() || id_entry[id] < 0) return nullptr;
    return arena.c_str() + entry_offset[id_entry[id]];
}

void vocab::add(std::string_view token, int32_t id) {
    // Keep the table at most half full.
    if ((entry_id.size() + 1) * 2 > slots.size()) {
        const size_t n = slots.empty() ? 1024 : slots.size() * 2;
        slots.assign(n, -1);
        for (size_t e = 0; e < entry_id.size(); e++) {
            const std::string_view s(arena.data() + entry_offset[e], entry_length[e]);
            size_t i = hash_bytes(s) & (n - 1);
            while (slots[i] >= 0) i = (i + 1) & (n - 1);
            slots[i] = (int32_t) e;
        }
    }
    const size_t mask = slots.size() - 1;
    size_t i = hash_bytes(token) & mask;
    int32_t e = -1;
    for (;; i = (i + 1) & mask) {
        const int32_t s = slots[i];
        if (s < 0) break;
        if (entry_length[s] == token.size() && std::string_view(arena.data() + entry_offset[s], entry_length[s]) == token) {
            e = s;
            break;
        }
    }
    if (e < 0) {
        e = (int32_t) entry_id.size();
        entry_offset.push_back((uint32_t) arena.size());
        entry_length.push_back((uint32_t) token.size());
        entry_id.push_back(id);
        arena.append(token.data(), token.size());
        arena.push_back('\0');
        slots[i] = e;
        if (token.size() > max_token_bytes) max_token_bytes = token.size();
    }
    entry_id[e] = id;
    if (id >= n_ids()) id_entry.resize((size_t) id + 1, -1);
    id_entry[id] = e;
}

// Length of the well-formed UTF-8 sequence at s (up to n bytes), or 0.
static size_t utf8_sequence_length(const unsigned char * s, size_t n) {
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

mab_status vocab_parse_txt(const char * text, size_t len, const char * name, vocab * out) {
    *out = vocab{};
    const unsigned char * s = (const unsigned char *) text;
    size_t  line_start = 0;
    int32_t line = 0;
    size_t  i = 0;
    while (i < len) {
        if (s[i] == '\n' || s[i] == '\r') {
            if (line == INT32_MAX) return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: too many lines", name);
            out->add(std::string_view(text + line_start, i - line_start), line++);
            i += (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
            line_start = i;
            continue;
        }
        const size_t k = utf8_sequence_length(s + i, len - i);
        if (k == 0) {
            return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: line %d is not valid UTF-8 (byte 0x%02X at offset %zu)",
                             name, line + 1, s[i], i);
        }
        i += k;
    }
    if (line_start < len) out->add(std::string_view(text + line_start, len - line_start), line++);
    if (out->size() == 0) return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: the vocabulary is empty", name);
    return MAB_STATUS_OK;
}

} // namespace mab
