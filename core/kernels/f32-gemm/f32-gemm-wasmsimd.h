// Template of the SIMD128 f32 GEMM micro-kernels (the wasmsimd / wasmrelaxedsimd rows of
// f32-gemm.inc); contract and packed layout in f32-gemm.h.
//
// An MR×NR tile of accumulators stays in registers. Each k step loads NR/4 weight vectors and
// broadcasts one A value per row:
//   splat:     loads 4 consecutive A values per row once per 4 k steps, broadcasts lanes by shuffle;
//   loadsplat: broadcasts each A value straight from memory (v128.load32_splat).
// FMA selects f32x4.relaxed_madd (one rounding, relaxed SIMD) instead of f32x4.mul + f32x4.add.
//
// What V8 makes of them on x86-64 (node --print-wasm-code; 15 allocatable xmm registers, AVX):
// loadsplat becomes vbroadcastss from memory (a load, no shuffle uop), and the rolled k loop is
// unrolled by 2 by TurboFan itself. 2x16 and 4x8 loadsplat (8 accumulators) run without a single
// vector spill, ~30 (mul+add) or ~21 (FMA) instructions per k step; 6x8 splat spills about one
// vector per multiply, and unrolling k by hand makes TurboFan hoist every load to the top of the
// body and spill too. The loop is front-end bound, so instructions per k step decide: 2x16
// loadsplat is the production tile of both builds (tests/web/bench/gemm-vs-xnnpack.mjs).
#pragma once

#if defined(__wasm_simd128__)

#include "kernels/f32-gemm/f32-gemm.h"
#include "kernels/math/math-wasmsimd.h"

#include <wasm_simd128.h>

// acc + a·b.
template <bool FMA>
static inline v128_t mab_f32x4_muladd(v128_t a, v128_t b, v128_t acc) {
    if constexpr (FMA) {
#if defined(__wasm_relaxed_simd__) && __has_builtin(__builtin_wasm_relaxed_madd_f32x4)
        return __builtin_wasm_relaxed_madd_f32x4(a, b, acc); // standard: a·b + c
#elif defined(__wasm_relaxed_simd__)
        // LLVM 14 (Emscripten 3.1.6) only knows the pre-standard opcode 0xfd 0xaf 0x01, "fma(x, y, z) =
        // x + y·z". Engines now implement the standard f32x4.relaxed_madd (0xfd 0x85 0x02), "x·y + z",
        // so the build rewrites the opcode (core/kernels/wasmsimd/fix-relaxed-simd.py) and we pass the
        // operands in the standard order. An unrewritten module does not validate in any engine.
        return __builtin_wasm_fma_f32x4(a, b, acc);
#else
        static_assert(!FMA, "relaxed FMA kernels need -mrelaxed-simd");
#endif
    }
    return wasm_f32x4_add(acc, wasm_f32x4_mul(a, b));
}

// The erf GELU's constants (math::gelu_consts_runtime), read only when the epilogue is the erf GELU.
template <mab_gemm_epilogue EPILOGUE>
static inline mab::math::gelu_consts mab_gemm_gelu_consts() {
    if constexpr (EPILOGUE == MAB_GEMM_EPILOGUE_GELU) return mab::math::gelu_consts_runtime();
    return {};
}

