// Template of the SIMD128 activation quantization kernels (f32-qs8-quantize-wasmsimd-u8.cpp, QMAX
// 127, ZERO 0; f32-qu7-quantize-wasmsimd-u8.cpp, QMAX 63, ZERO 64): q[p] = quantized x[p] + ZERO.
// Two vectors per step. f32x4.pmax(m, |x|) keeps m when |x| is NaN, as the reference's `a > m`;
// the clamp keeps NaN (pmax/pmin return their first operand on NaN) and i32x4.trunc_sat turns it
// into 0. The saturating narrows pack 8 int32 into 8 int8 (no value is out of range by then).
#pragma once

#if defined(__wasm_simd128__)

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <wasm_simd128.h>

template <int QMAX>
static inline int32_t mab_quantize_one_wasmsimd(float x, float inv) {
    constexpr float lim = (float) QMAX;
    float v = x * inv;
    v = v != v ? 0.0f : v;
    v = v > lim ? lim : (v < -lim ? -lim : v);
    return (int32_t) std::nearbyint(v);
}

static inline v128_t mab_quantize_f32x4(v128_t x, v128_t vinv, v128_t vlo, v128_t vhi, v128_t vzero) {
    v128_t v = wasm_f32x4_mul(x, vinv);
    v = wasm_f32x4_pmin(wasm_f32x4_pmax(v, vlo), vhi);
    return wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(v)), vzero);
}

template <int QMAX, int ZERO>
static inline float mab_f32_quantize_wasmsimd_u8(size_t k, size_t kp, const float * x, int8_t * q) {
    v128_t vmx0 = wasm_f32x4_const_splat(0.0f), vmx1 = vmx0;
    size_t p = 0;
    for (; p + 8 <= k; p += 8) {
        vmx0 = wasm_f32x4_pmax(vmx0, wasm_f32x4_abs(wasm_v128_load(x + p)));
        vmx1 = wasm_f32x4_pmax(vmx1, wasm_f32x4_abs(wasm_v128_load(x + p + 4)));
    }
    vmx0 = wasm_f32x4_pmax(vmx0, vmx1);
    float amax = 0.0f;
    for (int l = 0; l < 4; l++) {
        const float m = wasm_f32x4_extract_lane(vmx0, 0);
        amax = m > amax ? m : amax;
        vmx0 = wasm_i32x4_shuffle(vmx0, vmx0, 1, 2, 3, 0);
    }
    for (; p < k; p++) {
        const float a = std::fabs(x[p]);
        amax = a > amax ? a : amax;
    }

    // An all-zero row: inv 0 quantizes it to zeros, with scale 1.
    const float  inv  = amax == 0.0f ? 0.0f : (float) QMAX / amax;
    const v128_t vinv = wasm_f32x4_splat(inv);
    const v128_t vlo = wasm_f32x4_const_splat(-(float) QMAX), vhi = wasm_f32x4_const_splat((float) QMAX);
    const v128_t vzero = wasm_i32x4_const_splat(ZERO);
    for (p = 0; p + 8 <= k; p += 8) {
        const v128_t q0 = mab_quantize_f32x4(wasm_v128_load(x + p), vinv, vlo, vhi, vzero);
        const v128_t q1 = mab_quantize_f32x4(wasm_v128_load(x + p + 4), vinv, vlo, vhi, vzero);
        const v128_t q01 = wasm_i16x8_narrow_i32x4(q0, q1);
        wasm_v128_store64_lane(q + p, wasm_i8x16_narrow_i16x8(q01, q01), 0);
    }
    for (; p < k; p++) q[p] = (int8_t) (mab_quantize_one_wasmsimd<QMAX>(x[p], inv) + ZERO);
    for (; p < kp; p++) q[p] = (int8_t) ZERO;
    return amax == 0.0f ? 1.0f : amax / (float) QMAX;
}

#endif // __wasm_simd128__
