#include "kernels/qs8-packw/qs8-packw.h"

#include <initializer_list>

// One panel loop for every layout: WEIGHT is the stored weight type (int16 for qs8-gemm, int8 for
// qs8-qu7-gemm); INIT_SUMS adds the qu7 panel's nr int32 initial sums after the scales, -SHIFT·Σw.
// Weight p of column c is w[c·c_stride + p·p_stride] (goi: c_stride k, p_stride 1; gio: 1, ldw).
template <typename WEIGHT, bool INIT_SUMS, int32_t SHIFT = 0>
static void pack(size_t nr, size_t kr, size_t n, size_t k, const int8_t * w, size_t c_stride, size_t p_stride,
                 const float * w_scale, const float * b, void * packed) {
    const size_t kc = (k + 7) / 8 * 8;
    auto * out = (uint8_t *) packed;
    for (size_t n0 = 0; n0 < n; n0 += nr) {
        float *   fb   = (float *) out; // biases, then scales
        int32_t * init = (int32_t *) (fb + 2 * nr);
        for (size_t j = 0; j < nr; j++) {
            const size_t c = n0 + j;
            fb[j]      = c < n && b ? b[c] : 0.0f;
            fb[nr + j] = c < n ? w_scale[c] : 0.0f;
            if (INIT_SUMS) {
                // The activations arrive as q + SHIFT: this takes SHIFT·Σ_p w[c][p] back out of every
                // sum (the padding's zero weights add nothing to it).
                int32_t sum = 0;
                for (size_t p = 0; SHIFT != 0 && c < n && p < k; p++) sum += w[c * c_stride + p * p_stride];
                init[j] = -SHIFT * sum;
            }
        }
        auto * q = (WEIGHT *) (INIT_SUMS ? (void *) (init + nr) : (void *) init);
        for (size_t p0 = 0; p0 < kc; p0 += kr) {
            const size_t kn = k > p0 ? (k - p0 < kr ? k - p0 : kr) : 0; // weights of this group inside k
            for (size_t j = 0; j < nr; j++, q += kr) {
                const size_t c = n0 + j;
                size_t       r = 0;
                if (c < n && kn) { // src is formed only where it points inside w
                    const int8_t * src = w + c * c_stride + p0 * p_stride;
                    for (; r < kn; r++) q[r] = src[r * p_stride];
                }
                for (; r < kr; r++) q[r] = 0;
            }
        }
        out = (uint8_t *) q;
    }
}

extern "C" void mab_qs8_packw_gemm_goi_ukernel__scalar(size_t nr, size_t kr, size_t n, size_t k, const int8_t * w,
                                                      const float * w_scale, const float * b, void * packed) {
    pack<int16_t, false>(nr, kr, n, k, w, k, 1, w_scale, b, packed);
}

extern "C" void mab_qs8_packw_gemm_goi_qu7_ukernel__scalar(size_t nr, size_t kr, size_t n, size_t k, const int8_t * w,
                                                          const float * w_scale, const float * b, void * packed) {
    pack<int8_t, true, 64>(nr, kr, n, k, w, k, 1, w_scale, b, packed);
}

extern "C" void mab_qs8_packw_gemm_gio_ukernel__scalar(size_t nr, size_t kr, size_t n, size_t k, const int8_t * w,
                                                      size_t ldw, const float * w_scale, const float * b, void * packed) {
    pack<int16_t, false>(nr, kr, n, k, w, 1, ldw, w_scale, b, packed);
}

extern "C" void mab_qs8_packw_gemm_gio_qu7_unshifted_ukernel__scalar(size_t nr, size_t kr, size_t n, size_t k,
                                                                    const int8_t * w, size_t ldw,
                                                                    const float * w_scale, const float * b,
                                                                    void * packed) {
    pack<int8_t, true, 0>(nr, kr, n, k, w, 1, ldw, w_scale, b, packed);
}

// ---- pair-summed qu7 panels (qs8-qu7-gemm.h) --------------------------------------------------

