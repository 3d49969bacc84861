#include "pipeline/hl7-fields.h"

#include "pipeline/record-fields.h"

#include <cctype>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace mab {

namespace {

// What a field's value is, by HL7's data types: XPN a person's name, XCN a provider's id and name,
// XAD an address, XTN a phone, CX an identifier, XON an organization, HD a facility, PL a point of
// care, PLACE a town or county, TS a time, CODE a value of a table or a code system (ID, IS, CE,
// CWE: a sex, a relationship, a race, a test, a unit), OBX_VALUE an observation's value, whose type
// OBX-2 gives, and TEXT what this reader leaves to the model.
enum value_kind { XPN, XCN, XAD, XTN, CX, XON, HD, PL, PLACE, TS, CODE, OBX_VALUE, TEXT };

struct hl7_field {
    const char * segment;
    int          field;
    value_kind   kind;
    const char * subtype; // CX's ID subtype
};

const hl7_field k_fields[] = {
    {"MSH", 4, HD, nullptr},           {"MSH", 6, HD, nullptr},           {"MSH", 7, TS, nullptr},
    {"EVN", 2, TS, nullptr},           {"EVN", 6, TS, nullptr},           {"EVN", 7, HD, nullptr},
    {"PID", 2, CX, "IDNUM"},           {"PID", 3, CX, "MEDICALRECORD"},   {"PID", 4, CX, "IDNUM"},
    {"PID", 5, XPN, nullptr},          {"PID", 6, XPN, nullptr},          {"PID", 7, TS, nullptr},
    {"PID", 9, XPN, nullptr},          {"PID", 11, XAD, nullptr},         {"PID", 12, PLACE, nullptr},
    {"PID", 13, XTN, nullptr},         {"PID", 14, XTN, nullptr},         {"PID", 18, CX, "ACCOUNT"},
    {"PID", 19, CX, "SSN"},            {"PID", 20, CX, "LICENSE"},        {"PID", 21, CX, "IDNUM"},
    {"PID", 23, PLACE, nullptr},       {"PID", 29, TS, nullptr},          {"NK1", 2, XPN, nullptr},
    {"NK1", 4, XAD, nullptr},          {"NK1", 5, XTN, nullptr},          {"NK1", 6, XTN, nullptr},
    {"NK1", 30, XPN, nullptr},         {"NK1", 31, XTN, nullptr},         {"NK1", 32, XAD, nullptr},
    {"PV1", 3, PL, nullptr},           {"PV1", 7, XCN, nullptr},          {"PV1", 8, XCN, nullptr},
    {"PV1", 9, XCN, nullptr},          {"PV1", 17, XCN, nullptr},         {"PV1", 19, CX, "ACCOUNT"},
    {"PV1", 39, HD, nullptr},          {"PV1", 44, TS, nullptr},          {"PV1", 45, TS, nullptr},
    {"PV1", 52, XCN, nullptr},         {"GT1", 3, XPN, nullptr},          {"GT1", 5, XAD, nullptr},
    {"GT1", 6, XTN, nullptr},          {"GT1", 7, XTN, nullptr},          {"GT1", 8, TS, nullptr},
    {"GT1", 12, CX, "SSN"},            {"IN1", 4, XON, nullptr},          {"IN1", 8, CX, "HEALTHPLAN"},
    {"IN1", 16, XPN, nullptr},         {"IN1", 18, TS, nullptr},          {"IN1", 19, XAD, nullptr},
    {"IN1", 36, CX, "HEALTHPLAN"},     {"MRG", 1, CX, "MEDICALRECORD"},   {"MRG", 3, CX, "ACCOUNT"},
    {"ORC", 2, CX, "IDNUM"},           {"ORC", 3, CX, "IDNUM"},           {"ORC", 9, TS, nullptr},
    {"ORC", 12, XCN, nullptr},         {"OBR", 2, CX, "IDNUM"},           {"OBR", 3, CX, "IDNUM"},
    {"OBR", 7, TS, nullptr},           {"OBR", 8, TS, nullptr},           {"OBR", 16, XCN, nullptr},
    {"OBR", 22, TS, nullptr},          {"OBR", 28, XCN, nullptr},         {"OBX", 5, OBX_VALUE, nullptr},
    {"OBX", 14, TS, nullptr},          {"OBX", 16, XCN, nullptr},         {"DG1", 5, TS, nullptr},
    {"DG1", 16, XCN, nullptr},         {"DG1", 19, TS, nullptr},          {"AL1", 6, TS, nullptr},
};

// The fields whose values are codes, all of them (HL7 v2.5's ID, IS, CE and CWE fields of these
// segments, their set ids, and AL1-5's reaction), but a facility (PV1-39, a hospital's) and a
// person's citizenship and nationality (a country) and tribe (PID-39); and the segment's last field
// in HL7 v2.9 (a line with more holds two segments).
struct segment_codes {
    const char * segment;
    int          last, fields[24];
};

const segment_codes k_codes[] = {
    {"MSH", 28, {3, 5, 9, 11, 12, 15, 16, 17, 18, 19, 20}},
    {"EVN", 7, {1, 4}},
    {"PID", 40, {1, 8, 10, 15, 16, 17, 22, 24, 27, 30, 31, 32, 35, 36, 38}},
    {"NK1", 41, {1, 3, 7, 14, 15, 17, 19, 20, 21, 22, 23, 24, 27, 28, 34, 35, 36}},
    {"PV1", 54, {1, 2, 4, 10, 14, 15, 16, 18, 20, 21, 22, 23, 24, 28, 29, 31, 36, 38, 40, 41}},
    {"GT1", 57, {1, 9, 10, 11}},
    {"IN1", 55, {1, 15, 17, 20, 27, 43}},
    {"ORC", 38, {1, 5, 6, 16}},
    {"OBR", 55, {1, 4, 5, 11, 24, 25}},
    {"OBX", 33, {1, 2, 3, 6, 7, 8, 11, 17}},
    {"DG1", 26, {1, 2, 3, 6}},
    {"AL1", 6, {1, 2, 3, 4, 5}},
};

// The codes of the segment whose id is at `id`, if this reader knows it.
const segment_codes * codes_of(const char * id) {
    for (const segment_codes & c : k_codes) {
        if (!strncmp(c.segment, id, 3)) return &c;
    }
    return nullptr;
}

// The components, 0-based, that are codes, titles or check digits in a value of a kind: a name's
// prefix, degree and type (and a provider's source table, check digit and scheme and identifier
// type), an address's type, a phone's use and equipment, an identifier's check digit, scheme and
// type, a facility's universal id type. An identifier's assigning authority may be a hospital's
// name. A CODE's value is one code whole.
uint32_t code_components(value_kind kind) {
    switch (kind) {
    case XPN: return 1u << 4 | 1u << 5 | 1u << 6;
    case XCN: return 1u << 5 | 1u << 6 | 1u << 7 | 1u << 9 | 1u << 10 | 1u << 11 | 1u << 12;
    case XAD: return 1u << 6;
    case XTN: return 1u << 1 | 1u << 2;
    case CX: return 1u << 1 | 1u << 2 | 1u << 4;
    case HD: return 1u << 2;
    case XON:
    case PL:
    case PLACE:
    case TS:
    case CODE:
    case OBX_VALUE:
    case TEXT: return 0;
    }
    return 0;
}

// What OBX-5 is, by the value type OBX-2 gives: a time, a code or a number (NM, SN: no PHI), or
// else (ST, TX, FT) text that the model reads.
value_kind observation_kind(std::string_view value_type) {
    for (const char * t : {"DT", "DTM", "TS"}) {
        if (value_type == t) return TS;
    }
    for (const char * t : {"CE", "CWE", "CNE", "ID", "IS", "NM", "SN"}) {
        if (value_type == t) return CODE;
    }
    return TEXT;
}

// Where a segment gives its person's sex, and that person's names: PID-8 of PID-5 and PID-9 (not
// PID-6, the mother's maiden name), NK1-15 of NK1-2, GT1-9 of GT1-3, IN1-43 of IN1-16.
struct hl7_sex_field {
    const char * segment;
    int          sex, names[2];
};

const hl7_sex_field k_sex_fields[] = {{"PID", 8, {5, 9}}, {"NK1", 15, {2, 2}}, {"GT1", 9, {3, 3}}, {"IN1", 43, {16, 16}}};

// The person of the segment whose id is at `id`, if it names one.
const hl7_sex_field * person_of(const char * id) {
    for (const hl7_sex_field & f : k_sex_fields) {
        if (!strncmp(f.segment, id, 3)) return &f;
    }
    return nullptr;
}

struct separators {
    char field = '|', component = '^', repetition = '~', escape = '\\', subcomponent = '&';
};

struct adder {
    const char *        text;
    std::vector<span> * out;
    void operator()(size_t b, size_t e, const char * type, const char * subtype) const {
        if (b < e) out->push_back(rule_span(b, e, 0.99f, type, subtype, "hl7")); // the field's place says what it is
    }
};

bool has_digit(const char * text, size_t b, size_t e) {
    for (size_t i = b; i < e; i++) {
        if (text[i] >= '0' && text[i] <= '9') return true;
    }
    return false;
}

// The first 16 components of one repetition of a field, text[b, e), as [begin, end) byte pairs.
struct components {
    size_t at[16][2];
    size_t n = 0;
    components(const char * text, size_t b, size_t e, char separator) {
        for (size_t p = b; n < 16;) {
            const char * sep = (const char *) memchr(text + p, separator, e - p);
            const size_t q   = sep ? (size_t) (sep - text) : e;
            at[n][0] = p, at[n][1] = q, n++;
            if (!sep) break;
            p = q + 1;
        }
    }
    bool empty(size_t k) const { return k >= n || at[k][0] == at[k][1]; }
};

// Whether a value is shaped as a person's name is in HL7: family^given..., all letters, the family
// name of two or more, written in the same case as the given name (both in capitals or neither).
// A code of a table or a code system seldom is: it has a digit ("MTH^Mother^HL70063",
// "2106-3^White^CDCREC"), its code is in capitals and its text not ("PCN^Penicillin"), or its code
// abbreviates its text, the letters in order from the first ("SPO^SPOUSE", "NOK^NEXT OF KIN").
bool is_name_shaped(const char * text, const components & c) {
    if (c.n < 2 || c.at[0][1] - c.at[0][0] < 2 || c.empty(1)) return false;
    for (size_t k = 0; k < c.n; k++) {
        for (size_t i = c.at[k][0]; i < c.at[k][1]; i++) {
            const unsigned char ch = (unsigned char) text[i];
            if (!(isalpha(ch) || ch >= 0x80 || ch == ' ' || ch == '\'' || ch == '-' || ch == '.')) return false;
        }
    }
    const auto in_capitals = [&](size_t k) {
        for (size_t i = c.at[k][0]; i < c.at[k][1]; i++) {
            if (islower((unsigned char) text[i])) return false;
        }
        return true;
    };
    const auto lower = [&](size_t i) { return tolower((unsigned char) text[i]); };
    size_t i = c.at[1][0];
    for (size_t k = c.at[0][0]; k < c.at[0][1] && i < c.at[1][1]; i++) {
        if (lower(i) == lower(k)) k++;
        else if (k == c.at[0][0]) break;
        if (k == c.at[0][1]) return false;
    }
    return c.at[1][1] - c.at[1][0] == 1 || in_capitals(0) == in_capitals(1);
}

// An identifier's subtype by its type code (CX-5, HL7 table 0203) where it says more than the
// field's place: the SSA's "SS" among a PID-3's repetitions.
const char * identifier_subtype(const char * text, const components & c, const char * by_place) {
    static const char * const types[][2] = {{"SS", "SSN"},        {"MR", "MEDICALRECORD"}, {"AN", "ACCOUNT"},   {"DL", "LICENSE"},
                                            {"MA", "HEALTHPLAN"}, {"MC", "HEALTHPLAN"},    {"MB", "HEALTHPLAN"}};
    if (c.empty(4)) return by_place;
    const std::string_view type(text + c.at[4][0], c.at[4][1] - c.at[4][0]);
    for (const auto & t : types) {
        if (type == t[0]) return t[1];
    }
    return by_place;
}

// The spans of one repetition text[b, e) of a field of a kind.
void add_value(const adder & add, const char * text, size_t b, size_t e, value_kind kind, const char * subtype, const separators & sep) {
    const components c(text, b, e, sep.component);
    // A facility, an HD, as a component's first subcomponent or a field's first component: its name
    // or code ("MGH" of "MGH&2.16.840.1.113883.19.5&ISO"), a hospital's; its OID is the model's.
    const auto facility = [&](size_t k) {
        if (c.empty(k)) return;
        const char * s = (const char *) memchr(text + c.at[k][0], sep.subcomponent, c.at[k][1] - c.at[k][0]);
        add(c.at[k][0], s ? (size_t) (s - text) : c.at[k][1], "LOCATION", "HOSPITAL");
    };
    // Components first to last (0-based), as one span from the first non-empty to the last.
    const auto run = [&](size_t first, size_t last, const char * type, const char * sub) {
        size_t lo = last + 1, hi = 0;
        for (size_t k = first; k <= last && k < c.n; k++) {
            if (c.empty(k)) continue;
            if (lo > last) lo = k;
            hi = k;
        }
        if (lo <= last) add(c.at[lo][0], c.at[hi][1], type, sub);
    };
    switch (kind) {
    case XPN: run(0, 2, "NAME", "PATIENT"); break;
    case XCN:
        if (!c.empty(0)) add(c.at[0][0], c.at[0][1], "ID", "IDNUM");
        run(1, 3, "NAME", "DOCTOR");
        break;
    case XAD: {
        // Street, other designation, city, state, zip, country, (type), (other geographic
        // designation), county: a county is a CITY, as a CDA address's is.
        static const char * const parts[] = {"STREET", "STREET", "CITY", "STATE", "ZIP", "COUNTRY", nullptr, nullptr, "CITY"};
        for (size_t k = 0; k < 9; k++) {
            if (parts[k] && !c.empty(k)) add(c.at[k][0], c.at[k][1], "LOCATION", parts[k]);
        }
        break;
    }
    case XTN:
        if (!c.empty(0) && has_digit(text, c.at[0][0], c.at[0][1])) add(c.at[0][0], c.at[0][1], "CONTACT", "PHONE");
        if (!c.empty(3) && memchr(text + c.at[3][0], '@', c.at[3][1] - c.at[3][0])) add(c.at[3][0], c.at[3][1], "CONTACT", "EMAIL");
        if (c.n > 6 && has_digit(text, c.at[5][0], c.at[6][1])) run(5, 7, "CONTACT", "PHONE");
        break;
    case CX:
        if (!c.empty(0)) add(c.at[0][0], c.at[0][1], "ID", identifier_subtype(text, c, subtype));
        break;
    case XON:
        if (!c.empty(0)) add(c.at[0][0], c.at[0][1], "LOCATION", "ORGANIZATION");
        break;
    case HD: facility(0); break;
    case PLACE:
        if (!c.empty(0)) add(c.at[0][0], c.at[0][1], "LOCATION", "CITY");
        break;
    case PL:
        if (!c.empty(1)) add(c.at[1][0], c.at[1][1], "LOCATION", "ROOM");
        if (!c.empty(2)) add(c.at[2][0], c.at[2][1], "LOCATION", "ROOM");
        facility(3);
        break;
    case TS:
        if (!c.empty(0)) add(c.at[0][0], c.at[0][1], "DATE", "DATE");
        break;
    case CODE:
    case OBX_VALUE:
    case TEXT: break;
    }
}

// What field `field` of the segment whose id is at `id` holds, with an identifier's subtype by its
// place (TEXT: none this reader knows, left to the model); OBX-5's kind follows OBX-2's `value_type`.
value_kind kind_of(const char * id, int field, std::string_view value_type, const char ** subtype) {
    for (const hl7_field & f : k_fields) {
        if (f.field != field || strncmp(f.segment, id, 3)) continue;
        *subtype = f.subtype;
        return f.kind == OBX_VALUE ? observation_kind(value_type) : f.kind;
    }
    if (const segment_codes * c = codes_of(id)) {
        for (const int n : c->fields) {
            if (n == field) return CODE;
        }
    }
    return TEXT;
}

// Whether the line text[lb, le) is a segment: an id of three capitals or digits, then the field
// separator, which an MSH line declares with the others (`sep`).
bool segment_line(const char * text, size_t lb, size_t le, separators * sep) {
    const bool segment = le - lb > 4 && text[lb] >= 'A' && text[lb] <= 'Z' &&
                         ((text[lb + 1] >= 'A' && text[lb + 1] <= 'Z') || (text[lb + 1] >= '0' && text[lb + 1] <= '9')) &&
                         ((text[lb + 2] >= 'A' && text[lb + 2] <= 'Z') || (text[lb + 2] >= '0' && text[lb + 2] <= '9'));
    if (segment && !strncmp(text + lb, "MSH", 3) && le - lb > 8) {
        sep->field = text[lb + 3], sep->component = text[lb + 4], sep->repetition = text[lb + 5];
        sep->escape = text[lb + 6], sep->subcomponent = text[lb + 7];
    }
    return segment && text[lb + 3] == sep->field;
}

// Each line of text[0, len) that is a segment, with the separators declared so far: f(lb, le, sep).
template <typename F> void for_each_segment(const char * text, size_t len, F f) {
    separators sep;
    for (size_t lb = 0; lb < len;) {
        size_t le = lb;
        while (le < len && text[le] != '\n' && text[le] != '\r') le++;
        if (segment_line(text, lb, le, &sep)) f(lb, le, sep);
        lb = le + 1;
    }
}

// Each field of the segment line text[lb, le), with what it holds: f(number, b, e, kind, subtype).
// Field n begins after the n-th separator; MSH-1 is the separator itself.
template <typename F> void for_each_field(const char * text, size_t lb, size_t le, const separators & sep, F f) {
    int              field = !strncmp(text + lb, "MSH", 3) && le - lb > 8 ? 1 : 0;
    std::string_view value_type;
    for (size_t p = lb + 3; p < le;) {
        const size_t b = p + 1;
        const char * s = (const char *) memchr(text + b, sep.field, le - b);
        const size_t e = s ? (size_t) (s - text) : le;
        field++;
        const char *     subtype = nullptr;
        const value_kind kind    = kind_of(text + lb, field, value_type, &subtype);
        if (field == 2 && !strncmp(text + lb, "OBX", 3)) {
            const char * c = (const char *) memchr(text + b, sep.component, e - b);
            value_type     = std::string_view(text + b, (c ? (size_t) (c - text) : e) - b);
        }
        f(field, b, e, kind, subtype);
        p = e;
    }
}

// Each repetition ('~') of the field text[b, e): f(rb, re).
template <typename F> void for_each_repetition(const char * text, size_t b, size_t e, const separators & sep, F f) {
    for (size_t r = b; r <= e;) {
        const char * rep = (const char *) memchr(text + r, sep.repetition, e - r);
        const size_t re  = rep ? (size_t) (rep - text) : e;
        f(r, re);
        r = re + 1;
    }
}

} // namespace

