// BertTokenizer.tokenize with offsets, the windows for the model, and the C API of the tokenizer.
//
// The steps follow transformers' PreTrainedTokenizer.tokenize and BertTokenizer._tokenize:
//   1. lower-case the text character by character, except the no-split tokens (upstream's
//      re.sub over "(tok1|tok2|...)|(.+?)"), when do_lower_case;
//   2. cut the text at the no-split tokens ([CLS], [MASK], ... found verbatim, even inside words);
//   3. BasicTokenizer on every piece between them (basic-tokenizer.cpp);
//   4. WordpieceTokenizer on every word, except never_split words (wordpiece.cpp).
// Every character carries the index of the original character it came from, which gives the
// offsets of the rule in ../shared/golden/README.md.
#include "tokenizer/tokenizer.h"

#include "loader/reader.h"
#include "status.h"
#include "tokenizer/unicode.h"
#include "tokenizer/wordpiece.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

struct mab_encoding {
    std::vector<int32_t>  ids;
    std::vector<int32_t>  offsets_utf16; // [n][2]
    std::vector<int32_t>  offsets_cp;    // [n][2]
    std::vector<int32_t>  word_ids;
    std::string           token_arena;   // NUL-terminated token strings
    std::vector<uint32_t> token_offset;
    int32_t               text_length_utf16 = 0;
    int32_t               text_length_cp    = 0;

    struct window {
        int32_t              first_token;
        std::vector<int32_t> ids;
        std::vector<int32_t> offsets_utf16;
        std::vector<int32_t> offsets_cp;
    };
    std::vector<window> windows;
};

namespace mab {

namespace {

struct tokenize_state {
    const mab_tokenizer &        tok;
    mab_encoding *               enc;
    std::vector<int32_t>         utf16_pos; // UTF-16 index of each original code point, plus the end
    basic_options                basic;
    wordpiece_options            wordpiece;
    basic_scratch                basic_buf;
    wordpiece_scratch            wordpiece_buf;
    std::vector<nchar>           chars;
    std::vector<basic_word>      words;
    std::vector<wordpiece_piece> pieces;
    std::string                  utf8;
    int32_t                      n_words = 0;

    explicit tokenize_state(const mab_tokenizer & t, mab_encoding * e) : tok(t), enc(e) {}

