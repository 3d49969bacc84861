// Int8 models (models/convert.py --dtype int8 [--int8-embeddings]) against the f32 goldens, and the
// loader's checks of int8 files. The converted models are written into the build directory by the
// convert-int8-* ctest fixtures (tests/core/model/int8.cmake), never into the repository.
//
// Agreement: the token-level argmax of the int8 logits against upstream's f32 logits, over every
// unmasked token of every golden case, must be >= 99.5% (issue 7) on the full-size model; tiny's
// near ties are discounted (see DECISIVE_MARGIN). Each figure is printed. Every backend of
// all_backends() is measured, so scalar-qu7 checks natively the 7-bit activations (qmax 63) that the
// wasmrelaxedsimd backend's int8 GEMM uses, with the same bars.
#define BOOST_TEST_MODULE test-int8
#include <boost/test/unit_test.hpp>

#include "core/golden.h"
#include "kernels/kernels.h"
#include "minialbert.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

std::string int8_dir(const std::string & model, const std::string & variant) {
    return std::string(MAB_INT8_MODELS) + "/" + model + "-" + variant;
}

size_t argmax(const float * v, size_t n) {
    size_t best = 0;
    for (size_t i = 1; i < n; i++) best = v[i] > v[best] ? i : best;
    return best;
}

struct agreement {
    size_t tokens = 0, agree = 0;
    size_t decisive = 0, decisive_agree = 0; // tokens whose f32 top-2 logit margin is >= DECISIVE_MARGIN
    float  max_diff = 0.0f;                  // largest |logit difference|
    double err2 = 0.0, ref2 = 0.0;           // Σ (Δ last_hidden_state)², Σ last_hidden_state²
};

// A token is decisive when upstream's two best logits are at least this far apart. The golden
// models have random weights: tiny has near ties (5% of its tokens within 0.05), which any change of
// arithmetic flips; full predicts one label everywhere with margins above 1.1.
constexpr float DECISIVE_MARGIN = 0.5f;

float top2_margin(const float * v, size_t n) {
    const size_t best = argmax(v, n);
    float second = -INFINITY;
    for (size_t i = 0; i < n; i++) second = i != best && v[i] > second ? v[i] : second;
    return v[best] - second;
}

// Runs every golden case of `model` through the int8 model at `dir` on `backend`.
agreement measure(const std::string & model, const std::string & dir, const char * backend) {
    agreement a;
    mab_model_params mp = mab_model_default_params();
    mp.backend = backend;
    mab_model * m = nullptr;
    BOOST_REQUIRE_MESSAGE(mab_model_load_from_dir(dir.c_str(), mp, &m) == MAB_STATUS_OK,
                          mab_last_error() << " (the convert-int8-* ctest fixtures write these models)");
    mab_model_info info;
    mab_model_get_info(m, &info);
    BOOST_REQUIRE(info.head == MAB_HEAD_TOKEN_CLASSIFICATION);
    // The int8 GEMM is reported where the layers run on it; a backend without one dequantizes.
    const char * gemm = mab::find_backend(backend)->int8_gemm;
    BOOST_TEST(std::string(info.int8_gemm ? info.int8_gemm : "(none)") == std::string(gemm ? gemm : "(none)"));
    BOOST_TEST((gemm == nullptr) == (mab::find_backend(backend)->linear_create_q8 == nullptr));
    const size_t nl = (size_t) info.num_labels, H = (size_t) info.hidden_size;
    for (const auto & c : golden::load_cases(model)) {
        const size_t T = (size_t) c.batch * c.seq_len;
        std::vector<float> logits(T * nl), last(T * H);
        BOOST_REQUIRE_MESSAGE(mab_forward(m, c.input_ids.data(), c.attention_mask.data(),
                                          c.token_type_ids.empty() ? nullptr : c.token_type_ids.data(), c.batch,
                                          c.seq_len, logits.data(), last.data(), mab_forward_default_params()) ==
                                  MAB_STATUS_OK,
                              mab_last_error());
        const auto ref_logits = c.arrays.find("logits"), ref_last = c.arrays.find("last_hidden_state");
        BOOST_REQUIRE_MESSAGE(ref_logits != c.arrays.end() && ref_last != c.arrays.end(),
                              model << " / " << c.name << ": no golden logits or last_hidden_state");
        const std::vector<float> & ref = ref_logits->second.data, & ref_h = ref_last->second.data;
        BOOST_REQUIRE_EQUAL(ref.size(), logits.size());
        BOOST_REQUIRE_EQUAL(ref_h.size(), last.size());
        for (size_t t = 0; t < T; t++) {
            if (c.attention_mask[t] == 0) continue; // padding: its prediction is never used
            const bool same = argmax(ref.data() + t * nl, nl) == argmax(logits.data() + t * nl, nl);
            a.tokens++;
            a.agree += same;
            if (top2_margin(ref.data() + t * nl, nl) >= DECISIVE_MARGIN) {
                a.decisive++;
                a.decisive_agree += same;
            }
            for (size_t l = 0; l < nl; l++) a.max_diff = std::max(a.max_diff, std::fabs(ref[t * nl + l] - logits[t * nl + l]));
            for (size_t j = 0; j < H; j++) {
                const double d = (double) last[t * H + j] - ref_h[t * H + j];
                a.err2 += d * d;
                a.ref2 += (double) ref_h[t * H + j] * ref_h[t * H + j];
            }
        }
    }
    mab_model_free(m);
    return a;
}

