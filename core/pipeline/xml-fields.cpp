#include "pipeline/xml-fields.h"

#include "pipeline/json-escapes.h"
#include "pipeline/record-fields.h"
#include "pipeline/table-columns.h"
#include "tokenizer/unicode.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
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
    // the row's cells so far (columns, counting colspan), how many of them are headers, and its last
    // header's text (a table read down: "<tr><th>Name</th><td>…"), and the cell's first column and
    // how many it spans.
    std::vector<std::string> headers;
    size_t                   cells = 0, header_cells = 0;
    std::string              row_header;
    size_t                   column = SIZE_MAX, columns = 1;
    size_t                   parts = 0; // a cell's texts read so far (a tag between each)
    // A row headed by its first data cell ("<tr><td>Date of birth</td><td>…"), and a table's rows,
    // how many of them were so headed, and the spans of their cells, kept until the table shows
    // itself a form of labels and values rather than a table whose first row of data cells names
    // its columns ("<tr><td>Name</td><td>Dose</td>").
    std::vector<std::string> texts;       // a row's data cells' texts, by column
    std::vector<range>       cell_ranges; // and where they are
    bool               label_row = false;
    size_t             rows = 0, label_rows = 0;
    std::vector<span>  label_spans;
    std::vector<range> labels; // the labels' cells: no PHI, as markup
    // A person's element: its sex (CDA's administrativeGenderCode, FHIR's gender, a plain "sex") and
    // the spans of its names, kept until it closes: the sex may come after the names.
    person_sex          sex = SEX_UNKNOWN;
    std::vector<size_t> names;
};

struct attribute {
    std::string local; // without its prefix, as written ("extension")
    size_t      b = 0, e = 0;
    bool        xmlns  = false; // a namespace's declaration
    bool        layout = false; // an HTML element's layout ("class"): part of its tag's markup
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
// HTML's elements: their attributes hold no record's fields ("<div id=\"main\">").
const char * const k_html_elements[] = {"html", "head", "body", "div", "span", "p", "a", "b", "i", "u", "em", "strong",
                                        "small", "sup", "sub", "font", "pre", "code", "blockquote", "table", "thead",
                                        "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup", "col", "ul", "ol", "li",
                                        "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "img",
                                        "section", "article", "header", "footer", "nav", "main", "label", "form",
                                        "input", "select", "option", "textarea", "button", "title", "meta", "link",
                                        "style", "script", nullptr};
// HTML's attributes that only lay a page out: markup, as its tags are.
const char * const k_html_layout[] = {"class", "style", "id", "lang", "dir", "colspan", "rowspan", "width", "height",
                                      "align", "valign", "border", "cellpadding", "cellspacing", "bgcolor", "scope",
                                      "role", "type", "rel", "target", "charset", "span", nullptr};
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

// What a part of an address after its street is: "OR" (a state's code), "97401" (a ZIP code), else a
// town.
field_kind address_part_kind(const char * s, size_t n) {
    const auto upper = [&](size_t k) { return s[k] >= 'A' && s[k] <= 'Z'; };
    if (n == 2 && upper(0) && upper(1)) return {"LOCATION", "STATE"};
    size_t digits = 0;
    while (digits < n && is_digit(s[digits])) digits++;
    if (digits == 5 && (n == 5 || (n == 10 && s[5] == '-'))) return {"LOCATION", "ZIP"};
    return {"LOCATION", "CITY"};
}

class reader {
public:
    reader(const char * text, size_t len, std::vector<span> * out) : text_(text), len_(len), out_(out) {}

