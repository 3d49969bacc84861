// WordpieceTokenizer: greedy longest-match-first split of one word into vocabulary pieces.
#pragma once

#include "tokenizer/basic-tokenizer.h"
#include "tokenizer/vocab.h"

#include <string>
#include <vector>

namespace mab {

struct wordpiece_options {
    const mab::vocab * vocab = nullptr;
    std::string   continuing_subword_prefix = "##";
    int32_t       max_input_chars_per_word  = 100;
    int32_t       unk_id = -1;
};

// A piece: chars [begin, end) of the word, its id, and whether it continues the word (its vocabulary
// string then starts with the continuing prefix). A word that cannot be split, or is longer than
// max_input_chars_per_word, is one piece covering the whole word with id unk_id.
struct wordpiece_piece {
    uint32_t begin;
    uint32_t end;
    int32_t  id;
    bool     unk;
};

struct wordpiece_scratch {
    std::string           utf8;      // the word in UTF-8
    std::vector<uint32_t> char_byte; // byte offset of each character in utf8, plus the end
    std::string           key;
};

// Appends the pieces of word[0, n) to *out.
void wordpiece_tokenize(const wordpiece_options & opt, const nchar * word, size_t n, wordpiece_scratch * scratch,
                        std::vector<wordpiece_piece> * out);

} // namespace mab
