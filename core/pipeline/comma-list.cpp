#include "pipeline/comma-list.h"

namespace mab {

std::string trim_blanks(const std::string & s) {
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t')) b++;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) e--;
    return s.substr(b, e - b);
}

std::vector<std::string> split_commas(const char * list) {
    std::vector<std::string> out;
    for (const char * p = list; *p;) {
        const char * e = p;
        while (*e && *e != ',') e++;
        std::string entry = trim_blanks(std::string(p, (size_t) (e - p)));
        if (!entry.empty()) out.push_back(std::move(entry));
        p = *e ? e + 1 : e;
    }
    return out;
}

} // namespace mab
