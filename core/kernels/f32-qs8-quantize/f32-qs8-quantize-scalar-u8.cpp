// Eight partial maxima and branch-free rounding (the 1.5·2^23 trick, exact for |v| <= 2^22), so
// that GCC and clang vectorise both passes without -ffast-math.
#include "kernels/f32-qs8-quantize/f32-qs8-quantize.h"
#include "kernels/math/math-scalar.h"

#include <cmath>

static inline int8_t quantize_one(float x, float inv) {
    float v = x * inv;
    v = v != v ? 0.0f : v;
    v = v > 127.0f ? 127.0f : (v < -127.0f ? -127.0f : v);
    v = (v + mab::math::ROUND_MAGIC) - mab::math::ROUND_MAGIC;
    return (int8_t) (int32_t) v;
}

extern "C" float mab_f32_qs8_quantize_ukernel__scalar_u8(size_t k, size_t kp, const float * x, int8_t * q) {
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
    const float inv = amax == 0.0f ? 0.0f : 127.0f / amax;
    for (p = 0; p + 8 <= k; p += 8) {
        for (size_t l = 0; l < 8; l++) q[p + l] = quantize_one(x[p + l], inv);
    }
    for (; p < k; p++) q[p] = quantize_one(x[p], inv);
    for (; p < kp; p++) q[p] = 0;
    return amax == 0.0f ? 1.0f : amax / 127.0f;
}
