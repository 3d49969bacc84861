// The goi packer with 4x4 transposes in registers: 4 columns x 4 k per step, 4 loads, 8 shuffles
// and 4 stores, where the scalar packer moves one float at a time (attention packs every head's
// keys on every forward pass). Full panels with nr a multiple of 4; the rest goes to the scalar
// packer, which writes the same layout.
#if defined(__wasm_simd128__)
#include "kernels/x32-packw/x32-packw.h"

#include <wasm_simd128.h>

extern "C" void mab_x32_packw_gemm_goi_ukernel__wasmsimd_u4(size_t nr, size_t n, size_t k, const float * w,
                                                           size_t w_stride, const float * b, float * packed) {
    const size_t n_simd = nr % 4 == 0 ? n / nr * nr : 0;
    for (size_t n0 = 0; n0 < n_simd; n0 += nr) {
        for (size_t j = 0; j < nr; j++) packed[j] = b ? b[n0 + j] : 0.0f;
        packed += nr;
        size_t p = 0;
        for (; p + 4 <= k; p += 4) {
            for (size_t j = 0; j < nr; j += 4) {
                // Rows r_i are columns n0+j+i of the GEMM at k = p..p+3; the transpose gives k rows.
                const float * wj = w + (n0 + j) * w_stride + p;
                const v128_t  r0 = wasm_v128_load(wj), r1 = wasm_v128_load(wj + w_stride);
                const v128_t  r2 = wasm_v128_load(wj + 2 * w_stride), r3 = wasm_v128_load(wj + 3 * w_stride);
                const v128_t  t0 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7);
                const v128_t  t2 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5), t3 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
                wasm_v128_store(packed + (p + 0) * nr + j, wasm_i32x4_shuffle(t0, t2, 0, 1, 4, 5));
                wasm_v128_store(packed + (p + 1) * nr + j, wasm_i32x4_shuffle(t0, t2, 2, 3, 6, 7));
                wasm_v128_store(packed + (p + 2) * nr + j, wasm_i32x4_shuffle(t1, t3, 0, 1, 4, 5));
                wasm_v128_store(packed + (p + 3) * nr + j, wasm_i32x4_shuffle(t1, t3, 2, 3, 6, 7));
            }
        }
        for (; p < k; p++) {
            for (size_t j = 0; j < nr; j++) packed[p * nr + j] = w[(n0 + j) * w_stride + p];
        }
        packed += k * nr;
    }
    if (n_simd < n) {
        mab_x32_packw_gemm_goi_ukernel__scalar(nr, n - n_simd, k, w + n_simd * w_stride, w_stride,
                                               b ? b + n_simd : nullptr, packed);
    }
}

#endif // __wasm_simd128__
