// Builds safetensors files in tests: take a valid file apart, change it, write it back.
#pragma once

#include "loader/safetensors.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace st_test {

struct entry {
    std::string          name;
    std::string          dtype;
    std::vector<int64_t> shape;
    std::string          bytes;
};

inline std::vector<entry> split(const std::string & file) {
    mab::st_file f;
    if (mab::st_parse((const uint8_t *) file.data(), file.size(), "split", &f) != MAB_STATUS_OK) return {};
    std::vector<entry> out;
    for (const auto & t : f.tensors) {
        out.push_back({t.name, mab::st_dtype_name(t.dtype), t.shape,
                       std::string((const char *) f.data + t.begin, t.end - t.begin)});
    }
    return out;
}

// Writes entries tightly packed in the given order; the header is padded to a multiple of 8.
inline std::string join(const std::vector<entry> & entries) {
    nlohmann::ordered_json h;
    h["__metadata__"] = {{"format", "pt"}};
    std::string data;
    for (const auto & e : entries) {
        h[e.name] = {{"dtype", e.dtype}, {"shape", e.shape}, {"data_offsets", {data.size(), data.size() + e.bytes.size()}}};
        data += e.bytes;
    }
    std::string header = h.dump();
    while (header.size() % 8) header += ' ';
    std::string out(8, '\0');
    const uint64_t n = header.size();
    for (int i = 0; i < 8; i++) out[i] = (char) ((n >> (8 * i)) & 0xff);
    return out + header + data;
}

// The F32 tensor bytes rounded to F16 (what convert.py --dtype f16 stores).
inline std::string f16_of_f32(const std::string & f32) {
    const size_t n = f32.size() / 4;
    std::string h(n * 2, '\0');
    for (size_t j = 0; j < n; j++) {
        float v;
        memcpy(&v, f32.data() + 4 * j, 4);
        const _Float16 hv = (_Float16) v;
        memcpy(&h[2 * j], &hv, 2);
    }
    return h;
}

// F16 tensor bytes widened to F32, exactly (what the loader does).
inline std::string f32_of_f16(const std::string & f16) {
    const size_t n = f16.size() / 2;
    std::string w(n * 4, '\0');
    for (size_t j = 0; j < n; j++) {
        _Float16 hv;
        memcpy(&hv, f16.data() + 2 * j, 2);
        const float v = (float) hv;
        memcpy(&w[4 * j], &v, 4);
    }
    return w;
}

inline entry * find(std::vector<entry> & es, const std::string & name) {
    for (auto & e : es) if (e.name == name) return &e;
    return nullptr;
}

} // namespace st_test
