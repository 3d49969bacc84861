#include "pipeline/json-fields.h"

#include "pipeline/clinical-terms.h"
#include "pipeline/table-columns.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace mab {

namespace {

// An object or array being read. An object's `member` is the key of the member being read, so the
// members of the frames from the outermost in are the path to the value being read.
struct frame {
    bool        object = false;
    std::string member;             // lower case ("postalcode")
    std::string written;            // the member's key as written ("postalCode")
    std::string resource;           // an object's "resourceType", as written
    enum { KEY, COLON, VALUE, COMMA } next = KEY;
};

constexpr size_t MAX_DEPTH = 256;

// Keys whose Reference names a clinician, a place or organization, or the patient.
const char * const k_clinician_keys[] = {"generalpractitioner", "practitioner", "performer", "requester", "author",
                                         "recorder", "asserter", "enterer", "individual", "attender", "referrer",
                                         "careprovider", "prescriber", "party", "verifier", nullptr};
const char * const k_organization_keys[] = {"organization", "employer", nullptr};
// The provider that keeps the record or gives the care.
const char * const k_hospital_keys[] = {"managingorganization", "custodian", "serviceprovider", "location", "facility",
                                        "hospital", nullptr};
const char * const k_patient_keys[] = {"subject", "patient", "beneficiary", "subscriber", "policyholder", nullptr};

bool in(const char * const * list, const std::string & s) {
    for (; *list; list++) {
        if (s == *list) return true;
    }
    return false;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool digits(const char * s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i])) return false;
    }
    return true;
}

// "1948-07-30", "1948-07", "2026-03-01T10:40:00.000-05:00": FHIR's date, dateTime and instant (a
// year alone is none: no PHI).
bool is_iso_date(const char * s, size_t n) {
    if (n < 7 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2)) return false;
    const int month = (s[5] - '0') * 10 + (s[6] - '0');
    if (month < 1 || month > 12) return false;
    if (n == 7) return true;
    if (n < 10 || s[7] != '-' || !digits(s + 8, 2)) return false;
    const int day = (s[8] - '0') * 10 + (s[9] - '0');
    if (day < 1 || day > 31) return false;
    if (n == 10) return true;
    if ((s[10] != 'T' && s[10] != ' ') || n < 16 || !digits(s + 11, 2) || s[13] != ':' || !digits(s + 14, 2)) return false;
    for (size_t i = 16; i < n; i++) {
        if (!is_digit(s[i]) && !strchr(":.+-Z", s[i])) return false;
    }
    return true;
}

bool has_letter(const char * s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') return true;
        if ((unsigned char) s[i] >= 0x80) return true;
    }
    return false;
}

std::string lower(const char * s, size_t n) {
    std::string k(s, n);
    for (char & c : k) {
        if (c >= 'A' && c <= 'Z') c = (char) (c + 32);
    }
    return k;
}

struct value_kind {
    const char * type    = nullptr;
    const char * subtype = nullptr;
};

// What a ContactPoint's value is, by its form.
value_kind telecom_kind(const char * s, size_t n) {
    if (memchr(s, '@', n)) return {"CONTACT", "EMAIL"};
    if ((n > 4 && !strncmp(s, "http", 4)) || (n > 4 && !strncmp(s, "www.", 4))) return {"CONTACT", "URL"};
    size_t nd = 0;
    for (size_t i = 0; i < n; i++) nd += is_digit(s[i]);
    return nd >= 7 ? value_kind{"CONTACT", "PHONE"} : value_kind{};
}

class reader {
public:
    reader(const char * text, size_t len, std::vector<span> * out) : text_(text), len_(len), out_(out) {}

