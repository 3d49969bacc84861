// The safetensors reader and the model loader on broken files (non-finite weights included), and
// forward calls the core must refuse: every failure is a status whose message names the file, the
// tensor or the value, and the problem.
#define BOOST_TEST_MODULE test-safetensors
#include <boost/test/unit_test.hpp>

#include "core/golden.h"
#include "loader/safetensors.h"
#include "core/loader/st-writer.h"
#include "minialbert.h"
#include "status.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <tuple>
#include <vector>

namespace {

const std::string k_tiny_config  = golden::read_text(golden::dir("tiny") + "/config.json");
const std::string k_tiny_weights = golden::read_text(golden::dir("tiny") + "/model.safetensors");
const std::string k_layer = "albert.albert.encoder.albert_layer_groups.0.albert_layers.0.";

struct load_result {
    mab_status  status;
    std::string message;
    mab_model * model = nullptr;
    ~load_result() { mab_model_free(model); }
};

void load(const std::string & config, const std::string & weights, load_result * r) {
    void * buf = malloc(weights.size() + 1);
    memcpy(buf, weights.data(), weights.size());
    r->status  = mab_model_load_from_buffers(config.data(), config.size(), buf, weights.size(), "tiny-test",
                                             mab_model_default_params(), &r->model);
    r->message = r->status == MAB_STATUS_OK ? "" : mab_last_error();
}

void expect_error(const std::string & config, const std::string & weights, mab_status code,
                  std::initializer_list<const char *> needles) {
    load_result r;
    load(config, weights, &r);
    BOOST_TEST(r.status == code, "status " << mab_status_name(r.status) << ", expected " << mab_status_name(code)
                                            << " (" << r.message << ")");
    BOOST_TEST(r.model == nullptr);
    for (const char * n : needles) {
        BOOST_TEST(r.message.find(n) != std::string::npos, "message '" << r.message << "' lacks '" << n << "'");
    }
}

std::string with_header(const std::string & file, const std::string & from, const std::string & to) {
    std::string f = file;
    const size_t pos = f.find(from);
    BOOST_REQUIRE(pos != std::string::npos && pos < 8 + 8192);
    f.replace(pos, from.size(), to);
    return f;
}

} // namespace

BOOST_AUTO_TEST_CASE(golden_file_parses) {
    mab::st_file f;
    BOOST_REQUIRE(mab::st_parse((const uint8_t *) k_tiny_weights.data(), k_tiny_weights.size(), "x", &f) == MAB_STATUS_OK);
    BOOST_TEST(f.find("albert.albert.embeddings.position_ids")->dtype == mab::ST_I64);
    BOOST_TEST(f.metadata.find("pt") != std::string::npos);
    load_result r;
    load(k_tiny_config, k_tiny_weights, &r);
    BOOST_TEST(r.status == MAB_STATUS_OK, r.message);
}

BOOST_AUTO_TEST_CASE(truncated_file) {
    expect_error(k_tiny_config, k_tiny_weights.substr(0, 5), MAB_STATUS_BAD_WEIGHTS, {"tiny-test/model.safetensors", "too short"});
    expect_error(k_tiny_config, k_tiny_weights.substr(0, 100), MAB_STATUS_BAD_WEIGHTS, {"header length"});
    expect_error(k_tiny_config, k_tiny_weights.substr(0, k_tiny_weights.size() - 1000), MAB_STATUS_BAD_WEIGHTS,
                 {"out of range", "truncated"});
    expect_error(k_tiny_config, k_tiny_weights + "extra", MAB_STATUS_BAD_WEIGHTS, {"after the last tensor"});
}

BOOST_AUTO_TEST_CASE(corrupt_header) {
    std::string f = k_tiny_weights;
    f[20] = '\x01';
    expect_error(k_tiny_config, f, MAB_STATUS_BAD_WEIGHTS, {"not a JSON object"});
    std::string huge = k_tiny_weights;
    huge[7] = '\x7f';
    expect_error(k_tiny_config, huge, MAB_STATUS_BAD_WEIGHTS, {"header length"});
    // A __metadata__ nested 100,000 deep: parsed, then dumped into the file's metadata, recursively.
    std::string deep = "{\"__metadata__\": {\"x\": " + std::string(100000, '[') + std::string(100000, ']') + "}}";
    std::string deep_file(8, '\0');
    for (int b = 0; b < 8; b++) deep_file[(size_t) b] = (char) ((uint64_t) deep.size() >> (8 * b));
    expect_error(k_tiny_config, deep_file + deep, MAB_STATUS_BAD_WEIGHTS, {"nested deeper than 64 levels"});
}

