// ../shared/golden/tokenizer for test-tokenizer.cpp and test-tokenizer-config.cpp: the cased vocab
// and cases.json (layout: golden README), each read once. A missing file fails the test that reads it.
#pragma once

#include "core/golden.h"

#include <string>

inline const std::string & golden_vocab() {
    static const std::string v = golden::read_text(std::string(MAB_GOLDEN_DIR) + "/tokenizer/vocab-cased.txt");
    return v;
}

inline const nlohmann::json & golden_cases() {
    static const nlohmann::json j = nlohmann::json::parse(golden::read_text(std::string(MAB_GOLDEN_DIR) + "/tokenizer/cases.json"));
    return j;
}
