#include "loader/safetensors.h"

#include "loader/json-depth.h"
#include "status.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>

namespace mab {

using json = nlohmann::json;

struct dtype_info { const char * name; st_dtype dtype; size_t size; };
static const dtype_info k_dtypes[] = {
    {"F32", ST_F32, 4}, {"F16", ST_F16, 2}, {"BF16", ST_BF16, 2}, {"F64", ST_F64, 8}, {"I64", ST_I64, 8},
    {"I32", ST_I32, 4}, {"I16", ST_I16, 2}, {"I8", ST_I8, 1},     {"U8", ST_U8, 1},   {"BOOL", ST_BOOL, 1},
};

const char * st_dtype_name(st_dtype t) { return k_dtypes[t].name; }
size_t       st_dtype_size(st_dtype t) { return k_dtypes[t].size; }

const st_tensor * st_file::find(const std::string & name) const {
    for (const st_tensor & t : tensors) {
        if (t.name == name) return &t;
    }
    return nullptr;
}

static uint64_t read_u64_le(const uint8_t * p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}

mab_status st_parse(const uint8_t * buf, size_t len, const char * name, st_file * out) {
    if (len < 8) {
        return set_error(MAB_STATUS_BAD_WEIGHTS, "%s: file is %zu bytes, too short for a safetensors header (truncated?)",
                         name, len);
    }
    const uint64_t n = read_u64_le(buf);
    if (n > ST_MAX_HEADER_BYTES || n > len - 8) {
        return set_error(MAB_STATUS_BAD_WEIGHTS,
                         "%s: header length %llu exceeds the file size %zu or the %llu-byte limit (truncated or not a safetensors file)",
                         name, (unsigned long long) n, len, (unsigned long long) ST_MAX_HEADER_BYTES);
    }
    const char * text = (const char *) buf + 8;
    if (json_too_deep(text, (size_t) n)) {
        return set_error(MAB_STATUS_BAD_WEIGHTS, "%s: header nested deeper than %d levels (corrupt)", name, MAX_JSON_DEPTH);
    }
    const json   j    = json::parse(text, text + n, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) {
        return set_error(MAB_STATUS_BAD_WEIGHTS, "%s: header is not a JSON object (corrupt or not a safetensors file)", name);
    }

    st_file f;
    f.data     = buf + 8 + n;
    f.data_len = len - 8 - (size_t) n;
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string & tname = it.key();
        const json &        e     = it.value();
        if (tname == "__metadata__") {
            if (!e.is_object()) return set_error(MAB_STATUS_BAD_WEIGHTS, "%s: \"__metadata__\" must be an object", name);
            f.metadata = e.dump();
            continue;
        }
        const char * tn = tname.c_str();
        if (!e.is_object() || !e.contains("dtype") || !e.contains("shape") || !e.contains("data_offsets")) {
            return set_error(MAB_STATUS_BAD_WEIGHTS, "%s: tensor '%s': entry needs dtype, shape and data_offsets", name, tn);
        }
        st_tensor t;
        t.name = tname;
        const json & dt = e["dtype"];
        const dtype_info * info = nullptr;
        if (dt.is_string()) {
            for (const dtype_info & d : k_dtypes) {
                if (dt.get<std::string>() == d.name) info = &d;
            }
        }
        if (!info) {
            return set_error(MAB_STATUS_BAD_WEIGHTS, "%s: tensor '%s' has unsupported dtype %s", name, tn,
                             dt.dump().substr(0, 20).c_str());
        }
        t.dtype = info->dtype;
        const json & sh = e["shape"];
        if (!sh.is_array() || sh.size() > 8) {
            return set_error(MAB_STATUS_BAD_WEIGHTS, "%s: tensor '%s': shape must be an array of at most 8 sizes", name, tn);
        }
        size_t numel = 1;
        for (const json & d : sh) {
            if (!d.is_number_unsigned()) {
                return set_error(MAB_STATUS_BAD_WEIGHTS, "%s: tensor '%s': shape %s has a non-integer or negative size",
                                 name, tn, sh.dump().substr(0, 60).c_str());
            }
            const uint64_t v = d.get<uint64_t>();
            if (v > ((uint64_t) 1 << 40) || mul_overflows(numel, (size_t) v, &numel)) {
                return set_error(MAB_STATUS_BAD_WEIGHTS, "%s: tensor '%s': shape %s is too large", name, tn,
                                 sh.dump().substr(0, 60).c_str());
            }
            t.shape.push_back((int64_t) v);
        }
        const json & off = e["data_offsets"];
        if (!off.is_array() || off.size() != 2 || !off[0].is_number_unsigned() || !off[1].is_number_unsigned()) {
            return set_error(MAB_STATUS_BAD_WEIGHTS, "%s: tensor '%s': data_offsets must be [begin, end]", name, tn);
        }
        const uint64_t b = off[0].get<uint64_t>(), en = off[1].get<uint64_t>();
        if (b > en || en > f.data_len) {
            return set_error(MAB_STATUS_BAD_WEIGHTS,
                             "%s: tensor '%s': data_offsets [%llu, %llu] out of range of the %zu-byte data section (truncated file?)",
                             name, tn, (unsigned long long) b, (unsigned long long) en, f.data_len);
        }
        size_t nbytes;
        if (mul_overflows(numel, info->size, &nbytes) || nbytes != en - b) {
            return set_error(MAB_STATUS_BAD_WEIGHTS,
                             "%s: tensor '%s': %llu bytes at data_offsets, but shape %s of %s needs %zu", name, tn,
                             (unsigned long long) (en - b), sh.dump().c_str(), info->name, numel * info->size);
        }
        t.begin = (size_t) b;
        t.end   = (size_t) en;
        f.tensors.push_back(std::move(t));
    }

