// Int8 conversion with one inverse scale per element's channel (int8 attention's values, each
// column with its own scale): q[c] = ref::quantize_value(x[c], inv[c], 127), i.e.
// nearest-even(x[c]·inv[c]) clamped to [-127, 127], NaN → 0. Bit for bit the reference.
#pragma once

#include <cstddef>
#include <cstdint>

typedef void (*mab_f32_qs8_vcvt_ukernel_fn)(size_t n, const float * x, const float * inv, int8_t * q);

#define MAB_UKERNEL(isa, ukernel) extern "C" void ukernel(size_t n, const float * x, const float * inv, int8_t * q);
#include "kernels/f32-qs8-vcvt/f32-qs8-vcvt.inc"
#undef MAB_UKERNEL
