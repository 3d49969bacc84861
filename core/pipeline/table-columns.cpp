#include "pipeline/table-columns.h"

#include "pipeline/clinical-terms.h"
#include "pipeline/record-fields.h"

#include <cstring>
#include <string>

namespace mab {

namespace {

struct column_kind {
    const char * header; // lower case, words one space apart
    const char * type;
    const char * subtype;
};

const column_kind k_columns[] = {
    {"name", "NAME", "PATIENT"}, {"patient", "NAME", "PATIENT"}, {"patient name", "NAME", "PATIENT"},
    {"pt name", "NAME", "PATIENT"}, {"full name", "NAME", "PATIENT"}, {"first name", "NAME", "PATIENT"},
    {"given name", "NAME", "PATIENT"}, {"last name", "NAME", "PATIENT"}, {"surname", "NAME", "PATIENT"},
    {"family name", "NAME", "PATIENT"}, {"middle name", "NAME", "PATIENT"}, {"maiden name", "NAME", "PATIENT"},
    {"mother", "NAME", "PATIENT"}, {"father", "NAME", "PATIENT"}, {"guardian", "NAME", "PATIENT"},
    {"spouse", "NAME", "PATIENT"}, {"caregiver", "NAME", "PATIENT"}, {"emergency contact", "NAME", "PATIENT"},
    {"next of kin", "NAME", "PATIENT"}, {"nok", "NAME", "PATIENT"}, {"contact name", "NAME", "PATIENT"},
    {"member name", "NAME", "PATIENT"}, {"subscriber", "NAME", "PATIENT"}, {"subscriber name", "NAME", "PATIENT"},
    {"provider", "NAME", "DOCTOR"}, {"doctor", "NAME", "DOCTOR"}, {"physician", "NAME", "DOCTOR"},
    {"attending", "NAME", "DOCTOR"}, {"pcp", "NAME", "DOCTOR"}, {"referring physician", "NAME", "DOCTOR"},
    {"referring provider", "NAME", "DOCTOR"}, {"ordering provider", "NAME", "DOCTOR"},
    {"ordering physician", "NAME", "DOCTOR"}, {"surgeon", "NAME", "DOCTOR"}, {"nurse", "NAME", "DOCTOR"},
    {"clinician", "NAME", "DOCTOR"}, {"provider name", "NAME", "DOCTOR"},
    {"dob", "DATE", "DATE"}, {"date of birth", "DATE", "DATE"}, {"birth date", "DATE", "DATE"},
    {"birthdate", "DATE", "DATE"}, {"date", "DATE", "DATE"}, {"admit date", "DATE", "DATE"},
    {"admission date", "DATE", "DATE"}, {"discharge date", "DATE", "DATE"}, {"visit date", "DATE", "DATE"},
    {"service date", "DATE", "DATE"}, {"date of service", "DATE", "DATE"}, {"dos", "DATE", "DATE"},
    {"dod", "DATE", "DATE"}, {"date of death", "DATE", "DATE"}, {"collection date", "DATE", "DATE"},
    {"appointment date", "DATE", "DATE"}, {"age", "AGE", "AGE"},
    {"phone", "CONTACT", "PHONE"}, {"telephone", "CONTACT", "PHONE"}, {"tel", "CONTACT", "PHONE"},
    {"cell", "CONTACT", "PHONE"}, {"mobile", "CONTACT", "PHONE"}, {"home phone", "CONTACT", "PHONE"},
    {"work phone", "CONTACT", "PHONE"}, {"cell phone", "CONTACT", "PHONE"}, {"phone number", "CONTACT", "PHONE"},
    {"contact number", "CONTACT", "PHONE"}, {"fax", "CONTACT", "FAX"}, {"fax number", "CONTACT", "FAX"},
    {"pager", "CONTACT", "PAGER"}, {"email", "CONTACT", "EMAIL"}, {"e mail", "CONTACT", "EMAIL"},
    {"email address", "CONTACT", "EMAIL"}, {"url", "CONTACT", "URL"}, {"website", "CONTACT", "URL"},
    {"ip", "CONTACT", "IPADDR"}, {"ip address", "CONTACT", "IPADDR"},
    {"mrn", "ID", "MEDICALRECORD"}, {"medical record number", "ID", "MEDICALRECORD"},
    {"medical record", "ID", "MEDICALRECORD"}, {"record number", "ID", "MEDICALRECORD"}, {"chart", "ID", "MEDICALRECORD"},
    {"chart number", "ID", "MEDICALRECORD"}, {"mr number", "ID", "MEDICALRECORD"}, {"ssn", "ID", "SSN"},
    {"social security number", "ID", "SSN"}, {"social security", "ID", "SSN"}, {"account", "ID", "ACCOUNT"},
    {"acct", "ID", "ACCOUNT"}, {"account number", "ID", "ACCOUNT"}, {"acct number", "ID", "ACCOUNT"},
    {"encounter", "ID", "ACCOUNT"}, {"encounter number", "ID", "ACCOUNT"}, {"csn", "ID", "ACCOUNT"},
    {"fin", "ID", "ACCOUNT"}, {"visit number", "ID", "ACCOUNT"}, {"member id", "ID", "HEALTHPLAN"},
    {"insurance id", "ID", "HEALTHPLAN"}, {"policy number", "ID", "HEALTHPLAN"}, {"policy", "ID", "HEALTHPLAN"},
    {"subscriber id", "ID", "HEALTHPLAN"}, {"medicaid id", "ID", "HEALTHPLAN"}, {"medicare id", "ID", "HEALTHPLAN"},
    {"mbi", "ID", "HEALTHPLAN"}, {"health plan id", "ID", "HEALTHPLAN"}, {"group number", "ID", "HEALTHPLAN"},
    {"id", "ID", "IDNUM"}, {"identifier", "ID", "IDNUM"}, {"patient id", "ID", "IDNUM"}, {"pt id", "ID", "IDNUM"}, {"license", "ID", "LICENSE"},
    {"license number", "ID", "LICENSE"}, {"drivers license", "ID", "LICENSE"}, {"driver's license", "ID", "LICENSE"},
    {"npi", "ID", "IDNUM"}, {"dea", "ID", "LICENSE"},
    {"address", "LOCATION", "STREET"}, {"street", "LOCATION", "STREET"}, {"street address", "LOCATION", "STREET"},
    {"address line 1", "LOCATION", "STREET"}, {"address 1", "LOCATION", "STREET"}, {"address1", "LOCATION", "STREET"},
    {"addr", "LOCATION", "STREET"}, {"home address", "LOCATION", "STREET"}, {"city", "LOCATION", "CITY"},
    {"town", "LOCATION", "CITY"}, {"state", "LOCATION", "STATE"}, {"zip", "LOCATION", "ZIP"},
    {"zip code", "LOCATION", "ZIP"}, {"zipcode", "LOCATION", "ZIP"}, {"postal code", "LOCATION", "ZIP"},
    {"postcode", "LOCATION", "ZIP"}, {"country", "LOCATION", "COUNTRY"}, {"employer", "LOCATION", "ORGANIZATION"},
    {"company", "LOCATION", "ORGANIZATION"}, {"workplace", "LOCATION", "ORGANIZATION"},
    {"school", "LOCATION", "ORGANIZATION"}, {"hospital", "LOCATION", "HOSPITAL"}, {"facility", "LOCATION", "HOSPITAL"},
    {"room", "LOCATION", "ROOM"}, {"bed", "LOCATION", "ROOM"}, {"occupation", "PROFESSION", "PROFESSION"},
    {"profession", "PROFESSION", "PROFESSION"}, {"job", "PROFESSION", "PROFESSION"},
};

// Headers of a table of things, where a bare "Name" column names a drug or a test, not a person.
const char * const k_headers_of_things[] = {"dose", "dosage", "frequency", "route", "strength", "sig", "result", "results",
                                            "units", "unit", "value", "reference range", "test", "medication", "drug",
                                            "quantity", "qty", "price", "code", "lab", "component", nullptr};

// Headers of a column of given names and of family names.
const char * const k_given_name_headers[] = {"first name", "given name", "middle name", nullptr};
const char * const k_family_name_headers[] = {"last name", "surname", "family name", "maiden name", nullptr};

// What a cell writes for no value.
const char * const k_no_values[] = {"n/a", "na", "none", "unknown", "null", "nil", "?", "not applicable",
                                    "declined", "no", "yes", nullptr};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// A header in the form the table above writes it: lower case, '_' and '-' as spaces, one space apart,
// and a capital after a lower-case letter begins a word ("PostalCode", JSON's "birthDate").
std::string header_key(const char * s, size_t n) {
    std::string k;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '_' || c == '-') c = ' ';
        if (c >= 'A' && c <= 'Z') {
            if (i > 0 && s[i - 1] >= 'a' && s[i - 1] <= 'z' && !k.empty() && k.back() != ' ') k.push_back(' ');
            c = (char) (c + 32);
        }
        if (c == ' ' && (k.empty() || k.back() == ' ')) continue;
        k.push_back(c);
    }
    while (!k.empty() && k.back() == ' ') k.pop_back();
    return k;
}

