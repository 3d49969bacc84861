// The `xnnpack` backend (native builds): Linear layers run as XNNPACK fully-connected operators
// (Debian libxnnpack 0.0~git20220216, create/setup/run API). XNNPACK packs the weights
// at create time and fuses only a min/max clamp, so identity and ReLU are fused and GELU runs after
// the GEMM, in vectorisable loops (math::gelu_*_approx). Attention runs its two matmuls per head as
// fully-connected operators around our softmax row kernel; LayerNorm is the `scalar` backend's row
// kernel.
//
// Threads: XNNPACK runs on a pthreadpool, not on our thread_pool. The model's thread count
// (thread_pool_size of current_thread_pool(), set by the forward pass) picks one pthreadpool of that
// many threads, created at first use and shared by every model with the same count (pthreadpool
// runs one parallel call at a time). Operators get it in xnn_run_operator; attention heads and
// LayerNorm rows are spread over it with pthreadpool_parallelize_1d. Our own pool's workers are
// never started for this backend. Every call yields the workers afterwards (XNN_FLAG_YIELD_WORKERS,
// PTHREADPOOL_FLAG_YIELD_WORKERS) instead of letting them spin for the next one: on a machine with
// more runnable threads than cores, spinning workers starve the one still working (3 threads on 2
// busy cores: a 36-token forward took 750 ms instead of 2 ms).
//
// Thread safety: xnn_setup_fully_connected_nc_f32 stores the batch size and the x / y pointers in
// the operator, so linear_run on the SAME layer must not run concurrently; one forward at a time
// per model. Different models (different operators) may run in parallel.
#include "kernels/f32-layernorm/f32-layernorm.h"
#include "kernels/f32-softmax/f32-softmax.h"
#include "kernels/kernels.h"
#include "kernels/scratch-buffer.h"
#include "kernels/thread-pool.h"
#include "kernels/math/math-scalar.h"
#include "status.h"

#include <pthreadpool.h>
#include <xnnpack.h>

#include <cmath>
#include <cstdlib>
#include <mutex>

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

// One pthreadpool per thread count, created at first use, destroyed at exit.
struct pthreadpool_cache {
    static constexpr size_t MAX = 256; // model_load's limit on n_threads
    std::mutex              mutex;
    pthreadpool_t           pools[MAX + 1] = {};
    ~pthreadpool_cache() {
        for (pthreadpool_t p : pools) {
            if (p) pthreadpool_destroy(p);
        }
    }
};

// The pthreadpool for the calling thread's model (null: run on this thread alone, also when
// pthreadpool_create fails; XNNPACK accepts a null pool).
pthreadpool_t current_pthreadpool() {
    static pthreadpool_cache cache;
    const size_t n = thread_pool_size(current_thread_pool());
    if (n <= 1 || n > pthreadpool_cache::MAX) return nullptr;
    std::lock_guard<std::mutex> lock(cache.mutex);
    if (!cache.pools[n]) cache.pools[n] = pthreadpool_create(n);
    return cache.pools[n];
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
    const xnn_status xs = xnn_create_fully_connected_nc_f32(k, n, k, n, w, b, out_min, INFINITY, XNN_FLAG_YIELD_WORKERS,
                                                            &xl->op);
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
    xnn_run_operator(xl->op, current_pthreadpool());
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

struct layer_norm_args {
    size_t        n;
    const float * x, * r, * gamma, * beta;
    float         eps;
    float *       y;
};

void layer_norm(size_t m, size_t n, const float * x, const float * r, const float * gamma, const float * beta,
                float eps, float * y) {
    const layer_norm_args a = {n, x, r, gamma, beta, eps, y};
    const auto row = [](void * ctx, size_t i) {
        const auto & a = *(const layer_norm_args *) ctx;
        mab_f32_layernorm_ukernel__scalar_u8(a.n, a.x + i * a.n, a.r ? a.r + i * a.n : nullptr, a.gamma, a.beta, a.eps,
                                             a.y + i * a.n);
    };
    pthreadpool_parallelize_1d(current_pthreadpool(), row, (void *) &a, m, PTHREADPOOL_FLAG_YIELD_WORKERS);
}

// Per-thread contiguous copies of one head's keys and values (XNNPACK wants a dense kernel).
thread_local scratch_buffer t_head_scratch;

// One head: S = Q_h·K_hᵀ (a fully-connected operator whose weights are K_h) into probs[h] (or, when
// probs are not wanted, an L x L block of the thread's scratch), scale + mask + softmax per row (our
// row kernel), then ctx_h = P_h·V_h (weights V_h, transposed layout). Creating an operator packs
// K_h or V_h once: O(L·dh) next to O(L²·dh) work. False when XNNPACK refuses or there is no memory.
bool attention_head(const attention_args & a, size_t h) {
    const size_t L = a.seq_len, dh = a.head_dim;
    float * kv = t_head_scratch.reserve(2 * L * dh + (a.probs ? 0 : L * L));
    if (!kv) return false;
    float * kc = kv, * vc = kv + L * dh;
    for (size_t j = 0; j < L; j++) {
        for (size_t d = 0; d < dh; d++) {
            kc[j * dh + d] = a.k[j * a.ld_qkv + h * dh + d];
            vc[j * dh + d] = a.v[j * a.ld_qkv + h * dh + d];
        }
    }
    float * P = a.probs ? a.probs + h * L * L : vc + L * dh;
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
    return ok;
}

struct attention_task {
    const attention_args * args;
    bool                   ok[1024]; // per head; more heads than this take the scalar backend
};

// Heads are independent: one pthreadpool task each, each thread with its own scratch copies.
// A head XNNPACK refused is redone by the scalar backend, which needs no more memory.
void attention(const attention_args & a) {
    if (a.seq_len == 0 || a.num_heads == 0) return;
    attention_task t;
    t.args = &a;
    if (xnn_init_once() != MAB_STATUS_OK || a.num_heads > sizeof t.ok) {
        scalar_backend()->attention(a);
        return;
    }
    const auto head = [](void * ctx, size_t h) {
        auto & t = *(attention_task *) ctx;
        t.ok[h]  = attention_head(*t.args, h);
    };
    pthreadpool_parallelize_1d(current_pthreadpool(), head, &t, a.num_heads, PTHREADPOOL_FLAG_YIELD_WORKERS);
    for (size_t h = 0; h < a.num_heads; h++) {
        if (t.ok[h]) continue;
        attention_args one = a;
        one.num_heads = 1;
        one.q += h * a.head_dim;
        one.k += h * a.head_dim;
        one.v += h * a.head_dim;
        one.ctx += h * a.head_dim;
        if (one.probs) one.probs += h * a.seq_len * a.seq_len;
        scalar_backend()->attention(one);
    }
}

} // namespace

const kernel_backend * xnnpack_backend() {
    static const kernel_backend backend = {
        // linear_create_q8 is null: this XNNPACK's int8 fully-connected operator (qs8) takes one
        // static input scale and writes int8, not per-row dynamic scales with f32 output, and its
        // per-channel (qc8) operators are convolutions with the same limits. Int8 files are
        // dequantized at load and run through the f32 operator (README "Int8 inference").
        "xnnpack", linear_create, nullptr, 0, linear_run, linear_destroy, linear_bytes, layer_norm, attention,
    };
    return &backend;
}

} // namespace mab
