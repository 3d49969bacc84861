// Loading: tokenizer.json gives the same tokenizer as vocab.txt + tokenizer_config.json, directories
// load either form, and every bad file is refused with MAB_STATUS_BAD_TOKENIZER and a message that
// names the file and the key.
#define BOOST_TEST_MODULE tokenizer_config
#include <boost/test/unit_test.hpp>

#include "core/tokenizer/golden-tokenizer.h"
#include "minialbert.h"
#include "tokenizer/tokenizer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using json = nlohmann::json;
namespace fs = std::filesystem;

static void write_text(const fs::path & path, const std::string & s) {
    std::ofstream f(path, std::ios::binary);
    f << s;
}

static std::vector<std::string> golden_texts() {
    std::vector<std::string> out;
    for (const json & c : golden_cases()["cases"]) out.push_back(c["text"].get<std::string>());
    return out;
}

// The tokenizer.json that BertTokenizerFast would save for this vocab.txt.
static json make_tokenizer_json(const std::string & vocab_txt, bool lowercase, bool bert_processing) {
    json vocab = json::object();
    std::istringstream in(vocab_txt);
    std::string line;
    for (int id = 0; std::getline(in, line); id++) vocab[line] = id;
    json added = json::array();
    for (const char * t : {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"}) {
        if (!vocab.contains(t)) continue;
        added.push_back({{"id", vocab[t]}, {"content", t}, {"single_word", false}, {"lstrip", false}, {"rstrip", false},
                         {"normalized", false}, {"special", true}});
    }
    json post;
    if (bert_processing) {
        post = {{"type", "BertProcessing"}, {"sep", {"[SEP]", vocab["[SEP]"]}}, {"cls", {"[CLS]", vocab["[CLS]"]}}};
    } else {
        post = {{"type", "TemplateProcessing"},
                {"single", json::array({{{"SpecialToken", {{"id", "[CLS]"}, {"type_id", 0}}}},
                                        {{"Sequence", {{"id", "A"}, {"type_id", 0}}}},
                                        {{"SpecialToken", {{"id", "[SEP]"}, {"type_id", 0}}}}})},
                {"pair", json::array()},
                {"special_tokens", {{"[CLS]", {{"id", "[CLS]"}, {"ids", {vocab["[CLS]"]}}, {"tokens", {"[CLS]"}}}},
                                    {"[SEP]", {{"id", "[SEP]"}, {"ids", {vocab["[SEP]"]}}, {"tokens", {"[SEP]"}}}}}}};
    }
    return {{"version", "1.0"}, {"truncation", nullptr}, {"padding", nullptr}, {"added_tokens", added},
            {"normalizer", {{"type", "BertNormalizer"}, {"clean_text", true}, {"handle_chinese_chars", true},
                            {"strip_accents", nullptr}, {"lowercase", lowercase}}},
            {"pre_tokenizer", {{"type", "BertPreTokenizer"}}},
            {"post_processor", post},
            {"decoder", {{"type", "WordPiece"}, {"prefix", "##"}, {"cleanup", true}}},
            {"model", {{"type", "WordPiece"}, {"unk_token", "[UNK]"}, {"continuing_subword_prefix", "##"},
                       {"max_input_chars_per_word", 100}, {"vocab", vocab}}}};
}

static mab_status load(const std::string * vocab, const std::string * config, const std::string * map, const std::string * tj,
                       mab_tokenizer ** out) {
    auto p = [](const std::string * s) { return s ? s->data() : nullptr; };
    auto n = [](const std::string * s) { return s ? s->size() : 0; };
    return mab_tokenizer_load_from_buffers(p(vocab), n(vocab), p(config), n(config), p(map), n(map), p(tj), n(tj), out);
}

// Everything an encoding says, as one comparable string.
static std::string describe(const mab_tokenizer * tok, const std::string & text) {
    mab_tokenizer_encode_params params = mab_tokenizer_default_encode_params();
    params.max_length = 8;
    params.stride     = 2;
    mab_encoding * enc = nullptr;
    BOOST_REQUIRE(mab_tokenizer_encode(tok, text.data(), text.size(), params, &enc) == MAB_STATUS_OK);
    std::ostringstream s;
    for (int32_t i = 0; i < mab_encoding_n_tokens(enc); i++) {
        s << mab_encoding_token(enc, i) << ' ' << mab_encoding_ids(enc)[i] << ' ' << mab_encoding_word_ids(enc)[i];
        for (int k = 0; k < 2; k++) s << ' ' << mab_encoding_offsets_utf16(enc)[2 * i + k] << ' ' << mab_encoding_offsets_codepoints(enc)[2 * i + k];
        s << '\n';
    }
    for (int32_t w = 0; w < mab_encoding_n_windows(enc); w++) {
        s << "window " << mab_encoding_window_first_token(enc, w) << ':';
        for (int32_t i = 0; i < mab_encoding_window_length(enc, w); i++) s << ' ' << mab_encoding_window_ids(enc, w)[i];
        s << '\n';
    }
    mab_encoding_free(enc);
    return s.str();
}

BOOST_AUTO_TEST_SUITE(tokenizer_json)

BOOST_AUTO_TEST_CASE(same_result_as_vocab_txt) {
    std::vector<std::string> texts = golden_texts();
    std::mt19937 rng(3);
    const std::string alphabet[] = {"a", "B", " ", "\xC3\xA9", "e\xCC\x81", "\xE6\x82\xA3", "[SEP]", "[sep]", ".", "\xF0\x9F\x98\x80", "\xE2\x80\x8B", "\xC4\xB0", "\t"};
    for (int i = 0; i < 200; i++) {
        std::string t;
        for (int k = 0; k < 30; k++) t += alphabet[rng() % (sizeof alphabet / sizeof alphabet[0])];
        texts.push_back(t);
    }
    for (const bool lowercase : {false, true}) {
        for (const bool bert_processing : {false, true}) {
            const std::string config = lowercase ? R"({"do_lower_case": true})" : R"({"do_lower_case": false})";
            const std::string tj     = make_tokenizer_json(golden_vocab(), lowercase, bert_processing).dump();
            mab_tokenizer * slow = nullptr, * fast = nullptr;
            BOOST_REQUIRE(load(&golden_vocab(), &config, nullptr, nullptr, &slow) == MAB_STATUS_OK);
            BOOST_REQUIRE_MESSAGE(load(nullptr, nullptr, nullptr, &tj, &fast) == MAB_STATUS_OK, mab_last_error());
            mab_tokenizer_info a, b;
            mab_tokenizer_get_info(slow, &a);
            mab_tokenizer_get_info(fast, &b);
            BOOST_TEST(a.n_ids == b.n_ids);
            BOOST_TEST(a.do_lower_case == b.do_lower_case);
            BOOST_TEST(a.strip_accents == b.strip_accents);
            BOOST_TEST(a.cls_id == b.cls_id);
            BOOST_TEST(a.sep_id == b.sep_id);
            BOOST_TEST(a.pad_id == b.pad_id);
            BOOST_TEST(a.mask_id == b.mask_id);
            BOOST_TEST(a.unk_id == b.unk_id);
            for (const std::string & t : texts) {
                BOOST_TEST_CONTEXT("lowercase " << lowercase << " text " << json(t).dump()) { BOOST_TEST(describe(slow, t) == describe(fast, t)); }
            }
            mab_tokenizer_free(slow);
            mab_tokenizer_free(fast);
        }
    }
}

BOOST_AUTO_TEST_CASE(model_options) {
    // continuing_subword_prefix and max_input_chars_per_word come from the model section.
    json tj = make_tokenizer_json("[UNK]\n[CLS]\n[SEP]\nab\n@@c\n", false, false);
    tj["model"]["continuing_subword_prefix"] = "@@";
    tj["model"]["max_input_chars_per_word"]  = 3;
    const std::string s = tj.dump();
    mab_tokenizer * tok = nullptr;
    BOOST_REQUIRE_MESSAGE(load(nullptr, nullptr, nullptr, &s, &tok) == MAB_STATUS_OK, mab_last_error());
    mab_encoding * enc = nullptr;
    BOOST_REQUIRE(mab_tokenizer_tokenize(tok, "abc abcc", 8, &enc) == MAB_STATUS_OK);
    BOOST_REQUIRE(mab_encoding_n_tokens(enc) == 3);
    BOOST_TEST(std::string(mab_encoding_token(enc, 0)) == "ab");
    BOOST_TEST(std::string(mab_encoding_token(enc, 1)) == "@@c");
    BOOST_TEST(std::string(mab_encoding_token(enc, 2)) == "[UNK]"); // 4 characters > 3
    mab_encoding_free(enc);
    mab_tokenizer_free(tok);
}

BOOST_AUTO_TEST_SUITE_END()

// One bad file: the status and a piece of the message.
struct bad_case {
    const char * what;
    std::string  vocab, config, map, tokenizer_json;
    mab_status   status;
    const char * message;
};

static void check_bad(const bad_case & c) {
    BOOST_TEST_CONTEXT(c.what) {
        mab_tokenizer * tok = nullptr;
        auto opt = [](const std::string & s) { return s.empty() ? nullptr : &s; };
        const mab_status st = load(c.vocab.empty() && c.tokenizer_json.empty() ? nullptr : opt(c.vocab), opt(c.config), opt(c.map),
                                   opt(c.tokenizer_json), &tok);
        BOOST_TEST(st == c.status, mab_status_name(st) << " vs " << mab_status_name(c.status) << ": " << mab_last_error());
        BOOST_TEST(tok == nullptr);
        BOOST_TEST(std::string(mab_last_error()).find(c.message) != std::string::npos,
                   "message '" << mab_last_error() << "' lacks '" << c.message << "'");
    }
}

BOOST_AUTO_TEST_SUITE(errors)

BOOST_AUTO_TEST_CASE(bad_slow_files) {
    const std::string v = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nab\n";
    const bad_case cases[] = {
        {"no [UNK]", "[PAD]\nab\n", "", "", "", MAB_STATUS_BAD_TOKENIZER,
         "vocab.txt: the unknown token '[UNK]' (BertTokenizer's default unk_token) is not in the vocabulary (2 tokens)"},
        // A file that names an unknown token the vocabulary lacks is to blame, not vocab.txt.
        {"config's unk missing", v, R"({"unk_token": "<unk>"})", "", "", MAB_STATUS_BAD_TOKENIZER,
         "tokenizer_config.json: unk_token '<unk>' is not in vocab.txt (6 tokens)"},
        {"map's unk missing", v, R"({"unk_token": "<unk>"})", R"({"unk_token": {"content": "<UNK>"}})", "", MAB_STATUS_BAD_TOKENIZER,
         "special_tokens_map.json: unk_token '<UNK>' is not in vocab.txt (6 tokens)"},
        {"map's unk null", v, "", R"({"unk_token": null})", "", MAB_STATUS_BAD_TOKENIZER, "special_tokens_map.json: unk_token is null"},
        {"invalid UTF-8", "[UNK]\nab\n\xC3\x28\n", "", "", "", MAB_STATUS_BAD_TOKENIZER, "line 3 is not valid UTF-8"},
        {"config not JSON", v, "{\"do_lower_case\": tru", "", "", MAB_STATUS_BAD_TOKENIZER, "tokenizer_config.json: not valid JSON"},
        {"config not an object", v, "[1, 2]", "", "", MAB_STATUS_BAD_TOKENIZER, "tokenizer_config.json: expected a JSON object"},
        {"do_lower_case type", v, R"({"do_lower_case": "yes"})", "", "", MAB_STATUS_BAD_TOKENIZER, "\"do_lower_case\" must be true or false"},
        {"strip_accents type", v, R"({"strip_accents": 1})", "", "", MAB_STATUS_BAD_TOKENIZER, "\"strip_accents\" must be true, false or null"},
        {"never_split type", v, R"({"never_split": "ab"})", "", "", MAB_STATUS_BAD_TOKENIZER, "\"never_split\" must be a list"},
        {"token type", v, R"({"unk_token": 5})", "", "", MAB_STATUS_BAD_TOKENIZER, "\"unk_token\" must be a string"},
        {"unk null", v, R"({"unk_token": null})", "", "", MAB_STATUS_BAD_TOKENIZER, "unk_token is null"},
        {"no basic tokenizer", v, R"({"do_basic_tokenize": false})", "", "", MAB_STATUS_BAD_TOKENIZER, "do_basic_tokenize = false"},
        {"added_tokens_decoder", v, R"({"added_tokens_decoder": {"x": {"content": "a"}}})", "", "", MAB_STATUS_BAD_TOKENIZER, "entry \"x\""},
        // An id of 2e9 would size the id table at 8 GB.
        {"added token id too large", v, R"({"added_tokens_decoder": {"2000000000": {"content": "[FOO]"}}})", "", "",
         MAB_STATUS_BAD_TOKENIZER, "must map an id in [0, 16777216) to a token"},
        // Nesting that dump() would recurse into until the stack overflows.
        {"config nested too deep", v, std::string(100000, '[') + std::string(100000, ']'), "", "", MAB_STATUS_BAD_TOKENIZER,
         "tokenizer_config.json: nested deeper than 64 levels"},
        {"map not JSON", v, "", "{", "", MAB_STATUS_BAD_TOKENIZER, "special_tokens_map.json: not valid JSON"},
        {"map token type", v, "", R"({"additional_special_tokens": [1]})", "", MAB_STATUS_BAD_TOKENIZER, "additional_special_tokens"},
        {"nothing", "", "", "", "", MAB_STATUS_INVALID_ARGUMENT, "need vocab.txt or tokenizer.json"},
    };
    for (const bad_case & c : cases) check_bad(c);
}

// A special token the vocabulary lacks gets the next id, as upstream, so the tokenizer loads (a model
// whose table was resized for it takes it); a model whose table ends with the vocabulary refuses it,
// naming the file and key that named the token, not vocab.txt.
BOOST_AUTO_TEST_CASE(special_token_past_the_model) {
    const std::string v = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nab\n";
    const struct {
        const char * what;
        std::string  vocab, config, map;
        const char * message;
    } cases[] = {
        {"map's cls", v, "", R"({"cls_token": "<s>"})",
         "special_tokens_map.json: cls_token '<s>' is not in vocab.txt, so it got id 6, past the model's vocab_size 6: "
         "name a token of vocab.txt"},
        {"config's mask", v, R"({"mask_token": {"content": "<mask>"}})", "",
         "tokenizer_config.json: mask_token '<mask>' is not in vocab.txt, so it got id 6"},
        {"config's additional", v, R"({"additional_special_tokens": ["<phi>"]})", "",
         "tokenizer_config.json: additional_special_tokens '<phi>'"},
        // The map overrides the config's sep_token; its pad_token is the one missing.
        {"map over config", v, R"({"sep_token": "</s>"})", R"({"sep_token": "[SEP]", "pad_token": "<pad>"})",
         "special_tokens_map.json: pad_token '<pad>' is not in vocab.txt, so it got id 6"},
        {"default", "[PAD]\n[UNK]\n[CLS]\n[SEP]\nab\n", "", "",
         "BertTokenizer's default mask_token '[MASK]' is not in vocab.txt, so it got id 5"},
    };
    for (const auto & c : cases) {
        BOOST_TEST_CONTEXT(c.what) {
            mab_tokenizer * tok = nullptr;
            auto opt = [](const std::string & s) { return s.empty() ? nullptr : &s; };
            BOOST_REQUIRE_MESSAGE(load(&c.vocab, opt(c.config), opt(c.map), nullptr, &tok) == MAB_STATUS_OK, mab_last_error());
            const int32_t n_vocab = (int32_t) std::count(c.vocab.begin(), c.vocab.end(), '\n');
            BOOST_TEST(mab::tokenizer_check_ids(tok, n_vocab) == MAB_STATUS_BAD_TOKENIZER);
            BOOST_TEST(std::string(mab_last_error()).find(c.message) == 0, mab_last_error());
            BOOST_TEST(mab::tokenizer_check_ids(tok, n_vocab + 1) == MAB_STATUS_OK);
            mab_tokenizer_free(tok);
        }
    }
    // A vocabulary longer than the model's table is to blame, even with a special token added after it.
    mab_tokenizer * tok = nullptr;
    const std::string map = R"({"cls_token": "<s>"})";
    BOOST_REQUIRE(load(&v, nullptr, &map, nullptr, &tok) == MAB_STATUS_OK);
    BOOST_TEST(mab::tokenizer_check_ids(tok, 4) == MAB_STATUS_BAD_TOKENIZER);
    BOOST_TEST(std::string(mab_last_error()).find("the tokenizer has 7 token ids but the model's vocab_size is 4: the vocabulary") == 0,
               mab_last_error());
    mab_tokenizer_free(tok);
}

BOOST_AUTO_TEST_CASE(bad_tokenizer_json) {
    const json good = make_tokenizer_json("[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nab\n", true, false);
    auto with = [&](const char * key, const json & v) {
        json j = good;
        j[key] = v;
        return j.dump();
    };
    auto with_model = [&](const char * key, const json & v) {
        json j = good;
        j["model"][key] = v;
        return j.dump();
    };
    json no_seq = good;
    no_seq["post_processor"]["single"] = json::array({{{"SpecialToken", {{"id", "[CLS]"}, {"type_id", 0}}}}});
    json bad_special = good;
    bad_special["post_processor"]["special_tokens"]["[CLS]"]["ids"] = {99};
    const bad_case cases[] = {
        {"not JSON", "", "", "", "{\"model\": ", MAB_STATUS_BAD_TOKENIZER, "tokenizer.json: not valid JSON"},
        {"BPE model", "", "", "", with_model("type", "BPE"), MAB_STATUS_BAD_TOKENIZER, "model.type is BPE, expected \"WordPiece\""},
        {"empty vocab", "", "", "", with_model("vocab", json::object()), MAB_STATUS_BAD_TOKENIZER, "model.vocab must be a non-empty object"},
        {"negative id", "", "", "", with_model("vocab", {{"[UNK]", -1}}), MAB_STATUS_BAD_TOKENIZER, "model.vocab[\"[UNK]\"] = -1"},
        {"unk missing", "", "", "", with_model("unk_token", "<unk>"), MAB_STATUS_BAD_TOKENIZER, "model.unk_token '<unk>' is not in model.vocab"},
        {"max chars", "", "", "", with_model("max_input_chars_per_word", 0), MAB_STATUS_BAD_TOKENIZER, "max_input_chars_per_word must be a positive"},
        {"normalizer", "", "", "", with("normalizer", {{"type", "Lowercase"}}), MAB_STATUS_BAD_TOKENIZER, "normalizer.type is Lowercase"},
        {"normalizer flag", "", "", "", with("normalizer", {{"type", "BertNormalizer"}, {"lowercase", "yes"}}), MAB_STATUS_BAD_TOKENIZER, "\"lowercase\" must be true or false"},
        {"pre-tokenizer", "", "", "", with("pre_tokenizer", {{"type", "Whitespace"}}), MAB_STATUS_BAD_TOKENIZER, "pre_tokenizer.type is Whitespace"},
        {"post-processor", "", "", "", with("post_processor", {{"type", "RobertaProcessing"}}), MAB_STATUS_BAD_TOKENIZER, "post_processor.type is RobertaProcessing"},
        {"template without $A", "", "", "", no_seq.dump(), MAB_STATUS_BAD_TOKENIZER, "has no $A sequence"},
        {"template id", "", "", "", bad_special.dump(), MAB_STATUS_BAD_TOKENIZER, "'[CLS]' has id 99"},
        {"added token", "", "", "", with("added_tokens", json::array({{{"id", 1}}})), MAB_STATUS_BAD_TOKENIZER, "bad added_tokens entry"},
    };
    for (const bad_case & c : cases) check_bad(c);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(directories)

struct temp_dir {
    fs::path path;
    explicit temp_dir(const char * name) {
        path = fs::temp_directory_path() / (std::string("mab-tokenizer-test-") + name + "-" + std::to_string(std::random_device{}()));
        fs::create_directories(path);
    }
    ~temp_dir() { fs::remove_all(path); }
};

BOOST_AUTO_TEST_CASE(load_from_dir) {
    const std::string text = "Dr. O'Neil-Brown saw José at 10:45 AM.";
    mab_tokenizer * ref = nullptr;
    const std::string config = R"({"do_lower_case": false})";
    BOOST_REQUIRE(load(&golden_vocab(), &config, nullptr, nullptr, &ref) == MAB_STATUS_OK);

    temp_dir slow("slow");
    write_text(slow.path / "vocab.txt", golden_vocab());
    write_text(slow.path / "tokenizer_config.json", config);
    // tokenizer.json is not read when vocab.txt is there (this one would be refused).
    write_text(slow.path / "tokenizer.json", "not json");
    mab_tokenizer * tok = nullptr;
    BOOST_REQUIRE_MESSAGE(mab_tokenizer_load_from_dir(slow.path.c_str(), &tok) == MAB_STATUS_OK, mab_last_error());
    BOOST_TEST(describe(tok, text) == describe(ref, text));
    mab_tokenizer_free(tok);

    temp_dir fast("fast");
    write_text(fast.path / "tokenizer.json", make_tokenizer_json(golden_vocab(), false, false).dump());
    BOOST_REQUIRE_MESSAGE(mab_tokenizer_load_from_dir(fast.path.c_str(), &tok) == MAB_STATUS_OK, mab_last_error());
    BOOST_TEST(describe(tok, text) == describe(ref, text));
    mab_tokenizer_free(tok);
    mab_tokenizer_free(ref);

    // Bad files name the directory; an empty directory is an I/O error.
    write_text(slow.path / "tokenizer_config.json", "{");
    BOOST_TEST(mab_tokenizer_load_from_dir(slow.path.c_str(), &tok) == MAB_STATUS_BAD_TOKENIZER);
    BOOST_TEST(std::string(mab_last_error()).find(slow.path.string() + ": tokenizer_config.json") != std::string::npos);
    temp_dir empty("empty");
    BOOST_TEST(mab_tokenizer_load_from_dir(empty.path.c_str(), &tok) == MAB_STATUS_IO);
    BOOST_TEST(std::string(mab_last_error()).find("neither vocab.txt nor tokenizer.json") != std::string::npos);
    BOOST_TEST(mab_tokenizer_load_from_dir(nullptr, &tok) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(tok == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
