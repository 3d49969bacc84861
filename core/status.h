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

// a*b, false on size_t overflow.
inline bool mul_overflows(size_t a, size_t b, size_t * out) { return __builtin_mul_overflow(a, b, out); }

} // namespace mab
