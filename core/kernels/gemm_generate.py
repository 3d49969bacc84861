"""Writes one GEMM family's files: <family>.inc, the list of every micro-kernel, and one
<family>-<tile>-<isa>[-<variant>].cpp per kernel row, each wrapping its template header in extern "C"
functions. f32-gemm/generate.py and qs8-gemm/generate.py describe their kernels and call write_family."""
import os

EPILOGUE = {"minmax": "MAB_GEMM_EPILOGUE_MINMAX", "gelu": "MAB_GEMM_EPILOGUE_GELU",
            "gelutanh": "MAB_GEMM_EPILOGUE_GELUTANH"}
GUARD = {"scalar": None, "wasmsimd": "__wasm_simd128__", "wasmrelaxedsimd": "__wasm_relaxed_simd__"}


def write_if_changed(path, text):
    """Leaves an unchanged file alone, so that its timestamp does not make the builds recompile it."""
    if os.path.exists(path):
        with open(path) as f:
            if f.read() == text:
                return
    with open(path, "w") as f:
        f.write(text)


def write_family(family, inc_comment, wrapper, pack, kernels):
    """family: "f32-gemm" or "qs8-gemm", also its folder under core/kernels.
    inc_comment: the comment lines of <family>.inc below the generated-file header.
    wrapper: the extern "C" definition of one ukernel, a str.format template over {fn} and {call}.
    pack: the weight packing routine named in the MAB_UKERNEL rows, or a function of a row's variant
    that returns it.
    kernels: in .inc order, (tile, isa, variant, template, dims, calls) where dims are the MAB_UKERNEL
    arguments between the name and the epilogue (mr, nr[, kr]) and calls maps each epilogue name to the
    template instantiation that computes it."""
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), family)
    header = f"// Auto-generated file. Do not edit!\n//   Generator: core/kernels/{family}/generate.py\n"
    inc = [header.rstrip("\n")] + inc_comment + [""]
    current = None
    for tile, isa, variant, template, dims, calls in kernels:
        # Consecutive rows of one ISA share a single #if block in the .inc.
        guard = GUARD[isa]
        if guard != current:
            if current:
                inc.append(f"#endif // {current}")
            if guard:
                inc.append(f"#if defined({guard})")
            current = guard
        suffix = isa + ("_" + variant.replace("-", "_") if variant else "")
        out = [header, f"//   Template: core/kernels/{family}/{template}\n"]
        if guard:
            out.append(f"\n#if defined({guard})\n")
        out.append(f'\n#include "kernels/{family}/{template}"\n')
        for e, call in calls.items():
            fn = f"mab_{family.replace('-', '_')}_{e}_ukernel_{tile}__{suffix}"
            routine = pack(variant) if callable(pack) else pack
            inc.append(f"MAB_UKERNEL({isa}, {fn}, {', '.join(map(str, dims))}, {EPILOGUE[e]}, {routine})")
            out.append(wrapper.format(fn=fn, call=call))
        if guard:
            out.append(f"\n#endif // {guard}\n")
        name = f"{family}-{tile}-{isa}" + (f"-{variant}" if variant else "") + ".cpp"
        write_if_changed(os.path.join(here, name), "".join(out))
    if current:
        inc.append(f"#endif // {current}")
    write_if_changed(os.path.join(here, f"{family}.inc"), "\n".join(inc) + "\n")