// `all_tokens`: the >= 99.5% argmax agreement holds over every token (issue 7), else over the
// decisive ones (the raw figure is printed either way). The last hidden state must be within 5%
// relative RMS error of upstream's (int8 error compounds over the recursions of the shared layer).
void check_agreement(const std::string & model, const std::string & variant, bool with_reference, bool all_tokens) {
    for (const mab::kernel_backend * const * be = mab::all_backends(); *be; be++) {
        if (!with_reference && strcmp((*be)->name, "reference") == 0) continue;
        BOOST_TEST_CONTEXT(model << "-" << variant << " / " << (*be)->name) {
            const agreement a = measure(model, int8_dir(model, variant), (*be)->name);
            const double rate = a.tokens ? (double) a.agree / (double) a.tokens : 0.0;
            const double decisive = a.decisive ? (double) a.decisive_agree / (double) a.decisive : 0.0;
            const double rel = a.ref2 > 0.0 ? std::sqrt(a.err2 / a.ref2) : 0.0;
            printf("int8 %s-%s on %s%s: argmax agreement %zu/%zu tokens (%.2f%%), decisive %zu/%zu (%.2f%%), "
                   "max |logit diff| %.4f, last_hidden_state relative RMS error %.4f\n",
                   model.c_str(), variant.c_str(), (*be)->name, (*be)->linear_create_q8 ? "" : " (dequantized to f32)",
                   a.agree, a.tokens, 100.0 * rate, a.decisive_agree, a.decisive, 100.0 * decisive,
                   (double) a.max_diff, rel);
            BOOST_TEST(a.tokens > 0u);
            BOOST_TEST(a.decisive > a.tokens / 2);
            BOOST_TEST((all_tokens ? rate : decisive) >= 0.995);
            BOOST_TEST(rel <= 0.05);
        }
    }
}

