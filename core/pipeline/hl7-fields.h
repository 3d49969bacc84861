// HL7 version 2 messages pasted into the tagger ("PID|1||00482913^^^MGH^MR||OKONKWO^ADAEZE^N||19610719|F"):
// each field's place says what it holds, where the model, trained on notes, reads a segment as a run
// of words and left the next of kin's name of "NK1|1|OKONKWO^CHIDI|SPO|" whole.
#pragma once

#include "pipeline/span.h"

#include <cstddef>
#include <utility>
#include <vector>

namespace mab {

// The markup of the segment lines of text[0, len), in order: each segment's id ("MSH" of
// "MSH|^~\&|EPIC|") and its separators, one byte each (field, component, repetition, escape and
// subcomponent, as the MSH declares them). They hold no PHI, and a span replaced over one would
// merge or drop the message's fields.
std::vector<std::pair<size_t, size_t>> hl7_markup(const char * text, size_t len);

// The values of the segment lines of text[0, len) that are codes (in order, apart): the fields
// that hold a value of one of HL7's tables or of a code system (a sex, a relationship, a race, a
// language, a patient's class, a test, a unit, a result's flag, a diagnosis, an allergen: PID-8,
// NK1-3, PID-10, OBX-3, OBX-6, DG1-3...; OBX-5 when OBX-2 types it a code or a number), a name's
// title, degree and type, a phone's use and equipment, an address's type, and an identifier's check
// digit, scheme and type ("MR" of "7731^^^HOSP^MR"). They hold no PHI, and the model, trained on
// notes, took them for entities: the relationship "MTH" for a state, the race "White" for a name.
std::vector<std::pair<size_t, size_t>> hl7_codes(const char * text, size_t len);

// Appends a span (BYTE offsets, source rule, origin "hl7", score 0.99) for each value of a field
// that holds PHI, in each segment line of text[0, len) whose id is one of MSH, EVN, PID, NK1, PV1,
// GT1, IN1, ORC, OBR, OBX, DG1, AL1 or MRG followed by '|': names (family^given^middle: PID-5,
// PID-6, PID-9, NK1-2, NK1-30, GT1-3, IN1-16; a provider's id^family^given: PV1-7/8/9/17/52,
// ORC-12, OBR-16, OBR-28, OBX-16, DG1-16, whose id is an ID), addresses by component (street,
// other, city, state, zip, country, county: PID-11, NK1-4, NK1-32, GT1-5, IN1-19), a county or
// birthplace (PID-12, PID-23: a CITY), phones (PID-13/14, NK1-5/6/31, GT1-6/7), identifiers' first
// component (PID-2/3/4/18/19/20/21, PV1-19, MRG-1/3, IN1-8/36, ORC-2/3, OBR-2/3, GT1-12; an SSN, a
// record's, an account's, a licence's or a health plan's number by its type code when it has one),
// an insurer's name (IN1-4, an ORGANIZATION), a facility's name or code (MSH-4/6, EVN-7, PV1-39,
// PV1-3's fourth component: a HOSPITAL), a room and bed (PV1-3) and dates (MSH-7, EVN-2/6,
// PID-7/29, PV1-44/45, GT1-8, IN1-18, ORC-9, OBR-7/8/22, OBX-14, DG1-5/19, AL1-6; OBX-5 when OBX-2
// types it a date). Each repetition ('~') counts; escape sequences are left as written. A name's
// span takes its person's sex from the segment (PID-8 for PID-5 and PID-9, NK1-15 for NK1-2, GT1-9
// for GT1-3, IN1-43 for IN1-16).
void scan_hl7_fields(const char * text, size_t len, std::vector<span> * out);

} // namespace mab