    // Appends a token covering the original characters of c[0, n).
    void emit(const char * text, size_t text_len, int32_t id, const nchar * c, size_t n) {
        int32_t begin = c[0].orig, end = c[0].orig;
        for (size_t i = 0; i < n; i++) {
            begin = std::min(begin, c[i].orig);
            end   = std::max(end, c[i].orig);
        }
        end += 1;
        enc->ids.push_back(id);
        enc->offsets_cp.push_back(begin);
        enc->offsets_cp.push_back(end);
        enc->offsets_utf16.push_back(utf16_pos[begin]);
        enc->offsets_utf16.push_back(utf16_pos[end]);
        enc->word_ids.push_back(n_words);
        enc->token_offset.push_back((uint32_t) enc->token_arena.size());
        enc->token_arena.append(text, text_len);
        enc->token_arena.push_back('\0');
    }
};

} // namespace

// The no-split token at text[i] that upstream's lower-casing regex protects: the first in sorted
// order that matches. -1 when none.
static int match_first(const mab_tokenizer & tok, const uint32_t * text, size_t n, size_t i) {
    if (!std::binary_search(tok.no_split_first.begin(), tok.no_split_first.end(), text[i])) return -1;
    for (size_t k = 0; k < tok.no_split.size(); k++) {
        const std::vector<uint32_t> & t = tok.no_split[k].cps;
        if (!t.empty() && t.size() <= n - i && std::equal(t.begin(), t.end(), text + i)) return (int) k;
    }
    return -1;
}

// The longest no-split token at text[i] (the split of upstream's trie). -1 when none.
static int match_longest(const mab_tokenizer & tok, const nchar * text, size_t n, size_t i) {
    if (!std::binary_search(tok.no_split_first.begin(), tok.no_split_first.end(), text[i].cp)) return -1;
    int best = -1;
    for (size_t k = 0; k < tok.no_split.size(); k++) {
        const std::vector<uint32_t> & t = tok.no_split[k].cps;
        if (t.empty() || t.size() > n - i) continue;
        if (best >= 0 && t.size() <= tok.no_split[best].cps.size()) continue;
        size_t j = 0;
        while (j < t.size() && text[i + j].cp == t[j]) j++;
        if (j == t.size()) best = (int) k;
    }
    return best;
}

// BertTokenizer._tokenize of the text between two no-split tokens.
static void tokenize_segment(tokenize_state & s, const nchar * seg, size_t n) {
    const mab_tokenizer & tok = s.tok;
    s.chars.clear();
    s.words.clear();
    basic_tokenize(s.basic, seg, n, &s.basic_buf, &s.chars, &s.words);
    for (const basic_word & w : s.words) {
        const nchar * c  = s.chars.data() + w.begin;
        const size_t  cn = w.end - w.begin;
        if (!tok.never_split.empty()) {
            nchars_to_utf8(c, cn, &s.utf8);
            if (tok.never_split.count(std::string_view(s.utf8))) {
                // Kept as it is; its id is convert_tokens_to_ids's (the unknown id when absent).
                const int32_t id = tok.vocab.find(s.utf8);
                s.emit(s.utf8.data(), s.utf8.size(), id >= 0 ? id : tok.unk_id, c, cn);
                s.n_words++;
                continue;
            }
        }
        s.pieces.clear();
        wordpiece_tokenize(s.wordpiece, c, cn, &s.wordpiece_buf, &s.pieces);
        for (const wordpiece_piece & p : s.pieces) {
            const char * text = p.unk ? tok.unk_token.c_str() : tok.vocab.token(p.id);
            s.emit(text, strlen(text), p.id, c + p.begin, p.end - p.begin);
        }
        s.n_words++;
    }
}

static mab_status tokenize_text(const mab_tokenizer & tok, const char * text, size_t len, mab_encoding * enc) {
    if (!text && len > 0) return set_error(MAB_STATUS_INVALID_ARGUMENT, "tokenize: text is NULL but len = %zu", len);
    if (len > MAB_MAX_TEXT_BYTES) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "the text has %zu bytes, more than the %zu supported: split it",
                         len, MAB_MAX_TEXT_BYTES);
    }
    tokenize_state s(tok, enc);
    std::vector<uint32_t> cps;
    unicode::decode_utf8(text, len, &cps);
    const size_t n = cps.size();
    s.utf16_pos.resize(n + 1);
    int32_t u16 = 0;
    for (size_t i = 0; i < n; i++) {
        s.utf16_pos[i] = u16;
        u16 += unicode::utf16_length(cps[i]);
    }
    s.utf16_pos[n] = u16;
    enc->text_length_utf16 = u16;
    enc->text_length_cp    = (int32_t) n;

    s.basic.clean_text             = tok.clean_text;
    s.basic.tokenize_chinese_chars = tok.tokenize_chinese_chars;
    s.basic.strip_accents          = tok.strip_accents;
    s.basic.never_split            = &tok.never_split_all;
    s.basic.never_split_first      = &tok.never_split_first;
    s.wordpiece.vocab                     = &tok.vocab;
    s.wordpiece.continuing_subword_prefix = tok.continuing_subword_prefix;
    s.wordpiece.max_input_chars_per_word  = tok.max_input_chars_per_word;
    s.wordpiece.unk_id                    = tok.unk_id;

    // 1. Lower-case per character; protected no-split tokens are copied as they are.
    std::vector<nchar> text1;
    text1.reserve(n);
    for (size_t i = 0; i < n;) {
        if (tok.do_lower_case) {
            const int k = match_first(tok, cps.data(), n, i);
            if (k >= 0) {
                for (size_t j = 0; j < tok.no_split[k].cps.size(); j++) text1.push_back({cps[i + j], (int32_t) (i + j)});
                i += tok.no_split[k].cps.size();
                continue;
            }
            uint32_t lower[3];
            const int m = unicode::to_lower(cps[i], lower);
            for (int j = 0; j < m; j++) text1.push_back({lower[j], (int32_t) i});
        } else {
            text1.push_back({cps[i], (int32_t) i});
        }
        i++;
    }

    // 2. Cut at the no-split tokens, 3./4. tokenize the pieces between them.
    size_t seg_start = 0;
    for (size_t i = 0; i < text1.size();) {
        const int k = tok.no_split.empty() ? -1 : match_longest(tok, text1.data(), text1.size(), i);
        if (k < 0) {
            i++;
            continue;
        }
        tokenize_segment(s, text1.data() + seg_start, i - seg_start);
        const no_split_token & t = tok.no_split[k];
        s.emit(t.text.data(), t.text.size(), t.id, text1.data() + i, t.cps.size());
        s.n_words++;
        i += t.cps.size();
        seg_start = i;
    }
    tokenize_segment(s, text1.data() + seg_start, text1.size() - seg_start);
    return MAB_STATUS_OK;
}

