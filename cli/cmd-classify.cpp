// minialbert classify: every label's score for each input, best first, with a sequence-classification
// model: {"labels": [{"label", "score"}, ...], "tokens": N, "tokens_read": M}, one JSON object per line.
// A text longer than the model's window is truncated, as upstream's pipeline does; tokens_read < tokens
// says so, and a note on stderr too.
#include "commands.h"
#include "pipeline-args.h"

#include <algorithm>
#include <numeric>
#include <vector>

int cmd_classify(int argc, char ** argv) {
    cli_args args;
    if (!parse_args(argc, argv, {"--model", "--backend", "--threads", "--max-length"}, {"--jsonl"}, &args)) return 2;
    if (!args.has("--model")) {
        fprintf(stderr, "minialbert classify: --model DIR is required (a sequence-classification model)\n");
        return 2;
    }
    int32_t max_length = 0;
    if (!get_int(args, "classify", "--max-length", 0, 0, 1000000, &max_length)) return 2;
    mab_model * model = nullptr;
    if (const int status = load_model_from_args(args, "classify", &model)) return status;
    mab_tokenizer * tok = nullptr;
    if (mab_tokenizer_load_from_dir(args.get("--model").c_str(), &tok) != MAB_STATUS_OK) {
        fprintf(stderr, "minialbert classify: %s\n", mab_last_error());
        mab_model_free(model);
        return 1;
    }
    mab_model_info info;
    mab_model_get_info(model, &info);
    std::vector<float> scores((size_t) std::max(info.num_labels, 1));
    // --max-length against the model's window, and the model's head, before any input is read.
    mab_classification none;
    if (const mab_status st = mab_classify(model, tok, "", 0, max_length, scores.data(), &none)) {
        fprintf(stderr, "minialbert classify: %s\n", mab_last_error());
        mab_tokenizer_free(tok);
        mab_model_free(model);
        return st == MAB_STATUS_INVALID_ARGUMENT ? 2 : 1;
    }
    int input = 0;
    const bool ok = for_each_input("classify", args, [&](const std::string & text) {
        input++;
        mab_classification read;
        if (mab_classify(model, tok, text.data(), text.size(), max_length, scores.data(), &read) != MAB_STATUS_OK) {
            fprintf(stderr, "minialbert classify: %s\n", mab_last_error());
            return false;
        }
        std::vector<int32_t> order((size_t) info.num_labels);
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return scores[(size_t) a] > scores[(size_t) b]; });
        // Scores with six significant digits, as tag prints them: the float's further digits are noise.
        std::string line = "{\"labels\":[";
        for (size_t k = 0; k < order.size(); k++) {
            char score[32];
            snprintf(score, sizeof score, "%.6g", (double) scores[(size_t) order[k]]);
            line += (k ? ",{\"label\":" : "{\"label\":") +
                    nlohmann::json(mab_model_label(model, order[k])).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
                    ",\"score\":" + score + "}";
        }
        printf("%s],\"tokens\":%d,\"tokens_read\":%d}\n", line.c_str(), read.n_tokens, read.n_tokens_read);
        if (read.n_tokens_read < read.n_tokens) {
            fflush(stdout); // the note follows its line in a merged log
            fprintf(stderr, "minialbert classify: input %d is %d tokens; the model read the first %d (its window)\n", input,
                    read.n_tokens, read.n_tokens_read);
        }
        return true;
    });
    mab_tokenizer_free(tok);
    mab_model_free(model);
    return ok ? 0 : 1;
}
