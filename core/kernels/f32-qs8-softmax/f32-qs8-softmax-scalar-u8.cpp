// exp and sum in place (f32-softmax-scalar.h), then the int8 pass.
#include "kernels/f32-qs8-softmax/f32-qs8-softmax.h"
#include "kernels/f32-softmax/f32-softmax-scalar.h"

extern "C" float mab_f32_qs8_softmax_ukernel__scalar_u8(size_t n, size_t np, float * x, float scale,
                                                        const float * mask, int8_t * y) {
    const float sum = mab_f32_softmax_exp_scalar_u8(n, x, scale, mask, x);
    size_t j = 0;
    for (; j < n; j++) y[j] = mab_qs8_softmax_quantize(x[j]);
    for (; j < np; j++) y[j] = 0;
    return sum;
}
