// The WebAssembly side of gemm-vs-xnnpack.mjs: one Linear layer of a kernel backend (the packed
// weights and the driver the model uses: cache blocks, row tiles, fused bias), f32 or int8, behind
// four C functions the script calls through the module's exports. Built by the script with em++
// twice (-msimd128, and -msimd128 -mrelaxed-simd).
#include "kernels/kernels.h"

#include <emscripten.h>
#include <wasm_simd128.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

struct bench_linear {
    const mab::kernel_backend * backend;
    mab::linear_weights *       weights;
};

} // namespace

extern "C" {

// The backend `name` (e.g. "wasmsimd"), or null when this build has none of that name.
EMSCRIPTEN_KEEPALIVE const char * gemm_bench_backend(const char * name) {
    const mab::kernel_backend * be = mab::find_backend(name);
    return be ? be->name : nullptr;
}

// y = x·wᵀ + b with w [n][k] (PyTorch's [out, in]) and b [n]. int8: w quantized as the int8 model
// files are (symmetric, one scale max|w_j|/127 per output channel), then the backend's int8 GEMM,
// which quantizes x per row at run time. Null when the backend refuses (the message is printed).
EMSCRIPTEN_KEEPALIVE bench_linear * gemm_bench_create(const char * backend, int int8, size_t n, size_t k,
                                                      const float * w, const float * b) {
    const mab::kernel_backend * be = mab::find_backend(backend);
    if (!be) return nullptr;
    mab::linear_weights * lw = nullptr;
    mab_status status;
    if (int8) {
        if (!be->linear_create_q8) return nullptr;
        std::vector<int8_t> wq(n * k);
        std::vector<float>  scale(n);
        for (size_t j = 0; j < n; j++) {
            float amax = 0.0f;
            for (size_t p = 0; p < k; p++) amax = std::fmax(amax, std::fabs(w[j * k + p]));
            scale[j] = amax > 0.0f ? amax / 127.0f : 1.0f;
            for (size_t p = 0; p < k; p++) wq[j * k + p] = (int8_t) std::lrint(w[j * k + p] / scale[j]);
        }
        status = be->linear_create_q8(n, k, wq.data(), scale.data(), b, mab::ACTIVATION_IDENTITY, &lw);
    } else {
        status = be->linear_create(n, k, w, b, mab::ACTIVATION_IDENTITY, &lw);
    }
    if (status != MAB_STATUS_OK) return nullptr;
    auto * bl = (bench_linear *) malloc(sizeof(bench_linear));
    if (!bl) {
        be->linear_destroy(lw);
        return nullptr;
    }
    *bl = {be, lw};
    return bl;
}

// `reps` calls of y[m][n] = x[m][k]·wᵀ + b (one call of the JS timer around many calls of the layer).
EMSCRIPTEN_KEEPALIVE void gemm_bench_run(const bench_linear * bl, size_t m, const float * x, float * y, int reps) {
    for (int r = 0; r < reps; r++) bl->backend->linear_run(bl->weights, m, x, y);
}

// The ceiling of the int8 GEMMs: `iters` rounds of 6 independent i32x4.dot_i16x8_s + i32x4.add
// (48 multiply-adds), the instruction pair every int8 micro-kernel here (and onnxruntime-web's) is
// built from: 2 row and 3 column vectors, 6 accumulators, 11 vectors that V8 keeps in the 16 SSE
// registers. Every round reloads the operands from one of two sets (`operands`: 2 × 64 int16, 5
// vectors of each used), picked by `r & set_mask`: loads take the load ports, not the vector ALUs
// that the pair needs, and an address the compiler cannot predict keeps it from hoisting the dots
// out of the loop. A power-of-two set stride makes the address a shift. Changing the operands with
// i16x8 adds instead, or a 2x4 tile (one accumulator spilled), measured 20–25% slower under V8,
// below the GEMM itself. Returns a checksum that keeps the loop alive.
EMSCRIPTEN_KEEPALIVE int gemm_bench_dot16_ceiling(const int16_t * operands, int iters, int set_mask) {
    v128_t acc[2][3];
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++) acc[i][j] = wasm_i32x4_const_splat(0);
    for (int r = 0; r < iters; r++) {
        const int16_t * op = operands + 64 * (r & set_mask);
        const v128_t    a0 = wasm_v128_load(op), a1 = wasm_v128_load(op + 8);
#pragma clang loop unroll(full)
        for (int j = 0; j < 3; j++) {
            const v128_t b = wasm_v128_load(op + 16 + 8 * j);
            acc[0][j]      = wasm_i32x4_add(acc[0][j], wasm_i32x4_dot_i16x8(a0, b));
            acc[1][j]      = wasm_i32x4_add(acc[1][j], wasm_i32x4_dot_i16x8(a1, b));
        }
    }
    v128_t sum = wasm_i32x4_const_splat(0);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++) sum = wasm_i32x4_add(sum, acc[i][j]);
    return wasm_i32x4_extract_lane(sum, 0) + wasm_i32x4_extract_lane(sum, 3);
}

EMSCRIPTEN_KEEPALIVE void gemm_bench_free(bench_linear * bl) {
    if (!bl) return;
    bl->backend->linear_destroy(bl->weights);
    free(bl);
}

} // extern "C"
