// The tokenizer object behind the C API: configuration resolved from tokenizer_config.json /
// special_tokens_map.json or tokenizer.json, and the vocabulary.
#pragma once

#include "minialbert.h"
#include "tokenizer/basic-tokenizer.h"
#include "tokenizer/vocab.h"

#include <string>
#include <vector>

namespace mab {

// A token matched verbatim in the text before any normalisation ([CLS], [MASK], added tokens).
struct no_split_token {
    std::string           text;
    std::vector<uint32_t> cps;
    int32_t               id;
};

// A special token the vocabulary lacks, which got the next id (sanitize_special_tokens), and where it
// was named ("special_tokens_map.json: cls_token"), for the message when that id is past a model's.
struct added_special {
    int32_t     id;
    std::string named_in;
};

} // namespace mab

struct mab_tokenizer {
    mab::vocab vocab;

    bool        do_lower_case            = true;
    bool        strip_accents            = true; // resolved: strip_accents, or do_lower_case when unset
    bool        tokenize_chinese_chars   = true;
    bool        clean_text               = true;
    int32_t     max_input_chars_per_word = 100;
    std::string continuing_subword_prefix = "##";
    int32_t     model_max_length         = 0;

    mab::token_set never_split;     // tokenizer_config.json never_split: these words skip WordPiece
    mab::token_set never_split_all; // never_split and every special token: kept whole by BasicTokenizer
    std::vector<uint32_t> never_split_first; // sorted first code points of never_split_all

    std::vector<mab::no_split_token> no_split;       // sorted by text (code point order)
    std::vector<uint32_t>            no_split_first; // sorted first code points of no_split
    std::vector<mab::added_special>  added_specials; // by id

    std::string unk_token;
    int32_t     unk_id  = -1;
    int32_t     cls_id  = -1;
    int32_t     sep_id  = -1;
    int32_t     pad_id  = -1;
    int32_t     mask_id = -1;
    // Added around the text of every window (the single-sequence template): [CLS] and [SEP] for BERT.
    std::vector<int32_t> begin_ids;
    std::vector<int32_t> end_ids;
};

namespace mab {

// vocab.txt + tokenizer_config.json + special_tokens_map.json (the last two may be null).
mab_status tokenizer_load_slow(const char * vocab_txt, size_t vocab_len, const char * config_json, size_t config_len,
                               const char * special_map_json, size_t special_map_len, mab_tokenizer * tok);
// tokenizer.json of a BERT WordPiece fast tokenizer.
mab_status tokenizer_load_fast(const char * tokenizer_json, size_t len, mab_tokenizer * tok);
// Sorts the no-split tokens and fills the derived lookups; called by both loaders.
void tokenizer_finish(mab_tokenizer * tok);
// Refuses a tokenizer with ids past the model's vocab_size where the two meet (else only texts that
// happen to use those ids would fail), naming the file that named a special token the vocabulary
// lacks when that is the cause, and the vocabulary otherwise.
mab_status tokenizer_check_ids(const mab_tokenizer * tok, int32_t vocab_size);

} // namespace mab