bool in(const char * const * list, const std::string & s) {
    for (; *list; list++) {
        if (s == *list) return true;
    }
    return false;
}

struct cell {
    size_t b, e; // the value, without the blanks and quotes around it
};

// The cells of the line text[b, e) split at `sep` ('|', '\t' or ','); a comma inside double quotes
// is the cell's. A pipe table's line loses the '|' at each end.
std::vector<cell> split_line(const char * text, size_t b, size_t e, char sep) {
    std::vector<cell> cells;
    while (b < e && is_space(text[b])) b++;
    while (e > b && is_space(text[e - 1])) e--;
    if (sep == '|') {
        if (b < e && text[b] == '|') b++;
        if (e > b && text[e - 1] == '|') e--;
    }
    size_t start = b;
    bool quoted = false;
    for (size_t i = b; i <= e; i++) {
        if (i < e && sep == ',' && text[i] == '"') quoted = !quoted;
        if (i < e && (text[i] != sep || quoted)) continue;
        size_t cb = start, ce = i;
        while (cb < ce && is_space(text[cb])) cb++;
        while (ce > cb && is_space(text[ce - 1])) ce--;
        if (ce - cb >= 2 && text[cb] == '"' && text[ce - 1] == '"') cb++, ce--;
        cells.push_back({cb, ce});
        start = i + 1;
    }
    return cells;
}

