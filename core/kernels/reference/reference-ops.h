// Scalar reference operators: plain loops, not designed to be fast. Every other backend is tested
// against these, and the `reference` backend is built from them.
#pragma once

#include "kernels/kernels.h"

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace mab::ref {

inline float gelu_erf(float x) { return 0.5f * x * (1.0f + std::erf(x * 0.70710678118654752f)); }
inline float gelu_tanh(float x) {
    return 0.5f * x * (1.0f + std::tanh(0.79788456080286536f * (x + 0.044715f * x * x * x)));
}
inline float relu(float x) { return x > 0.0f ? x : 0.0f; }

float apply_activation(activation act, float x);
void  activation_inplace(activation act, size_t n, float * x);

// y[m][n] = act(x[m][k]·w[n][k]ᵀ + b[n])
void linear(size_t m, size_t n, size_t k, const float * x, const float * w, const float * b, activation act,
            float * y);
// Int8 linear layers (kernel_backend::linear_create_q8). Every int8 kernel reproduces these bit for
// bit: the integer accumulation is exact and the float steps below are done in the same order.
//
// Dynamic symmetric quantization of one row to [-qmax, qmax]: with a = max|x[p]| (NaNs ignored),
// q[p] = nearest-even(x[p]·(qmax/a)) (NaN → 0, saturated), scale = a/qmax; an all-zero row gets
// scale 1. Writes q[0..k-1] and returns the scale, so that x[p] ≈ q[p]·scale within scale/2.
float quantize_row_q8(size_t k, const float * x, int32_t qmax, int8_t * q);
// Its steps: max|x[p]| (NaNs ignored); the row's inverse qmax/max|x| and scale max|x|/qmax (0 and 1
// for a zero row); one value given the inverse.
float  row_absmax(size_t k, const float * x);
struct row_quantization {
    float inv, scale;
    row_quantization(float amax, int32_t qmax);
};
int8_t quantize_value(float x, float inv, int32_t qmax);
// y[i][j] = act((float) Σ_p xq[i][p]·w[j][p] · x_scale[i] · w_scale[j] + b[j]), left to right, with
// the int32 sum exact; xq, x_scale from quantize_row_q8(qmax) of each row of x; b may be null.
// qmax is the backend's kernel_backend::linear_q8_qmax: 127 (int8 activations) or 63 (the 7-bit
// activations of the relaxed-SIMD kernels, see kernels/qs8-qu7-gemm/qs8-qu7-gemm.h).
void linear_q8(size_t m, size_t n, size_t k, const float * x, const int8_t * w, const float * w_scale,
               const float * b, activation act, int32_t qmax, float * y);
void layer_norm(size_t m, size_t n, const float * x, const float * r, const float * gamma, const float * beta,
                float eps, float * y);
// In-place softmax of one row, max-subtracted (the finfo.min mask then gives 0 or, for a fully
// masked row, a uniform distribution, exactly as upstream).
void softmax_row(size_t n, float * x);
void attention(const attention_args & args);

} // namespace mab::ref
