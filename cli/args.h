// A tiny option parser shared by the CLI verbs: --name VALUE and --flag.
#pragma once

#include "minialbert.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

struct cli_args {
    std::map<std::string, std::string> values;
    std::set<std::string>              flags;
    std::vector<std::string>           positional;

    bool has(const std::string & k) const { return values.count(k) || flags.count(k); }
    std::string get(const std::string & k, const std::string & def = "") const {
        auto it = values.find(k);
        return it == values.end() ? def : it->second;
    }
};

// Parses argv[1..]; `value_opts` take a value, `flag_opts` do not. Prints one message and returns false
// on an unknown option, a missing value or an option given a value twice.
inline bool parse_args(int argc, char ** argv, const std::set<std::string> & value_opts,
                       const std::set<std::string> & flag_opts, cli_args * out) {
    for (int i = 1; i < argc; i++) {
        const std::string a = argv[i];
        if (a.rfind("--", 0) != 0) {
            out->positional.push_back(a);
        } else if (value_opts.count(a)) {
            if (i + 1 >= argc) {
                fprintf(stderr, "minialbert %s: option %s needs a value\n", argv[0], a.c_str());
                return false;
            }
            // Given twice, the first value would be silently unused.
            if (out->values.count(a)) {
                fprintf(stderr, "minialbert %s: option %s is given twice\n", argv[0], a.c_str());
                return false;
            }
            out->values[a] = argv[++i];
        } else if (flag_opts.count(a)) {
            out->flags.insert(a);
        } else {
            fprintf(stderr, "minialbert %s: unknown option '%s' (see minialbert --help)\n", argv[0], a.c_str());
            return false;
        }
    }
    return true;
}

// A verb that takes no positional arguments: one given is a mistake, not something to ignore.
inline bool no_positional(const cli_args & args, const char * verb) {
    if (args.positional.empty()) return true;
    fprintf(stderr, "minialbert %s: unexpected argument '%s' (see minialbert --help)\n", verb, args.positional[0].c_str());
    return false;
}

// The value of option `k` as an integer in [lo, hi], `def` when the option is absent. Prints one
// message and returns false when it is not one ("abc", "12x", out of range): atoi would read 0.
inline bool get_int(const cli_args & args, const char * verb, const char * k, long long def, long long lo, long long hi,
                    int32_t * out) {
    if (!args.has(k)) {
        *out = (int32_t) def;
        return true;
    }
    const std::string v = args.get(k);
    char * end = nullptr;
    errno = 0;
    const long long x = strtoll(v.c_str(), &end, 10);
    if (v.empty() || *end || errno || x < lo || x > hi) {
        fprintf(stderr, "minialbert %s: %s must be an integer from %lld to %lld, got '%s'\n", verb, k, lo, hi, v.c_str());
        return false;
    }
    *out = (int32_t) x;
    return true;
}

// The same for a number in [lo, hi].
inline bool get_number(const cli_args & args, const char * verb, const char * k, double def, double lo, double hi, float * out) {
    if (!args.has(k)) {
        *out = (float) def;
        return true;
    }
    const std::string v = args.get(k);
    char * end = nullptr;
    const double x = strtod(v.c_str(), &end);
    if (v.empty() || *end || !std::isfinite(x) || x < lo || x > hi) {
        fprintf(stderr, "minialbert %s: %s must be a number from %g to %g, got '%s'\n", verb, k, lo, hi, v.c_str());
        return false;
    }
    *out = (float) x;
    return true;
}

// Whether --backend (default auto) names a backend this binary has; prints why not.
inline bool backend_arg_ok(const cli_args & args, const char * verb) {
    if (mab_backend_check(args.get("--backend", "auto").c_str()) == MAB_STATUS_OK) return true;
    fprintf(stderr, "minialbert %s: %s\n", verb, mab_last_error());
    return false;
}

// Loads the model named by --model with the backend named by --backend into *out. Returns the exit
// status: 0, 2 for a bad option value, 1 when the model does not load (one message printed).
inline int load_model_from_args(const cli_args & args, const char * verb, mab_model ** out) {
    mab_model_params mp = mab_model_default_params();
    const std::string backend = args.get("--backend", "auto");
    mp.backend = backend.c_str();
    if (!get_int(args, verb, "--threads", 0, 0, 64, &mp.n_threads)) return 2; // 0: the core's default
    if (!backend_arg_ok(args, verb)) return 2;
    if (mab_model_load_from_dir(args.get("--model").c_str(), mp, out) != MAB_STATUS_OK) {
        fprintf(stderr, "minialbert %s: %s\n", verb, mab_last_error());
        return 1;
    }
    return 0;
}