// Stores one panel's MR rows of NV·4 results (rows past mr alias row mr-1 and hold the same values,
// so the highest row goes first) and moves cp to the next panel; returns the columns left after it.
// A partial panel (nc < NV·4, the last one) is stored in halves, the rest shifted down, so that every
// index is a constant (a variable index would send the accumulators to the stack).
template <size_t MR, size_t NV>
static inline size_t mab_wasmsimd_store_panel(float * (&cp)[MR], v128_t (&out)[MR][NV], size_t nc, size_t cn_stride) {
    constexpr size_t NR = 4 * NV;
    if (nc >= NR) {
#pragma clang loop unroll(full)
        for (size_t i = MR; i-- > 0;) {
#pragma clang loop unroll(full)
            for (size_t g = 0; g < NV; g++) wasm_v128_store(cp[i] + 4 * g, out[i][g]);
            cp[i] += cn_stride;
        }
        return nc - NR;
    }
#pragma clang loop unroll(full)
    for (size_t i = MR; i-- > 0;) {
        float * ci = cp[i];
#pragma clang loop unroll(full)
        for (size_t step = NV / 2; step >= 1; step /= 2) {
            if (nc & (4 * step)) {
#pragma clang loop unroll(full)
                for (size_t g = 0; g < step; g++) wasm_v128_store(ci + 4 * g, out[i][g]);
#pragma clang loop unroll(full)
                for (size_t g = 0; g + step < NV; g++) out[i][g] = out[i][g + step];
                ci += 4 * step;
            }
        }
        v128_t v = out[i][0];
        if (nc & 2) {
            wasm_v128_store64_lane(ci, v, 0);
            v = wasm_i32x4_shuffle(v, v, 2, 3, 2, 3);
            ci += 2;
        }
        if (nc & 1) wasm_v128_store32_lane(ci, v, 0);
    }
    return 0;
}

// The GELU epilogues of every GEMM kernel (f32 and int8): applied to the rows [0, mr) of C (nc
// columns, in panels of NR at cn_stride) once the kernel call has stored them, while they are in L1.
// Fused into each tile's epilogue, GELU made SpiderMonkey (Firefox) compile the whole kernel slower:
// the FFN's 128×768·768×3072 took 19 ms instead of 12, where this pass costs 0.4 ms; V8 runs both
// ways at the same speed.
template <size_t NR, mab_gemm_epilogue EPILOGUE>
__attribute__((noinline)) static void mab_wasmsimd_gelu_rows(size_t mr, size_t nc, float * c, size_t cm_stride,
                                                             size_t cn_stride) {
    const mab::math::gelu_consts gc = mab_gemm_gelu_consts<EPILOGUE>();
    const auto gelu = [&](v128_t v) {
        if constexpr (EPILOGUE == MAB_GEMM_EPILOGUE_GELU) return mab::math::gelu_erf_f32x4(v, gc);
        else return mab::math::gelu_tanh_f32x4(v);
    };
    for (size_t i = 0; i < mr; i++) {
        float * row = c + i * cm_stride;
        for (size_t j0 = 0; j0 < nc; j0 += NR) {
            float *      p = row + (j0 / NR) * cn_stride;
            const size_t n = nc - j0 < NR ? nc - j0 : NR;
            size_t       j = 0;
            for (; j + 4 <= n; j += 4) wasm_v128_store(p + j, gelu(wasm_v128_load(p + j)));
            if (j < n) {
                float tail[4] = {0.0f, 0.0f, 0.0f, 0.0f};
                for (size_t t = 0; t < n - j; t++) tail[t] = p[j + t];
                wasm_v128_store(tail, gelu(wasm_v128_load(tail)));
                for (size_t t = 0; t < n - j; t++) p[j + t] = tail[t];
            }
        }
    }
}

template <size_t MR, size_t NV, bool FMA>
static inline void mab_f32_gemm_wasmsimd_step(v128_t (&acc)[MR][NV], const v128_t (&va)[MR], const float * w) {
    v128_t vb[NV];
#pragma clang loop unroll(full)
    for (size_t j = 0; j < NV; j++) vb[j] = wasm_v128_load(w + 4 * j);
#pragma clang loop unroll(full)
    for (size_t i = 0; i < MR; i++) {
#pragma clang loop unroll(full)
        for (size_t j = 0; j < NV; j++) acc[i][j] = mab_f32x4_muladd<FMA>(va[i], vb[j], acc[i][j]);
    }
}

