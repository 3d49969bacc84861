// The kernel interface: every operator the model needs, as one table of functions per backend.
//
// The model (core/model/) calls only these. Backends: `reference` (plain loops, the definition every
// other backend is tested against), `xnnpack` (native, Debian's libxnnpack), `wasmsimd` and
// `wasmrelaxedsimd` (our own micro-kernels, built only under Emscripten). The backend is chosen
// once, at model load, by name.
#pragma once

#include "minialbert.h"

#include <cstddef>
#include <cstdint>

namespace mab {

enum activation : int {
    ACTIVATION_IDENTITY = 0,
    ACTIVATION_GELU_ERF,  // 0.5·x·(1+erf(x/√2)), torch nn.GELU() / ACT2FN["gelu"]
    ACTIVATION_GELU_TANH, // 0.5·x·(1+tanh(√(2/π)·(x+0.044715·x³))), ACT2FN["gelu_new"]
    ACTIVATION_RELU,
};

// Weights of one Linear layer in whatever layout the backend's GEMM wants; packed once at load.
struct linear_weights;

// Arguments of one attention call: one batch row, all heads.
// q, k, v are [L][ld_qkv] and ctx is [L][ld_ctx] row-major, head h at columns h*dh .. h*dh+dh-1
// (q, k and v are usually column blocks of one fused QKV projection output).
struct attention_args {
    size_t        seq_len;   // L (queries and keys)
    size_t        num_heads; // nh
    size_t        head_dim;  // dh
    size_t        ld_qkv;    // row stride of q, k, v (in floats), >= nh*dh
    size_t        ld_ctx;    // row stride of ctx (in floats), >= nh*dh
    const float * q;
    const float * k;
    const float * v;
    const float * mask_add;  // [L] additive key mask: 0 or finfo(float32).min, as upstream
    float         scale;     // 1/sqrt(dh)
    float *       ctx;       // out: [L][ld_ctx] softmax(q·kᵀ·scale + mask)·v, heads concatenated
    float *       probs;     // out: [nh][L][L] attention probabilities, or null when not wanted
                             // (the backend then holds a few rows of one head at a time, not L²)
    // 0: both products in f32. Otherwise both in int8, as two linear_q8 calls per head (int8
    // models, on backends with linear_create_q8; it is then the backend's linear_q8_qmax):
    //   scores = linear_q8(q_h, keys), each key row quantized to [-127, 127] as a weight row;
    //   the same f32 scale and mask; softmax as e = exp(s − max) ≤ 1 and Σe (probs get e/Σe);
    //   ctx_h = linear_q8(E, vᵀ)·(1/Σe) with qmax 127, E the rows of e: each row's maximum is 1, so
    //   it is quantized to nearest(127·e) in [0, 127] (a valid 7-bit operand as it is); each column
    //   of v_h (over the L keys) quantized to [-127, 127] as a weight row.
    // ref::attention is the definition.
    int32_t       q8_qmax = 0;
};

// Largest k of an int8 linear layer: the int32 accumulator must hold k·127·127.
constexpr size_t LINEAR_Q8_MAX_K = 131072;

struct kernel_backend {
    const char * name;

    // Packs w ([n][k] row-major, PyTorch's [out, in]) and b ([n], may be null) for
    // y = act(x·wᵀ + b). The packed copy owns its memory; w and b may be freed afterwards.
    mab_status (*linear_create)(size_t n, size_t k, const float * w, const float * b, activation act,
                                linear_weights ** out);
    // The same layer from int8 weights (models/convert.py --dtype int8): w is [n][k] int8 with
    // w[j][p] ≈ w_q[j][p]·w_scale[j] (symmetric, one scale per output channel, no zero point).
    // linear_run then quantizes each row of x on the fly (symmetric, x_q in [-qmax, qmax] with
    // scale max|x_row|/qmax, qmax = linear_q8_qmax), accumulates x_q·w_qᵀ in int32 and returns
    // act(acc·x_scale·w_scale + b) in f32: ref::linear_q8 is the definition. Null when the backend
    // has no int8 GEMM: the loader then dequantizes w and calls linear_create.
    mab_status (*linear_create_q8)(size_t n, size_t k, const int8_t * w, const float * w_scale, const float * b,
                                   activation act, linear_weights ** out);
    // The activations' range in linear_create_q8 layers: 127 (int8), except 63 on wasmrelaxedsimd
    // and scalar-qu7, whose 7-bit activations feed relaxed SIMD's i16x8.relaxed_dot_i8x16_i7x16_s
    // (its second operand must be in [0, 127]; kernels/qs8-qu7-gemm/qs8-qu7-gemm.h). Half the steps of int8, so
    // twice the activation rounding error. 0 when linear_create_q8 is null.
    int32_t linear_q8_qmax;
    // y[m][n] = act(x[m][k]·wᵀ + b). x and y are contiguous and do not overlap.
    void (*linear_run)(const linear_weights * lw, size_t m, const float * x, float * y);
    void (*linear_destroy)(linear_weights * lw);
    // Bytes held by the packed weights (for memory reporting).
    size_t (*linear_bytes)(const linear_weights * lw);

    // y[i] = LayerNorm(x[i] + r[i]) over n features, biased variance, eps inside the sqrt.
    // r may be null; y may alias x.
    void (*layer_norm)(size_t m, size_t n, const float * x, const float * r, const float * gamma,
                       const float * beta, float eps, float * y);

    // Multi-head scaled dot-product attention for one batch row (see attention_args).
    void (*attention)(const attention_args & args);

    // The int8 GEMM micro-kernel behind linear_create_q8, named as its source file
    // ("qs8-qu7-gemm-4x8c4-wasmrelaxedsimd-dotadd"); null without one.
    const char * int8_gemm = nullptr;
};

// The backend called `name` ("reference", "xnnpack", "scalar", "scalar-qu7", "wasmsimd",
// "wasmrelaxedsimd") or, for "auto" or null, the fastest one built into this binary. Null (with the error set) if unavailable.
const kernel_backend * find_backend(const char * name);
// Every backend built into this binary, null-terminated.
const kernel_backend * const * all_backends();

const kernel_backend * reference_backend();
#if defined(MAB_WITH_XNNPACK)
const kernel_backend * xnnpack_backend();
#endif
// Our packed micro-kernel backends (core/kernels/wasmsimd/ukernel-backend.cpp): "scalar" and
// "scalar-qu7" (scalar with wasmrelaxedsimd's 7-bit int8 arithmetic) on every target, "wasmsimd"
// and "wasmrelaxedsimd" when built with -msimd128 / -mrelaxed-simd. wasmrelaxedsimd's int8 GEMM is
// chosen at its first call by how the engine computes relaxed SIMD's dot-add (the same results).
const kernel_backend * scalar_backend();
const kernel_backend * scalar_qu7_backend();
#if defined(__wasm_simd128__)
const kernel_backend * wasmsimd_backend();
#endif
#if defined(__wasm_relaxed_simd__)
const kernel_backend * wasmrelaxedsimd_backend();
#endif

} // namespace mab
