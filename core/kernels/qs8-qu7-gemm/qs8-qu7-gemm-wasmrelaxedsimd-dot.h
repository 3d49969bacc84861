// Template of the relaxed-SIMD qs8-qu7 GEMM micro-kernels (the wasmrelaxedsimd rows of
// qs8-qu7-gemm.inc; contract and packed layout in qs8-qu7-gemm.h). Every 4 k steps: NR/4 weight
// vectors (4 columns × 4 k of int8 each), and per row one v128.load32_splat of its 4 activations,
// dot-added into that (row, columns) accumulator, 16 multiply-adds per dot, in one of two forms:
// - MAB_QU7_DOT (variant "dot"): i16x8.relaxed_dot_i8x16_i7x16_s (16 products summed in pairs),
//   whose pairs i32x4.dot_i16x8_s with ones sums into one int32 per column, then an add. V8 on x86
//   makes that PMADDUBSW + PMADDWD + PADDD, with the ones kept in a register: 3 instructions,
//   against 8 multiply-adds per 2 for i32x4.dot_i16x8_s + add (qs8-gemm-wasmsimd-dot16.h), with no
//   widening loads and no lane sums after the k loop.
// - MAB_QU7_DOT_ADD (variant "dotadd"): i32x4.relaxed_dot_i8x16_i7x16_add_s, the same arithmetic
//   in one instruction. V8 (Node 24, Chromium 156) lowers it to one VPDPBUSD on x86 with AVX-VNNI and
//   to SDOT on ARM64 with the dot-product extension: measured 68 GMAC/s on 128×768×768 against 42
//   for "dot" (Node 24, Xeon with AVX-VNNI). Without VNNI it becomes the same three instructions
//   plus two that rebuild the ones at every dot (about half the speed), and Node 20's baseline
//   compiler (Liftoff, V8 11.3, behind --experimental-wasm-relaxed-simd) gets it wrong (it returns
//   twice the dot product and drops the accumulator). So the backend takes it only where
//   mab_relaxed_dot_add_lowering_probe() (kernels/wasmsimd/relaxed-dot.h) says the engine sums
//   the four products in one step.
// - MAB_QU7_DOT2 (variant "dot2", on pair-summed panels, qs8-qu7-gemm.h): MAB_QU7_DOT over two k
//   groups at once, their int16 pair sums added (i16x8.add) before the one widening dot and add:
//   5 instructions per 32 multiply-adds instead of 6. Measured 15–25% faster than "dot" on the
//   model's shapes (Node 22, Xeon; kernels without VNNI's one-instruction dot-add).
#pragma once

#if defined(__wasm_relaxed_simd__)

#include "kernels/qs8-gemm/qs8-gemm-wasmsimd-dot16.h"
#include "kernels/qs8-qu7-gemm/qs8-qu7-gemm.h"
#include "kernels/wasmsimd/relaxed-dot.h"

#include <wasm_simd128.h>

// acc + the sums of the 4 products in each 32-bit lane of a·b (what
// i32x4.relaxed_dot_i8x16_i7x16_add_s computes), in the MAB_QU7_DOT form. The pairs are summed by
// i32x4.dot_i16x8_s with ones (vones, kept in a register by the caller) rather than
// i32x4.extadd_pairwise_i16x8_s, which
// V8 makes into the same PMADDWD but with the ones loaded from memory through an address loaded
// into a general register at every call: one instruction more per dot.
static inline v128_t mab_qs8_qu7_dot_add(v128_t a, v128_t b, v128_t acc, v128_t vones) {
    return wasm_i32x4_add(acc, wasm_i32x4_dot_i16x8(mab_i16x8_relaxed_dot_i8x16_i7x16(a, b), vones));
}

// The 16-bit ones of mab_qs8_qu7_dot_add, splatted from a value read at run time. A v128.const
// would do under Node 20's V8, which keeps it in a register, but newer V8 (Node 24, Chromium)
// rebuilds a constant at every use: a general-register move and two vector instructions per dot,
// which made the kernel about half as fast there. A splat of a loaded value stays in a register.
static inline v128_t mab_qs8_qu7_ones() {
    static volatile int16_t one = 1;
    return wasm_i16x8_splat(one);
}

// The fixes of one pair-summed panel (qs8-qu7-gemm.h), added to its rows' sums: fix.w·a[fix.k]
// into column fix.c. Most panels have none or a few.
template <size_t MR, size_t NR>
static inline void mab_qs8_qu7_pair_fixes(const uint8_t * panel, const int32_t * trailer, const int8_t * const (&ap)[MR],
                                          v128_t (&acc)[MR][NR / 4]) {
    const int32_t n = trailer[1];
    if (n == 0) return;
    const auto * fix = (const mab_qu7_pair_fix *) (panel + trailer[0]);
    alignas(16) int32_t extra[MR][NR] = {};
    for (int32_t f = 0; f < n; f++) {
#pragma clang loop unroll(full)
        for (size_t i = 0; i < MR; i++) extra[i][fix[f].c] += fix[f].w * (int32_t) ap[i][fix[f].k];
    }
#pragma clang loop unroll(full)
    for (size_t i = 0; i < MR; i++) {
#pragma clang loop unroll(full)
        for (size_t g = 0; g < NR / 4; g++) acc[i][g] = wasm_i32x4_add(acc[i][g], wasm_v128_load(&extra[i][4 * g]));
    }
}

