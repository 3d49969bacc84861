// The first two passes of the SIMD128 softmax kernels (f32-softmax, f32-qs8-softmax), 8 scores
// per step: v = x·scale + mask and its maximum m, then y = exp(v − m) and their sum, returned. y may
// alias x.
#pragma once

#if defined(__wasm_simd128__)

#include "kernels/math/math-wasmsimd.h"

#include <cstddef>

static inline float mab_f32_softmax_exp_wasmsimd_u8(size_t n, const float * x, float scale, const float * mask,
                                                    float * y) {
    const v128_t vscale = wasm_f32x4_splat(scale);
    v128_t m0 = wasm_f32x4_splat(-__FLT_MAX__), m1 = m0;
    size_t j = 0;
    for (; j + 8 <= n; j += 8) {
        const v128_t v0 = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(x + j), vscale), wasm_v128_load(mask + j));
        const v128_t v1 = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(x + j + 4), vscale), wasm_v128_load(mask + j + 4));
        wasm_v128_store(y + j, v0);
        wasm_v128_store(y + j + 4, v1);
        m0 = wasm_f32x4_pmax(m0, v0);
        m1 = wasm_f32x4_pmax(m1, v1);
    }
    m0 = wasm_f32x4_pmax(m0, m1);
    float m = wasm_f32x4_extract_lane(m0, 0);
    m = wasm_f32x4_extract_lane(m0, 1) > m ? wasm_f32x4_extract_lane(m0, 1) : m;
    m = wasm_f32x4_extract_lane(m0, 2) > m ? wasm_f32x4_extract_lane(m0, 2) : m;
    m = wasm_f32x4_extract_lane(m0, 3) > m ? wasm_f32x4_extract_lane(m0, 3) : m;
    for (size_t t = j; t < n; t++) {
        const float v = x[t] * scale + mask[t];
        y[t] = v;
        m = v > m ? v : m;
    }

    const v128_t vm = wasm_f32x4_splat(m);
    const mab::math::exp_consts ec = mab::math::exp_consts_runtime();
    v128_t s0 = wasm_f32x4_splat(0.0f), s1 = s0;
    for (j = 0; j + 8 <= n; j += 8) {
        const v128_t e0 = mab::math::exp_f32x4(wasm_f32x4_sub(wasm_v128_load(y + j), vm), ec);
        const v128_t e1 = mab::math::exp_f32x4(wasm_f32x4_sub(wasm_v128_load(y + j + 4), vm), ec);
        wasm_v128_store(y + j, e0);
        wasm_v128_store(y + j + 4, e1);
        s0 = wasm_f32x4_add(s0, e0);
        s1 = wasm_f32x4_add(s1, e1);
    }
    s0 = wasm_f32x4_add(s0, s1);
    float sum = (wasm_f32x4_extract_lane(s0, 0) + wasm_f32x4_extract_lane(s0, 2)) +
                (wasm_f32x4_extract_lane(s0, 1) + wasm_f32x4_extract_lane(s0, 3));
    for (size_t t = j; t < n; t++) {
        const float e = mab::math::exp_approx(y[t] - m);
        y[t] = e;
        sum += e;
    }
    return sum;
}

#endif // __wasm_simd128__
