// A tiny option parser shared by the CLI verbs: --name VALUE and --flag.
#pragma once

#include "minialbert.h"

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
// on an unknown option or a missing value.
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

// Loads the model named by --model with the backend named by --backend. Prints one message
// ("minialbert <verb>: ...") and returns null on failure.
inline mab_model * load_model_from_args(const cli_args & args, const char * verb) {
    mab_model_params mp = mab_model_default_params();
    const std::string backend = args.get("--backend", "auto");
    mp.backend = backend.c_str();
    mp.n_threads = atoi(args.get("--threads", "0").c_str()); // 0: the core's default
    mab_model * model = nullptr;
    if (mab_model_load_from_dir(args.get("--model").c_str(), mp, &model) != MAB_STATUS_OK) {
        fprintf(stderr, "minialbert %s: %s\n", verb, mab_last_error());
        return nullptr;
    }
    return model;
}
