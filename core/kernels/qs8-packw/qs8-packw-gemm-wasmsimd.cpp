// SIMD128 packers for the panel shapes of the SIMD backends (layouts in qs8-packw.h): x4c8, int16
// weights for qs8-gemm 2x4c8; x8c4, int8 weights for qs8-qu7-gemm 3x8c4. Int8 attention packs every
// head's keys (goi) and values (gio) at every call, where the scalar packers' per-byte loops took
// a fifth of attention's time at 128 tokens; the Linear layers use them once, at load.
// Only full panels take the vector paths, and only groups that end inside k: the last panel when n
// is not a multiple of nr goes to the scalar packer, and the groups reaching into the zero padding
// to a scalar loop, so nothing is read outside w. Any other (nr, kr) goes to the scalar packer.
#if defined(__wasm_simd128__)
#include "kernels/qs8-packw/qs8-packw.h"

#include <wasm_simd128.h>

namespace {

// Biases (zero without b) and scales of the nr columns from n0, at the start of a panel; returns
// what follows them.
void * panel_head(size_t nr, size_t n0, const float * w_scale, const float * b, void * out) {
    auto * fb = (float *) out;
    for (size_t j = 0; j < nr; j++) {
        fb[j]      = b ? b[n0 + j] : 0.0f;
        fb[nr + j] = w_scale[n0 + j];
    }
    return fb + 2 * nr;
}

// One group of a full panel the scalar way: column j's values p0 .. p0+kr-1, zero from k on.
// w points at the panel's first column.
template <typename WEIGHT>
void pack_group(size_t nr, size_t kr, size_t p0, size_t k, const int8_t * w, size_t c_stride, size_t p_stride,
                WEIGHT * q) {
    for (size_t j = 0; j < nr; j++) {
        for (size_t r = 0; r < kr; r++) q[j * kr + r] = p0 + r < k ? w[j * c_stride + (p0 + r) * p_stride] : 0;
    }
}

int32_t row_sum(const int8_t * r, size_t k) {
    v128_t acc = wasm_i32x4_splat(0);
    size_t p   = 0;
    for (; p + 16 <= k; p += 16) {
        acc = wasm_i32x4_add(acc, wasm_i32x4_extadd_pairwise_i16x8(wasm_i16x8_extadd_pairwise_i8x16(wasm_v128_load(r + p))));
    }
    int32_t s = wasm_i32x4_extract_lane(acc, 0) + wasm_i32x4_extract_lane(acc, 1) + wasm_i32x4_extract_lane(acc, 2) +
                wasm_i32x4_extract_lane(acc, 3);
    for (; p < k; p++) s += r[p];
    return s;
}

// Rows r0..r3 hold 4 groups of 4 bytes each (one 32-bit lane per group): out[g] = lane g of every
// row, i.e. a 4x4 transpose of 32-bit lanes.
void transpose_4x4_i32(v128_t r0, v128_t r1, v128_t r2, v128_t r3, v128_t out[4]) {
    const v128_t t0 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7);
    const v128_t t2 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5), t3 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
    out[0] = wasm_i64x2_shuffle(t0, t2, 0, 2);
    out[1] = wasm_i64x2_shuffle(t0, t2, 1, 3);
    out[2] = wasm_i64x2_shuffle(t1, t3, 0, 2);
    out[3] = wasm_i64x2_shuffle(t1, t3, 1, 3);
}

// Bytes c0..c7 of row a and of row b interleaved: a0 b0 a1 b1 ... a7 b7.
v128_t zip_bytes(v128_t a, v128_t b) {
    return wasm_i8x16_shuffle(a, b, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
}

// The panel loop of every packer here: full panels of NR columns through `init` (the nr initial
// sums of qu7 panels, if any: returns where the weights start) and `vector` (the groups that end
// inside k: returns the first k it left), the rest of each panel's groups the scalar way, and a
// last partial panel through `scalar(n, w, w_scale, b, out)`, the scalar packer.
template <typename WEIGHT, size_t NR, size_t KR, class Init, class Vector, class Scalar>
void pack_panels(size_t n, size_t k, const int8_t * w, size_t c_stride, size_t p_stride, const float * w_scale,
                 const float * b, void * packed, size_t panel_bytes, Init init, Vector vector, Scalar scalar) {
    const size_t kc  = (k + 7) / 8 * 8;
    auto *       out = (uint8_t *) packed;
    size_t       n0  = 0;
    for (; n0 + NR <= n; n0 += NR, out += panel_bytes) {
        const int8_t * cols = w + n0 * c_stride;
        auto *         q    = (WEIGHT *) init(cols, panel_head(NR, n0, w_scale, b, out));
        for (size_t p0 = vector(cols, q); p0 < kc; p0 += KR) pack_group(NR, KR, p0, k, cols, c_stride, p_stride, q + p0 * NR);
    }
    if (n0 < n) scalar(n - n0, w + n0 * c_stride, w_scale + n0, b ? b + n0 : nullptr, out);
}

void * no_init_sums(const int8_t *, void * weights) { return weights; }

} // namespace