// The trained default model (models/deid-minialbert-small) in int8 against itself in f32, on one
// long note: the held-out synthetic notes written by the int8-long-note fixture, joined, about
// 6000 tokens in the model's 128-token windows. Both models run on the same backend, so the
// difference is int8 alone; agreement >= 99.5% over every token (issue 7), and the PHI tokens'
// (f32 label not O) figure is printed.
BOOST_AUTO_TEST_CASE(trained_model_long_note) {
    std::string note;
    {
        const std::string jsonl = golden::read_text(std::string(MAB_INT8_MODELS) + "/heldout-notes.jsonl");
        BOOST_REQUIRE_MESSAGE(!jsonl.empty(), "no held-out notes (the int8-long-note ctest fixture writes them)");
        size_t at = 0;
        while (at < jsonl.size()) {
            const size_t end = jsonl.find('\n', at);
            const std::string line = jsonl.substr(at, end == std::string::npos ? std::string::npos : end - at);
            at = end == std::string::npos ? jsonl.size() : end + 1;
            if (!line.empty()) note += nlohmann::json::parse(line).at("text").get<std::string>() + "\n\n";
        }
    }
    mab_tokenizer * tok = nullptr;
    BOOST_REQUIRE_MESSAGE(mab_tokenizer_load_from_dir(MAB_DEFAULT_MODEL, &tok) == MAB_STATUS_OK, mab_last_error());
    mab_tokenizer_encode_params ep = mab_tokenizer_default_encode_params();
    ep.max_length = 128;
    mab_encoding * enc = nullptr;
    BOOST_REQUIRE_MESSAGE(mab_tokenizer_encode(tok, note.data(), note.size(), ep, &enc) == MAB_STATUS_OK,
                          mab_last_error());
    BOOST_TEST(mab_encoding_n_tokens(enc) > 4000);
    for (const mab::kernel_backend * const * be = mab::all_backends(); *be; be++) {
        if (!(*be)->linear_create_q8) continue;
        BOOST_TEST_CONTEXT("deid-int8 / " << (*be)->name) {
            mab_model_params mp = mab_model_default_params();
            mp.backend = (*be)->name;
            mab_model * f32 = nullptr, * q8 = nullptr;
            BOOST_REQUIRE_MESSAGE(mab_model_load_from_dir(MAB_DEFAULT_MODEL, mp, &f32) == MAB_STATUS_OK, mab_last_error());
            BOOST_REQUIRE_MESSAGE(mab_model_load_from_dir(int8_dir("deid", "int8").c_str(), mp, &q8) == MAB_STATUS_OK,
                                  mab_last_error() << " (the convert-int8-deid ctest fixture writes it)");
            mab_model_info info;
            mab_model_get_info(q8, &info);
            BOOST_TEST(std::string(info.int8_gemm ? info.int8_gemm : "(none)") == (*be)->int8_gemm);
            mab_model_get_info(f32, &info);
            BOOST_TEST(info.int8_gemm == nullptr); // an f32 model runs no int8 GEMM
            const size_t nl = (size_t) info.num_labels;
            size_t tokens = 0, agree = 0, phi = 0, phi_agree = 0;
            for (int32_t w = 0; w < mab_encoding_n_windows(enc); w++) {
                const int32_t L = mab_encoding_window_length(enc, w);
                const std::vector<int32_t> mask(L, 1);
                std::vector<float> a((size_t) L * nl), b((size_t) L * nl);
                for (auto [m, out] : {std::pair{f32, &a}, std::pair{q8, &b}}) {
                    BOOST_REQUIRE_MESSAGE(mab_forward(m, mab_encoding_window_ids(enc, w), mask.data(), nullptr, 1, L,
                                                      out->data(), nullptr, mab_forward_default_params()) == MAB_STATUS_OK,
                                          mab_last_error());
                }
                for (size_t t = 0; t < (size_t) L; t++) {
                    const size_t label = argmax(a.data() + t * nl, nl);
                    const bool   same  = label == argmax(b.data() + t * nl, nl);
                    tokens++;
                    agree += same;
                    if (strcmp(mab_model_label(f32, (int32_t) label), "O") != 0) {
                        phi++;
                        phi_agree += same;
                    }
                }
            }
            printf("int8 deid-minialbert-small on %s, long note (%d windows): argmax agreement with f32 %zu/%zu "
                   "tokens (%.2f%%), on the %zu PHI tokens %zu (%.2f%%)\n",
                   (*be)->name, mab_encoding_n_windows(enc), agree, tokens, 100.0 * agree / tokens, phi, phi_agree,
                   100.0 * phi_agree / (phi ? phi : 1));
            BOOST_TEST(phi > 200u);
            BOOST_TEST((double) agree / (double) tokens >= 0.995);
            mab_model_free(f32);
            mab_model_free(q8);
        }
    }
    mab_encoding_free(enc);
    mab_tokenizer_free(tok);
}

// ---- safetensors surgery for the loader tests ----------------------------------------------------

struct st_buffer {
    nlohmann::json       header;
    std::vector<uint8_t> data;
};

