// Template of the portable activation quantization kernels (f32-qs8-quantize-scalar-u8.cpp,
// QMAX 127, ZERO 0; f32-qu7-quantize-scalar-u8.cpp, QMAX 63, ZERO 64): q[p] = quantized x[p] + ZERO.
// Eight partial maxima and branch-free rounding (the 1.5·2^23 trick, exact for |v| <= 2^22), so
// that GCC and clang vectorise both passes without -ffast-math.
#pragma once

#include "kernels/math/math-scalar.h"

#include <cmath>
#include <cstddef>
#include <cstdint>

template <int QMAX>
static inline int32_t mab_quantize_one_scalar(float x, float inv) {
    constexpr float lim = (float) QMAX;
    float v = x * inv;
    v = v != v ? 0.0f : v;
    v = v > lim ? lim : (v < -lim ? -lim : v);
    v = (v + mab::math::ROUND_MAGIC) - mab::math::ROUND_MAGIC;
    return (int32_t) v;
}

template <int QMAX, int ZERO>
static inline float mab_f32_quantize_scalar_u8(size_t k, size_t kp, const float * x, int8_t * q) {
    float mx[8] = {0};
    size_t p = 0;
    for (; p + 8 <= k; p += 8) {
        for (size_t l = 0; l < 8; l++) {
            const float a = std::fabs(x[p + l]);
            mx[l] = a > mx[l] ? a : mx[l];
        }
    }
    for (; p < k; p++) {
        const float a = std::fabs(x[p]);
        mx[0] = a > mx[0] ? a : mx[0];
    }
    float amax = mx[0];
    for (size_t l = 1; l < 8; l++) amax = mx[l] > amax ? mx[l] : amax;

    // An all-zero row: inv 0 quantizes it to zeros, with scale 1.
    const float inv = amax == 0.0f ? 0.0f : (float) QMAX / amax;
    for (p = 0; p + 8 <= k; p += 8) {
        for (size_t l = 0; l < 8; l++) q[p + l] = (int8_t) (mab_quantize_one_scalar<QMAX>(x[p + l], inv) + ZERO);
    }
    for (; p < k; p++) q[p] = (int8_t) (mab_quantize_one_scalar<QMAX>(x[p], inv) + ZERO);
    for (; p < kp; p++) q[p] = (int8_t) ZERO;
    return amax == 0.0f ? 1.0f : amax / (float) QMAX;
}
