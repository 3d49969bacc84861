// ../shared/golden/tokenizer for test-tokenizer.cpp and test-tokenizer-config.cpp: the cased vocab
// and cases.json (layout: golden README), each read once. A missing file fails the test that reads it.
#pragma once

#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>

inline std::string read_text(const std::string & path) {
    std::ifstream f(path, std::ios::binary);
    BOOST_REQUIRE_MESSAGE(f, "cannot open " << path);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

inline const std::string & golden_vocab() {
    static const std::string v = read_text(std::string(MAB_GOLDEN_DIR) + "/tokenizer/vocab-cased.txt");
    return v;
}

inline const nlohmann::json & golden_cases() {
    static const nlohmann::json j = nlohmann::json::parse(read_text(std::string(MAB_GOLDEN_DIR) + "/tokenizer/cases.json"));
    return j;
}
