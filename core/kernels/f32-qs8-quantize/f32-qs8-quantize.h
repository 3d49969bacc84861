// Dynamic int8 quantization of one activation row, the input side of the qs8-gemm micro-kernels:
//   a = max|x[p]| (NaNs ignored), q[p] = nearest-even(x[p]·(qmax/a)) clamped to [-qmax, qmax] (NaN → 0),
//   returns the scale a/qmax (1 for an all-zero row); q[k..kp-1] = 0 (the GEMM's zero padding).
// Bit for bit ref::quantize_row_q8. qmax is 127 for these kernels.
#pragma once

#include <cstddef>
#include <cstdint>

typedef float (*mab_f32_qs8_quantize_ukernel_fn)(size_t k, size_t kp, const float * x, int8_t * q);

#define MAB_UKERNEL(isa, ukernel) extern "C" float ukernel(size_t k, size_t kp, const float * x, int8_t * q);
#include "kernels/f32-qs8-quantize/f32-qs8-quantize.inc"
#undef MAB_UKERNEL
