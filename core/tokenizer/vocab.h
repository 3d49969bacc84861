// The WordPiece vocabulary: token string <-> id, with Python dict semantics (a token listed twice
// maps to its last id; every id keeps its own string).
#pragma once

#include "minialbert.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mab {

struct vocab {
    struct entry {
        uint32_t offset; // token string at arena[offset], NUL-terminated
        uint32_t length;
        int32_t  id;     // the id a lookup returns (the last one assigned)
    };
    // A hash slot keeps 32 bits of the hash so most misses never touch the entry.
    struct slot {
        uint32_t hash;
        int32_t  entry; // -1 = empty
    };
    std::string          arena;
    std::vector<entry>   entries;
    std::vector<int32_t> id_entry; // id -> entry, -1 for ids no token has
    std::vector<slot>    slots;    // open addressing, power-of-two size, at most half full
    size_t               max_token_bytes = 0;

    // Number of distinct tokens (Python's len(vocab)).
    int32_t size() const { return (int32_t) entries.size(); }
    // One past the largest id.
    int32_t n_ids() const { return (int32_t) id_entry.size(); }
    // The id of `token`, or -1.
    int32_t find(std::string_view token) const;
    // The token of `id`, or nullptr.
    const char * token(int32_t id) const;
    // Adds token -> id (overwriting the id of a token already present).
    void add(std::string_view token, int32_t id);
};

// Parses vocab.txt as transformers' load_vocab does: UTF-8, one token per line, lines ended by
// "\n", "\r\n" or "\r" (Python's universal newlines), id = line number. `name` is for messages.
mab_status vocab_parse_txt(const char * text, size_t len, const char * name, vocab * out);

} // namespace mab
