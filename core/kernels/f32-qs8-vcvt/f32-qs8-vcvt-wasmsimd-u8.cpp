#if defined(__wasm_simd128__)

#include "kernels/f32-qs8-quantize/f32-qs8-quantize-wasmsimd.h"
#include "kernels/f32-qs8-vcvt/f32-qs8-vcvt.h"

// Eight values per step, converted as the quantize kernels do (mab_quantize_f32x4), each vector
// with its own four inverse scales.
extern "C" void mab_f32_qs8_vcvt_ukernel__wasmsimd_u8(size_t n, const float * x, const float * inv, int8_t * q) {
    const mab_quantize_consts qc = mab_quantize_consts_runtime<127, 0>();
    size_t c = 0;
    for (; c + 8 <= n; c += 8) {
        const v128_t q0  = mab_quantize_f32x4(wasm_v128_load(x + c), wasm_v128_load(inv + c), qc);
        const v128_t q1  = mab_quantize_f32x4(wasm_v128_load(x + c + 4), wasm_v128_load(inv + c + 4), qc);
        const v128_t q01 = wasm_i16x8_narrow_i32x4(q0, q1);
        wasm_v128_store64_lane(q + c, wasm_i8x16_narrow_i16x8(q01, q01), 0);
    }
    for (; c < n; c++) q[c] = (int8_t) mab_quantize_one_wasmsimd<127>(x[c], inv[c]);
}

#endif // __wasm_simd128__
