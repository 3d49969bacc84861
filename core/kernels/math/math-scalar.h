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

// GELU's Φ(x) = 0.5 + 0.5·erf(x/√2) ≈ 0.5 + a·P(a²)/Q(a²), a = x clamped to ±GELU_CLAMP: a rational
// minimax fit (fit-gelu-erf.py, which prints these lines), error <= 7.2e-9 in exact arithmetic.
// In float32: relative error <= 2.2e-7 for x > 0, absolute <= 1.7e-7·max(1, |x|) for x <= 0 (like
// PyTorch's 0.5·x·(1 + erf(x/√2)), which also loses relative accuracy in the far negative tail).
// It costs a third of the instructions of erfc through exp.
constexpr float GELU_CLAMP = 5.5f; // erf(5.5/√2) = 1 - 3.8e-8: past it, Φ is 0 or 1 in float32
constexpr float GELU_P0 = 3.989422321e-01f;
constexpr float GELU_P1 = 3.385313973e-02f;
constexpr float GELU_P2 = 4.677292425e-03f;
constexpr float GELU_P3 = 1.688308257e-04f;
constexpr float GELU_P4 = 6.352164291e-06f;
constexpr float GELU_P5 = 2.274909328e-08f;
constexpr float GELU_Q1 = 2.515231669e-01f;
constexpr float GELU_Q2 = 2.864615805e-02f;
constexpr float GELU_Q3 = 1.884474186e-03f;
constexpr float GELU_Q4 = 7.364920748e-05f;
constexpr float GELU_Q5 = 1.197499387e-06f;
constexpr float SQRT_2_OVER_PI = 0.79788456080286536f;
constexpr float GELU_TANH_C   = 0.044715f;

// c0·x^n + c1·x^(n-1) + ... + cn by Horner's rule, highest coefficient first: ((c0·x + c1)·x + c2)...
inline float horner(float, float c) { return c; }
template <class... Rest>
inline float horner(float x, float c0, float c1, Rest... rest) {
    return horner(x, c0 * x + c1, rest...);
}

// e^x with relative error ~1e-7 for x in [-87, 88]; 0 below -87, e^88 above 88.
inline float exp_approx(float x) {
    const float xc = x < EXP_LO ? EXP_LO : (x > EXP_HI ? EXP_HI : x);
    const float n  = (xc * LOG2E + ROUND_MAGIC) - ROUND_MAGIC;
    float r = xc - n * LN2_HI;
    r = r - n * LN2_LO;
    const float p = horner(r, EXP_P5, EXP_P4, EXP_P3, EXP_P2, EXP_P1, EXP_P0);
    const float e = p * (r * r) + r + 1.0f;
    // 2^n built in the exponent field; n is in [-126, 127] after the clamp.
    const float s = f32_from_bits((uint32_t) ((int32_t) n + 127) << 23);
    return x < EXP_LO ? 0.0f : e * s;
}

// x·Φ(x) (see GELU_CLAMP).
inline float gelu_erf_approx(float x) {
    const float a = x < -GELU_CLAMP ? -GELU_CLAMP : (x > GELU_CLAMP ? GELU_CLAMP : x);
    const float s = a * a;
    const float p = horner(s, GELU_P5, GELU_P4, GELU_P3, GELU_P2, GELU_P1, GELU_P0);
    const float q = horner(s, GELU_Q5, GELU_Q4, GELU_Q3, GELU_Q2, GELU_Q1, 1.0f);
    // Below -GELU_CLAMP the fit's residual times a large |x| would not be negligible: 0 there.
    return x < -GELU_CLAMP ? 0.0f : x * (a * p / q + 0.5f);
}

// 0.5·x·(1 + tanh(u)) = x / (1 + e^(-2u)), u = √(2/π)·(x + 0.044715·x³).
inline float gelu_tanh_approx(float x) {
    const float u = SQRT_2_OVER_PI * (x + GELU_TANH_C * x * x * x);
    return x / (1.0f + exp_approx(-2.0f * u));
}

} // namespace mab::math
