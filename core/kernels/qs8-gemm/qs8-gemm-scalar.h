// Template of the portable int8 GEMM micro-kernels (the -scalar rows of qs8-gemm.inc and
// qs8-qu7-gemm.inc). Same contract and packed layout as the SIMD kernels (see qs8-gemm.h and
// qs8-qu7-gemm.h), so the packing, the quantization and the tiling of ukernel-backend.cpp are
// exercised on every target. WEIGHT is the panel's weight type (int16 for the dot16 panels, int8 for
// the qu7 ones); INIT_SUMS says the panel holds NR int32 initial sums after the scales (qu7's
// -64·Σw column term); PAIR_FIXES says the panel is pair-summed, its fixes to be added after the k
// loop (qs8-qu7-gemm.h).
#pragma once

#include "kernels/f32-gemm/f32-gemm-scalar.h"
#include "kernels/qs8-gemm/qs8-gemm.h"
#include "kernels/qs8-qu7-gemm/qs8-qu7-gemm.h"

template <size_t MR, size_t NR, size_t KR, mab_gemm_epilogue EPILOGUE, typename WEIGHT = int16_t,
          bool INIT_SUMS = false, bool PAIR_FIXES = false>
static inline void mab_qs8_gemm_scalar(size_t mr, size_t nc, size_t kc, const int8_t * a, size_t a_stride,
                                       const float * a_scale, const void * w, float * c, size_t cm_stride,
                                       size_t cn_stride, const mab_f32_minmax_params * params) {
    const int8_t * ap[MR];
    float *        cp[MR];
    const float *  sp[MR];
    mab_gemm_tile_rows(mr, a, a_stride, ap);
    mab_gemm_tile_rows(mr, c, cm_stride, cp);
    mab_gemm_tile_rows(mr, a_scale, 1, sp);
    const float vmin = params->min, vmax = params->max;
    do {
        const float *   bias  = (const float *) w;
        const float *   scale = bias + NR;
        const int32_t * init  = INIT_SUMS ? (const int32_t *) (scale + NR) : nullptr;
        const WEIGHT *  wq    = (const WEIGHT *) (INIT_SUMS ? (const void *) (init + NR) : (const void *) (scale + NR));
        int32_t acc[MR][NR];
        for (size_t i = 0; i < MR; i++) {
            for (size_t j = 0; j < NR; j++) acc[i][j] = INIT_SUMS ? init[j] : 0;
        }
        for (size_t p = 0; p < kc; p += KR) {
            for (size_t i = 0; i < MR; i++) {
                for (size_t j = 0; j < NR; j++) {
                    for (size_t r = 0; r < KR; r++) acc[i][j] += (int32_t) ap[i][p + r] * (int32_t) wq[j * KR + r];
                }
            }
            wq += NR * KR;
        }
        if constexpr (PAIR_FIXES) {
            const auto * trailer = (const int32_t *) wq;
            const auto * fix     = (const mab_qu7_pair_fix *) ((const uint8_t *) w + trailer[0]);
            for (int32_t f = 0; f < trailer[1]; f++) {
                for (size_t i = 0; i < MR; i++) acc[i][fix[f].c] += fix[f].w * (int32_t) ap[i][fix[f].k];
            }
            wq = (const WEIGHT *) ((const uint8_t *) wq + MAB_QU7_PAIR_TRAILER_BYTES);
        }
        float out[MR][NR];
        for (size_t i = 0; i < MR; i++) {
            for (size_t j = 0; j < NR; j++) {
                out[i][j] = mab_gemm_activation_scalar<EPILOGUE>((float) acc[i][j] * *sp[i] * scale[j] + bias[j], vmin,
                                                                 vmax);
            }
        }
        nc = mab_scalar_store_panel<MR, NR>(cp, out, nc, cn_stride);
        w  = wq;
    } while (nc != 0);
}
