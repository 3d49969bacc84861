// Int8 GEMM micro-kernels with dynamically quantized activations and f32 output:
//   C[i][j] = epilogue((float) Σ_p A[i][p]·W[p][j] · a_scale[i] · w_scale[j] + bias[j])
// with an exact int32 sum and the float steps left to right, as ref::linear_q8. A is int8
// (f32-qs8-quantize output), rows a_stride bytes apart; kc is a multiple of 8 (rows and weights
// are zero-padded to mab_qs8_gemm_kc(k)). W is packed by mab_qs8_packw_gemm_goi_ukernel__scalar
// into panels of NR columns:
//   NR f32 biases, NR f32 weight scales, then kc/KR groups of NR·KR weights (int8 values, stored
//   as int16) in which column j holds its KR consecutive k values together. KR = 2 (c2): one i16x8
//   lane pair per column, broadcast activation pairs; KR = 8 (c8): one whole i16x8 vector per
//   column against 8 activations of a row, the 4 lane sums added up after the k loop.
// `mr` is 1..MR (rows past mr reuse the last row's pointers and scale, as in f32-gemm.h), nc is any
// positive count, `cn_stride` counts floats between two panels in C (NR when C is contiguous).
#pragma once

#include "kernels/f32-gemm/f32-gemm.h"

#include <cstddef>
#include <cstdint>

typedef void (*mab_qs8_gemm_ukernel_fn)(size_t mr, size_t nc, size_t kc, const int8_t * a, size_t a_stride,
                                        const float * a_scale, const void * w, float * c, size_t cm_stride,
                                        size_t cn_stride, const mab_f32_minmax_params * params);

// Row length (and packed k) for k inputs: the kernels consume 8 k values per step.
inline size_t mab_qs8_gemm_kc(size_t k) { return (k + 7) / 8 * 8; }

#define MAB_UKERNEL(isa, ukernel, mr, nr, kr, epilogue, pack)                                                   \
    extern "C" void ukernel(size_t mr_, size_t nc, size_t kc, const int8_t * a, size_t a_stride,                \
                            const float * a_scale, const void * w, float * c, size_t cm_stride, size_t cn_stride, \
                            const mab_f32_minmax_params * params);
#include "kernels/qs8-gemm/qs8-gemm.inc"
#undef MAB_UKERNEL
