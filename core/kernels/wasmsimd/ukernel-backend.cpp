// Backends built from our own micro-kernels (XNNPACK style): weights packed once at linear_create
// into the GEMM kernel's panels, a register-blocked GEMM with fused bias + activation, row kernels
// for LayerNorm and softmax, and attention built from those. Int8 layers (linear_create_q8) pack
// int8 panels; linear_run quantizes the rows of x and runs the int8 GEMM: 8-bit activations and
// the qs8-gemm kernels, or 7-bit activations and the qs8-qu7-gemm kernels (relaxed SIMD's dot).
// Int8 models' attention (attention_args::q8_qmax) runs its two products on the same int8 GEMMs.
//   scalar           portable -scalar kernels, every target (tests this driver natively; the
//                    xnnpack backend borrows its LayerNorm and attention)
//   scalar-qu7       scalar, with the int8 arithmetic of wasmrelaxedsimd (7-bit activations,
//                    qs8-qu7-gemm): tests it natively, down to the model's accuracy (test-int8)
//   wasmsimd         SIMD128 kernels (__wasm_simd128__); int8 GEMM with i32x4.dot_i16x8_s
//   wasmrelaxedsimd  SIMD128 + relaxed SIMD (__wasm_relaxed_simd__): FMA f32 GEMM, int8 GEMM on
//                    7-bit activations with i16x8.relaxed_dot_i8x16_i7x16_s, or with
//                    i32x4.relaxed_dot_i8x16_i7x16_add_s where the engine makes it one instruction
// Threads: every call splits its work over the calling thread's pool (current_thread_pool, set by
// the forward pass) into tasks that compute the same bits whichever thread runs them: GEMM column
// blocks x row ranges, LayerNorm rows, attention heads.
#include "kernels/f32-gemm/f32-gemm.h"
#include "kernels/f32-layernorm/f32-layernorm.h"
#include "kernels/f32-qs8-quantize/f32-qs8-quantize.h"
#include "kernels/f32-qs8-softmax/f32-qs8-softmax.h"
#include "kernels/f32-qs8-vcvt/f32-qs8-vcvt.h"
#include "kernels/f32-qu7-quantize/f32-qu7-quantize.h"
#include "kernels/f32-softmax/f32-softmax.h"
#include "kernels/kernels.h"
#include "kernels/scratch-buffer.h"
#include "kernels/thread-pool.h"
#include "kernels/wasmsimd/relaxed-dot.h"
#include "kernels/qs8-gemm/qs8-gemm.h"
#include "kernels/qs8-packw/qs8-packw.h"
#include "kernels/qs8-qu7-gemm/qs8-qu7-gemm.h"
#include "kernels/reference/reference-ops.h"
#include "kernels/x32-packw/x32-packw.h"
#include "status.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace mab {
namespace {

// Int8 linear layers on pair-summed panels (the qs8-qu7-gemm dot2 kernels, packed by
// mab_qs8_packw_gemm_goi_qu7_pair_ukernel__scalar): a config's kernels for weights known at load,
// in place of its qgemm kernels and qpack. Attention packs its operands at every call and keeps
// those.
struct pair_linear_kernels {
    size_t                  mr;
    mab_qs8_gemm_ukernel_fn minmax, gelu, gelutanh;
    const char *            name;
};

// Shorter layers stay on the config's own kernels: a panel's fixes (about two) cost as much as the
// instructions saved over a short k (measured slower on the adapters' k = 48).
constexpr size_t PAIR_MIN_K = 256;

struct ukernel_config {
    const char *                 name;
    size_t                       mr, nr;
    mab_f32_gemm_ukernel_fn      gemm_minmax, gemm_gelu, gemm_gelutanh;
    mab_f32_layernorm_ukernel_fn layernorm;
    mab_f32_softmax_ukernel_fn   softmax;
    mab_x32_packw_gemm_ukernel_fn pack_goi, pack_gio; // f32 weights; attention's keys and values
    // Int8 layers: the GEMM tile and k grouping, the kernels, the activations' range (qmax, 127
    // or 63) and their quantizer, and the weight packing with its panel size and read-back.
    size_t                          qmr, qnr, qkr;
    mab_qs8_gemm_ukernel_fn         qgemm_minmax, qgemm_gelu, qgemm_gelutanh;
    int32_t                         qmax;
    mab_f32_qs8_quantize_ukernel_fn quantize;
    mab_f32_qs8_quantize_ukernel_fn quantize_kv; // [-127, 127]: int8 attention's keys
    mab_f32_qs8_vcvt_ukernel_fn     quantize_v;  // [-127, 127] by column: int8 attention's values
    mab_f32_qs8_softmax_ukernel_fn  softmax_q8;  // [0, 127]: int8 attention's probabilities
    mab_qs8_packw_gemm_ukernel_fn   qpack;
    mab_qs8_packw_gemm_gio_ukernel_fn qpack_values; // the values, for probabilities stored in [0, 127] as they are
    size_t (*qpanel_bytes)(size_t nr, size_t k);
    int32_t (*qweight)(const void * panel, size_t nr, size_t kr, size_t k, size_t c, size_t p);
    const char * qgemm_name; // kernel_backend::int8_gemm, unless pair
    const pair_linear_kernels * pair = nullptr;
};

// The packed form of one Linear layer (what this file's linear_weights pointers point to): f32
// weights (gemm, w) or int8 weights (qgemm, wq).
struct packed_linear {
    const ukernel_config *  cfg;
    size_t                  n, k;
    activation              act;
    mab_f32_gemm_ukernel_fn gemm;
    mab_qs8_gemm_ukernel_fn qgemm;
    mab_f32_minmax_params   params;
    size_t                  block_n; // columns per cache block (a multiple of nr, or of qnr)
    float *                 w;       // f32: mab_x32_packw_gemm_size(nr, n, k) floats
    uint8_t *               wq;      // int8: ceil(n/qnr) panels of qpanel_bytes (then, if pair, fixes)
    size_t                  qmr, qpanel_bytes, wq_bytes;
    int32_t (*qweight)(const void * panel, size_t nr, size_t kr, size_t k, size_t c, size_t p);
};

// Packed weights of one cache block are kept under this many bytes, so that the block stays in
// L2 while every row tile of x streams past it (measured best on the model's shapes; see
// tests/core/kernels/bench-kernels.cpp).
constexpr size_t BLOCK_BYTES = 192 * 1024;

// Columns per cache block: as many whole panels as fit in BLOCK_BYTES (at least one).
size_t block_columns(size_t panel_bytes, size_t nr) {
    const size_t block_panels = BLOCK_BYTES / panel_bytes;
    return (block_panels ? block_panels : 1) * nr;
}

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
    cfg.pack_goi(cfg.nr, n, k, w, k, b, wp);

