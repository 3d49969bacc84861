// Overlap resolution between model, rule and deny-list spans. Spans are taken greedily in this order:
//   1. the longer span (in code points) first;
//   2. on equal length, the higher score;
//   3. then deny-list before rule before model, then the earlier start;
// and a span is kept only when it overlaps no span kept before it. The result is sorted by start.
// Spans that touch without overlapping are both kept.
#pragma once

#include "pipeline/span.h"

#include <vector>

namespace mab {

void merge_spans(std::vector<span> * spans);

} // namespace mab
