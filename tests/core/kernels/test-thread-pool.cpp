// core/kernels/thread-pool.cpp, and the backends that split their work over it: every task runs
// exactly once, and every threaded backend call gives the same bits as one thread (the tasks do the
// same arithmetic whichever thread runs them) on shapes that do not divide the tiles.
#define BOOST_TEST_MODULE thread_pool
#include <boost/test/unit_test.hpp>

#include "kernels/kernels.h"
#include "kernels/reference/reference-ops.h"
#include "kernels/thread-pool.h"

#include <atomic>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

// Every i in [0, n) runs once: a counter per index.
void check_each_once(mab::thread_pool * pool, size_t n) {
    std::vector<std::atomic<int>> hits(n);
    mab::parallel_for(pool, n, [&](size_t i) { hits[i].fetch_add(1); });
    for (size_t i = 0; i < n; i++) {
        BOOST_TEST_INFO("threads " << mab::thread_pool_size(pool) << ", n " << n << ", index " << i);
        BOOST_TEST(hits[i].load() == 1);
    }
}

std::vector<float> random_vector(size_t n, float lo, float hi, uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(lo, hi);
    std::vector<float> v(n);
    for (auto & x : v) x = dist(rng);
    return v;
}

// The first index where a and b differ in bits, or -1.
long first_difference(const std::vector<float> & a, const std::vector<float> & b) {
    for (size_t i = 0; i < a.size(); i++) {
        if (memcmp(&a[i], &b[i], sizeof(float)) != 0) return (long) i;
    }
    return -1;
}

void check_same_bits(const std::string & what, const std::vector<float> & one, const std::vector<float> & many) {
    const long i = first_difference(one, many);
    BOOST_TEST_INFO(what << ": first difference at " << i << (i >= 0 ? ": 1 thread " + std::to_string(one[(size_t) i]) +
                                                                          ", threaded " + std::to_string(many[(size_t) i])
                                                                    : std::string()));
    BOOST_TEST(i == -1);
}

// The backends with threads: the packed micro-kernel driver everywhere, XNNPACK natively.
std::vector<const mab::kernel_backend *> threaded_backends() {
    std::vector<const mab::kernel_backend *> list = {mab::scalar_backend()};
#if defined(MAB_WITH_XNNPACK)
    list.push_back(mab::xnnpack_backend());
#endif
    return list;
}

// Runs f(pool) with no pool (one thread) and with pools of 2 and 3 threads; each result must have
// the bits of the first.
template <class F>
void compare_thread_counts(const std::string & what, F f) {
    const std::vector<float> one = f(nullptr);
    for (size_t n : {2, 3}) {
        mab::thread_pool * pool = nullptr;
        BOOST_REQUIRE(mab::thread_pool_create(n, &pool) == MAB_STATUS_OK);
        {
            const mab::thread_pool_scope scope(pool);
            check_same_bits(what + ", " + std::to_string(n) + " threads", one, f(pool));
        }
        mab::thread_pool_free(pool);
    }
}

struct shape { size_t m, n, k; };

// Odd sizes: row tails (m % mr), column tails (n % nr), one column block and many, small k.
const shape linear_shapes[] = {
    {1, 9, 13}, {3, 48, 300}, {37, 777, 61}, {130, 48, 768}, {130, 768, 48}, {67, 2304, 33}, {5, 3072, 40},
};

} // namespace

BOOST_AUTO_TEST_SUITE(thread_pool)

BOOST_AUTO_TEST_CASE(every_task_runs_once) {
    check_each_once(nullptr, 17);
    for (size_t threads : {1, 2, 3, 8}) {
        mab::thread_pool * pool = nullptr;
        BOOST_REQUIRE(mab::thread_pool_create(threads, &pool) == MAB_STATUS_OK);
        BOOST_TEST(mab::thread_pool_size(pool) == threads);
        for (size_t n : {0, 1, 2, 3, 5, 64, 1000}) check_each_once(pool, n);
        // Many small runs in a row: each waits for the last task of its own run.
        for (int r = 0; r < 200; r++) check_each_once(pool, 7);
        mab::thread_pool_free(pool);
    }
}

