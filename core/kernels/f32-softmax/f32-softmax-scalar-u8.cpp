// exp and sum (f32-softmax-scalar.h), then normalise.
#include "kernels/f32-softmax/f32-softmax-scalar.h"
#include "kernels/f32-softmax/f32-softmax.h"

extern "C" void mab_f32_softmax_ukernel__scalar_u8(size_t n, const float * x, float scale, const float * mask,
                                                   float * y) {
    const float inv = 1.0f / mab_f32_softmax_exp_scalar_u8(n, x, scale, mask, y);
    for (size_t j = 0; j < n; j++) y[j] *= inv;
}
