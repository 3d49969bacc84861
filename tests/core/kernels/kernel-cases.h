// The kernel test cases, shared by the native Boost.Test suite (test-kernels.cpp) and the
// WebAssembly self-check (test-kernels-wasm.cpp, no Boost under Emscripten). Every case compares
// a kernel or a backend with the scalar reference (core/kernels/reference/) and records each
// mismatch with its index, the reference value and the result.
#pragma once

#include "kernels/f32-gemm/f32-gemm.h"
#include "kernels/f32-layernorm/f32-layernorm.h"
#include "kernels/f32-qs8-quantize/f32-qs8-quantize.h"
#include "kernels/f32-qs8-softmax/f32-qs8-softmax.h"
#include "kernels/f32-qs8-vcvt/f32-qs8-vcvt.h"
#include "kernels/f32-qu7-quantize/f32-qu7-quantize.h"
#include "kernels/f32-softmax/f32-softmax.h"
#include "kernels/kernels.h"
#include "kernels/qs8-gemm/qs8-gemm.h"
#include "kernels/qs8-packw/qs8-packw.h"
#include "kernels/qs8-qu7-gemm/qs8-qu7-gemm.h"
#include "kernels/reference/reference-ops.h"
#include "kernels/x32-packw/x32-packw.h"
#include "status.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace kernel_cases {

// Collects the failures of one case.
struct checker {
    std::string              name;
    size_t                   failures = 0;
    std::vector<std::string> messages; // the first few, with index, reference and result

    explicit checker(std::string n) : name(std::move(n)) {}

    void fail(const std::string & msg) {
        if (failures++ < 8) messages.push_back(msg);
    }
    // |got - ref| <= atol[i] + rtol·|ref| for every i; `cols` is the row length, for the message.
    void close(const char * what, size_t count, size_t cols, const float * ref, const float * got,
               const std::vector<double> & atol, double rtol) {
        for (size_t i = 0; i < count; i++) {
            const double d = std::fabs((double) got[i] - (double) ref[i]);
            if (!(d <= atol[i] + rtol * std::fabs((double) ref[i]))) {
                char buf[256];
                snprintf(buf, sizeof buf, "%s: %s at %zu, %zu: reference = %.9g, result = %.9g (|diff| %.3g > tol %.3g)",
                         name.c_str(), what, i / cols, i % cols, (double) ref[i], (double) got[i], d,
                         atol[i] + rtol * std::fabs((double) ref[i]));
                fail(buf);
            }
        }
    }
    std::string report() const {
        std::string s = name + ": " + std::to_string(failures) + " mismatches";
        for (const auto & m : messages) s += "\n  " + m;
        return s;
    }
};

inline std::vector<float> random_vector(size_t n, float lo, float hi, uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(lo, hi);
    std::vector<float> v(n);
    for (auto & x : v) x = dist(rng);
    return v;
}

// Per-output tolerance of a dot product: float accumulation in a different order (and FMA) can
// differ by a few ulp of the sum of |terms|.
inline std::vector<double> dot_tolerance(size_t m, size_t n, size_t k, const float * x, size_t ldx, const float * w,
                                         const float * b) {
    std::vector<double> tol(m * n);
    for (size_t i = 0; i < m; i++) {
        for (size_t j = 0; j < n; j++) {
            double mag = b ? std::fabs(b[j]) : 0.0;
            for (size_t p = 0; p < k; p++) mag += std::fabs((double) x[i * ldx + p] * w[j * k + p]);
            tol[i * n + j] = 1e-6 + 4e-6 * mag;
        }
    }
    return tol;
}

// Relative accuracy of our erf / tanh GELU approximations on top of the dot-product tolerance.
constexpr double GELU_RTOL = 5e-6;

// Their absolute accuracy at pre-activation v: 1e-7, and for the erf GELU 2e-7·max(1, |v|), since
// x·Φ(x) cancels towards 0 for negative x (math-scalar.h: GELU_CLAMP; PyTorch's float GELU is
// ~1e-7·|x| there too).
inline double gelu_atol(bool erf, double v) { return erf ? 2e-7 * std::max(1.0, std::fabs(v)) : 1e-7; }

// ---- micro-kernels -------------------------------------------------------------------------------

struct gemm_ukernel {
    const char *            name;
    mab_f32_gemm_ukernel_fn fn;
    size_t                  mr, nr;
    mab_gemm_epilogue       epilogue;
};

inline std::vector<gemm_ukernel> gemm_ukernels() {
    return {
#define MAB_UKERNEL(isa, ukernel, mr, nr, epilogue, pack) {#ukernel, ukernel, mr, nr, epilogue},
#include "kernels/f32-gemm/f32-gemm.inc"
#undef MAB_UKERNEL
    };
}

// One call of a GEMM micro-kernel on mr rows and n columns, checked against ref::linear.
// a_stride >= k and cm_stride >= n exercise strided A and C.
inline void gemm_ukernel_case(checker & c, const gemm_ukernel & uk, size_t mr, size_t n, size_t k, size_t a_stride,
                              size_t cm_stride) {
    const auto x = random_vector(mr * a_stride, -1.0f, 1.0f, 1 + (uint32_t) (mr * 131 + n * 7 + k));
    const auto w = random_vector(n * k, -1.0f, 1.0f, 2 + (uint32_t) (n + k));
    const auto b = random_vector(n, -1.0f, 1.0f, 3 + (uint32_t) n);
    std::vector<float> packed(mab_x32_packw_gemm_size(uk.nr, n, k));
    mab_x32_packw_gemm_goi_ukernel__scalar(uk.nr, n, k, w.data(), k, b.data(), packed.data());

    // The clamp is set inside the output range so that it is exercised.
    const mab_f32_minmax_params params = {-0.5f, 0.75f};
    std::vector<float> cbuf(mr * cm_stride, 12345.0f);
    uk.fn(mr, n, k, x.data(), a_stride, packed.data(), cbuf.data(), cm_stride, uk.nr, &params);

    std::vector<float> ref(mr * n), got(mr * n);
    std::vector<float> xc(mr * k);
    for (size_t i = 0; i < mr; i++) {
        for (size_t p = 0; p < k; p++) xc[i * k + p] = x[i * a_stride + p];
    }
    mab::ref::linear(mr, n, k, xc.data(), w.data(), b.data(), mab::ACTIVATION_IDENTITY, ref.data());
    auto tol = dot_tolerance(mr, n, k, xc.data(), k, w.data(), b.data());
    for (size_t i = 0; i < mr * n; i++) {
        float & v = ref[i];
        switch (uk.epilogue) {
            case MAB_GEMM_EPILOGUE_MINMAX:   v = v < params.min ? params.min : (v > params.max ? params.max : v); break;
            case MAB_GEMM_EPILOGUE_GELU:     tol[i] += gelu_atol(true, v); v = mab::ref::gelu_erf(v); break;
            case MAB_GEMM_EPILOGUE_GELUTANH: tol[i] += gelu_atol(false, v); v = mab::ref::gelu_tanh(v); break;
        }
    }
    for (size_t i = 0; i < mr; i++) {
        for (size_t j = 0; j < n; j++) got[i * n + j] = cbuf[i * cm_stride + j];
        // Columns between n and cm_stride must be left alone.
        for (size_t j = n; j < cm_stride; j++) {
            if (cbuf[i * cm_stride + j] != 12345.0f) {
                c.fail(c.name + ": wrote past column n at row " + std::to_string(i) + ", column " + std::to_string(j));
            }
        }
    }
    const double rtol = uk.epilogue == MAB_GEMM_EPILOGUE_MINMAX ? 0.0 : GELU_RTOL;
    c.close("C", mr * n, n, ref.data(), got.data(), tol, rtol);
}

