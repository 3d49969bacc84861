// What `minialbert tag` and `minialbert deid` share: the model directory (--model, then
// $MINIALBERT_MODEL, then the default model built into the binary), the tagging options, and the
// inputs (files or stdin; with --jsonl, one {"text": ...} object per line).
#pragma once

#include "args.h"
#include "input.h"
#include "minialbert.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#ifndef MAB_DEFAULT_MODEL_DIR
#define MAB_DEFAULT_MODEL_DIR "models/deid-minialbert-small"
#endif

// Options taking a value / flags common to both verbs.
inline const std::set<std::string> k_tag_value_opts = {"--model",  "--aggregation", "--offsets",   "--stride", "--max-length",
                                                       "--rules",  "--allow",       "--deny",      "--min-score",
                                                       "--ignore-labels", "--backend"};
inline const std::set<std::string> k_tag_flag_opts  = {"--jsonl", "--no-model", "--day-first", "--progress"};

// Everything a verb needs to tag: the tagger and the parameters (with the strings they point to).
struct tag_setup {
    mab_tagger *    tagger    = nullptr;
    mab_tokenizer * tokenizer = nullptr; // --no-model: the model directory's, for the address rule
    mab_tag_params params = mab_tag_default_params();
    std::string    ignore_labels, rules, allow, deny;
    bool           progress = false; // --progress: windows done on stderr
    ~tag_setup() {
        mab_tagger_free(tagger);
        mab_tokenizer_free(tokenizer);
    }
};

// Runs the model windows of a begun job. With --progress it counts them on stderr ("minialbert tag:
// window 12 of 330"): on a terminal one line rewritten in place, else a line per tenth of the windows.
// Frees the job and prints the error when a step fails.
inline bool run_job_steps(const char * verb, const tag_setup & setup, mab_tag_job * job) {
    const int32_t n = mab_tag_job_n_steps(job);
    const bool in_place = setup.progress && isatty(fileno(stderr));
    while (mab_tag_job_steps_done(job) < n) {
        if (mab_tag_job_step(job) != MAB_STATUS_OK) {
            if (in_place) fputc('\n', stderr);
            fprintf(stderr, "minialbert %s: %s\n", verb, mab_last_error());
            mab_tag_job_free(job);
            return false;
        }
        const int32_t done = mab_tag_job_steps_done(job);
        if (in_place) {
            fprintf(stderr, "\rminialbert %s: window %d of %d", verb, done, n);
            if (done == n) fputc('\n', stderr);
        } else if (setup.progress && (done == n || done * 10 / n != (done - 1) * 10 / n)) {
            fprintf(stderr, "minialbert %s: window %d of %d\n", verb, done, n);
        }
    }
    return true;
}

