#include "tokenizer/vocab.h"

#include "status.h"
#include "tokenizer/unicode.h"

#include <cstring>

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
    const uint64_t h    = hash_bytes(token);
    const uint32_t h32  = (uint32_t) (h >> 32);
    const size_t   mask = slots.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        const slot & s = slots[i];
        if (s.entry < 0) return -1;
        if (s.hash != h32) continue;
        const entry & e = entries[s.entry];
        if (e.length == token.size() && memcmp(arena.data() + e.offset, token.data(), e.length) == 0) return e.id;
    }
}

const char * vocab::token(int32_t id) const {
    if (id < 0 || id >= n_ids() || id_entry[id] < 0) return nullptr;
    return arena.c_str() + entries[id_entry[id]].offset;
}

void vocab::add(std::string_view token, int32_t id) {
    if ((entries.size() + 1) * 2 > slots.size()) {
        const size_t n = slots.empty() ? 1024 : slots.size() * 2;
        slots.assign(n, slot{0, -1});
        for (size_t k = 0; k < entries.size(); k++) {
            const uint64_t h = hash_bytes(std::string_view(arena.data() + entries[k].offset, entries[k].length));
            size_t i = h & (n - 1);
            while (slots[i].entry >= 0) i = (i + 1) & (n - 1);
            slots[i] = {(uint32_t) (h >> 32), (int32_t) k};
        }
    }
    const uint64_t h    = hash_bytes(token);
    const uint32_t h32  = (uint32_t) (h >> 32);
    const size_t   mask = slots.size() - 1;
    size_t  i = h & mask;
    int32_t k = -1;
    for (;; i = (i + 1) & mask) {
        const slot & s = slots[i];
        if (s.entry < 0) break;
        const entry & e = entries[s.entry];
        if (s.hash == h32 && e.length == token.size() && memcmp(arena.data() + e.offset, token.data(), e.length) == 0) {
            k = s.entry;
            break;
        }
    }
    if (k < 0) {
        k = (int32_t) entries.size();
        entries.push_back({(uint32_t) arena.size(), (uint32_t) token.size(), id});
        arena.append(token.data(), token.size());
        arena.push_back('\0');
        slots[i] = {h32, k};
        if (token.size() > max_token_bytes) max_token_bytes = token.size();
    }
    entries[k].id = id;
    if (id >= n_ids()) id_entry.resize((size_t) id + 1, -1);
    id_entry[id] = k;
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
        const size_t k = unicode::utf8_sequence_length(s + i, len - i);
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