BOOST_AUTO_TEST_CASE(offsets_out_of_range_and_overlapping) {
    auto es = st_test::split(k_tiny_weights);
    BOOST_REQUIRE(!es.empty());
    std::string ok = st_test::join(es);
    // Point the last tensor's end past the data section.
    const std::string last = es.back().name;
    mab::st_file f;
    BOOST_REQUIRE(mab::st_parse((const uint8_t *) ok.data(), ok.size(), "x", &f) == MAB_STATUS_OK);
    const mab::st_tensor * t = f.find(last);
    const std::string from = "[" + std::to_string(t->begin) + "," + std::to_string(t->end) + "]";
    expect_error(k_tiny_config, with_header(ok, from, "[" + std::to_string(t->begin) + "," + std::to_string(t->end + 4) + "]"),
                 MAB_STATUS_BAD_WEIGHTS, {last.c_str()});
    // Make the last tensor start 4 bytes early: it overlaps its neighbour and its size no longer fits.
    expect_error(k_tiny_config, with_header(ok, from, "[" + std::to_string(t->begin - 4) + "," + std::to_string(t->end - 4) + "]"),
                 MAB_STATUS_BAD_WEIGHTS, {"overlaps"});
}

BOOST_AUTO_TEST_CASE(bad_dtype) {
    auto es = st_test::split(k_tiny_weights);
    st_test::find(es, "classifier.bias")->dtype = "F99";
    expect_error(k_tiny_config, st_test::join(es), MAB_STATUS_BAD_WEIGHTS, {"classifier.bias", "unsupported dtype"});
    es = st_test::split(k_tiny_weights);
    auto * e = st_test::find(es, "classifier.bias");
    e->dtype = "I32"; // same byte size, not a float
    expect_error(k_tiny_config, st_test::join(es), MAB_STATUS_BAD_WEIGHTS, {"classifier.bias", "dtype I32", "expected F32"});
}

BOOST_AUTO_TEST_CASE(missing_and_unexpected_tensors) {
    auto es = st_test::split(k_tiny_weights);
    std::vector<st_test::entry> missing;
    for (auto & e : es) if (e.name != k_layer + "ffn.weight") missing.push_back(e);
    expect_error(k_tiny_config, st_test::join(missing), MAB_STATUS_BAD_WEIGHTS, {"missing tensor", "ffn.weight", "[256, 64]"});

    auto extra = es;
    extra.push_back({"albert.surprise.weight", "F32", {2}, std::string(8, '\0')});
    expect_error(k_tiny_config, st_test::join(extra), MAB_STATUS_BAD_WEIGHTS, {"unexpected tensor 'albert.surprise.weight'"});

    // Adapters in the weights but not in the config.
    std::string no_adapter = k_tiny_config;
    no_adapter.replace(no_adapter.find("\"use_adapter\": true"), 19, "\"use_adapter\": false");
    expect_error(no_adapter, k_tiny_weights, MAB_STATUS_BAD_WEIGHTS, {"unexpected tensor", "_adapters.", "use_adapter"});
}

BOOST_AUTO_TEST_CASE(shape_contradicts_config) {
    std::string cfg = k_tiny_config;
    cfg.replace(cfg.find("\"intermediate_size\": 256"), 24, "\"intermediate_size\": 128");
    expect_error(cfg, k_tiny_weights, MAB_STATUS_BAD_WEIGHTS, {"ffn.weight", "has shape [256, 64], expected [128, 64]"});

    std::string labels = k_tiny_config;
    labels.replace(labels.find("\"4\": \"I-DATE\""), 13, "\"4\": \"I-DATE\", \"5\": \"X\"");
    expect_error(labels, k_tiny_weights, MAB_STATUS_BAD_WEIGHTS, {"classifier.weight", "id2label has 6 labels"});
}

