// The `xnnpack` backend (native builds): Linear layers run as XNNPACK fully-connected operators
// (Debian libxnnpack 0.0~git20220216, create/setup/run API, single thread). XNNPACK packs the weights
// at create time and fuses only a min/max clamp, so identity and ReLU are fused and GELU runs after
// the GEMM, in vectorisable loops (math::gelu_*_approx). Attention runs its two matmuls per head as
// fully-connected operators around our softmax row kernel; LayerNorm is the `scalar` backend's.
//
// Thread safety: xnn_setup_fully_connected_nc_f32 stores the batch size and the x / y pointers in
// the operator, so linear_run on the SAME layer must not run concurrently; one forward at a time
// per model. Different models (different operators) may run in parallel.
#include "kernels/f32-softmax/f32-softmax.h"
#include "kernels/kernels.h"
#include "kernels/scratch-buffer.h"
#include "kernels/math/math-scalar.h"
#include "status.h"

#include <xnnpack.h>

#include <cmath>
#include <cstdlib>

namespace mab {
namespace {

// What this file's linear_weights pointers point to.
struct xnn_linear {
    xnn_operator_t op; // mutated by setup, hence the const_cast in linear_run
    size_t         n, k;
    activation     act;
};

mab_status xnn_init_once() {
    // A function-local static: initialised once, thread-safe.
    static const xnn_status status = xnn_initialize(nullptr);
    if (status != xnn_status_success) {
        return set_error(MAB_STATUS_UNSUPPORTED, "xnnpack: xnn_initialize failed (status %d): CPU not supported?",
                         (int) status);
    }
    return MAB_STATUS_OK;
}

mab_status linear_create(size_t n, size_t k, const float * w, const float * b, activation act, linear_weights ** out) {
    mab_status st = xnn_init_once();
    if (st != MAB_STATUS_OK) return st;
    if (n == 0 || k == 0) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "xnnpack: linear layer %zux%zu has an empty dimension", n, k);
    }
    auto * xl = (xnn_linear *) calloc(1, sizeof(xnn_linear));
    if (!xl) return set_error(MAB_STATUS_OUT_OF_MEMORY, "xnnpack: out of memory creating a %zux%zu linear layer", n, k);
    const float out_min = act == ACTIVATION_RELU ? 0.0f : -INFINITY;
    // w is [n][k], XNNPACK's default kernel layout (output channels outer).
    const xnn_status xs = xnn_create_fully_connected_nc_f32(k, n, k, n, w, b, out_min, INFINITY, 0, &xl->op);
    if (xs != xnn_status_success) {
        free(xl);
        return set_error(xs == xnn_status_out_of_memory ? MAB_STATUS_OUT_OF_MEMORY : MAB_STATUS_UNSUPPORTED,
                         "xnnpack: xnn_create_fully_connected_nc_f32 failed for a %zux%zu layer (status %d)", n, k,
                         (int) xs);
    }
    xl->n = n;
    xl->k = k;
    xl->act = act;
    *out = (linear_weights *) xl;
    return MAB_STATUS_OK;
}

void gelu_erf_inplace(size_t count, float * y) {
    for (size_t i = 0; i < count; i++) y[i] = math::gelu_erf_approx(y[i]);
}

void gelu_tanh_inplace(size_t count, float * y) {
    for (size_t i = 0; i < count; i++) y[i] = math::gelu_tanh_approx(y[i]);
}

void linear_run(const linear_weights * lw, size_t m, const float * x, float * y) {
    const auto * xl = (const xnn_linear *) lw;
    if (m == 0) return;
    // setup and run only fail on invalid arguments, which linear_create has ruled out.
    xnn_setup_fully_connected_nc_f32(xl->op, m, x, y, nullptr);
    xnn_run_operator(xl->op, nullptr);
    // XNNPACK fuses only the clamp: GELU is a second pass over y.
    if (xl->act == ACTIVATION_GELU_ERF) gelu_erf_inplace(m * xl->n, y);
    if (xl->act == ACTIVATION_GELU_TANH) gelu_tanh_inplace(m * xl->n, y);
}

