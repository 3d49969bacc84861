// A validating reader of the safetensors format: u64 little-endian header length N, N bytes of JSON
// {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {...}}, then the data section.
#pragma once

#include "minialbert.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mab {

enum st_dtype { ST_F32, ST_F16, ST_BF16, ST_F64, ST_I64, ST_I32, ST_I16, ST_I8, ST_U8, ST_BOOL };

struct st_tensor {
    std::string          name;
    st_dtype             dtype;
    std::vector<int64_t> shape;
    size_t               begin; // byte offsets into the data section
    size_t               end;
};

struct st_file {
    const uint8_t *        data;     // start of the data section (inside the caller's buffer)
    size_t                 data_len;
    std::vector<st_tensor> tensors;  // in header order
    std::string            metadata; // the "__metadata__" object as JSON text ("" if absent)

    const st_tensor * find(const std::string & name) const;
};

// Largest accepted header: a sane upper bound that still allows very large tensor lists.
constexpr uint64_t ST_MAX_HEADER_BYTES = 100u << 20;

const char * st_dtype_name(st_dtype t);
size_t       st_dtype_size(st_dtype t);

// Validates everything: header length bound, JSON, dtypes, shapes, offsets in bounds, byte counts equal
// to shape × dtype size, tensors tiling the data section exactly (no overlap, no gap, no trailing bytes).
// `name` (file path or URL) starts every error message.
mab_status st_parse(const uint8_t * buf, size_t len, const char * name, st_file * out);

// Converts tensor t (F32, F16 or BF16) to float32 into dst (numel floats).
void st_to_f32(const st_file & f, const st_tensor & t, float * dst);

} // namespace mab