    pl->cfg = &cfg;
    pl->n = n;
    pl->k = k;
    pl->act = act;
    pl->w = wp;
    pl->params = {-INFINITY, INFINITY};
    switch (act) {
        case ACTIVATION_IDENTITY:  pl->gemm = cfg.gemm_minmax; break;
        case ACTIVATION_RELU:      pl->gemm = cfg.gemm_minmax; pl->params.min = 0.0f; break;
        case ACTIVATION_GELU_ERF:  pl->gemm = cfg.gemm_gelu; break;
        case ACTIVATION_GELU_TANH: pl->gemm = cfg.gemm_gelutanh; break;
    }
    pl->block_n = block_columns((k + 1) * cfg.nr * sizeof(float), cfg.nr);
    *out = (linear_weights *) pl;
    return MAB_STATUS_OK;
}

mab_status linear_create_q8(const ukernel_config & cfg, size_t n, size_t k, const int8_t * w, const float * w_scale,
                            const float * b, activation act, linear_weights ** out) {
    if (n == 0 || k == 0) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "%s: int8 linear layer %zux%zu has an empty dimension", cfg.name,
                         n, k);
    }
    // Pair-summed panels where the config has them, k is long enough and the fixes' int32 offsets
    // reach (else the config's own panels, which are smaller).
    const size_t panels   = (n + cfg.qnr - 1) / cfg.qnr;
    const bool   use_pair = cfg.pair && k >= PAIR_MIN_K;
    size_t panel_bytes = use_pair ? mab_qs8_packw_gemm_qu7_pair_panel_bytes(cfg.qnr, k) : cfg.qpanel_bytes(cfg.qnr, k);
    size_t bytes;
    if (k > LINEAR_Q8_MAX_K || mul_overflows(panels, panel_bytes, &bytes)) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "%s: int8 linear layer %zux%zu is too large (k at most %zu)",
                         cfg.name, n, k, LINEAR_Q8_MAX_K);
    }
    const uint64_t pair_bytes = use_pair ? mab_qs8_packw_gemm_goi_qu7_pair_size(cfg.qnr, cfg.qkr, n, k, w) : 0;
    const bool     pair       = use_pair && pair_bytes <= INT32_MAX;
    if (pair) {
        bytes = (size_t) pair_bytes;
    } else if (use_pair) {
        panel_bytes = cfg.qpanel_bytes(cfg.qnr, k);
        bytes       = panels * panel_bytes;
    }
    auto * pl = (packed_linear *) calloc(1, sizeof(packed_linear));
    auto * wp = (uint8_t *) aligned_alloc(64, (bytes + 63) / 64 * 64);
    if (!pl || !wp) {
        free(pl);
        free(wp);
        return set_error(MAB_STATUS_OUT_OF_MEMORY, "%s: out of memory packing a %zux%zu int8 linear layer (%zu bytes)",
                         cfg.name, n, k, bytes);
    }
    (pair ? mab_qs8_packw_gemm_goi_qu7_pair_ukernel__scalar : cfg.qpack)(cfg.qnr, cfg.qkr, n, k, w, w_scale, b, wp);

    pl->cfg = &cfg;
    pl->n = n;
    pl->k = k;
    pl->act = act;
    pl->wq = wp;
    pl->qmr = pair ? cfg.pair->mr : cfg.qmr;
    pl->qpanel_bytes = panel_bytes;
    pl->wq_bytes = bytes;
    pl->qweight = pair ? mab_qs8_packw_gemm_qu7_pair_weight : cfg.qweight;
    pl->params = {-INFINITY, INFINITY};
    switch (act) {
        case ACTIVATION_IDENTITY:  pl->qgemm = pair ? cfg.pair->minmax : cfg.qgemm_minmax; break;
        case ACTIVATION_RELU:      pl->qgemm = pair ? cfg.pair->minmax : cfg.qgemm_minmax; pl->params.min = 0.0f; break;
        case ACTIVATION_GELU_ERF:  pl->qgemm = pair ? cfg.pair->gelu : cfg.qgemm_gelu; break;
        case ACTIVATION_GELU_TANH: pl->qgemm = pair ? cfg.pair->gelutanh : cfg.qgemm_gelutanh; break;
    }
    pl->block_n = block_columns(panel_bytes, cfg.qnr);
    *out = (linear_weights *) pl;
    return MAB_STATUS_OK;
}

