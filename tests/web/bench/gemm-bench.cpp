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
// (48 multiply-adds) with no memory access, the instruction pair every int8 micro-kernel here (and
// onnxruntime-web's) is built from. 12 vectors in all, so that V8 keeps them in the 16 SSE
// registers; two i16x8.add per round change the operands, so that the compiler cannot hoist the
// dots out of the loop. Returns a checksum that keeps the loop alive.
EMSCRIPTEN_KEEPALIVE int gemm_bench_dot16_ceiling(const int16_t * operands, int iters) {
    v128_t a[3], acc[6];
    for (int i = 0; i < 3; i++) a[i] = wasm_v128_load(operands + 8 * i);
    for (int i = 0; i < 6; i++) acc[i] = wasm_i32x4_const_splat(0);
    v128_t       b0   = wasm_v128_load(operands + 24);
    v128_t       b1   = wasm_v128_load(operands + 32);
    const v128_t step = wasm_i16x8_const_splat(1);
    for (int r = 0; r < iters; r++) {
#pragma clang loop unroll(full)
        for (int i = 0; i < 3; i++) {
            acc[i]     = wasm_i32x4_add(acc[i], wasm_i32x4_dot_i16x8(a[i], b0));
            acc[i + 3] = wasm_i32x4_add(acc[i + 3], wasm_i32x4_dot_i16x8(a[i], b1));
        }
        b0 = wasm_i16x8_add(b0, step);
        b1 = wasm_i16x8_sub(b1, step);
    }
    v128_t sum = acc[0];
    for (int i = 1; i < 6; i++) sum = wasm_i32x4_add(sum, acc[i]);
    return wasm_i32x4_extract_lane(sum, 0) + wasm_i32x4_extract_lane(sum, 3);
}

EMSCRIPTEN_KEEPALIVE void gemm_bench_free(bench_linear * bl) {
    if (!bl) return;
    bl->backend->linear_destroy(bl->weights);
    free(bl);
}

} // extern "C"
