// Weight packing for the int8 GEMM micro-kernels: ceil(n/nr) panels of nr columns. Columns past n
// and k values past k are zero; kc = mab_qs8_gemm_kc(k) (k rounded up to a multiple of 8).
//
// mab_qs8_packw_gemm_goi_ukernel__scalar, for qs8-gemm (layout in kernels/qs8-gemm/qs8-gemm.h):
//   nr biases (zero when b is null), nr weight scales, then kc/kr groups of nr·kr weights, widened
//   to int16 at pack time so that the SIMD kernels load them straight into i32x4.dot_i16x8_s
//   (twice the bytes of the int8 weights; the model file stays int8).
// mab_qs8_packw_gemm_goi_qu7_ukernel__scalar, for qs8-qu7-gemm (kernels/qs8-qu7-gemm/qs8-qu7-gemm.h):
//   nr biases, nr weight scales, nr int32 initial sums -64·Σ_p w[c][p], then kc/kr groups of nr·kr
//   int8 weights.
// The gio packers read w "gio" ([k][ldw], column c of the GEMM is w[c], w[ldw + c], ...: the
// values of one attention head, as rows of keys) and write the same panels:
//   mab_qs8_packw_gemm_gio_ukernel__scalar, as goi;
//   mab_qs8_packw_gemm_gio_qu7_unshifted_ukernel__scalar, the qu7 panels with initial sums 0, for
//   activations stored as they are, already in [0, 127] (int8 attention's probabilities).
// mab_qs8_packw_gemm_goi_qu7_pair_ukernel__scalar, for the qs8-qu7-gemm dot2 kernels (kr 4): qu7
//   panels with a trailer, and after the last panel each panel's fixes (qs8-qu7-gemm.h). Its size
//   depends on the weights: mab_qs8_packw_gemm_goi_qu7_pair_size.
// In all, column j of a group holds its kr consecutive k values together.
#pragma once

#include "kernels/qs8-qu7-gemm/qs8-qu7-gemm.h"

#include <cstddef>
#include <cstdint>

// w is "goi" (PyTorch's Linear weight [out, in]): column c of the GEMM is w[c·k .. c·k + k-1].
extern "C" void mab_qs8_packw_gemm_goi_ukernel__scalar(size_t nr, size_t kr, size_t n, size_t k, const int8_t * w,
                                                      const float * w_scale, const float * b, void * packed);
extern "C" void mab_qs8_packw_gemm_goi_qu7_ukernel__scalar(size_t nr, size_t kr, size_t n, size_t k, const int8_t * w,
                                                          const float * w_scale, const float * b, void * packed);
extern "C" void mab_qs8_packw_gemm_goi_qu7_pair_ukernel__scalar(size_t nr, size_t kr, size_t n, size_t k,
                                                               const int8_t * w, const float * w_scale,
                                                               const float * b, void * packed);
// (64-bit: with many fixes it may exceed what size_t holds on wasm32.)
extern "C" uint64_t mab_qs8_packw_gemm_goi_qu7_pair_size(size_t nr, size_t kr, size_t n, size_t k, const int8_t * w);
extern "C" void mab_qs8_packw_gemm_gio_ukernel__scalar(size_t nr, size_t kr, size_t n, size_t k, const int8_t * w,
                                                      size_t ldw, const float * w_scale, const float * b, void * packed);
extern "C" void mab_qs8_packw_gemm_gio_qu7_unshifted_ukernel__scalar(size_t nr, size_t kr, size_t n, size_t k,
                                                                    const int8_t * w, size_t ldw,
                                                                    const float * w_scale, const float * b,
                                                                    void * packed);

#if defined(__wasm_simd128__)
// The same panels from SIMD128 code, for nr = 4, kr = 8 (x4c8) and nr = 8, kr = 4 (x8c4); other
// shapes go to the scalar packer. Bit for bit the scalar packers' bytes.
extern "C" void mab_qs8_packw_gemm_goi_ukernel_x4c8__wasmsimd(size_t nr, size_t kr, size_t n, size_t k, const int8_t * w,
                                                             const float * w_scale, const float * b, void * packed);
extern "C" void mab_qs8_packw_gemm_gio_ukernel_x4c8__wasmsimd(size_t nr, size_t kr, size_t n, size_t k, const int8_t * w,
                                                             size_t ldw, const float * w_scale, const float * b,
                                                             void * packed);