template <int LANE, size_t MR, size_t NV, bool FMA>
static inline void mab_f32_gemm_wasmsimd_lane_step(v128_t (&acc)[MR][NV], const v128_t (&va)[MR], const float * w) {
    v128_t vs[MR];
#pragma clang loop unroll(full)
    for (size_t i = 0; i < MR; i++) vs[i] = wasm_i32x4_shuffle(va[i], va[i], LANE, LANE, LANE, LANE);
    mab_f32_gemm_wasmsimd_step<MR, NV, FMA>(acc, vs, w + LANE * 4 * NV);
}

template <size_t MR, size_t NR, bool FMA, bool LOADSPLAT, mab_gemm_epilogue EPILOGUE>
static inline void mab_f32_gemm_wasmsimd(size_t mr, size_t nc, size_t kc, const float * a, size_t a_stride,
                                         const float * w, float * c, size_t cm_stride, size_t cn_stride,
                                         const mab_f32_minmax_params * params) {
    static_assert(NR % 4 == 0, "NR must be a multiple of 4");
    constexpr size_t NV = NR / 4;
    const float * ap[MR];
    float *       cp[MR];
    mab_gemm_tile_rows(mr, a, a_stride, ap);
    mab_gemm_tile_rows(mr, c, cm_stride, cp);
    const v128_t vmin = wasm_v128_load32_splat(&params->min);
    const v128_t vmax = wasm_v128_load32_splat(&params->max);
    const size_t nc0 = nc;
    do {
        v128_t acc[MR][NV];
#pragma clang loop unroll(full)
        for (size_t j = 0; j < NV; j++) acc[0][j] = wasm_v128_load(w + 4 * j);
#pragma clang loop unroll(full)
        for (size_t i = 1; i < MR; i++) {
#pragma clang loop unroll(full)
            for (size_t j = 0; j < NV; j++) acc[i][j] = acc[0][j];
        }
        w += NR;

        size_t k = kc;
        if (!LOADSPLAT) {
            for (; k >= 4; k -= 4) {
                v128_t va[MR];
#pragma clang loop unroll(full)
                for (size_t i = 0; i < MR; i++) {
                    va[i] = wasm_v128_load(ap[i]);
                    ap[i] += 4;
                }
                mab_f32_gemm_wasmsimd_lane_step<0, MR, NV, FMA>(acc, va, w);
                mab_f32_gemm_wasmsimd_lane_step<1, MR, NV, FMA>(acc, va, w);
                mab_f32_gemm_wasmsimd_lane_step<2, MR, NV, FMA>(acc, va, w);
                mab_f32_gemm_wasmsimd_lane_step<3, MR, NV, FMA>(acc, va, w);
                w += 4 * NR;
            }
        }
        if (k != 0) {
            // The loop ends on a pointer compare: a separate counter would be one more live
            // integer, which V8 keeps on the stack.
            const float * a0_end = ap[0] + k;
            do {
                v128_t va[MR];
#pragma clang loop unroll(full)
                for (size_t i = 0; i < MR; i++) {
                    va[i] = wasm_v128_load32_splat(ap[i]);
                    ap[i] += 1;
                }
                mab_f32_gemm_wasmsimd_step<MR, NV, FMA>(acc, va, w);
                w += NR;
            } while (ap[0] != a0_end);
        }

        if constexpr (EPILOGUE == MAB_GEMM_EPILOGUE_MINMAX) {
#pragma clang loop unroll(full)
            for (size_t i = 0; i < MR; i++) {
#pragma clang loop unroll(full)
                for (size_t j = 0; j < NV; j++) acc[i][j] = wasm_f32x4_pmin(vmax, wasm_f32x4_pmax(vmin, acc[i][j]));
            }
        }

#pragma clang loop unroll(full)
        for (size_t i = 0; i < MR; i++) ap[i] -= kc;
        nc = mab_wasmsimd_store_panel<MR, NV>(cp, acc, nc, cn_stride);
    } while (nc != 0);
    if constexpr (EPILOGUE != MAB_GEMM_EPILOGUE_MINMAX) mab_wasmsimd_gelu_rows<NR, EPILOGUE>(mr, nc0, c, cm_stride, cn_stride);
}

#endif // __wasm_simd128__
