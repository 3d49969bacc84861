#include "pipeline/merge.h"

#include <algorithm>
#include <map>

namespace mab {

void merge_spans(std::vector<span> * spans) {
    std::vector<size_t> order(spans->size());
    for (size_t k = 0; k < order.size(); k++) order[k] = k;
    const std::vector<span> & s = *spans;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const int32_t la = s[a].end - s[a].begin, lb = s[b].end - s[b].begin;
        if (la != lb) return la > lb;
        if (s[a].score != s[b].score) return s[a].score > s[b].score;
        if (s[a].source != s[b].source) return s[a].source > s[b].source;
        return s[a].begin < s[b].begin;
    });
    std::map<int32_t, int32_t> kept; // begin -> end of the spans kept so far (disjoint)
    std::vector<span> out;
    for (size_t k : order) {
        const span & c = s[k];
        if (c.end <= c.begin) continue;
        auto next = kept.lower_bound(c.begin);
        if (next != kept.end() && next->first < c.end) continue;
        if (next != kept.begin() && std::prev(next)->second > c.begin) continue;
        kept.emplace(c.begin, c.end);
        out.push_back(c);
    }
    std::sort(out.begin(), out.end(), [](const span & a, const span & b) { return a.begin < b.begin; });
    *spans = std::move(out);
}

} // namespace mab