// How one GEMM of m rows and n columns is cut into tasks for the thread pool: each task is one
// cache block of columns (block_n) times a run of whole row tiles (mr). A tile's arithmetic is the
// same whoever runs it, so any split gives the same bits. Column blocks alone balance the model's
// big layers (768..3072 columns are 14..96 blocks); narrow layers (the adapters, one block) are
// also cut along the rows so that every thread gets some of it.
struct gemm_split {
    size_t n_blocks;   // column blocks
    size_t row_chunks; // row ranges per column block
    size_t chunk_rows; // rows per range (a multiple of mr)
};

// Below this many multiply-adds a GEMM runs on the calling thread: waking the pool costs more.
constexpr uint64_t PARALLEL_MIN_MACS = 1 << 16;

// Whether a*b*c multiply-adds are worth the pool. In 64 bits: in wasm32 the product of a large
// batch's sizes wraps size_t, and would then leave a big GEMM on one thread.
inline bool worth_threads(size_t a, size_t b, size_t c = 1) {
    return (uint64_t) a * b * c >= PARALLEL_MIN_MACS;
}

gemm_split split_gemm(size_t threads, size_t m, size_t n, size_t k, size_t block_n, size_t mr) {
    gemm_split s;
    s.n_blocks = (n + block_n - 1) / block_n;
    const size_t row_tiles = (m + mr - 1) / mr;
    size_t chunks = 1;
    if (threads > 1 && worth_threads(m, n, k) && s.n_blocks < 4 * threads) {
        // About four tasks per thread, so that uneven progress evens out.
        chunks = (4 * threads + s.n_blocks - 1) / s.n_blocks;
        if (chunks > row_tiles) chunks = row_tiles;
    }
    const size_t tiles_per_chunk = (row_tiles + chunks - 1) / chunks;
    s.chunk_rows = tiles_per_chunk * mr;
    s.row_chunks = (row_tiles + tiles_per_chunk - 1) / tiles_per_chunk;
    return s;
}

// Runs gemm over x[m][k] into y (row stride ldy), split into column blocks x row ranges over pool
// (null: all on this thread). Within a task: row tiles of mr from the range's first row.
void gemm_blocked(thread_pool * pool, const ukernel_config & cfg, mab_f32_gemm_ukernel_fn gemm,
                  const mab_f32_minmax_params & params, size_t m, size_t n, size_t k, size_t block_n, const float * x,
                  size_t ldx, const float * w, float * y, size_t ldy) {
    if (!worth_threads(m, n, k)) pool = nullptr;
    const gemm_split s = split_gemm(thread_pool_size(pool), m, n, k, block_n, cfg.mr);
    parallel_for(pool, s.n_blocks * s.row_chunks, [&](size_t t) {
        const size_t  n0 = t / s.row_chunks * block_n, i0 = t % s.row_chunks * s.chunk_rows;
        const size_t  nc = n - n0 < block_n ? n - n0 : block_n;
        const size_t  i1 = m - i0 < s.chunk_rows ? m : i0 + s.chunk_rows;
        const float * wb = w + n0 * (k + 1); // n0 is a multiple of nr: whole panels precede it
        for (size_t i = i0; i < i1; i += cfg.mr) {
            const size_t mr = i1 - i < cfg.mr ? i1 - i : cfg.mr;
            gemm(mr, nc, k, x + i * ldx, ldx, wb, y + i * ldy + n0, ldy, cfg.nr, &params);
        }
    });
}

// Rows [0, m) cut into about four ranges per thread (one range when the work is small).
template <class F>
void parallel_rows(thread_pool * pool, size_t m, size_t work_per_row, const F & f) {
    const size_t threads = thread_pool_size(pool);
    size_t chunks = threads > 1 && worth_threads(m, work_per_row) ? 4 * threads : 1;
    if (chunks > m) chunks = m;
    if (chunks == 0) return;
    const size_t rows = (m + chunks - 1) / chunks;
    parallel_for(pool, (m + rows - 1) / rows, [&](size_t t) {
        const size_t i0 = t * rows, i1 = m - i0 < rows ? m : i0 + rows;
        f(i0, i1);
    });
}

thread_local scratch_buffer t_scratch;
thread_local scratch_buffer t_quantized;

// Without memory for the quantized rows: the same integer sums, each activation quantized again for
// every column straight from x (ref::quantize_value, as the quantize kernels), read from the packed
// panels. Slow, and nothing to allocate: linear_run has no error path.
void linear_run_q8_unbuffered(const packed_linear & pl, size_t m, const float * x, float * y) {
    const ukernel_config & cfg = *pl.cfg;
    const size_t nr = cfg.qnr, kr = cfg.qkr;
    for (size_t i = 0; i < m; i++) {
        const float *               xi = x + i * pl.k;
        const ref::row_quantization xq(ref::row_absmax(pl.k, xi), cfg.qmax);
        for (size_t j = 0; j < pl.n; j++) {
            const uint8_t * panel = pl.wq + j / nr * pl.qpanel_bytes;
            const size_t    c     = j % nr;
            const float *   bias  = (const float *) panel;
            int32_t acc = 0;
            for (size_t p = 0; p < pl.k; p++) {
                acc += (int32_t) ref::quantize_value(xi[p], xq.inv, cfg.qmax) * pl.qweight(panel, nr, kr, pl.k, c, p);
            }
            y[i * pl.n + j] = ref::apply_activation(pl.act, (float) acc * xq.scale * bias[nr + c] + bias[c]);
        }
    }
}

