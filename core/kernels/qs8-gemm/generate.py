#!/usr/bin/env python3
"""Writes qs8-gemm.inc and one qs8-gemm-<tile>-<isa>[-<variant>].cpp per row of KERNELS, each
instantiating qs8-gemm-scalar.h or qs8-gemm-wasmsimd-dot16.h. Run from anywhere: python3 generate.py"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from gemm_generate import EPILOGUE, write_family  # noqa: E402 (core/kernels/gemm_generate.py)

# (tile, isa, variant, mr, nr, kr, template, epilogues); production rows carry all three epilogues.
KERNELS = [
    ("4x8c2", "scalar", "", 4, 8, 2, "qs8-gemm-scalar.h", ["minmax", "gelu", "gelutanh"]),
    ("4x8c2", "wasmsimd", "dot16", 4, 8, 2, "qs8-gemm-wasmsimd-dot16.h", ["minmax", "gelu", "gelutanh"]),
    ("2x4c8", "wasmsimd", "dot16", 2, 4, 8, "qs8-gemm-wasmsimd-dot16.h", ["minmax", "gelu", "gelutanh"]),
    ("2x8c8", "wasmsimd", "dot16", 2, 8, 8, "qs8-gemm-wasmsimd-dot16.h", ["minmax"]),
]
WRAPPER = """
extern "C" void {fn}(size_t mr, size_t nc, size_t kc, const int8_t * a, size_t a_stride,
    const float * a_scale, const void * w, float * c, size_t cm_stride, size_t cn_stride,
    const mab_f32_minmax_params * params) {{
    {call}(mr, nc, kc, a, a_stride, a_scale, w, c, cm_stride, cn_stride, params);
}}
"""


def call(template, mr, nr, kr, epilogue):
    if template == "qs8-gemm-scalar.h":
        return f"mab_qs8_gemm_scalar<{mr}, {nr}, {kr}, {epilogue}>"
    if kr == 8:
        return f"mab_qs8_gemm_wasmsimd_dot16_c8<{mr}, {nr}, {epilogue}>"
    return f"mab_qs8_gemm_wasmsimd_dot16<{mr}, {epilogue}>"


def main():
    kernels = []
    for tile, isa, variant, mr, nr, kr, template, epilogues in KERNELS:
        calls = {e: call(template, mr, nr, kr, EPILOGUE[e]) for e in epilogues}
        kernels.append((tile, isa, variant, template, (mr, nr, kr), calls))
    write_family("qs8-gemm",
                 ["// Every int8 GEMM micro-kernel, one row each:",
                  "//   MAB_UKERNEL(isa, ukernel, mr, nr, kr, epilogue, pack routine)",
                  "// Tests (tests/core/kernels/kernel-cases.h) and benchmarks (bench-kernels.cpp) expand this",
                  "// list; core/kernels/wasmsimd/ukernel-backend.cpp uses the rows with all three epilogues."],
                 WRAPPER, "mab_qs8_packw_gemm_goi_ukernel__scalar", kernels)


if __name__ == "__main__":
    main()