BOOST_AUTO_TEST_CASE(callers_on_two_threads_take_turns) {
    mab::thread_pool * pool = nullptr;
    BOOST_REQUIRE(mab::thread_pool_create(3, &pool) == MAB_STATUS_OK);
    std::atomic<long> total{0};
    const auto caller = [&] {
        for (int r = 0; r < 100; r++) mab::parallel_for(pool, 50, [&](size_t i) { total += (long) i; });
    };
    std::thread a(caller), b(caller);
    a.join();
    b.join();
    BOOST_TEST(total.load() == 2L * 100 * (49 * 50 / 2));
    mab::thread_pool_free(pool);
}

BOOST_AUTO_TEST_CASE(acquire_shares_one_pool_per_thread_count) {
    mab::thread_pool * a = nullptr, * b = nullptr, * c = nullptr;
    BOOST_REQUIRE(mab::thread_pool_acquire(3, &a) == MAB_STATUS_OK);
    BOOST_REQUIRE(mab::thread_pool_acquire(3, &b) == MAB_STATUS_OK);
    BOOST_REQUIRE(mab::thread_pool_acquire(2, &c) == MAB_STATUS_OK);
    BOOST_TEST(a == b);
    BOOST_TEST(a != c);
    BOOST_TEST(mab::thread_pool_size(c) == 2);
    check_each_once(a, 100);
    mab::thread_pool_release(a);
    check_each_once(b, 100); // still alive: b holds it
    mab::thread_pool_release(b);
    mab::thread_pool_release(c);
    BOOST_TEST(mab::thread_pool_acquire(0, &a) == MAB_STATUS_INVALID_ARGUMENT);
}

