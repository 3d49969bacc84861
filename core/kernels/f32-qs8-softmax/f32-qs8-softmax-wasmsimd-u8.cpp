// f32-softmax-wasmsimd-u8's first two passes (scale + mask + running max, exp + sum, stored in
// place), then the int8 pass, 8 values per step: 127·e + 2^23 rounds to the nearest even integer
// in the low mantissa bits (0 ≤ 127·e < 2^23), read back as int32 by subtracting 2^23's bits: two
// instructions, where nearest + trunc_sat are about eight on x86. f32x4.pmax(0, t) maps NaN to 0.
// Fusing the int8 pass into the exp pass (two passes, no stores) measured slower: 2.3 against
// 1.5 ns per score at 512 scores, Node 24.
#if defined(__wasm_simd128__)
#include "kernels/f32-qs8-softmax/f32-qs8-softmax.h"
#include "kernels/math/math-wasmsimd.h"

extern "C" float mab_f32_qs8_softmax_ukernel__wasmsimd_u8(size_t n, size_t np, float * x, float scale,
                                                          const float * mask, int8_t * y) {
    const v128_t vscale = wasm_f32x4_splat(scale);
    v128_t m0 = wasm_f32x4_splat(-__FLT_MAX__), m1 = m0;
    size_t j = 0;
    for (; j + 8 <= n; j += 8) {
        const v128_t v0 = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(x + j), vscale), wasm_v128_load(mask + j));
        const v128_t v1 = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(x + j + 4), vscale), wasm_v128_load(mask + j + 4));
        wasm_v128_store(x + j, v0);
        wasm_v128_store(x + j + 4, v1);
        m0 = wasm_f32x4_pmax(m0, v0);
        m1 = wasm_f32x4_pmax(m1, v1);
    }
    m0 = wasm_f32x4_pmax(m0, m1);
    float m = wasm_f32x4_extract_lane(m0, 0);
    m = wasm_f32x4_extract_lane(m0, 1) > m ? wasm_f32x4_extract_lane(m0, 1) : m;
    m = wasm_f32x4_extract_lane(m0, 2) > m ? wasm_f32x4_extract_lane(m0, 2) : m;
    m = wasm_f32x4_extract_lane(m0, 3) > m ? wasm_f32x4_extract_lane(m0, 3) : m;
    for (size_t t = j; t < n; t++) {
        const float v = x[t] * scale + mask[t];
        x[t] = v;
        m = v > m ? v : m;
    }

    const v128_t vm = wasm_f32x4_splat(m);
    const mab::math::exp_consts ec = mab::math::exp_consts_runtime();
    v128_t s0 = wasm_f32x4_splat(0.0f), s1 = s0;
    for (j = 0; j + 8 <= n; j += 8) {
        const v128_t e0 = mab::math::exp_f32x4(wasm_f32x4_sub(wasm_v128_load(x + j), vm), ec);
        const v128_t e1 = mab::math::exp_f32x4(wasm_f32x4_sub(wasm_v128_load(x + j + 4), vm), ec);
        wasm_v128_store(x + j, e0);
        wasm_v128_store(x + j + 4, e1);
        s0 = wasm_f32x4_add(s0, e0);
        s1 = wasm_f32x4_add(s1, e1);
    }
    s0 = wasm_f32x4_add(s0, s1);
    float sum = (wasm_f32x4_extract_lane(s0, 0) + wasm_f32x4_extract_lane(s0, 2)) +
                (wasm_f32x4_extract_lane(s0, 1) + wasm_f32x4_extract_lane(s0, 3));
    for (size_t t = j; t < n; t++) {
        const float e = mab::math::exp_approx(x[t] - m);
        x[t] = e;
        sum += e;
    }

    // Splats of values read at run time, not v128.const (see math::exp_consts_runtime).
    static volatile float k127 = 127.0f, k2p23 = 8388608.0f;
    const v128_t v127 = wasm_f32x4_splat(k127), vmagic = wasm_f32x4_splat(k2p23);
    const v128_t vzero = wasm_f32x4_splat(0.0f);
    const auto quantize = [&](v128_t e) {
        const v128_t t = wasm_f32x4_pmin(wasm_f32x4_pmax(vzero, wasm_f32x4_mul(e, v127)), v127);
        return wasm_i32x4_sub(wasm_f32x4_add(t, vmagic), vmagic);
    };
    for (j = 0; j + 8 <= n; j += 8) {
        const v128_t q01 = wasm_i16x8_narrow_i32x4(quantize(wasm_v128_load(x + j)), quantize(wasm_v128_load(x + j + 4)));
        wasm_v128_store64_lane(y + j, wasm_i8x16_narrow_i16x8(q01, q01), 0);
    }
    for (; j < n; j++) y[j] = mab_qs8_softmax_quantize(x[j]);
    for (; j < np; j++) y[j] = 0;
    return sum;
}

#endif // __wasm_simd128__