BOOST_AUTO_TEST_CASE(half_precision_weights) {
    // f16 and bf16 checkpoints load, widened to f32; logits stay close to the f32 model's.
    auto es = st_test::split(k_tiny_weights);
    auto es16 = es, esb16 = es;
    for (size_t i = 0; i < es.size(); i++) {
        if (es[i].dtype != "F32") continue;
        const size_t n = es[i].bytes.size() / 4;
        std::string b(n * 2, '\0');
        for (size_t j = 0; j < n; j++) {
            uint32_t bits;
            memcpy(&bits, es[i].bytes.data() + 4 * j, 4);
            const uint16_t bv = (uint16_t) (bits >> 16);
            memcpy(&b[2 * j], &bv, 2);
        }
        es16[i].dtype = "F16";   es16[i].bytes = st_test::f16_of_f32(es[i].bytes);
        esb16[i].dtype = "BF16"; esb16[i].bytes = b;
    }
    load_result r32, r16, rb16;
    load(k_tiny_config, k_tiny_weights, &r32);
    load(k_tiny_config, st_test::join(es16), &r16);
    load(k_tiny_config, st_test::join(esb16), &rb16);
    BOOST_REQUIRE_MESSAGE(r16.status == MAB_STATUS_OK, r16.message);
    BOOST_REQUIRE_MESSAGE(rb16.status == MAB_STATUS_OK, rb16.message);
    const int32_t ids[] = {2, 164, 255, 256, 165, 182, 3};
    std::vector<float> l32(7 * 5), l16(7 * 5), lb16(7 * 5);
    for (auto [m, out] : {std::pair{r32.model, &l32}, {r16.model, &l16}, {rb16.model, &lb16}}) {
        BOOST_REQUIRE(mab_forward(m, ids, nullptr, nullptr, 1, 7, out->data(), nullptr, mab_forward_default_params()) == MAB_STATUS_OK);
    }
    for (size_t i = 0; i < l32.size(); i++) {
        BOOST_TEST(std::fabs(l32[i] - l16[i]) < 0.02f);
        BOOST_TEST(std::fabs(l32[i] - lb16[i]) < 0.2f);
    }
}

BOOST_AUTO_TEST_CASE(f16_conversion_is_exact) {
    const uint16_t h[] = {0x3c00, 0xc000, 0x0001, 0x03ff, 0x7bff, 0x7c00, 0x8000};
    const float    expect[] = {1.0f, -2.0f, 5.9604645e-08f, 6.0975552e-05f, 65504.0f, INFINITY, -0.0f};
    std::vector<st_test::entry> es = {{"t", "F16", {7}, std::string((const char *) h, sizeof h)}};
    const std::string file = st_test::join(es);
    mab::st_file f;
    BOOST_REQUIRE(mab::st_parse((const uint8_t *) file.data(), file.size(), "x", &f) == MAB_STATUS_OK);
    float out[7];
    mab::st_to_f32(f, f.tensors[0], out);
    for (int i = 0; i < 7; i++) BOOST_TEST(out[i] == expect[i]);
    BOOST_TEST(std::signbit(out[6]));
}

