// Template of the SIMD128 int8 GEMM micro-kernels with i32x4.dot_i16x8_s (the wasmsimd rows of
// qs8-gemm.inc; contract and packed layout in qs8-gemm.h, KR = 2, NR = 8).
//
// Every 8 k steps each row loads 8 activations widened to int16 (i16x8.load8x8_s); then for each
// of the 4 k pairs, the two weight vectors (4 columns × 2 k, widened the same way) are loaded once
// and each row broadcasts its pair (i32x4 lane shuffle) into i32x4.dot_i16x8_s, which multiplies
// the pairs and adds them into one int32 lane per column. 4×8: 8 accumulators + 4 activation
// vectors + 2 weight vectors + 1 broadcast = 15 of V8's 16 registers on x86-64. Products of int8
// values fit int16 and the pair sums fit int32, so the sums are exact.
#pragma once

#if defined(__wasm_simd128__)

#include "kernels/math/math-wasmsimd.h"
#include "kernels/qs8-gemm/qs8-gemm.h"

#include <wasm_simd128.h>

template <int LANE, size_t MR>
static inline void mab_qs8_gemm_dot16_pair(v128_t (&acc)[MR][2], const v128_t (&va)[MR], const int8_t * w) {
    const v128_t vb0 = wasm_i16x8_load8x8(w);
    const v128_t vb1 = wasm_i16x8_load8x8(w + 8);
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
    ap[0] = a;
    cp[0] = c;
    vas[0] = wasm_v128_load32_splat(a_scale);
#pragma clang loop unroll(full)
    for (size_t i = 1; i < MR; i++) {
        ap[i] = i < mr ? ap[i - 1] + a_stride : ap[i - 1];
        cp[i] = i < mr ? cp[i - 1] + cm_stride : cp[i - 1];
        vas[i] = i < mr ? wasm_v128_load32_splat(a_scale + i) : vas[i - 1];
    }
    const v128_t vmin = wasm_v128_load32_splat(&params->min);
    const v128_t vmax = wasm_v128_load32_splat(&params->max);
    do {
        const float *  bias = (const float *) w;
        const int8_t * wq   = (const int8_t *) (bias + 2 * NR);
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

        // Epilogue, in ref::linear_q8's order: ((float) acc · a_scale) · w_scale + bias.
        const v128_t vb[NV] = {wasm_v128_load(bias), wasm_v128_load(bias + 4)};
        const v128_t vs[NV] = {wasm_v128_load(bias + NR), wasm_v128_load(bias + NR + 4)};
#pragma clang loop unroll(full)
        for (size_t i = 0; i < MR; i++) {
#pragma clang loop unroll(full)
            for (size_t j = 0; j < NV; j++) {
                v128_t v = wasm_f32x4_convert_i32x4(acc[i][j]);
                v = wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_mul(v, vas[i]), vs[j]), vb[j]);
                if constexpr (EPILOGUE == MAB_GEMM_EPILOGUE_MINMAX) {
                    v = wasm_f32x4_pmin(vmax, wasm_f32x4_pmax(vmin, v));
                } else if constexpr (EPILOGUE == MAB_GEMM_EPILOGUE_GELU) {
                    v = mab::math::gelu_erf_f32x4(v);
                } else {
                    v = mab::math::gelu_tanh_f32x4(v);
                }
                acc[i][j] = v;
            }
        }

        if (nc >= NR) {
            // Highest row first: rows past mr alias row mr-1 and hold the same values.
#pragma clang loop unroll(full)
            for (size_t i = MR; i-- > 0;) {
                wasm_v128_store(cp[i], acc[i][0]);
                wasm_v128_store(cp[i] + 4, acc[i][1]);
                cp[i] += cn_stride;
            }
            nc -= NR;
        } else {
#pragma clang loop unroll(full)
            for (size_t i = MR; i-- > 0;) {
                float * ci = cp[i];
                v128_t  v  = acc[i][0];
                if (nc & 4) {
                    wasm_v128_store(ci, v);
                    v = acc[i][1];
                    ci += 4;
                }
                if (nc & 2) {
                    wasm_v128_store64_lane(ci, v, 0);
                    v = wasm_i32x4_shuffle(v, v, 2, 3, 2, 3);
                    ci += 2;
                }
                if (nc & 1) wasm_v128_store32_lane(ci, v, 0);
            }
            nc = 0;
        }
        w = wq;
    } while (nc != 0);
}

#endif // __wasm_simd128__