    // The tensors must tile the data section: no overlap, no gap, nothing after the last one.
    std::vector<const st_tensor *> order;
    for (const st_tensor & t : f.tensors) order.push_back(&t);
    std::sort(order.begin(), order.end(), [](const st_tensor * a, const st_tensor * b) {
        return a->begin != b->begin ? a->begin < b->begin : a->end < b->end;
    });
    size_t pos = 0;
    for (const st_tensor * t : order) {
        if (t->begin < pos) {
            return set_error(MAB_STATUS_BAD_WEIGHTS, "%s: tensor '%s' overlaps the previous tensor (data_offsets [%zu, %zu])",
                             name, t->name.c_str(), t->begin, t->end);
        }
        if (t->begin > pos) {
            return set_error(MAB_STATUS_BAD_WEIGHTS, "%s: tensor '%s' leaves a gap of %zu bytes before it", name,
                             t->name.c_str(), t->begin - pos);
        }
        pos = t->end;
    }
    if (pos != f.data_len) {
        return set_error(MAB_STATUS_BAD_WEIGHTS, "%s: %zu bytes after the last tensor; the header describes %zu of %zu",
                         name, f.data_len - pos, pos, f.data_len);
    }
    *out = std::move(f);
    return MAB_STATUS_OK;
}

static float f16_to_f32(uint16_t h) {
    const uint32_t sign = (uint32_t) (h & 0x8000) << 16;
    uint32_t       exp  = (h >> 10) & 0x1f;
    uint32_t       man  = h & 0x3ff;
    uint32_t       bits;
    if (exp == 0x1f) {
        bits = sign | 0x7f800000u | (man << 13); // inf / nan
    } else if (exp != 0) {
        bits = sign | ((exp + 112) << 23) | (man << 13);
    } else if (man == 0) {
        bits = sign;
    } else { // subnormal: renormalise
        exp = 113;
        while (!(man & 0x400)) {
            man <<= 1;
            exp--;
        }
        bits = sign | (exp << 23) | ((man & 0x3ff) << 13);
    }
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

void st_to_f32(const st_file & f, const st_tensor & t, float * dst) {
    const uint8_t * src = f.data + t.begin;
    const size_t    n   = (t.end - t.begin) / st_dtype_size(t.dtype);
    for (size_t i = 0; i < n; i++) {
        switch (t.dtype) {
            case ST_F32: memcpy(dst + i, src + 4 * i, 4); break;
            case ST_F16: dst[i] = f16_to_f32((uint16_t) (src[2 * i] | (src[2 * i + 1] << 8))); break;
            case ST_BF16: {
                const uint32_t bits = (uint32_t) (src[2 * i] | (src[2 * i + 1] << 8)) << 16;
                memcpy(dst + i, &bits, 4);
                break;
            }
            default: dst[i] = 0.0f; break; // callers only pass float dtypes
        }
    }
}

} // namespace mab
