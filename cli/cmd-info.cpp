// minialbert info: what a model directory holds and what running it costs.
#include "args.h"
#include "commands.h"
#include "minialbert.h"

#include <cstdio>
#include <string>

int cmd_info(int argc, char ** argv) {
    cli_args args;
    if (!parse_args(argc, argv, {"--model", "--backend"}, {}, &args)) return 2;
    if (!args.has("--model")) {
        fprintf(stderr, "minialbert info: --model DIR is required\n");
        return 2;
    }
    if (!no_positional(args, "info")) return 2;
    mab_model * model = nullptr;
    if (const int status = load_model_from_args(args, "info", &model)) return status;
    mab_model_info i;
    mab_model_get_info(model, &i);
    const char * head = i.head == MAB_HEAD_TOKEN_CLASSIFICATION    ? "token classification"
                      : i.head == MAB_HEAD_SEQUENCE_CLASSIFICATION ? "sequence classification"
                                                                   : "none (encoder only)";
    printf("model:             %s\n", args.get("--model").c_str());
    printf("head:              %s\n", head);
    printf("vocab_size:        %d\n", i.vocab_size);
    printf("embedding_size:    %d\n", i.embedding_size);
    printf("hidden_size:       %d\n", i.hidden_size);
    printf("num_hidden_layers: %d (recursions of one shared layer)\n", i.num_hidden_layers);
    printf("attention heads:   %d\n", i.num_attention_heads);
    printf("intermediate_size: %d\n", i.intermediate_size);
    printf("max positions:     %d\n", i.max_position_embeddings);
    printf("hidden_act:        %s\n", i.hidden_act);
    if (i.use_adapter) {
        printf("adapters:          yes, bottleneck %d (reduction_factor %d)\n", i.hidden_size / i.reduction_factor,
               i.reduction_factor);
    } else {
        printf("adapters:          no\n");
    }
    printf("labels:            %d", i.num_labels);
    for (int32_t l = 0; l < i.num_labels; l++) printf("%s%s", l ? ", " : " (", mab_model_label(model, l));
    printf("%s\n", i.num_labels ? ")" : "");
    printf("parameters:        %lld\n", (long long) i.n_params);
    printf("backend:           %s\n", i.backend);
    if (i.int8_gemm) printf("int8 GEMM:         %s\n", i.int8_gemm);
    printf("weights in memory: %.1f MB\n", i.weight_bytes / 1e6);
    for (int32_t L : {128, 512}) {
        if (L > i.max_position_embeddings) continue;
        printf("workspace @ %3d:   %.1f MB (batch 1), %.2f GFLOP per forward\n", L,
               mab_model_workspace_bytes(model, 1, L) / 1e6, mab_model_flops(model, 1, L) / 1e9);
    }
    mab_model_free(model);
    return 0;
}
