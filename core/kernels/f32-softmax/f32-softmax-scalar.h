// The first two passes of the scalar softmax kernels (f32-softmax, f32-qs8-softmax): v = x·scale +
// mask and its maximum m, then y = exp(v − m) (math::exp_approx) and their sum, returned. Eight
// independent partial maxima and sums, so that compilers vectorise it without -ffast-math. y may
// alias x.
#pragma once

#include "kernels/math/math-scalar.h"

#include <cstddef>

static inline float mab_f32_softmax_exp_scalar_u8(size_t n, const float * x, float scale, const float * mask, float * y) {
    float mx[8];
    for (size_t l = 0; l < 8; l++) mx[l] = -__FLT_MAX__;
    size_t j = 0;
    for (; j + 8 <= n; j += 8) {
        for (size_t l = 0; l < 8; l++) {
            const float v = x[j + l] * scale + mask[j + l];
            y[j + l] = v;
            mx[l] = v > mx[l] ? v : mx[l];
        }
    }
    for (; j < n; j++) {
        const float v = x[j] * scale + mask[j];
        y[j] = v;
        mx[j % 8] = v > mx[j % 8] ? v : mx[j % 8];
    }
    float m = mx[0];
    for (size_t l = 1; l < 8; l++) m = mx[l] > m ? mx[l] : m;

    float sum[8] = {0};
    for (j = 0; j + 8 <= n; j += 8) {
        for (size_t l = 0; l < 8; l++) {
            const float e = mab::math::exp_approx(y[j + l] - m);
            y[j + l] = e;
            sum[l] += e;
        }
    }
    for (; j < n; j++) {
        const float e = mab::math::exp_approx(y[j] - m);
        y[j] = e;
        sum[j % 8] += e;
    }
    return ((sum[0] + sum[4]) + (sum[1] + sum[5])) + ((sum[2] + sum[6]) + (sum[3] + sum[7]));
}
