// Two vectors per step. f32x4.pmax(m, |x|) keeps m when |x| is NaN, as the reference's `a > m`;
// the clamp keeps NaN (pmax/pmin return their first operand on NaN) and i32x4.trunc_sat turns it
// into 0. The saturating narrows pack 8 int32 into 8 int8 (no value is out of range by then).
#if defined(__wasm_simd128__)

#include "kernels/f32-qs8-quantize/f32-qs8-quantize.h"

#include <cmath>
#include <wasm_simd128.h>

static inline int8_t quantize_one(float x, float inv) {
    float v = x * inv;
    v = v != v ? 0.0f : v;
    v = v > 127.0f ? 127.0f : (v < -127.0f ? -127.0f : v);
    return (int8_t) std::nearbyint(v);
}

static inline v128_t quantize_f32x4(v128_t x, v128_t vinv, v128_t vlo, v128_t vhi) {
    v128_t v = wasm_f32x4_mul(x, vinv);
    v = wasm_f32x4_pmin(wasm_f32x4_pmax(v, vlo), vhi);
    return wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(v));
}

extern "C" float mab_f32_qs8_quantize_ukernel__wasmsimd_u8(size_t k, size_t kp, const float * x, int8_t * q) {
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
    const float  inv  = amax == 0.0f ? 0.0f : 127.0f / amax;
    const v128_t vinv = wasm_f32x4_splat(inv);
    const v128_t vlo = wasm_f32x4_const_splat(-127.0f), vhi = wasm_f32x4_const_splat(127.0f);
    for (p = 0; p + 8 <= k; p += 8) {
        const v128_t q0 = quantize_f32x4(wasm_v128_load(x + p), vinv, vlo, vhi);
        const v128_t q1 = quantize_f32x4(wasm_v128_load(x + p + 4), vinv, vlo, vhi);
        const v128_t q01 = wasm_i16x8_narrow_i32x4(q0, q1);
        wasm_v128_store64_lane(q + p, wasm_i8x16_narrow_i16x8(q01, q01), 0);
    }
    for (; p < k; p++) q[p] = quantize_one(x[p], inv);
    for (; p < kp; p++) q[p] = 0;
    return amax == 0.0f ? 1.0f : amax / 127.0f;
}

#endif // __wasm_simd128__