BOOST_AUTO_TEST_CASE(masked_lm_checkpoint_loads_as_encoder) {
    auto es = st_test::split(k_tiny_weights);
    std::vector<st_test::entry> mlm;
    for (auto & e : es) if (e.name.rfind("classifier.", 0) != 0) mlm.push_back(e);
    mlm.push_back({"vocab_transform.weight", "F32", {32, 64}, std::string(32 * 64 * 4, '\0')});
    mlm.push_back({"vocab_projector.weight", "F32", {1000, 32}, std::string(1000 * 32 * 4, '\0')});
    load_result r;
    load(k_tiny_config, st_test::join(mlm), &r);
    BOOST_REQUIRE_MESSAGE(r.status == MAB_STATUS_OK, r.message);
    mab_model_info info;
    mab_model_get_info(r.model, &info);
    BOOST_TEST(info.head == MAB_HEAD_NONE);
    const int32_t ids[] = {2, 80, 117, 3};
    std::vector<float> logits(4 * 5), hidden(4 * 64);
    BOOST_TEST(mab_forward(r.model, ids, nullptr, nullptr, 1, 4, logits.data(), nullptr, mab_forward_default_params()) ==
               MAB_STATUS_NO_HEAD);
    BOOST_TEST(std::string(mab_last_error()).find("masked-LM") != std::string::npos);
    BOOST_TEST(mab_forward(r.model, ids, nullptr, nullptr, 1, 4, nullptr, hidden.data(), mab_forward_default_params()) ==
               MAB_STATUS_OK);

    // A bare MiniAlbertModel state dict (no "albert." wrapper prefix) is the same encoder.
    std::vector<st_test::entry> bare;
    for (auto & e : es) {
        if (e.name.rfind("albert.", 0) == 0) bare.push_back({e.name.substr(7), e.dtype, e.shape, e.bytes});
    }
    load_result rb;
    load(k_tiny_config, st_test::join(bare), &rb);
    BOOST_REQUIRE_MESSAGE(rb.status == MAB_STATUS_OK, rb.message);
    std::vector<float> hidden2(4 * 64);
    BOOST_TEST(mab_forward(rb.model, ids, nullptr, nullptr, 1, 4, nullptr, hidden2.data(), mab_forward_default_params()) ==
               MAB_STATUS_OK);
    BOOST_TEST(hidden == hidden2);
}

BOOST_AUTO_TEST_CASE(bad_forward_input) {
    load_result r;
    load(k_tiny_config, k_tiny_weights, &r);
    BOOST_REQUIRE(r.status == MAB_STATUS_OK);
    std::vector<float> logits(600 * 5);
    const int32_t bad_id[] = {2, 1000, 3};
    BOOST_TEST(mab_forward(r.model, bad_id, nullptr, nullptr, 1, 3, logits.data(), nullptr, mab_forward_default_params()) ==
               MAB_STATUS_BAD_INPUT);
    BOOST_TEST(std::string(mab_last_error()).find("input_ids[0][1] = 1000") != std::string::npos);
    const int32_t ids[] = {2, 5, 3}, mask[] = {1, 2, 1}, tt[] = {0, 2, 0};
    BOOST_TEST(mab_forward(r.model, ids, mask, nullptr, 1, 3, logits.data(), nullptr, mab_forward_default_params()) ==
               MAB_STATUS_BAD_INPUT);
    BOOST_TEST(mab_forward(r.model, ids, nullptr, tt, 1, 3, logits.data(), nullptr, mab_forward_default_params()) ==
               MAB_STATUS_BAD_INPUT);
    std::vector<int32_t> long_ids(513, 5);
    BOOST_TEST(mab_forward(r.model, long_ids.data(), nullptr, nullptr, 1, 513, logits.data(), nullptr,
                           mab_forward_default_params()) == MAB_STATUS_BAD_INPUT);
    BOOST_TEST(std::string(mab_last_error()).find("max_position_embeddings") != std::string::npos);
}

// ---- non-finite weights: refused at load, naming the tensor and the first bad element -------------

namespace {

void set_f32(st_test::entry & e, size_t i, float v) { memcpy(&e.bytes[4 * i], &v, 4); }

// The tiny model with `name`'s element i set to v (F32).
std::string with_value(const std::string & name, size_t i, float v) {
    auto es = st_test::split(k_tiny_weights);
    set_f32(*st_test::find(es, name), i, v);
    return st_test::join(es);
}

// classifier.weight as convert.py --dtype int8 writes it: I8 [5, 64] and F32 classifier.weight_scale [5].
std::vector<st_test::entry> with_int8_classifier() {
    auto es = st_test::split(k_tiny_weights);
    st_test::entry & w = *st_test::find(es, "classifier.weight");
    std::string q(5 * 64, '\0'), scales(5 * 4, '\0');
    for (size_t r = 0; r < 5; r++) {
        float row[64], amax = 0.0f;
        memcpy(row, &w.bytes[r * 64 * 4], sizeof row);
        for (float x : row) amax = std::max(amax, std::fabs(x));
        const float s = amax / 127.0f;
        for (size_t c = 0; c < 64; c++) q[r * 64 + c] = (char) (int8_t) std::lround(row[c] / s);
        memcpy(&scales[r * 4], &s, 4);
    }
    w.dtype = "I8";
    w.bytes = q;
    es.push_back({"classifier.weight_scale", "F32", {5}, scales});
    return es;
}

} // namespace

