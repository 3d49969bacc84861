// Template of the portable f32 GEMM micro-kernels (the -scalar rows of f32-gemm.inc). Same contract
// and packed layout as the SIMD kernels (see f32-gemm.h), so the packing and the tiling logic of
// ukernel-backend.cpp are exercised on every target.
#pragma once

#include "kernels/f32-gemm/f32-gemm.h"
#include "kernels/math/math-scalar.h"

// The epilogue's activation on one output of a tile (after its sum, and for int8 its scales and bias).
template <mab_gemm_epilogue EPILOGUE>
static inline float mab_gemm_activation_scalar(float v, float vmin, float vmax) {
    if (EPILOGUE == MAB_GEMM_EPILOGUE_MINMAX) {
        v = v < vmin ? vmin : v;
        return v > vmax ? vmax : v;
    } else if (EPILOGUE == MAB_GEMM_EPILOGUE_GELU) {
        return mab::math::gelu_erf_approx(v);
    } else {
        return mab::math::gelu_tanh_approx(v);
    }
}

// Stores a tile's first min(nc, NR) columns and moves every row pointer to the next panel; returns
// the columns left. Highest row first: rows past mr alias row mr-1 and hold the same values.
template <size_t MR, size_t NR>
static inline size_t mab_scalar_store_panel(float * (&cp)[MR], const float (&out)[MR][NR], size_t nc,
                                            size_t cn_stride) {
    const size_t ncols = nc < NR ? nc : NR;
    for (size_t i = MR; i-- > 0;) {
        for (size_t j = 0; j < ncols; j++) cp[i][j] = out[i][j];
        cp[i] += cn_stride;
    }
    return nc - ncols;
}

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
            for (size_t j = 0; j < NR; j++) acc[i][j] = mab_gemm_activation_scalar<EPILOGUE>(acc[i][j], vmin, vmax);
        }
        nc = mab_scalar_store_panel<MR, NR>(cp, acc, nc, cn_stride);
    } while (nc != 0);
}
