// One line of a --jsonl input: a JSON object {"text": "..."}.
#pragma once

#include "loader/json-depth.h"
#include "tokenizer/unicode.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

// The "text" of one --jsonl line. On failure, *why says what is wrong and where, without quoting
// the line: it may hold patient text.
inline bool jsonl_text(const std::string & line, std::string * text, std::string * why) {
    const unsigned char * s = (const unsigned char *) line.data();
    for (size_t i = 0; i < line.size();) {
        const size_t k = mab::unicode::utf8_sequence_length(s + i, line.size() - i);
        if (k == 0) {
            char buf[96];
            snprintf(buf, sizeof buf, "not valid UTF-8 (byte 0x%02X at offset %zu)", s[i], i);
            *why = buf;
            return false;
        }
        i += k;
    }
    if (mab::json_too_deep(line.data(), line.size())) {
        *why = "nested deeper than " + std::to_string(mab::MAX_JSON_DEPTH) + " levels; expected {\"text\": \"...\"}";
        return false;
    }
    // JSON has no raw control characters, NUL included (the parser would stop at it, unseen).
    if (line.find('\0') != std::string::npos) {
        *why = "not JSON (a NUL byte at offset " + std::to_string(line.find('\0')) + "); expected {\"text\": \"...\"}";
        return false;
    }
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error & e) {
        *why = "not JSON (syntax error at byte " + std::to_string(e.byte) + "); expected {\"text\": \"...\"}";
        return false;
    } catch (const nlohmann::json::out_of_range &) {
        *why = "a number in it is too large for a double (such as 1e999); expected {\"text\": \"...\"}";
        return false;
    }
    const auto t = j.is_object() ? j.find("text") : j.end();
    if (!j.is_object()) {
        *why = std::string("a JSON ") + j.type_name() + ", not an object; expected {\"text\": \"...\"}";
    } else if (t == j.end()) {
        *why = "an object without \"text\"; expected {\"text\": \"...\"}";
    } else if (!t->is_string()) {
        *why = std::string("\"text\" is a ") + t->type_name() + ", not a string";
    } else {
        *text = t->get<std::string>();
        return true;
    }
    return false;
}
