// Template of the portable f32 GEMM micro-kernels (the -scalar rows of f32-gemm.inc). Same contract
// and packed layout as the SIMD kernels (see f32-gemm.h), so the packing and the tiling logic of
// ukernel-backend.cpp are exercised on every target.
#pragma once

#include "kernels/f32-gemm/f32-gemm.h"
#include "kernels/math/math-scalar.h"

template <size_t MR, size_t NR, mab_gemm_epilogue EPILOGUE>
static inline void mab_f32_gemm_scalar(size_t mr, size_t nc, size_t kc, const float * a, size_t a_stride,
                                       const float * w, float * c, size_t cm_stride, size_t cn_stride,
                                       const mab_f32_minmax_params * params) {
    const float * ap[MR];
    float *       cp[MR];
    mab_gemm_tile_rows(mr, a, a_stride, ap);
    mab_gemm_tile_rows(mr, c, cm_stride, cp);
    const float vmin = params->min, vmax = params->max;
    do {
        float acc[MR][NR];
        for (size_t i = 0; i < MR; i++) {
            for (size_t j = 0; j < NR; j++) acc[i][j] = w[j];
        }
        w += NR;
        for (size_t p = 0; p < kc; p++) {
            for (size_t i = 0; i < MR; i++) {
                const float av = ap[i][p];
                for (size_t j = 0; j < NR; j++) acc[i][j] += av * w[j];
            }
            w += NR;
        }
        for (size_t i = 0; i < MR; i++) {
            for (size_t j = 0; j < NR; j++) {
                float v = acc[i][j];
                if (EPILOGUE == MAB_GEMM_EPILOGUE_MINMAX) {
                    v = v < vmin ? vmin : v;
                    v = v > vmax ? vmax : v;
                } else if (EPILOGUE == MAB_GEMM_EPILOGUE_GELU) {
                    v = mab::math::gelu_erf_approx(v);
                } else {
                    v = mab::math::gelu_tanh_approx(v);
                }
                acc[i][j] = v;
            }
        }
        const size_t ncols = nc < NR ? nc : NR;
        // Highest row first: rows past mr alias row mr-1 and hold the same values.
        for (size_t i = MR; i-- > 0;) {
            for (size_t j = 0; j < ncols; j++) cp[i][j] = acc[i][j];
            cp[i] += cn_stride;
        }
        nc -= ncols;
    } while (nc != 0);
}
