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
// In all, column j of a group holds its kr consecutive k values together.
#pragma once

#include <cstddef>
#include <cstdint>

// w is "goi" (PyTorch's Linear weight [out, in]): column c of the GEMM is w[c·k .. c·k + k-1].
extern "C" void mab_qs8_packw_gemm_goi_ukernel__scalar(size_t nr, size_t kr, size_t n, size_t k, const int8_t * w,
                                                      const float * w_scale, const float * b, void * packed);
extern "C" void mab_qs8_packw_gemm_goi_qu7_ukernel__scalar(size_t nr, size_t kr, size_t n, size_t k, const int8_t * w,
                                                          const float * w_scale, const float * b, void * packed);
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

// Bytes written by the pack routine (the caller checks for overflow).
inline size_t mab_qs8_packw_gemm_size(size_t nr, size_t n, size_t k) {
    return (n + nr - 1) / nr * mab_qs8_packw_gemm_panel_bytes(nr, k);
}
inline size_t mab_qs8_packw_gemm_qu7_size(size_t nr, size_t n, size_t k) {
    return (n + nr - 1) / nr * mab_qs8_packw_gemm_qu7_panel_bytes(nr, k);
}

// Weight p of column c (c < nr) of one packed panel, read back (for code without the kernels).
inline int32_t mab_qs8_packw_gemm_weight(const void * panel, size_t nr, size_t kr, size_t c, size_t p) {
    const auto * q = (const int16_t *) ((const float *) panel + 2 * nr);
    return q[p / kr * nr * kr + c * kr + p % kr];
}
inline int32_t mab_qs8_packw_gemm_qu7_weight(const void * panel, size_t nr, size_t kr, size_t c, size_t p) {
    const auto * q = (const int8_t *) ((const int32_t *) ((const float *) panel + 2 * nr) + nr);
    return q[p / kr * nr * kr + c * kr + p % kr];
}
