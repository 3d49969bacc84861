// mab_model_params.n_threads: the forward pass with 2 and 3 threads gives the same bits as with one
// (every threaded backend), and matches the golden logits; bad counts are refused with a message.
#define BOOST_TEST_MODULE threads
#include <boost/test/unit_test.hpp>

#include "core/golden.h"
#include "minialbert.h"

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

namespace {

// The golden README's suggested tolerance for the full model's logits in float32.
constexpr double LOGITS_ATOL = 1e-4;

mab_model * load(const std::string & model, const char * backend, int32_t n_threads) {
    mab_model_params mp = mab_model_default_params();
    mp.backend          = backend;
    mp.n_threads        = n_threads;
    mab_model * m       = nullptr;
    BOOST_REQUIRE_MESSAGE(mab_model_load_from_dir(golden::dir(model).c_str(), mp, &m) == MAB_STATUS_OK,
                          "loading " << model << " (" << backend << ", " << n_threads << " threads): " << mab_last_error());
    return m;
}

struct outputs {
    std::vector<float> logits, hidden;
};

outputs forward(mab_model * m, const golden::test_case & c) {
    mab_model_info info;
    mab_model_get_info(m, &info);
    outputs o;
    o.logits.assign((size_t) c.batch * c.seq_len * info.num_labels, NAN);
    o.hidden.assign((size_t) c.batch * c.seq_len * info.hidden_size, NAN);
    BOOST_REQUIRE_MESSAGE(mab_forward(m, c.input_ids.data(), c.attention_mask.data(),
                                      c.token_type_ids.empty() ? nullptr : c.token_type_ids.data(), c.batch, c.seq_len,
                                      o.logits.data(), o.hidden.data(), mab_forward_default_params()) == MAB_STATUS_OK,
                          c.name << ": " << mab_last_error());
    return o;
}

void check_same_bits(const std::string & what, const std::vector<float> & one, const std::vector<float> & many) {
    BOOST_REQUIRE(one.size() == many.size());
    for (size_t i = 0; i < one.size(); i++) {
        if (memcmp(&one[i], &many[i], sizeof(float)) != 0) {
            BOOST_ERROR(what << " differs at " << i << ": 1 thread " << one[i] << ", threaded " << many[i]);
            return;
        }
    }
}

// Every golden case up to max_seq_len tokens through `backend` with 1, 2 and 3 threads.
void check_model(const std::string & model, const char * backend, int32_t max_seq_len) {
    auto cases = golden::load_cases(model);
    std::erase_if(cases, [&](const golden::test_case & c) { return c.seq_len > max_seq_len; });
    mab_model * one = load(model, backend, 1);
    std::vector<mab_model *> threaded = {load(model, backend, 2), load(model, backend, 3)};
    for (const auto & c : cases) {
        const outputs ref = forward(one, c);
        const auto it = c.arrays.find("logits");
        if (it != c.arrays.end() && !c.name.starts_with("degenerate")) {
            double worst = 0.0;
            for (size_t i = 0; i < ref.logits.size(); i++) worst = std::fmax(worst, std::fabs(ref.logits[i] - it->second.data[i]));
            BOOST_TEST_INFO(model << "/" << c.name << " (" << backend << ")");
            BOOST_TEST(worst <= LOGITS_ATOL);
        }
        for (mab_model * m : threaded) {
            mab_model_info info;
            mab_model_get_info(m, &info);
            const std::string what = model + "/" + c.name + " (" + backend + ", " + std::to_string(info.n_threads) + " threads)";
            const outputs got = forward(m, c);
            check_same_bits(what + " logits", ref.logits, got.logits);
            check_same_bits(what + " last_hidden_state", ref.hidden, got.hidden);
        }
    }
    mab_model_free(one);
    for (mab_model * m : threaded) mab_model_free(m);
}

} // namespace

BOOST_AUTO_TEST_SUITE(threads)

// The scalar kernels are slow at 512 tokens (a minute for the three models): the 512-token case
// runs through xnnpack here and through the same driver in tests/web/threads.test.js (wasm).
BOOST_AUTO_TEST_CASE(scalar_full_same_bits_as_one_thread) { check_model("full", "scalar", 128); }
BOOST_AUTO_TEST_CASE(scalar_tiny_same_bits_as_one_thread) { check_model("tiny", "scalar", 512); }
BOOST_AUTO_TEST_CASE(scalar_tiny_seqcls_same_bits_as_one_thread) { check_model("tiny-seqcls", "scalar", 512); }

#if defined(MAB_WITH_XNNPACK)
BOOST_AUTO_TEST_CASE(xnnpack_full_same_bits_as_one_thread) { check_model("full", "xnnpack", 512); }
BOOST_AUTO_TEST_CASE(xnnpack_tiny_same_bits_as_one_thread) { check_model("tiny", "xnnpack", 512); }
#endif

BOOST_AUTO_TEST_CASE(info_reports_the_thread_count) {
    for (int32_t n : {1, 2, 3}) {
        mab_model * m = load("tiny", "auto", n);
        mab_model_info info;
        mab_model_get_info(m, &info);
        BOOST_TEST(info.n_threads == n);
        mab_model_free(m);
    }
    // 0: the default, at least one thread.
    mab_model * m = load("tiny", "auto", 0);
    mab_model_info info;
    mab_model_get_info(m, &info);
    BOOST_TEST(info.n_threads >= 1);
    mab_model_free(m);
}

BOOST_AUTO_TEST_CASE(bad_thread_counts_are_refused) {
    for (int32_t n : {-1, 257}) {
        mab_model_params mp = mab_model_default_params();
        mp.n_threads        = n;
        mab_model * m       = nullptr;
        BOOST_TEST(mab_model_load_from_dir(golden::dir("tiny").c_str(), mp, &m) == MAB_STATUS_INVALID_ARGUMENT);
        BOOST_TEST(m == nullptr);
        const std::string msg = mab_last_error();
        BOOST_TEST_INFO(msg);
        BOOST_TEST(msg.find("n_threads is " + std::to_string(n)) != std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()