BOOST_AUTO_TEST_CASE(non_finite_weights_are_refused) {
    const std::string ffn = k_layer + "ffn.weight"; // [256, 64]
    expect_error(k_tiny_config, with_value(ffn, 3 * 64 + 17, NAN), MAB_STATUS_BAD_WEIGHTS,
                 {("tensor '" + ffn + "' has a non-finite value (nan) at [3, 17]").c_str(), "expected only finite values"});
    expect_error(k_tiny_config, with_value("classifier.bias", 2, INFINITY), MAB_STATUS_BAD_WEIGHTS,
                 {"tensor 'classifier.bias' has a non-finite value (inf) at [2]"});
    expect_error(k_tiny_config, with_value("albert.albert.embeddings.LayerNorm.weight", 31, -INFINITY),
                 MAB_STATUS_BAD_WEIGHTS, {"'albert.albert.embeddings.LayerNorm.weight' has a non-finite value (-inf) at [31]"});
    expect_error(k_tiny_config, with_value("albert.albert.embeddings.word_embeddings.weight", 999 * 32, NAN),
                 MAB_STATUS_BAD_WEIGHTS, {"'albert.albert.embeddings.word_embeddings.weight' has a non-finite value (nan) at [999, 0]"});
    expect_error(k_tiny_config, with_value("albert.att_adapters.2.block.0.bias", 0, NAN), MAB_STATUS_BAD_WEIGHTS,
                 {"'albert.att_adapters.2.block.0.bias' has a non-finite value (nan) at [0]"});

    // F16 and BF16 tensors are checked once widened: +inf in F16 (0x7c00), NaN in BF16 (0x7fc0).
    for (auto [dtype, bits, what] : {std::tuple{"F16", (uint16_t) 0x7c00, "(inf)"}, {"BF16", (uint16_t) 0x7fc0, "(nan)"}}) {
        auto es = st_test::split(k_tiny_weights);
        st_test::entry & e = *st_test::find(es, "classifier.bias");
        std::string half(5 * 2, '\0');
        memcpy(&half[4 * 2], &bits, 2);
        e.dtype = dtype;
        e.bytes = half;
        expect_error(k_tiny_config, st_test::join(es), MAB_STATUS_BAD_WEIGHTS,
                     {(std::string("'classifier.bias' has a non-finite value ") + what + " at [4]").c_str()});
    }

    // Int8 weights: the integers are always finite, their F32 scales are checked.
    load_result ok;
    load(k_tiny_config, st_test::join(with_int8_classifier()), &ok);
    BOOST_TEST(ok.status == MAB_STATUS_OK, ok.message);
    for (float bad : {NAN, INFINITY}) {
        auto es = with_int8_classifier();
        set_f32(*st_test::find(es, "classifier.weight_scale"), 1, bad);
        expect_error(k_tiny_config, st_test::join(es), MAB_STATUS_BAD_WEIGHTS,
                     {"tensor 'classifier.weight_scale' has a non-finite value", "at [1]"});
    }
}

// ---- sizes from batch x seq_len: checked, so a request too large for size_t is a clean error -----

BOOST_AUTO_TEST_CASE(checked_size_never_wraps) {
    using mab::checked_size;
    const checked_size ok = checked_size(1000) * 1000 + 24;
    BOOST_TEST((!ok.overflow && ok.value == 1000024u));
    BOOST_TEST((checked_size(SIZE_MAX / 2 + 1) * 2).overflow);
    BOOST_TEST((checked_size(SIZE_MAX) + 1).overflow);
    BOOST_TEST((checked_size(SIZE_MAX) * 2 * 0).overflow); // sticky: a later x0 does not hide it
    BOOST_TEST((checked_size(7) + checked_size(SIZE_MAX / 4) * 8).overflow);
}