    // Reads the object at text[at] (a '{'); returns where reading stopped: after its closing brace,
    // or at the first byte that is no JSON.
    size_t read(size_t at) {
        stack_.clear();
        size_t i = at;
        while (i < len_) {
            const char c = text_[i];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
                continue;
            }
            if (c == '{' || c == '[') {
                if (!stack_.empty() && !value_allowed()) return i;
                if (stack_.size() == MAX_DEPTH) return i;
                frame f;
                f.object = c == '{';
                f.next   = f.object ? frame::KEY : frame::VALUE;
                stack_.push_back(std::move(f));
                i++;
                continue;
            }
            if (c == '}' || c == ']') {
                if (stack_.empty() || stack_.back().object != (c == '}')) return i;
                const frame & f = stack_.back();
                if (f.object && f.next != frame::KEY && f.next != frame::COMMA) return i;
                stack_.pop_back();
                i++;
                if (stack_.empty()) return i;
                stack_.back().next = frame::COMMA;
                continue;
            }
            if (stack_.empty()) return i;
            frame & f = stack_.back();
            if (c == ':') {
                if (!f.object || f.next != frame::COLON) return i;
                f.next = frame::VALUE;
                i++;
                continue;
            }
            if (c == ',') {
                if (f.next != frame::COMMA) return i;
                f.next = f.object ? frame::KEY : frame::VALUE;
                i++;
                continue;
            }
            if (c == '"') {
                const size_t b = i + 1;
                size_t e = b;
                while (e < len_ && text_[e] != '"') {
                    if ((unsigned char) text_[e] < 0x20) return i; // no string: a JSON string holds no line break
                    e += text_[e] == '\\' ? 2 : 1;
                }
                if (e >= len_) return i;
                if (f.object && f.next == frame::KEY) {
                    f.written.assign(text_ + b, e - b);
                    f.member = lower(text_ + b, e - b);
                    f.next   = frame::COLON;
                } else if (value_allowed()) {
                    string_value(b, e);
                    stack_.back().next = frame::COMMA;
                } else {
                    return i;
                }
                i = e + 1;
                continue;
            }
            // A number, true, false or null.
            size_t e = i;
            while (e < len_ && (isalnum((unsigned char) text_[e]) || text_[e] == '.' || text_[e] == '-' || text_[e] == '+')) e++;
            if (e == i || !value_allowed()) return i;
            if (is_digit(text_[i]) || text_[i] == '-') number_value(i, e);
            f.next = frame::COMMA;
            i      = e;
        }
        return i;
    }

