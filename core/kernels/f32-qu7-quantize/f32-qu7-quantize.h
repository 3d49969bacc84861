// Dynamic 7-bit quantization of one activation row, the input side of the qs8-qu7-gemm
// micro-kernels: ref::quantize_row_q8 with qmax = 63, stored shifted by +64:
//   a = max|x[p]| (NaNs ignored), q[p] = nearest-even(x[p]·(63/a)) clamped to [-63, 63] (NaN → 0)
//   stored as q[p] + 64 in [1, 127]; returns the scale a/63 (1 for an all-zero row);
//   q[k..kp-1] = 64 (zero, the GEMM's padding).
// The shift makes every byte a valid second operand of relaxed SIMD's i8x16·i7x16 dot products,
// whose result is only defined when that operand's top bit is clear; the packed weights carry the
// -64·Σw that takes the shift back out (kernels/qs8-qu7-gemm/qs8-qu7-gemm.h). Same signature as
// f32-qs8-quantize, so one driver runs both.
#pragma once

#include "kernels/f32-qs8-quantize/f32-qs8-quantize.h"

#define MAB_UKERNEL(isa, ukernel) extern "C" float ukernel(size_t k, size_t kp, const float * x, int8_t * q);
#include "kernels/f32-qu7-quantize/f32-qu7-quantize.inc"
#undef MAB_UKERNEL
