// The multiply-add rate of the x86 instructions V8 turns the wasm int8 dot products into, on this
// CPU, natively: i32x4.dot_i16x8_s is one PMADDWD (8 multiply-adds); relaxed SIMD's
// i32x4.relaxed_dot_i8x16_i7x16_add_s is PMADDUBSW + PMADDWD (16 multiply-adds in two
// multiplies) when the CPU has no VNNI. Prints GMAC/s of process CPU time for each; if the second is
// not clearly higher, relaxed SIMD cannot make the int8 GEMM faster on this CPU (README, "Speed").
// Independent accumulators hide latency; an empty asm on one operand per round keeps the compiler
// from hoisting the products out of the loop.
#include <immintrin.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>

static double cpu_seconds() {
    timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double) t.tv_sec + 1e-9 * (double) t.tv_nsec;
}

int main(int argc, char ** argv) {
    const long rounds = argc > 1 ? atol(argv[1]) : 200000000;
    const __m128i a0 = _mm_set1_epi16(3), a1 = _mm_set1_epi16(5), a2 = _mm_set1_epi16(7), ones = _mm_set1_epi16(1);
    __m128i b = _mm_set1_epi16(1), c = _mm_set1_epi16(2);
    __m128i acc[6];
    for (auto & x : acc) x = _mm_setzero_si128();

    double t = cpu_seconds();
    for (long r = 0; r < rounds; r++) {
        __asm__ volatile("" : "+x"(b), "+x"(c));
        acc[0] = _mm_add_epi32(acc[0], _mm_madd_epi16(a0, b));
        acc[1] = _mm_add_epi32(acc[1], _mm_madd_epi16(a1, b));
        acc[2] = _mm_add_epi32(acc[2], _mm_madd_epi16(a2, b));
        acc[3] = _mm_add_epi32(acc[3], _mm_madd_epi16(a0, c));
        acc[4] = _mm_add_epi32(acc[4], _mm_madd_epi16(a1, c));
        acc[5] = _mm_add_epi32(acc[5], _mm_madd_epi16(a2, c));
    }
    const double dot16 = 6.0 * 8.0 * (double) rounds / (cpu_seconds() - t) / 1e9;

    t = cpu_seconds();
    for (long r = 0; r < rounds; r++) {
        __asm__ volatile("" : "+x"(b), "+x"(c));
        acc[0] = _mm_add_epi32(acc[0], _mm_madd_epi16(_mm_maddubs_epi16(b, a0), ones));
        acc[1] = _mm_add_epi32(acc[1], _mm_madd_epi16(_mm_maddubs_epi16(b, a1), ones));
        acc[2] = _mm_add_epi32(acc[2], _mm_madd_epi16(_mm_maddubs_epi16(c, a2), ones));
    }
    const double relaxed = 3.0 * 16.0 * (double) rounds / (cpu_seconds() - t) / 1e9;

    __m128i sum = acc[0];
    for (int i = 1; i < 6; i++) sum = _mm_add_epi32(sum, acc[i]);
    printf("PMADDWD (i32x4.dot_i16x8_s): %.1f GMAC/s\n", dot16);
    printf("PMADDUBSW + PMADDWD (relaxed_dot_i8x16_i7x16_add_s without VNNI): %.1f GMAC/s\n", relaxed);
    printf("(checksum %d)\n", _mm_cvtsi128_si32(sum));
    return 0;
}
