// Template of the portable qs8-qu7 GEMM micro-kernels (the -scalar rows of qs8-qu7-gemm.inc): the
// relaxed-SIMD kernels' contract and packed layout (qs8-qu7-gemm.h) in plain loops, so that the
// packing, the 7-bit quantization and the driver of ukernel-backend.cpp (backend scalar-qu7) run on
// every target.
#pragma once

#include "kernels/qs8-gemm/qs8-gemm-scalar.h"
#include "kernels/qs8-qu7-gemm/qs8-qu7-gemm.h"

// The qs8 scalar loops on the qu7 panel: int8 weights after NR int32 initial sums; PAIR (variant
// "pair"): on pair-summed panels, the dot2 kernels' format, so that it runs natively too.
template <size_t MR, size_t NR, size_t KR, mab_gemm_epilogue EPILOGUE, bool PAIR = false>
static inline void mab_qs8_qu7_gemm_scalar(size_t mr, size_t nc, size_t kc, const int8_t * a, size_t a_stride,
                                           const float * a_scale, const void * w, float * c, size_t cm_stride,
                                           size_t cn_stride, const mab_f32_minmax_params * params) {
    mab_qs8_gemm_scalar<MR, NR, KR, EPILOGUE, int8_t, true, PAIR>(mr, nc, kc, a, a_stride, a_scale, w, c, cm_stride,
                                                                    cn_stride, params);
}