// Quantizes every row of x once (cfg.quantize), then runs the int8 GEMM split as gemm_blocked's.
void linear_run_q8(thread_pool * pool, const packed_linear & pl, size_t m, const float * x, float * y) {
    const ukernel_config & cfg = *pl.cfg;
    const size_t kc = mab_qs8_gemm_kc(pl.k);
    // One f32 scale per row, then the int8 rows (kc is a multiple of 8: whole floats).
    size_t  floats;
    float * buf = mul_overflows(m, kc / sizeof(float) + 1, &floats) ? nullptr : t_quantized.reserve(floats);
    if (!buf) {
        linear_run_q8_unbuffered(pl, m, x, y);
        return;
    }
    float *  x_scale = buf;
    int8_t * xq      = (int8_t *) (buf + m);
    if (!worth_threads(m, pl.n, pl.k)) pool = nullptr;
    parallel_rows(pool, m, pl.k, [&](size_t i0, size_t i1) {
        for (size_t i = i0; i < i1; i++) x_scale[i] = cfg.quantize(pl.k, kc, x + i * pl.k, xq + i * kc);
    });
    const gemm_split s = split_gemm(thread_pool_size(pool), m, pl.n, pl.k, pl.block_n, pl.qmr);
    parallel_for(pool, s.n_blocks * s.row_chunks, [&](size_t t) {
        const size_t    n0 = t / s.row_chunks * pl.block_n, i0 = t % s.row_chunks * s.chunk_rows;
        const size_t    nc = pl.n - n0 < pl.block_n ? pl.n - n0 : pl.block_n;
        const size_t    i1 = m - i0 < s.chunk_rows ? m : i0 + s.chunk_rows;
        const uint8_t * wb = pl.wq + n0 / cfg.qnr * pl.qpanel_bytes;
        for (size_t i = i0; i < i1; i += pl.qmr) {
            const size_t mr = i1 - i < pl.qmr ? i1 - i : pl.qmr;
            pl.qgemm(mr, nc, kc, xq + i * kc, kc, x_scale + i, wb, y + i * pl.n + n0, pl.n, cfg.qnr, &pl.params);
        }
    });
}

// Threads come from the pool of the calling thread (the forward pass sets it, thread-pool.h).
void linear_run(const linear_weights * lw, size_t m, const float * x, float * y) {
    const auto * pl = (const packed_linear *) lw;
    if (pl->qgemm) {
        linear_run_q8(current_thread_pool(), *pl, m, x, y);
        return;
    }
    gemm_blocked(current_thread_pool(), *pl->cfg, pl->gemm, pl->params, m, pl->n, pl->k, pl->block_n, x, pl->k, pl->w,
                 y, pl->n);
}

void linear_destroy(linear_weights * lw) {
    auto * pl = (packed_linear *) lw;
    if (!pl) return;
    free(pl->w);
    free(pl->wq);
    free(pl);
}

size_t linear_bytes(const linear_weights * lw) {
    const auto * pl = (const packed_linear *) lw;
    if (pl->wq) return pl->wq_bytes;
    return mab_x32_packw_gemm_size(pl->cfg->nr, pl->n, pl->k) * sizeof(float);
}

void layer_norm(const ukernel_config & cfg, size_t m, size_t n, const float * x, const float * r, const float * gamma,
                const float * beta, float eps, float * y) {
    parallel_rows(current_thread_pool(), m, n, [&](size_t i0, size_t i1) {
        for (size_t i = i0; i < i1; i++) {
            cfg.layernorm(n, x + i * n, r ? r + i * n : nullptr, gamma, beta, eps, y + i * n);
        }
    });
}

// Attention has no error path: a head without memory for its packed copies runs the reference
// loops (f32 or int8, as asked), which need none.
void attention_head_reference(const attention_args & a, size_t h) {
    const size_t dh = a.head_dim;
    attention_args one = a;
    one.num_heads = 1;
    one.q += h * dh;
    one.k += h * dh;
    one.v += h * dh;
    one.ctx += h * dh;
    if (one.probs) one.probs += h * a.seq_len * a.seq_len;
    ref::attention(one);
}

