// mab_classify on the golden sequence-classification model: the scores are the softmax (or, for a
// multi-label model, the sigmoids) of the logits mab_forward gives on "[CLS] text [SEP]" truncated to
// one window; the token counts say what was read; and every refusal.
#define BOOST_TEST_MODULE classify
#include <boost/test/unit_test.hpp>

#include "core/golden.h"
#include "minialbert.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

struct loaded {
    mab_model *     model = nullptr;
    mab_tokenizer * tok   = nullptr;
    explicit loaded(const std::string & name) {
        BOOST_REQUIRE(mab_model_load_from_dir(golden::dir(name).c_str(), mab_model_default_params(), &model) == MAB_STATUS_OK);
        BOOST_REQUIRE(mab_tokenizer_load_from_dir(golden::dir(name).c_str(), &tok) == MAB_STATUS_OK);
    }
    ~loaded() {
        mab_tokenizer_free(tok);
        mab_model_free(model);
    }
};

// The logits of the first window of text, max_length tokens at most, as the reference for classify.
std::vector<float> first_window_logits(const loaded & m, const std::string & text, int32_t max_length, int32_t * n_ids) {
    mab_tokenizer_encode_params ep = mab_tokenizer_default_encode_params();
    ep.max_length  = max_length;
    ep.max_windows = 1;
    mab_encoding * enc = nullptr;
    BOOST_REQUIRE(mab_tokenizer_encode(m.tok, text.data(), text.size(), ep, &enc) == MAB_STATUS_OK);
    mab_model_info mi;
    mab_model_get_info(m.model, &mi);
    std::vector<float> logits((size_t) mi.num_labels);
    *n_ids = mab_encoding_window_length(enc, 0);
    BOOST_REQUIRE(mab_forward(m.model, mab_encoding_window_ids(enc, 0), nullptr, nullptr, 1, *n_ids, logits.data(), nullptr,
                              mab_forward_default_params()) == MAB_STATUS_OK);
    mab_encoding_free(enc);
    return logits;
}

std::vector<float> softmax(const std::vector<float> & x) {
    double max = x[0], sum = 0;
    for (float v : x) max = std::fmax(max, v);
    for (float v : x) sum += std::exp(v - max);
    std::vector<float> out;
    for (float v : x) out.push_back((float) (std::exp(v - max) / sum));
    return out;
}

std::string words(int n) {
    std::string s;
    for (int i = 0; i < n; i++) s += i % 7 ? "pain " : "Chest ";
    return s;
}

} // namespace

BOOST_AUTO_TEST_CASE(scores_are_the_softmax_of_the_first_windows_logits) {
    loaded m("tiny-seqcls");
    const std::string texts[] = {"Crushing chest pain radiating to the left arm.", "", "Zoë's café — 中文 😀", words(40)};
    for (const std::string & text : texts) {
        BOOST_TEST_CONTEXT(text) {
            std::vector<float> scores(3);
            mab_classification read{};
            BOOST_REQUIRE(mab_classify(m.model, m.tok, text.data(), text.size(), 0, scores.data(), &read) == MAB_STATUS_OK);
            int32_t n_ids = 0;
            const std::vector<float> want = softmax(first_window_logits(m, text, 512, &n_ids));
            double sum = 0;
            for (size_t l = 0; l < 3; l++) {
                BOOST_TEST(std::fabs(scores[l] - want[l]) < 1e-6f);
                sum += scores[l];
            }
            BOOST_TEST(std::fabs(sum - 1.0) < 1e-5);
            BOOST_TEST(read.n_tokens == n_ids - 2);
            BOOST_TEST(read.n_tokens_read == read.n_tokens);
        }
    }
}

// Upstream's pipeline truncates a long text to one window; the counts say how much was read.
BOOST_AUTO_TEST_CASE(a_long_text_is_truncated_to_one_window) {
    loaded m("tiny-seqcls");
    const std::string text = words(700);
    std::vector<float> scores(3);
    mab_classification read{};
    BOOST_REQUIRE(mab_classify(m.model, m.tok, text.data(), text.size(), 0, scores.data(), &read) == MAB_STATUS_OK);
    int32_t n_ids = 0;
    std::vector<float> want = softmax(first_window_logits(m, text, 512, &n_ids));
    mab_encoding * all = nullptr;
    BOOST_REQUIRE(mab_tokenizer_tokenize(m.tok, text.data(), text.size(), &all) == MAB_STATUS_OK);
    BOOST_TEST(n_ids == 512);
    BOOST_TEST(read.n_tokens == mab_encoding_n_tokens(all));
    BOOST_TEST(read.n_tokens >= 700);
    mab_encoding_free(all);
    BOOST_TEST(read.n_tokens_read == 510);
    for (size_t l = 0; l < 3; l++) BOOST_TEST(std::fabs(scores[l] - want[l]) < 1e-6f);

    BOOST_REQUIRE(mab_classify(m.model, m.tok, text.data(), text.size(), 16, scores.data(), &read) == MAB_STATUS_OK);
    want = softmax(first_window_logits(m, text, 16, &n_ids));
    BOOST_TEST(read.n_tokens_read == 14);
    for (size_t l = 0; l < 3; l++) BOOST_TEST(std::fabs(scores[l] - want[l]) < 1e-6f);
    BOOST_TEST(mab_classify(m.model, m.tok, text.data(), text.size(), 16, scores.data(), nullptr) == MAB_STATUS_OK);
}

