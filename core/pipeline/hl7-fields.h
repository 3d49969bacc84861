// HL7 version 2 messages pasted into the tagger ("PID|1||00482913^^^MGH^MR||OKONKWO^ADAEZE^N||19610719|F"):
// each field's place says what it holds, where the model, trained on notes, reads a segment as a run
// of words and left the next of kin's name of "NK1|1|OKONKWO^CHIDI|SPO|" whole.
#pragma once

#include "pipeline/span.h"

#include <cstddef>
#include <utility>
#include <vector>

namespace mab {

// Whether text[b, e) (bytes), which the model took for an entity, is a segment's id at the start of
// its line ("MSH" of "MSH|^~\&|EPIC|"): no place.
bool is_hl7_segment_id(const char * text, size_t len, size_t b, size_t e);

// The separators of the segment lines of text[0, len), one byte each (field, component, repetition,
// escape and subcomponent, as the MSH declares them): they hold no PHI, and a span replaced over one
// would merge or drop the message's fields.
std::vector<std::pair<size_t, size_t>> hl7_separators(const char * text, size_t len);

// Appends a span (BYTE offsets, source rule, origin "hl7", score 0.99) for each value of a field
// that holds PHI, in each segment line of text[0, len) whose id is one of MSH, EVN, PID, NK1, PV1,
// GT1, IN1, ORC, OBR, OBX or MRG followed by '|': names (family^given^middle: PID-5, PID-6, PID-9,
// NK1-2, NK1-30, GT1-3, IN1-16; a provider's id^family^given: PV1-7/8/9/17/52, ORC-12, OBR-16,
// OBR-28, OBX-16, whose id is an ID), addresses by component (street, other, city, state, zip,
// country: PID-11, NK1-4, NK1-32, GT1-5, IN1-19), phones (PID-13/14, NK1-5/6/31, GT1-6/7),
// identifiers' first component (PID-2/3/4/18/19/20/21, PV1-19, MRG-1/3, IN1-8/36, ORC-2/3,
// OBR-2/3, GT1-12), a room and bed (PV1-3) and dates (MSH-7, EVN-2/6, PID-7/29, PV1-44/45, GT1-8,
// IN1-18, ORC-9, OBR-7/8/22, OBX-14). Each repetition ('~') counts; escape sequences are left as
// written. A name's span takes its person's sex from the segment (PID-8 for PID-5 and PID-9, NK1-15
// for NK1-2, GT1-9 for GT1-3, IN1-43 for IN1-16).
void scan_hl7_fields(const char * text, size_t len, std::vector<span> * out);

} // namespace mab
