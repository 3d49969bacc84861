// The spans a reader of the pipeline appends, written "text|TYPE/SUBTYPE", for Boost.Test programs.
#pragma once

#include <boost/test/unit_test.hpp>

#include "pipeline/span.h"

#include <string>
#include <vector>

namespace rule_spans {

using strings = std::vector<std::string>;

// "text|TYPE/SUBTYPE" of each span scan(text, len, &out) appends (byte offsets), each checked to be
// a rule's span of `origin`.
template <class Scan> strings found(Scan scan, const std::string & text, const char * origin) {
    std::vector<mab::span> out;
    scan(text.data(), text.size(), &out);
    strings spans;
    for (const mab::span & s : out) {
        BOOST_TEST((s.source == mab::SOURCE_RULE && s.origin == origin));
        spans.push_back(text.substr((size_t) s.begin, (size_t) (s.end - s.begin)) + "|" + s.type + "/" + s.subtype);
    }
    return spans;
}

// "text|given" or "text|family" of each span scan appends that a record's field says is a given name
// or a family name (span::part).
template <class Scan> strings name_parts(Scan scan, const std::string & text) {
    std::vector<mab::span> out;
    scan(text.data(), text.size(), &out);
    strings parts;
    for (const mab::span & s : out) {
        if (s.part == mab::NAME_PART_ANY) continue;
        parts.push_back(text.substr((size_t) s.begin, (size_t) (s.end - s.begin)) + (s.part == mab::NAME_PART_GIVEN ? "|given" : "|family"));
    }
    return parts;
}

// "text|female" or "text|male" of each span scan appends whose record gives its person's sex.
template <class Scan> strings sexes(Scan scan, const std::string & text) {
    std::vector<mab::span> out;
    scan(text.data(), text.size(), &out);
    strings found;
    for (const mab::span & s : out) {
        if (s.sex == mab::SEX_UNKNOWN) continue;
        found.push_back(text.substr((size_t) s.begin, (size_t) (s.end - s.begin)) + (s.sex == mab::SEX_FEMALE ? "|female" : "|male"));
    }
    return found;
}

} // namespace rule_spans
