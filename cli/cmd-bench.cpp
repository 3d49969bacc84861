// minialbert bench: median forward latency and GFLOP/s per sequence length (a benchmark, not a test).
#include "args.h"
#include "commands.h"
#include "minialbert.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

int cmd_bench(int argc, char ** argv) {
    cli_args args;
    if (!parse_args(argc, argv, {"--model", "--seq", "--batch", "--runs", "--backend", "--threads"}, {}, &args)) return 2;
    if (!args.has("--model")) {
        fprintf(stderr, "minialbert bench: --model DIR is required\n");
        return 2;
    }
    if (!no_positional(args, "bench")) return 2;
    std::vector<int> seqs;
    const std::string seq_list = args.get("--seq", "128,512");
    bool seqs_ok = !seq_list.empty() && seq_list.back() != ',';
    std::stringstream ss(seq_list);
    for (std::string tok; seqs_ok && std::getline(ss, tok, ',');) {
        char * end = nullptr;
        const long L = strtol(tok.c_str(), &end, 10);
        seqs_ok = !tok.empty() && !*end && L >= 1 && L <= 1000000;
        seqs.push_back((int) L);
    }
    if (!seqs_ok) {
        fprintf(stderr, "minialbert bench: --seq must be a comma-separated list of positive lengths, got '%s'\n", seq_list.c_str());
        return 2;
    }
    int32_t batch = 1, runs = 10;
    if (!get_int(args, "bench", "--batch", 1, 1, 1000000, &batch) || !get_int(args, "bench", "--runs", 10, 1, 1000000, &runs)) return 2;
    mab_model * model = nullptr;
    if (const int status = load_model_from_args(args, "bench", &model)) return status;
    mab_model_info info;
    mab_model_get_info(model, &info);
    // Checked before the inputs are allocated: a shape the model refuses must not first cost (or
    // fail) an allocation of batch × seq × hidden floats.
    for (int L : seqs) {
        if (L > info.max_position_embeddings) {
            fprintf(stderr, "minialbert bench: --seq %d exceeds the model's max_position_embeddings %d\n", L, info.max_position_embeddings);
            mab_model_free(model);
            return 2;
        }
        if (mab_model_workspace_bytes(model, batch, L) == SIZE_MAX) {
            fprintf(stderr, "minialbert bench: --batch %d x --seq %d is too large for this machine's address space\n", batch, L);
            mab_model_free(model);
            return 2;
        }
    }
    printf("backend %s%s%s, batch %d, %d runs after 2 warm-up runs, %d thread%s\n", info.backend,
           info.int8_gemm ? ", int8 GEMM " : "", info.int8_gemm ? info.int8_gemm : "", batch, runs,
           info.n_threads, info.n_threads == 1 ? "" : "s");
    printf("%8s %12s %12s %10s\n", "seq", "median ms", "min ms", "GFLOP/s");
    int rc = 0;
    for (int L : seqs) {
        std::vector<int32_t> ids;
        std::vector<float>   out;
        try {
            ids.resize((size_t) batch * L);
            out.resize((size_t) batch * L * (size_t) info.hidden_size);
        } catch (const std::exception &) {
            fprintf(stderr, "minialbert bench: out of memory for --batch %d x --seq %d\n", batch, L);
            rc = 1;
            break;
        }
        srand(42);
        for (int32_t & id : ids) id = rand() % info.vocab_size;
        std::vector<double> ms;
        for (int r = 0; r < runs + 2; r++) {
            const auto t0 = std::chrono::steady_clock::now();
            if (mab_forward(model, ids.data(), nullptr, nullptr, batch, L, nullptr, out.data(),
                            mab_forward_default_params()) != MAB_STATUS_OK) {
                fprintf(stderr, "minialbert bench: %s\n", mab_last_error());
                rc = 1;
                break;
            }
            const auto t1 = std::chrono::steady_clock::now();
            if (r >= 2) ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        }
        if (rc) break;
        std::sort(ms.begin(), ms.end());
        const double median = ms[ms.size() / 2];
        printf("%8d %12.2f %12.2f %10.1f\n", L, median, ms[0], mab_model_flops(model, batch, L) / (median * 1e6));
    }
    mab_model_free(model);
    return rc;
}
