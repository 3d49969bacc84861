// f32-softmax-scalar-u8's first two passes (eight independent partial maxima and sums, so that
// compilers vectorise it without -ffast-math; exp is math::exp_approx), then the int8 pass.
#include "kernels/f32-qs8-softmax/f32-qs8-softmax.h"
#include "kernels/math/math-scalar.h"

extern "C" float mab_f32_qs8_softmax_ukernel__scalar_u8(size_t n, size_t np, float * x, float scale,
                                                        const float * mask, int8_t * y) {
    float mx[8];
    for (size_t l = 0; l < 8; l++) mx[l] = -__FLT_MAX__;
    size_t j = 0;
    for (; j + 8 <= n; j += 8) {
        for (size_t l = 0; l < 8; l++) {
            const float v = x[j + l] * scale + mask[j + l];
            x[j + l] = v;
            mx[l] = v > mx[l] ? v : mx[l];
        }
    }
    for (; j < n; j++) {
        const float v = x[j] * scale + mask[j];
        x[j] = v;
        mx[j % 8] = v > mx[j % 8] ? v : mx[j % 8];
    }
    float m = mx[0];
    for (size_t l = 1; l < 8; l++) m = mx[l] > m ? mx[l] : m;

    float sum[8] = {0};
    for (j = 0; j + 8 <= n; j += 8) {
        for (size_t l = 0; l < 8; l++) {
            const float e = mab::math::exp_approx(x[j + l] - m);
            x[j + l] = e;
            sum[l] += e;
        }
    }
    for (; j < n; j++) {
        const float e = mab::math::exp_approx(x[j] - m);
        x[j] = e;
        sum[j % 8] += e;
    }

    for (j = 0; j < n; j++) y[j] = mab_qs8_softmax_quantize(x[j]);
    for (; j < np; j++) y[j] = 0;
    return ((sum[0] + sum[4]) + (sum[1] + sum[5])) + ((sum[2] + sum[6]) + (sum[3] + sum[7]));
}
