// Int8-weight GEMM micro-kernels on 7-bit activations, built for relaxed SIMD's int8 dot product
// i16x8.relaxed_dot_i8x16_i7x16_s (the wasmrelaxedsimd backend), with f32 output:
//   C[i][j] = epilogue((float) Σ_p q[i][p]·W[p][j] · a_scale[i] · w_scale[j] + bias[j])
// i.e. ref::linear_q8 with qmax = 63, bit for bit: exact int32 sums, the float steps left to right.
//
// Why 7 bits: the instruction multiplies 16 int8 values (here the weights) by 16 values whose top
// bit must be clear (engines may read them as signed or as unsigned; x86 uses PMADDUBSW, which
// reads them unsigned), summing pairs into int16 lanes (the kernels then sum groups of 4 into
// int32 lanes, as i32x4.relaxed_dot_i8x16_i7x16_add_s would). So the activations
// are quantized to q in [-63, 63] (f32-qu7-quantize, scale max|x_row|/63) and stored as q + 64 in
// [1, 127]; then Σ_p (q[p] + 64)·w[p] = Σ_p q[p]·w[p] + 64·Σ_p w[p], and each packed column
// starts its sum at -64·Σ_p w[p]. Nothing saturates: PMADDUBSW's pair sums are at most
// 2·127·128 < 2^15, and the int32 sum stays within k·127·128 (kernels.h's LINEAR_Q8_MAX_K).
//
// A holds rows of kc bytes (q + 64), a_stride bytes apart, kc a multiple of 8, the padding past k
// being 64 (q = 0; the padded weights are zero too). W is packed by
// mab_qs8_packw_gemm_goi_qu7_ukernel__scalar into panels of NR columns:
//   NR f32 biases, NR f32 weight scales, NR int32 initial sums (-64·Σ_p w[j][p]), then kc/KR
//   groups of NR·KR int8 weights in which column j holds its KR consecutive k values together.
// KR = 4 (c4): one 32-bit lane per column, so a 4-column vector against one row's 4 activations
// broadcast to every lane (v128.load32_splat) is one dot-add into that row's accumulator of those
// columns, with no lane sums afterwards.
// Same function type and calling contract as the qs8-gemm kernels (kernels/qs8-gemm/qs8-gemm.h).
//
// Pair-summed panels (variant "dot2", packed by mab_qs8_packw_gemm_goi_qu7_pair_ukernel__scalar):
// the dot2 kernels add the int16 pair sums of two k groups before widening them, which saves one
// instruction in six, and is exact only while each int16 lane (4 weights, against activations up
// to 127) stays within int16: the weights of one sign in a lane may sum to at most
// MAB_QU7_PAIR_MAX_SUM in magnitude. At pack time the weights that break this (0.03–0.2% of a
// model's lanes; every lane of random weights near ±127) are moved out of the panel into a list of
// fixes, and the kernels add fix.w·a[fix.k] to column fix.c after the k loop. A pair-summed panel is
// a qu7 panel followed by a trailer: int32 offset of the panel's fixes from the panel's first byte
// (they are stored after the last panel), int32 number of fixes, two int32 zeros.
#pragma once

#include "kernels/qs8-gemm/qs8-gemm.h"

constexpr int32_t MAB_QU7_PAIR_MAX_SUM = 258; // 127·258 = 32766

struct mab_qu7_pair_fix {
    uint32_t k; // row of the weight
    uint16_t c; // column within the panel
    int16_t  w; // the weight, left as 0 in the panel
};
constexpr size_t MAB_QU7_PAIR_TRAILER_BYTES = 4 * sizeof(int32_t);

#define MAB_UKERNEL(isa, ukernel, mr, nr, kr, epilogue, pack)                                                   \
    extern "C" void ukernel(size_t mr_, size_t nc, size_t kc, const int8_t * a, size_t a_stride,                \
                            const float * a_scale, const void * w, float * c, size_t cm_stride, size_t cn_stride, \
                            const mab_f32_minmax_params * params);
#include "kernels/qs8-qu7-gemm/qs8-qu7-gemm.inc"
#undef MAB_UKERNEL
