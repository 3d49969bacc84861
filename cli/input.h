// Reading the CLI's inputs: a file (or stdin, "-") whole, or line by line for --jsonl. Both stop at a
// limit, so that an endless input (/dev/zero, a pipe that never ends a line) is refused, not read
// until the memory runs out.
#pragma once

#include "jsonl.h"
#include "minialbert.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <sys/stat.h>

// The longest --jsonl line: a text of MAB_MAX_TEXT_BYTES written with JSON escapes ("\u0001" is 6
// bytes for 1), and room for the rest of the object.
constexpr size_t k_max_jsonl_line_bytes = 6 * MAB_MAX_TEXT_BYTES + 4096;

// "stdin" or 'path', for messages.
inline std::string input_name(const std::string & path) { return path == "-" ? "stdin" : "'" + path + "'"; }

inline FILE * open_input(const std::string & path, std::string * why) {
    FILE * f = path == "-" ? stdin : fopen(path.c_str(), "rb");
    if (!f) {
        *why = strerror(errno);
        return nullptr;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        if (f != stdin) fclose(f);
        *why = "it is a directory";
        return nullptr;
    }
    return f;
}

// Reads a file, or stdin for "-", whole, at most max_bytes. Returns false with *why set when it
// cannot: a directory or a closed stdin is an error, not an empty text (which would tag as "no PHI",
// or key as ""), and so is a longer input (then *too_long is set, when given).
inline bool read_whole(const std::string & path, size_t max_bytes, std::string * out, std::string * why,
                       bool * too_long = nullptr) {
    FILE * f = open_input(path, why);
    if (!f) return false;
    out->clear();
    char   buf[1 << 16];
    size_t n;
    errno = 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0 && out->size() <= max_bytes) out->append(buf, n);
    const bool failed = ferror(f);
    const int  err    = errno;
    if (f != stdin) fclose(f);
    if (failed) {
        *why = err ? strerror(err) : "read error";
        return false;
    }
    if (out->size() > max_bytes) {
        *why = "it has more than " + std::to_string(max_bytes) + " bytes";
        out->clear();
        if (too_long) *too_long = true;
        return false;
    }
    return true;
}

// Calls fn(text) for the input at `path` (a file, or stdin for "-"): the whole of it, at most
// MAB_MAX_TEXT_BYTES, or with `jsonl` each line's "text" (blank lines skipped), read one line at a
// time. Prints "minialbert VERB: ..." and returns false when the input cannot be read or a line is not
// valid; returns false when fn does.
inline bool for_each_text(const char * verb, const std::string & path, bool jsonl,
                          const std::function<bool(const std::string &)> & fn) {
    std::string why;
    if (!jsonl) {
        std::string text;
        bool        too_long = false;
        if (!read_whole(path, MAB_MAX_TEXT_BYTES, &text, &why, &too_long)) {
            fprintf(stderr, "minialbert %s: cannot read %s: %s%s\n", verb, input_name(path).c_str(), why.c_str(),
                    too_long ? ", the most one text may have; split it, or give one text per line with --jsonl" : "");
            return false;
        }
        return fn(text);
    }
    FILE * f = open_input(path, &why);
    if (!f) {
        fprintf(stderr, "minialbert %s: cannot read %s: %s\n", verb, input_name(path).c_str(), why.c_str());
        return false;
    }
    const std::string where = path == "-" ? "stdin" : path;
    std::string line;
    char        buf[1 << 16];
    size_t      line_no = 1;
    bool        ok      = true;
    // Each line once it is whole; the last one also without its newline.
    const auto take = [&](std::string & l) {
        if (!l.empty() && l.back() == '\r') l.pop_back();
        if (l.find_first_not_of(" \t\r") == std::string::npos) return true;
        std::string text;
        if (!jsonl_text(l, &text, &why)) {
            fprintf(stderr, "minialbert %s: %s line %zu: %s\n", verb, where.c_str(), line_no, why.c_str());
            return false;
        }
        return fn(text);
    };
    size_t n;
    errno = 0;
    while (ok && (n = fread(buf, 1, sizeof buf, f)) > 0) {
        for (size_t at = 0; ok && at < n;) {
            const char * nl  = (const char *) memchr(buf + at, '\n', n - at);
            const size_t end = nl ? (size_t) (nl - buf) : n;
            line.append(buf + at, end - at);
            at = end + (nl ? 1 : 0);
            if (line.size() > k_max_jsonl_line_bytes) {
                fprintf(stderr, "minialbert %s: %s line %zu: longer than %zu bytes, more than a text of at most %zu bytes "
                        "needs; is it JSON Lines?\n", verb, where.c_str(), line_no, k_max_jsonl_line_bytes,
                        (size_t) MAB_MAX_TEXT_BYTES);
                ok = false;
            } else if (nl) {
                ok = take(line);
                line.clear();
                line_no++;
            }
        }
    }
    if (ok && ferror(f)) {
        fprintf(stderr, "minialbert %s: cannot read %s: %s\n", verb, input_name(path).c_str(), errno ? strerror(errno) : "read error");
        ok = false;
    }
    if (ok && !line.empty()) ok = take(line);
    if (f != stdin) fclose(f);
    return ok;
}
