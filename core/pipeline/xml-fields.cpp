#include "pipeline/xml-fields.h"

#include "pipeline/record-fields.h"
#include "pipeline/table-columns.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <string_view>

namespace mab {

namespace {

enum dialect { PLAIN, CDA, FHIR, XHTML };

using range = std::pair<size_t, size_t>;

struct element {
    std::string        written;           // the name as written, with its prefix ("v3:postalCode")
    std::string        local;             // without its prefix ("postalCode")
    std::string        lower;             // that, in lower case ("postalcode")
    dialect            kind      = PLAIN;
    size_t             content   = 0;     // where its content begins
    bool               children  = false; // holds an element, a comment or CDATA: no text value
    bool               confirmed = false; // holds an element read whole: its tags are markup
    std::vector<range> tag;               // its start tag's markup (the tag but its attributes' values)
    // A table's, a row's and a cell's: the table's column headers (a row's: its header cells' texts),
    // the row's cells so far, how many of them are headers, and its last header's text (a table read
    // down: "<tr><th>Name</th><td>…"), and the cell's column.
    std::vector<std::string> headers;
    size_t                   cells = 0, header_cells = 0;
    std::string              row_header;
    size_t                   column = SIZE_MAX;
};

struct attribute {
    std::string local; // without its prefix, as written ("extension")
    size_t      b = 0, e = 0;
    bool        xmlns = false; // a namespace's declaration
};

constexpr size_t MAX_DEPTH = 256;

// CDA's elements around a name: a clinician's, or the patient's and the people of the patient's
// life; the first of either from the name out decides.
const char * const k_cda_clinicians[] = {"assignedperson", "assignedauthor", "assignedentity", "author", "performer",
                                         "legalauthenticator", "authenticator", "dataenterer", "encounterparticipant",
                                         "responsibleparty", "informationrecipient", "intendedrecipient", nullptr};
const char * const k_cda_people[] = {"patient", "patientrole", "guardian", "guardianperson", "relatedentity", "relatedperson",
                                     "relatedsubject", "associatedentity", "associatedperson", nullptr};
// The elements whose <name> is a person's written whole (a drug's, a device's name is no PHI).
const char * const k_cda_persons[] = {"patient", "assignedperson", "guardianperson", "relatedperson", "associatedperson",
                                      "informationrecipient", "person", nullptr};
// The elements whose <name> is a care provider's or a place of care's; a payer's is an organization.
const char * const k_cda_providers[] = {"representedorganization", "providerorganization", "serviceproviderorganization",
                                        "representedcustodianorganization", "wholeorganization", "receivedorganization",
                                        "healthcarefacility", "location", nullptr};
const char * const k_cda_streets[]   = {"streetaddressline", "housenumber", "streetname", "streetnamebase", "additionallocator",
                                        "unitid", "deliveryaddressline", "postbox", nullptr};
const char * const k_cda_times[]     = {"time", "birthtime", "effectivetime", "low", "high", "center", "deceasedtime", nullptr};
const char * const k_ssn_root        = "2.16.840.1.113883.4.1";
const char * const k_html_voids[] = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed",
                                    "source", "track", "wbr", nullptr};
// FHIR's elements whose value is a code or a code system's URI.
const char * const k_fhir_codes[] = {"system", "code", "use", "status", "url", "profile", nullptr};

bool in(const char * const * list, const std::string & s) {
    for (; *list; list++) {
        if (s == *list) return true;
    }
    return false;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (unsigned char) c >= 0x80;
}
bool is_name_char(char c) { return is_name_start(c) || is_digit(c) || c == '-' || c == '.' || c == ':'; }

std::string lower(const std::string & s) {
    std::string k = s;
    for (char & c : k) {
        if (c >= 'A' && c <= 'Z') c = (char) (c + 32);
    }
    return k;
}

// The end of an HL7 v3 time's date and clock digits at s ("20000407130000" of
// "20000407130000+0500"): at least YYYYMMDD with a real month and day; 0 for none.
size_t hl7_time_end(const char * s, size_t n) {
    size_t d = 0;
    while (d < n && is_digit(s[d])) d++;
    if (d < 8 || d > 14) return 0;
    const int month = (s[4] - '0') * 10 + (s[5] - '0'), day = (s[6] - '0') * 10 + (s[7] - '0');
    if (month < 1 || month > 12 || day < 1 || day > 31) return 0;
    // What may follow: fractions of a second and a time zone.
    for (size_t i = d; i < n; i++) {
        if (!is_digit(s[i]) && s[i] != '.' && s[i] != '+' && s[i] != '-') return 0;
    }
    return d;
}

class reader {
public:
    reader(const char * text, size_t len, std::vector<span> * out) : text_(text), len_(len), out_(out) {}

