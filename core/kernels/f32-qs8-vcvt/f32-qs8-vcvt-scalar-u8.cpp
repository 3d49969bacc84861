#include "kernels/f32-qs8-quantize/f32-qs8-quantize-scalar.h"
#include "kernels/f32-qs8-vcvt/f32-qs8-vcvt.h"

extern "C" void mab_f32_qs8_vcvt_ukernel__scalar_u8(size_t n, const float * x, const float * inv, int8_t * q) {
    for (size_t c = 0; c < n; c++) q[c] = (int8_t) mab_quantize_one_scalar<127>(x[c], inv[c]);
}
