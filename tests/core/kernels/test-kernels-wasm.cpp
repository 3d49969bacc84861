// The kernel tests for WebAssembly builds (Boost.Test is not available to em++): the same cases as
// test-kernels.cpp (kernel-cases.h), run over every micro-kernel and backend this module was built
// with (-msimd128: wasmsimd + scalar; -mrelaxed-simd adds wasmrelaxedsimd), f32 and int8. Prints one line per
// failing case and a summary; exits non-zero on any mismatch. Run by ctest (label wasm) under Node.
#include "core/kernels/kernel-cases.h"
#include "kernels/wasmsimd/relaxed-dot.h"

#include <cstdio>
#include <cstring>

int main(int argc, char ** argv) {
    size_t cases = 0, failed = 0;
    auto run = [&](const kernel_cases::checker & c) {
        cases++;
        if (c.failures) {
            failed++;
            printf("FAIL %s\n", c.report().c_str());
        }
    };
    for (const auto & uk : kernel_cases::gemm_ukernels()) kernel_cases::gemm_ukernel_cases(uk, run);
#if defined(__wasm_relaxed_simd__)
    // The dotadd kernels only where the engine computes their instruction right (not under Node 20's
    // baseline compiler: ctest runs this module again without it, test-kernels-wasm-relaxed-turbofan).
    static const char * lowering_names[] = {"wrong", "pairwise (no VNNI)", "unsigned (VNNI)", "signed (SDOT)"};
    const mab_relaxed_dot_add_lowering lowering = mab_relaxed_dot_add_lowering_probe();
    printf("i32x4.relaxed_dot_i8x16_i7x16_add_s: %s\n", lowering_names[lowering]);
#endif
    size_t skipped = 0;
    for (const auto & uk : kernel_cases::qgemm_ukernels()) {
#if defined(__wasm_relaxed_simd__)
        if (lowering == MAB_DOT_ADD_WRONG && strstr(uk.name, "_dotadd")) {
            skipped++;
            continue;
        }
#endif
        kernel_cases::qgemm_ukernel_cases(uk, run);
    }
    if (skipped) {
        printf("skipped %zu dotadd micro-kernels: this engine's dot-add is wrong\n", skipped);
        // Where the engine is known to be right, a wrong dot-add is the wrapper's fault, not a skip.
        if (argc > 1 && strcmp(argv[1], "--require-dot-add") == 0) {
            failed++;
            printf("FAIL i32x4.relaxed_dot_i8x16_i7x16_add_s is wrong on 7-bit operands\n");
        }
    }
    kernel_cases::quantize_ukernel_cases(run);
    kernel_cases::vcvt_ukernel_cases(run);
    kernel_cases::row_ukernel_cases(run);
    kernel_cases::packw_cases(run);
    kernel_cases::qs8_packw_cases(run);
    kernel_cases::qu7_pair_packw_cases(run);
    std::string names;
    for (const mab::kernel_backend * const * be = mab::all_backends(); *be; be++) {
        names += std::string(names.empty() ? "" : ", ") + (*be)->name;
        if (strcmp((*be)->name, "reference") != 0) kernel_cases::backend_cases(*be, run);
        if ((*be)->linear_create_q8) kernel_cases::q8_backend_cases(*be, run);
    }
#if defined(__wasm_relaxed_simd__)
    const char * expected_first = "wasmrelaxedsimd";
#else
    const char * expected_first = "wasmsimd";
#endif
    if (strcmp(mab::find_backend("auto")->name, expected_first) != 0) {
        failed++;
        printf("FAIL auto picks %s, expected %s\n", mab::find_backend("auto")->name, expected_first);
    }
    printf("%zu f32 and %zu int8 gemm micro-kernels, backends: %s\n", kernel_cases::gemm_ukernels().size(),
           kernel_cases::qgemm_ukernels().size(), names.c_str());
    printf("%s: %zu cases, %zu failed\n", failed ? "FAILED" : "OK", cases, failed);
    return failed ? 1 : 0;
}
