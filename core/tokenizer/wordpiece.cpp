#include "tokenizer/wordpiece.h"

#include "tokenizer/unicode.h"

namespace mab {

void wordpiece_tokenize(const wordpiece_options & opt, const nchar * word, size_t n, wordpiece_scratch * scratch,
                        std::vector<wordpiece_piece> * out) {
    if (n == 0) return;
    // The limit counts characters (code points) of the normalised word, as len(list(token)) does.
    if (n > (size_t) opt.max_input_chars_per_word) {
        out->push_back({0, (uint32_t) n, opt.unk_id, true});
        return;
    }
    std::string & utf8 = scratch->utf8;
    utf8.clear();
    scratch->char_byte.resize(n + 1);
    for (size_t i = 0; i < n; i++) {
        scratch->char_byte[i] = (uint32_t) utf8.size();
        unicode::append_utf8(word[i].cp, &utf8);
    }
    scratch->char_byte[n] = (uint32_t) utf8.size();

    const size_t first_piece = out->size();
    const std::string & prefix = opt.continuing_subword_prefix;
    const size_t max_bytes = opt.vocab->max_token_bytes;
    size_t start = 0;
    while (start < n) {
        const size_t  head  = start > 0 ? prefix.size() : 0;
        int32_t       id    = -1;
        size_t        end   = n;
        // Longest first; candidates longer than the longest vocabulary entry cannot match.
        while (end > start && head + scratch->char_byte[end] - scratch->char_byte[start] > max_bytes) end--;
        for (; end > start; end--) {
            const std::string_view piece(utf8.data() + scratch->char_byte[start], scratch->char_byte[end] - scratch->char_byte[start]);
            if (head == 0) {
                id = opt.vocab->find(piece);
            } else {
                scratch->key.assign(prefix);
                scratch->key.append(piece);
                id = opt.vocab->find(scratch->key);
            }
            if (id >= 0) break;
        }
        if (id < 0) {
            out->resize(first_piece);
            out->push_back({0, (uint32_t) n, opt.unk_id, true});
            return;
        }
        out->push_back({(uint32_t) start, (uint32_t) end, id, false});
        start = end;
    }
}

} // namespace mab