// The named edge cases of one GEMM micro-kernel (XNNPACK's gemm-microkernel-tester list).
template <class Run>
void gemm_ukernel_cases(const gemm_ukernel & uk, Run run) {
    const size_t mr = uk.mr, nr = uk.nr;
    auto one = [&](const std::string & label, size_t m, size_t n, size_t k, size_t as, size_t cs) {
        checker c(std::string(uk.name) + "/" + label + " (m=" + std::to_string(m) + ", n=" + std::to_string(n) +
                  ", k=" + std::to_string(k) + ")");
        gemm_ukernel_case(c, uk, m, n, k, as, cs);
        run(c);
    };
    one("k_eq_4", mr, nr, 4, 4, nr);
    for (size_t k = 1; k < 4; k++) one("k_lt_4", mr, nr, k, k, nr);
    for (size_t k = 5; k < 8; k++) one("k_gt_4", mr, nr, k, k, nr);
    for (size_t k = 8; k <= 40; k += 8) one("k_div_4", mr, nr, k, k, nr);
    one("k_3072", mr, nr, 3072, 3072, nr);
    one("n_eq_nr", mr, nr, 9, 9, nr);
    for (size_t n = 1; n < nr; n++) one("n_lt_nr", mr, n, 9, 9, n);
    for (size_t n = nr + 1; n < 2 * nr; n++) one("n_gt_nr", mr, n, 9, 9, n);
    for (size_t n = 2 * nr; n <= 3 * nr; n += nr) one("n_div_nr", mr, n, 9, 9, n);
    for (size_t m = 1; m < mr; m++) one("m_lt_mr", m, 2 * nr + 3, 11, 11, 2 * nr + 3);
    one("strided_a", mr, nr + 1, 13, 17, nr + 1);
    one("strided_c", mr, 2 * nr + 1, 13, 13, 2 * nr + 9);
}

inline void layernorm_ukernel_case(checker & c, mab_f32_layernorm_ukernel_fn fn, size_t n, bool residual,
                                   bool inplace) {
    // Offset inputs (mean ~3) so that a one-pass variance would lose digits.
    auto x = random_vector(n, 2.0f, 4.0f, 11 + (uint32_t) n);
    const auto r = random_vector(n, -1.0f, 1.0f, 12 + (uint32_t) n);
    const auto g = random_vector(n, 0.5f, 1.5f, 13);
    const auto b = random_vector(n, -0.5f, 0.5f, 14);
    std::vector<float> ref(n), got(n);
    mab::ref::layer_norm(1, n, x.data(), residual ? r.data() : nullptr, g.data(), b.data(), 1e-12f, ref.data());
    float * y = inplace ? x.data() : got.data();
    fn(n, x.data(), residual ? r.data() : nullptr, g.data(), b.data(), 1e-12f, y);
    c.close("y", n, n, ref.data(), y, std::vector<double>(n, 2e-5), 2e-5);
}

inline void softmax_ukernel_case(checker & c, mab_f32_softmax_ukernel_fn fn, size_t n, size_t masked_from) {
    const auto x = random_vector(n, -30.0f, 30.0f, 21 + (uint32_t) n);
    std::vector<float> mask(n, 0.0f);
    for (size_t j = masked_from; j < n; j++) mask[j] = -FLT_MAX;
    std::vector<float> ref(n), got(n);
    for (size_t j = 0; j < n; j++) ref[j] = x[j] * 0.125f + mask[j];
    mab::ref::softmax_row(n, ref.data());
    fn(n, x.data(), 0.125f, mask.data(), got.data());
    c.close("p", n, n, ref.data(), got.data(), std::vector<double>(n, 1e-7), 2e-6);
}

// One row of f32-qs8-softmax against exact exp: x overwritten with e (f32-softmax's tolerance), y
// within one step of nearest(127·e) (exp_approx's last place can cross a rounding tie), exactly 127
// at the row's maximum, zeros in the padding and nothing written past it, and Σe.
inline void softmax_q8_ukernel_case(checker & c, mab_f32_qs8_softmax_ukernel_fn fn, size_t n, size_t masked_from) {
    auto x = random_vector(n, -30.0f, 30.0f, 22 + (uint32_t) n);
    std::vector<float> mask(n, 0.0f), v(n), e(n);
    for (size_t j = masked_from; j < n; j++) mask[j] = -FLT_MAX;
    for (size_t j = 0; j < n; j++) v[j] = x[j] * 0.125f + mask[j];
    const float mx = *std::max_element(v.begin(), v.end());
    double sum = 0.0;
    for (size_t j = 0; j < n; j++) {
        e[j] = (float) std::exp((double) v[j] - mx);
        sum += e[j];
    }
    const size_t np = n + 5;
    std::vector<int8_t> y(np + 4, 99);
    const float got_sum = fn(n, np, x.data(), 0.125f, mask.data(), y.data());
    c.close("e", n, n, e.data(), x.data(), std::vector<double>(n, 1e-7), 2e-6);
    for (size_t j = 0; j < np + 4; j++) {
        const int32_t expect = j < n ? (int32_t) std::nearbyint(127.0 * e[j]) : j < np ? 0 : 99;
        const bool exact = j >= n || v[j] == mx;
        if (exact ? y[j] != expect : std::abs(y[j] - expect) > 1) {
            c.fail(c.name + ": y at " + std::to_string(j) + ": expected " + std::to_string(expect) + ", result " +
                   std::to_string(y[j]) + (j >= np ? " (past np)" : ""));
        }
    }
    if (std::fabs(got_sum - sum) > 1e-5 * sum) {
        c.fail(c.name + ": sum of e: expected " + std::to_string(sum) + ", result " + std::to_string(got_sum));
    }
}

// ---- backends ------------------------------------------------------------------------------------

inline const char * activation_name(mab::activation act) {
    switch (act) {
        case mab::ACTIVATION_IDENTITY:  return "identity";
        case mab::ACTIVATION_GELU_ERF:  return "gelu";
        case mab::ACTIVATION_GELU_TANH: return "gelu_new";
        case mab::ACTIVATION_RELU:      return "relu";
    }
    return "?";
}

inline void linear_case(checker & c, const mab::kernel_backend * be, size_t m, size_t n, size_t k, mab::activation act,
                        bool bias) {
    const auto x = random_vector(m * k, -1.0f, 1.0f, 31 + (uint32_t) (m * 7 + k));
    const auto w = random_vector(n * k, -1.0f, 1.0f, 32 + (uint32_t) (n * 3 + k));
    const auto b = random_vector(n, -1.0f, 1.0f, 33 + (uint32_t) n);
    const float * bp = bias ? b.data() : nullptr;
    mab::linear_weights * lw = nullptr;
    if (be->linear_create(n, k, w.data(), bp, act, &lw) != MAB_STATUS_OK) {
        c.fail(c.name + ": linear_create failed: " + mab::last_error());
        return;
    }
    if (be->linear_bytes(lw) < n * k * sizeof(float)) c.fail(c.name + ": linear_bytes smaller than the weights");
    std::vector<float> ref(m * n), got(m * n, NAN);
    be->linear_run(lw, m, x.data(), got.data());
    be->linear_destroy(lw);
    mab::ref::linear(m, n, k, x.data(), w.data(), bp, act, ref.data());
    const double rtol = act == mab::ACTIVATION_GELU_ERF || act == mab::ACTIVATION_GELU_TANH ? GELU_RTOL : 0.0;
    c.close("y", m * n, n, ref.data(), got.data(), dot_tolerance(m, n, k, x.data(), k, w.data(), bp), rtol);
}

// GELU over a dense grid of [-10, 10] through a 1x1 linear layer (y = gelu(x·1 + 0)), against
// double-precision erf / tanh (GELU_RTOL, gelu_atol).
inline void gelu_grid_case(checker & c, const mab::kernel_backend * be, mab::activation act) {
    const size_t m = 20001;
    std::vector<float> x(m), ref(m), got(m);
    for (size_t i = 0; i < m; i++) {
        x[i] = -10.0f + 20.0f * (float) i / (float) (m - 1);
        const double v = x[i];
        ref[i] = act == mab::ACTIVATION_GELU_ERF
                     ? (float) (0.5 * v * std::erfc(-v / std::sqrt(2.0)))
                     : (float) (v / (1.0 + std::exp(-2.0 * 0.7978845608028654 * (v + 0.044715 * v * v * v))));
    }
    const float one = 1.0f;
    mab::linear_weights * lw = nullptr;
    if (be->linear_create(1, 1, &one, nullptr, act, &lw) != MAB_STATUS_OK) {
        c.fail(c.name + ": linear_create failed: " + mab::last_error());
        return;
    }
    be->linear_run(lw, m, x.data(), got.data());
    be->linear_destroy(lw);
    std::vector<double> atol(m);
    for (size_t i = 0; i < m; i++) atol[i] = gelu_atol(act == mab::ACTIVATION_GELU_ERF, x[i]);
    c.close("gelu", m, 1, ref.data(), got.data(), atol, GELU_RTOL);
}