static mab_status make_windows(const mab_tokenizer & tok, mab_tokenizer_encode_params p, mab_encoding * enc) {
    const int32_t n_begin = p.add_special_tokens ? (int32_t) tok.begin_ids.size() : 0;
    const int32_t n_end   = p.add_special_tokens ? (int32_t) tok.end_ids.size() : 0;
    const int32_t content = p.max_length - n_begin - n_end;
    if (p.max_length <= 0 || content < 1) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "encode: max_length = %d leaves no room for text (%d added tokens)",
                         p.max_length, n_begin + n_end);
    }
    if (p.stride < 0 || p.stride >= content) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "encode: stride = %d, expected 0 <= stride < %d (max_length minus added tokens)",
                         p.stride, content);
    }
    if (p.max_windows < 0) return set_error(MAB_STATUS_INVALID_ARGUMENT, "encode: max_windows = %d, expected >= 0", p.max_windows);
    const int32_t n    = (int32_t) enc->ids.size();
    const int32_t step = content - p.stride;
    for (int32_t first = 0;; first += step) {
        mab_encoding::window w;
        w.first_token = first;
        const int32_t last = std::min(n, first + content);
        auto add = [&](int32_t id, int32_t b16, int32_t e16, int32_t bcp, int32_t ecp) {
            w.ids.push_back(id);
            w.offsets_utf16.push_back(b16);
            w.offsets_utf16.push_back(e16);
            w.offsets_cp.push_back(bcp);
            w.offsets_cp.push_back(ecp);
        };
        for (int32_t i = 0; i < n_begin; i++) add(tok.begin_ids[i], 0, 0, 0, 0);
        for (int32_t i = first; i < last; i++) {
            add(enc->ids[i], enc->offsets_utf16[2 * i], enc->offsets_utf16[2 * i + 1], enc->offsets_cp[2 * i], enc->offsets_cp[2 * i + 1]);
        }
        for (int32_t i = 0; i < n_end; i++) add(tok.end_ids[i], 0, 0, 0, 0);
        enc->windows.push_back(std::move(w));
        if (last >= n || (p.max_windows > 0 && (int32_t) enc->windows.size() >= p.max_windows)) break;
    }
    return MAB_STATUS_OK;
}

// Reads dir/name into a malloc'd buffer; *data stays NULL when the file does not exist.
static mab_status read_optional(const std::string & dir, const char * name, char ** data, size_t * len) {
    *data = nullptr;
    *len  = 0;
    const std::string path = file_in(dir, name);
    FILE * f = fopen(path.c_str(), "rb");
    if (!f) {
        if (errno == ENOENT) return MAB_STATUS_OK;
        return set_error(MAB_STATUS_IO, "cannot open '%s': %s", path.c_str(), strerror(errno));
    }
    fclose(f);
    return read_file(path, (void **) data, len);
}

mab_status tokenizer_check_ids(const mab_tokenizer * tok, int32_t vocab_size) {
    const int32_t n_ids = tok->vocab.n_ids();
    if (n_ids <= vocab_size) return MAB_STATUS_OK;
    // When every token past the model's ids is a special token the vocabulary lacks, the file that
    // named the first is to blame, not vocab.txt.
    const added_special * first = nullptr;
    for (int32_t id = vocab_size; id < n_ids; id++) {
        if (!tok->vocab.token(id)) continue;
        const auto it = std::find_if(tok->added_specials.begin(), tok->added_specials.end(),
                                     [&](const added_special & a) { return a.id == id; });
        if (it == tok->added_specials.end()) {
            first = nullptr;
            break;
        }
        if (!first) first = &*it;
    }
    if (first) {
        return set_error(MAB_STATUS_BAD_TOKENIZER, "%s '%s' is not in vocab.txt, so it got id %d, past the model's vocab_size %d: "
                         "name a token of vocab.txt instead", first->named_in.c_str(), tok->vocab.token(first->id), first->id,
                         vocab_size);
    }
    return set_error(MAB_STATUS_BAD_TOKENIZER, "the tokenizer has %d token ids but the model's vocab_size is %d: the "
                     "vocabulary (vocab.txt or tokenizer.json) is not this model's", n_ids, vocab_size);
}

} // namespace mab

