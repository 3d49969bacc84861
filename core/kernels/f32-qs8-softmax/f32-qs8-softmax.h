// Attention softmax micro-kernels with int8 output (int8 attention's probabilities, the activations
// of its P·v product). Over one row of n scores x, with v[j] = x[j]·scale + mask[j] and m = max v:
//   x[j] becomes e[j] = exp(v[j] − m) (as f32-softmax computes it before normalising);
//   y[j] = nearest-even(127·e[j]) (NaN → 0), y[n..np-1] = 0 (the GEMM's zero padding);
//   the return value is Σ e[j], summed as f32-softmax sums it.
// So y[j]·(1/127)·(1/Σ e) is softmax(v)[j], quantized against its own row maximum (e = 1 there)
// without normalising first, and x[j]·(1/Σ e) is f32-softmax's output where the probabilities are
// wanted. y is in [0, 127]: valid for either int8 GEMM as it is. ref::attention is the definition
// (with exact exp; the kernels use math::exp_approx).
#pragma once

#include <cstddef>
#include <cstdint>

typedef float (*mab_f32_qs8_softmax_ukernel_fn)(size_t n, size_t np, float * x, float scale, const float * mask,
                                                int8_t * y);

#define MAB_UKERNEL(isa, ukernel) \
    extern "C" float ukernel(size_t n, size_t np, float * x, float scale, const float * mask, int8_t * y);
#include "kernels/f32-qs8-softmax/f32-qs8-softmax.inc"
#undef MAB_UKERNEL