st_buffer read_st(const std::string & path) {
    const std::string bytes = golden::read_text(path);
    BOOST_REQUIRE_MESSAGE(bytes.size() > 8, "cannot read " << path);
    uint64_t n = 0;
    memcpy(&n, bytes.data(), 8);
    st_buffer b;
    b.header = nlohmann::json::parse(bytes.substr(8, n));
    b.data.assign(bytes.begin() + 8 + (ptrdiff_t) n, bytes.end());
    return b;
}

// Loads config.json of `dir` with the (edited) weights; returns the status and leaves the message
// in mab_last_error().
mab_status load_edited(const std::string & dir, const st_buffer & b) {
    std::string h = b.header.dump();
    while ((8 + h.size()) % 8) h += ' ';
    const uint64_t n = h.size();
    auto * buf = (uint8_t *) malloc(8 + h.size() + b.data.size());
    memcpy(buf, &n, 8);
    memcpy(buf + 8, h.data(), h.size());
    memcpy(buf + 8 + h.size(), b.data.data(), b.data.size());
    const std::string config = golden::read_text(dir + "/config.json");
    mab_model_params mp = mab_model_default_params();
    mp.backend = "scalar";
    mab_model * m = nullptr;
    const mab_status st = mab_model_load_from_buffers(config.data(), config.size(), buf, 8 + h.size() + b.data.size(),
                                                      dir.c_str(), mp, &m);
    mab_model_free(m);
    return st;
}

const std::string k_ffn = "albert.albert.encoder.albert_layer_groups.0.albert_layers.0.ffn.weight";

} // namespace

BOOST_AUTO_TEST_SUITE(agreement_with_f32)

BOOST_AUTO_TEST_CASE(full_int8_linears) { check_agreement("full", "int8", false, true); }
BOOST_AUTO_TEST_CASE(full_int8_linears_and_embeddings) { check_agreement("full", "int8e", false, true); }
BOOST_AUTO_TEST_CASE(tiny_int8_linears) { check_agreement("tiny", "int8", true, false); }
BOOST_AUTO_TEST_CASE(tiny_int8_linears_and_embeddings) { check_agreement("tiny", "int8e", true, false); }

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(memory)

