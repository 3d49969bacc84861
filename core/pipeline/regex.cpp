#include "pipeline/regex.h"

#include "pipeline/text-index.h"

#include <cstdio>

namespace mab {

namespace {

constexpr int32_t k_infinite  = -1;
constexpr size_t  k_max_insts = 20000; // counted repetitions are expanded; this bounds the program

bool is_word_cp(uint32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}
bool is_space_cp(uint32_t c) { return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0 || c == 0x2028 || c == 0x2029 || c == 0x3000 || c == 0xFEFF; }
uint32_t fold(uint32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
uint32_t other_case(uint32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c >= 'a' && c <= 'z' ? c - 32 : c; }

struct node {
    enum kind_t { EMPTY, LIT, ANY, CLASS, CAT, ALT, REPEAT, BOL, EOL, WORDB, NWORDB } kind = EMPTY;
    uint32_t             c = 0;
    int32_t              min = 0, max = 0;
    std::vector<int32_t> kids;
};

struct parser {
    std::vector<uint32_t> p;
    size_t                i = 0;
    std::vector<node>     nodes;
    regex *               re;
    std::string *         error;
    bool                  failed = false;

    int32_t make(node n) {
        nodes.push_back(std::move(n));
        return (int32_t) nodes.size() - 1;
    }
    bool fail(const char * what) {
        if (!failed) {
            char buf[160];
            snprintf(buf, sizeof buf, "%s at character %zu", what, i);
            *error = buf;
        }
        failed = true;
        return false;
    }
    bool more() const { return i < p.size(); }

    int32_t parse_alt() {
        int32_t left = parse_cat();
        while (!failed && more() && p[i] == '|') {
            i++;
            const int32_t right = parse_cat();
            node n;
            n.kind = node::ALT;
            n.kids = {left, right};
            left = make(n);
        }
        return left;
    }

    int32_t parse_cat() {
        node n;
        n.kind = node::CAT;
        while (!failed && more() && p[i] != '|' && p[i] != ')') n.kids.push_back(parse_repeat());
        return make(n);
    }

    bool parse_int(int32_t * v) {
        if (!more() || p[i] < '0' || p[i] > '9') return false;
        *v = 0;
        while (more() && p[i] >= '0' && p[i] <= '9') {
            *v = *v * 10 + (int32_t) (p[i++] - '0');
            if (*v > 1000) return fail("repetition count above 1000");
        }
        return true;
    }

    int32_t parse_repeat() {
        int32_t atom = parse_atom();
        while (!failed && more()) {
            int32_t lo, hi;
            const uint32_t c = p[i];
            if (c == '*') lo = 0, hi = k_infinite, i++;
            else if (c == '+') lo = 1, hi = k_infinite, i++;
            else if (c == '?') lo = 0, hi = 1, i++;
            else if (c == '{') {
                const size_t save = i++;
                if (!parse_int(&lo)) {
                    if (failed) return atom;
                    i = save; // a literal '{'
                    break;
                }
                hi = lo;
                if (more() && p[i] == ',') {
                    i++;
                    hi = k_infinite;
                    if (more() && p[i] != '}' && !parse_int(&hi)) return fail("bad {m,n}"), atom;
                }
                if (!more() || p[i] != '}' || (hi != k_infinite && hi < lo)) return fail("bad {m,n}"), atom;
                i++;
            } else {
                break;
            }
            if (more() && p[i] == '?') i++; // lazy: same matches under leftmost-longest
            node n;
            n.kind = node::REPEAT;
            n.min  = lo;
            n.max  = hi;
            n.kids = {atom};
            atom   = make(n);
        }
        return atom;
    }

    // An escape after '\' that names a class (\d \w \s and negations): fills cls and returns true.
    bool class_escape(uint32_t c, regex::char_class * cls) {
        switch (c) {
        case 'd': cls->digit = true; return true;
        case 'D': cls->not_digit = true; return true;
        case 'w': cls->word = true; return true;
        case 'W': cls->not_word = true; return true;
        case 's': cls->space = true; return true;
        case 'S': cls->not_space = true; return true;
        default: return false;
        }
    }
    uint32_t literal_escape(uint32_t c) {
        switch (c) {
        case 't': return '\t';
        case 'n': return '\n';
        case 'r': return '\r';
        case 'f': return '\f';
        case 'v': return '\v';
        case '0': return 0;
        default: return c;
        }
    }

    int32_t parse_class() {
        regex::char_class cls;
        if (more() && p[i] == '^') cls.negated = true, i++;
        bool first = true;
        while (more() && (p[i] != ']' || first)) {
            first = false;
            uint32_t lo = p[i++];
            if (lo == '\\') {
                if (!more()) return fail("unterminated escape"), -1;
                const uint32_t e = p[i++];
                if (class_escape(e, &cls)) continue;
                lo = literal_escape(e);
            }
            uint32_t hi = lo;
            if (i + 1 < p.size() && p[i] == '-' && p[i + 1] != ']') {
                i++;
                hi = p[i++];
                if (hi == '\\') {
                    if (!more()) return fail("unterminated escape"), -1;
                    hi = literal_escape(p[i++]);
                }
                if (hi < lo) return fail("range out of order in [...]"), -1;
            }
            cls.ranges.push_back(lo);
            cls.ranges.push_back(hi);
        }
        if (!more()) return fail("missing ]"), -1;
        i++;
        re->classes.push_back(cls);
        node n;
        n.kind = node::CLASS;
        n.c    = (uint32_t) re->classes.size() - 1;
        return make(n);
    }

    int32_t parse_atom() {
        node n;
        const uint32_t c = p[i++];
        switch (c) {
        case '(': {
            if (i + 1 < p.size() && p[i] == '?' && p[i + 1] == ':') i += 2;
            else if (more() && p[i] == '?') return fail("only (?: ) groups are supported"), -1;
            const int32_t inner = parse_alt();
            if (!more() || p[i] != ')') return fail("missing )"), -1;
            i++;
            return inner;
        }
        case '[': return parse_class();
        case '.': n.kind = node::ANY; break;
        case '^': n.kind = node::BOL; break;
        case '$': n.kind = node::EOL; break;
        case '*': case '+': case '?': return fail("nothing to repeat"), -1;
        case '\\': {
            if (!more()) return fail("trailing backslash"), -1;
            const uint32_t e = p[i++];
            if (e == 'b') { n.kind = node::WORDB; break; }
            if (e == 'B') { n.kind = node::NWORDB; break; }
            regex::char_class cls;
            if (class_escape(e, &cls)) {
                re->classes.push_back(cls);
                n.kind = node::CLASS;
                n.c    = (uint32_t) re->classes.size() - 1;
                break;
            }
            if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || (e >= '1' && e <= '9')) {
                if (e != 't' && e != 'n' && e != 'r' && e != 'f' && e != 'v') return fail("unsupported escape"), -1;
            }
            n.kind = node::LIT;
            n.c    = literal_escape(e);
            break;
        }
        default: n.kind = node::LIT, n.c = c; break;
        }
        return make(n);
    }

    bool emit(int32_t id) {
        if (failed) return false;
        if (re->prog.size() > k_max_insts) return fail("pattern too large once repetitions are expanded");
        const node & n = nodes[(size_t) id];
        std::vector<regex::inst> & prog = re->prog;
        switch (n.kind) {
        case node::EMPTY: return true;
        case node::LIT: prog.push_back({regex::inst::CHAR, n.c}); return true;
        case node::ANY: prog.push_back({regex::inst::ANY}); return true;
        case node::CLASS: prog.push_back({regex::inst::CLASS, n.c}); return true;
        case node::BOL: prog.push_back({regex::inst::BOL}); return true;
        case node::EOL: prog.push_back({regex::inst::EOL}); return true;
        case node::WORDB: prog.push_back({regex::inst::WORDB}); return true;
        case node::NWORDB: prog.push_back({regex::inst::NWORDB}); return true;
        case node::CAT:
            for (int32_t k : n.kids) {
                if (!emit(k)) return false;
            }
            return true;
        case node::ALT: {
            const size_t split = prog.size();
            prog.push_back({regex::inst::SPLIT});
            prog[split].x = (int32_t) prog.size();
            if (!emit(n.kids[0])) return false;
            const size_t jmp = prog.size();
            prog.push_back({regex::inst::JMP});
            prog[split].y = (int32_t) prog.size();
            if (!emit(n.kids[1])) return false;
            prog[jmp].x = (int32_t) prog.size();
            return true;
        }
        case node::REPEAT: {
            for (int32_t k = 0; k < n.min; k++) {
                if (!emit(n.kids[0])) return false;
            }
            if (n.max == k_infinite) {
                const size_t split = prog.size();
                prog.push_back({regex::inst::SPLIT});
                prog[split].x = (int32_t) prog.size();
                if (!emit(n.kids[0])) return false;
                prog.push_back({regex::inst::JMP, 0, (int32_t) split});
                prog[split].y = (int32_t) prog.size();
                return true;
            }
            std::vector<size_t> splits;
            for (int32_t k = n.min; k < n.max; k++) {
                splits.push_back(prog.size());
                prog.push_back({regex::inst::SPLIT});
                prog.back().x = (int32_t) prog.size();
                if (!emit(n.kids[0])) return false;
            }
            for (size_t s : splits) prog[s].y = (int32_t) prog.size();
            return true;
        }
        }
        return true;
    }
};

bool class_has(const regex & re, const regex::char_class & cls, uint32_t c) {
    bool in = false;
    for (int pass = 0; pass < (re.icase ? 2 : 1) && !in; pass++) {
        const uint32_t x = pass ? other_case(c) : c;
        for (size_t k = 0; k + 1 < cls.ranges.size() && !in; k += 2) in = x >= cls.ranges[k] && x <= cls.ranges[k + 1];
    }
    const bool digit = c >= '0' && c <= '9';
    in = in || (cls.digit && digit) || (cls.not_digit && !digit) || (cls.word && is_word_cp(c)) ||
         (cls.not_word && !is_word_cp(c)) || (cls.space && is_space_cp(c)) || (cls.not_space && !is_space_cp(c));
    return in != cls.negated;
}

struct thread_list {
    std::vector<int32_t> pc;
    std::vector<size_t>  start;
};

struct vm {
    const regex &         re;
    const uint32_t *      cps;
    size_t                n;
    std::vector<uint32_t> mark;
    uint32_t              gen = 0;
    std::vector<int32_t>  stack;

