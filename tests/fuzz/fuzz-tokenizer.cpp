// libFuzzer target for the tokenizer (build: tests/core/tokenizer/tokenizer.cmake).
//
// The first input byte picks what is fuzzed, the rest is the data:
//   mode < 0xC0: the data is text, tokenized by one of four tokenizers over the golden BERT vocabulary
//                (cased / uncased, vocab.txt / tokenizer.json built from it, with an extra special
//                token and a never_split word), then cut into windows whose size and stride come
//                from the mode byte;
//   mode >= 0xC0: the data is a file given to the loader (tokenizer_config.json, tokenizer.json,
//                vocab.txt or special_tokens_map.json), and a tokenizer that loads must tokenize.
// Any crash, sanitizer report or broken invariant (offsets outside the text, empty or decreasing
// spans, windows that do not match the tokens) is a failure: __builtin_trap().
#include "minialbert.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

static mab_tokenizer * g_tok[4];

static std::string read_text(const char * path) {
    std::string s;
    FILE * f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "fuzz-tokenizer: cannot open %s\n", path);
        abort();
    }
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
    fclose(f);
    return s;
}

// A tokenizer.json for the same vocabulary (only what the loader reads).
static std::string tokenizer_json(const std::string & vocab, bool lowercase) {
    std::string v = "{";
    int id = 0;
    size_t start = 0;
    for (size_t i = 0; i <= vocab.size(); i++) {
        if (i == vocab.size() || vocab[i] == '\n') {
            if (i > start || i < vocab.size()) {
                std::string tok;
                for (size_t k = start; k < i; k++) {
                    const char c = vocab[k];
                    if (c == '"' || c == '\\') tok += '\\';
                    tok += c;
                }
                v += (id ? ",\"" : "\"") + tok + "\":" + std::to_string(id);
                id++;
            }
            start = i + 1;
        }
    }
    v += "}";
    return std::string("{\"normalizer\":{\"type\":\"BertNormalizer\",\"lowercase\":") + (lowercase ? "true" : "false") +
           "},\"pre_tokenizer\":{\"type\":\"BertPreTokenizer\"},"
           "\"post_processor\":{\"type\":\"BertProcessing\",\"sep\":[\"[SEP]\",102],\"cls\":[\"[CLS]\",101]},"
           "\"added_tokens\":[{\"id\":103,\"content\":\"[MASK]\",\"special\":true},{\"id\":30000,\"content\":\"<phi>\",\"special\":true}],"
           "\"model\":{\"type\":\"WordPiece\",\"unk_token\":\"[UNK]\",\"vocab\":" + v + "}}";
}

static void check(bool ok) {
    if (!ok) __builtin_trap();
}

