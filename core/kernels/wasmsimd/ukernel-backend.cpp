// Backends built from our own micro-kernels (XNNPACK style): weights packed once at linear_create
// into the GEMM kernel's panels, a register-blocked GEMM with fused bias + activation, row kernels
// for LayerNorm and softmax, and attention built from those.
//   scalar           portable -scalar kernels, every target (tests this driver natively; the
//                    xnnpack backend borrows its LayerNorm and attention)
//   wasmsimd         SIMD128 kernels (__wasm_simd128__)
//   wasmrelaxedsimd  SIMD128 + relaxed FMA GEMM (__wasm_relaxed_simd__)
#include "kernels/f32-gemm/f32-gemm.h"
#include "kernels/f32-layernorm/f32-layernorm.h"
#include "kernels/f32-softmax/f32-softmax.h"
#include "kernels/kernels.h"
#include "kernels/reference/reference-ops.h"
#include "kernels/x32-packw/x32-packw.h"
#include "status.h"

#include <cmath>
#include <cstdlib>

namespace mab {
namespace {

struct ukernel_config {
    const char *                 name;
    size_t                       mr, nr;
    mab_f32_gemm_ukernel_fn      gemm_minmax, gemm_gelu, gemm_gelutanh;
    mab_f32_layernorm_ukernel_fn layernorm;
    mab_f32_softmax_ukernel_fn   softmax;
};

// The packed form of one Linear layer (what this file's linear_weights pointers point to).
struct packed_linear {
    const ukernel_config *  cfg;
    size_t                  n, k;
    mab_f32_gemm_ukernel_fn gemm;
    mab_f32_minmax_params   params;
    size_t                  block_n; // columns per cache block (a multiple of nr)
    float *                 w;       // mab_x32_packw_gemm_size(nr, n, k) floats
};

// Packed weights of one cache block are kept under this many bytes, so that the block stays in
// L2 while every row tile of x streams past it (measured best on the model's shapes; see
// tests/core/kernels/bench-kernels.cpp).
constexpr size_t BLOCK_BYTES = 192 * 1024;

mab_status linear_create(const ukernel_config & cfg, size_t n, size_t k, const float * w, const float * b,
                         activation act, linear_weights ** out) {
    if (n == 0 || k == 0) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "%s: linear layer %zux%zu has an empty dimension", cfg.name, n, k);
    }
    size_t panels = (n + cfg.nr - 1) / cfg.nr, floats, bytes;
    if (mul_overflows(panels * cfg.nr, k + 1, &floats) || mul_overflows(floats, sizeof(float), &bytes)) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "%s: linear layer %zux%zu is too large", cfg.name, n, k);
    }
    auto * pl = (packed_linear *) calloc(1, sizeof(packed_linear));
    float * wp = (float *) aligned_alloc(64, (bytes + 63) / 64 * 64);
    if (!pl || !wp) {
        free(pl);
        free(wp);
        return set_error(MAB_STATUS_OUT_OF_MEMORY, "%s: out of memory packing a %zux%zu linear layer (%zu bytes)",
                         cfg.name, n, k, bytes);
    }
    mab_x32_packw_gemm_goi_ukernel__scalar(cfg.nr, n, k, w, k, b, wp);

    pl->cfg = &cfg;
    pl->n = n;
    pl->k = k;
    pl->w = wp;
    pl->params = {-INFINITY, INFINITY};
    switch (act) {
        case ACTIVATION_IDENTITY:  pl->gemm = cfg.gemm_minmax; break;
        case ACTIVATION_RELU:      pl->gemm = cfg.gemm_minmax; pl->params.min = 0.0f; break;
        case ACTIVATION_GELU_ERF:  pl->gemm = cfg.gemm_gelu; break;
        case ACTIVATION_GELU_TANH: pl->gemm = cfg.gemm_gelutanh; break;
    }
    const size_t panel_bytes = (k + 1) * cfg.nr * sizeof(float);
    const size_t block_panels = BLOCK_BYTES / panel_bytes;
    pl->block_n = (block_panels ? block_panels : 1) * cfg.nr;
    *out = (linear_weights *) pl;
    return MAB_STATUS_OK;
}

