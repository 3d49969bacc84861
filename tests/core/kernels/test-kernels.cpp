// Every kernel built into this binary against the scalar reference: the micro-kernels listed in
// the family .inc files (natively the -scalar rows) and every backend of all_backends() (natively
// xnnpack and scalar), f32 and int8, on named edge cases (kernel-cases.h, shared with
// test-kernels-wasm.cpp).
#define BOOST_TEST_MODULE kernels
#include <boost/test/unit_test.hpp>

#include "core/kernels/kernel-cases.h"

#include <cstring>

namespace {

void report(const kernel_cases::checker & c) { BOOST_CHECK_MESSAGE(c.failures == 0, c.report()); }

} // namespace

BOOST_AUTO_TEST_SUITE(f32_gemm)

BOOST_AUTO_TEST_CASE(every_ukernel_in_inc) {
    const auto list = kernel_cases::gemm_ukernels();
    BOOST_REQUIRE(!list.empty());
    for (const auto & uk : list) kernel_cases::gemm_ukernel_cases(uk, report);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(qs8_gemm)

BOOST_AUTO_TEST_CASE(every_ukernel_in_inc) {
    const auto list = kernel_cases::qgemm_ukernels();
    BOOST_REQUIRE(!list.empty());
    for (const auto & uk : list) kernel_cases::qgemm_ukernel_cases(uk, report);
}

BOOST_AUTO_TEST_CASE(qu7_pair_packw) { kernel_cases::qu7_pair_packw_cases(report); }
BOOST_AUTO_TEST_CASE(quantize_ukernels_in_inc) { kernel_cases::quantize_ukernel_cases(report); }
BOOST_AUTO_TEST_CASE(vcvt_ukernels_in_inc) { kernel_cases::vcvt_ukernel_cases(report); }

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(row_ukernels)

BOOST_AUTO_TEST_CASE(layernorm_and_softmax_ukernels_in_inc) { kernel_cases::row_ukernel_cases(report); }
BOOST_AUTO_TEST_CASE(x32_packw_layouts) { kernel_cases::packw_cases(report); }

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(backends)

BOOST_AUTO_TEST_CASE(every_backend_against_reference) {
    size_t tested = 0;
    for (const mab::kernel_backend * const * be = mab::all_backends(); *be; be++) {
        if (strcmp((*be)->name, "reference") == 0) continue;
        BOOST_TEST_MESSAGE("backend " << (*be)->name);
        kernel_cases::backend_cases(*be, report);
        tested++;
    }
    BOOST_TEST(tested >= 1u); // at least the portable scalar backend
}

BOOST_AUTO_TEST_CASE(every_backend_int8_linear) {
    size_t tested = 0;
    for (const mab::kernel_backend * const * be = mab::all_backends(); *be; be++) {
        if (!(*be)->linear_create_q8) {
            BOOST_TEST_MESSAGE("backend " << (*be)->name << ": no int8 GEMM (the loader dequantizes)");
            continue;
        }
        kernel_cases::q8_backend_cases(*be, report);
        tested++;
    }
    BOOST_TEST(tested >= 2u); // at least reference and scalar
}

BOOST_AUTO_TEST_CASE(int8_attention_definition) {
    struct att { size_t L, nh, dh; int32_t qmax; kernel_cases::mask_kind mk; };
    const att atts[] = {{1, 1, 8, 127, kernel_cases::MASK_NONE},   {37, 2, 12, 63, kernel_cases::MASK_HOLES},
                        {20, 3, 70, 127, kernel_cases::MASK_NONE}, {9, 2, 5, 63, kernel_cases::MASK_ALL},
                        {130, 1, 64, 127, kernel_cases::MASK_HOLES}};
    for (const auto & t : atts) {
        kernel_cases::checker c("ref/attention_q8 (L=" + std::to_string(t.L) + ", heads=" + std::to_string(t.nh) +
                                ", dh=" + std::to_string(t.dh) + ", qmax=" + std::to_string(t.qmax) + ")");
        kernel_cases::attention_q8_definition_case(c, t.L, t.nh, t.dh, t.qmax, t.mk);
        report(c);
    }
}

BOOST_AUTO_TEST_CASE(auto_picks_first_backend) {
    BOOST_TEST(mab::find_backend("auto") == mab::all_backends()[0]);
    BOOST_TEST(mab::find_backend("scalar") == mab::scalar_backend());
#if defined(MAB_WITH_XNNPACK)
    BOOST_TEST(mab::find_backend(nullptr) == mab::xnnpack_backend());
#endif
    BOOST_TEST(mab::find_backend("wasmsimd-typo") == nullptr);
    BOOST_TEST(mab::last_error().find("wasmsimd-typo") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
