// Errors as values: every fallible function returns a mab_status and, on failure, records the
// message with set_error() at the point where the problem is known.
#pragma once

#include "minialbert.h"

#include <cstddef>
#include <string>

namespace mab {

// Records `message` (printf-style) as this thread's last error and returns `code`.
mab_status set_error(mab_status code, const char * fmt, ...) __attribute__((format(printf, 2, 3)));
// Prefixes the current last error with `context: ` and returns `code` unchanged.
mab_status add_context(mab_status code, const std::string & context);
const std::string & last_error();

// *out = a*b; true when it overflows size_t.
inline bool mul_overflows(size_t a, size_t b, size_t * out) { return __builtin_mul_overflow(a, b, out); }

// A size computed from counts a caller controls (batch, sequence length, labels). * and + carry an
// overflow flag instead of wrapping, so one test after a whole expression covers every step: size_t
// is 32 bits in wasm32, where a wrapped sum is a small, wrong buffer size.
struct checked_size {
    size_t value    = 0;
    bool   overflow = false;

    checked_size(size_t v = 0) : value(v) {}
};

inline checked_size operator*(checked_size a, checked_size b) {
    checked_size r;
    r.overflow = a.overflow || b.overflow || __builtin_mul_overflow(a.value, b.value, &r.value);
    return r;
}

inline checked_size operator+(checked_size a, checked_size b) {
    checked_size r;
    r.overflow = a.overflow || b.overflow || __builtin_add_overflow(a.value, b.value, &r.value);
    return r;
}

} // namespace mab
