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

// x·Φ(x) per lane (see gelu_erf_approx).
static inline v128_t gelu_erf_f32x4(v128_t x) {
    const v128_t a = wasm_f32x4_pmin(wasm_f32x4_splat(GELU_CLAMP), wasm_f32x4_pmax(wasm_f32x4_splat(-GELU_CLAMP), x));
    const v128_t s = wasm_f32x4_mul(a, a);
    v128_t p = wasm_f32x4_splat(GELU_P5);
    p = madd_f32x4(p, s, wasm_f32x4_splat(GELU_P4));
    p = madd_f32x4(p, s, wasm_f32x4_splat(GELU_P3));
    p = madd_f32x4(p, s, wasm_f32x4_splat(GELU_P2));
    p = madd_f32x4(p, s, wasm_f32x4_splat(GELU_P1));
    p = madd_f32x4(p, s, wasm_f32x4_splat(GELU_P0));
    v128_t q = wasm_f32x4_splat(GELU_Q5);
    q = madd_f32x4(q, s, wasm_f32x4_splat(GELU_Q4));
    q = madd_f32x4(q, s, wasm_f32x4_splat(GELU_Q3));
    q = madd_f32x4(q, s, wasm_f32x4_splat(GELU_Q2));
    q = madd_f32x4(q, s, wasm_f32x4_splat(GELU_Q1));
    q = madd_f32x4(q, s, wasm_f32x4_splat(1.0f));
    const v128_t phi = wasm_f32x4_add(wasm_f32x4_div(wasm_f32x4_mul(a, p), q), wasm_f32x4_splat(0.5f));
    return wasm_v128_andnot(wasm_f32x4_mul(x, phi), wasm_f32x4_lt(x, wasm_f32x4_splat(-GELU_CLAMP)));
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