extern "C" void mab_qs8_packw_gemm_goi_qu7_ukernel_x8c4__wasmsimd(size_t nr, size_t kr, size_t n, size_t k,
                                                                 const int8_t * w, const float * w_scale,
                                                                 const float * b, void * packed) {
    if (nr != 8 || kr != 4) {
        mab_qs8_packw_gemm_goi_qu7_ukernel__scalar(nr, kr, n, k, w, w_scale, b, packed);
        return;
    }
    const auto init = [k](const int8_t * rows, void * sums) {
        auto * s = (int32_t *) sums;
        for (size_t j = 0; j < 8; j++) s[j] = -64 * row_sum(rows + j * k, k); // see the scalar packer
        return (void *) (s + 8);
    };
    const auto vector = [k](const int8_t * rows, int8_t * q) {
        size_t p0 = 0;
        for (; p0 + 16 <= k; p0 += 16) {
            v128_t lo[4], hi[4];
            transpose_4x4_i32(wasm_v128_load(rows + p0), wasm_v128_load(rows + k + p0), wasm_v128_load(rows + 2 * k + p0),
                              wasm_v128_load(rows + 3 * k + p0), lo);
            transpose_4x4_i32(wasm_v128_load(rows + 4 * k + p0), wasm_v128_load(rows + 5 * k + p0),
                              wasm_v128_load(rows + 6 * k + p0), wasm_v128_load(rows + 7 * k + p0), hi);
            for (size_t g = 0; g < 4; g++) {
                wasm_v128_store(q + (p0 + 4 * g) * 8, lo[g]);
                wasm_v128_store(q + (p0 + 4 * g) * 8 + 16, hi[g]);
            }
        }
        return p0;
    };
    pack_panels<int8_t, 8, 4>(n, k, w, k, 1, w_scale, b, packed, mab_qs8_packw_gemm_qu7_panel_bytes(8, k), init, vector,
                              [k](size_t rest, const int8_t * w0, const float * s0, const float * b0, void * out) {
                                  mab_qs8_packw_gemm_goi_qu7_ukernel__scalar(8, 4, rest, k, w0, s0, b0, out);
                              });
}

extern "C" void mab_qs8_packw_gemm_gio_qu7_unshifted_ukernel_x8c4__wasmsimd(size_t nr, size_t kr, size_t n, size_t k,
                                                                           const int8_t * w, size_t ldw,
                                                                           const float * w_scale, const float * b,
                                                                           void * packed) {
    if (nr != 8 || kr != 4) {
        mab_qs8_packw_gemm_gio_qu7_unshifted_ukernel__scalar(nr, kr, n, k, w, ldw, w_scale, b, packed);
        return;
    }
    const auto init = [](const int8_t *, void * sums) {
        auto * s = (int32_t *) sums;
        for (size_t j = 0; j < 8; j++) s[j] = 0;
        return (void *) (s + 8);
    };
    const auto vector = [k, ldw](const int8_t * cols, int8_t * q) {
        size_t p0 = 0;
        for (; p0 + 4 <= k; p0 += 4) {
            const int8_t * r   = cols + p0 * ldw;
            const v128_t   z01 = zip_bytes(wasm_v128_load64_zero(r), wasm_v128_load64_zero(r + ldw));
            const v128_t   z23 = zip_bytes(wasm_v128_load64_zero(r + 2 * ldw), wasm_v128_load64_zero(r + 3 * ldw));
            // Pairs (16-bit lanes) of z01 and z23 interleaved: column c's 4 values together.
            wasm_v128_store(q + p0 * 8, wasm_i16x8_shuffle(z01, z23, 0, 8, 1, 9, 2, 10, 3, 11));
            wasm_v128_store(q + p0 * 8 + 16, wasm_i16x8_shuffle(z01, z23, 4, 12, 5, 13, 6, 14, 7, 15));
        }
        return p0;
    };
    pack_panels<int8_t, 8, 4>(n, k, w, 1, ldw, w_scale, b, packed, mab_qs8_packw_gemm_qu7_panel_bytes(8, k), init, vector,
                              [k, ldw](size_t rest, const int8_t * w0, const float * s0, const float * b0, void * out) {
                                  mab_qs8_packw_gemm_gio_qu7_unshifted_ukernel__scalar(8, 4, rest, k, w0, ldw, s0, b0, out);
                              });
}

