// Attention softmax micro-kernels over one row of n scores:
//   y[j] = softmax(x[j]·scale + mask[j]), max-subtracted, in the reference's order of operations
// (so a row masked everywhere with finfo.min becomes uniform, as upstream). y may alias x.
#pragma once

#include <cstddef>

typedef void (*mab_f32_softmax_ukernel_fn)(size_t n, const float * x, float scale, const float * mask, float * y);

#define MAB_UKERNEL(isa, ukernel) \
    extern "C" void ukernel(size_t n, const float * x, float scale, const float * mask, float * y);
#include "kernels/f32-softmax/f32-softmax.inc"
#undef MAB_UKERNEL
