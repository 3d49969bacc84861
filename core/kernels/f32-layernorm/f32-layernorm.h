// Row LayerNorm micro-kernels: y = (v - mean(v)) / sqrt(var(v) + eps) · gamma + beta, v = x + r
// (r may be null), biased variance, over one row of n floats. y may alias x (and r).
#pragma once

#include <cstddef>

typedef void (*mab_f32_layernorm_ukernel_fn)(size_t n, const float * x, const float * r, const float * gamma,
                                             const float * beta, float eps, float * y);

#define MAB_UKERNEL(isa, ukernel)                                                                         \
    extern "C" void ukernel(size_t n, const float * x, const float * r, const float * gamma, const float * beta, \
                            float eps, float * y);
#include "kernels/f32-layernorm/f32-layernorm.inc"
#undef MAB_UKERNEL