// One head of attention_args: S = Q_h·K_hᵀ (K_h packed as GEMM weights), each row scaled, masked
// and softmaxed in place, then ctx_h = P_h·V_h (V_h packed). Query rows go in blocks so that a
// block's scores are still in cache when they are multiplied by V. The scores go straight into
// probs[h] when it is wanted; otherwise into one block of rows reused for every block, so that
// nothing of size L² is ever touched. The packed copies and that block live in the running
// thread's scratch buffer.
void attention_head(const ukernel_config & cfg, const attention_args & a, size_t h) {
    const size_t L = a.seq_len, dh = a.head_dim;
    const size_t rows_per_block = 8 * cfg.mr;
    const size_t k_floats = mab_x32_packw_gemm_size(cfg.nr, L, dh);
    const size_t v_floats = mab_x32_packw_gemm_size(cfg.nr, dh, L);
    const size_t p_floats = a.probs ? 0 : rows_per_block * L;
    float * scratch = t_scratch.reserve(k_floats + v_floats + p_floats);
    if (!scratch) {
        attention_head_reference(a, h);
        return;
    }
    float * kp = scratch, * vp = scratch + k_floats;
    const mab_f32_minmax_params identity = {-INFINITY, INFINITY};
    cfg.pack_goi(cfg.nr, L, dh, a.k + h * dh, a.ld_qkv, nullptr, kp);
    cfg.pack_gio(cfg.nr, dh, L, a.v + h * dh, a.ld_qkv, nullptr, vp);
    for (size_t i0 = 0; i0 < L; i0 += rows_per_block) {
        const size_t rows = L - i0 < rows_per_block ? L - i0 : rows_per_block;
        float * Pb = a.probs ? a.probs + (h * L + i0) * L : vp + v_floats;
        gemm_blocked(nullptr, cfg, cfg.gemm_minmax, identity, rows, L, dh, L, a.q + i0 * a.ld_qkv + h * dh, a.ld_qkv,
                     kp, Pb, L);
        for (size_t i = 0; i < rows; i++) cfg.softmax(L, Pb + i * L, a.scale, a.mask_add, Pb + i * L);
        gemm_blocked(nullptr, cfg, cfg.gemm_minmax, identity, rows, dh, L, dh, Pb, L, vp,
                     a.ctx + i0 * a.ld_ctx + h * dh, a.ld_ctx);
    }
}

// Int8 attention's operands for every head of one call (attention_args::q8_qmax), quantized in
// passes along whole rows: q, k and v are column blocks of one wide row (the fused QKV output),
// and reading them one head at a time strides across it (measured 2.5–4× slower).
//   q  [nh][L][kc], q_scale [nh][L]: each query row of each head (cfg.quantize)
//   k  [nh][L][kc], k_scale [nh][L]: each key row of each head, [-127, 127] (cfg.quantize_kv)
//   v  [L][H], v_scale [H]: each value column, over the keys, in [-127, 127]
// kc and lc are dh and L rounded up to the GEMM's k step; q and k are padded with the quantizers' zero.
struct attention_q8_operands {
    size_t   kc, lc;
    int8_t * q, * k, * v;
    float *  q_scale, * k_scale, * v_scale;
};

thread_local scratch_buffer t_attention_q8;

// Carves n bytes (16-aligned) off a running total: returns the offset.
size_t carve_bytes(size_t & total, size_t n) {
    const size_t at = total;
    total += (n + 15) / 16 * 16;
    return at;
}

// Quantizes the operands into the calling thread's t_attention_q8; false without memory.
bool quantize_attention_operands(const ukernel_config & cfg, const attention_args & a, attention_q8_operands & o) {
    const size_t L = a.seq_len, nh = a.num_heads, dh = a.head_dim, H = nh * dh;
    o.kc = mab_qs8_gemm_kc(dh);
    o.lc = mab_qs8_gemm_kc(L);
    size_t bytes = 0;
    const size_t at_q = carve_bytes(bytes, nh * L * o.kc), at_k = carve_bytes(bytes, nh * L * o.kc);
    const size_t at_v = carve_bytes(bytes, L * H);
    const size_t at_qs = carve_bytes(bytes, nh * L * sizeof(float)), at_ks = carve_bytes(bytes, nh * L * sizeof(float));
    const size_t at_vs = carve_bytes(bytes, H * sizeof(float)), at_vinv = carve_bytes(bytes, H * sizeof(float));
    auto * base = (uint8_t *) t_attention_q8.reserve(bytes / sizeof(float));
    if (!base) return false;
    o.q       = (int8_t *) (base + at_q);
    o.k       = (int8_t *) (base + at_k);
    o.v       = (int8_t *) (base + at_v);
    o.q_scale = (float *) (base + at_qs);
    o.k_scale = (float *) (base + at_ks);
    o.v_scale = (float *) (base + at_vs);
    auto * v_inv = (float *) (base + at_vinv);

    thread_pool * pool = current_thread_pool();
    parallel_rows(pool, L, 2 * H, [&](size_t i0, size_t i1) {
        for (size_t i = i0; i < i1; i++) {
            for (size_t h = 0; h < nh; h++) {
                const size_t row = h * L + i;
                o.q_scale[row] = cfg.quantize(dh, o.kc, a.q + i * a.ld_qkv + h * dh, o.q + row * o.kc);
                o.k_scale[row] = cfg.quantize_kv(dh, o.kc, a.k + i * a.ld_qkv + h * dh, o.k + row * o.kc);
            }
        }
    });
    // Values: each column's max|v| (NaNs ignored, as ref::row_absmax), then every row quantized with
    // its columns' scales.
    for (size_t c = 0; c < H; c++) v_inv[c] = 0.0f;
    for (size_t j = 0; j < L; j++) {
        const float * vj = a.v + j * a.ld_qkv;
        for (size_t c = 0; c < H; c++) {
            const float x = std::fabs(vj[c]);
            v_inv[c] = x > v_inv[c] ? x : v_inv[c];
        }
    }
    for (size_t c = 0; c < H; c++) {
        const ref::row_quantization vq(v_inv[c], 127);
        o.v_scale[c] = vq.scale;
        v_inv[c]     = vq.inv;
    }
    parallel_rows(pool, L, H, [&](size_t j0, size_t j1) {
        for (size_t j = j0; j < j1; j++) {
            cfg.quantize_v(H, a.v + j * a.ld_qkv, v_inv, o.v + j * H);
        }
    });
    return true;
}