// The file and the weights held in memory, int8 (linears + embeddings) against f32.
BOOST_AUTO_TEST_CASE(full_model_sizes) {
    const std::string f32_dir = golden::dir("full"), q8_dir = int8_dir("full", "int8e");
    const size_t f32_file = golden::read_text(f32_dir + "/model.safetensors").size();
    const size_t q8_file  = golden::read_text(q8_dir + "/model.safetensors").size();
    printf("full model.safetensors: f32 %zu bytes, int8 + int8 embeddings %zu bytes (%.1f%%)\n", f32_file, q8_file,
           100.0 * (double) q8_file / (double) f32_file);
    BOOST_TEST(q8_file <= f32_file * 3 / 10); // issue 7: the int8 file is at most 30% of f32
    for (const char * backend : {"scalar", "xnnpack"}) {
        if (!mab::find_backend(backend)) continue;
        int64_t bytes[2];
        int64_t params[2];
        const std::string dirs[2] = {f32_dir, q8_dir};
        for (int i = 0; i < 2; i++) {
            mab_model_params mp = mab_model_default_params();
            mp.backend = backend;
            mab_model * m = nullptr;
            BOOST_REQUIRE_MESSAGE(mab_model_load_from_dir(dirs[i].c_str(), mp, &m) == MAB_STATUS_OK, mab_last_error());
            mab_model_info info;
            mab_model_get_info(m, &info);
            bytes[i]  = info.weight_bytes;
            params[i] = info.n_params;
            mab_model_free(m);
        }
        printf("full weights in memory on %s: f32 %lld bytes, int8 %lld bytes\n", backend, (long long) bytes[0],
               (long long) bytes[1]);
        BOOST_TEST(params[0] == params[1]); // the same parameters, stored differently
        BOOST_TEST(bytes[1] < bytes[0]);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(loader_errors)

BOOST_AUTO_TEST_CASE(unedited_file_loads) {
    const std::string dir = int8_dir("full", "int8e");
    BOOST_TEST(load_edited(dir, read_st(dir + "/model.safetensors")) == MAB_STATUS_OK, mab_last_error());
}

BOOST_AUTO_TEST_CASE(missing_scale) {
    const std::string dir = int8_dir("full", "int8e");
    st_buffer b = read_st(dir + "/model.safetensors");
    b.header[k_ffn + "_scalf"] = b.header[k_ffn + "_scale"]; // renamed: same bytes, no scale
    b.header.erase(k_ffn + "_scale");
    BOOST_TEST(load_edited(dir, b) == MAB_STATUS_BAD_WEIGHTS);
    const std::string msg = mab_last_error();
    BOOST_TEST(msg.find("int8 tensor '" + k_ffn + "' has no '" + k_ffn + "_scale'") != std::string::npos, msg);
    BOOST_TEST(msg.find("[3072]") != std::string::npos, msg);
}

BOOST_AUTO_TEST_CASE(misshaped_scale) {
    const std::string dir = int8_dir("full", "int8e");
    st_buffer b = read_st(dir + "/model.safetensors");
    b.header[k_ffn + "_scale"]["shape"] = {1, 3072};
    BOOST_TEST(load_edited(dir, b) == MAB_STATUS_BAD_WEIGHTS);
    const std::string msg = mab_last_error();
    BOOST_TEST(msg.find("'" + k_ffn + "_scale' has shape [1, 3072], expected [3072]") != std::string::npos, msg);
}

BOOST_AUTO_TEST_CASE(nonpositive_scale) {
    const std::string dir = int8_dir("full", "int8e");
    st_buffer b = read_st(dir + "/model.safetensors");
    const size_t offset = b.header[k_ffn + "_scale"]["data_offsets"][0].get<size_t>();
    const float  zero   = 0.0f;
    memcpy(b.data.data() + offset + 5 * sizeof(float), &zero, sizeof zero);
    BOOST_TEST(load_edited(dir, b) == MAB_STATUS_BAD_WEIGHTS);
    const std::string msg = mab_last_error();
    BOOST_TEST(msg.find("has scale 0 at row 5, expected > 0") != std::string::npos, msg);
}

BOOST_AUTO_TEST_CASE(embedding_scale_missing) {
    const std::string dir = int8_dir("full", "int8e"), t = "albert.albert.embeddings.word_embeddings.weight";
    st_buffer b = read_st(dir + "/model.safetensors");
    b.header[t + "_scalf"] = b.header[t + "_scale"];
    b.header.erase(t + "_scale");
    BOOST_TEST(load_edited(dir, b) == MAB_STATUS_BAD_WEIGHTS);
    const std::string msg = mab_last_error();
    BOOST_TEST(msg.find("has no '" + t + "_scale' (F32 [28996]") != std::string::npos, msg);
}

BOOST_AUTO_TEST_CASE(other_quantization_refused) {
    const std::string dir = int8_dir("full", "int8e");
    st_buffer b = read_st(dir + "/model.safetensors");
    b.header["__metadata__"]["quantization"] = "int8-asymmetric-per-tensor";
    BOOST_TEST(load_edited(dir, b) == MAB_STATUS_BAD_WEIGHTS);
    const std::string msg = mab_last_error();
    BOOST_TEST(msg.find("quantization is \"int8-asymmetric-per-tensor\", expected") != std::string::npos, msg);
}

BOOST_AUTO_TEST_CASE(int8_layer_norm_refused) {
    // Only Linear weights and embedding tables may be int8: an I8 LayerNorm weight is named.
    const std::string dir = int8_dir("full", "int8e");
    const std::string t = "albert.albert.embeddings.LayerNorm.weight";
    st_buffer b = read_st(dir + "/model.safetensors");
    b.header[t]["dtype"] = "I8";
    b.header[t]["shape"] = {312 * 4};
    BOOST_TEST(load_edited(dir, b) == MAB_STATUS_BAD_WEIGHTS);
    const std::string msg = mab_last_error();
    BOOST_TEST(msg.find("'" + t + "' has dtype I8, expected F32, F16 or BF16") != std::string::npos, msg);
}

BOOST_AUTO_TEST_SUITE_END()