// Whether the cell is a short label that may head a column: a letter, then up to 40 letters, one
// digit, spaces and _ - # ' / ( ) . (no sentence: "Name, DOB and MRN verified." is none).
bool is_label(const char * text, const cell & c) {
    const size_t n = c.e - c.b;
    if (n == 0 || n > 40) return false;
    const char first = text[c.b];
    if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) return false;
    int spaces = 0, digits = 0;
    for (size_t i = c.b; i < c.e; i++) {
        const char ch = text[i];
        const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                        strchr(" _-#'/().", ch) != nullptr;
        if (!ok) return false;
        spaces += ch == ' ';
        digits += ch >= '0' && ch <= '9';
    }
    return spaces <= 3 && digits <= 1 && text[c.e - 1] != '.'; // "Address 1", not "W13793"
}

bool is_dashes(const char * text, const cell & c) {
    if (c.e == c.b) return false;
    for (size_t i = c.b; i < c.e; i++) {
        if (text[i] != '-' && text[i] != ':' && text[i] != ' ') return false;
    }
    return true;
}

// The separator of the table whose header is the line text[lb, le), with its cells and what each
// column holds, or 0 when the line heads no table: two or more cells, each a short label, and one of
// them naming something to hide in a pipe table, two in lines of commas or tabs, or a form's
// "License<tab>W13793" and "City<tab>Utica" would head one. A bare "Name" beside a drug's or a
// test's columns names things.
char read_header(const char * text, size_t lb, size_t le, std::vector<cell> * cells, std::vector<field_kind> * columns) {
    const char sep = memchr(text + lb, '|', le - lb) ? '|' : memchr(text + lb, '\t', le - lb) ? '\t'
                     : memchr(text + lb, ',', le - lb)   ? ','
                                                          : 0;
    if (!sep) return 0;
    *cells = split_line(text, lb, le, sep);
    if (cells->size() < 2) return 0;
    bool things = false;
    for (const cell & c : *cells) {
        if (!is_label(text, c)) return 0;
        things = things || is_header_of_things(text + c.b, c.e - c.b);
    }
    columns->assign(cells->size(), field_kind());
    size_t known = 0;
    for (size_t k = 0; k < cells->size(); k++) {
        const cell & c = (*cells)[k];
        field_kind & col = (*columns)[k];
        if (!column_header_type(text + c.b, c.e - c.b, &col.type, &col.subtype)) continue;
        col.part = header_name_part(text + c.b, c.e - c.b);
        if (things && header_key(text + c.b, c.e - c.b) == "name") {
            col.type = col.subtype = nullptr;
            continue;
        }
        known++;
    }
    return known >= (sep == '|' ? 1u : 2u) ? sep : 0;
}

} // namespace

