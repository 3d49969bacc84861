#include "pipeline/hl7-fields.h"

#include "pipeline/record-fields.h"

#include <cstring>

namespace mab {

namespace {

// What a field's value is, by HL7's data types: XPN a person's name, XCN a provider's id and name,
// XAD an address, XTN a phone, CX an identifier, PL a point of care, TS a time.
enum field_kind { XPN, XCN, XAD, XTN, CX, PL, TS };

struct hl7_field {
    const char * segment;
    int          field;
    field_kind   kind;
    const char * subtype; // CX's ID subtype
};

const hl7_field k_fields[] = {
    {"MSH", 7, TS, nullptr},          {"EVN", 2, TS, nullptr},          {"EVN", 6, TS, nullptr},
    {"PID", 2, CX, "IDNUM"},          {"PID", 3, CX, "MEDICALRECORD"},  {"PID", 4, CX, "IDNUM"},
    {"PID", 5, XPN, nullptr},         {"PID", 6, XPN, nullptr},         {"PID", 7, TS, nullptr},
    {"PID", 9, XPN, nullptr},         {"PID", 11, XAD, nullptr},        {"PID", 13, XTN, nullptr},
    {"PID", 14, XTN, nullptr},        {"PID", 18, CX, "ACCOUNT"},       {"PID", 19, CX, "SSN"},
    {"PID", 20, CX, "LICENSE"},       {"PID", 21, CX, "IDNUM"},         {"PID", 29, TS, nullptr},
    {"NK1", 2, XPN, nullptr},         {"NK1", 4, XAD, nullptr},         {"NK1", 5, XTN, nullptr},
    {"NK1", 6, XTN, nullptr},         {"NK1", 30, XPN, nullptr},        {"NK1", 31, XTN, nullptr},
    {"NK1", 32, XAD, nullptr},        {"PV1", 3, PL, nullptr},          {"PV1", 7, XCN, nullptr},
    {"PV1", 8, XCN, nullptr},         {"PV1", 9, XCN, nullptr},         {"PV1", 17, XCN, nullptr},
    {"PV1", 19, CX, "ACCOUNT"},       {"PV1", 44, TS, nullptr},         {"PV1", 45, TS, nullptr},
    {"PV1", 52, XCN, nullptr},        {"GT1", 3, XPN, nullptr},         {"GT1", 5, XAD, nullptr},
    {"GT1", 6, XTN, nullptr},         {"GT1", 7, XTN, nullptr},         {"GT1", 8, TS, nullptr},
    {"GT1", 12, CX, "SSN"},           {"IN1", 8, CX, "HEALTHPLAN"},     {"IN1", 16, XPN, nullptr},
    {"IN1", 18, TS, nullptr},         {"IN1", 19, XAD, nullptr},        {"IN1", 36, CX, "HEALTHPLAN"},
    {"MRG", 1, CX, "MEDICALRECORD"},  {"MRG", 3, CX, "ACCOUNT"},        {"ORC", 2, CX, "IDNUM"},
    {"ORC", 3, CX, "IDNUM"},          {"ORC", 9, TS, nullptr},          {"ORC", 12, XCN, nullptr},
    {"OBR", 2, CX, "IDNUM"},          {"OBR", 3, CX, "IDNUM"},          {"OBR", 7, TS, nullptr},
    {"OBR", 8, TS, nullptr},          {"OBR", 16, XCN, nullptr},        {"OBR", 22, TS, nullptr},
    {"OBR", 28, XCN, nullptr},        {"OBX", 14, TS, nullptr},         {"OBX", 16, XCN, nullptr},
};

// Where a segment gives its person's sex, and that person's names: PID-8 of PID-5 and PID-9 (not
// PID-6, the mother's maiden name), NK1-15 of NK1-2, GT1-9 of GT1-3, IN1-43 of IN1-16.
struct hl7_sex_field {
    const char * segment;
    int          sex, names[2];
};

const hl7_sex_field k_sex_fields[] = {{"PID", 8, {5, 9}}, {"NK1", 15, {2, 2}}, {"GT1", 9, {3, 3}}, {"IN1", 43, {16, 16}}};

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

// The value text[b, e) of one repetition of a field, by its kind.
void add_value(const adder & add, const char * text, size_t b, size_t e, const hl7_field & f, char component) {
    size_t c[10][2];
    size_t n = 0;
    for (size_t p = b; n < 10;) {
        const char * sep = (const char *) memchr(text + p, component, e - p);
        const size_t q = sep ? (size_t) (sep - text) : e;
        c[n][0] = p, c[n][1] = q, n++;
        if (!sep) break;
        p = q + 1;
    }
    const auto empty = [&](size_t k) { return k >= n || c[k][0] == c[k][1]; };
    // Components first to last (0-based), as one span from the first non-empty to the last.
    const auto run = [&](size_t first, size_t last, const char * type, const char * subtype) {
        size_t lo = last + 1, hi = 0;
        for (size_t k = first; k <= last && k < n; k++) {
            if (empty(k)) continue;
            if (lo > last) lo = k;
            hi = k;
        }
        if (lo <= last) add(c[lo][0], c[hi][1], type, subtype);
    };
    switch (f.kind) {
    case XPN: run(0, 2, "NAME", "PATIENT"); break;
    case XCN:
        if (!empty(0)) add(c[0][0], c[0][1], "ID", "IDNUM");
        run(1, 3, "NAME", "DOCTOR");
        break;
    case XAD: {
        static const char * const parts[] = {"STREET", "STREET", "CITY", "STATE", "ZIP", "COUNTRY"};
        for (size_t k = 0; k < 6 && k < n; k++) {
            if (!empty(k)) add(c[k][0], c[k][1], "LOCATION", parts[k]);
        }
        break;
    }
    case XTN:
        if (!empty(0) && has_digit(text, c[0][0], c[0][1])) add(c[0][0], c[0][1], "CONTACT", "PHONE");
        if (!empty(3) && memchr(text + c[3][0], '@', c[3][1] - c[3][0])) add(c[3][0], c[3][1], "CONTACT", "EMAIL");
        if (n > 6 && has_digit(text, c[5][0], c[6][1])) run(5, 7, "CONTACT", "PHONE");
        break;
    case CX:
        if (!empty(0)) add(c[0][0], c[0][1], "ID", f.subtype);
        break;
    case PL:
        if (!empty(1)) add(c[1][0], c[1][1], "LOCATION", "ROOM");
        if (!empty(2)) add(c[2][0], c[2][1], "LOCATION", "ROOM");
        break;
    case TS:
        if (!empty(0)) add(c[0][0], c[0][1], "DATE", "DATE");
        break;
    }
}

} // namespace

bool is_hl7_segment_id(const char * text, size_t len, size_t b, size_t e) {
    if (e != b + 3 || e >= len || text[e] != '|' || (b > 0 && text[b - 1] != '\n' && text[b - 1] != '\r')) return false;
    for (size_t i = b; i < e; i++) {
        if (!((text[i] >= 'A' && text[i] <= 'Z') || (i > b && text[i] >= '0' && text[i] <= '9'))) return false;
    }
    return true;
}

namespace {

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

} // namespace

std::vector<std::pair<size_t, size_t>> hl7_separators(const char * text, size_t len) {
    std::vector<std::pair<size_t, size_t>> out;
    for_each_segment(text, len, [&](size_t lb, size_t le, const separators & sep) {
        for (size_t i = lb + 3; i < le; i++) {
            const char c = text[i];
            if (c == sep.field || c == sep.component || c == sep.repetition || c == sep.escape || c == sep.subcomponent) out.emplace_back(i, i + 1);
        }
    });
    return out;
}

void scan_hl7_fields(const char * text, size_t len, std::vector<span> * out) {
    const adder add{text, out};
    for_each_segment(text, len, [&](size_t lb, size_t le, const separators & sep) {
        const bool msh = !strncmp(text + lb, "MSH", 3) && le - lb > 8;
        // Field n of a segment begins after its n-th separator; MSH-1 is the separator itself.
        int field = msh ? 1 : 0;
        const hl7_sex_field * person = nullptr;
        for (const hl7_sex_field & f : k_sex_fields) person = strncmp(f.segment, text + lb, 3) ? person : &f;
        std::vector<size_t> names;
        person_sex sex = SEX_UNKNOWN;
        for (size_t p = lb + 3; p < le;) {
            const size_t b = p + 1;
            const char * s = (const char *) memchr(text + b, sep.field, le - b);
            const size_t e = s ? (size_t) (s - text) : le;
            field++;
            const size_t before = out->size();
            for (const hl7_field & f : k_fields) {
                if (f.field != field || strncmp(f.segment, text + lb, 3)) continue;
                for (size_t r = b; r <= e;) {
                    const char * rep = msh && field == 2 ? nullptr : (const char *) memchr(text + r, sep.repetition, e - r);
                    const size_t re = rep ? (size_t) (rep - text) : e;
                    add_value(add, text, r, re, f, sep.component);
                    r = re + 1;
                }
            }
            if (person && (field == person->names[0] || field == person->names[1])) {
                for (size_t k = before; k < out->size(); k++) names.push_back(k);
            }
            if (person && field == person->sex) {
                const char * c = (const char *) memchr(text + b, sep.component, e - b);
                sex = sex_field("sex", text + b, (c ? (size_t) (c - text) : e) - b);
            }
            p = e;
        }
        for (const size_t k : names) (*out)[k].sex = sex;
    });
}

} // namespace mab