// Visits every int16 lane of the dot2 kernels over the weights of column c (goi, k rows): lane
// (s, h) sums rows 8s+2h, 8s+2h+1 (group 2s) and 8s+4+2h, 8s+4+2h+1 (group 2s+1); rows past k are
// zero. visit(p[4], moved) gets the lane's rows and the mask of those whose weights go to fixes:
// while the weights of one sign sum past MAB_QU7_PAIR_MAX_SUM in magnitude, the largest of them.
template <class Visit>
static void pair_lanes(const int8_t * wc, size_t k, Visit visit) {
    for (size_t s = 0; s < (k + 7) / 8; s++) {
        for (size_t h = 0; h < 2; h++) {
            const size_t p[4] = {8 * s + 2 * h, 8 * s + 2 * h + 1, 8 * s + 4 + 2 * h, 8 * s + 5 + 2 * h};
            int32_t      q[4];
            for (size_t i = 0; i < 4; i++) q[i] = p[i] < k ? wc[p[i]] : 0;
            unsigned moved = 0;
            for (const int32_t sign : {1, -1}) {
                int32_t sum = 0;
                for (size_t i = 0; i < 4; i++) sum += sign * q[i] > 0 ? sign * q[i] : 0;
                while (sum > MAB_QU7_PAIR_MAX_SUM) {
                    size_t big = 4;
                    for (size_t i = 0; i < 4; i++) {
                        if (!(moved >> i & 1) && sign * q[i] > 0 && (big == 4 || sign * q[i] > sign * q[big])) big = i;
                    }
                    moved |= 1u << big;
                    sum -= sign * q[big];
                }
            }
            visit(p, moved);
        }
    }
}

static size_t pair_fixes(const int8_t * wc, size_t k) {
    size_t n = 0;
    pair_lanes(wc, k, [&](const size_t *, unsigned moved) { n += (size_t) __builtin_popcount(moved); });
    return n;
}

extern "C" uint64_t mab_qs8_packw_gemm_goi_qu7_pair_size(size_t nr, size_t, size_t n, size_t k, const int8_t * w) {
    uint64_t fixes = 0;
    for (size_t c = 0; c < n; c++) fixes += pair_fixes(w + c * k, k);
    return (uint64_t) ((n + nr - 1) / nr) * mab_qs8_packw_gemm_qu7_pair_panel_bytes(nr, k) +
           fixes * sizeof(mab_qu7_pair_fix);
}

extern "C" void mab_qs8_packw_gemm_goi_qu7_pair_ukernel__scalar(size_t nr, size_t kr, size_t n, size_t k,
                                                               const int8_t * w, const float * w_scale,
                                                               const float * b, void * packed) {
    const size_t panel_bytes = mab_qs8_packw_gemm_qu7_pair_panel_bytes(nr, k);
    auto *       out         = (uint8_t *) packed;
    auto *       fix         = (mab_qu7_pair_fix *) (out + (n + nr - 1) / nr * panel_bytes);
    for (size_t n0 = 0; n0 < n; n0 += nr, out += panel_bytes) {
        const size_t nc = n - n0 < nr ? n - n0 : nr;
        mab_qs8_packw_gemm_goi_qu7_ukernel__scalar(nr, kr, nc, k, w + n0 * k, w_scale + n0, b ? b + n0 : nullptr, out);
        auto * q       = out + mab_qs8_packw_gemm_qu7_panel_bytes(nr, 0);
        auto * trailer = (int32_t *) (out + mab_qs8_packw_gemm_qu7_panel_bytes(nr, k));
        trailer[0] = (int32_t) ((uint8_t *) fix - out);
        trailer[1] = trailer[2] = trailer[3] = 0;
        for (size_t c = 0; c < nc; c++) {
            pair_lanes(w + (n0 + c) * k, k, [&](const size_t * p, unsigned moved) {
                for (size_t i = 0; i < 4; i++) {
                    if (!(moved >> i & 1)) continue;
                    *fix++ = {(uint32_t) p[i], (uint16_t) c, (int16_t) w[(n0 + c) * k + p[i]]};
                    q[p[i] / kr * nr * kr + c * kr + p[i] % kr] = 0;
                    trailer[1]++;
                }
            });
        }
    }
}