    void run() {
        for (size_t i = 0; i < len_;) {
            const char * lt = (const char *) memchr(text_ + i, '<', len_ - i);
            if (!lt) break;
            i = (size_t) (lt - text_);
            // Reading goes on from where the document stopped, as the JSON reader's does.
            i = std::max(read(i), i + 1);
        }
        std::sort(markup_.begin(), markup_.end());
    }

    const std::vector<range> & markup() const { return markup_; }

private:
    const char *         text_;
    size_t               len_;
    std::vector<span> *  out_;
    std::vector<element> stack_;
    std::vector<range>   markup_; // committed markup, and attributes' values that hold no PHI
    std::map<const char *, size_t> none_from_; // find(): where a delimiter was last looked for in vain

    bool starts(size_t i, const char * s) const {
        const size_t n = strlen(s);
        return i + n <= len_ && !memcmp(text_ + i, s, n);
    }

    // Where s next begins from i, else len_. A search that failed is not made again from further on:
    // ten thousand "<!--" without "-->" cost one pass.
    size_t find(size_t i, const char * s) {
        const auto known = none_from_.find(s);
        if (i >= len_ || (known != none_from_.end() && i >= known->second)) return len_;
        const size_t at = std::string_view(text_ + i, len_ - i).find(s);
        if (at != std::string_view::npos) return i + at;
        none_from_[s] = i;
        return len_;
    }

    size_t name_end(size_t i) const {
        if (i >= len_ || !is_name_start(text_[i])) return i;
        while (i < len_ && is_name_char(text_[i])) i++;
        return i;
    }

    void commit(size_t b, size_t e) {
        if (b < e) markup_.emplace_back(b, e);
    }

    // An element, a comment or CDATA inside the innermost open element.
    void child_read(bool whole) {
        if (stack_.empty()) return;
        stack_.back().children = true;
        if (whole) stack_.back().confirmed = true;
    }

    // Reads the document whose first markup is at text[first]; returns where reading stopped: after its
    // root element's end tag, or at the first byte that is no XML.
    size_t read(size_t first) {
        stack_.clear();
        size_t i = first;
        while (i < len_) {
            if (text_[i] != '<') {
                const char * lt = (const char *) memchr(text_ + i, '<', len_ - i);
                const size_t next = lt ? (size_t) (lt - text_) : len_;
                if (stack_.empty()) {
                    // Before the root element only spaces: other text ends the document.
                    for (size_t k = i; k < next; k++) {
                        if (!is_space(text_[k])) return stop(i);
                    }
                }
                i = next;
                continue;
            }
            size_t next = 0;
            if (starts(i, "<!--")) {
                const size_t end = find(i + 4, "-->");
                if (end == len_) return stop(i);
                commit(i, i + 4), commit(end, end + 3);
                child_read(false);
                next = end + 3;
            } else if (starts(i, "<![CDATA[")) {
                const size_t end = find(i + 9, "]]>");
                if (end == len_ || stack_.empty()) return stop(i);
                commit(i, i + 9), commit(end, end + 3);
                child_read(false);
                next = end + 3;
            } else if (starts(i, "<?")) {
                const size_t end = find(i + 2, "?>");
                if (end == len_ || name_end(i + 2) == i + 2) return stop(i);
                commit(i, end + 2);
                next = end + 2;
            } else if (starts(i, "<!")) {
                // A declaration ("<!DOCTYPE html>"), with its internal subset in brackets.
                if (name_end(i + 2) == i + 2) return stop(i);
                const size_t bracket = find(i + 2, "["), gt = find(i + 2, ">");
                const size_t end = bracket < gt ? find(find(bracket, "]"), ">") : gt;
                if (end == len_) return stop(i);
                commit(i, end + 1);
                next = end + 1;
            } else if (starts(i, "</")) {
                next = end_tag(i);
                if (!next) return stop(i);
                if (stack_.empty()) return next;
            } else {
                next = start_tag(i);
                if (!next) return stop(i);
                if (stack_.empty()) return next; // an empty-element tag as the root
            }
            i = next;
        }
        return stop(len_);
    }

    // Reading stops at i: the start tags of the elements that hold an element read whole, and of those
    // around them, are markup.
    size_t stop(size_t i) {
        size_t confirmed = 0;
        for (size_t k = 0; k < stack_.size(); k++) {
            if (stack_[k].confirmed) confirmed = k + 1;
        }
        for (size_t k = 0; k < confirmed; k++) {
            for (const range & r : stack_[k].tag) commit(r.first, r.second);
        }
        stack_.clear();
        return i;
    }