// One head of int8 attention from its quantized operands: keys packed as the columns of the scores
// GEMM, value columns packed as the columns of the context GEMM, then per block of query rows:
// scores by the int8 GEMM, softmax straight to int8 P in [0, 127] (cfg.softmax_q8; the values are
// packed to take it as it is), context by the int8 GEMM.
void attention_head_q8(const ukernel_config & cfg, const attention_args & a, const attention_q8_operands & o,
                       size_t h) {
    const size_t L = a.seq_len, dh = a.head_dim, kc = o.kc, lc = o.lc;
    const size_t rows_per_block = 8 * cfg.qmr;
    size_t bytes = 0;
    const size_t at_kp = carve_bytes(bytes, (L + cfg.qnr - 1) / cfg.qnr * cfg.qpanel_bytes(cfg.qnr, kc));
    const size_t at_vp = carve_bytes(bytes, (dh + cfg.qnr - 1) / cfg.qnr * cfg.qpanel_bytes(cfg.qnr, lc));
    const size_t at_pq = carve_bytes(bytes, rows_per_block * lc), at_ps = carve_bytes(bytes, rows_per_block * sizeof(float));
    const size_t at_p  = carve_bytes(bytes, a.probs ? 0 : rows_per_block * L * sizeof(float));
    auto * base = (uint8_t *) t_scratch.reserve(bytes / sizeof(float));
    if (!base) {
        attention_head_reference(a, h);
        return;
    }
    void * kp = base + at_kp, * vp = base + at_vp;
    auto * pq = (int8_t *) (base + at_pq);
    auto * ps = (float *) (base + at_ps);
    cfg.qpack(cfg.qnr, cfg.qkr, L, kc, o.k + h * L * kc, o.k_scale + h * L, nullptr, kp);
    cfg.qpack_values(cfg.qnr, cfg.qkr, dh, L, o.v + h * dh, a.num_heads * dh, o.v_scale + h * dh, nullptr, vp);

    const mab_f32_minmax_params identity = {-INFINITY, INFINITY};
    for (size_t i0 = 0; i0 < L; i0 += rows_per_block) {
        const size_t rows = L - i0 < rows_per_block ? L - i0 : rows_per_block;
        float * Pb = a.probs ? a.probs + (h * L + i0) * L : (float *) (base + at_p);
        const int8_t * qq = o.q + (h * L + i0) * kc;
        const float *  qs = o.q_scale + h * L + i0;
        for (size_t r = 0; r < rows; r += cfg.qmr) {
            const size_t mr = rows - r < cfg.qmr ? rows - r : cfg.qmr;
            cfg.qgemm_minmax(mr, L, kc, qq + r * kc, kc, qs + r, kp, Pb + r * L, L, cfg.qnr, &identity);
        }
        for (size_t r = 0; r < rows; r++) {
            float *     pr  = Pb + r * L;
            const float sum = cfg.softmax_q8(L, lc, pr, a.scale, a.mask_add, pq + r * lc);
            ps[r] = 1.0f / (127.0f * sum);
            if (a.probs) {
                const float inv = 1.0f / sum; // pr holds e: f32-softmax's last pass
                for (size_t j = 0; j < L; j++) pr[j] *= inv;
            }
        }
        for (size_t r = 0; r < rows; r += cfg.qmr) {
            const size_t mr = rows - r < cfg.qmr ? rows - r : cfg.qmr;
            cfg.qgemm_minmax(mr, dh, lc, pq + r * lc, lc, ps + r, vp, a.ctx + (i0 + r) * a.ld_ctx + h * dh, a.ld_ctx,
                             cfg.qnr, &identity);
        }
    }
}

// Heads are independent: one task each (after the int8 operands' shared pass).
void attention(const ukernel_config & cfg, const attention_args & a) {
    thread_pool * pool = worth_threads(a.seq_len, a.seq_len, a.head_dim) ? current_thread_pool() : nullptr;
    if (!a.q8_qmax) {
        parallel_for(pool, a.num_heads, [&](size_t h) { attention_head(cfg, a, h); });
        return;
    }
    attention_q8_operands o;
    if (!quantize_attention_operands(cfg, a, o)) {
        ref::attention(a); // no memory: the reference loops, which need none
        return;
    }
    parallel_for(pool, a.num_heads, [&](size_t h) { attention_head_q8(cfg, a, o, h); });
}

