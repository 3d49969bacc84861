// SIMD128 versions of math-scalar.h: the same formulas and constants, four lanes at a time.
// Used by the GEMM epilogues (GELU) and the softmax kernels.
#pragma once

#if defined(__wasm_simd128__)

#include "kernels/math/math-scalar.h"

#include <wasm_simd128.h>

namespace mab::math {

// a·b + c per lane. The relaxed build fuses it (f32x4.relaxed_madd: one instruction instead of
// two, and a rounding less); the GELU epilogue and softmax spend most of their instructions on these
// polynomials. Plain SIMD128: a multiply and an add.
static inline v128_t madd_f32x4(v128_t a, v128_t b, v128_t c) {
#if defined(__wasm_relaxed_simd__) && __has_builtin(__builtin_wasm_relaxed_madd_f32x4)
    return __builtin_wasm_relaxed_madd_f32x4(a, b, c);
#elif defined(__wasm_relaxed_simd__)
    // LLVM 14's pre-standard opcode, rewritten to the standard a·b + c by fix-relaxed-simd.py (see
    // mab_f32x4_muladd in kernels/f32-gemm/f32-gemm-wasmsimd.h).
    return __builtin_wasm_fma_f32x4(a, b, c);
#else
    return wasm_f32x4_add(wasm_f32x4_mul(a, b), c);
#endif
}

// e^x per lane (see exp_approx).
static inline v128_t exp_f32x4(v128_t x) {
    const v128_t lo = wasm_f32x4_splat(EXP_LO);
    const v128_t xc = wasm_f32x4_pmin(wasm_f32x4_splat(EXP_HI), wasm_f32x4_pmax(lo, x));
    const v128_t n  = wasm_f32x4_nearest(wasm_f32x4_mul(xc, wasm_f32x4_splat(LOG2E)));
    v128_t r = madd_f32x4(n, wasm_f32x4_splat(-LN2_HI), xc);
    r = madd_f32x4(n, wasm_f32x4_splat(-LN2_LO), r);
    v128_t p = wasm_f32x4_splat(EXP_P5);
    p = madd_f32x4(p, r, wasm_f32x4_splat(EXP_P4));
    p = madd_f32x4(p, r, wasm_f32x4_splat(EXP_P3));
    p = madd_f32x4(p, r, wasm_f32x4_splat(EXP_P2));
    p = madd_f32x4(p, r, wasm_f32x4_splat(EXP_P1));
    p = madd_f32x4(p, r, wasm_f32x4_splat(EXP_P0));
    const v128_t e = wasm_f32x4_add(madd_f32x4(p, wasm_f32x4_mul(r, r), r), wasm_f32x4_splat(1.0f));
    const v128_t s = wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(n), wasm_i32x4_splat(127)), 23);
    // Lanes below EXP_LO become +0.
    return wasm_v128_andnot(wasm_f32x4_mul(e, s), wasm_f32x4_lt(x, lo));
}

// erfc(z) per lane, z >= 0 (see erfc_approx).
static inline v128_t erfc_f32x4(v128_t z) {
    const v128_t one = wasm_f32x4_splat(1.0f);
    const v128_t t = wasm_f32x4_div(one, madd_f32x4(wasm_f32x4_splat(0.5f), z, one));
    v128_t p = wasm_f32x4_splat(ERFC_C9);
    p = madd_f32x4(p, t, wasm_f32x4_splat(ERFC_C8));
    p = madd_f32x4(p, t, wasm_f32x4_splat(ERFC_C7));
    p = madd_f32x4(p, t, wasm_f32x4_splat(ERFC_C6));
    p = madd_f32x4(p, t, wasm_f32x4_splat(ERFC_C5));
    p = madd_f32x4(p, t, wasm_f32x4_splat(ERFC_C4));
    p = madd_f32x4(p, t, wasm_f32x4_splat(ERFC_C3));
    p = madd_f32x4(p, t, wasm_f32x4_splat(ERFC_C2));
    p = madd_f32x4(p, t, wasm_f32x4_splat(ERFC_C1));
    p = madd_f32x4(p, t, wasm_f32x4_splat(ERFC_C0));
    return wasm_f32x4_mul(t, exp_f32x4(madd_f32x4(wasm_f32x4_neg(z), z, p)));
}

// 0.5·x·(1 + erf(x/√2)) per lane (see gelu_erf_approx).
static inline v128_t gelu_erf_f32x4(v128_t x) {
    const v128_t q  = erfc_f32x4(wasm_f32x4_mul(wasm_f32x4_abs(x), wasm_f32x4_splat(SQRT1_2)));
    const v128_t hq = wasm_f32x4_mul(wasm_f32x4_mul(wasm_f32x4_splat(0.5f), x), q);
    return wasm_v128_bitselect(hq, wasm_f32x4_sub(x, hq), wasm_f32x4_lt(x, wasm_f32x4_splat(0.0f)));
}

// x / (1 + e^(-2u)), u = √(2/π)·(x + 0.044715·x³) per lane (see gelu_tanh_approx).
static inline v128_t gelu_tanh_f32x4(v128_t x) {
    const v128_t x3 = wasm_f32x4_mul(wasm_f32x4_mul(x, x), x);
    const v128_t u  = wasm_f32x4_mul(wasm_f32x4_splat(SQRT_2_OVER_PI),
                                     wasm_f32x4_add(x, wasm_f32x4_mul(wasm_f32x4_splat(GELU_TANH_C), x3)));
    const v128_t e  = exp_f32x4(wasm_f32x4_mul(wasm_f32x4_splat(-2.0f), u));
    return wasm_f32x4_div(x, wasm_f32x4_add(wasm_f32x4_splat(1.0f), e));
}

} // namespace mab::math

#endif // __wasm_simd128__