    void run() {
        for (size_t i = 0; i < len_;) {
            const char * lt = (const char *) memchr(text_ + i, '<', len_ - i);
            if (!lt) break;
            i = (size_t) (lt - text_);
            if (const size_t close = json_string_end(i)) {
                read_json_string(i, close);
                i = close + 1;
                continue;
            }
            // Reading goes on from where the document stopped, as the JSON reader's does.
            i = std::max(read(i), i + 1);
        }
        // A label's cell holds tags of its own: one range over both.
        std::sort(markup_.begin(), markup_.end());
        size_t kept = 0;
        for (const range & r : markup_) {
            if (kept && r.first < markup_[kept - 1].second) {
                markup_[kept - 1].second = std::max(markup_[kept - 1].second, r.second);
            } else {
                markup_[kept++] = r;
            }
        }
        markup_.resize(kept);
    }

    const std::vector<range> & markup() const { return markup_; }

private:
    const char *         text_;
    size_t               len_;
    std::vector<span> *  out_;
    std::vector<element> stack_;
    bool                 attribute_ = false; // an attribute's value is being read
    std::vector<range>   markup_; // committed markup, and attributes' values that hold no PHI
    std::map<const char *, size_t> none_from_; // find(): where a delimiter was last looked for in vain
    size_t no_json_string_before_ = 0; // json_string_end(): where a string's end was looked for in vain

    // Where the JSON string whose value begins with the markup at text[i] ends (its closing quote),
    // when it escapes a character ("div": "<div xmlns=\"http://www.w3.org/1999/xhtml\">…", FHIR's
    // narrative); else 0: its markup, unescaped, is read where it stands.
    size_t json_string_end(size_t i) {
        if (i == 0 || text_[i - 1] != '"' || i < no_json_string_before_) return 0;
        size_t p = i - 1;
        while (p > 0 && is_space(text_[p - 1])) p--;
        if (p == 0 || !strchr(":[,", text_[p - 1])) return 0;
        bool escapes = false;
        size_t k = i;
        for (; k < len_ && (unsigned char) text_[k] >= 0x20; k++) {
            if (text_[k] == '"') return escapes ? k : 0;
            if (text_[k] == '\\') escapes = true, k++;
        }
        // No string ends before k: nor will one that begins before it (a long line of "<" costs one pass).
        no_json_string_before_ = k;
        return 0;
    }

    // Reads the markup of the JSON string text[b, e) unescaped, its values and its markup put back
    // where they are written.
    void read_json_string(size_t b, size_t e) {
        std::string         xml;
        std::vector<size_t> at; // where each byte of xml is written in the text
        size_t k = b;
        const auto copy_to = [&](size_t end) {
            for (; k < end; k++) {
                if (text_[k] == '\\') return false; // no JSON escape: no JSON string, the model reads it
                xml.push_back(text_[k]), at.push_back(k);
            }
            return true;
        };
        for (const range & r : json_escapes(text_ + b, e - b)) {
            if (!copy_to(b + r.first)) return;
            const size_t n = xml.size();
            unicode::append_utf8(json_escape_value(text_ + b, r), &xml);
            at.insert(at.end(), xml.size() - n, k);
            k = b + r.second;
        }
        if (!copy_to(e)) return;
        at.push_back(e);
        std::vector<span> values;
        reader inner(xml.data(), xml.size(), out_ ? &values : nullptr);
        inner.run();
        for (span v : values) {
            v.begin = (int32_t) at[(size_t) v.begin], v.end = (int32_t) at[(size_t) v.end];
            out_->push_back(std::move(v));
        }
        for (const range & r : inner.markup()) commit(at[r.first], at[r.second]);
    }

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
                references(i, next);
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