    bool word_at(size_t pos) const { return pos < n && is_word_cp(cps[pos]); }

    // Adds pc and everything reachable from it without consuming input, at text position pos.
    void add(thread_list * l, int32_t pc0, size_t start, size_t pos) {
        stack.push_back(pc0);
        while (!stack.empty()) {
            const int32_t pc = stack.back();
            stack.pop_back();
            if (mark[(size_t) pc] == gen) continue;
            mark[(size_t) pc] = gen;
            const regex::inst & in = re.prog[(size_t) pc];
            switch (in.op) {
            case regex::inst::JMP: stack.push_back(in.x); break;
            case regex::inst::SPLIT: stack.push_back(in.y), stack.push_back(in.x); break;
            case regex::inst::BOL: if (pos == 0 || cps[pos - 1] == '\n') stack.push_back(pc + 1); break;
            case regex::inst::EOL: if (pos == n || cps[pos] == '\n' || cps[pos] == '\r') stack.push_back(pc + 1); break;
            case regex::inst::WORDB: if ((pos > 0 && word_at(pos - 1)) != word_at(pos)) stack.push_back(pc + 1); break;
            case regex::inst::NWORDB: if ((pos > 0 && word_at(pos - 1)) == word_at(pos)) stack.push_back(pc + 1); break;
            default: l->pc.push_back(pc), l->start.push_back(start); break;
            }
        }
    }

