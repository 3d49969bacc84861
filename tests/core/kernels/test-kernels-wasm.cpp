// The kernel tests for WebAssembly builds (Boost.Test is not available to em++): the same cases as
// test-kernels.cpp (kernel-cases.h), run over every micro-kernel and backend this module was built
// with (-msimd128: wasmsimd + scalar; -mrelaxed-simd adds wasmrelaxedsimd), f32 and int8. Prints one line per
// failing case and a summary; exits non-zero on any mismatch. Run by ctest (label wasm) under Node.
#include "core/kernels/kernel-cases.h"

#include <cstdio>
#include <cstring>

int main() {
    size_t cases = 0, failed = 0;
    auto run = [&](const kernel_cases::checker & c) {
        cases++;
        if (c.failures) {
            failed++;
            printf("FAIL %s\n", c.report().c_str());
        }
    };
    for (const auto & uk : kernel_cases::gemm_ukernels()) kernel_cases::gemm_ukernel_cases(uk, run);
    for (const auto & uk : kernel_cases::qgemm_ukernels()) kernel_cases::qgemm_ukernel_cases(uk, run);
    kernel_cases::quantize_ukernel_cases(run);
    kernel_cases::vcvt_ukernel_cases(run);
    kernel_cases::row_ukernel_cases(run);
    kernel_cases::packw_cases(run);
    kernel_cases::qs8_packw_cases(run);
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