extern "C" void mab_qs8_packw_gemm_goi_qu7_ukernel_x8c4__wasmsimd(size_t nr, size_t kr, size_t n, size_t k,
                                                                 const int8_t * w, const float * w_scale,
                                                                 const float * b, void * packed);
extern "C" void mab_qs8_packw_gemm_gio_qu7_unshifted_ukernel_x8c4__wasmsimd(size_t nr, size_t kr, size_t n, size_t k,
                                                                           const int8_t * w, size_t ldw,
                                                                           const float * w_scale, const float * b,
                                                                           void * packed);
#endif // __wasm_simd128__

typedef void (*mab_qs8_packw_gemm_ukernel_fn)(size_t nr, size_t kr, size_t n, size_t k, const int8_t * w,
                                              const float * w_scale, const float * b, void * packed);
typedef void (*mab_qs8_packw_gemm_gio_ukernel_fn)(size_t nr, size_t kr, size_t n, size_t k, const int8_t * w,
                                                  size_t ldw, const float * w_scale, const float * b, void * packed);

// Bytes of one panel of nr columns (k at most kernels.h's LINEAR_Q8_MAX_K, so nothing overflows).
inline size_t mab_qs8_packw_gemm_panel_bytes(size_t nr, size_t k) {
    return nr * (2 * sizeof(float) + (k + 7) / 8 * 8 * sizeof(int16_t));
}
inline size_t mab_qs8_packw_gemm_qu7_panel_bytes(size_t nr, size_t k) {
    return nr * (2 * sizeof(float) + sizeof(int32_t) + (k + 7) / 8 * 8);
}
inline size_t mab_qs8_packw_gemm_qu7_pair_panel_bytes(size_t nr, size_t k) {
    return mab_qs8_packw_gemm_qu7_panel_bytes(nr, k) + MAB_QU7_PAIR_TRAILER_BYTES;
}

// Bytes written by the pack routine (the caller checks for overflow).
inline size_t mab_qs8_packw_gemm_size(size_t nr, size_t n, size_t k) {
    return (n + nr - 1) / nr * mab_qs8_packw_gemm_panel_bytes(nr, k);
}
inline size_t mab_qs8_packw_gemm_qu7_size(size_t nr, size_t n, size_t k) {
    return (n + nr - 1) / nr * mab_qs8_packw_gemm_qu7_panel_bytes(nr, k);
}

// Bytes `pack` writes for n columns of goi weights w, panel_bytes being the size of its panels (for
// code that takes any packer, as the kernel tests): pair-summed panels add their fixes.
inline uint64_t mab_qs8_packw_gemm_goi_size(mab_qs8_packw_gemm_ukernel_fn pack, size_t (*panel_bytes)(size_t, size_t),
                                            size_t nr, size_t kr, size_t n, size_t k, const int8_t * w) {
    if (pack == mab_qs8_packw_gemm_goi_qu7_pair_ukernel__scalar) return mab_qs8_packw_gemm_goi_qu7_pair_size(nr, kr, n, k, w);
    return (uint64_t) ((n + nr - 1) / nr) * panel_bytes(nr, k);
}

// Weight p of column c (c < nr) of one packed panel of k rows, read back (for code without the kernels).
inline int32_t mab_qs8_packw_gemm_weight(const void * panel, size_t nr, size_t kr, size_t, size_t c, size_t p) {
    const auto * q = (const int16_t *) ((const float *) panel + 2 * nr);
    return q[p / kr * nr * kr + c * kr + p % kr];
}
inline int32_t mab_qs8_packw_gemm_qu7_weight(const void * panel, size_t nr, size_t kr, size_t, size_t c, size_t p) {
    const auto * q = (const int8_t *) ((const int32_t *) ((const float *) panel + 2 * nr) + nr);
    return q[p / kr * nr * kr + c * kr + p % kr];
}
inline int32_t mab_qs8_packw_gemm_qu7_pair_weight(const void * panel, size_t nr, size_t kr, size_t k, size_t c,
                                                  size_t p) {
    const auto * bytes   = (const uint8_t *) panel;
    const auto * trailer = (const int32_t *) (bytes + mab_qs8_packw_gemm_qu7_panel_bytes(nr, k));
    const auto * fix     = (const mab_qu7_pair_fix *) (bytes + trailer[0]);
    for (int32_t i = 0; i < trailer[1]; i++) {
        if (fix[i].k == p && fix[i].c == c) return fix[i].w;
    }
    return mab_qs8_packw_gemm_qu7_weight(panel, nr, kr, k, c, p);
}
