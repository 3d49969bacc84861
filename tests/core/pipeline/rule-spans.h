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

// "text|label" of each span scan appends that label(span) names ("" for none).
template <class Scan, class Label> strings labelled(Scan scan, const std::string & text, Label label) {
    std::vector<mab::span> out;
    scan(text.data(), text.size(), &out);
    strings found;
    for (const mab::span & s : out) {
        if (const std::string l = label(s); !l.empty()) found.push_back(text.substr((size_t) s.begin, (size_t) (s.end - s.begin)) + "|" + l);
    }
    return found;
}

// "text|given" or "text|family" of each span that a record's field says is a given name or a
// family name (span::part).
template <class Scan> strings name_parts(Scan scan, const std::string & text) {
    return labelled(scan, text, [](const mab::span & s) {
        return s.part == mab::NAME_PART_GIVEN ? "given" : s.part == mab::NAME_PART_FAMILY ? "family" : "";
    });
}

// "text|female" or "text|male" of each span whose record gives its person's sex.
template <class Scan> strings sexes(Scan scan, const std::string & text) {
    return labelled(scan, text, [](const mab::span & s) {
        return s.sex == mab::SEX_FEMALE ? "female" : s.sex == mab::SEX_MALE ? "male" : "";
    });
}

} // namespace rule_spans
