// BertTokenizer's BasicTokenizer with per-character bookkeeping: text cleaning, CJK splitting,
// whitespace splitting, accent stripping and punctuation splitting, where every character of the
// result remembers the original character it came from (the offsets of ../shared/golden/README.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace mab {

// A normalised character and the index, in code points of the original text, of the character it
// came from.
struct nchar {
    uint32_t cp;
    int32_t  orig;
};

using token_set = std::set<std::string, std::less<>>;

struct basic_options {
    bool clean_text             = true;  // drop NUL, U+FFFD and C* characters; map whitespace to ' '
    bool tokenize_chinese_chars = true;  // put spaces around CJK ideographs
    bool strip_accents          = false; // NFD, then drop Mn characters
    // Words kept whole (no accent stripping, no punctuation split): never_split of
    // tokenizer_config.json plus every special token.
    const token_set * never_split = nullptr;
    // Sorted first code points of the never_split words: most words are ruled out by this alone.
    const std::vector<uint32_t> * never_split_first = nullptr;
};

// One output word: chars[begin, end) of basic_tokenize's output.
struct basic_word {
    uint32_t begin;
    uint32_t end;
};

struct basic_scratch {
    std::vector<nchar>    text;
    std::vector<nchar>    word;
    std::vector<uint32_t> decomposed;
    std::string           utf8;
};

// BasicTokenizer.tokenize on seg[0, n). Lower-casing is not done here: BertTokenizer.tokenize has
// already lower-cased the whole text character by character (see tokenizer.cpp), and lower-casing
// is idempotent, so the word-level str.lower() of BasicTokenizer would change nothing.
// Appends the characters of the words to *chars and the words to *words.
void basic_tokenize(const basic_options & opt, const nchar * seg, size_t n, basic_scratch * scratch,
                    std::vector<nchar> * chars, std::vector<basic_word> * words);

// UTF-8 of the code points of c[0, n) into *out.
void nchars_to_utf8(const nchar * c, size_t n, std::string * out);

// BERT's "Chinese character" ranges (CJK Unified Ideographs and extensions, compatibility ideographs).
bool is_cjk_char(uint32_t cp);
// BERT's _is_punctuation: the ASCII non-alphanumeric symbols, or general category P*.
bool is_bert_punctuation(uint32_t cp);

} // namespace mab