private:
    const char *        text_;
    size_t              len_;
    std::vector<span> * out_;
    std::vector<frame>  stack_;

    bool value_allowed() const { return stack_.back().next == frame::VALUE; }

    // The value's own key (an array's element takes the array's) and those above it, in lower case.
    const frame * owner(size_t up) const {
        for (size_t k = stack_.size(); k-- > 0;) {
            if (!stack_[k].object) continue;
            if (up == 0) return &stack_[k];
            up--;
        }
        return nullptr;
    }
    const std::string & key(size_t up) const {
        static const std::string none;
        const frame * f = owner(up);
        return f ? f->member : none;
    }

    // The innermost "resourceType" around the value, and whether the value is that resource's own member.
    const std::string & resource(bool * own) const {
        static const std::string none;
        for (size_t k = stack_.size(); k-- > 0;) {
            if (!stack_[k].resource.empty()) {
                *own = k + 1 == stack_.size();
                return stack_[k].resource;
            }
        }
        *own = false;
        return none;
    }

    bool under_any(const char * const * keys) const {
        for (size_t k = 0; k + 1 < stack_.size(); k++) {
            if (stack_[k].object && in(keys, stack_[k].member)) return true;
        }
        return false;
    }

    // Under a key that heads a column of clinicians' names ("attending": {"name": ...}).
    bool under_a_clinician_column() const {
        for (size_t k = 0; k + 1 < stack_.size(); k++) {
            const char * type = nullptr, * subtype = nullptr;
            const std::string & m = stack_[k].written;
            if (stack_[k].object && column_header_type(m.data(), m.size(), &type, &subtype) && !strcmp(subtype, "DOCTOR")) {
                return true;
            }
        }
        return false;
    }

    const char * person() const {
        bool own = false;
        const std::string & r = resource(&own);
        const bool clinician = r == "Practitioner" || r == "PractitionerRole" || under_any(k_clinician_keys) ||
                               under_a_clinician_column();
        return clinician ? "DOCTOR" : "PATIENT";
    }

    void add(size_t b, size_t e, const char * type, const char * subtype) {
        // The key says what it is: over the model's guess at the words.
        if (b < e) out_->push_back(rule_span(b, e, 0.99f, type, subtype, "json"));
    }

    // What a FHIR element's value is, by its key and its parent's.
    value_kind fhir_kind(const char * s, size_t n) const {
        const std::string & own = key(0), & parent = key(1);
        if (own == "family" || own == "given" || (own == "text" && parent == "name")) return {"NAME", person()};
        if (parent == "address") {
            if (own == "line" || own == "text") return {"LOCATION", "STREET"};
            if (own == "city" || own == "district") return {"LOCATION", "CITY"};
            if (own == "state") return {"LOCATION", "STATE"};
            if (own == "postalcode") return {"LOCATION", "ZIP"};
            if (own == "country") return {"LOCATION", "COUNTRY"};
        }
        if (own == "value" && parent == "telecom") return telecom_kind(s, n);
        if (own == "value" && parent == "identifier") return {"ID", "IDNUM"};
        if (own == "display") {
            if (in(k_clinician_keys, parent)) return {"NAME", "DOCTOR"};
            if (in(k_patient_keys, parent)) return {"NAME", "PATIENT"};
            if (in(k_organization_keys, parent)) return {"LOCATION", "ORGANIZATION"};
            if (in(k_hospital_keys, parent)) return {"LOCATION", "HOSPITAL"};
        }
        bool own_member = false;
        const std::string & r = resource(&own_member);
        if (own_member && own == "id") return {"ID", "IDNUM"};
        if (own_member && own == "name") {
            if (r == "Organization") return {"LOCATION", "ORGANIZATION"};
            if (r == "Location" || r == "HealthcareService") return {"LOCATION", "HOSPITAL"};
        }
        return {};
    }

    // What a plain record's value is, by its key as a table's header.
    value_kind column_kind(const char * s, size_t n, bool number) const {
        value_kind k;
        const frame * f = owner(0);
        if (!f || !column_header_type(f->written.data(), f->written.size(), &k.type, &k.subtype) || is_no_value(s, n)) return {};
        if (!strcmp(k.type, "NAME")) {
            if (number || !has_letter(s, n) || is_clinical_term(s, n)) return {};
            k.subtype = person();
        }
        // "state": "active" is no state; a street's or ZIP code's first character is a digit.
        if (!strcmp(k.type, "LOCATION") && strcmp(k.subtype, "STREET") && strcmp(k.subtype, "ZIP") &&
            (number || (s[0] >= 'a' && s[0] <= 'z'))) {
            return {};
        }
        if (!strcmp(k.type, "DATE") && !memchr(s, '-', n) && !memchr(s, '/', n) && !(number && n == 8)) return {};
        if (!strcmp(k.type, "ID") && n < 3) return {};
        if (!strcmp(k.type, "PROFESSION") && number) return {};
        return k;
    }

    void string_value(size_t b, size_t e) {
        const char * s = text_ + b;
        const size_t n = e - b;
        if (n == 0) return;
        frame & f = stack_.back();
        if (f.object && f.member == "resourcetype") {
            f.resource.assign(s, n);
            return;
        }
        if (is_iso_date(s, n)) return add(b, e, "DATE", "DATE");
        if (key(0) == "reference") {
            // "Patient/7731": the id; "#contained" and "urn:uuid:…" name nothing outside the record.
            size_t slash = n;
            while (slash > 0 && s[slash - 1] != '/') slash--;
            if (slash > 0 && !memchr(s, ':', n)) add(b + slash, e, "ID", "IDNUM");
            return;
        }
        bool own = false;
        value_kind k = fhir_kind(s, n);
        if (!k.type && resource(&own).empty()) k = column_kind(s, n, false);
        if (k.type) add(b, e, k.type, k.subtype);
    }

    void number_value(size_t b, size_t e) {
        bool own = false;
        if (!resource(&own).empty()) return;
        const value_kind k = column_kind(text_ + b, e - b, true);
        if (k.type) add(b, e, k.type, k.subtype);
    }
};

// Whether a JSON object begins at text[i]: a '{', then a string and a colon.
bool opens_an_object(const char * text, size_t len, size_t i) {
    if (text[i] != '{') return false;
    i++;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) i++;
    if (i >= len || text[i] != '"') return false;
    for (i++; i < len && text[i] != '"' && text[i] != '\n'; i += text[i] == '\\' ? 2 : 1) {
    }
    if (i >= len || text[i] != '"') return false;
    for (i++; i < len && (text[i] == ' ' || text[i] == '\t'); i++) {
    }
    return i < len && text[i] == ':';
}

} // namespace

bool is_json_key(const char * text, size_t len, size_t b, size_t e) {
    if (b == 0 || e >= len || b >= e || text[b - 1] != '"' || text[e] != '"') return false;
    if (memchr(text + b, '"', e - b)) return false;
    size_t i = e + 1;
    while (i < len && (text[i] == ' ' || text[i] == '\t')) i++;
    return i < len && text[i] == ':';
}

void scan_json_fields(const char * text, size_t len, std::vector<span> * out) {
    reader r(text, len, out);
    for (size_t i = 0; i < len;) {
        const char * brace = (const char *) memchr(text + i, '{', len - i);
        if (!brace) break;
        i = (size_t) (brace - text);
        // Reading goes on from where the object stopped: one object read twice would double its
        // spans, and one that fails late would make every '{' inside it read to the same place.
        i = opens_an_object(text, len, i) ? std::max(r.read(i), i + 1) : i + 1;
    }
}

} // namespace mab