// The dot products of one k step: MAB_QU7_DOT, MAB_QU7_DOT_ADD or MAB_QU7_DOT2 (see above).
enum mab_qu7_dot { MAB_QU7_DOT, MAB_QU7_DOT_ADD, MAB_QU7_DOT2 };

template <size_t MR, size_t NR, mab_gemm_epilogue EPILOGUE, mab_qu7_dot DOT>
static inline void mab_qs8_qu7_gemm_wasmrelaxedsimd_dot(size_t mr, size_t nc, size_t kc, const int8_t * a,
                                                        size_t a_stride, const float * a_scale, const void * w,
                                                        float * c, size_t cm_stride, size_t cn_stride,
                                                        const mab_f32_minmax_params * params) {
    static_assert(NR % 4 == 0, "NR must be a multiple of 4");
    constexpr size_t NV = NR / 4;
    const int8_t * ap[MR];
    float *        cp[MR];
    v128_t         vas[MR];
    mab_wasmsimd_qs8_tile_rows(mr, a, a_stride, a_scale, c, cm_stride, ap, vas, cp);
    const v128_t vmin = wasm_v128_load32_splat(&params->min);
    const v128_t vmax = wasm_v128_load32_splat(&params->max);
    [[maybe_unused]] const v128_t vones = mab_qs8_qu7_ones(); // MAB_QU7_DOT and MAB_QU7_DOT2
    const size_t nc0 = nc;
    do {
        const float *   bias = (const float *) w;
        const int32_t * init = (const int32_t *) (bias + 2 * NR);
        const int8_t *  wq   = (const int8_t *) (init + NR);
        v128_t acc[MR][NV];
#pragma clang loop unroll(full)
        for (size_t g = 0; g < NV; g++) {
            const v128_t vinit = wasm_v128_load(init + 4 * g);
#pragma clang loop unroll(full)
            for (size_t i = 0; i < MR; i++) acc[i][g] = vinit;
        }
        if constexpr (DOT == MAB_QU7_DOT2) {
            // The second k group's weights are read again for each row, by a volatile load that
            // clang may not merge: holding both groups for all rows needs 17 vector registers in
            // the 4x8 tile, more than the 15 V8 leaves on x86-64, so V8 spills in this loop, and
            // Node 22's V8 paid the most for it. Measured on the int8 model at 128 tokens (Zen 4): Node 22 117 -> 103 ms;
            // Node 24 and Chromium 100 -> 103 ms.
            for (size_t k = 0; k < kc; k += 8) {
                v128_t vw0[NV];
#pragma clang loop unroll(full)
                for (size_t g = 0; g < NV; g++) vw0[g] = wasm_v128_load(wq + 16 * g);
#pragma clang loop unroll(full)
                for (size_t i = 0; i < MR; i++) {
                    const v128_t va0 = wasm_v128_load32_splat(ap[i] + k);
                    const v128_t va1 = wasm_v128_load32_splat(ap[i] + k + 4);
#pragma clang loop unroll(full)
                    for (size_t g = 0; g < NV; g++) {
                        const v128_t w1 = *(const volatile v128_t *) (wq + 4 * NR + 16 * g);
                        const v128_t pairs = wasm_i16x8_add(mab_i16x8_relaxed_dot_i8x16_i7x16(vw0[g], va0),
                                                            mab_i16x8_relaxed_dot_i8x16_i7x16(w1, va1));
                        acc[i][g] = wasm_i32x4_add(acc[i][g], wasm_i32x4_dot_i16x8(pairs, vones));
                    }
                }
                wq += 8 * NR;
            }
            mab_qs8_qu7_pair_fixes<MR, NR>((const uint8_t *) bias, (const int32_t *) wq, ap, acc);
            wq += MAB_QU7_PAIR_TRAILER_BYTES;
        } else {
            for (size_t k = 0; k < kc; k += 4) {
                v128_t vw[NV];
#pragma clang loop unroll(full)
                for (size_t g = 0; g < NV; g++) vw[g] = wasm_v128_load(wq + 16 * g);
#pragma clang loop unroll(full)
                for (size_t i = 0; i < MR; i++) {
                    const v128_t va = wasm_v128_load32_splat(ap[i] + k);
#pragma clang loop unroll(full)
                    for (size_t g = 0; g < NV; g++) {
                        if constexpr (DOT == MAB_QU7_DOT_ADD) {
                            acc[i][g] = mab_i32x4_relaxed_dot_i8x16_i7x16_add(vw[g], va, acc[i][g]);
                        } else {
                            acc[i][g] = mab_qs8_qu7_dot_add(vw[g], va, acc[i][g], vones);
                        }
                    }
                }
                wq += 4 * NR;
            }
        }

        v128_t out[MR][NV];
#pragma clang loop unroll(full)
        for (size_t g = 0; g < NV; g++) {
            const v128_t vbias  = wasm_v128_load(bias + 4 * g);
            const v128_t vscale = wasm_v128_load(bias + NR + 4 * g);
#pragma clang loop unroll(full)
            for (size_t i = 0; i < MR; i++) {
                out[i][g] = mab_qs8_gemm_dot16_output<EPILOGUE>(acc[i][g], vas[i], vscale, vbias, vmin, vmax);
            }
        }
        nc = mab_wasmsimd_store_panel<MR, NV>(cp, out, nc, cn_stride);
        w = wq;
    } while (nc != 0);
    if constexpr (EPILOGUE != MAB_GEMM_EPILOGUE_MINMAX) mab_wasmsimd_gelu_rows<NR, EPILOGUE>(mr, nc0, c, cm_stride, cn_stride);
}

#endif // __wasm_relaxed_simd__