BOOST_AUTO_TEST_CASE(zero_threads_is_refused) {
    mab::thread_pool * pool = nullptr;
    BOOST_TEST(mab::thread_pool_create(0, &pool) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(pool == nullptr);
}

BOOST_AUTO_TEST_CASE(scope_sets_and_restores_the_current_pool) {
    mab::thread_pool * a = nullptr, * b = nullptr;
    BOOST_REQUIRE(mab::thread_pool_create(2, &a) == MAB_STATUS_OK);
    BOOST_REQUIRE(mab::thread_pool_create(2, &b) == MAB_STATUS_OK);
    BOOST_TEST(mab::current_thread_pool() == nullptr);
    {
        const mab::thread_pool_scope sa(a);
        BOOST_TEST(mab::current_thread_pool() == a);
        {
            const mab::thread_pool_scope sb(b);
            BOOST_TEST(mab::current_thread_pool() == b);
        }
        BOOST_TEST(mab::current_thread_pool() == a);
    }
    BOOST_TEST(mab::current_thread_pool() == nullptr);
    mab::thread_pool_free(a);
    mab::thread_pool_free(b);
}

BOOST_AUTO_TEST_CASE(linear_same_bits_any_thread_count) {
    for (const mab::kernel_backend * be : threaded_backends()) {
        for (const shape & s : linear_shapes) {
            for (mab::activation act : {mab::ACTIVATION_IDENTITY, mab::ACTIVATION_GELU_ERF}) {
                const auto x = random_vector(s.m * s.k, -1.0f, 1.0f, 7 + (uint32_t) s.m);
                const auto w = random_vector(s.n * s.k, -1.0f, 1.0f, 8 + (uint32_t) s.n);
                const auto b = random_vector(s.n, -1.0f, 1.0f, 9);
                mab::linear_weights * lw = nullptr;
                BOOST_REQUIRE(be->linear_create(s.n, s.k, w.data(), b.data(), act, &lw) == MAB_STATUS_OK);
                compare_thread_counts(std::string(be->name) + " linear " + std::to_string(s.m) + "x" +
                                          std::to_string(s.n) + "x" + std::to_string(s.k) + " act " + std::to_string(act),
                                      [&](mab::thread_pool *) {
                                          std::vector<float> y(s.m * s.n, NAN);
                                          be->linear_run(lw, s.m, x.data(), y.data());
                                          return y;
                                      });
                be->linear_destroy(lw);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(linear_q8_same_bits_any_thread_count) {
    for (const mab::kernel_backend * be : threaded_backends()) {
        if (!be->linear_create_q8) continue; // xnnpack dequantizes int8 files: its f32 path is above
        for (const shape & s : linear_shapes) {
            const auto x  = random_vector(s.m * s.k, -1.0f, 1.0f, 17 + (uint32_t) s.m);
            const auto wf = random_vector(s.n * s.k, -1.0f, 1.0f, 18 + (uint32_t) s.n);
            const auto b  = random_vector(s.n, -1.0f, 1.0f, 19);
            std::vector<int8_t> w(s.n * s.k);
            std::vector<float>  w_scale(s.n);
            for (size_t j = 0; j < s.n; j++) w_scale[j] = mab::ref::quantize_row_q8(s.k, wf.data() + j * s.k, 127, w.data() + j * s.k);
            mab::linear_weights * lw = nullptr;
            BOOST_REQUIRE(be->linear_create_q8(s.n, s.k, w.data(), w_scale.data(), b.data(), mab::ACTIVATION_GELU_TANH,
                                               &lw) == MAB_STATUS_OK);
            compare_thread_counts(std::string(be->name) + " int8 linear " + std::to_string(s.m) + "x" +
                                      std::to_string(s.n) + "x" + std::to_string(s.k),
                                  [&](mab::thread_pool *) {
                                      std::vector<float> y(s.m * s.n, NAN);
                                      be->linear_run(lw, s.m, x.data(), y.data());
                                      return y;
                                  });
            be->linear_destroy(lw);
        }
    }
}

BOOST_AUTO_TEST_CASE(layer_norm_same_bits_any_thread_count) {
    for (const mab::kernel_backend * be : threaded_backends()) {
        for (size_t m : {1, 5, 130, 511}) {
            const size_t n = 312;
            const auto x = random_vector(m * n, 2.0f, 4.0f, 21);
            const auto r = random_vector(m * n, -1.0f, 1.0f, 22);
            const auto g = random_vector(n, 0.5f, 1.5f, 23);
            const auto b = random_vector(n, -0.5f, 0.5f, 24);
            compare_thread_counts(std::string(be->name) + " layer_norm m=" + std::to_string(m), [&](mab::thread_pool *) {
                std::vector<float> y(m * n, NAN);
                be->layer_norm(m, n, x.data(), r.data(), g.data(), b.data(), 1e-12f, y.data());
                return y;
            });
        }
    }
}

BOOST_AUTO_TEST_CASE(attention_same_bits_any_thread_count) {
    struct att_shape { size_t L, nh, dh; };
    for (const mab::kernel_backend * be : threaded_backends()) {
        for (const att_shape & s : {att_shape{1, 3, 5}, att_shape{7, 1, 64}, att_shape{37, 3, 13}, att_shape{130, 12, 64},
                                    att_shape{67, 5, 64}}) {
            const size_t H = s.nh * s.dh, ld_qkv = 3 * H + 2, ld_ctx = H + 3;
            const auto qkv = random_vector(s.L * ld_qkv, -2.0f, 2.0f, 31 + (uint32_t) s.L);
            std::vector<float> mask(s.L, 0.0f);
            for (size_t j = 0; j < s.L; j++) mask[j] = j % 5 == 3 ? -FLT_MAX : 0.0f;
            compare_thread_counts(std::string(be->name) + " attention L=" + std::to_string(s.L) + " nh=" +
                                      std::to_string(s.nh) + " dh=" + std::to_string(s.dh),
                                  [&](mab::thread_pool *) {
                                      // ctx and probs in one vector, so that both are compared.
                                      std::vector<float> out(s.L * ld_ctx + s.nh * s.L * s.L, NAN);
                                      mab::attention_args a = {s.L, s.nh, s.dh, ld_qkv, ld_ctx, qkv.data(),
                                                               qkv.data() + H, qkv.data() + 2 * H, mask.data(),
                                                               1.0f / std::sqrt((float) s.dh), out.data(),
                                                               out.data() + s.L * ld_ctx};
                                      for (size_t i = 0; i < s.L; i++) {
                                          for (size_t j = H; j < ld_ctx; j++) out[i * ld_ctx + j] = 0.0f; // padding
                                      }
                                      be->attention(a);
                                      return out;
                                  });
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