    bool consumes(const regex::inst & in, uint32_t c) const {
        switch (in.op) {
        case regex::inst::CHAR: return re.icase ? fold(in.c) == fold(c) : in.c == c;
        case regex::inst::ANY: return c != '\n';
        case regex::inst::CLASS: return class_has(re, re.classes[in.c], c);
        default: return false;
        }
    }

    // Leftmost-longest match starting in [from, n) (only at `from` when anchored; then it must end at n).
    bool run(size_t from, bool anchored, size_t * b, size_t * e) {
        mark.assign(re.prog.size(), 0);
        thread_list cur, next;
        bool found = false;
        gen++;
        add(&cur, 0, from, from);
        for (size_t pos = from;; pos++) {
            for (size_t k = 0; k < cur.pc.size(); k++) {
                if (re.prog[(size_t) cur.pc[k]].op != regex::inst::MATCH || cur.start[k] == pos) continue;
                if (anchored && pos != n) continue;
                if (!found || cur.start[k] < *b || (cur.start[k] == *b && pos > *e)) *b = cur.start[k], *e = pos, found = true;
            }
            if (pos == n) break;
            gen++;
            next.pc.clear();
            next.start.clear();
            for (size_t k = 0; k < cur.pc.size(); k++) {
                if (found && cur.start[k] > *b) continue;
                const regex::inst & in = re.prog[(size_t) cur.pc[k]];
                if (consumes(in, cps[pos])) add(&next, cur.pc[k] + 1, cur.start[k], pos + 1);
            }
            if (!found && !anchored) add(&next, 0, pos + 1, pos + 1);
            std::swap(cur, next);
            if (cur.pc.empty() && (found || anchored)) break;
        }
        return found;
    }
};

} // namespace

bool regex_compile(const char * pattern, size_t len, bool icase, regex * out, std::string * error) {
    *out = regex();
    out->icase = icase;
    parser ps;
    ps.re    = out;
    ps.error = error;
    for (size_t k = 0; k < len;) {
        uint32_t c;
        k += (size_t) utf8_next((const uint8_t *) pattern, len, k, &c);
        ps.p.push_back(c);
    }
    if (ps.p.empty()) {
        *error = "empty pattern";
        return false;
    }
    const int32_t root = ps.parse_alt();
    if (!ps.failed && ps.more()) ps.fail("unbalanced )");
    if (ps.failed || !ps.emit(root)) return false;
    out->prog.push_back({regex::inst::MATCH});
    return true;
}

bool regex_search(const regex & re, const uint32_t * cps, size_t n, size_t from, size_t * b, size_t * e) {
    vm m{re, cps, n, {}, 0, {}};
    return from <= n && m.run(from, false, b, e);
}

bool regex_full_match(const regex & re, const uint32_t * cps, size_t n) {
    vm m{re, cps, n, {}, 0, {}};
    size_t b = 0, e = 0;
    return m.run(0, true, &b, &e) && b == 0 && e == n;
}

} // namespace mab