inline void layer_norm_case(checker & c, const mab::kernel_backend * be, size_t m, size_t n, bool residual,
                            bool inplace) {
    auto x = random_vector(m * n, 2.0f, 4.0f, 41 + (uint32_t) n);
    const auto r = random_vector(m * n, -1.0f, 1.0f, 42 + (uint32_t) n);
    const auto g = random_vector(n, 0.5f, 1.5f, 43);
    const auto b = random_vector(n, -0.5f, 0.5f, 44);
    std::vector<float> ref(m * n), got(m * n);
    mab::ref::layer_norm(m, n, x.data(), residual ? r.data() : nullptr, g.data(), b.data(), 1e-12f, ref.data());
    float * y = inplace ? x.data() : got.data();
    be->layer_norm(m, n, x.data(), residual ? r.data() : nullptr, g.data(), b.data(), 1e-12f, y);
    c.close("y", m * n, n, ref.data(), y, std::vector<double>(m * n, 2e-5), 2e-5);
}

enum mask_kind { MASK_NONE, MASK_TAIL, MASK_HOLES, MASK_ALL };

inline const char * mask_name(mask_kind k) {
    switch (k) {
        case MASK_NONE:  return "no_mask";
        case MASK_TAIL:  return "padding_mask";
        case MASK_HOLES: return "holes_mask";
        case MASK_ALL:   return "fully_masked";
    }
    return "?";
}

// One attention call on a fused-QKV-like layout (q, k, v interleaved in rows of ld_qkv floats,
// ctx rows padded), against ref::attention. A fully masked row must come out uniform (1/L), as
// upstream's finfo.min mask gives. Without probs (not wanted: null), the backend and the reference
// must give the same ctx bits as with them. With q8, both products in int8 (attention_args::q8_qmax
// = the backend's linear_q8_qmax).
inline void attention_case(checker & c, const mab::kernel_backend * be, size_t L, size_t nh, size_t dh, mask_kind mk,
                           bool q8) {
    const size_t H = nh * dh, ld_qkv = 3 * H + 2, ld_ctx = H + 3;
    const auto qkv = random_vector(L * ld_qkv, -2.0f, 2.0f, 51 + (uint32_t) (L * 5 + dh));
    std::vector<float> mask(L, 0.0f);
    for (size_t j = 0; j < L; j++) {
        const bool masked = mk == MASK_ALL || (mk == MASK_TAIL && j >= (2 * L + 2) / 3 && j > 0) ||
                            (mk == MASK_HOLES && j % 3 == 1);
        if (masked) mask[j] = -FLT_MAX;
    }
    std::vector<float> ref_ctx(L * ld_ctx, 0.0f), got_ctx(L * ld_ctx, 0.0f);
    std::vector<float> ref_p(nh * L * L), got_p(nh * L * L, NAN);
    mab::attention_args a = {L, nh, dh, ld_qkv, ld_ctx, qkv.data(), qkv.data() + H, qkv.data() + 2 * H, mask.data(),
                             1.0f / std::sqrt((float) dh), ref_ctx.data(), ref_p.data()};
    a.q8_qmax = q8 ? be->linear_q8_qmax : 0;
    mab::ref::attention(a);
    a.ctx = got_ctx.data();
    a.probs = got_p.data();
    be->attention(a);

    std::vector<float> ctx_no_probs(L * ld_ctx, 0.0f), ref_ctx_no_probs(L * ld_ctx, 0.0f);
    a.probs = nullptr;
    a.ctx   = ctx_no_probs.data();
    be->attention(a);
    a.ctx = ref_ctx_no_probs.data();
    mab::ref::attention(a);
    const std::vector<double> exact(L * ld_ctx, 0.0);
    c.close("ctx without probs", L * ld_ctx, ld_ctx, got_ctx.data(), ctx_no_probs.data(), exact, 0.0);
    c.close("reference ctx without probs", L * ld_ctx, ld_ctx, ref_ctx.data(), ref_ctx_no_probs.data(), exact, 0.0);

    c.close("probs", nh * L * L, L, ref_p.data(), got_p.data(), std::vector<double>(nh * L * L, 1e-6), 1e-5);
    // ctx tolerance from sum_j p·|v|, with the values bounded by 2. In int8, the scores are the same
    // bits, but the softmax's last-place differences may move a quantized probability by one step
    // (pmax/127 of its row): two such steps times max|v| are allowed.
    std::vector<double> ctx_tol(L * ld_ctx, 2e-5);
    if (q8) {
        for (size_t h = 0; h < nh; h++) {
            for (size_t i = 0; i < L; i++) {
                const float * pi   = ref_p.data() + (h * L + i) * L;
                const double  step = *std::max_element(pi, pi + L) / 127.0;
                for (size_t d = 0; d < dh; d++) ctx_tol[i * ld_ctx + h * dh + d] = 2e-5 + 2 * step * 2.0;
            }
        }
    }
    c.close("ctx", L * ld_ctx, ld_ctx, ref_ctx.data(), got_ctx.data(), ctx_tol, 1e-5);
    if (mk == MASK_ALL) {
        for (size_t i = 0; i < nh * L * L; i++) {
            if (std::fabs(got_p[i] - 1.0f / (float) L) > 1e-6f) {
                char buf[160];
                snprintf(buf, sizeof buf, "%s: fully masked row not uniform at %zu: expected %.9g, result %.9g",
                         c.name.c_str(), i, 1.0 / (double) L, (double) got_p[i]);
                c.fail(buf);
            }
        }
    }
}

// ref::attention in int8 is what attention_args::q8_qmax says: per head, scores = ref::linear_q8
// of the query rows against the key rows quantized as weights, then scale, mask, and softmax's
// e = exp(s − max) and Σe, then ctx = ref::linear_q8 of the rows of e against vᵀ (each value column
// quantized as a weight row) times 1/Σe. Same floats, so compared exactly, with and without probs.
inline void attention_q8_definition_case(checker & c, size_t L, size_t nh, size_t dh, int32_t qmax, mask_kind mk) {
    const size_t H = nh * dh, ld = 3 * H;
    const auto qkv = random_vector(L * ld, -2.0f, 2.0f, 77 + (uint32_t) (L * 3 + dh + qmax));
    std::vector<float> mask(L, 0.0f);
    for (size_t j = 0; j < L; j++) {
        if (mk == MASK_ALL || (mk == MASK_HOLES && j % 3 == 1)) mask[j] = -FLT_MAX;
    }
    const float scale = 1.0f / std::sqrt((float) dh);
    std::vector<float> expected(L * H), p(L * L), qh(L * dh), vt(dh * L), inv_sum(L);
    std::vector<int8_t> kq(L * dh), vq(dh * L);
    std::vector<float>  ks(L), vs(dh);
    for (size_t h = 0; h < nh; h++) {
        for (size_t j = 0; j < L; j++) {
            ks[j] = mab::ref::quantize_row_q8(dh, qkv.data() + j * ld + H + h * dh, 127, kq.data() + j * dh);
            for (size_t d = 0; d < dh; d++) {
                qh[j * dh + d] = qkv[j * ld + h * dh + d];
                vt[d * L + j]  = qkv[j * ld + 2 * H + h * dh + d];
            }
        }
        for (size_t d = 0; d < dh; d++) vs[d] = mab::ref::quantize_row_q8(L, vt.data() + d * L, 127, vq.data() + d * L);
        mab::ref::linear_q8(L, L, dh, qh.data(), kq.data(), ks.data(), nullptr, mab::ACTIVATION_IDENTITY, qmax, p.data());
        for (size_t i = 0; i < L; i++) {
            float * pi = p.data() + i * L;
            for (size_t j = 0; j < L; j++) pi[j] = pi[j] * scale + mask[j];
            float mx = pi[0], sum = 0.0f;
            for (size_t j = 1; j < L; j++) mx = std::max(mx, pi[j]);
            for (size_t j = 0; j < L; j++) {
                pi[j] = std::exp(pi[j] - mx);
                sum += pi[j];
            }
            inv_sum[i] = 1.0f / sum;
        }
        std::vector<float> ctx_h(L * dh);
        mab::ref::linear_q8(L, dh, L, p.data(), vq.data(), vs.data(), nullptr, mab::ACTIVATION_IDENTITY, 127,
                            ctx_h.data());
        for (size_t i = 0; i < L; i++) {
            for (size_t d = 0; d < dh; d++) expected[i * H + h * dh + d] = ctx_h[i * dh + d] * inv_sum[i];
        }
    }
    std::vector<float> got(L * H, NAN), got_no_probs(L * H, NAN), probs(nh * L * L);
    mab::attention_args a = {L,    nh,           dh,         ld,         H, qkv.data(), qkv.data() + H, qkv.data() + 2 * H,
                             mask.data(), scale, got.data(), probs.data()};
    a.q8_qmax = qmax;
    mab::ref::attention(a);
    a.probs = nullptr;
    a.ctx   = got_no_probs.data();
    mab::ref::attention(a);
    const std::vector<double> exact(L * H, 0.0);
    c.close("ctx", L * H, H, expected.data(), got.data(), exact, 0.0);
    c.close("ctx without probs", L * H, H, expected.data(), got_no_probs.data(), exact, 0.0);
}

