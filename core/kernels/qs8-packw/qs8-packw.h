// Weight packing for the int8 GEMM micro-kernels (layout in kernels/qs8-gemm/qs8-gemm.h): ceil(n/nr)
// panels of nr columns, each holding nr biases (zero when b is null), nr weight scales, then
// mab_qs8_gemm_kc(k)/kr groups of nr·kr weights, widened to int16 at pack time so that the SIMD
// kernels load them straight into i32x4.dot_i16x8_s (twice the bytes of the int8 weights; the model
// file stays int8). Columns past n and k values past k are zero.
#pragma once

#include <cstddef>
#include <cstdint>

// w is "goi" (PyTorch's Linear weight [out, in]): column c of the GEMM is w[c·k .. c·k + k-1].
extern "C" void mab_qs8_packw_gemm_goi_ukernel__scalar(size_t nr, size_t kr, size_t n, size_t k, const int8_t * w,
                                                      const float * w_scale, const float * b, void * packed);

// Bytes of one panel of nr columns (the caller checks nr·(2·kc + 8) for overflow).
inline size_t mab_qs8_packw_gemm_panel_bytes(size_t nr, size_t k) {
    return nr * (2 * sizeof(float) + (k + 7) / 8 * 8 * sizeof(int16_t));
}

// Bytes written by the pack routine (the caller checks for overflow).
inline size_t mab_qs8_packw_gemm_size(size_t nr, size_t n, size_t k) {
    return (n + nr - 1) / nr * mab_qs8_packw_gemm_panel_bytes(nr, k);
}
