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

// math-scalar.h's horner per lane, each step a madd_f32x4.
static inline v128_t horner_f32x4(v128_t, v128_t c) { return c; }
template <class... Rest>
static inline v128_t horner_f32x4(v128_t x, v128_t c0, v128_t c1, Rest... rest) {
    return horner_f32x4(x, madd_f32x4(c0, x, c1), rest...);
}

// exp_f32x4's constants as vectors. Newer V8 (Node 22+, Chromium) rebuilds a v128.const at every
// use (a general-register move and two vector instructions), which in exp's polynomial costs more
// than the arithmetic; Node 20's V8 keeps them in registers. A loop that is mostly exp (softmax)
// takes exp_consts_runtime() once before it: splats of values read from memory at run time, which
// stay in registers or stack slots. Elsewhere exp_consts_literal() (v128.const) is as good.
struct exp_consts {
    v128_t lo, hi, log2e, ln2_hi, ln2_lo, p5, p4, p3, p2, p1, p0, one, exponent_bias;
};

static inline exp_consts exp_consts_literal() {
    return {wasm_f32x4_splat(EXP_LO),   wasm_f32x4_splat(EXP_HI),    wasm_f32x4_splat(LOG2E),
            wasm_f32x4_splat(-LN2_HI),  wasm_f32x4_splat(-LN2_LO),   wasm_f32x4_splat(EXP_P5),
            wasm_f32x4_splat(EXP_P4),   wasm_f32x4_splat(EXP_P3),    wasm_f32x4_splat(EXP_P2),
            wasm_f32x4_splat(EXP_P1),   wasm_f32x4_splat(EXP_P0),    wasm_f32x4_splat(1.0f),
            wasm_i32x4_splat(127)};
}

static inline exp_consts exp_consts_runtime() {
    static volatile float   k[12] = {EXP_LO, EXP_HI, LOG2E, -LN2_HI, -LN2_LO, EXP_P5,
                                     EXP_P4, EXP_P3, EXP_P2, EXP_P1,   EXP_P0,  1.0f};
    static volatile int32_t bias  = 127;
    return {wasm_f32x4_splat(k[0]), wasm_f32x4_splat(k[1]), wasm_f32x4_splat(k[2]),  wasm_f32x4_splat(k[3]),
            wasm_f32x4_splat(k[4]), wasm_f32x4_splat(k[5]), wasm_f32x4_splat(k[6]),  wasm_f32x4_splat(k[7]),
            wasm_f32x4_splat(k[8]), wasm_f32x4_splat(k[9]), wasm_f32x4_splat(k[10]), wasm_f32x4_splat(k[11]),
            wasm_i32x4_splat(bias)};
}

// e^x per lane (see exp_approx).
static inline v128_t exp_f32x4(v128_t x, const exp_consts & c) {
    const v128_t xc = wasm_f32x4_pmin(c.hi, wasm_f32x4_pmax(c.lo, x));
    const v128_t n  = wasm_f32x4_nearest(wasm_f32x4_mul(xc, c.log2e));
    v128_t r = madd_f32x4(n, c.ln2_hi, xc);
    r = madd_f32x4(n, c.ln2_lo, r);
    const v128_t p = horner_f32x4(r, c.p5, c.p4, c.p3, c.p2, c.p1, c.p0);
    const v128_t e = wasm_f32x4_add(madd_f32x4(p, wasm_f32x4_mul(r, r), r), c.one);
    // 2^n in the exponent field: n + 127 from n's integer, shifted; n is in [-126, 127].
    const v128_t s = wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(n), c.exponent_bias), 23);
    // Lanes below EXP_LO become +0.
    return wasm_v128_andnot(wasm_f32x4_mul(e, s), wasm_f32x4_lt(x, c.lo));
}

// gelu_erf_f32x4's constants as vectors, splatted from values read at run time (see exp_consts):
// a GEMM's GELU pass takes them once per call instead of 15 v128.const per output vector.
struct gelu_consts {
    v128_t lo, hi, p5, p4, p3, p2, p1, p0, q5, q4, q3, q2, q1, one, half;
};

static inline gelu_consts gelu_consts_runtime() {
    static volatile float k[15] = {-GELU_CLAMP, GELU_CLAMP, GELU_P5, GELU_P4, GELU_P3, GELU_P2, GELU_P1, GELU_P0,
                                   GELU_Q5,     GELU_Q4,    GELU_Q3, GELU_Q2, GELU_Q1, 1.0f,    0.5f};
    return {wasm_f32x4_splat(k[0]),  wasm_f32x4_splat(k[1]),  wasm_f32x4_splat(k[2]),  wasm_f32x4_splat(k[3]),
            wasm_f32x4_splat(k[4]),  wasm_f32x4_splat(k[5]),  wasm_f32x4_splat(k[6]),  wasm_f32x4_splat(k[7]),
            wasm_f32x4_splat(k[8]),  wasm_f32x4_splat(k[9]),  wasm_f32x4_splat(k[10]), wasm_f32x4_splat(k[11]),
            wasm_f32x4_splat(k[12]), wasm_f32x4_splat(k[13]), wasm_f32x4_splat(k[14])};
}

// x·Φ(x) per lane (see gelu_erf_approx).
static inline v128_t gelu_erf_f32x4(v128_t x, const gelu_consts & c) {
    const v128_t a = wasm_f32x4_pmin(c.hi, wasm_f32x4_pmax(c.lo, x));
    const v128_t s = wasm_f32x4_mul(a, a);
    const v128_t p = horner_f32x4(s, c.p5, c.p4, c.p3, c.p2, c.p1, c.p0);
    const v128_t q = horner_f32x4(s, c.q5, c.q4, c.q3, c.q2, c.q1, c.one);
    const v128_t phi = wasm_f32x4_add(wasm_f32x4_div(wasm_f32x4_mul(a, p), q), c.half);
    return wasm_v128_andnot(wasm_f32x4_mul(x, phi), wasm_f32x4_lt(x, c.lo));
}

// x / (1 + e^(-2u)), u = √(2/π)·(x + 0.044715·x³) per lane (see gelu_tanh_approx).
static inline v128_t gelu_tanh_f32x4(v128_t x) {
    const v128_t x3 = wasm_f32x4_mul(wasm_f32x4_mul(x, x), x);
    const v128_t u  = wasm_f32x4_mul(wasm_f32x4_splat(SQRT_2_OVER_PI),
                                     wasm_f32x4_add(x, wasm_f32x4_mul(wasm_f32x4_splat(GELU_TANH_C), x3)));
    const v128_t e  = exp_f32x4(wasm_f32x4_mul(wasm_f32x4_splat(-2.0f), u), exp_consts_literal());
    return wasm_f32x4_div(x, wasm_f32x4_add(wasm_f32x4_splat(1.0f), e));
}

} // namespace mab::math

#endif // __wasm_simd128__