// The Linear layer shapes with every activation, then one layer without bias: one checker named
// "<prefix>/<label>/<activation> (m=.., n=.., k=..)" per case, filled by
// layer(checker&, m, n, k, activation, has_bias) and reported by run(checker&). `k_odd_label` names
// the k = 37 case after the k step the backend's kernels work in.
template <class Layer, class Run>
void linear_shape_cases(const std::string & prefix, const char * k_odd_label, Layer layer, Run run) {
    struct shape { const char * label; size_t m, n, k; };
    const shape shapes[] = {
        {"m_eq_1", 1, 8, 4},           {"m_lt_tile", 3, 17, 13},     {"small_odd", 5, 7, 3},
        {k_odd_label, 7, 40, 37},      {"n_not_div_nr", 13, 50, 64}, {"large_k", 9, 24, 3072},
        {"multi_block", 130, 777, 312}, {"adapter_down", 20, 48, 768},
    };
    const mab::activation acts[] = {mab::ACTIVATION_IDENTITY, mab::ACTIVATION_GELU_ERF, mab::ACTIVATION_GELU_TANH,
                                    mab::ACTIVATION_RELU};
    for (const auto & s : shapes) {
        for (auto act : acts) {
            checker c(prefix + "/" + s.label + "/" + activation_name(act) + " (m=" + std::to_string(s.m) +
                      ", n=" + std::to_string(s.n) + ", k=" + std::to_string(s.k) + ")");
            layer(c, s.m, s.n, s.k, act, true);
            run(c);
        }
    }
    checker c(prefix + "/no_bias (m=6, n=19, k=21)");
    layer(c, 6, 19, 21, mab::ACTIVATION_IDENTITY, false);
    run(c);
}

// Every backend case; run(checker&) reports one case. Skips the reference backend itself.
template <class Run>
void backend_cases(const mab::kernel_backend * be, Run run) {
    const std::string bn = be->name;
    linear_shape_cases(bn + "/linear", "k_not_div_4", [be](checker & c, size_t m, size_t n, size_t k, mab::activation act,
                                                           bool bias) { linear_case(c, be, m, n, k, act, bias); }, run);
    {
        checker c(bn + "/linear/empty_dimension");
        mab::linear_weights * lw = nullptr;
        const float w = 1.0f;
        if (be->linear_create(0, 1, &w, nullptr, mab::ACTIVATION_IDENTITY, &lw) == MAB_STATUS_OK) {
            c.fail(c.name + ": a 0x1 layer was accepted");
            be->linear_destroy(lw);
        } else if (mab::last_error().find("0x1") == std::string::npos) {
            c.fail(c.name + ": message does not name the shape: " + mab::last_error());
        }
        run(c);
    }
    for (auto act : {mab::ACTIVATION_GELU_ERF, mab::ACTIVATION_GELU_TANH}) {
        checker c(bn + "/gelu_grid/" + activation_name(act));
        gelu_grid_case(c, be, act);
        run(c);
    }
    struct ln { const char * label; size_t m, n; bool residual, inplace; };
    const ln lns[] = {
        {"no_residual", 3, 768, false, false}, {"residual", 3, 768, true, false},
        {"inplace_residual", 4, 312, true, true}, {"tail_n", 2, 37, true, false},
    };
    for (const auto & l : lns) {
        checker c(bn + "/layer_norm/" + l.label + " (m=" + std::to_string(l.m) + ", n=" + std::to_string(l.n) + ")");
        layer_norm_case(c, be, l.m, l.n, l.residual, l.inplace);
        run(c);
    }
    struct att { size_t L, nh, dh; mask_kind mk; };
    const att atts[] = {
        {1, 1, 64, MASK_NONE},  {5, 2, 64, MASK_TAIL},    {37, 3, 64, MASK_HOLES}, {37, 2, 12, MASK_TAIL},
        {9, 2, 5, MASK_NONE},   {16, 2, 64, MASK_ALL},    {7, 3, 7, MASK_ALL},     {128, 2, 64, MASK_TAIL},
        {130, 1, 64, MASK_HOLES},
    };
    for (bool q8 : {false, true}) {
        if (q8 && !be->linear_create_q8) continue;
        for (const auto & t : atts) {
            checker c(bn + (q8 ? "/attention_q8/" : "/attention/") + mask_name(t.mk) + " (L=" + std::to_string(t.L) +
                      ", heads=" + std::to_string(t.nh) + ", dh=" + std::to_string(t.dh) + ")");
            attention_case(c, be, t.L, t.nh, t.dh, t.mk, q8);
            run(c);
        }
    }
}

// The f32 weight packers (x32-packw.inc) against the layout spelled out element by element: full
// and partial panels, k not a multiple of 4, nr not a multiple of 4, a row stride wider than the
// row (attention packs one head's columns of the fused QKV rows), with and without bias. The
// packed values are copies: compared exactly.
template <class Run>
void packw_cases(Run run) {
    struct pk { size_t nr, n, k, stride; bool bias; };
    const pk pks[] = {{16, 64, 64, 64, true}, {16, 512, 64, 2307, false}, {16, 37, 5, 9, true},
                      {8, 8, 1, 1, false},    {8, 3, 7, 11, true},          {16, 64, 130, 2307, false},
                      {8, 21, 6, 6, true},    {6, 13, 8, 8, true},          {4, 9, 3, 3, false}};
    struct packer { const char * name; bool goi; mab_x32_packw_gemm_ukernel_fn fn; };
    const packer packers[] = {
#define MAB_UKERNEL(isa, layout, ukernel) {#ukernel, std::string(#layout) == "goi", ukernel},
#include "kernels/x32-packw/x32-packw.inc"
#undef MAB_UKERNEL
    };
    for (const auto & t : pks) {
        const std::string shape = " (nr=" + std::to_string(t.nr) + ", n=" + std::to_string(t.n) + ", k=" +
                                  std::to_string(t.k) + ", stride=" + std::to_string(t.stride) +
                                  (t.bias ? ", bias)" : ")");
        const size_t panels = (t.n + t.nr - 1) / t.nr, size = mab_x32_packw_gemm_size(t.nr, t.n, t.k);
        const auto b = random_vector(t.n, -1.0f, 1.0f, 7 + (uint32_t) t.n);
        for (const auto & pk : packers) {
            const bool goi = pk.goi;
            // goi: column c is w[c·stride + p]; gio: w[p·stride + c].
            const size_t rows = goi ? t.n : t.k, cols = goi ? t.k : t.n;
            if (t.stride < cols) continue;
            const auto w = random_vector(rows * t.stride, -1.0f, 1.0f, 3 + (uint32_t) (t.n * 31 + t.k));
            std::vector<float> got(size, NAN), ref(size);
            pk.fn(t.nr, t.n, t.k, w.data(), t.stride, t.bias ? b.data() : nullptr, got.data());
            for (size_t pnl = 0; pnl < panels; pnl++) {
                float * dst = ref.data() + pnl * t.nr * (t.k + 1);
                for (size_t j = 0; j < t.nr; j++) {
                    const size_t c = pnl * t.nr + j;
                    dst[j] = c < t.n && t.bias ? b[c] : 0.0f;
                    for (size_t p = 0; p < t.k; p++) {
                        dst[t.nr + p * t.nr + j] = c >= t.n ? 0.0f : w[goi ? c * t.stride + p : p * t.stride + c];
                    }
                }
            }
            checker c(pk.name + shape);
            c.close("packed", size, t.nr, ref.data(), got.data(), std::vector<double>(size, 0.0), 0.0);
            run(c);
        }
    }
}

