// Relaxed SIMD's integer dot products, for which Emscripten 3.1.6's LLVM 14 has no builtins: each
// goes through a prototype relaxed builtin that nothing else in the code base uses, whose opcode
// fix-relaxed-simd.py rewrites to the standard instruction after linking. LLVM knows nothing about
// these builtins' lanes, so it can only move or merge a call as the pure function it is
// (fix-relaxed-simd.py's docstring tells how this was checked).
#pragma once

#if defined(__wasm_relaxed_simd__)

#include <cstdint>
#include <wasm_simd128.h>

// i16x8.relaxed_dot_i8x16_i7x16_s(a, b): lane l of the result is a[2l]·b[2l] + a[2l+1]·b[2l+1]
// with a int8 and b in [0, 127] (at most 2·128·127 in magnitude: nothing saturates). Through
// __builtin_wasm_relaxed_swizzle_i8x16 (prototype 0xfd 0xa2 0x01, rewritten to 0xfd 0x92 0x02);
// two v128 operands in this order (a the int8 weights, b the 7-bit activations).
static inline v128_t mab_i16x8_relaxed_dot_i8x16_i7x16(v128_t a, v128_t b) {
    return (v128_t) __builtin_wasm_relaxed_swizzle_i8x16((__i8x16) a, (__i8x16) b);
}

// i32x4.relaxed_dot_i8x16_i7x16_add_s(a, b, acc): lane l is acc[l] + Σ_{i<4} a[4l+i]·b[4l+i], a
// int8 and b in [0, 127]. Through __builtin_wasm_laneselect_i32x4 (prototype 0xfd 0xd2 0x01,
// rewritten to 0xfd 0x93 0x02); three v128 operands in this order.
static inline v128_t mab_i32x4_relaxed_dot_i8x16_i7x16_add(v128_t a, v128_t b, v128_t acc) {
    return (v128_t) __builtin_wasm_laneselect_i32x4((__i32x4) a, (__i32x4) b, (__i32x4) acc);
}

// How the running engine computes i32x4.relaxed_dot_i8x16_i7x16_add_s, told apart by its results:
// relaxed SIMD lets engines differ where b's top bit is set, and each lowering differs there.
enum mab_relaxed_dot_add_lowering {
    MAB_DOT_ADD_WRONG,    // wrong even on 7-bit operands (Node 20's Liftoff, behind its flag)
    MAB_DOT_ADD_PAIRWISE, // PMADDUBSW's saturating pair sums, then PMADDWD (x86 without VNNI)
    MAB_DOT_ADD_UNSIGNED, // the four products at once, b unsigned (VPDPBUSD: x86 with AVX-VNNI)
    MAB_DOT_ADD_SIGNED,   // b read as signed (ARM64's SDOT)
};

static inline mab_relaxed_dot_add_lowering mab_relaxed_dot_add_lowering_probe() {
    // Volatile, so that the engine computes the dots, not the compiler.
    static volatile int8_t  a = -128;
    static volatile uint8_t b7 = 127, b8 = 255;
    static volatile int32_t acc = 1000;
    const auto dot = [](uint8_t b) {
        const v128_t r = mab_i32x4_relaxed_dot_i8x16_i7x16_add(wasm_i8x16_splat(a), wasm_u8x16_splat(b), wasm_i32x4_splat(acc));
        return wasm_i32x4_extract_lane(r, 0);
    };
    if (dot(b7) != 1000 - 4 * 128 * 127) return MAB_DOT_ADD_WRONG;
    switch (dot(b8)) {
        case 1000 - 2 * 32768:     return MAB_DOT_ADD_PAIRWISE; // each pair sum saturates at -32768
        case 1000 - 4 * 128 * 255: return MAB_DOT_ADD_UNSIGNED;
        case 1000 + 4 * 128:       return MAB_DOT_ADD_SIGNED;   // 255 read as -1
        default:                   return MAB_DOT_ADD_WRONG;
    }
}

#endif // __wasm_relaxed_simd__
