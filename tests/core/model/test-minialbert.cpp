// The forward pass against upstream PyTorch outputs (../shared/golden), on every backend built in.
// Tolerances (golden README, "Tolerances observed"): atol 1e-4 for the full-size model, 2e-5 for the
// tiny ones, 1e-5 for attention probabilities.
#define BOOST_TEST_MODULE test-minialbert
#include <boost/test/unit_test.hpp>

#include "core/golden.h"
#include "kernels/kernels.h"
#include "minialbert.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace {

struct captured {
    std::map<std::string, std::vector<float>> tensors; // "hidden_states[2]" → data
};

void capture(const char * name, int32_t index, const float * data, const int64_t * dims, int32_t n_dims, void * user) {
    size_t n = 1;
    for (int32_t i = 0; i < n_dims; i++) n *= (size_t) dims[i];
    const std::string key = std::string(name) + "[" + std::to_string(index) + "]";
    static_cast<captured *>(user)->tensors[key].assign(data, data + n);
}

// Golden array name → our callback name ("debug/att_adapter_output[1]" → "att_adapter_output[1]").
std::string our_name(const std::string & golden_name) {
    const std::string n = golden_name.rfind("debug/", 0) == 0 ? golden_name.substr(6) : golden_name;
    return n;
}

float max_abs_diff(const std::vector<float> & a, const std::vector<float> & b) {
    float m = 0.0f;
    for (size_t i = 0; i < a.size(); i++) {
        const float d = std::fabs(a[i] - b[i]);
        if (!(d <= m)) m = d; // NaN propagates as a failure
    }
    return m;
}

void check_model(const std::string & model, float atol) {
    const auto cases = golden::load_cases(model);
    for (size_t bi = 0; mab::all_backends()[bi]; bi++) {
        const char * backend = mab::all_backends()[bi]->name;
        mab_model_params mp = mab_model_default_params();
        mp.backend = backend;
        mab_model * m = nullptr;
        BOOST_REQUIRE_MESSAGE(mab_model_load_from_dir(golden::dir(model).c_str(), mp, &m) == MAB_STATUS_OK,
                              mab_last_error());
        mab_model_info info;
        mab_model_get_info(m, &info);
        std::map<std::string, float> worst; // output kind → max |Δ|
        for (const auto & c : cases) {
            BOOST_TEST_CONTEXT(model << " / " << backend << " / " << c.name) {
                const size_t T = (size_t) c.batch * c.seq_len;
                const bool   seq = info.head == MAB_HEAD_SEQUENCE_CLASSIFICATION;
                std::vector<float> logits((seq ? (size_t) c.batch : T) * info.num_labels);
                std::vector<float> last(T * info.hidden_size);
                captured cap;
                mab_forward_params fp = mab_forward_default_params();
                fp.callback        = capture;
                fp.user_data       = &cap;
                fp.want_attentions = 1;
                BOOST_REQUIRE_MESSAGE(mab_forward(m, c.input_ids.data(), c.attention_mask.data(),
                                                  c.token_type_ids.empty() ? nullptr : c.token_type_ids.data(),
                                                  c.batch, c.seq_len, logits.data(), last.data(), fp) == MAB_STATUS_OK,
                                      mab_last_error());
                cap.tensors["logits"]            = logits;
                cap.tensors["last_hidden_state"] = last;
                BOOST_TEST(c.arrays.size() > 0u);
                for (const auto & [name, arr] : c.arrays) {
                    const auto it = cap.tensors.find(our_name(name));
                    BOOST_REQUIRE_MESSAGE(it != cap.tensors.end(), "no output named " << name);
                    BOOST_REQUIRE_EQUAL(it->second.size(), arr.data.size());
                    const bool  att  = name.rfind("attentions", 0) == 0;
                    const float tol  = att ? 1e-5f : atol;
                    const float diff = max_abs_diff(it->second, arr.data);
                    BOOST_TEST(diff <= tol, name << ": max |diff| " << diff << " > " << tol);
                    const std::string kind = name.substr(0, name.find('['));
                    worst[kind] = std::max(worst[kind], diff);
                }
            }
        }
        for (const auto & [kind, d] : worst) {
            printf("%-14s %-10s %-32s max |diff| %.3g\n", model.c_str(), backend, kind.c_str(), d);
        }
        mab_model_free(m);
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(tiny)          { check_model("tiny", 2e-5f); }
BOOST_AUTO_TEST_CASE(tiny_gelu_new) { check_model("tiny-gelu-new", 2e-5f); }
BOOST_AUTO_TEST_CASE(tiny_seqcls)   { check_model("tiny-seqcls", 2e-5f); }
BOOST_AUTO_TEST_CASE(full)          { check_model("full", 1e-4f); }

// A directory where a file should be is named as such (the reader once took ftell's LONG_MAX for its
// size and reported running out of memory), a missing model.safetensors beside a pytorch_model.bin
// says how to convert it, and the info getter takes a null pointer as its siblings do.
BOOST_AUTO_TEST_CASE(directory_for_a_file_missing_weights_and_null_info) {
    char tmpl[] = "/tmp/mab-dir-XXXXXX";
    BOOST_REQUIRE(mkdtemp(tmpl));
    const std::string dir = tmpl, config = dir + "/config.json";
    BOOST_REQUIRE(mkdir(config.c_str(), 0700) == 0);
    mab_model * m = nullptr;
    BOOST_TEST(mab_model_load_from_dir(dir.c_str(), mab_model_default_params(), &m) == MAB_STATUS_IO);
    BOOST_TEST(std::string(mab_last_error()).find("is a directory") != std::string::npos, mab_last_error());
    BOOST_TEST(m == nullptr);
    // A directory given with its trailing slash is named with one slash before the file.
    BOOST_TEST(mab_model_load_from_dir((dir + "/").c_str(), mab_model_default_params(), &m) == MAB_STATUS_IO);
    BOOST_TEST(std::string(mab_last_error()).find(config) != std::string::npos, mab_last_error());
    rmdir(config.c_str());

    // A checkpoint with only pytorch_model.bin: the error says how to convert it.
    const std::string bin = dir + "/pytorch_model.bin";
    FILE * f = fopen(config.c_str(), "w");
    BOOST_REQUIRE(f);
    fclose(f);
    BOOST_REQUIRE((f = fopen(bin.c_str(), "w")));
    fclose(f);
    BOOST_TEST(mab_model_load_from_dir(dir.c_str(), mab_model_default_params(), &m) == MAB_STATUS_IO);
    BOOST_TEST(std::string(mab_last_error()).find("models/convert.py " + dir) != std::string::npos, mab_last_error());
    remove(bin.c_str());
    remove(config.c_str());
    rmdir(dir.c_str());

    BOOST_REQUIRE(mab_model_load_from_dir(golden::dir("tiny").c_str(), mab_model_default_params(), &m) == MAB_STATUS_OK);
    mab_model_info info{};
    mab_model_get_info(nullptr, &info);
    mab_model_get_info(m, nullptr);
    BOOST_TEST(info.hidden_size == 0);
    mab_model_free(m);
}