void linear_destroy(linear_weights * lw) {
    auto * xl = (xnn_linear *) lw;
    if (!xl) return;
    xnn_delete_operator(xl->op);
    free(xl);
}

// XNNPACK does not report its packed size; it packs [n][k] weights plus n biases, padded to its
// micro-kernel tile (at most 16 columns on x86).
size_t linear_bytes(const linear_weights * lw) {
    const auto * xl = (const xnn_linear *) lw;
    return ((xl->n + 15) / 16 * 16) * (xl->k + 1) * sizeof(float);
}

void layer_norm(size_t m, size_t n, const float * x, const float * r, const float * gamma, const float * beta,
                float eps, float * y) {
    scalar_backend()->layer_norm(m, n, x, r, gamma, beta, eps, y);
}

// Per-thread contiguous copies of one head's keys and values (XNNPACK wants a dense kernel).
thread_local scratch_buffer t_head_scratch;

// Per head: S = Q_h·K_hᵀ (a fully-connected operator whose weights are K_h) straight into
// probs[h], scale + mask + softmax per row (our row kernel), then ctx_h = P_h·V_h (weights V_h,
// transposed layout). Creating an operator packs K_h or V_h once: O(L·dh) next to O(L²·dh) work.
// Anything XNNPACK refuses (out of memory) falls back to the scalar backend, which needs no more.
bool attention_heads(const attention_args & a) {
    const size_t L = a.seq_len, dh = a.head_dim;
    if (xnn_init_once() != MAB_STATUS_OK) return false;
    float * kv = t_head_scratch.reserve(2 * L * dh);
    if (!kv) return false;
    float * kc = kv, * vc = kv + L * dh;
    for (size_t h = 0; h < a.num_heads; h++) {
        for (size_t j = 0; j < L; j++) {
            for (size_t d = 0; d < dh; d++) {
                kc[j * dh + d] = a.k[j * a.ld_qkv + h * dh + d];
                vc[j * dh + d] = a.v[j * a.ld_qkv + h * dh + d];
            }
        }
        float * P = a.probs + h * L * L;
        xnn_operator_t qk = nullptr, pv = nullptr;
        bool ok = xnn_create_fully_connected_nc_f32(dh, L, a.ld_qkv, L, kc, nullptr, -INFINITY, INFINITY, 0, &qk) ==
                      xnn_status_success &&
                  xnn_create_fully_connected_nc_f32(L, dh, L, a.ld_ctx, vc, nullptr, -INFINITY, INFINITY,
                                                    XNN_FLAG_TRANSPOSE_WEIGHTS, &pv) == xnn_status_success;
        ok = ok && xnn_setup_fully_connected_nc_f32(qk, L, a.q + h * dh, P, nullptr) == xnn_status_success &&
             xnn_run_operator(qk, nullptr) == xnn_status_success;
        if (ok) {
            for (size_t i = 0; i < L; i++) mab_f32_softmax_ukernel__scalar_u8(L, P + i * L, a.scale, a.mask_add, P + i * L);
            ok = xnn_setup_fully_connected_nc_f32(pv, L, P, a.ctx + h * dh, nullptr) == xnn_status_success &&
                 xnn_run_operator(pv, nullptr) == xnn_status_success;
        }
        xnn_delete_operator(qk);
        xnn_delete_operator(pv);
        if (!ok) return false;
    }
    return true;
}

void attention(const attention_args & a) {
    if (a.seq_len == 0 || a.num_heads == 0) return;
    if (!attention_heads(a)) scalar_backend()->attention(a);
}

} // namespace

const kernel_backend * xnnpack_backend() {
    static const kernel_backend backend = {
        // linear_create_q8 is null: this XNNPACK's int8 fully-connected operator (qs8) takes one
        // static input scale and writes int8, not per-row dynamic scales with f32 output, and its
        // per-channel (qc8) operators are convolutions with the same limits. Int8 files are
        // dequantized at load and run through the f32 operator (docs-drafts/int8.md).
        "xnnpack", linear_create, nullptr, linear_run, linear_destroy, linear_bytes, layer_norm, attention,
    };
    return &backend;
}

} // namespace mab
