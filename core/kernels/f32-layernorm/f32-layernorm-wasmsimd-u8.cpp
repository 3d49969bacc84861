// Two passes over the row (sum, then squared deviations, as the reference does) with two vector
// accumulators each; the residual add is fused into the first pass.
#if defined(__wasm_simd128__)
#include "kernels/f32-layernorm/f32-layernorm.h"

#include <cmath>
#include <wasm_simd128.h>

static inline float mab_f32x4_sum2(v128_t a, v128_t b) {
    const v128_t s = wasm_f32x4_add(a, b);
    return (wasm_f32x4_extract_lane(s, 0) + wasm_f32x4_extract_lane(s, 2)) +
           (wasm_f32x4_extract_lane(s, 1) + wasm_f32x4_extract_lane(s, 3));
}

extern "C" void mab_f32_layernorm_ukernel__wasmsimd_u8(size_t n, const float * x, const float * r, const float * gamma,
                                                       const float * beta, float eps, float * y) {
    v128_t s0 = wasm_f32x4_splat(0.0f), s1 = s0;
    size_t j = 0;
    for (; j + 8 <= n; j += 8) {
        v128_t v0 = wasm_v128_load(x + j), v1 = wasm_v128_load(x + j + 4);
        if (r) {
            v0 = wasm_f32x4_add(v0, wasm_v128_load(r + j));
            v1 = wasm_f32x4_add(v1, wasm_v128_load(r + j + 4));
        }
        wasm_v128_store(y + j, v0);
        wasm_v128_store(y + j + 4, v1);
        s0 = wasm_f32x4_add(s0, v0);
        s1 = wasm_f32x4_add(s1, v1);
    }
    float tail = 0.0f;
    for (size_t t = j; t < n; t++) {
        const float v = r ? x[t] + r[t] : x[t];
        y[t] = v;
        tail += v;
    }
    const float  mean  = (mab_f32x4_sum2(s0, s1) + tail) / (float) n;
    const v128_t vmean = wasm_f32x4_splat(mean);

    s0 = wasm_f32x4_splat(0.0f);
    s1 = s0;
    for (j = 0; j + 8 <= n; j += 8) {
        const v128_t d0 = wasm_f32x4_sub(wasm_v128_load(y + j), vmean);
        const v128_t d1 = wasm_f32x4_sub(wasm_v128_load(y + j + 4), vmean);
        s0 = wasm_f32x4_add(s0, wasm_f32x4_mul(d0, d0));
        s1 = wasm_f32x4_add(s1, wasm_f32x4_mul(d1, d1));
    }
    tail = 0.0f;
    for (size_t t = j; t < n; t++) tail += (y[t] - mean) * (y[t] - mean);
    const float  var  = (mab_f32x4_sum2(s0, s1) + tail) / (float) n;
    const float  inv  = 1.0f / std::sqrt(var + eps);
    const v128_t vinv = wasm_f32x4_splat(inv);

    for (j = 0; j + 4 <= n; j += 4) {
        const v128_t v = wasm_f32x4_mul(wasm_f32x4_sub(wasm_v128_load(y + j), vmean), vinv);
        wasm_v128_store(y + j, wasm_f32x4_add(wasm_f32x4_mul(v, wasm_v128_load(gamma + j)), wasm_v128_load(beta + j)));
    }
    for (; j < n; j++) y[j] = (y[j] - mean) * inv * gamma[j] + beta[j];
}

#endif // __wasm_simd128__
