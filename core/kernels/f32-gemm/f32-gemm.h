// f32 GEMM micro-kernels: C[mr][nc] = epilogue(A[mr][kc] · W + bias), W packed by
// mab_x32_packw_gemm_goi_ukernel__scalar into panels of NR columns:
//   for each panel: NR bias values, then kc rows of NR weights (k-major).
// Sizes and strides count floats. `mr` is 1..MR (rows past mr reuse the last row's pointers, as in
// XNNPACK, so a partial tile costs one full tile and never reads or writes past row mr-1); nc is any
// positive count (the last panel may be partial, stores stop at nc); kc is any positive count.
// `cn_stride` is the distance in C between two panels (NR when C is contiguous).
#pragma once

#include <cstddef>

struct mab_f32_minmax_params {
    float min; // clamp applied by the minmax epilogue (-inf/+inf for identity, 0/+inf for ReLU)
    float max;
};

// What the micro-kernel applies to each accumulator before storing it.
enum mab_gemm_epilogue {
    MAB_GEMM_EPILOGUE_MINMAX,    // clamp to [params->min, params->max]
    MAB_GEMM_EPILOGUE_GELU,      // 0.5·x·(1+erf(x/√2))
    MAB_GEMM_EPILOGUE_GELUTANH,  // 0.5·x·(1+tanh(√(2/π)·(x+0.044715·x³)))
};

// The row pointers of a tile (A's rows, C's rows, per-row scales): base + i·stride for the rows
// i < mr, the last of those for the rows past mr (the contract above). Shared by every GEMM
// micro-kernel template, f32 and int8.
template <size_t MR, typename T>
static inline void mab_gemm_tile_rows(size_t mr, T * base, size_t stride, T * (&rows)[MR]) {
    rows[0] = base;
    for (size_t i = 1; i < MR; i++) rows[i] = i < mr ? rows[i - 1] + stride : rows[i - 1];
}

typedef void (*mab_f32_gemm_ukernel_fn)(size_t mr, size_t nc, size_t kc, const float * a, size_t a_stride,
                                        const float * w, float * c, size_t cm_stride, size_t cn_stride,
                                        const mab_f32_minmax_params * params);

#define MAB_UKERNEL(isa, ukernel, mr, nr, epilogue, pack)                                                      \
    extern "C" void ukernel(size_t mr_, size_t nc, size_t kc, const float * a, size_t a_stride, const float * w, \
                            float * c, size_t cm_stride, size_t cn_stride, const mab_f32_minmax_params * params);
#include "kernels/f32-gemm/f32-gemm.inc"
#undef MAB_UKERNEL