// One kernel_backend per config: the table wants plain function pointers.
template <const ukernel_config & CFG>
struct ukernel_backend {
    static mab_status create(size_t n, size_t k, const float * w, const float * b, activation act,
                             linear_weights ** out) {
        return linear_create(CFG, n, k, w, b, act, out);
    }
    static mab_status create_q8(size_t n, size_t k, const int8_t * w, const float * w_scale, const float * b,
                                activation act, linear_weights ** out) {
        return linear_create_q8(CFG, n, k, w, w_scale, b, act, out);
    }
    static void norm(size_t m, size_t n, const float * x, const float * r, const float * gamma, const float * beta,
                     float eps, float * y) {
        layer_norm(CFG, m, n, x, r, gamma, beta, eps, y);
    }
    static void attend(const attention_args & a) { attention(CFG, a); }
    static constexpr kernel_backend table = {CFG.name, create, create_q8, CFG.qmax, linear_run, linear_destroy,
                                             linear_bytes, norm, attend,
                                             CFG.pair ? CFG.pair->name : CFG.qgemm_name};
};

constexpr ukernel_config scalar_config = {
    "scalar", 4, 8,
    mab_f32_gemm_minmax_ukernel_4x8__scalar, mab_f32_gemm_gelu_ukernel_4x8__scalar,
    mab_f32_gemm_gelutanh_ukernel_4x8__scalar,
    mab_f32_layernorm_ukernel__scalar_u8, mab_f32_softmax_ukernel__scalar_u8,
    mab_x32_packw_gemm_goi_ukernel__scalar, mab_x32_packw_gemm_gio_ukernel__scalar,
    4, 8, 2,
    mab_qs8_gemm_minmax_ukernel_4x8c2__scalar, mab_qs8_gemm_gelu_ukernel_4x8c2__scalar,
    mab_qs8_gemm_gelutanh_ukernel_4x8c2__scalar,
    127, mab_f32_qs8_quantize_ukernel__scalar_u8, mab_f32_qs8_quantize_ukernel__scalar_u8,
    mab_f32_qs8_vcvt_ukernel__scalar_u8, mab_f32_qs8_softmax_ukernel__scalar_u8,
    mab_qs8_packw_gemm_goi_ukernel__scalar, mab_qs8_packw_gemm_gio_ukernel__scalar, mab_qs8_packw_gemm_panel_bytes,
    mab_qs8_packw_gemm_weight, "qs8-gemm-4x8c2-scalar",
};

// scalar-qu7's linear layers on the pair-summed panels too, as wasmrelaxedsimd's without VNNI.
constexpr pair_linear_kernels scalar_qu7_pair_kernels = {
    4, mab_qs8_qu7_gemm_minmax_ukernel_4x8c4__scalar_pair, mab_qs8_qu7_gemm_gelu_ukernel_4x8c4__scalar_pair,
    mab_qs8_qu7_gemm_gelutanh_ukernel_4x8c4__scalar_pair, "qs8-qu7-gemm-4x8c4-scalar-pair",
};

constexpr ukernel_config scalar_qu7_config = {
    "scalar-qu7", 4, 8,
    mab_f32_gemm_minmax_ukernel_4x8__scalar, mab_f32_gemm_gelu_ukernel_4x8__scalar,
    mab_f32_gemm_gelutanh_ukernel_4x8__scalar,
    mab_f32_layernorm_ukernel__scalar_u8, mab_f32_softmax_ukernel__scalar_u8,
    mab_x32_packw_gemm_goi_ukernel__scalar, mab_x32_packw_gemm_gio_ukernel__scalar,
    4, 8, 4,
    mab_qs8_qu7_gemm_minmax_ukernel_4x8c4__scalar, mab_qs8_qu7_gemm_gelu_ukernel_4x8c4__scalar,
    mab_qs8_qu7_gemm_gelutanh_ukernel_4x8c4__scalar,
    63, mab_f32_qu7_quantize_ukernel__scalar_u8, mab_f32_qs8_quantize_ukernel__scalar_u8,
    mab_f32_qs8_vcvt_ukernel__scalar_u8, mab_f32_qs8_softmax_ukernel__scalar_u8,
    mab_qs8_packw_gemm_goi_qu7_ukernel__scalar, mab_qs8_packw_gemm_gio_qu7_unshifted_ukernel__scalar,
    mab_qs8_packw_gemm_qu7_panel_bytes, mab_qs8_packw_gemm_qu7_weight, "qs8-qu7-gemm-4x8c4-scalar",
    &scalar_qu7_pair_kernels,
};

#if defined(__wasm_simd128__)
constexpr ukernel_config wasmsimd_config = {
    "wasmsimd", 2, 16,
    mab_f32_gemm_minmax_ukernel_2x16__wasmsimd_loadsplat, mab_f32_gemm_gelu_ukernel_2x16__wasmsimd_loadsplat,
    mab_f32_gemm_gelutanh_ukernel_2x16__wasmsimd_loadsplat,
    mab_f32_layernorm_ukernel__wasmsimd_u8, mab_f32_softmax_ukernel__wasmsimd_u8,
    mab_x32_packw_gemm_goi_ukernel__wasmsimd_u4, mab_x32_packw_gemm_gio_ukernel__wasmsimd_u4,
    2, 4, 8,
    mab_qs8_gemm_minmax_ukernel_2x4c8__wasmsimd_dot16, mab_qs8_gemm_gelu_ukernel_2x4c8__wasmsimd_dot16,
    mab_qs8_gemm_gelutanh_ukernel_2x4c8__wasmsimd_dot16,
    127, mab_f32_qs8_quantize_ukernel__wasmsimd_u8, mab_f32_qs8_quantize_ukernel__wasmsimd_u8,
    mab_f32_qs8_vcvt_ukernel__wasmsimd_u8, mab_f32_qs8_softmax_ukernel__wasmsimd_u8,
    mab_qs8_packw_gemm_goi_ukernel_x4c8__wasmsimd, mab_qs8_packw_gemm_gio_ukernel_x4c8__wasmsimd,
    mab_qs8_packw_gemm_panel_bytes, mab_qs8_packw_gemm_weight, "qs8-gemm-2x4c8-wasmsimd-dot16",
};
#endif

