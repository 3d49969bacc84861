// Picks the backend once, at model load. "auto" means the fastest one this binary was built with.
#include "kernels/kernels.h"
#include "status.h"

#include <cstring>
#include <string>

namespace mab {

const kernel_backend * const * all_backends() {
    static const kernel_backend * const list[] = {
#if defined(MAB_WITH_XNNPACK)
        xnnpack_backend(),
#endif
#if defined(__wasm_relaxed_simd__)
        wasmrelaxedsimd_backend(),
#endif
#if defined(__wasm_simd128__)
        wasmsimd_backend(),
#endif
        scalar_backend(),
        scalar_qu7_backend(),
        reference_backend(),
        nullptr,
    };
    return list;
}

const kernel_backend * find_backend(const char * name) {
    const kernel_backend * const * list = all_backends();
    if (!name || !*name || strcmp(name, "auto") == 0) return list[0];
    std::string known;
    for (size_t i = 0; list[i]; i++) {
        if (strcmp(list[i]->name, name) == 0) return list[i];
        known += (i ? ", " : "") + std::string(list[i]->name);
    }
    set_error(MAB_STATUS_UNSUPPORTED, "backend '%s' is not built into this binary (available: auto, %s)", name,
              known.c_str());
    return nullptr;
}

} // namespace mab