namespace {

// A 1-wide model with the largest FFN and position table config.json allows, so that batch x seq_len
// x intermediate_size overflows even a 64-bit size_t (the native build's; wasm32's 32 bits overflow
// at the review's 13967 x 128 tokens of the default model, tests/web/model.test.js).
std::string wide_config() {
    return R"({"architectures": ["MiniAlbertForTokenClassification"], "vocab_size": 8, "embedding_size": 1,
               "hidden_size": 1, "num_hidden_layers": 1, "num_attention_heads": 1, "intermediate_size": 262144,
               "max_position_embeddings": 65536, "type_vocab_size": 1, "hidden_act": "gelu", "layer_norm_eps": 1e-5,
               "use_adapter": false, "id2label": {"0": "O", "1": "B-NAME"}})";
}

std::string wide_weights() {
    std::vector<st_test::entry> es;
    const auto add = [&](const std::string & name, std::vector<int64_t> shape) {
        size_t n = 1;
        for (int64_t d : shape) n *= (size_t) d;
        st_test::entry e{name, "F32", shape, std::string(n * 4, '\0')};
        for (size_t i = 0; i < n; i++) set_f32(e, i, 0.01f * (float) (i % 7) + 0.5f);
        es.push_back(e);
    };
    const std::string emb = "albert.albert.embeddings.";
    add(emb + "word_embeddings.weight", {8, 1});
    add(emb + "position_embeddings.weight", {65536, 1});
    add(emb + "token_type_embeddings.weight", {1, 1});
    add(emb + "LayerNorm.weight", {1});
    add(emb + "LayerNorm.bias", {1});
    for (const char * l : {"attention.query.", "attention.key.", "attention.value.", "attention.dense."}) {
        add(k_layer + l + "weight", {1, 1});
        add(k_layer + l + "bias", {1});
    }
    for (const char * n : {"attention.LayerNorm.", "full_layer_layer_norm."}) {
        add(k_layer + n + "weight", {1});
        add(k_layer + n + "bias", {1});
    }
    add(k_layer + "ffn.weight", {262144, 1});
    add(k_layer + "ffn.bias", {262144});
    add(k_layer + "ffn_output.weight", {1, 262144});
    add(k_layer + "ffn_output.bias", {1});
    add("classifier.weight", {2, 1});
    add("classifier.bias", {2});
    return st_test::join(es);
}

} // namespace

BOOST_AUTO_TEST_CASE(oversized_forward_is_refused) {
    load_result r;
    load(wide_config(), wide_weights(), &r);
    BOOST_REQUIRE_MESSAGE(r.status == MAB_STATUS_OK, r.message);
    const int32_t ids[] = {2, 5, 7, 3};
    std::vector<float> before(4 * 2), after(4 * 2);
    BOOST_REQUIRE(mab_forward(r.model, ids, nullptr, nullptr, 1, 4, before.data(), nullptr, mab_forward_default_params()) ==
                  MAB_STATUS_OK);

    // INT32_MAX x 65536 tokens x 2^18 FFN floats is past 2^64. The size is refused before input_ids is
    // read (the four ids above stand for a buffer no machine holds), with or without attentions.
    BOOST_TEST(mab_model_workspace_bytes(r.model, INT32_MAX, 65536) == SIZE_MAX);
    mab_forward_params with_att = mab_forward_default_params();
    with_att.want_attentions = 1;
    for (const mab_forward_params & params : {mab_forward_default_params(), with_att}) {
        BOOST_TEST(mab_forward(r.model, ids, nullptr, nullptr, INT32_MAX, 65536, before.data(), nullptr, params) ==
                   MAB_STATUS_BAD_INPUT);
        const std::string msg = mab_last_error();
        BOOST_TEST(msg.find("batch 2147483647 x seq_len 65536 is too large") != std::string::npos, msg);
        BOOST_TEST(msg.find("64-bit address space (split it into smaller batches)") != std::string::npos, msg);
    }

    // The model is untouched: the same logits as before.
    BOOST_REQUIRE(mab_forward(r.model, ids, nullptr, nullptr, 1, 4, after.data(), nullptr, mab_forward_default_params()) ==
                  MAB_STATUS_OK);
    BOOST_TEST(before == after, boost::test_tools::per_element());
    BOOST_TEST(mab_model_workspace_bytes(r.model, 1, 4) > 0u);
    BOOST_TEST(mab_model_workspace_bytes(r.model, 1, 4) < 64u << 20);
}
