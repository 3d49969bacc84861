// regex.cpp and lists.cpp: the supported syntax, leftmost-longest matching, linear time on patterns
// that make backtracking engines explode, syntax errors, and allow/deny lists built on them.
#define BOOST_TEST_MODULE regex
#include <boost/test/unit_test.hpp>

#include "pipeline/lists.h"
#include "pipeline/regex.h"
#include "pipeline/text-index.h"

#include <chrono>
#include <cstring>
#include <string>
#include <vector>

using namespace mab;

namespace {

std::vector<uint32_t> cps(const std::string & s) {
    std::vector<uint32_t> out;
    for (size_t k = 0; k < s.size();) {
        uint32_t c;
        k += (size_t) utf8_next((const uint8_t *) s.data(), s.size(), k, &c);
        out.push_back(c);
    }
    return out;
}

// The first match of pattern in text as a string, or "<none>".
std::string first(const std::string & pattern, const std::string & text, bool icase = false) {
    regex re;
    std::string error;
    BOOST_REQUIRE_MESSAGE(regex_compile(pattern.data(), pattern.size(), icase, &re, &error), pattern << ": " << error);
    const std::vector<uint32_t> c = cps(text);
    size_t b, e;
    if (!regex_search(re, c.data(), c.size(), 0, &b, &e)) return "<none>";
    std::string out;
    for (size_t k = b; k < e; k++) {
        std::string u;
        const uint32_t x = c[k];
        if (x < 0x80) out.push_back((char) x);
        else out += "?";
    }
    return out;
}

bool full(const std::string & pattern, const std::string & text, bool icase = false) {
    regex re;
    std::string error;
    BOOST_REQUIRE(regex_compile(pattern.data(), pattern.size(), icase, &re, &error));
    const std::vector<uint32_t> c = cps(text);
    return regex_full_match(re, c.data(), c.size());
}

} // namespace

BOOST_AUTO_TEST_SUITE(regex_suite)

BOOST_AUTO_TEST_CASE(syntax) {
    BOOST_TEST(first("MRN-\\d{6}", "id MRN-123456 and MRN-12") == "MRN-123456");
    BOOST_TEST(first("[A-Z]{2}\\d+", "code ab12 XK88 z") == "XK88");
    BOOST_TEST(first("[^a-z ]+", "abc DEF1 ghi") == "DEF1");
    BOOST_TEST(first("colou?r", "the color red") == "color");
    BOOST_TEST(first("(?:ab)+c", "xxababcx") == "ababc");
    BOOST_TEST(first("cat|category", "a category") == "category"); // longest, not first alternative
    BOOST_TEST(first("\\bJo\\b", "John Jo") == "Jo");
    BOOST_TEST(first("\\Bohn", "John") == "ohn");
    BOOST_TEST(first("^B\\w+", "Alpha\nBeta") == "Beta");
    BOOST_TEST(first("\\w+$", "one two\nthree") == "two");
    BOOST_TEST(first("a.c", "a\nc abc") == "abc");
    BOOST_TEST(first("\\s\\S", "ab cd") == " c");
    BOOST_TEST(first("x{2,3}", "xxxxx") == "xxx");
    BOOST_TEST(first("x{2,}?y", "xxxxy") == "xxxxy");
    BOOST_TEST(first("\\.\\(\\)", "a.() b") == ".()");
    BOOST_TEST(first("[\\d-]+", "tel 555-1234!") == "555-1234");
    BOOST_TEST(first("a{0}b", "ab") == "b");
    BOOST_TEST(first("smith", "Dr. SMITH", true) == "SMITH");
    BOOST_TEST(first("[a-c]+", "XYZ ABC", true) == "ABC");
    BOOST_TEST(first("a*", "bbb") == "<none>"); // empty matches are not reported
    BOOST_TEST(first("é+", "café") == "?");
}

BOOST_AUTO_TEST_CASE(full_match) {
    BOOST_TEST(full("Dr\\.? \\w+", "Dr. House"));
    BOOST_TEST(!full("Dr\\.? \\w+", "Dr. House MD"));
    BOOST_TEST(full("(?:\\d{3}-){2}\\d{4}", "555-123-4567"));
    BOOST_TEST(full("tylenol", "TYLENOL", true));
    BOOST_TEST(!full("tylenol", "TYLENOL", false));
}

BOOST_AUTO_TEST_CASE(errors_are_reported) {
    for (const char * bad : {"(ab", "ab)", "[ab", "*a", "a{3,2}", "a{2000}", "\\", "(?=x)", "\\k", ""}) {
        regex re;
        std::string error;
        BOOST_TEST_CONTEXT(bad) {
            BOOST_TEST(!regex_compile(bad, strlen(bad), false, &re, &error));
            BOOST_TEST(!error.empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(linear_time_on_pathological_patterns) {
    // (a*)*b and (a|aa)+c take exponential time in backtracking engines.
    const std::string text(20000, 'a');
    const auto t0 = std::chrono::steady_clock::now();
    BOOST_TEST(first("(a*)*b", text) == "<none>");
    BOOST_TEST(first("(a|aa)+c", text) == "<none>");
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    BOOST_TEST(s < 5.0, "took " << s << " s");
}

BOOST_AUTO_TEST_CASE(allow_and_deny_lists) {
    const std::string allow = "Tylenol\r\n/Dr\\.? House/i\n\n";
    std::vector<list_entry> a;
    BOOST_REQUIRE(list_parse(allow.data(), allow.size(), false, "allow-list", &a) == MAB_STATUS_OK);
    BOOST_REQUIRE_EQUAL(a.size(), 2u);
    const auto allowed = [&](const std::string & s) {
        const auto c = cps(s);
        return list_allows(a, c.data(), c.size());
    };
    BOOST_TEST(allowed("TYLENOL"));
    BOOST_TEST(allowed("dr house"));
    BOOST_TEST(!allowed("Tylenol PM"));
    BOOST_TEST(!allowed("Greg House"));

    const std::string deny = "NAME/PATIENT: Jane Roe\nID: /XK-\\d{4}/\nBlue Ward\n";
    std::vector<list_entry> d;
    BOOST_REQUIRE(list_parse(deny.data(), deny.size(), true, "deny-list", &d) == MAB_STATUS_OK);
    const std::string text = "jane roe (XK-1234) moved to blue ward; Jane Roes is someone else; XK-12.";
    const auto c = cps(text);
    std::vector<span> out;
    list_find_denied(d, c.data(), c.size(), &out);
    BOOST_REQUIRE_EQUAL(out.size(), 3u);
    BOOST_TEST(out[0].type == "NAME");
    BOOST_TEST(out[0].subtype == "PATIENT");
    BOOST_TEST((out[0].begin == 0 && out[0].end == 8));
    BOOST_TEST(out[1].type == "ID");
    BOOST_TEST(out[1].subtype == "ID");
    BOOST_TEST((out[1].begin == 10 && out[1].end == 17));
    BOOST_TEST(out[2].type == "OTHER");
    BOOST_TEST(out[2].origin == "Blue Ward");
    for (const span & s : out) BOOST_TEST((s.source == SOURCE_DENY_LIST && s.score == 1.0f));

    std::vector<list_entry> bad;
    const std::string broken = "ok\n/MRN-(\\d+/\n";
    BOOST_TEST(list_parse(broken.data(), broken.size(), true, "deny-list", &bad) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(std::string(mab_last_error()).find("deny-list line 2") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
