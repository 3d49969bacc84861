// Templates of the SIMD128 int8 GEMM micro-kernels with i32x4.dot_i16x8_s (the wasmsimd rows of
// qs8-gemm.inc; contract and packed layout in qs8-gemm.h). The weights come widened to int16 from
// the packing, so a weight vector is one plain v128.load; products of int8 values fit int16 and
// the pair sums fit int32, so every sum is exact.
//
// c8 (mab_qs8_gemm_wasmsimd_dot16_c8, KR = 8): every 8 k steps each row loads 8 activations
// widened to int16 (i16x8.load8x8_s) and each column one weight vector; i32x4.dot_i16x8_s of the
// two adds 4 pair sums into that (row, column)'s accumulator, whose 4 lanes are added up once
// after the k loop. No broadcasts: per 8 k, MR + NR loads and MR·NR dot + add. 2x4: 8 accumulators
// + 2 rows + 1 weight vector; under V8 on x86-64 the loop has no spill and ~15 instructions per 32
// multiply-adds, which is what makes it the production tile (tests/web/bench/gemm-vs-xnnpack.mjs).
//
// c2 (mab_qs8_gemm_wasmsimd_dot16, KR = 2, NR = 8): every 8 k steps each row loads 8 activations
// widened to int16; then for each of the 4 k pairs the two weight vectors (4 columns × 2 k) are
// loaded once and each row broadcasts its pair (i32x4 lane shuffle) into i32x4.dot_i16x8_s. The
// broadcast shuffles compete with the multiplies for the vector ports and 4x8 spills under V8.
#pragma once

#if defined(__wasm_simd128__)

#include "kernels/math/math-wasmsimd.h"
#include "kernels/f32-gemm/f32-gemm-wasmsimd.h"
#include "kernels/qs8-gemm/qs8-gemm.h"

#include <wasm_simd128.h>

// The row pointers of an int8 tile (mab_gemm_tile_rows) and each row's activation scale splatted.
template <size_t MR>
static inline void mab_wasmsimd_qs8_tile_rows(size_t mr, const int8_t * a, size_t a_stride, const float * a_scale,
                                              float * c, size_t cm_stride, const int8_t * (&ap)[MR],
                                              v128_t (&vas)[MR], float * (&cp)[MR]) {
    const float * sp[MR];
    mab_gemm_tile_rows(mr, a, a_stride, ap);
    mab_gemm_tile_rows(mr, a_scale, 1, sp);
    mab_gemm_tile_rows(mr, c, cm_stride, cp);
#pragma clang loop unroll(full)
    for (size_t i = 0; i < MR; i++) vas[i] = wasm_v128_load32_splat(sp[i]);
}

// The float epilogue of one 4-column vector of int32 sums, in ref::linear_q8's order:
// ((float) acc · a_scale) · w_scale + bias, then the clamp; the GELUs come after the stores
// (mab_wasmsimd_gelu_rows).
template <mab_gemm_epilogue EPILOGUE>
static inline v128_t mab_qs8_gemm_dot16_output(v128_t acc, v128_t vas, v128_t vscale, v128_t vbias, v128_t vmin,
                                               v128_t vmax) {
    v128_t v = wasm_f32x4_convert_i32x4(acc);
    v = wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_mul(v, vas), vscale), vbias);
    if constexpr (EPILOGUE == MAB_GEMM_EPILOGUE_MINMAX) v = wasm_f32x4_pmin(vmax, wasm_f32x4_pmax(vmin, v));
    return v;
}

template <int LANE, size_t MR>
static inline void mab_qs8_gemm_dot16_pair(v128_t (&acc)[MR][2], const v128_t (&va)[MR], const int16_t * w) {
    const v128_t vb0 = wasm_v128_load(w);
    const v128_t vb1 = wasm_v128_load(w + 8);
#pragma clang loop unroll(full)
    for (size_t i = 0; i < MR; i++) {
        const v128_t vs = wasm_i32x4_shuffle(va[i], va[i], LANE, LANE, LANE, LANE);
        acc[i][0] = wasm_i32x4_add(acc[i][0], wasm_i32x4_dot_i16x8(vs, vb0));
        acc[i][1] = wasm_i32x4_add(acc[i][1], wasm_i32x4_dot_i16x8(vs, vb1));
    }
}

