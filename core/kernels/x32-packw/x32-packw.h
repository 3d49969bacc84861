// Weight packing for the f32 GEMM micro-kernels (layout in kernels/f32-gemm/f32-gemm.h): ceil(n/nr)
// panels of nr columns, each holding nr bias values (zero when b is null) and then k rows of nr
// weights. Columns past n are zero.
#pragma once

#include <cstddef>

// Every packer has this signature and writes the same layout (x32-packw.inc lists them):
//   goi (output channel outer): column c of the GEMM is w[c·w_stride .. c·w_stride + k-1]
//       (PyTorch's Linear weight [out, in], or the keys of one attention head);
//   gio (input channel outer): column c of the GEMM is w[c], w[w_stride + c], ... (the values
//       of one attention head).
typedef void (*mab_x32_packw_gemm_ukernel_fn)(size_t nr, size_t n, size_t k, const float * w, size_t w_stride,
                                              const float * b, float * packed);

#define MAB_UKERNEL(isa, layout, ukernel)                                                                 \
    extern "C" void ukernel(size_t nr, size_t n, size_t k, const float * w, size_t w_stride, const float * b, \
                            float * packed);
#include "kernels/x32-packw/x32-packw.inc"
#undef MAB_UKERNEL

// Floats written by either pack routine (the caller checks for overflow).
inline size_t mab_x32_packw_gemm_size(size_t nr, size_t n, size_t k) { return (n + nr - 1) / nr * nr * (k + 1); }
