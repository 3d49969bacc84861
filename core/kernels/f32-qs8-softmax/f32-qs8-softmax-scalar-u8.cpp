// exp and sum in place (f32-softmax-scalar.h), then the int8 pass.
#include "kernels/f32-qs8-softmax/f32-qs8-softmax.h"
#include "kernels/f32-softmax/f32-softmax-scalar.h"

#include <cmath>

namespace {

// nearest-even(127·e) for e in [0, 1]: NaN → 0; the clamp only guards exp's last place.
int8_t quantize_probability(float e) {
    float t = 127.0f * e;
    t = t != t ? 0.0f : (t > 127.0f ? 127.0f : t);
    return (int8_t) std::nearbyint(t);
}

} // namespace

extern "C" float mab_f32_qs8_softmax_ukernel__scalar_u8(size_t n, size_t np, float * x, float scale,
                                                        const float * mask, int8_t * y) {
    const float sum = mab_f32_softmax_exp_scalar_u8(n, x, scale, mask, x);
    size_t j = 0;
    for (; j < n; j++) y[j] = quantize_probability(x[j]);
    for (; j < np; j++) y[j] = 0;
    return sum;
}
