#!/usr/bin/env python3
"""Writes qs8-gemm.inc and one qs8-gemm-<tile>-<isa>[-<variant>].cpp per row of KERNELS, each
instantiating qs8-gemm-scalar.h or qs8-gemm-wasmsimd-dot16.h. Run from anywhere: python3 generate.py"""
import os

# (tile, isa, variant, mr, nr, kr, template, epilogues); production rows carry all three epilogues.
KERNELS = [
    ("4x8c2", "scalar", "", 4, 8, 2, "qs8-gemm-scalar.h", ["minmax", "gelu", "gelutanh"]),
    ("4x8c2", "wasmsimd", "dot16", 4, 8, 2, "qs8-gemm-wasmsimd-dot16.h", ["minmax", "gelu", "gelutanh"]),
    ("2x4c8", "wasmsimd", "dot16", 2, 4, 8, "qs8-gemm-wasmsimd-dot16.h", ["minmax", "gelu", "gelutanh"]),
    ("2x8c8", "wasmsimd", "dot16", 2, 8, 8, "qs8-gemm-wasmsimd-dot16.h", ["minmax"]),
]
EPILOGUE = {"minmax": "MAB_GEMM_EPILOGUE_MINMAX", "gelu": "MAB_GEMM_EPILOGUE_GELU",
            "gelutanh": "MAB_GEMM_EPILOGUE_GELUTANH"}
GUARD = {"scalar": None, "wasmsimd": "__wasm_simd128__", "wasmrelaxedsimd": "__wasm_relaxed_simd__"}
HEADER = "// Auto-generated file. Do not edit!\n//   Generator: core/kernels/qs8-gemm/generate.py\n"
PACK = "mab_qs8_packw_gemm_goi_ukernel__scalar"


def call(template, mr, nr, kr, epilogue):
    if template == "qs8-gemm-scalar.h":
        return f"mab_qs8_gemm_scalar<{mr}, {nr}, {kr}, {epilogue}>"
    if kr == 8:
        return f"mab_qs8_gemm_wasmsimd_dot16_c8<{mr}, {nr}, {epilogue}>"
    return f"mab_qs8_gemm_wasmsimd_dot16<{mr}, {epilogue}>"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    inc = [HEADER.rstrip("\n"),
           "// Every int8 GEMM micro-kernel, one row each:",
           "//   MAB_UKERNEL(isa, ukernel, mr, nr, kr, epilogue, pack routine)",
           "// Tests (tests/core/kernels/kernel-cases.h) and benchmarks (bench-kernels.cpp) expand this",
           "// list; core/kernels/wasmsimd/ukernel-backend.cpp uses the rows with all three epilogues.",
           ""]
    current = None
    for tile, isa, variant, mr, nr, kr, template, epilogues in KERNELS:
        guard = GUARD[isa]
        if guard != current:
            if current:
                inc.append(f"#endif // {current}")
            if guard:
                inc.append(f"#if defined({guard})")
            current = guard
        suffix = isa + ("_" + variant.replace("-", "_") if variant else "")
        out = [HEADER, f"//   Template: core/kernels/qs8-gemm/{template}\n"]
        if guard:
            out.append(f"\n#if defined({guard})\n")
        out.append(f'\n#include "kernels/qs8-gemm/{template}"\n')
        for e in epilogues:
            fn = f"mab_qs8_gemm_{e}_ukernel_{tile}__{suffix}"
            inc.append(f"MAB_UKERNEL({isa}, {fn}, {mr}, {nr}, {kr}, {EPILOGUE[e]}, {PACK})")
            out.append(f"""
extern "C" void {fn}(size_t mr, size_t nc, size_t kc, const int8_t * a, size_t a_stride,
    const float * a_scale, const void * w, float * c, size_t cm_stride, size_t cn_stride,
    const mab_f32_minmax_params * params) {{
    {call(template, mr, nr, kr, EPILOGUE[e])}(mr, nc, kc, a, a_stride, a_scale, w, c, cm_stride, cn_stride, params);
}}
""")
        if guard:
            out.append(f"\n#endif // {guard}\n")
        name = f"qs8-gemm-{tile}-{isa}" + (f"-{variant}" if variant else "") + ".cpp"
        with open(os.path.join(here, name), "w") as f:
            f.write("".join(out))
    if current:
        inc.append(f"#endif // {current}")
    with open(os.path.join(here, "qs8-gemm.inc"), "w") as f:
        f.write("\n".join(inc) + "\n")


if __name__ == "__main__":
    main()