extern "C" {

mab_status mab_tokenizer_load_from_buffers(const char * vocab_txt, size_t vocab_txt_len,
                                           const char * tokenizer_config_json, size_t tokenizer_config_json_len,
                                           const char * special_tokens_map_json, size_t special_tokens_map_json_len,
                                           const char * tokenizer_json, size_t tokenizer_json_len,
                                           mab_tokenizer ** out) {
    if (!out) return mab::set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_tokenizer_load_from_buffers: out is NULL");
    *out = nullptr;
    if (!vocab_txt && !tokenizer_json) {
        return mab::set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_tokenizer_load_from_buffers: need vocab.txt or tokenizer.json");
    }
    mab_tokenizer * tok = new (std::nothrow) mab_tokenizer();
    if (!tok) return mab::set_error(MAB_STATUS_OUT_OF_MEMORY, "out of memory allocating the tokenizer");
    const mab_status st = vocab_txt
        ? mab::tokenizer_load_slow(vocab_txt, vocab_txt_len, tokenizer_config_json, tokenizer_config_json_len,
                                   special_tokens_map_json, special_tokens_map_json_len, tok)
        : mab::tokenizer_load_fast(tokenizer_json, tokenizer_json_len, tok);
    if (st != MAB_STATUS_OK) {
        delete tok;
        return st;
    }
    *out = tok;
    return MAB_STATUS_OK;
}

mab_status mab_tokenizer_load_from_dir(const char * dir, mab_tokenizer ** out) {
    if (!dir || !out) return mab::set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_tokenizer_load_from_dir: dir or out is NULL");
    *out = nullptr;
    const char * names[4] = {"vocab.txt", "tokenizer_config.json", "special_tokens_map.json", "tokenizer.json"};
    char *       data[4]  = {nullptr, nullptr, nullptr, nullptr};
    size_t       len[4]   = {0, 0, 0, 0};
    mab_status   st       = MAB_STATUS_OK;
    for (int i = 0; i < 4 && st == MAB_STATUS_OK; i++) {
        // With vocab.txt present the slow-tokenizer files are used and tokenizer.json is not read.
        if (i == 3 && data[0]) break;
        st = mab::read_optional(dir, names[i], &data[i], &len[i]);
    }
    if (st == MAB_STATUS_OK && !data[0] && !data[3]) {
        st = mab::set_error(MAB_STATUS_IO, "'%s' has neither vocab.txt nor tokenizer.json", dir);
    }
    if (st == MAB_STATUS_OK) {
        st = mab_tokenizer_load_from_buffers(data[0], len[0], data[1], len[1], data[2], len[2], data[3], len[3], out);
        if (st != MAB_STATUS_OK) mab::add_context(st, dir);
    }
    for (char * d : data) free(d);
    return st;
}

void mab_tokenizer_free(mab_tokenizer * tokenizer) { delete tokenizer; }

void mab_tokenizer_get_info(const mab_tokenizer * tok, mab_tokenizer_info * info) {
    if (!tok || !info) return;
    info->n_ids                    = tok->vocab.n_ids();
    info->do_lower_case            = tok->do_lower_case;
    info->strip_accents            = tok->strip_accents;
    info->tokenize_chinese_chars   = tok->tokenize_chinese_chars;
    info->max_input_chars_per_word = tok->max_input_chars_per_word;
    info->model_max_length         = tok->model_max_length;
    info->n_added_begin            = (int32_t) tok->begin_ids.size();
    info->n_added_end              = (int32_t) tok->end_ids.size();
    info->unk_id                   = tok->unk_id;
    info->cls_id                   = tok->cls_id;
    info->sep_id                   = tok->sep_id;
    info->pad_id                   = tok->pad_id;
    info->mask_id                  = tok->mask_id;
}

const char * mab_tokenizer_id_to_token(const mab_tokenizer * tok, int32_t id) { return tok ? tok->vocab.token(id) : nullptr; }

int32_t mab_tokenizer_token_to_id(const mab_tokenizer * tok, const char * token, size_t len) {
    if (!tok || (!token && len > 0)) return -1;
    return tok->vocab.find(std::string_view(token ? token : "", len));
}

mab_status mab_tokenizer_tokenize(const mab_tokenizer * tok, const char * text, size_t len, mab_encoding ** out) {
    if (!tok || !out) return mab::set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_tokenizer_tokenize: tokenizer or out is NULL");
    *out = nullptr;
    mab_encoding * enc = new (std::nothrow) mab_encoding();
    if (!enc) return mab::set_error(MAB_STATUS_OUT_OF_MEMORY, "out of memory allocating an encoding");
    const mab_status st = mab::tokenize_text(*tok, text, len, enc);
    if (st != MAB_STATUS_OK) {
        delete enc;
        return st;
    }
    *out = enc;
    return MAB_STATUS_OK;
}

mab_tokenizer_encode_params mab_tokenizer_default_encode_params(void) {
    mab_tokenizer_encode_params p;
    p.max_length         = 512;
    p.stride             = 0;
    p.max_windows        = 0;
    p.add_special_tokens = 1;
    return p;
}

mab_status mab_tokenizer_encode(const mab_tokenizer * tok, const char * text, size_t len,
                                mab_tokenizer_encode_params params, mab_encoding ** out) {
    if (!tok || !out) return mab::set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_tokenizer_encode: tokenizer or out is NULL");
    *out = nullptr;
    mab_encoding * enc = new (std::nothrow) mab_encoding();
    if (!enc) return mab::set_error(MAB_STATUS_OUT_OF_MEMORY, "out of memory allocating an encoding");
    mab_status st = mab::tokenize_text(*tok, text, len, enc);
    if (st == MAB_STATUS_OK) st = mab::make_windows(*tok, params, enc);
    if (st != MAB_STATUS_OK) {
        delete enc;
        return st;
    }
    *out = enc;
    return MAB_STATUS_OK;
}

void mab_encoding_free(mab_encoding * enc) { delete enc; }

int32_t mab_encoding_n_tokens(const mab_encoding * enc) { return enc ? (int32_t) enc->ids.size() : 0; }
const int32_t * mab_encoding_ids(const mab_encoding * enc) { return enc ? enc->ids.data() : nullptr; }
const int32_t * mab_encoding_offsets_utf16(const mab_encoding * enc) { return enc ? enc->offsets_utf16.data() : nullptr; }
const int32_t * mab_encoding_offsets_codepoints(const mab_encoding * enc) { return enc ? enc->offsets_cp.data() : nullptr; }
const int32_t * mab_encoding_word_ids(const mab_encoding * enc) { return enc ? enc->word_ids.data() : nullptr; }

const char * mab_encoding_token(const mab_encoding * enc, int32_t i) {
    if (!enc || i < 0 || i >= (int32_t) enc->token_offset.size()) return nullptr;
    return enc->token_arena.c_str() + enc->token_offset[i];
}

int32_t mab_encoding_text_length_utf16(const mab_encoding * enc) { return enc ? enc->text_length_utf16 : 0; }
int32_t mab_encoding_text_length_codepoints(const mab_encoding * enc) { return enc ? enc->text_length_cp : 0; }

int32_t mab_encoding_n_windows(const mab_encoding * enc) { return enc ? (int32_t) enc->windows.size() : 0; }

static const mab_encoding::window * window_at(const mab_encoding * enc, int32_t w) {
    if (!enc || w < 0 || w >= (int32_t) enc->windows.size()) return nullptr;
    return &enc->windows[w];
}

int32_t mab_encoding_window_length(const mab_encoding * enc, int32_t w) {
    const mab_encoding::window * win = window_at(enc, w);
    return win ? (int32_t) win->ids.size() : 0;
}
int32_t mab_encoding_window_first_token(const mab_encoding * enc, int32_t w) {
    const mab_encoding::window * win = window_at(enc, w);
    return win ? win->first_token : -1;
}
const int32_t * mab_encoding_window_ids(const mab_encoding * enc, int32_t w) {
    const mab_encoding::window * win = window_at(enc, w);
    return win ? win->ids.data() : nullptr;
}
const int32_t * mab_encoding_window_offsets_utf16(const mab_encoding * enc, int32_t w) {
    const mab_encoding::window * win = window_at(enc, w);
    return win ? win->offsets_utf16.data() : nullptr;
}
const int32_t * mab_encoding_window_offsets_codepoints(const mab_encoding * enc, int32_t w) {
    const mab_encoding::window * win = window_at(enc, w);
    return win ? win->offsets_cp.data() : nullptr;
}

} // extern "C"
