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
    // Token strings, NUL-terminated, concatenated; entry_offset[e] is where entry e starts.
    std::string           arena;
    std::vector<uint32_t> entry_offset;
    std::vector<uint32_t> entry_length;
    std::vector<int32_t>  entry_id;    // the id a lookup of entry e returns (the last one assigned)
    std::vector<int32_t>  id_entry;    // id -> entry, -1 for ids no token has
    std::vector<int32_t>  slots;       // open-addressing hash table of entries, -1 = empty
    size_t                max_token_bytes = 0;

    // Number of distinct tokens (Python's len(vocab)).
    int32_t size() const { return (int32_t) entry_id.size(); }
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
