#include "kernels/f32-qs8-quantize/f32-qs8-quantize-scalar.h"
#include "kernels/f32-qs8-quantize/f32-qs8-quantize.h"

extern "C" float mab_f32_qs8_quantize_ukernel__scalar_u8(size_t k, size_t kp, const float * x, int8_t * q) {
    return mab_f32_quantize_scalar_u8<127, 0>(k, kp, x, q);
}