#if defined(__wasm_relaxed_simd__)
constexpr pair_linear_kernels wasmrelaxedsimd_pair_kernels = {
    4, mab_qs8_qu7_gemm_minmax_ukernel_4x8c4__wasmrelaxedsimd_dot2, mab_qs8_qu7_gemm_gelu_ukernel_4x8c4__wasmrelaxedsimd_dot2,
    mab_qs8_qu7_gemm_gelutanh_ukernel_4x8c4__wasmrelaxedsimd_dot2, "qs8-qu7-gemm-4x8c4-wasmrelaxedsimd-dot2",
};

constexpr ukernel_config wasmrelaxedsimd_config = {
    "wasmrelaxedsimd", 2, 16,
    mab_f32_gemm_minmax_ukernel_2x16__wasmrelaxedsimd_fma_loadsplat,
    mab_f32_gemm_gelu_ukernel_2x16__wasmrelaxedsimd_fma_loadsplat,
    mab_f32_gemm_gelutanh_ukernel_2x16__wasmrelaxedsimd_fma_loadsplat,
    mab_f32_layernorm_ukernel__wasmsimd_u8, mab_f32_softmax_ukernel__wasmsimd_u8,
    mab_x32_packw_gemm_goi_ukernel__wasmsimd_u4, mab_x32_packw_gemm_gio_ukernel__wasmsimd_u4,
    3, 8, 4,
    mab_qs8_qu7_gemm_minmax_ukernel_3x8c4__wasmrelaxedsimd_dot, mab_qs8_qu7_gemm_gelu_ukernel_3x8c4__wasmrelaxedsimd_dot,
    mab_qs8_qu7_gemm_gelutanh_ukernel_3x8c4__wasmrelaxedsimd_dot,
    63, mab_f32_qu7_quantize_ukernel__wasmsimd_u8, mab_f32_qs8_quantize_ukernel__wasmsimd_u8,
    mab_f32_qs8_vcvt_ukernel__wasmsimd_u8, mab_f32_qs8_softmax_ukernel__wasmsimd_u8,
    mab_qs8_packw_gemm_goi_qu7_ukernel_x8c4__wasmsimd, mab_qs8_packw_gemm_gio_qu7_unshifted_ukernel_x8c4__wasmsimd,
    mab_qs8_packw_gemm_qu7_panel_bytes, mab_qs8_packw_gemm_qu7_weight, "qs8-qu7-gemm-3x8c4-wasmrelaxedsimd-dot",
    &wasmrelaxedsimd_pair_kernels,
};

// The same with the int8 GEMMs on i32x4.relaxed_dot_i8x16_i7x16_add_s (4x8c4 dotadd), for engines
// that make it one instruction (see qs8-qu7-gemm-wasmrelaxedsimd-dot.h), for the linear layers too
// (on the plain qu7 panels). Same results.
constexpr ukernel_config with_dot_add_gemms(ukernel_config cfg) {
    cfg.qmr            = 4;
    cfg.qgemm_minmax   = mab_qs8_qu7_gemm_minmax_ukernel_4x8c4__wasmrelaxedsimd_dotadd;
    cfg.qgemm_gelu     = mab_qs8_qu7_gemm_gelu_ukernel_4x8c4__wasmrelaxedsimd_dotadd;
    cfg.qgemm_gelutanh = mab_qs8_qu7_gemm_gelutanh_ukernel_4x8c4__wasmrelaxedsimd_dotadd;
    cfg.qgemm_name     = "qs8-qu7-gemm-4x8c4-wasmrelaxedsimd-dotadd";
    cfg.pair           = nullptr;
    return cfg;
}
constexpr ukernel_config wasmrelaxedsimd_dotadd_config = with_dot_add_gemms(wasmrelaxedsimd_config);
#endif

} // namespace

const kernel_backend * scalar_backend() { return &ukernel_backend<scalar_config>::table; }
const kernel_backend * scalar_qu7_backend() { return &ukernel_backend<scalar_qu7_config>::table; }
#if defined(__wasm_simd128__)
const kernel_backend * wasmsimd_backend() { return &ukernel_backend<wasmsimd_config>::table; }
#endif
#if defined(__wasm_relaxed_simd__)
// The dotadd GEMMs where the engine sums each lane's four products in one step (AVX-VNNI, ARM64
// SDOT); elsewhere they would be slower, or wrong (Node 20's baseline compiler).
const kernel_backend * wasmrelaxedsimd_backend() {
    static const mab_relaxed_dot_add_lowering lowering = mab_relaxed_dot_add_lowering_probe();
    const bool dot_add = lowering == MAB_DOT_ADD_UNSIGNED || lowering == MAB_DOT_ADD_SIGNED;
    return dot_add ? &ukernel_backend<wasmrelaxedsimd_dotadd_config>::table : &ukernel_backend<wasmrelaxedsimd_config>::table;
}
#endif

} // namespace mab
