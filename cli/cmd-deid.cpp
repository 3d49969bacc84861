// minialbert deid: each input with its PHI replaced. Plain inputs print the new text; --json (and
// --jsonl, one line per input) print {"text", "replacements": [...]} with the audit of every change.
#include "commands.h"
#include "pipeline-args.h"

#include <algorithm>

int cmd_deid(int argc, char ** argv) {
    std::set<std::string> value_opts = k_tag_value_opts, flag_opts = k_tag_flag_opts;
    value_opts.insert({"--operator", "--key", "--key-file", "--mask-char", "--max-shift-days"});
    flag_opts.insert("--json");
    cli_args args;
    if (!parse_args(argc, argv, value_opts, flag_opts, &args)) return 2;
    // Checked before the model loads. Two keys would leave one silently unused.
    if (args.has("--key") && args.has("--key-file")) {
        fprintf(stderr, "minialbert deid: give --key or --key-file, not both\n");
        return 2;
    }
    const std::string mask = args.get("--mask-char", "*");
    if (mask.size() != 1 || (uint8_t) mask[0] >= 0x80) {
        fprintf(stderr, "minialbert deid: --mask-char must be one ASCII character\n");
        return 2;
    }
    // The deid options are read before the model loads, so that a mistake in them fails at once.
    mab_deid_params dp = mab_deid_default_params();
    if (!get_int(args, "deid", "--max-shift-days", 365, 1, 36500, &dp.max_shift_days)) return 2;
    const std::string operators = args.get("--operator", "*=tag");
    dp.operators = operators.c_str();
    std::string key = args.get("--key"), why;
    // A key read from stdin would leave the input (stdin too) empty: an empty text, "no PHI".
    const bool stdin_input = args.positional.empty() || std::count(args.positional.begin(), args.positional.end(), "-");
    if (args.get("--key-file") == "-" && stdin_input) {
        fprintf(stderr, "minialbert deid: --key-file - reads the key from stdin, which the input is read from too: "
                        "give the input as a file, or the key in a file\n");
        return 2;
    }
    if (args.has("--key-file") && !read_whole(args.get("--key-file"), MAB_MAX_TEXT_BYTES, &key, &why)) {
        fprintf(stderr, "minialbert deid: cannot read --key-file '%s': %s\n", args.get("--key-file").c_str(), why.c_str());
        return 1;
    }
    if (args.has("--key-file") && key.empty()) {
        fprintf(stderr, "minialbert deid: --key-file '%s' is empty: the key is empty, and everybody knows it\n",
                args.get("--key-file").c_str());
        return 1;
    }
    if (args.has("--key") || args.has("--key-file")) dp.key = key.data(), dp.key_len = key.size();
    dp.mask_char = (uint8_t) mask[0];
    tag_setup setup;
    if (const int status = tag_setup_init("deid", args, &dp, &setup)) return status;
    const bool as_json = args.has("--json") || args.has("--jsonl");

    const bool ok = for_each_input("deid", args, [&](const std::string & text) {
        mab_tag_job * job = nullptr;
        mab_deid_result * r = nullptr;
        if (mab_deidentify_begin(setup.tagger, text.data(), text.size(), &setup.params, &dp, &job) != MAB_STATUS_OK) {
            fprintf(stderr, "minialbert deid: %s\n", mab_last_error());
            return false;
        }
        if (!run_job_steps("deid", setup, job)) return false;
        const mab_status finished = mab_tag_job_finish_deid(job, &r);
        mab_tag_job_free(job);
        if (finished != MAB_STATUS_OK) {
            fprintf(stderr, "minialbert deid: %s\n", mab_last_error());
            return false;
        }
        if (as_json) {
            printf("%s\n", mab_deid_result_json(r));
        } else {
            size_t len = 0;
            const char * out = mab_deid_result_text(r, &len);
            fwrite(out, 1, len, stdout);
        }
        mab_deid_result_free(r);
        return true;
    });
    return ok ? 0 : 1;
}
