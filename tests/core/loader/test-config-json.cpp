// config.json parsing: the ALBERT-typed config, the fine-tuning round trip saved as "bert", and every
// malformed or unsupported value.
#define BOOST_TEST_MODULE test-config-json
#include <boost/test/unit_test.hpp>

#include "core/golden.h"
#include "model/hparams.h"

#include <cstring>
#include <string>

namespace {

mab_status parse(const std::string & text, mab::model_config * cfg) {
    return mab::parse_config(text.data(), text.size(), "cfg.json", cfg);
}

void expect_error(const std::string & text, const char * needle) {
    mab::model_config cfg;
    const mab_status st = parse(text, &cfg);
    BOOST_TEST(st == MAB_STATUS_BAD_CONFIG, "accepted: " << text);
    const std::string msg = mab_last_error();
    BOOST_TEST(msg.find("cfg.json") != std::string::npos, msg);
    BOOST_TEST(msg.find(needle) != std::string::npos, "message '" << msg << "' lacks '" << needle << "'");
}

const std::string k_min =
    R"({"vocab_size": 10, "embedding_size": 4, "hidden_size": 8, "num_hidden_layers": 2,
        "num_attention_heads": 2, "intermediate_size": 16)";

} // namespace

BOOST_AUTO_TEST_CASE(golden_configs) {
    mab::model_config full, roundtrip, tiny;
    BOOST_REQUIRE(parse(golden::read_text(golden::dir("full") + "/config.json"), &full) == MAB_STATUS_OK);
    BOOST_REQUIRE(parse(golden::read_text(golden::dir("full") + "/config.finetune-roundtrip.json"), &roundtrip) == MAB_STATUS_OK);
    BOOST_REQUIRE(parse(golden::read_text(golden::dir("tiny-gelu-new") + "/config.json"), &tiny) == MAB_STATUS_OK);
    BOOST_TEST(full.hp.embedding_size == 312);
    BOOST_TEST(full.hp.hidden_size == 768);
    BOOST_TEST(full.hp.num_hidden_layers == 6);
    BOOST_TEST(full.hp.num_attention_heads == 12);
    BOOST_TEST(full.hp.intermediate_size == 3072);
    BOOST_TEST(full.hp.use_adapter);
    BOOST_TEST(full.hp.reduction_factor == 16);
    BOOST_TEST(full.hp.hidden_act == mab::ACTIVATION_GELU_ERF);
    BOOST_TEST(full.hp.layer_norm_eps == 1e-12f);
    BOOST_TEST(full.id2label.size() == 9u);
    BOOST_TEST(full.id2label[8] == "I-ID");
    BOOST_TEST(full.architecture == mab::HEAD_TOKEN_CLASSIFICATION);
    // "model_type": "bert" changes nothing: the same keys are read.
    BOOST_TEST(memcmp(&full.hp, &roundtrip.hp, sizeof full.hp) == 0);
    BOOST_TEST(full.id2label == roundtrip.id2label);
    BOOST_TEST(tiny.hp.hidden_act == mab::ACTIVATION_GELU_TANH);
    BOOST_TEST(!tiny.hp.use_adapter);
}

BOOST_AUTO_TEST_CASE(defaults_and_variants) {
    mab::model_config c;
    BOOST_REQUIRE(parse(k_min + "}", &c) == MAB_STATUS_OK);
    BOOST_TEST(c.hp.hidden_act == mab::ACTIVATION_GELU_ERF); // BertConfig's default, as upstream reads the config
    BOOST_TEST(!c.hp.use_adapter);
    BOOST_TEST(c.id2label.empty());
    BOOST_TEST(c.architecture == mab::HEAD_NONE);
    BOOST_REQUIRE(parse(k_min + R"(, "hidden_act": "relu", "architectures": ["MiniAlbertForSequenceClassification"],
                                      "id2label": {"1": "b", "0": "a"}})", &c) == MAB_STATUS_OK);
    BOOST_TEST(c.hp.hidden_act == mab::ACTIVATION_RELU);
    BOOST_TEST(c.architecture == mab::HEAD_SEQUENCE_CLASSIFICATION);
    BOOST_TEST(c.id2label[0] == "a");
    BOOST_TEST(c.id2label[1] == "b");
    BOOST_TEST(!c.multi_label);
    // "problem_type" decides how classify scores the labels; null and the single-label kinds are softmax.
    for (const char * kind : {"null", "\"regression\"", "\"single_label_classification\""}) {
        BOOST_REQUIRE(parse(k_min + R"(, "problem_type": )" + kind + "}", &c) == MAB_STATUS_OK);
        BOOST_TEST(!c.multi_label, kind);
    }
    BOOST_REQUIRE(parse(k_min + R"(, "problem_type": "multi_label_classification"})", &c) == MAB_STATUS_OK);
    BOOST_TEST(c.multi_label);
}

BOOST_AUTO_TEST_CASE(malformed) {
    expect_error("{not json", "not valid JSON");
    expect_error("[1, 2]", "expected a JSON object");
    // Deep nesting parses, but dump() (in the error message quoting the value) would recurse until the
    // stack overflows: refused before parsing.
    expect_error(k_min + R"(, "hidden_act": )" + std::string(200000, '[') + std::string(200000, ']') + "}", "nested deeper than 64 levels");
    expect_error(R"({"vocab_size": 10})", "missing required key \"embedding_size\"");
    expect_error(k_min + R"(, "hidden_size": "8"})", "\"hidden_size\" must be an integer");
    expect_error(R"({"vocab_size": 10, "embedding_size": 4, "hidden_size": 8, "num_hidden_layers": 0,
                    "num_attention_heads": 2, "intermediate_size": 16})", "\"num_hidden_layers\" = 0 is out of range");
    expect_error(k_min + R"(, "hidden_act": "swish"})", "unsupported \"hidden_act\" swish");
    expect_error(k_min + R"(, "hidden_act": 3})", "unsupported \"hidden_act\"");
    expect_error(k_min + R"(, "use_adapter": "yes"})", "\"use_adapter\" must be true or false");
    expect_error(k_min + R"(, "layer_norm_eps": -1})", "\"layer_norm_eps\"");
    expect_error(k_min + R"(, "num_hidden_groups": 2})", "\"num_hidden_groups\" = 2 is unsupported");
    expect_error(k_min + R"(, "position_embedding_type": "relative_key"})", "\"position_embedding_type\"");
    expect_error(k_min + R"(, "use_adapter": true, "reduction_factor": 16})", "leaves no adapter width");
    expect_error(k_min + R"(, "id2label": {"0": "a", "2": "b"}})", "\"id2label\" key \"2\"");
    expect_error(k_min + R"(, "id2label": {"0": 5}})", "must be a string");
    expect_error(k_min + R"(, "problem_type": "ranking"})", "\"problem_type\" must be null, \"regression\"");
    expect_error(k_min + R"(, "problem_type": 2})", "got 2");
    expect_error(R"({"vocab_size": 10, "embedding_size": 4, "hidden_size": 9, "num_hidden_layers": 2,
                    "num_attention_heads": 2, "intermediate_size": 16})", "not a multiple of num_attention_heads");
}
