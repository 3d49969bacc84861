// Scalar reference operators: plain loops, not designed to be fast. Every other backend is tested
// against these, and the `reference` backend is built from them.
#pragma once

#include "kernels/kernels.h"

#include <cmath>
#include <cstddef>

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
void layer_norm(size_t m, size_t n, const float * x, const float * r, const float * gamma, const float * beta,
                float eps, float * y);
// In-place softmax of one row, max-subtracted (the finfo.min mask then gives 0 or, for a fully
// masked row, a uniform distribution, exactly as upstream).
void softmax_row(size_t n, float * x);
void attention(const attention_args & args);

} // namespace mab::ref
