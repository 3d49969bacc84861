// The multiply-add rate of the x86 instructions V8 turns the wasm int8 dot products into, on this
// CPU, natively: i32x4.dot_i16x8_s is one PMADDWD (8 multiply-adds); relaxed SIMD's
// i32x4.relaxed_dot_i8x16_i7x16_add_s is PMADDUBSW + PMADDWD (16 multiply-adds in two
// multiplies) when the CPU has no VNNI. Prints GMAC/s of process CPU time for each; if the second is
// not clearly higher, relaxed SIMD cannot make the int8 GEMM faster on this CPU (README, "The
// SIMD128 int8 ceiling").
//
// V8 emits the three-operand VEX forms on a CPU with AVX, so the loops use them (the two-operand SSE
// forms need register copies). Three loops:
// - the instruction pair alone, six independent accumulators, in asm so that nothing else runs;
// - the same for the relaxed dot (four accumulators);
// - the body of the SIMD128 int8 GEMM as it runs (qs8-gemm 2x4c8 dot16): per 8 k, each of 2 rows
//   loads 8 activations widened to int16, and each of 4 columns multiplies one loaded weight vector
//   with both rows, operands from L1. What a real kernel can reach with its loads.
#include <immintrin.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace {

double cpu_seconds() {
    timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double) t.tv_sec + 1e-9 * (double) t.tv_nsec;
}

struct rates {
    double dot16, relaxed, kernel;
    int    checksum;
};

// 2 rows of K int8 activations and 4 columns of K int16 weights, packed as the 2x4c8 kernel reads
// them (per 8 k: column 0..3, 8 weights each): 8 KiB, in L1.
constexpr int K = 1024;
alignas(64) int8_t  g_a[2][K];
alignas(64) int16_t g_w[K * 4];

// Six independent vpmaddwd + vpaddd pairs per round on registers (the relaxed loop: four triples).
// Written out, as a compiler adds register copies to such a loop (GCC 12: three per round).
#define MAB_PAIR(tmp, acc) "vpmaddwd %[w], %[x], %%xmm" #tmp "\n\tvpaddd %%xmm" #tmp ", %%xmm" #acc ", %%xmm" #acc "\n\t"
#define MAB_RELAXED(tmp, acc)                                                                   \
    "vpmaddubsw %[w], %[x], %%xmm" #tmp "\n\tvpmaddwd %[ones], %%xmm" #tmp ", %%xmm" #tmp "\n\t" \
    "vpaddd %%xmm" #tmp ", %%xmm" #acc ", %%xmm" #acc "\n\t"

__attribute__((target("avx"))) rates run(long rounds) {
    rates r{};
    const __m128i w = _mm_set1_epi16(3), ones = _mm_set1_epi16(1), x = _mm_set1_epi16(0x0102);

    double t = cpu_seconds();
    for (long i = 0; i < rounds; i++) {
        __asm__ volatile(MAB_PAIR(0, 8) MAB_PAIR(1, 9) MAB_PAIR(2, 10) MAB_PAIR(3, 11)
                         MAB_PAIR(4, 12) MAB_PAIR(5, 13)
                         : : [x] "x"(x), [w] "x"(w)
                         : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm8", "xmm9", "xmm10", "xmm11",
                           "xmm12", "xmm13");
    }
    r.dot16 = 6.0 * 8.0 * (double) rounds / (cpu_seconds() - t) / 1e9;

    t = cpu_seconds();
    for (long i = 0; i < rounds; i++) {
        __asm__ volatile(MAB_RELAXED(0, 8) MAB_RELAXED(1, 9) MAB_RELAXED(2, 10) MAB_RELAXED(3, 11)
                         : : [x] "x"(x), [w] "x"(w), [ones] "x"(ones)
                         : "xmm0", "xmm1", "xmm2", "xmm3", "xmm8", "xmm9", "xmm10", "xmm11");
    }
    r.relaxed = 4.0 * 16.0 * (double) rounds / (cpu_seconds() - t) / 1e9;

    __m128i acc[8];
    for (auto & v : acc) v = _mm_setzero_si128();
    const long passes = rounds / (K / 8) + 1;
    t = cpu_seconds();
    for (long p = 0; p < passes; p++) {
        const int16_t * wp = g_w;
        for (int k = 0; k < K; k += 8) {
            const __m128i x0 = _mm_cvtepi8_epi16(_mm_loadl_epi64((const __m128i *) (g_a[0] + k)));
            const __m128i x1 = _mm_cvtepi8_epi16(_mm_loadl_epi64((const __m128i *) (g_a[1] + k)));
            for (int j = 0; j < 4; j++) {
                const __m128i wj = _mm_load_si128((const __m128i *) (wp + 8 * j));
                acc[j]     = _mm_add_epi32(acc[j], _mm_madd_epi16(x0, wj));
                acc[4 + j] = _mm_add_epi32(acc[4 + j], _mm_madd_epi16(x1, wj));
            }
            wp += 32;
        }
        __asm__ volatile("" ::: "memory");
    }
    r.kernel = 64.0 * (double) (K / 8) * (double) passes / (cpu_seconds() - t) / 1e9;

    __m128i sum = acc[0];
    for (int i = 1; i < 8; i++) sum = _mm_add_epi32(sum, acc[i]);
    r.checksum = _mm_cvtsi128_si32(sum);
    return r;
}

#undef MAB_PAIR
#undef MAB_RELAXED

} // namespace

int main(int argc, char ** argv) {
    const long rounds = argc > 1 ? atol(argv[1]) : 200000000;
    for (int i = 0; i < 2; i++) {
        for (int p = 0; p < K; p++) g_a[i][p] = (int8_t) (p * 7 + i * 13 - 64);
    }
    for (int p = 0; p < K * 4; p++) g_w[p] = (int16_t) ((p * 5) % 255 - 127);
    if (!__builtin_cpu_supports("avx")) {
        printf("this CPU has no AVX: V8 emits the two-operand SSE forms here, which this benchmark does not time\n");
        return 0;
    }
    const rates r = run(rounds);
    printf("PMADDWD (i32x4.dot_i16x8_s): %.1f GMAC/s\n", r.dot16);
    printf("PMADDUBSW + PMADDWD (relaxed_dot_i8x16_i7x16_add_s without VNNI): %.1f GMAC/s\n", r.relaxed);
    printf("SIMD128 2x4c8 dot16 GEMM body, loads included (operands in L1): %.1f GMAC/s\n", r.kernel);
    printf("(checksum %d)\n", r.checksum);
    return 0;
}