    // The end tag at text[i]: after it, or 0 when it is none or closes no open element.
    size_t end_tag(size_t i) {
        const size_t ne = name_end(i + 2);
        size_t p = ne;
        while (p < len_ && is_space(text_[p])) p++;
        if (ne == i + 2 || p >= len_ || text_[p] != '>' || stack_.empty()) return 0;
        element & el = stack_.back();
        if (el.written.size() != ne - i - 2 || memcmp(el.written.data(), text_ + i + 2, ne - i - 2)) return 0;
        if (!el.children) {
            size_t b = el.content, e = i;
            while (b < e && is_space(text_[b])) b++;
            while (e > b && is_space(text_[e - 1])) e--;
            if (b < e) text_value(b, e);
        }
        if (el.lower == "tr") row_closed();
        for (const range & r : el.tag) commit(r.first, r.second);
        commit(i, p + 1);
        stack_.pop_back();
        child_read(true);
        return p + 1;
    }

    // The start tag or empty-element tag at text[i]: after it, or 0 when it is none.
    size_t start_tag(size_t i) {
        const size_t ne = name_end(i + 1);
        if (ne == i + 1 || stack_.size() == MAX_DEPTH) return 0;
        element el;
        el.written.assign(text_ + i + 1, ne - i - 1);
        const size_t colon = el.written.rfind(':');
        el.local = colon == std::string::npos ? el.written : el.written.substr(colon + 1);
        el.lower = lower(el.local);
        el.kind  = stack_.empty() ? PLAIN : stack_.back().kind;
        if ((el.lower == "td" || el.lower == "th") && !stack_.empty() && stack_.back().lower == "tr") {
            el.column = stack_.back().cells++;
            stack_.back().header_cells += el.lower == "th";
        }
        if (el.lower == "clinicaldocument") el.kind = CDA;
        std::vector<attribute> attributes;
        size_t p = ne, piece = i;
        for (;;) {
            const size_t space = p;
            while (p < len_ && is_space(text_[p])) p++;
            if (p >= len_) return 0;
            if (text_[p] == '>' || starts(p, "/>")) break;
            const size_t ae = name_end(p);
            if (p == space || ae == p) return 0; // attributes are separated by spaces
            attribute a;
            a.local.assign(text_ + p, ae - p);
            const bool default_ns = a.local == "xmlns", xmlns = default_ns || !a.local.compare(0, 6, "xmlns:");
            if (const size_t c = a.local.rfind(':'); c != std::string::npos) a.local = a.local.substr(c + 1);
            p = ae;
            while (p < len_ && is_space(text_[p])) p++;
            if (p >= len_ || text_[p] != '=') return 0;
            p++;
            while (p < len_ && is_space(text_[p])) p++;
            if (p >= len_ || (text_[p] != '"' && text_[p] != '\'')) return 0;
            const char quote = text_[p];
            a.b = p + 1;
            a.e = a.b;
            while (a.e < len_ && text_[a.e] != quote && text_[a.e] != '<') a.e++;
            if (a.e >= len_ || text_[a.e] != quote) return 0;
            el.tag.emplace_back(piece, a.b);
            piece = a.e;
            p     = a.e + 1;
            if (default_ns) { // a prefix's declaration changes no element's namespace
                const std::string ns(text_ + a.b, a.e - a.b);
                if (ns == "urn:hl7-org:v3") el.kind = CDA;
                else if (ns == "http://hl7.org/fhir") el.kind = FHIR;
                else if (ns == "http://www.w3.org/1999/xhtml") el.kind = XHTML;
            }
            a.xmlns = xmlns;
            attributes.push_back(std::move(a));
        }
        const size_t end = p + (text_[p] == '/' ? 2 : 1);
        // HTML's void elements have no end tag ("<br>" of a page pasted from a browser), unless the
        // next tag is theirs: "<source>EHR</source>" of an export.
        const bool empty = text_[p] == '/' || ((el.kind == PLAIN || el.kind == XHTML) && in(k_html_voids, el.lower) &&
                                               !starts(find(end, "<"), ("</" + el.written + ">").c_str()));
        el.tag.emplace_back(piece, end);
        el.content = end;
        child_read(false);
        stack_.push_back(std::move(el));
        for (const attribute & a : attributes) attribute_value(a, attributes);
        if (empty) {
            for (const range & r : stack_.back().tag) commit(r.first, r.second);
            stack_.pop_back();
            child_read(true);
        }
        return end;
    }