extern "C" void mab_qs8_packw_gemm_goi_ukernel_x4c8__wasmsimd(size_t nr, size_t kr, size_t n, size_t k, const int8_t * w,
                                                             const float * w_scale, const float * b, void * packed) {
    if (nr != 4 || kr != 8) {
        mab_qs8_packw_gemm_goi_ukernel__scalar(nr, kr, n, k, w, w_scale, b, packed);
        return;
    }
    const auto vector = [k](const int8_t * rows, int16_t * q) {
        size_t p0 = 0;
        for (; p0 + 8 <= k; p0 += 8) {
            for (size_t j = 0; j < 4; j++) wasm_v128_store(q + p0 * 4 + j * 8, wasm_i16x8_load8x8(rows + j * k + p0));
        }
        return p0;
    };
    pack_panels<int16_t, 4, 8>(n, k, w, k, 1, w_scale, b, packed, mab_qs8_packw_gemm_panel_bytes(4, k), no_init_sums,
                               vector, [k](size_t rest, const int8_t * w0, const float * s0, const float * b0, void * out) {
                                   mab_qs8_packw_gemm_goi_ukernel__scalar(4, 8, rest, k, w0, s0, b0, out);
                               });
}

extern "C" void mab_qs8_packw_gemm_gio_ukernel_x4c8__wasmsimd(size_t nr, size_t kr, size_t n, size_t k, const int8_t * w,
                                                             size_t ldw, const float * w_scale, const float * b,
                                                             void * packed) {
    if (nr != 4 || kr != 8) {
        mab_qs8_packw_gemm_gio_ukernel__scalar(nr, kr, n, k, w, ldw, w_scale, b, packed);
        return;
    }
    const auto vector = [k, ldw](const int8_t * cols, int16_t * q) {
        size_t p0 = 0;
        for (; p0 + 8 <= k; p0 += 8) {
            const int8_t * r = cols + p0 * ldw;
            v128_t         z[4];
            for (size_t i = 0; i < 4; i++) {
                z[i] = zip_bytes(wasm_v128_load32_zero(r + 2 * i * ldw), wasm_v128_load32_zero(r + (2 * i + 1) * ldw));
            }
            // Rows 0-3 and rows 4-7 of each column together (16-bit pairs), then the two halves of
            // each column side by side (32-bit lanes): columns 0, 1 in lo and 2, 3 in hi, 8 bytes each.
            const v128_t a  = wasm_i16x8_shuffle(z[0], z[1], 0, 8, 1, 9, 2, 10, 3, 11);
            const v128_t c  = wasm_i16x8_shuffle(z[2], z[3], 0, 8, 1, 9, 2, 10, 3, 11);
            const v128_t lo = wasm_i32x4_shuffle(a, c, 0, 4, 1, 5), hi = wasm_i32x4_shuffle(a, c, 2, 6, 3, 7);
            wasm_v128_store(q + p0 * 4, wasm_i16x8_extend_low_i8x16(lo));
            wasm_v128_store(q + p0 * 4 + 8, wasm_i16x8_extend_high_i8x16(lo));
            wasm_v128_store(q + p0 * 4 + 16, wasm_i16x8_extend_low_i8x16(hi));
            wasm_v128_store(q + p0 * 4 + 24, wasm_i16x8_extend_high_i8x16(hi));
        }
        return p0;
    };
    pack_panels<int16_t, 4, 8>(n, k, w, 1, ldw, w_scale, b, packed, mab_qs8_packw_gemm_panel_bytes(4, k), no_init_sums,
                               vector, [k, ldw](size_t rest, const int8_t * w0, const float * s0, const float * b0, void * out) {
                                   mab_qs8_packw_gemm_gio_ukernel__scalar(4, 8, rest, k, w0, ldw, s0, b0, out);
                               });
}

#endif // __wasm_simd128__