    // The character and entity references of the text text[b, e) ("&#160;", "&amp;") are markup of
    // the innermost element's, as its tags: the default model took the "160" of "Date&#160;of" for a
    // date, whose replacement broke the reference and the document.
    void references(size_t b, size_t e) {
        if (stack_.empty()) return;
        for (const char * amp; b < e && (amp = (const char *) memchr(text_ + b, '&', e - b));) {
            const size_t a = (size_t) (amp - text_);
            size_t k = a + 1;
            const bool numeric = k < e && text_[k] == '#';
            k += numeric;
            const bool hex = numeric && k < e && (text_[k] | 32) == 'x';
            k += hex;
            const size_t name = k;
            while (k < e && k - a < 32 && (hex ? isxdigit((unsigned char) text_[k]) : numeric ? is_digit(text_[k]) : is_name_char(text_[k]))) k++;
            if (k > name && k < e && text_[k] == ';') stack_.back().tag.emplace_back(a, k + 1);
            b = k > a + 1 ? k : a + 1;
        }
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
        for (element & el : stack_) {
            if (el.lower == "table") keep_label_spans(&el);
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
        if (el.column != SIZE_MAX) cell_closed(i);
        if (el.lower == "tr") row_closed();
        if (el.lower == "table") keep_label_spans(&el);
        for (const range & r : el.tag) commit(r.first, r.second);
        commit(i, p + 1);
        close_element();
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
        if (el.lower == "clinicaldocument") el.kind = CDA;
        const bool html = el.kind != CDA && el.kind != FHIR && in(k_html_elements, el.lower);
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
            a.layout = html && in(k_html_layout, lower(a.local));
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
            if (!a.layout) {
                el.tag.emplace_back(piece, a.b);
                piece = a.e;
            }
            p = a.e + 1;
            if (lower(a.local) == "colspan") el.columns = std::clamp<size_t>(strtoul(std::string(text_ + a.b, a.e - a.b).c_str(), nullptr, 10), 1, 1000);
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
        if ((el.lower == "td" || el.lower == "th") && !stack_.empty() && stack_.back().lower == "tr") {
            element & row = stack_.back();
            el.column = row.cells;
            row.cells += el.columns;
            row.header_cells += el.lower == "th" ? el.columns : 0;
        }
        child_read(false);
        stack_.push_back(std::move(el));
        attribute_ = true;
        for (const attribute & a : attributes) attribute_value(a, attributes);
        attribute_ = false;
        if (empty) {
            for (const range & r : stack_.back().tag) commit(r.first, r.second);
            close_element();
        }
        return end;
    }

    void close_element() {
        const element & el = stack_.back();
        for (const size_t k : el.names) (*out_)[k].sex = el.sex;
        stack_.pop_back();
        child_read(true);
    }

    // The element a value read now is a member of: an attribute's own element, a text's parent
    // ("<patient sex="F">", "<patient><sex>F</sex>").
    element * value_holder() {
        const size_t up = attribute_ ? 1 : 2;
        return stack_.size() >= up ? &stack_[stack_.size() - up] : nullptr;
    }

    // The element of the person whose name is being read: the innermost one that holds a "name"
    // (CDA's and FHIR's <patient><name><given>), else the value's holder.
    element * person_of_name() {
        for (size_t k = stack_.size(); k-- > 1;) {
            if (stack_[k].lower == "name") return &stack_[k - 1];
        }
        return value_holder();
    }

    // A value text[b, e) under `key` (lower case) that gives a person's sex gives it to the element
    // `up` elements above the innermost.
    void sex_value(const std::string & key, size_t b, size_t e, size_t up) {
        const person_sex sex = sex_field(key, text_ + b, e - b);
        if (sex && up < stack_.size()) stack_[stack_.size() - 1 - up].sex = sex;
    }

    // The innermost element of the stack (0) and those around it (1, 2, ...), as "" past the root.
    const std::string & up(size_t k) const {
        static const std::string none;
        return k < stack_.size() ? stack_[stack_.size() - 1 - k].lower : none;
    }

    void add(size_t b, size_t e, const field_kind & k) {
        // The element's name says what it is: over the model's guess at the words.
        if (!out_ || b >= e || !k.type) return;
        if (!strcmp(k.type, "NAME")) {
            if (element * person = person_of_name()) person->names.push_back(out_->size());
        }
        out_->push_back(field_span(b, e, k, "xml"));
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
        if (const size_t c = cell_at(); c && table_cell(c, b, e)) return;
        if (el.kind == XHTML || el.kind == FHIR) return; // FHIR's values are attributes; XHTML is narrative
        sex_value(el.lower, b, e, 1); // "<sex>F</sex>": the parent's
        if (is_iso_date(s, n)) return add(b, e, {"DATE", "DATE"});
        if (el.kind == PLAIN) return add(b, e, keyed_field_kind(el.local, s, n, all_digits(s, n), plain_person()));
        const std::string & own = up(0), & parent = up(1);
        if (own == "given") return add(b, e, {"NAME", cda_person(), NAME_PART_GIVEN});
        if (own == "family") return add(b, e, {"NAME", cda_person(), NAME_PART_FAMILY});
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

    // The innermost table cell around the innermost element, in the innermost table: its index in the
    // stack, 0 for none.
    size_t cell_at() const {
        for (size_t k = stack_.size(); k-- > 1;) {
            if (stack_[k].column != SIZE_MAX) return k;
            if (stack_[k].lower == "table") return 0;
        }
        return 0;
    }

    // What text[b, e) reads as a cell, a header or a label: without its tags, its character
    // references of spaces ("Date&nbsp;of&nbsp;birth"), its runs of spaces or a colon after it.
    std::string plain_text(size_t b, size_t e) const {
        std::string t;
        bool space = false;
        for (size_t k = b; k < e; k++) {
            const char c = text_[k];
            if (c == '<') {
                const char * gt = (const char *) memchr(text_ + k, '>', e - k);
                if (!gt) break;
                k = (size_t) (gt - text_), space = true;
                continue;
            }
            size_t blank = is_space(c) ? 1 : 0;
            for (const char * ref : {"&nbsp;", "&#160;", "&#xa0;", "&#xA0;", "\xc2\xa0"}) {
                if (!blank && k + strlen(ref) <= e && !memcmp(text_ + k, ref, strlen(ref))) blank = strlen(ref);
            }
            if (blank) {
                k += blank - 1, space = true;
                continue;
            }
            if (space && !t.empty()) t.push_back(' ');
            t.push_back(c), space = false;
        }
        while (!t.empty() && t.back() == ':') t.pop_back();
        return t;
    }

    // A table's cell (the innermost element) ends at text[end]: a header cell heads its row and, in a
    // row of headers only, its columns (row_closed); a row's first data cell that names a column
    // ("Date of birth", "Phone:") heads its row, as a form's label.
    // A cell that names a column is no PHI: markup, which no span covers (the default model took a
    // form's "Identifier" for a name).
    void cell_closed(size_t end) {
        element & cell = stack_.back(), & row = stack_[stack_.size() - 2];
        const std::string text = plain_text(cell.content, end);
        const char * type = nullptr, * subtype = nullptr;
        const bool names_a_column = column_header_type(text.data(), text.size(), &type, &subtype);
        size_t b = cell.content, e = end;
        while (b < e && is_space(text_[b])) b++;
        while (e > b && is_space(text_[e - 1])) e--;
        if (cell.lower == "th") {
            row.row_header = text;
            if (row.headers.size() < cell.column + cell.columns) row.headers.resize(cell.column + cell.columns);
            for (size_t k = 0; k < cell.columns; k++) row.headers[cell.column + k] = text;
            if (names_a_column) commit(b, e);
            return;
        }
        if (row.texts.size() < cell.column + 1) row.texts.resize(cell.column + 1);
        row.texts[cell.column] = text;
        row.cell_ranges.emplace_back(b, e);
        element * table = this->table();
        if (cell.column == 0 && row.header_cells == 0 && table && table->headers.empty() && names_a_column) {
            row.row_header = text;
            row.label_row  = true;
            table->labels.emplace_back(b, e);
        }
    }

    // The innermost element, a table's row, ends: a row of headers only heads the table's columns, and
    // so does a first row of data cells that each name a column or a thing's property ("<tr><td>Name
    // </td><td>Dose</td>"; the default model took that "Dose" for a name), whose texts are markup.
    void row_closed() {
        element & row = stack_.back();
        element * table = this->table();
        if (!table) return;
        const auto named = [](const std::string & t) {
            const char * type = nullptr, * subtype = nullptr;
            return column_header_type(t.data(), t.size(), &type, &subtype) || is_header_of_things(t.data(), t.size());
        };
        const bool names_columns = table->rows == 0 && row.header_cells == 0 && row.cells >= 2 &&
                                   row.texts.size() == row.cells && std::all_of(row.texts.begin(), row.texts.end(), named);
        if (names_columns) {
            row.headers = row.texts, row.header_cells = row.cells, row.label_row = false;
            table->label_spans.clear();
            table->labels.clear();
            for (const range & r : row.cell_ranges) commit(r.first, r.second);
        }
        table->rows++;
        table->label_rows += row.label_row;
        if (row.cells == 0 || row.header_cells != row.cells) return;
        table->headers = row.headers;
        // Beside a "Dose" or a "Result", a "Name" column names drugs or tests.
        const auto things = [](const std::string & h) { return is_header_of_things(h.data(), h.size()); };
        if (std::any_of(table->headers.begin(), table->headers.end(), things)) {
            for (std::string & h : table->headers) {
                if (lower(h) == "name") h.clear();
            }
        }
    }

    // A table ends (or the document is cut inside it): its rows headed by labels were a form's when
    // two or more and at least half of its rows were.
    void keep_label_spans(element * table) {
        if (table->label_rows >= 2 && 2 * table->label_rows >= table->rows) {
            if (out_) out_->insert(out_->end(), table->label_spans.begin(), table->label_spans.end());
            for (const range & r : table->labels) commit(r.first, r.second);
        }
        table->label_spans.clear();
        table->labels.clear();
    }

    // A text in a table's cell stack_[c] (a header's text is read when it closes): read by its row's
    // header or its column's, as a table's (table-columns.h; CDA's narrative, a page pasted from a
    // browser). Whether it had a header.
    bool table_cell(size_t c, size_t b, size_t e) {
        element & cell = stack_[c];
        const element & row = stack_[c - 1];
        if (cell.lower == "th") return true;
        element * table = this->table();
        const std::string * header = !row.row_header.empty() ? &row.row_header
                                   : table && cell.column < table->headers.size() ? &table->headers[cell.column] : nullptr;
        if (!header || header->empty()) return false;
        const char * s = text_ + b;
        const size_t n = e - b;
        field_kind k = keyed_field_kind(*header, s, n, all_digits(s, n), plain_person());
        // An address written in parts ("<span>1187 Wexford Hollow Rd</span><br/><span>Bramblecote</span>
        // <span>OR</span>"): after the street, a state's code, a ZIP code or a town, whose surrogates
        // are a state's, a ZIP code's and a town's.
        if (k.subtype && !strcmp(k.subtype, "STREET") && cell.parts++ > 0) k = address_part_kind(s, n);
        if (!out_ || !k.type) return true;
        (row.label_row && table ? table->label_spans : *out_).push_back(field_span(b, e, k, "xml"));
        return true;
    }

    // An attribute's value of the innermost element, whose attributes are `all`.
    void attribute_value(const attribute & a, const std::vector<attribute> & all) {
        const char * s = text_ + a.b;
        const size_t n = a.e - a.b;
        const element & el = stack_.back();
        // Codes, OIDs, code systems and namespaces: CDA's values are in "value" and "extension",
        // FHIR's in "value", but for those of a code, its system or a use.
        if (a.layout) return;
        // "<administrativeGenderCode code="F"/>", "<gender value="female"/>": the parent's sex;
        // "<patient sex="F">": the element's own.
        if ((el.kind == CDA && a.local == "code") || (el.kind == FHIR && a.local == "value")) sex_value(el.lower, a.b, a.e, 1);
        else if (el.kind == PLAIN) sex_value(lower(a.local), a.b, a.e, 0);
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
