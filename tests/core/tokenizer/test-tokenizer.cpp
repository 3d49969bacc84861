// BertTokenizer parity: every case of ../shared/golden/tokenizer/cases.json, cased and uncased
// (tokens, ids, [CLS]/[SEP] ids, offsets in UTF-16 units and code points), then properties that must
// hold for any text, the windows for the model, and the error paths of loading.
#define BOOST_TEST_MODULE tokenizer
#include <boost/test/unit_test.hpp>

#include "core/tokenizer/golden-tokenizer.h"
#include "minialbert.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

using json = nlohmann::json;

static std::string hex_to_bytes(const std::string & hex) {
    std::string out;
    for (size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back((char) std::stoi(hex.substr(i, 2), nullptr, 16));
    return out;
}

// A tokenizer over `vocab` with a tokenizer_config.json of `config` (may be empty).
struct tokenizer_handle {
    mab_tokenizer * tok = nullptr;
    tokenizer_handle(const std::string & vocab, const std::string & config, const std::string & special_map = "") {
        const mab_status st = mab_tokenizer_load_from_buffers(vocab.data(), vocab.size(), config.empty() ? nullptr : config.data(),
                                                              config.size(), special_map.empty() ? nullptr : special_map.data(),
                                                              special_map.size(), nullptr, 0, &tok);
        BOOST_REQUIRE_MESSAGE(st == MAB_STATUS_OK, "load: " << mab_status_name(st) << ": " << mab_last_error());
    }
    ~tokenizer_handle() { mab_tokenizer_free(tok); }
};

struct result {
    std::vector<std::string> tokens;
    std::vector<int32_t>     ids;
    std::vector<int32_t>     offsets_utf16;
    std::vector<int32_t>     offsets_cp;
};

static result tokenize(const mab_tokenizer * tok, const std::string & text) {
    mab_encoding * enc = nullptr;
    const mab_status st = mab_tokenizer_tokenize(tok, text.data(), text.size(), &enc);
    BOOST_REQUIRE_MESSAGE(st == MAB_STATUS_OK, mab_last_error());
    result r;
    const int32_t n = mab_encoding_n_tokens(enc);
    for (int32_t i = 0; i < n; i++) r.tokens.push_back(mab_encoding_token(enc, i));
    r.ids.assign(mab_encoding_ids(enc), mab_encoding_ids(enc) + n);
    r.offsets_utf16.assign(mab_encoding_offsets_utf16(enc), mab_encoding_offsets_utf16(enc) + 2 * n);
    r.offsets_cp.assign(mab_encoding_offsets_codepoints(enc), mab_encoding_offsets_codepoints(enc) + 2 * n);
    mab_encoding_free(enc);
    return r;
}

static std::vector<int32_t> flatten_pairs(const json & pairs) {
    std::vector<int32_t> out;
    for (const json & p : pairs) {
        out.push_back(p[0].get<int32_t>());
        out.push_back(p[1].get<int32_t>());
    }
    return out;
}

static void check_golden_run(const char * run, const std::string & config) {
    tokenizer_handle h(golden_vocab(), config);
    int n_cases = 0;
    for (const json & c : golden_cases()["cases"]) {
        const std::string text = hex_to_bytes(c["text_utf8_hex"].get<std::string>());
        const json &      want = c[run];
        const result      got  = tokenize(h.tok, text);
        BOOST_TEST_CONTEXT("case " << c["id"].get<int>() << " (" << run << "): " << c["text"].dump()) {
            BOOST_TEST(got.tokens == want["tokens"].get<std::vector<std::string>>(), boost::test_tools::per_element());
            BOOST_TEST(got.ids == want["ids"].get<std::vector<int32_t>>(), boost::test_tools::per_element());
            BOOST_TEST(got.offsets_cp == flatten_pairs(want["offsets_cp"]), boost::test_tools::per_element());
            BOOST_TEST(got.offsets_utf16 == flatten_pairs(want["offsets_utf16"]), boost::test_tools::per_element());

            // encode(): [CLS] ids [SEP], the added tokens at [0, 0].
            mab_tokenizer_encode_params p = mab_tokenizer_default_encode_params();
            p.max_length = 100000;
            mab_encoding * enc = nullptr;
            BOOST_REQUIRE(mab_tokenizer_encode(h.tok, text.data(), text.size(), p, &enc) == MAB_STATUS_OK);
            BOOST_REQUIRE_EQUAL(mab_encoding_n_windows(enc), 1);
            const int32_t L = mab_encoding_window_length(enc, 0);
            const std::vector<int32_t> ids(mab_encoding_window_ids(enc, 0), mab_encoding_window_ids(enc, 0) + L);
            const std::vector<int32_t> offs(mab_encoding_window_offsets_codepoints(enc, 0),
                                            mab_encoding_window_offsets_codepoints(enc, 0) + 2 * L);
            BOOST_TEST(ids == want["input_ids"].get<std::vector<int32_t>>(), boost::test_tools::per_element());
            BOOST_TEST(offs == flatten_pairs(want["input_offsets_cp"]), boost::test_tools::per_element());
            BOOST_TEST(mab_encoding_text_length_codepoints(enc) == c["len_cp"].get<int32_t>());
            BOOST_TEST(mab_encoding_text_length_utf16(enc) == c["len_utf16"].get<int32_t>());
            mab_encoding_free(enc);
        }
        n_cases++;
    }
    BOOST_TEST(n_cases == 62);
}

BOOST_AUTO_TEST_SUITE(golden)

BOOST_AUTO_TEST_CASE(cased) { check_golden_run("cased", R"({"do_lower_case": false})"); }
BOOST_AUTO_TEST_CASE(uncased) { check_golden_run("uncased", R"({"do_lower_case": true})"); }

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------
// Properties that hold for any text.

// Code point -> UTF-16 index table of a UTF-8 text, decoded independently of the tokenizer (valid
// UTF-8 only).
static std::vector<int32_t> utf16_positions(const std::string & s) {
    std::vector<int32_t> pos;
    int32_t u16 = 0;
    for (size_t i = 0; i < s.size();) {
        const unsigned char b = s[i];
        const int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        pos.push_back(u16);
        u16 += len == 4 ? 2 : 1;
        i += len;
    }
    pos.push_back(u16);
    return pos;
}

static void check_offsets(const result & r, int32_t len_cp, int32_t len_utf16, const std::string & what) {
    BOOST_TEST_CONTEXT(what) {
        for (size_t i = 0; i < r.ids.size(); i++) {
            const int32_t b = r.offsets_cp[2 * i], e = r.offsets_cp[2 * i + 1];
            const int32_t b16 = r.offsets_utf16[2 * i], e16 = r.offsets_utf16[2 * i + 1];
            BOOST_TEST_REQUIRE((0 <= b && b < e && e <= len_cp), "token " << i << " cp offsets [" << b << ", " << e << ")");
            BOOST_TEST_REQUIRE((0 <= b16 && b16 < e16 && e16 <= len_utf16), "token " << i << " utf16 offsets");
            if (i > 0) {
                BOOST_TEST_REQUIRE(b >= r.offsets_cp[2 * i - 2], "token " << i << " starts before token " << i - 1);
                BOOST_TEST_REQUIRE(e >= r.offsets_cp[2 * i - 1], "token " << i << " ends before token " << i - 1);
                // Tokens of different words never overlap.
                BOOST_TEST_REQUIRE((b >= r.offsets_cp[2 * i - 1] || b == r.offsets_cp[2 * i - 2]), "token " << i << " overlaps");
            }
        }
    }
}

// Random text from pieces that exercise every stage: ASCII words and punctuation, spaces of several
// kinds, accents (precomposed and combining), CJK, Hangul, emoji (astral, ZWJ), control and format
// characters, literal special tokens, long runs.
static std::string random_text(std::mt19937 & rng, int n_pieces) {
    static const char * pieces[] = {
        "patient", "Smith", "admitted", "on", "03/14/2021", ".", ",", "-", "'", "(", ")", " ", " ", " ", "  ", "\t", "\n",
        "\r\n", "\xC2\xA0", "\xE2\x80\x89", "\xE3\x80\x80", "Jos\xC3\xA9", "Jose\xCC\x81", "\xC3\x85ngstr\xC3\xB6m",
        "\xE6\x82\xA3\xE8\x80\x85", "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4", "\xF0\x9F\x98\x80", "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9",
        "\x07", "\x1B", "\xE2\x80\x8B", "\xEF\xBB\xBF", "\xC2\xAD", "\xC2\x85", "\x0B", "\xE2\x80\xA8", "[CLS]", "[SEP]",
        "[MASK]", "[UNK]", "[CL", "S]", "\xC4\xB0", "\xCE\xA3", "stra\xC3\x9F" "e", "\xEF\xBD\x86\xEF\xBD\x95", "x\xC2\xB2",
        "\xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\xA8\xE0\xA5\x8D\xE0\xA4\xA6\xE0\xA5\x80", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "\xEE\x80\x80", "\xF3\xA0\x82\x80", "\xEF\xBF\xBD", "mg/dL", "q6h", "O'Neil-Brown",
    };
    std::uniform_int_distribution<size_t> pick(0, sizeof pieces / sizeof pieces[0] - 1);
    std::string s;
    for (int i = 0; i < n_pieces; i++) s += pieces[pick(rng)];
    return s;
}

BOOST_AUTO_TEST_SUITE(properties)

BOOST_AUTO_TEST_CASE(random_text_offsets_valid_and_monotonic) {
    tokenizer_handle cased(golden_vocab(), R"({"do_lower_case": false})");
    tokenizer_handle uncased(golden_vocab(), R"({"do_lower_case": true})");
    std::mt19937 rng(42);
    for (int iter = 0; iter < 300; iter++) {
        const std::string text = random_text(rng, 1 + iter % 40);
        const std::vector<int32_t> pos = utf16_positions(text);
        const int32_t len_cp = (int32_t) pos.size() - 1, len_utf16 = pos.back();
        for (const mab_tokenizer * tok : {cased.tok, uncased.tok}) {
            const result r = tokenize(tok, text);
            check_offsets(r, len_cp, len_utf16, "iteration " + std::to_string(iter));
            // Both units describe the same characters.
            for (size_t i = 0; i < 2 * r.ids.size(); i++) BOOST_TEST_REQUIRE(r.offsets_utf16[i] == pos[r.offsets_cp[i]]);
        }
    }
}

BOOST_AUTO_TEST_CASE(ascii_pieces_spell_their_text) {
    // In cased mode, an ASCII word piece is exactly the text its offsets cover (minus "##").
    tokenizer_handle cased(golden_vocab(), R"({"do_lower_case": false})");
    const std::string text = "Pt is a 45yo M w/ h/o HTN, DM2; BP 142/91, SpO2 96% on RA. Metoprolol 25mg PO BID x3 days.";
    const result r = tokenize(cased.tok, text);
    BOOST_REQUIRE(!r.ids.empty());
    for (size_t i = 0; i < r.ids.size(); i++) {
        std::string t = r.tokens[i];
        if (t.rfind("##", 0) == 0) t = t.substr(2);
        BOOST_TEST(text.substr(r.offsets_cp[2 * i], r.offsets_cp[2 * i + 1] - r.offsets_cp[2 * i]) == t);
    }
}

// A text past MAB_MAX_TEXT_BYTES is refused before any work; one at the limit is tokenized.
BOOST_AUTO_TEST_CASE(text_longer_than_the_limit_is_refused) {
    tokenizer_handle cased(golden_vocab(), R"({"do_lower_case": false})");
    const std::string huge(MAB_MAX_TEXT_BYTES + 1, ' ');
    mab_encoding * enc = nullptr;
    BOOST_TEST(mab_tokenizer_tokenize(cased.tok, huge.data(), huge.size(), &enc) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(std::string(mab_last_error()).find("split it") != std::string::npos, mab_last_error());
    BOOST_TEST(enc == nullptr);
    BOOST_REQUIRE(mab_tokenizer_tokenize(cased.tok, huge.data(), huge.size() - 1, &enc) == MAB_STATUS_OK);
    BOOST_TEST(mab_encoding_n_tokens(enc) == 0); // spaces only
    mab_encoding_free(enc);
}

BOOST_AUTO_TEST_CASE(malformed_utf8_reads_as_replacement_characters) {
    tokenizer_handle cased(golden_vocab(), R"({"do_lower_case": false})");
    // Bytes, then the number of code points TextDecoder / Python's errors="replace" produce.
    const std::pair<std::string, int32_t> cases[] = {
        {"\xC0\xAF", 2},              // overlong: C0 is never valid
        {"\xE0\x80\x80", 3},          // overlong 3-byte: E0 needs A0..BF next
        {"\xED\xA0\x80", 3},          // UTF-16 surrogate D800
        {"\xF0\x9F\x98", 1},          // truncated 4-byte sequence: one maximal subpart
        {"\xF4\x90\x80\x80", 4},      // above U+10FFFF
        {"a\xFF" "b", 3},
        {"\xE2\x82", 1},
        {"\xE2\x82" "A", 2},
        {"\x80\x80\x80", 3},
        {"\xF0\x9F\x98\x80", 1},      // valid U+1F600
    };
    for (const auto & [bytes, n_cp] : cases) {
        mab_encoding * enc = nullptr;
        BOOST_REQUIRE(mab_tokenizer_tokenize(cased.tok, bytes.data(), bytes.size(), &enc) == MAB_STATUS_OK);
        BOOST_TEST(mab_encoding_text_length_codepoints(enc) == n_cp);
        mab_encoding_free(enc);
    }
    // U+FFFD is removed by the cleaner without splitting the word, and owns no position.
    const result r = tokenize(cased.tok, "Pat\xFFient");
    BOOST_TEST(r.tokens == (std::vector<std::string>{"Pat", "##ient"}), boost::test_tools::per_element());
    BOOST_TEST(r.offsets_cp == (std::vector<int32_t>{0, 3, 4, 8}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(random_bytes_never_fail) {
    tokenizer_handle uncased(golden_vocab(), R"({"do_lower_case": true})");
    std::mt19937 rng(7);
    for (int iter = 0; iter < 500; iter++) {
        std::string bytes(1 + rng() % 200, '\0');
        for (char & c : bytes) c = (char) (rng() % 4 == 0 ? rng() % 128 : rng() % 256);
        mab_encoding * enc = nullptr;
        BOOST_REQUIRE(mab_tokenizer_tokenize(uncased.tok, bytes.data(), bytes.size(), &enc) == MAB_STATUS_OK);
        const int32_t n = mab_encoding_n_tokens(enc);
        const int32_t len_cp = mab_encoding_text_length_codepoints(enc), len16 = mab_encoding_text_length_utf16(enc);
        BOOST_TEST_REQUIRE(len_cp <= (int32_t) bytes.size());
        BOOST_TEST_REQUIRE(len16 >= len_cp);
        for (int32_t i = 0; i < n; i++) {
            const int32_t * o = mab_encoding_offsets_codepoints(enc) + 2 * i;
            const int32_t * o16 = mab_encoding_offsets_utf16(enc) + 2 * i;
            BOOST_TEST_REQUIRE((0 <= o[0] && o[0] < o[1] && o[1] <= len_cp));
            BOOST_TEST_REQUIRE((0 <= o16[0] && o16[0] < o16[1] && o16[1] <= len16));
            BOOST_TEST_REQUIRE(mab_encoding_token(enc, i) != nullptr);
        }
        mab_encoding_free(enc);
    }
}

BOOST_AUTO_TEST_CASE(very_long_input) {
    tokenizer_handle uncased(golden_vocab(), R"({"do_lower_case": true})");
    // 2 MB of text: the token count scales with the repetitions and offsets reach the end.
    const std::string unit = "Patient John Smith was admitted on 03/14/2021 with chest pain; BP 142/91. ";
    std::string text;
    while (text.size() < (2u << 20)) text += unit;
    const result one  = tokenize(uncased.tok, unit);
    const result all  = tokenize(uncased.tok, text);
    const size_t reps = text.size() / unit.size();
    BOOST_TEST(all.ids.size() == one.ids.size() * reps);
    BOOST_TEST(all.offsets_cp.back() == (int32_t) (text.size() - 1)); // the last "." (a space follows)
    check_offsets(all, (int32_t) text.size(), (int32_t) text.size(), "2 MB text");

    // One 1 MB word: more than 100 characters, so a single [UNK] over the whole word.
    const std::string word(1u << 20, 'a');
    const result w = tokenize(uncased.tok, " " + word + " ");
    BOOST_TEST(w.tokens == (std::vector<std::string>{"[UNK]"}), boost::test_tools::per_element());
    BOOST_TEST(w.offsets_cp == (std::vector<int32_t>{1, (int32_t) word.size() + 1}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------
// Windows for the model.

BOOST_AUTO_TEST_SUITE(windows)

static std::vector<int32_t> window_ids(const mab_encoding * enc, int32_t w) {
    return std::vector<int32_t>(mab_encoding_window_ids(enc, w), mab_encoding_window_ids(enc, w) + mab_encoding_window_length(enc, w));
}

BOOST_AUTO_TEST_CASE(overlapping_windows_cover_every_token) {
    tokenizer_handle h(golden_vocab(), R"({"do_lower_case": false})");
    const std::string text = golden_cases()["cases"][1]["text"].get<std::string>() + " " +
                             golden_cases()["cases"][2]["text"].get<std::string>();
    mab_tokenizer_info info;
    mab_tokenizer_get_info(h.tok, &info);
    BOOST_TEST(info.cls_id == 101);
    BOOST_TEST(info.sep_id == 102);
    BOOST_TEST(info.unk_id == 100);
    BOOST_TEST(info.pad_id == 0);
    BOOST_TEST(info.mask_id == 103);

    for (const int32_t max_length : {3, 4, 10, 17}) {
        for (int32_t stride = 0; stride < max_length - 2; stride++) {
            mab_tokenizer_encode_params p = mab_tokenizer_default_encode_params();
            p.max_length = max_length;
            p.stride     = stride;
            mab_encoding * enc = nullptr;
            BOOST_REQUIRE(mab_tokenizer_encode(h.tok, text.data(), text.size(), p, &enc) == MAB_STATUS_OK);
            const int32_t n = mab_encoding_n_tokens(enc), content = max_length - 2, step = content - stride;
            const int32_t n_windows = mab_encoding_n_windows(enc);
            BOOST_TEST_CONTEXT("max_length " << max_length << " stride " << stride << " tokens " << n) {
                BOOST_TEST(n_windows == 1 + (n - content + step - 1) / step);
                for (int32_t w = 0; w < n_windows; w++) {
                    const std::vector<int32_t> ids = window_ids(enc, w);
                    const int32_t first = mab_encoding_window_first_token(enc, w);
                    const int32_t len   = (int32_t) ids.size() - 2;
                    BOOST_TEST(first == w * step);
                    BOOST_TEST(ids.front() == 101);
                    BOOST_TEST(ids.back() == 102);
                    BOOST_TEST(len == std::min(content, n - first));
                    for (int32_t i = 0; i < len; i++) {
                        BOOST_TEST_REQUIRE(ids[1 + i] == mab_encoding_ids(enc)[first + i]);
                        for (int k = 0; k < 2; k++) {
                            BOOST_TEST_REQUIRE(mab_encoding_window_offsets_utf16(enc, w)[2 * (1 + i) + k] == mab_encoding_offsets_utf16(enc)[2 * (first + i) + k]);
                            BOOST_TEST_REQUIRE(mab_encoding_window_offsets_codepoints(enc, w)[2 * (1 + i) + k] == mab_encoding_offsets_codepoints(enc)[2 * (first + i) + k]);
                        }
                    }
                    BOOST_TEST(mab_encoding_window_offsets_utf16(enc, w)[0] == 0);
                    BOOST_TEST(mab_encoding_window_offsets_utf16(enc, w)[1] == 0);
                }
                BOOST_TEST(mab_encoding_window_first_token(enc, n_windows - 1) + mab_encoding_window_length(enc, n_windows - 1) - 2 == n);
            }
            mab_encoding_free(enc);
        }
    }
}

BOOST_AUTO_TEST_CASE(truncation_and_no_special_tokens) {
    tokenizer_handle h(golden_vocab(), R"({"do_lower_case": false})");
    const std::string text = golden_cases()["cases"][0]["text"].get<std::string>();
    const result all = tokenize(h.tok, text);
    mab_tokenizer_encode_params p = mab_tokenizer_default_encode_params();
    p.max_length  = 6;
    p.max_windows = 1;
    mab_encoding * enc = nullptr;
    BOOST_REQUIRE(mab_tokenizer_encode(h.tok, text.data(), text.size(), p, &enc) == MAB_STATUS_OK);
    BOOST_TEST(mab_encoding_n_windows(enc) == 1);
    std::vector<int32_t> want = {101, all.ids[0], all.ids[1], all.ids[2], all.ids[3], 102};
    BOOST_TEST(window_ids(enc, 0) == want, boost::test_tools::per_element());
    mab_encoding_free(enc);

    p.add_special_tokens = 0;
    p.max_windows        = 0;
    BOOST_REQUIRE(mab_tokenizer_encode(h.tok, text.data(), text.size(), p, &enc) == MAB_STATUS_OK);
    want.assign(all.ids.begin(), all.ids.begin() + 6);
    BOOST_TEST(window_ids(enc, 0) == want, boost::test_tools::per_element());
    BOOST_TEST(mab_encoding_n_windows(enc) == ((int32_t) all.ids.size() + 5) / 6);
    mab_encoding_free(enc);

    // Empty text: one window of the added tokens.
    p = mab_tokenizer_default_encode_params();
    BOOST_REQUIRE(mab_tokenizer_encode(h.tok, "", 0, p, &enc) == MAB_STATUS_OK);
    BOOST_TEST(window_ids(enc, 0) == (std::vector<int32_t>{101, 102}), boost::test_tools::per_element());
    BOOST_TEST(mab_encoding_n_tokens(enc) == 0);
    mab_encoding_free(enc);
}

BOOST_AUTO_TEST_CASE(bad_parameters) {
    tokenizer_handle h(golden_vocab(), "");
    mab_encoding * enc = nullptr;
    mab_tokenizer_encode_params p = mab_tokenizer_default_encode_params();
    p.max_length = 2; // only [CLS] [SEP]
    BOOST_TEST(mab_tokenizer_encode(h.tok, "a", 1, p, &enc) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(std::string(mab_last_error()).find("max_length = 2") != std::string::npos);
    p.max_length = 10;
    p.stride     = 8;
    BOOST_TEST(mab_tokenizer_encode(h.tok, "a", 1, p, &enc) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(std::string(mab_last_error()).find("stride = 8") != std::string::npos);
    p.stride      = -1;
    BOOST_TEST(mab_tokenizer_encode(h.tok, "a", 1, p, &enc) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(enc == nullptr);
    BOOST_TEST(mab_tokenizer_tokenize(h.tok, nullptr, 5, &enc) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(mab_tokenizer_tokenize(nullptr, "a", 1, &enc) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(mab_tokenizer_tokenize(h.tok, nullptr, 0, &enc) == MAB_STATUS_OK); // empty text
    BOOST_TEST(mab_encoding_n_tokens(enc) == 0);
    BOOST_TEST(mab_encoding_n_windows(enc) == 0);
    BOOST_TEST(mab_encoding_token(enc, 0) == nullptr);
    BOOST_TEST(mab_encoding_window_ids(enc, 0) == nullptr);
    mab_encoding_free(enc);
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------
// tokenizer_config.json / special_tokens_map.json options, on a small vocabulary.

static const std::string small_vocab =
    "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nstatus\nn\n/\na\nN/A\ntoday\ncafe\ncaf\xC3\xA9\nCafe\nCaf\n##\xC3\xA9\n"
    "\xE6\x82\xA3\n\xE8\x80\x85\n##\xE8\x80\x85\ncall\nnow\n<\n>\nphi\n";

BOOST_AUTO_TEST_SUITE(config)

BOOST_AUTO_TEST_CASE(never_split) {
    // Cased: "N/A" stays whole and skips WordPiece.
    tokenizer_handle cased(small_vocab, R"({"do_lower_case": false, "never_split": ["N/A"]})");
    result r = tokenize(cased.tok, "status N/A today");
    BOOST_TEST(r.tokens == (std::vector<std::string>{"status", "N/A", "today"}), boost::test_tools::per_element());
    BOOST_TEST(r.ids == (std::vector<int32_t>{5, 9, 10}), boost::test_tools::per_element());
    BOOST_TEST(r.offsets_cp == (std::vector<int32_t>{0, 6, 7, 10, 11, 16}), boost::test_tools::per_element());
    // Uncased: tokenize() lower-cases the text first, so "N/A" is no longer the never_split word.
    tokenizer_handle uncased(small_vocab, R"({"do_lower_case": true, "never_split": ["N/A"]})");
    r = tokenize(uncased.tok, "status N/A today");
    BOOST_TEST(r.tokens == (std::vector<std::string>{"status", "n", "/", "a", "today"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(strip_accents_options) {
    tokenizer_handle lower_keep(small_vocab, R"({"do_lower_case": true, "strip_accents": false})");
    result r = tokenize(lower_keep.tok, "Caf\xC3\xA9");
    BOOST_TEST(r.tokens == (std::vector<std::string>{"caf\xC3\xA9"}), boost::test_tools::per_element());
    tokenizer_handle lower_strip(small_vocab, R"({"do_lower_case": true})");
    r = tokenize(lower_strip.tok, "Caf\xC3\xA9");
    BOOST_TEST(r.tokens == (std::vector<std::string>{"cafe"}), boost::test_tools::per_element());
    BOOST_TEST(r.offsets_cp == (std::vector<int32_t>{0, 4}), boost::test_tools::per_element());
    tokenizer_handle cased_strip(small_vocab, R"({"do_lower_case": false, "strip_accents": true})");
    r = tokenize(cased_strip.tok, "Cafe\xCC\x81");
    BOOST_TEST(r.tokens == (std::vector<std::string>{"Cafe"}), boost::test_tools::per_element());
    BOOST_TEST(r.offsets_cp == (std::vector<int32_t>{0, 4}), boost::test_tools::per_element());
    tokenizer_handle cased(small_vocab, R"({"do_lower_case": false})");
    r = tokenize(cased.tok, "Caf\xC3\xA9");
    BOOST_TEST(r.tokens == (std::vector<std::string>{"Caf", "##\xC3\xA9"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(chinese_chars_option) {
    tokenizer_handle split(small_vocab, R"({"do_lower_case": false})");
    result r = tokenize(split.tok, "\xE6\x82\xA3\xE8\x80\x85");
    BOOST_TEST(r.tokens == (std::vector<std::string>{"\xE6\x82\xA3", "\xE8\x80\x85"}), boost::test_tools::per_element());
    tokenizer_handle whole(small_vocab, R"({"do_lower_case": false, "tokenize_chinese_chars": false})");
    r = tokenize(whole.tok, "\xE6\x82\xA3\xE8\x80\x85");
    BOOST_TEST(r.tokens == (std::vector<std::string>{"\xE6\x82\xA3", "##\xE8\x80\x85"}), boost::test_tools::per_element());
    BOOST_TEST(r.offsets_utf16 == (std::vector<int32_t>{0, 1, 1, 2}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(additional_special_tokens) {
    // "<phi>" is not in the vocabulary: like sanitize_special_tokens, it gets the next id (24 tokens).
    const std::string map = R"({"additional_special_tokens": ["<phi>"]})";
    tokenizer_handle cased(small_vocab, R"({"do_lower_case": false})", map);
    result r = tokenize(cased.tok, "call<phi> now <PHI>");
    BOOST_TEST(r.tokens == (std::vector<std::string>{"call", "<phi>", "now", "<", "[UNK]", ">"}), boost::test_tools::per_element());
    BOOST_TEST(r.ids == (std::vector<int32_t>{19, 24, 20, 21, 1, 22}), boost::test_tools::per_element());
    BOOST_TEST(std::string(mab_tokenizer_id_to_token(cased.tok, 24)) == "<phi>");
    // Uncased: "<PHI>" is lower-cased to "<phi>" before the split, so it is the special token too.
    tokenizer_handle uncased(small_vocab, R"({"do_lower_case": true})", map);
    r = tokenize(uncased.tok, "call<phi> now <PHI>");
    BOOST_TEST(r.tokens == (std::vector<std::string>{"call", "<phi>", "now", "<phi>"}), boost::test_tools::per_element());
    BOOST_TEST(r.offsets_cp == (std::vector<int32_t>{0, 4, 4, 9, 10, 13, 14, 19}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(special_tokens_from_config_and_map) {
    // special_tokens_map.json overrides tokenizer_config.json; AddedToken objects are accepted.
    const std::string config = R"({"do_lower_case": false, "cls_token": "status", "sep_token": {"content": "today", "lstrip": false}})";
    tokenizer_handle h(small_vocab, config, R"({"cls_token": {"content": "call", "__type": "AddedToken"}})");
    mab_tokenizer_info info;
    mab_tokenizer_get_info(h.tok, &info);
    BOOST_TEST(info.cls_id == 19);
    BOOST_TEST(info.sep_id == 10);
    // Special tokens are cut out even inside words; "status" no longer is one.
    const result r = tokenize(h.tok, "xstatus xtoday");
    BOOST_TEST(r.tokens == (std::vector<std::string>{"[UNK]", "[UNK]", "today"}), boost::test_tools::per_element());
    BOOST_TEST(r.offsets_cp == (std::vector<int32_t>{0, 7, 8, 9, 9, 14}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(vocab_txt_format) {
    // Universal newlines; a repeated token keeps its last id, every id keeps its string.
    tokenizer_handle h("[UNK]\r\nab\rcd\nab\n##e", R"({"do_lower_case": false})");
    mab_tokenizer_info info;
    mab_tokenizer_get_info(h.tok, &info);
    BOOST_TEST(mab_tokenizer_token_to_id(h.tok, "ab", 2) == 3);
    BOOST_TEST(mab_tokenizer_token_to_id(h.tok, "##e", 3) == 4);
    BOOST_TEST(mab_tokenizer_token_to_id(h.tok, "zz", 2) == -1);
    BOOST_TEST(std::string(mab_tokenizer_id_to_token(h.tok, 1)) == "ab");
    // Special tokens missing from the vocabulary are numbered from len(vocab) = 4 distinct tokens, in
    // the order sep, pad, cls, mask (as sanitize_special_tokens does, even where that reuses an id).
    BOOST_TEST(info.cls_id == 6);
    BOOST_TEST(info.mask_id == 7);
    BOOST_TEST(mab_tokenizer_id_to_token(h.tok, 8) == nullptr);
    const result r = tokenize(h.tok, "abe cd");
    BOOST_TEST(r.ids == (std::vector<int32_t>{3, 4, 2}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
