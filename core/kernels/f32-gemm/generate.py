#!/usr/bin/env python3
"""Writes f32-gemm.inc and one f32-gemm-<tile>-<isa>[-<variant>].cpp per row of KERNELS, each
instantiating f32-gemm-scalar.h or f32-gemm-wasmsimd.h. Run from anywhere: python3 generate.py"""
import os

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
EPILOGUE = {"minmax": "MAB_GEMM_EPILOGUE_MINMAX", "gelu": "MAB_GEMM_EPILOGUE_GELU",
            "gelutanh": "MAB_GEMM_EPILOGUE_GELUTANH"}
GUARD = {"scalar": None, "wasmsimd": "__wasm_simd128__", "wasmrelaxedsimd": "__wasm_relaxed_simd__"}
HEADER = "// Auto-generated file. Do not edit!\n//   Generator: core/kernels/f32-gemm/generate.py\n"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    inc = [HEADER.rstrip("\n"),
           "// Every f32 GEMM micro-kernel, one row each:",
           "//   MAB_UKERNEL(isa, ukernel, mr, nr, epilogue, pack routine)",
           "// Tests (tests/core/kernels/kernel-cases.h) and benchmarks (bench-kernels.cpp) expand this",
           "// list; core/kernels/wasmsimd/ukernel-backend.cpp uses the rows with all three epilogues.",
           ""]
    current = None
    for tile, isa, variant, mr, nr, fma, loadsplat, epilogues in KERNELS:
        guard = GUARD[isa]
        if guard != current:
            if current:
                inc.append(f"#endif // {current}")
            if guard:
                inc.append(f"#if defined({guard})")
            current = guard
        suffix = isa + ("_" + variant.replace("-", "_") if variant else "")
        template = "f32-gemm-scalar.h" if isa == "scalar" else "f32-gemm-wasmsimd.h"
        out = [HEADER, f"//   Template: core/kernels/f32-gemm/{template}\n"]
        if guard:
            out.append(f"\n#if defined({guard})\n")
        out.append(f'\n#include "kernels/f32-gemm/{template}"\n')
        for e in epilogues:
            fn = f"mab_f32_gemm_{e}_ukernel_{tile}__{suffix}"
            inc.append(f"MAB_UKERNEL({isa}, {fn}, {mr}, {nr}, {EPILOGUE[e]}, mab_x32_packw_gemm_goi_ukernel__scalar)")
            if isa == "scalar":
                call = f"mab_f32_gemm_scalar<{mr}, {nr}, {EPILOGUE[e]}>"
            else:
                call = (f"mab_f32_gemm_wasmsimd<{mr}, {nr}, /*FMA=*/{str(fma).lower()}, "
                        f"/*LOADSPLAT=*/{str(loadsplat).lower()}, {EPILOGUE[e]}>")
            out.append(f"""
extern "C" void {fn}(size_t mr, size_t nc, size_t kc, const float * a, size_t a_stride,
    const float * w, float * c, size_t cm_stride, size_t cn_stride, const mab_f32_minmax_params * params) {{
    {call}(mr, nc, kc, a, a_stride, w, c, cm_stride, cn_stride, params);
}}
""")
        if guard:
            out.append(f"\n#endif // {guard}\n")
        name = f"f32-gemm-{tile}-{isa}" + (f"-{variant}" if variant else "") + ".cpp"
        with open(os.path.join(here, name), "w") as f:
            f.write("".join(out))
    if current:
        inc.append(f"#endif // {current}")
    with open(os.path.join(here, "f32-gemm.inc"), "w") as f:
        f.write("\n".join(inc) + "\n")


if __name__ == "__main__":
    main()
