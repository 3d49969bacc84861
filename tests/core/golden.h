// Reading ../shared/golden/<model>/cases.json + cases.bin (layout: golden README, "cases.json / cases.bin").
// For Boost.Test programs: a missing file fails the test that reads it, naming the file.
#pragma once

#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace golden {

inline std::string dir(const std::string & model) { return std::string(MAB_GOLDEN_DIR) + "/" + model; }

inline std::string read_text(const std::string & path) {
    std::ifstream f(path, std::ios::binary);
    BOOST_REQUIRE_MESSAGE(f, "cannot open " << path);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

struct array {
    std::vector<int64_t> shape;
    std::vector<float>   data;
};

struct test_case {
    std::string                  name;
    int32_t                      batch = 0, seq_len = 0;
    std::vector<int32_t>         input_ids, attention_mask, token_type_ids; // token_type_ids empty = not passed
    std::map<std::string, array> arrays; // "logits", "hidden_states[0]", "debug/att_adapter_output[1]", ...
};

inline std::vector<int32_t> flatten(const nlohmann::json & rows) {
    std::vector<int32_t> v;
    for (const auto & r : rows) for (const auto & x : r) v.push_back(x.get<int32_t>());
    return v;
}

inline std::vector<test_case> load_cases(const std::string & model) {
    const nlohmann::json j   = nlohmann::json::parse(read_text(dir(model) + "/cases.json"));
    const std::string    bin = read_text(dir(model) + "/" + j["bin_file"].get<std::string>());
    std::vector<test_case> cases;
    for (const auto & c : j["cases"]) {
        test_case t;
        t.name           = c["name"].get<std::string>();
        t.batch          = c["batch_size"].get<int32_t>();
        t.seq_len        = c["seq_len"].get<int32_t>();
        t.input_ids      = flatten(c["input_ids"]);
        t.attention_mask = flatten(c["attention_mask"]);
        if (c["token_type_ids_passed"].get<bool>()) t.token_type_ids = flatten(c["token_type_ids"]);
        for (const auto & a : c["arrays"]) {
            array arr;
            arr.shape = a["shape"].get<std::vector<int64_t>>();
            const size_t off = a["offset"].get<size_t>(), n = a["nbytes"].get<size_t>();
            arr.data.resize(n / 4);
            memcpy(arr.data.data(), bin.data() + off, n);
            const std::string full = a["name"].get<std::string>();
            t.arrays[full.substr(t.name.size() + 1)] = std::move(arr);
        }
        cases.push_back(std::move(t));
    }
    return cases;
}

} // namespace golden
