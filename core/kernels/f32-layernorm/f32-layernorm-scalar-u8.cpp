// Eight independent partial sums (the same grouping as the SIMD128 kernel's two vectors), written
// so that GCC and clang vectorise it without -ffast-math.
#include "kernels/f32-layernorm/f32-layernorm.h"

#include <cmath>

extern "C" void mab_f32_layernorm_ukernel__scalar_u8(size_t n, const float * x, const float * r, const float * gamma,
                                                     const float * beta, float eps, float * y) {
    float sum[8] = {0};
    size_t j = 0;
    for (; j + 8 <= n; j += 8) {
        for (size_t l = 0; l < 8; l++) {
            const float v = r ? x[j + l] + r[j + l] : x[j + l];
            y[j + l] = v;
            sum[l] += v;
        }
    }
    for (; j < n; j++) {
        const float v = r ? x[j] + r[j] : x[j];
        y[j] = v;
        sum[j % 8] += v;
    }
    const float mean = (((sum[0] + sum[4]) + (sum[1] + sum[5])) + ((sum[2] + sum[6]) + (sum[3] + sum[7]))) / (float) n;

    float sq[8] = {0};
    for (j = 0; j + 8 <= n; j += 8) {
        for (size_t l = 0; l < 8; l++) {
            const float d = y[j + l] - mean;
            sq[l] += d * d;
        }
    }
    for (; j < n; j++) {
        const float d = y[j] - mean;
        sq[j % 8] += d * d;
    }
    const float var = (((sq[0] + sq[4]) + (sq[1] + sq[5])) + ((sq[2] + sq[6]) + (sq[3] + sq[7]))) / (float) n;
    const float inv = 1.0f / std::sqrt(var + eps);

    for (j = 0; j < n; j++) y[j] = (y[j] - mean) * inv * gamma[j] + beta[j];
}