template <size_t MR, mab_gemm_epilogue EPILOGUE>
static inline void mab_qs8_gemm_wasmsimd_dot16(size_t mr, size_t nc, size_t kc, const int8_t * a, size_t a_stride,
                                               const float * a_scale, const void * w, float * c, size_t cm_stride,
                                               size_t cn_stride, const mab_f32_minmax_params * params) {
    constexpr size_t NR = 8, NV = 2;
    const int8_t * ap[MR];
    float *        cp[MR];
    v128_t         vas[MR];
    mab_wasmsimd_qs8_tile_rows(mr, a, a_stride, a_scale, c, cm_stride, ap, vas, cp);
    const v128_t vmin = wasm_v128_load32_splat(&params->min);
    const v128_t vmax = wasm_v128_load32_splat(&params->max);
    const size_t nc0 = nc;
    do {
        const float *  bias = (const float *) w;
        const int16_t * wq  = (const int16_t *) (bias + 2 * NR);
        v128_t acc[MR][NV];
#pragma clang loop unroll(full)
        for (size_t i = 0; i < MR; i++) {
            acc[i][0] = wasm_i32x4_const_splat(0);
            acc[i][1] = wasm_i32x4_const_splat(0);
        }
        for (size_t k = 0; k < kc; k += 8) {
            v128_t va[MR];
#pragma clang loop unroll(full)
            for (size_t i = 0; i < MR; i++) va[i] = wasm_i16x8_load8x8(ap[i] + k);
            mab_qs8_gemm_dot16_pair<0, MR>(acc, va, wq);
            mab_qs8_gemm_dot16_pair<1, MR>(acc, va, wq + 16);
            mab_qs8_gemm_dot16_pair<2, MR>(acc, va, wq + 32);
            mab_qs8_gemm_dot16_pair<3, MR>(acc, va, wq + 48);
            wq += 64;
        }

        const v128_t vb[NV] = {wasm_v128_load(bias), wasm_v128_load(bias + 4)};
        const v128_t vs[NV] = {wasm_v128_load(bias + NR), wasm_v128_load(bias + NR + 4)};
#pragma clang loop unroll(full)
        for (size_t i = 0; i < MR; i++) {
#pragma clang loop unroll(full)
            for (size_t j = 0; j < NV; j++) {
                acc[i][j] = mab_qs8_gemm_dot16_output<EPILOGUE>(acc[i][j], vas[i], vs[j], vb[j], vmin, vmax);
            }
        }

        nc = mab_wasmsimd_store_panel<MR, NV>(cp, acc, nc, cn_stride);
        w = wq;
    } while (nc != 0);
    if constexpr (EPILOGUE != MAB_GEMM_EPILOGUE_MINMAX) mab_wasmsimd_gelu_rows<NR, EPILOGUE>(mr, nc0, c, cm_stride, cn_stride);
}

template <size_t MR, size_t NR, mab_gemm_epilogue EPILOGUE>
static inline void mab_qs8_gemm_wasmsimd_dot16_c8(size_t mr, size_t nc, size_t kc, const int8_t * a, size_t a_stride,
                                                  const float * a_scale, const void * w, float * c, size_t cm_stride,
                                                  size_t cn_stride, const mab_f32_minmax_params * params) {
    static_assert(NR % 4 == 0, "NR must be a multiple of 4");
    constexpr size_t NV = NR / 4;
    const int8_t * ap[MR];
    float *        cp[MR];
    v128_t         vas[MR];
    mab_wasmsimd_qs8_tile_rows(mr, a, a_stride, a_scale, c, cm_stride, ap, vas, cp);
    const v128_t vmin = wasm_v128_load32_splat(&params->min);
    const v128_t vmax = wasm_v128_load32_splat(&params->max);
    const size_t nc0 = nc;
    do {
        const float *   bias = (const float *) w;
        const int16_t * wq   = (const int16_t *) (bias + 2 * NR);
        v128_t acc[MR][NR];
#pragma clang loop unroll(full)
        for (size_t i = 0; i < MR; i++) {
#pragma clang loop unroll(full)
            for (size_t j = 0; j < NR; j++) acc[i][j] = wasm_i32x4_const_splat(0);
        }
        for (size_t k = 0; k < kc; k += 8) {
            v128_t va[MR];
#pragma clang loop unroll(full)
            for (size_t i = 0; i < MR; i++) va[i] = wasm_i16x8_load8x8(ap[i] + k);
#pragma clang loop unroll(full)
            for (size_t j = 0; j < NR; j++) {
                const v128_t vb = wasm_v128_load(wq + 8 * j);
#pragma clang loop unroll(full)
                for (size_t i = 0; i < MR; i++) acc[i][j] = wasm_i32x4_add(acc[i][j], wasm_i32x4_dot_i16x8(va[i], vb));
            }
            wq += 8 * NR;
        }

        // Lane sums, 4 columns at a time (a 4x4 transpose folded into the adds; integer adds, so
        // the order changes nothing), then the float epilogue.
        v128_t out[MR][NV];
#pragma clang loop unroll(full)
        for (size_t g = 0; g < NV; g++) {
            const v128_t vbias  = wasm_v128_load(bias + 4 * g);
            const v128_t vscale = wasm_v128_load(bias + NR + 4 * g);
#pragma clang loop unroll(full)
            for (size_t i = 0; i < MR; i++) {
                const v128_t * q = &acc[i][4 * g];
                const v128_t s01 = wasm_i32x4_add(wasm_i32x4_shuffle(q[0], q[1], 0, 4, 1, 5),
                                                  wasm_i32x4_shuffle(q[0], q[1], 2, 6, 3, 7));
                const v128_t s23 = wasm_i32x4_add(wasm_i32x4_shuffle(q[2], q[3], 0, 4, 1, 5),
                                                  wasm_i32x4_shuffle(q[2], q[3], 2, 6, 3, 7));
                const v128_t sum = wasm_i32x4_add(wasm_i32x4_shuffle(s01, s23, 0, 1, 4, 5),
                                                  wasm_i32x4_shuffle(s01, s23, 2, 3, 6, 7));
                out[i][g] = mab_qs8_gemm_dot16_output<EPILOGUE>(sum, vas[i], vscale, vbias, vmin, vmax);
            }
        }

        nc = mab_wasmsimd_store_panel<MR, NV>(cp, out, nc, cn_stride);
        w = wq;
    } while (nc != 0);
    if constexpr (EPILOGUE != MAB_GEMM_EPILOGUE_MINMAX) mab_wasmsimd_gelu_rows<NR, EPILOGUE>(mr, nc0, c, cm_stride, cn_stride);
}

#endif // __wasm_simd128__
