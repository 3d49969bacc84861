// minialbert tag: PHI entities of each input as {"entities": [{"type", "subtype", "start", "end",
// "text", "score", "source"}]}, one JSON object per line.
#include "commands.h"
#include "pipeline-args.h"

int cmd_tag(int argc, char ** argv) {
    cli_args args;
    if (!parse_args(argc, argv, k_tag_value_opts, k_tag_flag_opts, &args)) return 2;
    tag_setup setup;
    if (const int status = tag_setup_init("tag", args, nullptr, &setup)) return status;
    const bool ok = for_each_input("tag", args, [&](const std::string & text) {
        mab_tag_job * job = nullptr;
        mab_tag_result * r = nullptr;
        if (mab_tag_begin(setup.tagger, text.data(), text.size(), &setup.params, &job) != MAB_STATUS_OK) {
            fprintf(stderr, "minialbert tag: %s\n", mab_last_error());
            return false;
        }
        if (!run_job_steps("tag", setup, job)) return false;
        const mab_status finished = mab_tag_job_finish(job, &r);
        mab_tag_job_free(job);
        if (finished != MAB_STATUS_OK) {
            fprintf(stderr, "minialbert tag: %s\n", mab_last_error());
            return false;
        }
        printf("%s\n", mab_tag_result_json(r));
        mab_tag_result_free(r);
        return true;
    });
    return ok ? 0 : 1;
}
