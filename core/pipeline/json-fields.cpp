#include "pipeline/json-fields.h"

#include "pipeline/record-fields.h"
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
    // An object of a person: its "gender" or "sex", and the spans of its names (kept until it closes:
    // the sex may come after the names).
    person_sex          sex = SEX_UNKNOWN;
    std::vector<size_t> names;
};

constexpr size_t MAX_DEPTH = 256;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string lower(const char * s, size_t n) {
    std::string k(s, n);
    for (char & c : k) {
        if (c >= 'A' && c <= 'Z') c = (char) (c + 32);
    }
    return k;
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
                for (const size_t k : f.names) (*out_)[k].sex = f.sex;
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

    bool under_a_clinician_key() const {
        for (size_t k = 0; k + 1 < stack_.size(); k++) {
            if (stack_[k].object && is_clinician_key(stack_[k].member)) return true;
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

    fhir_place place() const {
        fhir_place at;
        at.own       = key(0);
        at.parent    = key(1);
        at.resource  = resource(&at.own_member);
        at.clinician = under_a_clinician_key() || under_a_clinician_column();
        return at;
    }

    void add(size_t b, size_t e, const field_kind & k) {
        // The key says what it is: over the model's guess at the words.
        if (b >= e || !k.type) return;
        if (!strcmp(k.type, "NAME")) {
            if (frame * person = person_of_name()) person->names.push_back(out_->size());
        }
        out_->push_back(field_span(b, e, k, "json"));
    }

    // The object of the person whose name is being read: the innermost object whose member is a
    // "name" (FHIR's Patient of "name": [{"given": …}], a contact's), else the innermost object
    // ({"firstName": …, "sex": …}).
    frame * person_of_name() {
        frame * innermost = nullptr;
        for (size_t k = stack_.size(); k-- > 0;) {
            if (!stack_[k].object) continue;
            if (stack_[k].member == "name") return &stack_[k];
            if (!innermost) innermost = &stack_[k];
        }
        return innermost;
    }

    // What a plain record's value is, by its key as a table's header.
    field_kind column_kind(const char * s, size_t n, bool number) const {
        const frame * f = owner(0);
        if (!f) return {};
        const fhir_place at = place();
        return keyed_field_kind(f->written, s, n, number, at.clinician ? "DOCTOR" : "PATIENT");
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
        if (const person_sex sex = sex_field(key(0), s, n)) {
            for (size_t k = stack_.size(); k-- > 0;) {
                if (stack_[k].object) return (void) (stack_[k].sex = sex); // the object holding "gender"
            }
        }
        if (is_iso_date(s, n)) return add(b, e, {"DATE", "DATE"});
        if (key(0) == "reference") return add(b + fhir_reference_id(s, n), e, {"ID", "IDNUM"});
        const fhir_place at = place();
        field_kind k = fhir_field_kind(at, s, n);
        if (!k.type && at.resource.empty()) k = column_kind(s, n, false);
        add(b, e, k);
    }

    void number_value(size_t b, size_t e) {
        bool own = false;
        if (!resource(&own).empty()) return;
        add(b, e, column_kind(text_ + b, e - b, true));
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