    // The innermost element of the stack (0) and those around it (1, 2, ...), as "" past the root.
    const std::string & up(size_t k) const {
        static const std::string none;
        return k < stack_.size() ? stack_[stack_.size() - 1 - k].lower : none;
    }

    void add(size_t b, size_t e, const field_kind & k) {
        // The element's name says what it is: over the model's guess at the words.
        if (out_ && b < e && k.type) out_->push_back(rule_span(b, e, 0.99f, k.type, k.subtype, "xml"));
    }

    // Whose name it is in CDA, by the elements around it.
    const char * cda_person() const {
        for (size_t k = 1; k < stack_.size(); k++) {
            if (in(k_cda_clinicians, up(k))) return "DOCTOR";
            if (in(k_cda_people, up(k))) return "PATIENT";
        }
        return "PATIENT";
    }

    // Whose name it is in a plain export: a clinician's under an element that heads a column of
    // clinicians' names ("<attending><name>…").
    const char * plain_person() const {
        for (size_t k = 0; k + 1 < stack_.size(); k++) {
            const char * type = nullptr, * subtype = nullptr;
            const std::string & m = stack_[k].local;
            if (column_header_type(m.data(), m.size(), &type, &subtype) && !strcmp(subtype, "DOCTOR")) return "DOCTOR";
        }
        return "PATIENT";
    }

    static bool all_digits(const char * s, size_t n) {
        for (size_t i = 0; i < n; i++) {
            if (!is_digit(s[i])) return false;
        }
        return n > 0;
    }

    // An element's text value text[b, e).
    void text_value(size_t b, size_t e) {
        const char * s = text_ + b;
        const size_t n = e - b;
        const element & el = stack_.back();
        if (el.column != SIZE_MAX && table_cell(b, e)) return;
        if (el.kind == XHTML || el.kind == FHIR) return; // FHIR's values are attributes; XHTML is narrative
        if (is_iso_date(s, n)) return add(b, e, {"DATE", "DATE"});
        if (el.kind == PLAIN) return add(b, e, keyed_field_kind(el.local, s, n, all_digits(s, n), plain_person()));
        const std::string & own = up(0), & parent = up(1);
        if (own == "given" || own == "family") return add(b, e, {"NAME", cda_person()});
        if (own == "name") {
            if (in(k_cda_persons, parent)) return add(b, e, {"NAME", cda_person()});
            if (in(k_cda_providers, parent)) return add(b, e, {"LOCATION", "HOSPITAL"});
            if (parent == "scopingorganization") return add(b, e, {"LOCATION", "ORGANIZATION"});
            return;
        }
        if (own == "addr") return add(b, e, {"LOCATION", "STREET"});
        if (parent != "addr") return;
        if (in(k_cda_streets, own)) return add(b, e, {"LOCATION", "STREET"});
        if (own == "city" || own == "county" || own == "precinct") return add(b, e, {"LOCATION", "CITY"});
        if (own == "state") return add(b, e, {"LOCATION", "STATE"});
        if (own == "postalcode") return add(b, e, {"LOCATION", "ZIP"});
        if (own == "country") return add(b, e, {"LOCATION", "COUNTRY"});
    }

    // The innermost table around the innermost element.
    element * table() {
        for (size_t k = stack_.size(); k-- > 0;) {
            if (stack_[k].lower == "table") return &stack_[k];
        }
        return nullptr;
    }

    // The innermost element, a table's row, ends: a row of headers only heads the table's columns.
    void row_closed() {
        const element & row = stack_.back();
        element * table = this->table();
        if (table && row.cells > 0 && row.header_cells == row.cells) table->headers = row.headers;
    }

    // A table's cell text[b, e) (the innermost element, in a row): a header's text is kept, a data
    // cell is read by its row's header or its column's, as a table's (table-columns.h; CDA's
    // narrative, a page pasted from a browser). Whether it was either.
    bool table_cell(size_t b, size_t e) {
        element & cell = stack_.back(), & row = stack_[stack_.size() - 2];
        const element * table = this->table();
        if (cell.lower == "th") {
            // It heads the row, and its column if the whole row is headers (row_closed).
            row.row_header.assign(text_ + b, e - b);
            if (row.headers.size() <= cell.column) row.headers.resize(cell.column + 1);
            row.headers[cell.column] = row.row_header;
            return true;
        }
        const std::string * header = !row.row_header.empty() ? &row.row_header
                                   : table && cell.column < table->headers.size() ? &table->headers[cell.column] : nullptr;
        if (!header || header->empty()) return false;
        const char * s = text_ + b;
        const size_t n = e - b;
        add(b, e, keyed_field_kind(*header, s, n, all_digits(s, n), plain_person()));
        return true;
    }

