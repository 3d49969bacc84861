// Branch-free float approximations of exp and the two GELUs. No libm calls and selects instead of
// branches, so that loops calling them vectorise (GCC and clang, SSE2 / SIMD128). The SIMD128
// kernels use the same formulas and constants (math-wasmsimd.h).
#pragma once

#include <cstdint>
#include <cstring>

namespace mab::math {

inline float f32_from_bits(uint32_t u) {
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

// Constants shared with math-wasmsimd.h.
constexpr float EXP_LO       = -87.0f;          // below: return 0 (e^-87 = 1.6e-38, about FLT_MIN)
constexpr float EXP_HI       = 88.0f;           // above: clamp (e^88 = 1.65e38 < FLT_MAX)
constexpr float LOG2E        = 1.44269504088896341f;
constexpr float LN2_HI       = 0.693359375f;    // Cody-Waite split of ln 2 (Cephes expf)
constexpr float LN2_LO       = -2.12194440e-4f;
constexpr float ROUND_MAGIC  = 0x1.8p23f;       // x + 1.5·2^23 - 1.5·2^23 rounds x to an integer
constexpr float EXP_P5       = 1.9875691500e-4f; // Cephes expf polynomial for e^r, |r| <= ln2/2
constexpr float EXP_P4       = 1.3981999507e-3f;
constexpr float EXP_P3       = 8.3334519073e-3f;
constexpr float EXP_P2       = 4.1665795894e-2f;
constexpr float EXP_P1       = 1.6666665459e-1f;
constexpr float EXP_P0       = 5.0000001201e-1f;

// erfc(z) = t·exp(-z² - 1.26551223 + t·P(t)), t = 1/(1 + z/2), z >= 0: the Chebyshev fit from
// Numerical Recipes (erfcc), fractional error < 1.2e-7 over the whole range. GELU needs erfc, not
// erf, so that 0.5·x·(1 + erf(x/√2)) keeps its relative accuracy for negative x.
constexpr float ERFC_C0 = -1.26551223f;
constexpr float ERFC_C1 = 1.00002368f;
constexpr float ERFC_C2 = 0.37409196f;
constexpr float ERFC_C3 = 0.09678418f;
constexpr float ERFC_C4 = -0.18628806f;
constexpr float ERFC_C5 = 0.27886807f;
constexpr float ERFC_C6 = -1.13520398f;
constexpr float ERFC_C7 = 1.48851587f;
constexpr float ERFC_C8 = -0.82215223f;
constexpr float ERFC_C9 = 0.17087277f;
constexpr float SQRT1_2 = 0.70710678118654752f;
constexpr float SQRT_2_OVER_PI = 0.79788456080286536f;
constexpr float GELU_TANH_C   = 0.044715f;

// e^x with relative error ~1e-7 for x in [-87, 88]; 0 below -87, e^88 above 88.
inline float exp_approx(float x) {
    const float xc = x < EXP_LO ? EXP_LO : (x > EXP_HI ? EXP_HI : x);
    const float n  = (xc * LOG2E + ROUND_MAGIC) - ROUND_MAGIC;
    float r = xc - n * LN2_HI;
    r = r - n * LN2_LO;
    float p = EXP_P5;
    p = p * r + EXP_P4;
    p = p * r + EXP_P3;
    p = p * r + EXP_P2;
    p = p * r + EXP_P1;
    p = p * r + EXP_P0;
    const float e = p * (r * r) + r + 1.0f;
    // 2^n built in the exponent field; n is in [-126, 127] after the clamp.
    const float s = f32_from_bits((uint32_t) ((int32_t) n + 127) << 23);
    return x < EXP_LO ? 0.0f : e * s;
}

// erfc(z) for z >= 0.
inline float erfc_approx(float z) {
    const float t = 1.0f / (1.0f + 0.5f * z);
    float p = ERFC_C9;
    p = p * t + ERFC_C8;
    p = p * t + ERFC_C7;
    p = p * t + ERFC_C6;
    p = p * t + ERFC_C5;
    p = p * t + ERFC_C4;
    p = p * t + ERFC_C3;
    p = p * t + ERFC_C2;
    p = p * t + ERFC_C1;
    p = p * t + ERFC_C0;
    return t * exp_approx(p - z * z);
}

// 0.5·x·(1 + erf(x/√2)) = 0.5·x·erfc(-x/√2).
inline float gelu_erf_approx(float x) {
    const float ax = x < 0.0f ? -x : x;
    const float q  = erfc_approx(ax * SQRT1_2);       // erfc(|x|/√2)
    const float hq = 0.5f * x * q;
    return x < 0.0f ? hq : x - hq;                     // erfc(-z) = 2 - erfc(z)
}

// 0.5·x·(1 + tanh(u)) = x / (1 + e^(-2u)), u = √(2/π)·(x + 0.044715·x³).
inline float gelu_tanh_approx(float x) {
    const float u = SQRT_2_OVER_PI * (x + GELU_TANH_C * x * x * x);
    return x / (1.0f + exp_approx(-2.0f * u));
}

} // namespace mab::math