// "problem_type": "multi_label_classification": each label's own sigmoid, as upstream's pipeline.
BOOST_AUTO_TEST_CASE(a_multi_label_model_scores_each_label_with_a_sigmoid) {
    loaded single("tiny-seqcls");
    std::string config = golden::read_text(golden::dir("tiny-seqcls") + "/config.json");
    config.insert(config.find('{') + 1, "\"problem_type\": \"multi_label_classification\",");
    const std::string weights = golden::read_text(golden::dir("tiny-seqcls") + "/model.safetensors");
    void * buf = malloc(weights.size());
    BOOST_REQUIRE(buf);
    memcpy(buf, weights.data(), weights.size());
    mab_model * multi = nullptr;
    BOOST_REQUIRE(mab_model_load_from_buffers(config.data(), config.size(), buf, weights.size(), "multi",
                                              mab_model_default_params(), &multi) == MAB_STATUS_OK);
    mab_model_info mi;
    mab_model_get_info(multi, &mi);
    BOOST_TEST(mi.multi_label == 1);
    const std::string text = "Sudden shortness of breath.";
    int32_t n_ids = 0;
    const std::vector<float> logits = first_window_logits(single, text, 512, &n_ids);
    std::vector<float> scores(3);
    BOOST_REQUIRE(mab_classify(multi, single.tok, text.data(), text.size(), 0, scores.data(), nullptr) == MAB_STATUS_OK);
    for (size_t l = 0; l < 3; l++) BOOST_TEST(std::fabs(scores[l] - 1.0f / (1.0f + std::exp(-logits[l]))) < 1e-6f);
    mab_model_free(multi);
}

BOOST_AUTO_TEST_CASE(refusals) {
    loaded seq("tiny-seqcls"), tok_cls("tiny");
    std::vector<float> scores(5);
    const char * text = "chest pain";
    BOOST_TEST(mab_classify(tok_cls.model, tok_cls.tok, text, 10, 0, scores.data(), nullptr) == MAB_STATUS_NO_HEAD);
    BOOST_TEST(std::string(mab_last_error()).find("no sequence-classification head") != std::string::npos, mab_last_error());
    BOOST_TEST(mab_classify(nullptr, seq.tok, text, 10, 0, scores.data(), nullptr) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(mab_classify(seq.model, nullptr, text, 10, 0, scores.data(), nullptr) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(mab_classify(seq.model, seq.tok, nullptr, 10, 0, scores.data(), nullptr) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(mab_classify(seq.model, seq.tok, text, 10, 0, nullptr, nullptr) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(mab_classify(seq.model, seq.tok, nullptr, 0, 0, scores.data(), nullptr) == MAB_STATUS_OK); // no text
    for (int32_t bad : {-1, 513}) {
        BOOST_TEST(mab_classify(seq.model, seq.tok, text, 10, bad, scores.data(), nullptr) == MAB_STATUS_INVALID_ARGUMENT);
        BOOST_TEST(std::string(mab_last_error()).find("max_length") != std::string::npos, mab_last_error());
    }
    // Room for [CLS] and [SEP] only: the tokenizer refuses it, with its own message.
    BOOST_TEST(mab_classify(seq.model, seq.tok, text, 10, 2, scores.data(), nullptr) != MAB_STATUS_OK);
    // A vocabulary with more ids than the model's vocab_size is another model's: refused on every
    // text, not only on those that use the extra ids.
    const std::string vocab = golden::read_text(golden::dir("tiny-seqcls") + "/vocab.txt") + "extraword\n";
    mab_tokenizer * wide = nullptr;
    BOOST_REQUIRE(mab_tokenizer_load_from_buffers(vocab.data(), vocab.size(), nullptr, 0, nullptr, 0, nullptr, 0, &wide) == MAB_STATUS_OK);
    BOOST_TEST(mab_classify(seq.model, wide, text, 10, 0, scores.data(), nullptr) == MAB_STATUS_BAD_TOKENIZER);
    BOOST_TEST(std::string(mab_last_error()).find("the tokenizer has 1001 token ids but the model's vocab_size is 1000") != std::string::npos,
               mab_last_error());
    mab_tagger * t = nullptr;
    BOOST_TEST(mab_tagger_init(tok_cls.model, wide, nullptr, 0, &t) == MAB_STATUS_BAD_TOKENIZER);
    BOOST_TEST(t == nullptr);
    mab_tokenizer_free(wide);
}
