// Per-thread scratch memory for kernels that need a temporary copy (packed keys and values of one
// attention head, quantized rows of an int8 layer). It grows to the largest shape seen and is then
// reused, so inference allocates nothing after warm-up.
#pragma once

#include "status.h"

#include <cstddef>
#include <cstdlib>

namespace mab {

struct scratch_buffer {
    float * data   = nullptr;
    size_t  floats = 0;
    ~scratch_buffer() { free(data); }
    // At least n floats, or null when memory runs out or n floats do not fit in size_t (the buffer
    // keeps its old contents).
    float * reserve(size_t n) {
        if (n > floats) {
            size_t  bytes;
            float * p = mul_overflows(n, sizeof(float), &bytes) ? nullptr : (float *) realloc(data, bytes);
            if (!p) return nullptr;
            data   = p;
            floats = n;
        }
        return data;
    }
};

} // namespace mab