// Runs gemm over x[m][k] into y (row stride ldy): column blocks outer, row tiles inner.
void gemm_blocked(const ukernel_config & cfg, mab_f32_gemm_ukernel_fn gemm, const mab_f32_minmax_params & params,
                  size_t m, size_t n, size_t k, size_t block_n, const float * x, size_t ldx, const float * w,
                  float * y, size_t ldy) {
    for (size_t n0 = 0; n0 < n; n0 += block_n) {
        const size_t  nc = n - n0 < block_n ? n - n0 : block_n;
        const float * wb = w + n0 * (k + 1); // n0 is a multiple of nr: whole panels precede it
        for (size_t i = 0; i < m; i += cfg.mr) {
            const size_t mr = m - i < cfg.mr ? m - i : cfg.mr;
            gemm(mr, nc, k, x + i * ldx, ldx, wb, y + i * ldy + n0, ldy, cfg.nr, &params);
        }
    }
}

void linear_run(const linear_weights * lw, size_t m, const float * x, float * y) {
    const auto * pl = (const packed_linear *) lw;
    gemm_blocked(*pl->cfg, pl->gemm, pl->params, m, pl->n, pl->k, pl->block_n, x, pl->k, pl->w, y, pl->n);
}

void linear_destroy(linear_weights * lw) {
    auto * pl = (packed_linear *) lw;
    if (!pl) return;
    free(pl->w);
    free(pl);
}

size_t linear_bytes(const linear_weights * lw) {
    const auto * pl = (const packed_linear *) lw;
    return mab_x32_packw_gemm_size(pl->cfg->nr, pl->n, pl->k) * sizeof(float);
}

void layer_norm(const ukernel_config & cfg, size_t m, size_t n, const float * x, const float * r, const float * gamma,
                const float * beta, float eps, float * y) {
    for (size_t i = 0; i < m; i++) cfg.layernorm(n, x + i * n, r ? r + i * n : nullptr, gamma, beta, eps, y + i * n);
}

// Per-thread scratch for the packed keys and values of one head. It grows to the largest
// sequence seen and is then reused, so attention allocates nothing after warm-up.
struct scratch_buffer {
    float * data = nullptr;
    size_t  floats = 0;
    ~scratch_buffer() { free(data); }
    float * reserve(size_t n) {
        if (n > floats) {
            float * p = (float *) realloc(data, n * sizeof(float));
            if (!p) return nullptr;
            data = p;
            floats = n;
        }
        return data;
    }
};
thread_local scratch_buffer t_scratch;

// For each head h: S = Q_h·K_hᵀ straight into probs[h] (K_h packed as GEMM weights), each row
// scaled, masked and softmaxed in place, then ctx_h = P_h·V_h (V_h packed). Query rows go in blocks
// so that a block's scores are still in cache when they are multiplied by V.
void attention(const ukernel_config & cfg, const attention_args & a) {
    const size_t L = a.seq_len, dh = a.head_dim;
    const size_t k_floats = mab_x32_packw_gemm_size(cfg.nr, L, dh);
    const size_t v_floats = mab_x32_packw_gemm_size(cfg.nr, dh, L);
    float * scratch = t_scratch.reserve(k_floats + v_floats);
    if (!scratch) {
        // Attention has no error path: without memory for the packed copies, fall back to the
        // reference loops, which need none.
        ref::attention(a);
        return;
    }
    float * kp = scratch, * vp = scratch + k_floats;
    const mab_f32_minmax_params identity = {-INFINITY, INFINITY};
    const size_t rows_per_block = 8 * cfg.mr;
    for (size_t h = 0; h < a.num_heads; h++) {
        mab_x32_packw_gemm_goi_ukernel__scalar(cfg.nr, L, dh, a.k + h * dh, a.ld_qkv, nullptr, kp);
        mab_x32_packw_gemm_gio_ukernel__scalar(cfg.nr, dh, L, a.v + h * dh, a.ld_qkv, nullptr, vp);
        float * P = a.probs + h * L * L;
        for (size_t i0 = 0; i0 < L; i0 += rows_per_block) {
            const size_t rows = L - i0 < rows_per_block ? L - i0 : rows_per_block;
            float * Pb = P + i0 * L;
            gemm_blocked(cfg, cfg.gemm_minmax, identity, rows, L, dh, L, a.q + i0 * a.ld_qkv + h * dh, a.ld_qkv, kp,
                         Pb, L);
            for (size_t i = 0; i < rows; i++) cfg.softmax(L, Pb + i * L, a.scale, a.mask_add, Pb + i * L);
            gemm_blocked(cfg, cfg.gemm_minmax, identity, rows, dh, L, dh, Pb, L, vp, a.ctx + i0 * a.ld_ctx + h * dh,
                         a.ld_ctx);
        }
    }
}

