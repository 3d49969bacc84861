#!/usr/bin/env python3
"""Writes f32-gemm.inc and one f32-gemm-<tile>-<isa>[-<variant>].cpp per row of KERNELS, each
instantiating f32-gemm-scalar.h or f32-gemm-wasmsimd.h. Run from anywhere: python3 generate.py"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from gemm_generate import EPILOGUE, write_family  # noqa: E402 (core/kernels/gemm_generate.py)

# (tile, isa, variant, mr, nr, fma, loadsplat, epilogues); production rows carry all three epilogues.
KERNELS = [
    ("4x8", "scalar", "", 4, 8, None, None, ["minmax", "gelu", "gelutanh"]),
    ("4x8", "wasmsimd", "splat", 4, 8, False, False, ["minmax"]),
    ("4x8", "wasmsimd", "loadsplat", 4, 8, False, True, ["minmax"]),
    ("6x8", "wasmsimd", "splat", 6, 8, False, False, ["minmax", "gelu", "gelutanh"]),
    ("6x8", "wasmsimd", "loadsplat", 6, 8, False, True, ["minmax"]),
    ("4x16", "wasmsimd", "loadsplat", 4, 16, False, True, ["minmax"]),
    ("2x16", "wasmsimd", "loadsplat", 2, 16, False, True, ["minmax", "gelu", "gelutanh"]),
    ("4x8", "wasmrelaxedsimd", "fma-splat", 4, 8, True, False, ["minmax"]),
    ("6x8", "wasmrelaxedsimd", "fma-splat", 6, 8, True, False, ["minmax", "gelu", "gelutanh"]),
    ("6x8", "wasmrelaxedsimd", "fma-loadsplat", 6, 8, True, True, ["minmax"]),
    ("4x16", "wasmrelaxedsimd", "fma-loadsplat", 4, 16, True, True, ["minmax"]),
    ("2x16", "wasmrelaxedsimd", "fma-loadsplat", 2, 16, True, True, ["minmax", "gelu", "gelutanh"]),
]
WRAPPER = """
extern "C" void {fn}(size_t mr, size_t nc, size_t kc, const float * a, size_t a_stride,
    const float * w, float * c, size_t cm_stride, size_t cn_stride, const mab_f32_minmax_params * params) {{
    {call}(mr, nc, kc, a, a_stride, w, c, cm_stride, cn_stride, params);
}}
"""


def call(isa, mr, nr, fma, loadsplat, epilogue):
    if isa == "scalar":
        return f"mab_f32_gemm_scalar<{mr}, {nr}, {epilogue}>"
    return (f"mab_f32_gemm_wasmsimd<{mr}, {nr}, /*FMA=*/{str(fma).lower()}, "
            f"/*LOADSPLAT=*/{str(loadsplat).lower()}, {epilogue}>")


def main():
    kernels = []
    for tile, isa, variant, mr, nr, fma, loadsplat, epilogues in KERNELS:
        template = "f32-gemm-scalar.h" if isa == "scalar" else "f32-gemm-wasmsimd.h"
        calls = {e: call(isa, mr, nr, fma, loadsplat, EPILOGUE[e]) for e in epilogues}
        kernels.append((tile, isa, variant, template, (mr, nr), calls))
    write_family("f32-gemm",
                 ["// Every f32 GEMM micro-kernel, one row each:",
                  "//   MAB_UKERNEL(isa, ukernel, mr, nr, epilogue, pack routine)",
                  "// Tests (tests/core/kernels/kernel-cases.h) and benchmarks (bench-kernels.cpp) expand this",
                  "// list; core/kernels/wasmsimd/ukernel-backend.cpp uses the rows with all three epilogues."],
                 WRAPPER, "mab_x32_packw_gemm_goi_ukernel__scalar", kernels)


if __name__ == "__main__":
    main()
