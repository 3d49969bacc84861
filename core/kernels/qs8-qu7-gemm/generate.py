#!/usr/bin/env python3
"""Writes qs8-qu7-gemm.inc and one qs8-qu7-gemm-<tile>-<isa>[-<variant>].cpp per row of KERNELS, each
instantiating qs8-qu7-gemm-scalar.h or qs8-qu7-gemm-wasmrelaxedsimd-dot.h (variant dot: the two-step
dot with ones kept in a register; dotadd: i32x4.relaxed_dot_i8x16_i7x16_add_s; dot2: two k groups per
widening, on pair-summed panels; scalar pair: the scalar loops on pair-summed panels). Run from anywhere:
python3 generate.py"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from gemm_generate import EPILOGUE, write_family  # noqa: E402 (core/kernels/gemm_generate.py)

ALL = ["minmax", "gelu", "gelutanh"]
# (tile, isa, variant, mr, nr, kr, template, epilogues); production rows carry all three epilogues.
KERNELS = [
    ("4x8c4", "scalar", "", 4, 8, 4, "qs8-qu7-gemm-scalar.h", ALL),
    ("4x8c4", "scalar", "pair", 4, 8, 4, "qs8-qu7-gemm-scalar.h", ALL),
    ("2x8c4", "wasmrelaxedsimd", "dot", 2, 8, 4, "qs8-qu7-gemm-wasmrelaxedsimd-dot.h", ["minmax"]),
    ("3x8c4", "wasmrelaxedsimd", "dot", 3, 8, 4, "qs8-qu7-gemm-wasmrelaxedsimd-dot.h", ALL),
    ("4x8c4", "wasmrelaxedsimd", "dot", 4, 8, 4, "qs8-qu7-gemm-wasmrelaxedsimd-dot.h", ["minmax"]),
    ("6x8c4", "wasmrelaxedsimd", "dot", 6, 8, 4, "qs8-qu7-gemm-wasmrelaxedsimd-dot.h", ["minmax"]),
    ("2x16c4", "wasmrelaxedsimd", "dot", 2, 16, 4, "qs8-qu7-gemm-wasmrelaxedsimd-dot.h", ["minmax"]),
    ("4x8c4", "wasmrelaxedsimd", "dotadd", 4, 8, 4, "qs8-qu7-gemm-wasmrelaxedsimd-dot.h", ALL),
    ("3x8c4", "wasmrelaxedsimd", "dot2", 3, 8, 4, "qs8-qu7-gemm-wasmrelaxedsimd-dot.h", ["minmax"]),
    ("4x8c4", "wasmrelaxedsimd", "dot2", 4, 8, 4, "qs8-qu7-gemm-wasmrelaxedsimd-dot.h", ALL),
]
# The weight packing of each variant's panels (dot2: pair-summed panels, qs8-qu7-gemm.h).
PACK = {"dot2": "mab_qs8_packw_gemm_goi_qu7_pair_ukernel__scalar",
        "pair": "mab_qs8_packw_gemm_goi_qu7_pair_ukernel__scalar"}
DEFAULT_PACK = "mab_qs8_packw_gemm_goi_qu7_ukernel__scalar"
WRAPPER = """
extern "C" void {fn}(size_t mr, size_t nc, size_t kc, const int8_t * a, size_t a_stride,
    const float * a_scale, const void * w, float * c, size_t cm_stride, size_t cn_stride,
    const mab_f32_minmax_params * params) {{
    {call}(mr, nc, kc, a, a_stride, a_scale, w, c, cm_stride, cn_stride, params);
}}
"""


def call(template, variant, mr, nr, kr, epilogue):
    if template == "qs8-qu7-gemm-scalar.h":
        return f"mab_qs8_qu7_gemm_scalar<{mr}, {nr}, {kr}, {epilogue}{', true' if variant == 'pair' else ''}>"
    dot = {"dotadd": "MAB_QU7_DOT_ADD", "dot2": "MAB_QU7_DOT2"}.get(variant, "MAB_QU7_DOT")
    return f"mab_qs8_qu7_gemm_wasmrelaxedsimd_dot<{mr}, {nr}, {epilogue}, {dot}>"


def main():
    kernels = []
    for tile, isa, variant, mr, nr, kr, template, epilogues in KERNELS:
        calls = {e: call(template, variant, mr, nr, kr, EPILOGUE[e]) for e in epilogues}
        kernels.append((tile, isa, variant, template, (mr, nr, kr), calls))
    write_family("qs8-qu7-gemm",
                 ["// Every GEMM micro-kernel of int8 weights and 7-bit activations, one row each:",
                  "//   MAB_UKERNEL(isa, ukernel, mr, nr, kr, epilogue, pack routine)",
                  "// Tests (tests/core/kernels/kernel-cases.h) and benchmarks (bench-kernels.cpp) expand this",
                  "// list; core/kernels/wasmsimd/ukernel-backend.cpp uses the rows with all three epilogues."],
                 WRAPPER, lambda variant: PACK.get(variant, DEFAULT_PACK), kernels)


if __name__ == "__main__":
    main()