// The int8 weight packers of qs8-packw.inc against their scalar counterparts (the layout the GEMM
// tests pin down), byte for byte: full and partial panels, k not a multiple of the group or of the
// vector step, a row stride wider than the row (a head's values inside the fused rows), with and
// without bias, and a (nr, kr) the packer has no vector path for.
template <class Run>
void qs8_packw_cases(Run run) {
    struct pk { size_t n, k, extra_stride; bool bias; };
    const pk pks[] = {{64, 64, 0, false}, {64, 512, 704, false}, {37, 5, 3, true}, {8, 8, 0, false},
                      {3, 7, 11, true},   {21, 130, 0, true},    {4, 16, 1, false}, {130, 33, 5, true}};
    struct packer { const char * name; bool goi; size_t nr, kr; mab_qs8_packw_gemm_ukernel_fn goi_fn, goi_ref;
                    mab_qs8_packw_gemm_gio_ukernel_fn gio_fn, gio_ref; };
    const packer packers[] = {
#define MAB_UKERNEL(isa, layout, nr, kr, ukernel, scalar) \
    {#ukernel, std::string(#layout) == "goi", nr, kr, MAB_PACKW_##layout(ukernel, scalar)},
#define MAB_PACKW_goi(ukernel, scalar) ukernel, scalar, nullptr, nullptr
#define MAB_PACKW_gio(ukernel, scalar) nullptr, nullptr, ukernel, scalar
#include "kernels/qs8-packw/qs8-packw.inc"
#undef MAB_PACKW_gio
#undef MAB_PACKW_goi
#undef MAB_UKERNEL
    };
    for (const auto & pkr : packers) {
        for (const auto & t : pks) {
            // Twice: the packer's own (nr, kr), then one it has no vector path for.
            for (const size_t nr : {pkr.nr, pkr.nr * 2}) {
                const size_t kr = pkr.kr, rows = pkr.goi ? t.n : t.k;
                const size_t stride = pkr.goi ? t.k : t.n + t.extra_stride;
                std::vector<int8_t> w(rows * stride);
                std::mt19937 g(5 + (uint32_t) (t.n * 131 + t.k));
                for (auto & v : w) v = (int8_t) ((int) (g() % 255) - 127);
                const auto scale = random_vector(t.n, 0.01f, 1.0f, 6 + (uint32_t) t.n);
                const auto b     = random_vector(t.n, -1.0f, 1.0f, 7 + (uint32_t) t.n);
                const size_t panel = kr == 8 ? mab_qs8_packw_gemm_panel_bytes(nr, t.k) : mab_qs8_packw_gemm_qu7_panel_bytes(nr, t.k);
                const size_t size  = (t.n + nr - 1) / nr * panel;
                std::vector<uint8_t> got(size + 16, 0xa5), ref(size + 16, 0xa5);
                const float * bp = t.bias ? b.data() : nullptr;
                if (pkr.goi) {
                    pkr.goi_fn(nr, kr, t.n, t.k, w.data(), scale.data(), bp, got.data());
                    pkr.goi_ref(nr, kr, t.n, t.k, w.data(), scale.data(), bp, ref.data());
                } else {
                    pkr.gio_fn(nr, kr, t.n, t.k, w.data(), stride, scale.data(), bp, got.data());
                    pkr.gio_ref(nr, kr, t.n, t.k, w.data(), stride, scale.data(), bp, ref.data());
                }
                checker c(std::string(pkr.name) + " (nr=" + std::to_string(nr) + ", kr=" + std::to_string(kr) +
                          ", n=" + std::to_string(t.n) + ", k=" + std::to_string(t.k) + ", stride=" +
                          std::to_string(stride) + (t.bias ? ", bias)" : ")"));
                for (size_t i = 0; i < got.size(); i++) {
                    if (got[i] != ref[i]) {
                        c.fail(c.name + ": byte " + std::to_string(i) + " of " + std::to_string(size) + ": scalar packer " +
                               std::to_string(ref[i]) + ", result " + std::to_string(got[i]));
                        break;
                    }
                }
                run(c);
            }
        }
    }
}

// The row micro-kernels of f32-layernorm.inc, f32-softmax.inc and f32-qs8-softmax.inc.
template <class Run>
void row_ukernel_cases(Run run) {
    struct lnk { const char * name; mab_f32_layernorm_ukernel_fn fn; };
    const lnk lnks[] = {
#define MAB_UKERNEL(isa, ukernel) {#ukernel, ukernel},
#include "kernels/f32-layernorm/f32-layernorm.inc"
#undef MAB_UKERNEL
    };
    for (const auto & k : lnks) {
        for (size_t n : {1, 7, 8, 9, 64, 768, 771}) {
            for (int mode = 0; mode < 3; mode++) {
                const char * label = mode == 0 ? "no_residual" : mode == 1 ? "residual" : "inplace";
                checker c(std::string(k.name) + "/" + label + " (n=" + std::to_string(n) + ")");
                layernorm_ukernel_case(c, k.fn, n, mode >= 1, mode == 2);
                run(c);
            }
        }
    }
    struct smk { const char * name; mab_f32_softmax_ukernel_fn fn; };
    const smk smks[] = {
#define MAB_UKERNEL(isa, ukernel) {#ukernel, ukernel},
#include "kernels/f32-softmax/f32-softmax.inc"
#undef MAB_UKERNEL
    };
    for (const auto & k : smks) {
        for (size_t n : {1, 3, 8, 13, 128, 515}) {
            for (size_t from : {n, (n + 1) / 2}) {
                checker c(std::string(k.name) + (from == n ? "/no_mask" : "/padding_mask") + " (n=" +
                          std::to_string(n) + ")");
                softmax_ukernel_case(c, k.fn, n, from);
                run(c);
            }
        }
    }
    struct sqk { const char * name; mab_f32_qs8_softmax_ukernel_fn fn; };
    const sqk sqks[] = {
#define MAB_UKERNEL(isa, ukernel) {#ukernel, ukernel},
#include "kernels/f32-qs8-softmax/f32-qs8-softmax.inc"
#undef MAB_UKERNEL
    };
    for (const auto & k : sqks) {
        for (size_t n : {1, 3, 8, 13, 128, 515}) {
            for (size_t from : {n, (n + 1) / 2, (size_t) 0}) {
                const char * label = from == n ? "/no_mask" : from ? "/padding_mask" : "/fully_masked";
                checker c(std::string(k.name) + label + " (n=" + std::to_string(n) + ")");
                softmax_q8_ukernel_case(c, k.fn, n, from);
                run(c);
            }
        }
    }
}

// ---- int8 ---------------------------------------------------------------------------------------
// The int8 kernels reproduce ref::linear_q8 bit for bit (exact int32 sums, the same float steps), so
// outputs without GELU are compared for equality; GELU adds only the approximation's error. The
// qs8-gemm kernels take 8-bit activations (qmax 127); the qs8-qu7-gemm kernels take 7-bit ones
// (qmax 63) stored as q + 64, and ref::linear_q8 with qmax 63 is their definition.

inline std::vector<int8_t> random_int8(size_t n, int lo, int hi, uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> dist(lo, hi);
    std::vector<int8_t> v(n);
    for (auto & x : v) x = (int8_t) dist(rng);
    return v;
}

struct qgemm_ukernel {
    const char *                  name;
    mab_qs8_gemm_ukernel_fn       fn;
    size_t                        mr, nr, kr;
    mab_gemm_epilogue             epilogue;
    mab_qs8_packw_gemm_ukernel_fn pack;
    size_t (*panel_bytes)(size_t nr, size_t k);
    int32_t                       qmax, zero; // activations: q in [-qmax, qmax], stored as q + zero
};

// Every row of qs8-gemm.inc and qs8-qu7-gemm.inc.
inline std::vector<qgemm_ukernel> qgemm_ukernels() {
    return {
#define MAB_UKERNEL(isa, ukernel, mr, nr, kr, epilogue, pack) \
    {#ukernel, ukernel, mr, nr, kr, epilogue, pack, mab_qs8_packw_gemm_panel_bytes, 127, 0},
#include "kernels/qs8-gemm/qs8-gemm.inc"
#undef MAB_UKERNEL
#define MAB_UKERNEL(isa, ukernel, mr, nr, kr, epilogue, pack) \
    {#ukernel, ukernel, mr, nr, kr, epilogue, pack, mab_qs8_packw_gemm_qu7_panel_bytes, 63, 64},
#include "kernels/qs8-qu7-gemm/qs8-qu7-gemm.inc"
#undef MAB_UKERNEL
    };
}

// The operands of an int8 GEMM case:
// - QGEMM_RANDOM: uniform weights in [-127, 127] (on pair-summed panels, a fix in about one lane
//   of eight) and activations;
// - QGEMM_EXTREMES: ±qmax activations and weights of 127 and -128 (the int8 minimum, which the model
//   files never hold but the kernels accept), the largest sums (k·qmax·128); every lane a fix;
// - QGEMM_PAIR_EDGE: ±qmax activations, and every int16 lane of the dot2 kernels at the edge: the
//   weights of one sign summing to MAB_QU7_PAIR_MAX_SUM (no fix; 32766 against activations of
//   127), or one more in one lane of two columns out of three (which must be a fix, or the lane
//   overflows).
enum qgemm_operands { QGEMM_RANDOM, QGEMM_EXTREMES, QGEMM_PAIR_EDGE };

// One call of an int8 GEMM micro-kernel on mr rows and n columns, against ref::linear_q8 (whose
// activation quantization is repeated here with ref::quantize_row_q8).
inline void qgemm_ukernel_case(checker & c, const qgemm_ukernel & uk, size_t mr, size_t n, size_t k,
                               size_t a_stride, size_t cm_stride, qgemm_operands operands) {
    const size_t kc = mab_qs8_gemm_kc(k);
    auto x = random_vector(mr * k, -1.0f, 1.0f, 61 + (uint32_t) (mr * 131 + n * 7 + k));
    auto w = random_int8(n * k, -127, 127, 62 + (uint32_t) (n + k));
    if (operands == QGEMM_EXTREMES) {
        for (size_t i = 0; i < x.size(); i++) x[i] = (i / k) % 2 ? -3.0f : 3.0f;
        for (size_t i = 0; i < w.size(); i++) w[i] = (i / k) % 3 ? 127 : -128;
    } else if (operands == QGEMM_PAIR_EDGE) {
        // Per 8 rows: lane 0 (rows 0, 1, 4, 5) 127 + 127 + 4 + 0, lane 1 (rows 2, 3, 6, 7) the
        // same negated; one more in lane 0 of columns 1, 4, 7, ... and in lane 1 of columns 2, 5, ...
        // (the lanes differ, so that an overflow in one is not undone by the other's).
        for (size_t i = 0; i < x.size(); i++) x[i] = (i / k) % 2 ? -3.0f : 3.0f;
        for (size_t i = 0; i < w.size(); i++) {
            const size_t p = i % k % 8, lane = p >> 1 & 1, col = i / k;
            const int8_t edge[4] = {127, 127, (int8_t) (4 + (col % 3 == 1 + lane)), 0};
            const int8_t v = edge[(p & 1) + (p >= 4 ? 2 : 0)];
            w[i] = (int8_t) (lane ? -v : v);
        }
    }
    const auto w_scale = random_vector(n, 0.001f, 0.02f, 63 + (uint32_t) n);
    const auto b = random_vector(n, -1.0f, 1.0f, 64 + (uint32_t) n);
    std::vector<uint8_t> packed(mab_qs8_packw_gemm_goi_size(uk.pack, uk.panel_bytes, uk.nr, uk.kr, n, k, w.data()));
    uk.pack(uk.nr, uk.kr, n, k, w.data(), w_scale.data(), b.data(), packed.data());

    // Quantized rows a_stride bytes apart (q + zero), padded with zero to kc; bytes past kc hold
    // garbage.
    std::vector<int8_t> a(mr * a_stride, 99);
    std::vector<float>  a_scale(mr);
    for (size_t i = 0; i < mr; i++) {
        int8_t * ai = a.data() + i * a_stride;
        a_scale[i] = mab::ref::quantize_row_q8(k, x.data() + i * k, uk.qmax, ai);
        for (size_t p = 0; p < k; p++) ai[p] = (int8_t) (ai[p] + uk.zero);
        for (size_t p = k; p < kc; p++) ai[p] = (int8_t) uk.zero;
    }
    const mab_f32_minmax_params params = operands != QGEMM_RANDOM ? mab_f32_minmax_params{-INFINITY, INFINITY}
                                                                  : mab_f32_minmax_params{-0.5f, 0.75f};
    std::vector<float> cbuf(mr * cm_stride, 12345.0f);
    uk.fn(mr, n, kc, a.data(), a_stride, a_scale.data(), packed.data(), cbuf.data(), cm_stride, uk.nr, &params);

    std::vector<float> ref(mr * n), got(mr * n);
    mab::ref::linear_q8(mr, n, k, x.data(), w.data(), w_scale.data(), b.data(), mab::ACTIVATION_IDENTITY, uk.qmax,
                        ref.data());
    std::vector<double> tol(mr * n, 0.0);
    for (size_t i = 0; i < mr * n; i++) {
        float & v = ref[i];
        switch (uk.epilogue) {
            case MAB_GEMM_EPILOGUE_MINMAX:   v = v < params.min ? params.min : (v > params.max ? params.max : v); break;
            case MAB_GEMM_EPILOGUE_GELU:     tol[i] = gelu_atol(true, v); v = mab::ref::gelu_erf(v); break;
            case MAB_GEMM_EPILOGUE_GELUTANH: tol[i] = gelu_atol(false, v); v = mab::ref::gelu_tanh(v); break;
        }
    }
    for (size_t i = 0; i < mr; i++) {
        for (size_t j = 0; j < n; j++) got[i * n + j] = cbuf[i * cm_stride + j];
        for (size_t j = n; j < cm_stride; j++) {
            if (cbuf[i * cm_stride + j] != 12345.0f) {
                c.fail(c.name + ": wrote past column n at row " + std::to_string(i) + ", column " + std::to_string(j));
            }
        }
    }
    const bool exact = uk.epilogue == MAB_GEMM_EPILOGUE_MINMAX;
    c.close("C", mr * n, n, ref.data(), got.data(), tol, exact ? 0.0 : GELU_RTOL);
}

// The named edge cases of one int8 GEMM micro-kernel (rows padded to a multiple of 8 k).
template <class Run>
void qgemm_ukernel_cases(const qgemm_ukernel & uk, Run run) {
    const size_t mr = uk.mr, nr = uk.nr;
    auto one = [&](const std::string & label, size_t m, size_t n, size_t k, size_t as, size_t cs, qgemm_operands operands) {
        checker c(std::string(uk.name) + "/" + label + " (m=" + std::to_string(m) + ", n=" + std::to_string(n) +
                  ", k=" + std::to_string(k) + ")");
        qgemm_ukernel_case(c, uk, m, n, k, as < mab_qs8_gemm_kc(k) ? mab_qs8_gemm_kc(k) : as, cs, operands);
        run(c);
    };
    one("k_eq_8", mr, nr, 8, 8, nr, QGEMM_RANDOM);
    for (size_t k = 1; k < 8; k++) one("k_lt_8", mr, nr, k, 8, nr, QGEMM_RANDOM);
    for (size_t k = 9; k < 16; k++) one("k_gt_8", mr, nr, k, 16, nr, QGEMM_RANDOM);
    for (size_t k = 16; k <= 80; k += 16) one("k_div_8", mr, nr, k, k, nr, QGEMM_RANDOM);
    one("k_3072", mr, nr, 3072, 3072, nr, QGEMM_RANDOM);
    one("k_3072_extremes", mr, nr, 3072, 3072, nr, QGEMM_EXTREMES);
    one("k_3072_pair_edge", mr, 2 * nr + 1, 3072, 3072, 2 * nr + 1, QGEMM_PAIR_EDGE);
    one("k_44_pair_edge", mr, nr, 44, 48, nr, QGEMM_PAIR_EDGE);
    one("n_eq_nr", mr, nr, 19, 24, nr, QGEMM_RANDOM);
    for (size_t n = 1; n < nr; n++) one("n_lt_nr", mr, n, 19, 24, n, QGEMM_RANDOM);
    for (size_t n = nr + 1; n < 2 * nr; n++) one("n_gt_nr", mr, n, 19, 24, n, QGEMM_RANDOM);
    for (size_t n = 2 * nr; n <= 3 * nr; n += nr) one("n_div_nr", mr, n, 19, 24, n, QGEMM_RANDOM);
    for (size_t m = 1; m < mr; m++) one("m_lt_mr", m, 2 * nr + 3, 21, 24, 2 * nr + 3, QGEMM_RANDOM);
    one("strided_a", mr, nr + 1, 13, 40, nr + 1, QGEMM_RANDOM);
    one("strided_c", mr, 2 * nr + 1, 13, 16, 2 * nr + 9, QGEMM_RANDOM);
}

// The pair-summed packer (qs8-qu7-gemm.h) against its definition: the qu7 panel's biases, scales
// and initial sums unchanged; every weight read back (mab_qs8_packw_gemm_qu7_pair_weight) equal to
// the model's; each weight either in the panel or in exactly one fix, never both; every int16 lane
// of the dot2 kernels within MAB_QU7_PAIR_MAX_SUM per sign; the fixes only where a lane needed them
// (removing the largest first), and some exactly where the weights' range allows a lane past the
// bound; and the size the size function gave.
template <class Run>
void qu7_pair_packw_cases(Run run) {
    struct pk { size_t n, k; int lo, hi; };
    const pk pks[] = {{8, 8, -127, 127}, {37, 5, -127, 127}, {21, 130, -60, 60}, {64, 768, -40, 40},
                      {3, 3072, -128, 127}, {17, 48, 100, 127}};
    for (const auto & t : pks) {
        const size_t nr = 8, kr = 4, kc = mab_qs8_gemm_kc(t.k);
        const auto w     = random_int8(t.n * t.k, t.lo, t.hi, 91 + (uint32_t) (t.n * 7 + t.k));
        const auto scale = random_vector(t.n, 0.01f, 1.0f, 92 + (uint32_t) t.n);
        const auto b     = random_vector(t.n, -1.0f, 1.0f, 93 + (uint32_t) t.n);
        const size_t size = (size_t) mab_qs8_packw_gemm_goi_qu7_pair_size(nr, kr, t.n, t.k, w.data());
        std::vector<uint8_t> got(size + 16, 0xa5), plain(mab_qs8_packw_gemm_qu7_size(nr, t.n, t.k));
        mab_qs8_packw_gemm_goi_qu7_pair_ukernel__scalar(nr, kr, t.n, t.k, w.data(), scale.data(), b.data(), got.data());
        mab_qs8_packw_gemm_goi_qu7_ukernel__scalar(nr, kr, t.n, t.k, w.data(), scale.data(), b.data(), plain.data());
        checker c("qu7_pair_packw (n=" + std::to_string(t.n) + ", k=" + std::to_string(t.k) + ", weights " +
                  std::to_string(t.lo) + ".." + std::to_string(t.hi) + ")");
        const size_t panel = mab_qs8_packw_gemm_qu7_pair_panel_bytes(nr, t.k), head = mab_qs8_packw_gemm_qu7_panel_bytes(nr, 0);
        const size_t panels = (t.n + nr - 1) / nr;
        size_t fixes = 0;
        for (size_t pnl = 0; pnl < panels; pnl++) {
            const uint8_t * pg = got.data() + pnl * panel;
            if (memcmp(pg, plain.data() + pnl * (panel - MAB_QU7_PAIR_TRAILER_BYTES), head) != 0) {
                c.fail("panel " + std::to_string(pnl) + ": biases, scales or initial sums differ from the qu7 panel's");
            }
            const auto * trailer = (const int32_t *) (pg + panel - MAB_QU7_PAIR_TRAILER_BYTES);
            fixes += (size_t) trailer[1];
            const auto * fix = (const mab_qu7_pair_fix *) (pg + trailer[0]);
            for (size_t j = 0; j < nr; j++) {
                const size_t col = pnl * nr + j;
                for (size_t p = 0; p < kc; p++) {
                    const int32_t want = col < t.n && p < t.k ? w[col * t.k + p] : 0;
                    if (mab_qs8_packw_gemm_qu7_pair_weight(pg, nr, kr, t.k, j, p) != want) {
                        c.fail("column " + std::to_string(col) + ", row " + std::to_string(p) + ": read back wrong");
                    }
                    const int32_t in_panel = mab_qs8_packw_gemm_qu7_weight(pg, nr, kr, t.k, j, p);
                    int in_fixes = 0;
                    for (int32_t f = 0; f < trailer[1]; f++) in_fixes += fix[f].c == j && fix[f].k == p;
                    if (in_fixes > 1 || (in_fixes == 1 && in_panel != 0) || (in_fixes == 0 && in_panel != want)) {
                        c.fail("column " + std::to_string(col) + ", row " + std::to_string(p) + ": in the panel and the fixes");
                    }
                }
                for (size_t s8 = 0; s8 < kc; s8 += 8) {
                    for (size_t h = 0; h < 2; h++) {
                        const size_t rows[4] = {s8 + 2 * h, s8 + 2 * h + 1, s8 + 4 + 2 * h, s8 + 5 + 2 * h};
                        // Per sign (0 positive, 1 negative): the kept sum, the smallest moved, the largest kept.
                        int32_t kept[2] = {0, 0}, moved_min[2] = {999, 999}, kept_max[2] = {0, 0};
                        for (const size_t p : rows) {
                            const int32_t v = mab_qs8_packw_gemm_qu7_weight(pg, nr, kr, t.k, j, p);
                            const int32_t orig = col < t.n && p < t.k ? w[col * t.k + p] : 0;
                            const int     sg = orig < 0, mag = orig < 0 ? -orig : orig;
                            if (v == 0 && orig != 0) moved_min[sg] = std::min(moved_min[sg], mag);
                            if (v != 0) kept[sg] += mag, kept_max[sg] = std::max(kept_max[sg], mag);
                        }
                        for (int sg = 0; sg < 2; sg++) {
                            const std::string lane = "column " + std::to_string(col) + ", lane at row " + std::to_string(rows[0]);
                            if (kept[sg] > MAB_QU7_PAIR_MAX_SUM) c.fail(lane + " sums past the bound");
                            if (moved_min[sg] < kept_max[sg]) c.fail(lane + ": moved a weight smaller than one it kept");
                            if (moved_min[sg] != 999 && kept[sg] + moved_min[sg] <= MAB_QU7_PAIR_MAX_SUM) {
                                c.fail(lane + ": a fix it did not need");
                            }
                        }
                    }
                }
            }
        }
        if (size != panels * panel + fixes * sizeof(mab_qu7_pair_fix)) c.fail("the size function disagrees with the fixes written");
        for (size_t i = size; i < got.size(); i++) {
            if (got[i] != 0xa5) c.fail("wrote past the size the size function gave");
        }
        // Lanes of 4 weights within the bound by their range alone need no fix; the others, here, some.
        const bool need = 4 * std::max(t.hi, -t.lo) > MAB_QU7_PAIR_MAX_SUM;
        if (need != (fixes > 0)) c.fail(std::to_string(fixes) + " fixes, expected " + (need ? "some" : "none"));
        run(c);
    }
}

// One row through an activation quantization micro-kernel, against ref::quantize_row_q8 with its
// qmax, shifted by its zero point (scale and every byte equal, padding = zero point). Kinds:
// random, all zero, a NaN, an infinity, exact ties.
enum quantize_kind { QUANTIZE_RANDOM, QUANTIZE_ZEROS, QUANTIZE_NAN, QUANTIZE_INF, QUANTIZE_TIES };

inline const char * quantize_kind_name(quantize_kind k) {
    switch (k) {
        case QUANTIZE_RANDOM: return "random";
        case QUANTIZE_ZEROS:  return "zeros";
        case QUANTIZE_NAN:    return "nan";
        case QUANTIZE_INF:    return "inf";
        case QUANTIZE_TIES:   return "ties";
    }
    return "?";
}

inline void quantize_ukernel_case(checker & c, mab_f32_qs8_quantize_ukernel_fn fn, int32_t qmax, int32_t zero, size_t k,
                                  quantize_kind kind) {
    auto x = random_vector(k, -3.0f, 3.0f, 71 + (uint32_t) k);
    if (kind == QUANTIZE_ZEROS) x.assign(k, 0.0f);
    if (kind == QUANTIZE_NAN) x[k / 2] = NAN;
    if (kind == QUANTIZE_INF) x[k / 3] = -INFINITY;
    if (kind == QUANTIZE_TIES) {
        // max|x| = qmax makes the multiplier exactly 1: every x.5 is a tie, rounded to even.
        for (size_t p = 0; p < k; p++) x[p] = (float) ((int) (p % 21) - 10) + 0.5f;
        x[0] = (float) qmax;
    }
    const size_t kp = mab_qs8_gemm_kc(k) + 8;
    std::vector<int8_t> ref(kp, 0), got(kp, 99);
    const float ref_scale = mab::ref::quantize_row_q8(k, x.data(), qmax, ref.data());
    for (size_t p = 0; p < kp; p++) ref[p] = (int8_t) ((p < k ? ref[p] : 0) + zero);
    const float got_scale = fn(k, kp, x.data(), got.data());
    if (!(ref_scale == got_scale)) {
        char buf[160];
        snprintf(buf, sizeof buf, "%s: scale: reference = %.9g, result = %.9g", c.name.c_str(), (double) ref_scale,
                 (double) got_scale);
        c.fail(buf);
    }
    for (size_t p = 0; p < kp; p++) {
        if (ref[p] != got[p]) {
            c.fail(c.name + ": q at " + std::to_string(p) + ": reference = " + std::to_string(ref[p]) +
                   ", result = " + std::to_string(got[p]) + (p >= k ? " (padding)" : ""));
        }
    }
}

// Every row of f32-qs8-quantize.inc (qmax 127) and f32-qu7-quantize.inc (qmax 63, stored + 64).
template <class Run>
void quantize_ukernel_cases(Run run) {
    struct qk { const char * name; mab_f32_qs8_quantize_ukernel_fn fn; int32_t qmax, zero; };
    const qk qks[] = {
#define MAB_UKERNEL(isa, ukernel) {#ukernel, ukernel, 127, 0},
#include "kernels/f32-qs8-quantize/f32-qs8-quantize.inc"
#undef MAB_UKERNEL
#define MAB_UKERNEL(isa, ukernel) {#ukernel, ukernel, 63, 64},
#include "kernels/f32-qu7-quantize/f32-qu7-quantize.inc"
#undef MAB_UKERNEL
    };
    for (const auto & q : qks) {
        for (size_t k : {1, 7, 8, 9, 16, 23, 48, 768, 771, 3072}) {
            for (auto kind : {QUANTIZE_RANDOM, QUANTIZE_ZEROS, QUANTIZE_NAN, QUANTIZE_INF, QUANTIZE_TIES}) {
                checker c(std::string(q.name) + "/" + quantize_kind_name(kind) + " (k=" + std::to_string(k) + ")");
                quantize_ukernel_case(c, q.fn, q.qmax, q.zero, k, kind);
                run(c);
            }
        }
    }
}

// Every row of f32-qs8-vcvt.inc against ref::quantize_value element by element: random values and
// inverse scales, with a zero inverse scale, NaN, infinities, exact ties and saturation among them,
// at lengths around the 8-value step.
template <class Run>
void vcvt_ukernel_cases(Run run) {
    struct vk { const char * name; mab_f32_qs8_vcvt_ukernel_fn fn; };
    const vk vks[] = {
#define MAB_UKERNEL(isa, ukernel) {#ukernel, ukernel},
#include "kernels/f32-qs8-vcvt/f32-qs8-vcvt.inc"
#undef MAB_UKERNEL
    };
    for (const auto & v : vks) {
        for (size_t n : {1, 7, 8, 9, 16, 23, 64, 768}) {
            checker c(std::string(v.name) + " (n=" + std::to_string(n) + ")");
            auto x   = random_vector(n, -3.0f, 3.0f, 91 + (uint32_t) n);
            auto inv = random_vector(n, 0.0f, 80.0f, 92 + (uint32_t) n);
            const float specials[][2] = {{NAN, 5.0f}, {INFINITY, 1.0f}, {-INFINITY, 2.0f}, {INFINITY, 0.0f},
                                         {2.5f, 1.0f}, {-3.5f, 1.0f}, {1.0f, 1000.0f}, {-1.0f, 0.0f}};
            for (size_t i = 0; i < 8 && i * 3 < n; i++) {
                x[i * 3]   = specials[i][0];
                inv[i * 3] = specials[i][1];
            }
            std::vector<int8_t> got(n + 8, 99);
            v.fn(n, x.data(), inv.data(), got.data());
            for (size_t i = 0; i < n + 8; i++) {
                const int32_t ref = i < n ? mab::ref::quantize_value(x[i], inv[i], 127) : 99;
                if (ref != got[i]) {
                    c.fail(c.name + ": q at " + std::to_string(i) + ": reference = " + std::to_string(ref) +
                           ", result = " + std::to_string(got[i]) + (i >= n ? " (past n)" : ""));
                }
            }
            run(c);
        }
    }
}

// One int8 layer through a backend's linear_create_q8, checked twice:
//   against ref::linear_q8 with the backend's linear_q8_qmax (127, or 63 where the activations are
//   7-bit): equal without GELU (the GELU approximation's error with it);
//   against the f32 layer with the dequantized weights, within the activation quantization bound
//   |Δy| <= L·(x_scale/2)·Σ_p |w[j][p]| with x_scale = max|x_row|/qmax (x rounded by at most half
//   a step, so the 7-bit backends get twice the int8 bound; L = 1.13 bounds the slope of either
//   GELU, 1 otherwise) plus the f32 dot-product tolerance.
inline void linear_q8_case(checker & c, const mab::kernel_backend * be, size_t m, size_t n, size_t k,
                           mab::activation act, bool bias) {
    const auto x  = random_vector(m * k, -1.0f, 1.0f, 81 + (uint32_t) (m * 7 + k));
    const auto wf = random_vector(n * k, -1.0f, 1.0f, 82 + (uint32_t) (n * 3 + k));
    const auto b  = random_vector(n, -1.0f, 1.0f, 83 + (uint32_t) n);
    const float * bp = bias ? b.data() : nullptr;
    std::vector<int8_t> w(n * k);
    std::vector<float>  w_scale(n), wdeq(n * k);
    for (size_t j = 0; j < n; j++) {
        w_scale[j] = mab::ref::quantize_row_q8(k, wf.data() + j * k, 127, w.data() + j * k);
        for (size_t p = 0; p < k; p++) wdeq[j * k + p] = (float) w[j * k + p] * w_scale[j];
    }
    mab::linear_weights * lw = nullptr;
    if (be->linear_create_q8(n, k, w.data(), w_scale.data(), bp, act, &lw) != MAB_STATUS_OK) {
        c.fail(c.name + ": linear_create_q8 failed: " + mab::last_error());
        return;
    }
    if (be->linear_bytes(lw) < n * k) c.fail(c.name + ": linear_bytes smaller than the int8 weights");
    std::vector<float> got(m * n, NAN), ref_q8(m * n), ref_f32(m * n);
    be->linear_run(lw, m, x.data(), got.data());
    be->linear_destroy(lw);

    const bool gelu = act == mab::ACTIVATION_GELU_ERF || act == mab::ACTIVATION_GELU_TANH;
    if (be->linear_q8_qmax != 127 && be->linear_q8_qmax != 63) {
        c.fail(c.name + ": linear_q8_qmax is " + std::to_string(be->linear_q8_qmax) + ", expected 127 or 63");
        return;
    }
    // The GELU approximation's absolute error, from the pre-activations.
    std::vector<float>  pre(m * n);
    std::vector<double> gelu_tol(m * n, 0.0);
    mab::ref::linear_q8(m, n, k, x.data(), w.data(), w_scale.data(), bp, mab::ACTIVATION_IDENTITY,
                        be->linear_q8_qmax, pre.data());
    for (size_t i = 0; gelu && i < m * n; i++) gelu_tol[i] = gelu_atol(act == mab::ACTIVATION_GELU_ERF, pre[i]);
    mab::ref::linear_q8(m, n, k, x.data(), w.data(), w_scale.data(), bp, act, be->linear_q8_qmax, ref_q8.data());
    c.close("y vs int8 reference", m * n, n, ref_q8.data(), got.data(), gelu_tol, gelu ? GELU_RTOL : 0.0);

    mab::ref::linear(m, n, k, x.data(), wdeq.data(), bp, act, ref_f32.data());
    std::vector<double> tol = dot_tolerance(m, n, k, x.data(), k, wdeq.data(), bp);
    for (size_t i = 0; i < m; i++) {
        const double x_scale = mab::ref::row_absmax(k, x.data() + i * k) / be->linear_q8_qmax;
        for (size_t j = 0; j < n; j++) {
            double wsum = 0.0;
            for (size_t p = 0; p < k; p++) wsum += std::fabs((double) wdeq[j * k + p]);
            tol[i * n + j] += (gelu ? 1.13 : 1.0) * 0.5 * x_scale * wsum + gelu_tol[i * n + j];
        }
    }
    c.close("y vs f32", m * n, n, ref_f32.data(), got.data(), tol, gelu ? GELU_RTOL : 0.0);
}

// Every int8 case of one backend (the reference included: its f32 comparison checks the definition).
template <class Run>
void q8_backend_cases(const mab::kernel_backend * be, Run run) {
    const std::string bn = be->name;
    linear_shape_cases(bn + "/linear_q8", "k_not_div_8", [be](checker & c, size_t m, size_t n, size_t k,
                                                              mab::activation act, bool bias) {
        linear_q8_case(c, be, m, n, k, act, bias);
    }, run);
    {
        checker c(bn + "/linear_q8/too_large_k");
        mab::linear_weights * lw = nullptr;
        const size_t k = mab::LINEAR_Q8_MAX_K + 1;
        std::vector<int8_t> w(k, 1);
        const float scale = 1.0f;
        if (be->linear_create_q8(1, k, w.data(), &scale, nullptr, mab::ACTIVATION_IDENTITY, &lw) == MAB_STATUS_OK) {
            c.fail(c.name + ": k beyond LINEAR_Q8_MAX_K was accepted");
            be->linear_destroy(lw);
        } else if (mab::last_error().find(std::to_string(k)) == std::string::npos) {
            c.fail(c.name + ": message does not name the shape: " + mab::last_error());
        }
        run(c);
    }
}

} // namespace kernel_cases