// One kernel_backend per config: the table wants plain function pointers.
template <const ukernel_config & CFG>
struct ukernel_backend {
    static mab_status create(size_t n, size_t k, const float * w, const float * b, activation act,
                             linear_weights ** out) {
        return linear_create(CFG, n, k, w, b, act, out);
    }
    static void norm(size_t m, size_t n, const float * x, const float * r, const float * gamma, const float * beta,
                     float eps, float * y) {
        layer_norm(CFG, m, n, x, r, gamma, beta, eps, y);
    }
    static void attend(const attention_args & a) { attention(CFG, a); }
    static constexpr kernel_backend table = {CFG.name, create, linear_run, linear_destroy, linear_bytes, norm, attend};
};

constexpr ukernel_config scalar_config = {
    "scalar", 4, 8,
    mab_f32_gemm_minmax_ukernel_4x8__scalar, mab_f32_gemm_gelu_ukernel_4x8__scalar,
    mab_f32_gemm_gelutanh_ukernel_4x8__scalar,
    mab_f32_layernorm_ukernel__scalar_u8, mab_f32_softmax_ukernel__scalar_u8,
};

#if defined(__wasm_simd128__)
constexpr ukernel_config wasmsimd_config = {
    "wasmsimd", 6, 8,
    mab_f32_gemm_minmax_ukernel_6x8__wasmsimd_splat, mab_f32_gemm_gelu_ukernel_6x8__wasmsimd_splat,
    mab_f32_gemm_gelutanh_ukernel_6x8__wasmsimd_splat,
    mab_f32_layernorm_ukernel__wasmsimd_u8, mab_f32_softmax_ukernel__wasmsimd_u8,
};
#endif

#if defined(__wasm_relaxed_simd__)
constexpr ukernel_config wasmrelaxedsimd_config = {
    "wasmrelaxedsimd", 6, 8,
    mab_f32_gemm_minmax_ukernel_6x8__wasmrelaxedsimd_fma_splat, mab_f32_gemm_gelu_ukernel_6x8__wasmrelaxedsimd_fma_splat,
    mab_f32_gemm_gelutanh_ukernel_6x8__wasmrelaxedsimd_fma_splat,
    mab_f32_layernorm_ukernel__wasmsimd_u8, mab_f32_softmax_ukernel__wasmsimd_u8,
};
#endif

} // namespace

const kernel_backend * scalar_backend() { return &ukernel_backend<scalar_config>::table; }
#if defined(__wasm_simd128__)
const kernel_backend * wasmsimd_backend() { return &ukernel_backend<wasmsimd_config>::table; }
#endif
#if defined(__wasm_relaxed_simd__)
const kernel_backend * wasmrelaxedsimd_backend() { return &ukernel_backend<wasmrelaxedsimd_config>::table; }
#endif

} // namespace mab