    // An attribute's value of the innermost element, whose attributes are `all`.
    void attribute_value(const attribute & a, const std::vector<attribute> & all) {
        const char * s = text_ + a.b;
        const size_t n = a.e - a.b;
        const element & el = stack_.back();
        // Codes, OIDs, code systems and namespaces: CDA's values are in "value" and "extension",
        // FHIR's in "value", but for those of a code, its system or a use.
        const bool quiet = a.xmlns || (el.kind == CDA && a.local != "value" && a.local != "extension") ||
                           (el.kind == FHIR && (a.local != "value" || in(k_fhir_codes, el.lower)));
        if (quiet) return commit(a.b, a.e);
        if (n == 0 || el.kind == XHTML) return;
        if (is_iso_date(s, n)) return add(a.b, a.e, {"DATE", "DATE"});
        if (el.kind == PLAIN) return add(a.b, a.e, keyed_field_kind(a.local, s, n, all_digits(s, n), plain_person()));
        if (el.kind == FHIR) return fhir_value(a.b, a.e);
        const std::string & own = up(0);
        if (own == "telecom" && a.local == "value") return telecom_value(a.b, a.e);
        if (own == "id" && a.local == "extension" && n >= 3) {
            const auto ssn = [&](const attribute & r) {
                return r.local == "root" && r.e - r.b == strlen(k_ssn_root) && !memcmp(text_ + r.b, k_ssn_root, r.e - r.b);
            };
            return add(a.b, a.e, {"ID", std::any_of(all.begin(), all.end(), ssn) ? "SSN" : "IDNUM"});
        }
        if (in(k_cda_times, own) && a.local == "value") {
            if (const size_t d = hl7_time_end(s, n)) add(a.b, a.b + d, {"DATE", "DATE"});
        }
    }

    // A CDA telecom's value: "tel:+1(555)555-1003", "fax:…", "mailto:…", "http://…".
    void telecom_value(size_t b, size_t e) {
        const char * s = text_ + b;
        const size_t n = e - b;
        const auto scheme = [&](const char * p) { return n > strlen(p) && !strncmp(s, p, strlen(p)); };
        if (scheme("tel:") || scheme("fax:")) {
            const size_t skip = 4;
            const field_kind k = telecom_kind(s + skip, n - skip);
            if (k.subtype && !strcmp(k.subtype, "PHONE")) add(b + skip, e, {"CONTACT", scheme("fax:") ? "FAX" : "PHONE"});
            return;
        }
        if (scheme("mailto:")) return add(b + 7, e, {"CONTACT", "EMAIL"});
        add(b, e, telecom_kind(s, n));
    }

    // A FHIR element's value attribute.
    void fhir_value(size_t b, size_t e) {
        const char * s = text_ + b;
        const size_t n = e - b;
        if (up(0) == "reference") return add(b + fhir_reference_id(s, n), e, {"ID", "IDNUM"});
        fhir_place place;
        place.own    = up(0);
        place.parent = up(1);
        for (size_t k = stack_.size(); k-- > 0;) {
            const element & el = stack_[k];
            if (k + 1 < stack_.size() && is_clinician_key(el.lower)) place.clinician = true;
            if (place.resource.empty() && k + 1 < stack_.size() && el.kind == FHIR && el.local[0] >= 'A' && el.local[0] <= 'Z') {
                place.resource   = el.local;
                place.own_member = k + 2 == stack_.size();
            }
        }
        add(b, e, fhir_field_kind(place, s, n));
    }
};

} // namespace

void scan_xml_fields(const char * text, size_t len, std::vector<span> * out) { reader(text, len, out).run(); }

std::vector<std::pair<size_t, size_t>> xml_markup(const char * text, size_t len) {
    reader r(text, len, nullptr);
    r.run();
    return r.markup();
}

std::string xml_text_for_the_model(const char * text, size_t len, const std::vector<std::pair<size_t, size_t>> & markup) {
    std::string out(text, len);
    // ASCII bytes only: a letter beyond ASCII stays, so that code points keep their offsets.
    for (const range & g : markup) {
        for (size_t k = g.first; k < g.second && k < len; k++) {
            if ((unsigned char) out[k] < 0x80) out[k] = ' ';
        }
    }
    return out;
}

} // namespace mab