static void check_encoding(const mab_encoding * enc, bool windows) {
    const int32_t n     = mab_encoding_n_tokens(enc);
    const int32_t len   = mab_encoding_text_length_codepoints(enc);
    const int32_t len16 = mab_encoding_text_length_utf16(enc);
    check(len <= len16 && len16 <= 2 * len);
    const int32_t * o   = mab_encoding_offsets_codepoints(enc);
    const int32_t * o16 = mab_encoding_offsets_utf16(enc);
    for (int32_t i = 0; i < n; i++) {
        check(0 <= o[2 * i] && o[2 * i] < o[2 * i + 1] && o[2 * i + 1] <= len);
        check(0 <= o16[2 * i] && o16[2 * i] < o16[2 * i + 1] && o16[2 * i + 1] <= len16);
        check(o16[2 * i] >= o[2 * i] && o16[2 * i + 1] - o16[2 * i] >= o[2 * i + 1] - o[2 * i]);
        if (i > 0) check(mab_encoding_word_ids(enc)[i] >= mab_encoding_word_ids(enc)[i - 1]);
        check(mab_encoding_token(enc, i) != nullptr);
    }
    if (!windows) return;
    const int32_t nw = mab_encoding_n_windows(enc);
    check(nw >= 1);
    int32_t covered = 0;
    for (int32_t w = 0; w < nw; w++) {
        const int32_t first = mab_encoding_window_first_token(enc, w);
        const int32_t L     = mab_encoding_window_length(enc, w);
        check(first >= 0 && first <= covered && L >= 2 && first + L - 2 <= n);
        for (int32_t i = 0; i + 2 < L; i++) {
            check(mab_encoding_window_ids(enc, w)[1 + i] == mab_encoding_ids(enc)[first + i]);
            check(mab_encoding_window_offsets_utf16(enc, w)[2 * (1 + i)] == o16[2 * (first + i)]);
        }
        covered = first + L - 2;
    }
    check(covered == n);
}

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
    const std::string vocab  = read_text(MAB_GOLDEN_DIR "/tokenizer/vocab-cased.txt");
    const std::string map    = "{\"additional_special_tokens\": [\"<phi>\"]}";
    const std::string cased  = "{\"do_lower_case\": false, \"never_split\": [\"N/A\"]}";
    const std::string lower  = "{\"do_lower_case\": true, \"never_split\": [\"n/a\"]}";
    const std::string fast_c = tokenizer_json(vocab, false), fast_l = tokenizer_json(vocab, true);
    bool ok = mab_tokenizer_load_from_buffers(vocab.data(), vocab.size(), cased.data(), cased.size(), map.data(), map.size(),
                                              nullptr, 0, &g_tok[0]) == MAB_STATUS_OK &&
              mab_tokenizer_load_from_buffers(vocab.data(), vocab.size(), lower.data(), lower.size(), map.data(), map.size(),
                                              nullptr, 0, &g_tok[1]) == MAB_STATUS_OK &&
              mab_tokenizer_load_from_buffers(nullptr, 0, nullptr, 0, nullptr, 0, fast_c.data(), fast_c.size(), &g_tok[2]) == MAB_STATUS_OK &&
              mab_tokenizer_load_from_buffers(nullptr, 0, nullptr, 0, nullptr, 0, fast_l.data(), fast_l.size(), &g_tok[3]) == MAB_STATUS_OK;
    if (!ok) {
        fprintf(stderr, "fuzz-tokenizer: cannot load the tokenizers: %s\n", mab_last_error());
        abort();
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t * data, size_t size) {
    if (size < 1) return 0;
    const uint8_t mode = data[0];
    const char *  text = (const char *) data + 1;
    const size_t  len  = size - 1;

    if (mode >= 0xC0) {
        static const char small_vocab[] = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\na\n##b\nab\n.\n";
        mab_tokenizer * tok = nullptr;
        mab_status st;
        switch (mode & 3) {
            case 0:  st = mab_tokenizer_load_from_buffers(small_vocab, sizeof small_vocab - 1, text, len, nullptr, 0, nullptr, 0, &tok); break;
            case 1:  st = mab_tokenizer_load_from_buffers(nullptr, 0, nullptr, 0, nullptr, 0, text, len, &tok); break;
            case 2:  st = mab_tokenizer_load_from_buffers(text, len, nullptr, 0, nullptr, 0, nullptr, 0, &tok); break;
            default: st = mab_tokenizer_load_from_buffers(small_vocab, sizeof small_vocab - 1, nullptr, 0, text, len, nullptr, 0, &tok); break;
        }
        check((st == MAB_STATUS_OK) == (tok != nullptr));
        if (tok) {
            static const char sample[] = "ab AB a.b [CLS] x\xC3\xA9 \xE6\x82\xA3 [MASK]ab";
            mab_encoding * enc = nullptr;
            mab_tokenizer_encode_params p = mab_tokenizer_default_encode_params();
            p.max_length = 8;
            check(mab_tokenizer_encode(tok, sample, sizeof sample - 1, p, &enc) == MAB_STATUS_OK || enc == nullptr);
            if (enc) check_encoding(enc, true);
            mab_encoding_free(enc);
            mab_tokenizer_free(tok);
        }
        return 0;
    }

    const mab_tokenizer * tok = g_tok[mode & 3];
    mab_encoding * enc = nullptr;
    if (mode & 4) {
        check(mab_tokenizer_tokenize(tok, text, len, &enc) == MAB_STATUS_OK);
        check_encoding(enc, false);
    } else {
        mab_tokenizer_encode_params p = mab_tokenizer_default_encode_params();
        p.max_length = 3 + ((mode >> 3) & 7);
        p.stride     = (mode >> 6) % (p.max_length - 2);
        check(mab_tokenizer_encode(tok, text, len, p, &enc) == MAB_STATUS_OK);
        check_encoding(enc, true);
    }
    mab_encoding_free(enc);
    return 0;
}