// Reads the tagging options (and checks `deid`'s, when not NULL) and loads the tagger. Returns 0, or
// the exit status after a message: 2 for an option no model would take (found before anything loads),
// 1 for a file or a model that cannot be used.
inline int tag_setup_init(const char * verb, const cli_args & args, const mab_deid_params * deid, tag_setup * s) {
    mab_tag_params & p = s->params;
    const std::string agg = args.get("--aggregation", "first");
    static const char * const names[] = {"none", "simple", "first", "average", "max"};
    int found = -1;
    for (int k = 0; k < 5; k++) found = agg == names[k] ? k : found;
    if (found < 0) {
        fprintf(stderr, "minialbert %s: --aggregation must be none, simple, first, average or max, got '%s'\n", verb, agg.c_str());
        return 2;
    }
    p.aggregation = (mab_aggregation) found;
    s->progress   = args.has("--progress");
    const std::string off = args.get("--offsets", "utf16");
    if (off != "utf16" && off != "codepoints") {
        fprintf(stderr, "minialbert %s: --offsets must be utf16 or codepoints, got '%s'\n", verb, off.c_str());
        return 2;
    }
    p.offsets    = off == "utf16" ? MAB_OFFSETS_UTF16 : MAB_OFFSETS_CODEPOINTS;
    if (!get_int(args, verb, "--stride", -1, -1, 1000000, &p.stride) || !get_int(args, verb, "--max-length", 0, 0, 1000000, &p.max_length) ||
        !get_number(args, verb, "--min-score", 0, 0, 1, &p.min_score)) {
        return 2;
    }
    p.day_first  = args.has("--day-first");
    p.use_model  = !args.has("--no-model");
    if (args.has("--ignore-labels")) s->ignore_labels = args.get("--ignore-labels"), p.ignore_labels = s->ignore_labels.c_str();
    if (args.has("--rules")) s->rules = args.get("--rules"), p.rules = s->rules.c_str();
    for (const char * opt : {"--allow", "--deny"}) {
        if (!args.has(opt)) continue;
        std::string & dst = opt[2] == 'a' ? s->allow : s->deny;
        std::string why;
        if (!read_whole(args.get(opt), MAB_MAX_TEXT_BYTES, &dst, &why)) {
            fprintf(stderr, "minialbert %s: cannot read %s file '%s': %s\n", verb, opt, args.get(opt).c_str(), why.c_str());
            return 1;
        }
        (opt[2] == 'a' ? p.allow_list : p.deny_list) = dst.c_str();
    }

    const std::string backend = args.get("--backend", "auto");
    if (!backend_arg_ok(args, verb)) return 2;
    if (mab_params_check(&p, deid) != MAB_STATUS_OK) {
        fprintf(stderr, "minialbert %s: %s\n", verb, mab_last_error());
        return 2;
    }

    mab_status st;
    const char * env = getenv("MINIALBERT_MODEL");
    const std::string dir = args.has("--model") ? args.get("--model") : env && *env ? env : MAB_DEFAULT_MODEL_DIR;
    if (p.use_model) {
        if (!std::ifstream(dir + "/config.json")) {
            fprintf(stderr,
                    "minialbert %s: no model at '%s' (no config.json there). Pass --model DIR, set MINIALBERT_MODEL, "
                    "or use --no-model for rules and lists only.\n",
                    verb, dir.c_str());
            return 1;
        }
        mab_model_params mp = mab_model_default_params();
        mp.backend = backend.c_str();
        st = mab_tagger_load_from_dir(dir.c_str(), mp, &s->tagger);
    } else {
        // Rules and lists only; the model directory's vocabulary, when there is one, is the address
        // rule's (as with the JS API's {model: false}); --model naming none is a mistake.
        const bool has_vocab = std::ifstream(dir + "/vocab.txt") || std::ifstream(dir + "/tokenizer.json");
        st = MAB_STATUS_OK;
        if (args.has("--model") || has_vocab) st = mab_tokenizer_load_from_dir(dir.c_str(), &s->tokenizer);
        if (st == MAB_STATUS_OK) st = mab_tagger_init(nullptr, s->tokenizer, nullptr, 0, &s->tagger);
    }
    if (st != MAB_STATUS_OK) {
        fprintf(stderr, "minialbert %s: %s\n", verb, mab_last_error());
        return 1;
    }
    // What depends on the model (the window and stride against its length, the operators' types and
    // subtypes against its labels) is checked now, before any input is read: a job on an empty text
    // checks it.
    mab_tag_job * check = nullptr;
    st = deid ? mab_deidentify_begin(s->tagger, "", 0, &p, deid, &check) : mab_tag_begin(s->tagger, "", 0, &p, &check);
    mab_tag_job_free(check);
    if (st != MAB_STATUS_OK) {
        fprintf(stderr, "minialbert %s: %s\n", verb, mab_last_error());
        return st == MAB_STATUS_INVALID_ARGUMENT ? 2 : 1;
    }
    return 0;
}

// Calls fn(text) for every input: each file (or stdin) whole, or with --jsonl each line's "text".
// Returns false after printing a message when an input cannot be read or a line is not valid.
inline bool for_each_input(const char * verb, const cli_args & args, const std::function<bool(const std::string &)> & fn) {
    std::vector<std::string> files = args.positional;
    if (files.empty()) files.push_back("-");
    for (const std::string & f : files) {
        if (!for_each_text(verb, f, args.has("--jsonl"), fn)) return false;
    }
    return true;
}
