// Template of the SIMD128 activation quantization kernels (f32-qs8-quantize-wasmsimd-u8.cpp, QMAX
// 127, ZERO 0; f32-qu7-quantize-wasmsimd-u8.cpp, QMAX 63, ZERO 64): q[p] = quantized x[p] + ZERO.
// Two vectors per step. f32x4.pmax(m, |x|) keeps m when |x| is NaN, as the reference's `a > m`;
// the clamp keeps NaN (pmax/pmin return their first operand on NaN) and a self-compare mask turns
// it into 0. The saturating narrows pack 8 int32 into 8 int8 (no value is out of range by then).
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

// mab_quantize_f32x4's constants, splatted from values read at run time: newer V8 (Node 22+,
// Chromium) rebuilds a v128.const at every use (see math::exp_consts_runtime).
struct mab_quantize_consts {
    v128_t lo, hi, magic, bias;
};

template <int QMAX, int ZERO>
static inline mab_quantize_consts mab_quantize_consts_runtime() {
    static volatile float   lim = (float) QMAX, magic = 12582912.0f; // 1.5·2^23
    static volatile int32_t bias = 0x4B400000 - ZERO;                 // the bits of 1.5·2^23, less ZERO
    return {wasm_f32x4_splat(-lim), wasm_f32x4_splat(lim), wasm_f32x4_splat(magic), wasm_i32x4_splat(bias)};
}

// nearest-even(x·inv) clamped to [-QMAX, QMAX] (NaN → 0), plus ZERO, as int32. Adding 1.5·2^23 to
// a value in [-2^22, 2^22] leaves its rounded integer in the low mantissa bits (the float add rounds
// to nearest even), read back by subtracting the sum's bits at 0: two instructions, where
// f32x4.nearest + i32x4.trunc_sat_f32x4 take about eight on x86.
static inline v128_t mab_quantize_f32x4(v128_t x, v128_t vinv, const mab_quantize_consts & c) {
    v128_t v = wasm_f32x4_mul(x, vinv);
    v = wasm_f32x4_pmin(wasm_f32x4_pmax(v, c.lo), c.hi);
    v = wasm_v128_and(v, wasm_f32x4_eq(v, v));
    return wasm_i32x4_sub(wasm_f32x4_add(v, c.magic), c.bias);
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
    const mab_quantize_consts qc = mab_quantize_consts_runtime<QMAX, ZERO>();
    for (p = 0; p + 8 <= k; p += 8) {
        const v128_t q0 = mab_quantize_f32x4(wasm_v128_load(x + p), vinv, qc);
        const v128_t q1 = mab_quantize_f32x4(wasm_v128_load(x + p + 4), vinv, qc);
        const v128_t q01 = wasm_i16x8_narrow_i32x4(q0, q1);
        wasm_v128_store64_lane(q + p, wasm_i8x16_narrow_i16x8(q01, q01), 0);
    }
    for (; p < k; p++) q[p] = (int8_t) (mab_quantize_one_wasmsimd<QMAX>(x[p], inv) + ZERO);
    for (; p < kp; p++) q[p] = (int8_t) ZERO;
    return amax == 0.0f ? 1.0f : amax / (float) QMAX;
}

#endif // __wasm_simd128__