bool is_header_of_things(const char * header, size_t n) { return in(k_headers_of_things, header_key(header, n)); }

bool is_no_value(const char * text, size_t n) {
    const std::string key = header_key(text, n); // "-" and "--" are blanks to it
    return key.empty() || in(k_no_values, key);
}

bool column_header_type(const char * header, size_t n, const char ** type, const char ** subtype) {
    const std::string key = header_key(header, n);
    for (const column_kind & k : k_columns) {
        if (key == k.header) {
            *type = k.type, *subtype = k.subtype;
            return true;
        }
    }
    return false;
}

name_part header_name_part(const char * header, size_t n) {
    const std::string key = header_key(header, n);
    if (in(k_given_name_headers, key)) return NAME_PART_GIVEN;
    if (in(k_family_name_headers, key)) return NAME_PART_FAMILY;
    return NAME_PART_ANY;
}

bool is_column_header_cell(const char * text, size_t len, size_t b, size_t e) {
    // Most entities name no column: only those read their line, which may be the whole text.
    const char * type = nullptr, * subtype = nullptr;
    if (b >= e || e > len || !column_header_type(text + b, e - b, &type, &subtype)) return false;
    size_t lb = b, le = e;
    while (lb > 0 && text[lb - 1] != '\n') lb--;
    while (le < len && text[le] != '\n') le++;
    std::vector<cell>   cells;
    std::vector<field_kind> columns;
    if (!read_header(text, lb, le, &cells, &columns)) return false;
    for (size_t k = 0; k < cells.size(); k++) {
        if (cells[k].b == b && cells[k].e == e) return columns[k].type != nullptr;
    }
    return false;
}

void scan_table_columns(const char * text, size_t len, std::vector<span> * out) {
    std::vector<std::pair<size_t, size_t>> lines;
    for (size_t b = 0; b < len;) {
        size_t e = b;
        while (e < len && text[e] != '\n') e++;
        lines.emplace_back(b, e);
        b = e + 1;
    }
    for (size_t l = 0; l + 1 < lines.size(); l++) {
        const auto [hb, he] = lines[l];
        std::vector<cell>   header;
        std::vector<field_kind> columns;
        const char sep = read_header(text, hb, he, &header, &columns);
        if (!sep) continue;
        size_t r = l + 1;
        if (sep == '|') {
            const std::vector<cell> dashes = split_line(text, lines[r].first, lines[r].second, sep);
            bool all_dashes = dashes.size() == header.size();
            for (const cell & c : dashes) all_dashes = all_dashes && is_dashes(text, c);
            if (all_dashes) r++;
        }
        const size_t first_row = r;
        for (; r < lines.size(); r++) {
            const std::vector<cell> row = split_line(text, lines[r].first, lines[r].second, sep);
            if (row.size() != header.size()) break;
            for (size_t k = 0; k < row.size(); k++) {
                const cell & c = row[k];
                if (!columns[k].type || is_no_value(text + c.b, c.e - c.b)) continue;
                if (!strcmp(columns[k].type, "NAME") && is_clinical_term(text + c.b, c.e - c.b)) continue;
                // The header says what it is: over the model's guess at the words.
                out->push_back(field_span(c.b, c.e, columns[k], "table"));
            }
        }
        if (r > first_row) l = r - 1;
    }
}

} // namespace mab