std::vector<std::pair<size_t, size_t>> hl7_markup(const char * text, size_t len) {
    std::vector<std::pair<size_t, size_t>> out;
    for_each_segment(text, len, [&](size_t lb, size_t le, const separators & sep) {
        out.emplace_back(lb, lb + 3);
        for (size_t i = lb + 3; i < le; i++) {
            const char c = text[i];
            if (c == sep.field || c == sep.component || c == sep.repetition || c == sep.escape || c == sep.subcomponent) out.emplace_back(i, i + 1);
        }
    });
    return out;
}

std::vector<std::pair<size_t, size_t>> hl7_codes(const char * text, size_t len) {
    std::vector<std::pair<size_t, size_t>> out;
    for_each_segment(text, len, [&](size_t lb, size_t le, const separators & sep) {
        const segment_codes * segment = codes_of(text + lb);
        if (!segment) return;
        // A message that lost or gained a separator or a line break moves values into fields of
        // other kinds: a name into a relationship's codes or an identifier ("PPO|MORENO^LUCIA^N|"
        // of an IN1, whose name field is then empty), or two segments onto one line. Its segment's
        // codes are none, and the model reads them as before.
        const hl7_sex_field * person = person_of(text + lb);
        bool too_long = false, named = false, name_elsewhere = false;
        for_each_field(text, lb, le, sep, [&](int field, size_t b, size_t e, value_kind kind, const char *) {
            too_long = too_long || field > segment->last;
            const bool name_field = person && field == person->names[0];
            if (!name_field && kind != CODE && kind != CX) return;
            for_each_repetition(text, b, e, sep, [&](size_t rb, size_t re) {
                const bool shaped = is_name_shaped(text, components(text, rb, re, sep.component));
                named             = named || (name_field && shaped);
                name_elsewhere    = name_elsewhere || (!name_field && shaped);
            });
        });
        if (too_long || (person && name_elsewhere && !named)) return;
        for_each_field(text, lb, le, sep, [&](int, size_t b, size_t e, value_kind kind, const char *) {
            if (kind == CODE) {
                if (b < e) out.emplace_back(b, e);
                return;
            }
            const uint32_t mask = code_components(kind);
            if (!mask) return;
            for_each_repetition(text, b, e, sep, [&](size_t rb, size_t re) {
                const components c(text, rb, re, sep.component);
                for (size_t k = 0; k < c.n; k++) {
                    if ((mask >> k & 1) && !c.empty(k)) out.emplace_back(c.at[k][0], c.at[k][1]);
                }
            });
        });
    });
    return out;
}

void scan_hl7_fields(const char * text, size_t len, std::vector<span> * out) {
    const adder add{text, out};
    for_each_segment(text, len, [&](size_t lb, size_t le, const separators & sep) {
        const hl7_sex_field * person = person_of(text + lb);
        std::vector<size_t>   names;
        person_sex          sex = SEX_UNKNOWN;
        for_each_field(text, lb, le, sep, [&](int field, size_t b, size_t e, value_kind kind, const char * subtype) {
            const size_t before = out->size();
            for_each_repetition(text, b, e, sep, [&](size_t rb, size_t re) { add_value(add, text, rb, re, kind, subtype, sep); });
            if (person && (field == person->names[0] || field == person->names[1])) {
                for (size_t k = before; k < out->size(); k++) names.push_back(k);
            }
            if (person && field == person->sex) {
                const char * c = (const char *) memchr(text + b, sep.component, e - b);
                sex            = sex_field("sex", text + b, (c ? (size_t) (c - text) : e) - b);
            }
        });
        for (const size_t k : names) (*out)[k].sex = sex;
    });
}

} // namespace mab
